package indicator_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
)

// limitTree is the hand-written program that BenchmarkEvaluateLimit runs:
// the least work that yields every node's score for a tree of min-max
// leaves and weighted arithmetic means, as tightly as we can write it.
// Each leaf column is read twice (once for its extremes, once to write its
// score and add it to the parent's sum) and each group's scores once,
// from one allocation per call. It is the yardstick of
// BenchmarkEvaluate's ratio in the performance notes: the library's
// ScoresOnly evaluation does this work plus its bookkeeping (records,
// vetoes, weights, checks).
type limitTree struct {
	nodes []limitNode // pre-order, root first
	n     int
}

type limitNode struct {
	children []int
	w        []float64 // local weights, summing to 1
	col      []float64 // a leaf's column
	lower    bool
}

// newLimitTree builds the limit's tree from a plan of min-max leaves and
// arithmetic groups (with its nominal weights) and a table.
func newLimitTree(tb testing.TB, plan *indicator.Plan, tab *indicator.Table) *limitTree {
	tb.Helper()
	lt := &limitTree{n: tab.NumUnits()}
	weights := map[string][]float64{}
	for _, g := range plan.Groups() {
		weights[g.ID] = g.Weights
	}
	var walk func(n *indicator.Node, lower bool) int
	walk = func(n *indicator.Node, lower bool) int {
		i := len(lt.nodes)
		lt.nodes = append(lt.nodes, limitNode{})
		if n.Polarity == indicator.LowerIsBetter {
			lower = !lower
		}
		if len(n.Children) == 0 {
			col, ok := tab.Column(n.Column)
			if !ok {
				tb.Fatalf("no column %s", n.Column)
			}
			lt.nodes[i].col, lt.nodes[i].lower = col, lower
			return i
		}
		var ch []int
		for _, c := range n.Children {
			ch = append(ch, walk(c, lower))
		}
		lt.nodes[i].children, lt.nodes[i].w = ch, weights[n.ID]
		return i
	}
	walk(plan.Model().Root, false)
	return lt
}

// eval returns every node's scores (one slab, node-major).
func (lt *limitTree) eval() [][]float64 {
	n := lt.n
	slab := make([]float64, len(lt.nodes)*n)
	scores := make([][]float64, len(lt.nodes))
	for i := range scores {
		scores[i] = slab[i*n : (i+1)*n : (i+1)*n]
	}
	// Reverse pre-order visits children before their parent.
	for i := len(lt.nodes) - 1; i >= 0; i-- {
		nd := &lt.nodes[i]
		if nd.children == nil {
			continue
		}
		dst := scores[i]
		for j, c := range nd.children {
			w := nd.w[j]
			ch := &lt.nodes[c]
			if ch.children != nil {
				for u, y := range scores[c] {
					dst[u] = float64(w*y) + dst[u]
				}
				continue
			}
			x, y := ch.col[:n], scores[c]
			// The data have no NaN; a value within [lo, hi] costs two
			// comparisons.
			lo, hi := x[0], x[0]
			for _, v := range x {
				if v >= lo && v <= hi {
					continue
				}
				if v < lo {
					lo = v
				} else {
					hi = v
				}
			}
			if ch.lower {
				d := hi - lo
				for u, v := range x {
					s := 100 * (hi - v) / d
					y[u] = s
					dst[u] = float64(w*s) + dst[u]
				}
			} else {
				d := hi - lo
				for u, v := range x {
					s := 100 * (v - lo) / d
					y[u] = s
					dst[u] = float64(w*s) + dst[u]
				}
			}
		}
	}
	return scores
}

// TestLimitSameScores checks that the limit computes what Evaluate does,
// bit for bit, so that the benchmarks compare the same work.
func TestLimitSameScores(t *testing.T) {
	t.Parallel()
	plan, tab := benchModelK(t, 300, 10)
	r, err := plan.EvaluateWith(context.Background(), tab, indicator.EvalOptions{ScoresOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got := newLimitTree(t, plan, tab).eval()
	for i := range r.Nodes {
		for u, v := range r.Nodes[i].Scores {
			if math.Float64bits(v) != math.Float64bits(got[i][u]) {
				t.Fatalf("node %s unit %d: limit %v, Evaluate %v", r.Nodes[i].ID, u, got[i][u], v)
			}
		}
	}
}

// benchSizes are the sizes of the evaluation benchmarks: units ×
// indicators (10 or 50 per subgroup of the 4-level tree).
var benchSizes = []struct{ units, perGroup int }{{300, 10}, {3000, 10}, {30000, 10}, {3000, 50}}

// BenchmarkEvaluateLimit runs the limit (see limitTree) on the sizes of
// BenchmarkEvaluate's scores sub-benchmarks.
func BenchmarkEvaluateLimit(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(fmt.Sprintf("units=%d/ind=%d", s.units, 20*s.perGroup), func(b *testing.B) {
			plan, tab := benchModelK(b, s.units, s.perGroup)
			lt := newLimitTree(b, plan, tab)
			b.ReportAllocs()
			benchcpu.Report(b, func() { lt.eval() })
		})
	}
}
