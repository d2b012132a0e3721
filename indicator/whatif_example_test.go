package indicator_test

import (
	"context"
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/indicator"
)

// ExampleWhatIf asks what unit B would score with 80 instead of 40 on
// indicator a: a's min-max normalisation over the data (40 was a's
// minimum, so every unit's a-score changes) and the root are evaluated
// again; b keeps its scores. By hand: a = 60, 80, 100 scores 0, 50, 100
// and b = 5, 9, 7 scores 0, 100, 50, so the means are 0, 75 and 75. The
// scores are those of a new evaluation of the changed table, bit for bit.
func ExampleWhatIf() {
	m := &indicator.Model{Version: 1, Name: "example", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1},
		{ID: "b", Column: "b", Weight: 1}}}}
	tab, _ := indicator.NewTable([]string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{60, 5}, {40, 9}, {100, 7}})
	p, _ := indicator.Compile(m)
	ctx := context.Background()
	w, err := p.PrepareWhatIf(ctx, tab)
	if err != nil {
		fmt.Println(err)
		return
	}
	got, _ := w.Scores(ctx, 1, "a", 80)
	t2, _ := tab.WithValue(1, "a", 80)
	r, _ := p.Evaluate(ctx, t2)
	same := true
	for u := range got {
		same = same && math.Float64bits(got[u]) == math.Float64bits(r.Score[u])
	}
	fmt.Printf("what-if: %.4f\nsame bits as Evaluate: %v\n", got, same)
	// Output:
	// what-if: [0.0000 75.0000 75.0000]
	// same bits as Evaluate: true
}

// ExampleWhatIf_ScoresVetoed asks the question of ExampleWhatIf of a
// model with a veto rule on indicator a's score (below 20). On the table,
// a = 60, 40, 100 scores 33.3, 0 and 100, so B is vetoed; with 80 for B,
// a = 60, 80, 100 scores 0, 50 and 100 (by hand), so A is vetoed instead.
func ExampleWhatIf_ScoresVetoed() {
	m := &indicator.Model{Version: 1, Name: "example", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1, Veto: []indicator.Veto{{Op: "<", Threshold: 20}}},
		{ID: "b", Column: "b", Weight: 1}}}}
	tab, _ := indicator.NewTable([]string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{60, 5}, {40, 9}, {100, 7}})
	p, _ := indicator.Compile(m)
	ctx := context.Background()
	w, err := p.PrepareWhatIf(ctx, tab)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := p.Evaluate(ctx, tab)
	got, vetoed, _ := w.ScoresVetoed(ctx, 1, "a", 80)
	fmt.Printf("vetoed: %v\nwhat-if: %.4f, vetoed: %v\n", r.Vetoed, got, vetoed)
	// Output:
	// vetoed: [false true false]
	// what-if: [0.0000 75.0000 75.0000], vetoed: [true false false]
}
