package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// Settings configures [Build]. The zero value means 1,000 Monte Carlo
// replications with seed 0 over the default factors, a central 90% rank
// interval, and three strengths, weaknesses and costs per unit.
type Settings struct {
	// Factors are the model choices varied for the rank intervals; nil
	// means DefaultFactors of the plan.
	Factors []ranking.Factor
	// Replications is the number of Monte Carlo replications; 0 means
	// 1,000; a negative number leaves the uncertainty analysis out.
	Replications int
	// Seed seeds the Monte Carlo analysis.
	Seed uint64
	// Level is the coverage of the rank intervals; 0 means 0.90.
	Level float64
	// Top is the number of strengths, weaknesses and costs listed per
	// unit; 0 means 3.
	Top int
}

// DefaultFactors returns the factors used when Settings.Factors is nil:
// the local weights of each level of the tree perturbed by ±25% (groups
// with fixed weights and two or more children), and leaving out one
// indicator or none. They follow the JRC's practice for composite
// indicators (OECD/JRC Handbook 2008, section 7).
func DefaultFactors(p *indicator.Plan) []ranking.Factor {
	fs := LevelWeightFactors(p, 0.25)
	if len(p.Leaves()) > 1 {
		fs = append(fs, ranking.Factor{Name: "exclude one indicator", Kind: ranking.FactorExclude})
	}
	return fs
}

// LevelWeightFactors returns one factor per level of the tree that
// perturbs the local weights of the level's groups by ±amount (relative,
// uniform: 0.25 is ±25%), named "weights level L ±P%" (level 1 is the
// root's children). Groups whose weights a data-driven scheme computes,
// and groups of one child, are left out; so is a level without any other
// group.
func LevelWeightFactors(p *indicator.Plan, amount float64) []ranking.Factor {
	var fs []ranking.Factor
	groups := p.Groups()
	for level := 0; ; level++ {
		gi := ranking.LevelGroups(p, level)
		if len(gi) == 0 {
			return fs
		}
		var use []int
		for _, g := range gi {
			if groups[g].Weights != nil && len(groups[g].Children) >= 2 {
				use = append(use, g)
			}
		}
		if len(use) > 0 {
			name := fmt.Sprintf("weights level %d ±%s%%", level+1, strconv.FormatFloat(100*amount, 'g', 6, 64))
			fs = append(fs, ranking.Factor{Name: name, Kind: ranking.FactorWeights, Groups: use, Amount: amount})
		}
	}
}

// Build evaluates plan on t, ranks and grades the units by the model's
// ranking member, runs the uncertainty analysis and the per-unit analysis
// described in the package documentation, and returns the report's input.
// It returns the errors of indicator.Plan.Evaluate, ranking.FromSpec,
// ranking.Grade, ranking.Fingerprint and ranking.MonteCarlo, and ctx's
// error. plan and t are not modified.
func Build(ctx context.Context, plan *indicator.Plan, t *indicator.Table, s Settings) (*Input, error) {
	if s.Top <= 0 {
		s.Top = 3
	}
	if s.Level == 0 {
		s.Level = 0.9
	}
	if s.Replications == 0 {
		s.Replications = 1000
	}
	model := plan.Model()
	res, err := plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	grading, err := ranking.FromSpec(model.Ranking)
	if err != nil {
		return nil, err
	}
	gr, err := ranking.Grade(res.Score, res.Vetoed, res.Units, grading)
	if err != nil {
		return nil, err
	}
	fp, err := ranking.Fingerprint(model, t, ranking.VerifySettings{})
	if err != nil {
		return nil, err
	}
	in := &Input{Title: model.Name, Description: model.Description, Fingerprint: fp, DataAttributes: t.Attributes()}
	var mb, db bytes.Buffer
	if err := model.Encode(&mb); err != nil {
		return nil, err
	}
	if err := t.WriteCSV(&db); err != nil {
		return nil, err
	}
	in.Model, in.Data = mb.Bytes(), db.Bytes()
	order := make([]int, len(res.Units))
	for i := range order {
		order[i] = i
	}
	// Rank order; units of equal rank by id, so that the report does not
	// depend on the order of the data's rows.
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := gr.Rank[order[a]], gr.Rank[order[b]]
		if ra != rb {
			return ra < rb
		}
		return res.Units[order[a]] < res.Units[order[b]]
	})

	// Nodes: parts and indicators.
	eff := make([]float64, len(res.Nodes))
	var parts, leaves []int
	for i, n := range res.Nodes {
		eff[i] = n.LocalWeight
		if n.Parent >= 0 {
			eff[i] = float64(eff[n.Parent] * n.LocalWeight)
		}
		if n.Parent == 0 {
			parts = append(parts, i)
			in.Parts = append(in.Parts, label(n))
		}
		if n.Leaf {
			leaves = append(leaves, i)
		}
	}
	// A leaf is lower-is-better when an odd number of nodes on its path
	// are (see indicator.Node).
	nodes := map[string]*indicator.Node{}
	lowerLeaf := map[string]bool{}
	var walk func(n *indicator.Node, lower bool)
	walk = func(n *indicator.Node, lower bool) {
		if n.Polarity == indicator.LowerIsBetter {
			lower = !lower
		}
		nodes[n.ID] = n
		lowerLeaf[n.ID] = n.IsLeaf() && lower
		for _, c := range n.Children {
			walk(c, lower)
		}
	}
	walk(model.Root, false)
	for _, i := range leaves {
		n := res.Nodes[i]
		in.Indicators = append(in.Indicators, Indicator{ID: n.ID, Name: n.Name, Path: n.Path, Weight: eff[i], LowerIsBetter: lowerLeaf[n.ID]})
	}

	// Uncertainty.
	var dist *ranking.Distribution
	if s.Replications > 0 {
		factors := s.Factors
		if factors == nil {
			factors = DefaultFactors(plan)
		}
		if len(factors) > 0 {
			dist, err = ranking.MonteCarlo(ctx, plan, t, factors, ranking.Settings{Replications: s.Replications, Seed: s.Seed, Ranking: grading.Ranking, Level: s.Level})
			if err != nil {
				return nil, err
			}
			u := &Uncertainty{Replications: dist.Replications, Seed: s.Seed, Level: s.Level, MeanAbsShift: dist.MeanAbsShift}
			for _, f := range factors {
				u.Factors = append(u.Factors, f.Name)
			}
			in.Uncertainty = u
		}
	}

	an := &analysis{plan: plan, t: t, res: res, grading: grading, gr: gr, leaves: leaves, info: plan.Leaves()}
	in.Units = make([]Unit, len(order))
	for k, u := range order {
		unit := Unit{ID: res.Units[u], Rank: gr.Rank[u], Score: res.Score[u], Grade: gr.Name[u], Vetoed: res.Vetoed[u], BottomK: gr.BottomK[u]}
		unit.Veto = vetoReasons(res, nodes, u)
		for _, p := range parts {
			unit.Parts = append(unit.Parts, res.Nodes[p].Contribution[u])
		}
		if dist != nil {
			unit.Interval = &Interval{Lo: dist.Lo[u], Hi: dist.Hi[u], Median: dist.Median[u], Min: dist.Min[u], Max: dist.Max[u]}
		}
		in.Units[k] = unit
	}
	// The counterfactual evaluations dominate the cost; units are
	// independent, so they run on all cores, each writing only its own
	// entry. The first error in rank order is returned, whatever the
	// scheduling.
	errs := make([]error, len(order))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				if errs[k] = ctx.Err(); errs[k] == nil {
					errs[k] = an.unit(ctx, order[k], &in.Units[k], s.Top)
				}
			}
		}()
	}
	for k := range order {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return in, nil
}

func label(n indicator.NodeResult) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}

// vetoReasons lists the reasons of the vetoes that unit u meets.
func vetoReasons(res *indicator.Result, nodes map[string]*indicator.Node, u int) string {
	reason := ""
	for _, n := range res.Nodes {
		if n.Vetoed == nil || !n.Vetoed[u] {
			continue
		}
		r := "veto at " + n.ID
		if mn := nodes[n.ID]; mn != nil && len(mn.Veto) == 1 && mn.Veto[0].Reason != "" {
			r = mn.Veto[0].Reason
		}
		if reason != "" {
			reason += "; "
		}
		reason += r
	}
	return reason
}

// analysis holds what the per-unit analysis shares.
type analysis struct {
	plan    *indicator.Plan
	t       *indicator.Table
	res     *indicator.Result
	grading ranking.Grading
	gr      *ranking.GradeResult
	leaves  []int // node indices of the leaves
	info    []indicator.LeafInfo
}

// median returns the median of the non-NaN values of x other than x[skip]
// (the mean of the two middle values for an even count); NaN if none.
func median(x []float64, skip int) float64 {
	v := make([]float64, 0, len(x))
	for i, a := range x {
		if i != skip && !math.IsNaN(a) {
			v = append(v, a)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return v[m-1]/2 + v[m]/2
}

// place returns 1 + the number of units with a higher score than x[u],
// and the number of units with a score.
func place(x []float64, u int) (int, int) {
	p, of := 1, 0
	for _, a := range x {
		if math.IsNaN(a) {
			continue
		}
		of++
		if a > x[u] {
			p++
		}
	}
	return p, of
}

func (an *analysis) unit(ctx context.Context, u int, out *Unit, top int) error {
	var strong, weak []Finding
	for k, i := range an.leaves {
		sc := an.res.Nodes[i].Scores
		if math.IsNaN(sc[u]) {
			continue
		}
		f := Finding{Indicator: k, Score: sc[u], PeerMedian: median(sc, u)}
		f.Place, f.Of = place(sc, u)
		switch {
		case math.IsNaN(f.PeerMedian):
		case f.Score > f.PeerMedian:
			strong = append(strong, f)
		case f.Score < f.PeerMedian:
			weak = append(weak, f)
		}
	}
	w := func(f Finding) float64 { return an.res.Weights[f.Indicator].Weight }
	sort.SliceStable(strong, func(a, b int) bool {
		if strong[a].Place != strong[b].Place {
			return strong[a].Place < strong[b].Place
		}
		return w(strong[a]) > w(strong[b])
	})
	sort.SliceStable(weak, func(a, b int) bool {
		if weak[a].Place != weak[b].Place {
			return weak[a].Place > weak[b].Place
		}
		return w(weak[a]) > w(weak[b])
	})
	out.Strengths = head(strong, top)
	out.Weaknesses = head(weak, top)

	// Counterfactuals: each weak indicator alone, then all together.
	var costs []Cost
	var all []int
	set := map[string]float64{}
	for _, f := range weak {
		col := an.info[f.Indicator].Column
		raw, _ := an.t.Column(col)
		target := median(raw, u)
		if math.IsNaN(target) {
			continue
		}
		sc, err := an.rescore(ctx, u, map[string]float64{col: target})
		if err != nil {
			return err
		}
		rank, err := an.rank(sc, u)
		if err != nil {
			return err
		}
		costs = append(costs, Cost{Indicator: f.Indicator, Raw: raw[u], Target: target, Places: out.Rank - rank, Points: sc[u] - out.Score})
		set[col] = target
		all = append(all, f.Indicator)
	}
	sort.SliceStable(costs, func(a, b int) bool {
		if costs[a].Places != costs[b].Places {
			return costs[a].Places > costs[b].Places
		}
		return costs[a].Points > costs[b].Points
	})
	for _, c := range costs {
		if len(out.Costs) == top {
			break
		}
		if c.Points > 0 || c.Places > 0 {
			out.Costs = append(out.Costs, c)
		}
	}
	if len(all) == 0 {
		return nil
	}
	sort.Ints(all)
	sc, err := an.rescore(ctx, u, set)
	if err != nil {
		return err
	}
	g, err := ranking.Grade(sc, an.res.Vetoed, an.res.Units, an.grading)
	if err != nil {
		return err
	}
	out.Improvement = &Improvement{Indicators: all, Score: sc[u], Rank: g.Rank[u], Grade: g.Name[u], Places: out.Rank - g.Rank[u]}
	return nil
}

func head(f []Finding, n int) []Finding {
	if len(f) > n {
		f = f[:n]
	}
	return f
}

// rescore evaluates the model on the table with unit u's values in the
// given columns replaced.
func (an *analysis) rescore(ctx context.Context, u int, set map[string]float64) ([]float64, error) {
	cols := an.t.Columns()
	n := an.t.NumUnits()
	data := make([][]float64, n)
	for i := range data {
		data[i] = make([]float64, len(cols))
		for j, c := range cols {
			data[i][j] = an.t.Value(i, j)
			if v, ok := set[c]; ok && i == u {
				data[i][j] = v
			}
		}
	}
	t, err := indicator.NewTable(an.t.Units(), cols, data)
	if err != nil {
		return nil, err
	}
	for _, a := range an.t.Attributes() {
		vals, _ := an.t.Attribute(a)
		if t, err = t.WithAttribute(a, vals); err != nil {
			return nil, err
		}
	}
	res, err := an.plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	return res.Score, nil
}

// rank returns unit u's rank among scores.
func (an *analysis) rank(scores []float64, u int) (float64, error) {
	r, err := ranking.Rank(scores, an.res.Units, an.grading.Ranking)
	if err != nil {
		return 0, err
	}
	return r[u], nil
}
