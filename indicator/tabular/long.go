package tabular

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// IndicatorHeaders are the headers by which the indicator column of long
// data is found (ASCII letters compared case-insensitively).
func IndicatorHeaders() []string {
	return []string{"indicator", "variable", "item", "column", "指标", "指标名称", "指标代码", "考核指标"}
}

// ValueHeaders are the headers by which the value column of long data is
// found.
func ValueHeaders() []string {
	return []string{"value", "val", "数值", "值", "指标值", "完成值"}
}

// YearHeaders are the headers by which the year column of long data is
// found.
func YearHeaders() []string {
	return []string{"year", "period", "年份", "年度", "年"}
}

// YearTable is the table of one year of long data.
type YearTable struct {
	Year  string // as written in the year column ("" without one)
	Table *indicator.Table
	// Line and Column say where the year is first written: the line
	// (CSV) or sheet row and the 1-based column of its first row; 0
	// without a year column. Set by [Grid.Panel].
	Line, Column int
}

// Long says which columns of a sheet hold long data; -1 for none. See
// [Sheet.Long].
type Long struct {
	Indicator, Value, Year int
}

// Long reports whether the sheet is long data: besides the unit column,
// exactly an indicator column and a value column (found by the headers of
// [IndicatorHeaders] and [ValueHeaders]) and optionally a year column
// ([YearHeaders]), and no other column.
func (s *Sheet) Long() (Long, bool) {
	l := Long{-1, -1, -1}
	if len(s.Header) != 3 && len(s.Header) != 4 {
		return l, false
	}
	for j, h := range s.Header {
		if j == s.Unit {
			continue
		}
		switch {
		case l.Indicator < 0 && inList(h, IndicatorHeaders()):
			l.Indicator = j
		case l.Value < 0 && inList(h, ValueHeaders()):
			l.Value = j
		case l.Year < 0 && inList(h, YearHeaders()):
			l.Year = j
		default:
			return l, false
		}
	}
	return l, l.Indicator >= 0 && l.Value >= 0
}

func inList(h string, list []string) bool {
	for _, x := range list {
		if strings.EqualFold(h, x) {
			return true
		}
	}
	return false
}

// ReadPanel reads long data, unit,indicator,value with an optional year
// column, and returns one table per year, sorted by year (numerically when
// every year is an integer, else as text); without a year column, one
// table whose Year is "". Each table has the units of its year in the
// order of their first row and the indicators sorted by name. Every unit
// of a year must have one value for every indicator of that year (a value
// may be a missing-value token): a repeated or missing combination is an
// error naming it (with the lines of a repeated one). Wide data (a
// column per indicator, as [ReadTable] reads) are refused with an error.
func ReadPanel(r io.Reader, opt Options) ([]YearTable, *Info, error) {
	g, err := ReadGrid(r, opt)
	if err != nil {
		return nil, nil, err
	}
	s, err := g.layout(opt, true)
	if err != nil {
		return nil, nil, err
	}
	l, ok := s.Long()
	if !ok {
		return nil, nil, &Error{Sheet: s.Info.Sheet, Line: s.HeaderLine, Err: invalidf("not long data: want the columns unit, indicator, value and optionally year (header %s)", quoteList(s.Header))}
	}
	ys, err := s.panel(l, opt)
	if err != nil {
		return nil, nil, err
	}
	return ys, &s.Info, nil
}

// Panel reads the grid as data of several years: long data with a year
// column (as [ReadPanel] reads them), or wide data, a column per
// indicator, with the year of each row in the column named column and
// one row per unit and year. It returns one table per year, sorted as
// ReadPanel sorts them; the tables of wide data have the units of their
// year in the order of their rows and the columns of the header but the
// year's, read as [Sheet.Table] reads them (missing-value tokens,
// percent signs, attributes, summary rows). A unit twice in one year, a
// row without a year and a year column that is missing or is the unit
// column are errors naming the line or row. The Info has the notes of
// the layout and the percent columns of every year.
func (g *Grid) Panel(column string, opt Options) ([]YearTable, *Info, error) {
	s, err := g.layout(opt, true)
	if err != nil {
		return nil, nil, err
	}
	if l, ok := s.Long(); ok {
		ys, err := s.panel(l, opt)
		if err != nil {
			return nil, nil, err
		}
		for i := range ys {
			if l.Year >= 0 {
				for k, r := range s.Rows {
					if r[l.Year] == ys[i].Year {
						ys[i].Line, ys[i].Column = s.Lines[k], s.Column(l.Year)
						break
					}
				}
			}
		}
		return ys, &s.Info, nil
	}
	yc := slices.Index(s.Header, column)
	if yc < 0 {
		return nil, nil, s.errAt(s.HeaderLine, -1, "", invalidf("no year column %s in the header (%s)", quote(column), quoteList(s.Header)))
	}
	if yc == s.Unit {
		return nil, nil, s.errAt(s.HeaderLine, yc, "", invalidf("the year column %s is the unit column", quote(column)))
	}
	rows := map[string][]int{}
	var order []string
	for i, r := range s.Rows {
		y := r[yc]
		if y == "" {
			return nil, nil, s.errAt(s.Lines[i], yc, "", invalidf("empty year"))
		}
		if _, ok := rows[y]; !ok {
			order = append(order, y)
		}
		rows[y] = append(rows[y], i)
	}
	sortYears(order)
	drop := func(r []string) []string { return append(slices.Clip(r[:yc]), r[yc+1:]...) }
	header := drop(slices.Clone(s.Header))
	cols := append(slices.Clone(s.cols[:yc]), s.cols[yc+1:]...)
	unit := s.Unit
	if yc < unit {
		unit--
	}
	info := s.Info
	out := make([]YearTable, 0, len(order))
	for _, y := range order {
		ys := &Sheet{Header: header, HeaderLine: s.HeaderLine, Unit: unit, Info: s.Info, cols: cols}
		ys.Info.Percent = nil
		for _, i := range rows[y] {
			ys.Rows = append(ys.Rows, drop(slices.Clone(s.Rows[i])))
			ys.Lines = append(ys.Lines, s.Lines[i])
		}
		if err := ys.checkUnique(); err != nil {
			return nil, nil, err
		}
		t, err := ys.Table(opt)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range ys.Info.Percent {
			if !slices.Contains(info.Percent, p) {
				info.Percent = append(info.Percent, p)
			}
		}
		out = append(out, YearTable{Year: y, Table: t, Line: ys.Lines[0], Column: s.Column(yc)})
	}
	return out, &info, nil
}

// panel converts long data to one table per year.
func (s *Sheet) panel(l Long, opt Options) ([]YearTable, error) {
	na := newNASet(opt.NA)
	type cell struct {
		x    float64
		line int
	}
	type year struct {
		units   []string
		unitIdx map[string]int
		inds    map[string]bool
		vals    map[[2]string]cell
	}
	years := map[string]*year{}
	var order []string
	// pct says, per indicator, the line of its first value written with a
	// percent sign (> 0) or without one (< 0), as the wide form records.
	pct := map[string]int{}
	for i, r := range s.Rows {
		y := ""
		if l.Year >= 0 {
			y = r[l.Year]
			if y == "" {
				return nil, s.errAt(s.Lines[i], l.Year, "", invalidf("empty year"))
			}
		}
		yr := years[y]
		if yr == nil {
			yr = &year{unitIdx: map[string]int{}, inds: map[string]bool{}, vals: map[[2]string]cell{}}
			years[y] = yr
			order = append(order, y)
		}
		u, ind := r[s.Unit], r[l.Indicator]
		if ind == "" {
			return nil, s.errAt(s.Lines[i], l.Indicator, "", invalidf("empty indicator name"))
		}
		if err := checkControl(ind); err != nil {
			return nil, s.errAt(s.Lines[i], l.Indicator, ind, err)
		}
		if _, ok := yr.unitIdx[u]; !ok {
			yr.unitIdx[u] = len(yr.units)
			yr.units = append(yr.units, u)
		}
		yr.inds[ind] = true
		if c, dup := yr.vals[[2]string{u, ind}]; dup {
			return nil, s.errAt(s.Lines[i], l.Indicator, ind, invalidf("unit %s, indicator %s%s given twice (also %s %d)", quote(u), quote(ind), yearSuffix(y), lineWord(s.Info), c.line))
		}
		v, err := parseNumber(r[l.Value], na)
		if err != nil {
			e := s.errAt(s.Lines[i], l.Value, r[l.Value], err)
			e.table = true
			return nil, e
		}
		if !v.Missing {
			switch p := pct[ind]; {
			case v.Percent && p < 0, !v.Percent && p > 0:
				return nil, s.errAt(s.Lines[i], l.Value, r[l.Value], invalidf("indicator %s mixes numbers with and without a percent sign (%s %d and %s %d); write them all one way", quote(ind), lineWord(s.Info), max(p, -p), lineWord(s.Info), s.Lines[i]))
			case p == 0 && v.Percent:
				pct[ind] = s.Lines[i]
			case p == 0:
				pct[ind] = -s.Lines[i]
			}
		}
		yr.vals[[2]string{u, ind}] = cell{v.X, s.Lines[i]}
	}
	for _, ind := range slices.Sorted(maps.Keys(pct)) {
		if pct[ind] > 0 {
			s.Info.Percent = append(s.Info.Percent, ind)
		}
	}
	sortYears(order)
	out := make([]YearTable, 0, len(order))
	for _, y := range order {
		yr := years[y]
		inds := make([]string, 0, len(yr.inds))
		for k := range yr.inds {
			inds = append(inds, k)
		}
		slices.Sort(inds)
		data := make([][]float64, len(yr.units))
		for i, u := range yr.units {
			data[i] = make([]float64, len(inds))
			for j, ind := range inds {
				c, ok := yr.vals[[2]string{u, ind}]
				if !ok {
					return nil, &Error{Sheet: s.Info.Sheet, table: true, Err: invalidf("unit %s has no row for indicator %s%s (write a missing-value token to leave it missing)", quote(u), quote(ind), yearSuffix(y))}
				}
				data[i][j] = c.x
			}
		}
		t, err := indicator.NewTable(yr.units, inds, data)
		if err != nil {
			return nil, err
		}
		out = append(out, YearTable{Year: y, Table: t.WithUnitHeader(s.Header[s.Unit])})
	}
	return out, nil
}

func yearSuffix(y string) string {
	if y == "" {
		return ""
	}
	return " in year " + y
}

// sortYears sorts years numerically when all are integers, else as text.
func sortYears(ys []string) {
	nums := make(map[string]int64, len(ys))
	for _, y := range ys {
		n, err := strconv.ParseInt(y, 10, 64)
		if err != nil {
			slices.Sort(ys)
			return
		}
		nums[y] = n
	}
	slices.SortFunc(ys, func(a, b string) int {
		switch {
		case nums[a] < nums[b]:
			return -1
		case nums[a] > nums[b]:
			return 1
		}
		return 0
	})
}

// longTable is what ReadTable does with long data: one table, or an
// error when there are several years.
func (s *Sheet) longTable(l Long, opt Options) (*indicator.Table, error) {
	ys, err := s.panel(l, opt)
	if err != nil {
		return nil, err
	}
	if opt.Year != "" {
		for _, y := range ys {
			if y.Year == opt.Year {
				return y.Table, nil
			}
		}
		names := make([]string, len(ys))
		for i, y := range ys {
			names[i] = y.Year
		}
		return nil, &Error{Sheet: s.Info.Sheet, Line: s.HeaderLine, Err: invalidf("no year %s in the data (years: %s)", quote(opt.Year), strings.Join(names, ", "))}
	}
	if len(ys) != 1 {
		names := make([]string, len(ys))
		for i, y := range ys {
			names[i] = y.Year
		}
		return nil, &Error{Sheet: s.Info.Sheet, Line: s.HeaderLine, Err: fmt.Errorf("%w: long data of %d years (%s); choose one (Options.Year) or read them one table per year (ReadPanel)", ErrInvalid, len(ys), strings.Join(names, ", "))}
	}
	return ys[0].Table, nil
}
