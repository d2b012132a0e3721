package indicator_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// benchModel returns a 4-level tree (root, 4 groups, 5 subgroups each, 10
// min-max leaves each: 200 indicators, every fourth lower-is-better) and
// a table of n units with seeded uniform data.
func benchModel(tb testing.TB, n int) (*indicator.Plan, *indicator.Table) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	root := &indicator.Node{ID: "root"}
	var cols []string
	for a := 0; a < 4; a++ {
		ga := &indicator.Node{ID: fmt.Sprintf("g%d", a), Weight: float64(a + 1)}
		for b := 0; b < 5; b++ {
			gb := &indicator.Node{ID: fmt.Sprintf("g%d.%d", a, b), Weight: 1 + float64(b)/2}
			for c := 0; c < 10; c++ {
				col := fmt.Sprintf("x%d_%d_%d", a, b, c)
				leaf := &indicator.Node{ID: col, Column: col, Weight: 1 + r.Float64()}
				if c%4 == 3 {
					leaf.Polarity = indicator.LowerIsBetter
				}
				gb.Children = append(gb.Children, leaf)
				cols = append(cols, col)
			}
			ga.Children = append(ga.Children, gb)
		}
		root.Children = append(root.Children, ga)
	}
	plan, err := indicator.Compile(&indicator.Model{Version: 1, Name: "bench", Root: root})
	if err != nil {
		tb.Fatal(err)
	}
	units := make([]string, n)
	rows := make([][]float64, n)
	for i := range rows {
		units[i] = fmt.Sprintf("u%05d", i)
		rows[i] = make([]float64, len(cols))
		for j := range rows[i] {
			rows[i][j] = 100 * r.Float64()
		}
	}
	return plan, mustTable(tb, units, cols, rows)
}

// BenchmarkEvaluate scores 3,000 units on 200 indicators in a 4-level
// tree (target: at most 5 ms per evaluation, allocations independent of
// the number of units).
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{300, 3000} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			plan, tab := benchModel(b, n)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := plan.Evaluate(ctx, tab); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPreparedScores re-aggregates the prepared 3,000 × 200 table:
// nominal, with a variant excluding one indicator, and with geometric
// means in every group (whose leaf logarithms are cached).
func BenchmarkPreparedScores(b *testing.B) {
	plan, tab := benchModel(b, 3000)
	pr, err := plan.Prepare(context.Background(), tab)
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]float64, pr.NumUnits())
	excl := make([]bool, len(plan.Leaves()))
	excl[7] = true
	geo := make([]indicator.Aggregation, len(plan.Groups()))
	for g := range geo {
		geo[g] = indicator.Aggregation{Method: indicator.Geometric, Offset: 1}
	}
	for _, v := range []struct {
		name string
		v    *indicator.Variant
	}{{"nominal", nil}, {"exclude", &indicator.Variant{Exclude: excl}}, {"geometric", &indicator.Variant{Aggregation: geo}}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := pr.Scores(v.v, dst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
