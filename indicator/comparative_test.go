package indicator_test

import (
	"bufio"
	"context"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// comparativeRef reads testdata/comparative/reference.out, the numbers
// that testdata/comparative/reference.R (base R 4.2.2, written from the
// published formulas of Hwang & Yoon, Deng, Mazziotta & Pareto and 汪培庄,
// not from this package) printed: one line per name, then the values.
func comparativeRef(t *testing.T) map[string][]float64 {
	t.Helper()
	f, err := os.Open("testdata/comparative/reference.out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		key := fs[0]
		if key == "weighted_average" || key == "zadeh" {
			// op unit membership b1..bK grade k score s
			key += "/" + fs[1]
			fs = fs[2:]
		} else {
			fs = fs[1:]
		}
		var vals []float64
		for _, s := range fs {
			if x, err := strconv.ParseFloat(s, 64); err == nil {
				vals = append(vals, x)
			}
		}
		out[key] = vals
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// districtModel is a model of the four indicators of
// testdata/comparative/districts.csv (complaints lower-is-better), each
// min-max normalised, under a root with aggregation a and weighting s
// (nil: the declared weights w).
func districtModel(a *indicator.Aggregation, s *weighting.Spec, w []float64, norm indicator.NormalizationMethod) *indicator.Model {
	root := &indicator.Node{ID: "root", Aggregation: a, Weighting: s,
		Normalization: &indicator.Normalization{Method: norm}}
	for j, c := range []string{"service", "coverage", "complaints", "satisfaction"} {
		leaf := &indicator.Node{ID: c, Column: c}
		if c == "complaints" {
			leaf.Polarity = indicator.LowerIsBetter
		}
		if w != nil {
			leaf.Weight = w[j]
		}
		root.Children = append(root.Children, leaf)
	}
	return &indicator.Model{Version: indicator.Version, Name: "districts", Root: root}
}

func readTestCSV(t *testing.T, name string) *indicator.Table {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := indicator.ReadCSV(f, indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func rootScores(t *testing.T, m *indicator.Model, tab *indicator.Table) []float64 {
	t.Helper()
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	r, err := plan.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	return r.Score
}

// closeTo reports whether got is within rel (relative) of want, each.
func closeTo(got, want []float64, rel float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= rel*math.Abs(want[i])) {
			return false
		}
	}
	return true
}

// refTol is the relative tolerance against R: the two compute the same
// formulas in a different order of operations (R on [0, 1], the model on
// [0, 100]), so they agree to a few ulps of the intermediate values.
const refTol = 1e-12

// TestComparativeReference checks topsis, grey_relational and mpi on the
// eight districts against the base-R derivation in
// testdata/comparative/reference.R (its printed output is
// reference.out): entropy-weight TOPSIS (熵权TOPSIS, min-max standardised
// with polarity, Shannon entropy weights) with vector and no scaling,
// classical TOPSIS on raw values with fixed weights, grey relational
// grades with the ideal and with a given reference, both forms of the
// Mazziotta–Pareto index (standardised raw values, polarity by sign) and
// of the adjusted index (goalposts around the mean, and around a given
// reference).
func TestComparativeReference(t *testing.T) {
	t.Parallel()
	ref := comparativeRef(t)
	tab := readTestCSV(t, "testdata/comparative/districts.csv")
	entropy := &weighting.Spec{Method: "entropy"}
	rho := func(x float64) *float64 { return &x }
	raw := &indicator.Model{Version: indicator.Version, Name: "raw", Root: &indicator.Node{ID: "root",
		Aggregation:   &indicator.Aggregation{Method: indicator.TOPSIS},
		Normalization: &indicator.Normalization{Method: indicator.NormNone},
		Children: []*indicator.Node{{ID: "service", Column: "service", Weight: 0.5},
			{ID: "coverage", Column: "coverage", Weight: 0.3}, {ID: "satisfaction", Column: "satisfaction", Weight: 0.2}}}}
	for _, tc := range []struct {
		name string
		m    *indicator.Model
	}{
		{"topsis_entropy_vector", districtModel(&indicator.Aggregation{Method: indicator.TOPSIS}, entropy, nil, indicator.NormMinMax)},
		{"topsis_entropy_none", districtModel(&indicator.Aggregation{Method: indicator.TOPSIS, Scaling: indicator.ScalingNone}, entropy, nil, indicator.NormMinMax)},
		{"topsis_raw_fixed", raw},
		{"grey_equal_0.5", districtModel(&indicator.Aggregation{Method: indicator.Grey}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
		{"grey_entropy_0.3", districtModel(&indicator.Aggregation{Method: indicator.Grey, Rho: rho(0.3)}, entropy, nil, indicator.NormMinMax)},
		{"grey_ref_0.5", districtModel(&indicator.Aggregation{Method: indicator.Grey, Reference: []float64{90, 90, 90, 90}}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
		{"mpi_negative", districtModel(&indicator.Aggregation{Method: indicator.MPI}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
		{"mpi_positive", districtModel(&indicator.Aggregation{Method: indicator.MPI, Penalty: indicator.PenaltyPositive}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
		// The index is the same on z-scores: standardising is affine invariant.
		{"mpi_negative", districtModel(&indicator.Aggregation{Method: indicator.MPI}, &weighting.Spec{Method: "equal"}, nil, indicator.NormZScore)},
		{"ampi_negative", districtModel(&indicator.Aggregation{Method: indicator.AMPI}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
		{"ampi_positive", districtModel(&indicator.Aggregation{Method: indicator.AMPI, Penalty: indicator.PenaltyPositive}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
		{"ampi_ref_0.5", districtModel(&indicator.Aggregation{Method: indicator.AMPI, Reference: []float64{50, 50, 50, 50}}, &weighting.Spec{Method: "equal"}, nil, indicator.NormMinMax)},
	} {
		want := ref[tc.name]
		if len(want) != 8 {
			t.Fatalf("%s: reference.out has %d values", tc.name, len(want))
		}
		if got := rootScores(t, tc.m, tab); !closeTo(got, want, refTol) {
			t.Errorf("%s:\n got %.17g\nwant %.17g", tc.name, got, want)
		}
	}
}

// TestFuzzyReference checks the fuzzy aggregation of the answer shares in
// testdata/comparative/shares.csv (three factors, five grades) against
// reference.R: memberships, grade of maximum membership and score, for
// M(·,+) and M(∧,∨).
func TestFuzzyReference(t *testing.T) {
	t.Parallel()
	ref := comparativeRef(t)
	tab := readTestCSV(t, "testdata/comparative/shares.csv")
	grades := []indicator.FuzzyGrade{{"很满意", 100}, {"满意", 80}, {"一般", 60}, {"不满意", 40}, {"很不满意", 20}}
	for _, op := range []string{indicator.OperatorWeightedAverage, indicator.OperatorZadeh} {
		m := fuzzyModel(grades, op)
		plan, err := indicator.Compile(m)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := plan.Prepare(context.Background(), tab)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pr.Fuzzy("satisfaction")
		if err != nil {
			t.Fatal(err)
		}
		r, err := plan.Evaluate(context.Background(), tab)
		if err != nil {
			t.Fatal(err)
		}
		for u, unit := range tab.Units() {
			want := ref[op+"/"+unit] // b1..b5, grade (1-based), score
			if len(want) != 7 {
				t.Fatalf("%s/%s: reference.out has %d values", op, unit, len(want))
			}
			if !closeTo(fr.Membership[u], want[:5], refTol) || fr.Grade[u] != int(want[5])-1 ||
				!closeTo([]float64{fr.Scores[u], r.Score[u]}, []float64{want[6], want[6]}, refTol) {
				t.Errorf("%s %s: membership %.17g grade %d score %.17g (result %.17g), want %.17g", op, unit, fr.Membership[u], fr.Grade[u], fr.Scores[u], r.Score[u], want)
			}
		}
	}
}

// fuzzyModel is the fuzzy model of shares.csv: factors traffic, health
// and safety weighted 0.5, 0.3, 0.2, each a fuzzy group of its five
// grade shares.
func fuzzyModel(grades []indicator.FuzzyGrade, op string) *indicator.Model {
	root := &indicator.Node{ID: "satisfaction", Aggregation: &indicator.Aggregation{Method: indicator.Fuzzy, Grades: grades, Operator: op},
		Normalization: &indicator.Normalization{Method: indicator.NormNone}}
	for j, f := range []string{"traffic", "health", "safety"} {
		g := &indicator.Node{ID: f, Weight: []float64{0.5, 0.3, 0.2}[j], Aggregation: &indicator.Aggregation{Method: indicator.Fuzzy, Grades: grades}}
		for _, k := range []string{"vs", "s", "n", "d", "vd"} {
			g.Children = append(g.Children, &indicator.Node{ID: f + "_" + k, Column: f + "_" + k})
		}
		root.Children = append(root.Children, g)
	}
	return &indicator.Model{Version: indicator.Version, Name: "fuzzy", Root: root}
}

// TestComparativeVariant checks that switching a group to a comparative
// aggregation in a Variant (as the uncertainty analysis does) gives the
// very bits of a model with that aggregation, and that a switch to fuzzy
// where the tree has no grade shares is an error, not a panic.
func TestComparativeVariant(t *testing.T) {
	t.Parallel()
	tab := readTestCSV(t, "testdata/comparative/districts.csv")
	w := []float64{0.4, 0.3, 0.2, 0.1}
	base, err := indicator.Compile(districtModel(nil, nil, w, indicator.NormMinMax))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := base.Prepare(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	rho := 0.4
	for _, a := range []indicator.Aggregation{
		{Method: indicator.TOPSIS}, {Method: indicator.TOPSIS, Scaling: indicator.ScalingNone},
		{Method: indicator.Grey, Rho: &rho}, {Method: indicator.MPI}, {Method: indicator.AMPI, Penalty: indicator.PenaltyPositive},
	} {
		got := make([]float64, pr.NumUnits())
		if err := pr.Scores(&indicator.Variant{Aggregation: []indicator.Aggregation{a}}, got); err != nil {
			t.Fatalf("%s: %v", a.Method, err)
		}
		want := rootScores(t, districtModel(&a, nil, w, indicator.NormMinMax), tab)
		for u := range got {
			if math.Float64bits(got[u]) != math.Float64bits(want[u]) {
				t.Errorf("%s: unit %d: variant %v, model %v", a.Method, u, got[u], want[u])
			}
		}
	}
	dst := make([]float64, pr.NumUnits())
	for _, a := range []indicator.Aggregation{
		{Method: indicator.Fuzzy},
		{Method: indicator.Fuzzy, Grades: []indicator.FuzzyGrade{{"好", 100}, {"差", 0}}},
		{Method: indicator.Grey, Rho: new(float64)},
	} {
		err := pr.Scores(&indicator.Variant{Aggregation: []indicator.Aggregation{a}}, dst)
		var ne *indicator.NodeError
		if !errors.As(err, &ne) || ne.Path != "root" {
			t.Errorf("variant %+v: got %v, want an error naming the root", a, err)
		}
	}
}

// TestMPIConstantColumn: a column holding one value has S_j = 0 and every
// z_ij = 100 (the formula's stated case), although the mean of three
// copies of 2.7500009536743172 rounds to a neighbouring number; before,
// the rounding error of the mean was taken for a standard deviation and
// gave z values of 100 ± 10 from nothing (rapid found it in
// TestMPIProperties).
func TestMPIConstantColumn(t *testing.T) {
	c := 9.536743172944284e-07 + 2.75
	y := [][]float64{{c, 2, 2, 2}, {c, 2, 2, 2}, {c, 2, 2, 2}}
	for _, pen := range []string{"", indicator.PenaltyPositive} {
		r, err := indicator.MPIScores(y, []float64{1, 1, 1, 1}, pen)
		if err != nil {
			t.Fatal(err)
		}
		for j, sd := range r.ColSD {
			if sd != 0 {
				t.Errorf("%q column %d: S_j %v, want 0", pen, j, sd)
			}
		}
		for u := range y {
			if r.Scores[u] != 100 || r.Mean[u] != 100 || r.Penalty[u] != 0 {
				t.Errorf("%q unit %d: index %v, mean %v, penalty %v; want 100, 100, 0", pen, u, r.Scores[u], r.Mean[u], r.Penalty[u])
			}
		}
	}
}
