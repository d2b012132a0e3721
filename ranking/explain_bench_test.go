package ranking

import (
	"context"
	"testing"
)

// BenchmarkExplain explains 100 units × 50 indicators in 5 groups: 5,000
// what-if evaluations of the model, each on the table with one value
// changed.
func BenchmarkExplain(b *testing.B) { benchExplain(b, 100, 5, 10) }

// BenchmarkExplain300x200 explains 300 units × 200 indicators in 10
// groups, a city's assessment: 60,000 what-if evaluations.
func BenchmarkExplain300x200(b *testing.B) { benchExplain(b, 300, 10, 20) }

// benchExplain explains n units of a model of groups groups of leaves
// indicators each (see testModel).
func benchExplain(b *testing.B, n, groups, leaves int) {
	m, tab := testModel(b, n, groups, leaves, 1)
	p := compile(b, m)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Explain(ctx, p, tab, ExplainSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}
