package tabular

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"unicode"
	"unicode/utf8"
)

// ColumnKind says how [ReadColumns] keeps a column.
type ColumnKind int

const (
	// Skip leaves the column out: its cells are split from their row
	// and not kept.
	Skip ColumnKind = iota
	// Coded keeps the column as codes into its distinct values (a
	// dictionary): one 4-byte code per row and one string per distinct
	// value. For columns of few distinct values: categories, levels,
	// answers on a scale, design weights.
	Coded
	// Text keeps the text of every cell in one buffer, for columns whose
	// values are mostly distinct, such as respondent ids.
	Text
)

// Columns is a file read column by column (see [ReadColumns]): the header
// and, for every kept column, its cells with spaces trimmed. Rows that
// are entirely empty are dropped, as [ReadGrid] does.
type Columns struct {
	// Header holds the column names of the first non-empty row, trimmed.
	Header []string
	// Info says what was read and how.
	Info Info
	// HeaderLine is the 1-based line (or sheet row) of the header.
	HeaderLine int

	lines []int32 // line of each data row
	cols  []Column
}

// Column is one column of [Columns].
type Column struct {
	// Name is the column's header; Index its 0-based position.
	Name  string
	Index int
	// Kind is how the column is kept.
	Kind ColumnKind
	// Levels holds the distinct cell texts of a Coded column in the
	// order of their first row, and Codes the index into Levels of each
	// row's cell.
	Levels []string
	Codes  []int32

	text       []byte  // Text: the cells' bytes
	start, end []int32 // Text: where each cell is in text
}

// Rows returns the number of data rows.
func (c *Columns) Rows() int { return len(c.lines) }

// Line returns the 1-based line of a CSV file (or row of a sheet) of data
// row i.
func (c *Columns) Line(i int) int { return int(c.lines[i]) }

// Column returns the kept column of that name, or nil.
func (c *Columns) Column(name string) *Column {
	for j := range c.cols {
		if c.cols[j].Name == name && c.cols[j].Kind != Skip {
			return &c.cols[j]
		}
	}
	return nil
}

// Len returns the number of rows of a kept column.
func (c *Column) Len() int {
	if c.Kind == Text {
		return len(c.end)
	}
	return len(c.Codes)
}

// Value returns the trimmed text of the cell of row i.
func (c *Column) Value(i int) string {
	if c.Kind == Text {
		return string(c.cell(i))
	}
	return c.Levels[c.Codes[i]]
}

// AppendValue appends the text of the cell of row i to dst.
func (c *Column) AppendValue(dst []byte, i int) []byte {
	if c.Kind == Text {
		return append(dst, c.cell(i)...)
	}
	return append(dst, c.Levels[c.Codes[i]]...)
}

func (c *Column) cell(i int) []byte { return c.text[c.start[i]:c.end[i]] }

// Size returns the length in bytes of the cell of row i.
func (c *Column) Size(i int) int {
	if c.Kind == Text {
		return int(c.end[i] - c.start[i])
	}
	return len(c.Levels[c.Codes[i]])
}

// Empty reports whether the cell of row i is empty.
func (c *Column) Empty(i int) bool {
	if c.Kind == Text {
		return len(c.cell(i)) == 0
	}
	return c.Levels[c.Codes[i]] == ""
}

// Strings returns the cells of the column as strings. A Coded column's
// strings share their dictionary's memory.
func (c *Column) Strings() []string {
	out := make([]string, c.Len())
	for i := range out {
		out[i] = c.Value(i)
	}
	return out
}

// Duplicate returns the first row j whose cell repeats that of an earlier
// row i, with ok false when all cells differ. It hashes the cells, so it
// runs in time linear in the rows.
func (c *Column) Duplicate() (i, j int, ok bool) {
	n := c.Len()
	if c.Kind == Coded {
		first := make([]int32, len(c.Levels))
		for k := range first {
			first[k] = -1
		}
		for r, code := range c.Codes {
			if first[code] >= 0 {
				return int(first[code]), r, true
			}
			first[code] = int32(r)
		}
		return 0, 0, false
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	// Open addressing over row numbers plus one (0: empty slot).
	table := make([]int32, size)
	seed := maphash.MakeSeed()
	mask := uint64(size - 1)
	for r := 0; r < n; r++ {
		b := c.cell(r)
		h := maphash.Bytes(seed, b) & mask
		for {
			s := table[h]
			if s == 0 {
				table[h] = int32(r + 1)
				break
			}
			if bytes.Equal(c.cell(int(s-1)), b) {
				return int(s - 1), r, true
			}
			h = (h + 1) & mask
		}
	}
	return 0, 0, false
}

// ReadColumns reads the CSV file, workbook sheet or JSON records in b
// (format, encoding and sheet as for [ReadGrid]) column by column: the
// header is found below title rows as [Grid.Layout] finds it (or given by
// Options.HeaderRow), and kind, called once with the trimmed
// column names, says which columns to keep and how (one ColumnKind per
// column; a shorter slice skips the columns beyond it). Cells are trimmed of spaces; entirely empty rows are dropped.
//
// It is the reader for long files of which a command needs a few columns
// (a million survey respondents): UTF-8 CSV text is split in place, and
// only the kept columns are stored, as 4-byte codes into a dictionary of
// their distinct values ([Coded]) or as text ([Text]); no string is
// made per cell.
//
// Errors are *Error values naming the line and column: an empty or
// repeated column name, and a row with more or fewer cells than the
// header.
func ReadColumns(b []byte, opt Options, kind func(header []string) []ColumnKind) (*Columns, error) {
	f := opt.Format
	if f == FormatAuto {
		f = Detect(b)
	}
	if f != FormatCSV {
		g, err := GridFromBytes(b, opt)
		if err != nil {
			return nil, err
		}
		return columnsFromGrid(g, opt, kind)
	}
	enc, err := normalizeEncoding(opt.Encoding)
	if err != nil {
		return nil, err
	}
	if u := bytes.TrimPrefix(b, bomUTF8); (enc == "" || enc == "utf-8") && !bytes.HasPrefix(u, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(u, []byte{0xFE, 0xFF}) {
		// Most files are UTF-8: check that while reading them as such
		// (on another core), and read them again decoded if they are not.
		info := Info{Format: FormatCSV, Encoding: "utf-8"}
		if len(u) < len(b) {
			info.Encoding = "utf-8 bom"
		}
		valid := make(chan bool, 1)
		go func() { valid <- utf8.Valid(u) && bytes.Index(u, bomUTF8) < 0 }()
		cs, err := readColumnsText(u, info, opt, kind)
		if <-valid {
			return cs, err
		}
	}
	info := Info{Format: FormatCSV}
	t, err := decodeText(b, opt.Encoding, &info)
	if err != nil {
		return nil, err
	}
	return readColumnsText(t, info, opt, kind)
}

// readColumnsText reads the decoded CSV text t.
func readColumnsText(t []byte, info Info, opt Options, kind func(header []string) []ColumnKind) (*Columns, error) {
	var err error
	comma := separator(opt, info)
	var cb columnsBuilder
	cb.cs = &Columns{Info: info}
	cb.kind = kind
	if int64(len(t)) > math.MaxInt32 {
		return nil, fmt.Errorf("%w: text of more than %d bytes", ErrLimit, math.MaxInt32)
	}
	cb.rows = bytes.Count(t, []byte{'\n'}) + 1
	if cb.headerLine, err = headerLineOf(t, comma, opt, &cb.cs.Info); err != nil {
		return nil, err
	}
	if comma < utf8.RuneSelf && bytes.IndexByte(t, '"') < 0 {
		// Without quotes, CSV is lines split at the separator, and
		// Text cells are kept in place.
		cb.text = t
		if err := cb.splitPlainParallel(t, byte(comma)); err != nil {
			return nil, err
		}
	} else {
		err := eachRecord(t, comma, true, func(rec []string, line int) error {
			return addRow(&cb, rec, line)
		})
		if err != nil {
			return nil, err
		}
	}
	return cb.finish()
}

func columnsFromGrid(g *Grid, opt Options, kind func([]string) []ColumnKind) (*Columns, error) {
	var cb columnsBuilder
	cb.cs = &Columns{Info: g.Info}
	cb.kind = kind
	cb.sheet = g.Info.Sheet
	cb.rows = len(g.Rows)
	if len(g.Rows) > 0 {
		hi, err := g.headerIndex(opt)
		if err != nil {
			return nil, err
		}
		cb.headerLine = g.Lines[hi]
		if hi > 0 && opt.HeaderRow == 0 {
			cb.cs.Info.note("the header is on %s %d; %d row(s) above it were taken as titles and skipped", lineWord(g.Info), cb.headerLine, hi)
		}
	}
	var pad []string
	for r, row := range g.Rows {
		if cb.header && g.Info.Format == FormatXLSX && len(row) < len(cb.cs.Header) {
			// A sheet's row ends at its last non-empty cell.
			pad = append(pad[:0], row...)
			row = append(pad, make([]string, len(cb.cs.Header)-len(row))...)
		}
		if err := addRow(&cb, row, g.Lines[r]); err != nil {
			return nil, err
		}
	}
	return cb.finish()
}

// headerLineOf returns the line of the header of CSV text t, found as
// [Grid.Layout] finds it among the first 50 non-empty rows (or given by
// opt.HeaderRow).
func headerLineOf(t []byte, comma rune, opt Options, info *Info) (int, error) {
	g := &Grid{Info: *info}
	cr := csv.NewReader(bytes.NewReader(t))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	for len(g.Rows) < 50 {
		rec, err := cr.Read()
		if err != nil {
			break // the error, if any, is the full reading's
		}
		if len(trimRow(rec)) == 0 {
			continue
		}
		line, _ := cr.FieldPos(0)
		g.Rows, g.Lines = append(g.Rows, rec), append(g.Lines, line)
		if opt.HeaderRow > 0 && line >= opt.HeaderRow {
			break
		}
	}
	if len(g.Rows) == 0 {
		return 0, nil
	}
	hi, err := g.headerIndex(opt)
	if err != nil {
		return 0, err
	}
	if hi > 0 && opt.HeaderRow == 0 {
		info.note("the header is on %s %d; %d row(s) above it were taken as titles and skipped", lineWord(*info), g.Lines[hi], hi)
	}
	return g.Lines[hi], nil
}

// columnsBuilder gathers the kept columns row by row.
type columnsBuilder struct {
	cs     *Columns
	kind   func([]string) []ColumnKind
	sheet  string
	dict   []map[string]int32 // per column, for Coded columns of many values
	fields [][]byte           // the current row, for splitPlain
	header bool
	rows   int // expected number of rows, to size the columns
	// headerLine is the line of the header; the rows above it are
	// titles, skipped.
	headerLine int
	text       []byte // the text split in place by splitPlain, else nil
	offs       []int  // splitPlain: offset in text of each cell of the row
}

func (cb *columnsBuilder) errorf(line, col int, format string, a ...any) error {
	return &Error{Sheet: cb.sheet, Line: line, Column: col, Err: invalidf(format, a...)}
}

// parallelSplitMin is the smallest text that splitPlainParallel splits
// in two halves read at once.
var parallelSplitMin = 4 << 20

// splitPlainParallel splits text without quotes into lines and cells:
// the header on its own, then, for a large text on a machine of several
// cores, the two halves of the rest at once, the second half's
// dictionaries then merged into the first's (in order of first
// appearance, as one reading would make them).
func (cb *columnsBuilder) splitPlainParallel(t []byte, comma byte) error {
	pos, line, err := cb.splitPlain(t, 0, len(t), 0, comma, true)
	if err != nil || pos == len(t) {
		return err
	}
	mid := pos + (len(t)-pos)/2
	if len(t)-pos < parallelSplitMin || runtime.GOMAXPROCS(0) < 2 {
		mid = len(t)
	} else if i := bytes.IndexByte(t[mid:], '\n'); i >= 0 {
		mid += i + 1
	} else {
		mid = len(t)
	}
	if mid == len(t) {
		_, _, err = cb.splitPlain(t, pos, len(t), line, comma, false)
		return err
	}
	linesA := bytes.Count(t[pos:mid], []byte{'\n'})
	second := cb.fork(linesA)
	var err2 error
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _, err2 = second.splitPlain(t, mid, len(t), line+linesA, comma, false)
	}()
	_, _, err = cb.splitPlain(t, pos, mid, line, comma, false)
	<-done
	if err != nil {
		return err
	}
	if err2 != nil {
		return err2
	}
	cb.merge(second)
	return nil
}

// fork returns a builder for the rows after those of cb, with cb's
// header and columns, that stores its rows in cb's arrays from row at on
// (cb, before any data row, has room for every line of the text), so
// that the halves take no more memory than one reading.
func (cb *columnsBuilder) fork(at int) *columnsBuilder {
	nb := &columnsBuilder{kind: cb.kind, sheet: cb.sheet, header: true, headerLine: cb.headerLine, text: cb.text}
	nb.cs = &Columns{Header: cb.cs.Header, lines: cb.cs.lines[at:at]}
	nb.dict = make([]map[string]int32, len(cb.dict))
	for _, c := range cb.cs.cols {
		col := Column{Name: c.Name, Index: c.Index, Kind: c.Kind, text: c.text}
		switch c.Kind {
		case Coded:
			col.Codes = c.Codes[at:at]
		case Text:
			col.start, col.end = c.start[at:at], c.end[at:at]
		}
		nb.cs.cols = append(nb.cs.cols, col)
	}
	return nb
}

// merge appends the rows of nb, which follow those of cb, to cb: the
// rows move down to follow cb's (within the same arrays, unless nb grew
// out of them), and nb's codes become codes of cb's dictionaries.
func (cb *columnsBuilder) merge(nb *columnsBuilder) {
	cb.cs.lines = appendRows(cb.cs.lines, nb.cs.lines)
	for j := range cb.cs.cols {
		a, b := &cb.cs.cols[j], &nb.cs.cols[j]
		switch a.Kind {
		case Coded:
			to := make([]int32, len(b.Levels))
			for k, l := range b.Levels {
				to[k] = code(cb, j, a, l)
			}
			n := len(a.Codes)
			a.Codes = appendRows(a.Codes, b.Codes)
			for i := n; i < len(a.Codes); i++ {
				a.Codes[i] = to[a.Codes[i]]
			}
		case Text:
			a.start, a.end = appendRows(a.start, b.start), appendRows(a.end, b.end)
		}
	}
}

// appendRows appends b to a; b may lie in a's array beyond len(a).
func appendRows(a, b []int32) []int32 {
	n := len(a)
	if cap(a) >= n+len(b) {
		a = a[:n+len(b)]
		copy(a[n:], b) // a memmove when b lies in a's array
		return a
	}
	return append(a, b...)
}

// splitPlain splits the lines of t[pos:end] (text without quotes, pos at
// the start of a line after the first line lines) into cells; with
// header, it stops after the header row. It returns where it stopped and
// the lines read.
func (cb *columnsBuilder) splitPlain(t []byte, pos, end, line int, comma byte, header bool) (int, int, error) {
	for pos < end {
		if header && cb.header {
			break
		}
		line++
		l := t[pos:end]
		next := end
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, next = l[:i], pos+i+1
		}
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if len(l) == 0 {
			pos = next
			continue // encoding/csv skips empty lines
		}
		f, offs := cb.fields[:0], cb.offs[:0]
		at := pos
		for {
			offs = append(offs, at)
			i := bytes.IndexByte(l, comma)
			if i < 0 {
				f = append(f, l)
				break
			}
			f = append(f, l[:i])
			l = l[i+1:]
			at += i + 1
		}
		cb.fields, cb.offs = f, offs
		if err := addRow(cb, f, line); err != nil {
			return pos, line, err
		}
		pos = next
	}
	return pos, line, nil
}

// addRow adds one row of cells (strings or byte slices).
func addRow[T string | []byte](cb *columnsBuilder, row []T, line int) error {
	empty := true
	for _, c := range row {
		if len(trimCell(c)) > 0 {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	cs := cb.cs
	if !cb.header {
		if line < cb.headerLine {
			return nil // a title row
		}
		cb.header = true
		cs.HeaderLine = line
		seen := map[string]bool{}
		cb.dict = make([]map[string]int32, len(row))
		for j, c := range row {
			h := string(trimCell(c))
			if h == "" {
				return cb.errorf(line, j+1, "empty column name")
			}
			if seen[h] {
				return cb.errorf(line, j+1, "duplicate column %q", h)
			}
			seen[h] = true
			cs.Header = append(cs.Header, h)
		}
		kinds := cb.kind(slices.Clone(cs.Header))
		for j, h := range cs.Header {
			k := Skip
			if j < len(kinds) {
				k = kinds[j]
			}
			col := Column{Name: h, Index: j, Kind: k}
			switch k {
			case Coded:
				col.Codes = make([]int32, 0, cb.rows)
			case Text:
				col.start, col.end = make([]int32, 0, cb.rows), make([]int32, 0, cb.rows)
				col.text = cb.text
			}
			cs.cols = append(cs.cols, col)
		}
		cs.lines = make([]int32, 0, cb.rows)
		return nil
	}
	if len(row) != len(cs.Header) {
		return cb.errorf(line, 0, "%d cells, want %d as in the header", len(row), len(cs.Header))
	}
	cs.lines = append(cs.lines, int32(line))
	for j := range cs.cols {
		col := &cs.cols[j]
		switch col.Kind {
		case Coded:
			col.Codes = append(col.Codes, code(cb, j, col, trimCell(row[j])))
		case Text:
			if cb.text != nil {
				// The cell lies in the text, from cb.offs[j].
				a, b := trimBounds(row[j])
				col.start = append(col.start, int32(cb.offs[j]+a))
				col.end = append(col.end, int32(cb.offs[j]+b))
				continue
			}
			v := trimCell(row[j])
			col.start = append(col.start, int32(len(col.text)))
			col.text = append(col.text, v...)
			col.end = append(col.end, int32(len(col.text)))
		}
	}
	return nil
}

// code returns the code of v in the dictionary of column j, adding it if
// it is new: a comparison with each level while there are few, a map
// when there are more.
func code[T string | []byte](cb *columnsBuilder, j int, col *Column, v T) int32 {
	d := cb.dict[j]
	if d == nil {
		for k, l := range col.Levels {
			if len(l) == len(v) && l == string(v) {
				return int32(k)
			}
		}
		if len(col.Levels) < 16 {
			col.Levels = append(col.Levels, string(v))
			return int32(len(col.Levels) - 1)
		}
		d = make(map[string]int32, 64)
		for k, l := range col.Levels {
			d[l] = int32(k)
		}
		cb.dict[j] = d
	}
	k, ok := d[string(v)]
	if !ok {
		k = int32(len(col.Levels))
		s := string(v)
		col.Levels = append(col.Levels, s)
		d[s] = k
	}
	return k
}

func (cb *columnsBuilder) finish() (*Columns, error) {
	if !cb.header {
		return nil, invalidf("no header row: the file is empty")
	}
	if cb.text != nil {
		// Copy the Text cells out of the file's text, so that the
		// columns do not keep the whole file.
		for j := range cb.cs.cols {
			col := &cb.cs.cols[j]
			if col.Kind != Text {
				continue
			}
			size := 0
			for i := range col.start {
				size += int(col.end[i] - col.start[i])
			}
			text := make([]byte, 0, size)
			for i := range col.start {
				s := int32(len(text))
				text = append(text, col.text[col.start[i]:col.end[i]]...)
				col.start[i], col.end[i] = s, int32(len(text))
			}
			col.text = text
		}
	}
	return cb.cs, nil
}

// trimCell trims the spaces around a cell, as strings.TrimSpace does
// (the ASCII spaces and the Unicode White_Space characters, U+3000 among
// them), without converting the cell.
func trimCell[T string | []byte](c T) T {
	a, b := trimBounds(c)
	return c[a:b]
}

// trimBounds returns the start and end of c without its spaces.
func trimBounds[T string | []byte](c T) (int, int) {
	a, b := 0, len(c)
	for a < b {
		n := spacePrefix(c[a:b])
		if n == 0 {
			break
		}
		a += n
	}
	for a < b {
		n := spaceSuffix(c[a:b])
		if n == 0 {
			break
		}
		b -= n
	}
	return a, b
}

// spacePrefix returns the length in bytes of the white-space character
// that c begins with, or 0.
func spacePrefix[T string | []byte](c T) int {
	switch b := c[0]; {
	case b == ' ' || b >= '\t' && b <= '\r':
		return 1
	case !spaceFirst[b]:
		return 0
	}
	for _, s := range unicodeSpaces {
		if len(c) >= len(s) && string(c[:len(s)]) == s {
			return len(s)
		}
	}
	return 0
}

// spaceSuffix returns the length in bytes of the white-space character
// that c ends with, or 0.
func spaceSuffix[T string | []byte](c T) int {
	switch b := c[len(c)-1]; {
	case b == ' ' || b >= '\t' && b <= '\r':
		return 1
	case !spaceLast[b]:
		return 0
	}
	for _, s := range unicodeSpaces {
		if len(c) >= len(s) && string(c[len(c)-len(s):]) == s {
			return len(s)
		}
	}
	return 0
}

// unicodeSpaces are the UTF-8 encodings of the non-ASCII characters of
// Unicode's White_Space property (unicode.IsSpace).
// spaceFirst and spaceLast flag their first and last bytes.
var unicodeSpaces, spaceFirst, spaceLast = func() (out []string, first, last [256]bool) {
	for r := rune(0x80); r <= 0x3000; r++ {
		if unicode.IsSpace(r) {
			s := string(r)
			out = append(out, s)
			first[s[0]], last[s[len(s)-1]] = true, true
		}
	}
	return out, first, last
}()
