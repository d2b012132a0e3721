package indicator

import "math"

// Points returns, per node of r (in r.Nodes order) and per unit, the
// points the node adds to the final score: its global contribution.
// Where NodeResult.Contribution gives the points a node adds to its
// parent's score, Points carries them down from the final score:
//
//	P(root)  = Score
//	P(j)     = P(g) / S(g) * C(j)     for a child j of group g
//
// where S(g) is the score of g (NodeResult.Scores, adjustments included)
// and C(j) the child's Contribution (0 when S(g) is 0, where P(g) is 0
// too). Under the weighted arithmetic mean without adjustments P(leaf)
// is the product of the local weights on its path times the leaf's
// score. The points of a group's children sum to the group's points less
// its adjustment's share, P(g) / S(g) * Adjustment(g), so that
//
//	Score = sum over leaves of P(leaf) + sum over groups of P(g)/S(g) * Adjustment(g)
//
// and the leaves' points alone sum to the score when no group has
// adjustments (a leaf's own adjustment is part of its score and points).
// A unit whose root score is NaN has NaN points. Products are rounded
// before they are added, so the points are the same bits on every CPU.
// r is not modified.
func (r *Result) Points() [][]float64 {
	pts := make([][]float64, len(r.Nodes))
	n := len(r.Units)
	factor := make([][]float64, len(r.Nodes)) // P(g) / S(g)
	for i, nd := range r.Nodes {
		p := make([]float64, n)
		if nd.Parent < 0 {
			copy(p, nd.Scores)
		} else {
			f := factor[nd.Parent]
			for u := range p {
				p[u] = float64(f[u] * nd.Contribution[u])
			}
		}
		pts[i] = p
		if !nd.Leaf {
			f := make([]float64, n)
			for u := range f {
				switch s := nd.Scores[u]; {
				case math.IsNaN(s) || math.IsNaN(p[u]):
					f[u] = math.NaN()
				case s != 0:
					f[u] = p[u] / s
				}
			}
			factor[i] = f
		}
	}
	return pts
}

// AdjustmentPoints returns, per unit, the points of the final score that
// come from the adjustments of groups (bonus minus penalty points at a
// group, carried to the final score as in [Result.Points]); the leaves'
// points plus these sum to the score. It is nil when no group has
// adjustments.
func (r *Result) AdjustmentPoints() []float64 {
	var out []float64
	pts := r.Points()
	for i, nd := range r.Nodes {
		if nd.Leaf || nd.Adjustment == nil {
			continue
		}
		if out == nil {
			out = make([]float64, len(r.Units))
		}
		for u := range out {
			if s := nd.Scores[u]; s != 0 {
				out[u] += float64(pts[i][u] / s * nd.Adjustment[u])
			}
		}
	}
	return out
}
