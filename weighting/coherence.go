package weighting

import "gonum.org/v1/gonum/mat"

// AlphaResult is the outcome of [CronbachAlpha].
type AlphaResult struct {
	// Raw is Cronbach's alpha from covariances.
	Raw float64
	// Std is the standardised alpha from the mean correlation.
	Std float64
	// AverageR is the mean off-diagonal Pearson correlation r̄.
	AverageR float64
}

// CronbachAlpha returns Cronbach's alpha of the columns of x (rows =
// units, columns = the k indicators of one group, oriented so that higher
// is better), as psych::alpha reports it:
//
//	Raw = k/(k-1) * (1 - sum_j var_j / var(sum_j x_j))      (variances with n - 1)
//	Std = k * r̄ / (1 + (k-1) * r̄)
//
// Raw alpha of z-scores equals Std. It returns a [*DataError] if x has
// fewer than 2 rows or columns, a NaN or infinite value, or a constant
// column.
func CronbachAlpha(x mat.Matrix) (AlphaResult, error) {
	c, n, k, err := colMajor(x, 2, false)
	if err != nil {
		return AlphaResult{}, err
	}
	if k < 2 {
		return AlphaResult{}, dataErr(-1, -1, 0, "alpha needs at least 2 indicators")
	}
	sd, corr := correlate(c, n, k)
	var sumVar float64
	for j, s := range sd {
		if s == 0 {
			return AlphaResult{}, dataErr(-1, j, 0, "constant indicator")
		}
		sumVar = float64(s*s) + sumVar
	}
	total := make([]float64, n)
	for j := 0; j < k; j++ {
		for i, v := range c[j*n : j*n+n] {
			total[i] += v
		}
	}
	st, _ := meanSD(total)
	var r float64
	for j := 0; j < k; j++ {
		for l := 0; l < k; l++ {
			if l != j {
				r += corr[j*k+l]
			}
		}
	}
	r /= float64(k * (k - 1))
	fk := float64(k)
	return AlphaResult{
		Raw:      fk / (fk - 1) * (1 - sumVar/float64(st*st)),
		Std:      float64(fk*r) / (1 + float64((fk-1)*r)),
		AverageR: r,
	}, nil
}
