package indicator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestNormNoneRange checks that normalisation "none" takes values on
// [0, 100] as they are (100 - x for lower-is-better) and rejects others,
// naming the node, the unit and the value.
func TestNormNoneRange(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r", Normalization: &indicator.Normalization{Method: indicator.NormNone},
		Children: []*indicator.Node{{ID: "a", Column: "a", Weight: 1}, {ID: "b", Column: "b", Weight: 1, Polarity: indicator.LowerIsBetter}}}}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	// Unit A: (0 + (100 - 100))/2 = 0; unit B: (100 + (100 - 0))/2 = 100.
	r, err := p.Evaluate(context.Background(), mustTable(t, []string{"A", "B"}, []string{"a", "b"}, [][]float64{{0, 100}, {100, 0}}))
	if err != nil || r.Score[0] != 0 || r.Score[1] != 100 {
		t.Fatalf("scores %v, err %v; want [0 100]", r, err)
	}
	for _, tc := range []struct {
		rows [][]float64
		want string
	}{
		{[][]float64{{-50, 1}, {1, 1}}, `indicator: node "r/a", unit "A": value outside the domain: normalization none needs values in [0, 100], got -50`},
		{[][]float64{{1, 1}, {1, 200}}, `indicator: node "r/b", unit "B": value outside the domain: normalization none needs values in [0, 100], got 200`},
	} {
		_, err := p.Evaluate(context.Background(), mustTable(t, []string{"A", "B"}, []string{"a", "b"}, tc.rows))
		if err == nil || !errors.Is(err, indicator.ErrDomain) || err.Error()[:len(tc.want)] != tc.want {
			t.Errorf("err = %v, want %s", err, tc.want)
		}
	}
}
