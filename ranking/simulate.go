package ranking

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/rng"
)

// Settings configures the replication-based analyses ([MonteCarlo],
// [BootstrapCounts], [Parametric]). The zero value means 1,000
// replications, seed 0, the default ranking options, a central 90%
// interval (5th to 95th percentile), and no top-k, bottom-k or band
// probabilities.
type Settings struct {
	// Replications is the number of replications; 0 means 1,000. More
	// than [MaxReplications], or more than 8,192 units, is an error
	// wrapping [ErrTooLarge] (see the package documentation's bounds).
	Replications int `json:"replications"`
	// Seed seeds the analysis: replication i of MonteCarlo draws from
	// rng.New(Seed, i); BootstrapCounts, BootstrapStrata and Parametric
	// give each unit of replication i its own stream keyed by the unit's
	// id, so that the result does not depend on the order of the units
	// either. Results never depend on GOMAXPROCS or scheduling.
	Seed uint64 `json:"seed"`
	// Ranking ranks every replication (and the nominal scores).
	Ranking Options `json:"ranking"`
	// Level is the coverage of the central percentile interval [Lo, Hi];
	// 0 means 0.90 (5th and 95th percentiles).
	Level float64 `json:"level,omitempty"`
	// TopK and BottomK ask for P(rank <= TopK) and P(rank > n - BottomK);
	// 0 means not asked for (a k of n or more gives probability 1).
	TopK    int `json:"top_k,omitempty"`
	BottomK int `json:"bottom_k,omitempty"`
	// Bands are increasing rank bounds b_1 < b_2 < ...; band 0 is
	// rank <= b_1, band j is b_j < rank <= b_{j+1}, the last band is
	// rank > b_last. nil means no band probabilities.
	Bands []int `json:"bands,omitempty"`
	// Tables, if not nil, holds each unit's league table (0, 1, ...):
	// the units of a table are ranked among themselves, so that a unit's
	// rank is its rank in its table, as [Classify] ranks categories
	// apart. Last, if not nil, flags the units ranked after every other
	// unit of their table, among themselves by score (vetoed units under
	// veto_placement "last"). nil means one table and no unit last; a
	// non-nil slice has one element per unit (a wrong length panics).
	// Top-k and band probabilities then count places within the table;
	// BottomK compares with the number of all units, so leave it 0 with
	// Tables.
	Tables []int  `json:"tables,omitempty"`
	Last   []bool `json:"last,omitempty"`
	// Progress, if not nil, is called after each block of model runs
	// with the number of blocks done and their total, so that a caller
	// can draw a progress bar. It is called from the worker goroutines,
	// concurrently and not necessarily in increasing order of done, so it
	// must be safe for concurrent use and quick. It has no effect on the
	// results and is not part of the fingerprint.
	Progress func(done, total int) `json:"-"`
}

func (s Settings) replications() int {
	if s.Replications == 0 {
		return 1000
	}
	return s.Replications
}

func (s Settings) level() float64 {
	if s.Level == 0 {
		return 0.9
	}
	return s.Level
}

func (s Settings) check() {
	s.Ranking.check()
	if s.Replications < 0 || !(s.Level >= 0 && s.Level < 1) || s.TopK < 0 || s.BottomK < 0 {
		panic(fmt.Sprintf("ranking: invalid settings: replications=%d level=%v top_k=%d bottom_k=%d", s.Replications, s.Level, s.TopK, s.BottomK))
	}
	for i, b := range s.Bands {
		if b < 1 || i > 0 && b <= s.Bands[i-1] {
			panic(fmt.Sprintf("ranking: bands %v are not increasing positive ranks", s.Bands))
		}
	}
	for _, t := range s.Tables {
		if t < 0 {
			panic(fmt.Sprintf("ranking: negative table %d in Settings.Tables", t))
		}
	}
}

// tableRanker ranks scores under Settings.Tables and Settings.Last: the
// units fall into parts (a table's units not last, then its units last),
// each ranked alone and offset by the units of its table ranked before
// it. Without tables and last it is one Ranker over every unit. It is not
// safe for concurrent use.
type tableRanker struct {
	parts  [][]int // unit indices of each part
	offset []float64
	rank   []*Ranker
	sc, r  [][]float64
}

func newTableRanker(n int, ids []string, s Settings) *tableRanker {
	if s.Tables != nil && len(s.Tables) != n || s.Last != nil && len(s.Last) != n {
		panic(fmt.Sprintf("ranking: %d units, len(Settings.Tables)=%d, len(Settings.Last)=%d", n, len(s.Tables), len(s.Last)))
	}
	nt := 1
	for _, t := range s.Tables {
		nt = max(nt, t+1)
	}
	parts := make([][]int, 2*nt)
	for i := range n {
		p := 0
		if s.Tables != nil {
			p = 2 * s.Tables[i]
		}
		if s.Last != nil && s.Last[i] {
			p++
		}
		parts[p] = append(parts[p], i)
	}
	tr := &tableRanker{}
	for p, m := range parts {
		if len(m) == 0 {
			continue
		}
		off := 0.0
		if p%2 == 1 {
			off = float64(len(parts[p-1]))
		}
		var pid []string
		if ids != nil {
			pid = make([]string, len(m))
			for j, i := range m {
				pid[j] = ids[i]
			}
		}
		tr.parts, tr.offset = append(tr.parts, m), append(tr.offset, off)
		tr.rank = append(tr.rank, NewRanker(len(m), pid, s.Ranking))
		tr.sc, tr.r = append(tr.sc, make([]float64, len(m))), append(tr.r, make([]float64, len(m)))
	}
	return tr
}

// Rank writes the ranks of scores to dst.
func (tr *tableRanker) Rank(dst, scores []float64) error {
	if len(tr.parts) == 1 && tr.offset[0] == 0 && len(tr.parts[0]) == len(scores) {
		// One table, nobody last: the part is every unit in order.
		return tr.rank[0].Rank(dst, scores)
	}
	for p, m := range tr.parts {
		sc, r := tr.sc[p], tr.r[p]
		for j, i := range m {
			sc[j] = scores[i]
		}
		if err := tr.rank[p].Rank(r, sc); err != nil {
			return err
		}
		for j, i := range m {
			dst[i] = r[j] + tr.offset[p]
		}
	}
	return nil
}

// Distribution summarises the ranks of n units over the replications of an
// analysis. Per-unit slices are in input order. Percentiles are of the
// empirical distribution of the replicated ranks by the inverse of the
// empirical CDF (Hyndman and Fan's definition 1): the q-th percentile is
// the smallest rank r with #{replications with rank <= r} >= q R.
type Distribution struct {
	Replications int
	// Nominal is the rank of the nominal (unperturbed) scores.
	Nominal []float64
	Median  []float64
	Mean    []float64
	// Lo and Hi are the (1-Level)/2 and (1+Level)/2 percentiles; they need
	// not contain the nominal rank.
	Lo, Hi []float64
	// Min and Max are the extreme ranks over the replications and the
	// nominal ranking, so they always contain Nominal.
	Min, Max []float64
	// PTop and PBottom are P(rank <= TopK) and P(rank > n - BottomK); nil
	// when not asked for.
	PTop, PBottom []float64
	// Bands[i][j] is the probability that unit i's rank is in band j; nil
	// when Settings.Bands is nil.
	Bands [][]float64
	// Shift is, per replication, the mean absolute rank shift against the
	// nominal ranking, (1/n) sum_i |rank_i - nominal_i|.
	Shift []float64
	// MeanAbsShift is the mean of Shift over the replications.
	MeanAbsShift float64
	// SENotPropagated lists, for [MonteCarlo], the leaves with standard
	// errors (an se_column) that a normalisation factor can give a
	// non-linear alternative (rank, percentile, categories, target with a
	// reference unit), through which standard errors do not propagate.
	// The analysis ranks scores and uses no standard errors: they are set
	// aside in every run, and this list says so; nil when there is none.
	SENotPropagated []string `json:",omitempty"`
	// Fingerprint is the SHA-256 of the analysis' inputs and settings
	// (see [Fingerprint]): model, data, factors and Settings for
	// [MonteCarlo]; the counts (or estimates and standard errors), ids and
	// Settings for the survey analyses.
	Fingerprint string
}

// sampleFunc fills dst with the scores of replication rep, drawing from r.
// Each worker has its own sampleFunc (and scratch).
type sampleFunc func(rep int, r *rand.Rand, dst []float64) error

// blockSize is the number of consecutive replications a worker takes at a
// time. Blocks are fixed, so which replications exist never depends on the
// number of workers; only which worker runs them does.
const blockSize = 64

// parallelBlocks runs body(b) for b = 0..nb-1 on up to GOMAXPROCS
// goroutines and returns the error of the lowest failing block, or ctx's
// error. progress, if not nil, is called after each finished block with the
// number of blocks done and nb.
func parallelBlocks(ctx context.Context, nb int, progress func(done, total int), newWorker func() func(b int) error) error {
	workers := min(runtime.GOMAXPROCS(0), nb)
	errs := make([]error, nb)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range max(workers, 0) {
		body := newWorker()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[b] = err
					return
				}
				if errs[b] = body(b); errs[b] != nil {
					return
				}
				if progress != nil {
					progress(int(done.Add(1)), nb)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// simulate runs the replications of sample, ranks each and summarises the
// ranks. nominal are the nominal scores. keep, if not nil, receives every
// replication's ranks (called concurrently for distinct reps; ranks is
// reused after the call).
func simulate(ctx context.Context, nominal []float64, ids []string, s Settings, newSample func() sampleFunc, keep func(rep int, ranks []float64)) (*Distribution, error) {
	n := len(nominal)
	s.check()
	nomRank := make([]float64, n)
	if err := newTableRanker(n, ids, s).Rank(nomRank, nominal); err != nil {
		return nil, err
	}
	R := s.replications()
	if err := checkSize(R, "replications", "the rank histogram", histCells(n)...); err != nil {
		return nil, err
	}
	nb := (R + blockSize - 1) / blockSize
	width := 2*n - 1 // ranks are multiples of 1/2 in [1, n]: slot 2r-2
	if n == 0 {
		width = 0
	}
	total := make([]int64, n*width)
	shift := make([]float64, R)
	var mu sync.Mutex
	var finals []func()
	newWorker := func() func(b int) error {
		sample := newSample()
		ranker := newTableRanker(n, ids, s)
		scores := make([]float64, n)
		ranks := make([]float64, n)
		hist := make([]int32, n*width)
		var pcg rand.PCG
		r := rand.New(&pcg)
		mu.Lock()
		finals = append(finals, func() {
			for i, c := range hist {
				total[i] += int64(c)
			}
		})
		mu.Unlock()
		return func(b int) error {
			for rep := b * blockSize; rep < min(R, (b+1)*blockSize); rep++ {
				reseed(&pcg, s.Seed, uint64(rep)) // rng.New(s.Seed, rep) without allocating
				if err := sample(rep, r, scores); err != nil {
					return fmt.Errorf("ranking: replication %d: %w", rep, err)
				}
				if err := ranker.Rank(ranks, scores); err != nil {
					return fmt.Errorf("ranking: replication %d: %w", rep, err)
				}
				var sh float64
				for i, v := range ranks {
					hist[i*width+int(2*v)-2]++
					sh += math.Abs(v - nomRank[i])
				}
				if n > 0 {
					shift[rep] = sh / float64(n)
				}
				if keep != nil {
					keep(rep, ranks)
				}
			}
			return nil
		}
	}
	if err := parallelBlocks(ctx, nb, s.Progress, newWorker); err != nil {
		return nil, err
	}
	for _, f := range finals {
		f() // integer sums: the same whatever the order
	}
	return summarize(nomRank, total, shift, s), nil
}

// summarize turns rank histograms (count of slot 2r-2 per unit) into a
// Distribution.
func summarize(nomRank []float64, hist []int64, shift []float64, s Settings) *Distribution {
	n := len(nomRank)
	R := len(shift)
	width := 2*n - 1
	d := &Distribution{
		Replications: R, Nominal: nomRank,
		Median: make([]float64, n), Mean: make([]float64, n),
		Lo: make([]float64, n), Hi: make([]float64, n),
		Min: make([]float64, n), Max: make([]float64, n),
		Shift: shift,
	}
	if s.TopK > 0 {
		d.PTop = make([]float64, n)
	}
	if s.BottomK > 0 {
		d.PBottom = make([]float64, n)
	}
	if s.Bands != nil {
		d.Bands = make([][]float64, n)
	}
	lvl := s.level()
	qlo, qhi := (1-lvl)/2, (1+lvl)/2
	need := func(q float64) int64 { return int64(math.Ceil(float64(q*float64(R)) - 1e-9)) }
	nlo, nmed, nhi := max(need(qlo), 1), max(need(0.5), 1), max(need(qhi), 1)
	for i := range n {
		h := hist[i*width : (i+1)*width]
		var cum int64
		var sum float64
		lo, hi := math.Inf(1), math.Inf(-1)
		d.Lo[i], d.Median[i], d.Hi[i] = math.NaN(), math.NaN(), math.NaN()
		if d.Bands != nil {
			d.Bands[i] = make([]float64, len(s.Bands)+1)
		}
		for k, c := range h {
			if c == 0 {
				continue
			}
			r := float64(k+2) / 2
			lo, hi = math.Min(lo, r), math.Max(hi, r)
			prev := cum
			cum += c
			sum += float64(float64(c) * r)
			if prev < nlo && cum >= nlo {
				d.Lo[i] = r
			}
			if prev < nmed && cum >= nmed {
				d.Median[i] = r
			}
			if prev < nhi && cum >= nhi {
				d.Hi[i] = r
			}
			if d.PTop != nil && r <= float64(s.TopK) {
				d.PTop[i] += float64(c)
			}
			if d.PBottom != nil && r > float64(n-s.BottomK) {
				d.PBottom[i] += float64(c)
			}
			if d.Bands != nil {
				j := 0
				for j < len(s.Bands) && r > float64(s.Bands[j]) {
					j++
				}
				d.Bands[i][j] += float64(c)
			}
		}
		d.Min[i] = math.Min(lo, nomRank[i])
		d.Max[i] = math.Max(hi, nomRank[i])
		if R > 0 {
			d.Mean[i] = sum / float64(R)
			if d.PTop != nil {
				d.PTop[i] /= float64(R)
			}
			if d.PBottom != nil {
				d.PBottom[i] /= float64(R)
			}
			if d.Bands != nil {
				for b := range d.Bands[i] {
					d.Bands[i][b] /= float64(R)
				}
			}
		}
	}
	var tot float64
	for _, v := range shift {
		tot += v
	}
	if R > 0 {
		d.MeanAbsShift = tot / float64(R)
	}
	return d
}

// reseed sets p to the state of rng.Stream(seed, i) without allocating
// (rng.Stream returns a new *rand.PCG). TestReseed checks that the two
// streams agree, so this stays the derivation of internal/rng.
func reseed(p *rand.PCG, seed, i uint64) {
	a := rng.SplitMix64(seed ^ rng.SplitMix64(i))
	p.Seed(a, rng.SplitMix64(a^0x6a09e667f3bcc909))
}

// withFingerprint sets d.Fingerprint to Fingerprint(m, t, opts) when the
// analysis succeeded.
func withFingerprint(d *Distribution, err error, m *indicator.Model, t *indicator.Table, opts any) (*Distribution, error) {
	if err != nil {
		return nil, err
	}
	if d.Fingerprint, err = Fingerprint(m, t, opts); err != nil {
		return nil, err
	}
	return d, nil
}

// floatText encodes numbers for a fingerprint: shortest round-trip text,
// so that NaN and infinities (which JSON cannot hold) encode too.
func floatText(x []float64) []string {
	out := make([]string, len(x))
	for i, v := range x {
		out[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return out
}

// flatText is floatText of the rows of a matrix, concatenated.
func flatText(a [][]float64) []string {
	var out []string
	for _, row := range a {
		out = append(out, floatText(row)...)
	}
	return out
}
