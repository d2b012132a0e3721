package ranking

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/internal/special"
)

// TestBinomialGoodnessOfFit compares 40,000 seeded draws with the binomial
// pmf by Pearson's chi-square over cells with expected count >= 5 (lumping
// the tails); the statistic must lie below the 0.999 quantile of its
// chi-square distribution, a fixed-seed check that fails only on a wrong
// sampler (about 1 in 1,000 for a correct one, and the seed is fixed).
func TestBinomialGoodnessOfFit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n int
		p float64
	}{
		{20, 0.2},   // inversion
		{1000, 0.3}, // BTRS
		{1000, 0.8}, // BTRS by symmetry
		{60, 0.5},   // BTRS near its lower limit
		{5, 0.01},   // mostly zeros
	} {
		const draws = 40000
		r := rng.New(7, uint64(tc.n))
		obs := make([]float64, tc.n+1)
		for range draws {
			obs[binomial(r, tc.n, tc.p)]++
		}
		var chi, cellObs, cellExp float64
		df := -1
		for k := 0; k <= tc.n; k++ {
			lp := special.LogGamma(float64(tc.n+1)) - special.LogGamma(float64(k+1)) - special.LogGamma(float64(tc.n-k+1)) +
				float64(k)*math.Log(tc.p) + float64(tc.n-k)*math.Log1p(-tc.p)
			cellExp += draws * math.Exp(lp)
			cellObs += obs[k]
			if cellExp >= 5 || k == tc.n {
				chi += (cellObs - cellExp) * (cellObs - cellExp) / math.Max(cellExp, 1e-300)
				df++
				cellObs, cellExp = 0, 0
			}
		}
		if crit := special.ChiSquareQuantile(0.999, float64(df)); chi > crit {
			t.Errorf("Bin(%d, %v): chi-square %.2f > %.2f (df %d)", tc.n, tc.p, chi, crit, df)
		}
	}
	r := rng.New(1, 1)
	if binomial(r, 0, 0.5) != 0 || binomial(r, 10, 0) != 0 || binomial(r, 10, 1) != 10 {
		t.Error("degenerate cases")
	}
}

func TestReseed(t *testing.T) {
	t.Parallel()
	for _, c := range [][2]uint64{{0, 0}, {1, 2}, {math.MaxUint64, 12345}} {
		var p rand.PCG
		reseed(&p, c[0], c[1])
		q := rng.Stream(c[0], c[1])
		for k := range 4 {
			if a, b := p.Uint64(), q.Uint64(); a != b {
				t.Fatalf("seed %d, stream %d, output %d: %d != %d", c[0], c[1], k, a, b)
			}
		}
	}
}
