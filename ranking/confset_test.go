package ranking

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/internal/rng"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

func diag(v ...float64) *mat.DiagDense { return mat.NewDiagDense(len(v), v) }

func TestRankConfidenceTwoUnits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Two independent units with variance 1: the difference has sd sqrt 2
	// and the critical value is the 95th percentile of |N(0,1)|, about
	// 1.96 (from 4,000 draws). A standardized gap of 2.5 is significant,
	// 1.5 is not.
	s := ConfidenceSettings{Draws: 4000, Seed: 3}
	c, err := RankConfidence(ctx, []float64{0, 2.5 * math.Sqrt2}, diag(1, 1), s)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Marginal, []RankSet{{2, 2}, {1, 1}}) || !slices.Equal(c.Simultaneous, []RankSet{{2, 2}, {1, 1}}) {
		t.Errorf("gap 2.5: %+v", c)
	}
	if len(c.Fingerprint) != 64 {
		t.Errorf("fingerprint %q", c.Fingerprint)
	}
	c, _ = RankConfidence(ctx, []float64{0, 1.5 * math.Sqrt2}, diag(1, 1), s)
	if !slices.Equal(c.Marginal, []RankSet{{1, 2}, {1, 2}}) {
		t.Errorf("gap 1.5: %+v", c)
	}
	// Lower first flips the ranks.
	s.Direction = LowerFirst
	c, _ = RankConfidence(ctx, []float64{0, 2.5 * math.Sqrt2}, diag(1, 1), s)
	if !slices.Equal(c.Marginal, []RankSet{{1, 1}, {2, 2}}) {
		t.Errorf("lower first: %+v", c)
	}
}

func TestRankConfidenceErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bad := mat.NewSymDense(2, []float64{1, 2, 2, 1})
	if _, err := RankConfidence(ctx, []float64{1, 2}, bad, ConfidenceSettings{}); !errors.Is(err, ErrNotPSD) {
		t.Errorf("not PSD: %v", err)
	}
	// A zero variance with a non-zero covariance is not PSD (the 2x2
	// minor is -1).
	if _, err := RankConfidence(ctx, []float64{1, 2}, mat.NewSymDense(2, []float64{0, 1, 1, 1}), ConfidenceSettings{}); !errors.Is(err, ErrNotPSD) {
		t.Errorf("zero pivot, non-zero column: %v", err)
	}
	// An infinite or NaN entry is an error naming the unit, not a set.
	for _, c := range []*mat.SymDense{
		mat.NewSymDense(2, []float64{math.Inf(1), 0, 0, 1}),
		mat.NewSymDense(2, []float64{1, math.NaN(), math.NaN(), 1}),
	} {
		_, err := RankConfidence(ctx, []float64{1, 2}, c, ConfidenceSettings{})
		var ue *UnitError
		if !errors.Is(err, ErrNotPSD) || !errors.As(err, &ue) || ue.Index != 0 {
			t.Errorf("non-finite covariance: %v", err)
		}
	}
	// The tolerance is relative per pivot: variances 1e-30 and 1e30 are a
	// valid PSD matrix, and the tiny unit is not a zero column.
	c, err := RankConfidence(ctx, []float64{0, 1e-14, 5}, diag(1e-30, 1e-30, 1e30), ConfidenceSettings{})
	if err != nil || c.Marginal[0] != (RankSet{2, 3}) || c.Marginal[1] != (RankSet{1, 2}) {
		t.Errorf("tiny variances: %+v, %v", c, err)
	}
	if _, err := RankConfidence(ctx, []float64{1, math.NaN()}, diag(1, 1), ConfidenceSettings{}); !errors.Is(err, ErrNaN) {
		t.Errorf("NaN: %v", err)
	}
	expectPanics(t, map[string]func(){
		"dim": func() { _, _ = RankConfidence(ctx, []float64{1}, diag(1, 1), ConfidenceSettings{}) },
		"tau": func() { _, _ = TopSet(ctx, []float64{1}, diag(1), 2, ConfidenceSettings{}) },
	})
}

func TestTiers(t *testing.T) {
	t.Parallel()
	// 8 units, quartile cuts 2, 4, 6: [1,2] is tier 0, [3,4] tier 1,
	// [2,3] spans tiers 0 and 1, [7,8] tier 3.
	got, err := Tiers([]RankSet{{1, 2}, {3, 4}, {2, 3}, {7, 8}}, []int{2, 4, 6})
	if err != nil || !slices.Equal(got, []int{0, 1, -1, 3}) {
		t.Errorf("got %v, %v", got, err)
	}
	for _, cuts := range [][]int{{3, 3}, {0, 2}, {-1}, {4, 2}} {
		if _, err := Tiers([]RankSet{{1, 2}}, cuts); !errors.Is(err, ErrGrading) {
			t.Errorf("cuts %v: err = %v", cuts, err)
		}
	}
}

func TestConfidenceProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "units")
		est := make([]float64, n)
		v := make([]float64, n)
		for i := range est {
			est[i] = float64(rapid.IntRange(0, 10).Draw(t, "est"))
			v[i] = float64(rapid.IntRange(0, 4).Draw(t, "var"))
		}
		orig := slices.Clone(est)
		s := ConfidenceSettings{Draws: 200, Seed: rapid.Uint64().Draw(t, "seed")}
		ctx := context.Background()
		c, err := RankConfidence(ctx, est, diag(v...), s)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(est, orig) {
			t.Fatal("estimates modified")
		}
		minR, _ := Rank(est, nil, Options{Ties: TieMin})
		maxR, _ := Rank(est, nil, Options{Ties: TieMax})
		tau := rapid.IntRange(1, n).Draw(t, "tau")
		top, err := TopSet(ctx, est, diag(v...), tau, s)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			m, sim := c.Marginal[i], c.Simultaneous[i]
			// The estimated rank (every position of its tie group) is in
			// both sets, and the simultaneous set contains the marginal one.
			if m.Lo > m.Hi || !m.Contains(minR[i]) || !m.Contains(maxR[i]) || sim.Lo > m.Lo || sim.Hi < m.Hi {
				t.Fatalf("unit %d: estimated rank %v..%v, marginal %v, simultaneous %v", i, minR[i], maxR[i], m, sim)
			}
			if minR[i] <= float64(tau) && !top[i] {
				t.Fatalf("unit %d has estimated rank %v <= tau=%d but is not in the top set", i, minR[i], tau)
			}
		}
	})
}

// TestRankConfidenceCoverage simulates the procedure's promise: six units
// with true values 0, 1, 2, 2, 4, 6 (a tie at 2) and standard error 1;
// over 300 seeded trials the simultaneous sets must cover every true rank
// (for the tied units, both ranks they could take) in at least 95% of
// trials up to sampling error (we require 90%: 3.5 standard errors below),
// and each marginal set its unit's rank likewise; the top-2 and bottom-1
// sets must contain the true best two and the true worst as often.
func TestRankConfidenceCoverage(t *testing.T) {
	t.Parallel()
	theta := []float64{0, 1, 2, 2, 4, 6}
	lo := []int{6, 5, 3, 3, 2, 1} // true rank bounds, tie at 2 spans 3..4
	hi := []int{6, 5, 4, 4, 2, 1}
	const trials = 300
	cov := diag(1, 1, 1, 1, 1, 1)
	r := rng.New(11, 12)
	simOK, topOK, bottomOK, margOK := 0, 0, 0, make([]int, len(theta))
	for trial := range trials {
		est := make([]float64, len(theta))
		for i, v := range theta {
			est[i] = v + rng.Normal(r)
		}
		c, err := RankConfidence(context.Background(), est, cov, ConfidenceSettings{Draws: 300, Seed: uint64(trial)})
		if err != nil {
			t.Fatal(err)
		}
		// The true two best (units 5 and 4) must be in the top-2 set, the
		// true worst (unit 0) in the bottom-1 set.
		top, err := TopSet(context.Background(), est, cov, 2, ConfidenceSettings{Draws: 300, Seed: uint64(trial)})
		if err != nil {
			t.Fatal(err)
		}
		bottom, _ := BottomSet(context.Background(), est, cov, 1, ConfidenceSettings{Draws: 300, Seed: uint64(trial)})
		if top[5] && top[4] {
			topOK++
		}
		if bottom[0] {
			bottomOK++
		}
		all := true
		for i := range theta {
			covered := func(s RankSet) bool { return s.Lo <= lo[i] && s.Hi >= hi[i] }
			if !covered(c.Simultaneous[i]) {
				all = false
			}
			if covered(c.Marginal[i]) {
				margOK[i]++
			}
		}
		if all {
			simOK++
		}
	}
	t.Logf("simultaneous %d/%d, marginal %v, top-2 %d, bottom-1 %d", simOK, trials, margOK, topOK, bottomOK)
	if float64(topOK) < 0.9*trials || float64(bottomOK) < 0.9*trials {
		t.Errorf("top-2 coverage %d/%d, bottom-1 %d/%d", topOK, trials, bottomOK, trials)
	}
	if float64(simOK) < 0.9*trials {
		t.Errorf("simultaneous coverage %d/%d", simOK, trials)
	}
	for i, k := range margOK {
		if float64(k) < 0.9*trials {
			t.Errorf("unit %d: marginal coverage %d/%d", i, k, trials)
		}
	}
}
