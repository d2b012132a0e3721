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

// Weights returns the CRITIC weights of in.Data (see Analyze; the same
// computation without the correlation matrix, in O(n m) time).
func (CRITIC) Weights(in Input) ([]float64, error) {
	v, err := rowView(in.Data, 2, false)
	if err != nil {
		return nil, err
	}
	_, info := criticRows(v)
	return dataWeights(info, "CRITIC")
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
// The conflict sum is computed without forming the correlation matrix:
// with z_j the centred column j scaled to unit norm, r_jk = z_j . z_k, so
//
//	sum_k (1 - r_jk) = m' - z_j . t,   t_i = sum_k z_ik
//
// (m' = number of varying columns; a sum below 1e-12 m' is rounding
// noise of perfectly correlated columns and taken as 0), which takes
// O(n m) instead of O(n m^2) operations; the correlation matrix is computed only for the
// result. A constant column (every value equal to the first, exactly) has
// s_j = 0 exactly, weight 0, and is left out of the
// other columns' sums (its correlations are undefined), so adding a
// constant column changes no other weight. If only one column varies, it
// gets weight 1 (its conflict sum, 1 - r_jj, is 0, but the other columns
// carry no information). It returns a [*DataError] if x has fewer than 2
// rows, a NaN or infinite value, no varying column, or only varying
// columns that are perfectly correlated (every C_j = 0).
func (CRITIC) Analyze(x mat.Matrix) (CRITICResult, error) {
	v, err := rowView(x, 2, false)
	if err != nil {
		return CRITICResult{}, err
	}
	if err := checkSquare("correlation matrix", v.m); err != nil {
		return CRITICResult{}, err
	}
	sd, info := criticRows(v)
	c := make([]float64, v.n*v.m)
	for i := 0; i < v.n; i++ {
		for j, x := range v.row(i, 0, v.m) {
			c[j*v.n+i] = x
		}
	}
	_, z := standardize(c, v.n, v.m)
	corr := correlation(z, sd, v.n, v.m)
	res := CRITICResult{SD: sd, Correlation: mat.NewSymDense(v.m, corr), Information: info}
	res.Weights, err = dataWeights(info, "CRITIC")
	if err != nil {
		return CRITICResult{}, err
	}
	return res, nil
}

// criticRows returns the standard deviations and the CRITIC information
// C_j of the data, reading it row by row without copying:
//
//	z_ij = (x_ij - mean_j) / (s_j sqrt(n - 1))     (constant columns left out)
//	t_i  = sum_k z_ik                               (k ascending)
//	C_j  = s_j * (m' - sum_i z_ij t_i)              (i ascending)
func criticRows(v rows) (sd, info []float64) {
	n, m := v.n, v.m
	sd = make([]float64, m)
	mean := make([]float64, m)
	parallelFor(m, 2*n*m, func(lo, hi int) { v.columnStats(sd, mean, lo, hi) })
	norm := make([]float64, m)
	varying := 0
	for j, s := range sd {
		if s > 0 {
			varying++
			norm[j] = float64(s * math.Sqrt(float64(n-1)))
		}
	}
	t := make([]float64, n)
	parallelFor(n, n*m, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var s float64
			for j, x := range v.row(i, 0, m) {
				if sd[j] > 0 {
					s += (x - mean[j]) / norm[j]
				}
			}
			t[i] = s
		}
	})
	info = make([]float64, m)
	parallelFor(m, n*m, func(lo, hi int) {
		dot := info[lo:hi]
		mu, nm := mean[lo:hi], norm[lo:hi]
		for i := 0; i < n; i++ {
			ti := t[i]
			for c, x := range v.row(i, lo, hi) {
				if nm[c] > 0 {
					dot[c] = float64((x-mu[c])/nm[c]*ti) + dot[c]
				}
			}
		}
		for c := range dot {
			j := lo + c
			if sd[j] == 0 {
				dot[c] = 0
				continue
			}
			conflict := float64(varying) - dot[c]
			if conflict <= 1e-12*float64(varying) {
				conflict = 0 // perfectly correlated with every other column, up to rounding
			}
			dot[c] = float64(sd[j] * conflict)
		}
	})
	if varying == 1 {
		// Every C_j is 0 (the one varying column's conflict sum is
		// 1 - r_jj = 0), but the others carry no information at all.
		copy(info, sd)
	}
	return sd, info
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
	v, err := rowView(in.Data, 2, false)
	if err != nil {
		return nil, err
	}
	sd := make([]float64, v.m)
	v.columnStats(sd, make([]float64, v.m), 0, v.m)
	return dataWeights(sd, "SD")
}

// meanSD returns the sample standard deviation (n - 1) and the mean of x,
// by the two-pass algorithm. A constant x (every value equal to x[0]
// exactly) has sd = 0 and mean = x[0] exactly: its computed mean need not
// equal the value (0.1 repeated 3 times sums to 0.30000000000000004, whose
// third is 0.10000000000000002), which would leave a spurious sd of about
// 1e-17 and let the column count as varying.
func meanSD(x []float64) (sd, mean float64) {
	var s float64
	constant := true
	for _, v := range x {
		s += v
		constant = constant && v == x[0]
	}
	if constant {
		return 0, x[0]
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
// column-major data c and their Pearson correlation matrix (see
// correlation).
func correlate(c []float64, n, m int) (sd, corr []float64) {
	sd, z := standardize(c, n, m)
	return sd, correlation(z, sd, n, m)
}

// standardize returns the sample standard deviations (n - 1) of the
// columns of the n×m column-major c, and the columns centred and scaled
// to unit Euclidean norm (zero for a constant column).
func standardize(c []float64, n, m int) (sd, z []float64) {
	sd = make([]float64, m)
	z = make([]float64, n*m)
	parallelFor(m, 4*n*m, func(lo, hi int) {
		for j := lo; j < hi; j++ {
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
	})
	return sd, z
}

// correlation returns the Pearson correlation matrix (row-major m×m) of
// the unit-norm centred columns z: r_jk = sum_i z_ij z_ik, clipped to
// [-1, 1], 1 on the diagonal and NaN off the diagonal for constant
// columns. Sums run over i in ascending order with rounded products, so
// results do not depend on the platform.
func correlation(z, sd []float64, n, m int) []float64 {
	corr := make([]float64, m*m)
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
	return corr
}

// crossprod writes the symmetric m×m matrix dst_jk = sum_i z_ij z_ik of
// the n×m column-major z. Every entry is summed over i in ascending order
// with rounded products, exactly as a plain dot product would, so the
// result does not depend on the blocking below or on how the blocks are
// spread over goroutines: entries are computed in 2×4 register blocks
// (eight independent accumulators), and pairs of rows j are handed to up
// to GOMAXPROCS goroutines, each writing its own entries.
func crossprod(dst, z []float64, n, m int) {
	pairs := (m + 1) / 2
	parallelFor(pairs, n*m*m/2, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			j := 2 * p
			if j+1 < m {
				crossRows2(dst, z, n, m, j)
			} else {
				crossRow(dst, z, n, m, j, j)
			}
		}
	})
}

// crossRow fills row j (and column j) of dst from column k0 on.
func crossRow(dst, z []float64, n, m, j, k0 int) {
	zj := z[j*n : j*n+n]
	for k := k0; k < m; k++ {
		zk := z[k*n : k*n+n][:len(zj)]
		var s float64
		for i, v := range zj {
			s = float64(v*zk[i]) + s
		}
		dst[j*m+k] = s
		dst[k*m+j] = s
	}
}

// crossRows2 fills rows j and j+1 of dst (entries k >= j).
func crossRows2(dst, z []float64, n, m, j int) {
	za := z[j*n : j*n+n]
	zb := z[(j+1)*n : (j+1)*n+n][:len(za)]
	set := func(r, k int, s float64) { dst[r*m+k] = s; dst[k*m+r] = s }
	// k = j and k = j+1 with both rows.
	var aa, ab, bb float64
	for i, v := range za {
		w := zb[i]
		aa = float64(v*v) + aa
		ab = float64(v*w) + ab
		bb = float64(w*w) + bb
	}
	set(j, j, aa)
	set(j, j+1, ab)
	set(j+1, j+1, bb)
	k := j + 2
	for ; k+4 <= m; k += 4 {
		z0 := z[k*n : k*n+n][:len(za)]
		z1 := z[(k+1)*n : (k+1)*n+n][:len(za)]
		z2 := z[(k+2)*n : (k+2)*n+n][:len(za)]
		z3 := z[(k+3)*n : (k+3)*n+n][:len(za)]
		var a0, a1, a2, a3, b0, b1, b2, b3 float64
		for i, v := range za {
			w := zb[i]
			c0, c1, c2, c3 := z0[i], z1[i], z2[i], z3[i]
			a0 = float64(v*c0) + a0
			a1 = float64(v*c1) + a1
			a2 = float64(v*c2) + a2
			a3 = float64(v*c3) + a3
			b0 = float64(w*c0) + b0
			b1 = float64(w*c1) + b1
			b2 = float64(w*c2) + b2
			b3 = float64(w*c3) + b3
		}
		set(j, k, a0)
		set(j, k+1, a1)
		set(j, k+2, a2)
		set(j, k+3, a3)
		set(j+1, k, b0)
		set(j+1, k+1, b1)
		set(j+1, k+2, b2)
		set(j+1, k+3, b3)
	}
	for ; k < m; k++ {
		zk := z[k*n : k*n+n][:len(za)]
		var a, b float64
		for i, v := range za {
			a = float64(v*zk[i]) + a
			b = float64(zb[i]*zk[i]) + b
		}
		set(j, k, a)
		set(j+1, k, b)
	}
}
