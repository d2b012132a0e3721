package ranking_test

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// CompareSchemes ranks the same data under the model, equal weights, the
// geometric mean and min-max normalisation, one choice changed at a time.
// By hand: the model (2:1) gives A 68.33, B 53.33, C 36.67; equal weights
// 52.5, 50, 45; the weighted geometric mean 36.84, 52.41, 30.37 (B first);
// min-max then 2:1 gives 66.67, 51.28, 33.33.
func ExampleCompareSchemes() {
	m := &indicator.Model{Version: 1, Name: "c", Root: &indicator.Node{ID: "r", Normalization: &indicator.Normalization{Method: indicator.NormNone},
		Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 2}, {ID: "y", Column: "y", Weight: 1}}}}
	tab, _ := indicator.NewTable([]string{"A", "B", "C"}, []string{"x", "y"}, [][]float64{{100, 5}, {60, 40}, {20, 70}})
	models := map[string]*indicator.Model{
		"model":     m,
		"equal":     ranking.WithWeighting(m, "equal"),
		"geometric": ranking.WithAggregation(m, indicator.Aggregation{Method: indicator.Geometric}),
		"minmax":    ranking.WithNormalization(m, indicator.Normalization{Method: indicator.NormMinMax}),
	}
	var schemes []ranking.Scheme
	for _, name := range []string{"model", "equal", "geometric", "minmax"} {
		p, err := indicator.Compile(models[name])
		if err != nil {
			panic(err)
		}
		schemes = append(schemes, ranking.Scheme{Name: name, Plan: p})
	}
	c, err := ranking.CompareSchemes(context.Background(), tab, schemes, ranking.Options{})
	if err != nil {
		panic(err)
	}
	for s, name := range c.Names {
		fmt.Printf("%-9s ranks %v  tau-b with the model %.3f\n", name, c.Ranks[s], c.Tau[0][s])
	}
	fmt.Println("shift", c.Shift)
	// Output:
	// model     ranks [1 2 3]  tau-b with the model 1.000
	// equal     ranks [1 2 3]  tau-b with the model 1.000
	// geometric ranks [2 1 3]  tau-b with the model 0.333
	// minmax    ranks [1 2 3]  tau-b with the model 1.000
	// shift [1 1 0]
}
