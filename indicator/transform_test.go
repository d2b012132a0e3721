package indicator_test

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// sampleSkewKurt returns the sample skewness G1 and sample excess kurtosis
// G2 of the non-missing values of x, type 2 of e1071's skewness and
// kurtosis (Excel's SKEW and KURT; Joanes and Gill 1998), the definition of
// the skew_kurtosis rule (see indicator.Transform). It is derived here
// independently of the package: the moments are taken in 256-bit
// big.Float arithmetic (so that, for the integer data of the cases, they
// are exact up to the square root), g2 is formed as m4/m2^2 - 3 and G2 by
// the textbook form (the package uses the rearranged (n+1) b2 - 3(n-1)):
//
//	m_k = sum_i (x_i - mean)^k / n,  g1 = m3 / m2^1.5,  g2 = m4 / m2^2 - 3
//	G1 = g1 sqrt(n (n-1)) / (n-2)                  (NaN for n < 3)
//	G2 = ((n+1) g2 + 6) (n-1) / ((n-2) (n-3))      (NaN for n < 4)
//
// both NaN for constant values (m2 = 0).
func sampleSkewKurt(x []float64) (skew, kurt float64) {
	const prec = 256
	nf := func(v float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }
	var vals []float64
	for _, v := range x {
		if !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	nan := math.NaN()
	n := len(vals)
	if n < 3 {
		return nan, nan
	}
	bn := nf(float64(n))
	mean := nf(0)
	for _, v := range vals {
		mean.Add(mean, nf(v))
	}
	mean.Quo(mean, bn)
	m2, m3, m4 := nf(0), nf(0), nf(0)
	for _, v := range vals {
		d := nf(v)
		d.Sub(d, mean)
		d2 := nf(0).Mul(d, d)
		m2.Add(m2, d2)
		m3.Add(m3, nf(0).Mul(d2, d))
		m4.Add(m4, nf(0).Mul(d2, d2))
	}
	m2.Quo(m2, bn)
	m3.Quo(m3, bn)
	m4.Quo(m4, bn)
	if m2.Sign() == 0 {
		return nan, nan
	}
	g1 := nf(0).Quo(m3, nf(0).Mul(m2, nf(0).Sqrt(m2)))
	c1 := nf(0).Sqrt(nf(float64(n * (n - 1))))
	c1.Quo(c1, nf(float64(n-2)))
	skew, _ = nf(0).Mul(g1, c1).Float64()
	if n < 4 {
		return skew, nan
	}
	g2 := nf(0).Quo(m4, nf(0).Mul(m2, m2))
	g2.Sub(g2, nf(3))
	k := nf(0).Mul(nf(float64(n+1)), g2)
	k.Add(k, nf(6))
	k.Mul(k, nf(float64(n-1)))
	k.Quo(k, nf(float64((n-2)*(n-3))))
	kurt, _ = k.Float64()
	return skew, kurt
}

// TestSampleSkewKurt checks the reference derivation against values done
// by hand. x = 1, 2, 3, 4, 10: n = 5, mean 4, deviations -3 -2 -1 0 6,
//
//	m2 = (9 + 4 + 1 + 0 + 36)/5 = 10
//	m3 = (-27 - 8 - 1 + 0 + 216)/5 = 36
//	m4 = (81 + 16 + 1 + 0 + 1296)/5 = 278.8
//	g1 = 36 / 10^1.5 = 3.6/sqrt(10) = 1.1384199576606166
//	G1 = g1 sqrt(5*4)/3 = 3.6 sqrt(2)/3 = 1.2 sqrt(2) = 1.6970562748477141
//	g2 = 278.8/100 - 3 = -0.212
//	G2 = (6 (-0.212) + 6) 4 / (3*2) = 4.728*4/6 = 3.152
//
// which are Excel's SKEW(1,2,3,4,10) and KURT(1,2,3,4,10) and e1071's
// skewness and kurtosis with type = 2 (the population g1 and g2 are
// e1071's type 1). For x = 1, 1, 1, 1000 (n = 4), the most skewed data of
// 4 values: g1 = (n-2)/sqrt(n-1), so G1 = sqrt(n) = 2 exactly, and
// g2 = -2/3 gives G2 = (5 (-2/3) + 6) 3/2 = 4.
func TestSampleSkewKurt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		x          []float64
		skew, kurt float64
	}{
		{[]float64{1, 2, 3, 4, 10}, 1.2 * math.Sqrt2, 3.152},
		{[]float64{1, 1, 1, 1000}, 2, 4},
	} {
		skew, kurt := sampleSkewKurt(tc.x)
		if math.Abs(skew-tc.skew) > 1e-15 || math.Abs(kurt-tc.kurt) > 1e-14 {
			t.Errorf("%v: G1 %v G2 %v, want %v and %v", tc.x, skew, kurt, tc.skew, tc.kurt)
		}
	}
	// The package gives the same for the first as the record of a rule
	// that does not fire (G2 3.152 <= 3.5).
	_, rec, err := oneLeaf(t, &indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformSkewKurtosis}}, []float64{1, 2, 3, 4, 10})
	if err != nil {
		t.Fatal(err)
	}
	if tx := rec.Transform; tx.Changed != 0 || math.Abs(tx.Skew-1.2*math.Sqrt2) > 1e-15 || math.Abs(tx.Kurtosis-3.152) > 1e-14 {
		t.Errorf("record %+v, want G1 1.2 sqrt(2) and G2 3.152", tx)
	}
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
// record's skew and kurtosis are checked against sampleSkewKurt of the
// expected result, and the quoted G1 and G2 of input and result (computed
// separately in 50-digit decimal arithmetic from the exact rational
// moments) against sampleSkewKurt too.
func TestSkewKurtosisRuleCases(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	seven := &indicator.Imputation{Method: indicator.ImputeValue, Value: 7}
	none := &indicator.Normalization{Method: indicator.NormNone}
	tests := []struct {
		name    string
		t       indicator.Transform
		imp     *indicator.Imputation
		norm    *indicator.Normalization
		x, want []float64
		// raw is Raw after imputation where it differs from want, the
		// values after the rule.
		raw       []float64
		changed   int
		low, high float64
		// G1, G2 of the input (when hasIn) and of the result, derived
		// as said above.
		hasIn            bool
		skewIn, kurtIn   float64
		skewOut, kurtOut float64
	}{
		// 1..19 and 1000: G1 4.4676 > 2, G2 19.971 > 3.5 (g1 4.1253,
		// g2 15.031); 1000 becomes 19, after which |G1| = 0.0430 and the
		// rule stops.
		{name: "positive skew", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 19, 1000), want: valueSeq(1, 19, 19), changed: 1, low: nan, high: 19,
			hasIn: true, skewIn: 4.4675765755287316, kurtIn: 19.97145854317376, skewOut: -0.043031891906616937, kurtOut: -1.2523260903784492},
		// The mirror image (x -> 20 - x): -980 and 1..19; -980 becomes 1,
		// the signs of G1 flip and G2 is the same.
		{name: "negative skew", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: append([]float64{-980}, valueSeq(1, 19)...), want: append([]float64{1}, valueSeq(1, 19)...), changed: 1, low: 1, high: nan,
			hasIn: true, skewIn: -4.4675765755287316, kurtIn: 19.97145854317376, skewOut: 0.043031891906616937, kurtOut: -1.2523260903784492},
		// 1..30 with 500, 1000 and 2000: G1 4.2276, G2 18.823. Step 1:
		// 2000 -> 1000 (1 unit; G1 3.3474, G2 10.320); step 2: both
		// 1000s -> 500 (2 units winsorised); step 3: the three 500s -> 30
		// (3 units, each counted once, as COINr's winsorise counts nwin);
		// then G1 = -0.0838 and the rule stops.
		{name: "three units", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 30, 500, 1000, 2000), want: valueSeq(1, 30, 30, 30, 30), changed: 3, low: nan, high: 30,
			hasIn: true, skewIn: 4.2276221754875776, kurtIn: 18.823222780810948, skewOut: -0.083806070854597514, kurtOut: -1.2814532652472137},
		// The same data with max_points 1: one step, and the record keeps
		// the skew and kurtosis that still break the thresholds.
		{name: "max_points 1", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, MaxPoints: 1},
			x: valueSeq(1, 30, 500, 1000, 2000), want: valueSeq(1, 30, 500, 1000, 1000), changed: 1, low: nan, high: 1000,
			skewOut: 3.3473603615398506, kurtOut: 10.319935328354395},
		// max_points 2 stops after step 2 (2 units changed).
		{name: "max_points 2", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, MaxPoints: 2},
			x: valueSeq(1, 30, 500, 1000, 2000), want: valueSeq(1, 30, 500, 500, 500), changed: 2, low: nan, high: 500,
			skewOut: 2.9642942054913703, kurtOut: 7.2709145778105864},
		// 1..30 with 100, 110, 120, 130: G1 2.2618, G2 4.0521. Step 1:
		// 130 -> 120 (G1 2.2193, G2 3.8056); step 2: both 120s -> 110
		// (2 units; G1 2.1623, G2 3.5365); step 3: the three 110s -> 100
		// (3 units), G1 2.0957 is still > 2 but G2 3.3029 <= 3.5 and the
		// rule stops on the kurtosis.
		{name: "stops on kurtosis", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 30, 100, 110, 120, 130), want: valueSeq(1, 30, 100, 100, 100, 100), changed: 3, low: nan, high: 100,
			hasIn: true, skewIn: 2.2618038786646473, kurtIn: 4.0521459416130003, skewOut: 2.0956709768484529, kurtOut: 3.3028641279562514},
		// 1..30 with 85, 90, 95, 100: G1 2.0537 > 2 but G2 3.2928 <= 3.5,
		// and the rule needs both: nothing changes.
		{name: "skewed, not heavy-tailed", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: valueSeq(1, 30, 85, 90, 95, 100), want: valueSeq(1, 30, 85, 90, 95, 100), changed: 0, low: nan, high: nan,
			skewOut: 2.0536819863575824, kurtOut: 3.2928048043099554},
		// -980, 1..19 and 1000 are symmetric about 10: G1 = 0 and G2 9.9921
		// > 3.5; nothing changes.
		{name: "heavy-tailed, not skewed", t: indicator.Transform{Method: indicator.TransformSkewKurtosis},
			x: append([]float64{-980}, valueSeq(1, 19, 1000)...), want: append([]float64{-980}, valueSeq(1, 19, 1000)...), changed: 0, low: nan, high: nan,
			skewOut: 0, kurtOut: 9.9921472997621468},
		// Thresholds set: with skew 4.5 the positive-skew data pass as
		// they are (G1 4.4676 <= 4.5).
		{name: "skew threshold", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, Skew: 4.5},
			x: valueSeq(1, 19, 1000), want: valueSeq(1, 19, 1000), changed: 0, low: nan, high: nan,
			skewOut: 4.4675765755287316, kurtOut: 19.97145854317376},
		// Four values, the fewest for which G2 is defined: 1, 1, 1, 1000
		// has G1 = 2 and G2 = 4 (see TestSampleSkewKurt); with skew 1.9
		// the rule fires, 1000 becomes 1 and the constant result has
		// neither G1 nor G2 (NaN; normalisation none, as min-max would
		// reject the constant column).
		{name: "n = 4, constant after", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, Skew: 1.9}, norm: none,
			x: []float64{1, 1, 1, 1000}, want: []float64{1, 1, 1, 1}, changed: 1, low: nan, high: 1,
			hasIn: true, skewIn: 2, kurtIn: 4, skewOut: nan, kurtOut: nan},
		// Three non-missing values (the missing one is imputed with 7
		// after the transformation): G1 = 1.7320 > skew 1, but G2 is
		// undefined for n < 4, so the rule cannot be evaluated and the
		// data are left as they are. 1, 2, 1000: mean 1003/3,
		// g2 = -1.5 exactly, g1 = 0.70710, G1 = g1 sqrt(3*2)/1.
		{name: "n = 3", t: indicator.Transform{Method: indicator.TransformSkewKurtosis, Skew: 1}, imp: seven,
			x: []float64{1, 2, nan, 1000}, want: []float64{1, 2, nan, 1000}, raw: []float64{1, 2, 7, 1000}, changed: 0, low: nan, high: nan,
			skewOut: 1.7320449443270984, kurtOut: nan},
	}
	near := func(a, b float64) bool {
		return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b))
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr := tc.t
			n, rec, err := oneLeaf(t, &indicator.Node{Transform: &tr, Imputation: tc.imp, Normalization: tc.norm}, tc.x)
			if err != nil {
				t.Fatal(err)
			}
			raw := tc.want
			if tc.raw != nil {
				raw = tc.raw
			}
			for u := range raw {
				if !same(n.Raw[u], raw[u]) {
					t.Errorf("unit %d: %v, want %v", u, n.Raw[u], raw[u])
				}
			}
			tx := rec.Transform
			if tx.Changed != tc.changed || !same(tx.Low, tc.low) || !same(tx.High, tc.high) {
				t.Errorf("record changed %d low %v high %v, want %d, %v, %v", tx.Changed, tx.Low, tx.High, tc.changed, tc.low, tc.high)
			}
			skew, kurt := sampleSkewKurt(tc.want)
			if !near(tx.Skew, skew) || !near(tx.Kurtosis, kurt) {
				t.Errorf("record skew %v kurtosis %v, want %v and %v", tx.Skew, tx.Kurtosis, skew, kurt)
			}
			if !near(skew, tc.skewOut) || !near(kurt, tc.kurtOut) {
				t.Errorf("sampleSkewKurt(result) = %v, %v; by hand %v, %v", skew, kurt, tc.skewOut, tc.kurtOut)
			}
			if tc.hasIn {
				if a, b := sampleSkewKurt(tc.x); !near(a, tc.skewIn) || !near(b, tc.kurtIn) {
					t.Errorf("sampleSkewKurt(input) = %v, %v; by hand %v, %v", a, b, tc.skewIn, tc.kurtIn)
				}
			}
		})
	}
}

// TestPropertySkewKurtosisRule checks, on data with random outliers and
// random thresholds, that the rule only moves values inward: every result
// lies within the range of the input, and the order of the units is
// weakly preserved (x_u < x_v implies x'_u <= x'_v), as for any
// winsorisation. It also checks the record: the rule stopped only when
// the thresholds no longer both hold or max_points was reached, nothing
// changed for fewer than 4 values (Kurtosis NaN), and the recorded G1 and
// G2 agree with sampleSkewKurt of the result where the result is not
// nearly constant.
func TestPropertySkewKurtosisRule(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.Float64Range(-100, 100), 1, 40).Draw(t, "x")
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
		tx := r.Leaves[0].Transform
		skewMax, kurtMax, points := tr.Skew, tr.Kurtosis, tr.MaxPoints
		if skewMax == 0 {
			skewMax = 2
		}
		if kurtMax == 0 {
			kurtMax = 3.5
		}
		if points == 0 {
			points = 5
		}
		if tx.Changed < points && math.Abs(tx.Skew) > skewMax && tx.Kurtosis > kurtMax {
			t.Fatalf("stopped after %d of %d values with G1 %v > %v and G2 %v > %v", tx.Changed, points, tx.Skew, skewMax, tx.Kurtosis, kurtMax)
		}
		if len(x) < 4 && (tx.Changed != 0 || !math.IsNaN(tx.Kurtosis)) {
			t.Fatalf("%d values: changed %d, kurtosis %v", len(x), tx.Changed, tx.Kurtosis)
		}
		rlo, rhi := math.Inf(1), math.Inf(-1)
		for _, v := range n.Raw {
			rlo, rhi = math.Min(rlo, v), math.Max(rhi, v)
		}
		if rhi-rlo > 1e-6*math.Max(math.Abs(rlo), math.Abs(rhi)) {
			skew, kurt := sampleSkewKurt(n.Raw)
			near := func(a, b float64) bool {
				return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-8*math.Max(1, math.Abs(b))
			}
			if !near(tx.Skew, skew) || !near(tx.Kurtosis, kurt) {
				t.Fatalf("record G1 %v G2 %v, sampleSkewKurt %v and %v", tx.Skew, tx.Kurtosis, skew, kurt)
			}
		}
	})
}

// TestPropertySkewKurtosisScale checks that the rule does not depend on
// the scale of the data: multiplying the data by 2^k (exact in floating
// point away from the subnormal range, k from -900 to 900, so that cubes
// and fourth powers of the deviations would underflow or overflow unless
// scaled) multiplies the
// result by 2^k and leaves the number of changed values and the recorded
// G1 and G2 bit for bit the same.
func TestPropertySkewKurtosisScale(t *testing.T) {
	t.Parallel()
	run := func(t *rapid.T, x []float64) ([]float64, indicator.TransformRecord) {
		tr := indicator.Transform{Method: indicator.TransformSkewKurtosis}
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
		return n.Raw, r.Leaves[0].Transform
	}
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.Float64Range(-100, 100), 1, 30).Draw(t, "x")
		x = append(x, rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), 0, 3).Draw(t, "outliers")...)
		k := rapid.IntRange(-900, 900).Draw(t, "k")
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = math.Ldexp(v, k)
			// Far from the subnormal range, so that the scaling is exact
			// for the data, their sums and their mean.
			if v != 0 && math.Min(math.Abs(v), math.Abs(y[i])) < 0x1p-960 {
				t.Skip("near the subnormal range")
			}
		}
		rx, recx := run(t, x)
		ry, recy := run(t, y)
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
		if recx.Changed != recy.Changed || !same(recx.Skew, recy.Skew) || !same(recx.Kurtosis, recy.Kurtosis) {
			t.Fatalf("record %+v, scaled by 2^%d %+v", recx, k, recy)
		}
		for i := range rx {
			if math.Ldexp(rx[i], k) != ry[i] {
				t.Fatalf("unit %d: %v, scaled by 2^%d %v", i, rx[i], k, ry[i])
			}
		}
	})
}

// TestSkewKurtosisCOINr checks the skew_kurtosis rule against COINr's
// Treat defaults (winsorise with winmax 5, skew 2, kurtosis 3.5, then
// log_CT of the untreated values), whose R code testdata/coinr_winsorise.py
// transcribes; the expected values are that script's output. "five" needs
// five single-unit steps, which a count of replacements (1+2+3 > 5) would
// stop after three.
func TestSkewKurtosisCOINr(t *testing.T) {
	t.Parallel()
	geo := func(b float64, k int) []float64 {
		var x []float64
		for i := range k {
			x = append(x, 100*math.Pow(b, float64(i)))
		}
		return x
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
	t.Run("five", func(t *testing.T) {
		t.Parallel()
		tr := indicator.Transform{Method: indicator.TransformSkewKurtosis, Fallback: indicator.FallbackLogCT}
		n, rec, err := oneLeaf(t, &indicator.Node{Transform: &tr}, valueSeq(1, 40, geo(2, 6)...))
		if err != nil {
			t.Fatal(err)
		}
		want := valueSeq(1, 40, 100, 100, 100, 100, 100, 100)
		for u := range want {
			if n.Raw[u] != want[u] {
				t.Fatalf("unit %d: %v, want %v", u, n.Raw[u], want[u])
			}
		}
		tx := rec.Transform
		if tx.Changed != 5 || tx.Fallback != "" || !near(tx.Skew, 1.6574856484044902) || !near(tx.Kurtosis, 1.773011220017973) {
			t.Errorf("record %+v, want 5 changed, no fallback, G1 1.65749, G2 1.77301", tx)
		}
	})
	t.Run("fallback", func(t *testing.T) {
		t.Parallel()
		tr := indicator.Transform{Method: indicator.TransformSkewKurtosis, Fallback: indicator.FallbackLogCT}
		x := valueSeq(1, 40, geo(3, 9)...)
		n, rec, err := oneLeaf(t, &indicator.Node{Transform: &tr}, x)
		if err != nil {
			t.Fatal(err)
		}
		// ln(x - 1 + 0.01 (656100 - 1)) for 1, 2, then 32..40 and the nine outliers.
		head := []float64{8.788896785185813, 8.789049189594254}
		tail := []float64{8.803873262031805, 8.833461262992921, 8.917309352714334, 9.133458247726034, 9.592877293312169,
			10.337215801873029, 11.283008903519098, 12.32501052520854, 13.404017302027073}
		got := append(append([]float64(nil), n.Raw[:2]...), n.Raw[len(x)-9:]...)
		for i, w := range append(head, tail...) {
			if !near(got[i], w) {
				t.Errorf("value %d: %v, want %v", i, got[i], w)
			}
		}
		tx := rec.Transform
		if tx.Fallback != indicator.FallbackLogCT || tx.Changed != 0 || !near(tx.Skew, 3.7471371158264914) || !near(tx.Kurtosis, 14.083996991530487) {
			t.Errorf("record %+v, want the log_ct fallback with G1 3.74714 and G2 14.0840", tx)
		}
		tr.Fallback = ""
		n, rec, err = oneLeaf(t, &indicator.Node{Transform: &tr}, x)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Transform.Changed != 5 || n.Raw[len(x)-1] != 2700 {
			t.Errorf("without fallback: changed %d, largest %v; want 5 and 2700", rec.Transform.Changed, n.Raw[len(x)-1])
		}
	})
}
