package ranking

import (
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
