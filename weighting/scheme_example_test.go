package weighting_test

import (
	"encoding/json"
	"fmt"

	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
)

// Hangzhou's scheme: the social evaluation gets 50% of the total, the
// target assessment and the leadership evaluation share the rest 3:2
// (their declared weights).
func ExampleResidentShare() {
	var s weighting.Spec
	if err := json.Unmarshal([]byte(`{"method": "resident_share", "resident": "social", "share": 0.5}`), &s); err != nil {
		panic(err)
	}
	ids := []string{"social", "target", "leadership"}
	sch, err := s.Scheme(ids)
	if err != nil {
		panic(err)
	}
	w, err := sch.Weights(weighting.Input{IDs: ids, Declared: []float64{0, 3, 2}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.2f\n", w)
	// Output:
	// [0.50 0.30 0.20]
}

// An AHP group of three children from JSON, with a fraction and a limit
// on the consistency ratio.
func ExampleSpec_Scheme() {
	var s weighting.Spec
	js := `{"method": "ahp", "upper": [[3, 5], ["2"]], "ri_table": "saaty2005", "max_cr": 0.1}`
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		panic(err)
	}
	ids := []string{"quality", "cost", "speed"}
	sch, err := s.Scheme(ids)
	if err != nil {
		panic(err)
	}
	w, err := sch.Weights(weighting.Input{IDs: ids})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f\n", w)
	out, _ := json.Marshal(s)
	fmt.Println(string(out))
	// Output:
	// [0.6483 0.2297 0.1220]
	// {"method":"ahp","upper":[[3,5],[2]],"ri_table":"saaty2005","max_cr":0.1}
}

// Experts distribute 100 points; the weights are the trimmed means of
// their shares.
func ExampleBudget() {
	b := weighting.Budget{
		Allocations: [][]float64{{50, 30, 20}, {40, 40, 20}, {60, 20, 20}, {10, 10, 80}},
		Trim:        0.25,
	}
	r, err := b.Analyze()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f (dropped %d per end)\n", r.Weights, r.Dropped)
	// Output:
	// [0.5000 0.2778 0.2222] (dropped 1 per end)
}

// Data-driven weights of four units' normalised scores on three
// indicators.
func ExampleEntropy() {
	x := mat.NewDense(4, 3, []float64{
		0, 20, 100,
		40, 60, 90,
		70, 40, 95,
		100, 80, 100,
	})
	e, _ := weighting.Entropy{}.Analyze(x)
	c, _ := weighting.CRITIC{}.Analyze(x)
	sd, _ := weighting.SD{}.Weights(weighting.Input{Data: x})
	fmt.Printf("entropy %.4f\n", e.Weights)
	fmt.Printf("CRITIC  %.4f\n", c.Weights)
	fmt.Printf("SD      %.4f\n", sd)
	// Output:
	// entropy [0.7657 0.2322 0.0020]
	// CRITIC  [0.5217 0.3703 0.1080]
	// SD      [0.5826 0.3521 0.0653]
}

// Benefit of the doubt: each unit is scored with the weights most
// favourable to it.
func ExampleBenefitOfDoubt() {
	x := mat.NewDense(4, 2, []float64{
		1.0, 0.2,
		0.5, 0.9,
		0.4, 0.4,
		0.7, 0.7,
	})
	r, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("scores %.4f, efficient %d\n", r.Scores, r.Efficient)
	fmt.Printf("unit 3's weights %.4f\n", mat.Row(nil, 3, r.Weights))
	// Output:
	// scores [1.0000 1.0000 0.5714 1.0000], efficient 3
	// unit 3's weights [0.7143 0.7143]
}

// The first principal component's squared loadings as weights (COINr's
// convention), and the OECD handbook's factor weights.
func ExamplePCA() {
	x := mat.NewDense(6, 3, []float64{
		1, 2, 1,
		2, 2, 3,
		3, 4, 2,
		4, 3, 5,
		5, 6, 4,
		6, 5, 6,
	})
	first, _ := weighting.PCA{Settings: weighting.PCASettings{Method: weighting.PCAFirst}}.Analyze(x)
	factor, _ := weighting.PCA{}.Analyze(x)
	fmt.Printf("eigenvalues %.4f\n", first.Eigenvalues)
	fmt.Printf("first  %.4f\n", first.Weights)
	fmt.Printf("factor %.4f (%d retained)\n", factor.Weights, factor.Retained)
	// Output:
	// eigenvalues [2.5177 0.4769 0.0054]
	// first  [0.3958 0.2962 0.3080]
	// factor [0.3958 0.2962 0.3080] (1 retained)
}

// Cronbach's alpha of a group of indicators.
func ExampleCronbachAlpha() {
	x := mat.NewDense(5, 3, []float64{
		1, 2, 2,
		2, 3, 2,
		3, 3, 4,
		4, 5, 4,
		5, 5, 6,
	})
	a, _ := weighting.CronbachAlpha(x)
	fmt.Printf("raw %.4f  standardised %.4f  mean r %.4f\n", a.Raw, a.Std, a.AverageR)
	// Output:
	// raw 0.9594  standardised 0.9629  mean r 0.8965
}
