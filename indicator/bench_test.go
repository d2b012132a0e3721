package indicator_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
)

// benchModel returns a 4-level tree (root, 4 groups, 5 subgroups each, 10
// min-max leaves each: 200 indicators, every fourth lower-is-better) and
// a table of n units with seeded uniform data.
func benchModel(tb testing.TB, n int) (*indicator.Plan, *indicator.Table) {
	return benchModelK(tb, n, 10)
}

// benchModelK is benchModel with k leaves per subgroup (20k indicators).
func benchModelK(tb testing.TB, n, k int) (*indicator.Plan, *indicator.Table) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	root := &indicator.Node{ID: "root"}
	var cols []string
	for a := 0; a < 4; a++ {
		ga := &indicator.Node{ID: fmt.Sprintf("g%d", a), Weight: float64(a + 1)}
		for b := 0; b < 5; b++ {
			gb := &indicator.Node{ID: fmt.Sprintf("g%d.%d", a, b), Weight: 1 + float64(b)/2}
			for c := 0; c < k; c++ {
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

// BenchmarkEvaluate scores 300 to 30,000 units on 200 or 1,000
// indicators in a 4-level tree: "full" fills every field of the result
// (Plan.Evaluate), "scores" only the scores (EvalOptions.ScoresOnly, the
// same work as BenchmarkEvaluateLimit), "explain" (at 3,000 units) is
// scores then Result.Explain. Allocations depend on the number of units
// only through Prepare's choice of one allocation or one per item of
// leaves (see schedule.go).
func BenchmarkEvaluate(b *testing.B) {
	ctx := context.Background()
	for _, s := range benchSizes {
		// The inputs are made on first use, so that a run of one
		// sub-benchmark does not make the others'.
		var plan *indicator.Plan
		var tab *indicator.Table
		for _, mode := range []string{"scores", "full", "explain"} {
			if mode == "explain" && s.units != 3000 {
				continue
			}
			b.Run(fmt.Sprintf("units=%d/ind=%d/%s", s.units, 20*s.perGroup, mode), func(b *testing.B) {
				if plan == nil {
					plan, tab = benchModelK(b, s.units, s.perGroup)
				}
				b.ReportAllocs()
				benchcpu.Report(b, func() {
					r, err := plan.EvaluateWith(ctx, tab, indicator.EvalOptions{ScoresOnly: mode != "full"})
					if err != nil {
						b.Fatal(err)
					}
					if mode == "explain" {
						r.Explain()
					}
				})
			})
		}
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
