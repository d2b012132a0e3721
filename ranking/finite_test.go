package ranking

import (
	"context"
	"errors"
	"math"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// TestPropertyIntervalsFinite: for finite estimates and standard errors
// anywhere in the range of float64 (magnitudes 1e-300 to 1e300, the
// documented range: finite estimates, non-negative finite standard errors
// and a positive semidefinite covariance), the rank intervals of
// Parametric and ParametricCov (nominal, median, mean, percentiles,
// extremes, shifts) are finite ranks in [1, n] and the confidence sets
// of RankConfidence are ranks in [1, n], or the call returns an error.
// Scores near the limit overflow in a replication (est + se z) to ±Inf,
// which ranks; no interval may be NaN or leave [1, n].
func TestPropertyIntervalsFinite(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		mag := func(label string, signed bool) float64 {
			v := math.Pow(10, rapid.Float64Range(-300, 300).Draw(t, label))
			if signed && rapid.Bool().Draw(t, label+" sign") {
				v = -v
			}
			return v
		}
		n := rapid.IntRange(2, 8).Draw(t, "n")
		est, se, ids := make([]float64, n), make([]float64, n), make([]string, n)
		for i := range est {
			est[i], se[i], ids[i] = mag("est", true), mag("se", false), strconv.Itoa(i)
		}
		rank := func(what string, v ...[]float64) {
			for _, x := range v {
				for i, r := range x {
					if !(r >= 1 && r <= float64(n)) {
						t.Fatalf("%s: unit %d: rank %v outside [1, %d]", what, i, r, n)
					}
				}
			}
		}
		ctx := context.Background()
		s := Settings{Replications: 64, Seed: 1, TopK: 1}
		check := func(what string, d *Distribution, err error) {
			if err != nil {
				if !errors.Is(err, ErrNaN) && !errors.Is(err, ErrNotPSD) {
					t.Fatalf("%s: %v", what, err)
				}
				return
			}
			rank(what, d.Nominal, d.Median, d.Mean, d.Lo, d.Hi, d.Min, d.Max)
			if !(d.MeanAbsShift >= 0 && d.MeanAbsShift < float64(n)) {
				t.Fatalf("%s: mean shift %v", what, d.MeanAbsShift)
			}
			for i, p := range d.PTop {
				if !(p >= 0 && p <= 1) {
					t.Fatalf("%s: unit %d: P(top) %v", what, i, p)
				}
			}
		}
		d, err := Parametric(ctx, est, se, ids, s)
		check("Parametric", d, err)
		v := make([]float64, n)
		for i, x := range se {
			v[i] = float64(x * x)
		}
		cov := mat.NewDiagDense(n, v)
		d, err = ParametricCov(ctx, est, cov, ids, s)
		check("ParametricCov", d, err)
		c, err := RankConfidence(ctx, est, cov, ConfidenceSettings{Draws: 200, Seed: 1})
		if err != nil {
			if !errors.Is(err, ErrNaN) && !errors.Is(err, ErrNotPSD) {
				t.Fatalf("RankConfidence: %v", err)
			}
			return
		}
		for i := range n {
			for _, rs := range []RankSet{c.Marginal[i], c.Simultaneous[i]} {
				if !(rs.Lo >= 1 && rs.Lo <= rs.Hi && rs.Hi <= n) {
					t.Fatalf("RankConfidence: unit %d: set %+v", i, rs)
				}
			}
		}
	})
}
