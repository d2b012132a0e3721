package weighting

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
	"pgregory.net/rapid"
)

// lpTol is the agreement required between the package's simplex and
// gonum's on the same programme: both stop at an optimal vertex, whose
// objective is unique, so they differ by rounding only.
const lpTol = 1e-9

// gonumBoD solves the benefit-of-the-doubt programme of unit i with
// gonum's simplex, on all units' constraints (no dominance pruning, no
// column scaling), with the share rows of BoDSettings, and returns the
// optimal score. Columns that are zero for every unit are dropped (gonum
// rejects them; BenefitOfDoubt gives them weight 0 and no share rows).
func gonumBoD(t *rapid.T, y *mat.Dense, i int, lo, hi []float64) float64 {
	r, c0 := y.Dims()
	var keep []int
	for j := 0; j < c0; j++ {
		if mat.Max(y.ColView(j)) > 0 {
			keep = append(keep, j)
		}
	}
	c := len(keep)
	if c == 0 {
		return 0
	}
	ys := mat.NewDense(r, c, nil)
	for jj, j := range keep {
		ys.SetCol(jj, mat.Col(nil, j, y))
	}
	y = ys
	lo0, hi0 := lo, hi
	lo, hi = make([]float64, c), make([]float64, c)
	for jj, j := range keep {
		lo[jj], hi[jj] = lo0[j], hi0[j]
	}
	var rowsA [][]float64
	var b []float64
	for k := 0; k < r; k++ {
		rowsA = append(rowsA, mat.Row(nil, k, y))
		b = append(b, 1)
	}
	yi := mat.Row(nil, i, y)
	for j := 0; j < c; j++ {
		for _, bd := range []struct {
			v    float64
			sign float64
			on   bool
		}{{lo[j], -1, lo[j] > 0}, {hi[j], 1, hi[j] < 1}} {
			if !bd.on {
				continue
			}
			row := make([]float64, c)
			for k := range row {
				row[k] = -bd.sign * bd.v * yi[k]
			}
			row[j] += bd.sign * yi[j]
			rowsA = append(rowsA, row)
			b = append(b, 0)
		}
	}
	m := len(rowsA)
	a := mat.NewDense(m, c+m, nil)
	basic := make([]int, m)
	for k, row := range rowsA {
		for j, v := range row {
			a.Set(k, j, v)
		}
		a.Set(k, c+k, 1)
		basic[k] = c + k
	}
	cost := make([]float64, c+m)
	for j := range c {
		cost[j] = -yi[j]
	}
	f, _, err := lp.Simplex(cost, a, b, 1e-10, basic)
	if err != nil {
		t.Fatalf("gonum simplex, unit %d: %v", i, err)
	}
	return -f
}

// TestSimplexMatchesGonum compares the scores of BenefitOfDoubt, solved by
// the package's simplex, with gonum's lp.Simplex on random programmes,
// with and without share bounds; values are on a coarse grid so that ties
// and degenerate vertices are frequent.
func TestSimplexMatchesGonum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.IntRange(1, 12).Draw(t, "units")
		c := rapid.IntRange(1, 5).Draw(t, "indicators")
		y := mat.NewDense(r, c, nil)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				y.Set(i, j, float64(rapid.IntRange(0, 20).Draw(t, "y"))/4)
			}
		}
		lo, hi := make([]float64, c), make([]float64, c)
		var s BoDSettings
		if rapid.Bool().Draw(t, "bounded") {
			for j := range c {
				lo[j] = float64(rapid.IntRange(0, 10).Draw(t, "minShare")) / float64(10*c)
				hi[j] = max(lo[j], float64(rapid.IntRange(3, 10).Draw(t, "maxShare"))/10)
			}
			s = BoDSettings{MinShare: lo, MaxShare: hi}
		} else {
			for j := range hi {
				hi[j] = 1
			}
		}
		res, err := BenefitOfDoubt(y, s)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < r; i++ {
			want := min(max(gonumBoD(t, y, i, lo, hi), 0), 1)
			if got := res.Scores[i]; math.Abs(got-want) > lpTol {
				t.Fatalf("unit %d: score %v, gonum %v", i, got, want)
			}
		}
	})
}

// TestSimplexFailures covers the solver's two failures: an unbounded
// programme and the iteration limit.
func TestSimplexFailures(t *testing.T) {
	w := make([]float64, 2)
	// max w0 + w1 s.t. w0 - w1 <= 1: w1 grows without bound.
	s := newSimplex(1, 2)
	if err := s.solve([][]float64{{1, -1}}, []float64{1}, []float64{1, 1}, 1e-10, w); err != errSimplexUnbounded {
		t.Errorf("unbounded: err = %v, want %v", err, errSimplexUnbounded)
	}
	// max w0 + w1 s.t. w0 <= 1, w1 <= 2: optimum (1, 2), by hand.
	s = newSimplex(2, 2)
	if err := s.solve([][]float64{{1, 0}, {0, 1}}, []float64{1, 2}, []float64{1, 1}, 1e-10, w); err != nil || w[0] != 1 || w[1] != 2 {
		t.Errorf("box: w = %v, err = %v, want [1 2]", w, err)
	}
}

// BenchmarkBoD times BenefitOfDoubt on 200 units and 8 indicators.
func BenchmarkBoD(b *testing.B) {
	src := rand.New(rand.NewPCG(1, 2))
	y := mat.NewDense(200, 8, nil)
	for i := 0; i < 200; i++ {
		for j := 0; j < 8; j++ {
			y.Set(i, j, src.Float64())
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BenefitOfDoubt(y, BoDSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}
