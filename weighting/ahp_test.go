package weighting_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
)

// tol is the tolerance of the table tests whose expected values are exact
// hand derivations: a few ulps of accumulated rounding.
const tol = 1e-13

func dense(rows ...[]float64) *mat.Dense {
	d := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		d.SetRow(i, r)
	}
	return d
}

// wealth is Saaty's (1977) relative wealth of nations matrix (reference
// vector a04): CR 0.0767 under Saaty's 1980 RI.
var wealth = dense(
	[]float64{1, 4, 9, 6, 6, 5, 5},
	[]float64{1.0 / 4, 1, 7, 5, 5, 3, 4},
	[]float64{1.0 / 9, 1.0 / 7, 1, 1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5},
	[]float64{1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3},
	[]float64{1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3},
	[]float64{1.0 / 5, 1.0 / 3, 7, 3, 3, 1, 2},
	[]float64{1.0 / 5, 1.0 / 4, 5, 3, 3, 1.0 / 2, 1},
)

func TestValidateNamesCell(t *testing.T) {
	t.Parallel()
	ok := [][]float64{{1, 3, 5}, {1.0 / 3, 1, 2}, {1.0 / 5, 1.0 / 2, 1}}
	cases := []struct {
		name     string
		set      func(a *mat.Dense)
		scale    weighting.Scale
		row, col int
	}{
		{"valid", func(*mat.Dense) {}, weighting.SaatyScale, -1, -1},
		{"negative", func(a *mat.Dense) { a.Set(0, 1, -3) }, weighting.AnyScale, 0, 1},
		{"zero", func(a *mat.Dense) { a.Set(2, 0, 0) }, weighting.AnyScale, 0, 2},
		{"nan", func(a *mat.Dense) { a.Set(1, 2, math.NaN()) }, weighting.AnyScale, 1, 2},
		{"diagonal", func(a *mat.Dense) { a.Set(1, 1, 2) }, weighting.AnyScale, 1, 1},
		{"not reciprocal", func(a *mat.Dense) { a.Set(2, 0, 0.5) }, weighting.AnyScale, 0, 2},
		{"off scale", func(a *mat.Dense) { a.Set(0, 2, 10); a.Set(2, 0, 0.1) }, weighting.SaatyScale, 0, 2},
		{"off scale fraction", func(a *mat.Dense) { a.Set(0, 1, 2.5); a.Set(1, 0, 0.4) }, weighting.SaatyScale, 0, 1},
		{"any scale accepts 10", func(a *mat.Dense) { a.Set(0, 2, 10); a.Set(2, 0, 0.1) }, weighting.AnyScale, -1, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := dense(ok...)
			tc.set(a)
			err := weighting.Validate(a, weighting.AHPSettings{Scale: tc.scale})
			if tc.row < 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var je *weighting.JudgmentError
			if !errors.As(err, &je) || !errors.Is(err, weighting.ErrInvalidMatrix) {
				t.Fatalf("Validate: %v, want a JudgmentError", err)
			}
			if je.Row != tc.row || je.Col != tc.col {
				t.Errorf("error names a[%d][%d], want a[%d][%d]: %v", je.Row, je.Col, tc.row, tc.col, err)
			}
			if !strings.HasPrefix(err.Error(), "weighting: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestRandomIndex(t *testing.T) {
	t.Parallel()
	// Values from the tables in the RITable doc comment (sources there);
	// Alonso–Lamata by the formula (1.7699 n − 4.3513)/(n − 1).
	cases := []struct {
		table weighting.RITable
		n     int
		want  float64
	}{
		{weighting.Saaty1980, 1, 0},
		{weighting.Saaty1980, 2, 0},
		{weighting.Saaty1980, 3, 0.58},
		{weighting.Saaty1980, 12, 1.48},
		{weighting.Saaty1980, 15, 1.59},
		{weighting.Saaty2005, 7, 1.35},
		{weighting.CNTextbook, 6, 1.26},
		{weighting.DoneganDodd1991, 9, 1.3733},
		{weighting.AlonsoLamata2006, 2, 0},
		{weighting.AlonsoLamata2006, 3, (1.7699*3 - 4.3513) / 2},
		{weighting.AlonsoLamata2006, 30, (1.7699*30 - 4.3513) / 29},
		// Alonso & Lamata's (2006) table, as reproduced in public code
		// (see the RITable doc): both ends and the middle.
		{weighting.AlonsoLamataTable, 3, 0.5245},
		{weighting.AlonsoLamataTable, 9, 1.4499},
		{weighting.AlonsoLamataTable, 15, 1.5838},
		// Donegan & Dodd above 15, as AHPy 2.0 tabulates them, and AHPy's
		// linear interpolation between tabulated sizes:
		// RI(22) = 1.5371 + (1.5619 - 1.5371)*2/5, RI(95) = (1.6213 + 1.6339)/2.
		{weighting.DoneganDodd1991, 16, 1.5078},
		{weighting.DoneganDodd1991, 20, 1.5371},
		{weighting.DoneganDodd1991, 22, 1.54702},
		{weighting.DoneganDodd1991, 25, 1.5619},
		{weighting.DoneganDodd1991, 90, 1.6213},
		{weighting.DoneganDodd1991, 95, 1.6276},
		{weighting.DoneganDodd1991, 100, 1.6339},
	}
	for _, tc := range cases {
		got, err := weighting.RandomIndex(tc.table, tc.n)
		if err != nil || math.Abs(got-tc.want) > tol {
			t.Errorf("RandomIndex(%v, %d) = %v, %v; want %v", tc.table, tc.n, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		table weighting.RITable
		n     int
	}{{weighting.Saaty1980, 16}, {weighting.Saaty2005, 16}, {weighting.CNTextbook, 16}, {weighting.AlonsoLamataTable, 16}, {weighting.DoneganDodd1991, 101}} {
		if _, err := weighting.RandomIndex(tc.table, tc.n); !errors.Is(err, weighting.ErrRITable) {
			t.Errorf("RandomIndex(%v, %d): %v, want ErrRITable", tc.table, tc.n, err)
		}
	}
	// A 16×16 matrix gets its priorities from Priorities (here equal: a
	// consistent matrix of ones), with CR not available and why.
	a := mat.NewDense(16, 16, nil)
	for i := 0; i < 16; i++ {
		for j := 0; j < 16; j++ {
			a.Set(i, j, 1)
		}
	}
	if r, err := weighting.Priorities(a, weighting.AHPSettings{}); err != nil || !math.IsNaN(r.CR) || r.CRUnavailable == "" || math.Abs(r.Weights[0]-1.0/16) > 1e-12 {
		t.Errorf("Priorities of 16×16: weights %v, CR %v (%q), %v; want 1/16 each and CR not available", r.Weights, r.CR, r.CRUnavailable, err)
	}
	if r, err := weighting.Priorities(a, weighting.AHPSettings{RI: weighting.AlonsoLamata2006}); err != nil || r.CR != 0 {
		t.Errorf("Priorities of 16×16 ones with Alonso–Lamata: CR %v, %v", r.CR, err)
	}
}

func TestRITableText(t *testing.T) {
	t.Parallel()
	for _, tab := range weighting.RITables() {
		b, err := tab.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back weighting.RITable
		if err := back.UnmarshalText(b); err != nil || back != tab || back.String() != string(b) {
			t.Errorf("%v: round trip %q -> %v, %v", tab, b, back, err)
		}
	}
	var x weighting.RITable
	if err := x.UnmarshalText([]byte("Saaty1980")); !errors.Is(err, weighting.ErrInvalidSpec) {
		t.Errorf("names are lowercase: %v", err)
	}
}

func TestPrioritiesHand(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		a      *mat.Dense
		w      []float64
		lambda float64
	}{
		// n = 1: the only criterion gets weight 1.
		{"n1", dense([]float64{1}), []float64{1}, 1},
		// n = 2, a_12 = 3: w = (3, 1)/4, λ = 2 (every 2×2 reciprocal
		// matrix is consistent).
		{"n2", dense([]float64{1, 3}, []float64{1.0 / 3, 1}), []float64{0.75, 0.25}, 2},
		// Consistent 3×3 from w = (0.5, 0.3, 0.2): a_ij = w_i/w_j, λ = 3.
		{"consistent", dense([]float64{1, 5.0 / 3, 2.5}, []float64{0.6, 1, 1.5}, []float64{0.4, 2.0 / 3, 1}), []float64{0.5, 0.3, 0.2}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, p := range []weighting.PriorityMethod{weighting.Eigenvector, weighting.GeometricMean} {
				r, err := weighting.Priorities(tc.a, weighting.AHPSettings{Priority: p})
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(tc.w, r.Weights, approx(tol)); d != "" {
					t.Errorf("%v weights (-want +got):\n%s", p, d)
				}
				if math.Abs(r.LambdaMax-tc.lambda) > tol || r.CI > tol || r.CR > tol {
					t.Errorf("λmax %v CI %v CR %v, want %v, 0, 0", r.LambdaMax, r.CI, r.CR, tc.lambda)
				}
			}
		})
	}
}

func TestMaxCR(t *testing.T) {
	t.Parallel()
	// Reference vector a04: CR = 0.0767 (Saaty 1980), 0.0809 (Donegan–Dodd).
	r, err := weighting.Priorities(wealth, weighting.AHPSettings{MaxCR: 0.1})
	if err != nil {
		t.Fatalf("CR %v within 0.1: %v", r.CR, err)
	}
	r, err = weighting.Priorities(wealth, weighting.AHPSettings{MaxCR: 0.08, RI: weighting.DoneganDodd1991})
	if !errors.Is(err, weighting.ErrInconsistent) || r.Weights == nil || r.RITable != weighting.DoneganDodd1991 {
		t.Fatalf("CR %v above 0.08: err %v, result %+v", r.CR, err, r)
	}
}

func TestInconsistencies(t *testing.T) {
	t.Parallel()
	// Consistent 4×4 matrix from w = (0.4, 0.3, 0.2, 0.1) with a_14 changed
	// from 4 to 1/2: that judgment is the most inconsistent.
	w := []float64{0.4, 0.3, 0.2, 0.1}
	a := mat.NewDense(4, 4, nil)
	for i := range w {
		for j := range w {
			a.Set(i, j, w[i]/w[j])
		}
	}
	a.Set(0, 3, 0.5)
	a.Set(3, 0, 2)
	r, err := weighting.Priorities(a, weighting.AHPSettings{})
	if err != nil {
		t.Fatal(err)
	}
	inc := weighting.Inconsistencies(a, r.Weights)
	if len(inc) != 6 || inc[0].Row != 0 || inc[0].Col != 3 {
		t.Fatalf("most inconsistent: %+v", inc)
	}
	if want := r.Weights[0] / r.Weights[3]; math.Abs(inc[0].Consistent-want) > tol {
		t.Errorf("consistent value %v, want %v", inc[0].Consistent, want)
	}
	for k := 1; k < len(inc); k++ {
		d := func(r float64) float64 { return max(r, 1/r) }
		if d(inc[k].Ratio) > d(inc[k-1].Ratio) {
			t.Errorf("not sorted at %d: %+v", k, inc)
		}
	}
}

func TestFromUpper(t *testing.T) {
	t.Parallel()
	a, err := weighting.FromUpper([][]float64{{4, 9, 6, 6, 5, 5}, {7, 5, 5, 3, 4}, {1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5}, {1, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3}, {2}})
	if err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(a, wealth, 1e-15) {
		t.Errorf("FromUpper:\n%v", mat.Formatted(a))
	}
	if _, err := weighting.FromUpper([][]float64{{3, 5}, {2, 7}}); !errors.Is(err, weighting.ErrInvalidMatrix) {
		t.Errorf("ragged upper triangle: %v", err)
	}
	_, err = weighting.FromUpper([][]float64{{3, -5}, {2}})
	var je *weighting.JudgmentError
	if !errors.As(err, &je) || je.Row != 0 || je.Col != 2 {
		t.Errorf("negative judgment: %v", err)
	}
}

func TestGroupExclusion(t *testing.T) {
	t.Parallel()
	consistent := dense([]float64{1, 2, 4}, []float64{0.5, 1, 2}, []float64{0.25, 0.5, 1})
	// a_12 = 9, a_23 = 9 but a_13 = 1/9: CR far above 0.1.
	wild := dense([]float64{1, 9, 1.0 / 9}, []float64{1.0 / 9, 1, 9}, []float64{9, 1.0 / 9, 1})
	g, err := weighting.Group([]mat.Matrix{consistent, wild}, nil, weighting.GroupSettings{ExcludeCR: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(g.Excluded, []int{1}) || !cmp.Equal(g.JudgeWeights, []float64{1, 0}) {
		t.Fatalf("excluded %v, judge weights %v", g.Excluded, g.JudgeWeights)
	}
	// Only the consistent judge is left: w = (4, 2, 1)/7.
	if d := cmp.Diff([]float64{4.0 / 7, 2.0 / 7, 1.0 / 7}, g.Weights, approx(tol)); d != "" {
		t.Errorf("weights:\n%s", d)
	}
	if _, err := weighting.Group([]mat.Matrix{wild}, nil, weighting.GroupSettings{ExcludeCR: 0.1}); !errors.Is(err, weighting.ErrInconsistent) {
		t.Errorf("every judge excluded: %v", err)
	}
}

func TestHarkerDisconnected(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	a := dense(
		[]float64{1, 2, nan, nan},
		[]float64{0.5, 1, nan, nan},
		[]float64{nan, nan, 1, 3},
		[]float64{nan, nan, 1.0 / 3, 1},
	)
	_, err := weighting.Harker(a, weighting.AHPSettings{})
	if !errors.Is(err, weighting.ErrDisconnected) || !strings.Contains(err.Error(), "[2 3]") {
		t.Errorf("Harker: %v, want ErrDisconnected naming [2 3]", err)
	}
	if _, err := weighting.LLSM(a); !errors.Is(err, weighting.ErrDisconnected) {
		t.Errorf("LLSM: %v", err)
	}
	a.Set(0, 2, 4)
	if _, err := weighting.Harker(a, weighting.AHPSettings{}); !errors.Is(err, weighting.ErrInvalidMatrix) {
		t.Errorf("one-sided missing judgment: %v", err)
	}
}

func TestPanics(t *testing.T) {
	t.Parallel()
	sq := dense([]float64{1, 2}, []float64{0.5, 1})
	cases := map[string]func(){
		"Priorities non-square": func() { _, _ = weighting.Priorities(mat.NewDense(2, 3, nil), weighting.AHPSettings{}) },
		"Validate non-square":   func() { _ = weighting.Validate(mat.NewDense(3, 2, nil), weighting.AHPSettings{}) },
		"negative tolerance":    func() { _, _ = weighting.Priorities(sq, weighting.AHPSettings{Tol: -1}) },
		"unknown priority":      func() { _, _ = weighting.Priorities(sq, weighting.AHPSettings{Priority: 7}) },
		"RandomIndex n=0":       func() { _, _ = weighting.RandomIndex(weighting.Saaty1980, 0) },
		"unknown RITable":       func() { _, _ = weighting.RandomIndex(9, 3) },
		"Group no judges":       func() { _, _ = weighting.Group(nil, nil, weighting.GroupSettings{}) },
		"Group weights":         func() { _, _ = weighting.Group([]mat.Matrix{sq}, []float64{1, 2}, weighting.GroupSettings{}) },
		"Group orders":          func() { _, _ = weighting.Group([]mat.Matrix{sq, wealth}, nil, weighting.GroupSettings{}) },
		"Inconsistencies len":   func() { _ = weighting.Inconsistencies(sq, []float64{1}) },
		"PowerIteration len":    func() { _, _, _ = weighting.PowerIteration(make([]float64, 2), []float64{1}, 2, nil) },
		"BoD MinShare":          func() { _, _ = weighting.BenefitOfDoubt(sq, weighting.BoDSettings{MinShare: []float64{0}}) },
		"Correlation len":       func() { _ = weighting.Correlation([]float64{1}, []float64{1, 2}, weighting.Pearson) },
		"Coherence groups":      func() { _, _ = weighting.Coherence(weighting.CoherenceInput{X: sq}, weighting.CoherenceSettings{}) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("no panic")
				}
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "weighting: ") {
					t.Errorf("panic value %v lacks the package prefix", r)
				}
			}()
			f()
		})
	}
}

func TestPrioritiesExtreme(t *testing.T) {
	t.Parallel()
	// A consistent matrix a_ij = w_i/w_j keeps every product a_ik a_kj =
	// a_ij in range, so even ratios of 1e200 are analysed: the answer is
	// w exactly up to rounding, λmax = n. For n = 3 with w = (1, 1e-100,
	// 1e-200)/(1 + 1e-100 + 1e-200) = (1, 1e-100, 1e-200) in float64.
	cons := dense(
		[]float64{1, 1e100, 1e200},
		[]float64{1e-100, 1, 1e100},
		[]float64{1e-200, 1e-100, 1},
	)
	for _, p := range []weighting.PriorityMethod{weighting.Eigenvector, weighting.GeometricMean} {
		r, err := weighting.Priorities(cons, weighting.AHPSettings{Priority: p})
		if err != nil {
			t.Fatalf("%v: %v", p, err)
		}
		if d := cmp.Diff([]float64{1, 1e-100, 1e-200}, r.Weights, approx(1e-13)); d != "" || math.Abs(r.LambdaMax-3) > tol {
			t.Errorf("%v: weights %v, λmax %v, want (1, 1e-100, 1e-200), 3", p, r.Weights, r.LambdaMax)
		}
	}
	// An inconsistent one, a_12 = a_23 = 1e200, a_13 = 1: b_13 = sum_k
	// a_1k a_k3 includes a_12 a_23 = 1e400, so A² overflows and the
	// iteration cannot run (before, the NaN iterate passed for converged
	// and NaN weights came back with a nil error). The error names the
	// largest judgment, the first of the two 1e200 in row order.
	wild := dense(
		[]float64{1, 1e200, 1},
		[]float64{1e-200, 1, 1e200},
		[]float64{1, 1e-200, 1},
	)
	var je *weighting.JudgmentError
	for _, p := range []weighting.PriorityMethod{weighting.Eigenvector, weighting.GeometricMean} {
		r, err := weighting.Priorities(wild, weighting.AHPSettings{Priority: p})
		if !errors.As(err, &je) || !errors.Is(err, weighting.ErrInvalidMatrix) || je.Row != 0 || je.Col != 1 || je.Value != 1e200 {
			t.Errorf("%v: weights %v, error %v, want a JudgmentError for a[0][1] = 1e200", p, r.Weights, err)
		}
	}
	// The same with a missing judgment (Harker's method): c_13 = 0, but
	// c_12 c_23 still overflows.
	miss := dense(
		[]float64{1, 1e200, math.NaN()},
		[]float64{1e-200, 1, 1e200},
		[]float64{math.NaN(), 1e-200, 1},
	)
	if h, err := weighting.Harker(miss, weighting.AHPSettings{}); !errors.Is(err, weighting.ErrInvalidMatrix) {
		t.Errorf("Harker: weights %v, error %v, want ErrInvalidMatrix", h.Weights, err)
	}
}
