package weighting_test

import (
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// TestCoherenceProgress: Coherence reports the correlations done after
// each indicator's row: for 4 indicators, row j adds its 3 - j pairs
// with the indicators after it and 2 (group, index), so 5, 9, 12, 14 of
// m(m-1)/2 + 2m = 14; the results are those without Progress.
func TestCoherenceProgress(t *testing.T) {
	t.Parallel()
	x := mat.NewDense(5, 4, []float64{
		1, 2, 3, 9,
		2, 1, 5, 7,
		3, 4, 4, 8,
		4, 3, 7, 1,
		5, 6, 6, 2,
	})
	in := weighting.CoherenceInput{X: x, Groups: []int{0, 0, 1, 1}}
	var done []int
	s := weighting.CoherenceSettings{Progress: func(d, total int) {
		if total != 14 {
			t.Errorf("total %d, want 14", total)
		}
		done = append(done, d)
	}}
	with, err := weighting.Coherence(in, s)
	if err != nil {
		t.Fatal(err)
	}
	without, err := weighting.Coherence(in, weighting.CoherenceSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done, []int{5, 9, 12, 14}) {
		t.Errorf("progress %v, want [5 9 12 14]", done)
	}
	if !mat.Equal(with.Indicators, without.Indicators) || !slices.Equal(with.WithIndex, without.WithIndex) {
		t.Errorf("Progress changed the results")
	}
}
