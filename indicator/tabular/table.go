package tabular

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/ppgpa/ppgpa/indicator"
)

// ReadTable reads an indicator table from a CSV file, a workbook's sheet
// or JSON records: the unit column holds the unit ids, the columns named
// in Options.Attributes are text attributes, every other column holds
// numbers (see [ParseNumber] for what a number may look like, and
// [Options.NA] for missing values). The Info says what was read and
// lists the columns written with percent signs.
//
// Errors are [*Error] values (wrapping [ErrInvalid] and, for the
// content of the table, [indicator.ErrInvalidTable]) that name the line
// or sheet row, the column, its header and the cell.
func ReadTable(r io.Reader, opt Options) (*indicator.Table, *Info, error) {
	b, err := readAll(r, opt.Limits.maxBytes())
	if err != nil {
		return nil, nil, err
	}
	return TableFromBytes(b, opt)
}

// Table lays out the grid and converts it to an indicator table, as
// [ReadTable] does: long data (see [Sheet.Long]) of one year become the
// same table as their wide form.
func (g *Grid) Table(opt Options) (*indicator.Table, *Info, error) {
	s, err := g.layout(opt, true)
	if err != nil {
		return nil, nil, err
	}
	if l, ok := s.Long(); ok && len(opt.Attributes) == 0 {
		t, err := s.longTable(l, opt)
		if err != nil {
			return nil, nil, err
		}
		s.Info.note("read as long data (%s, %s, %s): one row per unit and indicator", s.Header[s.Unit], s.Header[l.Indicator], s.Header[l.Value])
		return t, &s.Info, nil
	}
	if err := s.checkUnique(); err != nil {
		return nil, nil, err
	}
	t, err := s.Table(opt)
	if err != nil {
		return nil, nil, err
	}
	return t, &s.Info, nil
}

// attributeColumns marks the header's columns named in attrs (never the
// unit column); missing is the first name not in the header, "" when all
// are.
func (s *Sheet) attributeColumns(attrs []string) (isAttr []bool, missing string) {
	isAttr = make([]bool, len(s.Header))
	for _, a := range attrs {
		found := false
		for j, h := range s.Header {
			if h == a && j != s.Unit {
				isAttr[j], found = true, true
			}
		}
		if !found {
			return nil, a
		}
	}
	return isAttr, ""
}

// Table converts the sheet to an indicator table (see [ReadTable]); it
// uses the NA tokens and Attributes of opt. Columns whose numbers were
// written with a percent sign are added to s.Info.Percent; a column that
// mixes cells with and without a percent sign is an error.
func (s *Sheet) Table(opt Options) (*indicator.Table, error) {
	na := newNASet(opt.NA)
	isAttr, missing := s.attributeColumns(opt.Attributes)
	if missing != "" {
		return nil, s.tableErr(&Error{Sheet: s.Info.Sheet, Line: s.HeaderLine, Err: invalidf("attribute column %s not in the header (%s)", quote(missing), quoteList(s.Header))})
	}
	var num, attr []int
	var cols, attrs []string
	for j, h := range s.Header {
		switch {
		case j == s.Unit:
		case isAttr[j]:
			attr = append(attr, j)
			attrs = append(attrs, h)
		default:
			num = append(num, j)
			cols = append(cols, h)
		}
	}
	n := len(s.Rows)
	units := make([]string, n)
	// The table's columns, filled where they will stay (column j, unit i).
	backing := make([]float64, n*len(num))
	data := make([][]float64, len(num))
	for k := range data {
		data[k] = backing[k*n : (k+1)*n : (k+1)*n]
	}
	pct := make([]int, len(num)) // line of the first cell with (>0) or without (<0) a percent sign
	fast := !na.decimalNA()      // plain decimals need no look-up in na
	for i, r := range s.Rows {
		units[i] = r[s.Unit]
		for k, j := range num {
			var v Value
			var ok bool
			if fast {
				v.X, ok = fastDecimal(r[j])
			}
			var err error
			if !ok {
				v, err = parseNumber(r[j], na)
			}
			if err != nil {
				e := s.errAt(s.Lines[i], j, r[j], err)
				e.TextColumn = errors.Is(err, ErrInvalid) && s.textColumn(j, na)
				return nil, s.tableErr(e)
			}
			if !v.Missing {
				switch {
				case v.Percent && pct[k] < 0, !v.Percent && pct[k] > 0:
					other := pct[k]
					if other < 0 {
						other = -other
					}
					return nil, s.tableErr(s.errAt(s.Lines[i], j, r[j], invalidf("%s mixes numbers with and without a percent sign (%s %d and %s %d); write them all one way", quote(s.Header[j]), lineWord(s.Info), other, lineWord(s.Info), s.Lines[i])))
				case pct[k] == 0 && v.Percent:
					pct[k] = s.Lines[i]
				case pct[k] == 0:
					pct[k] = -s.Lines[i]
				}
			}
			data[k][i] = v.X
		}
	}
	for k, p := range pct {
		if p > 0 {
			s.Info.Percent = append(s.Info.Percent, cols[k])
		}
	}
	t, err := indicator.NewTableColumns(units, cols, data)
	if err != nil {
		return nil, err
	}
	t = t.WithUnitHeader(s.Header[s.Unit])
	for a, j := range attr {
		vals := make([]string, n)
		for i, r := range s.Rows {
			vals[i] = r[j]
		}
		if t, err = t.WithAttribute(attrs[a], vals); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// tableErr makes e wrap indicator.ErrInvalidTable as well.
func (s *Sheet) tableErr(e *Error) error {
	e.table = true
	return e
}

// textColumn reports whether column j has no number at all: every cell is
// missing or not a number.
func (s *Sheet) textColumn(j int, na naSet) bool {
	for _, r := range s.Rows {
		if v, err := parseNumber(r[j], na); err == nil && !v.Missing || err != nil && !textual(r[j]) {
			return false
		}
	}
	return true
}

// formatNumber writes x in the shortest form that reads back exactly.
func formatNumber(x float64) string {
	if math.IsNaN(x) {
		return "NA"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// textual reports whether a cell that is not a number reads as text: it
// has no digit and is not a spelling of infinity or NaN.
func textual(c string) bool {
	switch strings.ToLower(strings.TrimLeft(c, "+-")) {
	case "inf", "infinity", "nan":
		return false
	}
	return !strings.ContainsFunc(c, unicode.IsDigit)
}
