package weighting

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// ErrInvalidWeights is wrapped by every error about weights that cannot be
// used: negative, NaN or infinite values, or weights that sum to zero.
var ErrInvalidWeights = errors.New("weighting: invalid weights")

// Input is what a [Scheme] knows about the group whose children it weights.
type Input struct {
	// IDs are the ids of the group's children, in order.
	IDs []string
	// Declared are the weights declared on the children in the model, in
	// the order of IDs; nil when none were declared.
	Declared []float64
	// Data holds the children's normalised scores, one row per unit and one
	// column per child, for data-driven schemes; nil otherwise.
	Data mat.Matrix
}

// Scheme assigns weights to the children of one group of an indicator tree.
//
// Weights returns one non-negative weight per child that sums to 1. It must
// not modify in, and must be safe for concurrent use.
type Scheme interface {
	Weights(in Input) ([]float64, error)
	// DataDriven reports whether Weights needs in.Data.
	DataDriven() bool
}

// Normalize returns w / sum(w). It returns an error wrapping
// ErrInvalidWeights, naming the offending index and value, if any weight is
// negative, NaN or infinite, or if they sum to zero. w is not modified.
func Normalize(w []float64) ([]float64, error) {
	var s float64
	for i, v := range w {
		if v < 0 || v != v || v-v != 0 {
			return nil, fmt.Errorf("%w: weight %d is %v", ErrInvalidWeights, i, v)
		}
		s += v
	}
	if !(s > 0) {
		return nil, fmt.Errorf("%w: weights sum to %v", ErrInvalidWeights, s)
	}
	out := make([]float64, len(w))
	for i, v := range w {
		out[i] = v / s
	}
	return out, nil
}
