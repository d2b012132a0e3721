package indicator

import (
	"math"
	"slices"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// TransformRecord says what the transformation did to one leaf's values.
type TransformRecord struct {
	// Method is the method applied ("none" when none).
	Method TransformMethod `json:"method"`
	// Offset is the log offset.
	Offset float64 `json:"offset"`
	// Low and High are the bounds values were clipped to by winsorisation
	// (NaN when that side was not clipped).
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Changed is the number of values (units) winsorisation changed; a
	// unit changed in several steps of the skew_kurtosis rule counts once.
	Changed int `json:"changed"`
	// Fallback is [FallbackLogCT] when the skew_kurtosis rule still held
	// after MaxPoints values and the log fallback replaced the
	// winsorisation (Changed is then 0), empty otherwise.
	Fallback string `json:"fallback,omitempty"`
	// Skew and Kurtosis are the sample skewness G1 and the sample excess
	// kurtosis G2 of the values after the transformation, type 2 of
	// e1071's skewness and kurtosis (Excel's SKEW and KURT, COINr's skew
	// and kurt; see [Transform]), for skew_kurtosis only and NaN
	// otherwise. Skew is NaN for fewer than 3 non-missing values, Kurtosis
	// for fewer than 4, and both for constant values.
	Skew     float64 `json:"skew"`
	Kurtosis float64 `json:"kurtosis"`
}

// transform applies t to x in place (missing values stay missing). buf is
// scratch of len(x).
func transform(t *Transform, x, buf []float64) (TransformRecord, error) {
	nan := math.NaN()
	rec := TransformRecord{Method: t.Method, Low: nan, High: nan, Skew: nan, Kurtosis: nan}
	switch t.Method {
	case "", TransformNone:
		rec.Method = TransformNone
	case TransformLog:
		rec.Offset = t.Offset
		for u, v := range x {
			if math.IsNaN(v) {
				continue
			}
			if !(v+t.Offset > 0) {
				return rec, errAt(u, ErrDomain, "log of %v + offset %v", v, t.Offset)
			}
			x[u] = detmath.Log(v + t.Offset)
		}
	case TransformWinsorize:
		sorted := sortedValues(x, buf)
		if len(sorted) == 0 {
			return rec, nil
		}
		up := t.Upper
		if up == 0 {
			up = 1
		}
		lo, hi := math.Inf(-1), math.Inf(1)
		if t.Lower > 0 {
			lo = quantile7(sorted, t.Lower)
			rec.Low = lo
		}
		if up < 1 {
			hi = quantile7(sorted, up)
			rec.High = hi
		}
		for u, v := range x {
			if v < lo {
				x[u] = lo
				rec.Changed++
			} else if v > hi {
				x[u] = hi
				rec.Changed++
			}
		}
	case TransformSkewKurtosis:
		skewMax, kurtMax, points := t.Skew, t.Kurtosis, t.MaxPoints
		if skewMax == 0 {
			skewMax = 2
		}
		if kurtMax == 0 {
			kurtMax = 3.5
		}
		if points == 0 {
			points = 5
		}
		// With fewer than 4 values (or constant ones) G2 is NaN, the
		// comparison false and the data are left as they are.
		var orig []float64
		if t.Fallback == FallbackLogCT {
			orig = append([]float64(nil), x...)
		}
		for u := range buf { // buf marks the winsorised units
			buf[u] = 0
		}
		sk, ku := skewKurtosis(x)
		high, low := false, false
		for rec.Changed < points && math.Abs(sk) > skewMax && ku > kurtMax {
			// Replace the most extreme value on the side of the skew by
			// the next most extreme one, in every unit that has it (so
			// that the order of the units does not matter; ties may take
			// the count past max_points). Changed counts the units whose
			// value was replaced at least once, as COINr's winsorise
			// counts nwin.
			far, next := extremes(x, sk > 0)
			if far < 0 || next < 0 {
				break
			}
			from, to := x[far], x[next]
			for u, v := range x {
				if v == from {
					x[u] = to
					if buf[u] == 0 {
						buf[u] = 1
						rec.Changed++
					}
				}
			}
			high, low = high || sk > 0, low || sk < 0
			sk, ku = skewKurtosis(x)
		}
		if orig != nil && math.Abs(sk) > skewMax && ku > kurtMax {
			// The rule still holds after max_points values: COINr's f2 =
			// "log_CT", applied to the values before winsorisation.
			copy(x, orig)
			lo, hi, _ := minMax(x)
			shift := float64(0.01 * (hi - lo))
			for u, v := range x {
				if !math.IsNaN(v) {
					x[u] = detmath.Log(v - lo + shift)
				}
			}
			rec.Changed, rec.Fallback = 0, FallbackLogCT
			rec.Skew, rec.Kurtosis = skewKurtosis(x)
			return rec, nil
		}
		lo, hi, _ := minMax(x)
		if high {
			rec.High = hi
		}
		if low {
			rec.Low = lo
		}
		rec.Skew, rec.Kurtosis = sk, ku
	}
	return rec, nil
}

// extremes returns the index of the largest value (smallest if !high) and
// of the largest value strictly below it; -1 if there is none.
func extremes(x []float64, high bool) (far, next int) {
	far, next = -1, -1
	better := func(a, b float64) bool {
		if high {
			return a > b
		}
		return a < b
	}
	for u, v := range x {
		if !math.IsNaN(v) && (far < 0 || better(v, x[far])) {
			far = u
		}
	}
	if far < 0 {
		return -1, -1
	}
	for u, v := range x {
		if !math.IsNaN(v) && better(x[far], v) && (next < 0 || better(v, x[next])) {
			next = u
		}
	}
	return far, next
}

// skewKurtosis returns the sample skewness G1 and the sample excess
// kurtosis G2 of the non-missing values, the adjusted estimators of
// Joanes and Gill (1998), type 2 of e1071's skewness and kurtosis (Excel's
// SKEW and KURT, COINr's skew and kurt):
//
//	m_k = sum_i (x_i - mean)^k / n                (exact sums)
//	g1  = m3 / m2^1.5,  b2 = m4 / m2^2,  g2 = b2 - 3
//	G1  = g1 sqrt(n (n-1)) / (n-2)                            (n >= 3)
//	G2  = ((n+1) g2 + 6) (n-1) / ((n-2)(n-3))
//	    = ((n+1) b2 - 3 (n-1)) (n-1) / ((n-2)(n-3))           (n >= 4)
//
// G1 is NaN for n < 3 and G2 for n < 4; both are NaN when m2 = 0 (constant
// values, 0/0, where Excel gives #DIV/0! and e1071 NaN).
func skewKurtosis(x []float64) (skew, kurt float64) {
	nan := math.NaN()
	mean, _, n := meanSD(x)
	if n < 3 {
		return nan, nan
	}
	// The deviations are scaled by a power of two, 2^-e with 2^e just
	// above the largest |x_i - mean|, so that their cubes and fourth powers
	// neither overflow nor underflow; G1 and G2 do not depend on the scale
	// and the scaling is exact.
	var dmax float64
	for _, v := range x {
		if v == v {
			dmax = math.Max(dmax, math.Abs(v-mean))
		}
	}
	_, e := math.Frexp(dmax)
	var s2, s3, s4 exactSum
	for _, v := range x {
		if v != v {
			continue
		}
		d := math.Ldexp(v-mean, -e)
		d2 := float64(d * d)
		s2.add(d2)
		s3.add(float64(d2 * d))
		s4.add(float64(d2 * d2))
	}
	fn := float64(n)
	m2, m3, m4 := s2.sum()/fn, s3.sum()/fn, s4.sum()/fn
	if m2 == 0 {
		return nan, nan
	}
	g1 := m3 / float64(m2*math.Sqrt(m2))
	skew = float64(g1*math.Sqrt(float64(fn*(fn-1)))) / (fn - 2)
	if n < 4 {
		return skew, nan
	}
	b2 := m4 / float64(m2*m2)
	c := float64((fn+1)*b2) - float64(3*(fn-1))
	kurt = float64(c*(fn-1)) / float64((fn-2)*(fn-3))
	return skew, kurt
}

// sortedValues copies the non-missing values of x into buf, sorted.
func sortedValues(x, buf []float64) []float64 {
	buf = buf[:0]
	for _, v := range x {
		if !math.IsNaN(v) {
			buf = append(buf, v)
		}
	}
	slices.Sort(buf)
	return buf
}

// quantile7 returns the p-quantile of sorted values by type 7 of Hyndman
// and Fan (1996), R's default: h = (n-1)p, Q = x[floor h] + (h - floor h)
// (x[floor h + 1] - x[floor h]).
func quantile7(sorted []float64, p float64) float64 {
	n := len(sorted)
	h := float64(float64(n-1) * p)
	lo := math.Floor(h)
	i := int(lo)
	if i >= n-1 {
		return sorted[n-1]
	}
	return sorted[i] + float64((h-lo)*(sorted[i+1]-sorted[i]))
}

// median returns the median of sorted values (the mean of the middle two
// for an even count).
func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
