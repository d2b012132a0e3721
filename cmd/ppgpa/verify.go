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

	"github.com/ppgpa/ppgpa/indicator"
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
scores within a tolerance, ranks exactly (ties as the model's ranking member
says), grades as text. A unit on one side only is a difference too.

Without -tol, each published score is taken as rounded to the decimals it
is written with: its tolerance is half a unit in its last place (92.30 and
92.3: 0.005 and 0.05; 93: 0.5), plus 1e-9 for the binary representation.
-tol sets one absolute tolerance for every score instead. Ranks are
compared exactly, but a published rank is also accepted when it is the
rank the model's tie rule gives after replacing each recomputed score by
the published one it agrees with: two units published with the same
rounded score may share a rank that their unrounded scores do not.

The exit status is 0 when everything agrees and 1 otherwise, with the
differences listed unit by unit. The table and JSON outputs also give
Kendall's tau-b and Spearman's rho (with p-values) and the mean absolute
rank shift between the published ranks (or, without a rank column, the
ranks of the published scores) and the recomputed ones (a rank that the
rounding explains counts as agreeing).

The fingerprint, in plain words: a checksum (SHA-256) of everything that
decides the result, in four parts: the library version, the model, the
data and the settings. Anyone who recomputes from the same four gets the
same fingerprint on any machine, whatever the order of the rows and
columns. With -expect (the fingerprint as published, with or without its
parts), verify also checks it and names the part that differs.
指纹：对决定结果的全部内容（程序版本、模型、数据、设置四部分）计算的校验值；用同样的
四部分重新计算，在任何机器上都得到同一指纹，与数据行列顺序无关；用 -expect 给出公布的
指纹时，verify 会指出哪一部分不同。
The fingerprint is the first line of the table (with its parts), members
of the JSON, and in CSV the last column of every difference and a line
"ppgpa verify: fingerprint: ..." on standard error. The CSV output keeps
standard output a plain table of differences and writes the agreement
statistics to standard error as one line of name=value pairs, named as
the JSON members, numbers in their shortest exact form, NA when
undefined (a constant ranking); the line is left out when PUBLISHED has
neither ranks nor scores:
  ppgpa verify: agreement: n=4 kendall_tau_b=... kendall_p=... spearman_rho=... spearman_p=... mean_abs_shift=...

Examples:
  ppgpa verify model.json data.csv published.csv
  ppgpa verify -tol 0.005 model.json data.csv published.csv   # one tolerance for every score
  ppgpa verify -expect "$(cat fingerprint.txt)" model.json data.csv published.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			var tol float64
			var expect string
			d.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json")
			fs.StringVar(&expect, "expect", "", "the published fingerprint, as printed (the 64 hex digits, with or without its parts \"(library V, model M, data D, settings S)\"): verify also checks it and names the part that differs")
			fs.Float64Var(&tol, "tol", 0, "largest absolute score difference that counts as equal, for every score (0: half a unit in the last decimal of each published score)")
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
				var want ranking.FingerprintParts
				if expect != "" {
					var err error
					if want, err = ranking.ParseFingerprint(expect); err != nil {
						return usagef("-expect: %v", err)
					}
				}
				_, p, t, err := e.loadModelData(args[0], args[1], &d)
				if err != nil {
					return err
				}
				b, err := e.readInput(args[2])
				if err != nil {
					return err
				}
				pub, cellTol, err := readPublished(displayName(args[2]), b)
				if err != nil {
					return err
				}
				rep, err := ranking.Verify(ctx, p, t, pub, ranking.VerifySettings{ScoreTol: tol})
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				var vr *verifyResult
				if vr, err = reconcile(ctx, p, t, pub, cellTol, tol, rep); err != nil {
					return evalErr(args[0], args[1], err)
				}
				if vr.Parts, err = ranking.FingerprintOf(p.Model(), t, nil); err != nil {
					return err
				}
				if expect != "" {
					ok, diff := vr.Parts.Matches(want)
					vr.Expected, vr.FingerprintDiffers = &want, diff
					if diff == nil {
						vr.FingerprintDiffers = []string{}
					}
					_ = ok
				}
				switch f.name {
				case "json":
					err = writeJSON(&o.buf, vr)
				case "csv":
					err = writeDiffCSV(&o.buf, rep)
					fmt.Fprintf(e.stderr, "ppgpa verify: fingerprint: %s\n", rep.Fingerprint)
					if a := vr.Agreement; a != nil {
						fmt.Fprintf(e.stderr, "ppgpa verify: agreement: %s\n", agreementPairs(a))
					}
				default:
					writeDiffTable(&o.buf, vr)
				}
				if err != nil {
					return err
				}
				if err := o.flush(e); err != nil {
					return err
				}
				var msgs []string
				if !rep.OK() {
					msgs = append(msgs, fmt.Sprintf("%s: %d difference(s) from the recomputed ranking", displayName(args[2]), len(rep.Differences)))
				}
				if len(vr.FingerprintDiffers) > 0 {
					msgs = append(msgs, "the published fingerprint differs: "+fingerprintDiffText(vr.FingerprintDiffers))
				}
				if msgs != nil {
					// The report of the differences is complete: it is
					// written, and the exit status says they differ.
					if err := e.commit(); err != nil {
						return err
					}
					return &failure{msgs}
				}
				return nil
			}
		},
	}
}

// readPublished reads a published ranking (see the verify help). The
// second result holds, per published score, half a unit in the last place
// of the score as written (see cellTolerance); it is nil without scores.
func readPublished(file string, b []byte) (ranking.Published, []float64, error) {
	var pub ranking.Published
	var tols []float64
	recs, err := readCSVRecords(file, b)
	if err != nil {
		return pub, nil, err
	}
	if len(recs) == 0 {
		return pub, nil, fmt.Errorf("%s: empty file (want a header row)", file)
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
			return pub, nil, fmt.Errorf("%s: line 1, column %d: a second %s column (%q)", file, j+1, k, h)
		}
		col[k] = j
	}
	if col["unit"] < 0 {
		col["unit"] = 0
	}
	if col["score"] < 0 && col["rank"] < 0 && col["grade"] < 0 {
		return pub, nil, fmt.Errorf("%s: line 1: no score, rank or grade column", file)
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
			return pub, nil, err
		}
		if u == "" {
			return pub, nil, fmt.Errorf("%s: line %d, column %d: empty unit id", file, line, col["unit"]+1)
		}
		if l, dup := seen[u]; dup {
			return pub, nil, fmt.Errorf("%s: line %d: unit %q already on line %d", file, line, u, l)
		}
		seen[u] = line
		pub.Units = append(pub.Units, u)
		for _, k := range []string{"score", "rank"} {
			if col[k] < 0 {
				continue
			}
			c, j, err := cell(k)
			if err != nil {
				return pub, nil, err
			}
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return pub, nil, fmt.Errorf("%s: line %d, column %d (%s): %q is not a number", file, line, j+1, k, c)
			}
			if k == "score" {
				pub.Scores = append(pub.Scores, v)
				tols = append(tols, cellTolerance(c))
			} else {
				pub.Ranks = append(pub.Ranks, v)
			}
		}
		if col["grade"] >= 0 {
			c, _, err := cell("grade")
			if err != nil {
				return pub, nil, err
			}
			pub.Grades = append(pub.Grades, c)
		}
	}
	if len(pub.Units) == 0 {
		return pub, nil, fmt.Errorf("%s: no units after the header", file)
	}
	return pub, tols, nil
}

// cellTolerance returns half a unit in the last place of the decimal
// number c as written: 0.005 for "92.30", 0.05 for "92.3", 0.5 for "93",
// 5 for "1.2e1". It is computed by parsing the decimal string "5e-d",
// which is exact to the last bit on every machine.
func cellTolerance(c string) float64 {
	c = strings.TrimLeft(strings.TrimSpace(c), "+-")
	exp := 0
	if k := strings.IndexAny(c, "eE"); k >= 0 {
		e, err := strconv.Atoi(c[k+1:])
		if err != nil {
			return 0
		}
		exp, c = e, c[:k]
	}
	d := 0
	if k := strings.IndexByte(c, '.'); k >= 0 {
		d = len(c) - k - 1
	}
	tol, err := strconv.ParseFloat("5e"+strconv.Itoa(exp-d-1), 64)
	if err != nil {
		return 0
	}
	return tol
}

// verifyResult is Verify's report with the differences that the
// published rounding explains removed, and the agreement of the two
// rankings.
type verifyResult struct {
	*ranking.Report
	// ScoreTolerance is "per cell" (half a unit in the last decimal of
	// each published score) or the -tol value.
	ScoreTolerance string `json:"score_tolerance"`
	// Agreement compares the published and the recomputed ranks of the
	// units on both sides; nil when only grades were published.
	Agreement *agreement `json:"agreement,omitempty"`
	// Parts are the recomputed fingerprint's parts.
	Parts ranking.FingerprintParts `json:"fingerprint_parts"`
	// Expected is the published fingerprint (-expect), and
	// FingerprintDiffers the parts in which it differs (empty: agrees).
	Expected           *ranking.FingerprintParts `json:"expected_fingerprint,omitempty"`
	FingerprintDiffers []string                  `json:"fingerprint_differs,omitempty"`
}

// fingerprintDiffText says in words which parts of a fingerprint differ.
func fingerprintDiffText(parts []string) string {
	words := map[string]string{"version": "the library version", "model": "the model", "data": "the data", "settings": "the settings",
		"fingerprint": "the combined fingerprint (the publication gives no parts, so the part that differs cannot be named)"}
	var w []string
	for _, p := range parts {
		w = append(w, words[p])
	}
	return strings.Join(w, ", ")
}

// cellSlack absorbs the binary representation of decimal scores in the
// per-cell comparison.
const cellSlack = 1e-9

// reconcile drops from rep the differences that the published rounding
// explains: with tol 0 (no -tol), scores within half a unit in their
// last decimal (cellTol), and in any case ranks that the model's tie rule
// gives once each recomputed score that agrees with its published value
// is replaced by it. It also measures the agreement of the two rankings.
// rep's differences are replaced; the rest of rep is kept.
func reconcile(ctx context.Context, p *indicator.Plan, t *indicator.Table, pub ranking.Published, cellTol []float64, tol float64, rep *ranking.Report) (*verifyResult, error) {
	perCell := tol == 0
	vr := &verifyResult{Report: rep, ScoreTolerance: "per cell"}
	if !perCell {
		vr.ScoreTolerance = num(tol)
	}
	res, err := p.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	g, err := ranking.FromSpec(p.Model().Ranking)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(res.Units))
	for i, u := range res.Units {
		index[u] = i
	}
	pubIndex := make(map[string]int, len(pub.Units))
	for k, u := range pub.Units {
		pubIndex[u] = k
	}
	// agrees reports whether unit u's published score matches the
	// recomputed one within its tolerance.
	agrees := func(k, i int) bool {
		lim := cellTol[k] + cellSlack
		if !perCell {
			lim = tol
		}
		return math.Abs(pub.Scores[k]-res.Score[i]) <= lim
	}
	var altRank []float64
	if pub.Scores != nil && pub.Ranks != nil {
		alt := append([]float64(nil), res.Score...)
		for k, u := range pub.Units {
			if i, ok := index[u]; ok && agrees(k, i) {
				alt[i] = pub.Scores[k]
			}
		}
		if altRank, err = ranking.Rank(alt, res.Units, g.Ranking); err != nil {
			return nil, err
		}
	}
	kept := []ranking.Difference{}
	excused := map[int]bool{} // units whose rank difference the rounding explains
	for _, d := range rep.Differences {
		k, i := pubIndex[d.Unit], index[d.Unit]
		switch {
		case d.Field == "score" && perCell && agrees(k, i):
			continue
		case d.Field == "rank" && altRank != nil && pub.Ranks[k] == altRank[i]:
			excused[i] = true
			continue
		}
		kept = append(kept, d)
	}
	rep.Differences = kept
	// Agreement over the units on both sides.
	pubRank := pub.Ranks
	if pubRank == nil && pub.Scores != nil {
		if pubRank, err = ranking.Rank(pub.Scores, pub.Units, g.Ranking); err != nil {
			return nil, err
		}
	}
	if pubRank == nil {
		return vr, nil
	}
	var a, b []float64
	for k, u := range pub.Units {
		if i, ok := index[u]; ok {
			r := rep.Result.Rank[i]
			if excused[i] {
				r = pubRank[k]
			}
			a, b = append(a, pubRank[k]), append(b, r)
		}
	}
	ag := compareRanks(a, b, 0)
	vr.Agreement = &ag
	return vr, nil
}

func writeDiffTable(w io.Writer, vr *verifyResult) {
	rep := vr.Report
	fmt.Fprintf(w, "fingerprint: %s\nunits compared: %d\n", vr.Parts, rep.Units)
	if vr.Expected != nil {
		if len(vr.FingerprintDiffers) == 0 {
			fmt.Fprintf(w, "published fingerprint: agrees\n")
		} else {
			fmt.Fprintf(w, "published fingerprint: DIFFERENT: %s\n", fingerprintDiffText(vr.FingerprintDiffers))
		}
	}
	if vr.ScoreTolerance == "per cell" {
		fmt.Fprintf(w, "score tolerance: half a unit in the last decimal of each published score\n")
	} else {
		fmt.Fprintf(w, "score tolerance: %s\n", vr.ScoreTolerance)
	}
	if a := vr.Agreement; a != nil {
		fmt.Fprintf(w, "published vs recomputed ranks: Kendall tau-b %s (p %s), Spearman rho %s (p %s), mean absolute rank shift %s\n",
			fixed(float64(a.TauB), 4), pval(float64(a.TauP)), fixed(float64(a.Rho), 4), pval(float64(a.RhoP)), fixed(float64(a.MeanAbsShift), 4))
	}
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

// agreementPairs formats a as name=value pairs separated by spaces, the
// names those of the JSON members, the numbers as num writes them.
func agreementPairs(a *agreement) string {
	return fmt.Sprintf("n=%d kendall_tau_b=%s kendall_p=%s spearman_rho=%s spearman_p=%s mean_abs_shift=%s",
		a.N, num(float64(a.TauB)), num(float64(a.TauP)), num(float64(a.Rho)), num(float64(a.RhoP)), num(float64(a.MeanAbsShift)))
}

// writeDiffCSV writes one row per difference, the fingerprint in the last
// column of each.
func writeDiffCSV(w io.Writer, rep *ranking.Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"unit", "field", "published", "recomputed", "fingerprint"})
	for _, d := range rep.Differences {
		cw.Write([]string{d.Unit, d.Field, d.Published, d.Recomputed, rep.Fingerprint})
	}
	cw.Flush()
	return cw.Error()
}
