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
	// An incomplete matrix whose given judgments are consistent (a_13
	// completes to 4) needs none; a judgment missing on one side only is
	// an error.
	nan := math.NaN()
	inc := mat.NewDense(3, 3, []float64{1, 2, nan, 0.5, 1, 2, nan, 0.5, 1})
	if s, err := weighting.Suggestions(inc, weighting.AHPSettings{}); err != nil || len(s) != 0 {
		t.Errorf("incomplete, consistent: %v, %v", s, err)
	}
	one := mat.NewDense(3, 3, []float64{1, 2, nan, 0.5, 1, 2, 0.25, 0.5, 1})
	var je *weighting.JudgmentError
	if _, err := weighting.Suggestions(one, weighting.AHPSettings{}); !errors.As(err, &je) {
		t.Errorf("one-sided missing judgment: %v, want *JudgmentError", err)
	}
}

// TestSuggestionsIncomplete checks the revisions of incomplete matrices
// (Harker's completion, Saaty's rule) against an independent
// implementation in R 4.2 (testdata/suggestions_incomplete.R: Harker's
// matrix C, its principal eigenvector by eigen(), the deviation
// a_ij w_j / w_i of every given judgment, the scale value nearest
// w_i/w_j and the λmax of the revised Harker matrix). Both matrices are
// the 4×4 matrix consistent with 8:4:2:1 with a_14 missing and a_23
// changed: to 6 (CR 0.0572), and to 1/3 (CR 0.1576, above 0.1). In both
// the largest deviation is a_23's; the second's ties are ordered by row,
// then column.
func TestSuggestionsIncomplete(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	type want struct {
		row, col  int
		suggested float64
		lambda    float64
		cr        float64
	}
	cases := []struct {
		name string
		a    []float64
		want []want
	}{
		// R: w = 0.498152242672 0.342522726083 0.097056000911
		// 0.062269030334, λmax 4.154500901283, CR 0.057222556031; a_12
		// and a_34 round to their present values.
		{"a23=6", []float64{1, 2, 4, nan, 1.0 / 2, 1, 6, 4, 1.0 / 4, 1.0 / 6, 1, 2, nan, 1.0 / 4, 1.0 / 2, 1},
			[]want{{1, 2, 4, 4.060647027554, 0.022461862057}, {1, 3, 6, 4.113034401333, 0.041864593086}, {0, 2, 5, 4.127576190950, 0.047250441092}}},
		// R: λmax 4.425495479956, CR 0.157590918502. The deviations of
		// a_12 and a_24 are equal (0.401516599190), as are those of
		// a_13 and a_34 (0.563147413117): row, then column.
		{"a23=1/3", []float64{1, 2, 4, nan, 1.0 / 2, 1, 1.0 / 3, 4, 1.0 / 4, 3, 1, 2, nan, 1.0 / 4, 1.0 / 2, 1},
			[]want{{1, 2, 1, 4.060647027554, 0.022461862057}, {0, 2, 2, 4.308023826796, 0.114082898813}, {2, 3, 4, 4.308023826796, 0.114082898813},
				{0, 1, 3, 4.343834365145, 0.127346061165}, {1, 3, 3, 4.363637627437, 0.134680602754}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := mat.NewDense(4, 4, tc.a)
			before := mat.DenseCopyOf(a)
			got, err := weighting.Suggestions(a, weighting.AHPSettings{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d suggestions %+v, R gives %d", len(got), got, len(tc.want))
			}
			for k, w := range tc.want {
				g := got[k]
				if g.Row != w.row || g.Col != w.col || g.Suggested != w.suggested || g.Judgment != a.At(w.row, w.col) ||
					math.Abs(g.LambdaMax-w.lambda) > 1e-9 || math.Abs(g.CR-w.cr) > 1e-9 {
					t.Errorf("suggestion %d = %+v, R: a[%d][%d] -> %v, λmax %v, CR %v", k, g, w.row, w.col, w.suggested, w.lambda, w.cr)
				}
			}
			if !sameBits(before, a) {
				t.Error("input modified")
			}
		})
	}
}
