package ranking

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/indicator"
	"pgregory.net/rapid"
)

// testModel returns a two-level model (root, groups groups of leaves
// leaves, weights 1..) and a table of n units with seeded uniform data in
// [1, 100].
func testModel(tb interface{ Fatal(...any) }, n, groups, leaves int, seed uint64) (*indicator.Model, *indicator.Table) {
	r := rand.New(rand.NewPCG(seed, 99))
	root := &indicator.Node{ID: "root"}
	var cols []string
	for g := range groups {
		gn := &indicator.Node{ID: fmt.Sprintf("g%d", g), Weight: float64(g + 1)}
		for l := range leaves {
			col := fmt.Sprintf("x%d_%d", g, l)
			gn.Children = append(gn.Children, &indicator.Node{ID: col, Column: col, Weight: float64(1 + l%3)})
			cols = append(cols, col)
		}
		root.Children = append(root.Children, gn)
	}
	units := make([]string, n)
	rows := make([][]float64, n)
	for i := range rows {
		units[i] = fmt.Sprintf("u%03d", i)
		rows[i] = make([]float64, len(cols))
		for j := range rows[i] {
			rows[i][j] = 1 + 99*r.Float64()
		}
	}
	tab, err := indicator.NewTable(units, cols, rows)
	if err != nil {
		tb.Fatal(err)
	}
	return &indicator.Model{Version: 1, Name: "test", Root: root}, tab
}

func compile(tb interface{ Fatal(...any) }, m *indicator.Model) *indicator.Plan {
	p, err := indicator.Compile(m)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// geometric is a geometric mean with offset 1, defined for min-max
// scores in [0, 100].
var geometric = indicator.Aggregation{Method: indicator.Geometric, Offset: 1}

func TestLevelGroups(t *testing.T) {
	t.Parallel()
	m, _ := testModel(t, 3, 3, 2, 1)
	p := compile(t, m)
	if got := LevelGroups(p, 0); !slices.Equal(got, []int{0}) {
		t.Errorf("level 0: %v", got)
	}
	if got := LevelGroups(p, 1); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("level 1: %v", got)
	}
	if got := LevelGroups(p, 2); got != nil {
		t.Errorf("level 2: %v", got)
	}
}

func TestMonteCarloZeroPerturbation(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 15, 3, 4, 2)
	p := compile(t, m)
	factors := []Factor{
		{Name: "top weights", Groups: LevelGroups(p, 0)},
		{Name: "group weights", Groups: LevelGroups(p, 1), Perturbation: PerturbDirichlet},
		{Name: "aggregation", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{}}},
	}
	d, err := MonteCarlo(context.Background(), p, tab, factors, Settings{Replications: 100, TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Nominal {
		if d.Lo[i] != d.Nominal[i] || d.Hi[i] != d.Nominal[i] || d.Min[i] != d.Max[i] || d.Median[i] != d.Nominal[i] {
			t.Fatalf("unit %d: interval %v..%v, nominal %v", i, d.Lo[i], d.Hi[i], d.Nominal[i])
		}
	}
	if d.MeanAbsShift != 0 {
		t.Errorf("mean shift %v", d.MeanAbsShift)
	}
	// The nominal ranks are those of Evaluate.
	res, _ := p.Evaluate(context.Background(), tab)
	want, _ := Rank(res.Score, res.Units, Options{})
	if diff := cmp.Diff(want, d.Nominal); diff != "" {
		t.Errorf("nominal (-want +got):\n%s", diff)
	}
}

func TestMonteCarloFactors(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 20, 3, 4, 3)
	p := compile(t, m)
	alt := m.Clone()
	alt.Root.Normalization = &indicator.Normalization{Method: indicator.NormRank}
	zs := Alternative(m, func(n *indicator.Node) {
		if n.Column != "" {
			n.Normalization = &indicator.Normalization{Method: indicator.NormPercentile}
		}
	})
	if m.Root.Children[0].Children[0].Normalization != nil || zs.Root.Children[0].Children[0].Normalization.Method != indicator.NormPercentile {
		t.Fatal("Alternative: original modified or copy not edited")
	}
	factors := []Factor{
		{Name: "weights", Amount: 0.5},
		{Name: "aggregation", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{}, geometric}},
		{Name: "leave one out", Kind: FactorExclude},
		{Name: "normalization", Kind: FactorModel, Models: []*indicator.Model{alt, zs}},
	}
	s := Settings{Replications: 300, Seed: 11, TopK: 5, BottomK: 5, Bands: []int{5, 10}}
	d, err := MonteCarlo(context.Background(), p, tab, factors, s)
	if err != nil {
		t.Fatal(err)
	}
	// Continuous data: no ties, so exactly TopK units are in the top k in
	// every replication and the probabilities sum to TopK; each unit's band
	// probabilities sum to 1.
	var top, bottom float64
	for i := range d.PTop {
		top += d.PTop[i]
		bottom += d.PBottom[i]
		var b float64
		for _, v := range d.Bands[i] {
			b += v
		}
		if math.Abs(b-1) > 1e-12 {
			t.Fatalf("unit %d: bands sum to %v", i, b)
		}
		if !(d.Min[i] <= d.Nominal[i] && d.Nominal[i] <= d.Max[i] && d.Min[i] <= d.Lo[i] && d.Lo[i] <= d.Median[i] && d.Median[i] <= d.Hi[i] && d.Hi[i] <= d.Max[i]) {
			t.Fatalf("unit %d: nominal %v, min %v lo %v median %v hi %v max %v", i, d.Nominal[i], d.Min[i], d.Lo[i], d.Median[i], d.Hi[i], d.Max[i])
		}
	}
	if math.Abs(top-5) > 1e-9 || math.Abs(bottom-5) > 1e-9 {
		t.Errorf("P(top-5) sums to %v, P(bottom-5) to %v", top, bottom)
	}
	if d.MeanAbsShift <= 0 {
		t.Errorf("mean shift %v with every factor active", d.MeanAbsShift)
	}
}

func TestMonteCarloErrors(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 5, 2, 2, 4)
	p := compile(t, m)
	other, _ := testModel(t, 5, 3, 2, 4)
	ctx := context.Background()
	for name, f := range map[string][]Factor{
		"group index":      {{Groups: []int{9}}},
		"twice":            {{Groups: []int{0}}, {Groups: []int{0}}},
		"amount":           {{Amount: 2}},
		"dirichlet amount": {{Perturbation: PerturbDirichlet, Amount: 1.5}},
		"no aggregations":  {{Kind: FactorAggregation}},
		"leaf index":       {{Kind: FactorExclude, Leaves: []int{-1}}},
		"different tree":   {{Kind: FactorModel, Models: []*indicator.Model{other}}},
		"two model factor": {{Kind: FactorModel}, {Kind: FactorModel}},
		"kind":             {{Kind: 9}},
	} {
		if _, err := MonteCarlo(ctx, p, tab, f, Settings{Replications: 2}); !errors.Is(err, ErrFactor) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	expectPanics(t, map[string]func(){
		"alternative nil model": func() { Alternative(nil, func(*indicator.Node) {}) },
		"alternative nil edit":  func() { Alternative(m, nil) },
		"sobol sampling":        func() { _, _ = Sobol(ctx, p, tab, []Factor{{}}, SobolSettings{Sampling: 5}) },
	})
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := MonteCarlo(cctx, p, tab, []Factor{{Amount: 0.1}}, Settings{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestUncertaintyProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 12).Draw(t, "units")
		m, tab := testModel(t, n, 2, 3, rapid.Uint64().Draw(t, "data_seed"))
		p := compile(t, m)
		factors := []Factor{
			{Name: "w", Amount: rapid.SampledFrom([]float64{0, 0.1, 0.5}).Draw(t, "amount")},
			{Name: "agg", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{}, geometric}},
		}
		// Every other factor kind, drawn in or out: Dirichlet weights,
		// leave one out, alternative models, normalisations, imputations.
		if rapid.Bool().Draw(t, "dirichlet") {
			factors[0].Perturbation = PerturbDirichlet
		}
		if rapid.Bool().Draw(t, "exclude") {
			factors = append(factors, Factor{Name: "leave one out", Kind: FactorExclude})
		}
		if rapid.Bool().Draw(t, "model") {
			alt := Alternative(m, func(n *indicator.Node) {
				if n.Column != "" {
					n.Normalization = &indicator.Normalization{Method: indicator.NormPercentile}
				}
			})
			factors = append(factors, Factor{Name: "model", Kind: FactorModel, Models: []*indicator.Model{alt}})
		}
		if rapid.Bool().Draw(t, "normalization") {
			factors = append(factors, Factor{Name: "normalization", Kind: FactorNormalization,
				Normalizations: []indicator.Normalization{{}, {Method: indicator.NormRank}}})
		}
		if rapid.Bool().Draw(t, "imputation") {
			factors = append(factors, Factor{Name: "imputation", Kind: FactorImputation, Leaves: []int{0, 2},
				Imputations: []indicator.Imputation{{Method: indicator.ImputeMedian}, {}}})
		}
		s := Settings{Replications: rapid.IntRange(1, 200).Draw(t, "reps"), Seed: rapid.Uint64().Draw(t, "seed")}
		var d1, d2 *Distribution
		var s1, s2 *SobolResult
		ss := SobolSettings{N: 16, Bootstrap: 20, Seed: s.Seed, Sampling: Sampling(rapid.IntRange(0, 1).Draw(t, "sampling"))}
		var err error
		withProcs(1, func() {
			d1, err = MonteCarlo(context.Background(), p, tab, factors, s)
			if err == nil {
				s1, err = Sobol(context.Background(), p, tab, factors, ss)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		withProcs(2, func() {
			d2, _ = MonteCarlo(context.Background(), p, tab, factors, s)
			s2, _ = Sobol(context.Background(), p, tab, factors, ss)
		})
		if diff := cmp.Diff(d1, d2); diff != "" {
			t.Fatalf("Monte Carlo differs between GOMAXPROCS 1 and 2:\n%s", diff)
		}
		if diff := cmp.Diff(s1, s2, cmp.Comparer(func(a, b float64) bool { return a == b || a != a && b != b })); diff != "" {
			t.Fatalf("Sobol differs between GOMAXPROCS 1 and 2:\n%s", diff)
		}
		for i := range n {
			// Min..Max contains the nominal rank by construction; the
			// percentile interval Lo..Hi need not (TestPercentileInterval),
			// but lies within Min..Max around the median.
			if !(d1.Min[i] <= d1.Nominal[i] && d1.Nominal[i] <= d1.Max[i] && d1.Min[i] <= d1.Lo[i] && d1.Lo[i] <= d1.Median[i] && d1.Median[i] <= d1.Hi[i] && d1.Hi[i] <= d1.Max[i]) {
				t.Fatalf("unit %d: nominal %v, min %v lo %v median %v hi %v max %v", i, d1.Nominal[i], d1.Min[i], d1.Lo[i], d1.Median[i], d1.Hi[i], d1.Max[i])
			}
		}
	})
}

// TestDirichletSpread checks the Dirichlet perturbation's calibration: five
// equal weights with Amount 0.25 get kappa = 4/0.0625 - 1 = 63, so each
// weight has mean 0.2 and standard deviation sqrt(0.2*0.8/64) = 0.05, a
// coefficient of variation of 0.25; 20,000 seeded draws must match within
// 2% (the standard error of the sample sd is about 0.5%).
func TestDirichletSpread(t *testing.T) {
	t.Parallel()
	w := []float64{0.2, 0.2, 0.2, 0.2, 0.2}
	alpha, dst := make([]float64, 5), make([]float64, 5)
	r := rand.New(rand.NewPCG(1, 2))
	const draws = 20000
	var s, ss float64
	for range draws {
		dirichletAround(r, w, dirichletKappa(5, 0.25), alpha, dst)
		s += dst[0]
		ss += dst[0] * dst[0]
	}
	mean := s / draws
	sd := math.Sqrt(ss/draws - mean*mean)
	if math.Abs(mean-0.2) > 0.02*0.2 || math.Abs(sd-0.05) > 0.02*0.05 {
		t.Errorf("mean %v sd %v, want 0.2 and 0.05", mean, sd)
	}
}

// TestProgress checks that MonteCarlo and Sobol report every block exactly
// once, ending at done == total, and that a progress callback changes no
// result.
func TestProgress(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 12, 3, 3, 5)
	p := compile(t, m)
	factors := []Factor{{Name: "weights", Amount: 0.25}}
	var mu sync.Mutex
	calls, maxDone, total := 0, 0, 0
	record := func(done, tot int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		maxDone = max(maxDone, done)
		total = tot
	}
	s := Settings{Replications: 300, Seed: 7}
	plain, err := MonteCarlo(context.Background(), p, tab, factors, s)
	if err != nil {
		t.Fatal(err)
	}
	s.Progress = record
	withProgress, err := MonteCarlo(context.Background(), p, tab, factors, s)
	if err != nil {
		t.Fatal(err)
	}
	// 300 replications in blocks of 64: 5 blocks.
	if calls != 5 || maxDone != 5 || total != 5 {
		t.Errorf("MonteCarlo progress: %d calls, max done %d, total %d; want 5, 5, 5", calls, maxDone, total)
	}
	plain.Fingerprint, withProgress.Fingerprint = "", ""
	if diff := cmp.Diff(plain, withProgress); diff != "" {
		t.Errorf("progress changed the result (-without +with):\n%s", diff)
	}

	calls, maxDone, total = 0, 0, 0
	if _, err := Sobol(context.Background(), p, tab, factors, SobolSettings{N: 128, Bootstrap: 10, Progress: record}); err != nil {
		t.Fatal(err)
	}
	// 128 base points in blocks of 64: 2 blocks; then 10 bootstrap
	// resamples, one a block.
	if calls != 12 || maxDone != 12 || total != 12 {
		t.Errorf("Sobol progress: %d calls, max done %d, total %d; want 12, 12, 12", calls, maxDone, total)
	}
	calls, maxDone, total = 0, 0, 0
	if _, err := Sobol(context.Background(), p, tab, factors, SobolSettings{N: 64, Bootstrap: 200, Progress: record}); err != nil {
		t.Fatal(err)
	}
	// 1 block of base points, then 200 resamples.
	if calls != 201 || maxDone != 201 || total != 201 {
		t.Errorf("Sobol progress with 200 resamples: %d calls, max done %d, total %d; want 201, 201, 201", calls, maxDone, total)
	}
	// The resamples apart: Progress counts the 2 blocks of runs, and
	// BootstrapProgress the 50 resamples, each to its end.
	calls, maxDone, total = 0, 0, 0
	var bcalls, bmax, btotal int
	boot := func(done, tot int) {
		mu.Lock()
		defer mu.Unlock()
		bcalls++
		bmax = max(bmax, done)
		btotal = tot
	}
	if _, err := Sobol(context.Background(), p, tab, factors, SobolSettings{N: 128, Bootstrap: 50, Progress: record, BootstrapProgress: boot}); err != nil {
		t.Fatal(err)
	}
	if calls != 2 || maxDone != 2 || total != 2 || bcalls != 50 || bmax != 50 || btotal != 50 {
		t.Errorf("Sobol progress apart: runs %d calls, max %d of %d; resamples %d calls, max %d of %d; want 2, 2, 2, 50, 50, 50", calls, maxDone, total, bcalls, bmax, btotal)
	}
}

// TestZeroPerturbation: factors that change nothing (zero weight
// perturbation, uniform or Dirichlet; an alternative model identical to
// the nominal one) give the nominal ranking in every replication, so
// every interval collapses to the nominal rank.
func TestZeroPerturbation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 10).Draw(t, "units")
		m, tab := testModel(t, n, 2, 2, rapid.Uint64().Draw(t, "data_seed"))
		p := compile(t, m)
		factors := []Factor{{Name: "w", Perturbation: Perturbation(rapid.IntRange(0, 1).Draw(t, "perturbation"))}}
		if rapid.Bool().Draw(t, "model") {
			factors = append(factors, Factor{Name: "same model", Kind: FactorModel, Models: []*indicator.Model{m.Clone()}})
		}
		s := Settings{Replications: rapid.IntRange(1, 50).Draw(t, "reps"), Seed: rapid.Uint64().Draw(t, "seed")}
		d, err := MonteCarlo(context.Background(), p, tab, factors, s)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			r := d.Nominal[i]
			if d.Lo[i] != r || d.Hi[i] != r || d.Median[i] != r || d.Min[i] != r || d.Max[i] != r || d.Mean[i] != r {
				t.Fatalf("unit %d: nominal %v, lo %v hi %v median %v min %v max %v mean %v", i, r, d.Lo[i], d.Hi[i], d.Median[i], d.Min[i], d.Max[i], d.Mean[i])
			}
		}
		if d.MeanAbsShift != 0 {
			t.Fatalf("mean shift %v", d.MeanAbsShift)
		}
	})
}

// TestPercentileInterval checks what Lo and Hi mean: the (1-Level)/2 and
// (1+Level)/2 percentiles (inverse empirical CDF) of a unit's rank over
// the replications, not an interval built around the nominal rank. Unit 0
// has estimate 0 and standard error 1, unit 1 a fixed estimate d; unit 0
// is first with probability p = 1 - Phi(d), so at Level 0.9 (the 5th and
// 95th percentiles) Lo = 1 exactly when p >= 0.05 and Hi = 1 exactly when
// p >= 0.95. For d = 1 (p = 0.159): 1..2; d = 2.5 (p = 0.006): 2..2; d =
// -2.5 (p = 0.994): 1..1; d = 0.2 (p = 0.42), with nominal rank 2: Lo = 1
// and Hi = 2. For d = 1.5 (p = 0.067) the nominal rank 2 is Hi. 20,000
// replications put the sampled p within 0.005 of these values.
func TestPercentileInterval(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		d      float64
		lo, hi float64
	}{{1, 1, 2}, {2.5, 2, 2}, {-2.5, 1, 1}, {0.2, 1, 2}, {1.5, 1, 2}} {
		d, err := Parametric(context.Background(), []float64{0, c.d}, []float64{1, 0}, nil, Settings{Replications: 20000, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		if d.Lo[0] != c.lo || d.Hi[0] != c.hi {
			t.Errorf("d = %v: unit 0 has %v..%v, want %v..%v", c.d, d.Lo[0], d.Hi[0], c.lo, c.hi)
		}
	}
	// Lo and Hi need not contain the nominal rank. Unit 0 (estimate 3,
	// standard error 0.001) is nominally first; seven units at 0 with
	// standard error 10 each beat it independently with probability
	// q = 1 - Phi(0.3) = 0.382, so its rank is 1 + Binomial(7, q), with
	// CDF 0.0345, 0.184, 0.460, 0.745, 0.921, 0.986 at ranks 1..6: the
	// 5th percentile is rank 2, the median 4, the 95th percentile 6, and
	// the nominal rank 1 lies outside [Lo, Hi] (but inside [Min, Max]).
	est := []float64{3, 0, 0, 0, 0, 0, 0, 0}
	se := []float64{0.001, 10, 10, 10, 10, 10, 10, 10}
	d, err := Parametric(context.Background(), est, se, nil, Settings{Replications: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if d.Nominal[0] != 1 || d.Lo[0] != 2 || d.Median[0] != 4 || d.Hi[0] != 6 || d.Min[0] != 1 {
		t.Errorf("unit 0: nominal %v, min %v, lo %v, median %v, hi %v; want 1, 1, 2, 4, 6", d.Nominal[0], d.Min[0], d.Lo[0], d.Median[0], d.Hi[0])
	}
}
