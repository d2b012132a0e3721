package weighting

import (
	"errors"
	"fmt"
)

// ErrTooLarge is wrapped by the errors of computations whose square
// matrices would hold more than [MaxCells] numbers: the m × m correlation
// matrix of [CRITIC], [PCA], [CronbachAlpha] and [Coherence] (m
// indicators: at most 11,585), and the n × n pairwise comparison matrix of
// an AHP spec for n children. The bound is checked before the
// matrix is allocated, so that a model or data file with tens of
// thousands of indicators fails at once with an error instead of
// exhausting memory.
var ErrTooLarge = errors.New("weighting: matrix too large")

// MaxCells bounds the numbers of one square matrix: 2^27 (134,217,728,
// 1 GiB of float64).
const MaxCells = 1 << 27

// checkSquare returns an error wrapping ErrTooLarge when an m × m matrix
// (what) would hold more than MaxCells numbers.
func checkSquare(what string, m int) error {
	if m > 0 && m > MaxCells/m {
		return fmt.Errorf("%w: the %s of %d × %d would hold more than %d numbers", ErrTooLarge, what, m, m, MaxCells)
	}
	return nil
}
