package weighting_test

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// bfrHousing is the 8×8 incomplete matrix of AHPy's test
// test_incomplete_housing_missing_comparisons (criteria a..h, 16 known
// and 12 missing judgments).
func bfrHousing() *mat.Dense {
	nan := math.NaN()
	a := mat.NewDense(8, 8, nil)
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			a.Set(i, j, nan)
		}
		a.Set(i, i, 1)
	}
	set := func(i, j int, v float64) { a.Set(i, j, v); a.Set(j, i, 1/v) }
	const (
		ca = iota
		cb
		cc
		cd
		ce
		cf
		cg
		ch
	)
	set(ca, cb, 5)
	set(ca, cc, 3)
	set(ca, cd, 7)
	set(ca, ce, 6)
	set(ca, cf, 6)
	set(cb, cd, 5)
	set(cb, cf, 3)
	set(cc, ce, 3)
	set(cc, cg, 6)
	set(cf, cd, 4)
	set(cg, ca, 3)
	set(cg, ce, 5)
	set(ch, ca, 4)
	set(ch, cb, 7)
	set(ch, cd, 8)
	set(ch, cf, 6)
	return a
}

// TestOptimalCompletion checks the λmax-optimal completion against two
// independent results:
//
//   - R 4.2 (eigen() from LAPACK, optim(method = "BFGS") on the
//     logarithms of the missing judgments with the Perron-vector
//     gradient, reltol 1e-16; the script is in the comment below), to
//     1e-6 relative for the 8×8 matrix (R's gradient norm there is
//     1e-8) and 1e-9 for the 4×4;
//   - AHPy 2.0's tests (Griffith, tests/test_ahp.py: the 4×4 example of
//     Bozóki, Fülöp & Rónyai (2010) and the 8×8 "housing" matrix), whose
//     cyclic coordinates stop at a tolerance of 1e-4, to 1e-4 relative;
//     and AHPy's weights (4 decimals) and CR (Donegan–Dodd RI, 4
//     decimals) of the 4×4.
//
// R (abridged):
//
//	lam <- function(A) max(Re(eigen(A)$values))
//	optim(rep(0, m), function(x) lam(complete(A, miss, x)), grad, method = "BFGS",
//	      control = list(reltol = 1e-16, maxit = 10000))
func TestOptimalCompletion(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	small := mat.NewDense(4, 4, []float64{
		1, 1, 5, 2,
		1, 1, 3, 4,
		1.0 / 5, 1.0 / 3, 1, nan,
		1.0 / 2, 1.0 / 4, nan, 1,
	})
	type cell struct {
		i, j      int
		r, ahpy   float64
		rTol      float64
		ahpyRelTo float64
	}
	cases := []struct {
		name    string
		a       *mat.Dense
		cells   []cell
		lambdaR float64
		rTol    float64
	}{
		{"bfr-4x4", small, []cell{{2, 3, 0.730296743340, 0.730297106886979, 1e-9, 1e-4}}, 4.092367293939, 1e-9},
		{"housing-8x8", bfrHousing(), []cell{
			{1, 2, 0.330016537807, 0.3300187496240363, 1e-6, 1e-4},
			{1, 4, 1.719720253041, 1.7197409185349517, 1e-6, 1e-4},
			{1, 6, 0.466347926930, 0.4663515002203321, 1e-6, 1e-4},
			{2, 3, 9.920631465836, 9.920512661898753, 1e-6, 1e-4},
			{2, 5, 4.852530814563, 4.852486449214693, 1e-6, 1e-4},
			{2, 7, 0.569613374556, 0.5696073301509899, 1e-6, 1e-4},
			{3, 4, 0.525270233546, 0.5252768142894285, 1e-6, 1e-4},
			{3, 6, 0.142441012786, 0.1424438146531802, 1e-6, 1e-4},
			{4, 5, 0.931206928502, 0.9311973564754218, 1e-6, 1e-4},
			{4, 7, 0.109309545026, 0.10930828182051665, 1e-6, 1e-4},
			{5, 6, 0.291209834614, 0.2912120796181874, 1e-6, 1e-4},
			{6, 7, 0.403093545957, 0.4030898885178746, 1e-6, 1e-4},
		}, 9.298092250344, 1e-9},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before := mat.DenseCopyOf(tc.a)
			o, err := weighting.Optimal(tc.a, weighting.AHPSettings{RI: weighting.DoneganDodd1991})
			if err != nil {
				t.Fatal(err)
			}
			if o.Missing != len(tc.cells) {
				t.Errorf("Missing = %d, want %d", o.Missing, len(tc.cells))
			}
			for _, c := range tc.cells {
				got := o.Completed.At(c.i, c.j)
				if rel := math.Abs(got-c.r) / c.r; rel > c.rTol {
					t.Errorf("a[%d][%d] = %.12f, R %.12f (rel %.2g > %.0g)", c.i, c.j, got, c.r, rel, c.rTol)
				}
				if rel := math.Abs(got-c.ahpy) / c.ahpy; rel > c.ahpyRelTo {
					t.Errorf("a[%d][%d] = %.12f, AHPy %.12f (rel %.2g)", c.i, c.j, got, c.ahpy, rel)
				}
				if got*o.Completed.At(c.j, c.i) != 1 && math.Abs(got*o.Completed.At(c.j, c.i)-1) > 1e-15 {
					t.Errorf("a[%d][%d] not reciprocal", c.i, c.j)
				}
			}
			if math.Abs(o.LambdaMax-tc.lambdaR) > tc.rTol*tc.lambdaR {
				t.Errorf("λmax = %.12f, R %.12f", o.LambdaMax, tc.lambdaR)
			}
			if !sameBits(before, tc.a) {
				t.Error("input modified")
			}
			t.Logf("%d sweeps", o.Cycles)
			// The optimum is below the λmax of Harker's completion.
			h, err := weighting.Harker(tc.a, weighting.AHPSettings{})
			if err != nil {
				t.Fatal(err)
			}
			if hl, _ := weighting.Priorities(h.Completed, weighting.AHPSettings{}); !(o.LambdaMax <= hl.LambdaMax) {
				t.Errorf("optimal λmax %v above Harker's completion's %v", o.LambdaMax, hl.LambdaMax)
			}
		})
	}
	// AHPy's weights and CR of the 4×4 (test_incomplete_example_weights, _cr).
	o, err := weighting.Optimal(small, weighting.AHPSettings{RI: weighting.DoneganDodd1991})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0.3738, 0.392, 0.0985, 0.1357} {
		if math.Abs(o.Weights[i]-want) > 0.00005 {
			t.Errorf("w[%d] = %.6f, AHPy %.4f", i, o.Weights[i], want)
		}
	}
	if math.Abs(o.CR-0.0372) > 0.00005 {
		t.Errorf("CR = %.6f, AHPy 0.0372", o.CR)
	}
}

// TestOptimalEdgeCases: a complete matrix gives Priorities' result; a
// disconnected graph, a one-sided missing judgment and MaxCR give the
// documented errors; the Completion names round-trip.
func TestOptimalEdgeCases(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	full, _ := weighting.FromUpper([][]float64{{3, 5}, {2}})
	o, err := weighting.Optimal(full, weighting.AHPSettings{})
	p, _ := weighting.Priorities(full, weighting.AHPSettings{})
	if err != nil || o.Missing != 0 || o.LambdaMax != p.LambdaMax || o.Weights[0] != p.Weights[0] {
		t.Errorf("complete matrix: %+v, %v; want Priorities %+v", o.AHPResult, err, p)
	}
	disc := mat.NewDense(4, 4, []float64{1, 2, nan, nan, 0.5, 1, nan, nan, nan, nan, 1, 3, nan, nan, 1.0 / 3, 1})
	if _, err := weighting.Optimal(disc, weighting.AHPSettings{}); !errors.Is(err, weighting.ErrDisconnected) {
		t.Errorf("disconnected: %v", err)
	}
	one := mat.NewDense(3, 3, []float64{1, 2, nan, 0.5, 1, 2, 4, 0.5, 1})
	if _, err := weighting.Optimal(one, weighting.AHPSettings{}); !errors.Is(err, weighting.ErrInvalidMatrix) {
		t.Errorf("one-sided: %v", err)
	}
	if _, err := weighting.Optimal(bfrHousing(), weighting.AHPSettings{MaxCR: 0.01}); !errors.Is(err, weighting.ErrInconsistent) {
		t.Errorf("MaxCR: %v", err)
	}
	// A consistent matrix with missing judgments is completed
	// consistently: λmax = n.
	cons := mat.NewDense(3, 3, []float64{1, 2, nan, 0.5, 1, 2, nan, 0.5, 1})
	if o, err := weighting.Optimal(cons, weighting.AHPSettings{}); err != nil || math.Abs(o.Completed.At(0, 2)-4) > 1e-9 || math.Abs(o.LambdaMax-3) > 1e-12 {
		t.Errorf("consistent: a[0][2] = %v, λmax %v, %v; want 4, 3", o.Completed.At(0, 2), o.LambdaMax, err)
	}
	for _, c := range []weighting.Completion{weighting.HarkerCompletion, weighting.OptimalCompletion} {
		b, _ := c.MarshalText()
		var back weighting.Completion
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Errorf("%v: %q -> %v, %v", c, b, back, err)
		}
	}
}

// sameBits reports whether a and b hold the same bits (NaN equal to NaN).
func sameBits(a, b mat.Matrix) bool {
	r, c := a.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if math.Float64bits(a.At(i, j)) != math.Float64bits(b.At(i, j)) {
				return false
			}
		}
	}
	return true
}
