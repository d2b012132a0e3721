package tabular

import (
	"bytes"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/hugepages"
)

// TableFromBytes is [ReadTable] on the bytes of a file; it does not keep
// b. A CSV file without quoted cells is read straight from its text into
// the table's columns: numbers are parsed where they stand, without a
// string per cell, and the chunks of a large file on every core at once;
// so is a workbook's sheet, from the text of its cells as the sheet is
// read.
// Anything else, and any file in which that reading meets something it
// does not read itself (an error, a quoted cell, a summary row to skip,
// long data), is read as ReadTable reads it, so the result, the Info and
// the errors are those of ReadTable in every case.
func TableFromBytes(b []byte, opt Options) (*indicator.Table, *Info, error) {
	t, info, _, err := TableRecords(b, opt)
	return t, info, err
}

// TableRecords is [TableFromBytes] that also returns the records of the
// table's canonical CSV form, when the file's data rows are those records
// byte for byte (else nil): the text after the header line, which a
// fingerprint can hash as it is instead of formatting the table again
// (ranking.FingerprintOfRecords). The canonical form is the one that
// ranking.FingerprintOf hashes: one line per unit, sorted by unit id,
// the unit id first (quoted only where encoding/csv quotes), then the
// numeric columns sorted by name, numbers as strconv.FormatFloat(x, 'g',
// -1, 64) writes them, "NA" for a missing value, LF line ends. The
// records are found for a file read by the direct CSV path whose
// separator is a comma, whose columns are the unit first and then numeric
// columns in order of their names (no attribute, 序号 or empty column),
// whose rows are in order of their unit ids, and whose every cell is
// written in that form: no spaces around it, no empty cell ("NA" for a
// missing value), no percent sign, and every number a decimal of at most
// 15 digits that is its own shortest form (no leading or trailing zeros,
// no plus sign, at least 1e-4 and below 1e6 in magnitude, or zero). The
// last line may lack its LF; the records then lack it too. The records
// are a part of b or of its decoded text; when the rows are such records
// but not in order of their unit ids (as an office's file has them), the
// records are a copy of those lines put in that order, each with its LF.
func TableRecords(b []byte, opt Options) (*indicator.Table, *Info, []byte, error) {
	if t, info, records, ok := fastTable(b, opt); ok {
		return t, info, records, nil
	}
	if t, info, ok, err := fastXLSXTable(b, opt); ok || err != nil {
		return t, info, nil, err
	}
	g, err := GridFromBytes(b, opt)
	if err != nil {
		return nil, nil, nil, err
	}
	t, info, err := g.Table(opt)
	return t, info, nil, err
}

// Roles of a source column in fastTable.
const (
	roleBlank  = iota // must be blank: under an empty header, or beyond the header
	roleIgnore        // a serial-number column left out
	roleUnit          // the unit ids
	roleNum           // a numeric column
	roleAttr          // a text attribute
)

// fastPlan is what fastTable knows of the table once it has read the
// header: the role of each source column and where its cells go.
type fastPlan struct {
	comma byte
	width int   // columns of the header, its trailing empty cells left out
	role  []int // per source column below width
	index []int // per source column: its index among the numeric or attribute columns
	nNum  int
	nAttr int
	fast  bool // plain decimals need no look-up in na
	na    naSet
	skip  bool // SkipSummary
	// canon says that the data rows may be the records of the table's
	// canonical CSV form (see TableRecords): the columns are the unit and
	// then numeric columns in order of their names, the separator a comma.
	canon bool
	// check says that the text is the file's bytes, each chunk to be
	// checked by cleanChunk as it is read (see fastText).
	check bool
}

// fastTable reads a table as [Grid.Table] does from the CSV text of b,
// and reports false whenever it meets anything that it does not read
// itself (see TableFromBytes); it never returns an error of its own.
func fastTable(b []byte, opt Options) (*indicator.Table, *Info, []byte, bool) {
	f := opt.Format
	if f == FormatAuto {
		f = Detect(b)
	}
	if f != FormatCSV {
		return nil, nil, nil, false
	}
	if enc, err := normalizeEncoding(opt.Encoding); err == nil && (enc == "" || enc == "utf-8") && !bytes.HasPrefix(b, bomUTF8) && !hasBOM16(b) {
		// Text that decodeText takes as it is when it is UTF-8: read
		// as it is, each chunk of lines checked as it is read (see
		// cleanChunk), where decodeText scans the whole text before.
		tab, info, records, ok, notUTF8 := fastText(b, Info{Format: FormatCSV, Encoding: "utf-8"}, opt, true)
		if !notUTF8 {
			return tab, info, records, ok
		}
	}
	info := Info{Format: FormatCSV}
	t, err := decodeText(b, opt.Encoding, &info)
	if err != nil {
		return nil, nil, nil, false
	}
	tab, tabInfo, records, ok, _ := fastText(t, info, opt, false)
	return tab, tabInfo, records, ok
}

// hasBOM16 reports whether b begins with a UTF-16 byte-order mark.
func hasBOM16(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// cleanChunk reports whether the text t, a part of a CSV text made of
// whole lines, has no quote (quote false), and, when check is set,
// whether it is valid UTF-8 without a byte-order mark, as checkUTF8
// requires (notUTF8 false).
func cleanChunk(t []byte, check bool) (quote, notUTF8 bool) {
	if bytes.IndexByte(t, '"') >= 0 {
		return true, false
	}
	return false, check && (!utf8.Valid(t) || bytes.Contains(t, bomUTF8))
}

// fastText is fastTable on the UTF-8 text t, read with info. With check,
// t is the file's bytes as they are, not yet known to be UTF-8: each part
// is checked as it is read (cleanChunk), and notUTF8 reports that a part
// is not valid UTF-8 or holds a byte-order mark, for the caller to decode
// the file first.
func fastText(t []byte, info Info, opt Options, check bool) (tab *indicator.Table, tabInfo *Info, records []byte, ok, notUTF8 bool) {
	comma := separator(opt, info)
	if comma >= utf8.RuneSelf || strings.ContainsRune("\x00\"\r\n+-.0123456789", comma) {
		return nil, nil, nil, false, false
	}
	// The rows down to the header, split as encoding/csv splits text
	// without quotes: lines at LF, one CR before it dropped, empty
	// lines skipped, fields at the separator.
	g := &Grid{Info: info}
	var ends []int // end of each row's line in t
	pos, line := 0, 0
	for pos < len(t) && (len(g.Rows) < 50 || opt.HeaderRow > 0 && g.Lines[len(g.Rows)-1] < opt.HeaderRow) {
		l, next := nextLine(t, pos)
		line++
		pos = next
		if len(l) == 0 {
			continue
		}
		rec := strings.Split(string(l), string(rune(comma)))
		if len(trimRow(rec)) == 0 {
			continue
		}
		g.Rows, g.Lines, ends = append(g.Rows, rec), append(g.Lines, line), append(ends, next)
	}
	if quote, bad := cleanChunk(t[:pos], check); quote || bad {
		return nil, nil, nil, false, bad
	}
	if len(g.Rows) == 0 {
		return nil, nil, nil, false, false
	}
	hi, err := g.headerIndex(opt)
	if err != nil {
		return nil, nil, nil, false, false
	}
	p, s, cols, attrs, ok := newFastPlan(g, hi, opt)
	if !ok {
		return nil, nil, nil, false, false
	}
	p.comma = byte(comma)
	p.check = check
	p.canon = p.fast && comma == ',' && p.nAttr == 0 && p.width == 1+p.nNum && p.role[0] == roleUnit && slices.IsSorted(cols) && !hasDup(cols)

	// The data rows: the lines after the header's, in chunks of lines
	// read on every core at once when the text is large (readChunks).
	start := ends[hi]
	bounds, at := fastChunks(t, start)
	rows := at[len(at)-1]
	backing := hugepages.Make[float64](p.nNum*rows, p.nNum*rows) // filled in few page faults
	data := make([][]float64, p.nNum)
	for k := range data {
		data[k] = backing[k*rows : (k+1)*rows : (k+1)*rows]
	}
	a, ok, notUTF8 := readChunks(t, bounds, at, p, data)
	if !ok {
		return nil, nil, nil, false, notUTF8
	}
	tab, tabInfo, ok = a.finish(s, cols, attrs, data)
	if !ok {
		return nil, nil, nil, false, false
	}
	switch {
	case a.canon && a.sorted:
		records = t[start:len(t):len(t)]
	case a.canon:
		records = a.sortedRecords(t)
	}
	return tab, tabInfo, records, true, false
}

// sortedRecords returns the lines of the rows read (h.lines), canonical
// records out of order, put in order of their unit ids, each with its
// LF, in a buffer of their own; nil when two ids are the same.
func (h *rowReader) sortedRecords(t []byte) []byte {
	id := func(i int) []byte {
		from := int32(0)
		if i > 0 {
			from = h.idEnd[i-1]
		}
		return h.ids[from:h.idEnd[i]]
	}
	order := make([]int, h.n)
	size := 0
	for i := range order {
		order[i] = i
		size += h.lines[2*i+1] - h.lines[2*i] + 1
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(id(a), id(b)) })
	buf := hugepages.Make[byte](0, size)
	for k, i := range order {
		if k > 0 && bytes.Equal(id(order[k-1]), id(i)) {
			return nil
		}
		buf = append(append(buf, t[h.lines[2*i]:h.lines[2*i+1]]...), '\n')
	}
	return buf
}

// newFastPlan lays out the header g.Rows[hi] of the first rows of a
// file as [Grid.Table] does and returns the plan of a direct reading of
// the rows after it, with the laid-out sheet (its Info, header and unit
// column) and the names of the numeric and attribute columns; ok false
// when the layout fails or the data are long.
func newFastPlan(g *Grid, hi int, opt Options) (p *fastPlan, s *Sheet, cols, attrs []string, ok bool) {
	head := &Grid{Rows: g.Rows[:hi+1], Lines: g.Lines[:hi+1], Info: g.Info}
	s, err := head.layoutAt(hi, opt, true)
	if err != nil {
		return nil, nil, nil, nil, false
	}
	if _, long := s.Long(); long && len(opt.Attributes) == 0 {
		return nil, nil, nil, nil, false
	}
	p = &fastPlan{width: len(trimRow(g.Rows[hi])), na: newNASet(opt.NA), skip: opt.SkipSummary}
	p.fast = !p.na.decimalNA()
	p.role = make([]int, p.width)
	p.index = make([]int, p.width)
	isAttr, missing := s.attributeColumns(opt.Attributes)
	if missing != "" {
		return nil, nil, nil, nil, false
	}
	for j := range p.role {
		p.role[j] = roleBlank
		if j == 0 || trimSpace(g.Rows[hi][j]) != "" {
			p.role[j] = roleIgnore
		}
	}
	for j, h := range s.Header {
		src := s.cols[j]
		switch {
		case j == s.Unit:
			p.role[src] = roleUnit
		case isAttr[j]:
			p.role[src], p.index[src] = roleAttr, p.nAttr
			p.nAttr++
			attrs = append(attrs, h)
		default:
			p.role[src], p.index[src] = roleNum, p.nNum
			p.nNum++
			cols = append(cols, h)
		}
	}
	return p, s, cols, attrs, true
}

// finish checks the percent signs of the rows read (a column's numbers
// all with one or all without) and makes the table of the rows read into
// data: ok false where Grid.Table would fail.
func (a *rowReader) finish(s *Sheet, cols, attrs []string, data [][]float64) (*indicator.Table, *Info, bool) {
	// Percent signs: a column's numbers all with one or all without. The
	// columns are visited in their order (a.pct is a map), so that
	// Info.Percent lists them as the grid path does.
	for k := range data {
		c, ok := a.pct[k]
		if !ok {
			continue
		}
		nonMissing := 0
		for _, x := range data[k][:a.n] {
			if !math.IsNaN(x) {
				nonMissing++
			}
		}
		if c != nonMissing {
			return nil, nil, false
		}
		s.Info.Percent = append(s.Info.Percent, cols[k])
	}
	all := string(a.ids)
	units := make([]string, a.n)
	from := int32(0)
	for i, e := range a.idEnd {
		units[i] = all[from:e]
		from = e
	}
	for k := range data {
		data[k] = data[k][:a.n]
	}
	tab, err := indicator.NewTableColumns(units, cols, data)
	if err != nil {
		return nil, nil, false
	}
	tab = tab.WithUnitHeader(s.Header[s.Unit])
	for k, name := range attrs {
		if tab, err = tab.WithAttribute(name, append(make([]string, 0, a.n), a.attrs[k]...)); err != nil {
			return nil, nil, false
		}
	}
	return tab, &s.Info, true
}

// hasDup reports whether the sorted names hold one twice.
func hasDup(sorted []string) bool {
	for k := 1; k < len(sorted); k++ {
		if sorted[k] == sorted[k-1] {
			return true
		}
	}
	return false
}

// fastChunk is the size in bytes of the chunks of lines that fastTable
// reads on every core at once (a chunk ends at the first LF from that
// many bytes on): small enough that the cores finish together when one
// of them is held up, large enough that a chunk's own costs are nothing
// next to its rows.
var fastChunk = 128 << 10

// fastChunks splits the lines of t from start into chunks of about
// fastChunk bytes, each ending after an LF (the last at the end of t):
// chunk c is t[bounds[c]:bounds[c+1]]. at[c] is the row of the whole
// table of the first line of chunk c, counting every line (also empty
// ones); at[len(at)-1] is one more than the LFs of t[start:], enough
// rows for every line.
func fastChunks(t []byte, start int) (bounds, at []int) {
	bounds, at = []int{start}, []int{0}
	for pos := start; pos < len(t); {
		next := len(t)
		if pos+fastChunk < len(t) {
			if i := bytes.IndexByte(t[pos+fastChunk-1:], '\n'); i >= 0 {
				next = pos + fastChunk + i
			}
		}
		bounds = append(bounds, next)
		at = append(at, at[len(at)-1]+bytes.Count(t[pos:next], []byte{'\n'}))
		pos = next
	}
	at[len(at)-1]++ // a last line without its LF
	return bounds, at
}

// readChunks reads the chunks of lines of t (see fastChunks) into the
// columns data, on every core at once when there are several chunks:
// chunk c from row at[c] on, once cleanChunk finds it without quotes
// (and valid UTF-8, when p.check). It then moves the rows of each chunk
// down to follow those of the chunks before it (lines left out leave
// gaps) and returns the rows read as one rowReader, in the order of the
// text; false at anything fastTable does not read itself, with notUTF8
// when a chunk is not valid UTF-8 (see fastText).
func readChunks(t []byte, bounds, at []int, p *fastPlan, data [][]float64) (a *rowReader, ok, notUTF8 bool) {
	n := len(bounds) - 1
	if n == 0 {
		h := &rowReader{plan: p, cols: data}
		h.start()
		h.canon, h.sorted = p.canon, true
		return h, true, false
	}
	hs := make([]rowReader, n)
	var stop, bad atomic.Bool
	var next atomic.Int64
	work := func() {
		for c := int(next.Add(1)) - 1; c < n && !stop.Load(); c = int(next.Add(1)) - 1 {
			chunk := t[bounds[c]:bounds[c+1]]
			if quote, notUTF8 := cleanChunk(chunk, p.check); quote || notUTF8 {
				if notUTF8 {
					bad.Store(true)
				}
				stop.Store(true)
				return
			}
			// Read into a reader of this goroutine's own, which it
			// updates at every cell: readers side by side in hs would
			// share cache lines between the cores.
			h := rowReader{plan: p, cols: data, stop: &stop, at: at[c], base: bounds[c]}
			if !h.read(chunk) {
				stop.Store(true)
			}
			hs[c] = h
		}
	}
	workers := min(n, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if stop.Load() {
		return nil, false, bad.Load()
	}
	a = &hs[0]
	for c := 1; c < n; c++ {
		h := &hs[c]
		if a.n < h.at {
			for k := range data {
				copy(data[k][a.n:], data[k][h.at:h.at+h.n])
			}
		}
		a.canon = a.canon && h.canon
		a.sorted = a.sorted && h.sorted && (a.n == 0 || h.n == 0 || bytes.Compare(a.lastID(), h.ids[:h.idEnd[0]]) < 0)
		a.lines = append(a.lines, h.lines...)
		a.n += h.n
		base := int32(len(a.ids))
		a.ids = append(a.ids, h.ids...)
		for _, e := range h.idEnd {
			a.idEnd = append(a.idEnd, e+base)
		}
		for k := range a.attrs {
			a.attrs[k] = append(a.attrs[k], h.attrs[k]...)
		}
		for k, c := range h.pct {
			a.addPct(k, c)
		}
	}
	a.at = 0
	return a, true, false
}

// nextLine returns the line of t at pos without its LF and one CR before
// it (or at the end of t), and where the next line begins.
func nextLine(t []byte, pos int) ([]byte, int) {
	l, next := t[pos:], len(t)
	if i := bytes.IndexByte(l, '\n'); i >= 0 {
		l, next = l[:i], pos+i+1
	}
	if n := len(l); n > 0 && l[n-1] == '\r' {
		l = l[:n-1]
	}
	return l, next
}

// rowReader reads data rows into the columns: a chunk of lines of a CSV
// text (from row at of the table on), or the rows of a sheet.
type rowReader struct {
	plan  *fastPlan
	cols  [][]float64 // the numeric columns of the whole table
	at    int         // row of the whole table of this chunk's first line
	stop  *atomic.Bool
	n     int     // rows read
	ids   []byte  // the unit ids, one after another
	idEnd []int32 // end of each unit id in ids
	attrs [][]string
	pct   map[int]int // numeric column -> cells with a percent sign
	rowP  []int       // the current row's numeric columns with a percent sign
	rowA  []string    // the current row's attribute cells
	// canon says that the rows read so far are records of the canonical
	// CSV form (see TableRecords), and sorted that each has a unit id
	// after the one before; rowCanon that the current row is a record
	// too, so far.
	canon, sorted, rowCanon bool
	unit                    []byte // the current row's unit id
	// base is where the text read (this chunk) begins in the whole text;
	// line is the start and end in the whole text of the line being
	// read, and lines those of every row read, when the plan's rows may
	// be canonical records (plan.canon).
	base  int
	line  [2]int
	lines []int

	nonBlank, keptNonBlank bool // the current row has a cell not blank, a kept one
}

// lastID returns the id of the last row read.
func (h *rowReader) lastID() []byte {
	from := int32(0)
	if len(h.idEnd) > 1 {
		from = h.idEnd[len(h.idEnd)-2]
	}
	return h.ids[from:h.idEnd[len(h.idEnd)-1]]
}

func (h *rowReader) addPct(k, c int) {
	if h.pct == nil {
		h.pct = map[int]int{}
	}
	h.pct[k] += c
}

// start prepares h for its first row.
func (h *rowReader) start() {
	h.attrs = make([][]string, h.plan.nAttr)
	h.rowA = make([]string, h.plan.nAttr)
}

// read reads the lines of t, and reports false at anything fastTable
// does not read itself.
func (h *rowReader) read(t []byte) bool {
	h.start()
	h.canon, h.sorted = h.plan.canon, true
	for pos, k := 0, 0; pos < len(t); k++ {
		if k&255 == 255 && h.stop.Load() {
			return false
		}
		l, next := nextLine(t, pos)
		// A canonical record: not empty, its LF right after it (or
		// the end of the text), no CR: nextLine drops a CR before an LF
		// and one at the end of the text, which a record must not have.
		end := pos + len(l)
		h.canon = h.canon && len(l) > 0 && (end == len(t) || end+1 == next && t[end] == '\n')
		h.line = [2]int{h.base + pos, h.base + end}
		pos = next
		if len(l) > 0 && !h.row(l) {
			return false
		}
	}
	return true
}

// row reads one line (not empty) as the next row, and reports false at
// anything fastTable does not read itself. A row that Grid and Layout
// leave out (all its cells blank, or all those kept, or a summary row
// skipped) leaves no trace.
func (h *rowReader) row(l []byte) bool {
	p := h.plan
	h.begin()
	j, pos := 0, 0
	for ; ; j++ {
		if p.fast && j < p.width && p.role[j] == roleNum {
			// Most cells: a plain decimal up to the separator.
			if x, n, ok := decimalPrefix(l[pos:]); ok && (pos+n == len(l) || l[pos+n] == p.comma) {
				h.cols[p.index[j]][h.at+h.n] = x
				h.nonBlank, h.keptNonBlank = true, true
				h.rowCanon = h.rowCanon && shortestDecimal(l[pos:pos+n])
				if pos += n; pos == len(l) {
					break
				}
				pos++
				continue
			}
		}
		end := len(l)
		if e := bytes.IndexByte(l[pos:], p.comma); e >= 0 {
			end = pos + e
		}
		if !fastCell(h, j, l[pos:end]) {
			return false
		}
		if end == len(l) {
			break
		}
		pos = end + 1
	}
	return h.endRow(j + 1)
}

// begin starts reading a row.
func (h *rowReader) begin() {
	h.rowP = h.rowP[:0]
	h.nonBlank, h.keptNonBlank = false, false
	h.rowCanon = h.canon
	h.unit = h.unit[:0]
}

// fastCell reads the cell raw of source column j (0-based) of the row
// being read, and reports false at anything the direct reading does not
// read itself.
func fastCell[T string | []byte](h *rowReader, j int, raw T) bool {
	p := h.plan
	role := roleBlank
	if j < p.width {
		role = p.role[j]
	}
	c := trimCell(raw)
	if len(c) > 0 {
		h.nonBlank = true
	}
	switch role {
	case roleBlank:
		if len(c) > 0 {
			return false
		}
	case roleUnit:
		h.unit = append(h.unit[:0], c...)
		h.keptNonBlank = h.keptNonBlank || len(c) > 0
		if h.rowCanon {
			h.rowCanon = len(c) == len(raw) && plainField([]byte(c))
		}
	case roleAttr:
		h.rowA[p.index[j]] = string(c)
		h.keptNonBlank = h.keptNonBlank || len(c) > 0
	case roleNum:
		h.keptNonBlank = h.keptNonBlank || len(c) > 0
		x, ok := math.NaN(), len(c) == 0
		if !ok && p.fast {
			x, ok = fastDecimal(c)
		}
		if !ok {
			v, err := parseNumber(string(c), p.na)
			if err != nil {
				return false
			}
			x = v.X
			if v.Percent && !v.Missing {
				h.rowP = append(h.rowP, p.index[j])
			}
		}
		h.cols[p.index[j]][h.at+h.n] = x
		if h.rowCanon {
			h.rowCanon = math.IsNaN(x) && string(raw) == "NA"
		}
	}
	return true
}

// endRow ends the row of the given number of fields (at least the
// header's width for a sheet, whose rows may stop short): a row left out
// leaves no trace, a row kept is counted; false at anything the direct
// reading does not read itself.
func (h *rowReader) endRow(fields int) bool {
	p := h.plan
	unit := h.unit
	switch {
	case !h.nonBlank, fields >= p.width && !h.keptNonBlank:
		h.canon = false
		return true // a row left out
	case fields < p.width, len(unit) == 0, hasControl(unit):
		return false
	case isSummaryID(unit):
		h.canon = false
		return p.skip
	}
	h.canon = h.rowCanon && fields == p.width
	h.sorted = h.sorted && (h.n == 0 || bytes.Compare(h.lastID(), unit) < 0)
	if h.canon {
		h.lines = append(h.lines, h.line[0], h.line[1])
	}
	h.ids = append(h.ids, unit...)
	h.idEnd = append(h.idEnd, int32(len(h.ids)))
	for _, k := range h.rowP {
		h.addPct(k, 1)
	}
	for k, a := range h.rowA {
		h.attrs[k] = append(h.attrs[k], a)
	}
	h.n++
	return true
}

// hasControl reports whether checkControl rejects b.
func hasControl(b []byte) bool {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == '\uFEFF' || unicode.Is(unicode.Cc, r) {
			return true
		}
		i += n
	}
	return false
}

// hasSpace reports whether c holds a white-space character
// (unicode.IsSpace): one begins at some byte of c.
func hasSpace[T string | []byte](c T) bool {
	for i := 0; i < len(c); i++ {
		if spacePrefix(c[i:]) > 0 {
			return true
		}
	}
	return false
}

// shortestDecimal reports whether the decimal s, which decimalPrefix read
// whole (at most 15 digits), is the text strconv.FormatFloat(x, 'g', -1,
// 64) writes for its value x: an optional minus sign, an integer part of
// one to six digits without a leading zero (or 0 alone), and an optional
// fraction that does not end in 0 and, after an integer part 0, does not
// begin with four zeros. Then x is zero, or 1e-4 <= |x| < 1e6, where 'g'
// writes no exponent; and since two decimals of at most 15 significant
// digits are never read as the same double, no shorter decimal reads as
// x: its shortest digits are those of s.
func shortestDecimal(s []byte) bool {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	d := i
	for d < len(s) && '0' <= s[d] && s[d] <= '9' {
		d++
	}
	n := d - i
	if n == 0 || n > 6 || n > 1 && s[i] == '0' {
		return false
	}
	if d == len(s) {
		return true
	}
	if s[d] != '.' || d+1 == len(s) || s[len(s)-1] == '0' {
		return false
	}
	return s[i] != '0' || !bytes.HasPrefix(s[d+1:], []byte("0000"))
}

// plainField reports whether encoding/csv writes the unit id c as it is,
// unquoted (csvtext.AppendField).
func plainField(c []byte) bool {
	if len(c) == 0 || string(c) == `\.` || bytes.ContainsAny(c, ",\"\r\n") {
		return len(c) == 0
	}
	r, _ := utf8.DecodeRune(c)
	return !unicode.IsSpace(r)
}
