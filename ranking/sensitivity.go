package ranking

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ppgpa/ppgpa/indicator"
)

// Sampling selects the design of a variance-based sensitivity analysis.
type Sampling int

const (
	// SamplingSobol takes the points of the Sobol quasi-random sequence
	// (Joe-Kuo direction numbers, points 1..N, dimension 2D for D
	// coordinates, padded with plain random coordinates beyond 50 per
	// matrix); the default.
	SamplingSobol Sampling = iota
	// SamplingRandom takes plain pseudo-random points: point j from
	// rng.New(Seed, j).
	SamplingRandom
)

// String returns "sobol" or "random".
func (s Sampling) String() string { return enumName(samplingNames(), int(s), "Sampling") }

// SobolSettings configures [Sobol]. The zero value means N = 1,024 base
// points from the Sobol sequence, 200 bootstrap resamples for 95%
// intervals, seed 0 and the default ranking options.
type SobolSettings struct {
	// N is the number of base points; 0 means 1,024. The analysis runs the
	// model N (k + 2) times for k factors. More than [MaxReplications], or
	// N (k+2) (n+1) above [MaxCells] for n units, is an error wrapping
	// [ErrTooLarge].
	N int `json:"n,omitempty"`
	// Sampling is the design (default: Sobol sequence).
	Sampling Sampling `json:"sampling"`
	// Seed seeds the random design (and the random coordinates beyond
	// the 50th of a Sobol design), the Dirichlet weight perturbations and
	// the bootstrap.
	Seed uint64 `json:"seed"`
	// Bootstrap is the number of bootstrap resamples of the N points for
	// the intervals; 0 means 200. More than [MaxReplications], or
	// Bootstrap (n+1) 2k above [MaxCells], is an error wrapping
	// [ErrTooLarge].
	Bootstrap int `json:"bootstrap,omitempty"`
	// Level is the coverage of the bootstrap percentile intervals; 0
	// means 0.95.
	Level float64 `json:"level,omitempty"`
	// Ranking ranks every model run.
	Ranking Options `json:"ranking"`
	// Progress, if not nil, is called after each block of model runs
	// and then after each bootstrap resample for the intervals, with the
	// number done and their total (blocks of runs and resamples
	// together), so that a caller can draw a progress bar. With
	// BootstrapProgress, Progress counts the blocks of model runs alone.
	// It is called from the worker goroutines, concurrently and not
	// necessarily in increasing order of done, so it must be safe for
	// concurrent use and quick. It has no effect on the results and is not
	// part of the fingerprint.
	Progress func(done, total int) `json:"-"`
	// BootstrapProgress, if not nil, is called after each bootstrap
	// resample with the number done and Bootstrap: the resamples' phase
	// can take far longer than the model runs (each recomputes the
	// indices over the N rows), so a caller shows it as a phase of its own
	// (as ppgpa uncertainty does). The same rules as for Progress apply.
	BootstrapProgress func(done, total int) `json:"-"`
}

// Indices are the Sobol indices of one output, one entry per factor.
// An index is NaN when the output does not vary at all (a unit whose rank
// never changes), since the fractions of zero variance are undefined.
type Indices struct {
	First, Total     []float64
	FirstLo, FirstHi []float64 // bootstrap percentile interval of First
	TotalLo, TotalHi []float64 // bootstrap percentile interval of Total
}

// SobolResult is the result of [Sobol].
type SobolResult struct {
	Factors []string // factor names, in order
	N       int      // base points
	Runs    int      // model runs, N (k + 2)
	// Units holds the indices of each unit's rank, in table order.
	Units []Indices
	// Shift holds the indices of the mean absolute rank shift against the
	// nominal ranking.
	Shift Indices
	// Fingerprint is the SHA-256 of model, data, factors and settings
	// (see [Fingerprint]).
	Fingerprint string
	// SENotPropagated lists the leaves whose standard errors do not
	// propagate under a non-linear alternative normalisation, as
	// [Distribution].SENotPropagated.
	SENotPropagated []string `json:",omitempty"`
}

// Sobol estimates first-order and total Sobol sensitivity indices of each
// factor on each unit's rank and on the mean absolute rank shift, from the
// N (k + 2) model runs of Saltelli's design [9] for k factors with D
// coordinates in all (see [Factor]: one per perturbed weight of a uniform
// weight factor, one for every other factor): two N × D matrices A and B
// and, for each factor i, A_B^i, which is A with the columns of factor i
// taken from B. With SamplingSobol, row j of A and B is point j+1 of the
// 2D-dimensional Sobol sequence (its first and last D coordinates), so
// every uniform weight and every discrete choice is quasi-random; a
// Dirichlet weight factor's single coordinate seeds the stream of its
// gamma variates, so those are pseudo-random functions of a quasi-random
// number. The table of direction numbers has 101 dimensions: for D > 50,
// coordinates 51..D of A and B are plain random, from rng.New(Seed, j).
// With f(.) the output of a run and V the variance (denominator 2N) of
// the 2N outputs f(A) and f(B),
//
//	S_i  = (1/N) sum_j f(B)_j (f(A_B^i)_j - f(A)_j) / V      (Saltelli et al. 2010)
//	ST_i = (1/(2N)) sum_j (f(A)_j - f(A_B^i)_j)^2 / V        (Jansen 1999)
//
// Intervals are percentiles of the indices recomputed on Bootstrap
// resamples of the N rows (resample b draws from rng.New(Seed ^ tag, b)).
// The factors are those of [MonteCarlo]; runs use its fast path, on all
// cores, with results identical for any GOMAXPROCS.
//
// Sobol returns the errors of [MonteCarlo], and an error wrapping
// [ErrFactor] for no factors. It panics if s has a negative N or Bootstrap, a
// Level outside [0, 1) or an unknown Sampling.
func Sobol(ctx context.Context, plan *indicator.Plan, t *indicator.Table, factors []Factor, s SobolSettings) (*SobolResult, error) {
	if s.N < 0 || s.Bootstrap < 0 || !(s.Level >= 0 && s.Level < 1) || s.Sampling != SamplingSobol && s.Sampling != SamplingRandom {
		panic(fmt.Sprintf("ranking: invalid Sobol settings %+v", s))
	}
	s.Ranking.check()
	k := len(factors)
	if k == 0 {
		return nil, fmt.Errorf("%w: no factors", ErrFactor)
	}
	e, nominal, err := newEvaluator(ctx, plan, t, factors, s.Seed)
	if err != nil {
		return nil, err
	}
	N := cmpOr(s.N, 1024)
	n := len(nominal)
	ids := t.Units()
	nomRank := make([]float64, n)
	if err := RankTo(nomRank, nominal, ids, s.Ranking); err != nil {
		return nil, err
	}
	// out[run][o]: o < n the rank of unit o, o == n the mean shift. Run
	// index: (block c, row j) -> c*N + j with block 0 = A, 1 = B, 2+i =
	// A_B^i.
	B := cmpOr(s.Bootstrap, 200)
	if err := checkSize(N, "base points N", "the model runs", N, k+2, n+1); err != nil {
		return nil, err
	}
	if err := checkSize(B, "bootstrap resamples", "the resampled indices", B, n+1, 2*k); err != nil {
		return nil, err
	}
	runs := N * (k + 2)
	nout := n + 1
	out := make([]float32, runs*nout)
	D := e.ncoord
	nb := (N + blockSize - 1) / blockSize
	// The progress counts the blocks of model runs, then the bootstrap
	// resamples (one per block), against their sum, or each apart with
	// BootstrapProgress.
	runProgress, bootProgress := s.Progress, s.BootstrapProgress
	if s.Progress != nil && s.BootstrapProgress == nil {
		runProgress = func(done, _ int) { s.Progress(done, nb+B) }
		bootProgress = func(done, _ int) { s.Progress(nb+done, nb+B) }
	}
	err = parallelBlocks(ctx, nb, runProgress, func() func(int) error {
		w := e.newWorker()
		ranker := NewRanker(n, ids, s.Ranking)
		des := newDesign(s.Sampling, D, s.Seed)
		a, bb := make([]float64, D), make([]float64, D)
		u := make([]float64, D)
		scores := make([]float64, n)
		ranks := make([]float64, n)
		run := func(c, j int) error {
			if err := w.scores(u, scores); err != nil {
				return fmt.Errorf("ranking: Sobol run %d: %w", c*N+j, err)
			}
			if err := ranker.Rank(ranks, scores); err != nil {
				return fmt.Errorf("ranking: Sobol run %d: %w", c*N+j, err)
			}
			o := out[(c*N+j)*nout : (c*N+j+1)*nout]
			var sh float64
			for i, v := range ranks {
				o[i] = float32(v)
				sh += math.Abs(v - nomRank[i])
			}
			o[n] = float32(sh / float64(n))
			return nil
		}
		return func(b int) error {
			for j := b * blockSize; j < min(N, (b+1)*blockSize); j++ {
				des.fill(j, a, bb)
				copy(u, a)
				if err := run(0, j); err != nil {
					return err
				}
				copy(u, bb)
				if err := run(1, j); err != nil {
					return err
				}
				for i := range k {
					copy(u, a)
					lo, hi := e.off[i], e.off[i]+e.dim[i]
					copy(u[lo:hi], bb[lo:hi])
					if err := run(2+i, j); err != nil {
						return err
					}
				}
			}
			return nil
		}
	})
	if err != nil {
		return nil, err
	}
	fp, err := Fingerprint(plan.Model(), t, struct {
		Analysis string
		Factors  []Factor
		Settings SobolSettings
	}{"sobol", factors, s})
	if err != nil {
		return nil, err
	}
	res := &SobolResult{N: N, Runs: runs, Units: make([]Indices, n), Fingerprint: fp, SENotPropagated: e.seDropped}
	for _, f := range factors {
		res.Factors = append(res.Factors, f.Name)
	}
	// y[o][c*N + j]: output o of run (block c, row j), contiguous per
	// output for the estimators' loops.
	y := make([][]float64, nout)
	for o := range y {
		y[o] = make([]float64, runs)
	}
	for run := range runs {
		for o, v := range out[run*nout : (run+1)*nout] {
			y[o][run] = float64(v)
		}
	}
	out = nil
	rows := identity(N)
	level := s.Level
	if level == 0 {
		level = 0.95
	}
	// boot[b][o*2k + ...]: bootstrap replicates of the indices.
	boot := make([][]float64, B)
	// One resample per block: each is N rows of every output, so that the
	// progress and cancellation follow resample by resample.
	err = parallelBlocks(ctx, B, bootProgress, func() func(int) error {
		rs := make([]int, N)
		var pcg rand.PCG
		r := rand.New(&pcg)
		return func(b int) error {
			reseed(&pcg, s.Seed^0x5ab01b007, uint64(b))
			for j := range rs {
				rs[j] = r.IntN(N)
			}
			v := make([]float64, nout*2*k)
			for o := range nout {
				sobolIndices(y[o], N, rs, v[o*2*k:o*2*k+k], v[o*2*k+k:(o+1)*2*k])
			}
			boot[b] = v
			return nil
		}
	})
	if err != nil {
		return nil, err
	}
	col := make([]float64, B)
	interval := func(o, f int) (lo, hi float64) {
		for b := range B {
			col[b] = boot[b][o*2*k+f]
		}
		return percentileInterval(col, level)
	}
	for o := range nout {
		first, total := make([]float64, k), make([]float64, k)
		sobolIndices(y[o], N, rows, first, total)
		ix := Indices{First: first, Total: total,
			FirstLo: make([]float64, k), FirstHi: make([]float64, k), TotalLo: make([]float64, k), TotalHi: make([]float64, k)}
		for i := range k {
			ix.FirstLo[i], ix.FirstHi[i] = interval(o, i)
			ix.TotalLo[i], ix.TotalHi[i] = interval(o, k+i)
		}
		if o < n {
			res.Units[o] = ix
		} else {
			res.Shift = ix
		}
	}
	return res, nil
}

// sobolIndices writes the first-order (Saltelli 2010) and total (Jansen)
// estimators of one output into first and total (one entry per factor),
// over the rows rs (a bootstrap resample or all rows). y holds the output
// of run (block c, row j) at c*N + j: block 0 is A, 1 is B, 2+i is A_B^i.
func sobolIndices(y []float64, N int, rs []int, first, total []float64) {
	fa, fb := y[:N], y[N:2*N]
	n := float64(len(rs))
	var mean float64
	for _, j := range rs {
		mean += fa[j] + fb[j]
	}
	mean /= 2 * n
	var v float64
	for _, j := range rs {
		a, b := fa[j]-mean, fb[j]-mean
		v += float64(a*a) + float64(b*b)
	}
	v /= 2 * n
	for i := range first {
		if v == 0 {
			first[i], total[i] = math.NaN(), math.NaN()
			continue
		}
		fab := y[(2+i)*N : (3+i)*N]
		var s1, st float64
		for _, j := range rs {
			d := fab[j] - fa[j]
			s1 += float64(fb[j] * d)
			st += float64(d * d)
		}
		first[i] = s1 / n / v
		total[i] = st / (2 * n) / v
	}
}

// percentileInterval returns the (1-level)/2 and (1+level)/2 percentiles
// of x (inverse empirical CDF; NaN values ignored, NaN when none).
func percentileInterval(x []float64, level float64) (lo, hi float64) {
	s := slices.DeleteFunc(slices.Clone(x), math.IsNaN)
	if len(s) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(s)
	at := func(q float64) float64 {
		i := int(math.Ceil(float64(q*float64(len(s)))-1e-9)) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return at((1 - level) / 2), at((1 + level) / 2)
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// design generates the base points of Saltelli's design: row j of the
// matrices A and B, D coordinates each.
type design struct {
	seq  *sobolSeq // nil for plain random points
	S    int       // coordinates per matrix taken from the Sobol sequence
	seed uint64
	p    []float64
	pcg  rand.PCG
	r    *rand.Rand
}

// newDesign returns the design of sampling for D coordinates. With
// SamplingSobol, the first S = min(D, 50) coordinates of A are dimensions
// 1..S of the Sobol sequence and those of B dimensions S+1..2S; any
// further coordinates (beyond the 101 dimensions of the table) are plain
// random, as SamplingRandom's.
func newDesign(sampling Sampling, D int, seed uint64) *design {
	d := &design{seed: seed}
	d.r = rand.New(&d.pcg)
	if sampling == SamplingSobol && D > 0 {
		d.S = min(D, maxSobolDim/2)
		d.seq = newSobolSeq(2 * d.S)
		d.p = make([]float64, 2*d.S)
	}
	return d
}

// fill writes row j of A and B (len D each). Sobol rows are points
// j+1 of the sequence (point 0 is the origin); the random coordinates of
// row j come from rng.New(seed, j), first those of A, then those of B.
func (d *design) fill(j int, a, b []float64) {
	if d.seq != nil {
		d.seq.point(uint64(j+1), d.p)
		copy(a, d.p[:d.S])
		copy(b, d.p[d.S:])
	}
	if d.S == len(a) {
		return
	}
	reseed(&d.pcg, d.seed, uint64(j))
	for i := d.S; i < len(a); i++ {
		a[i] = d.r.Float64()
	}
	for i := d.S; i < len(b); i++ {
		b[i] = d.r.Float64()
	}
}
