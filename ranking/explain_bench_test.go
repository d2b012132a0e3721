package ranking

import (
	"context"
	"testing"
)

// BenchmarkExplain explains 100 units × 50 indicators in 5 groups: 5,000
// what-if evaluations of the model, each on the table with one value
// changed.
func BenchmarkExplain(b *testing.B) {
	m, tab := testModel(b, 100, 5, 10, 1)
	p := compile(b, m)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Explain(ctx, p, tab, ExplainSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}
