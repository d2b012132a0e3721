package ranking

import (
	"errors"
	"fmt"
	"math/bits"
)

// ErrTooLarge is wrapped by the errors of analyses whose counts would make
// them allocate more than [MaxReplications] replications or [MaxCells]
// numbers in one array. The bounds are checked before anything of that
// size is allocated, so that a mistyped count fails at once with an error
// instead of exhausting memory.
var ErrTooLarge = errors.New("ranking: analysis too large")

// Bounds of the random analyses (see the package documentation's table).
const (
	// MaxReplications bounds [Settings].Replications, [SobolSettings].N
	// and Bootstrap, and [ConfidenceSettings].Draws: 10,000,000.
	MaxReplications = 10_000_000
	// MaxCells bounds the numbers held in one array of an analysis:
	// 2^27 (134,217,728: 1 GiB of float64). The arrays are the n × (2n−1)
	// rank histogram of [MonteCarlo], [BootstrapCounts],
	// [BootstrapStrata], [Parametric] and [ParametricCov] (n units: at
	// most 8,192 units); the Draws × n draws of [RankConfidence],
	// [TopSet], [BottomSet]; the n × n covariance of [ParametricCov] and
	// [RankConfidence]; and the N·(k+2) × (n+1) model runs and the
	// Bootstrap × (n+1)·2k resampled indices of [Sobol] (k factors).
	MaxCells = 1 << 27
)

// checkSize returns an error wrapping ErrTooLarge when count exceeds
// MaxReplications (count < 0: not checked) or when the product of dims
// (an array of what) exceeds MaxCells.
func checkSize(count int, countName, what string, dims ...int) error {
	if count > MaxReplications {
		return fmt.Errorf("%w: %s %d exceeds %d", ErrTooLarge, countName, count, MaxReplications)
	}
	p := uint64(1)
	for _, d := range dims {
		if d < 0 {
			d = 0
		}
		hi, lo := bits.Mul64(p, uint64(d))
		if hi != 0 || lo > MaxCells {
			return fmt.Errorf("%w: %s would hold %s numbers, more than %d", ErrTooLarge, what, product(dims), MaxCells)
		}
		p = lo
	}
	return nil
}

// product writes dims as "a × b × c".
func product(dims []int) string {
	s := ""
	for i, d := range dims {
		if i > 0 {
			s += " × "
		}
		s += fmt.Sprint(d)
	}
	return s
}

// histCells is the size of the rank histogram of n units: n × (2n−1).
func histCells(n int) []int { return []int{n, max(2*n-1, 0)} }
