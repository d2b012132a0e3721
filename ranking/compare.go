package ranking

import (
	"fmt"
	"math"
)

// Shift returns the rank shift of every unit between two rankings of the
// same units:
//
//	shift_i = to_i - from_i
//
// With rank 1 the best, a positive shift is a unit that lost places. Shift
// panics if len(from) != len(to).
func Shift(from, to []float64) []float64 {
	checkPair(from, to)
	d := make([]float64, len(from))
	for i := range from {
		d[i] = to[i] - from[i]
	}
	return d
}

// MeanAbsShift returns the mean absolute rank shift between two rankings
// of the same n units (the JRC's and COINr's summary of rank instability):
//
//	(1/n) sum_i |to_i - from_i|
//
// It is 0 for empty input and panics if len(from) != len(to).
func MeanAbsShift(from, to []float64) float64 {
	checkPair(from, to)
	if len(from) == 0 {
		return 0
	}
	var s float64
	for i := range from {
		s += math.Abs(to[i] - from[i])
	}
	return s / float64(len(from))
}

// TopKOverlap returns the overlap of the top-k sets of two rankings of the
// same units, A = {i : a_i <= k} and B = {i : b_i <= k}:
//
//	|A ∩ B| / max(|A|, |B|)
//
// which is 1 when the sets agree and 0 when they are disjoint (ties can make
// a set larger than k; an empty pair of sets gives 1). It panics if
// len(a) != len(b) or k < 1.
func TopKOverlap(a, b []float64, k int) float64 {
	checkPair(a, b)
	if k < 1 {
		panic(fmt.Sprintf("ranking: top-k overlap with k=%d", k))
	}
	kf := float64(k)
	var na, nb, both int
	for i := range a {
		ia, ib := a[i] <= kf, b[i] <= kf
		if ia {
			na++
		}
		if ib {
			nb++
		}
		if ia && ib {
			both++
		}
	}
	if max(na, nb) == 0 {
		return 1
	}
	return float64(both) / float64(max(na, nb))
}

// identity returns 0, 1, ..., n-1.
func identity(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}
