package indicator

import "math"

// exactSum accumulates float64 values without rounding error and returns
// their correctly rounded sum, so that the result does not depend on the
// order of the values: Shewchuk's algorithm as in Python's math.fsum [5].
// Every operation is an addition or subtraction, which no architecture
// fuses. The zero value is an empty sum.
type exactSum struct {
	partials []float64 // non-overlapping, increasing magnitude
	buf      [16]float64
}

// add adds x exactly.
func (s *exactSum) add(x float64) {
	if s.partials == nil {
		s.partials = s.buf[:0]
	}
	i := 0
	for _, y := range s.partials {
		if math.Abs(x) < math.Abs(y) {
			x, y = y, x
		}
		hi := x + y
		lo := y - (hi - x)
		if lo != 0 {
			s.partials[i] = lo
			i++
		}
		x = hi
	}
	s.partials = append(s.partials[:i], x)
}

// sum returns the correctly rounded (half to even) sum of the values.
func (s *exactSum) sum() float64 {
	p := s.partials
	n := len(p)
	if n == 0 {
		return 0
	}
	n--
	hi := p[n]
	var lo float64
	for n > 0 {
		x := hi
		n--
		y := p[n]
		hi = x + y
		lo = y - (hi - x)
		if lo != 0 {
			break
		}
	}
	// Round half to even when the rest lies exactly on a halfway point.
	if n > 0 && ((lo < 0 && p[n-1] < 0) || (lo > 0 && p[n-1] > 0)) {
		y := lo * 2
		x := hi + y
		if y == x-hi {
			hi = x
		}
	}
	return hi
}
