package indicator_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// The coherence of a two-level model: how each group's children correlate
// with each other, with the group and with the index, the group's
// Cronbach's alpha, and the pairs flagged.
func ExamplePrepared_Coherence() {
	leaf := func(id string) *indicator.Node {
		return &indicator.Node{ID: id, Column: id, Weight: 1, Normalization: &indicator.Normalization{Method: indicator.NormNone}}
	}
	model := &indicator.Model{Version: 1, Name: "demo", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "g", Weight: 1, Children: []*indicator.Node{leaf("a"), leaf("b")}},
		{ID: "h", Weight: 1, Children: []*indicator.Node{leaf("c"), leaf("d")}},
	}}}
	table, err := indicator.NewTable([]string{"U1", "U2", "U3", "U4"}, []string{"a", "b", "c", "d"}, [][]float64{
		{10, 20, 40, 10},
		{20, 10, 30, 30},
		{30, 40, 20, 20},
		{40, 30, 10, 40},
	})
	if err != nil {
		log.Fatal(err)
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		log.Fatal(err)
	}
	pr, err := plan.Prepare(context.Background(), table)
	if err != nil {
		log.Fatal(err)
	}
	c, err := pr.Coherence(context.Background(), weighting.CoherenceSettings{})
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range c.Groups {
		fmt.Printf("%s: children %v, r with group %.4f, with index %.4f, alpha %.4f\n", g.ID, g.Children, g.WithGroup, g.WithIndex, g.Alpha.Raw)
		for _, f := range g.Flags {
			fmt.Printf("  %s and %s: %s (r = %.4f)\n", f.A, f.B, f.Kind, f.R)
		}
	}
	// Output:
	// total: children [g h], r with group [0.9487 -0.4472], with index [0.9487 -0.4472], alpha -1.6000
	//   g and h: negative (r = -0.7071)
	// g: children [a b], r with group [0.8944 0.8944], with index [0.9899 0.7071], alpha 0.7500
	// h: children [c d], r with group [0.3162 0.3162], with index [-0.9899 0.7071], alpha -8.0000
	//   c and d: negative (r = -0.8000)
}
