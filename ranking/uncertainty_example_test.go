package ranking_test

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// A two-group model of five districts; how stable is its ranking when the
// weights move by ±25% at both levels and the groups may aggregate
// geometrically? (Unit d leads on the arithmetic mean but has the lowest
// growth, a min-max score of 0, which the geometric mean punishes.)
func ExampleMonteCarlo() {
	leaf := func(id string, w float64) *indicator.Node { return &indicator.Node{ID: id, Column: id, Weight: w} }
	m := &indicator.Model{Version: 1, Name: "districts", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "services", Weight: 2, Children: []*indicator.Node{leaf("schools", 1), leaf("clinics", 1)}},
		{ID: "economy", Weight: 1, Children: []*indicator.Node{leaf("jobs", 2), leaf("growth", 1)}},
	}}}
	tab, err := indicator.NewTable([]string{"a", "b", "c", "d", "e"}, []string{"schools", "clinics", "jobs", "growth"}, [][]float64{
		{80, 70, 60, 5.1},
		{75, 82, 55, 4.0},
		{60, 65, 90, 7.5},
		{90, 88, 40, 2.2},
		{50, 55, 58, 3.9},
	})
	if err != nil {
		panic(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		panic(err)
	}
	factors := []ranking.Factor{
		{Name: "top weights", Amount: 0.25, Groups: ranking.LevelGroups(plan, 0)},
		{Name: "group weights", Amount: 0.25, Groups: ranking.LevelGroups(plan, 1)},
		{Name: "aggregation", Kind: ranking.FactorAggregation, Aggregations: []indicator.Aggregation{
			{Method: indicator.Arithmetic}, {Method: indicator.Geometric, Offset: 1}}},
	}
	d, err := ranking.MonteCarlo(context.Background(), plan, tab, factors, ranking.Settings{Replications: 4000, Seed: 7, TopK: 1})
	if err != nil {
		panic(err)
	}
	for i, u := range tab.Units() {
		fmt.Printf("%s nominal %.0f median %.0f 90%% %.0f-%.0f P(first) %.2f\n", u, d.Nominal[i], d.Median[i], d.Lo[i], d.Hi[i], d.PTop[i])
	}
	fmt.Printf("mean |shift| %.3f\n", d.MeanAbsShift)

	s, err := ranking.Sobol(context.Background(), plan, tab, factors, ranking.SobolSettings{N: 512, Seed: 7})
	if err != nil {
		panic(err)
	}
	for f, name := range s.Factors {
		fmt.Printf("%-13s total effect on the shift %.2f\n", name, s.Shift.Total[f])
	}
	// Output:
	// a nominal 3 median 2 90% 1-4 P(first) 0.16
	// b nominal 2 median 2 90% 1-3 P(first) 0.35
	// c nominal 4 median 3 90% 2-4 P(first) 0.02
	// d nominal 1 median 4 90% 1-4 P(first) 0.48
	// e nominal 5 median 5 90% 5-5 P(first) 0.00
	// mean |shift| 0.684
	// top weights   total effect on the shift 0.16
	// group weights total effect on the shift 0.01
	// aggregation   total effect on the shift 0.97
}
