package report

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// Comparison is the units' ranks under several ways of scoring the same
// data (weighting schemes, aggregations, normalisations, one choice of the
// model changed at a time), for the report's comparison section, which
// follows the rank intervals. [Build] fills it in from Settings.Compare;
// [ComparisonOf] converts a result of ranking.CompareSchemes for an Input
// made otherwise.
type Comparison struct {
	// Schemes names the schemes, the model's own first: "model", a
	// weighting method ("equal", "entropy", ...), "agg " and an
	// aggregation ("agg geometric offset 1") or "norm " and a
	// normalisation ("norm rank"), as ppgpa names them; the model
	// format's methods are written in the report's language, other names
	// as they are.
	Schemes []string
	// Units are the units' ids; Ranks[s][u] is unit u's rank under scheme
	// s and Shift[u] the largest minus the smallest of its ranks.
	Units []string
	Ranks [][]float64
	Shift []float64
	// Tau and Rho are Kendall's tau-b and Spearman's rho between the
	// scores of each scheme and those of the first (1 for the first).
	Tau, Rho []float64
}

// ComparisonOf returns the comparison c for a report (nil for nil): the
// schemes, ranks and shifts as they are, and the agreement of every
// scheme with the first. c is not modified.
func ComparisonOf(c *ranking.SchemeComparison) *Comparison {
	if c == nil {
		return nil
	}
	out := &Comparison{Schemes: append([]string(nil), c.Names...), Units: append([]string(nil), c.Units...), Shift: append([]float64(nil), c.Shift...)}
	for s := range c.Names {
		out.Ranks = append(out.Ranks, append([]float64(nil), c.Ranks[s]...))
		out.Tau = append(out.Tau, c.Tau[s][0])
		out.Rho = append(out.Rho, c.Rho[s][0])
	}
	return out
}

// compareSchemes ranks t under plan (as "model") and every scheme of
// schemes, for Settings.Compare; nil when schemes is empty.
func compareSchemes(ctx context.Context, plan *indicator.Plan, t *indicator.Table, opt ranking.Options, schemes []ranking.Scheme) (*Comparison, error) {
	if len(schemes) == 0 {
		return nil, nil
	}
	all := append([]ranking.Scheme{{Name: "model", Plan: plan}}, schemes...)
	c, err := ranking.CompareSchemes(ctx, t, all, opt)
	if err != nil {
		return nil, err
	}
	return ComparisonOf(c), nil
}

// schemeName writes a scheme of a Comparison in l.
func schemeName(l Lang, name string) string {
	if name == "model" {
		return msg{"本方案（模型规定的方法）", "the model as published"}.in(l)
	}
	if m, ok := strings.CutPrefix(name, "norm "); ok {
		return methodName(l, m)
	}
	if a, ok := strings.CutPrefix(name, "agg "); ok {
		return aggName(l, a)
	}
	return methodName(l, name)
}

// aggName names an aggregation written "METHOD[ p=P][ rho=R][ offset C]"
// in l: "geometric offset 1" is 加权几何平均（偏移量 1）, "grey_relational
// rho=0.3" 灰色关联分析法（分辨系数 ρ=0.3）.
func aggName(l Lang, a string) string {
	method, opts, _ := strings.Cut(a, " ")
	n := methodName(l, method)
	var parts []string
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, " ")
		switch {
		case strings.HasPrefix(o, "p="):
			parts = append(parts, o)
		case strings.HasPrefix(o, "rho="):
			parts = append(parts, msg{"分辨系数 ρ=%s", "rho=%s"}.in(l, strings.TrimPrefix(o, "rho=")))
		case o == "offset":
			var v string
			v, opts, _ = strings.Cut(opts, " ")
			parts = append(parts, msg{"偏移量 %s", "offset %s"}.in(l, v))
		default:
			parts = append(parts, o)
		}
	}
	if len(parts) > 0 {
		sep, open, close := "，", "（", "）"
		if l == English {
			sep, open, close = ", ", " (", ")"
		}
		n += open + strings.Join(parts, sep) + close
	}
	return n
}

var (
	hComparison = msg{"不同方法下的排名比较", "Ranks under other methods"}
	pComparison = msg{
		"同一组数据分别按下列方法计算得分并排名，每次只改变模型的一项选择：%s。“名次变动”为该单位在各方法下最低与最高名次之差。",
		"The same data scored and ranked under each of these methods, one choice of the model changed at a time: %s. The shift is the unit's lowest rank minus its highest.",
	}
	pAgreement = msg{
		"下表为各方法与本方案得分排序的一致程度：Kendall τ-b 与 Spearman ρ，取值 −1 至 1，1 表示排序完全相同。",
		"How far each method's order of the scores agrees with the model's: Kendall's tau-b and Spearman's rho, from −1 to 1, where 1 is the same order.",
	}
	pComparisonAll = msg{
		"本节名次为全部参评单位统一排序的名次，不分类别，因此与上文分类排名表中的名次不同。",
		"The ranks in this section are of all units ranked together, not within categories, so they differ from the ranks of the league tables above.",
	}
	cMethod = msg{"方法", "Method"}
	cShift  = msg{"名次变动", "Shift"}
)

// comparison returns the comparison section, or nil when there is none.
func (c *composer) comparison() *block {
	cm := c.in.Comparison
	if cm == nil || len(cm.Schemes) == 0 || len(cm.Ranks) != len(cm.Schemes) {
		return nil
	}
	names := func(l Lang) string {
		var ns []string
		for _, s := range cm.Schemes {
			ns = append(ns, schemeName(l, s))
		}
		return list(l, ns)
	}
	tb := &table{}
	col := func(h texts, num, name bool) {
		tb.head, tb.num, tb.name = append(tb.head, h), append(tb.num, num), append(tb.name, name)
	}
	col(c.t(cUnit), false, true)
	for _, s := range cm.Schemes {
		col(c.tf(func(l Lang) string { return schemeName(l, s) }), true, false)
	}
	col(c.t(cShift), true, false)
	order := make([]int, len(cm.Units))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return cm.Ranks[0][order[i]] < cm.Ranks[0][order[j]] })
	for _, u := range order {
		row := []string{cm.Units[u]}
		for s := range cm.Schemes {
			row = append(row, rank(at(cm.Ranks[s], u)))
		}
		tb.rows = append(tb.rows, append(row, rank(at(cm.Shift, u))))
	}
	ag := &table{head: []texts{c.t(cMethod), {"Kendall τ-b"}, {"Spearman ρ"}}, num: []bool{false, true, true}, name: []bool{false, false, false}}
	for s, name := range cm.Schemes {
		ag.rows = append(ag.rows, []string{c.cell(func(l Lang) string { return schemeName(l, name) }), fixed(at(cm.Tau, s), 3), fixed(at(cm.Rho, s), 3)})
	}
	sub := []block{
		heading(2, c.t(hComparison)),
		para("", c.tf(func(l Lang) string { return pComparison.in(l, names(l)) })),
	}
	if len(c.in.Categories) > 1 {
		sub = append(sub, para("note", c.t(pComparisonAll)))
	}
	return &block{kind: bSection, id: "comparison", sub: append(sub,
		block{kind: bTable, table: tb},
		para("note", c.t(pAgreement)),
		block{kind: bTable, table: ag},
	)}
}

// at returns x[i], or NaN (written "–") when x is too short.
func at(x []float64, i int) float64 {
	if i < len(x) {
		return x[i]
	}
	return math.NaN()
}
