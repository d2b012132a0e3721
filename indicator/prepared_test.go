package indicator_test

import (
	"context"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
)

// scoresAsEvaluate prepares plan on tab and checks that Scores(nil) gives
// the bits of Evaluate's scores; it returns the prepared table and the
// scores.
func scoresAsEvaluate(t *testing.T, plan *indicator.Plan, tab *indicator.Table) (*indicator.Prepared, []float64) {
	t.Helper()
	ctx := context.Background()
	res, err := plan.Evaluate(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := plan.Prepare(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, pr.NumUnits())
	if err := pr.Scores(nil, dst); err != nil {
		t.Fatal(err)
	}
	for u := range dst {
		if math.Float64bits(dst[u]) != math.Float64bits(res.Score[u]) {
			t.Fatalf("unit %d: Scores %v != Evaluate %v", u, dst[u], res.Score[u])
		}
	}
	return pr, dst
}

func TestPreparedMatchesEvaluate(t *testing.T) {
	plan, tab := benchModel(t, 200)
	pr, dst := scoresAsEvaluate(t, plan, tab)
	// A variant with the nominal weights given explicitly renormalises
	// them; the scores agree to rounding.
	groups := plan.Groups()
	v := &indicator.Variant{Weights: make([][]float64, len(groups))}
	for g, gi := range groups {
		v.Weights[g] = gi.Weights
	}
	got := make([]float64, len(dst))
	if err := pr.Scores(v, got); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(dst, got, cmpopts.EquateApprox(0, 1e-12)); d != "" {
		t.Errorf("explicit nominal weights (-want +got):\n%s", d)
	}
	// Allocation-free after warm-up (the race detector makes sync.Pool
	// drop items on purpose, so the count is checked without it).
	if n := testing.AllocsPerRun(20, func() { _ = pr.Scores(v, got) }); n != 0 && !raceEnabled {
		t.Errorf("Scores allocates %v times per call", n)
	}
	// Concurrent use gives the same bits (run with -race).
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := make([]float64, len(dst))
			for range 5 {
				if err := pr.Scores(nil, out); err != nil {
					t.Error(err)
					return
				}
				for u := range out {
					if math.Float64bits(out[u]) != math.Float64bits(dst[u]) {
						t.Errorf("concurrent Scores differ at unit %d", u)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestVariant(t *testing.T) {
	t.Parallel()
	// Leaves a, b (weights 3:1) min-max normalised to 0, 50, 100 and 100,
	// 0, 50 (see TestEvaluateHand).
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2"}, [][]float64{{10, 1}, {20, 5}, {30, 3}})
	plan, err := indicator.Compile(twoLeaf())
	if err != nil {
		t.Fatal(err)
	}
	pr, err := plan.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    indicator.Variant
		want []float64
	}{
		// b alone.
		{"exclude", indicator.Variant{Exclude: []bool{true, false}}, []float64{100, 0, 50}},
		// Weights 1:1: the plain mean.
		{"weights", indicator.Variant{Weights: [][]float64{{1, 1}}}, []float64{50, 25, 75}},
		// Minimum of the two.
		{"aggregation", indicator.Variant{Aggregation: []indicator.Aggregation{{Method: indicator.Minimum}}}, []float64{0, 0, 50}},
	}
	for _, tc := range tests {
		dst := make([]float64, 3)
		if err := pr.Scores(&tc.v, dst); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if d := cmp.Diff(tc.want, dst, cmpopts.EquateApprox(0, tol)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
	if err := pr.Scores(&indicator.Variant{Exclude: []bool{true, true}}, make([]float64, 3)); err == nil {
		t.Error("excluding every indicator: no error")
	}
	if err := pr.Scores(&indicator.Variant{Weights: [][]float64{{-1, 1}}}, make([]float64, 3)); err == nil {
		t.Error("negative variant weight: no error")
	}
}

func TestScoresPanics(t *testing.T) {
	t.Parallel()
	tab := mustTable(t, []string{"A", "B"}, []string{"x1", "x2"}, [][]float64{{10, 1}, {20, 5}})
	plan, _ := indicator.Compile(twoLeaf())
	pr, err := plan.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"dst":     func() { _ = pr.Scores(nil, make([]float64, 3)) },
		"exclude": func() { _ = pr.Scores(&indicator.Variant{Exclude: []bool{true}}, make([]float64, 2)) },
		"weights": func() { _ = pr.Scores(&indicator.Variant{Weights: [][]float64{{1}}}, make([]float64, 2)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestStandardErrors(t *testing.T) {
	t.Parallel()
	// Leaf a: min-max over 10..30 (slope 100/20 = 5), SE 1 → 5; leaf b:
	// none (slope 1), SE 2 → 2. Root weights 0.75, 0.25:
	// sqrt((0.75*5)^2 + (0.25*2)^2) = sqrt(14.0625 + 0.25).
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2", "se1", "se2"},
		[][]float64{{10, 40, 1, 2}, {20, 50, 1, 2}, {30, 60, 1, 2}})
	m := twoLeaf()
	m.Root.Children[0].SEColumn = "se1"
	m.Root.Children[1].SEColumn = "se2"
	m.Root.Children[1].Polarity = indicator.HigherIsBetter
	m.Root.Children[1].Normalization = &indicator.Normalization{Method: indicator.NormNone}
	r := mustEval(t, m, tab)
	want := math.Sqrt(14.0625 + 0.25)
	if d := cmp.Diff([]float64{want, want, want}, r.SE, cmpopts.EquateApprox(0, tol)); d != "" {
		t.Errorf("SE (-want +got):\n%s", d)
	}
	m.Root.Aggregation = &indicator.Aggregation{Method: indicator.Geometric}
	if _, err := indicator.Compile(m); err == nil {
		t.Error("standard errors through a geometric mean: no validation error")
	}
}

func TestBenefitOfDoubt(t *testing.T) {
	t.Parallel()
	// Units best on one indicator each score 100; C, dominated by the
	// average of A and B, scores below.
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2"}, [][]float64{{100, 20}, {20, 100}, {50, 50}})
	m := twoLeaf()
	m.Root.Aggregation = &indicator.Aggregation{Method: indicator.BoD}
	m.Root.Children[1].Polarity = indicator.HigherIsBetter
	for _, c := range m.Root.Children {
		c.Normalization = &indicator.Normalization{Method: indicator.NormNone}
	}
	r := mustEval(t, m, tab)
	// C: max w1*50 + w2*50 s.t. 100w1 + 20w2 <= 1, 20w1 + 100w2 <= 1:
	// w1 = w2 = 1/120, score 100/120.
	if d := cmp.Diff([]float64{100, 100, 100 * 100.0 / 120}, r.Score, cmpopts.EquateApprox(0, 1e-9)); d != "" {
		t.Errorf("BoD (-want +got):\n%s", d)
	}
	sum := 0.0
	for _, w := range r.Weights {
		sum += w.Weight
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("effective weights sum to %v", sum)
	}
	plan, _ := indicator.Compile(m)
	pr, err := plan.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, 3)
	if err := pr.Scores(nil, dst); err != nil || !cmp.Equal(dst, r.Score) {
		t.Errorf("Scores(nil) = %v, %v; want %v", dst, err, r.Score)
	}
}

func TestLeafStandardErrors(t *testing.T) {
	t.Parallel()
	// Each case: values x with standard error 1 (se) and the expected
	// standard errors of the normalised scores, |dy/dx| * se.
	e := math.E
	tests := []struct {
		name string
		leaf indicator.Node
		x    []float64
		want []float64
	}{
		// z = (x - 4)/2: slope 1/2.
		{"zscore", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormZScore}}, []float64{2, 4, 6}, []float64{0.5, 0.5, 0.5}},
		// 100 x/80 capped at 100: slope 1.25 below the target, 0 above.
		{"target", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormTarget, Target: fp(80)}}, []float64{40, 100}, []float64{1.25, 0}},
		// lower: 100*2/x, slope 200/x^2.
		{"target-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormTarget, Target: fp(2), Unclipped: true}}, []float64{4, 1}, []float64{12.5, 200}},
		// 100 x/mean, mean 4: slope 25.
		{"ratio_mean", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormRatioMean}}, []float64{2, 4, 6}, []float64{25, 25, 25}},
		// lower: 100 mean/x, slope 400/x^2.
		{"ratio_mean-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormRatioMean}}, []float64{2, 4, 6}, []float64{100, 25, 400.0 / 36}},
		// Efficacy with goalposts 50..90: slope 40/40 = 1 inside, 0 where
		// clamped (95 is beyond good).
		{"efficacy", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormEfficacy, Worst: fp(50), Best: fp(90)}}, []float64{70, 95}, []float64{1, 0}},
		// Goalposts 0..5: slope 20 inside, 0 where clipped.
		{"goalposts", indicator.Node{Normalization: &indicator.Normalization{Worst: fp(0), Best: fp(5)}}, []float64{2, 6}, []float64{20, 0}},
		// ln(x + 1) = 0, 1, 2, then min-max with slope 50: 50/(x + 1).
		{"log", indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformLog, Offset: 1}}, []float64{0, e - 1, e*e - 1}, []float64{50, 50 / e, 50 / (e * e)}},
		// none: slope 1 (lower: -1).
		{"none-lower", indicator.Node{Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormNone}}, []float64{20, 30}, []float64{1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			leaf := tc.leaf
			leaf.ID, leaf.Column, leaf.SEColumn, leaf.Weight = "x", "x", "se", 1
			m := &indicator.Model{Version: 1, Name: "se", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{&leaf}}}
			units := make([]string, len(tc.x))
			rows := make([][]float64, len(tc.x))
			for i, v := range tc.x {
				units[i], rows[i] = string(rune('A'+i)), []float64{v, 1}
			}
			r := mustEval(t, m, mustTable(t, units, []string{"x", "se"}, rows))
			n, _ := r.Node("x")
			if d := cmp.Diff(tc.want, n.SE, cmpopts.EquateApprox(1e-12, 0)); d != "" {
				t.Errorf("leaf SE (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.want, r.SE, cmpopts.EquateApprox(1e-12, 0)); d != "" {
				t.Errorf("root SE (-want +got):\n%s", d)
			}
		})
	}
}

func TestAccessors(t *testing.T) {
	t.Parallel()
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2"}, [][]float64{{10, 1}, {20, 5}, {30, 3}})
	if tab.Value(1, 1) != 5 || tab.NumUnits() != 3 {
		t.Errorf("Value(1, 1) = %v, NumUnits = %d", tab.Value(1, 1), tab.NumUnits())
	}
	plan, err := indicator.Compile(twoLeaf())
	if err != nil {
		t.Fatal(err)
	}
	wantLeaves := []indicator.LeafInfo{{ID: "a", Path: "root/a", Column: "x1"}, {ID: "b", Path: "root/b", Column: "x2"}}
	if d := cmp.Diff(wantLeaves, plan.Leaves()); d != "" {
		t.Errorf("Leaves (-want +got):\n%s", d)
	}
	pr, err := plan.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(plan.Groups(), pr.Groups()); d != "" {
		t.Errorf("Prepared.Groups differs from Plan.Groups for fixed weights:\n%s", d)
	}
	if d := cmp.Diff([]string{"A", "B", "C"}, pr.Units()); d != "" {
		t.Errorf("Units: %s", d)
	}
	if indicator.LowerIsBetter.String() != "lower" || indicator.Polarity(7).String() != "Polarity(7)" {
		t.Errorf("Polarity.String")
	}
	if _, err := indicator.Polarity(7).MarshalText(); err == nil {
		t.Errorf("MarshalText of an unknown polarity: no error")
	}
	e := &indicator.NodeError{Path: "root/a", Err: indicator.ErrDomain}
	if e.Error() != `indicator: node "root/a": value outside the domain` {
		t.Errorf("NodeError: %v", e)
	}
}

func TestVetoOperators(t *testing.T) {
	t.Parallel()
	// Scores 0, 50, 100 (min-max of 10, 20, 30) against threshold 50.
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x"}, [][]float64{{10}, {20}, {30}})
	for op, want := range map[string][]bool{
		">": {false, false, true}, ">=": {false, true, true}, "<": {true, false, false},
		"<=": {true, true, false}, "==": {false, true, false}, "!=": {true, false, true},
	} {
		m := &indicator.Model{Version: 1, Name: "veto", Root: &indicator.Node{ID: "root",
			Veto: []indicator.Veto{{Op: op, Threshold: 50}}, Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 1}}}}
		if got := mustEval(t, m, tab).Vetoed; !cmp.Equal(want, got) {
			t.Errorf("op %s: vetoed %v, want %v", op, got, want)
		}
	}
}

func TestGOMAXPROCSIndependent(t *testing.T) {
	// Not parallel: it changes GOMAXPROCS. The leaves and contributions
	// are split among goroutines by GOMAXPROCS; the bits must not change.
	// 1,500 units × 200 indicators is above minParallelCells (262,144
	// cells), so that the work is split.
	plan, tab := benchModel(t, 1500)
	var scores [][]float64
	for _, procs := range []int{1, 2, 5} {
		old := runtime.GOMAXPROCS(procs)
		r, err := plan.Evaluate(context.Background(), tab)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		var all []float64
		for _, n := range r.Nodes {
			all = append(all, n.Scores...)
			all = append(all, n.Share...)
		}
		scores = append(scores, all)
	}
	for k := 1; k < len(scores); k++ {
		for i := range scores[0] {
			if math.Float64bits(scores[0][i]) != math.Float64bits(scores[k][i]) {
				t.Fatalf("value %d differs between GOMAXPROCS settings", i)
			}
		}
	}
}

// TestPreparedMeansMatchEvaluate checks, for geometric, harmonic and power
// means with missing values (available-case aggregation) and leaf and
// group children mixed, that Prepared.Scores(nil) gives the bits of
// Evaluate, and that variants switching means (whose leaf terms are
// cached on first use, concurrently) give the same bits as a fresh
// Prepared whose model declares those means.
func TestPreparedMeansMatchEvaluate(t *testing.T) {
	ctx := context.Background()
	means := []indicator.Aggregation{
		{Method: indicator.Geometric, Offset: 1},
		{Method: indicator.Harmonic, Offset: 1},
		{Method: indicator.Power, P: 2},
		{Method: indicator.Power, P: -1, Offset: 0.5},
		{Method: indicator.Power, P: 0, Offset: 1},
		{Method: indicator.Geometric, Offset: 2},
		{Method: indicator.Geometric, Offset: 3},
	}
	model := func(a indicator.Aggregation) *indicator.Model {
		leaf := func(id string, w float64) *indicator.Node { return &indicator.Node{ID: id, Column: id, Weight: w} }
		return &indicator.Model{Version: 1, Name: "means", Root: &indicator.Node{ID: "root", Aggregation: &a,
			Imputation: &indicator.Imputation{Method: indicator.ImputeAvailable},
			Children: []*indicator.Node{
				leaf("x1", 2),
				{ID: "g", Weight: 3, Aggregation: &a, Children: []*indicator.Node{leaf("x2", 1), leaf("x3", 0), leaf("x4", 2)}},
			}}}
	}
	nan := math.NaN()
	tab := mustTable(t, []string{"A", "B", "C", "D", "E"}, []string{"x1", "x2", "x3", "x4"}, [][]float64{
		{10, 5, 3, nan}, {20, nan, 4, 7}, {30, 8, 5, 9}, {15, 6, nan, 1}, {25, 2, 6, 4}})
	scores := func(t *testing.T, a indicator.Aggregation) []float64 {
		plan, err := indicator.Compile(model(a))
		if err != nil {
			t.Fatal(err)
		}
		_, dst := scoresAsEvaluate(t, plan, tab)
		return dst
	}
	want := make([][]float64, len(means))
	for k, a := range means {
		want[k] = scores(t, a)
	}
	plan, err := indicator.Compile(model(indicator.Aggregation{}))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := plan.Prepare(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := make([]float64, pr.NumUnits())
			for r := range 3 * len(means) {
				k := (r + w) % len(means)
				v := &indicator.Variant{Aggregation: []indicator.Aggregation{means[k], means[k]}}
				if err := pr.Scores(v, out); err != nil {
					t.Error(err)
					return
				}
				for u := range out {
					if math.Float64bits(out[u]) != math.Float64bits(want[k][u]) {
						t.Errorf("variant %+v, unit %d: %v, want %v", means[k], u, out[u], want[k][u])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
