package detmath_test

import (
	"fmt"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// A weighted geometric mean of three indicator scores, written so that the
// result has the same bits on every architecture.
func ExamplePow() {
	scores := []float64{72.5, 88, 64.25}
	weights := []float64{0.5, 0.3, 0.2}
	g := 1.0
	for i, s := range scores {
		g = float64(g * detmath.Pow(s, weights[i]))
	}
	fmt.Printf("%.6f\n", g)
	// Output: 75.004692
}

// Dot rounds every product before adding it: no fused multiply-add.
func ExampleDot() {
	fmt.Println(detmath.Dot([]float64{0.1}, []float64{10}) - 1)
	// Output: 0
}
