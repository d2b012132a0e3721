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
// mark is skipped). Errors wrap [ErrInput] and name the line. (xlsx files
// are read through package indicator/tabular into CSV.)
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
	err = readCSV(b, "comments", []string{"unit", "kind", "text"}, map[string]string{"单位": "unit", "类型": "kind", "内容": "text", "意见": "text"},
		func(line int, f map[string]string) error {
			c := Comment{Unit: f["unit"], Text: f["text"], Line: line}
			if err := c.Kind.UnmarshalText([]byte(f["kind"])); err != nil {
				return err
			}
			cs = append(cs, c)
			return nil
		})
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
	err = readCSV(b, "counts", []string{"unit", "category", "count"}, map[string]string{"单位": "unit", "类别": "category", "条数": "count"},
		func(line int, f map[string]string) error {
			n, err := strconv.Atoi(f["count"])
			if err != nil || n < 0 {
				return fmt.Errorf("count %q is not a whole number >= 0", f["count"])
			}
			cs = append(cs, Count{Unit: f["unit"], Category: f["category"], Count: n, Line: line})
			return nil
		})
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
	err = readCSV(b, "last year", []string{"unit", "rank"}, map[string]string{"单位": "unit", "排名": "rank", "得分": "score"},
		func(line int, f map[string]string) error {
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
			ls = append(ls, LastYear{Unit: f["unit"], Rank: rk, Score: sc, Line: line})
			return nil
		})
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

// readCSV reads a CSV with a header; want lists the required columns,
// alias maps other header names to them. row gets the line and the
// fields by column name.
func readCSV(b []byte, what string, want []string, alias map[string]string, row func(int, map[string]string) error) error {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%w: %s: line 1: no header: %v", ErrInput, what, err)
	}
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
			return fmt.Errorf("%w: %s: line 1: no column %q in the header %q", ErrInput, what, w, header)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrInput, what, err)
		}
		f := map[string]string{}
		for name, i := range col {
			if i < len(rec) {
				f[name] = strings.TrimSpace(rec[i])
			}
		}
		if f["unit"] == "" {
			return fmt.Errorf("%w: %s: line %d: no unit", ErrInput, what, line)
		}
		if err := row(line, f); err != nil {
			return fmt.Errorf("%w: %s: line %d: %v", ErrInput, what, line, err)
		}
	}
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
