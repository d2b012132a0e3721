package weighting_test

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// TestSuggestionsProgress: Suggestions reports each pair of criteria
// done, 1 to n(n−1)/2 = 6 for 4 criteria, for a complete and an
// incomplete matrix, and the suggestions are those without Progress.
func TestSuggestionsProgress(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	for _, a := range []*mat.Dense{
		mat.NewDense(4, 4, []float64{
			1, 3, 1.0 / 5, 7,
			1.0 / 3, 1, 5, 1.0 / 2,
			5, 1.0 / 5, 1, 3,
			1.0 / 7, 2, 1.0 / 3, 1,
		}),
		mat.NewDense(4, 4, []float64{
			1, 3, nan, 7,
			1.0 / 3, 1, 5, 1.0 / 2,
			nan, 1.0 / 5, 1, 3,
			1.0 / 7, 2, 1.0 / 3, 1,
		}),
	} {
		var done []int
		with, err := weighting.Suggestions(a, weighting.AHPSettings{Progress: func(d, total int) {
			if total != 6 {
				t.Errorf("total %d, want 6", total)
			}
			done = append(done, d)
		}})
		if err != nil {
			t.Fatal(err)
		}
		without, err := weighting.Suggestions(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(done, []int{1, 2, 3, 4, 5, 6}) {
			t.Errorf("progress %v, want 1 to 6", done)
		}
		if len(with) == 0 || !slices.Equal(with, without) {
			t.Errorf("suggestions %v with Progress, %v without", with, without)
		}
	}
}
