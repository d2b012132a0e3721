package weighting

import (
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// Entropy is the Shannon entropy weighting scheme (Zeleny 1982; Hwang &
// Yoon 1981; see [Entropy.Analyze] for the formula). It is data-driven.
type Entropy struct{}

// EntropyResult is the outcome of [Entropy.Analyze], one value per
// indicator.
type EntropyResult struct {
	Weights    []float64
	Entropy    []float64 // e_j in [0, 1]
	Divergence []float64 // d_j = 1 - e_j
}

// DataDriven returns true.
func (Entropy) DataDriven() bool { return true }

// Weights returns the entropy weights of in.Data (see Analyze).
func (e Entropy) Weights(in Input) ([]float64, error) {
	r, err := e.Analyze(in.Data)
	return r.Weights, err
}

// Analyze computes entropy weights of x (rows = units, columns =
// indicators, values >= 0):
//
//	p_ij = x_ij * (1 / sum_i x_ij)
//	e_j  = -(1/ln n) * sum_i p_ij * ln p_ij      (n = number of units)
//	d_j  = 1 - e_j
//	w_j  = d_j / sum_k d_k
//
// Zeros: 0 * ln 0 = 0 (the limit), term by term. A column with one zero
// therefore has slightly lower entropy and a slightly higher weight than
// without it, never the maximum weight by accident (pymcdm's entropy
// weights turn the NaN of 0*ln 0 into a zero entropy for the whole column
// and give such a column the largest weight; that defect is avoided
// here). A column that is all zero, like a constant column, carries no
// information: e_j = 1 exactly (constant columns are detected, not left
// to rounding), d_j = 0, weight 0. d_j is clipped at 0 against rounding.
//
// Cost (lower-is-better) indicators: Analyze takes the values as given.
// As a scheme in the indicator tree it receives the normalised scores, on
// which polarity has already been applied (higher = better), so cost
// indicators need no special treatment. Called directly on raw data, the
// caller decides: reverse (e.g. max - x) or min-max normalise with
// direction first; the entropy of the raw column is the same for a
// benefit and a cost indicator (the reference vectors c06 and c07 show
// both conventions).
//
// It returns a [*DataError] (wrapping [ErrInvalidData]) if x has fewer
// than 2 rows, a negative, NaN or infinite value, or no column with
// positive divergence. The sums use the portable detmath.Log and
// explicitly rounded products, so weights are identical on every
// architecture.
func (Entropy) Analyze(x mat.Matrix) (EntropyResult, error) {
	v, err := rowView(x, 2, true)
	if err != nil {
		return EntropyResult{}, err
	}
	n, m := v.n, v.m
	res := EntropyResult{Entropy: make([]float64, m), Divergence: make([]float64, m)}
	k := 1 / detmath.Log(float64(n))
	// Columns are independent; blocks of columns go to goroutines, and
	// within a block the rows are read in order (each column's sums run
	// over i ascending).
	parallelFor(m, n*m*16, func(lo, hi int) {
		w := hi - lo
		s := make([]float64, 2*w)
		inv, h := s[:w], s[w:]
		constant := make([]bool, w)
		for c := range constant {
			constant[c] = true
		}
		first := v.row(0, lo, hi)
		for i := 0; i < n; i++ {
			for c, x := range v.row(i, lo, hi) {
				inv[c] += x
				constant[c] = constant[c] && x == first[c]
			}
		}
		for c := range inv {
			inv[c] = 1 / inv[c]
		}
		for i := 0; i < n; i++ {
			for c, x := range v.row(i, lo, hi) {
				if x > 0 {
					p := x * inv[c]
					h[c] = float64(p*detmath.Log(p)) + h[c]
				}
			}
		}
		for c := range h {
			e := 1.0 // uniform p (or an all-zero column): no information
			if !constant[c] {
				e = -float64(h[c] * k)
			}
			res.Entropy[lo+c] = e
			res.Divergence[lo+c] = math.Max(1-e, 0)
		}
	})
	res.Weights, err = dataWeights(res.Divergence, "entropy")
	if err != nil {
		return EntropyResult{}, err
	}
	return res, nil
}
