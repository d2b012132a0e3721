package indicator_test

import (
	"context"
	"math"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// coherenceModel is total = mean(g, h), g = mean(a, b), h = mean(c, d),
// every leaf normalised by "none" (score = value) and d's missing value
// imputed with 40.
func coherenceModel() *indicator.Model {
	none := func(id string) *indicator.Node {
		return &indicator.Node{ID: id, Column: id, Weight: 1, Normalization: &indicator.Normalization{Method: indicator.NormNone}}
	}
	d := none("d")
	d.Imputation = &indicator.Imputation{Method: indicator.ImputeValue, Value: 40}
	return &indicator.Model{Version: 1, Name: "coherence", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "g", Weight: 1, Children: []*indicator.Node{none("a"), none("b")}},
		{ID: "h", Weight: 1, Children: []*indicator.Node{none("c"), d}},
	}}}
}

// coherenceTable holds, for U1..U4 (rows given in the order U3, U1, U4,
// U2):
//
//	a = 10 20 30 40    b = 20 10 40 30    c = 40 30 20 10    d = 10 30 20 NA(40)
func coherenceTable(t fataler) *indicator.Table {
	nan := math.NaN()
	return mustTable(t, []string{"U3", "U1", "U4", "U2"}, []string{"a", "b", "c", "d"}, [][]float64{
		{30, 40, 20, 20},
		{10, 20, 40, 10},
		{40, 30, 10, nan},
		{20, 10, 30, 30},
	})
}

func prepareCoherence(t *testing.T, s weighting.CoherenceSettings) *indicator.Coherence {
	t.Helper()
	p, err := indicator.Compile(coherenceModel())
	if err != nil {
		t.Fatal(err)
	}
	pr, err := p.Prepare(context.Background(), coherenceTable(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := pr.Coherence(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCoherenceHand checks the coherence of coherenceModel against a hand
// calculation. With deviations from the mean (all means are 25):
//
//	a: -15 -5 5 15   b: -5 -15 15 5   c: 15 5 -5 -15   d: -15 5 -5 15
//	g = (15 15 35 35): -10 -10 10 10
//	h = (25 30 20 25):   0 5 -5 0
//	total = (20 22.5 27.5 30): -5 -2.5 2.5 5
//
// Pearson: r(a,b) = 300/500 = 0.6; r(c,d) = -400/500 = -0.8;
// r(a,g) = r(b,g) = 400/sqrt(500*400) = 2/sqrt(5); r(a,total) =
// 175/sqrt(500*62.5) = 7/sqrt(50); r(b,total) = 125/sqrt(500*62.5) =
// 5/sqrt(50); r(g,total) = 150/sqrt(400*62.5) = 3/sqrt(10);
// r(h,total) = -25/sqrt(50*62.5) = -1/sqrt(5). Cronbach's alpha of (a, b):
// var a = var b = 500/3, var(a+b) = 1600/3, alpha = 2 (1 - 1000/1600) =
// 0.75 = 2*0.6/1.6 (Std). Kendall: of the 6 pairs of units, a and b
// agree on 4 and disagree on 2 (U1-U2, U3-U4), tau = 2/6; a and g: 4
// concordant, 2 tied in g, tau_b = 4/sqrt(6*4).
func TestCoherenceHand(t *testing.T) {
	t.Parallel()
	const tol = 1e-14 // a few roundings of numbers near 1
	approx := cmpopts.EquateApprox(0, tol)
	c := prepareCoherence(t, weighting.CoherenceSettings{})
	if d := cmp.Diff([]string{"U1", "U2", "U3", "U4"}, c.Units); d != "" {
		t.Errorf("units (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{1, 1, 1, 0.75}, c.Availability, approx); d != "" {
		t.Errorf("availability (-want +got):\n%s", d)
	}
	if c.Method != weighting.Pearson || c.Redundant != 0.9 || c.Negative != 0.4 {
		t.Errorf("settings %v %v %v, want pearson 0.9 0.4", c.Method, c.Redundant, c.Negative)
	}
	var ids []string
	for _, g := range c.Groups {
		ids = append(ids, g.ID)
	}
	if d := cmp.Diff([]string{"total", "g", "h"}, ids); d != "" {
		t.Fatalf("groups (-want +got):\n%s", d)
	}
	g, _ := c.Group("g")
	h, _ := c.Group("h")
	root, _ := c.Group("total")
	if r, ok := g.Correlation("b", "a"); !ok || math.Abs(r-0.6) > tol {
		t.Errorf("r(a, b) = %v, %v; want 0.6", r, ok)
	}
	if r, ok := h.Correlation("c", "d"); !ok || math.Abs(r+0.8) > tol {
		t.Errorf("r(c, d) = %v, %v; want -0.8", r, ok)
	}
	if _, ok := g.Correlation("a", "c"); ok {
		t.Error("Correlation(a, c) found c in g")
	}
	for _, tc := range []struct {
		name      string
		got, want []float64
	}{
		{"g with group", g.WithGroup, []float64{2 / math.Sqrt(5), 2 / math.Sqrt(5)}},
		{"g with index", g.WithIndex, []float64{7 / math.Sqrt(50), 5 / math.Sqrt(50)}},
		{"root with group", root.WithGroup, []float64{3 / math.Sqrt(10), -1 / math.Sqrt(5)}},
		{"root with index", root.WithIndex, []float64{3 / math.Sqrt(10), -1 / math.Sqrt(5)}},
		{"group with index", []float64{g.GroupWithIndex, h.GroupWithIndex, root.GroupWithIndex}, []float64{3 / math.Sqrt(10), -1 / math.Sqrt(5), 1}},
		{"alpha", []float64{g.Alpha.Raw, g.Alpha.Std, g.Alpha.AverageR}, []float64{0.75, 0.75, 0.6}},
		{"h availability", h.Availability, []float64{1, 1, 1, 0.5}},
		{"h child availability", h.ChildAvailability, []float64{1, 0.75}},
		{"root child availability", root.ChildAvailability, []float64{1, 7.0 / 8}},
	} {
		if d := cmp.Diff(tc.want, tc.got, approx); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
	want := []indicator.CoherenceFlag{{Kind: weighting.NegativeCorrelation, A: "c", B: "d", R: -0.8}}
	if d := cmp.Diff(want, h.Flags, approx); d != "" {
		t.Errorf("h flags (-want +got):\n%s", d)
	}
	// r(g, h) = -100/sqrt(400*50) = -1/sqrt(2).
	want = []indicator.CoherenceFlag{{Kind: weighting.NegativeCorrelation, A: "g", B: "h", R: -1 / math.Sqrt(2)}}
	if d := cmp.Diff(want, root.Flags, approx); d != "" {
		t.Errorf("root flags (-want +got):\n%s", d)
	}
	if len(g.Flags) != 0 {
		t.Errorf("g flags %v, want none", g.Flags)
	}

	k := prepareCoherence(t, weighting.CoherenceSettings{Method: weighting.Kendall, Redundant: 0.3})
	kg, _ := k.Group("g")
	if d := cmp.Diff([]float64{1.0 / 3, 4 / math.Sqrt(24)}, []float64{kg.Correlations.At(0, 1), kg.WithGroup[0]}, approx); d != "" {
		t.Errorf("kendall (-want +got):\n%s", d)
	}
	want = []indicator.CoherenceFlag{{Kind: weighting.Redundant, A: "a", B: "b", R: 1.0 / 3}}
	if d := cmp.Diff(want, kg.Flags, approx); d != "" {
		t.Errorf("kendall flags with -redundant 0.3 (-want +got):\n%s", d)
	}
}

func TestCoherenceBadSettings(t *testing.T) {
	t.Parallel()
	p, err := indicator.Compile(coherenceModel())
	if err != nil {
		t.Fatal(err)
	}
	pr, err := p.Prepare(context.Background(), coherenceTable(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []weighting.CoherenceSettings{{Redundant: 1.5}, {Negative: -0.1}, {Redundant: math.NaN()}} {
		if _, err := pr.Coherence(context.Background(), s); err == nil {
			t.Errorf("%+v: no error", s)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := pr.Coherence(ctx, weighting.CoherenceSettings{}); err != context.Canceled {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("unknown method did not panic")
		}
	}()
	pr.Coherence(context.Background(), weighting.CoherenceSettings{Method: 7})
}

// TestCoherenceCronbachReference scores the eight indicators of
// composite_A.csv as z-scores with their directions as polarities, in one
// group: the group's alpha is psych::alpha's on z-scores (raw alpha equals
// the standardised one), testdata/reference/composite/c11_cronbach_alpha.json.
func TestCoherenceCronbachReference(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../testdata/reference/composite/composite_A.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := indicator.ReadCSV(f, indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"life_expectancy", "unemployment_rate", "broadband_pct", "crime_per_100k", "graduation_rate", "wait_days", "satisfaction", "budget_execution_pct"}
	dirs := []int{1, -1, 1, -1, 1, -1, 1, 1}
	root := &indicator.Node{ID: "all", Normalization: &indicator.Normalization{Method: indicator.NormZScore}}
	for j, c := range cols {
		n := &indicator.Node{ID: c, Column: c, Weight: 1}
		if dirs[j] < 0 {
			n.Polarity = indicator.LowerIsBetter
		}
		root.Children = append(root.Children, n)
	}
	p, err := indicator.Compile(&indicator.Model{Version: 1, Name: "c11", Root: root})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := p.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pr.Coherence(context.Background(), weighting.CoherenceSettings{})
	if err != nil {
		t.Fatal(err)
	}
	a := c.Groups[0].Alpha
	want := weighting.AlphaResult{Raw: 0.91323164749722174, Std: 0.91323164749722174, AverageR: 0.56814973321531836}
	// The reference's tolerance: 1e-9 relative.
	if d := cmp.Diff(want, a, cmpopts.EquateApprox(1e-9, 1e-12)); d != "" {
		t.Errorf("alpha (-want +got):\n%s", d)
	}
}

// TestPropertyCoherencePermutation: the coherence of a model does not
// depend on the order of the table's rows, to the bit.
func TestPropertyCoherencePermutation(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, allNorms, anyAggs)
		if rapid.Bool().Draw(t, "missing") {
			s.model.Root.Imputation = &indicator.Imputation{Method: rapid.SampledFrom([]indicator.ImputationMethod{
				indicator.ImputeMean, indicator.ImputeAvailable}).Draw(t, "imputation")}
			s.rows[rapid.IntRange(0, len(s.rows)-1).Draw(t, "missing unit")][rapid.IntRange(0, len(s.cols)-1).Draw(t, "missing col")] = math.NaN()
		}
		settings := weighting.CoherenceSettings{Method: rapid.SampledFrom([]weighting.CorrMethod{weighting.Pearson, weighting.Spearman, weighting.Kendall}).Draw(t, "method")}
		p, err := indicator.Compile(s.model)
		if err != nil {
			t.Fatal(err)
		}
		coherence := func(s *scenario) (*indicator.Coherence, error) {
			pr, err := p.Prepare(context.Background(), s.table(t))
			if err != nil {
				return nil, err
			}
			return pr.Coherence(context.Background(), settings)
		}
		c1, err1 := coherence(s)
		perm := rapid.Permutation(seq(len(s.units))).Draw(t, "perm")
		ps := &scenario{model: s.model, cols: s.cols}
		for _, i := range perm {
			ps.units = append(ps.units, s.units[i])
			ps.rows = append(ps.rows, s.rows[i])
		}
		c2, err2 := coherence(ps)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v / %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		exact := cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b) })
		sym := cmp.Transformer("sym", func(m *mat.SymDense) [][]float64 {
			n := m.SymmetricDim()
			out := make([][]float64, n)
			for i := range out {
				out[i] = make([]float64, n)
				for j := range out[i] {
					out[i][j] = m.At(i, j)
				}
			}
			return out
		})
		if d := cmp.Diff(c1, c2, exact, sym); d != "" {
			t.Fatalf("coherence depends on the row order (-want +got):\n%s", d)
		}
		for _, g := range c1.Groups {
			for j := range g.Children {
				for _, r := range []float64{g.WithGroup[j], g.WithIndex[j]} {
					if r < -1 || r > 1 {
						t.Fatalf("group %s child %d: correlation %v outside [-1, 1]", g.ID, j, r)
					}
				}
			}
		}
	})
}
