package indicator_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

func fp(x float64) *float64 { return &x }

// oneLeaf scores column x of the given values with a one-leaf model
// (plus a constant companion leaf of weight 0 so the root is a group) and
// returns the leaf's result and the leaf record.
func oneLeaf(t *testing.T, leaf *indicator.Node, x []float64) (*indicator.NodeResult, indicator.LeafRecord, error) {
	t.Helper()
	leaf.ID, leaf.Column, leaf.Weight = "x", "x", 1
	m := &indicator.Model{Version: 1, Name: "one", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{leaf}}}
	units := make([]string, len(x))
	rows := make([][]float64, len(x))
	for i, v := range x {
		units[i] = string(rune('A' + i))
		rows[i] = []float64{v}
	}
	r, err := compileEval(t, m, mustTable(t, units, []string{"x"}, rows))
	if err != nil {
		return nil, indicator.LeafRecord{}, err
	}
	n, _ := r.Node("x")
	return n, r.Leaves[0], nil
}

func TestNormalizations(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name string
		leaf indicator.Node
		x    []float64
		want []float64 // hand derivation in the comment of each case
	}{
		// 100 (x - 2)/(6 - 2).
		{"minmax", indicator.Node{}, []float64{2, 4, 6}, []float64{0, 50, 100}},
		// Distance to reference unit C (COINr's n_dist2ref(x, 3) =
		// 1 - (6 - x)/(6 - 2) = 0, 0.5, 1, 2, capped at 1 by cap_max).
		{"reference unit", indicator.Node{Normalization: &indicator.Normalization{Reference: "C"}}, []float64{2, 4, 6, 10}, []float64{0, 50, 100, 100}},
		{"reference unit unclipped", indicator.Node{Normalization: &indicator.Normalization{Reference: "C", Unclipped: true}}, []float64{2, 4, 6, 10}, []float64{0, 50, 100, 200}},
		// Lower is better: worst 10, best 6: 100 (10 - x)/4, clipped.
		{"reference unit lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Reference: "C"}}, []float64{2, 4, 6, 10}, []float64{100, 100, 100, 0}},
		// Goalposts worst 0, best 5: 100 x/5, clipped to [0, 100].
		{"goalposts", indicator.Node{Normalization: &indicator.Normalization{Worst: fp(0), Best: fp(5)}}, []float64{2, 4, 6}, []float64{40, 80, 100}},
		// Goalposts on one side only: worst 0 fixed, best = max 6.
		{"goalpost-worst", indicator.Node{Normalization: &indicator.Normalization{Worst: fp(0)}}, []float64{3, 6}, []float64{50, 100}},
		// Lower is better with goalposts worst 10, best 0: 100 (x - 10)/(0 - 10).
		{"goalposts-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Worst: fp(10), Best: fp(0)}}, []float64{2, 12}, []float64{80, 0}},
		// mean 4, sd (n-1) = 2: (x - 4)/2.
		{"zscore", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormZScore}}, []float64{2, 4, 6}, []float64{-1, 0, 1}},
		// lower: -(x - 4)/2.
		{"zscore-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormZScore}}, []float64{2, 4, 6}, []float64{1, 0, -1}},
		// ranks of 5, 1, 5, 3: 3.5, 1, 3.5, 2.
		{"rank", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormRank}}, []float64{5, 1, 5, 3}, []float64{3.5, 1, 3.5, 2}},
		// inclusive percentile 100 (r - 1)/(n - 1) with r = 3.5, 1, 3.5, 2.
		{"percentile", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormPercentile}}, []float64{5, 1, 5, 3}, []float64{250.0 / 3, 0, 250.0 / 3, 100.0 / 3}},
		// COINr's n_prank: R's rank(x, ties.method = "min") gives 3, 1,
		// 3, 2; 100 (r - 1)/(4 - 1).
		{"percentile min", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormPercentile, Variant: "min"}}, []float64{5, 1, 5, 3}, []float64{200.0 / 3, 0, 200.0 / 3, 100.0 / 3}},
		// 100 x/80 capped at 100.
		{"target", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormTarget, Target: fp(80)}}, []float64{40, 80, 100}, []float64{50, 100, 100}},
		// lower: 100 t/x = 100*2/4, 100*2/1 uncapped.
		{"target-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormTarget, Target: fp(2), Unclipped: true}}, []float64{4, 1}, []float64{50, 200}},
		// Reference unit B (value 8): 100 x/8.
		{"reference", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormTarget, Reference: "B", Unclipped: true}}, []float64{4, 8, 10}, []float64{50, 100, 125}},
		// mean 4: 100 x/4.
		{"ratio_mean", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormRatioMean}}, []float64{2, 4, 6}, []float64{50, 100, 150}},
		// Codes to points.
		{"categories", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormCategories,
			Categories: []indicator.Category{{Value: 1, Points: 0}, {Value: 2, Points: 60}, {Value: 3, Points: 100}}}}, []float64{3, 1, 2}, []float64{100, 0, 60}},
		// none, lower: 100 - x.
		{"none-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormNone}}, []float64{20, 70}, []float64{80, 30}},
		// Efficacy over the data (bad = min 2, good = max 6), a = 60,
		// b = 40: 60 + 40 (x - 2)/4 = 60, 80, 100.
		{"efficacy", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormEfficacy}}, []float64{2, 4, 6}, []float64{60, 80, 100}},
		// Goalposts bad 50, good 90: 60 + 40 (x - 50)/40 = x + 10, clamped
		// to [60, 100]: 30 -> 60, 50 -> 60, 70 -> 80, 95 -> 100.
		{"efficacy-goalposts", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormEfficacy, Worst: fp(50), Best: fp(90)}},
			[]float64{30, 50, 70, 95}, []float64{60, 60, 80, 100}},
		// The same unclamped: x + 10 = 40, 60, 80, 105.
		{"efficacy-unclipped", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormEfficacy, Worst: fp(50), Best: fp(90), Unclipped: true}},
			[]float64{30, 50, 70, 95}, []float64{40, 60, 80, 105}},
		// Lower is better (e.g. complaints), bad 20, good 0, floor 50,
		// span 50: 50 + 50 (x - 20)/(0 - 20) = 50 + 50 (20 - x)/20:
		// 0 -> 100, 5 -> 87.5, 20 -> 50, 30 -> 25 clamped to 50.
		{"efficacy-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormEfficacy,
			Worst: fp(20), Best: fp(0), Floor: fp(50), Span: fp(50)}}, []float64{0, 5, 20, 30}, []float64{100, 87.5, 50, 50}},
		// Lower is better over the data: bad = max 8, good = min 4:
		// 60 + 40 (x - 8)/(4 - 8) = 60 + 10 (8 - x): 4 -> 100, 6 -> 80, 8 -> 60.
		{"efficacy-lower-data", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormEfficacy}},
			[]float64{4, 6, 8}, []float64{100, 80, 60}},
		// Constant column with a declared outcome: every unit 100.
		{"constant", indicator.Node{Normalization: &indicator.Normalization{Constant: fp(100)}}, []float64{7, 7}, []float64{100, 100}},
		// Missing value imputed by the mean of 2 and 6 = 4, then min-max.
		{"impute-mean", indicator.Node{Imputation: &indicator.Imputation{Method: indicator.ImputeMean}}, []float64{2, nan, 6}, []float64{0, 50, 100}},
		// Median of 2, 3, 10 is 3: 100 (3 - 2)/8.
		{"impute-median", indicator.Node{Imputation: &indicator.Imputation{Method: indicator.ImputeMedian}}, []float64{2, nan, 3, 10}, []float64{0, 12.5, 12.5, 100}},
		// Fixed value 4.
		{"impute-value", indicator.Node{Imputation: &indicator.Imputation{Method: indicator.ImputeValue, Value: 4}}, []float64{2, nan, 6}, []float64{0, 50, 100}},
		// ln(x + 1) of 0, e - 1, e^2 - 1 = 0, 1, 2 (to rounding), min-max.
		{"log", indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformLog, Offset: 1}}, []float64{0, math.E - 1, math.E*math.E - 1}, []float64{0, 50, 100}},
		// Type-7 quantiles of 0..10 at 0.1 and 0.9 are 1 and 9: values
		// clipped to [1, 9], then 100 (x - 1)/8.
		{"winsorize", indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformWinsorize, Lower: 0.1, Upper: 0.9}},
			[]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []float64{0, 0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100, 100}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			leaf := tc.leaf
			n, _, err := oneLeaf(t, &leaf, tc.x)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, n.Scores, cmpopts.EquateApprox(0, tol)); d != "" {
				t.Errorf("scores (-want +got):\n%s", d)
			}
		})
	}
}

func TestSkewKurtosisRule(t *testing.T) {
	t.Parallel()
	// 19 values 1..19 and one outlier 1000: the sample skewness
	// G1 = 4.4676 > 2 and excess kurtosis G2 = 19.971 > 3.5 (type 2, as
	// Excel's SKEW and KURT; see sampleSkewKurt), so the outlier is
	// replaced by the next largest value, 19, after which the data are
	// nearly uniform (G1 = -0.043031891906616937,
	// G2 = -1.2523260903784492, from the exact rational moments in 50-digit
	// decimal arithmetic) and the rule stops.
	x := make([]float64, 20)
	for i := range 19 {
		x[i] = float64(i + 1)
	}
	x[19] = 1000
	n, rec, err := oneLeaf(t, &indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformSkewKurtosis}}, x)
	if err != nil {
		t.Fatal(err)
	}
	tx := rec.Transform
	if tx.Changed != 1 || tx.High != 19 || !math.IsNaN(tx.Low) || n.Raw[19] != 19 ||
		math.Abs(tx.Skew+0.043031891906616937) > 1e-14 || math.Abs(tx.Kurtosis+1.2523260903784492) > 1e-13 {
		t.Errorf("record %+v, raw[19] = %v", tx, n.Raw[19])
	}
}

func TestNormalizationErrors(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name string
		leaf indicator.Node
		x    []float64
		want error
		unit string
	}{
		{"constant", indicator.Node{}, []float64{3, 3}, indicator.ErrConstantColumn, ""},
		{"zscore-constant", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormZScore}}, []float64{3, 3}, indicator.ErrConstantColumn, ""},
		{"missing", indicator.Node{}, []float64{1, nan, 3}, indicator.ErrMissingValue, "B"},
		{"log-domain", indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformLog}}, []float64{1, 0, 3}, indicator.ErrDomain, "B"},
		{"category", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormCategories, Categories: []indicator.Category{{Value: 1, Points: 0}}}}, []float64{1, 2}, indicator.ErrDomain, "B"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			leaf := tc.leaf
			_, _, err := oneLeaf(t, &leaf, tc.x)
			var ne *indicator.NodeError
			if !errors.Is(err, tc.want) || !errors.As(err, &ne) || ne.Path != "root/x" || ne.Unit != tc.unit {
				t.Fatalf("err = %v, want %v at root/x unit %q", err, tc.want, tc.unit)
			}
		})
	}
}

// aggModel aggregates two "none" leaves a and b (weights 3:1) by agg.
func aggScores(t *testing.T, agg indicator.Aggregation, imp *indicator.Imputation, rows [][]float64) ([]float64, error) {
	t.Helper()
	none := &indicator.Normalization{Method: indicator.NormNone}
	m := &indicator.Model{Version: 1, Name: "agg", Root: &indicator.Node{ID: "root", Aggregation: &agg, Imputation: imp, Normalization: none,
		Children: []*indicator.Node{{ID: "a", Column: "a", Weight: 3}, {ID: "b", Column: "b", Weight: 1}, {ID: "c", Column: "c", Weight: 0}}}}
	units := make([]string, len(rows))
	for i := range rows {
		units[i] = string(rune('A' + i))
	}
	r, err := compileEval(t, m, mustTable(t, units, []string{"a", "b", "c"}, rows))
	if err != nil {
		return nil, err
	}
	return r.Score, nil
}

func TestAggregations(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	// Weights 3:1 are 0.75, 0.25; c has weight 0 and never counts (its
	// value 0 would be a domain error of the geometric and harmonic means
	// otherwise).
	rows := [][]float64{{16, 1, 0}, {4, 64, 0}}
	avail := &indicator.Imputation{Method: indicator.ImputeAvailable}
	tests := []struct {
		name string
		agg  indicator.Aggregation
		imp  *indicator.Imputation
		rows [][]float64
		want []float64
	}{
		// 0.75*16 + 0.25*1 = 12.25; 3 + 16 = 19.
		{"arithmetic", indicator.Aggregation{}, nil, rows, []float64{12.25, 19}},
		// 16^0.75 * 1^0.25 = 8; 4^0.75 * 64^0.25 = 2^1.5 * 2^1.5 = 8.
		{"geometric", indicator.Aggregation{Method: indicator.Geometric}, nil, rows, []float64{8, 8}},
		// 1/(0.75/16 + 0.25/1) = 1/(0.296875) = 64/19; 1/(0.1875 + 0.00390625) = 256/49.
		{"harmonic", indicator.Aggregation{Method: indicator.Harmonic}, nil, rows, []float64{64.0 / 19, 256.0 / 49}},
		// p = 2: sqrt(0.75*256 + 0.25*1) = sqrt(192.25); sqrt(12 + 1024) = sqrt(1036).
		{"power2", indicator.Aggregation{Method: indicator.Power, P: 2}, nil, rows, []float64{math.Sqrt(192.25), math.Sqrt(1036)}},
		// p = 0 is the geometric mean.
		{"power0", indicator.Aggregation{Method: indicator.Power}, nil, rows, []float64{8, 8}},
		{"min", indicator.Aggregation{Method: indicator.Minimum}, nil, rows, []float64{1, 4}},
		// Median of the two children with weight > 0: their mean.
		{"median", indicator.Aggregation{Method: indicator.Median}, nil, rows, []float64{8.5, 34}},
		// Offset 1: exp(0.75 ln 17 + 0.25 ln 2) - 1 for a zero-free check.
		{"geometric-offset", indicator.Aggregation{Method: indicator.Geometric, Offset: 1}, nil, [][]float64{{16, 1, 0}},
			[]float64{math.Pow(17, 0.75)*math.Pow(2, 0.25) - 1}},
		// Available-case: b missing for unit A, a alone counts: 16.
		{"available", indicator.Aggregation{}, avail, [][]float64{{16, nan, 0}, {4, 64, 0}}, []float64{16, 19}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := aggScores(t, tc.agg, tc.imp, tc.rows)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, tol)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestAggregationErrors(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		agg  indicator.Aggregation
		imp  *indicator.Imputation
		rows [][]float64
		want error
	}{
		{"geometric-zero", indicator.Aggregation{Method: indicator.Geometric}, nil, [][]float64{{16, 0, 0}}, indicator.ErrDomain},
		{"harmonic-zero", indicator.Aggregation{Method: indicator.Harmonic}, nil, [][]float64{{0, 1, 0}}, indicator.ErrDomain},
		// Half the children available, minimum share 0.6.
		{"min-share", indicator.Aggregation{}, &indicator.Imputation{Method: indicator.ImputeAvailable, MinShare: 0.6}, [][]float64{{16, nan, 0}}, indicator.ErrMissingValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := aggScores(t, tc.agg, tc.imp, tc.rows)
			var ne *indicator.NodeError
			if !errors.Is(err, tc.want) || !errors.As(err, &ne) || ne.Unit != "A" {
				t.Fatalf("err = %v, want %v for unit A", err, tc.want)
			}
		})
	}
}

func TestGroupImputation(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tab := mustTable(t, []string{"A", "B", "C", "D", "E"}, []string{"x", "y"},
		[][]float64{{1, 0}, {3, 0}, {nan, 0}, {10, 0}, {nan, 0}})
	tab, err := tab.WithAttribute("province", []string{"p", "p", "p", "q", "r"})
	if err != nil {
		t.Fatal(err)
	}
	m := &indicator.Model{Version: 1, Name: "g", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "x", Column: "x", Weight: 1, Imputation: &indicator.Imputation{Method: indicator.ImputeGroupMean, By: "province"}},
	}}}
	r := mustEval(t, m, tab)
	x, _ := r.Node("x")
	// C (province p) gets mean(1, 3) = 2; E (province r, no values) the
	// column mean (1 + 3 + 10)/3.
	want := []float64{1, 3, 2, 10, 14.0 / 3}
	if d := cmp.Diff(want, x.Raw, cmpopts.EquateApprox(0, tol)); d != "" {
		t.Errorf("raw (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]bool{false, false, true, false, true}, x.Imputed); d != "" {
		t.Errorf("imputed (-want +got):\n%s", d)
	}
}

func TestAdjustmentsAndVeto(t *testing.T) {
	t.Parallel()
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x", "awards", "incidents", "accident"},
		[][]float64{{0, 3, 0, 0}, {50, 1, 4, 0}, {100, 0, 1, 1}})
	m := &indicator.Model{Version: 1, Name: "adj", Root: &indicator.Node{ID: "root",
		Adjustments: &indicator.Adjustments{
			Bonus:      []indicator.AdjustmentTerm{{Column: "awards", Points: 1.5, Cap: 3}},
			Penalty:    []indicator.AdjustmentTerm{{Column: "incidents", Points: 2}},
			PenaltyCap: 5,
		},
		Veto:     []indicator.Veto{{Column: "accident"}, {Op: "<", Threshold: 10}},
		Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 1}},
	}}
	r := mustEval(t, m, tab)
	// A: min(1.5*3, 3) = 3 bonus; B: 1.5 bonus, min(8, 5) penalty = -3.5;
	// C: -2. Scores 0+3, 50-3.5, 100-2.
	opt := cmpopts.EquateApprox(0, tol)
	if d := cmp.Diff([]float64{3, -3.5, -2}, r.Nodes[0].Adjustment, opt); d != "" {
		t.Errorf("adjustment (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{3, 46.5, 98}, r.Score, opt); d != "" {
		t.Errorf("score (-want +got):\n%s", d)
	}
	// A scores 3 < 10 (rule on the score), C has an accident.
	if d := cmp.Diff([]bool{true, false, true}, r.Vetoed); d != "" {
		t.Errorf("vetoed (-want +got):\n%s", d)
	}
	x, _ := r.Node("x")
	if d := cmp.Diff([]float64{0, 50, 100}, x.Contribution, opt); d != "" {
		t.Errorf("contributions exclude the adjustment (-want +got):\n%s", d)
	}
}

func TestDataDrivenWeighting(t *testing.T) {
	t.Parallel()
	// The equal scheme through Spec; a data-driven scheme is exercised by
	// package weighting's own tests. Here: equal weights give the plain
	// mean whatever the declared weights.
	m := twoLeaf()
	m.Root.Weighting = &weighting.Spec{Method: "equal"}
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2"}, [][]float64{{10, 1}, {20, 5}, {30, 3}})
	r := mustEval(t, m, tab)
	// (0 + 100)/2, (50 + 0)/2, (100 + 50)/2.
	if d := cmp.Diff([]float64{50, 25, 75}, r.Score, cmpopts.EquateApprox(0, tol)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestDataDrivenScheme(t *testing.T) {
	t.Parallel()
	// Entropy weights are computed at evaluation from the children's
	// normalised scores (units × children); the local weights reported are
	// those of weighting.Entropy on that matrix.
	tab := mustTable(t, []string{"A", "B", "C", "D"}, []string{"x1", "x2"}, [][]float64{{10, 1}, {20, 5}, {30, 3}, {25, 2}})
	m := twoLeaf()
	m.Root.Weighting = &weighting.Spec{Method: "entropy"}
	r := mustEval(t, m, tab)
	a, _ := r.Node("a")
	b, _ := r.Node("b")
	x := mat.NewDense(4, 2, nil)
	for u := range 4 {
		x.Set(u, 0, a.Scores[u])
		x.Set(u, 1, b.Scores[u])
	}
	want, err := weighting.Entropy{}.Weights(weighting.Input{IDs: []string{"a", "b"}, Data: x})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, []float64{a.LocalWeight, b.LocalWeight}); d != "" {
		t.Errorf("local weights (-entropy +got):\n%s", d)
	}
	for u := range 4 {
		if s := float64(want[0]*a.Scores[u]) + float64(want[1]*b.Scores[u]); s != r.Score[u] {
			t.Errorf("unit %d: score %v, want %v", u, r.Score[u], s)
		}
	}
}

func TestEvaluateCancelled(t *testing.T) {
	t.Parallel()
	plan, tab := benchModel(t, 50)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := plan.Evaluate(ctx, tab); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestAvailableCaseContributions(t *testing.T) {
	t.Parallel()
	// b is missing for A: a alone makes A's score, 16, and contributes
	// all of it; B is complete: 0.75*4 + 0.25*64 = 19.
	tab := mustTable(t, []string{"A", "B"}, []string{"a", "b"}, [][]float64{{16, math.NaN()}, {4, 64}})
	m := &indicator.Model{Version: 1, Name: "avail", Root: &indicator.Node{ID: "root",
		Imputation:    &indicator.Imputation{Method: indicator.ImputeAvailable},
		Normalization: &indicator.Normalization{Method: indicator.NormNone},
		Children:      []*indicator.Node{{ID: "a", Column: "a", Weight: 3}, {ID: "b", Column: "b", Weight: 1}}}}
	r := mustEval(t, m, tab)
	a, _ := r.Node("a")
	b, _ := r.Node("b")
	opt := cmpopts.EquateApprox(0, tol)
	for _, c := range []struct {
		name      string
		got, want []float64
	}{
		{"score", r.Score, []float64{16, 19}},
		{"a.contribution", a.Contribution, []float64{16, 3}},
		{"b.contribution", b.Contribution, []float64{0, 16}},
		{"a.share", a.Share, []float64{1, 3.0 / 19}},
	} {
		if d := cmp.Diff(c.want, c.got, opt); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, d)
		}
	}
}

func TestCategoryLabels(t *testing.T) {
	t.Parallel()
	// A rating attribute: 优秀 = code 3 → 100 points, 良好 = 2 → 80,
	// 合格 = 1 → 60; D's rating is missing and imputed by the median of
	// the codes 3, 2, 1, which is 2 → 80.
	tab := mustTable(t, []string{"A", "B", "C", "D"}, []string{"x"}, [][]float64{{1}, {2}, {3}, {4}})
	tab, err := tab.WithAttribute("rating", []string{"优秀", "良好", "合格", "NA"})
	if err != nil {
		t.Fatal(err)
	}
	cats := []indicator.Category{{Value: 1, Points: 60, Label: "合格"}, {Value: 2, Points: 80, Label: "良好"}, {Value: 3, Points: 100, Label: "优秀"}}
	m := &indicator.Model{Version: 1, Name: "labels", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "r", Column: "rating", Weight: 1, Imputation: &indicator.Imputation{Method: indicator.ImputeMedian},
			Normalization: &indicator.Normalization{Method: indicator.NormCategories, Categories: cats}},
	}}}
	r := mustEval(t, m, tab)
	n, _ := r.Node("r")
	if d := cmp.Diff([]float64{100, 80, 60, 80}, n.Scores); d != "" {
		t.Errorf("scores (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{3, 2, 1, 2}, n.Raw); d != "" {
		t.Errorf("raw codes (-want +got):\n%s", d)
	}
	bad, _ := tab.WithAttribute("rating", []string{"优秀", "差", "合格", "NA"})
	var ne *indicator.NodeError
	if _, err := compileEval(t, m, bad); !errors.Is(err, indicator.ErrDomain) || !errors.As(err, &ne) || ne.Unit != "B" {
		t.Errorf("unknown label: err = %v, want ErrDomain for unit B", err)
	}
}

// TestGroupImputationMissingAttribute checks that an empty, "NA" or "-"
// attribute is no group: units A..G have provinces p, p, "", "NA", "-",
// " ", p with x = 1, 3, 20, nan, 40, nan, nan. G (p) gets mean(1, 3) = 2,
// not a mean that includes the units without a province; D and F (no
// province) get the column mean (1 + 3 + 20 + 40)/4 = 16, not the mean
// of "their" group (20 and 40 would give 30 if the empty values formed a
// group, or 20 for "" alone).
func TestGroupImputationMissingAttribute(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tab := mustTable(t, []string{"A", "B", "C", "D", "E", "F", "G"}, []string{"x"},
		[][]float64{{1}, {3}, {20}, {nan}, {40}, {nan}, {nan}})
	tab, err := tab.WithAttribute("province", []string{"p", "p", "", "NA", "-", " ", "p"})
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []indicator.ImputationMethod{indicator.ImputeGroupMean, indicator.ImputeGroupMedian} {
		m := &indicator.Model{Version: 1, Name: "g", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
			{ID: "x", Column: "x", Weight: 1, Imputation: &indicator.Imputation{Method: method, By: "province"}},
		}}}
		r := mustEval(t, m, tab)
		x, _ := r.Node("x")
		// Median of the column 1, 3, 20, 40: (3 + 20)/2 = 11.5; of p: 2.
		fill := 16.0
		if method == indicator.ImputeGroupMedian {
			fill = 11.5
		}
		want := []float64{1, 3, 20, fill, 40, fill, 2}
		if d := cmp.Diff(want, x.Raw, cmpopts.EquateApprox(0, tol)); d != "" {
			t.Errorf("%s raw (-want +got):\n%s", method, d)
		}
	}
}
