package tabular

import (
	"bytes"
	"errors"

	"github.com/ppgpa/ppgpa/indicator"
)

// fastXLSXTable reads a table from a workbook as [Grid.Table] does from
// the workbook's Grid, but straight into the table's columns: numbers are
// parsed where the sheet reader holds them, without a string per cell
// or a Grid of the whole sheet. The first rows are read into a Grid
// until the header is known (the first 50 rows, or down to
// Options.HeaderRow), laid out as Grid.Table lays them out, and the
// rows after the header go to the columns as fastTable reads CSV
// (fastCell). It reports false, with a nil error, at anything it does
// not read itself — a construct the sheet reader leaves to excelize, an
// error of any kind, a summary row to refuse, long data, a merged range
// below the first rows — and the workbook is then read through its Grid;
// an error is the one that reading would give (the workbook's size or
// cells beyond the limits).
func fastXLSXTable(b []byte, opt Options) (t *indicator.Table, info *Info, ok bool, err error) {
	f := opt.Format
	if f == FormatAuto {
		f = Detect(b)
	}
	if f != FormatXLSX || !bytes.HasPrefix(b, zipMagic) {
		return nil, nil, false, nil
	}
	if err := countCells(b, opt); err != nil {
		return nil, nil, false, err // readXLSX's first error
	}
	defer func() {
		if recover() != nil {
			t, info, ok, err = nil, nil, false, nil // the Grid's reading says what is wrong
		}
	}()
	sr, closeSheet, err := openSheet(b, opt)
	if err != nil {
		return nil, nil, false, nil
	}
	defer closeSheet()
	x := &xlsxFast{opt: opt}
	sr.fast = x
	if err := sr.read(); err != nil {
		return nil, nil, false, nil
	}
	if err := x.plan(sr, true); err != nil {
		return nil, nil, false, nil
	}
	for _, m := range sr.merges {
		// checkMerges saw the Grid's rows only.
		if _, _, _, r2, _, ok := mergeRef(m); !ok || r2 > x.headEnd {
			return nil, nil, false, nil
		}
	}
	t, info, ok = x.h.finish(x.s, x.cols, x.attrs, x.data)
	return t, info, ok, nil
}

// errNotFast stops a direct reading (fastXLSXTable) at something it does
// not read itself.
var errNotFast = errors.New("tabular: not read directly")

// xlsxFast is the state of fastXLSXTable's reading of the sheet.
type xlsxFast struct {
	opt         Options
	h           *rowReader // nil until the header is known
	s           *Sheet     // the header laid out
	cols, attrs []string   // names of the numeric and attribute columns
	data        [][]float64
	rows        int // the capacity of the columns, in rows
	headEnd     int // the sheet row of the Grid's last row
}

// plan lays out the header once the Grid holds the rows that Grid.Table
// looks at to find it (with end, at the end of the sheet: all there
// are), and reads the Grid's rows after the header into the columns.
func (x *xlsxFast) plan(r *sheetReader, end bool) error {
	g := r.g
	if x.h != nil {
		return nil
	}
	if !end && (len(g.Rows) < 50 || x.opt.HeaderRow > 0 && g.Lines[len(g.Lines)-1] < x.opt.HeaderRow) {
		return nil
	}
	if len(g.Rows) == 0 {
		return errNotFast
	}
	hi, err := g.headerIndex(x.opt)
	if err != nil {
		return errNotFast
	}
	p, s, cols, attrs, ok := newFastPlan(g, hi, x.opt)
	if !ok {
		return errNotFast
	}
	x.s, x.cols, x.attrs = s, cols, attrs
	x.headEnd = g.Lines[len(g.Lines)-1]
	// The columns' capacity: the rows read so far, and as many more as
	// the rest of the part holds at the same bytes per row, within the
	// limit of cells.
	rows := len(g.Rows) - hi + 16
	if pos := r.s.base + r.s.i; !end && pos > 0 && r.size > uint64(pos) {
		rows += int(float64(r.size-uint64(pos)) / float64(pos) * float64(len(g.Rows)) * 1.05)
	}
	rows = min(rows, r.max/max(p.nNum, 1)+1)
	x.h = &rowReader{plan: p}
	x.h.start()
	x.grow(rows)
	for _, rec := range g.Rows[hi+1:] {
		x.ensure()
		x.h.begin()
		w := max(len(rec), p.width)
		for j := range w {
			c := ""
			if j < len(rec) {
				c = rec[j]
			}
			if !fastCell(x.h, j, c) {
				return errNotFast
			}
		}
		if !x.h.endRow(w) {
			return errNotFast
		}
	}
	return nil
}

// grow makes the columns' capacity rows, keeping what they hold.
func (x *xlsxFast) grow(rows int) {
	k := x.h.plan.nNum
	backing := make([]float64, k*rows)
	data := make([][]float64, k)
	for c := range data {
		data[c] = backing[c*rows : (c+1)*rows : (c+1)*rows]
		if x.data != nil {
			copy(data[c], x.data[c][:x.h.n])
		}
	}
	x.data, x.rows, x.h.cols = data, rows, data
}

// ensure makes room in the columns for the next row.
func (x *xlsxFast) ensure() {
	if x.h.n >= x.rows {
		x.grow(2*x.rows + 16)
	}
}

// row reads the row the sheet reader has just read into the columns, as
// endRow and Grid.Table would read it.
func (x *xlsxFast) row(r *sheetReader) error {
	h := x.h
	p := h.plan
	x.ensure()
	h.begin()
	n := r.spans[len(r.spans)-1].col
	w := max(n, p.width)
	k := 0
	for j := range w {
		var ok bool
		if k < len(r.spans) && r.spans[k].col == j+1 {
			c := r.spans[k]
			k++
			v := r.arena[c.start:c.end]
			switch {
			case c.str:
				ok = fastCell(h, j, c.text)
			case c.number && !r.plainNumber(c, v):
				ok = fastCell(h, j, r.numberText(c, string(v)))
			case p.fast && j < p.width && p.role[j] == roleNum:
				// Most cells: a plain decimal, as fastCell reads it.
				if y, m, dec := decimalPrefix(v); dec && m == len(v) {
					h.cols[p.index[j]][h.n] = y
					h.nonBlank, h.keptNonBlank = true, true
					continue
				}
				ok = fastCell(h, j, v)
			default:
				ok = fastCell(h, j, v)
			}
		} else {
			ok = fastCell(h, j, "")
		}
		if !ok {
			return errNotFast
		}
	}
	if !h.nonBlank {
		return nil // a blank row: not in the Grid, not counted
	}
	r.cells += n
	if r.cells > r.max {
		return tooManyCells(r.g.Info.Sheet, r.row, r.max)
	}
	if !h.endRow(w) {
		return errNotFast
	}
	return nil
}
