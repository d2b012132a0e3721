package ranking

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestCompareSchemes checks ranks, shifts and agreement under the model's
// weights (9:1) and equal weights, on values already on [0, 100]: A =
// (90, 0), B = (50, 100), C = (10, 20). With 9:1 the scores are 81, 55,
// 11 (ranks 1, 2, 3); with equal weights 45, 75, 15 (ranks 2, 1, 3). Of
// the three pairs, (A, B) is discordant and the other two concordant:
// tau-b = (2 - 1)/3 = 1/3; Spearman's rho of the ranks (1, 2, 3) and
// (2, 1, 3) is 1 - 6 (1 + 1 + 0)/(3 (9 - 1)) = 0.5.
func TestCompareSchemes(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "c", Root: &indicator.Node{ID: "r", Normalization: &indicator.Normalization{Method: indicator.NormNone},
		Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 9}, {ID: "y", Column: "y", Weight: 1}}}}
	tab, err := indicator.NewTable([]string{"A", "B", "C"}, []string{"x", "y"}, [][]float64{{90, 0}, {50, 100}, {10, 20}})
	if err != nil {
		t.Fatal(err)
	}
	var schemes []Scheme
	for _, name := range []string{"model", "equal"} {
		schemes = append(schemes, Scheme{Name: name, Plan: compile(t, WithWeighting(m, name))})
	}
	c, err := CompareSchemes(context.Background(), tab, schemes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{1, 2, 3}, {2, 1, 3}}
	for s := range want {
		for u := range want[s] {
			if c.Ranks[s][u] != want[s][u] {
				t.Errorf("scheme %d unit %d: rank %v, want %v", s, u, c.Ranks[s][u], want[s][u])
			}
		}
	}
	for u, w := range []float64{1, 1, 0} {
		if c.Shift[u] != w {
			t.Errorf("unit %d: shift %v, want %v", u, c.Shift[u], w)
		}
	}
	if math.Abs(c.Tau[0][1]-1.0/3) > 1e-12 || math.Abs(c.Rho[1][0]-0.5) > 1e-12 || c.Tau[0][0] != 1 {
		t.Errorf("tau %v, rho %v; want 1/3 and 0.5", c.Tau, c.Rho)
	}
	if m.Root.Weighting != nil {
		t.Error("WithWeighting modified the model")
	}
}

// TestCompareAggregationsNormalizations compares a model (weights 2:1,
// values already on [0, 100], arithmetic mean) with every group
// aggregated by the weighted geometric mean and every leaf normalised by
// min-max, on A = (100, 5), B = (60, 40), C = (20, 70). By hand:
// arithmetic A 205/3 = 68.33, B 160/3 = 53.33, C 110/3 = 36.67 (ranks 1,
// 2, 3); geometric A = 100^(2/3) 5^(1/3) = 36.84, B = 60^(2/3) 40^(1/3) =
// 52.41, C = 20^(2/3) 70^(1/3) = 30.37 (ranks 2, 1, 3); min-max then
// arithmetic A (200 + 0)/3 = 66.67, B (100 + 53.85)/3 = 51.28, C (0 +
// 100)/3 = 33.33 (ranks 1, 2, 3). Between the model and geometric, (A, B)
// is the one discordant pair of three: tau-b 1/3, rho 0.5.
func TestCompareAggregationsNormalizations(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "c", Root: &indicator.Node{ID: "r", Normalization: &indicator.Normalization{Method: indicator.NormNone},
		Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 2, SEColumn: "x_se"}, {ID: "y", Column: "y", Weight: 1}}}}
	tab, err := indicator.NewTable([]string{"A", "B", "C"}, []string{"x", "x_se", "y"}, [][]float64{{100, 1, 5}, {60, 1, 40}, {20, 1, 70}})
	if err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	if err := m.Encode(&before); err != nil {
		t.Fatal(err)
	}
	schemes := []Scheme{
		{Name: "model", Plan: compile(t, m)},
		{Name: "geometric", Plan: compile(t, WithAggregation(m, indicator.Aggregation{Method: indicator.Geometric}))},
		{Name: "minmax", Plan: compile(t, WithNormalization(m, indicator.Normalization{Method: indicator.NormMinMax}))},
	}
	c, err := CompareSchemes(context.Background(), tab, schemes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantScores := [][]float64{{205.0 / 3, 160.0 / 3, 110.0 / 3}, {36.840315, 52.414828, 30.365889}, {200.0 / 3, (100 + 3500.0/65) / 3, 100.0 / 3}}
	wantRanks := [][]float64{{1, 2, 3}, {2, 1, 3}, {1, 2, 3}}
	for s := range wantRanks {
		for u := range wantRanks[s] {
			if c.Ranks[s][u] != wantRanks[s][u] || math.Abs(c.Scores[s][u]-wantScores[s][u]) > 1e-6 {
				t.Errorf("%s, unit %d: score %v rank %v; want %v, %v", c.Names[s], u, c.Scores[s][u], c.Ranks[s][u], wantScores[s][u], wantRanks[s][u])
			}
		}
	}
	if math.Abs(c.Tau[0][1]-1.0/3) > 1e-12 || math.Abs(c.Rho[0][1]-0.5) > 1e-12 || c.Tau[0][2] != 1 || c.Shift[0] != 1 || c.Shift[2] != 0 {
		t.Errorf("tau %v, rho %v, shift %v", c.Tau, c.Rho, c.Shift)
	}
	if err := m.Encode(&after); err != nil || after.String() != before.String() {
		t.Error("the model was modified")
	}
	// Leaves scored by categories keep their points.
	cat := m.Clone()
	cat.Root.Children[1].Normalization = &indicator.Normalization{Method: indicator.NormCategories, Categories: []indicator.Category{{Value: 5, Points: 0}, {Value: 40, Points: 50}, {Value: 70, Points: 100}}}
	w := WithNormalization(cat, indicator.Normalization{Method: indicator.NormRank})
	if w.Root.Children[0].Normalization.Method != indicator.NormRank || w.Root.Children[1].Normalization.Method != indicator.NormCategories || w.Root.Children[0].SEColumn != "" {
		t.Errorf("WithNormalization: x %v, y %v, se %q", w.Root.Children[0].Normalization, w.Root.Children[1].Normalization, w.Root.Children[0].SEColumn)
	}
}
