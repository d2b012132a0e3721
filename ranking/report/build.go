package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/weighting"
)

// Settings configures [Build]. The zero value means 1,000 Monte Carlo
// replications with seed 0 over the default factors, a central 90% rank
// interval, three strengths and weaknesses per unit among the
// informative indicators, and a report in Chinese.
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
	// Progress, if not nil, reports how far the Monte Carlo analysis has
	// come (see ranking.Settings.Progress).
	Progress func(done, total int) `json:"-"`
	// ExplainProgress, if not nil, reports how far the explanations have
	// come, which precede the Monte Carlo analysis and can take far
	// longer (one evaluation of the model per unit and indicator for the
	// what-if figures, then one per unit for its improvement): done of
	// total = n (K + 1) evaluations for n units and K indicators, n K
	// when every unit's what-if figures are done, total when the
	// improvements are. It is called from several goroutines, and
	// follows the rules of ranking.ExplainSettings.Progress.
	ExplainProgress func(done, total int) `json:"-"`
	// Top is the number of strengths and weaknesses listed per unit; 0
	// means 3.
	Top int
	// AllIndicators also counts indicators with no spread or only two
	// distinct values as strengths and weaknesses (see
	// ranking.ExplainedIndicator.Informative); by default they are left
	// out, since half the units are "below the median" of a yes/no
	// indicator by construction.
	AllIndicators bool
	// Lang is the language of the report.
	Lang Lang
	// Compare, when not empty, adds the section comparing the units'
	// ranks under the model and under each of these schemes (see
	// [Comparison]; names as Comparison.Schemes says).
	Compare []ranking.Scheme `json:"-"`
	// Survey describes the residents' survey in words for the methods
	// section (e.g. "按街道分层随机抽样，电话访问"), and Respondents is the
	// number of valid responses; empty and 0 leave them out. They fill
	// in Methods.Survey and Methods.Respondents.
	Survey      string
	Respondents int
	// Coherence, if not nil, adds the statistical coherence of the model
	// to the methods section (indicator.Prepared.Coherence with these
	// settings: Cronbach's alpha of every group, its correlation with the
	// index, and the pairs of indicators flagged as redundant or
	// negatively correlated), as ppgpa coherence gives it.
	Coherence *weighting.CoherenceSettings
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
// ranking member, runs the uncertainty analysis and explains every unit
// ([ranking.Explain]: strengths, weaknesses and what reaching the peers'
// median would give), and returns the report's input with the model, the
// data and the methods section filled in. The caller may then set the
// issuer, period and date, add comments ([Input.AddComments]), residents'
// comment counts, last year's results ([Input.SetLastYear]), survey
// estimates and rank confidence sets.
//
// Ranks, grades, designations and promotions are those of the model's
// whole ranking section (ranking.UnitsOf and ranking.Classify), as ppgpa
// score and ppgpa verify give them: with categories ranked apart, each
// unit's rank is its rank in its category's table, and the units are
// listed table by table. The rank intervals are intervals of these
// ranks: each replication is ranked within the categories' tables, with
// vetoed units last when the section says so (ranking.Settings.Tables
// and Last).
//
// It returns the errors of indicator.Plan.Evaluate, ranking.FromSpec,
// ranking.UnitsOf, ranking.Classify, ranking.Fingerprint, ranking.Explain
// and ranking.MonteCarlo, and ctx's error. plan and t are not modified.
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
	// One ranking for the score, the report and its verification: the
	// model's whole ranking section (categories, veto placement,
	// promotion, designations).
	units, err := ranking.UnitsOf(res, t, model.Ranking)
	if err != nil {
		return nil, err
	}
	st, err := ranking.Classify(units, model.Ranking)
	if err != nil {
		return nil, err
	}
	fp, err := ranking.FingerprintOf(model, t, ranking.VerifySettings{})
	if err != nil {
		return nil, err
	}
	// The fingerprint with its parts, so that a check of the page can say
	// which part differs (ranking.FingerprintParts.String, or Chinese
	// in a Chinese or bilingual report).
	fps := fp.Chinese()
	if s.Lang == English {
		fps = fp.String()
	}
	in := &Input{Lang: s.Lang, Title: model.Name, Description: model.Description, Fingerprint: fps, DataAttributes: t.Attributes()}
	var mb, db bytes.Buffer
	if err := model.Encode(&mb); err != nil {
		return nil, err
	}
	if err := t.WriteCSV(&db); err != nil {
		return nil, err
	}
	in.Model, in.Data = mb.Bytes(), db.Bytes()
	in.Methods = methods(model, grading)
	in.Methods.VetoLast = model.Ranking != nil && model.Ranking.VetoPlacement == "last"
	in.Methods.Survey, in.Methods.Respondents = s.Survey, s.Respondents

	// Table by table, in rank order; units of equal rank by id, so that
	// the report does not depend on the order of the data's rows.
	var order []int
	for _, lt := range st.Tables {
		order = append(order, lt.Units...)
	}
	if len(st.Tables) > 1 {
		for _, lt := range st.Tables {
			in.Categories = append(in.Categories, lt.Label)
			if len(lt.Units) == 0 {
				in.EmptyCategories = append(in.EmptyCategories, lt.Label)
			}
		}
	}

	var parts []int
	for i, n := range res.Nodes {
		if n.Parent == 0 {
			parts = append(parts, i)
			in.Parts = append(in.Parts, label(n))
		}
	}
	nodes := map[string]*indicator.Node{}
	var walk func(n *indicator.Node)
	walk = func(n *indicator.Node) {
		nodes[n.ID] = n
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(model.Root)
	if s.Coherence != nil {
		pr, err := plan.Prepare(ctx, t)
		if err != nil {
			return nil, err
		}
		c, err := pr.Coherence(ctx, *s.Coherence)
		if err != nil {
			return nil, err
		}
		in.Methods.Coherence = coherenceOf(c, nodes)
	}

	var es ranking.ExplainSettings
	K := len(plan.Leaves())
	total := len(order) * (K + 1)
	if s.ExplainProgress != nil {
		es.Progress = func(done, _ int) { s.ExplainProgress(done*K, total) }
	}
	ex, err := ranking.Explain(ctx, plan, t, es)
	if err != nil {
		return nil, err
	}
	// What reaching the peers' median on every weak indicator at once
	// would give each unit.
	improvements := make([]*Improvement, len(order))
	for k, u := range order {
		_, allWeak := ex.StrengthsWeaknesses(u, 0, s.AllIndicators)
		if improvements[k], err = improvement(ctx, plan, t, ex, units, model.Ranking, u, allWeak, st.Rank[u]); err != nil {
			return nil, err
		}
		if s.ExplainProgress != nil {
			s.ExplainProgress(len(order)*K+k+1, total)
		}
	}
	for _, x := range ex.Indicators {
		n := nodes[x.ID]
		col, _ := t.Column(x.Column)
		in.Indicators = append(in.Indicators, Indicator{ID: x.ID, Name: x.Name, Path: x.Path, Unit: x.Unit,
			Source: n.Source, Description: n.Description, Weight: x.Weight, LowerIsBetter: x.LowerIsBetter, Decimals: decimals(col), Labels: x.Labels})
	}

	// Uncertainty: the replications are ranked as the published table
	// is, within each category's table and with vetoed units last when
	// the ranking section says so.
	var dist *ranking.Distribution
	if s.Replications > 0 {
		factors := s.Factors
		if factors == nil {
			factors = DefaultFactors(plan)
		}
		if len(factors) > 0 {
			ms := ranking.Settings{Replications: s.Replications, Seed: s.Seed, Ranking: grading.Ranking, Level: s.Level, Progress: s.Progress}
			if len(st.Tables) > 1 {
				ms.Tables = make([]int, len(st.Units))
				for k, lt := range st.Tables {
					for _, i := range lt.Units {
						ms.Tables[i] = k
					}
				}
			}
			if model.Ranking != nil && model.Ranking.VetoPlacement == "last" {
				ms.Last = st.Vetoed
			}
			dist, err = ranking.MonteCarlo(ctx, plan, t, factors, ms)
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

	if in.Comparison, err = compareSchemes(ctx, plan, t, grading.Ranking, s.Compare); err != nil {
		return nil, err
	}

	in.Units = make([]Unit, len(order))
	for k, u := range order {
		unit := Unit{ID: res.Units[u], Rank: st.Rank[u], Score: res.Score[u], Tied: st.Tied(u), Grade: st.Grade[u],
			Vetoed: res.Vetoed[u], BottomK: st.BottomK[u], Promoted: st.Promoted[u], Designations: st.Designations[u]}
		if len(st.Tables) > 1 {
			for _, lt := range st.Tables {
				if lt.Category == st.Category[u] {
					unit.Category = lt.Label
				}
			}
		}
		unit.Veto = vetoReasons(res, nodes, u)
		for _, p := range parts {
			unit.Parts = append(unit.Parts, res.Nodes[p].Contribution[u])
		}
		if dist != nil && !math.IsNaN(st.Rank[u]) {
			unit.Interval = &Interval{Lo: dist.Lo[u], Hi: dist.Hi[u], Median: dist.Median[u], Min: dist.Min[u], Max: dist.Max[u]}
		}
		strong, weak := ex.StrengthsWeaknesses(u, s.Top, s.AllIndicators)
		for _, k := range strong {
			unit.Strengths = append(unit.Strengths, finding(ex, u, k))
		}
		for _, k := range weak {
			unit.Weaknesses = append(unit.Weaknesses, finding(ex, u, k))
		}
		unit.Improvement = improvements[k]
		in.Units[k] = unit
	}
	return in, nil
}

func finding(ex *ranking.Explanation, u, k int) Finding {
	c := ex.Cells[u][k]
	return Finding{Indicator: k, Raw: c.Raw, PeerMedian: c.PeerMedian, Imputed: c.Imputed, Label: c.Label, PeerMode: c.PeerMode, Score: c.Score, PeerScore: c.PeerScore,
		Points: c.Points, Place: c.Place, Of: c.Of, Tied: c.Tied, WhatIfScore: c.WhatIfScore, WhatIfRank: c.WhatIfRank, WhatIfTied: c.WhatIfTied}
}

// improvement returns the improvement of unit u, ranked rank: every weak
// indicator with a peers' median better than its value and a what-if
// figure (the model evaluates with that median alone), set to that median
// at once, the whole model evaluated again (veto rules included) and the
// units classified again; nil if there is no such indicator, or if the
// model cannot be evaluated with all of them (the data are not at
// fault).
func improvement(ctx context.Context, plan *indicator.Plan, t *indicator.Table, ex *ranking.Explanation, units ranking.Units,
	spec *indicator.RankingSpec, u int, weak []int, rank float64) (*Improvement, error) {
	set := map[string]float64{}
	var ks []int
	for _, k := range weak {
		c := ex.Cells[u][k]
		if math.IsNaN(c.PeerMedian) || math.IsNaN(c.WhatIfScore) || !c.Better(ex.Indicators[k]) {
			continue
		}
		set[ex.Indicators[k].Column] = c.PeerMedian
		ks = append(ks, k)
	}
	if len(ks) == 0 {
		return nil, nil
	}
	sort.Ints(ks)
	// The whole model evaluated again on the changed table: its scores
	// and its veto flags (a veto on a score that the change raises is
	// lifted).
	t2 := t
	for _, c := range t.Columns() {
		if v, ok := set[c]; ok {
			var err error
			if t2, err = t2.WithValue(u, c, v); err != nil {
				return nil, err
			}
		}
	}
	res, err := plan.Evaluate(ctx, t2)
	if err != nil {
		return nil, ctx.Err()
	}
	units.Scores, units.Vetoed = res.Score, res.Vetoed
	g, err := ranking.Classify(units, spec)
	if err != nil {
		return nil, err
	}
	return &Improvement{Indicators: ks, Score: res.Score[u], Rank: g.Rank[u], Tied: g.Tied(u), Grade: g.Grade[u], Places: rank - g.Rank[u]}, nil
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
		r := n.Name
		if r == "" {
			r = n.ID
		}
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

// methods describes the model for the methods section.
func methods(m *indicator.Model, g ranking.Grading) *Methods {
	me := &Methods{Ties: g.Ranking.Ties.String()}
	add := func(list *[]string, s string) {
		for _, x := range *list {
			if x == s {
				return
			}
		}
		*list = append(*list, s)
	}
	var walk func(n *indicator.Node, depth int, nz *indicator.Normalization, imp *indicator.Imputation)
	walk = func(n *indicator.Node, depth int, nz *indicator.Normalization, imp *indicator.Imputation) {
		if n.Normalization != nil {
			nz = n.Normalization
		}
		if n.Imputation != nil {
			imp = n.Imputation
		}
		me.Levels = max(me.Levels, depth)
		if n.IsLeaf() {
			method := "minmax"
			if nz != nil && nz.Method != "" {
				method = string(nz.Method)
			}
			add(&me.Normalizations, method)
			if imp != nil && imp.Method != "" && imp.Method != indicator.ImputeNone {
				add(&me.Imputations, string(imp.Method))
			}
			return
		}
		agg := "arithmetic"
		if n.Aggregation != nil && n.Aggregation.Method != "" {
			agg = string(n.Aggregation.Method)
		}
		add(&me.Aggregations, agg)
		w := "fixed"
		if n.Weighting != nil && n.Weighting.Method != "" {
			w = n.Weighting.Method
		}
		if len(n.Children) > 1 {
			add(&me.Weightings, w)
		}
		for _, c := range n.Children {
			walk(c, depth+1, nz, imp)
		}
	}
	if m.Root != nil {
		walk(m.Root, 0, nil, nil)
	}
	for _, gr := range g.Grades {
		gi := GradeInfo{Name: gr.Name, MinScore: math.NaN(), MaxShare: math.NaN()}
		if gr.MinScore != nil {
			gi.MinScore = *gr.MinScore
		}
		if gr.MaxShare != nil {
			gi.MaxShare = *gr.MaxShare
		}
		me.Grades = append(me.Grades, gi)
	}
	return me
}

// coherenceOf keeps of c what the methods section shows: the groups of
// two or more children, named as the model names them.
func coherenceOf(c *indicator.Coherence, nodes map[string]*indicator.Node) *Coherence {
	name := func(id string) string {
		if n := nodes[id]; n != nil && n.Name != "" {
			return n.Name
		}
		return id
	}
	out := &Coherence{Method: c.Method.String(), Redundant: c.Redundant, Negative: c.Negative}
	for _, g := range c.Groups {
		if len(g.Children) < 2 {
			continue
		}
		gc := GroupCoherence{Name: name(g.ID), Children: len(g.Children), Alpha: g.Alpha.Raw, WithIndex: g.GroupWithIndex}
		for _, f := range g.Flags {
			gc.Flags = append(gc.Flags, CoherenceFlag{A: name(f.A), B: name(f.B), R: f.R, Negative: f.Kind == weighting.NegativeCorrelation})
		}
		out.Groups = append(out.Groups, gc)
	}
	return out
}
