package survey

import (
	"fmt"
	"math"
)

// KishResult is Kish's design effect due to unequal weighting.
type KishResult struct {
	// N is the number of weights.
	N int
	// SumW and SumW2 are sum_i w_i and sum_i w_i^2.
	SumW, SumW2 float64
	// Deff is n sum_i w_i^2 / (sum_i w_i)^2 = 1 + CV^2.
	Deff float64
	// NEff is the effective sample size (sum_i w_i)^2 / sum_i w_i^2 = n/Deff.
	NEff float64
	// CV is the coefficient of variation of the weights with the
	// population standard deviation (divisor n).
	CV float64
	// Negative is the number of negative weights (linear calibration can
	// give them); the formulas hold as written, but NEff then no longer
	// reads as a number of respondents.
	Negative int
}

// Kish returns Kish's (1965) design effect of the weights w [1]:
//
//	deff  = n sum_i w_i^2 / (sum_i w_i)^2 = 1 + CV^2
//	n_eff = (sum_i w_i)^2 / sum_i w_i^2
//	CV    = sqrt(sum_i (w_i - wbar)^2 / n) / wbar
//
// Note the divisor n in CV: with n - 1 (R's sd()) 1 + CV^2 is not deff.
// Negative weights, as linear (GREG) calibration may give, are accepted
// as R's arithmetic accepts them, and counted in Negative.
// It returns an error wrapping ErrInvalidInput if w is empty or has a
// NaN or infinite weight, and ErrEmptyCell if the weights sum to zero or
// less. w is not modified.
func Kish(w []float64) (KishResult, error) {
	if len(w) == 0 {
		return KishResult{}, fmt.Errorf("%w: no weights", ErrInvalidInput)
	}
	if err := checkFinite(w); err != nil {
		return KishResult{}, err
	}
	var s, s2 float64
	neg := 0
	for _, v := range w {
		s += v
		s2 += float64(v * v)
		if v < 0 {
			neg++
		}
	}
	if !(s > 0) {
		return KishResult{}, fmt.Errorf("%w: weights sum to %v", ErrEmptyCell, s)
	}
	n := float64(len(w))
	mean := s / n
	var ss float64
	for _, v := range w {
		e := v - mean
		ss += float64(e * e)
	}
	return KishResult{
		N: len(w), SumW: s, SumW2: s2,
		Deff: n * s2 / (s * s), NEff: s * s / s2,
		CV: math.Sqrt(ss/n) / mean, Negative: neg,
	}, nil
}

// checkWeights returns a *RowError wrapping ErrInvalidInput for the first
// negative, NaN or infinite weight.
func checkWeights(w []float64) error {
	for i, v := range w {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return &RowError{Row: i, Err: fmt.Errorf("%w: weight %v", ErrInvalidInput, v)}
		}
	}
	return nil
}

// checkFinite returns a *RowError wrapping ErrInvalidInput for the first
// NaN or infinite weight.
func checkFinite(w []float64) error {
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &RowError{Row: i, Err: fmt.Errorf("%w: weight %v", ErrInvalidInput, v)}
		}
	}
	return nil
}

// checkResultWeights returns a *RowError wrapping ErrOverflow for the
// first infinite or NaN weight of a result, or an error wrapping it when
// the weights' sum overflows: no weight that leaves the package is
// non-finite.
func checkResultWeights(w []float64) error {
	sum := 0.0
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &RowError{Row: i, Err: fmt.Errorf("%w: weight %v", ErrOverflow, v)}
		}
		sum += v
	}
	if math.IsInf(sum, 0) {
		return fmt.Errorf("%w: the %d weights sum to %v (population counts or totals too large)", ErrOverflow, len(w), sum)
	}
	return nil
}
