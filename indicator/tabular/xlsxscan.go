package tabular

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errUnsupported says that the workbook reader met something it does not
// read exactly as excelize does (a construct of XML it does not accept,
// a part it does not follow): the workbook is then read by excelize.
var errUnsupported = errors.New("tabular: workbook construct left to excelize")

// xmlScanner is a strict tokenizer of the XML of a workbook's part, read
// from r through a sliding buffer (or from one slice held in memory). It
// accepts a subset of what encoding/xml accepts — ASCII names with at
// most one colon, quoted attributes, the five named and the numeric
// character references, comments, no CDATA, no processing instruction
// but the XML declaration, no carriage return — and checks what
// encoding/xml checks in that subset (matching tags, valid UTF-8 of XML
// characters only, known entities), so that a part it reads without
// error is a part that encoding/xml reads without error into the same
// text. Anything else is errUnsupported.
type xmlScanner struct {
	r    io.Reader
	buf  []byte
	i, n int  // unread bytes are buf[i:n]
	base int  // the offset in the part of buf[0]
	eof  bool // r is exhausted (or the part was given whole)
	err  error
	max  int // the largest buffer, hence token

	name  []byte // qualified name of the last tag
	local []byte // local name of the last tag
	end   bool   // the last tag was an end tag
	empty bool   // the last start tag was self-closing
	attrs []xmlAttr
	dec   []byte // decoded attribute values and text
	depth []string
}

type xmlAttr struct {
	local []byte // local name (after the prefix)
	name  []byte // qualified name
	val   []byte // decoded value, in s.dec
}

func newXMLScanner(r io.Reader, bufSize, max int) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, bufSize), max: max}
}

func newXMLScannerBytes(b []byte) *xmlScanner {
	return &xmlScanner{buf: b, n: len(b), eof: true, max: len(b)}
}

func (s *xmlScanner) fail(err error) error {
	if s.err == nil {
		s.err = err
	}
	return s.err
}

// more reads more of the part into the buffer, keeping the unread bytes
// (moved to the front). It returns false at the end of the part, on a
// read error (s.err) or when the buffer is full at its largest size.
func (s *xmlScanner) more() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.i > 0 {
		s.n = copy(s.buf, s.buf[s.i:s.n])
		s.base += s.i
		s.i = 0
	}
	if s.n == len(s.buf) {
		if len(s.buf) >= s.max {
			s.fail(errUnsupported) // one token larger than the buffer
			return false
		}
		nb := make([]byte, min(2*len(s.buf), s.max))
		copy(nb, s.buf[:s.n])
		s.buf = nb
	}
	for {
		k, err := s.r.Read(s.buf[s.n:])
		s.n += k
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.fail(err)
			s.eof = true
		}
		if k > 0 || s.eof {
			return k > 0
		}
	}
}

// index returns the offset from s.i of the first c at or after offset
// from, reading more as needed, or -1.
func (s *xmlScanner) index(c byte, from int) int {
	for {
		if k := bytes.IndexByte(s.buf[s.i+from:s.n], c); k >= 0 {
			return from + k
		}
		from = s.n - s.i
		if !s.more() {
			return -1
		}
	}
}

// ensure makes at least k unread bytes available, if the part has them.
func (s *xmlScanner) ensure(k int) bool {
	for s.n-s.i < k {
		if !s.more() {
			return false
		}
	}
	return true
}

// text reads the character data up to the next '<' (or the end of the
// part) and returns it decoded (valid until the next call), and whether
// it holds only XML white space.
func (s *xmlScanner) text() ([]byte, bool, error) {
	k := s.index('<', 0)
	if k < 0 {
		if s.err != nil {
			return nil, false, s.err
		}
		k = s.n - s.i
	}
	raw := s.buf[s.i : s.i+k]
	s.i += k
	return s.decode(raw, true)
}

// decode returns raw with its character references replaced, checked as
// encoding/xml checks text (valid UTF-8, XML characters only); with
// isText, a '<' cannot occur, otherwise (an attribute value) it is an
// error, as in encoding/xml's strict mode.
func (s *xmlScanner) decode(raw []byte, isText bool) ([]byte, bool, error) {
	space := true
	plain := true
	for _, c := range raw {
		switch {
		case c == '&' || c == '\r' || c == '<' || c >= utf8.RuneSelf:
			plain = false
		case c < 0x20 && c != '\t' && c != '\n':
			return nil, false, s.fail(errUnsupported)
		case c != ' ' && c != '\t' && c != '\n':
			space = false
		}
		if !plain {
			break
		}
	}
	if plain {
		return raw, space, nil
	}
	start := len(s.dec)
	for j := 0; j < len(raw); {
		c := raw[j]
		switch c {
		case '\r', '<':
			return nil, false, s.fail(errUnsupported)
		case '&':
			r, w := entity(raw[j:])
			if w == 0 {
				return nil, false, s.fail(errUnsupported)
			}
			s.dec = utf8.AppendRune(s.dec, r)
			j += w
			continue
		}
		s.dec = append(s.dec, c)
		j++
	}
	out := s.dec[start:]
	space = true
	for j := 0; j < len(out); {
		c := out[j]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return nil, false, s.fail(errUnsupported)
			}
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				space = false
			}
			j++
			continue
		}
		r, w := utf8.DecodeRune(out[j:])
		if r == utf8.RuneError && w == 1 || !inXMLRange(r) {
			return nil, false, s.fail(errUnsupported)
		}
		space = false
		j += w
	}
	return out, space, nil
}

// entity decodes the character reference at the start of b (b[0] is
// '&') as encoding/xml does, and returns its rune and length; length 0
// for a reference encoding/xml refuses.
func entity(b []byte) (rune, int) {
	semi := bytes.IndexByte(b, ';')
	if semi < 2 || semi > 12 {
		return 0, 0
	}
	name := b[1:semi]
	switch string(name) {
	case "lt":
		return '<', semi + 1
	case "gt":
		return '>', semi + 1
	case "amp":
		return '&', semi + 1
	case "apos":
		return '\'', semi + 1
	case "quot":
		return '"', semi + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, 0
		}
	}
	n, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || n > unicode.MaxRune {
		return 0, 0
	}
	// encoding/xml writes string(rune(n)): a surrogate becomes U+FFFD.
	r := rune(n)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, semi + 1
}

// inXMLRange reports whether r is a character XML allows (the test of
// encoding/xml).
func inXMLRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9' || c == '.' || c == '-'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// splitName returns the local part of a qualified name, or ok false for
// a name encoding/xml refuses or reads otherwise (two colons).
func splitName(name []byte) (local []byte, ok bool) {
	k := bytes.IndexByte(name, ':')
	if k < 0 {
		return name, true
	}
	if k == 0 || k == len(name)-1 || bytes.IndexByte(name[k+1:], ':') >= 0 {
		return nil, false
	}
	return name[k+1:], true
}

// tag reads the markup at s.i (which must be '<'): a start or end tag,
// whose name, attributes and kind it leaves in s; a comment is skipped
// and tag reads on. Processing instructions, CDATA and declarations are
// errUnsupported (the XML declaration is read by decl).
func (s *xmlScanner) tag() error {
	for {
		if !s.ensure(2) {
			return s.fail(errUnsupported)
		}
		b := s.buf[s.i:s.n]
		switch b[1] {
		case '!':
			if err := s.comment(); err != nil {
				return err
			}
			if !s.ensure(1) || s.buf[s.i] != '<' {
				// text after a comment: the caller reads it.
				return s.fail(errUnsupported)
			}
			continue
		case '?':
			return s.fail(errUnsupported)
		}
		break
	}
	s.dec = s.dec[:0]
	s.attrs = s.attrs[:0]
	// Find the closing '>' outside quotes, reading more if needed: the
	// first '>' when the tag before it holds pairs of double quotes only
	// (as nearly every tag), else by a scan that follows quotes.
	k, q := 1, byte(0)
	found := false
	if e := bytes.IndexByte(s.buf[s.i:s.n], '>'); e > 0 {
		t := s.buf[s.i : s.i+e]
		if bytes.IndexByte(t, '\'') < 0 && bytes.Count(t, []byte{'"'})%2 == 0 {
			k, found = e, true
		}
	}
	for !found {
		if s.i+k >= s.n {
			if !s.more() {
				return s.fail(errUnsupported)
			}
			continue
		}
		c := s.buf[s.i+k]
		if q != 0 {
			if c == q {
				q = 0
			} else if k2 := bytes.IndexByte(s.buf[s.i+k:s.n], q); k2 > 0 {
				k += k2
				continue
			} else {
				k = s.n - s.i
				continue
			}
		} else if c == '"' || c == '\'' {
			q = c
		} else if c == '>' {
			found = true
			break
		}
		k++
	}
	t := s.buf[s.i+1 : s.i+k]
	s.i += k + 1
	s.end, s.empty = false, false
	if len(t) > 0 && t[0] == '/' {
		s.end = true
		t = t[1:]
	} else if len(t) > 0 && t[len(t)-1] == '/' {
		s.empty = true
		t = t[:len(t)-1]
	}
	j := 0
	for j < len(t) && isNameByte(t[j]) {
		j++
	}
	if j == 0 || !isNameStart(t[0]) {
		return s.fail(errUnsupported)
	}
	s.name = t[:j]
	var ok bool
	if s.local, ok = splitName(s.name); !ok {
		return s.fail(errUnsupported)
	}
	t = t[j:]
	if s.end {
		for _, c := range t {
			if !isSpace(c) {
				return s.fail(errUnsupported)
			}
		}
		return nil
	}
	for {
		j = 0
		for j < len(t) && isSpace(t[j]) {
			j++
		}
		t = t[j:]
		if len(t) == 0 {
			return nil
		}
		j = 0
		for j < len(t) && isNameByte(t[j]) {
			j++
		}
		if j == 0 || !isNameStart(t[0]) {
			return s.fail(errUnsupported)
		}
		a := xmlAttr{name: t[:j]}
		if a.local, ok = splitName(a.name); !ok {
			return s.fail(errUnsupported)
		}
		t = t[j:]
		for len(t) > 0 && isSpace(t[0]) {
			t = t[1:]
		}
		if len(t) == 0 || t[0] != '=' {
			return s.fail(errUnsupported)
		}
		t = t[1:]
		for len(t) > 0 && isSpace(t[0]) {
			t = t[1:]
		}
		if len(t) == 0 || t[0] != '"' && t[0] != '\'' {
			return s.fail(errUnsupported)
		}
		e := bytes.IndexByte(t[1:], t[0])
		if e < 0 {
			return s.fail(errUnsupported)
		}
		v, _, err := s.decode(t[1:1+e], false)
		if err != nil {
			return err
		}
		a.val = v
		s.attrs = append(s.attrs, a)
		t = t[2+e:]
	}
}

// comment skips a comment at s.i, checked as encoding/xml checks it (no
// "--" inside); any other declaration is errUnsupported.
func (s *xmlScanner) comment() error {
	if !s.ensure(4) || string(s.buf[s.i:s.i+4]) != "<!--" {
		return s.fail(errUnsupported)
	}
	from := 4
	for {
		k := s.index('-', from)
		if k < 0 || !s.ensure(k+3) {
			return s.fail(errUnsupported)
		}
		if s.buf[s.i+k+1] == '-' {
			if s.buf[s.i+k+2] != '>' {
				return s.fail(errUnsupported)
			}
			body := s.buf[s.i+4 : s.i+k]
			if !utf8.Valid(body) {
				return s.fail(errUnsupported)
			}
			s.i += k + 3
			return nil
		}
		from = k + 1
	}
}

// decl reads the XML declaration, if the part begins with one: version
// 1.0, encoding UTF-8 if given (encoding/xml reads no other without a
// charset reader).
func (s *xmlScanner) decl() error {
	if !s.ensure(6) || string(s.buf[s.i:s.i+5]) != "<?xml" || !isSpace(s.buf[s.i+5]) {
		if s.ensure(3) && s.buf[s.i] == 0xEF {
			return s.fail(errUnsupported) // a byte-order mark
		}
		return nil
	}
	k := s.index('>', 0)
	if k < 1 || s.buf[s.i+k-1] != '?' {
		return s.fail(errUnsupported)
	}
	t := s.buf[s.i+5 : s.i+k-1]
	s.i += k + 1
	for {
		for len(t) > 0 && isSpace(t[0]) {
			t = t[1:]
		}
		if len(t) == 0 {
			return nil
		}
		eq := bytes.IndexByte(t, '=')
		if eq < 0 || eq+2 >= len(t) || t[eq+1] != '"' && t[eq+1] != '\'' {
			return s.fail(errUnsupported)
		}
		name := string(t[:eq])
		e := bytes.IndexByte(t[eq+2:], t[eq+1])
		if e < 0 {
			return s.fail(errUnsupported)
		}
		v := string(t[eq+2 : eq+2+e])
		switch {
		case name == "version" && v == "1.0":
		case name == "encoding" && strings.EqualFold(v, "utf-8"):
		case name == "standalone" && (v == "yes" || v == "no"):
		default:
			return s.fail(errUnsupported)
		}
		t = t[eq+3+e:]
	}
}

// next reads the next token: text (kind 't', s.dec holds nothing
// useful: see text), or a tag (kind '<'), or the end of the part (0).
// Text is checked and dropped; it returns whether it was white space.
func (s *xmlScanner) next() (kind byte, space bool, err error) {
	if s.i >= s.n && !s.more() {
		return 0, true, s.err
	}
	if s.buf[s.i] != '<' {
		_, space, err := s.text()
		return 't', space, err
	}
	return '<', true, s.tag()
}

// child reads up to the next child element of the element named parent
// whose start tag was read, past text: true with the child's start tag
// read, false at parent's end tag.
func (s *xmlScanner) child(parent string) (bool, error) {
	for {
		kind, _, err := s.next()
		if err != nil {
			return false, err
		}
		switch {
		case kind == 0:
			return false, s.fail(errUnsupported)
		case kind == 't':
			continue
		case s.end && string(s.name) != parent:
			return false, s.fail(errUnsupported)
		}
		return !s.end, nil
	}
}

// maxDepth bounds the nesting of elements the scanner follows (and the
// memory of its stack); the parts of a workbook nest a few levels.
const maxDepth = 256

// skip reads the rest of the element whose start tag was just read,
// checking it; with bad, an element of one of those local names inside
// is errUnsupported.
func (s *xmlScanner) skip(bad ...string) error {
	if s.empty {
		return nil
	}
	stack := s.depth[:0]
	stack = append(stack, string(s.name))
	defer func() { s.depth = stack[:0] }()
	for len(stack) > 0 {
		kind, _, err := s.next()
		if err != nil {
			return err
		}
		switch kind {
		case 0:
			return s.fail(errUnsupported)
		case '<':
			if s.end {
				if string(s.name) != stack[len(stack)-1] {
					return s.fail(errUnsupported)
				}
				stack = stack[:len(stack)-1]
				continue
			}
			for _, b := range bad {
				if string(s.local) == b {
					return s.fail(errUnsupported)
				}
			}
			if !s.empty {
				if len(stack) >= maxDepth {
					return s.fail(errUnsupported)
				}
				stack = append(stack, string(s.name))
			}
		}
	}
	return nil
}

// attr returns the decoded value of the attribute of local name l of
// the last tag, and whether it occurs; a name occurring twice is
// errUnsupported (excelize would take one or the other).
func (s *xmlScanner) attr(l string) ([]byte, bool, error) {
	var v []byte
	found := false
	for _, a := range s.attrs {
		if string(a.local) == l {
			if found {
				return nil, false, s.fail(errUnsupported)
			}
			v, found = a.val, true
		}
	}
	return v, found, nil
}

// closeText reads the text content of a simple element whose start tag
// was just read, up to its end tag: text only, no element inside. The
// text is valid until the next read.
func (s *xmlScanner) closeText() ([]byte, error) {
	if s.empty {
		return nil, nil
	}
	var nb [32]byte
	if len(s.name) > len(nb) {
		return nil, s.fail(errUnsupported)
	}
	name := nb[:copy(nb[:], s.name)]
	k := s.index('<', 0)
	// The end tag, with room for a little white space before '>'.
	if k < 0 || !s.ensure(k+3+len(name)) {
		return nil, s.fail(errUnsupported)
	}
	s.ensure(k + 8 + len(name))
	e := s.i + k
	if s.buf[e+1] != '/' || !bytes.Equal(s.buf[e+2:e+2+len(name)], name) {
		return nil, s.fail(errUnsupported)
	}
	j := e + 2 + len(name)
	for ; j < s.n && s.buf[j] != '>'; j++ {
		if !isSpace(s.buf[j]) {
			return nil, s.fail(errUnsupported)
		}
	}
	if j >= s.n {
		return nil, s.fail(errUnsupported)
	}
	s.dec = s.dec[:0]
	t, _, err := s.decode(s.buf[s.i:e], true)
	if err != nil {
		return nil, err
	}
	s.i = j + 1
	return t, nil
}
