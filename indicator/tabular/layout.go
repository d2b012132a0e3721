package tabular

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// ErrSummaryRow is wrapped when a data row is a summary row (合计, 平均,
// ...) and [Options.SkipSummary] is not set.
var ErrSummaryRow = errors.New("tabular: summary row")

// ErrSeparator is wrapped when the header has a single column that holds
// another likely separator (";", tab, "，", "|"): the file was probably
// written with that separator.
var ErrSeparator = errors.New("tabular: wrong separator")

// Sheet is a file laid out as a table: the header, the unit column, and
// one row per unit, every cell trimmed of surrounding spaces. Title rows
// above the header, empty rows and columns, serial-number columns (序号)
// other than the unit column and, with [Options.SkipSummary], summary rows
// are left out.
type Sheet struct {
	Header     []string   // column names, unique and non-empty (but the unit column's)
	Rows       [][]string // one row per unit, each len(Header) cells
	Lines      []int      // 1-based line (CSV) or sheet row of each row
	HeaderLine int        // line or row of the header
	Unit       int        // index in Header of the unit-id column
	Info       Info

	cols []int // 0-based source column of each header
}

// Column returns the 1-based column of the source (CSV field or sheet
// column) that Header[j] came from.
func (s *Sheet) Column(j int) int { return s.cols[j] + 1 }

// Read reads a file (see [ReadGrid]) and lays it out (see [Grid.Layout]).
func Read(r io.Reader, opt Options) (*Sheet, error) {
	g, err := ReadGrid(r, opt)
	if err != nil {
		return nil, err
	}
	return g.Layout(opt)
}

// where returns an Error at row i (index into Rows) and column j (index
// into Header), or at the header for i < 0.
func (s *Sheet) errAt(line, j int, value string, err error) *Error {
	e := &Error{Sheet: s.Info.Sheet, Line: line, Value: value, Err: err}
	if j >= 0 {
		e.Column = j + 1
		if s.cols != nil {
			e.Column = s.cols[j] + 1
		}
		e.Header = s.Header[j]
	}
	return e
}

// Layout finds the header and the unit column of the grid and returns its
// data rows (see [Sheet] and [Options]). Errors are [*Error] values
// naming the line and column: a row wider than the header, a short row of
// a CSV file, an empty or duplicate column name, an empty, duplicate or
// summary unit id ([ErrSummaryRow]), a unit id with a control character,
// and a header of one column that holds another separator
// ([ErrSeparator]).
func (g *Grid) Layout(opt Options) (*Sheet, error) { return g.layout(opt, false) }

// layout lays out the grid; with long, unit ids may repeat (long data)
// and summary rows are not looked for.
func (g *Grid) layout(opt Options, long bool) (*Sheet, error) {
	if len(g.Rows) == 0 {
		return nil, &Error{Sheet: g.Info.Sheet, Line: 1, Err: invalidf("no header (the input is empty)")}
	}
	hi, err := g.headerIndex(opt)
	if err != nil {
		return nil, err
	}
	return g.layoutAt(hi, opt, long)
}

// layoutAt lays out the grid whose header is g.Rows[hi] (see layout).
func (g *Grid) layoutAt(hi int, opt Options, long bool) (*Sheet, error) {
	s := &Sheet{Info: g.Info}
	s.Info.Notes = append([]string(nil), g.Info.Notes...)
	s.HeaderLine = g.Lines[hi]
	if hi > 0 && opt.HeaderRow == 0 {
		s.Info.note("the header is on %s %d; %d row(s) above it were taken as titles and skipped", lineWord(g.Info), s.HeaderLine, hi)
	}
	raw := g.Rows[hi]
	width := len(trimRow(raw))
	if width == 0 {
		return nil, &Error{Sheet: g.Info.Sheet, Line: s.HeaderLine, Err: invalidf("empty header")}
	}
	data := g.Rows[hi+1:]
	lines := g.Lines[hi+1:]
	// A column under an empty header holding no data is a spacer; one
	// holding data has no name. A column beyond the header must be empty.
	var keep []int
	for j := 0; j < width; j++ {
		h := trimSpace(raw[j])
		if h == "" && j > 0 {
			for i, r := range data {
				if j < len(r) && trimSpace(r[j]) != "" {
					return nil, &Error{Sheet: g.Info.Sheet, Line: s.HeaderLine, Column: j + 1, Err: invalidf("empty column name above the value %s on %s %d", quote(trimSpace(r[j])), lineWord(g.Info), lines[i])}
				}
			}
			continue
		}
		keep = append(keep, j)
	}
	for i, r := range data {
		for j := width; j < len(r); j++ {
			if c := trimSpace(r[j]); c != "" {
				return nil, &Error{Sheet: g.Info.Sheet, Line: lines[i], Column: j + 1, Value: c, Err: invalidf("a value %s beyond the last column of the header (%d columns)", quote(c), width)}
			}
		}
	}
	if len(keep) == 1 && g.Info.Format == FormatCSV {
		if sep, ok := otherSeparator(raw[keep[0]]); ok {
			return nil, &Error{Line: s.HeaderLine, Err: fmt.Errorf("%w: the header has one column (%s); is the separator %s?", ErrSeparator, quote(trimSpace(raw[keep[0]])), sep)}
		}
	}
	header := make([]string, len(keep))
	seen := map[string]int{}
	for k, j := range keep {
		h := trimSpace(raw[j])
		if err := checkControl(h); err != nil {
			return nil, &Error{Sheet: g.Info.Sheet, Line: s.HeaderLine, Column: j + 1, Err: err}
		}
		if h != "" {
			if first, dup := seen[h]; dup {
				return nil, &Error{Sheet: g.Info.Sheet, Line: s.HeaderLine, Column: j + 1, Err: invalidf("duplicate column %s (also column %d)", quote(h), first+1)}
			}
			seen[h] = j
		}
		header[k] = h
	}
	unit, note, err := unitColumn(header, opt)
	if err != nil {
		return nil, &Error{Sheet: g.Info.Sheet, Line: s.HeaderLine, Err: err}
	}
	if note != "" {
		s.Info.note("%s", note)
	}
	// Serial-number columns other than the unit column are dropped.
	attr := map[string]bool{}
	for _, a := range opt.Attributes {
		attr[a] = true
	}
	var cols []int // indices into header kept
	for k, h := range header {
		if k != unit && isSerial(h) && !attr[h] {
			continue
		}
		cols = append(cols, k)
	}
	s.Header = make([]string, len(cols))
	s.cols = make([]int, len(cols))
	for c, k := range cols {
		s.Header[c] = header[k]
		s.cols[c] = keep[k]
		if k == unit {
			s.Unit = c
		}
	}
	if s.Header[s.Unit] == "" {
		s.Header[s.Unit] = "unit"
	}
	seenUnit := map[string]int{}
	s.Rows = make([][]string, 0, len(data))
	s.Lines = make([]int, 0, len(data))
	uj := s.cols[s.Unit]
	// The rows' cells in one array, row after row; a row left out
	// leaves its place to the next.
	w := len(s.cols)
	cells := make([]string, len(data)*w)
	used := 0
	for i, r := range data {
		line := lines[i]
		if g.Info.Format == FormatCSV && len(r) < width {
			miss := keep[0]
			for _, j := range keep {
				if j >= len(r) {
					miss = j
					break
				}
			}
			return nil, &Error{Line: line, Err: invalidf("%d fields, want %d as in the header; the first missing is column %d (%s)", len(r), width, miss+1, quote(trimSpace(raw[miss])))}
		}
		row := cells[used : used+w : used+w]
		empty := true
		for c, j := range s.cols {
			row[c] = ""
			if j < len(r) {
				row[c] = trimSpace(r[j])
				if row[c] != "" {
					empty = false
				}
			}
		}
		if empty {
			continue
		}
		id := row[s.Unit]
		if id == "" {
			return nil, &Error{Sheet: g.Info.Sheet, Line: line, Column: uj + 1, Header: s.Header[s.Unit], Err: invalidf("empty unit id")}
		}
		if err := checkControl(id); err != nil {
			return nil, &Error{Sheet: g.Info.Sheet, Line: line, Column: uj + 1, Header: s.Header[s.Unit], Err: err}
		}
		if isSummaryID(id) {
			if opt.SkipSummary {
				continue
			}
			return nil, &Error{Sheet: g.Info.Sheet, Line: line, Column: uj + 1, Header: s.Header[s.Unit], Value: id,
				Err: fmt.Errorf("%w: %s is a summary row, not a unit; remove it or skip summary rows", ErrSummaryRow, quote(id))}
		}
		if first, dup := seenUnit[id]; dup && !long {
			return nil, &Error{Sheet: g.Info.Sheet, Line: line, Column: uj + 1, Header: s.Header[s.Unit], Err: invalidf("duplicate unit id %s (also %s %d)", quote(id), lineWord(g.Info), first)}
		}
		if !long {
			seenUnit[id] = line
		}
		used += w
		s.Rows = append(s.Rows, row)
		s.Lines = append(s.Lines, line)
	}
	return s, nil
}

func lineWord(in Info) string {
	if in.Format == FormatXLSX {
		return "row"
	}
	return "line"
}

// headerIndex returns the index in g.Rows of the header row.
func (g *Grid) headerIndex(opt Options) (int, error) {
	if opt.HeaderRow > 0 {
		for i, l := range g.Lines {
			if l == opt.HeaderRow {
				return i, nil
			}
			if l > opt.HeaderRow {
				break
			}
		}
		return 0, &Error{Sheet: g.Info.Sheet, Line: opt.HeaderRow, Err: invalidf("the header %s %d is empty or beyond the end", lineWord(g.Info), opt.HeaderRow)}
	}
	return HeaderIndex(g.Rows), nil
}

// HeaderIndex returns the index in rows of a table's header, below any
// title rows (a caption, a merged title row of a workbook), as Grid.Table
// finds it when no header row is given: among the first 50 rows, the
// first with at least as many filled cells as the widest less one (and at
// least two), unless a row above it has three filled cells or more and
// more than half as many as the widest: that row is the header, and the
// wider row below it is in error (a number such as 1,234,567 written
// without quotes splits into cells). 0 when no row qualifies.
func HeaderIndex(rows [][]string) int {
	n := min(len(rows), 50)
	counts := make([]int, n)
	widest := 0
	for i := 0; i < n; i++ {
		for _, c := range rows[i] {
			if trimSpace(c) != "" {
				counts[i]++
			}
		}
		widest = max(widest, counts[i])
	}
	want := max(2, widest-1)
	for i := 0; i < n; i++ {
		if counts[i] < want {
			continue
		}
		for k := 0; k < i; k++ {
			if counts[k] >= 3 && 2*counts[k] > widest {
				return k
			}
		}
		return i
	}
	return 0
}

// unitColumn returns the index of the unit column in header, and a note
// when it was found by its header rather than being the first column.
func unitColumn(header []string, opt Options) (int, string, error) {
	if opt.Unit != "" {
		for k, h := range header {
			if h == opt.Unit {
				return k, "", nil
			}
		}
		return 0, "", invalidf("no unit column %s in the header (%s)", quote(opt.Unit), quoteList(header))
	}
	names := map[string]bool{}
	for _, h := range UnitHeaders() {
		names[strings.ToLower(h)] = true
	}
	first := -1
	for k, h := range header {
		if first < 0 && !isSerial(h) {
			first = k
		}
		if names[strings.ToLower(h)] {
			if first >= 0 && k != first {
				return k, fmt.Sprintf("unit ids read from the column %s (column %d), found by its header", quote(h), k+1), nil
			}
			return k, "", nil
		}
	}
	if first < 0 {
		first = 0
	}
	return first, "", nil
}

func isSerial(h string) bool {
	for _, s := range SerialHeaders() {
		if h == s {
			return true
		}
	}
	return false
}

// otherSeparator reports the likely separator of a one-column header.
func otherSeparator(h string) (string, bool) {
	for _, c := range []struct{ r, name string }{{";", "';'"}, {"\t", "tab"}, {"，", "'，' (a full-width comma)"}, {"|", "'|'"}} {
		if strings.Contains(h, c.r) {
			return c.name, true
		}
	}
	return "", false
}

// checkControl rejects C0 control characters (and DEL) in names and ids:
// invisible, they make ids that look equal differ.
func checkControl(s string) error {
	for _, r := range s {
		if r < 0x20 || r == 0x7F || r == '\uFEFF' || (unicode.Is(unicode.Cc, r)) {
			return invalidf("control character %U in %s", r, quote(s))
		}
	}
	return nil
}

// checkUnique checks that the unit ids are unique (layout of possibly long
// data does not).
func (s *Sheet) checkUnique() error {
	seen := make(map[string]int, len(s.Rows))
	for i, r := range s.Rows {
		id := r[s.Unit]
		if first, dup := seen[id]; dup {
			return &Error{Sheet: s.Info.Sheet, Line: s.Lines[i], Column: s.cols[s.Unit] + 1, Header: s.Header[s.Unit], Err: invalidf("duplicate unit id %s (also %s %d)", quote(id), lineWord(s.Info), first)}
		}
		seen[id] = s.Lines[i]
	}
	return nil
}
