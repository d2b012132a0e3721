package weighting

import "fmt"

// Equal gives every child the same weight, 1/n.
type Equal struct{}

// Weights returns n copies of 1/n for the n = len(in.IDs) children. It
// returns an error if there are no children.
func (Equal) Weights(in Input) ([]float64, error) {
	n := len(in.IDs)
	if n == 0 {
		return nil, fmt.Errorf("%w: no children to weight", ErrInvalidWeights)
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(n)
	}
	return w, nil
}

// DataDriven returns false.
func (Equal) DataDriven() bool { return false }

// Fixed uses weights fixed in advance: W when it is not nil, else the
// weights declared on the children in the model (Input.Declared). The
// weights are relative: they are divided by their sum (see [Normalize]), so
// 3:2 and 0.6:0.4 are the same scheme.
type Fixed struct {
	// W are the children's weights in order; nil means the declared ones.
	W []float64
}

// Weights returns the normalised fixed weights. It returns an error if their
// number differs from the number of children, or as [Normalize] does.
func (f Fixed) Weights(in Input) ([]float64, error) {
	w := f.W
	if w == nil {
		w = in.Declared
	}
	if len(w) != len(in.IDs) {
		return nil, fmt.Errorf("%w: %d weights for %d children", ErrInvalidWeights, len(w), len(in.IDs))
	}
	return Normalize(w)
}

// DataDriven returns false.
func (Fixed) DataDriven() bool { return false }
