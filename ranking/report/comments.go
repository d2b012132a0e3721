package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Comment is a comment or recommendation on one unit written by the
// assessors; the report shows it as theirs, apart from the computed
// analysis.
type Comment struct {
	// Unit is the unit's id, Kind is CommentText or Recommendation, Text
	// the text (plain; it is escaped, line breaks are kept as spaces).
	Unit string `json:"unit"`
	Kind Kind   `json:"kind"`
	Text string `json:"text"`
	// Line is the line of the file the comment was read from (0 if not
	// read from a file), for error messages.
	Line int `json:"-"`
}

// Kind is the kind of a [Comment]. The zero value is CommentText.
type Kind int

const (
	// CommentText is an assessment or observation.
	CommentText Kind = iota
	// Recommendation is advice on what to improve.
	Recommendation
)

// String returns "comment" or "recommendation".
func (k Kind) String() string {
	switch k {
	case CommentText:
		return "comment"
	case Recommendation:
		return "recommendation"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// MarshalText returns "comment" or "recommendation".
func (k Kind) MarshalText() ([]byte, error) {
	if k != CommentText && k != Recommendation {
		return nil, fmt.Errorf("report: unknown Kind %d", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText parses "comment" (also "意见", "评价", empty) or
// "recommendation" (also "建议").
func (k *Kind) UnmarshalText(b []byte) error {
	switch strings.ToLower(strings.TrimSpace(string(b))) {
	case "", "comment", "意见", "评价":
		*k = CommentText
	case "recommendation", "建议":
		*k = Recommendation
	default:
		return fmt.Errorf("report: unknown comment kind %q (want comment/意见 or recommendation/建议)", b)
	}
	return nil
}

// Count is the number of residents' comments in one category.
type Count struct {
	Unit     string `json:"unit"`
	Category string `json:"category"`
	Count    int    `json:"count"`
	Line     int    `json:"-"`
}

// ErrInput is wrapped by the errors of [ReadComments], [ReadCounts],
// [ReadLastYear] and of the Input methods that merge them.
var ErrInput = errors.New("report: invalid input")

// ReadComments reads assessors' comments from CSV or JSON. JSON (the
// first non-space byte is '[') is an array of objects with the members
// "unit", "kind" and "text". CSV has a header row naming the columns
// unit, kind and text (also 单位, 类型, 内容; in any order, other columns
// ignored), then one comment per row. The text is UTF-8 (a byte-order
// mark is skipped). Errors wrap [ErrInput] and name the line. (xlsx
// workbooks and GB18030 or UTF-16 CSV are read through package
// indicator/tabular into rows: see [CommentsFromRows].)
func ReadComments(r io.Reader) ([]Comment, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(t))
		dec.DisallowUnknownFields()
		var cs []Comment
		if err := dec.Decode(&cs); err != nil {
			return nil, fmt.Errorf("%w: comments: %v", ErrInput, err)
		}
		for i := range cs {
			cs[i].Line = 0
			if cs[i].Unit == "" {
				return nil, fmt.Errorf("%w: comments: entry %d: no unit", ErrInput, i+1)
			}
		}
		return cs, nil
	}
	var cs []Comment
	err = readCSV(b, "comments", commentColumns, commentAliases, commentRow(&cs))
	return cs, err
}

var (
	commentColumns = []string{"unit", "kind", "text"}
	commentAliases = map[string]string{"单位": "unit", "类型": "kind", "内容": "text", "意见": "text"}
	countColumns   = []string{"unit", "category", "count"}
	countAliases   = map[string]string{"单位": "unit", "类别": "category", "条数": "count"}
	lastColumns    = []string{"unit", "rank"}
	lastAliases    = map[string]string{"单位": "unit", "排名": "rank", "得分": "score"}
)

func commentRow(cs *[]Comment) func(int, map[string]string) error {
	return func(line int, f map[string]string) error {
		c := Comment{Unit: f["unit"], Text: f["text"], Line: line}
		if err := c.Kind.UnmarshalText([]byte(f["kind"])); err != nil {
			return fmt.Errorf("unknown comment kind %q (want comment/意见 or recommendation/建议)", f["kind"])
		}
		*cs = append(*cs, c)
		return nil
	}
}

// CommentsFromRows reads comments from rows already split into cells, a
// header row first (the columns of [ReadComments]), as a spreadsheet
// reader gives them: package indicator/tabular reads xlsx workbooks and
// CSV in GB18030 or UTF-16 into such rows. lines[i] is the line or row
// number of rows[i] in the file, for error messages (nil: i+1); empty
// rows are skipped. Errors wrap [ErrInput] and name the line. It panics
// if lines is not nil and len(lines) != len(rows).
func CommentsFromRows(rows [][]string, lines []int) ([]Comment, error) {
	var cs []Comment
	err := readRows(rows, lines, "comments", commentColumns, commentAliases, commentRow(&cs))
	return cs, err
}

// ReadCounts reads residents' comment counts from CSV: a header naming
// unit, category and count (also 单位, 类别, 条数), then one row per unit
// and category. Errors wrap [ErrInput] and name the line.
func ReadCounts(r io.Reader) ([]Count, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, err
	}
	var cs []Count
	err = readCSV(b, "counts", countColumns, countAliases, countRow(&cs))
	return cs, err
}

func countRow(cs *[]Count) func(int, map[string]string) error {
	return func(line int, f map[string]string) error {
		n, err := strconv.Atoi(f["count"])
		if err != nil || n < 0 {
			return fmt.Errorf("count %q is not a whole number >= 0", f["count"])
		}
		*cs = append(*cs, Count{Unit: f["unit"], Category: f["category"], Count: n, Line: line})
		return nil
	}
}

// CountsFromRows is [ReadCounts] on rows already split into cells (see
// [CommentsFromRows]).
func CountsFromRows(rows [][]string, lines []int) ([]Count, error) {
	var cs []Count
	err := readRows(rows, lines, "counts", countColumns, countAliases, countRow(&cs))
	return cs, err
}

// LastYear is one unit's result of the previous assessment.
type LastYear struct {
	Unit  string
	Rank  float64
	Score float64 // NaN when not given
	Line  int
}

// ReadLastYear reads last year's results from CSV: a header naming unit
// and rank, optionally score (also 单位, 排名, 得分), then one row per unit.
// Errors wrap [ErrInput] and name the line.
func ReadLastYear(r io.Reader) ([]LastYear, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, err
	}
	var ls []LastYear
	err = readCSV(b, "last year", lastColumns, lastAliases, lastRow(&ls))
	return ls, err
}

func lastRow(ls *[]LastYear) func(int, map[string]string) error {
	return func(line int, f map[string]string) error {
		rk, err := strconv.ParseFloat(f["rank"], 64)
		if err != nil || rk < 1 || math.IsInf(rk, 0) {
			return fmt.Errorf("rank %q is not a number >= 1", f["rank"])
		}
		sc := math.NaN()
		if s, ok := f["score"]; ok && s != "" {
			if sc, err = strconv.ParseFloat(s, 64); err != nil || math.IsInf(sc, 0) {
				return fmt.Errorf("score %q is not a number", s)
			}
		}
		*ls = append(*ls, LastYear{Unit: f["unit"], Rank: rk, Score: sc, Line: line})
		return nil
	}
}

// LastYearFromRows is [ReadLastYear] on rows already split into cells
// (see [CommentsFromRows]).
func LastYearFromRows(rows [][]string, lines []int) ([]LastYear, error) {
	var ls []LastYear
	err := readRows(rows, lines, "last year", lastColumns, lastAliases, lastRow(&ls))
	return ls, err
}

func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: read: %v", ErrInput, err)
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("%w: the text is not UTF-8 (save the file as UTF-8)", ErrInput)
	}
	return b, nil
}

// readCSV reads a CSV with a header into rows and their lines, then
// reads them with readRows.
func readCSV(b []byte, what string, want []string, alias map[string]string, row func(int, map[string]string) error) error {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(rows) == 0 {
				return fmt.Errorf("%w: %s: line 1: no header: %v", ErrInput, what, err)
			}
			return fmt.Errorf("%w: %s: %v", ErrInput, what, err)
		}
		line, _ := cr.FieldPos(0)
		rows, lines = append(rows, rec), append(lines, line)
	}
	return readRows(rows, lines, what, want, alias, row)
}

// readRows reads rows whose first is a header; want lists the required
// columns, alias maps other header names to them. row gets the line and
// the fields by column name. lines[i] is the line of rows[i] (nil: i+1).
func readRows(rows [][]string, lines []int, what string, want []string, alias map[string]string, row func(int, map[string]string) error) error {
	if lines != nil && len(lines) != len(rows) {
		panic(fmt.Sprintf("report: %d rows, %d lines", len(rows), len(lines)))
	}
	lineOf := func(i int) int {
		if lines == nil {
			return i + 1
		}
		return lines[i]
	}
	if len(rows) == 0 {
		return fmt.Errorf("%w: %s: line 1: no header", ErrInput, what)
	}
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if a, ok := alias[h]; ok {
			h = a
		}
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, w := range want {
		if _, ok := col[w]; !ok && w != "kind" {
			return fmt.Errorf("%w: %s: line %d: no column %q in the header %q", ErrInput, what, lineOf(0), w, header)
		}
	}
	for i, rec := range rows[1:] {
		line := lineOf(i + 1)
		f := map[string]string{}
		blank := true
		for name, j := range col {
			if j < len(rec) {
				f[name] = strings.TrimSpace(rec[j])
				blank = blank && f[name] == ""
			}
		}
		if blank {
			continue // an empty row, as spreadsheets leave them
		}
		if f["unit"] == "" {
			return fmt.Errorf("%w: %s: line %d: no unit", ErrInput, what, line)
		}
		if err := row(line, f); err != nil {
			return fmt.Errorf("%w: %s: line %d: %v", ErrInput, what, line, err)
		}
	}
	return nil
}

// where names the line of an entry for an error message.
func where(what string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s: line %d", what, line)
	}
	return what
}

// unitIndex maps unit ids to their index in in.Units.
func (in *Input) unitIndex() map[string]int {
	m := make(map[string]int, len(in.Units))
	for i, u := range in.Units {
		m[u.ID] = i
	}
	return m
}

// AddComments appends the comments to their units, in the order given.
// A comment on a unit that is not in the report is an error wrapping
// [ErrInput] naming the unit and line; no comment is added then.
func (in *Input) AddComments(cs []Comment) error {
	idx := in.unitIndex()
	for _, c := range cs {
		if _, ok := idx[c.Unit]; !ok {
			return fmt.Errorf("%w: %s: unit %q is not in the report", ErrInput, where("comments", c.Line), c.Unit)
		}
	}
	for _, c := range cs {
		u := &in.Units[idx[c.Unit]]
		u.Comments = append(u.Comments, c)
	}
	return nil
}

// AddCounts appends the residents' comment counts to their units. A
// count for a unit that is not in the report is an error wrapping
// [ErrInput]; nothing is added then.
func (in *Input) AddCounts(cs []Count) error {
	idx := in.unitIndex()
	for _, c := range cs {
		if _, ok := idx[c.Unit]; !ok {
			return fmt.Errorf("%w: %s: unit %q is not in the report", ErrInput, where("counts", c.Line), c.Unit)
		}
	}
	for _, c := range cs {
		u := &in.Units[idx[c.Unit]]
		u.Residents = append(u.Residents, c)
	}
	return nil
}

// SetLastYear sets last year's rank and score of the units listed; units
// not listed keep none (a new unit). A unit that is not in the report is
// an error wrapping [ErrInput]; nothing is set then.
func (in *Input) SetLastYear(ls []LastYear) error {
	idx := in.unitIndex()
	for _, l := range ls {
		if _, ok := idx[l.Unit]; !ok {
			return fmt.Errorf("%w: %s: unit %q is not in the report", ErrInput, where("last year", l.Line), l.Unit)
		}
	}
	for _, l := range ls {
		u := &in.Units[idx[l.Unit]]
		u.LastRank, u.LastScore = l.Rank, l.Score
	}
	return nil
}
