package indicator

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// unitError is an error about one unit of a column (index u).
type unitError struct {
	u   int
	err error
}

func (e *unitError) Error() string { return e.err.Error() }

func errAt(u int, sentinel error, format string, args ...any) error {
	return &unitError{u: u, err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// normRecord holds the parameters a normalisation used.
type normRecord struct {
	worst, best, mean, sd, target float64
	constant                      bool
	// complete reports that the scores are known to have no NaN, so that
	// the caller need not look for one.
	complete bool
	// finite reports that the scores are known to be finite numbers (no
	// NaN, no infinity), so that the caller need not check them.
	finite bool
}

// colBounds are the smallest and largest values of a column known to have
// no NaN (see minMaxNaN).
type colBounds struct{ lo, hi float64 }

// efficacy writes the efficacy scores a + b (x - worst)/(best - worst) of
// x into dst, clamped to [a, a + b] unless nz.Unclipped (see
// [NormEfficacy]); best != worst.
func efficacy(nz *Normalization, x []float64, worst, best float64, dst []float64) {
	a, b := efficacyFloorSpan(nz)
	if !isFinite(best - worst) {
		// Extremes of opposite signs near the float64 limit: their
		// halves have a finite difference and the same ratios.
		worst, best = worst*0.5, best*0.5
		for u, v := range x {
			y := float64(b*((v*0.5-worst)/(best-worst))) + a
			if !nz.Unclipped {
				y = min(max(y, a), a+b)
			}
			dst[u] = y
		}
		return
	}
	for u, v := range x {
		y := float64(b*((v-worst)/(best-worst))) + a
		if !nz.Unclipped {
			y = min(max(y, a), a+b)
		}
		dst[u] = y
	}
}

// minMaxInto writes 100 s(v - worst)/d for every v of x into dst (s is +1
// or -1, d > 0) and reports whether no finite v gave an infinite score: a
// value and worst far apart near the float64 limit (1e308 and 0) overflow
// in the difference or in the product by 100, although the score is at
// most 100 in magnitude when v lies between worst and best. lo and hi are
// the smallest and largest values of x that are not NaN.
//
// Each of the three operations is monotone in v (rounding to nearest
// preserves order), so a score is infinite only if the score of lo or of
// hi is: when both are finite the loop need not test every score.
func minMaxInto(dst, x []float64, worst, d, s, lo, hi float64) bool {
	if !isFinite(d) {
		return false
	}
	if s > 0 {
		if isFinite(100*(lo-worst)/d) && isFinite(100*(hi-worst)/d) {
			for u, v := range x {
				dst[u] = 100 * (v - worst) / d
			}
			return true
		}
		ok := true
		for u, v := range x {
			y := 100 * (v - worst) / d
			dst[u] = y
			ok = ok && !math.IsInf(y, 0)
		}
		return ok
	}
	if isFinite(100*(worst-lo)/d) && isFinite(100*(worst-hi)/d) {
		for u, v := range x {
			dst[u] = 100 * (worst - v) / d
		}
		return true
	}
	ok := true
	for u, v := range x {
		y := 100 * (worst - v) / d
		dst[u] = y
		ok = ok && !math.IsInf(y, 0)
	}
	return ok
}

// halvedMinMax writes the min-max scores of x when the direct formula
// overflows: the halves of the values (exact at such magnitudes) have
// finite differences, and the ratio is taken before the product by 100,
// so that a value between worst and best scores between 0 and 100. A
// value far outside explicit bounds (unclipped) can still give an
// infinite score, which Prepare reports as ErrOverflow.
func halvedMinMax(dst, x []float64, worst, best float64) {
	hw, hb := worst*0.5, best*0.5
	if hb > hw {
		d := hb - hw
		for u, v := range x {
			dst[u] = 100 * ((v*0.5 - hw) / d)
		}
		return
	}
	d := hw - hb
	for u, v := range x {
		dst[u] = 100 * ((hw - v*0.5) / d) // +0 for the worst value
	}
}

// efficacyFloorSpan returns a and b of efficacy, with their defaults.
func efficacyFloorSpan(nz *Normalization) (a, b float64) {
	a, b = 60, 40
	if nz.Floor != nil {
		a = *nz.Floor
	}
	if nz.Span != nil {
		b = *nz.Span
	}
	return a, b
}

// normalize writes the normalised scores of x (NaN = missing, kept) into
// dst. lower is the effective polarity and ref the reference unit's index
// (or -1). idx is scratch of len(x) for the rank methods. bounds, when not
// nil, says that x has no NaN and gives its extremes, which minmax and
// efficacy then need not look for. It returns the parameters used and an
// error (a *unitError when a unit is at fault).
func normalize(nz *Normalization, lower bool, x []float64, ref int, dst []float64, idx []int, bounds *colBounds) (normRecord, error) {
	dst = dst[:len(x)] // spares the loops their bounds checks
	nan := math.NaN()
	rec := normRecord{worst: nan, best: nan, mean: nan, sd: nan, target: nan}
	s := 1.0
	if lower {
		s = -1
	}
	switch nz.Method {
	case "", NormMinMax, NormEfficacy:
		var lo, hi float64
		var ok bool
		if bounds != nil {
			lo, hi = bounds.lo, bounds.hi
			ok = lo <= hi
		} else {
			lo, hi, ok = minMax(x)
		}
		if !ok {
			return rec, fmt.Errorf("%w: no values", ErrMissingValue)
		}
		worst, best := lo, hi
		if lower {
			worst, best = hi, lo
		}
		clip := false
		if nz.Worst != nil {
			worst, clip = *nz.Worst, !nz.Unclipped
		}
		if nz.Best != nil {
			best, clip = *nz.Best, !nz.Unclipped
		}
		if ref >= 0 { // distance to a reference unit: its value is best
			if best = x[ref]; math.IsNaN(best) {
				return rec, errAt(ref, ErrMissingValue, "the reference unit has no value")
			}
			clip = !nz.Unclipped
		}
		rec.worst, rec.best = worst, best
		if best == worst {
			return rec, constant(nz, x, dst, &rec)
		}
		if nz.Method == NormEfficacy {
			efficacy(nz, x, worst, best, dst)
			break
		}
		// Written so that the worst value maps to +0, never -0:
		// 100 (x - worst)/(best - worst), or 100 (worst - x)/(worst - best)
		// when best < worst.
		// Without a NaN among finite values x, and with finite worst and
		// best - worst, no score is NaN: a difference that overflows gives
		// an infinite quotient, never 0/0 or Inf/Inf.
		rec.complete = bounds != nil && isFinite(lo) && isFinite(hi) && isFinite(worst) && isFinite(best-worst)
		if best > worst {
			d := best - worst
			if !minMaxInto(dst, x, worst, d, 1, lo, hi) {
				halvedMinMax(dst, x, worst, best)
			} else {
				rec.finite = rec.complete
			}
		} else {
			d := worst - best
			if !minMaxInto(dst, x, worst, d, -1, lo, hi) {
				halvedMinMax(dst, x, worst, best)
			} else {
				rec.finite = rec.complete
			}
		}
		if clip {
			for u, y := range dst {
				if y < 0 {
					dst[u] = 0
				} else if y > 100 {
					dst[u] = 100
				}
			}
		}
	case NormZScore:
		mean, sd, n := meanSD(x)
		rec.mean, rec.sd = mean, sd
		if n == 0 {
			return rec, fmt.Errorf("%w: no values", ErrMissingValue)
		}
		if !(sd > 0) {
			return rec, constant(nz, x, dst, &rec)
		}
		for u, v := range x {
			if lower {
				dst[u] = (mean - v) / sd
			} else {
				dst[u] = (v - mean) / sd
			}
		}
	case NormRank, NormPercentile:
		ranks(x, s, nz, dst, idx)
	case NormTarget:
		t := 0.0
		if nz.Target != nil {
			t = *nz.Target
		} else {
			t = x[ref]
			if math.IsNaN(t) || !(t > 0) {
				return rec, errAt(ref, ErrDomain, "reference unit's value %v must be positive", t)
			}
		}
		rec.target = t
		for u, v := range x {
			var y float64
			if lower {
				if !(v > 0) && !math.IsNaN(v) {
					return rec, errAt(u, ErrDomain, "value %v: distance to target of a lower-is-better indicator needs positive values", v)
				}
				y = 100 * t / v
			} else {
				y = 100 * v / t
			}
			if !nz.Unclipped {
				y = min(y, 100)
			}
			dst[u] = y
		}
	case NormRatioMean:
		mean, sd, n := meanSD(x)
		rec.mean, rec.sd = mean, sd
		if n == 0 {
			return rec, fmt.Errorf("%w: no values", ErrMissingValue)
		}
		if mean == 0 {
			return rec, fmt.Errorf("%w: the column's mean is 0", ErrDomain)
		}
		for u, v := range x {
			if lower {
				if v == 0 {
					return rec, errAt(u, ErrDomain, "value 0: ratio to the mean of a lower-is-better indicator is infinite")
				}
				y := 100 * mean / v
				if math.IsInf(y, 0) {
					y = 100 * (mean / v) // 100 mean overflowed
				}
				dst[u] = y
			} else {
				y := 100 * v / mean
				if math.IsInf(y, 0) {
					y = 100 * (v / mean) // 100 v overflowed
				}
				dst[u] = y
			}
		}
	case NormCategories:
		for u, v := range x {
			if math.IsNaN(v) {
				dst[u] = v
				continue
			}
			k := slices.IndexFunc(nz.Categories, func(c Category) bool { return c.Value == v })
			if k < 0 {
				return rec, errAt(u, ErrDomain, "value %v is not a listed category", v)
			}
			dst[u] = nz.Categories[k].Points
		}
	case NormNone:
		for u, v := range x {
			if v < 0 || v > 100 {
				return rec, errAt(u, ErrDomain, "normalization none needs values in [0, 100], got %v (use minmax with goalposts, or another method, for other scales)", v)
			}
			if lower {
				v = 100 - v
			}
			dst[u] = v
		}
	default:
		return rec, fmt.Errorf("%w: unknown normalization %q", ErrInvalidModel, nz.Method)
	}
	return rec, nil
}

// constant handles a column without spread.
func constant(nz *Normalization, x, dst []float64, rec *normRecord) error {
	if nz.Constant == nil {
		return fmt.Errorf("%w: every value is %v (set \"constant\" to give every unit the same score)", ErrConstantColumn, firstValue(x))
	}
	rec.constant = true
	for u, v := range x {
		if math.IsNaN(v) {
			dst[u] = v
		} else {
			dst[u] = *nz.Constant
		}
	}
	return nil
}

func firstValue(x []float64) float64 {
	for _, v := range x {
		if !math.IsNaN(v) {
			return v
		}
	}
	return math.NaN()
}

// minMaxNaN is minMax that also reports whether x has a NaN (nan), in one
// pass; lo and hi are those of minMax.
//
// It starts from the first value that is not NaN, so that a value below
// lo cannot also be above hi, and a value within [lo, hi] (most of them)
// costs two comparisons.
func minMaxNaN(x []float64) (lo, hi float64, nan bool) {
	k := 0
	for k < len(x) && x[k] != x[k] {
		k++
	}
	if k == len(x) {
		return math.Inf(1), math.Inf(-1), k > 0
	}
	lo, hi, nan = x[k], x[k], k > 0
	for _, v := range x[k+1:] {
		if v >= lo && v <= hi { // false for NaN
			continue
		}
		if v < lo {
			lo = v
		} else if v > hi {
			hi = v
		} else {
			nan = true
		}
	}
	return lo, hi, nan
}

// isFinite reports whether v is neither infinite nor NaN.
func isFinite(v float64) bool { return v-v == 0 }

// minMax returns the smallest and largest non-missing values, and whether
// there is any (else lo = +Inf and hi = -Inf). A NaN fails both
// comparisons, so it is skipped without a test of its own; the first of
// equal extremes (such as -0 and +0) is kept.
func minMax(x []float64) (lo, hi float64, any bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	// Any value that is not NaN makes lo <= hi: it is below +Inf or above
	// -Inf, or both extremes are the same infinity.
	return lo, hi, lo <= hi
}

// meanSD returns the mean and the sample standard deviation (divisor
// n - 1; NaN for n < 2) of the non-missing values, by the two-pass
// algorithm with exact sums, so that the result does not depend on the
// order of the units:
//
//	mean = sum_i x_i / n,  sd = sqrt(sum_i (x_i - mean)^2 / (n - 1))
func meanSD(x []float64) (mean, sd float64, n int) {
	var s exactSum
	for _, v := range x {
		if v == v {
			s.add(v)
			n++
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), 0
	}
	mean = s.sum() / float64(n)
	if n < 2 {
		return mean, math.NaN(), n
	}
	var ss exactSum
	for _, v := range x {
		if v == v {
			d := v - mean
			ss.add(float64(d * d))
		}
	}
	sd = math.Sqrt(ss.sum() / float64(n-1))
	if !isFinite(mean) || !isFinite(sd) {
		return scaledMeanSD(x)
	}
	return mean, sd, n
}

// scaledMeanSD is meanSD for values whose sum or squares overflow (near
// the float64 limit): the values are scaled by a power of two (exact) so
// that the largest is below 1, and the mean and standard deviation scaled
// back. The mean is then finite; the standard deviation is infinite only
// when it exceeds the largest float64.
func scaledMeanSD(x []float64) (mean, sd float64, n int) {
	big := 0.0
	for _, v := range x {
		if v == v {
			big = max(big, math.Abs(v))
		}
	}
	_, e := math.Frexp(big)
	var s exactSum
	for _, v := range x {
		if v == v {
			s.add(math.Ldexp(v, -e))
			n++
		}
	}
	ms := s.sum() / float64(n)
	var ss exactSum
	for _, v := range x {
		if v == v {
			d := math.Ldexp(v, -e) - ms
			ss.add(float64(d * d))
		}
	}
	return math.Ldexp(ms, e), math.Ldexp(math.Sqrt(ss.sum()/float64(n-1)), e), n
}

// ranks writes the ranks (or percentile ranks) of s*x into dst; missing
// values stay missing and are not counted. idx is scratch of len(x).
func ranks(x []float64, s float64, nz *Normalization, dst []float64, idx []int) {
	idx = idx[:0]
	for u, v := range x {
		if math.IsNaN(v) {
			dst[u] = v
		} else {
			idx = append(idx, u)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(s*x[a], s*x[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	n := len(idx)
	for i := 0; i < n; {
		j := i + 1
		for j < n && x[idx[j]] == x[idx[i]] {
			j++
		}
		// Units idx[i:j] tie at ranks i+1 .. j.
		rmin, rmax := float64(i+1), float64(j)
		ravg := (rmin + rmax) / 2
		var y float64
		switch {
		case nz.Method == NormRank && nz.Variant == "min":
			y = rmin
		case nz.Method == NormRank:
			y = ravg
		case nz.Variant == "rank":
			y = 100 * ravg / float64(n)
		case nz.Variant == "weak":
			y = 100 * rmax / float64(n)
		case nz.Variant == "min":
			if n == 1 {
				y = 100
			} else {
				y = 100 * (rmin - 1) / float64(n-1)
			}
		default: // inclusive
			if n == 1 {
				y = 100
			} else {
				y = 100 * (ravg - 1) / float64(n-1)
			}
		}
		for _, u := range idx[i:j] {
			dst[u] = y
		}
		i = j
	}
}
