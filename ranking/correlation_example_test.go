package ranking_test

import (
	"fmt"

	"github.com/ppgpa/ppgpa/ranking"
)

// Two judges score six units; how much do their rankings agree?
func ExampleKendall() {
	x := []float64{9, 7, 8, 5, 6, 4}
	y := []float64{8, 8, 9, 4, 7, 5}
	k, err := ranking.Kendall(x, y, ranking.KendallOptions{})
	if err != nil {
		panic(err)
	}
	s, _ := ranking.Spearman(x, y)
	w, _ := ranking.WeightedTau(x, y, ranking.WeightedTauOptions{})
	fmt.Printf("tau-b %.4f (p %.4f, %v)\n", k.Tau, k.P, k.Method)
	fmt.Printf("rho   %.4f (p %.4f)\n", s.Rho, s.P)
	fmt.Printf("weighted tau %.4f\n", w)
	// Output:
	// tau-b 0.6901 (p 0.0558, asymptotic)
	// rho   0.8407 (p 0.0361)
	// weighted tau 0.6354
}

func ExampleMeanAbsShift() {
	published := []float64{1, 2, 3, 4, 5}
	recomputed := []float64{2, 1, 3, 5, 4}
	fmt.Println(ranking.Shift(published, recomputed))
	fmt.Printf("%.2f %.2f\n", ranking.MeanAbsShift(published, recomputed), ranking.TopKOverlap(published, recomputed, 3))
	// Output:
	// [1 -1 0 1 -1]
	// 0.80 1.00
}
