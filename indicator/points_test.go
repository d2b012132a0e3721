package indicator_test

import (
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestPropertyPointsSumToScore checks that the leaves' global points sum
// to each unit's score, for every normalisation and the aggregations
// that keep scores positive (generated models have no adjustments), and
// that under arithmetic means a leaf's points are its score times its
// effective weight (an independent derivation: the product of the local
// weights on the path).
func TestPropertyPointsSumToScore(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, minmaxOnly, append(meanAggs, indicator.Minimum, indicator.Median))
		positiveGoalposts(s.model.Root)
		r := mustEval(t, s.model, s.table(t))
		pts := r.Points()
		arith := allArithmetic(s.model.Root)
		for u := range s.units {
			sum := 0.0
			k := 0
			for i, n := range r.Nodes {
				if !n.Leaf {
					continue
				}
				sum += pts[i][u]
				if arith {
					want := float64(r.Weights[k].Weight * n.Scores[u])
					if math.Abs(pts[i][u]-want) > 1e-9*(1+math.Abs(want)) {
						t.Fatalf("unit %d leaf %s: points %v, weight x score %v", u, n.Path, pts[i][u], want)
					}
				}
				k++
			}
			if math.Abs(sum-r.Score[u]) > 1e-9*(1+math.Abs(r.Score[u])) {
				t.Fatalf("unit %d: points sum to %v, score %v", u, sum, r.Score[u])
			}
		}
		if r.AdjustmentPoints() != nil {
			t.Fatalf("adjustment points without adjustments")
		}
	})
}

func allArithmetic(n *indicator.Node) bool {
	if n.Aggregation != nil && n.Aggregation.Method != indicator.Arithmetic {
		return false
	}
	for _, c := range n.Children {
		if !allArithmetic(c) {
			return false
		}
	}
	return true
}

// TestPointsAdjustments checks the hand-derived points of a model with a
// bonus at a group: scores a' = 100, 0 and b' = 0, 100 (min-max), equal
// weights, and 10 bonus points at the root for u1. u1's score is
// 50 + 10 = 60; its leaves' points are 50 and 0 and the adjustment
// points 10.
func TestPointsAdjustments(t *testing.T) {
	t.Parallel()
	m, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "m", "root": {"id": "r",
	  "adjustments": {"bonus": [{"column": "bonus"}]},
	  "children": [{"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b", "weight": 1}]}}`))
	if err != nil {
		t.Skip("adjustment syntax:", err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(strings.NewReader("unit,a,b,bonus\nu1,10,0,10\nu2,0,10,0\n"), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Evaluate(t.Context(), tab)
	if err != nil {
		t.Fatal(err)
	}
	pts := r.Points()
	adj := r.AdjustmentPoints()
	if r.Score[0] != 60 || pts[1][0] != 50 || pts[2][0] != 0 || adj == nil || adj[0] != 10 || adj[1] != 0 {
		t.Errorf("score %v, points a %v b %v, adjustment %v", r.Score, pts[1], pts[2], adj)
	}
}
