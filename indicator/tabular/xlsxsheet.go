package tabular

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"
)

// digits returns the value of v made of ASCII digits only, without a
// leading zero (other than "0"), at most max; ok false otherwise.
func digits(v []byte, max int) (int, bool) {
	if len(v) == 0 || len(v) > 9 || v[0] == '0' && len(v) > 1 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n <= max
}

// cellRef reads a cell reference as excelize writes it (upper-case
// column letters, the row without leading zeros), returning its 1-based
// column and row.
func cellRef(v []byte) (col, row int, ok bool) {
	j := 0
	for j < len(v) && j < 3 && 'A' <= v[j] && v[j] <= 'Z' {
		col = col*26 + int(v[j]-'A'+1)
		j++
	}
	if j == 0 || col > 16384 {
		return 0, 0, false
	}
	row, ok = digits(v[j:], 1048576)
	return col, row, ok && row >= 1
}

// mergeRef reads the reference of a merged range (A1:B2, or one cell),
// as excelize's mergeCellsParser reads it, returning its corners and the
// cell excelize reads the range's cells from (its first cell as written).
func mergeRef(ref string) (c1, r1, c2, r2 int, first string, ok bool) {
	a, b, two := strings.Cut(ref, ":")
	if !two {
		b = a
	}
	if strings.Contains(b, ":") {
		return 0, 0, 0, 0, "", false
	}
	var ok1, ok2 bool
	c1, r1, ok1 = cellRef([]byte(a))
	c2, r2, ok2 = cellRef([]byte(b))
	if !ok1 || !ok2 {
		return 0, 0, 0, 0, "", false
	}
	return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2), a, true
}

// colName returns the letters of a 1-based column.
func colName(col int) string {
	var b [3]byte
	k := len(b)
	for col > 0 {
		col--
		k--
		b[k] = byte('A' + col%26)
		col /= 26
	}
	return string(b[k:])
}

// sheetReader reads a sheet's part into a Grid.
type sheetReader struct {
	s      *xmlScanner
	sst    []string
	styles map[int]numberStyle
	g      *Grid
	max    int
	cells  int
	size   uint64    // the part's size
	fast   *xlsxFast // reading straight into a table, or nil for a Grid

	cols   [][3]int // min, max, style of the column formats with a style
	merges []string // references of merged ranges
	rows   int      // the last row read

	// the current row
	row   int
	rowS  int
	spans []cellSpan
	arena []byte
	slab  []string
}

// cellSpan is a cell of the row being read.
type cellSpan struct {
	col        int  // 1-based
	start, end int  // text in arena, or
	str        bool // text in text
	text       string
	number     bool // a number cell (excelize's GetCellType Unset or Number)
	style      int
}

// read reads the sheet: the worksheet's column formats, its rows and
// merged ranges; the other elements are checked and skipped.
func (r *sheetReader) read() error {
	s := r.s
	if err := s.decl(); err != nil {
		return err
	}
	if err := rootTag(s, "worksheet"); err != nil {
		return err
	}
	if s.empty {
		return trailing(s)
	}
	data := false
	for {
		if ok, err := s.child("worksheet"); err != nil {
			return err
		} else if !ok {
			break
		}
		switch string(s.name) {
		case "sheetData":
			if data {
				return s.fail(errUnsupported)
			}
			data = true
			if err := r.sheetData(); err != nil {
				return err
			}
		case "cols":
			if data {
				return s.fail(errUnsupported)
			}
			if err := r.colsElem(); err != nil {
				return err
			}
		case "mergeCells":
			if err := r.mergeCells(); err != nil {
				return err
			}
		default:
			// Before the data, a row anywhere would be read by
			// excelize's row iterator; excelize's worksheet model
			// reads these by their local names.
			switch string(s.local) {
			case "sheetData", "cols", "mergeCells":
				return s.fail(errUnsupported)
			}
			if err := s.skip("row", "sheetData"); err != nil {
				return err
			}
		}
	}
	if err := trailing(s); err != nil {
		return err
	}
	return r.checkMerges()
}

// colsElem reads the column formats of a cols element.
func (r *sheetReader) colsElem() error {
	s := r.s
	if s.empty {
		return nil
	}
	for {
		if ok, err := s.child("cols"); err != nil || !ok {
			return err
		}
		if string(s.name) != "col" {
			return s.fail(errUnsupported)
		}
		var v [3]int
		for k, a := range []string{"min", "max", "style"} {
			b, found, err := s.attr(a)
			if err != nil {
				return err
			}
			if !found && a == "style" {
				continue
			}
			n, ok := digits(b, 1<<30)
			if !found || !ok {
				return s.fail(errUnsupported)
			}
			v[k] = n
		}
		if v[2] != 0 {
			r.cols = append(r.cols, v)
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
}

// mergeCells reads the references of a mergeCells element.
func (r *sheetReader) mergeCells() error {
	s := r.s
	if v, _, err := s.attr("count"); err != nil || !xmlInt(v) {
		return s.fail(errUnsupported)
	}
	if s.empty {
		return nil
	}
	for {
		if ok, err := s.child("mergeCells"); err != nil || !ok {
			return err
		}
		if string(s.name) != "mergeCell" {
			return s.fail(errUnsupported)
		}
		v, _, err := s.attr("ref")
		if err != nil {
			return err
		}
		if len(v) > 0 {
			r.merges = append(r.merges, string(v))
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
}

// checkMerges leaves to excelize a sheet where a cell with text lies in
// a merged range other than as the range's first cell: excelize takes
// the type of such a cell from the range's first cell.
func (r *sheetReader) checkMerges() error {
	budget := 4*r.cells + 1<<16
	for _, m := range r.merges {
		c1, r1, c2, r2, first, ok := mergeRef(m)
		if !ok {
			return errUnsupported
		}
		g := r.g
		for i, line := range g.Lines {
			if line < r1 || line > r2 {
				continue
			}
			for j := c1 - 1; j < c2 && j < len(g.Rows[i]); j++ {
				if budget--; budget < 0 {
					return errUnsupported
				}
				if g.Rows[i][j] != "" && colName(j+1)+strconv.Itoa(line) != first {
					return errUnsupported
				}
			}
		}
	}
	return nil
}

// sheetData reads the rows of a sheetData element.
func (r *sheetReader) sheetData() error {
	s := r.s
	if s.empty {
		return nil
	}
	for {
		if ok, err := s.child("sheetData"); err != nil || !ok {
			return err
		}
		if string(s.name) != "row" {
			return s.fail(errUnsupported)
		}
		if err := r.readRow(); err != nil {
			return err
		}
	}
}

// readRow reads a row whose start tag was just read: its number (rows
// in increasing order), style and cells.
func (r *sheetReader) readRow() error {
	s := r.s
	v, found, err := s.attr("r")
	if err != nil {
		return err
	}
	row, ok := digits(v, 1048576)
	if !found || !ok || row <= r.rows {
		return s.fail(errUnsupported)
	}
	r.rows, r.row, r.rowS = row, row, 0
	if v, found, err := s.attr("s"); err != nil {
		return err
	} else if found {
		if r.rowS, ok = digits(v, 1<<30); !ok {
			return s.fail(errUnsupported)
		}
	}
	r.spans = r.spans[:0]
	r.arena = r.arena[:0]
	if !s.empty {
		for {
			if s.n-s.i >= 6 && string(s.buf[s.i:s.i+6]) == "</row>" {
				s.i += 6
				break
			}
			if ref, st, typ, hasS, empty, ok := r.cellTag(); ok {
				if err := r.readCell(ref, st, typ, hasS, empty); err != nil {
					return err
				}
				continue
			}
			if ok, err := s.child("row"); err != nil {
				return err
			} else if !ok {
				break
			}
			if string(s.name) != "c" {
				return s.fail(errUnsupported)
			}
			if err := r.cellAttrs(); err != nil {
				return err
			}
		}
	}
	return r.endRow()
}

// cellTag reads a cell's start tag of the common form, <c r="B2" s="1"
// t="s"> (the attributes r, s and t, each at most once, in any order,
// one space before each, values of printable ASCII but & and <: text
// that needs no decoding), without the general tag reader; ok false,
// with nothing read, for any other form.
func (r *sheetReader) cellTag() (ref, st, typ []byte, hasS, empty, ok bool) {
	s := r.s
	b := s.buf[s.i:s.n]
	if len(b) < 3 || b[0] != '<' || b[1] != 'c' || b[2] != ' ' {
		return nil, nil, nil, false, false, false
	}
	var a cellAttrSet
	for j := 2; j < len(b); {
		switch b[j] {
		case '>':
			s.i += j + 1
			return a.ref, a.st, a.typ, a.hasS, false, true
		case '/':
			if j+1 < len(b) && b[j+1] == '>' {
				s.i += j + 2
				return a.ref, a.st, a.typ, a.hasS, true, true
			}
			return nil, nil, nil, false, false, false
		case ' ':
			if j+3 >= len(b) || b[j+2] != '=' || b[j+3] != '"' {
				return nil, nil, nil, false, false, false
			}
			p := a.slot(b[j+1 : j+2])
			if p == nil || *p != nil {
				return nil, nil, nil, false, false, false
			}
			v := j + 4
			e := v
			for e < len(b) && b[e] != '"' {
				if c := b[e]; c < 0x20 || c >= 0x7f || c == '&' || c == '<' {
					return nil, nil, nil, false, false, false
				}
				e++
			}
			if e >= len(b) {
				return nil, nil, nil, false, false, false
			}
			*p = b[v:e]
			j = e + 1
		default:
			return nil, nil, nil, false, false, false
		}
	}
	return nil, nil, nil, false, false, false
}

// cellAttrs reads the cell whose start tag the general tag reader read.
func (r *sheetReader) cellAttrs() error {
	s := r.s
	var c cellAttrSet
	for _, a := range s.attrs {
		p := c.slot(a.local)
		if p == nil {
			continue
		}
		if *p != nil {
			return s.fail(errUnsupported)
		}
		*p = a.val
		if *p == nil {
			*p = []byte{}
		}
	}
	return r.readCell(c.ref, c.st, c.typ, c.hasS, s.empty)
}

// cellAttrSet holds the attributes of a cell's start tag that the reader
// uses: the reference r, the style s (hasS when the tag has one) and the
// type t, each nil until read.
type cellAttrSet struct {
	ref, st, typ []byte
	hasS         bool
}

// slot returns where the value of the cell attribute of local name goes,
// nil for an attribute the reader does not use; it notes a style.
func (c *cellAttrSet) slot(name []byte) *[]byte {
	if len(name) != 1 {
		return nil
	}
	switch name[0] {
	case 'r':
		return &c.ref
	case 's':
		c.hasS = true
		return &c.st
	case 't':
		return &c.typ
	}
	return nil
}

// readCell reads a cell of reference ref, style st (if hasS) and type
// typ, from the end of its start tag (self-closing if empty) to its end.
func (r *sheetReader) readCell(ref, st, typ []byte, hasS, empty bool) error {
	s := r.s
	col, row, ok := cellRef(ref)
	if !ok || row != r.row {
		return s.fail(errUnsupported)
	}
	if n := len(r.spans); n > 0 && r.spans[n-1].col >= col {
		return s.fail(errUnsupported)
	}
	c := cellSpan{col: col}
	if hasS {
		if c.style, ok = digits(st, 1<<30); !ok {
			return s.fail(errUnsupported)
		}
	}
	shared, inlineType := string(typ) == "s", string(typ) == "inlineStr"
	switch string(typ) {
	case "b", "d", "e", "s", "str", "inlineStr":
	default:
		c.number = true
	}
	if empty {
		return nil // no value, no formula: no cell
	}
	var (
		v       []byte
		haveV   bool
		formula bool
		inline  bool
		isText  []byte
	)
	vStart := len(r.arena)
	for {
		// The common <v>…</v> and </c>, without the general tag reader.
		if s.n-s.i >= 4 && s.buf[s.i] == '<' {
			if !haveV && s.buf[s.i+1] == 'v' && s.buf[s.i+2] == '>' {
				// A value of plain text, with its end tag buffered.
				b := s.buf[s.i+3 : s.n]
				if k := bytes.IndexByte(b, '<'); k >= 0 && k+4 <= len(b) &&
					b[k+1] == '/' && b[k+2] == 'v' && b[k+3] == '>' && plainText(b[:k]) {
					r.arena = append(r.arena, b[:k]...)
					v, haveV = r.arena[vStart:], true
					s.i += 3 + k + 4
					continue
				}
				s.i += 3
				s.name, s.empty = nameV, false
				if err := r.value(&haveV, &v, vStart); err != nil {
					return err
				}
				continue
			}
			if string(s.buf[s.i:s.i+4]) == "</c>" {
				s.i += 4
				break
			}
		}
		if ok, err := s.child("c"); err != nil {
			return err
		} else if !ok {
			break
		}
		switch string(s.name) {
		case "v":
			if err := r.value(&haveV, &v, vStart); err != nil {
				return err
			}
		case "f":
			if formula {
				return s.fail(errUnsupported)
			}
			formula = true
			if err := r.formula(); err != nil {
				return err
			}
		case "is":
			if inline {
				return s.fail(errUnsupported)
			}
			inline = true
			text, err := r.inlineString()
			if err != nil {
				return err
			}
			isText = text
		default:
			return s.fail(errUnsupported)
		}
	}
	// excelize's getValueFrom with raw values.
	switch {
	case shared:
		if len(v) > 0 {
			k := sstIndex(v)
			r.arena = r.arena[:vStart]
			if k >= 0 && k < len(r.sst) {
				c.str, c.text = true, r.sst[k]
			} else {
				c.str = true
			}
		} else {
			c.start, c.end = vStart, vStart
		}
	case inlineType && inline:
		r.arena = r.arena[:vStart]
		c.str, c.text = true, bstrUnmarshal(string(isText))
	default:
		c.start, c.end = vStart, len(r.arena)
	}
	none := c.str && c.text == "" || !c.str && c.start == c.end
	if none && !formula {
		r.arena = r.arena[:vStart]
		return nil
	}
	r.spans = append(r.spans, c)
	return nil
}

var nameV = []byte("v")

// value reads the text of a cell's v element, whose start tag was just
// read, into the row's arena.
func (r *sheetReader) value(haveV *bool, v *[]byte, vStart int) error {
	if *haveV {
		return r.s.fail(errUnsupported)
	}
	*haveV = true
	text, err := r.s.closeText()
	if err != nil {
		return err
	}
	r.arena = append(r.arena, text...)
	*v = r.arena[vStart:]
	return nil
}

// sstIndex reads a shared string's index as excelize does: strconv.Atoi
// of the trimmed text, its error ignored (0 for text that is not a
// number; a number out of range is out of the table).
func sstIndex(v []byte) int {
	if len(v) <= 9 {
		n := 0
		for _, c := range v {
			if c < '0' || c > '9' {
				k, _ := strconv.Atoi(strings.TrimSpace(string(v)))
				return k
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	k, _ := strconv.Atoi(strings.TrimSpace(string(v)))
	return k
}

// formula checks the attributes of a formula as excelize decodes them
// (its xlsxF) and reads the formula's text.
func (r *sheetReader) formula() error {
	s := r.s
	seen := map[string]bool{}
	for _, a := range s.attrs {
		l := string(a.local)
		if seen[l] {
			return s.fail(errUnsupported)
		}
		seen[l] = true
		switch l {
		case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
			if !xmlBool(a.val) {
				return s.fail(errUnsupported)
			}
		case "si":
			if !xmlInt(a.val) {
				return s.fail(errUnsupported)
			}
		}
	}
	_, err := s.closeText()
	return err
}

// inlineString reads <is><t>text</t></is>; anything richer is left to
// excelize.
func (r *sheetReader) inlineString() ([]byte, error) {
	s := r.s
	if s.empty {
		return nil, nil
	}
	var out []byte
	seen := false
	for {
		if ok, err := s.child("is"); err != nil {
			return nil, err
		} else if !ok {
			return out, nil
		}
		if string(s.name) != "t" || seen {
			return nil, s.fail(errUnsupported)
		}
		seen = true
		t, err := s.closeText()
		if err != nil {
			return nil, err
		}
		out = append([]byte(nil), t...)
	}
}

// endRow turns the cells of the row read into a row of the Grid, as
// readXLSXExcelize does: gaps as empty cells, numbers of more than 15
// digits rounded, numbers under a percent or fixed-decimals format as
// shown (see numberText). Reading straight into a table, the row goes to
// the table once the header is known.
func (r *sheetReader) endRow() error {
	if len(r.spans) == 0 {
		return nil
	}
	if r.fast != nil && r.fast.h != nil {
		return r.fast.row(r)
	}
	n := r.spans[len(r.spans)-1].col
	if len(r.slab) < n {
		r.slab = make([]string, max(n, 4096))
	}
	rec := r.slab[:n:n]
	r.slab = r.slab[n:]
	all := string(r.arena)
	for _, c := range r.spans {
		if c.str {
			rec[c.col-1] = c.text
		} else {
			rec[c.col-1] = all[c.start:c.end]
		}
	}
	if len(trimRow(rec)) == 0 {
		return nil
	}
	for _, c := range r.spans {
		if c.number {
			rec[c.col-1] = r.numberText(c, rec[c.col-1])
		}
	}
	r.cells += n
	if r.cells > r.max {
		return tooManyCells(r.g.Info.Sheet, r.row, r.max)
	}
	r.g.Rows = append(r.g.Rows, rec)
	r.g.Lines = append(r.g.Lines, r.row)
	if r.fast != nil {
		return r.fast.plan(r, false)
	}
	return nil
}

// numberText returns the text of the number cell c of stored text t: t
// rounded to 15 digits if it has more (longNumber), and as its number
// format shows it (a percentage, fixed decimals).
func (r *sheetReader) numberText(c cellSpan, t string) string {
	if x, ok := longNumber(t); ok {
		t = strconv.FormatFloat(x, 'g', -1, 64)
	}
	if r.styles != nil && t != "" && isNumberText(t) {
		if ns, ok := r.styles[r.cellStyle(c)]; ok {
			t = ns.text(t)
		}
	}
	return t
}

// plainNumber reports whether the number cell c of stored text v reads
// as v (numberText would return it unchanged), without a string: it has
// too few digits to be rounded and no number format that shows it
// otherwise.
func (r *sheetReader) plainNumber(c cellSpan, v []byte) bool {
	if len(v) >= 17 {
		return false // longNumber looks at it
	}
	if r.styles == nil {
		return true
	}
	_, ok := r.styles[r.cellStyle(c)]
	return !ok
}

// cellStyle returns the style of a cell as excelize's GetCellStyle
// does: the cell's, else its row's, else its column's.
func (r *sheetReader) cellStyle(c cellSpan) int {
	if c.style != 0 {
		return c.style
	}
	if r.rowS != 0 {
		return r.rowS
	}
	for _, k := range r.cols {
		if k[0] <= c.col && c.col <= k[1] {
			return k[2]
		}
	}
	return 0
}

// aheadReader reads a part in a goroutine of its own, a chunk ahead of
// its reader, so that inflating the sheet's part (as long as scanning
// it) and scanning it run on two cores at once. The goroutine ends
// before close returns.
type aheadReader struct {
	full  chan []byte // chunks read
	free  chan []byte // chunks to read into
	done  chan struct{}
	chunk []byte // the chunk being read from, and
	cur   []byte // its unread bytes
	err   error  // the read error, set before full is closed
	wg    sync.WaitGroup
}

const (
	aheadChunks    = 4
	aheadChunkSize = 256 << 10
)

func inflateAhead(r io.Reader) *aheadReader {
	a := &aheadReader{
		full: make(chan []byte, aheadChunks),
		free: make(chan []byte, aheadChunks),
		done: make(chan struct{}),
	}
	for range aheadChunks {
		a.free <- make([]byte, aheadChunkSize)
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		defer close(a.full)
		for {
			var b []byte
			select {
			case b = <-a.free:
			case <-a.done:
				return
			}
			n, err := io.ReadFull(r, b)
			if n > 0 {
				select {
				case a.full <- b[:n]:
				case <-a.done:
					return
				}
			}
			if err != nil {
				if err != io.EOF && err != io.ErrUnexpectedEOF {
					a.err = err
				}
				return
			}
		}
	}()
	return a
}

func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.chunk != nil {
			a.free <- a.chunk[:cap(a.chunk)] // never blocks: free holds every chunk
			a.chunk = nil
		}
		b, ok := <-a.full
		if !ok {
			if a.err != nil {
				return 0, a.err
			}
			return 0, io.EOF
		}
		a.chunk, a.cur = b, b
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// close stops the goroutine and waits for it.
func (a *aheadReader) close() {
	close(a.done)
	a.wg.Wait()
}

// plainByte marks the bytes that text can hold as they are: printable
// ASCII but & and <, tab and line feed.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '&' && c != '<'
	}
	t['\t'], t['\n'] = true, true
	return t
}()

// plainText reports whether b is text that reads as it is.
func plainText(b []byte) bool {
	for _, c := range b {
		if !plainByte[c] {
			return false
		}
	}
	return true
}
