package survey

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadRespondents reads respondents from CSV with a header line. The
// columns id, group, stratum, psu, ssu, weight, prob, fpc and fpc2 fill
// the fields of [Respondent] of the same name; without an id column the
// first column holds the ids (unless it is one of the other named
// columns), as in the one-row-per-respondent files of cmd/ppgpa (header names are
// matched case-insensitively after trimming spaces; an empty or missing
// weight cell means "not given" (NaN: NewDesign derives the weight from
// prob or fpc), while "0" is a real zero weight; an empty prob, fpc or
// fpc2 cell means 0, none); every other column goes to Attr under its header name. A
// UTF-8 byte-order mark is ignored.
//
// A missing value (an empty or NA cell) in a design column is an error
// naming its line and column: in stratum, psu, ssu, prob, fpc or fpc2
// when other rows of the column are filled (a column empty in every row
// counts as absent), and in weight unless the row has a prob or fpc from
// which the weight is derived (the one documented exception). It does not
// silently become a stratum or PSU named "".
//
// It returns a *ParseError naming the line and column for a malformed
// record, a missing value in a design column, a missing id column (no column id and a first column named
// like another field), a duplicate or empty header name, an empty
// id, or a number that does not parse or is negative, NaN or infinite.
// Design-level checks (duplicate ids, fpc consistency) are left to
// [NewDesign].
func ReadRespondents(r io.Reader) ([]Respondent, error) {
	known := []string{"id", "group", "stratum", "psu", "ssu", "weight", "prob", "fpc", "fpc2"}
	hdr, recs, lines, err := readCSV(r, nil)
	if err != nil {
		return nil, err
	}
	pos := map[string]int{}
	for _, k := range known {
		pos[k] = -1
	}
	for j, h := range hdr {
		if _, ok := pos[strings.ToLower(h)]; ok {
			pos[strings.ToLower(h)] = j
		}
	}
	if pos["id"] < 0 {
		if _, ok := pos[strings.ToLower(hdr[0])]; ok {
			return nil, &ParseError{Line: 1, Column: "id", Err: fmt.Errorf("%w: missing column (the first column %q is not an id)", ErrInvalidInput, hdr[0])}
		}
		pos["id"] = 0
	}
	used := make([]bool, len(hdr))
	for _, k := range known {
		if pos[k] >= 0 {
			used[pos[k]] = true
		}
	}
	var extra []int
	for j := range hdr {
		if !used[j] {
			extra = append(extra, j)
		}
	}
	// A design column that is present must be filled in every row: an
	// empty (or NA) cell among filled ones is an error naming its line and
	// column. A column empty in every row counts as absent. The one
	// documented exception is the weight: an empty weight cell means "not
	// given" when the row has a prob or fpc to derive it from.
	missing := func(s string) bool { s = strings.TrimSpace(s); return s == "" || s == "NA" }
	for _, k := range []string{"stratum", "psu", "ssu", "prob", "fpc", "fpc2"} {
		j := pos[k]
		if j < 0 {
			continue
		}
		filled, first := 0, -1
		for i, rec := range recs {
			if missing(rec[j]) {
				if first < 0 {
					first = i
				}
			} else {
				filled++
			}
		}
		if filled > 0 && first >= 0 {
			return nil, &ParseError{Line: lines[first], Column: hdr[j], Err: fmt.Errorf("%w: missing %s (given on other rows)", ErrInvalidInput, k)}
		}
	}
	out := make([]Respondent, len(recs))
	for i, rec := range recs {
		line := lines[i]
		get := func(k string) string {
			if pos[k] < 0 {
				return ""
			}
			return rec[pos[k]]
		}
		num := func(k string) (float64, error) {
			s := strings.TrimSpace(get(k))
			if s == "" {
				if k == "weight" {
					return math.NaN(), nil
				}
				return 0, nil
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, &ParseError{Line: line, Column: hdr[pos[k]], Err: fmt.Errorf("%w: %q is not a non-negative finite number", ErrInvalidInput, s)}
			}
			return v, nil
		}
		x := Respondent{ID: get("id"), Group: get("group"), Stratum: get("stratum"), PSU: get("psu"), SSU: get("ssu")}
		if x.ID == "" {
			return nil, &ParseError{Line: line, Column: hdr[pos["id"]], Err: fmt.Errorf("%w: empty id", ErrInvalidInput)}
		}
		for _, f := range []struct {
			k   string
			dst *float64
		}{{"weight", &x.Weight}, {"prob", &x.Prob}, {"fpc", &x.FPC}, {"fpc2", &x.FPC2}} {
			if *f.dst, err = num(f.k); err != nil {
				return nil, err
			}
		}
		if pos["weight"] >= 0 && math.IsNaN(x.Weight) && x.Prob == 0 && x.FPC == 0 {
			return nil, &ParseError{Line: line, Column: hdr[pos["weight"]], Err: fmt.Errorf("%w: missing weight, and no prob or fpc to derive it from", ErrInvalidInput)}
		}
		if len(extra) > 0 {
			x.Attr = make(map[string]string, len(extra))
			for _, j := range extra {
				x.Attr[hdr[j]] = rec[j]
			}
		}
		out[i] = x
	}
	return out, nil
}

// ReadAnswers reads long-form answers from CSV with a header line and the
// columns respondent, unit and answer (required) and item (optional),
// matched case-insensitively; other columns are ignored. It returns a
// *ParseError naming the line and column for a malformed record, a
// missing required column, or an empty respondent, unit or answer.
func ReadAnswers(r io.Reader) ([]Answer, error) {
	hdr, recs, lines, err := readCSV(r, []string{"respondent", "unit", "answer"})
	if err != nil {
		return nil, err
	}
	pos := map[string]int{"respondent": -1, "unit": -1, "item": -1, "answer": -1}
	for j, h := range hdr {
		if _, ok := pos[strings.ToLower(h)]; ok {
			pos[strings.ToLower(h)] = j
		}
	}
	out := make([]Answer, len(recs))
	for i, rec := range recs {
		line := lines[i]
		for _, k := range []string{"respondent", "unit", "answer"} {
			if rec[pos[k]] == "" {
				return nil, &ParseError{Line: line, Column: hdr[pos[k]], Err: fmt.Errorf("%w: empty %s", ErrInvalidInput, k)}
			}
		}
		a := Answer{Respondent: rec[pos["respondent"]], Unit: rec[pos["unit"]], Value: rec[pos["answer"]]}
		if pos["item"] >= 0 {
			a.Item = rec[pos["item"]]
		}
		out[i] = a
	}
	return out, nil
}

// readCSV reads a header and records, checking that the required columns
// (lowercase) are present and the header names are unique and non-empty.
func readCSV(r io.Reader, required []string) ([]string, [][]string, []int, error) {
	cr := csv.NewReader(r)
	var recs [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, nil, &ParseError{Line: pe.Line, Err: fmt.Errorf("%w: %v", ErrInvalidInput, pe.Err)}
			}
			return nil, nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	if len(recs) == 0 {
		return nil, nil, nil, &ParseError{Line: 1, Err: fmt.Errorf("%w: no header", ErrInvalidInput)}
	}
	hdr := recs[0]
	if len(hdr) > 0 {
		hdr[0] = strings.TrimPrefix(hdr[0], "\ufeff")
	}
	seen := map[string]bool{}
	for j, h := range hdr {
		h = strings.TrimSpace(h)
		hdr[j] = h
		if h == "" {
			return nil, nil, nil, &ParseError{Line: 1, Err: fmt.Errorf("%w: column %d has an empty name", ErrInvalidInput, j+1)}
		}
		if seen[strings.ToLower(h)] {
			return nil, nil, nil, &ParseError{Line: 1, Column: h, Err: fmt.Errorf("%w: duplicate column", ErrInvalidInput)}
		}
		seen[strings.ToLower(h)] = true
	}
	for _, k := range required {
		if !seen[k] {
			return nil, nil, nil, &ParseError{Line: 1, Column: k, Err: fmt.Errorf("%w: missing column", ErrInvalidInput)}
		}
	}
	return hdr, recs[1:], lines[1:], nil
}
