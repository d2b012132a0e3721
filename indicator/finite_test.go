package indicator_test

import (
	"context"
	"errors"
	"fmt"
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

// genExtremeCase draws a scenario of every normalisation and aggregation
// whose cells are, half of them, anywhere in the float64 range
// (extremeValue), and returns its plan and table.
func genExtremeCase(t *rapid.T) (*indicator.Plan, *indicator.Table) {
	s := genScenario(t, allNorms, anyAggs)
	for i := range s.rows {
		for j := range s.rows[i] {
			if rapid.Bool().Draw(t, "extreme") {
				s.rows[i][j] = extremeValue(t, "x")
			}
		}
	}
	p, err := indicator.Compile(s.model)
	if err != nil {
		t.Fatal(err)
	}
	return p, s.table(t)
}

// TestPropertyFiniteOrError: for any finite data (the model's documented
// range is every finite float64), Evaluate returns either an error or a
// result whose scores, contributions, shares and weights are all finite:
// never an infinite or NaN score with a nil error.
func TestPropertyFiniteOrError(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p, tab := genExtremeCase(t)
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

// TestScoresProvedFinite: Prepared.Scores skips its finiteness checks
// where the bounds of sumBound prove the scores finite; with data and
// bonus points near the largest float64 and random variant weights and
// exclusions, it must return the error and the bits of the same Scores
// making every check (WithoutScoreBounds), and never an infinite or NaN
// score with a nil error.
func TestScoresProvedFinite(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, []indicator.NormalizationMethod{indicator.NormNone, indicator.NormMinMax, indicator.NormZScore}, arithOnly)
		for i := range s.rows {
			for j := range s.rows[i] {
				if rapid.Bool().Draw(t, "extreme") {
					s.rows[i][j] = extremeValue(t, "x")
				}
			}
		}
		if rapid.Bool().Draw(t, "missing") {
			// Missing cells left out of their groups' means.
			var walk func(n *indicator.Node)
			walk = func(n *indicator.Node) {
				if n.IsLeaf() {
					n.Imputation = &indicator.Imputation{Method: indicator.ImputeAvailable}
				}
				for _, c := range n.Children {
					walk(c)
				}
			}
			walk(s.model.Root)
			for i := range s.rows {
				for j := range s.rows[i] {
					if rapid.IntRange(0, 3).Draw(t, "missing cell") == 0 {
						s.rows[i][j] = math.NaN()
					}
				}
			}
		}
		if rapid.Bool().Draw(t, "bonus") {
			s.model.Root.Adjustments = &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{{Column: "awards", Points: math.Abs(extremeValue(t, "points"))}}}
			s.cols = append(s.cols, "awards")
			for i := range s.rows {
				s.rows[i] = append(s.rows[i], rapid.SampledFrom([]float64{0, 1, 2}).Draw(t, "awards"))
			}
		}
		tab := s.table(t)
		p, err := indicator.Compile(s.model)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := p.Prepare(context.Background(), tab)
		if err != nil {
			return
		}
		ref, err := p.Prepare(context.Background(), tab)
		if err != nil {
			t.Fatal(err)
		}
		indicator.WithoutScoreBounds(ref)
		groups := p.Groups()
		for range 3 {
			v := &indicator.Variant{Weights: make([][]float64, len(groups)), Exclude: make([]bool, len(p.Leaves()))}
			for g, gi := range groups {
				if rapid.Bool().Draw(t, "vary") {
					v.Weights[g] = make([]float64, len(gi.Children))
					for j := range v.Weights[g] {
						v.Weights[g][j] = rapid.SampledFrom([]float64{0, 1, 3, 1e-300, 1e300, math.MaxFloat64}).Draw(t, "w")
					}
				}
			}
			for l := range v.Exclude {
				v.Exclude[l] = rapid.IntRange(0, 4).Draw(t, "exclude") == 0
			}
			for _, vv := range []*indicator.Variant{nil, v} {
				got, want := make([]float64, tab.NumUnits()), make([]float64, tab.NumUnits())
				err, wantErr := pr.Scores(vv, got), ref.Scores(vv, want)
				if fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("variant %v: error %v, want %v", vv != nil, err, wantErr)
				}
				if err != nil {
					continue
				}
				for u := range got {
					if math.Float64bits(got[u]) != math.Float64bits(want[u]) {
						t.Fatalf("variant %v, unit %d: %v, want %v", vv != nil, u, got[u], want[u])
					}
					if math.IsNaN(got[u]) || math.IsInf(got[u], 0) {
						t.Fatalf("variant %v, unit %d: score %v with no error", vv != nil, u, got[u])
					}
				}
			}
		}
	})
}

// TestScoresBonusOverflow: a variant that moves the root's weight onto a
// group with a bonus of 1e308 makes the root's own bonus of 9e307
// overflow (the nominal weights do not): Scores reports it as the error
// wrapping ErrOverflow, though it skips the finiteness checks where it
// proves the sums finite (the test fails if the proof leaves out the
// bonus points).
func TestScoresBonusOverflow(t *testing.T) {
	bonus := func(points float64) *indicator.Adjustments {
		return &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{{Column: "awards", Points: points}}}
	}
	m := &indicator.Model{Version: 1, Root: &indicator.Node{ID: "r", Adjustments: bonus(9e307),
		Children: []*indicator.Node{{ID: "g", Weight: 1, Adjustments: bonus(1e308), Children: []*indicator.Node{{ID: "a", Column: "a", Weight: 1}}},
			{ID: "b", Column: "b", Weight: 1}}}}
	tab, err := indicator.NewTable([]string{"u1", "u2"}, []string{"a", "b", "awards"}, [][]float64{{1, 2, 0}, {2, 1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := p.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, 2)
	if err := pr.Scores(&indicator.Variant{Weights: [][]float64{{1, 1}, nil}}, dst); err != nil || !(dst[1] > 1e308) {
		t.Fatalf("nominal weights: scores %v, error %v; want u2 above 1e308", dst, err)
	}
	err = pr.Scores(&indicator.Variant{Weights: [][]float64{{1, 0}, nil}}, dst)
	var ne *indicator.NodeError
	if !errors.Is(err, indicator.ErrOverflow) || !errors.As(err, &ne) || ne.Unit != "u2" || ne.Path != "r" {
		t.Fatalf("err = %v, want ErrOverflow at node r, unit u2", err)
	}
}
