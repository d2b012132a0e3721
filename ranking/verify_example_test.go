package ranking_test

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// A tester recomputes a published league table of three units from the
// model and the data (min-max scores averaged: a = (0+100)/2, b =
// (50+0)/2, c = (100+50)/2); the publication swapped two ranks.
func ExampleVerify() {
	m := &indicator.Model{Version: 1, Name: "check", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "x", Column: "x", Weight: 1},
		{ID: "y", Column: "y", Weight: 1},
	}}, Ranking: &indicator.RankingSpec{Ties: "min"}}
	tab, err := indicator.NewTable([]string{"a", "b", "c"}, []string{"x", "y"}, [][]float64{{10, 30}, {20, 10}, {30, 20}})
	if err != nil {
		panic(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		panic(err)
	}
	res, err := plan.Evaluate(context.Background(), tab)
	if err != nil {
		panic(err)
	}
	fmt.Printf("recomputed scores %.2f\n", res.Score)
	pub := ranking.Published{
		Units:  []string{"a", "b", "c"},
		Scores: []float64{50, 25, 75},
		Ranks:  []float64{3, 2, 1},
	}
	rep, err := ranking.Verify(context.Background(), plan, tab, pub, ranking.VerifySettings{ScoreTol: 0.05})
	if err != nil {
		panic(err)
	}
	fmt.Println("same:", rep.OK())
	for _, d := range rep.Differences {
		fmt.Printf("%s %s: published %s, recomputed %s\n", d.Unit, d.Field, d.Published, d.Recomputed)
	}
	// Output:
	// recomputed scores [50.00 25.00 75.00]
	// same: false
	// a rank: published 3, recomputed 2
	// b rank: published 2, recomputed 3
}
