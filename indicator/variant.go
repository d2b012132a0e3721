package indicator

import (
	"fmt"
	"math"
)

// Variant changes how a [Prepared] table is aggregated, for uncertainty
// and sensitivity analysis. Its zero value (or nil) is the model as
// compiled.
//
// Groups whose weights come from a data-driven scheme keep the weights
// computed by [Plan.Prepare] unless Weights replaces them;
// benefit-of-the-doubt groups keep each unit's prepared weights (the
// linear programmes are not solved again): excluded children drop out of
// their sums.
type Variant struct {
	// Weights holds, per group index (see [Plan.Groups]), local weights
	// replacing the nominal ones; they are divided by their sum over the
	// included children. A nil entry (or a nil slice) keeps the nominal
	// weights.
	Weights [][]float64
	// Aggregation holds, per group index, a replacement aggregation; an
	// entry whose Method is empty keeps the model's.
	Aggregation []Aggregation
	// Exclude marks, per leaf index (see [Plan.Leaves]), indicators to
	// leave out: their siblings' weights are divided by the sum of the
	// weights of the included siblings. A group whose children are all
	// excluded is left out of its parent in the same way.
	Exclude []bool
}

func (pr *Prepared) newScratch() *scratch {
	p := pr.plan
	sc := &scratch{
		scores:  make([][]float64, len(p.nodes)),
		buf:     make([]float64, len(p.groups)*pr.n),
		weights: make([][]float64, len(p.groups)),
		wbuf:    make([]float64, len(p.nodes)),
		excl:    make([]bool, len(p.nodes)),
		tmp:     make([]float64, p.maxK),
		bounds:  make([]float64, len(p.nodes)),
	}
	pr.scoreBounds()
	for i, c := range p.nodes {
		if c.leaf >= 0 {
			sc.scores[i] = pr.scores[i]
			sc.bounds[i] = pr.leafMax[i]
		}
	}
	off := 0
	for g, i := range p.groups {
		sc.scores[i] = sc.buf[g*pr.n : (g+1)*pr.n : (g+1)*pr.n]
		k := len(p.nodes[i].children)
		sc.weights[g] = sc.wbuf[off : off+k : off+k]
		off += k
	}
	return sc
}

// Scores aggregates the prepared table with variant v (nil: the model as
// compiled) and writes every unit's root score into dst, in table order.
// Scores(nil, dst) gives exactly the bits of [Result].Score from
// [Plan.Evaluate] on the same table. After the first calls it allocates
// nothing; it is safe for concurrent use.
//
// It returns an error for invalid variant weights (negative, NaN), for a
// variant that leaves the root with no indicator, for a switch to bod in a
// group that was not bod, and for the domain errors of aggregation (see
// [AggregationMethod]), and one wrapping [ErrOverflow] for a score that
// would be infinite. Scores panics if len(dst) != NumUnits(), or if a
// non-nil Weights, Aggregation or Exclude has the wrong length (or a
// Weights entry the wrong number of children).
func (pr *Prepared) Scores(v *Variant, dst []float64) error {
	if len(dst) != pr.n {
		panic(fmt.Sprintf("indicator: len(dst)=%d != %d units", len(dst), pr.n))
	}
	p := pr.plan
	if v != nil {
		if v.Weights != nil && len(v.Weights) != len(p.groups) {
			panic(fmt.Sprintf("indicator: len(Variant.Weights)=%d != %d groups", len(v.Weights), len(p.groups)))
		}
		if v.Aggregation != nil && len(v.Aggregation) != len(p.groups) {
			panic(fmt.Sprintf("indicator: len(Variant.Aggregation)=%d != %d groups", len(v.Aggregation), len(p.groups)))
		}
		if v.Exclude != nil && len(v.Exclude) != len(p.leaves) {
			panic(fmt.Sprintf("indicator: len(Variant.Exclude)=%d != %d leaves", len(v.Exclude), len(p.leaves)))
		}
	}
	sc := pr.pool.Get().(*scratch)
	defer pr.pool.Put(sc)
	if v != nil {
		for l, i := range p.leaves {
			sc.excl[i] = v.Exclude != nil && v.Exclude[l]
		}
	}
	for g := len(p.groups) - 1; g >= 0; g-- {
		i := p.groups[g]
		c := &p.nodes[i]
		w, a := pr.weights[g], c.agg
		if v != nil {
			var err error
			if w, err = pr.variantWeights(v, g, sc); err != nil {
				return err
			}
			sc.excl[i] = w == nil
			if w == nil {
				sc.bounds[i] = math.Inf(1) // excluded: its weight in the parent is 0
				continue
			}
			if v.Aggregation != nil && v.Aggregation[g].Method != "" {
				a = v.Aggregation[g]
				if a.Method == BoD && pr.bodW[g] == nil {
					return &NodeError{Path: c.path, Err: fmt.Errorf("%w: a variant can switch to bod only in groups that aggregate by bod", ErrInvalidModel)}
				}
			}
		}
		if _, err := pr.aggregateNode(i, sc.scores, w, a, sc.tmp, nil, sc.bounds); err != nil {
			return err
		}
	}
	if v != nil && sc.excl[0] {
		return &NodeError{Path: p.nodes[0].path, Err: fmt.Errorf("%w: the variant excludes every indicator", ErrInvalidModel)}
	}
	copy(dst, sc.scores[0])
	if sc.bounds[0] <= maxProvedSum {
		return nil // every score finite (see sumBound)
	}
	for u, x := range dst {
		if math.IsNaN(x) {
			return &NodeError{Path: p.nodes[0].path, Unit: pr.units[u], Err: fmt.Errorf("%w: too few indicators available", ErrMissingValue)}
		}
		if math.IsInf(x, 0) {
			return &NodeError{Path: p.nodes[0].path, Unit: pr.units[u], Err: fmt.Errorf("%w: score %v", ErrOverflow, x)}
		}
	}
	return nil
}

// variantWeights returns the local weights of group g under v: the
// prepared ones when v changes nothing there, else the variant's (or the
// prepared) weights with excluded children set to 0, divided by their sum,
// written into scratch. It returns nil when no child remains.
func (pr *Prepared) variantWeights(v *Variant, g int, sc *scratch) ([]float64, error) {
	c := &pr.plan.nodes[pr.plan.groups[g]]
	base := pr.weights[g]
	var given []float64
	if v.Weights != nil && v.Weights[g] != nil {
		given = v.Weights[g]
		if len(given) != len(c.children) {
			panic(fmt.Sprintf("indicator: Variant.Weights[%d] has %d weights for %d children", g, len(given), len(c.children)))
		}
		base = given
	}
	anyExcl := false
	for _, ch := range c.children {
		anyExcl = anyExcl || sc.excl[ch]
	}
	if given == nil && !anyExcl {
		return base, nil
	}
	w := sc.weights[g]
	s := 0.0
	for j, ch := range c.children {
		x := base[j]
		if !(x >= 0) || math.IsInf(x, 0) {
			return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: variant weight %d is %v", ErrInvalidModel, j, x)}
		}
		if sc.excl[ch] {
			x = 0
		}
		w[j] = x
		s += x
	}
	if s == 0 {
		return nil, nil
	}
	for j := range w {
		w[j] /= s
	}
	return w, nil
}
