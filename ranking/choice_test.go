package ranking

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/indicator"
)

// TestSobolNormalizationOnly checks that normalisation and imputation are
// separate Sobol factors. The table has no missing values, so the
// imputation factor changes nothing: A_B^i equals A run by run and both
// of its indices are exactly 0. The normalisation factor (min-max or
// percentiles on every leaf) is then the only input, so every output that
// varies is a function of its coordinate alone and S = ST = 1 up to the
// estimators' sampling error (for a two-valued output at N = 512 Sobol
// points, below 0.05; tolerance 0.1).
func TestSobolNormalizationOnly(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 8, 2, 3, 11)
	p := compile(t, m)
	factors := []Factor{
		{Name: "normalisation", Kind: FactorNormalization, Normalizations: []indicator.Normalization{{}, {Method: indicator.NormPercentile}}},
		{Name: "imputation", Kind: FactorImputation, Imputations: []indicator.Imputation{{}, {Method: indicator.ImputeMedian}}},
	}
	res, err := Sobol(context.Background(), p, tab, factors, SobolSettings{N: 512, Bootstrap: 20, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	varied := 0
	check := func(name string, ix Indices) {
		if math.IsNaN(ix.Total[0]) {
			return
		}
		varied++
		if math.Abs(ix.First[0]-1) > 0.1 || math.Abs(ix.Total[0]-1) > 0.1 {
			t.Errorf("%s: normalisation S %v ST %v, want 1", name, ix.First[0], ix.Total[0])
		}
		if ix.First[1] != 0 || ix.Total[1] != 0 {
			t.Errorf("%s: imputation S %v ST %v, want 0", name, ix.First[1], ix.Total[1])
		}
	}
	for i, u := range res.Units {
		check(tab.Units()[i], u)
	}
	check("shift", res.Shift)
	if varied < 2 {
		t.Fatalf("only %d outputs vary with the normalisation", varied)
	}
}

// TestChoiceFactorsDeterministic combines a model factor, three
// normalisation factors on single leaves and an imputation factor on every
// leaf: 2 * 4^3 * 2 = 256 prepared models, more than the cache holds, so
// models are evicted and rebuilt; the results must not depend on
// GOMAXPROCS. Every replication's scores must also equal those of the
// model built by hand from its choices.
func TestChoiceFactorsDeterministic(t *testing.T) {
	m, tab := testModel(t, 10, 2, 3, 5)
	p := compile(t, m)
	norms := []indicator.Normalization{{}, {Method: indicator.NormPercentile}, {Method: indicator.NormRank}, {Method: indicator.NormZScore}}
	alt := Alternative(m, func(n *indicator.Node) {
		if n.Column != "" {
			n.Transform = &indicator.Transform{Method: indicator.TransformLog}
		}
	})
	factors := []Factor{
		{Name: "model", Kind: FactorModel, Models: []*indicator.Model{alt}},
		{Name: "norm 0", Kind: FactorNormalization, Leaves: []int{0}, Normalizations: norms},
		{Name: "norm 1", Kind: FactorNormalization, Leaves: []int{1}, Normalizations: norms},
		{Name: "norm 4", Kind: FactorNormalization, Leaves: []int{4}, Normalizations: norms},
		{Name: "imputation", Kind: FactorImputation, Imputations: []indicator.Imputation{{Method: indicator.ImputeMean}, {Method: indicator.ImputeMedian}}},
		{Name: "weights", Amount: 0.3},
	}
	s := Settings{Replications: 700, Seed: 9}
	ss := SobolSettings{N: 64, Bootstrap: 10, Seed: 9}
	var d1, d2 *Distribution
	var s1, s2 *SobolResult
	var err1, err2 error
	withProcs(1, func() {
		d1, err1 = MonteCarlo(context.Background(), p, tab, factors, s)
		s1, _ = Sobol(context.Background(), p, tab, factors, ss)
	})
	withProcs(2, func() {
		d2, err2 = MonteCarlo(context.Background(), p, tab, factors, s)
		s2, _ = Sobol(context.Background(), p, tab, factors, ss)
	})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if diff := cmp.Diff(d1, d2); diff != "" {
		t.Fatalf("Monte Carlo differs between GOMAXPROCS 1 and 2:\n%s", diff)
	}
	if diff := cmp.Diff(s1, s2, cmp.Comparer(func(a, b float64) bool { return a == b || a != a && b != b })); diff != "" {
		t.Fatalf("Sobol differs between GOMAXPROCS 1 and 2:\n%s", diff)
	}
	// The scores of one combination, through the cache and by hand.
	e, _, err := newEvaluator(context.Background(), p, tab, factors, 0)
	if err != nil {
		t.Fatal(err)
	}
	if e.ncoord != 1+3+1+6+2 {
		t.Fatalf("%d coordinates, want 13 (one per choice factor, one per perturbed weight)", e.ncoord)
	}
	u := make([]float64, e.ncoord)
	for d := range u {
		u[d] = 0.5 // the middle of every weight range: the nominal weights
	}
	u[0], u[1], u[2], u[3], u[4] = 0.9, 0.3, 0.6, 0.9, 0.1 // alt model, percentile, rank, zscore, mean
	got := make([]float64, tab.NumUnits())
	if err := e.newWorker().scores(u, got); err != nil {
		t.Fatal(err)
	}
	byHand := Alternative(alt, func(n *indicator.Node) {
		switch n.ID {
		case "x0_0":
			n.Normalization = &norms[1]
		case "x0_1":
			n.Normalization = &norms[2]
		case "x1_1":
			n.Normalization = &norms[3]
		}
		if n.Column != "" {
			n.Imputation = &indicator.Imputation{Method: indicator.ImputeMean}
		}
	})
	res, err := compile(t, byHand).Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.Score, got); diff != "" {
		t.Errorf("cached combination differs from the model built by hand (-want +got):\n%s", diff)
	}
}

func TestChoiceFactorErrors(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 5, 2, 2, 1)
	p := compile(t, m)
	pct := []indicator.Normalization{{}, {Method: indicator.NormPercentile}}
	for name, fs := range map[string][]Factor{
		"no normalisations": {{Kind: FactorNormalization}},
		"no imputations":    {{Kind: FactorImputation}},
		"leaf out of range": {{Kind: FactorNormalization, Leaves: []int{4}, Normalizations: pct}},
		"leaf twice":        {{Kind: FactorNormalization, Normalizations: pct}, {Kind: FactorNormalization, Leaves: []int{1}, Normalizations: pct}},
		"two models":        {{Kind: FactorModel, Models: []*indicator.Model{m}}, {Kind: FactorModel, Models: []*indicator.Model{m}}},
		"bad method":        {{Kind: FactorNormalization, Normalizations: []indicator.Normalization{{Method: "nonsense"}}}},
	} {
		if _, err := MonteCarlo(context.Background(), p, tab, fs, Settings{Replications: 5}); !errors.Is(err, ErrFactor) {
			t.Errorf("%s: error %v, want ErrFactor", name, err)
		}
	}
}

// TestUniformWeightCoordinates checks that a uniform weight perturbation
// maps its own coordinates to the weights, one per weight:
// w_j (1 + Amount (2 u_j - 1)).
func TestUniformWeightCoordinates(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 4, 2, 3, 1)
	p := compile(t, m)
	factors := []Factor{
		{Name: "agg", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{}}},
		{Name: "leaves", Amount: 0.5, Groups: LevelGroups(p, 1)},
	}
	e, _, err := newEvaluator(context.Background(), p, tab, factors, 0)
	if err != nil {
		t.Fatal(err)
	}
	if e.ncoord != 7 || e.off[1] != 1 || e.dim[1] != 6 {
		t.Fatalf("coordinates: %d in all, factor 1 at %d..+%d; want 7, 1..+6", e.ncoord, e.off[1], e.dim[1])
	}
	u := []float64{0.3, 0, 0.25, 0.5, 0.75, 0.9, 0.1}
	w := e.newWorker()
	if err := w.scores(u, make([]float64, 4)); err != nil {
		t.Fatal(err)
	}
	// Nominal leaf weights 1/6, 2/6, 3/6 in each group, times 0.5, 0.75,
	// 1, then 1.25, 1.4, 0.6.
	want := [][]float64{nil, {0.5 / 6, 1.5 / 6, 3.0 / 6}, {1.25 / 6, 2.8 / 6, 1.8 / 6}}
	if diff := cmp.Diff(want, w.v.Weights, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-15 })); diff != "" {
		t.Errorf("weights (-want +got):\n%s", diff)
	}
}

// TestDesignConvergence compares the designs on the additive function
// f(x) = sum_d c_d x_d of D = 6 uniform inputs, whose indices are
// S_d = ST_d = c_d^2 / sum c^2. With N = 1,024 the Sobol points (on which
// this f is integrated with error O(log N / N)) must give a total
// absolute error of the first-order estimates well below (here: a
// quarter of) that of plain random points (error O(N^-1/2)); the figures
// at these seeds are logged.
func TestDesignConvergence(t *testing.T) {
	t.Parallel()
	const N, D = 1024, 6
	c := []float64{1, 2, 3, 1, 0.5, 2}
	var sum2 float64
	for _, x := range c {
		sum2 += x * x
	}
	f := func(x []float64) float64 {
		var s float64
		for d, v := range x {
			s += c[d] * v
		}
		return s
	}
	errOf := func(sampling Sampling) float64 {
		des := newDesign(sampling, D, 1)
		y := make([]float64, (D+2)*N)
		a, b, u := make([]float64, D), make([]float64, D), make([]float64, D)
		for j := range N {
			des.fill(j, a, b)
			y[j], y[N+j] = f(a), f(b)
			for i := range D {
				copy(u, a)
				u[i] = b[i]
				y[(2+i)*N+j] = f(u)
			}
		}
		first, total := make([]float64, D), make([]float64, D)
		sobolIndices(y, N, identity(N), first, total)
		var e float64
		for d := range D {
			e += math.Abs(first[d] - c[d]*c[d]/sum2)
		}
		return e
	}
	es, er := errOf(SamplingSobol), errOf(SamplingRandom)
	t.Logf("sum of |S_d error|: Sobol %.5f, random %.5f", es, er)
	if !(es < er/4) {
		t.Errorf("Sobol design error %v not below a quarter of random's %v", es, er)
	}
	// Beyond 50 coordinates per matrix the design pads with random ones.
	des := newDesign(SamplingSobol, 60, 1)
	a, b := make([]float64, 60), make([]float64, 60)
	des.fill(0, a, b)
	if a[0] != 0.5 || b[0] != 0.5 || a[55] == 0.5 || a[55] == b[55] {
		t.Errorf("padded design row 0: a %v b %v", a[:2], b[:2])
	}
}

// TestSENotPropagated checks that a model whose leaves have standard
// errors runs under a non-linear alternative normalisation (percentiles,
// through which standard errors cannot propagate) and says which leaves'
// standard errors are not propagated; a linear alternative (zscore)
// reports none.
func TestSENotPropagated(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 8, 2, 2, 5)
	m.Root.Children[0].Children[1].SEColumn = "x0_0" // any column of positive values
	p := compile(t, m)
	for _, tc := range []struct {
		alt  indicator.NormalizationMethod
		want []string
	}{{indicator.NormPercentile, []string{"x0_1"}}, {indicator.NormZScore, nil}} {
		factors := []Factor{{Name: "normalisation", Kind: FactorNormalization, Normalizations: []indicator.Normalization{{}, {Method: tc.alt}}}}
		d, err := MonteCarlo(context.Background(), p, tab, factors, Settings{Replications: 50, Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", tc.alt, err)
		}
		if !slices.Equal(d.SENotPropagated, tc.want) {
			t.Errorf("%s: SENotPropagated %v, want %v", tc.alt, d.SENotPropagated, tc.want)
		}
		s, err := Sobol(context.Background(), p, tab, factors, SobolSettings{N: 16, Bootstrap: 2, Seed: 1})
		if err != nil || !slices.Equal(s.SENotPropagated, tc.want) {
			t.Errorf("%s: Sobol %v, SENotPropagated %v, want %v", tc.alt, err, s, tc.want)
		}
	}
}
