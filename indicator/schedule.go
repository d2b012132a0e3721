package indicator

// The order of Prepare's work, fixed when the plan is compiled.
//
// Prepare normalises the leaves in items of consecutive leaves, which
// go one by one to its workers. An item may end with groups of leaves
// whose every child is among its leaves: those groups are aggregated
// right after their leaves are normalised, while the scores are still
// in cache (at 3,000 units a group of ten leaves' scores is 240 KB),
// instead of in the first wave of aggregateNominal, after every leaf.
// The results are the same bits either way: a group's aggregate depends
// only on its children's scores, its weights and its adjustments, which
// Prepare computes before the leaves. Errors are chosen as if the leaves
// were all done first (see Plan.Prepare).

// leafItem is a run of consecutive leaves that Prepare gives a worker at
// once.
type leafItem struct {
	lo, hi int   // the leaves lo..hi-1
	groups []int // group indices aggregated after the leaves, in pre-order
	// col is the first column of the item's scores in a slab holding,
	// item after item, its leaves' scores then its groups'; fullCol is
	// the same in a full evaluation's slab, where each item's columns are
	// followed by its leaves' raw values and the contributions and shares
	// of its groups' children (see itemCols).
	col, fullCol int
	children     int // the children of its groups
}

// itemCols returns the number of columns (of n values) of item it's
// storage: its leaves' and groups' scores and, for a full evaluation, its
// leaves' raw values and the contribution and share of each child of its
// groups.
func itemCols(it *leafItem, full bool) int {
	k := it.hi - it.lo
	if full {
		return 2*k + len(it.groups) + 2*it.children
	}
	return k + len(it.groups)
}

// schedule is one way of ordering Prepare's work: the leaf items, then
// the waves of the groups the items do not aggregate.
type schedule struct {
	items          []leafItem
	cols, fullCols int // columns of the items' storage (see leafItem)
	// order lists the other groups by height (0 for a group of leaves,
	// else one more than its highest child group), then in pre-order;
	// wave h is order[starts[h]:starts[h+1]]. The groups of a wave
	// depend only on the items and on earlier waves.
	order, starts []int
	done          []bool // per group: aggregated by an item
}

// leafBlock is the most leaves an item holds, unless one group of leaves
// alone has more.
const leafBlock = 8

// maxFusedLeaves is the most children of a group that an item
// aggregates: a larger group of leaves is normalised in items of
// leafBlock and aggregated afterwards, so that its leaves can go to
// several workers.
const maxFusedLeaves = 64

// schedules computes the plan's two schedules: plain, whose items are
// blocks of leafBlock leaves and whose waves hold every group, and fused,
// whose items end with the groups of at most maxFusedLeaves leaves.
func (p *Plan) schedules() (plain, fused schedule) {
	none := make([]bool, len(p.groups))
	plain.items = p.leafItems(none)
	plain.cols, plain.fullCols = p.itemColumns(plain.items)
	plain.order, plain.starts = p.waves(none)
	plain.done = none
	fused.done = make([]bool, len(p.groups))
	for g, i := range p.groups {
		c := &p.nodes[i]
		ok := len(c.children) <= maxFusedLeaves
		for _, ch := range c.children {
			ok = ok && p.nodes[ch].leaf >= 0
		}
		fused.done[g] = ok
	}
	fused.items = p.leafItems(fused.done)
	fused.cols, fused.fullCols = p.itemColumns(fused.items)
	fused.order, fused.starts = p.waves(fused.done)
	return plain, fused
}

// itemColumns sets the items' columns in the slabs (see leafItem) and
// returns the columns of each slab.
func (p *Plan) itemColumns(items []leafItem) (cols, fullCols int) {
	for k := range items {
		it := &items[k]
		for _, g := range it.groups {
			it.children += len(p.nodes[p.groups[g]].children)
		}
		it.col, it.fullCol = cols, fullCols
		cols += itemCols(it, false)
		fullCols += itemCols(it, true)
	}
	return cols, fullCols
}

// leafItems splits the leaves into items: the leaves of a group marked in
// fuse form a unit with the group, every other leaf a unit of its own, and
// consecutive units are packed into items of at most leafBlock leaves (a
// larger unit is an item of its own).
func (p *Plan) leafItems(fuse []bool) []leafItem {
	var items []leafItem
	cur := leafItem{}
	flush := func() {
		if cur.hi > cur.lo {
			items = append(items, cur)
		}
	}
	for l := 0; l < len(p.leaves); {
		size, g := 1, -1
		if parent := p.nodes[p.leaves[l]].parent; parent >= 0 {
			if pg := p.nodes[parent].group; fuse[pg] {
				// The group's children are all leaves, hence
				// consecutive in pre-order, and l is its first.
				size, g = len(p.nodes[parent].children), pg
			}
		}
		if cur.hi > cur.lo && cur.hi-cur.lo+size > leafBlock {
			flush()
			cur = leafItem{lo: l, hi: l}
		}
		cur.hi += size
		if g >= 0 {
			cur.groups = append(cur.groups, g)
		}
		l += size
	}
	flush()
	return items
}

// waves returns the groups not marked in done in waves of equal height,
// for aggregateNominal: order lists them by height, then in pre-order;
// wave h is order[starts[h]:starts[h+1]].
func (p *Plan) waves(done []bool) (order, starts []int) {
	ng := len(p.groups)
	// Children come after their parent in pre-order.
	height := make([]int, ng)
	top := 0
	for g := ng - 1; g >= 0; g-- {
		for _, ch := range p.nodes[p.groups[g]].children {
			if cg := p.nodes[ch].group; cg >= 0 {
				height[g] = max(height[g], height[cg]+1)
			}
		}
		top = max(top, height[g])
	}
	order = make([]int, 0, ng)
	starts = make([]int, top+2)
	for h := range top + 1 {
		starts[h] = len(order)
		for g, hg := range height {
			if hg == h && !done[g] {
				order = append(order, g)
			}
		}
	}
	starts[top+1] = len(order)
	return order, starts
}
