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

// A league table that breaks the score down by the root's children only
// evaluates with ScoresOnly and explains the root: the contributions of
// the deeper nodes are checked (as Evaluate checks them) but not kept.
// The figures are those of Example for the services group, halved by
// the root's equal weights, beside a min-max satisfaction score.
func ExampleResult_ExplainGroups() {
	model := &indicator.Model{Version: indicator.Version, Name: "demo", Root: &indicator.Node{
		ID: "total", Name: "综合得分",
		Children: []*indicator.Node{
			{ID: "service", Name: "政务服务", Weight: 1, Children: []*indicator.Node{
				{ID: "online", Name: "网上可办率", Weight: 3, Column: "online_pct"},
				{ID: "wait", Name: "等待天数", Weight: 1, Column: "wait_days", Polarity: indicator.LowerIsBetter},
			}},
			{ID: "satisfaction", Name: "群众满意度", Weight: 1, Column: "satisfied_pct"},
		},
	}}
	table, err := indicator.NewTable(
		[]string{"东城", "西城", "南湖"},
		[]string{"online_pct", "wait_days", "satisfied_pct"},
		[][]float64{{80, 2, 70}, {90, 6, 90}, {100, 4, 80}},
	)
	if err != nil {
		log.Fatal(err)
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		log.Fatal(err)
	}
	res, err := plan.EvaluateWith(context.Background(), table, indicator.EvalOptions{ScoresOnly: true})
	if err != nil {
		log.Fatal(err)
	}
	if err := res.ExplainGroups("total"); err != nil {
		log.Fatal(err) // what Evaluate would have returned
	}
	service, _ := res.Node("service")
	satisfaction, _ := res.Node("satisfaction")
	for u, name := range res.Units {
		fmt.Printf("%s %6.2f = %5.2f + %5.2f\n", name, res.Score[u], service.Contribution[u], satisfaction.Contribution[u])
	}
	online, _ := res.Node("online")
	fmt.Println("online explained:", online.Contribution != nil)
	// Output:
	// 东城  12.50 = 12.50 +  0.00
	// 西城  68.75 = 18.75 + 50.00
	// 南湖  68.75 = 43.75 + 25.00
	// online explained: false
}
