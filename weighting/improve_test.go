package weighting_test

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// TestSuggestions checks the single-judgment revisions against an
// independent exhaustive search in R 4.2 (eigen() from LAPACK; for every
// judgment of the upper triangle, every other value of Saaty's scale,
// keeping the lowest λmax):
//
//	lam <- function(A) max(Re(eigen(A, only.values=TRUE)$values))
//	for (v in c(1/(9:2), 1, 2:9)) { B <- A; B[i,j] <- v; B[j,i] <- 1/v; lam(B) }
//
// and, for the 4×4 matrix consistent with 8:4:2:1 but for a_14 = 1/2, the
// exact answer: a_14 = 8 makes it consistent (λmax = 4, CR = 0).
func TestSuggestions(t *testing.T) {
	t.Parallel()
	type want struct {
		row, col  int
		suggested float64
		lambda    float64
		cr        float64
	}
	cases := []struct {
		name  string
		upper [][]float64
		first []want
	}{
		// Saaty's (1977) wealth-of-nations matrix; R: λmax 7.607720268860.
		{"wealth", [][]float64{{4, 9, 6, 6, 5, 5}, {7, 5, 5, 3, 4}, {1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5}, {1, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3}, {2}},
			[]want{{0, 1, 1, 7.47910123644, 0.0604925803592}}},
		{"one-bad-judgment", [][]float64{{2, 4, 0.5}, {2, 4}, {2}},
			[]want{{0, 3, 8, 4, 0}, {0, 1, 0.5, 4.80424195262, 0.297867389858}}},
		{"5x5", [][]float64{{3, 1.0 / 5, 7, 5}, {1.0 / 3, 5, 1.0 / 2}, {9, 4}, {1.0 / 3}},
			[]want{{0, 2, 1, 5.22746121929, 0.0507725935924}, {0, 4, 1, 5.35720507755, 0.0797332762398}, {1, 4, 2, 5.40822412208, 0.0911214558218}, {1, 3, 2, 5.48027654551, 0.1072045860517}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := weighting.FromUpper(tc.upper)
			if err != nil {
				t.Fatal(err)
			}
			before := mat.DenseCopyOf(a)
			got, err := weighting.Suggestions(a, weighting.AHPSettings{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) < len(tc.first) {
				t.Fatalf("%d suggestions, want at least %d", len(got), len(tc.first))
			}
			for k, w := range tc.first {
				g := got[k]
				if g.Row != w.row || g.Col != w.col || g.Suggested != w.suggested || math.Abs(g.LambdaMax-w.lambda) > 1e-10 || math.Abs(g.CR-w.cr) > 1e-10 {
					t.Errorf("suggestion %d = %+v, R: a[%d][%d] -> %v, λmax %v, CR %v", k, g, w.row, w.col, w.suggested, w.lambda, w.cr)
				}
				if g.Judgment != a.At(g.Row, g.Col) {
					t.Errorf("suggestion %d: Judgment %v, matrix has %v", k, g.Judgment, a.At(g.Row, g.Col))
				}
			}
			for k := 1; k < len(got); k++ {
				if got[k].LambdaMax < got[k-1].LambdaMax {
					t.Errorf("not ordered at %d", k)
				}
			}
			if !mat.Equal(before, a) {
				t.Error("input modified")
			}
		})
	}
	// A consistent matrix needs no revision; n <= 2 neither; a missing
	// judgment is an error.
	cons, _ := weighting.FromUpper([][]float64{{2, 4}, {2}})
	if s, err := weighting.Suggestions(cons, weighting.AHPSettings{}); err != nil || len(s) != 0 {
		t.Errorf("consistent: %v, %v", s, err)
	}
	two, _ := weighting.FromUpper([][]float64{{5}})
	if s, err := weighting.Suggestions(two, weighting.AHPSettings{}); err != nil || s != nil {
		t.Errorf("2×2: %v, %v", s, err)
	}
	nan := math.NaN()
	inc := mat.NewDense(3, 3, []float64{1, 2, nan, 0.5, 1, 2, nan, 0.5, 1})
	var je *weighting.JudgmentError
	if _, err := weighting.Suggestions(inc, weighting.AHPSettings{}); !errors.As(err, &je) {
		t.Errorf("incomplete: %v, want *JudgmentError", err)
	}
}
