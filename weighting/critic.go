package weighting

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// CRITIC is the CRITIC weighting scheme, CRiteria Importance Through
// Intercriteria Correlation (Diakoulaki, Mavrotas & Papayannakos 1995). It
// is data-driven.
type CRITIC struct{}

// CRITICResult is the outcome of [CRITIC.Analyze].
type CRITICResult struct {
	Weights []float64
	// SD are the columns' standard deviations (divisor n - 1).
	SD []float64
	// Correlation is the Pearson correlation matrix (m × m); rows and
	// columns of constant indicators are NaN except the diagonal 1.
	Correlation *mat.SymDense
	// Information C_j = SD_j * sum_k (1 - r_jk).
	Information []float64
}

// DataDriven returns true.
func (CRITIC) DataDriven() bool { return true }

// Weights returns the CRITIC weights of in.Data (see Analyze).
func (c CRITIC) Weights(in Input) ([]float64, error) {
	r, err := c.Analyze(in.Data)
	return r.Weights, err
}

// Analyze computes CRITIC weights of x (rows = units, columns =
// indicators), normally min-max normalised data with direction applied
// (higher = better; reversing a column flips its correlations, so
// direction matters; scale does not):
//
//	s_j  = sqrt( sum_i (x_ij - mean_j)^2 / (n - 1) )
//	r_jk = Pearson correlation of columns j and k
//	C_j  = s_j * sum_k (1 - r_jk)
//	w_j  = C_j / sum_k C_k
//
// A constant column has s_j = 0, weight 0, and is left out of the other
// columns' sums (its correlations are undefined), so adding a constant
// column changes no other weight. It returns a [*DataError] if x has fewer
// than 2 rows, a NaN or infinite value, or no varying column.
func (CRITIC) Analyze(x mat.Matrix) (CRITICResult, error) {
	c, n, m, err := colMajor(x, 2, false)
	if err != nil {
		return CRITICResult{}, err
	}
	sd, corr := correlate(c, n, m)
	res := CRITICResult{SD: sd, Correlation: mat.NewSymDense(m, corr), Information: make([]float64, m)}
	for j := 0; j < m; j++ {
		if sd[j] == 0 {
			continue
		}
		var s float64
		for k := 0; k < m; k++ {
			if sd[k] > 0 {
				s += 1 - corr[j*m+k]
			}
		}
		res.Information[j] = float64(sd[j] * s)
	}
	res.Weights, err = dataWeights(res.Information, "CRITIC")
	if err != nil {
		return CRITICResult{}, err
	}
	return res, nil
}

// SD weights indicators by their standard deviation (divisor n - 1):
// w_j = s_j / sum_k s_k. It is data-driven; a constant column gets weight
// 0.
type SD struct{}

// DataDriven returns true.
func (SD) DataDriven() bool { return true }

// Weights returns the standard-deviation weights of in.Data. It returns a
// [*DataError] if the data have fewer than 2 rows, a NaN or infinite value,
// or no varying column.
func (SD) Weights(in Input) ([]float64, error) {
	c, n, m, err := colMajor(in.Data, 2, false)
	if err != nil {
		return nil, err
	}
	sd := make([]float64, m)
	for j := range sd {
		sd[j], _ = meanSD(c[j*n : j*n+n])
	}
	return dataWeights(sd, "SD")
}

// meanSD returns the sample standard deviation (n - 1) and the mean of x,
// by the two-pass algorithm.
func meanSD(x []float64) (sd, mean float64) {
	var s float64
	for _, v := range x {
		s += v
	}
	mean = s / float64(len(x))
	var ss float64
	for _, v := range x {
		d := v - mean
		ss = float64(d*d) + ss
	}
	return math.Sqrt(ss / float64(len(x)-1)), mean
}

// correlate returns the sample standard deviations (n - 1) of the n×m
// column-major data c and their Pearson correlation matrix (row-major
// m×m, NaN off the diagonal for constant columns). Each correlation is
// sum_i z_ij z_ik with z the centred columns scaled to unit norm, summed
// in row order with rounded products, so results do not depend on the
// platform.
func correlate(c []float64, n, m int) (sd, corr []float64) {
	sd = make([]float64, m)
	z := make([]float64, n*m)
	for j := 0; j < m; j++ {
		col := c[j*n : j*n+n]
		s, mean := meanSD(col)
		sd[j] = s
		if s == 0 {
			continue
		}
		norm := float64(s * math.Sqrt(float64(n-1)))
		zc := z[j*n : j*n+n]
		for i, v := range col {
			zc[i] = (v - mean) / norm
		}
	}
	corr = make([]float64, m*m)
	crossprod(corr, z, n, m)
	for j := 0; j < m; j++ {
		for k := 0; k < m; k++ {
			switch {
			case j == k:
				corr[j*m+k] = 1
			case sd[j] == 0 || sd[k] == 0:
				corr[j*m+k] = math.NaN()
			default:
				corr[j*m+k] = max(-1, min(1, corr[j*m+k]))
			}
		}
	}
	return sd, corr
}

// crossprod writes the symmetric m×m matrix dst_jk = sum_i z_ij z_ik of
// the n×m column-major z (rounded products, i ascending).
func crossprod(dst, z []float64, n, m int) {
	for j := 0; j < m; j++ {
		zj := z[j*n : j*n+n]
		for k := j; k < m; k++ {
			zk := z[k*n : k*n+n]
			var s float64
			for i, v := range zj {
				s = float64(v*zk[i]) + s
			}
			dst[j*m+k] = s
			dst[k*m+j] = s
		}
	}
}
