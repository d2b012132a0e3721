package weighting_test

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
)

// Three criteria judged on Saaty's scale: service quality is 3 times as
// important as cost and 5 times as important as speed; cost is 2 times as
// important as speed.
func ExamplePriorities() {
	a, err := weighting.FromUpper([][]float64{{3, 5}, {2}})
	if err != nil {
		panic(err)
	}
	r, err := weighting.Priorities(a, weighting.AHPSettings{MaxCR: 0.1})
	if err != nil {
		panic(err)
	}
	fmt.Printf("eigenvector    %.4f\n", r.Eigenvector)
	fmt.Printf("geometric mean %.4f\n", r.GeometricMean)
	fmt.Printf("λmax %.4f  CI %.4f  CR %.4f (RI %.2f, %s)\n", r.LambdaMax, r.CI, r.CR, r.RI, r.RITable)
	// Output:
	// eigenvector    [0.6483 0.2297 0.1220]
	// geometric mean [0.6483 0.2297 0.1220]
	// λmax 3.0037  CI 0.0018  CR 0.0032 (RI 0.58, saaty1980)
}

// The same judgments pass or fail the 0.1 rule depending on the RI table,
// so the table is a recorded choice.
func ExampleRandomIndex() {
	// Saaty's (1977) wealth-of-nations matrix (7 criteria).
	a, _ := weighting.FromUpper([][]float64{{4, 9, 6, 6, 5, 5}, {7, 5, 5, 3, 4}, {1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5}, {1, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 1.0 / 3}, {2}})
	for _, t := range weighting.RITables() {
		r, err := weighting.Priorities(a, weighting.AHPSettings{RI: t})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-24s RI %.4f  CR %.4f\n", t, r.RI, r.CR)
	}
	// Output:
	// saaty1980                RI 1.3200  CR 0.0767
	// saaty2005                RI 1.3500  CR 0.0750
	// cn_textbook              RI 1.3600  CR 0.0745
	// donegan_dodd1991         RI 1.2519  CR 0.0809
	// alonso_lamata2006        RI 1.3397  CR 0.0756
	// alonso_lamata2006_table  RI 1.3417  CR 0.0755
}

// Inconsistencies points at the judgment to revisit and the value that
// would agree with the other judgments.
func ExampleInconsistencies() {
	// Consistent with weights 8:4:2:1 except a_14 = 1/2 (it should be 8).
	a, _ := weighting.FromUpper([][]float64{{2, 4, 0.5}, {2, 4}, {2}})
	r, _ := weighting.Priorities(a, weighting.AHPSettings{})
	fmt.Printf("CR %.3f\n", r.CR)
	for _, c := range weighting.Inconsistencies(a, r.Weights)[:2] {
		fmt.Printf("a[%d][%d] = %.2f; ratio %.2f; consistent value %.2f\n", c.Row, c.Col, c.Judgment, c.Ratio, c.Consistent)
	}
	// Output:
	// CR 0.403
	// a[0][3] = 0.50; ratio 0.30; consistent value 1.65
	// a[1][3] = 4.00; ratio 2.56; consistent value 1.56
}

// Three judges, the first counting double; AIJ combines their judgments,
// AIP their priorities. (With three criteria the eigenvector equals the
// geometric mean, so AIJ and geometric AIP coincide.)
func ExampleGroup() {
	j1, _ := weighting.FromUpper([][]float64{{3, 5}, {2}})
	j2, _ := weighting.FromUpper([][]float64{{2, 4}, {3}})
	j3, _ := weighting.FromUpper([][]float64{{1, 3}, {3}})
	g, err := weighting.Group([]mat.Matrix{j1, j2, j3}, []float64{2, 1, 1}, weighting.GroupSettings{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("AIJ            %.4f (CR %.4f)\n", g.AIJ.Weights, g.AIJ.CR)
	fmt.Printf("AIP geometric  %.4f\n", g.AIPGeometric)
	fmt.Printf("AIP arithmetic %.4f\n", g.AIPArithmetic)
	// Output:
	// AIJ            [0.5737 0.2970 0.1293] (CR 0.0036)
	// AIP geometric  [0.5737 0.2970 0.1293]
	// AIP arithmetic [0.5709 0.3019 0.1272]
}

// Harker's method fills a missing judgment with the value consistent with
// the resulting weights.
func ExampleHarker() {
	nan := math.NaN()
	a := mat.NewDense(3, 3, []float64{
		1, 2, nan,
		0.5, 1, 2,
		nan, 0.5, 1,
	})
	h, err := weighting.Harker(a, weighting.AHPSettings{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("weights %.4f, missing pairs %d\n", h.Weights, h.Missing)
	fmt.Printf("completed a_13 = %.4f\n", h.Completed.At(0, 2))
	// Output:
	// weights [0.5714 0.2857 0.1429], missing pairs 1
	// completed a_13 = 4.0000
}

// Hierarchical group AHP: each group of a two-level tree has its own
// judges; the effective weight of a leaf is the product of the local
// weights down its path (which the indicator package computes for a whole
// model). With judge weights 2:1 the top-level judgment is
// a_12 = 3^(2/3) * 1^(1/3) = 2.0801, so w = (2.0801, 1)/3.0801.
func Example_hierarchicalGroup() {
	top := weighting.Spec{Method: "ahp", Judges: []weighting.JudgeSpec{
		{Name: "resident panel", Weight: 2, Upper: [][]weighting.Judgment{{3}}},
		{Name: "experts", Weight: 1, Upper: [][]weighting.Judgment{{1}}},
	}}
	service := weighting.Spec{Method: "ahp", Judges: []weighting.JudgeSpec{
		{Name: "resident panel", Upper: [][]weighting.Judgment{{2, 4}, {2}}},
		{Name: "experts", Upper: [][]weighting.Judgment{{1, 3}, {3}}},
	}}
	local := func(s weighting.Spec, ids ...string) []float64 {
		sch, err := s.Scheme(ids)
		if err != nil {
			panic(err)
		}
		w, err := sch.Weights(weighting.Input{IDs: ids})
		if err != nil {
			panic(err)
		}
		return w
	}
	wTop := local(top, "service", "governance")
	wService := local(service, "transport", "health", "schools")
	fmt.Printf("top     %.4f\n", wTop)
	fmt.Printf("service %.4f\n", wService)
	fmt.Printf("effective transport %.4f, health %.4f, schools %.4f, governance %.4f\n",
		wTop[0]*wService[0], wTop[0]*wService[1], wTop[0]*wService[2], wTop[1])
	// Output:
	// top     [0.6753 0.3247]
	// service [0.5011 0.3543 0.1446]
	// effective transport 0.3384, health 0.2393, schools 0.0977, governance 0.3247
}

// Optimal fills missing judgments with the values that minimise λmax
// (Bozóki, Fülöp & Rónyai 2010); Harker's method is the other choice.
func ExampleOptimal() {
	nan := math.NaN()
	// a_34 is missing (BFR 2010's 4×4 example; AHPy's test).
	a := mat.NewDense(4, 4, []float64{
		1, 1, 5, 2,
		1, 1, 3, 4,
		1.0 / 5, 1.0 / 3, 1, nan,
		1.0 / 2, 1.0 / 4, nan, 1,
	})
	o, err := weighting.Optimal(a, weighting.AHPSettings{RI: weighting.DoneganDodd1991})
	if err != nil {
		panic(err)
	}
	fmt.Printf("a_34 = %.4f  weights %.4f  CR %.4f\n", o.Completed.At(2, 3), o.Weights, o.CR)
	// Output:
	// a_34 = 0.7303  weights [0.3738 0.3920 0.0985 0.1357]  CR 0.0372
}

// Suggestions names the judgment whose change on Saaty's scale lowers CR
// the most, and the value that does it.
func ExampleSuggestions() {
	// Consistent with weights 8:4:2:1 except a_14 = 1/2.
	a, _ := weighting.FromUpper([][]float64{{2, 4, 0.5}, {2, 4}, {2}})
	r, _ := weighting.Priorities(a, weighting.AHPSettings{})
	s, _ := weighting.Suggestions(a, weighting.AHPSettings{})
	fmt.Printf("CR %.3f; change a[%d][%d] from %v to %v: CR %.3f\n", r.CR, s[0].Row, s[0].Col, s[0].Judgment, s[0].Suggested, s[0].CR)
	// Output:
	// CR 0.403; change a[0][3] from 0.5 to 8: CR 0.000
}
