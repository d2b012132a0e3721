package indicator

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// WhatIf evaluates a plan on one table with one value changed, many times
// over, as an explanation of every unit's result does ("what if this unit
// had its peers' median on this indicator?"). [WhatIf.Scores] gives the
// same bits, and the same errors, as
//
//	t2, err := t.WithValue(u, column, x)
//	r, err := plan.Evaluate(ctx, t2) // r.Score
//
// but evaluates only what the changed value reaches: the leaves that read
// the column (their values or their standard errors) are transformed,
// imputed and normalised again over all units, since a new value may move
// the statistics the normalisation uses (minimum, maximum, mean, ranks,
// target of a reference unit); then each group above them is aggregated
// again over all units and all children, by the code that Evaluate runs,
// with the same weights (data-driven weights and benefit-of-the-doubt
// weights computed again from the new scores), and gets its bonus and
// penalty points; the other groups keep their scores. The checks of
// Evaluate (values outside a method's domain, overflow of scores,
// contributions and shares, units left without a score) are made on the
// nodes evaluated again, the other nodes having passed them on t.
//
// The whole model is evaluated again, as above, when a bonus or penalty
// term reads the column (the points of its node change), and whenever
// the nodes evaluated again fail a check, so that the error returned is
// the one Evaluate returns. Veto rules do not change scores; they are
// looked at only by [WhatIf.ScoresVetoed], which applies again the rules
// of the nodes evaluated again and the rules that read the column.
//
// The methods of the plan's [Registry] are called as Evaluate calls them,
// on the same arguments (a leaf's whole column, a group's children over
// all units), so that a method that keeps the registry's contract (a
// pure function of its arguments) gives the same bits here.
//
// A WhatIf is safe for concurrent use by many goroutines; it keeps plan
// and t, which are immutable, and modifies neither.
type WhatIf struct {
	plan *Plan
	t    *Table
	base *Prepared // a full prepare of t (as Evaluate makes)
	cols map[string]*whatIfColumn
	// per node: the largest magnitude of the base's scores (+Inf for an
	// infinity or NaN), see contributionsFinite
	maxAbs []float64
	pool   sync.Pool // *whatIfState
	// the base's veto flags (Result.Vetoed), per node (NodeResult.Vetoed,
	// nil for a node without rules) and the nodes with rules
	vetoed    []bool
	nodeVeto  [][]bool
	vetoNodes []int
}

// whatIfColumn is how a change of one column reaches the scores and the
// veto flags.
type whatIfColumn struct {
	leaves []int // the leaf nodes that read it, in pre-order
	groups []int // the groups above them, children before parents
	whole  bool  // a bonus or penalty term reads it: evaluate everything
	means  int   // the most cached means (see meanTerms) of a leaf's parent
	// the nodes with veto rules whose flags may change: those among
	// leaves and groups, and those with a rule that reads the column
	vetoes []int
}

// PrepareWhatIf evaluates plan on t (returning the errors of
// [Plan.Evaluate]) and keeps what [WhatIf.Scores] reuses. t is not
// modified. It panics if t is nil.
func (p *Plan) PrepareWhatIf(ctx context.Context, t *Table) (*WhatIf, error) {
	r, err := p.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	w := &WhatIf{plan: p, t: t, base: r.pr, cols: map[string]*whatIfColumn{}, vetoed: r.Vetoed, nodeVeto: make([][]bool, len(p.nodes))}
	col := func(name string) *whatIfColumn {
		c := w.cols[name]
		if c == nil {
			c = &whatIfColumn{}
			w.cols[name] = c
		}
		return c
	}
	for i := range p.nodes {
		c := &p.nodes[i]
		if a := c.adj; a != nil {
			for _, term := range slices.Concat(a.Bonus, a.Penalty) {
				col(term.Column).whole = true
			}
		}
		if len(c.veto) > 0 {
			w.nodeVeto[i] = r.Nodes[i].Vetoed
			w.vetoNodes = append(w.vetoNodes, i)
			for _, rule := range c.veto {
				if rule.Column != "" {
					wc := col(rule.Column)
					if !slices.Contains(wc.vetoes, i) {
						wc.vetoes = append(wc.vetoes, i)
					}
				}
			}
		}
		if c.leaf < 0 {
			continue
		}
		for _, name := range []string{c.column, c.se} {
			if name == "" {
				continue
			}
			wc := col(name)
			if k := len(wc.leaves); k == 0 || wc.leaves[k-1] != i {
				wc.leaves = append(wc.leaves, i)
			}
		}
	}
	for _, wc := range w.cols {
		for _, i := range wc.leaves {
			for a := p.nodes[i].parent; a >= 0; a = p.nodes[a].parent {
				if !slices.Contains(wc.groups, a) {
					wc.groups = append(wc.groups, a)
				}
			}
			if par := p.nodes[i].parent; par >= 0 {
				if list := w.base.terms[p.nodes[par].group].Load(); list != nil {
					wc.means = max(wc.means, len(*list))
				}
			}
		}
		// A child has a higher index (pre-order) than its parent.
		slices.SortFunc(wc.groups, func(a, b int) int { return b - a })
		for _, i := range slices.Concat(wc.leaves, wc.groups) {
			if len(p.nodes[i].veto) > 0 && !slices.Contains(wc.vetoes, i) {
				wc.vetoes = append(wc.vetoes, i)
			}
		}
	}
	w.maxAbs = make([]float64, len(p.nodes))
	for i := range p.nodes {
		w.maxAbs[i] = maxAbs(w.base.scores[i])
	}
	w.pool.New = func() any { return w.newState() }
	return w, nil
}

// Scores returns every unit's final score (as [Result.Score]) when unit u
// (a row index of the table) has the value x in the given column, the
// other values being those of the table: the same bits as Evaluate on
// t.WithValue(u, column, x), and the errors of WithValue (an unknown
// column, an infinite value) and of Evaluate. The table is not modified.
// It panics if u is out of range.
func (w *WhatIf) Scores(ctx context.Context, u int, column string, x float64) ([]float64, error) {
	scores, _, err := w.eval(ctx, u, column, x, false)
	return scores, err
}

// ScoresVetoed is [WhatIf.Scores] that also returns every unit's veto
// flag (as [Result.Vetoed]) under the changed value: a veto rule on a
// node's score holds or not by the node's new scores, and a rule that
// reads the column by its new values; the same flags as Evaluate on
// t.WithValue(u, column, x). It panics if u is out of range.
func (w *WhatIf) ScoresVetoed(ctx context.Context, u int, column string, x float64) (scores []float64, vetoed []bool, err error) {
	return w.eval(ctx, u, column, x, true)
}

// eval is Scores, and with vetoes ScoresVetoed.
func (w *WhatIf) eval(ctx context.Context, u int, column string, x float64, vetoes bool) ([]float64, []bool, error) {
	if u < 0 || u >= w.t.NumUnits() {
		panic(fmt.Sprintf("indicator: WhatIf of unit %d, want 0..%d", u, w.t.NumUnits()-1))
	}
	j, ok := w.t.colIndex[column]
	wc := w.cols[column]
	if !ok || math.IsInf(x, 0) || (wc != nil && wc.whole) {
		return w.whole(ctx, u, column, x, vetoes)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var vetoed []bool
	if vetoes {
		vetoed = slices.Clone(w.vetoed)
	}
	if wc == nil {
		// Neither a leaf nor a veto rule reads the column: the scores and
		// flags are t's.
		return slices.Clone(w.base.scores[0]), vetoed, nil
	}
	st := w.pool.Get().(*whatIfState)
	defer w.pool.Put(st)
	defer st.restore(w, j, wc)
	ok, err := st.evaluate(ctx, w, j, wc, u, x)
	if err != nil {
		return nil, nil, err
	}
	if ok && vetoes && len(wc.vetoes) > 0 {
		ok = st.vetoes(w, wc, vetoed)
	}
	if !ok {
		return w.whole(ctx, u, column, x, vetoes)
	}
	return slices.Clone(st.pr.scores[0]), vetoed, nil
}

// whole is eval by a new evaluation of the whole model.
func (w *WhatIf) whole(ctx context.Context, u int, column string, x float64, vetoes bool) ([]float64, []bool, error) {
	t, err := w.t.WithValue(u, column, x)
	if err != nil {
		return nil, nil, err
	}
	r, err := w.plan.Evaluate(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	if !vetoes {
		return r.Score, nil, nil
	}
	return r.Score, r.Vetoed, nil
}

// vetoes sets vetoed, per unit, as EvaluateWith does from the rules of
// every node: the base's flags of the nodes whose rules the change does
// not reach, the rules applied again to the scores (and table) of st for
// the others (wc.vetoes). It reports false if a rule fails (which it
// cannot, having passed on t: the whole model then says why).
func (st *whatIfState) vetoes(w *WhatIf, wc *whatIfColumn, vetoed []bool) bool {
	clear(vetoed)
	for _, i := range w.vetoNodes {
		v := w.nodeVeto[i]
		if slices.Contains(wc.vetoes, i) {
			var err error
			if v, err = st.pr.vetoes(&st.t, i, st.pr.scores[i]); err != nil {
				return false
			}
		}
		for u, b := range v {
			vetoed[u] = vetoed[u] || b
		}
	}
	return true
}

// whatIfState is one goroutine's working copy of the base: a Prepared
// whose per-node tables start as copies of the base's, of which
// evaluate replaces the entries of the nodes it evaluates again and
// restore puts the base's back, and a table whose changed column is
// replaced likewise.
type whatIfState struct {
	pr    *Prepared
	t     Table
	col   []float64 // the changed column
	ls    leafScratch
	tmp   []float64 // p.maxK
	buf   []float64 // storage of the nodes evaluated again
	flags []bool
	// the contributions and shares of a group's children (per node
	// index, see Prepared.contributions), their storage and scratch
	con, share [][]float64
	cbuf, tot  []float64
	miss       []bool
	terms      [][]*meanTerms // per group: the base's cached terms, copied on first use
	changed    []bool         // per node: evaluated again
	maxAbs     []float64      // per node: as WhatIf's, of the scores here
}

func (w *WhatIf) newState() *whatIfState {
	b, p, n := w.base, w.plan, w.base.n
	nn := len(p.nodes)
	pr := &Prepared{plan: p, units: b.units, n: n,
		scores: slices.Clone(b.scores), raw: slices.Clone(b.raw), rawShared: slices.Clone(b.rawShared),
		imputed: slices.Clone(b.imputed), leafRec: slices.Clone(b.leafRec), se: slices.Clone(b.se),
		weights: slices.Clone(b.weights), bodW: slices.Clone(b.bodW), adj: b.adj, agg: slices.Clone(b.agg),
		hasNaN: slices.Clone(b.hasNaN), finite: slices.Clone(b.finite)}
	pr.terms = make([]atomic.Pointer[[]*meanTerms], len(p.groups))
	pr.orderOnce.Do(func() { pr.order = b.unitOrder() })
	st := &whatIfState{pr: pr, t: *w.t, tmp: make([]float64, p.maxK),
		con: make([][]float64, nn), share: make([][]float64, nn),
		cbuf: make([]float64, 2*p.maxK*n), tot: make([]float64, n), miss: make([]bool, n),
		terms: make([][]*meanTerms, len(p.groups)), changed: make([]bool, nn), maxAbs: slices.Clone(w.maxAbs)}
	st.t.data = slices.Clone(w.t.data)
	st.ls = leafScratch{buf: make([]float64, n), tmp: make([]float64, p.maxK)}
	return st
}

// evaluate evaluates again the nodes that column j reaches (see
// whatIfColumn) with unit u's value set to x. ok is false when the whole
// model must be evaluated: a node failed or a check found a problem. err
// is ctx's error.
func (st *whatIfState) evaluate(ctx context.Context, w *WhatIf, j int, wc *whatIfColumn, u int, x float64) (ok bool, err error) {
	pr, p, n := st.pr, w.plan, w.base.n
	st.col = append(st.col[:0], w.t.data[j]...)
	st.col[u] = x
	st.t.data[j] = st.col
	// Storage: per leaf its scores, raw values and the terms of its
	// parent's cached means; per group its scores.
	need := n * (len(wc.leaves)*(2+wc.means) + len(wc.groups))
	if cap(st.buf) < need {
		st.buf = make([]float64, need)
	}
	if cap(st.flags) < n*len(wc.leaves) {
		st.flags = make([]bool, n*len(wc.leaves))
	}
	buf, flags := st.buf[:need], st.flags
	take := func() []float64 {
		s := buf[:n:n]
		buf = buf[n:]
		return s
	}
	for _, i := range wc.leaves {
		l := p.nodes[i].leaf
		y, raw := take(), take()
		if err := pr.prepareLeaves(ctx, &st.t, l, l+1, y, flags[:n:n], raw, &st.ls); err != nil {
			return false, ctx.Err()
		}
		flags = flags[n:]
		pr.adjustLeaf(i)
		st.changed[i] = true
		st.maxAbs[i] = maxAbs(pr.scores[i])
	}
	for _, i := range wc.groups {
		g := p.nodes[i].group
		st.leafTerms(w, g, take)
		pr.scores[i] = take()
		if err := pr.aggregateGroup(g, st.tmp); err != nil {
			return false, ctx.Err()
		}
		st.maxAbs[i] = maxAbs(pr.scores[i])
	}
	// The checks of prepare and of Evaluate on the nodes evaluated again.
	for _, nodes := range [][]int{wc.groups, wc.leaves} {
		for _, i := range nodes {
			if pr.checkNodeFinite(i) != nil {
				return false, nil
			}
		}
	}
	if anyNaN(pr.scores[0]) {
		return false, nil
	}
	for _, i := range wc.groups {
		c := &p.nodes[i]
		if st.contributionsFinite(w, i) {
			continue
		}
		cb := st.cbuf
		for _, ch := range c.children {
			st.con[ch], st.share[ch] = cb[:n:n], cb[n:2*n:2*n]
			cb = cb[2*n:]
		}
		if pr.contributions(i, st.con, st.share, st.tot, st.miss, true) {
			continue
		}
		for _, ch := range c.children {
			if badContribution(st.con[ch], pr.scores[ch]) >= 0 || badContribution(st.share[ch], pr.scores[ch]) >= 0 {
				return false, nil
			}
		}
	}
	return true, ctx.Err()
}

// contributionsFinite reports that the contributions and shares of
// group node i's children (see Prepared.contributions) are finite,
// without computing them, for an arithmetic mean of children without a
// missing score; false means not known. There, with a_u the group's
// score before adjustments (finite and not 0), the contribution of child
// j is b = w_j y_j[u] and its share b (1/a_u), each rounded; rounding
// being monotone,
//
//	|b| <= fl(W M),  |share| <= fl(fl(W M) V)
//
// with W = max_j |w_j|, M = max_j max_u |y_j[u]| and V = max_u |1/a_u|,
// so the bound being finite proves every value finite (and no NaN, whose
// factors are all finite). The bounds M of the children are kept per
// node (st.maxAbs).
func (st *whatIfState) contributionsFinite(w *WhatIf, i int) bool {
	pr, c := st.pr, &w.plan.nodes[i]
	if c.agg.Method != Arithmetic {
		return false
	}
	wt := pr.weights[c.group]
	var bw, m float64
	for j, ch := range c.children {
		if pr.hasNaN[ch] {
			return false
		}
		bw, m = max(bw, math.Abs(wt[j])), max(m, st.maxAbs[ch])
	}
	a := pr.scores[i]
	if pr.agg[i] != nil {
		a = pr.agg[i]
	}
	v := 0.0
	for _, x := range a {
		if x == 0 || x-x != 0 {
			return false
		}
		v = max(v, math.Abs(1/x))
	}
	return float64(bw*m)*v <= math.MaxFloat64
}

// leafTerms gives group g, about to be aggregated again, the cached terms
// (see meanTerms) that the base computed for it, with those of its leaf
// children that were evaluated again computed anew into storage from
// take: the values leafTerms would compute from the new scores.
func (st *whatIfState) leafTerms(w *WhatIf, g int, take func() []float64) {
	base := w.base.terms[g].Load()
	if base == nil {
		return
	}
	list := st.terms[g]
	if list == nil {
		for _, m := range *base {
			list = append(list, &meanTerms{key: m.key, cols: slices.Clone(m.cols)})
		}
		st.terms[g] = list
		st.pr.terms[g].Store(&list)
	}
	p := w.plan
	for k, ch := range p.nodes[p.groups[g]].children {
		if p.nodes[ch].leaf < 0 || !st.changed[ch] {
			continue // a group, or a leaf not evaluated again
		}
		for _, m := range list {
			t := take()
			off, pw := math.Float64frombits(m.key.off), math.Float64frombits(m.key.p)
			for u, y := range st.pr.scores[ch] {
				if m.key.method == Geometric {
					t[u] = logTerm(y, off)
				} else {
					t[u] = powTerm(y, off, pw)
				}
			}
			m.cols[k] = t
		}
	}
}

// restore puts back the base's entries of the nodes that column j
// reaches, and the table's column j.
func (st *whatIfState) restore(w *WhatIf, j int, wc *whatIfColumn) {
	st.t.data[j] = w.t.data[j]
	for _, i := range wc.leaves {
		st.changed[i] = false
	}
	for _, i := range wc.leaves {
		st.restoreNode(w, i)
	}
	for _, i := range wc.groups {
		st.restoreNode(w, i)
	}
}

// restoreNode puts back the base's entries of node i.
func (st *whatIfState) restoreNode(w *WhatIf, i int) {
	b, pr, c := w.base, st.pr, &w.plan.nodes[i]
	pr.scores[i], pr.raw[i], pr.imputed[i], pr.agg[i] = b.scores[i], b.raw[i], b.imputed[i], b.agg[i]
	pr.hasNaN[i], pr.finite[i] = b.hasNaN[i], b.finite[i]
	st.maxAbs[i] = w.maxAbs[i]
	if pr.se != nil {
		pr.se[i] = b.se[i]
	}
	if l := c.leaf; l >= 0 {
		pr.rawShared[l], pr.leafRec[l] = b.rawShared[l], b.leafRec[l]
	}
	if g := c.group; g >= 0 {
		pr.weights[g], pr.bodW[g] = b.weights[g], b.bodW[g]
		if list := st.terms[g]; list != nil {
			for k, m := range *b.terms[g].Load() {
				copy(list[k].cols, m.cols)
			}
		}
	}
}
