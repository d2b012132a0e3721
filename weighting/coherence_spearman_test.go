package weighting_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/weighting"
)

// TestCoherenceSpearmanR checks Coherence's Spearman correlations (with
// ties in three of the four columns) against R 4.2's cor(method =
// "spearman"); the R script and its output are
// testdata/coherence_spearman.R. The group scores are the means of the
// two columns of each group, the index the mean of the group scores.
func TestCoherenceSpearmanR(t *testing.T) {
	t.Parallel()
	x := mat.NewDense(10, 4, nil)
	for j, col := range [][]float64{
		{3, 1, 4, 1, 5, 9, 2, 6, 5, 3},
		{2, 7, 1, 8, 2, 8, 1, 8, 2, 8},
		{10, 9, 8, 7, 6, 5, 4, 3, 2, 1},
		{1, 1, 2, 3, 5, 8, 13, 21, 34, 55},
	} {
		x.SetCol(j, col)
	}
	r, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: []int{0, 0, 1, 1}}, weighting.CoherenceSettings{Method: weighting.Spearman})
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-14
	check := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.17g, R gives %.17g", what, got, want)
		}
	}
	pairs := [][3]float64{
		{0, 1, 0.13471506281091267}, {0, 2, -0.39145378315603929}, {0, 3, 0.41105068038970666},
		{1, 2, -0.28603877677367767}, {1, 3, 0.27415798661723545}, {2, 3, -0.99696509163530589},
	}
	for _, p := range pairs {
		check("r(x"+string(rune('1'+p[0]))+", x"+string(rune('1'+p[1]))+")", r.Indicators.At(int(p[0]), int(p[1])), p[2])
	}
	withIndex := []float64{0.29448406953292416, 0.53556443897320427, -0.92401642639369819, 0.91768292682926844}
	// Each column with its own group: x1, x2 with g1; x3, x4 with g2.
	withGroup := []float64{0.37846333000816945, 0.94330598210184224, -0.89241330960016230, 0.91056322191134054}
	for j := range withIndex {
		check("x with index", r.WithIndex[j], withIndex[j])
		check("x with its group", r.WithGroup[j], withGroup[j])
	}
	check("g1 with index", r.GroupWithIndex[0], 0.55351940783464726)
	check("g2 with index", r.GroupWithIndex[1], 0.86735005205792093)
}

// TestPropCoherenceSpearmanPairs: every correlation of Coherence equals
// Correlation of its two variables bit for bit, for every method, with
// ties and missing values (which make a pair's ranks depend on the other
// variable): Coherence ranks a complete column once for Spearman, and
// Correlation ranks both variables of each pair, as Coherence did before.
func TestPropCoherenceSpearmanPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 25).Draw(t, "units")
		m := rapid.IntRange(1, 6).Draw(t, "indicators")
		g := rapid.IntRange(1, m).Draw(t, "groups")
		vals := rapid.SliceOfN(rapid.IntRange(-1, 6), n*m, n*m).Draw(t, "values")
		x := mat.NewDense(n, m, nil)
		for i, v := range vals {
			f := float64(v) / 3 // few distinct values: ties
			if v < 0 {
				f = math.NaN()
			}
			x.Set(i/m, i%m, f)
		}
		groups := make([]int, m)
		for j := range groups {
			groups[j] = j % g
		}
		method := rapid.SampledFrom([]weighting.CorrMethod{weighting.Pearson, weighting.Spearman, weighting.Kendall}).Draw(t, "method")
		r, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: groups}, weighting.CoherenceSettings{Method: method})
		if err != nil {
			t.Fatal(err)
		}
		col := func(j int) []float64 { return mat.Col(nil, j, x) }
		// The group scores and the index as Coherence makes them
		// (means over the present values).
		gs := make([][]float64, g)
		index := make([]float64, n)
		for k := range gs {
			gs[k] = make([]float64, n)
			for i := range n {
				s, c := 0.0, 0
				for j := range m {
					if groups[j] == k && !math.IsNaN(x.At(i, j)) {
						s += x.At(i, j)
						c++
					}
				}
				gs[k][i] = s / float64(c)
			}
		}
		for i := range n {
			s, c := 0.0, 0
			for k := range gs {
				if !math.IsNaN(gs[k][i]) {
					s += gs[k][i]
					c++
				}
			}
			index[i] = s / float64(c)
		}
		same := func(what string, got, want float64) {
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%v %s = %v, Correlation gives %v", method, what, got, want)
			}
		}
		for j := range m {
			for k := j + 1; k < m; k++ {
				same("pair", r.Indicators.At(j, k), weighting.Correlation(col(j), col(k), method))
			}
			same("with group", r.WithGroup[j], weighting.Correlation(col(j), gs[groups[j]], method))
			same("with index", r.WithIndex[j], weighting.Correlation(col(j), index, method))
		}
		for k := range g {
			same("group with index", r.GroupWithIndex[k], weighting.Correlation(gs[k], index, method))
		}
	})
}

// BenchmarkCoherenceSpearman: Spearman coherence of 3,000 units × 50
// indicators in 5 groups (1,225 pairs).
func BenchmarkCoherenceSpearman(b *testing.B) {
	const n, m = 3000, 50
	r := rand.New(rand.NewPCG(3, 4))
	x := mat.NewDense(n, m, nil)
	for i := range n {
		for j := range m {
			x.Set(i, j, float64(r.IntN(1000)))
		}
	}
	groups := make([]int, m)
	for j := range groups {
		groups[j] = j / 10
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: groups}, weighting.CoherenceSettings{Method: weighting.Spearman}); err != nil {
			b.Fatal(err)
		}
	}
}
