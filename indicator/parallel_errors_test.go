package indicator_test

import (
	"context"
	"fmt"
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
