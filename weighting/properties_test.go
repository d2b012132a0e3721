package weighting_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// propTol is the tolerance of the properties: weights sum to 1 and exact
// algebraic identities hold to within accumulated rounding of a few dozen
// operations on numbers of order 1.
const propTol = 1e-12

// drawSaaty draws an n×n reciprocal matrix with judgments from Saaty's
// scale.
func drawSaaty(t *rapid.T, n int) *mat.Dense {
	a := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		a.Set(i, i, 1)
		for j := i + 1; j < n; j++ {
			v := rapid.SampledFrom(saatyValues).Draw(t, "judgment")
			a.Set(i, j, v)
			a.Set(j, i, 1/v)
		}
	}
	return a
}

// drawWeights draws n positive weights, normalised to sum 1.
func drawWeights(t *rapid.T, n int, label string) []float64 {
	w := rapid.SliceOfN(rapid.Float64Range(0.05, 20), n, n).Draw(t, label)
	s := 0.0
	for _, v := range w {
		s += v
	}
	for i := range w {
		w[i] /= s
	}
	return w
}

// drawData draws an r×m matrix of values in [0, 100] on a grid of 0.001
// (normalised scores; the grid keeps rapid's shrinking away from values
// like 1e-162 whose variance underflows to 0).
func drawData(t *rapid.T, r, m int) *mat.Dense {
	k := rapid.SliceOfN(rapid.IntRange(0, 100000), r*m, r*m).Draw(t, "data")
	v := make([]float64, len(k))
	for i, x := range k {
		v[i] = float64(x) / 1000
	}
	return mat.NewDense(r, m, v)
}

func checkSimplex(t interface{ Fatalf(string, ...any) }, w []float64, what string) {
	s := 0.0
	for i, v := range w {
		if !(v >= 0) {
			t.Fatalf("%s: weight %d = %v", what, i, v)
		}
		s += v
	}
	if math.Abs(s-1) > propTol {
		t.Fatalf("%s: weights sum to %v", what, s)
	}
}

func approx(tol float64) cmp.Option { return cmpopts.EquateApprox(0, tol) }

func TestPropPrioritiesSimplex(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 15).Draw(t, "n")
		a := drawSaaty(t, n)
		before := mat.DenseCopyOf(a)
		r, err := weighting.Priorities(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		checkSimplex(t, r.Eigenvector, "eigenvector")
		checkSimplex(t, r.GeometricMean, "geometric mean")
		if r.LambdaMax < float64(n)-1e-9 || r.CI < 0 || r.CR < 0 {
			t.Fatalf("λmax %v, CI %v, CR %v for n = %d", r.LambdaMax, r.CI, r.CR, n)
		}
		if !mat.Equal(a, before) {
			t.Fatal("Priorities modified its input")
		}
	})
}

func TestPropConsistentMatrix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 15).Draw(t, "n")
		w := drawWeights(t, n, "w")
		a := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				a.Set(i, j, w[i]/w[j])
			}
		}
		a2 := mat.DenseCopyOf(a) // exact reciprocity up to rounding
		for _, p := range []weighting.PriorityMethod{weighting.Eigenvector, weighting.GeometricMean} {
			r, err := weighting.Priorities(a2, weighting.AHPSettings{Priority: p})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(w, r.Weights, approx(propTol)); d != "" {
				t.Fatalf("%v weights (-want +got):\n%s", p, d)
			}
			if r.CR > propTol || math.Abs(r.LambdaMax-float64(n)) > propTol*float64(n) {
				t.Fatalf("λmax %v, CR %v", r.LambdaMax, r.CR)
			}
		}
	})
}

// TestPropTransposeReverses: A^T has judgments a_ji; the geometric-mean
// priorities become exactly proportional to 1/w, so their order reverses.
// The eigenvector method shows the known right–left asymmetry (Johnson,
// Beine & Wang 1979) for n >= 4, so for it the property is checked for
// n <= 3, where it coincides with the geometric mean.
func TestPropTransposeReverses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 12).Draw(t, "n")
		a := drawSaaty(t, n)
		var at mat.Dense
		at.CloneFrom(a.T())
		methods := []weighting.PriorityMethod{weighting.GeometricMean}
		if n <= 3 {
			methods = append(methods, weighting.Eigenvector)
		}
		for _, p := range methods {
			r, err1 := weighting.Priorities(a, weighting.AHPSettings{Priority: p})
			rt, err2 := weighting.Priorities(&at, weighting.AHPSettings{Priority: p})
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					if r.Weights[i] > r.Weights[j]*(1+1e-9) && !(rt.Weights[i] < rt.Weights[j]) {
						t.Fatalf("%v: w[%d] > w[%d] but transposed %v >= %v", p, i, j, rt.Weights[i], rt.Weights[j])
					}
				}
			}
		}
	})
}

func TestPropPermutation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 12).Draw(t, "n")
		a := drawSaaty(t, n)
		perm := rapid.Permutation(seq(n)).Draw(t, "perm")
		pa := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				pa.Set(i, j, a.At(perm[i], perm[j]))
			}
		}
		r, _ := weighting.Priorities(a, weighting.AHPSettings{})
		pr, err := weighting.Priorities(pa, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i++ {
			if math.Abs(pr.Eigenvector[i]-r.Eigenvector[perm[i]]) > 1e-10*r.Eigenvector[perm[i]] ||
				math.Abs(pr.GeometricMean[i]-r.GeometricMean[perm[i]]) > 1e-12*r.GeometricMean[perm[i]] {
				t.Fatalf("criterion %d: %v vs %v", i, pr.Eigenvector[i], r.Eigenvector[perm[i]])
			}
		}
		if math.Abs(pr.LambdaMax-r.LambdaMax) > 1e-12*r.LambdaMax {
			t.Fatalf("λmax %v vs %v", pr.LambdaMax, r.LambdaMax)
		}
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestPropIdenticalJudges(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 9).Draw(t, "n")
		k := rapid.IntRange(1, 5).Draw(t, "judges")
		a := drawSaaty(t, n)
		judges := make([]mat.Matrix, k)
		for i := range judges {
			judges[i] = a
		}
		single, _ := weighting.Priorities(a, weighting.AHPSettings{})
		lam := drawWeights(t, k, "judge weights")
		g, err := weighting.Group(judges, lam, weighting.GroupSettings{})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range [][]float64{g.AIJ.Eigenvector, g.AIPGeometric, g.AIPArithmetic} {
			if d := cmp.Diff(single.Eigenvector, w, approx(1e-10)); d != "" {
				t.Fatalf("group of identical judges (-single +group):\n%s", d)
			}
		}
		// AIP over geometric-mean priorities equals AIJ's geometric mean.
		gm, _ := weighting.Group(judges, lam, weighting.GroupSettings{Method: weighting.AIPGeometric,
			AHP: weighting.AHPSettings{Priority: weighting.GeometricMean}})
		if d := cmp.Diff(gm.AIJ.GeometricMean, gm.Weights, approx(1e-12)); d != "" {
			t.Fatalf("AIP(GM) != AIJ GM:\n%s", d)
		}
	})
}

// drawConstant draws the value of a constant column, often one that is
// not exactly representable, so that the computed mean of the column
// differs from it in the last bit (0.1, 0.7 and 1/3 repeated n times
// average to 0.10000000000000002, 0.6999999999999998, ... for some n).
func drawConstant(t *rapid.T) float64 {
	return rapid.OneOf(
		rapid.SampledFrom([]float64{0.1, 0.7, 1.0 / 3, 2.0 / 3, 33.3, 0.3, 1e-3}),
		rapid.Float64Range(0, 100),
	).Draw(t, "constant")
}

// TestPropConstantColumn checks that a column whose values are all equal
// (exactly, whatever the value) carries no information: Entropy, CRITIC
// and SD give it weight 0 and leave every other weight unchanged (their
// docs), and PCA and CronbachAlpha reject it as a constant indicator.
func TestPropConstantColumn(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.IntRange(3, 30).Draw(t, "units")
		m := rapid.IntRange(1, 6).Draw(t, "indicators")
		x := drawData(t, r, m)
		c := drawConstant(t)
		at := rapid.IntRange(0, m).Draw(t, "position")
		y := mat.NewDense(r, m+1, nil)
		for i := 0; i < r; i++ {
			for j, k := 0, 0; j <= m; j++ {
				if j == at {
					y.Set(i, j, c)
					continue
				}
				y.Set(i, j, x.At(i, k))
				k++
			}
		}
		before := mat.DenseCopyOf(y)
		for _, s := range []weighting.Scheme{weighting.Entropy{}, weighting.CRITIC{}, weighting.SD{}} {
			base, errBase := s.Weights(weighting.Input{IDs: make([]string, m), Data: x})
			got, err := s.Weights(weighting.Input{IDs: make([]string, m+1), Data: y})
			if errBase != nil {
				if err == nil {
					t.Fatalf("%T: no error with a constant column added, %v without", s, errBase)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%T: %v", s, err)
			}
			checkSimplex(t, got, "constant column")
			if got[at] != 0 {
				t.Fatalf("%T: constant column weight %v", s, got[at])
			}
			rest := slices.Delete(slices.Clone(got), at, at+1)
			if d := cmp.Diff(base, rest, approx(1e-12)); d != "" {
				t.Fatalf("%T: other weights changed:\n%s", s, d)
			}
		}
		if res, err := (weighting.CRITIC{}).Analyze(y); err == nil && res.SD[at] != 0 {
			t.Fatalf("CRITIC: SD of the constant column = %v", res.SD[at])
		}
		// The drawn columns may be constant too: PCA and alpha name the
		// first constant column.
		first := -1
		for j := 0; j <= m && first < 0; j++ {
			col := mat.Col(nil, j, y)
			if !slices.ContainsFunc(col, func(v float64) bool { return v != col[0] }) {
				first = j
			}
		}
		var de *weighting.DataError
		if m+1 >= 2 {
			if _, err := (weighting.PCA{}).Analyze(y); !errors.As(err, &de) || de.Col != first {
				t.Fatalf("PCA with constant column %d (first constant %d): %v", at, first, err)
			}
			if _, err := weighting.CronbachAlpha(y); !errors.As(err, &de) || de.Col != first {
				t.Fatalf("CronbachAlpha with constant column %d (first constant %d): %v", at, first, err)
			}
		}
		col := mat.Col(nil, at, y)
		for _, method := range []weighting.CorrMethod{weighting.Pearson, weighting.Spearman, weighting.Kendall} {
			if v := weighting.Correlation(col, mat.Col(nil, (at+1)%(m+1), y), method); !math.IsNaN(v) {
				t.Fatalf("%v correlation with a constant column = %v, want NaN", method, v)
			}
		}
		if !mat.Equal(y, before) {
			t.Fatal("a scheme modified its input")
		}
	})
}

func TestPropDataDrivenSimplex(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.IntRange(3, 30).Draw(t, "units")
		m := rapid.IntRange(2, 6).Draw(t, "indicators")
		x := drawData(t, r, m)
		before := mat.DenseCopyOf(x)
		in := weighting.Input{IDs: make([]string, m), Data: x}
		constant := 0
		for j := 0; j < m; j++ {
			c := true
			for i := 1; i < r; i++ {
				c = c && x.At(i, j) == x.At(0, j)
			}
			if c {
				constant++
			}
		}
		for _, s := range []weighting.Scheme{weighting.Entropy{}, weighting.CRITIC{}, weighting.SD{}, weighting.PCA{},
			weighting.PCA{Settings: weighting.PCASettings{Method: weighting.PCAFirst}}} {
			w, err := s.Weights(in)
			// PCA cannot standardise a constant column; the others fail
			// only when every column is constant.
			_, pca := s.(weighting.PCA)
			if wantErr := constant == m || (pca && constant > 0); wantErr {
				if !errors.Is(err, weighting.ErrInvalidData) {
					t.Fatalf("%T with %d constant columns: %v", s, constant, err)
				}
				continue
			}
			if _, critic := s.(weighting.CRITIC); critic && err != nil && collinear(x) {
				continue // every C_j = 0: the varying columns are perfectly correlated
			}
			if err != nil {
				t.Fatalf("%T: %v", s, err)
			}
			checkSimplex(t, w, "data-driven")
		}
		if !mat.Equal(x, before) {
			t.Fatal("a scheme modified its input")
		}
		if constant == m || collinear(x) {
			return
		}
		// CRITIC's weights equal those of its full analysis.
		a, _ := weighting.CRITIC{}.Analyze(x)
		w, _ := weighting.CRITIC{}.Weights(in)
		if !slices.Equal(a.Weights, w) {
			t.Fatalf("CRITIC Weights %v != Analyze %v", w, a.Weights)
		}
	})
}

func TestPropResidentShare(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "children")
		ids := make([]string, n)
		for i := range ids {
			ids[i] = string(rune('a' + i))
		}
		res := rapid.IntRange(0, n-1).Draw(t, "resident")
		share := rapid.Float64Range(0, 1).Draw(t, "share")
		if n == 1 {
			share = 1
		}
		declared := drawWeights(t, n, "declared")
		spec := &weighting.Spec{Method: "resident_share", Resident: ids[res], Share: &share}
		if rapid.Bool().Draw(t, "equal rest") {
			spec.Rest = &weighting.Spec{Method: "equal"}
		}
		s, err := spec.Scheme(ids)
		if err != nil {
			t.Fatal(err)
		}
		w, err := s.Weights(weighting.Input{IDs: ids, Declared: declared})
		if err != nil {
			t.Fatal(err)
		}
		if w[res] != share {
			t.Fatalf("resident weight %v, share %v", w[res], share)
		}
		checkSimplex(t, w, "resident share")
	})
}

func TestPropBoD(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.IntRange(2, 15).Draw(t, "units")
		m := rapid.IntRange(1, 5).Draw(t, "indicators")
		x := drawData(t, r, m)
		before := mat.DenseCopyOf(x)
		res, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < m; j++ {
			best := 0
			for i := 0; i < r; i++ {
				if x.At(i, j) > x.At(best, j) {
					best = i
				}
			}
			if x.At(best, j) > 0 && res.Scores[best] < 1-1e-9 {
				t.Fatalf("unit %d is best on indicator %d but scores %v", best, j, res.Scores[best])
			}
		}
		for i, s := range res.Scores {
			if !(s >= 0 && s <= 1) {
				t.Fatalf("score %d = %v", i, s)
			}
		}
		if !mat.Equal(x, before) {
			t.Fatal("BenefitOfDoubt modified its input")
		}
	})
}

func TestPropHarkerComplete(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 10).Draw(t, "n")
		a := drawSaaty(t, n)
		p, _ := weighting.Priorities(a, weighting.AHPSettings{})
		h, err := weighting.Harker(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(p.Eigenvector, h.Eigenvector, approx(1e-12)); d != "" {
			t.Fatalf("Harker on a complete matrix:\n%s", d)
		}
		if d := cmp.Diff(p.GeometricMean, h.GeometricMean, approx(1e-12)); d != "" {
			t.Fatalf("LLSM on a complete matrix != geometric mean:\n%s", d)
		}
	})
}

func TestPropSpecRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 6).Draw(t, "n")
		a := drawSaaty(t, n)
		upper := make([][]weighting.Judgment, n-1)
		for i := range upper {
			for j := i + 1; j < n; j++ {
				upper[i] = append(upper[i], weighting.Judgment(a.At(i, j)))
			}
		}
		s := weighting.Spec{Method: "ahp", Upper: upper}
		s.MaxCR = rapid.Float64Range(0, 1).Draw(t, "max_cr")
		s.RI = rapid.SampledFrom(weighting.RITables()).Draw(t, "ri")
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back weighting.Spec
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(s, back); d != "" {
			t.Fatalf("round trip of %s:\n%s", b, d)
		}
	})
}

// collinear reports whether every pair of varying columns of x has
// Pearson correlation 1 (within 1e-9).
func collinear(x *mat.Dense) bool {
	_, m := x.Dims()
	for j := 0; j < m; j++ {
		for k := j + 1; k < m; k++ {
			r := weighting.Correlation(mat.Col(nil, j, x), mat.Col(nil, k, x), weighting.Pearson)
			if !math.IsNaN(r) && r < 1-1e-9 {
				return false
			}
		}
	}
	return true
}

// TestPropOptimalCompletion: the λmax-optimal completion is optimal
// against two feasible completions, the judgments that were removed and
// Harker's completion; a consistent matrix is completed consistently
// (λmax = n, a_ij = w_i/w_j); the input is not modified.
func TestPropOptimalCompletion(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 8).Draw(t, "n")
		consistent := rapid.Bool().Draw(t, "consistent")
		var full *mat.Dense
		var w []float64
		if consistent {
			w = drawWeights(t, n, "weights")
			full = mat.NewDense(n, n, nil)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					full.Set(i, j, w[i]/w[j])
				}
			}
		} else {
			full = drawSaaty(t, n)
		}
		a := mat.DenseCopyOf(full)
		missing := 0
		for i := 0; i < n; i++ {
			for j := i + 2; j < n; j++ { // keep the path i, i+1: connected
				if rapid.Bool().Draw(t, "drop") {
					a.Set(i, j, math.NaN())
					a.Set(j, i, math.NaN())
					missing++
				}
			}
		}
		before := mat.DenseCopyOf(a)
		o, err := weighting.Optimal(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !sameBits(before, a) {
			t.Fatal("input modified")
		}
		if o.Missing != missing {
			t.Fatalf("Missing %d, want %d", o.Missing, missing)
		}
		orig, err := weighting.Priorities(full, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		h, err := weighting.Harker(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		hc, err := weighting.Priorities(h.Completed, weighting.AHPSettings{Tol: 1e-6})
		if err != nil {
			t.Fatal(err)
		}
		if o.LambdaMax > orig.LambdaMax*(1+1e-12) || o.LambdaMax > hc.LambdaMax*(1+1e-12) {
			t.Fatalf("λmax %v above the removed judgments' %v or Harker's completion's %v", o.LambdaMax, orig.LambdaMax, hc.LambdaMax)
		}
		if consistent {
			if math.Abs(o.LambdaMax-float64(n)) > 1e-9 {
				t.Fatalf("consistent: λmax %v, want %d", o.LambdaMax, n)
			}
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					if want := w[i] / w[j]; math.Abs(o.Completed.At(i, j)-want) > 1e-7*want {
						t.Fatalf("consistent: a[%d][%d] = %v, want %v", i, j, o.Completed.At(i, j), want)
					}
				}
			}
		}
	})
}

// TestPropSuggestions: every suggestion puts a value of Saaty's scale in
// place of a judgment of the upper triangle, and its λmax and CR are those
// that Priorities gives the revised matrix, below the matrix's own; the
// list is ordered by λmax; the input is not modified.
func TestPropSuggestions(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 8).Draw(t, "n")
		a := drawSaaty(t, n)
		before := mat.DenseCopyOf(a)
		r, err := weighting.Priorities(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		sg, err := weighting.Suggestions(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !mat.Equal(before, a) {
			t.Fatal("input modified")
		}
		for k, s := range sg {
			if s.Row >= s.Col || s.Judgment != a.At(s.Row, s.Col) || !slices.Contains(saatyValues, s.Suggested) || s.Suggested == s.Judgment {
				t.Fatalf("suggestion %d: %+v", k, s)
			}
			if k > 0 && s.LambdaMax < sg[k-1].LambdaMax {
				t.Fatalf("suggestion %d out of order", k)
			}
			b := mat.DenseCopyOf(a)
			b.Set(s.Row, s.Col, s.Suggested)
			b.Set(s.Col, s.Row, 1/s.Suggested)
			rb, err := weighting.Priorities(b, weighting.AHPSettings{})
			if err != nil {
				t.Fatal(err)
			}
			if rb.LambdaMax != s.LambdaMax || rb.CR != s.CR || !(s.LambdaMax < r.LambdaMax) {
				t.Fatalf("suggestion %d: λmax %v CR %v; Priorities of the revised matrix %v, %v; present λmax %v", k, s.LambdaMax, s.CR, rb.LambdaMax, rb.CR, r.LambdaMax)
			}
		}
	})
}
