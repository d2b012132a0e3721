package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"
	"slices"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// schemeComparison is the output of uncertainty -weightings (and weights
// -ranks): each unit's rank under each scheme, the shifts and the
// agreement.
type schemeComparison struct {
	model string
	what  string // "weighting schemes" or "schemes"
	c     *ranking.SchemeComparison
	lang  report.Lang // -lang: the language of the table and Markdown
}

// The texts of the comparison's tables.
var (
	scRanks     = report.Text{ZH: "%[1]d种%[2]s下的排名（名次变动为最大名次减最小名次）", EN: "ranks under %[1]d %[2]s (shift: largest minus smallest rank)"}
	scWeighting = report.Text{ZH: "赋权方法", EN: "weighting schemes"}
	scSchemes   = report.Text{ZH: "方案（每次只改变模型的一项选择）", EN: "schemes, one choice of the model changed at a time,"}
	scAgreement = report.Text{ZH: "得分的一致性：右上三角为Kendall τ-b，左下三角为Spearman ρ", EN: "agreement of the scores: Kendall's tau-b (upper triangle) and Spearman's rho (lower)"}
	scShift     = report.Text{ZH: "名次变动", EN: "shift"}
	scUnit      = report.Text{ZH: "单位", EN: "unit"}
)

// name is a scheme's name in the tables: the CSV's in English, the
// report's in Chinese.
func (sc *schemeComparison) name(s string) string {
	if sc.lang == report.English {
		return s
	}
	return report.SchemeName(sc.lang, s)
}

// schemeList is the schemes of a comparison: weighting schemes (equal,
// entropy, critic, sd, pca, a scheme of the model file, or "model" for
// the model as it is), then alternative aggregations of every group and
// alternative normalisations of every leaf, each changing one choice of
// the model.
type schemeList struct {
	weightings []string
	aggs       []indicator.Aggregation
	aggNames   []string
	norms      []indicator.Normalization
}

// comparisonList builds the schemes of a comparison from the -weightings,
// -aggregations and -normalizations flags.
func comparisonList(weightings, aggregations, normalizations string) (schemeList, error) {
	l := schemeList{weightings: splitList(weightings)}
	for _, entry := range splitList(aggregations) {
		a, name, err := parseAggregation(entry)
		if err != nil {
			return l, err
		}
		l.aggs = append(l.aggs, a)
		l.aggNames = append(l.aggNames, "agg "+name)
	}
	for _, m := range splitList(normalizations) {
		nz, err := parseNormalization(m)
		if err != nil {
			return l, err
		}
		l.norms = append(l.norms, nz)
	}
	seen := map[string]bool{}
	for _, name := range append(append(slices.Clone(l.weightings), l.aggNames...), splitList(normalizations)...) {
		if seen[name] {
			return l, usagef("%q is listed twice", name)
		}
		seen[name] = true
	}
	return l, nil
}

// plans compiles the model m of plan p under every scheme of l (with the
// plan's registry).
func (l schemeList) plans(p *indicator.Plan, m *indicator.Model) ([]ranking.Scheme, error) {
	var schemes []ranking.Scheme
	add := func(name string, m *indicator.Model) error {
		ap, err := p.Recompile(m)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		schemes = append(schemes, ranking.Scheme{Name: name, Plan: ap})
		return nil
	}
	for _, name := range l.weightings {
		if err := add(name, ranking.WithWeighting(m, name)); err != nil {
			return nil, fmt.Errorf("weighting %w", err)
		}
	}
	for k, a := range l.aggs {
		if err := add(l.aggNames[k], ranking.WithAggregation(m, a)); err != nil {
			return nil, fmt.Errorf("aggregation %w", err)
		}
	}
	for _, nz := range l.norms {
		if err := add("norm "+string(nz.Method), ranking.WithNormalization(m, nz)); err != nil {
			return nil, fmt.Errorf("normalization %w", err)
		}
	}
	return schemes, nil
}

// compareList parses report -compare: weighting schemes, agg:METHOD
// (an -aggregations entry) and norm:METHOD entries.
func compareList(list string) (schemeList, error) {
	var w, a, n []string
	for _, e := range splitList(list) {
		switch {
		case strings.HasPrefix(e, "agg:"):
			a = append(a, strings.TrimPrefix(e, "agg:"))
		case strings.HasPrefix(e, "norm:"):
			n = append(n, strings.TrimPrefix(e, "norm:"))
		default:
			w = append(w, e)
		}
	}
	return comparisonList(strings.Join(w, ","), strings.Join(a, ","), strings.Join(n, ","))
}

// compareSchemes scores s's data under every scheme of l.
func compareSchemes(ctx context.Context, s *scored, l schemeList, progress func(done, total int)) (*schemeComparison, error) {
	schemes, err := l.plans(s.plan, s.model)
	if err != nil {
		return nil, err
	}
	c, err := ranking.CompareSchemesWith(ctx, s.table, schemes, ranking.CompareSettings{Options: s.grading.Ranking, Progress: progress})
	if err != nil {
		return nil, err
	}
	what := "weighting schemes"
	if len(l.aggs)+len(l.norms) > 0 {
		what = "schemes, one choice of the model changed at a time,"
	}
	return &schemeComparison{model: s.model.Name, what: what, c: c}, nil
}

// order returns the units in the order of their rank under the first
// scheme (ties: table order).
func (sc *schemeComparison) order() []int {
	idx := make([]int, len(sc.c.Units))
	for i := range idx {
		idx[i] = i
	}
	r := sc.c.Ranks[0]
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(r[a], r[b]) })
	return idx
}

func (sc *schemeComparison) writeTable(w io.Writer, markdown bool) {
	c := sc.c
	l := sc.lang
	what := scWeighting
	if sc.what != "weighting schemes" {
		what = scSchemes
	}
	fmt.Fprintf(w, "%s\n%s\n\n", sc.model, inEach(l, "\n", func(l report.Lang) string { return tr(l, scRanks, len(c.Names), tr(l, what)) }))
	head := []string{tr(l, scUnit)}
	for _, n := range c.Names {
		head = append(head, sc.name(n))
	}
	t := newTable(append(head, tr(l, scShift))...).in(l)
	for k := range c.Names {
		t.right(1 + k)
	}
	t.right(1 + len(c.Names))
	for _, u := range sc.order() {
		row := []string{c.Units[u]}
		for k := range c.Names {
			row = append(row, rankStr(c.Ranks[k][u]))
		}
		t.add(append(row, rankStr(c.Shift[u]))...)
	}
	put := func(t *textTable) {
		if markdown {
			t.markdown(w)
		} else {
			t.write(w)
		}
	}
	put(t)
	fmt.Fprintf(w, "\n%s\n\n", trLines(l, scAgreement))
	a := newTable(append([]string{""}, head[1:]...)...).in(l)
	for k := range c.Names {
		a.right(1 + k)
	}
	for s, name := range c.Names {
		row := []string{sc.name(name)}
		for q := range c.Names {
			switch {
			case q > s:
				row = append(row, fixed(c.Tau[s][q], 3))
			case q < s:
				row = append(row, fixed(c.Rho[s][q], 3))
			default:
				row = append(row, noFigure(l))
			}
		}
		a.add(row...)
	}
	put(a)
}

// writeCSV writes one row per unit (its rank under each scheme and its
// shift), then one row per scheme with its Kendall tau-b ("tau_b:NAME")
// and one with its Spearman rho ("rho:NAME") against every scheme, in the
// same columns.
func (sc *schemeComparison) writeCSV(w io.Writer) error {
	c := sc.c
	cw := csv.NewWriter(w)
	head := []string{"unit"}
	for _, n := range c.Names {
		head = append(head, "rank:"+n)
	}
	cw.Write(append(head, "shift"))
	for _, u := range sc.order() {
		row := []string{c.Units[u]}
		for k := range c.Names {
			row = append(row, num(c.Ranks[k][u]))
		}
		cw.Write(append(row, num(c.Shift[u])))
	}
	// The agreement, in the same columns: one row per scheme and measure.
	for _, m := range []struct {
		name string
		v    [][]float64
	}{{"tau_b", c.Tau}, {"rho", c.Rho}} {
		for k, n := range c.Names {
			row := []string{m.name + ":" + n}
			for q := range c.Names {
				row = append(row, num(m.v[k][q]))
			}
			cw.Write(append(row, ""))
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonSchemeUnit struct {
	Unit  string          `json:"unit"`
	Ranks map[string]jnum `json:"ranks"`
	Shift jnum            `json:"shift"`
}

type jsonSchemes struct {
	Model   string           `json:"model"`
	Schemes []string         `json:"schemes"`
	Units   []jsonSchemeUnit `json:"units"`
	TauB    [][]jnum         `json:"kendall_tau_b"`
	Rho     [][]jnum         `json:"spearman_rho"`
}

func (sc *schemeComparison) json() any {
	c := sc.c
	out := jsonSchemes{Model: sc.model, Schemes: c.Names}
	for _, u := range sc.order() {
		ju := jsonSchemeUnit{Unit: c.Units[u], Ranks: map[string]jnum{}, Shift: jnum(c.Shift[u])}
		for k, n := range c.Names {
			ju.Ranks[n] = jnum(c.Ranks[k][u])
		}
		out.Units = append(out.Units, ju)
	}
	for k := range c.Names {
		out.TauB = append(out.TauB, jnums(c.Tau[k]))
		out.Rho = append(out.Rho, jnums(c.Rho[k]))
	}
	return out
}
