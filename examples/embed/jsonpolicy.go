// This file is a copy of the library's internal JSON input policy
// (internal/jsonin), so that this example builds in a module of its own:
// an example may not import an internal package. Keep the two alike.

package main

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

// checkJSON applies the policy to the JSON document b and returns b without a
// leading byte-order mark.
func checkJSON(b []byte) ([]byte, error) { return checkJSONLimit(b, jsonLimit{}) }

// jsonLimit bounds the number of elements of the arrays that are the value of
// a member named Key, summed over the whole document (e.g. the children
// of every node of a model tree); 0 means no bound.
type jsonLimit struct {
	Key string
	Max int
}

// errLimit is wrapped by the error of checkJSONLimit for a document over the
// limit.
var errLimit = errors.New("too many elements")

// checkJSONLimit is checkJSON, also counting the elements of the arrays named by
// lim while the document is read, and stopping with an error wrapping
// errLimit as soon as there are more than lim.Max: the document is never
// decoded into memory beyond the limit.
func checkJSONLimit(b []byte, lim jsonLimit) ([]byte, error) {
	b = bytes.TrimPrefix(b, bom)
	if off := invalidUTF8(b); off >= 0 {
		line, col := lineCol(b, int64(off))
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
			return nil, errors.New(syntaxLocation(b, err))
		}
		if started && len(stack) == 0 {
			line, col := lineCol(b, off+int64(len(b[off:])-len(bytes.TrimLeft(b[off:], " \t\r\n"))))
			return nil, fmt.Errorf("line %d, column %d: data after the end of the document", line, col)
		}
		started = true
		if n := len(stack); n > 0 && stack[n-1].counted && tok != json.Delim(']') {
			if count++; lim.Max > 0 && count > lim.Max {
				line, col := lineCol(b, off)
				return nil, fmt.Errorf("line %d, column %d: %w: more than %d %q elements", line, col, errLimit, lim.Max, lim.Key)
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
						line, col := lineCol(b, pos)
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
				line, col := lineCol(b, off+int64(bytes.IndexByte(b[off:], '"')))
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

// checkName returns an error if s, an id or a name, holds a control
// character (C0, DEL, or C1 U+0080 to U+009F), including tab and line
// breaks.
func checkName(s string) error {
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

// syntaxLocation turns a JSON syntax error into "line L, column C: msg".
func syntaxLocation(b []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The offending byte is the last one read.
		line, col := lineCol(b, max(se.Offset-1, 0))
		return fmt.Sprintf("line %d, column %d: %v", line, col, se)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := lineCol(b, int64(len(b)))
		return fmt.Sprintf("line %d, column %d: unexpected end of input", line, col)
	}
	return "line 1, column 1: " + err.Error()
}

// lineCol returns the 1-based line and column (in bytes) of offset off.
func lineCol(b []byte, off int64) (line, col int) {
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
