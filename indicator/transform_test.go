package indicator_test

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// popSkewKurt returns the skewness and excess kurtosis of x from the
// population central moments, the definition of the skew_kurtosis rule
// (see indicator.Transform):
//
//	m_k = sum_i (x_i - mean)^k / n,  g1 = m3 / m2^1.5,  g2 = m4 / m2^2 - 3
//
// computed here with plain two-pass sums, independently of the package's
// exact sums. (COINr 1.x's skew and kurt are e1071's type 2, the
// sample-adjusted G1 = g1 sqrt(n(n-1))/(n-2) and
// G2 = ((n+1) g2 + 6)(n-1)/((n-2)(n-3)), which are larger than g1 and g2
// for small n; the package uses g1 and g2, type 1, as documented.)
func popSkewKurt(x []float64) (g1, g2 float64) {
	n := float64(len(x))
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= n
	var m2, m3, m4 float64
	for _, v := range x {
		d := v - mean
		m2 += d * d
		m3 += d * d * d
		m4 += d * d * d * d
	}
	m2, m3, m4 = m2/n, m3/n, m4/n
	return m3 / math.Pow(m2, 1.5), m4/(m2*m2) - 3
}

// valueSeq returns lo, lo+1, ..., hi followed by extra.
func valueSeq(lo, hi int, extra ...float64) []float64 {
	var x []float64
	for v := lo; v <= hi; v++ {
		x = append(x, float64(v))
	}
	return append(x, extra...)
}

// TestSkewKurtosisRuleCases checks the skew_kurtosis rule step by step.
// Each case gives the data, the values after the rule and the record; the
// skew and kurtosis before and after are recomputed by popSkewKurt and,
// where quoted, were computed by hand (in double precision, same
// formulas) and are checked against it too.
func TestSkewKurtosisRuleCases(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name      string
		t         indicator.Transform
		x, want   []float64
		changed   int
		low, high float64
		// g1, g2 of the input and of the result, derived by hand; 0 to
		// skip the literal check.
		g1In, g2In, g1Out, g2Out float64
	}{
		// 1..19 and 1000: g1 4.1253 > 2, g2 15.031 > 3.5; 1000 becomes 19,
		// after which |g1| = 0.0397 and the rule stops.
		{name: "positive skew", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 19, 1000), want: valueSeq(1, 19, 19), changed: 1, low: nan, high: 19,
			g1In: 4.125273167497683, g2In: 15.030742642133262, g1Out: -0.039734810590911204, g2Out: -1.2461448211924941},
		// The mirror image (x -> 20 - x): -980 and 1..19; -980 becomes 1,
		// the signs of g1 flip and g2 is the same.
		{name: "negative skew", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: append([]float64{-980}, valueSeq(1, 19)...), want: append([]float64{1}, valueSeq(1, 19)...), changed: 1, low: 1, high: nan,
			g1In: -4.125273167497683, g2In: 15.030742642133262, g1Out: 0.039734810590911204, g2Out: -1.2461448211924941},
		// 1..30 with 500, 1000 and 2000: g1 4.0330, g2 15.913. Step 1:
		// 2000 -> 1000 (1 value; g1 3.1932, g2 8.6448); step 2: both
		// 1000s -> 500 (3 values; g1 2.8278, g2 6.0386); step 3: the three
		// 500s -> 30 (6 values, past max_points 5: ties are changed in
		// every unit); then g1 = -0.0799 and the rule stops.
		{name: "ties past max_points", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 30, 500, 1000, 2000), want: valueSeq(1, 30, 30, 30, 30), changed: 6, low: nan, high: 30,
			g1In: 4.032978455804935, g2In: 15.9132327078623, g1Out: -0.0799475601632422, g2Out: -1.2718304565072682},
		// The same data with max_points 1: one step, and the record keeps
		// the skew and kurtosis that still break the thresholds.
		{name: "max_points 1", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, MaxPoints: 1},
			x: valueSeq(1, 30, 500, 1000, 2000), want: valueSeq(1, 30, 500, 1000, 1000), changed: 1, low: nan, high: 1000,
			g1Out: 3.193244727539703, g2Out: 8.644797661185281},
		// max_points 2 stops after step 2 (3 values changed).
		{name: "max_points 2", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, MaxPoints: 2},
			x: valueSeq(1, 30, 500, 1000, 2000), want: valueSeq(1, 30, 500, 500, 500), changed: 3, low: nan, high: 500,
			g1Out: 2.827815299278802, g2Out: 6.038557497577063},
		// 1..30 with 100, 110, 120, 130: g1 2.1608 > 2 but g2 3.3089 <= 3.5,
		// and the rule needs both: nothing changes.
		{name: "skewed, not heavy-tailed", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 30, 100, 110, 120, 130), want: valueSeq(1, 30, 100, 110, 120, 130), changed: 0, low: nan, high: nan,
			g1Out: 2.1607697653757763, g2Out: 3.3088560814546284},
		// Thresholds set: with skew 4.5 the positive-skew data pass as
		// they are (g1 4.1253 <= 4.5).
		{name: "skew threshold", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, Skew: 4.5},
			x: valueSeq(1, 19, 1000), want: valueSeq(1, 19, 1000), changed: 0, low: nan, high: nan,
			g1Out: 4.125273167497683, g2Out: 15.030742642133262},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr := tc.t
			n, rec, err := oneLeaf(t, &indicator.Node{Transform: &tr}, tc.x)
			if err != nil {
				t.Fatal(err)
			}
			for u := range tc.want {
				if n.Raw[u] != tc.want[u] {
					t.Errorf("unit %d: %v, want %v", u, n.Raw[u], tc.want[u])
				}
			}
			tx := rec.Transform
			if tx.Changed != tc.changed || !same(tx.Low, tc.low) || !same(tx.High, tc.high) {
				t.Errorf("record changed %d low %v high %v, want %d, %v, %v", tx.Changed, tx.Low, tx.High, tc.changed, tc.low, tc.high)
			}
			g1, g2 := popSkewKurt(tc.want)
			if !near(tx.Skew, g1) || !near(tx.Kurtosis, g2) {
				t.Errorf("record skew %v kurtosis %v, want %v and %v", tx.Skew, tx.Kurtosis, g1, g2)
			}
			if tc.g1Out != 0 && (!near(g1, tc.g1Out) || !near(g2, tc.g2Out)) {
				t.Errorf("popSkewKurt(result) = %v, %v; by hand %v, %v", g1, g2, tc.g1Out, tc.g2Out)
			}
			if tc.g1In != 0 {
				if a, b := popSkewKurt(tc.x); !near(a, tc.g1In) || !near(b, tc.g2In) {
					t.Errorf("popSkewKurt(input) = %v, %v; by hand %v, %v", a, b, tc.g1In, tc.g2In)
				}
			}
		})
	}
}

// TestPropertySkewKurtosisRule checks, on data with random outliers and
// random thresholds, that the rule only moves values inward: every result
// lies within the range of the input, and the order of the units is
// weakly preserved (x_u < x_v implies x'_u <= x'_v), as for any
// winsorisation.
func TestPropertySkewKurtosisRule(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.Float64Range(-100, 100), 4, 40).Draw(t, "x")
		for _, o := range rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), 0, 4).Draw(t, "outliers") {
			x = append(x, o)
		}
		tr := indicator.Transform{
			Method:    indicator.TransformSkewKurtosis,
			Skew:      rapid.Float64Range(0, 4).Draw(t, "skew"),
			Kurtosis:  rapid.Float64Range(0, 10).Draw(t, "kurtosis"),
			MaxPoints: rapid.IntRange(0, 10).Draw(t, "max_points"),
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range x {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if lo == hi {
			t.Skip("constant data")
		}
		in := append([]float64(nil), x...)
		m := &indicator.Model{Version: 1, Name: "one", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
			{ID: "x", Column: "x", Weight: 1, Transform: &tr}}}}
		units := make([]string, len(x))
		rows := make([][]float64, len(x))
		for i, v := range x {
			units[i] = "u" + string(rune('A'+i))
			rows[i] = []float64{v}
		}
		r, err := compileEval(t, m, mustTable(t, units, []string{"x"}, rows))
		if err != nil {
			// A column made constant by the rule cannot be min-max normalised.
			t.Skip(err)
		}
		n, _ := r.Node("x")
		for u, v := range n.Raw {
			if x[u] != in[u] {
				t.Fatalf("input modified at %d", u)
			}
			if !(v >= lo && v <= hi) {
				t.Fatalf("unit %d: %v outside the input's range [%v, %v]", u, v, lo, hi)
			}
			for w := range n.Raw {
				if x[u] < x[w] && !(v <= n.Raw[w]) {
					t.Fatalf("units %d, %d: %v < %v became %v > %v", u, w, x[u], x[w], v, n.Raw[w])
				}
			}
		}
	})
}
