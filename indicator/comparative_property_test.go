package indicator_test

import (
	"math"
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"pgregory.net/rapid"
)

// drawMatrix draws an n × k matrix of scores in [0, 100] (n >= 2) and k
// positive weights.
func drawMatrix(t *rapid.T) ([][]float64, []float64) {
	n := rapid.IntRange(2, 12).Draw(t, "n")
	k := rapid.IntRange(1, 6).Draw(t, "k")
	y := make([][]float64, n)
	for u := range y {
		y[u] = rapid.SliceOfN(rapid.Float64Range(0, 100), k, k).Draw(t, "row")
	}
	w := rapid.SliceOfN(rapid.Float64Range(0.01, 1), k, k).Draw(t, "weights")
	return y, w
}

// permuted returns the rows of y in the order perm.
func permuted(y [][]float64, perm []int) [][]float64 {
	out := make([][]float64, len(y))
	for i, p := range perm {
		out[i] = y[p]
	}
	return out
}

// sameBits reports whether got[i] and want[perm[i]] are the same bits.
func sameBits(got, want []float64, perm []int) bool {
	for i, p := range perm {
		if math.Float64bits(got[i]) != math.Float64bits(want[p]) {
			return false
		}
	}
	return true
}

// TestTOPSISProperties: the closeness is in [0, 1], does not change when
// a column is multiplied by a positive number (vector scaling), and
// permuting the units permutes the closeness, bit for bit.
func TestTOPSISProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		y, w := drawMatrix(t)
		r, err := indicator.TOPSISCloseness(y, w, "")
		if err != nil {
			t.Fatal(err)
		}
		for u, c := range r.Closeness {
			if !(c >= 0 && c <= 1) {
				t.Fatalf("unit %d: closeness %v outside [0, 1]", u, c)
			}
		}
		j := rapid.IntRange(0, len(w)-1).Draw(t, "column")
		c := rapid.Float64Range(1e-3, 1e3).Draw(t, "factor")
		ys := make([][]float64, len(y))
		for u := range y {
			ys[u] = slices.Clone(y[u])
			ys[u][j] *= c
		}
		rs, err := indicator.TOPSISCloseness(ys, w, indicator.ScalingVector)
		if err != nil {
			t.Fatal(err)
		}
		for u := range y {
			if math.Abs(rs.Closeness[u]-r.Closeness[u]) > 1e-9 {
				t.Fatalf("unit %d: closeness %v, %v after scaling column %d by %v", u, r.Closeness[u], rs.Closeness[u], j, c)
			}
		}
		perm := rapid.Permutation(seq(len(y))).Draw(t, "perm")
		rp, err := indicator.TOPSISCloseness(permuted(y, perm), w, "")
		if err != nil {
			t.Fatal(err)
		}
		if !sameBits(rp.Closeness, r.Closeness, perm) {
			t.Fatalf("closeness depends on the order of units: %v vs %v", rp.Closeness, r.Closeness)
		}
	})
}

// TestGreyProperties: grades and coefficients are in (0, 1] for any rho
// in (0, 1], a unit equal to the ideal in every column has grade 1, and
// permuting the units permutes the grades, bit for bit.
func TestGreyProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		y, w := drawMatrix(t)
		rho := rapid.Float64Range(0.01, 1).Draw(t, "rho")
		r, err := indicator.GreyGrades(y, w, rho, nil)
		if err != nil {
			t.Fatal(err)
		}
		for u, g := range r.Grades {
			if !(g > 0 && g <= 1) {
				t.Fatalf("unit %d: grade %v outside (0, 1]", u, g)
			}
			for j, x := range r.Coefficients[u] {
				if !(x > 0 && x <= 1) {
					t.Fatalf("unit %d, column %d: coefficient %v outside (0, 1]", u, j, x)
				}
			}
			if slices.Equal(y[u], r.Reference) && g != 1 {
				t.Fatalf("unit %d equals the ideal but has grade %v", u, g)
			}
		}
		perm := rapid.Permutation(seq(len(y))).Draw(t, "perm")
		rp, err := indicator.GreyGrades(permuted(y, perm), w, rho, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !sameBits(rp.Grades, r.Grades, perm) {
			t.Fatalf("grades depend on the order of units")
		}
	})
}

// TestFuzzyProperties: with M(·,+) every unit's memberships sum to 1 (to
// rounding) and the score lies between the lowest and highest grade
// values; with M(∧,∨) too, after its normalisation; the grade is one of
// maximum membership.
func TestFuzzyProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		m := rapid.IntRange(1, 5).Draw(t, "factors")
		K := rapid.IntRange(2, 6).Draw(t, "grades")
		grades := make([]indicator.FuzzyGrade, K)
		for k := range grades {
			grades[k] = indicator.FuzzyGrade{Label: string(rune('A' + k)), Value: float64(100 - 20*k)}
		}
		s := make([][][]float64, n)
		for u := range s {
			s[u] = make([][]float64, m)
			for j := range s[u] {
				row := rapid.SliceOfN(rapid.Float64Range(0, 100), K, K).Draw(t, "shares")
				row[rapid.IntRange(0, K-1).Draw(t, "answered")] += 1 // some answer
				s[u][j] = row
			}
		}
		w := rapid.SliceOfN(rapid.Float64Range(0.01, 1), m, m).Draw(t, "weights")
		for _, op := range []string{indicator.OperatorWeightedAverage, indicator.OperatorZadeh} {
			r, err := indicator.FuzzyComposite(s, w, grades, op)
			if err != nil {
				t.Fatal(err)
			}
			for u, b := range r.Membership {
				sum := 0.0
				for _, x := range b {
					if !(x >= 0) {
						t.Fatalf("%s unit %d: membership %v", op, u, b)
					}
					sum += x
				}
				if math.Abs(sum-1) > 1e-12 {
					t.Fatalf("%s unit %d: memberships sum to %v", op, u, sum)
				}
				if b[r.Grade[u]] != slices.Max(b) {
					t.Fatalf("%s unit %d: grade %d is not of maximum membership %v", op, u, r.Grade[u], b)
				}
				lo, hi := grades[K-1].Value, grades[0].Value
				if !(r.Scores[u] >= lo-1e-9 && r.Scores[u] <= hi+1e-9) {
					t.Fatalf("%s unit %d: score %v outside [%v, %v]", op, u, r.Scores[u], lo, hi)
				}
			}
		}
	})
}

// TestMPIProperties: the penalty is never negative (MPI and AMPI); a unit whose
// standardised scores are all equal (every column an increasing affine
// function of one variable) has MPI equal to its mean; permuting the
// units permutes the index, bit for bit.
func TestMPIProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		y, w := drawMatrix(t)
		r, err := indicator.MPIScores(y, w, indicator.PenaltyNegative)
		if err != nil {
			t.Fatal(err)
		}
		for u := range y {
			if !(r.Penalty[u] >= 0) || r.Scores[u] > r.Mean[u] {
				t.Fatalf("unit %d: penalty %v, index %v, mean %v", u, r.Penalty[u], r.Scores[u], r.Mean[u])
			}
		}
		ra, err := indicator.AMPIScores(y, w, indicator.PenaltyNegative, nil)
		if err != nil {
			t.Fatal(err)
		}
		for u := range y {
			if !(ra.Penalty[u] >= 0) || ra.Scores[u] > ra.Mean[u] {
				t.Fatalf("ampi unit %d: penalty %v, index %v, mean %v", u, ra.Penalty[u], ra.Scores[u], ra.Mean[u])
			}
		}
		perm := rapid.Permutation(seq(len(y))).Draw(t, "perm")
		rp, err := indicator.MPIScores(permuted(y, perm), w, "")
		if err != nil {
			t.Fatal(err)
		}
		if !sameBits(rp.Scores, r.Scores, perm) {
			t.Fatalf("index depends on the order of units")
		}
		// Affine columns of one variable: z_ij is the same for
		// every j (to rounding).
		x := make([]float64, len(y))
		for u := range x {
			x[u] = float64(rapid.IntRange(0, 100).Draw(t, "x"))
		}
		k := len(w)
		a := rapid.SliceOfN(rapid.Float64Range(-50, 50), k, k).Draw(t, "a")
		b := rapid.SliceOfN(rapid.Float64Range(0.1, 10), k, k).Draw(t, "b")
		ya := make([][]float64, len(y))
		for u := range ya {
			ya[u] = make([]float64, k)
			for j := range ya[u] {
				ya[u][j] = a[j] + b[j]*x[u]
			}
		}
		re, err := indicator.MPIScores(ya, w, indicator.PenaltyPositive)
		if err != nil {
			t.Fatal(err)
		}
		for u := range ya {
			if math.Abs(re.Scores[u]-re.Mean[u]) > 1e-9 || !(re.Penalty[u] >= 0) {
				t.Fatalf("unit %d with equal standardised scores: index %v, mean %v", u, re.Scores[u], re.Mean[u])
			}
		}
	})
}
