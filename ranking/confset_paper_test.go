package ranking

import (
	"context"
	"math"
	"testing"
)

// maxAbsOneQuantile returns the level-quantile of max(|U|, V) for standard
// normal U, V with correlation rho, from
//
//	P(max(|U|, V) <= c) = int_{-c}^{c} phi(u) Phi((c - rho u) / sqrt(1 - rho^2)) du
//
// (Simpson's rule, 4,000 panels) and bisection: an independent closed
// form, no draws.
func maxAbsOneQuantile(rho, level float64) float64 {
	phi := func(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }
	Phi := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	s := math.Sqrt(1 - rho*rho)
	cdf := func(c float64) float64 {
		const m = 4000
		h := 2 * c / m
		var sum float64
		for i := 0; i <= m; i++ {
			u := -c + float64(i)*h
			w := 2.0
			if i == 0 || i == m {
				w = 1
			} else if i%2 == 1 {
				w = 4
			}
			sum += w * phi(u) * Phi((c-rho*u)/s)
		}
		return sum * h / 3
	}
	lo, hi := 0.0, 10.0
	for range 100 {
		mid := (lo + hi) / 2
		if cdf(mid) < level {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// TestRankConfidenceOneSidedStepdown checks the marginal set of unit 0
// for the estimates (0, 100, g sqrt 2), independent with variance 1,
// against a hand derivation of Mogstad et al.'s stepdown (2024, Section
// 3; csranks' initialize_I0). Unit 0's family is the four one-sided
// hypotheses theta_1 <= theta_0, theta_2 <= theta_0, theta_0 <= theta_1,
// theta_0 <= theta_2. The first has t = 100/sqrt 2 and is rejected at
// the first step; the other three stay, with draw statistics
//
//	U = (Z_2 - Z_0)/sqrt 2, V = (Z_0 - Z_1)/sqrt 2 and -U,
//
// so the next critical value is c* = the 95% quantile of max(|U|, V), with
// corr(U, V) = -1/2. theta_2 <= theta_0 (t = g) is rejected, and the set
// is {3}, exactly when g > c* (about 2.106); below, the set is {2, 3}. A
// two-sided stepdown that dropped both directions of the rejected pair
// would compare g with the |N(0,1)| quantile 1.96 instead, and give {3}
// for g in (1.96, c*).
func TestRankConfidenceOneSidedStepdown(t *testing.T) {
	t.Parallel()
	c := maxAbsOneQuantile(-0.5, 0.95)
	t.Logf("c* = %.4f", c)
	if !(c > 2.04 && c < 2.15) {
		t.Fatalf("c* = %v, want about 2.106", c)
	}
	// 20,000 draws: the sampled 95% quantile has a standard error of
	// about 0.02 (sqrt(0.05*0.95/20000) / density 0.08), so 0.1 either
	// side of c* is decided.
	s := ConfidenceSettings{Draws: 20000, Seed: 7}
	for _, tc := range []struct {
		g    float64
		want RankSet
	}{
		{1.90, RankSet{2, 3}},
		{c - 0.1, RankSet{2, 3}},
		{c + 0.1, RankSet{3, 3}},
		{2.6, RankSet{3, 3}},
	} {
		est := []float64{0, 100, tc.g * math.Sqrt2}
		got, err := RankConfidence(context.Background(), est, diag(1, 1, 1), s)
		if err != nil {
			t.Fatal(err)
		}
		if got.Marginal[0] != tc.want {
			t.Errorf("g = %.3f: marginal set of unit 0 is %v, want %v", tc.g, got.Marginal[0], tc.want)
		}
		// Unit 1 is surely first; unit 2 has the mirror family (same c*),
		// so it is surely second exactly when unit 0 is surely third.
		if got.Marginal[1] != (RankSet{1, 1}) || got.Marginal[2] != (RankSet{2, 5 - tc.want.Lo}) {
			t.Errorf("g = %.3f: marginal sets %v", tc.g, got.Marginal)
		}
	}
}
