package ranking

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/internal/rng"
)

// ErrNotPSD is returned when a covariance matrix is not positive
// semidefinite.
var ErrNotPSD = errors.New("ranking: covariance matrix is not positive semidefinite")

// ConfidenceSettings configures [RankConfidence], [TopSet] and
// [BottomSet]. The zero value means 95% confidence, 10,000 draws of the
// max statistic, seed 0 and rank 1 for the highest estimate.
//
// The default was 1,000 draws (csranks' R default); with 1,000 the sets of
// 3 to 7 of PISA's 38 countries change from one seed to another, because
// the sampled critical values move by a few hundredths. 10,000 draws cut
// that Monte Carlo error by sqrt(10); a set whose bound sits on the
// critical value can still move with the seed, so a published set should
// state its draws and seed ([Confidence].Draws and the fingerprint).
type ConfidenceSettings struct {
	// Level is the confidence level; 0 means 0.95.
	Level float64 `json:"level,omitempty"`
	// Draws is the number of draws from N(0, cov) used for the critical
	// values; 0 means 10,000. More than [MaxReplications], or Draws × n
	// or n × n above [MaxCells] for n units, is an error wrapping
	// [ErrTooLarge].
	Draws int `json:"draws,omitempty"`
	// Seed seeds the draws: draw b uses rng.New(Seed, b).
	Seed uint64 `json:"seed"`
	// Direction says which end is rank 1 (default: the highest estimate).
	Direction Direction `json:"direction"`
	// Progress, if not nil, is called by [RankConfidence] after each
	// unit's marginal set (done of total = n + ceil(n/2)) and after the
	// simultaneous sets (total of total), which cost about as much as n/2
	// marginal sets; by [TopSet] and [BottomSet] after each block of
	// draws and each block of the stepdown's first step, which compares
	// every pair of units in every draw (done of total = 3 × blocks: a
	// block of draws counts 1, of the first step 2, in proportion to
	// their cost; the later steps, which recompute only the draws whose
	// maximum was rejected, report total of total at the end). It is
	// called from the worker goroutines, concurrently and not necessarily
	// in increasing order of done. It has no effect on the results and is
	// not part of the fingerprint.
	Progress func(done, total int) `json:"-"`
}

func (s ConfidenceSettings) level() float64 {
	if s.Level == 0 {
		return 0.95
	}
	return s.Level
}

// DefaultDraws is the number of draws of the max statistic when
// [ConfidenceSettings].Draws is 0.
const DefaultDraws = 10_000

func (s ConfidenceSettings) draws() int {
	if s.Draws == 0 {
		return DefaultDraws
	}
	return s.Draws
}

// RankSet is a confidence set for one unit's rank: the ranks Lo..Hi
// (1 = best).
type RankSet struct {
	Lo, Hi int
}

// Contains reports whether r lies in the set.
func (s RankSet) Contains(r float64) bool { return r >= float64(s.Lo) && r <= float64(s.Hi) }

// Confidence is the result of [RankConfidence], per unit in input order.
type Confidence struct {
	// Marginal[i] covers unit i's true rank with probability at least
	// Level, for each unit separately.
	Marginal []RankSet
	// Simultaneous covers the true ranks of all units at once with
	// probability at least Level.
	Simultaneous []RankSet
	// Draws is the number of draws the critical values came from (the
	// settings' Draws, or [DefaultDraws]).
	Draws int
	// Fingerprint is the SHA-256 of the estimates, the covariance and the
	// settings (see [Fingerprint]).
	Fingerprint string
}

// confData holds what the stepdown procedures share: estimates (negated
// for LowerFirst, so that larger is always better), the standard deviations
// of pairwise differences and the draws Z_b ~ N(0, cov).
type confData struct {
	est   []float64
	cov   [][]float64
	z     [][]float64
	level float64
}

// newConfData checks est and cov and makes the draws; progress, if not
// nil, is called after each block of draws (done of total blocks).
func newConfData(ctx context.Context, est []float64, cov mat.Symmetric, s ConfidenceSettings, progress func(done, total int)) (*confData, error) {
	n := len(est)
	if cov.SymmetricDim() != n {
		panic(fmt.Sprintf("ranking: covariance is %d×%d for %d estimates", cov.SymmetricDim(), cov.SymmetricDim(), n))
	}
	if !s.Direction.valid() || !(s.Level >= 0 && s.Level < 1) || s.Draws < 0 {
		panic(fmt.Sprintf("ranking: invalid confidence settings %+v", s))
	}
	if err := checkSize(s.draws(), "draws", "the draws", s.draws(), n); err != nil {
		return nil, err
	}
	if err := checkSize(0, "", "the covariance", n, n); err != nil {
		return nil, err
	}
	d := &confData{est: make([]float64, n), cov: make([][]float64, n), level: s.level()}
	for i, v := range est {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, unitErr(nil, i, fmt.Errorf("%w: estimate %v", ErrNaN, v))
		}
		d.est[i] = v
		if s.Direction == LowerFirst {
			d.est[i] = -v
		}
		d.cov[i] = make([]float64, n)
		for j := range n {
			c := cov.At(i, j)
			if math.IsNaN(c) || math.IsInf(c, 0) {
				return nil, unitErr(nil, i, fmt.Errorf("%w: covariance entry (%d, %d) is %v, want a finite number", ErrNotPSD, i, j, c))
			}
			d.cov[i][j] = c
		}
	}
	l, err := cholesky(d.cov)
	if err != nil {
		return nil, err
	}
	B := s.draws()
	d.z = make([][]float64, B)
	nb := (B + blockSize - 1) / blockSize
	err = parallelBlocks(ctx, nb, progress, func() func(int) error {
		e := make([]float64, n)
		return func(blk int) error {
			for b := blk * blockSize; b < min(B, (blk+1)*blockSize); b++ {
				r := rng.New(s.Seed, uint64(b))
				for i := range e {
					e[i] = rng.Normal(r)
				}
				zb := make([]float64, n)
				for i := range n {
					var v float64
					for k := 0; k <= i; k++ {
						v += float64(l[i][k] * e[k])
					}
					zb[i] = v
				}
				d.z[b] = zb
			}
			return nil
		}
	})
	return d, err
}

// cholesky returns the lower triangular L with L L^T = a for a positive
// semidefinite a (columns with a zero pivot are set to zero), or
// ErrNotPSD. The tolerance is relative to each pivot's diagonal entry: the
// remaining pivot d_j = a_jj - sum_{k<j} L_jk^2 counts as zero when
// |d_j| <= 1e-12 * n * a_jj (rounding in the sum is of that order), and
// as negative (not PSD) below -1e-12 * n * a_jj; a zero pivot whose
// column below is not zero is not PSD either. A scale-free rule: a unit
// with a small variance next to one with a huge variance is not mistaken
// for a zero column. Products are rounded explicitly for portability.
func cholesky(a [][]float64) ([][]float64, error) {
	n := len(a)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
	}
	for j := range n {
		d := a[j][j]
		for k := range j {
			d -= float64(l[j][k] * l[j][k])
		}
		tol := float64(1e-12*float64(n)) * math.Abs(a[j][j])
		if d < -tol || math.IsNaN(d) {
			return nil, fmt.Errorf("%w: pivot %d is %v", ErrNotPSD, j, d)
		}
		if d <= tol {
			// Zero column: unit j is a combination of earlier ones. For a
			// PSD matrix the rest of the column is then at most
			// sqrt(d_j * a_ii) <= sqrt(tol * a_ii) in size.
			for i := j + 1; i < n; i++ {
				v := a[i][j]
				for k := range j {
					v -= float64(l[i][k] * l[j][k])
				}
				if math.Abs(v) > math.Sqrt(float64(tol*math.Abs(a[i][i]))) {
					return nil, fmt.Errorf("%w: pivot %d is %v but entry (%d, %d) leaves %v", ErrNotPSD, j, d, i, j, v)
				}
			}
			continue
		}
		ljj := math.Sqrt(d)
		l[j][j] = ljj
		for i := j + 1; i < n; i++ {
			v := a[i][j]
			for k := range j {
				v -= float64(l[i][k] * l[j][k])
			}
			l[i][j] = v / ljj
		}
	}
	return l, nil
}

// hyp is the one-sided hypothesis theta_a <= theta_b, with sd the
// standard deviation of est_a - est_b. Rejecting it finds unit a
// significantly better than unit b.
type hyp struct {
	a, b    int32
	sd, inv float64 // inv = 1/sd (0 when sd = 0)
}

func newHyp(a, b int, sd float64) hyp {
	h := hyp{a: int32(a), b: int32(b), sd: sd}
	if sd > 0 {
		h.inv = 1 / sd
	}
	return h
}

func (d *confData) sd(a, b int) float64 {
	v := d.cov[a][a] + d.cov[b][b] - float64(2*d.cov[a][b])
	return math.Sqrt(math.Max(v, 0))
}

// stepdown runs the stepdown procedure of Romano and Wolf (2005) with the
// max statistic on one-sided hypotheses, as Mogstad et al. (2024,
// Algorithm 3.1) use it: with the set K of hypotheses not yet rejected,
// the critical value c is the ceil(Level B)-th smallest of
// max_{h in K} T_b(h) over the B draws, where
//
//	T_b(h) = (Z_b[a] - Z_b[b]) / sd_h
//
// and every h in K with (est_a - est_b)/sd_h > c is rejected; this repeats
// until no new rejection. Only the rejected direction leaves K: the
// reverse hypothesis theta_b <= theta_a, if in the family, stays and keeps
// counting in the max statistic (Mogstad et al. turn each two-sided
// comparison into the two one-sided ones; csranks' initialize_I0 does the
// same). Hypotheses with sd = 0 are decided exactly (rejected when
// est_a > est_b). It returns the rejected flags.
//
// progress, if not nil, is called after each block of draws of the first
// step (done of total blocks), the step that computes every draw's
// maximum; the later steps recompute only the draws whose maximum was
// rejected.
func (d *confData) stepdown(ctx context.Context, hs []hyp, parallel bool, progress func(done, total int)) ([]bool, error) {
	rej := make([]bool, len(hs))
	var active []int
	for k, h := range hs {
		if h.sd == 0 {
			rej[k] = d.est[h.a] > d.est[h.b]
			continue
		}
		active = append(active, k)
	}
	B := len(d.z)
	maxes := make([]float64, B)
	q := int(math.Ceil(float64(d.level*float64(B))-1e-9)) - 1
	q = max(0, min(q, B-1))
	// argmax[b] is the hypothesis attaining maxes[b]. A stepdown step only
	// removes hypotheses, so a draw's maximum changes only when its argmax
	// was rejected; only those draws are recomputed.
	argmax := make([]int, B)
	for b := range argmax {
		argmax[b] = -1
	}
	for len(active) > 0 {
		fill := func(b int) {
			if argmax[b] >= 0 && !rej[argmax[b]] {
				return
			}
			zb := d.z[b]
			m, arg := math.Inf(-1), -1
			for _, k := range active {
				h := &hs[k]
				t := float64(zb[h.a]-zb[h.b]) * h.inv
				if t > m {
					m, arg = t, k
				}
			}
			maxes[b], argmax[b] = m, arg
		}
		if parallel {
			nb := (B + blockSize - 1) / blockSize
			err := parallelBlocks(ctx, nb, progress, func() func(int) error {
				return func(blk int) error {
					for b := blk * blockSize; b < min(B, (blk+1)*blockSize); b++ {
						fill(b)
					}
					return nil
				}
			})
			if err != nil {
				return nil, err
			}
			progress = nil
		} else {
			for b := range B {
				fill(b)
			}
		}
		sorted := slices.Clone(maxes)
		slices.Sort(sorted)
		c := sorted[q]
		kept := active[:0]
		for _, k := range active {
			h := hs[k]
			if (d.est[h.a]-d.est[h.b])/h.sd > c {
				rej[k] = true
			} else {
				kept = append(kept, k)
			}
		}
		if len(kept) == len(active) {
			break
		}
		active = kept
	}
	return rej, nil
}

// allPairs returns the one-sided hypotheses theta_k <= theta_j for all
// ordered pairs k != j.
func (d *confData) allPairs() []hyp {
	n := len(d.est)
	hs := make([]hyp, 0, n*(n-1))
	for j := range n {
		for k := range n {
			if k != j {
				hs = append(hs, newHyp(k, j, d.sd(k, j)))
			}
		}
	}
	return hs
}

// RankConfidence returns marginal and simultaneous confidence sets for the
// ranks of n units from their estimates and the estimates' covariance,
// by the procedure of Mogstad, Romano, Shaikh and Wilhelm (2024) [5],
// with stepdown. For unit j the marginal set comes from the 2(n-1)
// one-sided hypotheses
//
//	theta_k <= theta_j  and  theta_j <= theta_k,   k != j,
//
// tested simultaneously (stepdown with the max statistic, critical values
// from draws of N(0, cov); see the paper's Section 3 and Remark 3.3, and
// csranks' initialize_I0). With R+ = {k: theta_k <= theta_j rejected} (the
// units significantly better than j) and R- = {k: theta_j <= theta_k
// rejected} (significantly worse), the set is
//
//	{1 + |R+|, ..., n - |R-|}
//
// The simultaneous sets do the same with all n(n-1) ordered pairs tested
// together, which makes the sets cover every unit's rank at once; they
// always contain the marginal sets (the same draws, a larger family).
// Ties in the true values make the rank ambiguous; the sets cover every
// rank a tied unit could take. Draws are seeded (draw b from
// rng.New(Seed, b)), so results do not depend on GOMAXPROCS; they do
// depend on the order of the units, through the Cholesky factor of cov
// that turns the draws into N(0, cov) (a reordering gives sets with the
// same coverage, not always the same bits).
//
// cov may be any mat.Symmetric (a *mat.DiagDense of squared standard
// errors for independent estimates). It returns a *UnitError wrapping
// [ErrNaN] for a NaN or infinite estimate, an error wrapping [ErrNotPSD]
// for a covariance with a NaN or infinite entry or that is not positive
// semidefinite, and ctx's error. It panics if the dimension of cov is not
// len(est) or s is invalid.
func RankConfidence(ctx context.Context, est []float64, cov mat.Symmetric, s ConfidenceSettings) (*Confidence, error) {
	d, err := newConfData(ctx, est, cov, s, nil)
	if err != nil {
		return nil, err
	}
	n := len(est)
	fp, err := Fingerprint(nil, nil, struct {
		Analysis string
		Est, Cov []string
		Settings ConfidenceSettings
	}{"rank_confidence", floatText(est), flatText(d.cov), s})
	if err != nil {
		return nil, err
	}
	res := &Confidence{Marginal: make([]RankSet, n), Simultaneous: make([]RankSet, n), Draws: s.draws(), Fingerprint: fp}
	total := n + (n+1)/2
	var marginal func(done, _ int)
	if s.Progress != nil {
		marginal = func(done, _ int) { s.Progress(done, total) }
	}
	err = parallelBlocks(ctx, n, marginal, func() func(int) error {
		return func(j int) error {
			hs := make([]hyp, 0, 2*(n-1))
			for k := range n {
				if k != j {
					hs = append(hs, newHyp(k, j, d.sd(k, j)), newHyp(j, k, d.sd(j, k)))
				}
			}
			rej, err := d.stepdown(ctx, hs, false, nil)
			if err != nil {
				return err
			}
			res.Marginal[j] = rankSet(n, j, hs, rej)
			return nil
		}
	})
	if err != nil {
		return nil, err
	}
	hs := d.allPairs()
	rej, err := d.stepdown(ctx, hs, true, nil)
	if err != nil {
		return nil, err
	}
	for j := range n {
		res.Simultaneous[j] = rankSet(n, j, hs, rej)
	}
	if s.Progress != nil {
		s.Progress(total, total)
	}
	return res, nil
}

// rankSet returns {1 + |R+|, ..., n - |R-|} for unit j, where R+ are the
// units k with theta_k <= theta_j rejected and R- those with
// theta_j <= theta_k rejected, among the hypotheses hs.
func rankSet(n, j int, hs []hyp, rej []bool) RankSet {
	s := RankSet{Lo: 1, Hi: n}
	for k, h := range hs {
		if !rej[k] {
			continue
		}
		switch {
		case int(h.b) == j:
			s.Lo++ // h.a is significantly better than j
		case int(h.a) == j:
			s.Hi-- // j is significantly better than h.b
		}
	}
	return s
}

// TopSet returns a confidence set for the tau best units: flags of the
// units that may be among the tau best, such that the set contains all of
// the true tau best with probability at least Level (Mogstad et al. 2024,
// the "tau-best" sets [5]). It tests the one-sided hypotheses
// theta_k <= theta_j for all ordered pairs simultaneously (stepdown with
// the max statistic) and drops unit j when at least tau units are found
// significantly better than j. Errors and panics are those of
// [RankConfidence]; it also panics if tau is not in 1..n.
//
// The set is a function of est, cov, s and tau alone, so TopSet returns
// only the flags: the fingerprint to report with it is that of
// [RankConfidence] for the same est, cov and s (Confidence.Fingerprint),
// stated together with tau, as ppgpa rank reports its top and bottom sets.
func TopSet(ctx context.Context, est []float64, cov mat.Symmetric, tau int, s ConfidenceSettings) ([]bool, error) {
	if tau < 1 || tau > len(est) {
		panic(fmt.Sprintf("ranking: tau=%d for %d units", tau, len(est)))
	}
	// Progress: the draws' blocks count 1 each, the first step's 2 (it
	// compares n (n - 1) pairs per draw where a draw costs about n^2/2
	// products).
	var drawn, stepped func(done, total int)
	if s.Progress != nil {
		drawn = func(done, total int) { s.Progress(done, 3*total) }
		stepped = func(done, total int) { s.Progress(total+2*done, 3*total) }
	}
	d, err := newConfData(ctx, est, cov, s, drawn)
	if err != nil {
		return nil, err
	}
	n := len(est)
	hs := d.allPairs()
	rej, err := d.stepdown(ctx, hs, true, stepped)
	if err != nil {
		return nil, err
	}
	better := make([]int, n)
	for k, h := range hs {
		if rej[k] {
			better[h.b]++
		}
	}
	in := make([]bool, n)
	for j := range n {
		in[j] = better[j] < tau
	}
	if s.Progress != nil {
		nb := (len(d.z) + blockSize - 1) / blockSize
		s.Progress(3*nb, 3*nb)
	}
	return in, nil
}

// BottomSet is [TopSet] for the tau worst units; its fingerprint, too, is
// that of [RankConfidence] for the same est, cov and s.
func BottomSet(ctx context.Context, est []float64, cov mat.Symmetric, tau int, s ConfidenceSettings) ([]bool, error) {
	if s.Direction == HigherFirst {
		s.Direction = LowerFirst
	} else {
		s.Direction = HigherFirst
	}
	return TopSet(ctx, est, cov, tau, s)
}

// Tiers assigns every unit the tier that wholly contains its rank
// confidence set, the grading no point ranking can support: tier t holds
// the ranks cuts[t-1] < r <= cuts[t] (cuts[-1] = 0), and the last tier
// the ranks above the last cut. For example, with 20 units, cuts 5, 10, 15
// give quartiles, and tier 0 is "surely in the top quarter". A unit whose
// set spans more than one tier gets -1. Tiers returns an error wrapping
// [ErrGrading] if a cut is below 1 or the cuts are not increasing.
func Tiers(sets []RankSet, cuts []int) ([]int, error) {
	for i, c := range cuts {
		if c < 1 {
			return nil, fmt.Errorf("%w: tier cut %d is %d, want a rank of at least 1", ErrGrading, i, c)
		}
		if i > 0 && c <= cuts[i-1] {
			return nil, fmt.Errorf("%w: tier cuts %v are not increasing", ErrGrading, cuts)
		}
	}
	tier := func(r int) int {
		t := 0
		for t < len(cuts) && r > cuts[t] {
			t++
		}
		return t
	}
	out := make([]int, len(sets))
	for i, s := range sets {
		lo, hi := tier(s.Lo), tier(s.Hi)
		out[i] = lo
		if lo != hi {
			out[i] = -1
		}
	}
	return out, nil
}
