package detmath

import (
	"math"
	"testing"
)

func TestSum(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		x    []float64
		want float64
	}{
		{"empty", nil, 0},
		// Neumaier's example: naive and Kahan summation give 0.
		{"cancellation", []float64{1, 1e100, 1, -1e100}, 2},
		// 0.1 ten times: the naive sum is 0.9999999999999999.
		{"tenths", []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 1},
	}
	for _, c := range cases {
		if got := Sum(c.x); got != c.want {
			t.Errorf("Sum(%s) = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDot(t *testing.T) {
	t.Parallel()
	// 0.1*10 rounds to exactly 1, so the rounded-product sum is 0; a fused
	// multiply-add would give 2**-54.
	if got := Dot([]float64{0.1, -1}, []float64{10, 1}); got != 0 {
		t.Errorf("Dot = %v, want 0", got)
	}
	if got := Dot(nil, nil); got != 0 || math.Signbit(got) {
		t.Errorf("Dot(nil, nil) = %v, want +0", got)
	}
	defer func() {
		if r := recover(); r != "detmath: len(x)=2 != len(y)=1" {
			t.Errorf("Dot length mismatch: recovered %v", r)
		}
	}()
	Dot([]float64{1, 2}, []float64{1})
}
