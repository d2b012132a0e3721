package indicator

import (
	"context"
	"fmt"
	"math"
)

// DataDependent lists, in tree order, the parts of the plan that are
// computed from the data of the table being scored rather than fixed by
// the model: min-max or efficacy normalisation without both goalposts,
// z-scores, ranks, percentiles, ratios to the mean, a target taken from a
// reference unit, data quantiles of winsorising transforms, imputation
// by means or medians, data-driven weighting schemes and benefit of the
// doubt. Each entry is one line such as
//
//	leaf "pm25": min-max normalisation over each table's own data
//
// When several years are scored one table per year, these parts are
// recomputed per year, and a unit's score can move although none of its
// own values moved (see package ranking's Panel). An empty list means
// that a unit's score depends only on its own values.
func (p *Plan) DataDependent() []string {
	var out []string
	for _, c := range p.nodes {
		if c.leaf >= 0 {
			what := ""
			switch c.norm.Method {
			case "", NormMinMax, NormEfficacy:
				if c.norm.Worst == nil || c.norm.Best == nil {
					what = string(c.norm.Method)
					if what == "" {
						what = "min-max"
					}
					what += " normalisation over each table's own data (no fixed goalposts)"
				}
			case NormZScore:
				what = "z-scores over each table's own data"
			case NormRank, NormPercentile:
				what = string(c.norm.Method) + " normalisation among each table's units"
			case NormRatioMean:
				what = "ratio to each table's mean"
			case NormTarget:
				if c.norm.Reference != "" {
					what = "target taken from the reference unit's value in each table"
				}
			}
			if what != "" {
				out = append(out, fmt.Sprintf("leaf %q: %s", c.id, what))
			}
			switch c.tr.Method {
			case TransformWinsorize, TransformSkewKurtosis:
				out = append(out, fmt.Sprintf("leaf %q: %s transform with each table's own quantiles", c.id, c.tr.Method))
			}
			switch c.imp.Method {
			case ImputeMean, ImputeMedian, ImputeGroupMean, ImputeGroupMedian:
				out = append(out, fmt.Sprintf("leaf %q: %s imputation from each table's data", c.id, c.imp.Method))
			}
			continue
		}
		if c.dataDriven {
			out = append(out, fmt.Sprintf("group %q: weights computed from each table's data", c.id))
		}
		if c.agg.Method == BoD {
			out = append(out, fmt.Sprintf("group %q: benefit-of-the-doubt weights chosen per table", c.id))
		}
	}
	return out
}

// BaseGoalposts returns a copy of m in which every leaf normalised by
// min-max or efficacy without both goalposts has them fixed from the
// table base (the base year): each missing Worst or Best becomes the
// minimum or maximum (swapped for lower-is-better) of the leaf's values in
// base after transformation and imputation, and the leaf is made
// Unclipped, so that a later year's value beyond the base year's range
// still moves its score. Scored with the result, every year is normalised
// against the same goalposts and a unit's normalised values move only
// when its own raw values move. A normalisation inherited from a group is
// copied onto the leaf with its goalposts. It returns the errors of
// [Compile] and [Plan.Evaluate] on base, and an error wrapping
// [ErrInvalidModel] naming the leaf if its base-year values are all equal
// or all missing (no goalposts can be derived). m and base are not
// modified.
func BaseGoalposts(ctx context.Context, m *Model, base *Table) (*Model, error) {
	p, err := Compile(m)
	if err != nil {
		return nil, err
	}
	res, err := p.Evaluate(ctx, base)
	if err != nil {
		return nil, err
	}
	raw := map[string][]float64{}
	for _, n := range res.Nodes {
		if n.Leaf {
			raw[n.ID] = n.Raw
		}
	}
	out := m.Clone()
	var walk func(n *Node, lower bool, nz *Normalization) error
	walk = func(n *Node, lower bool, nz *Normalization) error {
		lower = lower != (n.Polarity == LowerIsBetter)
		if n.Normalization != nil {
			nz = n.Normalization
		}
		if !n.IsLeaf() {
			for _, c := range n.Children {
				if err := walk(c, lower, nz); err != nil {
					return err
				}
			}
			return nil
		}
		method := NormMinMax
		if nz != nil && nz.Method != "" {
			method = nz.Method
		}
		if method != NormMinMax && method != NormEfficacy || nz != nil && nz.Worst != nil && nz.Best != nil {
			return nil
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range raw[n.ID] {
			if x == x {
				lo, hi = min(lo, x), max(hi, x)
			}
		}
		if !(lo < hi) {
			return fmt.Errorf("%w: leaf %q: its values in the base year are all equal or missing; no goalposts can be derived", ErrInvalidModel, n.ID)
		}
		var c Normalization
		if nz != nil {
			c = *nz
			c.Worst, c.Best = cloneFloat(nz.Worst), cloneFloat(nz.Best)
			c.Floor, c.Span = cloneFloat(nz.Floor), cloneFloat(nz.Span)
			c.Constant = nil
		}
		c.Method = method
		worst, best := lo, hi
		if lower {
			worst, best = hi, lo
		}
		if c.Worst == nil {
			c.Worst = &worst
		}
		if c.Best == nil {
			c.Best = &best
		}
		c.Unclipped = true
		n.Normalization = &c
		return nil
	}
	if err := walk(out.Root, false, nil); err != nil {
		return nil, err
	}
	return out, nil
}
