package weighting_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestEntropyZeros(t *testing.T) {
	t.Parallel()
	// Column A has one zero: with 0 ln 0 = 0 its p = (0, 1/3, 1/3, 1/3),
	// so e_A = ln 3 / ln 4 exactly; column B (1, 2, 30, 60) is more
	// dispersed and must weigh more. (A rule that turns 0 ln 0 into a NaN
	// and the NaN into e = 0 would give A the larger weight.)
	x := mat.NewDense(4, 2, []float64{0, 1, 10, 2, 10, 30, 10, 60})
	r, err := weighting.Entropy{}.Analyze(x)
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Log(3) / math.Log(4); math.Abs(r.Entropy[0]-want) > tol {
		t.Errorf("e_A = %v, want %v", r.Entropy[0], want)
	}
	if !(r.Weights[0] < r.Weights[1]) {
		t.Errorf("weights %v: the column with a zero must not dominate", r.Weights)
	}
	// Negative values are an error naming the cell.
	x.Set(2, 1, -1)
	var de *weighting.DataError
	if _, err := (weighting.Entropy{}).Analyze(x); !errors.As(err, &de) || de.Row != 2 || de.Col != 1 {
		t.Errorf("negative value: %v", err)
	}
	// All columns constant: no information, an error.
	if _, err := (weighting.Entropy{}).Analyze(mat.NewDense(3, 2, []float64{1, 0, 1, 0, 1, 0})); !errors.Is(err, weighting.ErrInvalidData) {
		t.Errorf("constant data: %v", err)
	}
}

func TestCRITICDirection(t *testing.T) {
	t.Parallel()
	// Reversing a column (1 - x) flips its correlations but keeps its SD,
	// so CRITIC weights change; rescaling every column keeps them
	// (reference vector c08's convention).
	x := randomData(rng.New(7, 0), 20, 4)
	base, _ := weighting.CRITIC{}.Analyze(x)
	scaled := mat.DenseCopyOf(x)
	scaled.Scale(0.01, scaled)
	s, _ := weighting.CRITIC{}.Analyze(scaled)
	if d := cmp.Diff(base.Weights, s.Weights, approx(1e-12)); d != "" {
		t.Errorf("scale changed weights:\n%s", d)
	}
	rev := mat.DenseCopyOf(x)
	for i := 0; i < 20; i++ {
		rev.Set(i, 0, 100-rev.At(i, 0))
	}
	r, _ := weighting.CRITIC{}.Analyze(rev)
	if math.Abs(r.SD[0]-base.SD[0]) > 1e-12 || cmp.Equal(r.Weights, base.Weights, approx(1e-6)) {
		t.Errorf("reversal: SD %v vs %v, weights %v vs %v", r.SD[0], base.SD[0], r.Weights, base.Weights)
	}
}

func TestBudgetTrim(t *testing.T) {
	t.Parallel()
	// Four experts, trim 0.25 drops one at each end per child. Shares by
	// child: (0.5 0.4 0.6 0.1) -> mean of 0.4, 0.5 = 0.45; (0.3 0.4 0.2
	// 0.1) -> 0.25; (0.2 0.2 0.2 0.8) -> 0.2. Sum 0.9, so w = (0.5, 0.25/0.9,
	// 0.2/0.9).
	b := weighting.Budget{Allocations: [][]float64{{50, 30, 20}, {40, 40, 20}, {60, 20, 20}, {10, 10, 80}}, Trim: 0.25}
	r, err := b.Analyze()
	if err != nil {
		t.Fatal(err)
	}
	if r.Dropped != 1 {
		t.Errorf("dropped %d", r.Dropped)
	}
	if d := cmp.Diff([]float64{0.5, 0.25 / 0.9, 0.2 / 0.9}, r.Weights, approx(tol)); d != "" {
		t.Errorf("weights:\n%s", d)
	}
	bad := weighting.Budget{Allocations: [][]float64{{1, -1}}}
	if _, err := bad.Analyze(); !errors.Is(err, weighting.ErrInvalidWeights) {
		t.Errorf("negative points: %v", err)
	}
}

func TestBoDShareBounds(t *testing.T) {
	t.Parallel()
	x := randomData(rng.New(8, 0), 12, 3)
	free, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{})
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := []float64{0.2, 0.2, 0.1}, []float64{0.6, 0.6, 0.5}
	r, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{MinShare: lo, MaxShare: hi})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range r.Scores {
		if s > free.Scores[i]+1e-12 {
			t.Errorf("unit %d: bounded score %v above free %v", i, s, free.Scores[i])
		}
		if s == 0 {
			continue
		}
		for j := 0; j < 3; j++ {
			share := r.Weights.At(i, j) * x.At(i, j) / s
			if share < lo[j]-1e-9 || share > hi[j]+1e-9 {
				t.Errorf("unit %d indicator %d: share %v outside [%v, %v]", i, j, share, lo[j], hi[j])
			}
		}
	}
	if _, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{MinShare: []float64{0.5, 0.5, 0.5}}); !errors.Is(err, weighting.ErrInvalidWeights) {
		t.Errorf("minimum shares above 1: %v", err)
	}
}

func TestCorrelationMethods(t *testing.T) {
	t.Parallel()
	x := []float64{1, 2, 3, 4, 5, 6}
	cube := []float64{1, 8, 27, 64, 125, 216}
	rev := []float64{6, 5, 4, 3, 2, 1}
	// Monotone transformations: Spearman and Kendall are exactly ±1.
	for _, m := range []weighting.CorrMethod{weighting.Spearman, weighting.Kendall} {
		if r := weighting.Correlation(x, cube, m); math.Abs(r-1) > tol {
			t.Errorf("%v(x, x^3) = %v", m, r)
		}
		if r := weighting.Correlation(x, rev, m); math.Abs(r+1) > tol {
			t.Errorf("%v(x, reversed) = %v", m, r)
		}
	}
	if r := weighting.Correlation(x, cube, weighting.Pearson); !(r < 1 && r > 0.9) {
		t.Errorf("Pearson(x, x^3) = %v", r)
	}
	// Kendall's tau-b with ties: x = (1, 2, 2, 3), y = (1, 3, 2, 3): C = 4,
	// D = 0, one tie in x, one in y, n0 = 6: 4 / sqrt(5 * 5) = 0.8.
	if r := weighting.Correlation([]float64{1, 2, 2, 3}, []float64{1, 3, 2, 3}, weighting.Kendall); math.Abs(r-0.8) > tol {
		t.Errorf("tau-b = %v, want 0.8", r)
	}
	if r := weighting.Correlation([]float64{1, math.NaN(), 3}, []float64{1, 2, 3}, weighting.Pearson); !math.IsNaN(r) {
		t.Errorf("2 complete pairs: %v, want NaN", r)
	}
}

func TestCoherence(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	// Group 0: a, b = 2a (redundant), c = 7 - a (negative); group 1: d,
	// missing for unit 0.
	x := mat.NewDense(6, 4, []float64{
		1, 2, 6, nan,
		2, 4, 5, 3,
		3, 6, 4, 2,
		4, 8, 3, 5,
		5, 10, 2, 4,
		6, 12, 1, 6,
	})
	r, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: []int{0, 0, 0, 1}}, weighting.CoherenceSettings{})
	if err != nil {
		t.Fatal(err)
	}
	want := []weighting.CoherenceFlag{
		{Kind: weighting.Redundant, Group: 0, I: 0, J: 1, R: 1},
		{Kind: weighting.NegativeCorrelation, Group: 0, I: 0, J: 2, R: -1},
		{Kind: weighting.NegativeCorrelation, Group: 0, I: 1, J: 2, R: -1},
	}
	if d := cmp.Diff(want, r.Flags, approx(tol)); d != "" {
		t.Errorf("flags:\n%s", d)
	}
	if r.UnitAvailability[0] != 0.75 || r.GroupAvailability.At(0, 1) != 0 || r.IndicatorAvailability[3] != 5.0/6 {
		t.Errorf("availability %v %v %v", r.UnitAvailability, mat.Formatted(r.GroupAvailability), r.IndicatorAvailability)
	}
	// Group 1 has one indicator: alpha undefined; group 0: a and b agree
	// perfectly but c opposes them, so alpha is negative.
	if !math.IsNaN(r.Alpha[1].Raw) || !(r.Alpha[0].Std < 0) {
		t.Errorf("alpha %+v", r.Alpha)
	}
	if math.Abs(r.WithGroup[3]-1) > tol {
		t.Errorf("single indicator vs its group: %v", r.WithGroup[3])
	}
	// Hand computation. Group 0's score is (a + 2a + 7 - a)/3 = (2a + 7)/3,
	// an increasing affine function of a; group 1's is d. The index is
	// the mean of the available group scores: unit 0 has only group 0
	// (3), the others (g0 + d)/2, so 6 * index = (18, 20, 19, 30, 29, 37).
	// Pearson(a, index): deviations of a (-2.5 ... 2.5) and of 6*index
	// (-7.5, -5.5, -6.5, 4.5, 3.5, 11.5) give sxy = 66.5, sxx = 17.5,
	// syy = 293.5, r = 66.5/sqrt(17.5*293.5) = 133/sqrt(20545); b = 2a
	// has the same r, c = 7 - a the opposite, and group 0's score (affine
	// in a) the same. d against the index over units 1..5 (d of unit 0
	// is missing): d = (3, 2, 5, 4, 6), 6*index = (20, 19, 30, 29, 37),
	// sxy = 46, sxx = 10, syy = 226, r = 46/sqrt(2260).
	ra, rd := 133/math.Sqrt(20545), 46/math.Sqrt(2260)
	if d := cmp.Diff([]float64{ra, ra, -ra, rd}, r.WithIndex, approx(tol)); d != "" {
		t.Errorf("WithIndex:\n%s", d)
	}
	if d := cmp.Diff([]float64{ra, rd}, r.GroupWithIndex, approx(tol)); d != "" {
		t.Errorf("GroupWithIndex:\n%s", d)
	}
	// Alpha of group 0 (all six units complete): var(a) = 3.5, var(b) =
	// 14, var(c) = 3.5 (n - 1), the total 2a + 7 has variance 14, so Raw =
	// 3/2 (1 - 21/14) = -0.75; r_ab = 1, r_ac = r_bc = -1, r̄ = -1/3, Std
	// = 3(-1/3)/(1 + 2(-1/3)) = -3.
	want0 := weighting.AlphaResult{Raw: -0.75, Std: -3, AverageR: -1.0 / 3}
	if d := cmp.Diff(want0, r.Alpha[0], approx(tol)); d != "" {
		t.Errorf("alpha of group 0:\n%s", d)
	}
	// Rank methods: the ranks of the index are (1, 3, 2, 5, 4, 6) against
	// a's 1..6: Spearman = 1 - 6*4/(6*35) = 31/35; Kendall: 2 discordant
	// pairs of 15, tau = (13 - 2)/15 = 11/15. Against d the ranks agree
	// exactly: 1.
	for _, tc := range []struct {
		method weighting.CorrMethod
		ra, rd float64
	}{{weighting.Spearman, 31.0 / 35, 1}, {weighting.Kendall, 11.0 / 15, 1}} {
		r, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: []int{0, 0, 0, 1}}, weighting.CoherenceSettings{Method: tc.method})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]float64{tc.ra, tc.ra, -tc.ra, tc.rd}, r.WithIndex, approx(tol)); d != "" {
			t.Errorf("%v WithIndex:\n%s", tc.method, d)
		}
		if d := cmp.Diff([]float64{tc.ra, tc.rd}, r.GroupWithIndex, approx(tol)); d != "" {
			t.Errorf("%v GroupWithIndex:\n%s", tc.method, d)
		}
	}
}

func TestPCAFactor(t *testing.T) {
	t.Parallel()
	// Two latent factors, two indicators each (small perturbations): the
	// handbook's rule keeps two components and assigns the indicators by
	// block.
	f1 := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	f2 := []float64{3, 9, 1, 7, 5, 10, 2, 8, 4, 6}
	e := []float64{0.3, -0.2, 0.1, -0.4, 0.2, 0.1, -0.1, 0.3, -0.3, 0.2}
	x := mat.NewDense(10, 4, nil)
	for i := range f1 {
		x.SetRow(i, []float64{f1[i], f1[i] + e[i], f2[i], f2[i] - e[i]})
	}
	r, err := weighting.PCA{}.Analyze(x)
	if err != nil {
		t.Fatal(err)
	}
	if r.Retained != 2 || r.Factor[0] != r.Factor[1] || r.Factor[2] != r.Factor[3] || r.Factor[0] == r.Factor[2] {
		t.Fatalf("retained %d, factors %v, eigenvalues %v", r.Retained, r.Factor, r.Eigenvalues)
	}
	for j, w := range r.Weights {
		if math.Abs(w-0.25) > 0.02 {
			t.Errorf("weight %d = %v, want about 0.25 (symmetric blocks)", j, w)
		}
	}
	// A variance share of 0.5 keeps one component.
	r1, err := weighting.PCA{Settings: weighting.PCASettings{VarianceShare: 0.5}}.Analyze(x)
	if err != nil || r1.Retained != 1 {
		t.Errorf("variance share 0.5: retained %d, %v", r1.Retained, err)
	}
}

func TestPCAMatchesGonum(t *testing.T) {
	t.Parallel()
	// The Jacobi decomposition against gonum's LAPACK-style EigenSym on the
	// correlation matrix of random data; eigenvectors up to sign.
	x := randomData(rng.New(9, 0), 40, 9)
	r, err := weighting.PCA{Settings: weighting.PCASettings{Method: weighting.PCAFirst}}.Analyze(x)
	if err != nil {
		t.Fatal(err)
	}
	corr := mat.NewSymDense(9, nil)
	stat.CorrelationMatrix(corr, x, nil)
	var eig mat.EigenSym
	if !eig.Factorize(corr, true) {
		t.Fatal("EigenSym failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	m := len(vals)
	for k := 0; k < m; k++ {
		src := m - 1 - k
		if math.Abs(vals[src]-r.Eigenvalues[k]) > 1e-12 {
			t.Errorf("eigenvalue %d: %v vs gonum %v", k, r.Eigenvalues[k], vals[src])
		}
		var dot float64
		for j := 0; j < m; j++ {
			dot += vecs.At(j, src) * r.Eigenvectors.At(j, k)
		}
		if math.Abs(math.Abs(dot)-1) > 1e-10 {
			t.Errorf("eigenvector %d: |cos| = %v", k, math.Abs(dot))
		}
	}
	// Varimax is a rotation: each indicator's communality (row sum of
	// squared loadings over the retained factors) is unchanged.
	f, err := weighting.PCA{Settings: weighting.PCASettings{MinEigenvalue: 0.5}}.Analyze(x)
	if err != nil {
		t.Fatal(err)
	}
	for j := 0; j < m; j++ {
		var before, after float64
		for q := 0; q < f.Retained; q++ {
			before += f.Loadings.At(j, q) * f.Loadings.At(j, q)
			after += f.Rotated.At(j, q) * f.Rotated.At(j, q)
		}
		if math.Abs(before-after) > 1e-12 {
			t.Errorf("indicator %d: communality %v -> %v", j, before, after)
		}
	}
	checkSimplex(t, f.Weights, "factor weights")
}

func TestConstantInexactColumn(t *testing.T) {
	t.Parallel()
	// A column of 0.1 (not exactly representable; seven of them average to
	// 0.09999999999999999) is constant: its sum of squares around the
	// computed mean is about 1e-34, not 0, and must not make it count as
	// varying. The other CRITIC weights must be those without the column
	// (CRITIC's doc), and PCA must reject it as constant.
	x := mat.NewDense(7, 3, []float64{
		0.2, 0.9, 0.4,
		0.5, 0.1, 0.8,
		0.9, 0.6, 0.3,
		0.1, 0.3, 0.7,
		0.6, 0.8, 0.2,
		0.3, 0.2, 0.9,
		0.8, 0.5, 0.6,
	})
	for _, c := range []float64{0.1, 0.7, 1.0 / 3, 33.3} {
		y := mat.NewDense(7, 4, nil)
		y.Augment(x, mat.NewDense(7, 1, []float64{c, c, c, c, c, c, c}))
		base, err := weighting.CRITIC{}.Analyze(x)
		if err != nil {
			t.Fatal(err)
		}
		got, err := weighting.CRITIC{}.Analyze(y)
		if err != nil {
			t.Fatal(err)
		}
		if got.SD[3] != 0 || got.Weights[3] != 0 {
			t.Errorf("constant %v: SD %v, weight %v, want 0", c, got.SD[3], got.Weights[3])
		}
		// Bit-identical: the constant column enters no sum.
		if !slices.Equal(base.Weights, got.Weights[:3]) {
			t.Errorf("constant %v: weights %v, want %v", c, got.Weights[:3], base.Weights)
		}
		var de *weighting.DataError
		if _, err := (weighting.PCA{}).Analyze(y); !errors.As(err, &de) || de.Col != 3 {
			t.Errorf("constant %v: PCA error %v, want a DataError for column 3", c, err)
		}
	}
}

// TestNilMatrixPanics checks the documented panic of the data-driven
// schemes for a nil matrix (a programmer error).
func TestNilMatrixPanics(t *testing.T) {
	t.Parallel()
	for _, x := range []mat.Matrix{nil, (*mat.Dense)(nil)} {
		for _, s := range []weighting.Scheme{weighting.Entropy{}, weighting.CRITIC{}, weighting.SD{}, weighting.PCA{}} {
			func() {
				defer func() {
					if r := recover(); r != "weighting: nil data matrix" {
						t.Errorf("%T with %#v: panic %v", s, x, r)
					}
				}()
				_, _ = s.Weights(weighting.Input{Data: x})
			}()
		}
	}
}
