package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// TestSurveyGolden runs rake and calibrate end to end, with -diag written
// to a temporary file whose contents are appended to the golden output
// (testdata/golden/<name>.golden; go test -update rewrites them).
func TestSurveyGolden(t *testing.T) {
	t.Chdir("testdata")
	cases := []struct {
		name string
		args []string // "DIAG" is replaced by the -diag file
		code int
	}{
		// Raking cannot meet the margins with g in [0.9, 1.1]: the JSON
		// diagnostics are still written, with converged false.
		{"rake_not_converged_diag", []string{"rake", "-lower", "0.9", "-upper", "1.1", "-diag", "DIAG", "respondents.csv", "margins.json"}, 1},
		// One Newton step of raking calibration does not converge; the last
		// iterate's weights give the achieved totals.
		{"calibrate_not_converged", []string{"calibrate", "-distance", "raking", "-maxiter", "1", "respondents.csv", "margins.json"}, 1},
		{"calibrate_not_converged_diag", []string{"calibrate", "-distance", "raking", "-maxiter", "1", "-diag", "DIAG", "respondents.csv", "margins.json"}, 1},
		// The logit bounds [0.95, 1.05] cannot reach the totals: g saturates.
		{"calibrate_saturated", []string{"calibrate", "-distance", "logit", "-lower", "0.95", "-upper", "1.05", "respondents.csv", "totals.csv"}, 1},
		{"rake_trim", []string{"rake", "-trim-upper", "12", "respondents.csv", "margins.json"}, 0},
		{"calibrate_trim_diag", []string{"calibrate", "-trim-lower", "9", "-trim-upper", "11", "-diag", "DIAG", "respondents.csv", "totals.csv"}, 0},
		{"rake_trim_impossible", []string{"rake", "-trim-upper", "5", "respondents.csv", "margins.json"}, 1},
		{"rake_trim_bad_bounds", []string{"rake", "-trim-lower", "12", "-trim-upper", "11", "respondents.csv", "margins.json"}, 2},
		// estimate: replicate variance on long-form answers (JK1 on the six
		// respondents: df 5, as linearisation), alone and with group weights.
		{"estimate_long_jk1", []string{"estimate", "-scale", "shandong", "-variance", "jk1", "-format", "table", "resp_long.csv", "answers.csv"}, 0},
		{"estimate_long_groups_jk1", []string{"estimate", "-scale", "shandong", "-measure", "satisfaction_rate", "-percent", "-group-weights", "电话=0.6,问卷=0.4", "-variance", "jk1", "-format", "json", "resp_long.csv", "answers.csv"}, 0},
		// A bootstrap replicate that draws none of a unit's respondents
		// leaves the unit without weight: an error naming unit and replicate.
		{"estimate_long_bootstrap_empty", []string{"estimate", "-scale", "shandong", "-variance", "bootstrap", "-replicates", "40", "-seed", "5", "resp_long.csv", "answers.csv"}, 1},
		// Group weights are ratios: 6:4 is 0.6:0.4, shown in the header;
		// weights that do not sum to 1 get a note with the shares used.
		{"estimate_long_groups_ratio", []string{"estimate", "-scale", "shandong", "-group-weights", "电话=6,问卷=4", "-format", "table", "resp_long.csv", "answers.csv"}, 0},
		{"estimate_long_groups_sum", []string{"estimate", "-scale", "shandong", "-group-weights", "电话=0.6,问卷=0.6", "resp_long.csv", "answers.csv"}, 0},
		{"estimate_long_groups_negative", []string{"estimate", "-scale", "shandong", "-group-weights", "电话=-1,问卷=2", "resp_long.csv", "answers.csv"}, 2},
		{"estimate_bad_scale", []string{"estimate", "-scale", "nosuch", "resp_long.csv", "answers.csv"}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diag := filepath.Join(t.TempDir(), "diag.json")
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				if a == "DIAG" {
					a = diag
				}
				args[i] = a
			}
			r := runPPGPA(t, "", args...)
			if r.code != tc.code {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", r.code, tc.code, r.stderr)
			}
			got := fmt.Sprintf("$ ppgpa %s\n--- exit status %d\n--- stdout\n%s--- stderr\n%s", strings.Join(tc.args, " "), r.code, r.stdout, r.stderr)
			if strings.Contains(strings.Join(tc.args, " "), "DIAG") {
				b, err := os.ReadFile(diag)
				if err != nil {
					t.Fatalf("no diagnostics written: %v", err)
				}
				got += "--- DIAG\n" + string(b)
			}
			compareGolden(t, tc.name, got)
		})
	}
}

// compareGolden compares got with testdata/golden/<name>.golden, or
// rewrites it under -update.
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("golden", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", path, diffLines(string(want), got))
	}
}

// TestCalibrateRakingPopulation: respondents of weight 1 calibrated with
// the raking distance to population counts a million times larger (the
// usual set-up) converge, to the weights of rake on the same margins
// within 1e-12 (the raking equations have one solution).
func TestCalibrateRakingPopulation(t *testing.T) {
	t.Chdir("testdata")
	weights := func(args ...string) []float64 {
		r := runPPGPA(t, "", args...)
		if r.code != 0 {
			t.Fatalf("ppgpa %v: exit %d\n%s", args, r.code, r.stderr)
		}
		var w []float64
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
			f := strings.Split(line, ",")
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			w = append(w, v)
		}
		return w
	}
	cal := weights("calibrate", "-distance", "raking", "-tol", "1e-14", "respondents_w1.csv", "margins_pop.json")
	rk := weights("rake", "-tol", "1e-15", "-maxiter", "10000", "respondents_w1.csv", "margins_pop.json")
	if len(cal) != 10 || len(rk) != 10 {
		t.Fatalf("%d and %d weights", len(cal), len(rk))
	}
	for i := range cal {
		if math.Abs(cal[i]-rk[i]) > 1e-12*rk[i] {
			t.Errorf("respondent %d: calibrate %.17g, rake %.17g", i+1, cal[i], rk[i])
		}
	}
}

// TestEstimateRakeReplicates: ppgpa estimate -rake -variance jkn gives R's
// replicate standard error after raking (survey 4.1-1), the raking redone
// in every replicate:
//
//	d <- svydesign(id=~dnum, strata=~stype, weights=~pw, data=apistrat, nest=TRUE)
//	rr <- rake(as.svrepdesign(d, type="JKn"), list(~sch.wide, ~comp.imp),
//	      list(data.frame(sch.wide=c("No","Yes"), Freq=c(1072,5122)),
//	           data.frame(comp.imp=c("No","Yes"), Freq=c(1712,4482))),
//	      control=list(maxit=100, epsilon=1e-12))
//	svymean(~api00, rr)   # 662.752191565639, SE 12.051273909027906
//
// (api_strat_resp.csv is apistrat of the reference vectors, one unit.)
// R stops raking the replicates after the full sample's sweeps, this
// rakes each to its tolerance: 1e-9 relative.
func TestEstimateRakeReplicates(t *testing.T) {
	t.Chdir("testdata")
	r := runPPGPA(t, "", "estimate", "-weight", "pw", "-strata", "stype", "-psu", "dnum", "-nest", "-rake", "api_margins.json", "-variance", "jkn", "-answer", "api00", "api_strat_resp.csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	f := strings.Split(lines[1], ",")
	est, _ := strconv.ParseFloat(f[2], 64)
	se, _ := strconv.ParseFloat(f[3], 64)
	if math.Abs(est-662.752191565639) > 1e-9*662.752191565639 || math.Abs(se-12.051273909027906) > 1e-9*12.051273909027906 {
		t.Errorf("estimate %v (R 662.752191565639), se %.17g (R 12.051273909027906)", est, se)
	}
	// Weights raked elsewhere: the replicates cannot redo the raking, and
	// the command says so.
	w := runPPGPA(t, "", "rake", "-weight", "pw", "api_strat_resp.csv", "api_margins.json")
	if w.code != 0 {
		t.Fatalf("rake: exit %d: %s", w.code, w.stderr)
	}
	file := filepath.Join(t.TempDir(), "w.csv")
	if err := os.WriteFile(file, []byte(w.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runPPGPA(t, "", "estimate", "-weights", file, "-strata", "stype", "-psu", "dnum", "-nest", "-variance", "jkn", "-answer", "api00", "api_strat_resp.csv")
	if r.code != 0 || !strings.Contains(r.stderr, "without redoing the adjustment") {
		t.Errorf("exit %d, stderr %q: want a note that the adjustment is not redone", r.code, r.stderr)
	}
}

// TestRankAnswers: ppgpa rank -answers takes survey answers and ranks the
// units with the covariance of their estimates, no file built by hand.
func TestRankAnswers(t *testing.T) {
	t.Chdir("testdata")
	r := runPPGPA(t, "", "rank", "-answers", "resp_long.csv,answers.csv", "-scale", "shandong", "-n", "0")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout+r.stderr, "resp_long.csv和answers.csv的调查协方差") {
		t.Errorf("output does not name the survey covariance:\n%s%s", r.stdout, r.stderr)
	}
	if r := runPPGPA(t, "", "rank", "-answers", "resp_long.csv", "-scale", "shandong"); r.code != 2 {
		t.Errorf("one file: exit %d, want 2", r.code)
	}
}

// TestWeightsCSVNeutralised checks that rake and calibrate write their
// CSV with the respondent ids a spreadsheet would run as formulas
// neutralised, as tabular.SafeCSV does (and every other command's CSV),
// and that -format xlsx writes the same table as a workbook.
func TestWeightsCSVNeutralised(t *testing.T) {
	resp := readTestdata("respondents.csv")
	risky := strings.NewReplacer("\nr1,", "\n=1+1,", "\nr2,", "\n@SUM(A1),", "\nr3,", "\n-x,", "\nr4,", "\n+y,").Replace(resp)
	in := filepath.Join(t.TempDir(), "respondents.csv")
	if err := os.WriteFile(in, []byte(risky), 0o644); err != nil {
		t.Fatal(err)
	}
	margins := filepath.Join("testdata", "margins.csv")
	for _, cmd := range []string{"rake", "calibrate"} {
		r := runPPGPA(t, "", cmd, "-q", in, margins)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", cmd, r.code, r.stderr)
		}
		var want bytes.Buffer
		if err := tabular.SafeCSV(&want, []byte(r.stdout)); err != nil {
			t.Fatal(err)
		}
		if r.stdout != want.String() {
			t.Errorf("%s: the output is not neutralised as SafeCSV neutralises it:\n%s", cmd, r.stdout)
		}
		for _, id := range []string{"'=1+1", "'@SUM(A1)", "'-x", "'+y", "r5"} {
			if !strings.Contains(r.stdout, "\n"+id+",") {
				t.Errorf("%s: no row of %s", cmd, id)
			}
		}
		x := runPPGPA(t, "", cmd, "-q", "-format", "xlsx", in, margins)
		if x.code != 0 {
			t.Fatalf("%s -format xlsx: exit %d: %s", cmd, x.code, x.stderr)
		}
		g, err := tabular.ReadGrid(strings.NewReader(x.stdout), tabular.Options{})
		if err != nil {
			t.Fatalf("%s -format xlsx: %v", cmd, err)
		}
		recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// A workbook keeps the 15 significant digits of Excel (see
		// tabular.WriteXLSX), and its cells are not formulas.
		w, _ := strconv.ParseFloat(recs[5][2], 64)
		if len(g.Rows) != len(recs) || g.Rows[0][3] != "g" || g.Rows[1][0] != "=1+1" || g.Rows[5][2] != strconv.FormatFloat(w, 'g', 15, 64) {
			t.Errorf("%s -format xlsx: rows %q, want those of the CSV %q (ids as they are)", cmd, g.Rows, recs)
		}
	}
}

// TestSurveyWeightsDataFile: the weights of rake and calibrate are a
// data file for estimate -weights, not a table to publish, and -h says
// so: a workbook (-format xlsx) keeps the CSV's headings id,
// design_weight, weight and g, which estimate -weights reads back from
// it, and -lang is not a flag of either command. The estimates from the
// workbook are those from the CSV to 12 significant digits (a workbook
// keeps 15, as Excel does).
func TestSurveyWeightsDataFile(t *testing.T) {
	t.Chdir("testdata")
	dir := t.TempDir()
	for _, cmd := range []string{"rake", "calibrate"} {
		h := runPPGPA(t, "", cmd, "-h")
		if help := oneLineText(h.stdout + h.stderr); !strings.Contains(help, "the same in every language") || !strings.Contains(help, "no -lang") {
			t.Errorf("%s -h does not say that its weights are a data file without -lang:\n%s", cmd, help)
		}
		if r := runPPGPA(t, "", cmd, "-lang", "zh", "respondents.csv", "margins.json"); r.code != 2 {
			t.Errorf("%s -lang zh: exit %d, want 2 (no such flag)", cmd, r.code)
		}
		csvFile, xlsxFile := filepath.Join(dir, cmd+".csv"), filepath.Join(dir, cmd+".xlsx")
		for _, f := range []string{csvFile, xlsxFile} {
			if r := runPPGPA(t, "", cmd, "-o", f, "-format", strings.TrimPrefix(filepath.Ext(f), "."), "respondents.csv", "margins.json"); r.code != 0 {
				t.Fatalf("%s -o %s: exit %d: %s", cmd, f, r.code, r.stderr)
			}
		}
		b, err := os.ReadFile(xlsxFile)
		if err != nil {
			t.Fatal(err)
		}
		var head []string
		for _, c := range cellsByExcelize(t, b, 0)[0] {
			head = append(head, c.Value)
		}
		if got := strings.Join(head, ","); got != "id,design_weight,weight,g" {
			t.Errorf("%s workbook: headings %s, want id,design_weight,weight,g", cmd, got)
		}
		var est [2][]string
		for k, f := range []string{csvFile, xlsxFile} {
			r := runPPGPA(t, "", "estimate", "-weights", f, "-unit", "district", "-answer", "answer", "-scale", "hangzhou", "respondents.csv")
			if r.code != 0 {
				t.Fatalf("estimate -weights %s: exit %d: %s", f, r.code, r.stderr)
			}
			est[k] = strings.FieldsFunc(r.stdout, func(r rune) bool { return r == ',' || r == '\n' })
		}
		if len(est[0]) != len(est[1]) {
			t.Fatalf("%s: estimates from the CSV %q and from the workbook %q", cmd, est[0], est[1])
		}
		for k, a := range est[0] {
			x, errA := strconv.ParseFloat(a, 64)
			y, errB := strconv.ParseFloat(est[1][k], 64)
			if (errA == nil) != (errB == nil) || errA != nil && a != est[1][k] || errA == nil && math.Abs(x-y) > 1e-12*math.Abs(x) {
				t.Errorf("%s: cell %d: %s from the CSV, %s from the workbook", cmd, k, a, est[1][k])
			}
		}
	}
}

// oneLineText joins the lines of s with single spaces.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
