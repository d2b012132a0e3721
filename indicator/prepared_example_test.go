package indicator_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ppgpa/ppgpa/indicator"
)

// Prepare once, then re-aggregate cheaply: here with the second
// indicator left out and with equal weights.
func ExamplePrepared_Scores() {
	model := &indicator.Model{Version: 1, Name: "demo", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "a", Weight: 3, Column: "a"},
		{ID: "b", Weight: 1, Column: "b", Polarity: indicator.LowerIsBetter},
	}}}
	table, err := indicator.NewTable([]string{"X", "Y", "Z"}, []string{"a", "b"}, [][]float64{{10, 1}, {20, 5}, {30, 3}})
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
	dst := make([]float64, pr.NumUnits())
	for _, v := range []*indicator.Variant{
		nil,
		{Exclude: []bool{false, true}},
		{Weights: [][]float64{{1, 1}}},
	} {
		if err := pr.Scores(v, dst); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%.2f\n", dst)
	}
	// Output:
	// [25.00 37.50 87.50]
	// [0.00 50.00 100.00]
	// [50.00 25.00 75.00]
}
