package weighting_test

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
)

// Coherence of a two-group structure: the first group holds a redundant
// pair and an indicator that runs against them; the second group's
// indicator is missing for one unit.
func ExampleCoherence() {
	nan := math.NaN()
	x := mat.NewDense(6, 4, []float64{
		10, 21, 60, nan,
		20, 39, 55, 30,
		30, 62, 35, 20,
		40, 80, 40, 50,
		50, 99, 20, 40,
		60, 118, 15, 60,
	})
	r, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: []int{0, 0, 0, 1}}, weighting.CoherenceSettings{Method: weighting.Spearman})
	if err != nil {
		panic(err)
	}
	for _, f := range r.Flags {
		fmt.Printf("group %d: indicators %d and %d %s (r = %.2f)\n", f.Group, f.I, f.J, f.Kind, f.R)
	}
	fmt.Printf("with index %.2f\n", r.WithIndex)
	fmt.Printf("unit 0 has %.0f%% of its data\n", 100*r.UnitAvailability[0])
	// Output:
	// group 0: indicators 0 and 1 redundant (r = 1.00)
	// group 0: indicators 0 and 2 negative (r = -0.94)
	// group 0: indicators 1 and 2 negative (r = -0.94)
	// with index [0.89 0.89 -0.71 1.00]
	// unit 0 has 75% of its data
}
