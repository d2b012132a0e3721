// Package jsonin is the one policy of ppgpa for JSON input, shared by every
// decoder of models, overlays, margins, scales and requests:
//
//   - a UTF-8 byte-order mark at the start is accepted and skipped;
//   - bytes that are not valid UTF-8 are an error naming their offset
//     (a file saved as GBK or GB18030 is not silently read with U+FFFD in
//     place of every Chinese character);
//   - the input is exactly one JSON value, with nothing after it;
//   - an object member name repeated in the same object is an error (the
//     standard library would keep the last);
//   - C0 control characters (U+0000 to U+001F) and DEL are errors in
//     member names, and in string values except tab, line feed and
//     carriage return: escape sequences must not reach a terminal or a
//     report through an id or a name.
//
// Errors say "line L, column C: problem", counting columns in bytes from 1.
package jsonin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// bom is the UTF-8 encoding of U+FEFF.
var bom = []byte{0xEF, 0xBB, 0xBF}

// Check applies the policy to the JSON document b and returns b without a
// leading byte-order mark.
func Check(b []byte) ([]byte, error) { return CheckLimit(b, Limit{}) }

// Limit bounds the number of elements of the arrays that are the value of
// a member named Key, summed over the whole document (e.g. the children
// of every node of a model tree); 0 means no bound.
type Limit struct {
	Key string
	Max int
}

// ErrLimit is wrapped by the error of CheckLimit for a document over the
// limit.
var ErrLimit = errors.New("too many elements")

// CheckLimit is Check, also counting the elements of the arrays named by
// lim while the document is read, and stopping with an error wrapping
// ErrLimit as soon as there are more than lim.Max: the document is never
// decoded into memory beyond the limit.
func CheckLimit(b []byte, lim Limit) ([]byte, error) {
	b = bytes.TrimPrefix(b, bom)
	if off := invalidUTF8(b); off >= 0 {
		line, col := LineCol(b, int64(off))
		return nil, fmt.Errorf("line %d, column %d: byte %d (0x%02x) is not valid UTF-8 (a file saved as GBK or GB18030? save it as UTF-8)", line, col, off, b[off])
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type frame struct {
		object  bool
		keys    map[string]bool
		expect  bool // the next token of an object is a member name
		counted bool // an array whose elements count towards lim
	}
	var stack []frame
	started := false
	count := 0
	lastKey := ""
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF && started && len(stack) == 0 {
			return b, nil
		}
		if err != nil {
			if len(stack) > 0 {
				// Decode locates a syntax error more precisely than
				// Token does.
				var v any
				if derr := json.NewDecoder(bytes.NewReader(b)).Decode(&v); derr != nil {
					err = derr
				}
			}
			return nil, errors.New(SyntaxLocation(b, err))
		}
		if started && len(stack) == 0 {
			line, col := LineCol(b, off+int64(len(b[off:])-len(bytes.TrimLeft(b[off:], " \t\r\n"))))
			return nil, fmt.Errorf("line %d, column %d: data after the end of the document", line, col)
		}
		started = true
		if n := len(stack); n > 0 && stack[n-1].counted && tok != json.Delim(']') {
			if count++; lim.Max > 0 && count > lim.Max {
				line, col := LineCol(b, off)
				return nil, fmt.Errorf("line %d, column %d: %w: more than %d %q elements", line, col, ErrLimit, lim.Max, lim.Key)
			}
		}
		isKey := false
		if len(stack) > 0 && stack[len(stack)-1].object {
			top := &stack[len(stack)-1]
			if top.expect {
				if key, ok := tok.(string); ok {
					isKey = true
					pos := off + int64(bytes.IndexByte(b[off:], '"'))
					if top.keys[key] {
						line, col := LineCol(b, pos)
						return nil, fmt.Errorf("line %d, column %d: member %q repeated", line, col, key)
					}
					top.keys[key] = true
					top.expect = false
					lastKey = key
				}
			} else {
				top.expect = true
			}
		}
		if s, ok := tok.(string); ok {
			if r, bad := control(s, isKey); bad {
				line, col := LineCol(b, off+int64(bytes.IndexByte(b[off:], '"')))
				what := "string"
				if isKey {
					what = "member name"
				}
				return nil, fmt.Errorf("line %d, column %d: %s %q holds the control character U+%04X", line, col, what, s, r)
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, keys: map[string]bool{}, expect: true})
		case json.Delim('['):
			stack = append(stack, frame{counted: lim.Key != "" && lastKey == lim.Key && len(stack) > 0 && stack[len(stack)-1].object})
			lastKey = ""
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

// control returns the first control character of s that the policy
// rejects.
func control(s string, key bool) (rune, bool) {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			if !key && (r == '\t' || r == '\n' || r == '\r') {
				continue
			}
			return r, true
		}
	}
	return 0, false
}

// CheckName returns an error if s, an id or a name, holds a control
// character (C0, DEL, or C1 U+0080 to U+009F), including tab and line
// breaks.
func CheckName(s string) error {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return fmt.Errorf("%q holds the control character U+%04X", s, r)
		}
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte of b that does not
// start a valid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// InvalidUTF8 reports the offset of the first byte of b that is not valid
// UTF-8, or -1 if b is valid.
func InvalidUTF8(b []byte) int { return invalidUTF8(b) }

// SyntaxLocation turns a JSON syntax error into "line L, column C: msg".
func SyntaxLocation(b []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The offending byte is the last one read.
		line, col := LineCol(b, max(se.Offset-1, 0))
		return fmt.Sprintf("line %d, column %d: %v", line, col, se)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := LineCol(b, int64(len(b)))
		return fmt.Sprintf("line %d, column %d: unexpected end of input", line, col)
	}
	return "line 1, column 1: " + err.Error()
}

// LineCol returns the 1-based line and column (in bytes) of offset off.
func LineCol(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	col = int(off) - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}
