package indicator

import (
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// aggregate writes the aggregate of the children ch of a group into dst.
// scores holds every node's scores; w are the children's local weights
// (summing to 1; children with weight 0 are left out); bodW, for bod,
// holds per-unit weights (unit-major, len(dst)*len(ch)). tmp is scratch of
// len(ch). Missing children are left out and the rest re-weighted if at
// least minShare of the children (with w > 0) are available; otherwise the
// result is NaN.
//
// Every sum runs over the children in order, each product rounded before
// it is added, so that the result is the same bits on every architecture
// and for every caller. A domain error names the unit and the child's
// position in ch.
func aggregate(a Aggregation, scores [][]float64, ch []int, w, bodW []float64, minShare float64, dst, tmp []float64) *aggError {
	if a.Method == Arithmetic {
		// Fast path: accumulate child by child; units with a missing child
		// are redone one by one below, in the same order of operations.
		clear(dst)
		for j, c := range ch {
			wj := w[j]
			if wj == 0 {
				continue
			}
			y := scores[c][:len(dst)]
			for u, v := range y {
				dst[u] = float64(wj*v) + dst[u]
			}
		}
		for u, v := range dst {
			if v != v {
				dst[u], _ = aggregateUnit(a, scores, ch, w, nil, minShare, u, tmp)
			}
		}
		return nil
	}
	k := len(ch)
	for u := range dst {
		var bw []float64
		if bodW != nil {
			bw = bodW[u*k : (u+1)*k]
		}
		v, err := aggregateUnit(a, scores, ch, w, bw, minShare, u, tmp)
		if err != nil {
			return err
		}
		dst[u] = v
	}
	return nil
}

// aggError is a domain error of aggregation: unit u, child position j.
type aggError struct {
	u, j int
	v    float64
}

// aggregateUnit aggregates the children of one unit u (see aggregate).
// For bod, bw holds the unit's weights, already scaled to the 0..100
// scale of the result.
func aggregateUnit(a Aggregation, scores [][]float64, ch []int, w, bw []float64, minShare float64, u int, tmp []float64) (float64, *aggError) {
	var s, ws float64
	avail, total := 0, 0
	tmp = tmp[:0]
	off, p := a.Offset, a.P
	method := a.Method
	if method == Power && p == 0 {
		method = Geometric
	}
	if method == Minimum {
		s = math.Inf(1)
	}
	for j, c := range ch {
		wj := w[j]
		if wj == 0 {
			continue
		}
		if bw != nil {
			wj = bw[j]
		}
		total++
		y := scores[c][u]
		if y != y {
			continue
		}
		avail++
		ws += wj
		v := y + off
		switch method {
		case Arithmetic:
			s = float64(wj*y) + s
		case BoD:
			s = float64(wj*y) + s
		case Geometric:
			if !(v > 0) {
				return 0, &aggError{u: u, j: j, v: y}
			}
			s = float64(wj*detmath.Log(v)) + s
		case Harmonic:
			if !(v > 0) {
				return 0, &aggError{u: u, j: j, v: y}
			}
			s += wj / v
		case Power:
			if v < 0 || (p < 0 && v == 0) {
				return 0, &aggError{u: u, j: j, v: y}
			}
			s = float64(wj*detmath.Pow(v, p)) + s
		case Minimum:
			s = min(s, y)
		case Median:
			tmp = append(tmp, y)
		}
	}
	if avail == 0 || float64(avail) < float64(minShare*float64(total)) {
		return math.NaN(), nil
	}
	if avail < total && method != BoD {
		switch method {
		case Arithmetic, Geometric, Harmonic, Power:
			s /= ws
		}
	}
	switch method {
	case Geometric:
		return detmath.Exp(s) - off, nil
	case Harmonic:
		return 1/s - off, nil
	case Power:
		return detmath.Pow(s, 1/p) - off, nil
	case Median:
		insertionSort(tmp)
		return median(tmp), nil
	}
	return s, nil
}

// insertionSort sorts a short slice in place.
func insertionSort(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}
