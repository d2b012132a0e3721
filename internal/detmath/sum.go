package detmath

import "fmt"

// Sum returns the sum of x by Neumaier's improved Kahan–Babuška compensated
// summation, in index order. The result does not depend on the architecture.
//
// Reference: A. Neumaier (1974), Rundungsfehleranalyse einiger Verfahren zur
// Summation endlicher Summen, ZAMM 54, 39–51.
func Sum(x []float64) float64 {
	var s, c float64
	for _, v := range x {
		t := s + v
		if abs(s) >= abs(v) {
			c += (s - t) + v
		} else {
			c += (v - t) + s
		}
		s = t
	}
	return s + c
}

// Dot returns sum_i x[i]*y[i] with every product rounded before it is added,
// so that no fused multiply-add can change the result. Dot panics if
// len(x) != len(y).
func Dot(x, y []float64) float64 {
	if len(x) != len(y) {
		panic(fmt.Sprintf("detmath: len(x)=%d != len(y)=%d", len(x), len(y)))
	}
	var s float64
	for i, v := range x {
		s += float64(v * y[i])
	}
	return s
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
