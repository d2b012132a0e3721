package indicator

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/weighting"
)

// bod computes the benefit-of-the-doubt weights of group g (per unit,
// scaled so that sum_j W_ij y_ij is the unit's score on 0..100) into
// pr.bodW[g] and returns the mean over units of the per-unit weights
// normalised to sum 1, used as the group's effective local weights.
func (pr *Prepared) bod(g int) ([]float64, error) {
	c := &pr.plan.nodes[pr.plan.groups[g]]
	k := len(c.children)
	for j, ch := range c.children {
		for u, v := range pr.scores[ch] {
			if math.IsNaN(v) || v < 0 {
				return nil, &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf("%w: benefit of the doubt needs non-negative scores, child %q has %v", ErrDomain, c.ids[j], v)}
			}
		}
	}
	// The units enter the linear programmes, and the mean below, in
	// canonical order, so that the results do not depend on the order of
	// the table's rows.
	res, err := weighting.BenefitOfDoubt(pr.groupMatrix(c), c.bod)
	if err != nil {
		return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: %w", ErrDomain, err)}
	}
	w := res.Weights
	bw := make([]float64, pr.n*k)
	mean := make([]float64, k)
	for r, u := range pr.unitOrder() {
		s := 0.0
		for j := 0; j < k; j++ {
			v := w.At(r, j)
			bw[u*k+j] = 100 * v
			s += v
		}
		for j := 0; j < k; j++ {
			if s > 0 {
				mean[j] += w.At(r, j) / s
			} else {
				mean[j] += 1 / float64(k)
			}
		}
	}
	for j := range mean {
		mean[j] /= float64(pr.n)
	}
	pr.bodW[g] = bw
	return mean, nil
}
