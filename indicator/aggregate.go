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
// position in ch. finite reports that dst is known to hold finite values
// only: the arithmetic mean's pass that looks for missing units tells it
// at no cost; other aggregations report false (not known). known says
// that the caller has proved every weighted sum of the arithmetic mean
// finite (see sumBound), so that its pass is not needed.
func aggregate(a Aggregation, scores [][]float64, ch []int, w, bodW []float64, minShare float64, dst, tmp []float64, tc [][]float64, known bool) (finite bool, err *aggError) {
	positive := false
	for _, wj := range w {
		positive = positive || wj != 0
	}
	if a.Method == Arithmetic && positive {
		// Fast path: accumulate child by child (up to four per pass over
		// dst, see weightedSum); units with a missing child are redone one
		// by one below, in the same order of operations.
		var ws weightedSum
		ws.dst = dst
		for j, c := range ch {
			if w[j] != 0 {
				ws.add(w[j], scores[c])
			}
		}
		ws.finish()
		if known || allFinite(dst) { // the usual case, in one tight pass
			return true, nil
		}
		// An arithmetic mean has no domain: no error.
		_ = redoMissing(a, scores, ch, w, minShare, dst, tmp)
		return false, nil
	}
	method := a.Method
	if method == Power && a.P == 0 {
		method = Geometric
	}
	if method == Copeland {
		copeland(scores, ch, w, dst)
		return false, nil
	}
	if positive && (method == Geometric || method == Harmonic || method == Power) {
		return false, aggregateMean(a, method, scores, ch, w, minShare, dst, tmp, tc)
	}
	k := len(ch)
	for u := range dst {
		var bw []float64
		if bodW != nil {
			bw = bodW[u*k : (u+1)*k]
		}
		v, err := aggregateUnit(a, scores, ch, w, bw, minShare, u, tmp)
		if err != nil {
			return false, err
		}
		dst[u] = v
	}
	return false, nil
}

// aggregateMean is the fast path of aggregate for the geometric, harmonic
// and power means (method, with power p = 0 as geometric) when some weight
// is positive: child by child, it accumulates sum_j w_j t(y_j), t the
// mean's term (taken from tc where the group caches it, see meanTerms),
// then finishes each unit. Units with a missing child or a value outside
// the domain get NaN and are redone one by one, in the same order of
// operations, which also reports the error.
func aggregateMean(a Aggregation, method AggregationMethod, scores [][]float64, ch []int, w []float64, minShare float64, dst, tmp []float64, tc [][]float64) *aggError {
	var ws weightedSum
	ws.dst = dst
	for j, c := range ch {
		wj := w[j]
		if wj == 0 {
			continue
		}
		if j < len(tc) && tc[j] != nil {
			ws.add(wj, tc[j])
			continue
		}
		ws.flush()
		accumulateTerms(method, a, wj, scores[c], dst)
	}
	ws.finish()
	// Each pass below finishes the units whose sum is a number (no unit
	// becomes NaN: exp, s - off and finish give no NaN from a number),
	// leaves NaN where the sum is NaN (a missing child or a value outside
	// the domain) and says whether it met one; those units are then
	// redone one by one.
	missing := false
	if method == Geometric {
		// exp of every sum at once (see detmath.ExpTo); a NaN sum stays
		// NaN, and no other sum gives NaN.
		detmath.ExpTo(dst, dst)
		off := a.Offset
		for u, s := range dst {
			if s != s {
				missing = true // dst[u] stays NaN
				continue
			}
			dst[u] = s - off
		}
	} else {
		for u, s := range dst {
			switch {
			case s != s:
				missing = true
			case method == Power && !powSumOK(s):
				// The sum over- or underflowed; aggregateUnit scales the
				// terms. It cannot fail here: a missing child or a value
				// outside the domain made s NaN.
				dst[u], _ = aggregateUnit(a, scores, ch, w, nil, minShare, u, tmp)
			default:
				dst[u] = finish(method, s, a.Offset, a.P)
			}
		}
	}
	if missing {
		return redoMissing(a, scores, ch, w, minShare, dst, tmp)
	}
	return nil
}

// redoMissing recomputes one by one (aggregateUnit) the units whose
// aggregate in dst is NaN, those with a missing child or a value outside
// the mean's domain, in unit order: the first such unit's domain error
// is returned. It is the common end of the fast paths of aggregate and
// aggregateMean.
func redoMissing(a Aggregation, scores [][]float64, ch []int, w []float64, minShare float64, dst, tmp []float64) *aggError {
	for u, v := range dst {
		if v != v {
			var err *aggError
			if dst[u], err = aggregateUnit(a, scores, ch, w, nil, minShare, u, tmp); err != nil {
				return err
			}
		}
	}
	return nil
}

// weightedSum computes dst[u] = sum_j w_j y_j[u] over the columns added,
// in the order added, each product rounded before it is added, starting
// from +0: the bits of
//
//	clear(dst); for each (w, y): dst[u] = float64(w*y[u]) + dst[u]
//
// but it keeps up to eight columns pending and adds them in one pass over
// dst, so that dst is loaded and stored once per eight columns instead of
// once per column.
type weightedSum struct {
	dst     []float64
	started bool // dst holds a partial sum (else it is taken as +0)
	k       int  // pending columns
	w       [8]float64
	y       [8][]float64
}

// add queues column y with weight w, flushing when eight are pending.
func (s *weightedSum) add(w float64, y []float64) {
	s.w[s.k], s.y[s.k] = w, y
	s.k++
	if s.k == len(s.w) {
		s.flush()
	}
}

// flush adds the pending columns to dst; afterwards dst holds the sum so
// far (zeroed if nothing was added yet), ready for other additions.
func (s *weightedSum) flush() {
	if s.k == 0 {
		if !s.started {
			clear(s.dst)
			s.started = true
		}
		return
	}
	switch {
	case s.k == 8:
		sumColumns8(s.dst, s.started, &s.w, &s.y)
	case s.k > 4:
		sumColumns(s.dst, s.started, 4, (*[4]float64)(s.w[:4]), (*[4][]float64)(s.y[:4]))
		sumColumns(s.dst, true, s.k-4, (*[4]float64)(s.w[4:]), (*[4][]float64)(s.y[4:]))
	default:
		sumColumns(s.dst, s.started, s.k, (*[4]float64)(s.w[:4]), (*[4][]float64)(s.y[:4]))
	}
	s.started, s.k = true, 0
}

// finish flushes and leaves the complete sum in dst (+0 for no column).
func (s *weightedSum) finish() { s.flush() }

// sumColumnsGo adds w[j] y[j][u], j < k <= 4, in order to dst[u], or to
// +0 when started is false, rounding each product: sumColumns in Go, the
// definition of the kernels in assembly (see sumcols_amd64.go). It is
// kept out of line so that its loops get registers of their own.
//
//go:noinline
func sumColumnsGo(dst []float64, started bool, k int, w *[4]float64, y *[4][]float64) {
	n := len(dst)
	w0, y0 := w[0], y[0][:n]
	switch k {
	case 1:
		if !started {
			for u, v := range y0 {
				dst[u] = float64(w0*v) + 0
			}
			return
		}
		for u, v := range y0 {
			dst[u] = float64(w0*v) + dst[u]
		}
	case 2:
		w1, y1 := w[1], y[1][:n]
		if !started {
			for u, v := range y0 {
				dst[u] = float64(w1*y1[u]) + (float64(w0*v) + 0)
			}
			return
		}
		for u, v := range y0 {
			dst[u] = float64(w1*y1[u]) + (float64(w0*v) + dst[u])
		}
	case 3:
		w1, y1, w2, y2 := w[1], y[1][:n], w[2], y[2][:n]
		if !started {
			for u, v := range y0 {
				dst[u] = float64(w2*y2[u]) + (float64(w1*y1[u]) + (float64(w0*v) + 0))
			}
			return
		}
		for u, v := range y0 {
			dst[u] = float64(w2*y2[u]) + (float64(w1*y1[u]) + (float64(w0*v) + dst[u]))
		}
	case 4:
		w1, y1, w2, y2, w3, y3 := w[1], y[1][:n], w[2], y[2][:n], w[3], y[3][:n]
		if !started {
			for u, v := range y0 {
				dst[u] = float64(w3*y3[u]) + (float64(w2*y2[u]) + (float64(w1*y1[u]) + (float64(w0*v) + 0)))
			}
			return
		}
		for u, v := range y0 {
			dst[u] = float64(w3*y3[u]) + (float64(w2*y2[u]) + (float64(w1*y1[u]) + (float64(w0*v) + dst[u])))
		}
	}
}

// sumColumns8Go is sumColumnsGo of eight columns.
//
//go:noinline
func sumColumns8Go(dst []float64, started bool, w *[8]float64, y *[8][]float64) {
	n := len(dst)
	w0, w1, w2, w3, w4, w5, w6, w7 := w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]
	y0, y1, y2, y3, y4, y5, y6, y7 := y[0][:n], y[1][:n], y[2][:n], y[3][:n], y[4][:n], y[5][:n], y[6][:n], y[7][:n]
	if !started {
		for u, v := range y0 {
			s := float64(w1*y1[u]) + (float64(w0*v) + 0)
			s = float64(w3*y3[u]) + (float64(w2*y2[u]) + s)
			s = float64(w5*y5[u]) + (float64(w4*y4[u]) + s)
			dst[u] = float64(w7*y7[u]) + (float64(w6*y6[u]) + s)
		}
		return
	}
	for u, v := range y0 {
		s := float64(w1*y1[u]) + (float64(w0*v) + dst[u])
		s = float64(w3*y3[u]) + (float64(w2*y2[u]) + s)
		s = float64(w5*y5[u]) + (float64(w4*y4[u]) + s)
		dst[u] = float64(w7*y7[u]) + (float64(w6*y6[u]) + s)
	}
}

// accumulateTerms adds w t(y_u) to dst[u] for the geometric, harmonic or
// power mean (see aggregate), computing the terms.
//
//go:noinline
func accumulateTerms(method AggregationMethod, a Aggregation, w float64, y, dst []float64) {
	y = y[:len(dst)]
	switch method {
	case Geometric:
		// logTerm of a block of units at a time, the logarithms by
		// detmath.LogTo.
		var t [256]float64
		for lo := 0; lo < len(y); lo += len(t) {
			c := t[:min(len(t), len(y)-lo)]
			for i := range c {
				c[i] = logArg(y[lo+i], a.Offset)
			}
			detmath.LogTo(c, c)
			// d[i] = float64(w*c[i]) + d[i], by weightedSum's kernel.
			wc, yc := [4]float64{w}, [4][]float64{c}
			sumColumns(dst[lo:lo+len(c)], true, 1, &wc, &yc)
		}
	case Harmonic:
		for u, v := range y {
			dst[u] += w / harmonicTerm(v, a.Offset)
		}
	case Power:
		for u, v := range y {
			dst[u] = float64(w*powTerm(v, a.Offset, a.P)) + dst[u]
		}
	}
}

// logTerm is ln(y + off) for the geometric mean, NaN outside its domain
// (y + off <= 0) or for a missing y.
func logTerm(y, off float64) float64 { return detmath.Log(logArg(y, off)) }

// logArg is the argument y + off of logTerm, NaN outside the domain (so
// that its logarithm is NaN).
func logArg(y, off float64) float64 {
	v := y + off
	if !(v > 0) {
		return math.NaN()
	}
	return v
}

// harmonicTerm is y + off for the harmonic mean, NaN outside its domain
// (y + off <= 0) or for a missing y.
func harmonicTerm(y, off float64) float64 {
	v := y + off
	if !(v > 0) {
		return math.NaN()
	}
	return v
}

// powTerm is (y + off)^p for the power mean, NaN outside its domain
// (y + off < 0, or 0 with p < 0) or for a missing y.
func powTerm(y, off, p float64) float64 {
	v := y + off
	if v < 0 || (p < 0 && v == 0) || v != v {
		return math.NaN()
	}
	return detmath.Pow(v, p)
}

// finish turns the weighted sum s of a mean's terms into the mean.
func finish(method AggregationMethod, s, off, p float64) float64 {
	switch method {
	case Geometric:
		return detmath.Exp(s) - off
	case Harmonic:
		return 1/s - off
	case Power:
		return detmath.Pow(s, 1/p) - off
	}
	return s
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
		switch method {
		case Arithmetic:
			s = float64(wj*y) + s
		case BoD:
			s = float64(wj*y) + s
		case Geometric:
			t := logTerm(y, off)
			if t != t {
				return 0, &aggError{u: u, j: j, v: y}
			}
			s = float64(wj*t) + s
		case Harmonic:
			t := harmonicTerm(y, off)
			if t != t {
				return 0, &aggError{u: u, j: j, v: y}
			}
			s += wj / t
		case Power:
			t := powTerm(y, off, p)
			if t != t {
				return 0, &aggError{u: u, j: j, v: y}
			}
			s = float64(wj*t) + s
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
	if method == Median {
		insertionSort(tmp)
		return median(tmp), nil
	}
	if method == Power && !powSumOK(s) {
		return powerScaled(scores, ch, w, u, off, p, avail < total), nil
	}
	return finish(method, s, off, p), nil
}

// minPowSum is the smallest sum of power-mean terms used as it is: a sum
// at least this large has a largest term of full precision.
const minPowSum = 0x1p-960

// powSumOK reports whether s, a weighted sum of power-mean terms
// (y + c)^p, is free of overflow and underflow (see powerScaled).
func powSumOK(s float64) bool { return s >= minPowSum && s <= math.MaxFloat64 }

// powerScaled is the power mean of unit u's available children computed
// with the terms scaled by their extreme value, for exponents so large
// that (y + c)^p overflows or underflows:
//
//	M (sum_j w_j ((y_j + c)/M)^p / sum_j w_j)^(1/p) - c
//
// where M is the largest y_j + c for p > 0 and the smallest for p < 0, so
// that every scaled term is in [0, 1] and the extreme child's is 1; the
// division by sum_j w_j (over the available children) is made only when
// some child is missing (partial), as in aggregateUnit. The children's
// values are known to be in the mean's domain.
func powerScaled(scores [][]float64, ch []int, w []float64, u int, off, p float64, partial bool) float64 {
	m := math.NaN()
	for j, c := range ch {
		v := scores[c][u] + off
		if w[j] == 0 || v != v {
			continue
		}
		if m != m || (p > 0 && v > m) || (p < 0 && v < m) {
			m = v
		}
	}
	if m == 0 { // p > 0 and every value 0
		return -off
	}
	var s, ws float64
	for j, c := range ch {
		v := scores[c][u] + off
		if w[j] == 0 || v != v {
			continue
		}
		s = float64(w[j]*detmath.Pow(v/m, p)) + s
		ws += w[j]
	}
	if partial {
		s /= ws
	}
	return float64(m*detmath.Pow(s, 1/p)) - off
}

// insertionSort sorts a short slice in place.
func insertionSort(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}
