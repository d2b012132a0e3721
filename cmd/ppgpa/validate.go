package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking/report"
)

func validateCommand() *command {
	return &command{
		name:    "validate",
		args:    "MODEL",
		summary: "check a model file: every problem with its path, or a summary of the tree with effective weights",
		long:    true,
		example: `Problems are printed on standard error, one per line, as FILE: PATH: PROBLEM,
where PATH is the node path (ids joined by "/") or a JSON location; the exit
status is then 1. A valid model prints its tree with the local and effective
(global) weight of every node; weights that a data-driven scheme computes
from the data are shown as "data" (由数据确定; see "ppgpa weights"). The
summary is in Chinese, in the words of the report (-lang en for English,
-lang both for both); the problems are in English.

-emit FILE writes the valid model, with the overlay applied when -overlay is
given (the effective model), in the canonical JSON model format: a model
file of its own that the other commands read. With -emit - the JSON goes to
standard output instead of the tree.

Examples:
  ppgpa validate examples/quickstart/model.json
  ppgpa validate -overlay city.json province.json
  ppgpa validate -overlay city.json -emit city_model.json province.json`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var overlay, emit string
			var o output
			fs.StringVar(&overlay, "overlay", "", "overlay `file` applied to the model (a locality's adaptation)")
			fs.StringVar(&emit, "emit", "", "write the (effective) model as JSON to `file` (- for standard output, instead of the tree)")
			o.register(fs)
			lang := langFlag(fs, "the summary")
			return func(ctx context.Context, e *env, args []string) error {
				if err := nargs(args, "MODEL"); err != nil {
					return err
				}
				e.prog.steps("validate", validateSteps...)
				m, p, err := e.loadModel(args[0], overlay)
				if err != nil {
					return err
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				if emit != "" {
					em := output{file: emit}
					if err := m.Encode(&em.buf); err != nil {
						return err
					}
					if err := em.flush(e); err != nil {
						return err
					}
					if emit == "-" {
						return nil
					}
				}
				writeTree(&o.buf, args[0], overlay, m, p, *lang)
				return o.flush(e)
			}
		},
	}
}

// The texts of validate's summary of a model.
var (
	vaValid    = report.Text{ZH: "%[1]s：模型有效（格式版本%[2]d）", EN: "%[1]s: valid (model format %[2]d)"}
	vaOverlay  = report.Text{ZH: "%s（按%s调整）", EN: "%s with overlay %s"}
	vaModel    = report.Text{ZH: "模型名称：%s", EN: "model: %s"}
	vaCount    = report.Text{ZH: "共%d个指标组、%d项指标"} // English: countNoun
	vaHead     = []report.Text{{ZH: "编号", EN: "node"}, {ZH: "名称", EN: "name"}, {ZH: "本级权重", EN: "local"}, {ZH: "实际权重", EN: "effective"}, {ZH: "方法", EN: "method"}}
	vaData     = report.Text{ZH: "由数据确定", EN: "data"}
	vaShare    = report.Text{ZH: "评语“%s”的比例", EN: "share of %s"}
	vaColumn   = report.Text{ZH: "数据列 %s", EN: "column %s"}
	vaLower    = report.Text{ZH: "逆向指标", EN: "lower is better"}
	vaWeights  = report.Text{ZH: "%s", EN: "%s weights"}
	vaAdjust   = report.Text{ZH: "加减分", EN: "bonus/penalty"}
	vaGrades   = report.Text{ZH: "等级：%s", EN: "grades: %s"}
	vaMinScore = report.Text{ZH: "%s分及以上", EN: "≥%s"}
	vaMaxShare = report.Text{ZH: "比例不超过%s%%", EN: "≤%s%%"}
	vaAHP      = report.Text{ZH: "层次分析法一致性检验（CR = CI/RI，不超过%s时一致性可以接受）：", EN: "AHP consistency (CR = CI/RI, acceptable up to %s):"}
	vaJudges   = report.Text{ZH: "（%d位专家判断集结后的矩阵）", EN: " (aggregated matrix of %d judges)"}
	vaAHPLine  = report.Text{ZH: "%[1]s：λmax %[2]s，CI %[3]s，RI %[4]s（%[5]s表），CR %[6]s", EN: "%[1]s: λmax %[2]s, CI %[3]s, RI %[4]s (table %[5]s), CR %[6]s"}
	// vaJudgeK names an unnamed judge: by its place in Chinese, by its
	// index from 0 in English, as the model's errors do ("ahp judge 1").
	vaJudgeK     = report.Text{ZH: "第%[1]d位专家", EN: "judge %[2]d"}
	vaLeftOut    = report.Text{ZH: "已剔除的专家（一致性比率CR超过模型的exclude_cr）：%s", EN: "judges left out (CR above exclude_cr): %s"}
	vaWarn       = report.Text{ZH: "警告：CR %[1]s > %[2]s，判断不一致", EN: "warning: CR %[1]s > %[2]s: the judgments are inconsistent"}
	vaRevisit    = report.Text{ZH: "；应先修正的判断：%s", EN: "; revisit first: %s"}
	vaIncons     = report.Text{ZH: "%[1]s相对于%[2]s = %[3]s（一致值%[4]s）", EN: "%[1]s over %[2]s = %[3]s (consistent: %[4]s)"}
	vaSuggest    = report.Text{ZH: "使CR降低最多的修改（每次修改一项判断，改为Saaty 1–9标度中的值）：%s", EN: "the changes on Saaty's scale that lower CR the most, one at a time: %s"}
	vaSuggestion = report.Text{ZH: "%[1]s相对于%[2]s由%[3]s改为%[4]s（修改后CR %[5]s）", EN: "%[1]s over %[2]s from %[3]s to %[4]s (CR %[5]s)"}
	// vaTransforms name the transforms of the model format.
	vaTransforms = map[indicator.TransformMethod]report.Text{
		indicator.TransformLog:          {ZH: "对数变换", EN: "log"},
		indicator.TransformWinsorize:    {ZH: "缩尾", EN: "winsorize"},
		indicator.TransformSkewKurtosis: {ZH: "按偏度和峰度缩尾", EN: "skew_kurtosis"},
	}
)

// writeTree prints the summary of a valid model in l, read from file and
// overlay (if not empty).
func writeTree(w io.Writer, file, overlay string, m *indicator.Model, p *indicator.Plan, l report.Lang) {
	groups := map[string]indicator.GroupInfo{}
	for _, g := range p.Groups() {
		groups[g.ID] = g
	}
	names := nodeNames(m.Root)
	leaves, ngroups := 0, 0
	t := newTable(heads(l, vaHead...)...).right(2, 3).in(l)
	var walk func(n *indicator.Node, prefix, branch string, local, eff float64, known bool, share string)
	walk = func(n *indicator.Node, prefix, branch string, local, eff float64, known bool, share string) {
		lw, ew := tr(l, vaData), tr(l, vaData)
		if known {
			lw, ew = fixed(local, 4), fixed(eff, 4)
		}
		method := describe(n, groups[n.ID], l)
		if share != "" {
			// A grade share of a fuzzy group: no weight, a membership.
			lw, ew, method = "—", "—", joinTerms(l, method, tr(l, vaShare, share))
		}
		t.add(prefix+branch+n.ID, n.Name, lw, ew, method)
		if n.IsLeaf() {
			leaves++
			return
		}
		ngroups++
		g := groups[n.ID]
		childPrefix := prefix
		switch branch {
		case "├─ ":
			childPrefix += "│  "
		case "└─ ":
			childPrefix += "   "
		}
		for i, c := range n.Children {
			b := "├─ "
			if i == len(n.Children)-1 {
				b = "└─ "
			}
			cl, ck := 0.0, known && g.Weights != nil
			if ck {
				cl = g.Weights[i]
			}
			share := ""
			if a := g.Aggregation; a.Method == indicator.Fuzzy && c.IsLeaf() && i < len(a.Grades) {
				share = a.Grades[i].Label
			}
			walk(c, childPrefix, b, cl, float64(eff*cl), ck, share)
		}
	}
	walk(m.Root, "", "", 1, 1, true, "")
	fmt.Fprintln(w, inEach(l, "\n", func(l report.Lang) string {
		name := fileIn(l, displayName(file))
		if overlay != "" {
			name = tr(l, vaOverlay, name, fileIn(l, displayName(overlay)))
		}
		return tr(l, vaValid, name, m.Version)
	}))
	if m.Name != "" {
		fmt.Fprintln(w, trLines(l, vaModel, m.Name))
	}
	fmt.Fprintf(w, "%s\n\n", inEach(l, "\n", func(l report.Lang) string {
		if l == report.English {
			return countNoun(ngroups, "group") + ", " + countNoun(leaves, "indicator")
		}
		return tr(l, vaCount, ngroups, leaves)
	}))
	t.write(w)
	writeAHP(w, p.Groups(), names, l)
	if rs := m.Ranking; rs != nil && len(rs.Grades) > 0 {
		fmt.Fprintf(w, "\n%s\n", inEach(l, "\n", func(l report.Lang) string {
			var gs []string
			for _, g := range rs.Grades {
				var cond []string
				if g.MinScore != nil {
					cond = append(cond, tr(l, vaMinScore, num(*g.MinScore)))
				}
				if g.MaxShare != nil {
					cond = append(cond, tr(l, vaMaxShare, num(100*(*g.MaxShare))))
				}
				s := g.Name
				switch {
				case len(cond) == 0:
				case l == report.English:
					s += " " + strings.Join(cond, " ")
				default:
					s += paren(l, strings.Join(cond, "，"))
				}
				gs = append(gs, s)
			}
			if l == report.English {
				return tr(l, vaGrades, strings.Join(gs, ", "))
			}
			return tr(l, vaGrades, joinList(l, gs))
		}))
	}
}

// joinTerms joins the parts of a description: "甲，乙" in Chinese, "a, b"
// in English.
func joinTerms(l report.Lang, parts ...string) string {
	if l == report.English {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "，")
}

// judgeNames names the judges a left out, in l: by the name the model
// gives, an unnamed one by its place among the group's judges, "第2位专家"
// ("judge 1", from 0), as the rest of the output calls judges 专家.
func judgeNames(l report.Lang, a *indicator.AHPInfo) []string {
	out := make([]string, len(a.ExcludedJudges))
	for i, k := range a.ExcludedJudges {
		if out[i] = a.JudgeNames[k]; out[i] == "" {
			out[i] = tr(l, vaJudgeK, k+1, k)
		}
	}
	return out
}

// maxCR is the consistency ratio above which judgments are commonly taken
// as too inconsistent (Saaty 1980: CR <= 0.1).
const maxCR = 0.1

// writeAHP prints the consistency of every AHP group in l: λmax, CI, the
// random index and its table, CR, the judges left out, and for a CR above
// 0.1 a warning with the judgments to revisit first and the changes on
// Saaty's scale that lower CR the most. The children are named as
// childLabel names them.
func writeAHP(w io.Writer, groups []indicator.GroupInfo, names map[string]string, l report.Lang) {
	first := true
	for _, g := range groups {
		a := g.AHP
		if a == nil {
			continue
		}
		if first {
			fmt.Fprintf(w, "\n%s\n", trLines(l, vaAHP, num(maxCR)))
			first = false
		}
		lines := func(f func(l report.Lang) string) {
			for _, s := range strings.Split(inEach(l, "\n", f), "\n") {
				fmt.Fprintf(w, "  %s\n", s)
			}
		}
		lines(func(l report.Lang) string {
			name := g.Path
			if a.Judges > 0 {
				name += tr(l, vaJudges, a.Judges)
			}
			return tr(l, vaAHPLine, name, fixed(a.LambdaMax, 4), fixed(a.CI, 4), fixed(a.RI, 2), a.RITable, fixed(a.CR, 4))
		})
		label := func(l report.Lang, k int) string { return childLabel(l, names, g.Children, g.Children[k]) }
		if len(a.ExcludedJudges) > 0 {
			lines(func(l report.Lang) string { return "  " + tr(l, vaLeftOut, joinList(l, judgeNames(l, a))) })
		}
		if a.CR <= maxCR {
			continue
		}
		lines(func(l report.Lang) string {
			s := "  " + tr(l, vaWarn, fixed(a.CR, 4), num(maxCR))
			var rs []string
			for _, in := range a.Inconsistent[:min(3, len(a.Inconsistent))] {
				rs = append(rs, tr(l, vaIncons, label(l, in.Row), label(l, in.Col), judgment(in.Judgment), fixed(in.Consistent, 2)))
			}
			if len(rs) > 0 {
				s += tr(l, vaRevisit, strings.Join(rs, noteSep(l)))
			}
			return s
		})
		if sg, err := a.Suggestions(); err == nil && len(sg) > 0 {
			lines(func(l report.Lang) string {
				var rs []string
				for _, x := range sg[:min(3, len(sg))] {
					rs = append(rs, tr(l, vaSuggestion, label(l, x.Row), label(l, x.Col), judgment(x.Judgment), judgment(x.Suggested), fixed(x.CR, 4)))
				}
				return "  " + tr(l, vaSuggest, strings.Join(rs, noteSep(l)))
			})
		}
	}
}

// judgment formats a pairwise judgment: "1/k" for the reciprocal of a
// whole number, else at most four significant digits.
func judgment(v float64) string {
	if v > 0 && v < 1 {
		if k := math.Round(1 / v); k >= 2 && math.Abs(1/v-k) < 1e-9*k {
			return "1/" + strconv.FormatFloat(k, 'f', 0, 64)
		}
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// describe summarises a node's methods in a few words, in l: the
// model format's names in English, the report's in Chinese.
func describe(n *indicator.Node, g indicator.GroupInfo, l report.Lang) string {
	var parts []string
	if n.IsLeaf() {
		parts = append(parts, tr(l, vaColumn, n.Column))
		if n.Polarity == indicator.LowerIsBetter {
			parts = append(parts, tr(l, vaLower))
		}
		if n.Normalization != nil && n.Normalization.Method != "" {
			parts = append(parts, modelMethod(l, string(n.Normalization.Method)))
		}
		if n.Transform != nil && n.Transform.Method != "" && n.Transform.Method != indicator.TransformNone {
			name := string(n.Transform.Method)
			if t, ok := vaTransforms[n.Transform.Method]; ok {
				name = tr(l, t)
			}
			parts = append(parts, name)
		}
	} else {
		parts = append(parts, modelMethod(l, string(g.Aggregation.Method)))
		if n.Weighting != nil && n.Weighting.Method != "" {
			parts = append(parts, tr(l, vaWeights, modelMethod(l, n.Weighting.Method)))
		}
	}
	if n.Adjustments != nil {
		parts = append(parts, tr(l, vaAdjust))
	}
	if len(n.Veto) > 0 {
		parts = append(parts, veto(l))
	}
	return joinTerms(l, parts...)
}

// modelMethod names a method of the model format in l: as the model
// format spells it in English, as the report names it in Chinese.
func modelMethod(l report.Lang, m string) string {
	if l == report.English {
		return m
	}
	return report.MethodName(l, m)
}

// veto is the word for a veto rule in l: 一票否决 or veto.
func veto(l report.Lang) string {
	if l == report.English {
		return "veto"
	}
	return report.TermVeto.In(l)
}

// nodeNames maps the id of every node under root to its name.
func nodeNames(root *indicator.Node) map[string]string {
	names := map[string]string{}
	var walk func(n *indicator.Node)
	walk = func(n *indicator.Node) {
		names[n.ID] = n.Name
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(root)
	return names
}

// childLabel names the node id, one of siblings, in l for a sentence: by
// the name the model gives it, with its id in brackets where a sibling
// has the same name (and in English, whose reader may not read the
// name); by its id where it has no name.
func childLabel(l report.Lang, names map[string]string, siblings []string, id string) string {
	name := names[id]
	if name == "" || name == id {
		return id
	}
	shared := false
	for _, s := range siblings {
		if s != id && names[s] == name {
			shared = true
		}
	}
	if shared || l == report.English {
		return name + paren(l, id)
	}
	return name
}
