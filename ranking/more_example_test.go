package ranking_test

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// Spearman's rho for two rankings of five units that swap two adjacent
// pairs: the rank differences are 0, 1, 1, 1, 1, so
// rho = 1 - 6 * 4 / (5 (25 - 1)) = 0.8; t = 0.8 sqrt(3 / 0.36) = 2.309 on
// 3 degrees of freedom gives p = 0.104 (scipy.stats.spearmanr agrees).
func ExampleSpearman() {
	s, err := ranking.Spearman([]float64{10, 20, 30, 40, 50}, []float64{1, 3, 2, 5, 4})
	if err != nil {
		panic(err)
	}
	fmt.Printf("rho %.2f, p %.3f\n", s.Rho, s.P)
	// Output:
	// rho 0.80, p 0.104
}

// Rank intervals of three survey estimates with standard errors: unit a
// leads b by 2 points (difference sd sqrt 2), c is far behind.
func ExampleParametric() {
	est := []float64{80, 78, 71}
	se := []float64{1, 1, 1}
	d, err := ranking.Parametric(context.Background(), est, se, []string{"a", "b", "c"}, ranking.Settings{Replications: 4000, Seed: 1, TopK: 1})
	if err != nil {
		panic(err)
	}
	for i, u := range []string{"a", "b", "c"} {
		fmt.Printf("%s: nominal %.0f, 90%% interval %.0f-%.0f, P(first) %.2f\n", u, d.Nominal[i], d.Lo[i], d.Hi[i], d.PTop[i])
	}
	// Output:
	// a: nominal 1, 90% interval 1-2, P(first) 0.92
	// b: nominal 2, 90% interval 1-2, P(first) 0.08
	// c: nominal 3, 90% interval 3-3, P(first) 0.00
}

// Which units may be the best two? TopSet keeps every unit that is not
// significantly beaten by two others.
func ExampleTopSet() {
	est := []float64{80, 78, 71, 70, 60}
	cov := mat.NewDiagDense(5, []float64{4, 4, 4, 4, 4})
	top, err := ranking.TopSet(context.Background(), est, cov, 2, ranking.ConfidenceSettings{Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println("may be among the best two:", top)
	// Output:
	// may be among the best two: [true true true false false]
}

// Tiers grades units only as far as their rank confidence sets allow:
// with cuts 2 and 4 of eight ranks, a set within 1..2 is tier 0, within
// 3..4 tier 1, within 5..8 tier 2, and a set across a cut gets -1.
func ExampleTiers() {
	sets := []ranking.RankSet{{Lo: 1, Hi: 1}, {Lo: 1, Hi: 3}, {Lo: 3, Hi: 4}, {Lo: 5, Hi: 8}}
	tiers, err := ranking.Tiers(sets, []int{2, 4})
	if err != nil {
		panic(err)
	}
	fmt.Println(tiers)
	// Output:
	// [0 -1 1 2]
}

// The fingerprint of a model and its data does not depend on the order of
// the rows, and changes with any value.
func ExampleFingerprint() {
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "x", Column: "x", Weight: 1}, {ID: "y", Column: "y", Weight: 1}}}}
	t1, _ := indicator.NewTable([]string{"a", "b"}, []string{"x", "y"}, [][]float64{{1, 2}, {3, 4}})
	t2, _ := indicator.NewTable([]string{"b", "a"}, []string{"y", "x"}, [][]float64{{4, 3}, {2, 1}})
	t3, _ := indicator.NewTable([]string{"a", "b"}, []string{"x", "y"}, [][]float64{{1, 2}, {3, 4.5}})
	f1, err := ranking.Fingerprint(m, t1, nil)
	if err != nil {
		panic(err)
	}
	f2, _ := ranking.Fingerprint(m, t2, nil)
	f3, _ := ranking.Fingerprint(m, t3, nil)
	fmt.Println("rows and columns reordered, same:", f1 == f2)
	fmt.Println("one value changed, same:", f1 == f3)
	// Output:
	// rows and columns reordered, same: true
	// one value changed, same: false
}

// First-order and total Sobol indices of the mean rank shift of four units
// for two factors: the weights of two indicators (±50%) and the choice of
// an arithmetic or geometric mean. Small N for a quick example; use the
// default 1,024 or more in practice.
func ExampleSobol() {
	leaf := func(id string) *indicator.Node { return &indicator.Node{ID: id, Column: id, Weight: 1} }
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{leaf("x"), leaf("y")}}}
	tab, err := indicator.NewTable([]string{"a", "b", "c", "d"}, []string{"x", "y"}, [][]float64{{90, 10}, {60, 55}, {40, 70}, {10, 95}})
	if err != nil {
		panic(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		panic(err)
	}
	factors := []ranking.Factor{
		{Name: "weights", Amount: 0.5},
		{Name: "aggregation", Kind: ranking.FactorAggregation, Aggregations: []indicator.Aggregation{
			{Method: indicator.Arithmetic}, {Method: indicator.Geometric, Offset: 1}}},
	}
	res, err := ranking.Sobol(context.Background(), plan, tab, factors, ranking.SobolSettings{N: 256, Bootstrap: 100, Seed: 1})
	if err != nil {
		panic(err)
	}
	for i, f := range res.Factors {
		fmt.Printf("%-11s S %.2f  ST %.2f\n", f, res.Shift.First[i], res.Shift.Total[i])
	}
	// Output:
	// weights     S 0.36  ST 0.59
	// aggregation S 0.44  ST 0.62
}
