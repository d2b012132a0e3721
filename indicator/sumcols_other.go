//go:build !amd64

package indicator

// sumColumns adds w[j] y[j][u], j < k <= 4, in order to dst[u], or to +0
// when started is false, rounding each product (see sumColumnsGo).
func sumColumns(dst []float64, started bool, k int, w *[4]float64, y *[4][]float64) {
	sumColumnsGo(dst, started, k, w, y)
}

// sumColumns8 is sumColumns of eight columns.
func sumColumns8(dst []float64, started bool, w *[8]float64, y *[8][]float64) {
	sumColumns8Go(dst, started, w, y)
}
