package ranking

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

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
// Nominal is the rank of the observed scores. Each unit draws from its own
// stream per replication, keyed by its id (by its index when ids is nil),
// so with ids the result for a unit does not depend on the order of the
// units.
//
// It returns a *UnitError wrapping [ErrNoRespondents] or [ErrNegative] for
// a unit without respondents or with a negative count, or [ErrDuplicateID]
// for a unit id given twice, and ctx's error if
// ctx is cancelled. It panics if a unit has len(counts[i]) != len(values),
// if ids is not nil and len(ids) != len(counts), or if s is invalid
// (negative replications, Level outside [0, 1), non-increasing bands).
func BootstrapCounts(ctx context.Context, counts [][]int, values []float64, ids []string, s Settings) (*Distribution, error) {
	strata := make([][][]int, len(counts))
	for i, c := range counts {
		strata[i] = [][]int{c}
	}
	return BootstrapStrata(ctx, strata, nil, values, ids, s)
}

// BootstrapStrata is [BootstrapCounts] for stratified samples: unit i has
// counts[i][h][k] respondents of stratum h in category k, and stratum h
// has the population share weights[i][h] (nil weights: shares
// proportional to the strata's sample sizes, the unweighted mean). The
// score is the post-stratified mean
//
//	score_i = sum_h W_ih mean_ih / sum_h W_ih
//	mean_ih = sum_k values[k] counts[i][h][k] / n_ih
//
// and each replication resamples the respondents within every stratum,
// through Multinomial(n_ih, counts[i][h]/n_ih) draws of the counts.
// Errors are those of BootstrapCounts (for a stratum without respondents
// the error names the stratum) and a *UnitError wrapping [ErrNegative] for
// a negative, NaN or all-zero set of stratum weights. It panics on
// mismatched lengths as BootstrapCounts does, and if weights is not nil
// and weights[i] does not have one share per stratum of unit i.
func BootstrapStrata(ctx context.Context, counts [][][]int, weights [][]float64, values []float64, ids []string, s Settings) (*Distribution, error) {
	n := len(counts)
	checkIDs(ids, n)
	if err := dupID(ids); err != nil {
		return nil, err
	}
	if weights != nil && len(weights) != n {
		panic(fmt.Sprintf("ranking: len(weights)=%d != %d units", len(weights), n))
	}
	cells := make([][]stratumCell, n)
	nominal := make([]float64, n)
	for i, strata := range counts {
		if weights != nil && len(weights[i]) != len(strata) {
			panic(fmt.Sprintf("ranking: unit %d has %d strata and %d weights", i, len(strata), len(weights[i])))
		}
		var wsum float64
		for h, c := range strata {
			if len(c) != len(values) {
				panic(fmt.Sprintf("ranking: unit %d stratum %d has %d categories, values has %d", i, h, len(c), len(values)))
			}
			cell := stratumCell{counts: c, suffix: make([]int, len(c))}
			for k := len(c) - 1; k >= 0; k-- {
				if c[k] < 0 {
					return nil, unitErr(ids, i, fmt.Errorf("%w: count %d in stratum %d, category %d", ErrNegative, c[k], h, k))
				}
				cell.total += c[k]
				cell.suffix[k] = cell.total
			}
			if cell.total == 0 {
				return nil, unitErr(ids, i, fmt.Errorf("%w in stratum %d", ErrNoRespondents, h))
			}
			cell.weight = float64(cell.total)
			if weights != nil {
				cell.weight = weights[i][h]
				if !(cell.weight >= 0) || math.IsInf(cell.weight, 0) {
					return nil, unitErr(ids, i, fmt.Errorf("%w: weight %v of stratum %d", ErrNegative, cell.weight, h))
				}
			}
			wsum += cell.weight
			cells[i] = append(cells[i], cell)
		}
		if !(wsum > 0) {
			return nil, unitErr(ids, i, fmt.Errorf("%w: stratum weights sum to %v", ErrNegative, wsum))
		}
		for h := range cells[i] {
			cells[i][h].weight /= wsum
		}
		nominal[i] = stratifiedMean(values, cells[i], nil)
	}
	keys := unitKeys(ids, n)
	newSample := func() sampleFunc {
		var draw [][]int
		us := newUnitStreams(s.Seed, keys)
		return func(rep int, _ *rand.Rand, dst []float64) error {
			for i, cs := range cells {
				for len(draw) < len(cs) {
					draw = append(draw, make([]int, len(values)))
				}
				r := us.at(rep, i)
				for h, c := range cs {
					multinomialCounts(r, c.total, c.counts, c.suffix, draw[h])
				}
				dst[i] = stratifiedMean(values, cs, draw)
			}
			return nil
		}
	}
	d, err := simulate(ctx, nominal, ids, s, newSample, nil)
	return withFingerprint(d, err, nil, nil, struct {
		Analysis string
		Counts   [][][]int
		Weights  [][]string
		Values   []string
		IDs      []string
		Settings Settings
	}{"bootstrap_strata", counts, floatMatrixText(weights), floatText(values), ids, s})
}

func floatMatrixText(x [][]float64) [][]string {
	if x == nil {
		return nil
	}
	out := make([][]string, len(x))
	for i, r := range x {
		out[i] = floatText(r)
	}
	return out
}

// stratumCell is one stratum of one unit: its counts, their suffix sums,
// its sample size and its normalised population share.
type stratumCell struct {
	counts []int
	suffix []int
	total  int
	weight float64
}

// stratifiedMean returns sum_h W_h mean_h over the cells, with the counts
// of draw (or the cells' own counts when draw is nil).
func stratifiedMean(values []float64, cells []stratumCell, draw [][]int) float64 {
	var s float64
	for h, c := range cells {
		cnt := c.counts
		if draw != nil {
			cnt = draw[h]
		}
		s += float64(c.weight * categoryMean(values, cnt, c.total))
	}
	return s
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
// (rng.Normal, Marsaglia's polar method; z_i from unit i's own stream, as
// in BootstrapCounts) and ranks the scores under s.Ranking. It suits survey estimates with design-based standard errors
// when the respondents' data are not at hand. It returns a *UnitError
// wrapping [ErrNegative] for a negative or NaN standard error, the errors
// of [Rank] for the estimates, and ctx's error. It panics if
// len(se) != len(est), ids has the wrong length, or s is invalid.
func Parametric(ctx context.Context, est, se []float64, ids []string, s Settings) (*Distribution, error) {
	n := checkPair(est, se)
	checkIDs(ids, n)
	if err := dupID(ids); err != nil {
		return nil, err
	}
	for i, v := range se {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, unitErr(ids, i, fmt.Errorf("%w: standard error %v", ErrNegative, v))
		}
	}
	keys := unitKeys(ids, n)
	newSample := func() sampleFunc {
		us := newUnitStreams(s.Seed, keys)
		return func(rep int, _ *rand.Rand, dst []float64) error {
			for i := range est {
				dst[i] = est[i] + float64(se[i]*rng.Normal(us.at(rep, i)))
			}
			return nil
		}
	}
	d, err := simulate(ctx, est, ids, s, newSample, nil)
	return withFingerprint(d, err, nil, nil, struct {
		Analysis string
		Est, SE  []string
		IDs      []string
		Settings Settings
	}{"parametric", floatText(est), floatText(se), ids, s})
}

// ParametricCov is [Parametric] for correlated estimates: each replication
// draws
//
//	score = est + L z,  z ~ N(0, I),  L L^T = cov
//
// (L the Cholesky factor, computed once; cov may be singular). Unlike
// Parametric, its draws depend on the order of the units, as the Cholesky
// factor does. It returns
// the errors of Parametric and [ErrNotPSD] for a covariance that is not
// positive semidefinite, and panics if the dimension of cov is not
// len(est), ids has the wrong length, or s is invalid.
func ParametricCov(ctx context.Context, est []float64, cov mat.Symmetric, ids []string, s Settings) (*Distribution, error) {
	n := len(est)
	checkIDs(ids, n)
	if err := dupID(ids); err != nil {
		return nil, err
	}
	if cov.SymmetricDim() != n {
		panic(fmt.Sprintf("ranking: covariance is %d×%d for %d estimates", cov.SymmetricDim(), cov.SymmetricDim(), n))
	}
	if err := checkSize(s.replications(), "replications", "the rank histogram", histCells(n)...); err != nil {
		return nil, err
	}
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		for j := range a[i] {
			a[i][j] = cov.At(i, j)
		}
	}
	l, err := cholesky(a)
	if err != nil {
		return nil, err
	}
	newSample := func() sampleFunc {
		z := make([]float64, n)
		return func(_ int, r *rand.Rand, dst []float64) error {
			for i := range z {
				z[i] = rng.Normal(r)
			}
			for i := range dst {
				v := est[i]
				for k := 0; k <= i; k++ {
					v += float64(l[i][k] * z[k])
				}
				dst[i] = v
			}
			return nil
		}
	}
	d, err := simulate(ctx, est, ids, s, newSample, nil)
	return withFingerprint(d, err, nil, nil, struct {
		Analysis string
		Est, Cov []string
		IDs      []string
		Settings Settings
	}{"parametric_cov", floatText(est), flatText(a), ids, s})
}

// unitKeys returns the stream key of every unit: the 64-bit FNV-1a hash of
// its id, or its index when ids is nil.
func unitKeys(ids []string, n int) []uint64 {
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = uint64(i)
		if ids != nil {
			h := fnv.New64a()
			h.Write([]byte(ids[i]))
			keys[i] = h.Sum64()
		}
	}
	return keys
}

// unitStreams gives unit i of replication rep its own stream,
//
//	rng.Stream(SplitMix64(seed xor SplitMix64(rep)), key_i)
//
// so that with unit ids a unit's draws, and so the whole result, do not
// depend on the order in which the units are given. One per worker.
type unitStreams struct {
	seed uint64
	keys []uint64
	pcg  rand.PCG
	r    *rand.Rand
}

func newUnitStreams(seed uint64, keys []uint64) *unitStreams {
	u := &unitStreams{seed: seed, keys: keys}
	u.r = rand.New(&u.pcg)
	return u
}

func (u *unitStreams) at(rep, i int) *rand.Rand {
	reseed(&u.pcg, rng.SplitMix64(u.seed^rng.SplitMix64(uint64(rep))), u.keys[i])
	return u.r
}
