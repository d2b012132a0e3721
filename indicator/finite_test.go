package indicator_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// extremeValue draws a finite float64 anywhere in the range, often near
// its limits (where sums and differences overflow) and at 0.
func extremeValue(t *rapid.T, label string) float64 {
	switch rapid.IntRange(0, 3).Draw(t, label+"kind") {
	case 0:
		return rapid.Float64Range(-100, 100).Draw(t, label)
	case 1:
		return rapid.SampledFrom([]float64{math.MaxFloat64, -math.MaxFloat64, 1e308, -1e308, 9e307, 0, 5e-324}).Draw(t, label)
	case 2:
		return rapid.Float64Range(-math.MaxFloat64, math.MaxFloat64).Draw(t, label)
	}
	return rapid.Float64Range(1e300, math.MaxFloat64).Draw(t, label)
}

// TestPropertyFiniteOrError: for any finite data (the model's documented
// range is every finite float64), Evaluate returns either an error or a
// result whose scores, contributions, shares and weights are all finite:
// never an infinite or NaN score with a nil error.
func TestPropertyFiniteOrError(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, allNorms, anyAggs)
		for i := range s.rows {
			for j := range s.rows[i] {
				if rapid.Bool().Draw(t, "extreme") {
					s.rows[i][j] = extremeValue(t, "x")
				}
			}
		}
		tab := s.table(t)
		p, err := indicator.Compile(s.model)
		if err != nil {
			t.Fatal(err)
		}
		r, err := p.Evaluate(context.Background(), tab)
		if err != nil {
			return
		}
		for _, nr := range r.Nodes {
			for name, vs := range map[string][]float64{"score": nr.Scores, "contribution": nr.Contribution, "share": nr.Share} {
				for u, v := range vs {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("node %s unit %s: %s %v with no error", nr.Path, r.Units[u], name, v)
					}
				}
			}
			if math.IsNaN(nr.LocalWeight) || math.IsInf(nr.LocalWeight, 0) {
				t.Fatalf("node %s: weight %v", nr.Path, nr.LocalWeight)
			}
		}
	})
}

// TestMinMaxNearFloatLimit is the reproduction of one data cell of 1e308:
// the min-max step 100 (v - worst)/d overflowed before the division, and
// seven of eight units scored +Inf. The scores are now those of the
// halved values: by the definition of min-max, the unit at 1e308 scores
// 100, the others (v = 1..7) score 100 (v-1)/(1e308-1), about
// (v-1)·1e-306.
func TestMinMaxNearFloatLimit(t *testing.T) {
	m := &indicator.Model{Version: 1, Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1}, {ID: "b", Column: "b", Weight: 1}}}}
	units := []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"}
	rows := make([][]float64, 8)
	for i := range rows {
		rows[i] = []float64{float64(i + 1), float64(8 - i)}
	}
	rows[7][0] = 1e308
	tab, err := indicator.NewTable(units, []string{"a", "b"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := r.Node("a")
	for u, v := range a.Scores {
		want := 100 * (float64(u) / 1e308) // (v - 1)/(1e308 - 1), v = u+1
		if u == 7 {
			want = 100
		}
		if math.Abs(v-want) > 1e-15*want {
			t.Errorf("unit %s: min-max score %v, want %v", units[u], v, want)
		}
	}
	// Opposite extremes: -1e308 and 1e308 (their difference overflows).
	rows[0][0] = -1e308
	tab, _ = indicator.NewTable(units, []string{"a", "b"}, rows)
	if r, err = p.Evaluate(context.Background(), tab); err != nil {
		t.Fatal(err)
	}
	a, _ = r.Node("a")
	if a.Scores[0] != 0 || a.Scores[7] != 100 || a.Scores[3] != 50 {
		t.Errorf("scores %v, want 0 for -1e308, 50 for 4 (the midpoint), 100 for 1e308", a.Scores)
	}
}

// TestAdjustmentOverflow: bonus points that overflow are an error naming
// the node, the unit and the value, not an infinite score.
func TestAdjustmentOverflow(t *testing.T) {
	m := &indicator.Model{Version: 1, Root: &indicator.Node{ID: "r",
		Adjustments: &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{{Column: "awards", Points: 1e308}}},
		Children:    []*indicator.Node{{ID: "a", Column: "a", Weight: 1}}}}
	tab, err := indicator.NewTable([]string{"u1", "u2"}, []string{"a", "awards"}, [][]float64{{1, 0}, {2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Evaluate(context.Background(), tab)
	var ne *indicator.NodeError
	if !errors.Is(err, indicator.ErrOverflow) || !errors.As(err, &ne) || ne.Unit != "u2" || ne.Path != "r" {
		t.Fatalf("err = %v, want ErrOverflow at node r, unit u2", err)
	}
}
