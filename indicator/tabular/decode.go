package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Grid is a file's cells as text, before any layout is applied: the rows
// of a CSV file or of one sheet of a workbook, with the source line or
// row of each. Rows that are entirely empty are dropped. Rows of a CSV
// file keep all their fields; rows of a sheet end at their last non-empty
// cell.
type Grid struct {
	Rows  [][]string // cells of each row, as written (not trimmed)
	Lines []int      // 1-based line (CSV) or row (sheet) of each row
	Info  Info       // what was read
}

// Info says what was read and how.
type Info struct {
	Format   Format // FormatCSV, FormatXLSX or FormatJSON
	Encoding string // "utf-8", "utf-8 bom", "gb18030", "utf-16le", "utf-16be"; "" for a workbook
	Sheet    string // the sheet read from a workbook
	// Notes are one-line remarks about choices made by detection that a
	// user may want to check (the encoding guessed as GB18030, one sheet
	// of several read, title rows skipped above the header).
	Notes []string
	// Percent lists the columns whose numbers were written with a
	// percent sign ("96%"), read in percent points (96); set by
	// [Sheet.Table].
	Percent []string
}

func (in *Info) note(format string, a ...any) {
	in.Notes = append(in.Notes, fmt.Sprintf(format, a...))
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	bomUTF8  = []byte{0xEF, 0xBB, 0xBF}
)

// ReadGrid reads the cells of a CSV file, a workbook's sheet or JSON
// records (see [Options] for the detection of the format and encoding).
// It reads at most Limits.MaxBytes bytes.
func ReadGrid(r io.Reader, opt Options) (*Grid, error) {
	b, err := readAll(r, opt.Limits.maxBytes())
	if err != nil {
		return nil, err
	}
	return GridFromBytes(b, opt)
}

func readAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: larger than %d bytes (Limits.MaxBytes)", ErrLimit, limit)
	}
	return b, nil
}

// GridFromBytes is [ReadGrid] on the bytes of a file. It does not keep b.
func GridFromBytes(b []byte, opt Options) (*Grid, error) {
	f := opt.Format
	if f == FormatAuto {
		f = Detect(b)
	}
	switch f {
	case FormatXLSX:
		if bytes.HasPrefix(b, oleMagic) {
			return nil, invalidf("the file is an encrypted (password-protected) workbook or an old .xls workbook; save it as .xlsx without a password")
		}
		return readXLSX(b, opt)
	case FormatJSON:
		return readJSONGrid(b, opt)
	case FormatCSV:
		return readCSVGrid(b, opt)
	}
	return nil, invalidf("unknown format %d", int(f))
}

// Detect returns the format of a file from its first bytes: FormatXLSX
// for a ZIP or OLE container (an encrypted workbook is an OLE container),
// FormatJSON for text whose first non-space character is "[" or "{",
// FormatCSV otherwise.
func Detect(b []byte) Format {
	if bytes.HasPrefix(b, zipMagic) || bytes.HasPrefix(b, oleMagic) {
		return FormatXLSX
	}
	t := bytes.TrimPrefix(b, bomUTF8)
	t = bytes.TrimLeft(t, " \t\r\n")
	if len(t) > 0 && (t[0] == '[' || t[0] == '{') {
		return FormatJSON
	}
	return FormatCSV
}

// decodeText returns the UTF-8 text of b, the encoding used, and whether
// the encoding was detected with some doubt (GB18030).
func decodeText(b []byte, declared string, info *Info) ([]byte, error) {
	enc, err := normalizeEncoding(declared)
	if err != nil {
		return nil, err
	}
	switch {
	case enc == "" && bytes.HasPrefix(b, bomUTF8), enc == "utf-8" && bytes.HasPrefix(b, bomUTF8):
		info.Encoding = "utf-8 bom"
		return checkUTF8(b[3:])
	case enc == "" && hasBOM16(b), enc == "utf-16":
		if !hasBOM16(b) {
			return nil, invalidf("declared UTF-16 but the file has no UTF-16 byte-order mark; declare utf-16le or utf-16be")
		}
		if b[0] == 0xFF {
			info.Encoding = "utf-16le"
		} else {
			info.Encoding = "utf-16be"
		}
		return decodeUTF16(b, info.Encoding)
	case enc == "utf-16le", enc == "utf-16be":
		info.Encoding = enc
		return decodeUTF16(b, enc)
	case enc == "utf-8":
		info.Encoding = "utf-8"
		return checkUTF8(b)
	case enc == "gb18030":
		info.Encoding = "gb18030"
		return decodeGB18030(b)
	}
	if utf8.Valid(b) {
		info.Encoding = "utf-8"
		return checkUTF8(b)
	}
	if looksUTF16(b) {
		return nil, invalidf("the file looks like UTF-16 text without a byte-order mark; declare the encoding utf-16le or utf-16be")
	}
	if l1, l2, mixed := mixedEncoding(b); mixed {
		return nil, &Error{Line: l2, Err: invalidf("mixed encodings: line %d is UTF-8 text but line %d is not; save the whole file in one encoding (UTF-8)", l1, l2)}
	}
	t, err := decodeGB18030(b)
	if err != nil {
		line := firstInvalidLine(b)
		return nil, &Error{Line: line, Err: invalidf("the text is neither UTF-8 nor GB18030/GBK; save the file as UTF-8 or declare its encoding")}
	}
	info.Encoding = "gb18030"
	info.note("read as GB18030/GBK text (the bytes are not valid UTF-8); declare the encoding if that is wrong")
	return t, nil
}

// checkUTF8 returns b if it is valid UTF-8 text without a byte-order mark
// inside.
func checkUTF8(b []byte) ([]byte, error) {
	if !utf8.Valid(b) {
		line := firstInvalidLine(b)
		return nil, &Error{Line: line, Err: invalidf("not valid UTF-8 text; save the file as UTF-8 or declare its encoding (gb18030, utf-16)")}
	}
	if i := bytes.Index(b, bomUTF8); i >= 0 {
		return nil, &Error{Line: 1 + bytes.Count(b[:i], []byte("\n")), Err: invalidf("a byte-order mark (U+FEFF) inside the text")}
	}
	return b, nil
}

func firstInvalidLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		l := b
		if i >= 0 {
			l = b[:i]
		}
		if !utf8.Valid(l) {
			return line
		}
		if i < 0 {
			break
		}
		b = b[i+1:]
		line++
	}
	return line
}

func decodeGB18030(b []byte) ([]byte, error) {
	t, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	if err != nil {
		return nil, invalidf("not valid GB18030 text: %v", err)
	}
	// The decoder replaces invalid sequences by U+FFFD; GB18030 text has
	// no reason to hold that character.
	if i := bytes.Index(t, []byte("\uFFFD")); i >= 0 {
		return nil, &Error{Line: 1 + bytes.Count(t[:i], []byte("\n")), Err: invalidf("not valid GB18030/GBK text")}
	}
	return checkUTF8(t)
}

func decodeUTF16(b []byte, enc string) ([]byte, error) {
	e := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	if enc == "utf-16be" {
		e = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	}
	if len(b)%2 != 0 {
		return nil, invalidf("UTF-16 text of an odd number of bytes (truncated?)")
	}
	t, _, err := transform.Bytes(e.NewDecoder(), b)
	if err != nil {
		return nil, invalidf("not valid UTF-16 text: %v", err)
	}
	if i := bytes.Index(t, []byte("\uFFFD")); i >= 0 {
		return nil, &Error{Line: 1 + bytes.Count(t[:i], []byte("\n")), Err: invalidf("not valid UTF-16 text (an unpaired surrogate)")}
	}
	return checkUTF8(t)
}

// looksUTF16 reports whether b, without a byte-order mark, has a zero byte
// in at least a third of its first 512 even or odd positions, as UTF-16
// text of ASCII does.
func looksUTF16(b []byte) bool {
	n := min(len(b), 512)
	var even, odd int
	for i := 0; i < n; i++ {
		if b[i] == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	return n >= 4 && (even*6 >= n || odd*6 >= n)
}

// mixedEncoding reports two lines of which the first is valid UTF-8 with
// at least two three-byte sequences (Chinese text in UTF-8) and the second
// not valid UTF-8, as when lines saved in GBK were appended to a UTF-8 file.
func mixedEncoding(b []byte) (utf8Line, otherLine int, mixed bool) {
	line := 1
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		l := b
		if i >= 0 {
			l = b[:i]
		}
		if utf8.Valid(l) {
			if utf8Line == 0 && threeByteRunes(l) >= 2 {
				utf8Line = line
			}
		} else if otherLine == 0 {
			otherLine = line
		}
		if utf8Line > 0 && otherLine > 0 {
			return utf8Line, otherLine, true
		}
		if i < 0 {
			break
		}
		b = b[i+1:]
		line++
	}
	return 0, 0, false
}

func threeByteRunes(l []byte) int {
	n := 0
	for _, r := range string(l) {
		if r >= 0x800 && r < 0x10000 {
			n++
		}
	}
	return n
}

// readCSVGrid decodes and splits delimited text.
func readCSVGrid(b []byte, opt Options) (*Grid, error) {
	g := &Grid{Info: Info{Format: FormatCSV}}
	t, err := decodeText(b, opt.Encoding, &g.Info)
	if err != nil {
		return nil, err
	}
	err = eachRecord(t, separator(opt, g.Info), false, func(rec []string, line int) error {
		if len(trimRow(rec)) > 0 {
			g.Rows = append(g.Rows, rec)
			g.Lines = append(g.Lines, line)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// separator returns opt.Comma, or the separator of text decoded as info
// says: a tab for UTF-16 (Excel's "Unicode text" is tab-separated), a
// comma otherwise.
func separator(opt Options, info Info) rune {
	switch {
	case opt.Comma != 0:
		return opt.Comma
	case strings.HasPrefix(info.Encoding, "utf-16"):
		return '\t'
	}
	return ','
}

// eachRecord calls fn with every record of the CSV text t, split at comma
// (records of any length), and the line on which it begins, stopping at
// fn's first error. With reuse, the record's slice is reused from one
// call to the next, so fn must not keep it. A syntax error is an *Error
// naming the line and the byte of the line.
func eachRecord(t []byte, comma rune, reuse bool, fn func(rec []string, line int) error) error {
	cr := csv.NewReader(bytes.NewReader(t))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = reuse
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &Error{Line: pe.Line, Err: invalidf("%v (at byte %d of the line)", pe.Err, pe.Column)}
			}
			return err
		}
		line, _ := cr.FieldPos(0)
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}

// trimRow drops the empty cells at the end of a row.
func trimRow(rec []string) []string {
	n := len(rec)
	for n > 0 && trimSpace(rec[n-1]) == "" {
		n--
	}
	return rec[:n]
}
