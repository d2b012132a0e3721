package rankcorr

import (
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyKendallCounts: Knight's counts of concordant, discordant
// and tied pairs equal those of comparing every pair (the method of the
// earlier versions), on values with many ties (drawn from a few levels)
// and without.
func TestPropertyKendallCounts(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 60).Draw(t, "n")
		levels := rapid.IntRange(1, 100).Draw(t, "levels")
		x := rapid.SliceOfN(rapid.IntRange(0, levels), n, n).Draw(t, "x")
		y := rapid.SliceOfN(rapid.IntRange(0, levels), n, n).Draw(t, "y")
		xf, yf := make([]float64, n), make([]float64, n)
		var c, d, tx, ty int64
		for i := range x {
			xf[i], yf[i] = float64(x[i])/3, -float64(y[i])*1e300
			for j := 0; j < i; j++ {
				sx, sy := sign(xf[i]-xf[j]), sign(yf[i]-yf[j])
				switch {
				case sx == 0 && sy == 0:
					tx++
					ty++
				case sx == 0:
					tx++
				case sy == 0:
					ty++
				case sx == sy:
					c++
				default:
					d++
				}
			}
		}
		gc, gd, gtx, gty := KendallCounts(xf, yf)
		if gc != c || gd != d || gtx != tx || gty != ty {
			t.Fatalf("C %d D %d n1 %d n2 %d, every pair gives %d %d %d %d", gc, gd, gtx, gty, c, d, tx, ty)
		}
	})
}

// sign is the sign of v: the comparison of every pair in
// TestPropertyKendallCounts.
func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
