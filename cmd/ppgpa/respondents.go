package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/internal/jsonin"
	"github.com/ppgpa/ppgpa/survey"
)

// respondentFile is a file of respondents: a header row, then one row per
// respondent, the column named "id" (or, without one, the first column)
// holding unique respondent ids. It is read column by column
// (tabular.ReadColumns): the ids as text, the other columns kept as codes
// into their distinct values, so that a million respondents take a few
// bytes each.
type respondentFile struct {
	file   string
	header []string
	idCol  int // 0-based column of the ids
	n      int // respondents
	cs     *tabular.Columns
	idc    *tabular.Column // nil when ids is set
	idList []string        // the ids of a file built from them (respondentsFromIDs)
	index  map[string]int  // header name to 0-based column
	// margins are the raking margins by variable, once the columns'
	// codes are released (see release).
	margins map[string]survey.Margin
}

// readCSVRecords reads a tabular file into records through package
// indicator/tabular (CSV in UTF-8, GB18030/GBK or UTF-16, a workbook's
// first sheet, JSON records; detected by content), with errors naming the
// line and column. Entirely empty rows are dropped.
func readCSVRecords(file string, b []byte) ([][]string, error) {
	recs, _, err := readCSVLines(file, b)
	return recs, err
}

// readCSVLines is readCSVRecords with the line of each record. A cell
// that the commands' CSV output neutralised for a spreadsheet ('=1+1,
// see tabular.SafeCell) is read as the text it stands for (=1+1), as a
// spreadsheet shows it, so that the tables the commands write are read
// back as they were.
func readCSVLines(file string, b []byte) ([][]string, []int, error) {
	g, err := tabular.GridFromBytes(b, tabular.Options{})
	if err != nil {
		return nil, nil, inputErr(file, err)
	}
	for _, r := range g.Rows {
		for j, c := range r {
			r[j] = tabular.CellText(c)
		}
	}
	return g.Rows, g.Lines, nil
}

// readRespondents reads a respondents file keeping all its columns.
func readRespondents(file string, b []byte) (*respondentFile, error) {
	return readRespondentColumns(nil, file, b, tabular.Options{}, nil)
}

// readRespondentColumns reads a respondents file keeping the ids and the
// columns named in keep (all columns when keep is nil); a column not
// kept is an error of column and numeric. The notes of reading go to e's
// standard error (none with e nil).
func readRespondentColumns(e *env, file string, b []byte, opt tabular.Options, keep []string) (*respondentFile, error) {
	rf := &respondentFile{file: file, index: map[string]int{}}
	cs, err := tabular.ReadColumns(b, opt, func(h []string) []tabular.ColumnKind {
		kinds := make([]tabular.ColumnKind, len(h))
		for j, name := range h {
			if rf.idCol == 0 && j > 0 && strings.EqualFold(name, "id") && !strings.EqualFold(h[0], "id") {
				rf.idCol = j
			}
			if keep == nil || slices.Contains(keep, name) {
				kinds[j] = tabular.Coded
			}
		}
		kinds[rf.idCol] = tabular.Text
		return kinds
	})
	if err != nil {
		return nil, inputErr(file, err)
	}
	if e != nil {
		e.notes(file, &cs.Info)
	}
	rf.cs, rf.header, rf.n = cs, cs.Header, cs.Rows()
	if rf.n == 0 {
		return nil, fmt.Errorf("%s: want a header row and at least one respondent", file)
	}
	for j, h := range rf.header {
		rf.index[h] = j
	}
	rf.idc = cs.Column(rf.header[rf.idCol])
	var id []byte
	for i := 0; i < rf.n; i++ {
		if rf.idc.Empty(i) {
			return nil, fmt.Errorf("%s: empty respondent id", rf.where(i, rf.header[rf.idCol]))
		}
		// A summary row's label is short: a long id is not read, and
		// the others without a copy (a million ids are checked in a few
		// milliseconds).
		if rf.idc.Size(i) <= 32 {
			if id = rf.idc.AppendValue(id[:0], i); tabular.IsSummary(id) {
				return nil, fmt.Errorf("%s: %q is a summary row, not a respondent; remove it", rf.where(i, rf.header[rf.idCol]), id)
			}
		}
	}
	if first, dup, ok := rf.idc.Duplicate(); ok {
		return nil, fmt.Errorf("%s: respondent %q already on line %d", rf.where(dup, rf.header[rf.idCol]), rf.id(dup), cs.Line(first))
	}
	return rf, nil
}

// respondentsFromIDs is a respondents file of the ids alone, read by
// another reader.
func respondentsFromIDs(file string, ids []string) *respondentFile {
	return &respondentFile{file: file, header: []string{"id"}, index: map[string]int{"id": 0}, idList: ids, n: len(ids)}
}

// id returns the id of respondent i.
func (rf *respondentFile) id(i int) string {
	if rf.idc == nil {
		return rf.idList[i]
	}
	return rf.idc.Value(i)
}

// line returns the line of respondent i.
func (rf *respondentFile) line(i int) int {
	if rf.cs == nil {
		return i + 2
	}
	return rf.cs.Line(i)
}

// where names the cell of respondent i in column name.
func (rf *respondentFile) where(i int, name string) string {
	return fmt.Sprintf("%s: line %d, column %d (%s)", rf.file, rf.line(i), rf.index[name]+1, name)
}

// coded returns the named column, or an error naming the file.
func (rf *respondentFile) coded(name, flagName string) (*tabular.Column, error) {
	if _, ok := rf.index[name]; !ok || rf.cs == nil {
		return nil, fmt.Errorf("%s: no column %q (set %s)", rf.file, name, flagName)
	}
	c := rf.cs.Column(name)
	if c == nil {
		return nil, fmt.Errorf("%s: column %q was not read", rf.file, name)
	}
	return c, nil
}

// column returns the named column, or an error naming the file.
func (rf *respondentFile) column(name, flagName string) ([]string, error) {
	c, err := rf.coded(name, flagName)
	if err != nil {
		return nil, err
	}
	return c.Strings(), nil
}

// numeric returns the named column as numbers; empty, NA and - are NaN
// when missing is true and errors otherwise. Each distinct text is
// parsed once.
func (rf *respondentFile) numeric(name, flagName string, missing bool) ([]float64, error) {
	c, err := rf.coded(name, flagName)
	if err != nil {
		return nil, err
	}
	if c.Kind != tabular.Coded {
		return nil, fmt.Errorf("%s: column %q holds the ids", rf.file, name)
	}
	vals := make([]float64, len(c.Levels))
	bad := make([]bool, len(c.Levels)) // what makes the level an error: see below
	for k, s := range c.Levels {
		if s == "" || s == "NA" || s == "-" {
			vals[k] = math.NaN()
			bad[k] = !missing
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		vals[k] = v
		bad[k] = err != nil || math.IsInf(v, 0) || math.IsNaN(v)
	}
	out := makeLarge[float64](len(c.Codes), len(c.Codes))
	for i, code := range c.Codes {
		if bad[code] {
			s := c.Levels[code]
			if s == "" || s == "NA" || s == "-" {
				return nil, fmt.Errorf("%s: missing value", rf.where(i, name))
			}
			return nil, fmt.Errorf("%s: %q is not a finite number", rf.where(i, name), s)
		}
		out[i] = vals[code]
	}
	return out, nil
}

// weights returns the design weights: the named column, the column
// "weight" when present and name is empty, or 1 for everyone.
func (rf *respondentFile) weights(name string) ([]float64, error) {
	if name == "" {
		if _, ok := rf.index["weight"]; !ok {
			w := make([]float64, rf.n)
			for i := range w {
				w[i] = 1
			}
			return w, nil
		}
		name = "weight"
	}
	w, err := rf.numeric(name, "-weight", false)
	if err != nil {
		return nil, err
	}
	for i, v := range w {
		if v < 0 {
			return nil, fmt.Errorf("%s: negative weight %s", rf.where(i, name), num(v))
		}
	}
	return w, nil
}

// surveyErr places a survey error in the respondents file when it names
// a row.
func (rf *respondentFile) surveyErr(err error) error {
	var re *survey.RowError
	if errors.As(err, &re) && re.Row >= 0 && re.Row < rf.n {
		return fmt.Errorf("%s: line %d (respondent %q): %s", rf.file, rf.line(re.Row), rf.id(re.Row), strings.TrimPrefix(re.Err.Error(), "survey: "))
	}
	return fmt.Errorf("%s: %s", rf.file, strings.TrimPrefix(err.Error(), "survey: "))
}

// target is one population total: a level of a categorical variable, or
// the total of a numeric variable (Level "" and Numeric true).
type target struct {
	Variable, Level string
	Numeric         bool
	Total           float64
}

// readTargets reads margins or population totals, as JSON
//
//	{"sex": {"男": 5200, "女": 4800}, "income": 1.2e9}
//
// (an object is a categorical variable with the count of each level, a
// number the population total of a numeric variable) or as CSV with the
// header variable,level,total (an empty level for a numeric total).
// Variables keep the order of the file; levels are sorted.
func readTargets(file string, b []byte) ([]target, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\uFEFF")))
	if len(t) > 0 && t[0] == '{' {
		return readTargetsJSON(file, t)
	}
	recs, lines, err := readCSVLines(file, b)
	if err != nil {
		return nil, err
	}
	// Title rows above the header are skipped, and a serial-number
	// column (序号) before the variable is ignored.
	k := tabular.HeaderIndex(recs)
	recs, lines = recs[k:], lines[k:]
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty file", file)
	}
	h, s := recs[0], 0
	if len(h) == 4 && slices.Contains(tabular.SerialHeaders(), strings.TrimSpace(h[0])) {
		h, s = h[1:], 1
	}
	if len(h) != 3 || strings.TrimSpace(h[0]) != "variable" || strings.TrimSpace(h[1]) != "level" || strings.TrimSpace(h[2]) != "total" {
		return nil, fmt.Errorf("%s: line %d: want the header variable,level,total (or a JSON object)", file, lines[0])
	}
	var out []target
	seen := map[[2]string]int{}
	for i, r := range recs[1:] {
		line := lines[i+1]
		if len(r) != 3+s {
			return nil, fmt.Errorf("%s: line %d: %d cells, want %d", file, line, len(r), 3+s)
		}
		r = r[s:]
		v, l := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
		if v == "" {
			return nil, fmt.Errorf("%s: line %d, column %d: empty variable", file, line, 1+s)
		}
		if tabular.IsSummary(v) {
			return nil, fmt.Errorf("%s: line %d, column %d (variable): %q is a summary row, not a margin; remove it", file, line, 1+s, v)
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(r[2]), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%s: line %d, column %d: %q is not a finite number", file, line, 3+s, r[2])
		}
		if p, dup := seen[[2]string{v, l}]; dup {
			return nil, fmt.Errorf("%s: line %d: %s %q already on line %d", file, line, v, l, p)
		}
		seen[[2]string{v, l}] = line
		out = append(out, target{Variable: v, Level: l, Numeric: l == "", Total: x})
	}
	return groupTargets(file, out)
}

func readTargetsJSON(file string, b []byte) ([]target, error) {
	b, err := jsonin.Check(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("%s: want a JSON object of variables", file)
	}
	var out []target
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonErr(file, b, dec, err)
		}
		v, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonErr(file, b, dec, err)
		}
		var x float64
		if err := json.Unmarshal(raw, &x); err == nil {
			out = append(out, target{Variable: v, Numeric: true, Total: x})
			continue
		}
		var levels map[string]float64
		if err := json.Unmarshal(raw, &levels); err != nil {
			return nil, fmt.Errorf("%s: $.%s: want a number or an object of level counts", file, v)
		}
		ls := make([]string, 0, len(levels))
		for l := range levels {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		for _, l := range ls {
			out = append(out, target{Variable: v, Level: l, Total: levels[l]})
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonErr(file, b, dec, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: data after the JSON object", file)
	}
	return groupTargets(file, out)
}

// jsonErr names the line and column of a JSON syntax error.
func jsonErr(file string, b []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(b[:off], '\n')
	return fmt.Errorf("%s: line %d, column %d: %v", file, line, col, err)
}

// groupTargets checks the targets and orders them by variable (first
// appearance), levels sorted.
func groupTargets(file string, ts []target) ([]target, error) {
	if len(ts) == 0 {
		return nil, fmt.Errorf("%s: no margins or totals", file)
	}
	var order []string
	by := map[string][]target{}
	for _, t := range ts {
		if _, ok := by[t.Variable]; !ok {
			order = append(order, t.Variable)
		}
		if !t.Numeric && t.Total < 0 || math.IsNaN(t.Total) || math.IsInf(t.Total, 0) {
			return nil, fmt.Errorf("%s: %s %q: total %s must be finite and non-negative", file, t.Variable, t.Level, num(t.Total))
		}
		by[t.Variable] = append(by[t.Variable], t)
	}
	var out []target
	for _, v := range order {
		g := by[v]
		numeric := 0
		for _, t := range g {
			if t.Numeric {
				numeric++
			}
		}
		if numeric > 0 && len(g) > 1 {
			return nil, fmt.Errorf("%s: variable %q has both a numeric total and levels", file, v)
		}
		sort.SliceStable(g, func(a, b int) bool { return g[a].Level < g[b].Level })
		out = append(out, g...)
	}
	return out, nil
}

// designColumns names the design columns of a respondents file ("" for
// none).
type designColumns struct {
	strata, psu, fpc string
}

// designWith builds a one-stage survey design from the respondents with
// weights w, the optional stratum, PSU and fpc columns, and the options.
func (rf *respondentFile) designWith(w []float64, c designColumns, opt survey.DesignOptions) (*survey.Design, error) {
	var sc, pc []string
	var fc []float64
	var err error
	if c.strata != "" {
		if sc, err = rf.column(c.strata, "-strata"); err != nil {
			return nil, err
		}
	}
	if c.psu != "" {
		if pc, err = rf.column(c.psu, "-psu"); err != nil {
			return nil, err
		}
	}
	if c.fpc != "" {
		if fc, err = rf.numeric(c.fpc, "-fpc", false); err != nil {
			return nil, err
		}
	}
	rs := make([]survey.Respondent, rf.n)
	for i := range rs {
		rs[i] = survey.Respondent{ID: rf.id(i), Weight: w[i]}
		if sc != nil {
			rs[i].Stratum = sc[i]
		}
		if pc != nil {
			rs[i].PSU = pc[i]
		}
		if fc != nil {
			rs[i].FPC = fc[i]
		}
	}
	d, err := survey.NewDesign(rs, opt)
	if err != nil {
		return nil, rf.surveyErr(err)
	}
	return d, nil
}
