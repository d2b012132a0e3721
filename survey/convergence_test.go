package survey

import "testing"

// TestConvergence: the share of the way from the first misfit to the
// tolerance on a log scale, by hand: from 1 to 1e-10, a misfit of 1e-5 is
// half way (500) and 1e-8 four fifths (800); no progress is 0, a misfit
// below the tolerance 1000, and a misfit that grew is 0, not negative.
func TestConvergence(t *testing.T) {
	for _, c := range []struct {
		m0, m, tol float64
		want       int
	}{
		{1, 1e-5, 1e-10, 500},
		{1, 1e-8, 1e-10, 800},
		{1, 1, 1e-10, 0},
		{1, 1e-11, 1e-10, 1000},
		{1, 10, 1e-10, 0},
		{1e-12, 1e-12, 1e-10, 1000},
	} {
		if got := convergence(c.m0, c.m, c.tol); got != c.want {
			t.Errorf("convergence(%v, %v, %v) = %d, want %d", c.m0, c.m, c.tol, got, c.want)
		}
	}
}
