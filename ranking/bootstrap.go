package ranking

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/internal/rng"
)

// ErrNoRespondents is wrapped by the error for a unit without respondents.
var ErrNoRespondents = errors.New("ranking: no respondents")

// ErrNegative is wrapped by the error for a negative count or standard
// error.
var ErrNegative = errors.New("ranking: negative count or standard error")

// BootstrapCounts returns bootstrap rank intervals for survey-based scores
// that are a function of each unit's answer counts on one item: unit i has
// counts[i][k] respondents in category k, and its score is the mean
// category value
//
//	score_i = sum_k values[k] counts[i][k] / sum_k counts[i][k]
//
// (values 1..4 for a mean on a 4-point item; 0,0,1,1 for the share of
// the top two boxes, a satisfaction rate; scaled as the assessment scores).
// Each replication draws every unit's counts from
// Multinomial(n_i, counts[i]/n_i), which is exactly the distribution of
// the counts when the unit's n_i respondents are resampled with
// replacement (Efron's nonparametric bootstrap within each unit, the unit
// being the stratum), at a cost independent of n_i. The replicated scores
// are ranked under s.Ranking and summarised as a [Distribution] whose
// Nominal is the rank of the observed scores.
//
// It returns a *UnitError wrapping [ErrNoRespondents] or [ErrNegative] for
// a unit without respondents or with a negative count, and ctx's error if
// ctx is cancelled. It panics if a unit has len(counts[i]) != len(values),
// if ids is not nil and len(ids) != len(counts), or if s is invalid
// (negative replications, Level outside [0, 1), non-increasing bands).
func BootstrapCounts(ctx context.Context, counts [][]int, values []float64, ids []string, s Settings) (*Distribution, error) {
	n := len(counts)
	checkIDs(ids, n)
	totals := make([]int, n)
	suffix := make([][]int, n)
	nominal := make([]float64, n)
	for i, c := range counts {
		if len(c) != len(values) {
			panic(fmt.Sprintf("ranking: unit %d has %d categories, values has %d", i, len(c), len(values)))
		}
		suffix[i] = make([]int, len(c))
		t := 0
		for k := len(c) - 1; k >= 0; k-- {
			if c[k] < 0 {
				return nil, unitErr(ids, i, fmt.Errorf("%w: count %d in category %d", ErrNegative, c[k], k))
			}
			t += c[k]
			suffix[i][k] = t
		}
		if t == 0 {
			return nil, unitErr(ids, i, ErrNoRespondents)
		}
		totals[i] = t
		nominal[i] = categoryMean(values, c, t)
	}
	newSample := func() sampleFunc {
		draw := make([]int, len(values))
		return func(_ int, r *rand.Rand, dst []float64) error {
			for i, c := range counts {
				multinomialCounts(r, totals[i], c, suffix[i], draw)
				dst[i] = categoryMean(values, draw, totals[i])
			}
			return nil
		}
	}
	return simulate(ctx, nominal, ids, s, newSample, nil)
}

func categoryMean(values []float64, c []int, total int) float64 {
	var s float64
	for k, v := range values {
		s += float64(v * float64(c[k]))
	}
	return s / float64(total)
}

func checkIDs(ids []string, n int) {
	if ids != nil && len(ids) != n {
		panic(fmt.Sprintf("ranking: len(ids)=%d != %d units", len(ids), n))
	}
}

// Parametric returns rank intervals from estimates and their standard
// errors by parametric simulation: each replication draws
//
//	score_i = est_i + se_i z_i,  z_i ~ N(0, 1) independent
//
// (rng.Normal, Marsaglia's polar method) and ranks the scores under
// s.Ranking. It suits survey estimates with design-based standard errors
// when the respondents' data are not at hand. It returns a *UnitError
// wrapping [ErrNegative] for a negative or NaN standard error, the errors
// of [Rank] for the estimates, and ctx's error. It panics if
// len(se) != len(est), ids has the wrong length, or s is invalid.
func Parametric(ctx context.Context, est, se []float64, ids []string, s Settings) (*Distribution, error) {
	n := checkPair(est, se)
	checkIDs(ids, n)
	for i, v := range se {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, unitErr(ids, i, fmt.Errorf("%w: standard error %v", ErrNegative, v))
		}
	}
	newSample := func() sampleFunc {
		return func(_ int, r *rand.Rand, dst []float64) error {
			for i := range est {
				dst[i] = est[i] + float64(se[i]*rng.Normal(r))
			}
			return nil
		}
	}
	return simulate(ctx, est, ids, s, newSample, nil)
}
