package indicator

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// bod computes the benefit-of-the-doubt weights of group g (per unit,
// scaled so that sum_j W_ij y_ij is the unit's score on 0..100) into
// pr.bodW[g] and returns the mean over units of the per-unit weights
// normalised to sum 1, used as the group's effective local weights.
func (pr *Prepared) bod(g int) ([]float64, error) {
	c := &pr.plan.nodes[pr.plan.groups[g]]
	k := len(c.children)
	x := mat.NewDense(max(pr.n, 1), k, nil)
	for j, ch := range c.children {
		for u := 0; u < pr.n; u++ {
			v := pr.scores[ch][u]
			if math.IsNaN(v) || v < 0 {
				return nil, &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf("%w: benefit of the doubt needs non-negative scores, child %q has %v", ErrDomain, c.ids[j], v)}
			}
			x.Set(u, j, v)
		}
	}
	res, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{})
	w := res.Weights
	if err != nil {
		return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: %v", ErrDomain, err)}
	}
	bw := make([]float64, pr.n*k)
	mean := make([]float64, k)
	for u := 0; u < pr.n; u++ {
		s := 0.0
		for j := 0; j < k; j++ {
			v := w.At(u, j)
			bw[u*k+j] = 100 * v
			s += v
		}
		for j := 0; j < k; j++ {
			if s > 0 {
				mean[j] += w.At(u, j) / s
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
