package weighting

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// HarkerResult is the outcome of [Harker].
type HarkerResult struct {
	AHPResult
	// Harker is Harker's matrix C; Completed is A with every missing
	// judgment replaced by w_i/w_j.
	Harker, Completed *mat.Dense
	// Missing is the number of missing pairs.
	Missing int
}

// Harker analyses an incomplete pairwise comparison matrix.
func Harker(a mat.Matrix, s AHPSettings) (HarkerResult, error) {
	return HarkerResult{}, fmt.Errorf("%w: harker: not implemented yet", ErrInvalidMatrix)
}
