package indicator_test

import (
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestPowerMeanLargeExponent checks power means whose terms (y + c)^p
// overflow or underflow: they stay between the smallest and largest
// child and approach them as p -> ±Inf. Expected values from the scaled
// closed form with two equally weighted children a <= b (M = b for p > 0,
// a for p < 0):
//
//	p > 0: b (0.5 (a/b)^p + 0.5)^(1/p)
//	p < 0: a (0.5 + 0.5 (b/a)^p)^(1/p)
//
// where (a/b)^p (or (b/a)^p) is 0 or negligible for these data, so the
// mean is b 0.5^(1/p) (or a 0.5^(1/p)), computed here with math.Pow.
func TestPowerMeanLargeExponent(t *testing.T) {
	t.Parallel()
	units := []string{"u1", "u2", "u3", "u4"}
	rows := [][]float64{{1, 2}, {50, 100}, {100, 100}, {0.5, 90}}
	for _, p := range []float64{1000, -1000, 1e6, -1e6, 1e300} {
		m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r",
			Aggregation:   &indicator.Aggregation{Method: indicator.Power, P: p},
			Normalization: &indicator.Normalization{Method: indicator.NormNone},
			Children:      []*indicator.Node{{ID: "a", Column: "a", Weight: 1}, {ID: "b", Column: "b", Weight: 1}}}}
		r := mustEval(t, m, mustTable(t, units, []string{"a", "b"}, rows))
		for u, row := range rows {
			a, b := row[0], row[1]
			want := b * math.Pow(0.5, 1/p)
			if p < 0 {
				want = a * math.Pow(0.5, 1/p)
			}
			if a == b {
				want = a
			}
			got := r.Score[u]
			if math.IsInf(got, 0) || math.IsNaN(got) || got < a*(1-1e-15) || got > b*(1+1e-15) || math.Abs(got-want) > 1e-12*want {
				t.Errorf("p = %v, unit %s (%v, %v): score %v, want %v", p, units[u], a, b, got, want)
			}
		}
	}
}
