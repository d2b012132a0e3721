package indicator_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// Entropy-weight TOPSIS (熵权TOPSIS) as a model: min-max normalised
// indicators (complaints lower-is-better), entropy weights, and the
// topsis aggregation giving each district its relative closeness.
func ExampleTOPSISCloseness_model() {
	model := `{"ppgpa": 1, "name": "熵权TOPSIS", "root": {"id": "total", "name": "总分",
	  "aggregation": {"method": "topsis"}, "weighting": {"method": "entropy"},
	  "children": [
	    {"id": "service", "column": "service"},
	    {"id": "coverage", "column": "coverage"},
	    {"id": "complaints", "column": "complaints", "polarity": "lower"}]}}`
	data := "unit,service,coverage,complaints\n东城,82.5,91.2,14\n西城,76.1,88.7,9\n南湖,91.3,79.5,22\n北山,68.4,95.1,6\n"
	m, err := indicator.DecodeModel(strings.NewReader(model))
	if err != nil {
		panic(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		panic(err)
	}
	tab, err := indicator.ReadCSV(strings.NewReader(data), indicator.CSVOptions{})
	if err != nil {
		panic(err)
	}
	r, err := plan.Evaluate(context.Background(), tab)
	if err != nil {
		panic(err)
	}
	for u, unit := range r.Units {
		fmt.Printf("%s %.4f\n", unit, r.Score[u])
	}
	// Output:
	// 东城 0.6137
	// 西城 0.5268
	// 南湖 0.4865
	// 北山 0.5135
}

// TOPSIS on a matrix of normalised scores (rows units, columns
// indicators) with weights 0.5, 0.3, 0.2.
func ExampleTOPSISCloseness() {
	y := [][]float64{{80, 60, 90}, {60, 90, 70}, {100, 40, 50}}
	r, err := indicator.TOPSISCloseness(y, []float64{0.5, 0.3, 0.2}, indicator.ScalingVector)
	if err != nil {
		panic(err)
	}
	for u := range y {
		fmt.Printf("unit %d: D+ %.4f D- %.4f C %.4f\n", u, r.DPlus[u], r.DMinus[u], r.Closeness[u])
	}
	// Output:
	// unit 0: D+ 0.1053 D- 0.1088 C 0.5081
	// unit 1: D+ 0.1450 D- 0.1340 C 0.4802
	// unit 2: D+ 0.1451 D- 0.1414 C 0.4936
}

// Grey relational grades against the ideal unit (100, 90, 90) with
// Deng's rho = 0.5: the differences to the reference run from 0 to 50, so
// xi = (0 + 25) / (d + 25), e.g. 25/45 = 0.5556 for unit 0's first.
func ExampleGreyGrades() {
	y := [][]float64{{80, 60, 90}, {60, 90, 70}, {100, 40, 50}}
	r, err := indicator.GreyGrades(y, []float64{1, 1, 1}, indicator.DefaultRho, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("reference %v, dmin %v, dmax %v\n", r.Reference, r.DMin, r.DMax)
	for u := range y {
		fmt.Printf("unit %d: coefficients %.4f grade %.4f\n", u, r.Coefficients[u], r.Grades[u])
	}
	// Output:
	// reference [100 90 90], dmin 0, dmax 50
	// unit 0: coefficients [0.5556 0.4545 1.0000] grade 0.6700
	// unit 1: coefficients [0.3846 1.0000 0.5556] grade 0.6467
	// unit 2: coefficients [1.0000 0.3333 0.3846] grade 0.5726
}

// Fuzzy comprehensive evaluation of one district on three factors, from
// the percentages of residents' answers per grade.
func ExampleFuzzyComposite() {
	grades := []indicator.FuzzyGrade{{Label: "很满意", Value: 100}, {Label: "满意", Value: 80},
		{Label: "一般", Value: 60}, {Label: "不满意", Value: 40}, {Label: "很不满意", Value: 20}}
	shares := [][][]float64{{ // one unit; factors 交通, 医疗, 治安
		{22, 41, 25, 9, 3},
		{30, 38, 20, 8, 4},
		{35, 40, 17, 6, 2},
	}}
	for _, op := range []string{indicator.OperatorWeightedAverage, indicator.OperatorZadeh} {
		r, err := indicator.FuzzyComposite(shares, []float64{0.5, 0.3, 0.2}, grades, op)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: B = %.4f, grade %s, score %.2f\n", op, r.Membership[0], r.GradeLabel(0), r.Scores[0])
	}
	// Output:
	// weighted_average: B = [0.2700 0.3990 0.2190 0.0810 0.0310], grade 满意, score 75.92
	// zadeh: B = [0.2752 0.3761 0.2294 0.0826 0.0367], grade 满意, score 75.41
}

// The Mazziotta–Pareto index penalises unbalanced units: units 0 and 1
// and 1 have the same mean of standardised scores (z = 100 + 10 (y -
// 57.5) / 14.79 per column), but unit 1's are uneven: its penalty is
// S^2/M = 13.52^2 / 101.69 = 1.80.
func ExampleMPIScores() {
	y := [][]float64{{60, 60}, {40, 80}, {80, 40}, {50, 50}}
	r, err := indicator.MPIScores(y, []float64{1, 1}, indicator.PenaltyNegative)
	if err != nil {
		panic(err)
	}
	for u := range y {
		fmt.Printf("unit %d: mean %.4f penalty %.4f MPI %.4f\n", u, r.Mean[u], r.Penalty[u], r.Scores[u])
	}
	// Output:
	// unit 0: mean 101.6903 penalty 0.0000 MPI 101.6903
	// unit 1: mean 101.6903 penalty 1.7982 MPI 99.8921
	// unit 2: mean 101.6903 penalty 1.7982 MPI 99.8921
	// unit 3: mean 94.9291 penalty 0.0000 MPI 94.9291
}

// The adjusted index standardises by the goalposts of each column (here
// 40 and 80, around the mean 57.5): r = 100 + 60 (y - 57.5) / 40.
func ExampleAMPIScores() {
	y := [][]float64{{60, 60}, {40, 80}, {80, 40}, {50, 50}}
	r, err := indicator.AMPIScores(y, []float64{1, 1}, indicator.PenaltyNegative, nil)
	if err != nil {
		panic(err)
	}
	for u := range y {
		fmt.Printf("unit %d: mean %.4f penalty %.4f AMPI %.4f\n", u, r.Mean[u], r.Penalty[u], r.Scores[u])
	}
	// Unit 1: r = 73.75 and 133.75, mean 103.75, S = 30, penalty 900/103.75.

	// Output:
	// unit 0: mean 103.7500 penalty 0.0000 AMPI 103.7500
	// unit 1: mean 103.7500 penalty 8.6747 AMPI 95.0753
	// unit 2: mean 103.7500 penalty 8.6747 AMPI 95.0753
	// unit 3: mean 88.7500 penalty 0.0000 AMPI 88.7500
}
