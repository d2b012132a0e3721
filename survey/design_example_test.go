package survey_test

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

// A stratified sample with finite-population corrections (R's dstrat).
func ExampleDesign_Estimate() {
	d, cols := dstrat(nil)
	e, err := d.Estimate(numbers(nil, cols["api00"]), survey.EstimateSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// R survey: svymean(~api00, dstrat, deff=TRUE): 662.29, SE 9.409, deff 1.204.
	fmt.Printf("mean %.2f (SE %.3f), total %.0f (SE %.0f), deff %.3f, df %d\n", e.Mean, e.SEMean, e.Total, e.SETotal, e.DeffMean, e.DF)
	// Output:
	// mean 662.29 (SE 9.409), total 4102208 (SE 58279), deff 1.204, df 197
}

// GREG calibration to the population size, school-type counts and the
// total of last year's score.
func ExampleDesign_Calibrate() {
	d, cols := dclus1(nil)
	api99 := numbers(nil, cols["api99"])
	x := mat.NewDense(d.Len(), 4, nil)
	for i, s := range cols["stype"] {
		x.Set(i, 0, 1)
		if s == "H" {
			x.Set(i, 1, 1)
		}
		if s == "M" {
			x.Set(i, 2, 1)
		}
		x.Set(i, 3, api99[i])
	}
	cal, res, err := d.Calibrate(context.Background(), x, []float64{6194, 755, 1018, 3914069}, survey.CalibrateSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := cal.Estimate(numbers(nil, cols["api00"]), survey.EstimateSettings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// R survey: svymean(~api00, calibrate(dclus1, ~stype+api99, ...)) = 665.31 (SE 3.442).
	fmt.Printf("Newton steps %d, mean api00 %.2f (SE %.3f)\n", res.Iterations, e.Mean, e.SEMean)
	// Output:
	// Newton steps 1, mean api00 665.31 (SE 3.442)
}

// Kish's design effect of unequal weights.
func ExampleKish() {
	k, err := survey.Kish([]float64{1, 1, 2, 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Hand derivation: n sum w^2/(sum w)^2 = 4*22/64 = 1.375; n_eff = 64/22.
	fmt.Printf("deff %.4f, n_eff %.4f, CV %.4f\n", k.Deff, k.NEff, k.CV)
	// Output:
	// deff 1.3750, n_eff 2.9091, CV 0.6124
}

// Intervals for 15 satisfied answers out of 50.
func ExampleBinomialCI() {
	for _, m := range []survey.BinomialMethod{survey.Wald, survey.Wilson, survey.ClopperPearson, survey.AgrestiCoull} {
		iv, err := survey.BinomialCI(15, 50, 0.95, m)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-16s [%.4f, %.4f]\n", m, iv.Lower, iv.Upper)
	}
	// Output:
	// wald             [0.1730, 0.4270]
	// wilson           [0.1910, 0.4375]
	// clopper-pearson  [0.1786, 0.4461]
	// agresti-coull    [0.1903, 0.4383]
}

// A design-based interval for a proportion (R's svyciprop).
func ExampleDesign_PropCI() {
	d, cols := dclus1(nil)
	ell := numbers(nil, cols["ell"])
	y := make([]float64, len(ell))
	for i, v := range ell {
		if v == 0 {
			y[i] = 1
		}
	}
	for _, m := range []survey.PropMethod{survey.PropLogit, survey.PropBeta} {
		ci, err := d.PropCI(y, survey.PropSettings{Method: m})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-6s %.4f [%.4f, %.4f] df %d\n", m, ci.Estimate, ci.Lower, ci.Upper, ci.DF)
	}
	// Output:
	// logit  0.0219 [0.0023, 0.1777] df 14
	// beta   0.0219 [0.0002, 0.1375] df 14
}

// Planning a survey of one city: ±3 points at 95 %, design effect 1.5,
// 80 % response, then spread over three districts with at least 200 each.
func ExampleSampleSize() {
	r, err := survey.SampleSize(survey.SampleSizeSettings{Margin: 0.03, Deff: 1.5, Population: 500000, ResponseRate: 0.8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("complete %d, approach %d\n", r.CompletedInt, r.IssuedInt)
	a, err := survey.Allocate(float64(r.CompletedInt), []float64{400000, 80000, 20000}, nil, survey.AllocateSettings{Min: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f\n", a)
	// Output:
	// complete 1596, approach 1995
	// [1163.3 232.7 200.0]
}
