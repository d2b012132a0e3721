//go:build !amd64

package detmath

// expTo is ExpTo: expToGo.
func expTo(dst, x []float64) { expToGo(dst, x) }

// logTo is LogTo: logToGo.
func logTo(dst, x []float64) { logToGo(dst, x) }
