package weighting

import (
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// parallelMin is the amount of work (roughly, multiply-adds) below which
// parallelFor runs on the calling goroutine.
const parallelMin = 1 << 18

// parallelFor calls f on consecutive ranges covering [0, n), on up to
// GOMAXPROCS goroutines when work >= parallelMin. Callers make every index
// independent of the others, so results do not depend on the split.
func parallelFor(n, work int, f func(lo, hi int)) {
	p := runtime.GOMAXPROCS(0)
	if work < parallelMin || p < 2 || n < 2 {
		f(0, n)
		return
	}
	p = min(p, n)
	// Interleaved small chunks balance triangular work.
	chunk := max(1, n/(4*p))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for g := 0; g < p; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= n {
					return
				}
				f(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// checkMatrix panics if x is nil (or a nil *mat.Dense): a programmer
// error, documented in the package overview.
func checkMatrix(x mat.Matrix) {
	if d, ok := x.(*mat.Dense); x == nil || ok && d == nil {
		panic("weighting: nil data matrix")
	}
}

// colMajor copies x into column-major storage (c[j*r+i] = x_ij), checking
// that every value is finite, that there are at least minRows rows and,
// when nonneg is set, that no value is negative. Dense matrices are read
// through their raw storage.
func colMajor(x mat.Matrix, minRows int, nonneg bool) (c []float64, r, m int, err error) {
	checkMatrix(x)
	r, m = x.Dims()
	if r < minRows {
		return nil, r, m, dataErr(-1, -1, 0, "too few units")
	}
	if m == 0 {
		return nil, r, m, dataErr(-1, -1, 0, "no indicators")
	}
	c = make([]float64, r*m)
	if d, ok := x.(*mat.Dense); ok {
		raw := d.RawMatrix()
		for i := 0; i < r; i++ {
			row := raw.Data[i*raw.Stride : i*raw.Stride+m]
			for j, v := range row {
				c[j*r+i] = v
			}
		}
	} else {
		for i := 0; i < r; i++ {
			for j := 0; j < m; j++ {
				c[j*r+i] = x.At(i, j)
			}
		}
	}
	for j := 0; j < m; j++ {
		for i, v := range c[j*r : j*r+r] {
			if !finite(v) {
				return nil, r, m, dataErr(i, j, v, "not a finite number")
			}
			if nonneg && v < 0 {
				return nil, r, m, dataErr(i, j, v, "negative value")
			}
		}
	}
	return c, r, m, nil
}

// rows is a read-only row-major view of a data matrix: x_ij =
// data[i*stride+j].
type rows struct {
	data   []float64
	stride int
	n, m   int
}

// rowView returns a row-major view of x (the raw storage of a *mat.Dense,
// else a copy), after checking, row by row, that every value is finite
// (and non-negative when nonneg is set) and that there are at least
// minRows rows and one column; the first bad cell is named in the error.
func rowView(x mat.Matrix, minRows int, nonneg bool) (rows, error) {
	checkMatrix(x)
	n, m := x.Dims()
	if n < minRows {
		return rows{}, dataErr(-1, -1, 0, "too few units")
	}
	if m == 0 {
		return rows{}, dataErr(-1, -1, 0, "no indicators")
	}
	d, ok := x.(*mat.Dense)
	if !ok {
		d = mat.DenseCopyOf(x)
	}
	raw := d.RawMatrix()
	v := rows{data: raw.Data, stride: raw.Stride, n: n, m: m}
	for i := 0; i < n; i++ {
		for j, x := range v.row(i, 0, m) {
			if !finite(x) {
				return rows{}, dataErr(i, j, x, "not a finite number")
			}
			if nonneg && x < 0 {
				return rows{}, dataErr(i, j, x, "negative value")
			}
		}
	}
	return v, nil
}

// row returns columns [lo, hi) of row i.
func (v rows) row(i, lo, hi int) []float64 {
	return v.data[i*v.stride+lo : i*v.stride+hi]
}

// columnStats returns, for columns [lo, hi), the sample standard
// deviations (n - 1) and means, each summed over the rows in ascending
// order (the same sums as meanSD on the column). A column whose values
// all equal its first exactly has mean = that value and sd = 0 exactly
// (see meanSD).
func (v rows) columnStats(sd, mean []float64, lo, hi int) {
	s := mean[lo:hi]
	for k := range s {
		s[k] = 0
	}
	first := v.row(0, lo, hi)
	constant := make([]bool, hi-lo)
	for k := range constant {
		constant[k] = true
	}
	for i := 0; i < v.n; i++ {
		for k, x := range v.row(i, lo, hi) {
			s[k] += x
			constant[k] = constant[k] && x == first[k]
		}
	}
	for k := range s {
		s[k] /= float64(v.n)
		if constant[k] {
			s[k] = first[k]
		}
	}
	ss := sd[lo:hi]
	for k := range ss {
		ss[k] = 0
	}
	for i := 0; i < v.n; i++ {
		for k, x := range v.row(i, lo, hi) {
			d := x - s[k]
			ss[k] = float64(d*d) + ss[k]
		}
	}
	for k := range ss {
		ss[k] = math.Sqrt(ss[k] / float64(v.n-1))
	}
}

// dataWeights normalises non-negative scores d into weights, or returns an
// error if they are all zero (no column carries information).
func dataWeights(d []float64, what string) ([]float64, error) {
	var s float64
	for _, v := range d {
		s += v
	}
	if !(s > 0) {
		return nil, dataErr(-1, -1, 0, "no indicator carries information (none varies, or all are perfectly correlated), so "+what+" weights are undefined")
	}
	w := make([]float64, len(d))
	for j, v := range d {
		w[j] = v / s
	}
	return w, nil
}
