//go:build !amd64

package detmath

// expTo is ExpTo: expToGo.
func expTo(dst, x []float64) { expToGo(dst, x) }
