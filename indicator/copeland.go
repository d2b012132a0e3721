package indicator

import "math"

// copeland writes the Copeland scores of the units into dst (see
// [Copeland]): for every pair of units a, b with all weighted children
// present, d_ab = sum_j w_j sgn(y_aj - y_bj), summed exactly, and
// score_a = sum_b sgn(d_ab). A unit with a missing weighted child gets NaN
// and is left out of the others' comparisons.
func copeland(scores [][]float64, ch []int, w, dst []float64) {
	n := len(dst)
	ok := make([]bool, n)
	for u := range n {
		ok[u] = true
		for j, c := range ch {
			if w[j] != 0 && scores[c][u] != scores[c][u] {
				ok[u] = false
			}
		}
		dst[u] = 0
		if !ok[u] {
			dst[u] = math.NaN()
		}
	}
	var s exactSum
	for a := range n {
		if !ok[a] {
			continue
		}
		for b := a + 1; b < n; b++ {
			if !ok[b] {
				continue
			}
			s.partials = s.partials[:0]
			for j, c := range ch {
				ya, yb := scores[c][a], scores[c][b]
				switch {
				case w[j] == 0 || ya == yb:
				case ya > yb:
					s.add(w[j])
				default:
					s.add(-w[j])
				}
			}
			switch d := s.sum(); {
			case d > 0:
				dst[a]++
				dst[b]--
			case d < 0:
				dst[a]--
				dst[b]++
			}
		}
	}
}
