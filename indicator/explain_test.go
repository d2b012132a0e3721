package indicator_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
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

// TestPropertyExplainGroups checks ExplainGroups against a full
// evaluation, on generated trees of every normalisation and aggregation
// with data anywhere in the float64 range (so that some contributions or
// shares overflow): after a ScoresOnly evaluation it fails exactly when
// Evaluate fails, with its error, leaving the result unchanged, and
// otherwise fills the contributions and shares of the children of the
// groups asked for with the bits of Evaluate, and no others.
func TestPropertyExplainGroups(t *testing.T) {
	t.Parallel()
	overflows := 0
	// About half of the runs of 100 cases meet an overflow: up to 30 runs,
	// until one does.
	for run := 0; run < 30 && overflows == 0 && !t.Failed(); run++ {
		rapid.Check(t, func(t *rapid.T) { explainGroupsCase(t, &overflows) })
	}
	t.Logf("%d evaluations failed on an overflow", overflows)
	if overflows == 0 {
		t.Error("no generated case overflowed: the errors were not compared")
	}
}

func explainGroupsCase(t *rapid.T, overflows *int) {
	p, tab := genExtremeCase(t)
	full, ferr := p.Evaluate(context.Background(), tab)
	lite, lerr := p.EvaluateWith(context.Background(), tab, indicator.EvalOptions{ScoresOnly: true})
	if lerr != nil {
		if ferr == nil || ferr.Error() != lerr.Error() {
			t.Fatalf("ScoresOnly: %v, Evaluate: %v", lerr, ferr)
		}
		return
	}
	var groups []string
	for _, nr := range lite.Nodes {
		if !nr.Leaf && rapid.Bool().Draw(t, "keep "+nr.ID) {
			groups = append(groups, nr.ID)
		}
	}
	err := lite.ExplainGroups(groups...)
	if ferr != nil {
		if !errors.Is(ferr, indicator.ErrOverflow) {
			t.Fatalf("Evaluate failed, ScoresOnly did not: %v", ferr)
		}
		*overflows++
		if err == nil || err.Error() != ferr.Error() {
			t.Fatalf("ExplainGroups: %v, Evaluate: %v", err, ferr)
		}
		for _, nr := range lite.Nodes {
			if nr.Contribution != nil {
				t.Fatalf("node %s: contributions after a failed ExplainGroups", nr.ID)
			}
		}
		return
	}
	if err != nil {
		t.Fatalf("ExplainGroups: %v, Evaluate succeeded", err)
	}
	kept := map[int]bool{}
	for _, id := range groups {
		for i, nr := range lite.Nodes {
			if nr.ID == id {
				kept[i] = true
			}
		}
	}
	bits := cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
	for i := 1; i < len(lite.Nodes); i++ {
		l, f := &lite.Nodes[i], &full.Nodes[i]
		if !kept[l.Parent] {
			if l.Contribution != nil || l.Share != nil {
				t.Fatalf("node %s: contributions of a group not asked for", l.ID)
			}
			continue
		}
		if d := cmp.Diff(f.Contribution, l.Contribution, bits); d != "" {
			t.Fatalf("node %s: contributions differ (-Evaluate +ExplainGroups):\n%s", l.ID, d)
		}
		if d := cmp.Diff(f.Share, l.Share, bits); d != "" {
			t.Fatalf("node %s: shares differ (-Evaluate +ExplainGroups):\n%s", l.ID, d)
		}
	}
}

// TestExplainGroupsUnknown checks that ExplainGroups names an id that is
// not a group's.
func TestExplainGroupsUnknown(t *testing.T) {
	m := &indicator.Model{Version: 1, Name: "g", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1}, {ID: "b", Column: "b", Weight: 1}}}}
	tab := mustTable(t, []string{"x", "y"}, []string{"a", "b"}, [][]float64{{1, 2}, {3, 4}})
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.EvaluateWith(context.Background(), tab, indicator.EvalOptions{ScoresOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "nope"} {
		if err := r.ExplainGroups(id); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q is not the id of a group", id)) {
			t.Errorf("ExplainGroups(%q): %v", id, err)
		}
	}
	if err := r.ExplainGroups("r"); err != nil || r.Nodes[1].Contribution == nil {
		t.Fatalf("ExplainGroups(r): %v, contributions %v", err, r.Nodes[1].Contribution)
	}
}

// TestExplainGroupsLarge is TestPropertyExplainGroups on the benchmark's
// model of 200 indicators at 3,000 units, where the groups are spread
// over several workers: the root's children get the bits of Evaluate.
func TestExplainGroupsLarge(t *testing.T) {
	p, tab := benchModel(t, 3000)
	full, err := p.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	lite, err := p.EvaluateWith(context.Background(), tab, indicator.EvalOptions{ScoresOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := lite.ExplainGroups(lite.Nodes[0].ID); err != nil {
		t.Fatal(err)
	}
	bits := cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
	kept := 0
	for i := 1; i < len(lite.Nodes); i++ {
		l, f := &lite.Nodes[i], &full.Nodes[i]
		if l.Parent != 0 {
			if l.Contribution != nil {
				t.Fatalf("node %s: contributions of a group not asked for", l.ID)
			}
			continue
		}
		kept++
		if d := cmp.Diff([][]float64{f.Contribution, f.Share}, [][]float64{l.Contribution, l.Share}, bits); d != "" {
			t.Fatalf("node %s differs (-Evaluate +ExplainGroups):\n%s", l.ID, d)
		}
	}
	if kept == 0 {
		t.Fatal("the root has no children")
	}
}
