package report_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// benchInput returns a plan of 5 groups × 6 indicators and a table of n
// units with values from a fixed linear congruential sequence.
func benchInput(b *testing.B, n int) (*indicator.Plan, *indicator.Table) {
	b.Helper()
	var groups []string
	var cols []string
	for g := range 5 {
		var leaves []string
		for k := range 6 {
			c := fmt.Sprintf("x%d_%d", g, k)
			cols = append(cols, c)
			leaves = append(leaves, fmt.Sprintf(`{"id": %q, "column": %q, "weight": %d}`, c, c, 1+k%3))
		}
		groups = append(groups, fmt.Sprintf(`{"id": "g%d", "weight": %d, "children": [%s]}`, g, 1+g, strings.Join(leaves, ",")))
	}
	m, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "bench", "root": {"id": "total", "children": [` + strings.Join(groups, ",") + `]}}`))
	if err != nil {
		b.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		b.Fatal(err)
	}
	units := make([]string, n)
	data := make([][]float64, n)
	x := uint64(1)
	for i := range data {
		units[i] = fmt.Sprintf("单位%d", i)
		data[i] = make([]float64, len(cols))
		for j := range data[i] {
			x = x*6364136223846793005 + 1442695040888963407
			data[i][j] = float64(x>>40) / float64(1<<24) * 100
		}
	}
	t, err := indicator.NewTable(units, cols, data)
	if err != nil {
		b.Fatal(err)
	}
	return p, t
}

// BenchmarkBuild measures the per-unit analysis (one counterfactual
// evaluation per weak indicator and unit) without the Monte Carlo part.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{20, 150} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			p, t := benchInput(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := report.Build(context.Background(), p, t, report.Settings{Replications: -1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteHTML measures rendering a report of 150 units.
func BenchmarkWriteHTML(b *testing.B) {
	p, t := benchInput(b, 150)
	in, err := report.Build(context.Background(), p, t, report.Settings{Replications: 200})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := report.Write(io.Discard, report.HTML, in); err != nil {
			b.Fatal(err)
		}
	}
}
