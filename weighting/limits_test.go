package weighting

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestBounds: a square matrix over MaxCells is an error wrapping
// ErrTooLarge naming it, returned before the allocation (before the
// change, 20,000 indicators of five units, a 1.9 MB data file, made
// ppgpa score with PCA weights, weights and coherence allocate 3.2 GB
// and die with "out of memory"). 11,586 is the first order over the
// bound (11,586² > 2^27 ≥ 11,585²).
func TestBounds(t *testing.T) {
	const m = 11586
	x := mat.NewDense(3, m, nil)
	for i := range 3 {
		for j := range m {
			x.Set(i, j, float64((i+1)*(j%7+1)))
		}
	}
	groups := make([]int, m)
	for name, run := range map[string]func() error{
		"CRITIC":        func() error { _, err := CRITIC{}.Analyze(x); return err },
		"PCA":           func() error { _, err := PCA{}.Analyze(x); return err },
		"CronbachAlpha": func() error { _, err := CronbachAlpha(x); return err },
		"Coherence": func() error {
			_, err := Coherence(CoherenceInput{X: x, Groups: groups}, CoherenceSettings{})
			return err
		},
		"spec matrix": func() error { _, err := judgmentMatrix([][]Judgment{{}}, nil, m, "$.weighting"); return err },
	} {
		err := run()
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "11586 × 11586 would hold more than 134217728 numbers") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := checkSquare("x", 11585); err != nil {
		t.Errorf("11,585: %v", err)
	}
}
