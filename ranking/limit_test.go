package ranking

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
	"github.com/ppgpa/ppgpa/internal/detmath"
)

// mcLimit is the hand-written program that BenchmarkMonteCarloLimit runs:
// the least work that gives BenchmarkMonteCarlo's result, as tightly as we
// can write it, on one goroutine. It knows the model's shape (a root of
// groups of min-max leaves, weights perturbed uniformly at both levels,
// and one factor choosing the arithmetic or the geometric mean, offset 1,
// for every group) and that the data are complete. Per call it
// normalises the columns and takes the logarithms ln(y + 1) of the leaf
// scores once (the library's Prepare and its cache of leaf terms); per
// replication it draws the same coordinates from the same stream, forms
// the same weights, aggregates each group column by column, up to eight
// columns per pass over the units (the weights in registers, each unit's
// partial sum loaded and stored once per pass), takes the exponentials
// and logarithms of the geometric means with detmath.ExpTo and LogTo,
// ranks by a bucket sort (limitRank) with the default tolerance for
// ties, and counts the ranks as the library does. It is the yardstick of BenchmarkMonteCarlo
// in the performance notes: the library does this work plus its
// generality (any tree, any factor, checks). It stays Go: its weighted
// sums (addColumns) are scalar, while on amd64 the library's are packed
// SSE2 (indicator/sumcols_amd64.s, the same bits), so that there the
// ratio includes that kernel's gain; the exponentials and logarithms are
// the library's own detmath.ExpTo and LogTo for both (packed SSE2 on
// amd64 too).
type mcLimit struct {
	n, groups, leaves int       // units, groups under the root, leaves per group
	cols              []float64 // leaf-major raw values, group by group
	top               []float64 // the root's nominal weights, normalised
	sub               [][]float64
	amount            float64
	geometric         bool // the aggregation factor is present
	seed              uint64
	reps              int
	// keep, if not nil, receives every replication's scores (for the
	// test that compares them with the library's).
	keep func(rep int, scores []float64)
}

// mcLimitResult is what the limit computes: the rank histograms (slot
// 2r-2 per unit), the shifts and the summary of the library's
// Distribution that the tests compare.
type mcLimitResult struct {
	nominal, median, mean, lo, hi []float64
	shift                         []float64
}

// run computes the analysis.
func (m *mcLimit) run() *mcLimitResult {
	n, G, K := m.n, m.groups, m.leaves
	L := G * K
	// The scores and their logarithms, leaf after leaf (y[l*n + u]).
	y := make([]float64, L*n)  // min-max scores
	ly := make([]float64, L*n) // ln(y + 1)
	for l := range L {
		x := m.cols[l*n : (l+1)*n]
		lo, hi := x[0], x[0]
		for _, v := range x {
			if v >= lo && v <= hi {
				continue
			}
			if v < lo {
				lo = v
			} else {
				hi = v
			}
		}
		d := hi - lo
		for u, v := range x {
			s := 100 * (v - lo) / d
			y[l*n+u] = s
			ly[l*n+u] = detmath.Log(s + 1)
		}
	}
	gs := make([]float64, G*n) // group scores, group-major
	score := make([]float64, n)
	nominal := make([]float64, n)
	ranks := make([]float64, n)
	nomRank := make([]float64, n)
	sc := newRankScratch(n)
	width := 2*n - 1
	hist := make([]int32, n*width)
	shift := make([]float64, m.reps)
	wt := make([]float64, G)
	ws := make([]float64, L)
	ncoord := G + L // the weights' coordinates, then the aggregation's
	if m.geometric {
		ncoord++
	}
	u := make([]float64, ncoord)
	// The nominal scores and ranks.
	copy(wt, m.top)
	for g := range G {
		copy(ws[g*K:(g+1)*K], m.sub[g])
	}
	m.aggregate(y, ly, gs, wt, ws, false, nominal)
	limitRank(nomRank, nominal, sc)
	var pcg rand.PCG
	r := rand.New(&pcg)
	for rep := range m.reps {
		reseed(&pcg, m.seed, uint64(rep))
		for d := range u {
			u[d] = r.Float64()
		}
		perturb(wt, m.top, u[:G], m.amount)
		for g := range G {
			perturb(ws[g*K:(g+1)*K], m.sub[g], u[G+g*K:G+(g+1)*K], m.amount)
		}
		geo := m.geometric && u[G+L] >= 0.5 // choice(u, 2) == 1
		m.aggregate(y, ly, gs, wt, ws, geo, score)
		if m.keep != nil {
			m.keep(rep, score)
		}
		limitRank(ranks, score, sc)
		var sh float64
		for i, v := range ranks {
			hist[i*width+int(2*v)-2]++
			sh += math.Abs(v - nomRank[i])
		}
		shift[rep] = sh / float64(n)
	}
	res := &mcLimitResult{nominal: nomRank, shift: shift,
		median: make([]float64, n), mean: make([]float64, n), lo: make([]float64, n), hi: make([]float64, n)}
	R := int64(m.reps)
	need := func(q float64) int64 { return max(int64(math.Ceil(float64(q*float64(R))-1e-9)), 1) }
	lvl := 0.9
	nlo, nmed, nhi := need((1-lvl)/2), need(0.5), need((1+lvl)/2)
	for i := range n {
		var cum int64
		var sum float64
		for k, c := range hist[i*width : (i+1)*width] {
			if c == 0 {
				continue
			}
			rk := float64(k+2) / 2
			prev := cum
			cum += int64(c)
			sum += float64(float64(c) * rk)
			if prev < nlo && cum >= nlo {
				res.lo[i] = rk
			}
			if prev < nmed && cum >= nmed {
				res.median[i] = rk
			}
			if prev < nhi && cum >= nhi {
				res.hi[i] = rk
			}
		}
		res.mean[i] = sum / float64(R)
	}
	return res
}

// perturb writes nom_j (1 + a (2 u_j - 1)) divided by their sum into w.
func perturb(w, nom, u []float64, a float64) {
	var s float64
	for j, x := range nom {
		w[j] = float64(x * (1 + float64(a*(2*u[j]-1))))
		s += w[j]
	}
	for j := range w {
		w[j] /= s
	}
}

// aggregate writes the root scores into dst: every group into its row of
// gs (arithmetic: sum_j w_j y_j; geometric: exp(sum_j w_j ln(y_j + 1)) -
// 1), then the root from the rows in the same way.
func (m *mcLimit) aggregate(y, ly, gs, wt, ws []float64, geo bool, dst []float64) {
	n, G, K := m.n, m.groups, m.leaves
	src := y
	if geo {
		src = ly
	}
	var cols [8][]float64
	for g := range G {
		row := gs[g*n : (g+1)*n]
		for j := range K {
			c := g*K + j
			cols[j%8] = src[c*n : (c+1)*n]
			if j%8 == 7 || j == K-1 {
				k := j%8 + 1
				addColumns(row, j >= 8, ws[g*K+j+1-k:g*K+j+1], cols[:k])
			}
		}
		if geo {
			detmath.ExpTo(row, row)
			for u, s := range row {
				row[u] = s - 1
			}
		}
	}
	for g := range G {
		row := gs[g*n : (g+1)*n]
		if geo {
			for u, s := range row {
				row[u] = s + 1
			}
			detmath.LogTo(row, row)
		}
		cols[g%8] = row
		if g%8 == 7 || g == G-1 {
			k := g%8 + 1
			addColumns(dst, g >= 8, wt[g+1-k:g+1], cols[:k])
		}
	}
	if geo {
		detmath.ExpTo(dst, dst)
		for u, s := range dst {
			dst[u] = s - 1
		}
	}
}

// addColumns adds w_j y_j[u] for the (at most eight) columns y, in order,
// to dst[u], or to +0 when started is false, each product rounded: eight,
// four, two and one columns per pass over the units.
func addColumns(dst []float64, started bool, w []float64, y [][]float64) {
	n := len(dst)
	if !started {
		clear(dst)
	}
	for len(y) > 0 {
		switch {
		case len(y) >= 8:
			w0, w1, w2, w3, w4, w5, w6, w7 := w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]
			y0, y1, y2, y3, y4, y5, y6, y7 := y[0][:n], y[1][:n], y[2][:n], y[3][:n], y[4][:n], y[5][:n], y[6][:n], y[7][:n]
			for u := range dst {
				s := float64(w1*y1[u]) + (float64(w0*y0[u]) + dst[u])
				s = float64(w3*y3[u]) + (float64(w2*y2[u]) + s)
				s = float64(w5*y5[u]) + (float64(w4*y4[u]) + s)
				dst[u] = float64(w7*y7[u]) + (float64(w6*y6[u]) + s)
			}
			w, y = w[8:], y[8:]
		case len(y) >= 4:
			w0, w1, w2, w3 := w[0], w[1], w[2], w[3]
			y0, y1, y2, y3 := y[0][:n], y[1][:n], y[2][:n], y[3][:n]
			for u := range dst {
				s := float64(w1*y1[u]) + (float64(w0*y0[u]) + dst[u])
				dst[u] = float64(w3*y3[u]) + (float64(w2*y2[u]) + s)
			}
			w, y = w[4:], y[4:]
		case len(y) >= 2:
			w0, w1, y0, y1 := w[0], w[1], y[0][:n], y[1][:n]
			for u := range dst {
				dst[u] = float64(w1*y1[u]) + (float64(w0*y0[u]) + dst[u])
			}
			w, y = w[2:], y[2:]
		default:
			w0, y0 := w[0], y[0][:n]
			for u := range dst {
				dst[u] = float64(w0*y0[u]) + dst[u]
			}
			w, y = w[1:], y[1:]
		}
	}
}

// mcRankScratch is the scratch of limitRank.
type mcRankScratch struct {
	keys, keys2 []uint32
	idx, idx2   []int32
	hist        [4][256]int32
	sorted      []float64
	bucket      []int32
	count       []int32
}

func newRankScratch(n int) *mcRankScratch {
	return &mcRankScratch{keys: make([]uint32, n), keys2: make([]uint32, n), idx: make([]int32, n), idx2: make([]int32, n),
		sorted: make([]float64, n), bucket: make([]int32, n), count: make([]int32, 2*n+1)}
}

// limitRank writes the average ranks of the scores (highest first,
// scores within the default relative tolerance of their neighbour tied)
// into dst: the limits' ranker.
//
// It sorts the units by buckets over the scores' range [lo, hi] (unit u
// in bucket floor((hi - s_u) 2n / (hi - lo)), a monotone map), in unit
// order within a bucket, then one insertion pass on the float64 order
// puts each bucket's few units in exact order; this takes about half the
// instructions of the radix sort below (limitRadix), which it falls back
// to for scores that are not finite, all equal, or bunched (more than
// four moves per unit). The ranks then come from one pass over the sorted
// scores, or, when no two neighbours are closer than the tolerance for the
// largest score, are the places.
func limitRank(dst, scores []float64, sc *mcRankScratch) {
	n := len(scores)
	sorted, idx := sc.sorted[:n], sc.idx[:n]
	if m, ok := limitBuckets(scores, sc); ok {
		// No two neighbours closer than the tolerance for the largest
		// magnitude m (tieTol.gapOf): every unit has its place.
		gap := float64(DefaultRelTol * (2 * m))
		k := 1
		for k < n && sorted[k-1]-sorted[k] > gap {
			k++
		}
		if k == n {
			for k, i := range idx {
				dst[i] = float64(k + 1)
			}
			return
		}
	} else {
		limitRadix(scores, sc)
	}
	for s := 0; s < n; {
		e := s + 1
		for e < n {
			a, b := sorted[e-1], sorted[e]
			// The first test (tieTol.apart) is cheap and settles most pairs.
			if math.Abs(a-b) > float64(DefaultRelTol*(math.Abs(a)+math.Abs(b))) ||
				!(a == b || math.Abs(a-b) <= float64(DefaultRelTol*max(math.Abs(a), math.Abs(b)))) {
				break
			}
			e++
		}
		r := float64(s+1+e) / 2
		for _, i := range idx[s:e] {
			dst[i] = r
		}
		s = e
	}
}

// limitBuckets is limitRank's bucket sort into sc.idx and sc.sorted; it
// returns the largest magnitude of the scores, or false when it does not
// apply.
func limitBuckets(scores []float64, sc *mcRankScratch) (float64, bool) {
	n := len(scores)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range scores {
		if v != v {
			return 0, false
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	d := hi - lo
	scale := float64(2*n) / d
	if !(d > 0 && d <= math.MaxFloat64 && scale <= math.MaxFloat64) {
		return 0, false
	}
	bucket, count := sc.bucket[:n], sc.count[:2*n+1]
	clear(count)
	for u, v := range scores {
		b := min(int(float64((hi-v)*scale)), 2*n-1)
		bucket[u] = int32(b)
		count[b+1]++
	}
	for b := 1; b < 2*n; b++ {
		count[b] += count[b-1]
	}
	sorted, idx := sc.sorted[:n], sc.idx[:n]
	for u, v := range scores {
		b := bucket[u]
		p := count[b]
		count[b] = p + 1
		sorted[p], idx[p] = v, int32(u)
	}
	budget := 4 * n
	for a := 1; a < n; a++ {
		v := sorted[a]
		if !(sorted[a-1] < v) {
			continue
		}
		i := idx[a]
		b := a
		for b > 0 && sorted[b-1] < v {
			sorted[b], idx[b] = sorted[b-1], idx[b-1]
			b--
		}
		sorted[b], idx[b] = v, i
		if budget -= a - b; budget < 0 {
			return 0, false
		}
	}
	return max(-lo, hi), true
}

// limitRadix sorts the units into sc.idx and their scores into sc.sorted
// by the order-preserving 32-bit image of the scores rounded to float32
// (orderedKey32), a least significant digit radix sort of four 8-bit
// digits, skipping a digit that every key shares; runs of equal 32-bit
// keys are then put in exact order by insertion on the float64 order.
func limitRadix(scores []float64, sc *mcRankScratch) {
	n := len(scores)
	sc.hist = [4][256]int32{}
	for i, s := range scores {
		key := orderedKey32(s, HigherFirst)
		sc.keys[i], sc.idx[i] = key, int32(i)
		sc.hist[0][byte(key)]++
		sc.hist[1][byte(key>>8)]++
		sc.hist[2][byte(key>>16)]++
		sc.hist[3][byte(key>>24)]++
	}
	keys, keys2, idx, idx2 := sc.keys, sc.keys2, sc.idx, sc.idx2
	for b := range 4 {
		h := &sc.hist[b]
		shift := uint(8 * b)
		if h[byte(keys[0]>>shift)] == int32(n) {
			continue
		}
		var sum int32
		for d := range h {
			c := h[d]
			h[d] = sum
			sum += c
		}
		for k, key := range keys {
			d := byte(key >> shift)
			p := h[d]
			h[d] = p + 1
			keys2[p], idx2[p] = key, idx[k]
		}
		keys, keys2, idx, idx2 = keys2, keys, idx2, idx
	}
	for a := 1; a < n; a++ {
		if keys[a] != keys[a-1] {
			continue
		}
		for b := a; b > 0 && keys[b] == keys[b-1] &&
			orderedKey(scores[idx[b]], HigherFirst) < orderedKey(scores[idx[b-1]], HigherFirst); b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	copy(sc.idx, idx)
	for k, i := range sc.idx {
		sc.sorted[k] = scores[i]
	}
}

// newMCLimit builds the limit for the benchmark's model and table.
func newMCLimit(tb testing.TB, p *indicator.Plan, tab *indicator.Table, geometric bool, reps int) *mcLimit {
	tb.Helper()
	groups := p.Groups()
	m := &mcLimit{n: tab.NumUnits(), groups: len(groups) - 1, leaves: len(groups[1].Children),
		top: groups[0].Weights, amount: 0.25, geometric: geometric, reps: reps}
	for g := 1; g < len(groups); g++ {
		m.sub = append(m.sub, groups[g].Weights)
	}
	for _, l := range p.Leaves() {
		col, ok := tab.Column(l.Column)
		if !ok {
			tb.Fatalf("no column %s", l.Column)
		}
		m.cols = append(m.cols, col...)
	}
	return m
}

// TestMonteCarloLimitSame checks that the limit computes what MonteCarlo
// does on the benchmark's model (every replication's scores, the nominal
// ranks, medians, means, percentiles and every replication's shift, bit
// for bit), so that the benchmarks compare the same work.
func TestMonteCarloLimitSame(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 300, 5, 10, 1)
	p := compile(t, m)
	weights := []Factor{
		{Name: "top weights", Amount: 0.25, Groups: LevelGroups(p, 0)},
		{Name: "group weights", Amount: 0.25, Groups: LevelGroups(p, 1)},
	}
	agg := Factor{Name: "aggregation", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{Method: indicator.Arithmetic}, geometric}}
	for _, geo := range []bool{false, true} {
		factors := weights
		if geo {
			factors = append(weights[:2:2], agg)
		}
		const reps = 300
		d, err := MonteCarlo(context.Background(), p, tab, factors, Settings{Replications: reps, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		lim := newMCLimit(t, p, tab, geo, reps)
		lim.seed = 3
		// The library's scores of each replication, drawn as MonteCarlo
		// draws them.
		e, _, err := newEvaluator(context.Background(), p, tab, factors, 3)
		if err != nil {
			t.Fatal(err)
		}
		w := e.newWorker()
		u := make([]float64, e.ncoord)
		want := make([]float64, tab.NumUnits())
		lim.keep = func(rep int, scores []float64) {
			var pcg rand.PCG
			reseed(&pcg, 3, uint64(rep))
			r := rand.New(&pcg)
			for d := range u {
				u[d] = r.Float64()
			}
			if err := w.scores(u, want); err != nil {
				t.Fatal(err)
			}
			for i := range want {
				if math.Float64bits(want[i]) != math.Float64bits(scores[i]) {
					t.Fatalf("geometric %v: replication %d, unit %d: MonteCarlo %v, limit %v", geo, rep, i, want[i], scores[i])
				}
			}
		}
		got := lim.run()
		for _, c := range []struct {
			what      string
			lib, limt []float64
		}{{"nominal", d.Nominal, got.nominal}, {"median", d.Median, got.median}, {"mean", d.Mean, got.mean},
			{"lo", d.Lo, got.lo}, {"hi", d.Hi, got.hi}, {"shift", d.Shift, got.shift}} {
			for i := range c.lib {
				if math.Float64bits(c.lib[i]) != math.Float64bits(c.limt[i]) {
					t.Fatalf("geometric %v: %s[%d]: MonteCarlo %v, limit %v", geo, c.what, i, c.lib[i], c.limt[i])
				}
			}
		}
	}
}

// BenchmarkMonteCarloLimit runs the limit (see mcLimit) on the cases of
// BenchmarkMonteCarlo. It runs on one goroutine: compare it with
// BenchmarkMonteCarlo at -cpu 1 (or by cpu-ns/op).
func BenchmarkMonteCarloLimit(b *testing.B) {
	p, tab, _ := benchSetup(b)
	for _, c := range []struct {
		name string
		geo  bool
	}{{"arithmetic_or_geometric", true}, {"arithmetic", false}} {
		b.Run(c.name, func(b *testing.B) {
			lim := newMCLimit(b, p, tab, c.geo, 10000)
			b.ReportAllocs()
			benchcpu.Report(b, func() { lim.run() })
		})
	}
}

// bootLimit is the hand-written program that BenchmarkBootstrapCountsLimit
// runs: BootstrapCounts' work on one goroutine (one stratum per unit, no
// ids): per replication and unit the same stream and the same
// conditional-binomial draws of the counts (the library's sampler, which
// is the work itself), the mean score, then limitRank and the rank counts.
type bootLimit struct {
	counts [][]int
	values []float64
	reps   int
}

// run returns the rank histograms (slot 2r-2 per unit) and the shifts.
func (m *bootLimit) run() ([]int32, []float64) {
	n := len(m.counts)
	K := len(m.values)
	suffix := make([][]int, n)
	totals := make([]int, n)
	nominal := make([]float64, n)
	for i, c := range m.counts {
		suffix[i] = make([]int, K)
		for k := K - 1; k >= 0; k-- {
			totals[i] += c[k]
			suffix[i][k] = totals[i]
		}
		nominal[i] = categoryMean(m.values, c, totals[i])
	}
	sc := newRankScratch(n)
	nomRank := make([]float64, n)
	limitRank(nomRank, nominal, sc)
	width := 2*n - 1
	hist := make([]int32, n*width)
	shift := make([]float64, m.reps)
	score := make([]float64, n)
	ranks := make([]float64, n)
	draw := make([]int, K)
	us := newUnitStreams(0, unitKeys(nil, n))
	for rep := range m.reps {
		for i, c := range m.counts {
			multinomialCounts(us.at(rep, i), totals[i], c, suffix[i], draw)
			score[i] = float64(1*categoryMean(m.values, draw, totals[i])) + 0
		}
		limitRank(ranks, score, sc)
		var sh float64
		for i, v := range ranks {
			hist[i*width+int(2*v)-2]++
			sh += math.Abs(v - nomRank[i])
		}
		shift[rep] = sh / float64(n)
	}
	return hist, shift
}

// bootCounts is the data of BenchmarkBootstrapCounts: 200 units × 1,000
// respondents on a 4-point item.
func bootCounts() [][]int {
	r := rand.New(rand.NewPCG(5, 6))
	counts := make([][]int, 200)
	for i := range counts {
		counts[i] = make([]int, 4)
		p := []float64{0.1 + 0.2*r.Float64(), 0.2, 0.3, 0.3 + 0.2*r.Float64()}
		for range 1000 {
			u := r.Float64() * (p[0] + p[1] + p[2] + p[3])
			k := 0
			for k < 3 && u > p[k] {
				u -= p[k]
				k++
			}
			counts[i][k]++
		}
	}
	return counts
}

// TestBootstrapLimitSame checks that the bootstrap limit gives
// BootstrapCounts' shifts bit for bit, so that the benchmarks compare the
// same work.
func TestBootstrapLimitSame(t *testing.T) {
	t.Parallel()
	m := &bootLimit{counts: bootCounts()[:50], values: []float64{1, 2, 3, 4}, reps: 200}
	d, err := BootstrapCounts(context.Background(), m.counts, m.values, nil, Settings{Replications: m.reps})
	if err != nil {
		t.Fatal(err)
	}
	_, shift := m.run()
	for i := range shift {
		if math.Float64bits(shift[i]) != math.Float64bits(d.Shift[i]) {
			t.Fatalf("replication %d: BootstrapCounts shift %v, limit %v", i, d.Shift[i], shift[i])
		}
	}
}

// BenchmarkBootstrapCountsLimit runs the bootstrap limit (see bootLimit)
// on BenchmarkBootstrapCounts' case, on one goroutine: compare at -cpu 1
// (or by cpu-ns/op).
func BenchmarkBootstrapCountsLimit(b *testing.B) {
	m := &bootLimit{counts: bootCounts(), values: []float64{1, 2, 3, 4}, reps: 2000}
	b.ReportAllocs()
	benchcpu.Report(b, func() { m.run() })
}
