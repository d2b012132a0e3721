package indicator_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestPrepareErrorOrder checks that the error of a plan with several
// failing groups is the one the serial bottom-up aggregation meets first
// (the failing group last in pre-order), with one thread and with
// several. Groups A and B use geometric means with offset 0, so a unit
// whose min-max score is 0 (the worst value) is outside their domain: A
// (a group of leaves, aggregated in the first wave) fails, and so does B,
// whose child group B1 scores 0 for unit u0, worst on both of B1's
// indicators. B comes after A in pre-order, so the serial loop (reverse
// pre-order) reaches B first and reports it. It is not parallel: it
// changes GOMAXPROCS.
func TestPrepareErrorOrder(t *testing.T) {
	geo := &indicator.Aggregation{Method: indicator.Geometric}
	leaf := func(id string) *indicator.Node { return &indicator.Node{ID: id, Column: id, Weight: 1} }
	root := &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "A", Weight: 1, Aggregation: geo, Children: []*indicator.Node{leaf("a1"), leaf("a2")}},
		{ID: "B", Weight: 1, Aggregation: geo, Children: []*indicator.Node{
			{ID: "B1", Weight: 1, Children: []*indicator.Node{leaf("b1"), leaf("b2")}},
			leaf("b3"),
		}},
	}}
	plan, err := indicator.Compile(&indicator.Model{Version: 1, Name: "order", Root: root})
	if err != nil {
		t.Fatal(err)
	}
	// 70,000 units, so that the aggregation of the groups of leaves (A and
	// B1, 280,000 cells) goes parallel; u0 is the worst on every
	// column.
	cols := []string{"a1", "a2", "b1", "b2", "b3"}
	units := make([]string, 70000)
	rows := make([][]float64, len(units))
	for u := range units {
		units[u] = fmt.Sprintf("u%d", u)
		rows[u] = make([]float64, len(cols))
		for j := range cols {
			rows[u][j] = float64(1 + (u*(j+3))%97)
		}
	}
	for j := range cols {
		rows[0][j] = 0
	}
	tab := mustTable(t, units, cols, rows)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var msgs []string
	for _, procs := range []int{1, 2, 7} {
		runtime.GOMAXPROCS(procs)
		for range 5 {
			_, err := plan.Evaluate(context.Background(), tab)
			if err == nil {
				t.Fatalf("GOMAXPROCS %d: no error", procs)
			}
			msgs = append(msgs, err.Error())
		}
	}
	for _, m := range msgs {
		if m != msgs[0] {
			t.Fatalf("errors differ: %q, %q", msgs[0], m)
		}
	}
	if !strings.Contains(msgs[0], "B") || strings.Contains(msgs[0], "\"a1\"") {
		t.Fatalf("error %q, want B's", msgs[0])
	}
	t.Log(msgs[0])
}

// TestPrepareErrorOrderItems checks that the groups Prepare aggregates
// right after their leaves (see schedule) do not change which error is
// returned: a leaf's error comes before any adjustment's, and an
// adjustment's before any aggregation's, as when every leaf is done
// first. The model has four groups of eight leaves; g1 and g3 use
// geometric means with offset 0, which fail for the unit whose min-max
// score is 0 (the serial bottom-up loop reports g3's error). The leaf
// x2_3, after g1 in pre-order, may miss a value (no imputation), and g2
// may have bonus points from a column not in the table. Each case runs
// serially (300 units) and, at 10,000 units (320,000 cells), on two
// workers. It is not parallel: it changes GOMAXPROCS.
func TestPrepareErrorOrderItems(t *testing.T) {
	model := func(bonus bool) *indicator.Model {
		root := &indicator.Node{ID: "root"}
		for g := range 4 {
			grp := &indicator.Node{ID: fmt.Sprintf("g%d", g), Weight: 1}
			if g%2 == 1 {
				grp.Aggregation = &indicator.Aggregation{Method: indicator.Geometric}
			}
			if g == 2 && bonus {
				grp.Adjustments = &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{{Column: "nope"}}}
			}
			for j := range 8 {
				id := fmt.Sprintf("x%d_%d", g, j)
				grp.Children = append(grp.Children, &indicator.Node{ID: id, Column: id, Weight: 1})
			}
			root.Children = append(root.Children, grp)
		}
		return &indicator.Model{Version: 1, Name: "items", Root: root}
	}
	table := func(n int, missing bool) *indicator.Table {
		var cols []string
		for g := range 4 {
			for j := range 8 {
				cols = append(cols, fmt.Sprintf("x%d_%d", g, j))
			}
		}
		units := make([]string, n)
		rows := make([][]float64, n)
		for u := range units {
			units[u] = fmt.Sprintf("u%d", u)
			rows[u] = make([]float64, len(cols))
			for j := range cols {
				rows[u][j] = float64(1 + (u*(j+3))%97)
			}
		}
		if missing {
			rows[5][2*8+3] = math.NaN()
		}
		return mustTable(t, units, cols, rows)
	}
	tests := []struct {
		name           string
		missing, bonus bool
		want           error
		path           string
	}{
		{"aggregation", false, false, indicator.ErrDomain, "root/g3"},
		{"leaf", true, false, indicator.ErrMissingValue, "root/g2/x2_3"},
		{"adjustment", false, true, indicator.ErrMissingColumn, "root/g2"},
		{"leaf and adjustment", true, true, indicator.ErrMissingValue, "root/g2/x2_3"},
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	for _, tc := range tests {
		plan, err := indicator.Compile(model(tc.bonus))
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, n := range []int{300, 10000} {
			tab := table(n, tc.missing)
			for _, procs := range []int{1, 2} {
				runtime.GOMAXPROCS(procs)
				_, err := plan.Evaluate(context.Background(), tab)
				var ne *indicator.NodeError
				if !errors.Is(err, tc.want) || !errors.As(err, &ne) || ne.Path != tc.path {
					t.Fatalf("%s, %d units, GOMAXPROCS %d: error %v, want %v at %s", tc.name, n, procs, err, tc.want, tc.path)
				}
				msgs = append(msgs, err.Error())
			}
		}
		for _, m := range msgs {
			if m != msgs[0] {
				t.Fatalf("%s: errors differ: %q, %q", tc.name, msgs[0], m)
			}
		}
	}
}
