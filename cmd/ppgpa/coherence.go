package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

func coherenceCommand() *command {
	return &command{
		name:    "coherence",
		long:    true,
		args:    "MODEL DATA",
		summary: "statistical coherence of a model: correlations within each group and with the index, Cronbach's alpha, flags, data availability",
		example: `For every group of the model, in tree order: the correlations of its
children's scores (normalised indicators, or sub-groups' scores) with each
other, with the group's score and with the index (the root's score);
Cronbach's alpha of the children (raw, standardised, and the mean Pearson
correlation r̄, whatever -method); the share of the children's data present
in DATA; and the pairs of children flagged as redundant (r above -redundant)
or negatively correlated (r below minus -negative). Then, per unit, the
share of its indicators present overall and in each group. Imputed cells
count as missing. NA marks a correlation that cannot be computed (fewer than
3 units, or no variation). Units are listed by id; the output does not
depend on the order of the rows of DATA.

` + tableLangHelp + `

Examples:
  ppgpa coherence examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa coherence -method spearman -redundant 0.95 -format csv model.json data.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			method := "pearson"
			var s weighting.CoherenceSettings
			d.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown")
			fs.StringVar(&method, "method", method, "correlation `method`: pearson, spearman or kendall (tau-b)")
			fs.Float64Var(&s.Redundant, "redundant", 0.9, "flag siblings correlated above this `r` as redundant (0.9 is COINr's threshold)")
			fs.Float64Var(&s.Negative, "negative", 0.4, "flag siblings correlated below minus this `value` as negatively correlated (0.4 is COINr's threshold)")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := s.Method.UnmarshalText([]byte(method)); err != nil {
					return usagef("-method: unknown method %q (want pearson, spearman or kendall)", method)
				}
				for _, t := range []struct {
					name string
					v    float64
				}{{"redundant", s.Redundant}, {"negative", s.Negative}} {
					if !(t.v > 0 && t.v <= 1) {
						return usagef("-%s: %v is not in (0, 1]", t.name, t.v)
					}
				}
				if err := nargs(args, "MODEL", "DATA"); err != nil {
					return err
				}
				m, p, t, err := e.loadModelData(args[0], args[1], &d)
				if err != nil {
					return err
				}
				pr, err := p.Prepare(ctx, t)
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				e.prog.phase("correlations", 0)
				s.Progress = e.prog.update
				c, err := pr.Coherence(ctx, s)
				e.prog.phase("coherence", 0)
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				names := nodeNames(m.Root)
				switch f.name {
				case "csv":
					err = writeCoherenceCSV(&o.buf, c)
				case "json":
					err = writeJSON(&o.buf, coherenceJSON(c))
				default:
					writeCoherence(&o.buf, c, names, f.name == "markdown", *lang)
				}
				if err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}

// The texts of coherence's tables.
var (
	coMethod    = report.Text{ZH: "%[1]s，%[2]d个单位；相关系数高于%[3]s为高度相关，低于-%[4]s为负相关", EN: "%[1]s correlations of %[2]d units; redundant above %[3]s, negative below -%[4]s"}
	coGroup     = report.Text{ZH: "指标组", EN: "group"}
	coChild     = report.Text{ZH: "下级指标", EN: "child"}
	coName      = report.Text{ZH: "名称", EN: "name"}
	coWithGroup = report.Text{ZH: "与本组", EN: "group"}
	coWithIndex = report.Text{ZH: "与总分", EN: "index"}
	coData      = report.Text{ZH: "数据完整率（%）", EN: "data"}
	coAlpha     = report.Text{ZH: "本组与总分的相关系数 r = %[1]s；克朗巴赫α系数 = %[2]s（标准化 %[3]s，平均相关系数 r̄ = %[4]s）", EN: "group with index r = %[1]s; Cronbach's alpha = %[2]s (standardised %[3]s, r̄ = %[4]s)"}
	coRedundant = report.Text{ZH: "提示：%[1]s与%[2]s高度相关（r = %[3]s）", EN: "flag: %[1]s and %[2]s redundant (r = %[3]s)"}
	coNegative  = report.Text{ZH: "提示：%[1]s与%[2]s负相关（r = %[3]s）", EN: "flag: %[1]s and %[2]s negatively correlated (r = %[3]s)"}
	coNoCorr    = report.Text{ZH: "无法计算（有数据的单位少于3个，或指标没有变化）", EN: "cannot be computed (fewer than 3 units, or no variation)"}
	coAvail     = report.Text{ZH: "各单位的数据完整率（%，各组指标中有数据的比例；第一列为单位的总体比例）", EN: "data availability per unit (share of each group's indicators present; the root's is the unit's overall share)"}
	coUnit      = report.Text{ZH: "单位", EN: "unit"}
)

// writeCoherence writes the coherence as terminal or Markdown tables.
func writeCoherence(w io.Writer, c *indicator.Coherence, names map[string]string, md bool, l report.Lang) {
	put := func(t *textTable) {
		if md {
			t.markdown(w)
		} else {
			t.write(w)
		}
	}
	heading := func(s string) {
		if md {
			fmt.Fprintf(w, "## %s\n\n", s)
		} else {
			fmt.Fprintf(w, "%s\n\n", s)
		}
	}
	fmt.Fprintf(w, "%s\n\n", inEach(l, "\n", func(l report.Lang) string {
		m := c.Method.String()
		if l != report.English {
			m = report.CorrelationName(l, m)
		}
		return tr(l, coMethod, m, len(c.Units), num(c.Redundant), num(c.Negative))
	}))
	for _, g := range c.Groups {
		heading(inEach(l, " / ", func(l report.Lang) string {
			if l == report.English {
				return strings.TrimSpace(tr(l, coGroup) + " " + g.ID + " " + names[g.ID])
			}
			label := g.ID
			if n := names[g.ID]; n != "" && n != g.ID {
				label = n + paren(l, g.ID)
			}
			return tr(l, coGroup) + colon(l) + label
		}))
		head := append(heads(l, coChild, coName), g.Children...)
		t := newTable(append(head, heads(l, coWithGroup, coWithIndex, coData)...)...).in(l)
		for j := 2; j < len(g.Children)+5; j++ {
			t.right(j)
		}
		for j, ch := range g.Children {
			row := []string{ch, names[ch]}
			for k := range g.Children {
				row = append(row, fixed(g.Correlations.At(j, k), 4))
			}
			row = append(row, fixed(g.WithGroup[j], 4), fixed(g.WithIndex[j], 4), share(l, g.ChildAvailability[j]))
			t.add(row...)
		}
		put(t)
		missingNote(w, l, t, coNoCorr)
		fmt.Fprintf(w, "\n%s\n", inEach(l, "\n", func(l report.Lang) string {
			return tr(l, coAlpha, shownIn(l, fixed(g.GroupWithIndex, 4)), shownIn(l, fixed(g.Alpha.Raw, 4)), shownIn(l, fixed(g.Alpha.Std, 4)), shownIn(l, fixed(g.Alpha.AverageR, 4)))
		}))
		for _, fl := range g.Flags {
			m := coRedundant
			if fl.Kind == weighting.NegativeCorrelation {
				m = coNegative
			}
			fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string {
				return tr(l, m, childLabel(l, names, g.Children, fl.A), childLabel(l, names, g.Children, fl.B), fixed(fl.R, 4))
			}))
		}
		fmt.Fprintln(w)
	}
	heading(tr(l, coAvail))
	h := []string{tr(l, coUnit)}
	for _, g := range c.Groups {
		// A Chinese heading names the group, as the headings above do
		// (指标组：公共服务（service）); an unnamed one by its id.
		if n := names[g.ID]; l != report.English && n != "" {
			h = append(h, n)
		} else {
			h = append(h, g.ID)
		}
	}
	t := newTable(h...).in(l)
	for j := 1; j < len(h); j++ {
		t.right(j)
	}
	for u, id := range c.Units {
		row := []string{id}
		for _, g := range c.Groups {
			row = append(row, share(l, g.Availability[u]))
		}
		t.add(row...)
	}
	put(t)
}

// share formats a share of data present: in Chinese a percentage with
// two decimals, as the heading says (数据完整率（%）: 95.83), in English
// the share with four decimals (0.9583): the same digits.
func share(l report.Lang, x float64) string {
	if l == report.English {
		return fixed(x, 4)
	}
	return fixed(100*x, 2)
}

// writeCoherenceCSV writes the coherence in long form: one statistic per
// row, with the group, the items it is about and its value.
func writeCoherenceCSV(w io.Writer, c *indicator.Coherence) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"statistic", "group", "item", "other", "value"})
	for _, g := range c.Groups {
		for j, a := range g.Children {
			for k := j + 1; k < len(g.Children); k++ {
				cw.Write([]string{c.Method.String(), g.ID, a, g.Children[k], num(g.Correlations.At(j, k))})
			}
		}
		for j, a := range g.Children {
			cw.Write([]string{"with_group", g.ID, a, "", num(g.WithGroup[j])})
			cw.Write([]string{"with_index", g.ID, a, "", num(g.WithIndex[j])})
			cw.Write([]string{"data", g.ID, a, "", num(g.ChildAvailability[j])})
		}
		cw.Write([]string{"group_with_index", g.ID, "", "", num(g.GroupWithIndex)})
		cw.Write([]string{"alpha", g.ID, "", "", num(g.Alpha.Raw)})
		cw.Write([]string{"alpha_std", g.ID, "", "", num(g.Alpha.Std)})
		cw.Write([]string{"average_r", g.ID, "", "", num(g.Alpha.AverageR)})
		for _, fl := range g.Flags {
			cw.Write([]string{fl.Kind.String(), g.ID, fl.A, fl.B, num(fl.R)})
		}
	}
	for u, id := range c.Units {
		for _, g := range c.Groups {
			cw.Write([]string{"unit_data", g.ID, id, "", num(g.Availability[u])})
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonAlpha struct {
	Raw      jnum `json:"raw"`
	Std      jnum `json:"std"`
	AverageR jnum `json:"average_r"`
}

type jsonFlag struct {
	Kind string `json:"kind"`
	A    string `json:"a"`
	B    string `json:"b"`
	R    jnum   `json:"r"`
}

type jsonGroupCoherence struct {
	ID                string     `json:"id"`
	Path              string     `json:"path"`
	Children          []string   `json:"children"`
	Correlations      [][]jnum   `json:"correlations"`
	WithGroup         []jnum     `json:"with_group"`
	WithIndex         []jnum     `json:"with_index"`
	GroupWithIndex    jnum       `json:"group_with_index"`
	Alpha             jsonAlpha  `json:"alpha"`
	ChildAvailability []jnum     `json:"child_data"`
	Flags             []jsonFlag `json:"flags"`
}

type jsonUnitData struct {
	Unit   string          `json:"unit"`
	Groups map[string]jnum `json:"groups"`
}

type jsonCoherence struct {
	Method    string               `json:"method"`
	Redundant jnum                 `json:"redundant"`
	Negative  jnum                 `json:"negative"`
	Groups    []jsonGroupCoherence `json:"groups"`
	Units     []jsonUnitData       `json:"units"`
}

func coherenceJSON(c *indicator.Coherence) jsonCoherence {
	out := jsonCoherence{Method: c.Method.String(), Redundant: jnum(c.Redundant), Negative: jnum(c.Negative)}
	for _, g := range c.Groups {
		jg := jsonGroupCoherence{ID: g.ID, Path: g.Path, Children: g.Children,
			WithGroup: jnums(g.WithGroup), WithIndex: jnums(g.WithIndex), GroupWithIndex: jnum(g.GroupWithIndex),
			Alpha:             jsonAlpha{jnum(g.Alpha.Raw), jnum(g.Alpha.Std), jnum(g.Alpha.AverageR)},
			ChildAvailability: jnums(g.ChildAvailability), Flags: []jsonFlag{}}
		for j := range g.Children {
			row := make([]jnum, len(g.Children))
			for k := range row {
				row[k] = jnum(g.Correlations.At(j, k))
			}
			jg.Correlations = append(jg.Correlations, row)
		}
		for _, fl := range g.Flags {
			jg.Flags = append(jg.Flags, jsonFlag{fl.Kind.String(), fl.A, fl.B, jnum(fl.R)})
		}
		out.Groups = append(out.Groups, jg)
	}
	for u, id := range c.Units {
		ju := jsonUnitData{Unit: id, Groups: map[string]jnum{}}
		for _, g := range c.Groups {
			ju.Groups[g.ID] = jnum(g.Availability[u])
		}
		out.Units = append(out.Units, ju)
	}
	return out
}
