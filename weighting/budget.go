package weighting

import "fmt"

// Budget is budget allocation: experts distribute points among the
// children; the weights are the (trimmed) means of their allocations.
type Budget struct {
	// Allocations has one row per expert and one column per child.
	Allocations [][]float64
	// Trim is the share of experts trimmed from each end per child.
	Trim float64
}

// DataDriven returns false.
func (Budget) DataDriven() bool { return false }

func (b Budget) check(n int) error {
	if len(b.Allocations) == 0 {
		return fmt.Errorf("%w: budget: no allocations", ErrInvalidSpec)
	}
	for e, row := range b.Allocations {
		if len(row) != n {
			return fmt.Errorf("%w: budget: expert %d allocates to %d children, want %d", ErrInvalidSpec, e, len(row), n)
		}
	}
	if !(b.Trim >= 0 && b.Trim < 0.5) {
		return fmt.Errorf("%w: budget: trim %v outside [0, 0.5)", ErrInvalidSpec, b.Trim)
	}
	return nil
}

// Weights returns the trimmed-mean weights.
func (b Budget) Weights(in Input) ([]float64, error) {
	return nil, fmt.Errorf("%w: budget: not implemented yet", ErrInvalidSpec)
}
