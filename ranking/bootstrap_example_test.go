package ranking_test

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/ranking"
)

// Satisfaction (share answering 3 or 4 on a 4-point item, in percent) of
// four districts, with a bootstrap of the respondents through their
// answer counts.
func ExampleBootstrapCounts() {
	counts := [][]int{
		{20, 40, 90, 50}, // 70%
		{30, 50, 80, 40}, // 60%
		{25, 45, 85, 45}, // 65%
		{60, 60, 50, 30}, // 40%
	}
	values := []float64{0, 0, 100, 100}
	d, err := ranking.BootstrapCounts(context.Background(), counts, values, []string{"a", "b", "c", "d"},
		ranking.Settings{Replications: 2000, Seed: 1, TopK: 1})
	if err != nil {
		panic(err)
	}
	for i := range counts {
		fmt.Printf("rank %.0f, 90%% interval %.0f-%.0f, P(first) %.2f\n", d.Nominal[i], d.Lo[i], d.Hi[i], d.PTop[i])
	}
	// Output:
	// rank 1, 90% interval 1-2, P(first) 0.84
	// rank 3, 90% interval 2-3, P(first) 0.01
	// rank 2, 90% interval 1-3, P(first) 0.12
	// rank 4, 90% interval 4-4, P(first) 0.00
}

// Confidence sets for the ranks of five estimates with standard error 2.
func ExampleRankConfidence() {
	est := []float64{80, 78, 71, 70, 60}
	cov := mat.NewDiagDense(5, []float64{4, 4, 4, 4, 4})
	c, err := ranking.RankConfidence(context.Background(), est, cov, ranking.ConfidenceSettings{Seed: 1})
	if err != nil {
		panic(err)
	}
	for i, m := range c.Marginal {
		s := c.Simultaneous[i]
		fmt.Printf("%.0f: marginal %d-%d, simultaneous %d-%d\n", est[i], m.Lo, m.Hi, s.Lo, s.Hi)
	}
	tiers, err := ranking.Tiers(c.Simultaneous, []int{2, 4})
	if err != nil {
		panic(err)
	}
	fmt.Println("tiers (top 2 / middle / bottom):", tiers)
	top, _ := ranking.TopSet(context.Background(), est, cov, 1, ranking.ConfidenceSettings{Seed: 1})
	fmt.Println("may be first:", top)
	// Output:
	// 80: marginal 1-2, simultaneous 1-2
	// 78: marginal 1-2, simultaneous 1-3
	// 71: marginal 3-4, simultaneous 2-4
	// 70: marginal 3-4, simultaneous 3-4
	// 60: marginal 5-5, simultaneous 5-5
	// tiers (top 2 / middle / bottom): [0 -1 -1 1 2]
	// may be first: [true true false false false]
}
