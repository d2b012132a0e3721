package indicator

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/ppgpa/ppgpa/weighting"
)

// Plan is a compiled model: validated, with every inherited setting
// resolved and every fixed weight computed. A Plan is immutable and safe
// for concurrent use; evaluate it on as many tables as needed.
type Plan struct {
	model  *Model
	nodes  []cnode // tree pre-order, root first
	leaves []int   // node index of each leaf, in pre-order
	groups []int   // node index of each group, in pre-order
	maxK   int     // largest number of children of a group
	// plain and fused are the orders of Prepare's work (see schedule).
	plain, fused schedule
	hasSE        bool
	reg          *Registry // the caller's methods (nil: none)
}

// cnode is a compiled node.
type cnode struct {
	id, path, name string
	parent         int   // node index, -1 for the root
	pos            int   // position among the parent's children
	children       []int // node indices
	leaf, group    int   // leaf or group index, -1 if not one
	lower          bool  // effective polarity of a leaf
	column, se     string
	tr             Transform
	imp            Imputation
	norm           Normalization
	agg            Aggregation
	minShare       float64
	scheme         weighting.Scheme
	dataDriven     bool
	ids            []string  // children's ids
	declared       []float64 // children's declared weights
	nominal        []float64 // normalised local weights (nil: data-driven or bod)
	ahp            *AHPInfo  // analysis of an ahp group's judgments
	bod            weighting.BoDSettings
	ext            Aggregator // a registered aggregation (agg.Method)
	extNorm        Normalizer // a registered normalisation (norm.Method)
	extImp         Imputer    // a registered imputation (imp.Method)
	adj            *Adjustments
	veto           []Veto
}

// GroupInfo describes a group of a compiled plan; its index in
// [Plan.Groups] is the group index used by [Variant].
type GroupInfo struct {
	ID, Path string
	// Children are the ids of the group's children, in order.
	Children []string
	// Weights are the nominal local weights of the children, summing to
	// 1; nil for data-driven schemes (computed per table), bod, and a
	// fuzzy group of grade shares (whose children have no weights).
	Weights []float64
	// Aggregation is the group's aggregation (Method never empty).
	Aggregation Aggregation
	// AHP is the analysis of the judgments of a group weighted by the
	// analytic hierarchy process (consistency ratio, excluded judges, the
	// most inconsistent judgments); nil for other schemes.
	AHP *AHPInfo
}

// LeafInfo describes a leaf (indicator) of a compiled plan; its index in
// [Plan.Leaves] is the leaf index used by [Variant].
type LeafInfo struct {
	ID, Path, Column string
	// Group is the group index of the leaf's parent.
	Group int
}

// Compile validates m and compiles it into a plan. It returns a
// *[ValidationError] listing every problem if m is not valid. m is not
// modified and not retained: later changes to m do not affect the plan.
func Compile(m *Model) (*Plan, error) { return compile(m, nil) }

// compile is Compile with the registry reg (nil: none), which the plan
// keeps.
func compile(m *Model, reg *Registry) (*Plan, error) {
	if m == nil {
		return nil, &ValidationError{Problems: []Problem{{Path: "$", Msg: "nil model"}}}
	}
	nominals, err := m.validate(reg)
	if err != nil {
		return nil, err
	}
	p := &Plan{model: m.Clone(), reg: reg}
	// The nodes, allocated once: appending them one by one copied the
	// growing slice of large nodes again and again (half the time of
	// compiling a model of 100,000 nodes).
	var count func(n *Node) int
	count = func(n *Node) int {
		if n == nil {
			return 0
		}
		k := 1
		for _, c := range n.Children {
			k += count(c)
		}
		return k
	}
	p.nodes = make([]cnode, 0, count(p.model.Root))
	var problems []Problem
	var walk func(n *Node, parent, pos int, path string, lower bool, tr *Transform, imp *Imputation, nz *Normalization)
	walk = func(n *Node, parent, pos int, path string, lower bool, tr *Transform, imp *Imputation, nz *Normalization) {
		if path == "" {
			path = n.ID
		} else {
			path += "/" + n.ID
		}
		lower = lower != (n.Polarity == LowerIsBetter)
		if n.Transform != nil {
			tr = n.Transform
		}
		if n.Imputation != nil {
			imp = n.Imputation
		}
		if n.Normalization != nil {
			nz = n.Normalization
		}
		i := len(p.nodes)
		c := cnode{id: n.ID, path: path, name: n.Name, parent: parent, pos: pos, leaf: -1, group: -1,
			lower: lower, column: n.Column, se: n.SEColumn, adj: n.Adjustments, veto: n.Veto}
		if tr != nil {
			c.tr = *tr
		}
		if imp != nil {
			c.imp = *imp
			c.minShare = imp.MinShare
		}
		if nz != nil {
			c.norm = *nz
		}
		if n.Aggregation != nil {
			c.agg = *n.Aggregation
		}
		if c.agg.Method == "" {
			c.agg.Method = Arithmetic
		}
		c.agg = cloneAggregation(c.agg)
		c.bod = weighting.BoDSettings{MinShare: c.agg.MinShare, MaxShare: c.agg.MaxShare}
		var err error
		if c.ext, err = reg.aggregator(c.agg); err == nil && n.IsLeaf() {
			if c.extNorm, err = reg.normalizer(&c.norm); err == nil {
				c.imp.Params = cloneSlice(c.imp.Params)
				c.extImp, err = reg.imputer(&c.imp)
			}
		}
		if err != nil { // reported by validate; kept for safety
			problems = append(problems, Problem{Path: path, Msg: err.Error()})
			return
		}
		p.nodes = append(p.nodes, c)
		if n.IsLeaf() {
			p.nodes[i].leaf = len(p.leaves)
			p.leaves = append(p.leaves, i)
			p.hasSE = p.hasSE || n.SEColumn != ""
			return
		}
		g := &p.nodes[i]
		g.group = len(p.groups)
		p.groups = append(p.groups, i)
		p.maxK = max(p.maxK, len(n.Children))
		g.ids = make([]string, len(n.Children))
		g.declared = make([]float64, len(n.Children))
		for j, ch := range n.Children {
			g.ids[j], g.declared[j] = ch.ID, ch.Weight
		}
		s, err := reg.scheme(n.Weighting, g.ids)
		if err != nil { // already reported by Validate; kept for safety
			problems = append(problems, Problem{Path: path, Msg: err.Error()})
			return
		}
		g.scheme, g.dataDriven = s, s.DataDriven()
		if singleFactor(n) {
			g.nominal = equalShares(len(n.Children))
		} else if !g.dataDriven && g.agg.Method != BoD {
			r, ok := nominals[path]
			if !ok { // computed by validate; kept for safety
				var err error
				if r, err = nominalWeights(s, g.ids, g.declared); err != nil {
					problems = append(problems, Problem{Path: path, Msg: err.Error()})
				}
			}
			g.nominal, g.ahp = r.w, r.ahp
		}
		for j, ch := range n.Children {
			k := len(p.nodes)
			p.nodes[i].children = append(p.nodes[i].children, k)
			walk(ch, i, j, path, lower, tr, imp, nz)
		}
	}
	walk(p.model.Root, -1, 0, "", false, nil, nil, nil)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	p.plain, p.fused = p.schedules()
	return p, nil
}

// checkWeights checks a scheme's output: k finite non-negative weights
// summing to 1 within rounding.
func checkWeights(w []float64, k int) error {
	if len(w) != k {
		return fmt.Errorf("weighting: %d weights for %d children", len(w), k)
	}
	s := 0.0
	for j, v := range w {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("weighting: weight %d is %v", j, v)
		}
		s += v
	}
	if math.Abs(s-1) > 1e-9 {
		return fmt.Errorf("weighting: weights sum to %v, want 1", s)
	}
	return nil
}

// Model returns a deep copy of the compiled model.
func (p *Plan) Model() *Model { return p.model.Clone() }

// Groups describes the groups in tree pre-order (root first).
func (p *Plan) Groups() []GroupInfo {
	out := make([]GroupInfo, len(p.groups))
	for g, i := range p.groups {
		c := &p.nodes[i]
		out[g] = GroupInfo{ID: c.id, Path: c.path, Children: append([]string(nil), c.ids...),
			Weights: cloneSlice(c.nominal), Aggregation: c.agg, AHP: c.ahp.clone()}
		out[g].Aggregation = cloneAggregation(c.agg)
		if c.agg.Method == Fuzzy && p.nodes[c.children[0]].leaf >= 0 {
			out[g].Weights = nil // grade shares: no weights (see singleFactor)
		}
	}
	return out
}

// Leaves describes the leaves in tree pre-order.
func (p *Plan) Leaves() []LeafInfo {
	out := make([]LeafInfo, len(p.leaves))
	for l, i := range p.leaves {
		c := &p.nodes[i]
		out[l] = LeafInfo{ID: c.id, Path: c.path, Column: c.column, Group: p.nodes[c.parent].group}
	}
	return out
}

// Columns returns the names of the table columns that [Plan.Evaluate]
// reads: the leaves' columns and standard-error columns and the columns
// of the adjustments and veto rules, sorted, without repeats. A service
// that builds a table from a request needs no other column: memory
// proportional to the units times these columns, whatever else the
// request holds.
func (p *Plan) Columns() []string {
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for i := range p.nodes {
		c := &p.nodes[i]
		add(c.column)
		add(c.se)
		if c.adj != nil {
			for _, t := range c.adj.Bonus {
				add(t.Column)
			}
			for _, t := range c.adj.Penalty {
				add(t.Column)
			}
		}
		for _, v := range c.veto {
			add(v.Column)
		}
	}
	sort.Strings(out)
	return out
}

// nodeErr wraps err as a *NodeError of node i; a *unitError names the unit.
func (p *Plan) nodeErr(i int, units []string, err error) error {
	var ue *unitError
	if errors.As(err, &ue) {
		return &NodeError{Path: p.nodes[i].path, Unit: units[ue.u], Err: ue.err}
	}
	return &NodeError{Path: p.nodes[i].path, Err: err}
}
