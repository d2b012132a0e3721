package indicator_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// Three districts scored on two indicators: a share of services online
// (higher is better) and waiting days (lower is better), weighted 3:1 and
// min-max normalised onto 0..100.
func Example() {
	model := &indicator.Model{Version: indicator.Version, Name: "demo", Root: &indicator.Node{
		ID: "total", Name: "综合得分",
		Children: []*indicator.Node{
			{ID: "online", Name: "网上可办率", Weight: 3, Column: "online_pct"},
			{ID: "wait", Name: "等待天数", Weight: 1, Column: "wait_days", Polarity: indicator.LowerIsBetter},
		},
	}}
	table, err := indicator.NewTable(
		[]string{"东城", "西城", "南湖"},
		[]string{"online_pct", "wait_days"},
		[][]float64{{80, 2}, {90, 6}, {100, 4}},
	)
	if err != nil {
		log.Fatal(err)
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		log.Fatal(err)
	}
	res, err := plan.Evaluate(context.Background(), table)
	if err != nil {
		log.Fatal(err)
	}
	wait, _ := res.Node("wait")
	for u, name := range res.Units {
		fmt.Printf("%s %6.2f (waiting days contribute %5.2f)\n", name, res.Score[u], wait.Contribution[u])
	}
	for _, w := range res.Weights {
		fmt.Printf("%s %.2f\n", w.Path, w.Weight)
	}
	// Output:
	// 东城  25.00 (waiting days contribute 25.00)
	// 西城  37.50 (waiting days contribute  0.00)
	// 南湖  87.50 (waiting days contribute 12.50)
	// total/online 0.75
	// total/wait 0.25
}

func ExamplePlan_WriteTree() {
	m, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "demo", "root": {"id": "total", "name": "综合",
	  "children": [
	    {"id": "service", "name": "服务", "weight": 3, "aggregation": {"method": "geometric"}, "children": [
	      {"id": "online", "weight": 1, "column": "online_pct"},
	      {"id": "wait", "weight": 1, "column": "wait_days", "polarity": "lower", "imputation": {"method": "median"}}]},
	    {"id": "satisfaction", "name": "满意度", "weight": 1, "column": "sat", "normalization": {"method": "none"}}]}}`))
	if err != nil {
		log.Fatal(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		log.Fatal(err)
	}
	if err := plan.WriteTree(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// total 综合  arithmetic
	//   service 服务  weight 0.7500 (global 0.7500)  geometric
	//     online  weight 0.5000 (global 0.3750)  column online_pct, higher is better, minmax
	//     wait  weight 0.5000 (global 0.3750)  column wait_days, lower is better, minmax, impute median
	//   satisfaction 满意度  weight 0.2500 (global 0.2500)  column sat, higher is better, none
}
