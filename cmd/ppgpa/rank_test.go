package main

import (
	"math"
	"strings"
	"testing"
)

// rankGoldenCases are the end-to-end cases of rank, compare and the
// agreement and tolerance of verify (run by TestGolden).
func rankGoldenCases() []golden {
	return []golden{
		{"rank_model_se", []string{"rank", "-top", "2", "-bottom", "2", "-tiers", "2,4,6", "model_se.json", "data_se.csv"}, "", 0},
		{"rank_se_column_csv", []string{"rank", "-se", "satisfaction_se", "-n", "200", "-format", "csv", "model.json", "data_se.csv"}, "", 0},
		{"rank_estimates_markdown", []string{"rank", "-top", "2", "-bottom", "2", "-tiers", "2,4,6", "-tier-sets", "marginal", "-format", "markdown", "estimates.csv"}, "", 0},
		{"rank_cov_json", []string{"rank", "-cov", "cov.csv", "-top", "1", "-n", "200", "-format", "json", "estimates3.csv"}, "", 0},
		{"rank_no_se", []string{"rank", "model.json", "data.csv"}, "", 2},
		{"rank_bad_tiers", []string{"rank", "-tiers", "3,2", "estimates.csv"}, "", 2},
		{"rank_bad_cov", []string{"rank", "-cov", "-", "estimates3.csv"}, "unit,南湖区,高新区,东城区\n高新区,0.5,0.64,0.2\n南湖区,0.81,0.5,0.3\n东城区,0.3,0.25,1.44\n", 1},
		{"rank_bad_se", []string{"rank", "-"}, "unit,estimate,se\nA,1,0.1\nB,2,-1\n", 1},
		{"rank_counts", []string{"rank", "-counts", "counts.csv", "-values", "0,0,100,100", "-top", "1", "-bottom", "1", "-n", "300"}, "", 0},
		{"rank_counts_bad", []string{"rank", "-counts", "-"}, "unit,a,b\nA,3,4\nB,2,-1\n", 1},
		{"compare", []string{"compare", "published_ok.csv", "published_bad.csv"}, "", 0},
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
		{"verify_rounded_tie", []string{"verify", "model_tie.json", "-", "published_tie.csv"}, tieData, 0},
	}
}

// tieData has two units whose scores differ by less than the published
// rounding: both publish as 50.0 and share rank 1 under min ties.
const tieData = "unit,x\nA,50.04\nB,50\nC,0\n"

func TestCellTolerance(t *testing.T) {
	// Half a unit in the last place of the decimal as written.
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"92.30", 0.005}, {"92.3", 0.05}, {"93", 0.5}, {"-4.125", 0.0005}, {"1.2e1", 0.5}, {"12e2", 50}, {"0.0", 0.05},
	} {
		if got := cellTolerance(c.in); got != c.want {
			t.Errorf("cellTolerance(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

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
