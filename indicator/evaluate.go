package indicator

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// Result is the outcome of evaluating a plan on a table. Every slice is
// indexed by unit in table order unless said otherwise. The Result owns
// its slices; they share no memory with the plan or the table (except the
// leaves' Raw under EvalOptions.ScoresOnly, see [EvalOptions]).
type Result struct {
	// Units are the unit ids, in table order.
	Units []string `json:"units"`
	// Score is the final score of each unit: the root's score, after
	// adjustments.
	Score []float64 `json:"score"`
	// Vetoed reports the units that meet a veto rule at any node.
	Vetoed []bool `json:"vetoed"`
	// Nodes holds every node's results, in tree pre-order (root first).
	Nodes []NodeResult `json:"nodes"`
	// Weights holds the effective (global) weight of every indicator, in
	// tree pre-order of the leaves: the product of the local weights on
	// its path. They sum to 1 (within rounding). Benefit-of-the-doubt
	// groups count with the mean over units of each unit's weights
	// normalised to sum 1; available-case re-weighting of single units is
	// not reflected.
	Weights []IndicatorWeight `json:"weights"`
	// Leaves records, per leaf in the same order as Weights, the
	// transformation applied, the number of imputed cells and the
	// normalisation's parameters.
	Leaves []LeafRecord `json:"leaves"`
	// SE holds the standard error of each unit's Score when some leaf has
	// an SEColumn, else nil. Standard errors are propagated linearly
	// (delta method) through transformation and normalisation, and
	// through the arithmetic means assuming independent indicators:
	//
	//	SE_group = sqrt(sum_j (w_j SE_j)^2)
	//
	// Leaves without standard errors, adjustments and goalposts count as
	// exact; an imputed value has an unknown (NaN) standard error.
	SE []float64 `json:"se,omitempty"`

	pr *Prepared // what Explain computes the contributions from
}

// IndicatorWeight is the effective weight of one indicator.
type IndicatorWeight struct {
	ID     string  `json:"id"`
	Path   string  `json:"path"`
	Column string  `json:"column"`
	Weight float64 `json:"weight"`
}

// NodeResult holds one node's results.
type NodeResult struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	Name string `json:"name,omitempty"`
	Leaf bool   `json:"leaf,omitempty"`
	// Parent is the index in Result.Nodes of the parent; -1 for the root.
	Parent int `json:"parent"`
	// Scores is, per unit, the normalised value of a leaf or the
	// aggregate of a group, plus the node's adjustments. Higher is better.
	Scores []float64 `json:"scores"`
	// Raw holds a leaf's raw values after transformation and imputation
	// (nil for groups); NaN where missing under available-case
	// aggregation.
	Raw []float64 `json:"raw,omitempty"`
	// Contribution is, per unit, the points this node contributes to its
	// parent's score (nil for the root). Arithmetic means: w_j y_j (with
	// the weights of available children re-normalised). Other
	// aggregations: the parent's aggregate split in proportion to w_j y_j
	// (benefit of the doubt: the unit's own weights). The contributions of
	// a group's children sum to the group's score minus its Adjustment.
	// Nil after an evaluation with EvalOptions.ScoresOnly until
	// [Result.Explain] fills it.
	Contribution []float64 `json:"contribution,omitempty"`
	// Share is Contribution divided by the parent's aggregate (the local
	// weight when that is 0); the shares of siblings sum to 1. Nil, as
	// Contribution, until Explain after EvalOptions.ScoresOnly.
	Share []float64 `json:"share,omitempty"`
	// LocalWeight is the node's weight among its siblings as used (the
	// nominal one, or the one a data-driven scheme computed); for a child
	// of a bod group, the mean over units of their normalised weights.
	// 1 for the root.
	LocalWeight float64 `json:"local_weight"`
	// Adjustment is, per unit, the bonus minus penalty points added at
	// this node; nil if it has no adjustments.
	Adjustment []float64 `json:"adjustment,omitempty"`
	// Imputed flags a leaf's imputed cells (nil for groups).
	Imputed []bool `json:"imputed,omitempty"`
	// Vetoed flags the units that meet one of this node's veto rules; nil
	// if it has none.
	Vetoed []bool `json:"vetoed,omitempty"`
	// SE holds the standard errors of Scores when the model has standard
	// errors (see Result.SE); nil otherwise.
	SE []float64 `json:"se,omitempty"`
}

// Node returns the result of the node with the given id.
func (r *Result) Node(id string) (*NodeResult, bool) {
	for i := range r.Nodes {
		if r.Nodes[i].ID == id {
			return &r.Nodes[i], true
		}
	}
	return nil, false
}

// Evaluate scores every unit of t at every node of the plan. It returns
// the errors of [Plan.Prepare] and ctx.Err() when ctx is cancelled. t is
// not modified. The result does not depend on the order of the units
// other than by the same permutation of every per-unit slice. For large
// inputs the work is spread over up to min(GOMAXPROCS, 8) goroutines, none
// of which outlives the call; the results and errors are the same bits
// whatever their number. It panics if t is nil.
//
// Evaluate fills every field of the result; it is [Plan.EvaluateWith]
// with the zero [EvalOptions]. A caller that needs only the scores (to
// rank, say) saves most of the time and memory with
// EvalOptions{ScoresOnly: true}.
func (p *Plan) Evaluate(ctx context.Context, t *Table) (*Result, error) {
	return p.EvaluateWith(ctx, t, EvalOptions{})
}

// EvalOptions says what [Plan.EvaluateWith] leaves out of the result. The
// zero value leaves out nothing.
type EvalOptions struct {
	// ScoresOnly leaves out the per-node explanations: every
	// NodeResult's Contribution and Share are nil until [Result.Explain]
	// computes them (the same bits as a full evaluation), and a leaf's Raw
	// may be the table's column itself, when neither transformation nor
	// imputation changed it (the result then shares memory with the table
	// and Raw must not be modified). Every other field is as in a full
	// evaluation. At 3,000 units and 200 indicators this saves 70% of the
	// memory and 40% of the instructions. The contributions and shares
	// left out are not checked either: where a full evaluation fails on
	// one that overflows (ErrOverflow), a ScoresOnly one succeeds, and
	// [Result.ExplainGroups] returns that error.
	ScoresOnly bool
}

// EvaluateWith is [Plan.Evaluate] with options: see [EvalOptions].
func (p *Plan) EvaluateWith(ctx context.Context, t *Table, opts EvalOptions) (*Result, error) {
	pr, err := p.prepare(ctx, t, !opts.ScoresOnly)
	if err != nil {
		return nil, err
	}
	n := pr.n
	nn := len(p.nodes)
	r := &Result{
		Units:  append([]string(nil), t.units...),
		Score:  append([]float64(nil), pr.scores[0]...),
		Vetoed: make([]bool, n),
		Nodes:  make([]NodeResult, nn),
		Leaves: pr.leafRec,
		pr:     pr,
	}
	if pr.se != nil {
		r.SE = pr.se[0]
	}
	// The fields are set one by one (the nodes are zero): assigning a
	// whole struct with pointers costs a bulk write barrier while the
	// collector runs.
	for i := range p.nodes {
		c := &p.nodes[i]
		nr := &r.Nodes[i]
		nr.ID, nr.Path, nr.Name, nr.Leaf, nr.Parent = c.id, c.path, c.name, c.leaf >= 0, c.parent
		nr.Scores = pr.scores[i]
		if c.leaf >= 0 {
			// A full prepare gives every leaf raw values of its own.
			nr.Raw, nr.Imputed = pr.raw[i], pr.imputed[i]
		}
		if pr.con != nil {
			nr.Contribution, nr.Share = pr.con[i], pr.share[i]
		}
		if a := pr.adj[i]; a != nil {
			nr.Adjustment = a
		}
		if pr.se != nil {
			nr.SE = pr.se[i]
		}
		nr.LocalWeight = 1
		if i > 0 {
			nr.LocalWeight = pr.weights[p.nodes[c.parent].group][c.pos]
		}
		if len(c.veto) == 0 {
			continue
		}
		v, err := pr.vetoes(t, i, nr.Scores)
		if err != nil {
			return nil, err
		}
		nr.Vetoed = v
		for u, b := range v {
			r.Vetoed[u] = r.Vetoed[u] || b
		}
	}
	if !opts.ScoresOnly {
		if err := r.checkFinite(pr.suspect); err != nil {
			return nil, err
		}
	}
	r.Weights = make([]IndicatorWeight, len(p.leaves))
	for l, i := range p.leaves {
		w := 1.0
		for k := i; k > 0; k = p.nodes[k].parent {
			w *= r.Nodes[k].LocalWeight
		}
		c := &p.nodes[i]
		iw := &r.Weights[l]
		iw.ID, iw.Path, iw.Column, iw.Weight = c.id, c.path, c.column, w
	}
	return r, nil
}

// Explain fills every node's Contribution and Share when they are nil (an
// evaluation with EvalOptions.ScoresOnly), from the weights and the
// scores before adjustment that the result keeps: the same bits as a full
// evaluation. It does nothing for a result that has them, or that was not
// made by Evaluate or EvaluateWith. It must not run concurrently with
// other uses of r.
func (r *Result) Explain() {
	_ = r.explain(nil, false)
}

// explain is Explain (keep nil, check false) and ExplainGroups: it fills
// the contributions and shares of the children of the groups in keep
// (every group when keep is nil) when some node lacks them; the other
// groups' are computed into a worker's scratch, to be checked, and
// dropped. With check, it returns the first error (in node order) that
// Evaluate's checkFinite would return, and r is then unchanged.
func (r *Result) explain(keep []bool, check bool) error {
	pr := r.pr
	if pr == nil || len(r.Nodes) != len(pr.plan.nodes) {
		return nil
	}
	p := pr.plan
	missing := false
	for i := 1; i < len(r.Nodes); i++ {
		missing = missing || r.Nodes[i].Contribution == nil
	}
	if !missing {
		return nil
	}
	n, nn := pr.n, len(p.nodes)
	con, share := make([][]float64, nn), make([][]float64, nn)
	// The groups go one by one to the workers.
	type contribScratch struct {
		tot     []float64
		miss    []bool
		backing []float64 // for the groups not kept
	}
	workers := parallelWorkers(len(p.groups), 2*(nn-1)*n)
	scratch := make([]contribScratch, workers)
	for w := range scratch {
		scratch[w] = contribScratch{tot: make([]float64, n), miss: make([]bool, n)}
		if keep != nil {
			scratch[w].backing = make([]float64, 2*p.maxK*n)
		}
	}
	var suspect []bool
	var bad []error // per node: the error of its values
	if check {
		suspect, bad = make([]bool, len(p.groups)), make([]error, nn)
	}
	_ = parallelItems(len(p.groups), workers, func(w, g int) error {
		s := &scratch[w]
		kept := keep == nil || keep[g]
		backing := s.backing
		if kept {
			// One backing per group, filled right after it is zeroed
			// (while it is still in cache).
			backing = make([]float64, 2*len(p.nodes[p.groups[g]].children)*n)
		}
		pr.explainGroup(g, con, share, suspect, backing, s.tot, s.miss)
		for _, ch := range p.nodes[p.groups[g]].children {
			if check && suspect[g] {
				bad[ch] = r.nonFinite(ch, con[ch], share[ch])
			}
			if !kept {
				con[ch], share[ch] = nil, nil
			}
		}
		return nil
	})
	for _, err := range bad {
		if err != nil {
			return err
		}
	}
	for i := 1; i < nn; i++ {
		if con[i] != nil {
			r.Nodes[i].Contribution, r.Nodes[i].Share = con[i], share[i]
		}
	}
	return nil
}

// explainGroup fills the contributions and shares of group g's children,
// con[ch] and share[ch], taking 2n values per child from the start of
// backing, and, when suspect is not nil, sets suspect[g] unless every
// value written is known to be finite (see contributions). It returns
// the rest of backing. tot and miss are scratch of n.
func (pr *Prepared) explainGroup(g int, con, share [][]float64, suspect []bool, backing, tot []float64, miss []bool) []float64 {
	n, i := pr.n, pr.plan.groups[g]
	for _, ch := range pr.plan.nodes[i].children {
		con[ch], share[ch] = backing[:n:n], backing[n:2*n:2*n]
		backing = backing[2*n:]
	}
	finite := pr.contributions(i, con, share, tot, miss, suspect != nil)
	if suspect != nil {
		suspect[g] = !finite
	}
	return backing
}

// checkFinite returns an error wrapping ErrOverflow naming the node and
// the unit of the first contribution or share that is infinite, or NaN
// beside a number. It looks only at the children of the groups marked in
// suspect (see explainGroup): the others are known to hold none.
func (r *Result) checkFinite(suspect []bool) error {
	p := r.pr.plan
	for i := range r.Nodes {
		nr := &r.Nodes[i]
		if i == 0 || !suspect[p.nodes[p.nodes[i].parent].group] {
			continue
		}
		if err := r.nonFinite(i, nr.Contribution, nr.Share); err != nil {
			return err
		}
	}
	return nil
}

// nonFinite is checkFinite for node i, whose contributions and shares are
// con and share.
func (r *Result) nonFinite(i int, con, share []float64) error {
	nr := &r.Nodes[i]
	for _, part := range []struct {
		what string
		v    []float64
	}{{"contribution", con}, {"share", share}} {
		if u := badContribution(part.v, nr.Scores); u >= 0 {
			v := part.v[u]
			return &NodeError{Path: nr.Path, Unit: r.Units[u], Err: fmt.Errorf("%w: %s %v of score %v (values too large: keep the data within about ±1e300)", ErrOverflow, part.what, v, nr.Scores[u])}
		}
	}
	return nil
}

// ExplainGroups fills the Contribution and Share of the children of the
// groups with the given ids, after an evaluation with
// EvalOptions.ScoresOnly: the same bits as a full evaluation, for a
// caller that shows only those (a league table broken down by the root's
// children, say) and saves the memory of the others. Every other node's
// contribution and share is computed too, checked as [Plan.Evaluate]
// checks it, and dropped, so that ExplainGroups returns the error
// (wrapping [ErrOverflow], naming the node and the unit) that Evaluate
// would have returned instead of the result, and nil exactly when
// Evaluate would have succeeded; r is then unchanged. An id that is not
// a group's is an error. It does nothing for a result whose
// contributions are all there (a full evaluation, or after Explain), or
// that was not made by Evaluate or EvaluateWith. It must not run
// concurrently with other uses of r.
func (r *Result) ExplainGroups(ids ...string) error {
	pr := r.pr
	if pr == nil || len(r.Nodes) != len(pr.plan.nodes) {
		return nil
	}
	p := pr.plan
	keep := make([]bool, len(p.groups))
	for _, id := range ids {
		i := slices.IndexFunc(r.Nodes, func(nr NodeResult) bool { return nr.ID == id })
		if i < 0 || p.nodes[i].group < 0 {
			return fmt.Errorf("indicator: ExplainGroups: %q is not the id of a group", id)
		}
		keep[p.nodes[i].group] = true
	}
	return r.explain(keep, true)
}

// badContribution returns the first unit whose contribution or share v
// is infinite, or NaN beside a score that is not; -1 if there is none.
func badContribution(v, scores []float64) int {
	if allFinite(v) {
		return -1 // one cheap pass clears the usual case
	}
	for u, x := range v {
		if math.IsInf(x, 0) || (math.IsNaN(x) && !math.IsNaN(scores[u])) {
			return u
		}
	}
	return -1
}

// contributions fills the contributions and shares of group i's
// children, cons[ch] and shares[ch] (see NodeResult). tot and miss are
// scratch of one per unit. With check, finite reports that every value
// it wrote is known to be finite (false means not known); without, it is
// false.
func (pr *Prepared) contributions(i int, cons, shares [][]float64, tot []float64, miss []bool, check bool) (finite bool) {
	c := &pr.plan.nodes[i]
	g := c.group
	w := pr.weights[g]
	agg := pr.scores[i]
	if pr.agg[i] != nil {
		agg = pr.agg[i]
	}
	bw := pr.bodW[g]
	k := len(c.children)
	partial := false
	for _, ch := range c.children {
		partial = partial || pr.hasNaN[ch]
	}
	if c.agg.Method == Arithmetic && !partial {
		// Every child present: Contribution = w_j y_j, Share = that over
		// the aggregate (which is their sum).
		// Every slice is resliced to n so that the loops need no bounds
		// checks.
		n := len(agg)
		inv := tot[:n]
		zero := false
		for u, a := range agg {
			inv[u] = 1 / a
			zero = zero || a == 0
		}
		// The children's scores and the aggregate are finite numbers
		// here, and 1/a is never 0, so a contribution b that overflows
		// makes its share b/a infinite too: the shares alone tell whether
		// every value is finite. bad collects their s - s (0, or NaN for
		// an infinity or a NaN) without a second pass.
		// Explain, which reports nothing, is spared it (check false).
		var bad uint64
		for j, ch := range c.children {
			con, sh, y, wj := cons[ch][:n], shares[ch][:n], pr.scores[ch][:n], w[j]
			if check {
				for u, v := range y {
					b := float64(wj * v)
					s := b * inv[u]
					con[u], sh[u] = b, s
					bad |= math.Float64bits(s - s)
				}
			} else {
				for u, v := range y {
					b := float64(wj * v)
					con[u], sh[u] = b, b*inv[u]
				}
			}
			if zero {
				for u, a := range agg {
					if a == 0 {
						sh[u] = wj
					}
				}
			}
		}
		// A zero aggregate made its units' shares b*Inf before they were
		// set to the weight: not known then.
		return check && bad == 0 && !zero
	}
	clear(tot)
	clear(miss)
	// base_j = w_j y_j, summed in child order as the aggregation does.
	for j, ch := range c.children {
		con := cons[ch]
		y := pr.scores[ch]
		for u := range con {
			wj := w[j]
			if bw != nil && wj != 0 {
				wj = bw[u*k+j]
			}
			if wj == 0 {
				con[u] = 0
				continue
			}
			if math.IsNaN(y[u]) {
				con[u], miss[u] = 0, true
				continue
			}
			b := float64(wj * y[u])
			con[u] = b
			tot[u] = b + tot[u]
		}
	}
	arith := c.agg.Method == Arithmetic
	for j, ch := range c.children {
		con, sh := cons[ch], shares[ch]
		for u, b := range con {
			a := agg[u]
			switch {
			case a != a:
				con[u], sh[u] = math.NaN(), math.NaN()
			case arith && !miss[u]:
				if a != 0 {
					sh[u] = b / a
				} else {
					sh[u] = w[j]
				}
			case tot[u] != 0:
				sh[u] = b / tot[u]
				con[u] = float64(a*b) / tot[u]
			default:
				sh[u] = w[j]
				con[u] = float64(a * w[j])
			}
		}
	}
	return false
}
