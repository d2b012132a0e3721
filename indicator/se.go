package indicator

import (
	"fmt"
	"math"
)

// leafSE returns the standard errors of a leaf's normalised scores: the
// raw standard errors (column c.se) times the absolute derivative of the
// transformation and normalisation at the unit's value (the delta method,
// exact for the linear normalisations). A clipped or capped value has
// derivative 0; an imputed value or a missing standard error gives NaN.
func leafSE(t *Table, c *cnode, orig, x []float64, nr normRecord) ([]float64, error) {
	col, ok := t.column(c.se)
	if !ok {
		return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: no standard-error column %q in the table", ErrMissingColumn, c.se)}
	}
	out := make([]float64, len(x))
	for u, se := range col {
		if math.IsNaN(orig[u]) {
			out[u] = math.NaN()
			continue
		}
		d := 1.0
		switch c.tr.Method {
		case TransformLog:
			d = 1 / (orig[u] + c.tr.Offset)
		case TransformWinsorize, TransformSkewKurtosis:
			if x[u] != orig[u] {
				d = 0
			}
		}
		v := x[u]
		switch c.norm.Method {
		case "", NormMinMax:
			y := 100 * (v - nr.worst) / (nr.best - nr.worst)
			if (y < 0 || y > 100) && !c.norm.Unclipped && (c.norm.Worst != nil || c.norm.Best != nil) {
				d = 0
			}
			d *= 100 / (nr.best - nr.worst)
		case NormEfficacy:
			a, b := efficacyFloorSpan(&c.norm)
			y := float64(b*((v-nr.worst)/(nr.best-nr.worst))) + a
			if (y < a || y > a+b) && !c.norm.Unclipped {
				d = 0
			}
			d *= b / (nr.best - nr.worst)
		case NormZScore:
			d /= nr.sd
		case NormRatioMean:
			if c.lower {
				d *= 100 * nr.mean / (v * v)
			} else {
				d *= 100 / nr.mean
			}
		case NormTarget:
			r := v / nr.target
			if c.lower {
				r = nr.target / v
				d *= 100 * nr.target / (v * v)
			} else {
				d *= 100 / nr.target
			}
			if r > 1 && !c.norm.Unclipped {
				d = 0
			}
		}
		if nr.constant {
			d = 0
		}
		out[u] = math.Abs(d) * se
	}
	return out, nil
}

// groupSE propagates standard errors through the arithmetic mean of group
// node i with weights w, assuming independent children:
//
//	SE_g = sqrt(sum_j (w_j SE_j)^2)
//
// (weights re-normalised over the available children). Children without
// standard errors count as exact.
func (pr *Prepared) groupSE(i int, w []float64) {
	c := &pr.plan.nodes[i]
	out := make([]float64, pr.n)
	for u := range out {
		var s, ws float64
		for j, ch := range c.children {
			if w[j] == 0 || math.IsNaN(pr.scores[ch][u]) {
				continue
			}
			ws += w[j]
			if pr.se[ch] != nil {
				e := float64(w[j] * pr.se[ch][u])
				s = float64(e*e) + s
			}
		}
		out[u] = math.Sqrt(s) / ws
		if ws == 0 {
			out[u] = math.NaN()
		}
	}
	pr.se[i] = out
}
