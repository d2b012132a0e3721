package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/ranking"
)

func verifyCommand() *command {
	return &command{
		name:    "verify",
		args:    "MODEL DATA PUBLISHED",
		summary: "recompute a published ranking and compare it unit by unit; prints the fingerprint",
		example: `PUBLISHED is a CSV file with a header row and one row per unit. Its columns
are found by their header (case is ignored): "unit" (also "id", "单位",
"地区"; otherwise the first column) holds the unit ids as in DATA, and any of
"score" ("得分"), "rank" ("排名", "名次") and "grade" ("等级") hold what was
published; other columns are ignored. Every published value is compared:
scores within -tol, ranks exactly (ties as the model's ranking member
says), grades as text. A unit on one side only is a difference too.

The exit status is 0 when everything agrees and 1 otherwise, with the
differences listed unit by unit. The fingerprint (SHA-256 of the canonical
model, the data and the settings) identifies exactly what was verified.

Examples:
  ppgpa verify model.json data.csv published.csv
  ppgpa verify -tol 0.005 model.json data.csv published.csv   # scores rounded to 2 decimals`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			var tol float64
			d.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json")
			fs.Float64Var(&tol, "tol", 0, "largest absolute score difference that counts as equal (0: 1e-9)")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := nargs(args, "MODEL", "DATA", "PUBLISHED"); err != nil {
					return err
				}
				if tol < 0 || math.IsNaN(tol) || math.IsInf(tol, 0) {
					return usagef("-tol must be a non-negative number")
				}
				_, p, t, err := e.loadModelData(args[0], args[1], &d)
				if err != nil {
					return err
				}
				b, err := e.readInput(args[2])
				if err != nil {
					return err
				}
				pub, err := readPublished(displayName(args[2]), b)
				if err != nil {
					return err
				}
				rep, err := ranking.Verify(ctx, p, t, pub, ranking.VerifySettings{ScoreTol: tol})
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				switch f.name {
				case "json":
					err = writeJSON(&o.buf, rep)
				case "csv":
					err = writeDiffCSV(&o.buf, rep)
				default:
					writeDiffTable(&o.buf, rep)
				}
				if err != nil {
					return err
				}
				if err := o.flush(e); err != nil {
					return err
				}
				if !rep.OK() {
					return &failure{[]string{fmt.Sprintf("%s: %d difference(s) from the recomputed ranking", displayName(args[2]), len(rep.Differences))}}
				}
				return nil
			}
		},
	}
}

// readPublished reads a published ranking (see the verify help).
func readPublished(file string, b []byte) (ranking.Published, error) {
	var pub ranking.Published
	recs, err := readCSVRecords(file, b)
	if err != nil {
		return pub, err
	}
	if len(recs) == 0 {
		return pub, fmt.Errorf("%s: empty file (want a header row)", file)
	}
	col := map[string]int{"unit": -1, "score": -1, "rank": -1, "grade": -1}
	names := map[string]string{"unit": "unit", "id": "unit", "单位": "unit", "地区": "unit",
		"score": "score", "得分": "score", "rank": "rank", "排名": "rank", "名次": "rank", "grade": "grade", "等级": "grade"}
	for j, h := range recs[0] {
		k, ok := names[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			continue
		}
		if col[k] >= 0 {
			return pub, fmt.Errorf("%s: line 1, column %d: a second %s column (%q)", file, j+1, k, h)
		}
		col[k] = j
	}
	if col["unit"] < 0 {
		col["unit"] = 0
	}
	if col["score"] < 0 && col["rank"] < 0 && col["grade"] < 0 {
		return pub, fmt.Errorf("%s: line 1: no score, rank or grade column", file)
	}
	pub.Units = []string{}
	seen := map[string]int{}
	for i, rec := range recs[1:] {
		line := i + 2
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		cell := func(k string) (string, int, error) {
			j := col[k]
			if j >= len(rec) {
				return "", j, fmt.Errorf("%s: line %d: no %s (column %d)", file, line, k, j+1)
			}
			return strings.TrimSpace(rec[j]), j, nil
		}
		u, _, err := cell("unit")
		if err != nil {
			return pub, err
		}
		if u == "" {
			return pub, fmt.Errorf("%s: line %d, column %d: empty unit id", file, line, col["unit"]+1)
		}
		if l, dup := seen[u]; dup {
			return pub, fmt.Errorf("%s: line %d: unit %q already on line %d", file, line, u, l)
		}
		seen[u] = line
		pub.Units = append(pub.Units, u)
		for _, k := range []string{"score", "rank"} {
			if col[k] < 0 {
				continue
			}
			c, j, err := cell(k)
			if err != nil {
				return pub, err
			}
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return pub, fmt.Errorf("%s: line %d, column %d (%s): %q is not a number", file, line, j+1, k, c)
			}
			if k == "score" {
				pub.Scores = append(pub.Scores, v)
			} else {
				pub.Ranks = append(pub.Ranks, v)
			}
		}
		if col["grade"] >= 0 {
			c, _, err := cell("grade")
			if err != nil {
				return pub, err
			}
			pub.Grades = append(pub.Grades, c)
		}
	}
	if len(pub.Units) == 0 {
		return pub, fmt.Errorf("%s: no units after the header", file)
	}
	return pub, nil
}

func writeDiffTable(w io.Writer, rep *ranking.Report) {
	fmt.Fprintf(w, "fingerprint: %s\nunits compared: %d\n", rep.Fingerprint, rep.Units)
	if rep.OK() {
		fmt.Fprintf(w, "OK: the published ranking agrees with the recomputed one\n")
		return
	}
	fmt.Fprintf(w, "DIFFERENT: %d difference(s)\n\n", len(rep.Differences))
	t := newTable("unit", "field", "published", "recomputed")
	for _, d := range rep.Differences {
		t.add(d.Unit, d.Field, d.Published, d.Recomputed)
	}
	t.write(w)
}

func writeDiffCSV(w io.Writer, rep *ranking.Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"unit", "field", "published", "recomputed"})
	for _, d := range rep.Differences {
		cw.Write([]string{d.Unit, d.Field, d.Published, d.Recomputed})
	}
	cw.Flush()
	return cw.Error()
}
