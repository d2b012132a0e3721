package indicator

// The kernels of weightedSum on amd64, in assembly (sumcols_amd64.s):
// sumColsK adds w[j] y[j][u], j < K, in order to dst[u] (to +0 when
// started is false), each product rounded, as sumColumnsGo does, two
// units per packed SSE2 instruction. Every y[j] must hold at least
// len(dst) values (the callers below check).

//go:noescape
func sumCols8(dst []float64, started bool, w *[8]float64, y *[8][]float64)

//go:noescape
func sumCols4(dst []float64, started bool, w *[4]float64, y *[4][]float64)

//go:noescape
func sumCols2(dst []float64, started bool, w *[2]float64, y *[2][]float64)

//go:noescape
func sumCols1(dst []float64, started bool, w *[1]float64, y *[1][]float64)

// sumColumns adds w[j] y[j][u], j < k <= 4, in order to dst[u], or to +0
// when started is false, rounding each product: the bits of sumColumnsGo
// (TestSumColumnsSameBits). Three columns are two passes, the first two
// and the third, which adds the same products in the same order.
func sumColumns(dst []float64, started bool, k int, w *[4]float64, y *[4][]float64) {
	n := len(dst)
	for _, c := range y[:k] {
		_ = c[:n] // every column long enough, or the panic of the Go code
	}
	switch k {
	case 1:
		sumCols1(dst, started, (*[1]float64)(w[:1]), (*[1][]float64)(y[:1]))
	case 2:
		sumCols2(dst, started, (*[2]float64)(w[:2]), (*[2][]float64)(y[:2]))
	case 3:
		sumCols2(dst, started, (*[2]float64)(w[:2]), (*[2][]float64)(y[:2]))
		sumCols1(dst, true, (*[1]float64)(w[2:3]), (*[1][]float64)(y[2:3]))
	case 4:
		sumCols4(dst, started, w, y)
	}
}

// sumColumns8 is sumColumns of eight columns.
func sumColumns8(dst []float64, started bool, w *[8]float64, y *[8][]float64) {
	n := len(dst)
	for _, c := range y {
		_ = c[:n]
	}
	sumCols8(dst, started, w, y)
}
