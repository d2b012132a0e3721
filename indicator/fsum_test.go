package indicator

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

func TestPropertyExactSum(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.OneOf(rapid.Float64Range(-1e6, 1e6), rapid.Float64Range(-1e-6, 1e-6),
			rapid.SampledFrom([]float64{1e16, -1e16, 1, 0.5, 3})), 0, 40).Draw(t, "x")
		var s exactSum
		// A big.Float of 4096 bits holds these sums exactly; its
		// conversion rounds half to even.
		ref := new(big.Float).SetPrec(4096)
		for _, v := range x {
			s.add(v)
			ref.Add(ref, new(big.Float).SetPrec(4096).SetFloat64(v))
		}
		want, _ := ref.Float64()
		if got := s.sum(); math.Float64bits(got) != math.Float64bits(want) && !(got == 0 && want == 0) {
			t.Fatalf("sum %v, want %v", got, want)
		}
	})
}
