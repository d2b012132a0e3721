package indicator

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Prepared is a plan bound to one table with transformation, imputation
// and normalisation done, so that the aggregation can be repeated quickly
// with other weights, aggregations or indicator sets ([Prepared.Scores]),
// as uncertainty and sensitivity analyses do. It is immutable and safe for
// concurrent use by many goroutines.
//
// For geometric and power means, the logarithms ln(y + c) and powers
// (y + c)^p of the leaves' scores are computed once per group and mean
// (on first use, for up to four means per group) and reused, so that
// re-aggregating a group of indicators costs one product and sum per
// indicator and unit plus one exponential (or power) per unit. The cached
// values are those the mean computes, so results are the same bits.
type Prepared struct {
	plan      *Plan
	units     []string
	n         int
	order     []int // unit indices sorted by unit id (see canonicalOrder); set by unitOrder
	orderOnce sync.Once
	scores    [][]float64 // per node: leaves' normalised (+ adjusted) scores; groups' nominal scores
	raw       [][]float64 // per leaf node: transformed, imputed raw values
	// per leaf (in leaf order): raw is the table's column itself
	rawShared []bool
	imputed   [][]bool // per leaf node
	leafRec   []LeafRecord
	se        [][]float64 // per node: standard errors (nil without SE columns)
	weights   [][]float64 // per group: local weights used (nominal or data-driven)
	bodW      [][]float64 // per group: bod per-unit weights, unit-major, scaled by 100
	adj       [][]float64 // per node: bonus minus penalty (nil if none)
	agg       [][]float64 // per node with adjustments: score before adjustment
	hasNaN    []bool      // per node: some unit's score is missing
	finite    []bool      // per node: scores known finite (see checkFinite)
	// per node, after a full prepare (nil otherwise): the contributions
	// and shares, and per group whether its children's may be infinite
	// or NaN (see Result.checkFinite)
	con, share [][]float64
	suspect    []bool
	// per node, computed by the first Scores (see scoreBounds): the
	// largest magnitude of a leaf's scores and of a node's bonus and
	// penalty points
	boundsOnce      sync.Once
	leafMax, adjMax []float64
	noBounds        bool                           // for tests: no bound known, every check made
	pool            sync.Pool                      // *scratch
	terms           []atomic.Pointer[[]*meanTerms] // per group: cached terms of its leaves
	termsMu         sync.Mutex                     // serialises additions to terms
}

// meanTerms caches, for one group and one mean (see termKey), the term
// t(y) of each leaf child, so that re-aggregating the group needs one
// rounded product and sum per leaf and unit instead of a logarithm or a
// power: ln(y + c) for geometric means, (y + c)^p for power means. The
// cached terms are the very values the mean would compute, so results are
// the same bits with or without the cache. Harmonic means are not cached:
// their term w/(y + c) is one division, and caching 1/(y + c) would round
// twice and change the results.
type meanTerms struct {
	key  termKey
	cols [][]float64 // per child position: the terms, nil for a group child; NaN outside the domain
}

// termKey identifies a mean by method (geometric or power), and the bits
// of its offset and exponent.
type termKey struct {
	method AggregationMethod
	off, p uint64
}

// maxTermCaches bounds the number of means cached per group, so that a
// caller drawing offsets or exponents at random does not fill memory; other
// means compute their terms on the fly.
const maxTermCaches = 4

// leafTerms returns the cached terms of group g's leaf children for
// aggregation a (per child position, nil for group children), computing
// them on first use, or nil when a is not a cached mean or g has no leaf
// child. It is safe for concurrent use.
func (pr *Prepared) leafTerms(g int, a Aggregation) [][]float64 {
	method, p := a.Method, a.P
	if method == Power && p == 0 {
		method = Geometric
	}
	if method != Geometric && method != Power {
		return nil
	}
	if method == Geometric {
		p = 0
	}
	key := termKey{method, math.Float64bits(a.Offset), math.Float64bits(p)}
	find := func() (*meanTerms, int) {
		list := pr.terms[g].Load()
		if list == nil {
			return nil, 0
		}
		for _, m := range *list {
			if m.key == key {
				return m, len(*list)
			}
		}
		return nil, len(*list)
	}
	if m, _ := find(); m != nil {
		return m.cols
	}
	c := &pr.plan.nodes[pr.plan.groups[g]]
	leaves := 0
	for _, ch := range c.children {
		if pr.plan.nodes[ch].leaf >= 0 {
			leaves++
		}
	}
	if leaves == 0 {
		return nil
	}
	pr.termsMu.Lock()
	defer pr.termsMu.Unlock()
	m, count := find()
	if m != nil {
		return m.cols
	}
	if count >= maxTermCaches {
		return nil
	}
	m = &meanTerms{key: key, cols: make([][]float64, len(c.children))}
	backing := make([]float64, leaves*pr.n)
	for j, ch := range c.children {
		if pr.plan.nodes[ch].leaf < 0 {
			continue
		}
		t := backing[:pr.n:pr.n]
		backing = backing[pr.n:]
		for u, y := range pr.scores[ch] {
			if method == Geometric {
				t[u] = logTerm(y, a.Offset)
			} else {
				t[u] = powTerm(y, a.Offset, p)
			}
		}
		m.cols[j] = t
	}
	var list []*meanTerms
	if old := pr.terms[g].Load(); old != nil {
		list = append(list, *old...)
	}
	list = append(list, m)
	pr.terms[g].Store(&list)
	return m.cols
}

// LeafRecord is what was done to one leaf's column.
type LeafRecord struct {
	ID     string `json:"id"`
	Column string `json:"column"`
	// Transform is the transformation applied.
	Transform TransformRecord `json:"transform"`
	// Imputed is the number of imputed cells.
	Imputed int `json:"imputed"`
	// Worst and Best are the raw values mapped to 0 and 100 by minmax, or
	// to Floor and Floor + Span by efficacy (the data's or the goalposts);
	// NaN for other methods.
	Worst float64 `json:"worst"`
	Best  float64 `json:"best"`
	// Mean and SD are the column's mean and sample standard deviation
	// (n - 1) used by zscore and ratio_mean; NaN for other methods.
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	// Target is the target (or the reference unit's value) of target;
	// NaN otherwise.
	Target float64 `json:"target"`
	// Constant reports that the column had no spread and every unit got
	// the normalization's Constant score.
	Constant bool `json:"constant,omitempty"`
}

// scratch is per-call working memory of Prepared.Scores.
type scratch struct {
	scores  [][]float64 // per node (leaves alias the prepared scores)
	buf     []float64   // backing of the group scores
	weights [][]float64
	wbuf    []float64
	excl    []bool
	tmp     []float64
	bounds  []float64 // per node: bound on the magnitude of its scores (see aggregateNode)
}

// NumUnits returns the number of units of the prepared table.
func (pr *Prepared) NumUnits() int { return pr.n }

// Units returns a copy of the unit ids, in table order.
func (pr *Prepared) Units() []string { return append([]string(nil), pr.units...) }

// Groups describes the groups as [Plan.Groups] does, but with the local
// weights used for this table: for data-driven schemes the weights
// computed from its data, for benefit of the doubt the mean of the units'
// normalised weights.
func (pr *Prepared) Groups() []GroupInfo {
	out := pr.plan.Groups()
	for g := range out {
		out[g].Weights = cloneSlice(pr.weights[g])
	}
	return out
}

// Prepare binds the plan to table t: it transforms, imputes and normalises
// every leaf, computes bonus and penalty points and data-driven weights,
// and aggregates once with the nominal settings. It returns a *[NodeError]
// naming the node (and unit) when the data do not fit the model: a missing
// column, a missing value without imputation, a constant column, a value
// outside a method's domain. t is not modified. It panics if t is nil.
func (p *Plan) Prepare(ctx context.Context, t *Table) (*Prepared, error) {
	return p.prepare(ctx, t, false)
}

// prepare is Prepare; with full, it also fills every node's contribution
// and share (pr.con, pr.share, and pr.suspect for checkFinite), each group's
// right after its aggregate, and gives every leaf raw values of its own
// (see EvalOptions).
func (p *Plan) prepare(ctx context.Context, t *Table, full bool) (*Prepared, error) {
	if t == nil {
		panic("indicator: Prepare of a nil *Table")
	}
	n := t.NumUnits()
	pr := &Prepared{plan: p, units: t.units, n: n}
	pr.terms = make([]atomic.Pointer[[]*meanTerms], len(p.groups))
	nn, ng, nl := len(p.nodes), len(p.groups), len(p.leaves)
	// The fused schedule, unless it has too few items for the workers.
	sch := &p.plain
	workers := parallelWorkers(len(sch.items), nl*n)
	if fw := parallelWorkers(len(p.fused.items), nl*n); fw <= 1 || len(p.fused.items) >= 2*fw {
		sch, workers = &p.fused, fw
	}
	cols := sch.cols
	if full {
		cols = sch.fullCols
	}
	// An item's storage (see itemCols) and its leaves' imputation flags
	// are allocated by its worker and filled soon after they are zeroed
	// (while they are still in cache), unless the items' storage would be
	// small objects (under 32 KiB, on average): then one allocation for all
	// costs less than many small ones, which refill their size class's
	// spans and draw GC assists (at 30,000 units one allocation of 48 MB
	// would be zeroed long before it is filled). The scores of the groups
	// the items do not aggregate follow the items'.
	//
	// The slab comes before the tables of pointers below: being the
	// largest allocation, it is the likeliest to start a garbage
	// collection, whose marking then need not scan the tables allocated
	// after it (at 300 units × 200 indicators, 2% fewer instructions).
	var slab []float64
	var flagSlab []bool
	if perItem := (cols + len(sch.items) - 1) / max(len(sch.items), 1); n < (32<<10)/8 && perItem*n*8 < 32<<10 {
		slab = make([]float64, (cols+len(sch.order))*n)
		flagSlab = make([]bool, nl*n)
	}
	// The per-node and per-group tables share one allocation of each
	// element type: a small model's evaluation is dominated by such fixed
	// costs.
	nslots := 4*nn + 2*ng
	if p.hasSE {
		nslots += nn
	}
	if full {
		nslots += 2 * nn
	}
	slots := make([][]float64, nslots)
	take := func(k int) [][]float64 {
		s := slots[:k:k]
		slots = slots[k:]
		return s
	}
	pr.scores, pr.raw, pr.adj, pr.agg = take(nn), take(nn), take(nn), take(nn)
	pr.weights, pr.bodW = take(ng), take(ng)
	if p.hasSE {
		pr.se = take(nn)
	}
	nflags := 2*nn + nl
	if full {
		pr.con, pr.share = take(nn), take(nn)
		nflags += ng
	}
	flags := make([]bool, nflags)
	pr.hasNaN, pr.finite, pr.rawShared = flags[:nn:nn], flags[nn:2*nn:2*nn], flags[2*nn:2*nn+nl:2*nn+nl]
	if full {
		pr.suspect = flags[2*nn+nl:]
	}
	pr.imputed = make([][]bool, nn)
	pr.leafRec = make([]LeafRecord, nl)
	// Bonus and penalty points come first, since the items aggregate
	// groups with theirs (see schedule); an error among them is returned
	// only if every leaf succeeds, as if they came after the leaves.
	var adjErr error
	for i := range p.nodes {
		if adjErr = pr.adjustments(t, i); adjErr != nil {
			break
		}
	}
	errs := make([]error, ng)
	failed := make([]bool, ng) // an error of its own or of a child group
	scratch := make([]leafScratch, workers)
	sbuf := make([]float64, workers*(n+p.maxK))
	var miss []bool
	if full {
		miss = make([]bool, workers*n)
	}
	for w := range scratch {
		scratch[w] = leafScratch{buf: sbuf[:n:n], tmp: sbuf[n : n+p.maxK : n+p.maxK]}
		sbuf = sbuf[n+p.maxK:]
		if full {
			scratch[w].miss = miss[w*n : (w+1)*n : (w+1)*n]
		}
	}
	err := parallelItems(len(sch.items), workers, func(w, k int) error {
		it := &sch.items[k]
		c, col := itemCols(it, full), it.col
		if full {
			col = it.fullCol
		}
		if slab == nil {
			return pr.prepareItem(ctx, t, it, make([]float64, c*n), make([]bool, (it.hi-it.lo)*n), &scratch[w], errs, failed)
		}
		return pr.prepareItem(ctx, t, it, slab[col*n:(col+c)*n], flagSlab[it.lo*n:it.hi*n], &scratch[w], errs, failed)
	})
	if err != nil {
		return nil, err
	}
	if adjErr != nil {
		return nil, adjErr
	}
	var rest []float64
	if slab != nil {
		rest = slab[cols*n:]
	} else if len(sch.order) > 0 {
		rest = make([]float64, len(sch.order)*n)
	}
	for _, g := range sch.order {
		pr.scores[p.groups[g]] = rest[:n:n]
		rest = rest[n:]
	}
	if err := pr.aggregateNominal(ctx, sch, errs, failed); err != nil {
		return nil, err
	}
	if err := pr.checkFinite(); err != nil {
		return nil, err
	}
	root := pr.scores[0]
	for u, v := range root {
		if math.IsNaN(v) {
			return nil, &NodeError{Path: p.nodes[0].path, Unit: t.units[u], Err: fmt.Errorf("%w: too few indicators available", ErrMissingValue)}
		}
	}
	pr.pool.New = func() any { return pr.newScratch() }
	return pr, nil
}

// checkFinite returns a *NodeError wrapping ErrOverflow for the first
// infinite score, adjustment, standard error or weight, looking at the
// nodes in reverse pre-order so that the node where an overflow arises
// (a leaf, an adjustment) is named rather than the ancestors it reaches.
// The scores of a leaf that normalisation knows to be finite (see
// normRecord.finite) or of a group that aggregateGroup found finite, and
// values that one cheap pass finds all finite, are not looked at one by
// one: none can hold the error.
func (pr *Prepared) checkFinite() error {
	for i := len(pr.plan.nodes) - 1; i >= 0; i-- {
		if err := pr.checkNodeFinite(i); err != nil {
			return err
		}
	}
	return nil
}

// checkNodeFinite is checkFinite for node i alone.
func (pr *Prepared) checkNodeFinite(i int) error {
	p := pr.plan
	c := &p.nodes[i]
	scores := pr.scores[i]
	if pr.finite[i] || allFinite(scores) {
		scores = nil
	}
	if se := seOf(pr.se, i); scores != nil || !allFinite(pr.adj[i]) || !allFinite(se) {
		for _, part := range []struct {
			what string
			v    []float64
		}{{"bonus/penalty points", pr.adj[i]}, {"score", scores}, {"standard error", se}} {
			if allFinite(part.v) {
				continue
			}
			for u, v := range part.v {
				if math.IsInf(v, 0) {
					return &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf("%w: %s %v (a value or points too large: keep the data within about ±1e300)", ErrOverflow, part.what, v)}
				}
			}
		}
	}
	if raw := pr.raw[i]; raw != nil && scores != nil {
		for u, v := range pr.scores[i] {
			if math.IsNaN(v) && !math.IsNaN(raw[u]) {
				return &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf("%w: value %v normalises to NaN (values too large: keep the data within about ±1e300)", ErrOverflow, raw[u])}
			}
		}
	}
	if c.group >= 0 {
		for k, w := range pr.weights[c.group] {
			if !isFinite(w) {
				return &NodeError{Path: p.nodes[c.children[k]].path, Err: fmt.Errorf("%w: weight %v", ErrOverflow, w)}
			}
		}
	}
	return nil
}

// allFinite reports whether every value of x is finite (v - v is NaN for
// an infinity or a NaN, 0 otherwise).
func allFinite(x []float64) bool {
	for _, v := range x {
		if v-v != 0 {
			return false
		}
	}
	return true
}

// seOf returns se[i], or nil without standard errors.
func seOf(se [][]float64, i int) []float64 {
	if se == nil {
		return nil
	}
	return se[i]
}

// aggregateNominal aggregates the groups that the items of schedule sch
// did not, with the nominal settings, bottom-up, computing data-driven
// and benefit-of-the-doubt weights as their groups are reached. The
// groups go in the schedule's waves of equal height; the groups of a
// wave depend only on the items and earlier waves, so they are
// aggregated in parallel (see parallelItems), each writing only its own
// slots. errs and failed hold, per group, the error of the items' groups
// and whether a group or a child group failed. The error is the one the
// serial bottom-up loop (groups in reverse pre-order, stopping at the
// first failure) would return: that of the failing group last in
// pre-order, a group with a failed child group being skipped.
func (pr *Prepared) aggregateNominal(ctx context.Context, sch *schedule, errs []error, failed []bool) error {
	p := pr.plan
	ng := len(p.groups)
	order, starts := sch.order, sch.starts
	n := pr.n
	tmps := make([][]float64, parallelWorkers(len(order), len(p.nodes)*n))
	tmpBuf := make([]float64, len(tmps)*p.maxK)
	for w := range tmps {
		tmps[w] = tmpBuf[w*p.maxK : (w+1)*p.maxK : (w+1)*p.maxK]
	}
	var tots [][]float64 // per worker: contributions' scratch
	var misses [][]bool
	if pr.con != nil {
		tots, misses = make([][]float64, len(tmps)), make([][]bool, len(tmps))
		tbuf, mbuf := make([]float64, len(tmps)*n), make([]bool, len(tmps)*n)
		for w := range tmps {
			tots[w], misses[w] = tbuf[w*n:(w+1)*n:(w+1)*n], mbuf[w*n:(w+1)*n:(w+1)*n]
		}
	}
	for h := range len(starts) - 1 {
		wave := order[starts[h]:starts[h+1]]
		cells := 0
		for _, g := range wave {
			cells += len(p.nodes[p.groups[g]].children) * pr.n
		}
		err := parallelItems(len(wave), min(parallelWorkers(len(wave), cells), len(tmps)), func(w, k int) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			g := wave[k]
			for _, ch := range p.nodes[p.groups[g]].children {
				if cg := p.nodes[ch].group; cg >= 0 && failed[cg] {
					failed[g] = true
					return nil
				}
			}
			if err := pr.aggregateGroup(g, tmps[w]); err != nil {
				errs[g], failed[g] = err, true
				return nil
			}
			if pr.con != nil {
				// One backing per group, filled right after it is zeroed
				// (while it is still in cache).
				backing := make([]float64, 2*len(p.nodes[p.groups[g]].children)*n)
				pr.explainGroup(g, pr.con, pr.share, pr.suspect, backing, tots[w], misses[w])
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for g := ng - 1; g >= 0; g-- {
		if errs[g] != nil {
			return errs[g]
		}
	}
	return nil
}

// aggregateGroup computes group g's weights and nominal aggregate (and
// standard errors) from its children's. tmp is scratch of p.maxK.
func (pr *Prepared) aggregateGroup(g int, tmp []float64) error {
	i := pr.plan.groups[g]
	c := &pr.plan.nodes[i]
	w := c.nominal
	if c.agg.Method == BoD {
		var err error
		if w, err = pr.bod(g); err != nil {
			return err
		}
	} else if c.dataDriven {
		var err error
		if w, err = pr.dataWeights(g); err != nil {
			return err
		}
	}
	pr.weights[g] = w
	finite, err := pr.aggregateNode(i, pr.scores, w, c.agg, tmp, pr.agg, nil)
	if err != nil {
		return err
	}
	// Scores known finite have no missing value, and checkFinite need not
	// look at them.
	if !finite {
		finite = allFinite(pr.scores[i])
	}
	pr.finite[i] = finite
	pr.hasNaN[i] = !finite && anyNaN(pr.scores[i])
	if pr.se != nil {
		pr.groupSE(i, w)
	}
	return nil
}

// aggregateNode aggregates group node i into scores[i] with weights w and
// aggregation a, then adds the node's adjustments. It is the one code path
// of Evaluate and Scores.
// When keep is not nil, the score before adjustment is saved in keep[i].
// finite reports that the scores are known to be finite (see aggregate);
// false means not known.
//
// bounds, if not nil, holds per node a bound on the magnitude of its
// scores (see sumBound; +Inf: none known), read for the children and
// written for node i, so that an arithmetic mean whose sums are proved
// finite skips its finiteness pass.
func (pr *Prepared) aggregateNode(i int, scores [][]float64, w []float64, a Aggregation, tmp []float64, keep [][]float64, bounds []float64) (finite bool, err error) {
	p := pr.plan
	c := &p.nodes[i]
	dst := scores[i]
	bound := math.Inf(1)
	var bw []float64
	if a.Method == BoD {
		bw = pr.bodW[c.group]
	}
	ext := c.ext
	if a.Method != c.agg.Method || !bytes.Equal(a.Params, c.agg.Params) {
		// a variant's aggregation
		if ext, err = p.reg.aggregator(a); err != nil {
			return false, &NodeError{Path: c.path, Err: fmt.Errorf("%w: %v", ErrInvalidModel, err)}
		}
	}
	if comparative(a.Method) {
		if err := pr.aggregateComparative(c, a, scores, w, dst); err != nil {
			return false, err
		}
	} else if ext != nil {
		if err := aggregateExt(ext, scores, c.children, w, c.minShare, dst); err != nil {
			return false, &NodeError{Path: c.path, Unit: pr.units[err.u], Err: fmt.Errorf("%w: %s aggregation: %v", ErrDomain, a.Method, err.err)}
		}
	} else {
		known := false
		if bounds != nil && a.Method == Arithmetic {
			bound = sumBound(w, c.children, bounds)
			known = bound <= maxProvedSum
		}
		var e *aggError
		if finite, e = pr.aggregateBuiltin(c, a, scores, w, bw, dst, tmp, known); e != nil {
			ch := &p.nodes[c.children[e.j]]
			return false, &NodeError{Path: c.path, Unit: pr.units[e.u],
				Err: fmt.Errorf("%w: %s aggregation of child %q with score %v (offset %v)", ErrDomain, a.Method, ch.id, e.v, a.Offset)}
		}
	}
	if adj := pr.adj[i]; adj != nil {
		finite = false
		if keep != nil {
			keep[i] = append([]float64(nil), dst...)
		}
		for u := range dst {
			dst[u] += adj[u]
		}
	}
	if bounds != nil {
		bounds[i] = sumResultBound(bound, len(c.children), pr.adjMax[i])
	}
	return finite, nil
}

// aggregateBuiltin aggregates group c with a built-in aggregation.
// known is aggregate's.
func (pr *Prepared) aggregateBuiltin(c *cnode, a Aggregation, scores [][]float64, w, bw, dst, tmp []float64, known bool) (finite bool, err *aggError) {
	var tc [][]float64
	if a.Method != Arithmetic {
		tc = pr.leafTerms(c.group, a)
	}
	return aggregate(a, scores, c.children, w, bw, c.minShare, dst, tmp, tc, known)
}

// maxProvedSum is the largest bound (see sumBound) under which the
// weighted sums of an arithmetic mean are proved finite: a quarter of the
// largest float64 leaves room for the rounding of the sums and of the
// bound itself many times over.
const maxProvedSum = math.MaxFloat64 / 4

// sumBound returns B = sum_j |w_j| b_j over the children ch with w_j != 0
// (those the arithmetic mean adds, see weightedSum), b_j = bounds[ch_j]
// the largest magnitude of child j's scores; +Inf when no weight is
// non-zero (the mean is then not a weighted sum), NaN when a weight is
// NaN or infinite against a zero bound. Every term is non-negative.
//
// Why B <= maxProvedSum proves every sum s_u = sum_j w_j y_j[u] finite
// (and not NaN): rounding to nearest is monotone and symmetric (x <= y
// gives fl(x) <= fl(y), and fl(-x) = -fl(x)), and B adds its terms in
// the order and from the +0 that weightedSum adds the products in. Each
// rounded product obeys |fl(w_j y)| = fl(|w_j| |y|) <= fl(|w_j| b_j), the
// term of B, and each rounded partial sum |fl(p + q)| <= fl(|p| + |q|),
// so by induction over the terms |s_u| <= B: every partial sum of every
// unit is bounded by the same partial sum of B, with no rounding
// allowance at all. The argument holds for every result, subnormal ones
// included: where products or sums underflow, their rounding is no
// longer within a relative 2^-53 of the exact value (a subnormal keeps
// fewer digits, and a product can round to zero), but it is still
// monotone, and B's own terms underflow no less than the products they
// bound. Hence B <= maxProvedSum < MaxFloat64 means no partial sum
// overflows, and with finite terms no NaN arises. A NaN or infinite
// child score has bound +Inf, which makes B infinite or NaN and fails the
// test, so it is never skipped. (The factor 4 of maxProvedSum and the
// factor d of sumResultBound are headroom this argument does not need.)
func sumBound(w []float64, ch []int, bounds []float64) float64 {
	b, any := 0.0, false
	for j, c := range ch {
		if w[j] != 0 {
			b += float64(math.Abs(w[j]) * bounds[c])
			any = true
		}
	}
	if !any {
		return math.Inf(1)
	}
	return b
}

// sumResultBound is the bound on the magnitude of a group's scores given
// the bound B of its weighted sums (sumBound; +Inf when not an arithmetic
// mean), its k children and the largest magnitude adj of its bonus and
// penalty points (0 without): (B (1 + d) + adj)(1 + d), d = (k + 4) 2^-40,
// far more than the rounding of the sums, of the addition of the points
// and of this product need (see sumBound). +Inf unless B <= maxProvedSum.
func sumResultBound(b float64, k int, adj float64) float64 {
	if !(b <= maxProvedSum) {
		return math.Inf(1)
	}
	d := 1 + float64(k+4)*0x1p-40
	if r := (float64(b*d) + adj) * d; r <= math.MaxFloat64 {
		return r
	}
	return math.Inf(1)
}

// scoreBounds computes, once, the bounds that Scores starts from: per
// leaf the largest magnitude of its scores, per node that of its bonus
// and penalty points (0 without), +Inf where a value is not finite.
func (pr *Prepared) scoreBounds() {
	pr.boundsOnce.Do(func() {
		p := pr.plan
		pr.leafMax, pr.adjMax = make([]float64, len(p.nodes)), make([]float64, len(p.nodes))
		for i, c := range p.nodes {
			if c.leaf >= 0 {
				pr.leafMax[i] = maxAbs(pr.scores[i])
			}
			pr.adjMax[i] = maxAbs(pr.adj[i])
			if pr.noBounds {
				pr.leafMax[i], pr.adjMax[i] = math.Inf(1), math.Inf(1)
			}
		}
	})
}

// maxAbs returns the largest |x_u|, 0 for no value, +Inf if some value is
// infinite or NaN.
func maxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		a := math.Abs(v)
		if !(a <= m) {
			if a != a {
				return math.Inf(1)
			}
			m = a
		}
	}
	return m
}

func anyNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}

// minParallelCells is the number of cells (items × units) below which
// the parallel parts run on the calling goroutine: for a small model or
// table the goroutines would cost more than they save. On two cores, 300
// units × 200 indicators (60,000 cells, about 0.4 ms of work) took twice
// the processor time and more wall time on two goroutines than on one:
// each parallel phase wakes and parks a thread, and the idle one spins.
const minParallelCells = 1 << 18

// parallelWorkers is the number of goroutines for count items covering
// cells cells (items × units) of work: min(GOMAXPROCS, 8, count), or 1
// below minParallelCells. Callers allocate per-worker scratch for all of
// them up front, so that the number of allocations does not depend on the
// scheduling.
func parallelWorkers(count, cells int) int {
	if cells < minParallelCells {
		return min(1, count)
	}
	return min(runtime.GOMAXPROCS(0), 8, count)
}

// parallelItems calls f(w, k) for every item k in 0..count-1 on up to
// workers (see parallelWorkers) goroutines, w in 0..workers-1 being the
// worker's index (for per-worker scratch), which take the next item not
// yet taken, so that a worker slowed down by other load takes fewer
// items; none outlives the call. f must write only memory of its own item
// (and of its worker's scratch), so that results do not depend on the
// scheduling. The error returned is that of the lowest item that fails,
// as a serial loop would report: items are taken in increasing order and
// no item above a failed one is started, so every item below it runs.
func parallelItems(count, workers int, f func(w, k int) error) error {
	if workers <= 1 {
		for k := range count {
			if err := f(0, k); err != nil {
				return err
			}
		}
		return nil
	}
	var next atomic.Int64
	var stop atomic.Int64 // lowest failed item, count if none
	stop.Store(int64(count))
	errs := make([]error, count)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := next.Add(1) - 1
				if k >= int64(count) || k > stop.Load() {
					return
				}
				if err := f(w, int(k)); err != nil {
					errs[k] = err
					for s := stop.Load(); k < s && !stop.CompareAndSwap(s, k); s = stop.Load() {
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// leafScratch is a worker's scratch of prepareItem: buf of n, tmp of
// p.maxK, miss of n for a full prepare (else nil), and idx of n for the
// rank normalisations (made on first use).
type leafScratch struct {
	buf, tmp []float64
	miss     []bool
	idx      []int
}

// prepareItem prepares the leaves of item it (see prepareLeaves), adds
// their bonus and penalty points, then aggregates its groups, recording
// a group's error in errs and failed instead of returning it (see
// aggregateNominal), and, for a full prepare, fills their children's
// contributions and shares. storage holds the item's columns (see
// itemCols), flags its leaves' imputation flags.
func (pr *Prepared) prepareItem(ctx context.Context, t *Table, it *leafItem, storage []float64, flags []bool, s *leafScratch, errs []error, failed []bool) error {
	p, n := pr.plan, pr.n
	k := it.hi - it.lo
	scores := storage[:k*n]
	groups := storage[k*n : (k+len(it.groups))*n]
	storage = storage[(k+len(it.groups))*n:]
	var raw []float64
	if pr.con != nil {
		raw, storage = storage[:k*n], storage[k*n:]
	}
	if err := pr.prepareLeaves(ctx, t, it.lo, it.hi, scores, flags, raw, s); err != nil {
		return err
	}
	for _, i := range p.leaves[it.lo:it.hi] {
		pr.adjustLeaf(i)
	}
	for _, g := range it.groups {
		pr.scores[p.groups[g]] = groups[:n:n]
		groups = groups[n:]
		if err := pr.aggregateGroup(g, s.tmp); err != nil {
			errs[g], failed[g] = err, true
			continue
		}
		if pr.con != nil {
			storage = pr.explainGroup(g, pr.con, pr.share, pr.suspect, storage, s.buf, s.miss)
		}
	}
	return nil
}

// adjustLeaf adds leaf node i's bonus and penalty points, if any, to its
// normalised scores, keeping the scores before them in pr.agg[i].
func (pr *Prepared) adjustLeaf(i int) {
	if a := pr.adj[i]; a != nil {
		pr.finite[i] = false
		pr.agg[i] = append([]float64(nil), pr.scores[i]...)
		for u := range a {
			pr.scores[i][u] += a[u]
		}
	}
}

// prepareLeaves transforms, imputes and normalises leaves lo..hi-1 (an
// item's, see leafItem), with the worker's scratch s, writing their
// scores into backing and their imputation flags into flags ((hi-lo)*n
// each, leaf after leaf). When raw is not nil ((hi-lo)*n), every leaf's
// raw values are copied into it, so that none is the table's column.
func (pr *Prepared) prepareLeaves(ctx context.Context, t *Table, lo, hi int, backing []float64, flags []bool, raw []float64, s *leafScratch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p, n := pr.plan, pr.n
	buf := s.buf
	for l := lo; l < hi; l++ {
		i := p.leaves[l]
		c := &p.nodes[i]
		col, ok := t.column(c.column)
		if !ok {
			var err error
			if col, err = labelCodes(t, c); err != nil {
				return err
			}
		}
		// The record is filled in place: assigning a whole struct with
		// pointers costs a bulk write barrier while the collector runs.
		rec := &pr.leafRec[l]
		rec.ID, rec.Column = c.id, c.column
		var err error
		var x []float64
		var lo, hi float64
		var nan bool
		var own []float64 // the leaf's column of raw, if any
		if raw != nil {
			own, raw = raw[:n:n], raw[n:]
		}
		if c.tr.Method == "" || c.tr.Method == TransformNone {
			// Nothing changes a complete column: the raw values are the
			// table's own (which is immutable), not a copy.
			lo, hi, nan = minMaxNaN(col)
			x = col
			if own != nil {
				x = own
				copy(x, col)
			} else if nan {
				x = slices.Clone(col)
			}
			pr.rawShared[l] = own == nil && !nan
			rec.Transform, _ = transform(&c.tr, x, buf)
		} else {
			// Cloning (unlike make and copy) does not zero the memory first.
			if own != nil {
				x = own
				copy(x, col)
			} else {
				x = slices.Clone(col)
			}
			if rec.Transform, err = transform(&c.tr, x, buf); err != nil {
				return p.nodeErr(i, t.units, err)
			}
			lo, hi, nan = minMaxNaN(x)
		}
		imp := flags[:n:n]
		flags = flags[n:]
		var attr []string
		if c.imp.Method == ImputeGroupMean || c.imp.Method == ImputeGroupMedian {
			if attr, ok = t.attrVals[c.imp.By]; !ok {
				return &NodeError{Path: c.path, Err: fmt.Errorf("%w: no attribute %q in the table", ErrMissingColumn, c.imp.By)}
			}
		}
		// One pass finds the extremes for minmax and efficacy and whether
		// anything is missing: a complete column needs no imputation
		// (impute would find nothing to fill).
		var bounds *colBounds
		var cb colBounds
		filled := false
		if nan {
			if c.extImp != nil {
				filled, err = imputeExt(c.extImp, x, imp, buf)
			} else {
				filled, err = impute(&c.imp, x, imp, attr, buf)
			}
			if err != nil {
				return p.nodeErr(i, t.units, err)
			}
		} else {
			cb = colBounds{lo, hi}
			bounds = &cb
		}
		if filled {
			for _, f := range imp {
				if f {
					rec.Imputed++
				}
			}
		}
		ref := -1
		if c.norm.Reference != "" {
			for u, id := range t.units {
				if id == c.norm.Reference {
					ref = u
				}
			}
			if ref < 0 {
				return &NodeError{Path: c.path, Err: fmt.Errorf("%w: reference unit %q not in the table", ErrMissingColumn, c.norm.Reference)}
			}
		}
		y := backing[:n:n]
		backing = backing[n:]
		var nr normRecord
		if c.extNorm != nil {
			nr, err = normalizeExt(c.extNorm, c.lower, x, y)
		} else {
			if s.idx == nil && (c.norm.Method == NormRank || c.norm.Method == NormPercentile) {
				s.idx = make([]int, n)
			}
			nr, err = normalize(&c.norm, c.lower, x, ref, y, s.idx, bounds)
		}
		if err != nil {
			return p.nodeErr(i, t.units, err)
		}
		rec.Worst, rec.Best, rec.Mean, rec.SD, rec.Target, rec.Constant = nr.worst, nr.best, nr.mean, nr.sd, nr.target, nr.constant
		pr.raw[i], pr.scores[i], pr.imputed[i] = x, y, imp
		pr.hasNaN[i] = !nr.complete && anyNaN(y)
		pr.finite[i] = nr.finite
		if c.se != "" {
			if pr.se[i], err = leafSE(t, c, col, x, nr); err != nil {
				return err
			}
		}
	}
	return nil
}

// labelCodes returns the category codes of a categories leaf bound to a
// text attribute, or the missing-column error.
func labelCodes(t *Table, c *cnode) ([]float64, error) {
	texts, ok := t.attrVals[c.column]
	if !ok || c.norm.Method != NormCategories {
		return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: no column %q in the table", ErrMissingColumn, c.column)}
	}
	out := make([]float64, len(texts))
	for u, s := range texts {
		switch s {
		case "", "NA", "-":
			out[u] = math.NaN()
			continue
		}
		k := slices.IndexFunc(c.norm.Categories, func(cat Category) bool { return cat.Label == s })
		if k < 0 {
			return nil, &NodeError{Path: c.path, Unit: t.units[u], Err: fmt.Errorf("%w: %q is not a category label", ErrDomain, s)}
		}
		out[u] = c.norm.Categories[k].Value
	}
	return out, nil
}

// unitOrder returns the unit indices sorted by unit id (see
// canonicalOrder), computed on first use: only data-driven weights,
// benefit of the doubt and coherence need it.
func (pr *Prepared) unitOrder() []int {
	pr.orderOnce.Do(func() { pr.order = canonicalOrder(pr.units) })
	return pr.order
}
