package indicator_test

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestPropertyScoresOnlyExplain checks that a ScoresOnly evaluation has
// every field of a full one but Contribution and Share, and that Explain
// fills those with the same bits, on generated trees of every aggregation
// (benefit of the doubt included) with missing values under available-case
// aggregation and imputation.
func TestPropertyScoresOnlyExplain(t *testing.T) {
	t.Parallel()
	aggs := append(append([]indicator.AggregationMethod(nil), meanAggs...), indicator.Minimum, indicator.Median, indicator.BoD)
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, minmaxOnly, aggs)
		positiveGoalposts(s.model.Root)
		if rapid.Bool().Draw(t, "missing") {
			s.model.Root.Imputation = &indicator.Imputation{Method: indicator.ImputeMean}
			s.rows[rapid.IntRange(0, len(s.rows)-1).Draw(t, "row")][rapid.IntRange(0, len(s.cols)-1).Draw(t, "col")] = math.NaN()
		}
		p, err := indicator.Compile(s.model)
		if err != nil {
			t.Fatal(err)
		}
		tab := s.table(t)
		full, err := p.Evaluate(context.Background(), tab)
		if err != nil {
			t.Skip(err)
		}
		lite, err := p.EvaluateWith(context.Background(), tab, indicator.EvalOptions{ScoresOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range lite.Nodes {
			if lite.Nodes[i].Contribution != nil || lite.Nodes[i].Share != nil {
				t.Fatalf("node %s: contributions before Explain", lite.Nodes[i].ID)
			}
		}
		bits := cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
		ignore := cmpopts.IgnoreFields(indicator.NodeResult{}, "Contribution", "Share")
		unexp := cmpopts.IgnoreUnexported(indicator.Result{})
		if d := cmp.Diff(full, lite, bits, ignore, unexp); d != "" {
			t.Fatalf("ScoresOnly differs from Evaluate (-full +lite):\n%s", d)
		}
		lite.Explain()
		if d := cmp.Diff(full, lite, bits, unexp); d != "" {
			t.Fatalf("Explain differs from Evaluate (-full +lite):\n%s", d)
		}
		lite.Explain() // a second call changes nothing
		if d := cmp.Diff(full, lite, bits, unexp); d != "" {
			t.Fatalf("second Explain differs (-full +lite):\n%s", d)
		}
	})
}

// TestEvaluateRawOwned checks that a full evaluation's Raw does not share
// memory with the table even where nothing changed the column, and that a
// ScoresOnly one does not copy it.
func TestEvaluateRawOwned(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "raw", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1}, {ID: "b", Column: "b", Weight: 1}}}}
	tab := mustTable(t, []string{"x", "y"}, []string{"a", "b"}, [][]float64{{1, 2}, {3, 4}})
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	full, err := p.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := full.Node("a")
	a.Raw[0] = 99
	if col, _ := tab.Column("a"); col[0] != 1 {
		t.Fatalf("writing Evaluate's Raw changed the table: %v", col)
	}
	lite, err := p.EvaluateWith(context.Background(), tab, indicator.EvalOptions{ScoresOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := lite.Node("b")
	if d := cmp.Diff([]float64{2, 4}, b.Raw); d != "" {
		t.Fatalf("ScoresOnly Raw (-want +got):\n%s", d)
	}
}
