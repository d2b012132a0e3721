package survey_test

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/survey"
)

// Raking six respondents to known counts by sex and age group.
func ExampleRake() {
	w := []float64{10, 10, 10, 10, 10, 10}
	sex, err := survey.NewMargin("sex", []string{"f", "f", "f", "m", "m", "m"}, map[string]float64{"f": 52, "m": 48})
	if err != nil {
		fmt.Println(err)
		return
	}
	age, err := survey.NewMargin("age", []string{"young", "old", "old", "young", "young", "old"}, map[string]float64{"young": 40, "old": 60})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := survey.Rake(context.Background(), w, []survey.Margin{sex, age}, survey.RakeSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", r.Weights)
	fmt.Printf("sweeps %d, cells %d, margins within 1e-10: %v\n", r.Iterations, r.Cells, max(r.MaxRelError[0], r.MaxRelError[1]) < 1e-10)
	// Output:
	// [12.8064 19.5968 19.5968 13.5968 13.5968 20.8064]
	// sweeps 11, cells 4, margins within 1e-10: true
}

// Estimates from a raked design use the raking variance.
func ExampleDesign_Rake() {
	d, cols := dclus1(nil)
	st, _ := d.Column("stype")
	sw, _ := d.Column("sch.wide")
	m1, _ := survey.NewMargin("stype", st, map[string]float64{"E": 4421, "H": 755, "M": 1018})
	m2, _ := survey.NewMargin("sch.wide", sw, map[string]float64{"No": 1072, "Yes": 5122})
	rk, _, err := d.Rake(context.Background(), []survey.Margin{m1, m2}, survey.RakeSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := rk.Estimate(numbers(nil, cols["api00"]), survey.EstimateSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// R survey: svymean(~api00, rake(dclus1, ...)) = 641.23 (SE 23.704).
	fmt.Printf("mean api00 %.2f (SE %.3f)\n", e.Mean, e.SEMean)
	// Output:
	// mean api00 641.23 (SE 23.704)
}
