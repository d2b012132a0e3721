package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/ranking/report"
	"pgregory.net/rapid"
)

// rankGoldenCases are the end-to-end cases of rank, compare and the
// agreement and tolerance of verify (run by TestGolden).
func rankGoldenCases() []golden {
	return []golden{
		{"rank_model_se", []string{"rank", "-top", "2", "-bottom", "2", "-tiers", "2,4,6", "model_se.json", "data_se.csv"}, "", 0},
		{"rank_model_se_en", []string{"rank", "-lang", "en", "-top", "2", "-bottom", "2", "-tiers", "2,4,6", "model_se.json", "data_se.csv"}, "", 0},
		{"rank_se_column_csv", []string{"rank", "-se", "satisfaction_se", "-n", "200", "-format", "csv", "model.json", "data_se.csv"}, "", 0},
		{"rank_estimates_markdown", []string{"rank", "-top", "2", "-bottom", "2", "-tiers", "2,4,6", "-tier-sets", "marginal", "-format", "markdown", "estimates.csv"}, "", 0},
		{"rank_cov_json", []string{"rank", "-cov", "cov.csv", "-top", "1", "-n", "200", "-format", "json", "estimates3.csv"}, "", 0},
		{"rank_no_se", []string{"rank", "model.json", "data.csv"}, "", 2},
		{"rank_bad_tiers", []string{"rank", "-tiers", "3,2", "estimates.csv"}, "", 2},
		{"rank_bad_cov", []string{"rank", "-cov", "-", "estimates3.csv"}, "unit,南湖区,高新区,东城区\n高新区,0.5,0.64,0.2\n南湖区,0.81,0.5,0.3\n东城区,0.3,0.25,1.44\n", 1},
		{"rank_bad_se", []string{"rank", "-"}, "unit,estimate,se\nA,1,0.1\nB,2,-1\n", 1},
		{"rank_counts", []string{"rank", "-counts", "counts.csv", "-values", "0,0,100,100", "-top", "1", "-bottom", "1", "-n", "300"}, "", 0},
		{"rank_counts_bad", []string{"rank", "-counts", "-"}, "unit,a,b\nA,3,4\nB,2,-1\n", 1},
		{"rank_counts_strata", []string{"rank", "-counts", "counts_strata.csv", "-values", "0,0,100,100", "-top", "1", "-bottom", "1", "-n", "300", "-format", "json"}, "", 0},
		{"rank_counts_strata_noshare", []string{"rank", "-counts", "-", "-n", "200"}, "unit,stratum,a,b,c\nA,x,3,4,5\nB,x,2,6,1\nA,y,1,1,8\nB,y,4,4,4\n", 0},
		{"rank_counts_strata_dup", []string{"rank", "-counts", "-"}, "unit,stratum,a,b\nA,x,3,4\nB,x,2,6\nA,x,1,1\n", 1},
		{"compare", []string{"compare", "published_ok.csv", "published_bad.csv"}, "", 0},
		{"compare_en", []string{"compare", "-lang", "en", "published_ok.csv", "published_bad.csv"}, "", 0},
		// A ranks three units all tied: tau and rho cannot be computed.
		{"compare_undefined", []string{"compare", "-", "published_ok.csv"}, "单位,排名\n高新区,1\n南湖区,1\n东城区,1\n", 0},
		{"compare_json", []string{"compare", "-k", "2", "-format", "json", "published_ok.csv", "-"}, "unit,score\n高新区,90\n南湖区,91\n东城区,80\n江滨区,81\n", 0},
		{"compare_csv_lower", []string{"compare", "-lower", "-format", "csv", "published_ok.csv", "-"}, "unit,score\n高新区,3\n南湖区,1\n东城区,2\n", 0},
		{"compare_disjoint", []string{"compare", "published_ok.csv", "-"}, "unit,rank\nX,1\nY,2\n", 1},
		{"verify_per_cell", []string{"verify", "model.json", "data.csv", "published_ok.csv"}, "", 0},
		{"verify_csv", []string{"verify", "-format", "csv", "model.json", "data.csv", "published_bad.csv"}, "", 1},
		{"uncertainty_aggregations", []string{"uncertainty", "-n", "200", "-sobol-n", "0", "-aggregations", "geometric,harmonic:offset=5,power:p=2", "model.json", "data.csv"}, "", 0},
		{"uncertainty_options_csv", []string{"uncertainty", "-n", "300", "-sobol-n", "32", "-sampling", "random", "-sobol-bootstrap", "50", "-sobol-level", "0.9",
			"-perturbation", "dirichlet", "-top-k", "2", "-bottom-k", "2", "-bands", "2,4,5", "-normalizations", "percentile", "-imputations", "median", "-format", "csv", "model.json", "data.csv"}, "", 0},
		{"uncertainty_options_json", []string{"uncertainty", "-n", "100", "-sobol-n", "16", "-top-k", "1", "-bands", "3", "-normalizations", "rank", "-format", "json", "model.json", "data.csv"}, "", 0},
		{"uncertainty_bad_aggregation", []string{"uncertainty", "-aggregations", "power", "model.json", "data.csv"}, "", 2},
		{"uncertainty_bad_bands", []string{"uncertainty", "-bands", "4,2", "model.json", "data.csv"}, "", 2},
		{"verify_diff_en", []string{"verify", "-lang", "en", "-tol", "0.005", "model.json", "data.csv", "published_bad.csv"}, "", 1},
		{"verify_diff_both", []string{"verify", "-lang", "both", "-tol", "0.005", "model.json", "data.csv", "published_bad.csv"}, "", 1},
		{"verify_appendix_markdown_en", []string{"verify", "-lang", "en", "-format", "markdown", "-expect", "fed9e25d2e40db12eb89e31cd112ef066ff8f618172ffd0ee5dc79fc1d9372f9", "model.json", "data.csv", "-"}, "单位,排名,等级\n南湖区,第2名,优秀\n东城区,3=,良好\n", 1},
		{"verify_expect_ok", []string{"verify", "-expect", "fed9e25d2e40db12eb89e31cd112ef066ff8f618172ffd0ee5dc79fc1d9372f9 (library 0.1.0, model cd47304dda502260, data 4e6449615b354a5d, settings 11fa3852dce5ec06)", "model.json", "data.csv", "published_ok.csv"}, "", 0},
		{"verify_expect_zh", []string{"verify", "-expect", "fed9e25d2e40db12eb89e31cd112ef066ff8f618172ffd0ee5dc79fc1d9372f9（程序版本 0.1.0，模型 cd47304dda502260，数据 0000000000000000，设置 11fa3852dce5ec06）", "model.json", "data.csv", "published_ok.csv"}, "", 1},
		{"verify_expect_data", []string{"verify", "-expect", "0000000000000000000000000000000000000000000000000000000000000000 (library 0.1.0, model cd47304dda502260, data 0000000000000000, settings 11fa3852dce5ec06)", "model.json", "data.csv", "published_ok.csv"}, "", 1},
		{"verify_expect_bad", []string{"verify", "-expect", "none", "model.json", "data.csv", "published_ok.csv"}, "", 2},
		{"verify_lists", []string{"verify", "model.json", "data.csv", "published_lists.json"}, "", 1},
		{"verify_appendix_markdown", []string{"verify", "-format", "markdown", "model.json", "data.csv", "-"}, "单位,排名,等级\n南湖区,第2名,优秀\n东城区,3=,良好\n", 1},
		{"verify_bad_grade", []string{"verify", "model.json", "data.csv", "-"}, "单位,等级\n南湖区,优良\n", 1},
		{"verify_rounded_tie", []string{"verify", "model_tie.json", "-", "published_tie.csv"}, tieData, 0},
	}
}

// tieData has two units whose scores differ by less than the published
// rounding: both publish as 50.0 and share rank 1 under min ties.
const tieData = "unit,x\nA,50.04\nB,50\nC,0\n"

func TestCompareRanksIdentical(t *testing.T) {
	// Identical rankings without ties: tau = rho = 1, no shift, full overlap.
	a := []float64{1, 2, 3, 4, 5}
	ag := compareRanks(a, a, 2)
	if ag.TauB != 1 || ag.Rho != 1 || ag.MeanAbsShift != 0 || *ag.TopK != 1 {
		t.Errorf("compareRanks(a, a) = %+v", ag)
	}
	// Reversed: tau = rho = -1, mean shift (4+2+0+2+4)/5 = 2.4, top-2 disjoint.
	b := []float64{5, 4, 3, 2, 1}
	ag = compareRanks(a, b, 2)
	if ag.TauB != -1 || ag.Rho != -1 || ag.MeanAbsShift != 2.4 || *ag.TopK != 0 {
		t.Errorf("compareRanks(a, reversed) = %+v", ag)
	}
}

func TestCompareRanksByHand(t *testing.T) {
	// a = 1 2 3 4, b = 2 1 4 3: C = 4, D = 2, tau-b = 2/6; exact p =
	// 2 P(D' <= 2) = 2 (1 + 3 + 5)/24 = 0.75 (Mahonian numbers for n = 4);
	// rho = 1 - 6*4/(4*15) = 0.6 with t = 0.6 sqrt(2/0.64) and 2 df,
	// p = 1 - t/sqrt(2 + t^2) = 0.4; mean shift 1; top-2 sets equal.
	ag := compareRanks([]float64{1, 2, 3, 4}, []float64{2, 1, 4, 3}, 2)
	near := func(x jnum, want float64) bool { return math.Abs(float64(x)-want) < 1e-12 }
	if !near(ag.TauB, 1.0/3) || !near(ag.TauP, 0.75) || !near(ag.Rho, 0.6) || !near(ag.RhoP, 0.4) || ag.MeanAbsShift != 1 || *ag.TopK != 1 {
		t.Errorf("compareRanks = %+v", ag)
	}
}

func TestReadCovErrors(t *testing.T) {
	units := []string{"a", "b"}
	for _, c := range []struct{ in, want string }{
		{"u,a,c\na,1,0\nb,0,1\n", `unknown unit "c"`},
		{"u,a,b\na,1,0.5\nb,0.4,1\n", "not symmetric"},
		{"u,a,b\na,1,0\n", "1 unit rows, want 2"},
		{"u,a,b\na,-1,0\nb,0,1\n", "negative variance"},
		{"u,a,b\na,1,x\nb,0,1\n", `line 2, column 3: "x" is not a number`},
	} {
		_, err := readCov("cov.csv", []byte(c.in), units)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("readCov(%q) = %v, want an error containing %q", c.in, err, c.want)
		}
	}
	m, err := readCov("cov.csv", []byte("u,b,a\na,0.3,4\nb,1,0.3\n"), units)
	if err != nil || m.At(0, 0) != 4 || m.At(1, 1) != 1 || m.At(0, 1) != 0.3 {
		t.Errorf("readCov reordered = %v, %v", m, err)
	}
}

func TestReadCountsSE(t *testing.T) {
	// Unit A answers 0 (30 times) or 100 (70 times): mean 70, sample
	// variance (30*70^2 + 70*30^2)/99 = 210000/99, se = sqrt(210000/9900).
	var in rankInput
	r := rankFlags{values: "0,100"}
	if err := r.readCounts("c.csv", []byte("unit,no,yes\nA,30,70\nB,1,1\n"), &in); err != nil {
		t.Fatal(err)
	}
	if in.est[0] != 70 || math.Abs(in.se[0]-math.Sqrt(210000.0/9900)) > 1e-12 {
		t.Errorf("A: estimate %v, se %v", in.est[0], in.se[0])
	}
	// B: mean 50, variance (50^2 + 50^2)/1 = 5000, se = sqrt(5000/2) = 50.
	if in.est[1] != 50 || math.Abs(in.se[1]-50) > 1e-12 {
		t.Errorf("B: estimate %v, se %v", in.est[1], in.se[1])
	}
}

// TestReadStrataCounts checks the post-stratified estimate and standard
// error of a -counts file with strata against a hand calculation, and
// that one stratum per unit gives the plain file's numbers.
func TestReadStrataCounts(t *testing.T) {
	// Unit A of testdata/counts_strata.csv with -values 0,0,100,100:
	// 城区 n = 60, 45 in the top two boxes, p = 0.75, share 0.6;
	// 郊区 n = 40, 25 in the top two boxes, p = 0.625, share 0.4.
	// m = 0.6*75 + 0.4*62.5 = 70; s_h^2 = n p (1-p) 100^2 / (n-1), so
	// se^2 = 0.36 * 60*0.1875e4/59/60 + 0.16 * 40*0.234375e4/39/40
	//      = 0.36 * 1875/59 + 0.16 * 2343.75/39.
	file := "unit,stratum,share,a,b,c,d\nA,城区,0.6,5,10,30,15\nA,郊区,0.4,5,10,20,5\nB,城区,3,1,1,1,1\n"
	r := &rankFlags{values: "0,0,100,100"}
	in := &rankInput{}
	if err := r.readCounts("f", []byte(file), in); err != nil {
		t.Fatal(err)
	}
	wantSE := math.Sqrt(0.36*1875.0/59 + 0.16*2343.75/39)
	if len(in.units) != 2 || in.units[0] != "A" || math.Abs(in.est[0]-70) > 1e-12 || math.Abs(in.se[0]-wantSE) > 1e-12 {
		t.Errorf("unit A: est %v se %v, want 70 and %v (units %v)", in.est, in.se, wantSE, in.units)
	}
	if len(in.strata) != 2 || len(in.strata[0]) != 2 || len(in.shares[1]) != 1 {
		t.Errorf("strata %v shares %v", in.strata, in.shares)
	}

	// One stratum per unit, no shares: the plain estimate and standard
	// error of a mean.
	plain := "unit,a,b,c\nA,3,4,5\nB,2,6,1\n"
	strat := "unit,stratum,a,b,c\nA,all,3,4,5\nB,all,2,6,1\n"
	var p, q rankInput
	if err := (&rankFlags{}).readCounts("p", []byte(plain), &p); err != nil {
		t.Fatal(err)
	}
	if err := (&rankFlags{}).readCounts("q", []byte(strat), &q); err != nil {
		t.Fatal(err)
	}
	for i := range p.units {
		if math.Abs(p.est[i]-q.est[i]) > 1e-12 || math.Abs(p.se[i]-q.se[i]) > 1e-12 {
			t.Errorf("unit %s: plain %v ± %v, one stratum %v ± %v", p.units[i], p.est[i], p.se[i], q.est[i], q.se[i])
		}
	}

	for _, bad := range []struct{ file, want string }{
		{"unit,stratum,a,b\nA,x,1,0\n", `unit "A", stratum "x" has 1 respondent(s)`},
		{"unit,stratum,share,a,b\nA,x,-1,3,4\n", "column 3 (share)"},
		{"unit,stratum,share,a,b\nA,x,0,3,4\nA,y,0,3,4\n", `unit "A": the shares of its strata sum to 0`},
		{"unit,stratum,a,b\nA,,3,4\n", "empty stratum"},
		{"unit,stratum,share,a\nA,x,1,3\n", "two or more answer categories"},
	} {
		err := (&rankFlags{}).readCounts("f", []byte(bad.file), &rankInput{})
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want one containing %q", bad.file, err, bad.want)
		}
	}
}

// TestVerifyCSVAgreement checks that the agreement line that verify
// -format csv writes on standard error parses as name=value pairs and
// gives exactly the statistics of the JSON output.
func TestVerifyCSVAgreement(t *testing.T) {
	t.Chdir("testdata")
	args := []string{"verify", "model.json", "data.csv", "published_ok.csv"}
	c := runPPGPA(t, "", append([]string{args[0], "-format", "csv"}, args[1:]...)...)
	j := runPPGPA(t, "", append([]string{args[0], "-format", "json"}, args[1:]...)...)
	var doc map[string]any
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, j.stdout)
	}
	var line string
	for _, l := range strings.Split(c.stderr, "\n") {
		if rest, ok := strings.CutPrefix(l, "ppgpa verify: agreement: "); ok {
			line = rest
		}
	}
	if line == "" {
		t.Fatalf("no agreement line on stderr:\n%s", c.stderr)
	}
	ag, ok := doc["agreement"].(map[string]any)
	if !ok {
		t.Fatalf("no agreement member in the JSON:\n%s", j.stdout)
	}
	fields := strings.Fields(line)
	if len(fields) != 4 {
		t.Errorf("%d pairs in %q, want 4", len(fields), line)
	}
	for _, f := range fields {
		name, val, ok := strings.Cut(f, "=")
		want, found := ag[name].(float64)
		if !ok || !found {
			t.Errorf("pair %q: not name=value of a JSON number member", f)
			continue
		}
		got, err := strconv.ParseFloat(val, 64)
		if err != nil || got != want {
			t.Errorf("%s = %q, JSON has %v", name, val, want)
		}
	}
}

// TestRankRowOrder: rank's output (JSON with the fingerprint, confidence
// sets, top and bottom sets and parametric intervals) is the same bytes
// whatever the order of the rows of the estimates file and of the rows
// and columns of the covariance file.
func TestRankRowOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 6).Draw(t, "units")
		est := make([]string, n)
		ids := make([]string, n)
		for i := range n {
			ids[i] = "单位" + strconv.Itoa(i)
			est[i] = strconv.FormatFloat(rapid.Float64Range(50, 100).Draw(t, "est"), 'g', 6, 64)
		}
		se := make([]string, n)
		for i := range se {
			se[i] = strconv.FormatFloat(rapid.Float64Range(0.1, 3).Draw(t, "se"), 'g', 4, 64)
		}
		withCov := rapid.Bool().Draw(t, "cov")
		file := func(p []int) (string, string) {
			var e, c strings.Builder
			e.WriteString("unit,estimate,se\n")
			c.WriteString("unit")
			for _, i := range p {
				e.WriteString(ids[i] + "," + est[i] + "," + se[i] + "\n")
				c.WriteString("," + ids[i])
			}
			c.WriteString("\n")
			for _, i := range p {
				c.WriteString(ids[i])
				for _, j := range p {
					v := "0"
					if i == j {
						v = se[i]
					} else if i+j == n-1 {
						v = "0.05"
					}
					c.WriteString("," + v)
				}
				c.WriteString("\n")
			}
			return e.String(), c.String()
		}
		out := func(p []int) string {
			e, c := file(p)
			args := []string{"rank", "-n", "50", "-top", "1", "-bottom", "1", "-draws", "200", "-format", "json", "-"}
			if withCov {
				f := filepath.Join(os.TempDir(), fmt.Sprintf("ppgpa-rank-cov-%d.csv", os.Getpid()))
				if err := os.WriteFile(f, []byte(c), 0o600); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(f)
				args = append(args[:len(args)-1], "-cov", f, "-")
			}
			var o, eb bytes.Buffer
			if code := run(context.Background(), args, strings.NewReader(e), &o, &eb); code != 0 {
				t.Fatalf("exit %d: %s", code, eb.String())
			}
			return o.String()
		}
		id := make([]int, n)
		for i := range id {
			id[i] = i
		}
		perm := rapid.Permutation(id).Draw(t, "rows")
		if a, b := out(id), out(perm); a != b {
			t.Fatalf("rows %v: output differs\n%s\n%s", perm, a, b)
		}
	})
}

// TestPval checks how compare writes a p-value: as R's
// format.pval(p, digits = 4, eps = 1e-4) does (R 4.2: "0.00238",
// "< 1e-04" for 1.456e-05, for 9.999e-05 and for 0 and 1e-300, "1e-04"
// for 1e-04 itself, "0.0001234", "0.75"), with eps written 0.0001; a
// p-value that cannot be computed is the language's missing mark.
func TestPval(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p      float64
		zh, en string
	}{
		{0.00238, "= 0.00238", "= 0.00238"},
		{1.456e-05, "< 0.0001", "< 0.0001"},
		{9.999e-05, "< 0.0001", "< 0.0001"},
		{0, "< 0.0001", "< 0.0001"}, // underflowed: never "p = 0"
		{1e-300, "< 0.0001", "< 0.0001"},
		{1e-4, "= 0.0001", "= 0.0001"},
		{0.0001234, "= 0.0001234", "= 0.0001234"},
		{0.75, "= 0.75", "= 0.75"},
		{math.NaN(), "= —", "= NA"},
	} {
		if got := pval(report.Chinese, tc.p); got != tc.zh {
			t.Errorf("pval(Chinese, %v) = %q, want %q", tc.p, got, tc.zh)
		}
		if got := pval(report.English, tc.p); got != tc.en {
			t.Errorf("pval(English, %v) = %q, want %q", tc.p, got, tc.en)
		}
	}
}
