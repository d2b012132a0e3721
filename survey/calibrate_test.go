package survey_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// marginMatrix returns R's model.matrix(~a + b) for two factors given as
// codes: an intercept, then treatment dummies of a (levels 1..) and of b
// (levels 1..), with the totals of those columns from the margins'
// targets.
func marginMatrix(margins []survey.Margin) (*mat.Dense, []float64) {
	n := len(margins[0].Codes)
	p := 1
	for _, m := range margins {
		p += len(m.Levels) - 1
	}
	x := mat.NewDense(n, p, nil)
	var N float64
	for _, t := range margins[0].Targets {
		N += t
	}
	T := []float64{N}
	col := 1
	for _, m := range margins {
		for l := 1; l < len(m.Levels); l++ {
			for i, c := range m.Codes {
				if c == l {
					x.Set(i, col, 1)
				}
			}
			T = append(T, m.Targets[l])
			col++
		}
	}
	for i := 0; i < n; i++ {
		x.Set(i, 0, 1)
	}
	return x, T
}

// TestCalibrateBadcal is R survey's tests/badcal.R (badly scaled initial
// weights): ten respondents of weight 10, four with x = 1 and six with
// x = 2, calibrated on ~factor(x) to the totals 10000 (intercept) and
// 5000 (x = 2). The exact answer, by hand: level 1 must carry 10000 -
// 5000 = 5000 over four respondents, 1250 each; level 2 5000 over six,
// 833.333... each; both by linear and by raking calibration (one g per
// level). R's undamped Newton from lambda = 0 needs many steps for the
// raking distance; the scaled start and step halving must get there.
func TestCalibrateBadcal(t *testing.T) {
	t.Parallel()
	d := make([]float64, 10)
	x := mat.NewDense(10, 2, nil)
	for i := range d {
		d[i] = 10
		x.Set(i, 0, 1)
		if i >= 4 {
			x.Set(i, 1, 1)
		}
	}
	T := []float64{10000, 5000}
	for _, dist := range []survey.Distance{survey.Linear, survey.Raking} {
		r, err := survey.Calibrate(context.Background(), d, x, T, survey.CalibrateSettings{Distance: dist, Tol: 1e-13})
		if err != nil {
			t.Fatalf("%v: %v", dist, err)
		}
		for i, w := range r.Weights {
			want := 1250.0
			if i >= 4 {
				want = 5000.0 / 6
			}
			if !near(w, want, 1e-12) {
				t.Errorf("%v: weight %d = %.17g, want %.17g", dist, i, w, want)
			}
		}
	}
}

// TestCalibrateRakingScales: totals 20, 50, 100, 1000 and 1e6 times the
// design weights (respondents of weight 1 calibrated to population
// counts): raking calibration converges and gives Rake's weights. Before
// the scaled start and step halving these took 26 steps, ended with a
// misfit of 2e3 or 1.5e30, or overflowed.
func TestCalibrateRakingScales(t *testing.T) {
	t.Parallel()
	margins := scaleMargins(1)
	n := len(margins[0].Codes)
	d := make([]float64, n)
	for i := range d {
		d[i] = 1
	}
	for _, sc := range []float64{20, 50, 100, 1000, 1e6} {
		ms := scaleMargins(sc)
		x, T := marginMatrix(ms)
		cal, err := survey.Calibrate(context.Background(), d, x, T, survey.CalibrateSettings{Distance: survey.Raking, Tol: 1e-14})
		if err != nil {
			t.Fatalf("scale %v: %v", sc, err)
		}
		if cal.Iterations > 20 {
			t.Errorf("scale %v: %d Newton steps", sc, cal.Iterations)
		}
		rk, err := survey.Rake(context.Background(), d, ms, survey.RakeSettings{Tol: 1e-15, MaxIter: 10000})
		if err != nil {
			t.Fatal(err)
		}
		for i := range d {
			if !near(cal.Weights[i], rk.Weights[i], 1e-12) {
				t.Errorf("scale %v: weight %d: calibrate %.17g, rake %.17g", sc, i, cal.Weights[i], rk.Weights[i])
			}
		}
	}
}

// scaleMargins is a sex x age sample of 12 respondents with margins summing
// to 100*sc.
func scaleMargins(sc float64) []survey.Margin {
	sex := []int{0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1}
	age := []int{0, 1, 2, 1, 0, 2, 0, 1, 1, 2, 0, 1}
	return []survey.Margin{
		{Name: "sex", Levels: []string{"f", "m"}, Codes: sex, Targets: []float64{48 * sc, 52 * sc}},
		{Name: "age", Levels: []string{"18-39", "40-59", "60+"}, Codes: age, Targets: []float64{41 * sc, 36 * sc, 23 * sc}},
	}
}

// TestPropertyRakeEqualsRakingCalibration: for any design weights, any
// two margins with every cell sampled and any totals scale from 1 to 1e6,
// raking calibration on the margins' dummies gives the weights of
// iterative proportional fitting to 1e-12 (the solution of the raking
// equations is unique; Deville and Särndal 1992).
func TestPropertyRakeEqualsRakingCalibration(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		la := rapid.IntRange(2, 3).Draw(t, "levels a")
		lb := rapid.IntRange(2, 3).Draw(t, "levels b")
		extra := rapid.IntRange(0, 30).Draw(t, "extra")
		n := la*lb + extra
		a, b := make([]int, n), make([]int, n)
		for i := 0; i < la*lb; i++ {
			a[i], b[i] = i%la, i/la
		}
		for i := la * lb; i < n; i++ {
			a[i] = rapid.IntRange(0, la-1).Draw(t, "a")
			b[i] = rapid.IntRange(0, lb-1).Draw(t, "b")
		}
		d := rapid.SliceOfN(rapid.Float64Range(0.5, 5), n, n).Draw(t, "d")
		scale := math.Pow(10, rapid.Float64Range(0, 6).Draw(t, "log10 scale"))
		share := func(k int, label string) []float64 {
			p := rapid.SliceOfN(rapid.Float64Range(0.2, 1), k, k).Draw(t, label)
			var s float64
			for _, v := range p {
				s += v
			}
			for j := range p {
				p[j] = p[j] / s * scale * float64(n)
			}
			return p
		}
		ta, tb := share(la, "share a"), share(lb, "share b")
		var sa, sb float64
		for _, v := range ta {
			sa += v
		}
		for _, v := range tb {
			sb += v
		}
		tb[lb-1] += sa - sb // same grand total on both margins
		if !(tb[lb-1] > 0) {
			t.Skip("inconsistent draw")
		}
		names := func(k int) []string { return []string{"0", "1", "2"}[:k] }
		ms := []survey.Margin{
			{Name: "a", Levels: names(la), Codes: a, Targets: ta},
			{Name: "b", Levels: names(lb), Codes: b, Targets: tb},
		}
		rk, err := survey.Rake(context.Background(), d, ms, survey.RakeSettings{Tol: 1e-15, MaxIter: 100000})
		if err != nil {
			t.Skipf("rake: %v", err) // IPF too slow for this draw: nothing to compare
		}
		x, T := marginMatrix(ms)
		cal, err := survey.Calibrate(context.Background(), d, x, T, survey.CalibrateSettings{Distance: survey.Raking, Tol: 1e-14, MaxIter: 100})
		if err != nil {
			t.Fatalf("raking calibration failed where rake converged (scale %v): %v", scale, err)
		}
		for i := range d {
			if !near(cal.Weights[i], rk.Weights[i], 1e-12) {
				t.Fatalf("scale %v: weight %d: calibrate %.17g, rake %.17g", scale, i, cal.Weights[i], rk.Weights[i])
			}
		}
	})
}

// TestCalibrateInfeasibleBounds: logit bounds [0.95, 1.05] cannot make
// the weights of 10 respondents of weight 1 sum to 20; the error names the
// constraint instead of a singular matrix.
func TestCalibrateInfeasibleBounds(t *testing.T) {
	t.Parallel()
	d := make([]float64, 10)
	x := mat.NewDense(10, 1, nil)
	for i := range d {
		d[i] = 1
		x.Set(i, 0, 1)
	}
	_, err := survey.Calibrate(context.Background(), d, x, []float64{20}, survey.CalibrateSettings{Distance: survey.Logit, Lower: 0.95, Upper: 1.05})
	var ce *survey.CalibrationError
	if !errors.As(err, &ce) || errors.Is(err, survey.ErrSingular) || len(ce.Result.Infeasible) != 1 || ce.Result.Infeasible[0] != 0 ||
		!strings.Contains(err.Error(), "infeasible bounds") {
		t.Fatalf("err = %v, want infeasible bounds naming constraint 0", err)
	}
}
