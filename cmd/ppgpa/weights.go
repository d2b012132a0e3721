package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// weightSchemes are the schemes that "ppgpa weights" compares, after the
// model's own: fixed in advance, then data-driven.
func weightSchemes() []string { return []string{"equal", "entropy", "critic", "sd", "pca"} }

func weightsCommand() *command {
	return &command{
		name:    "weights",
		long:    true,
		args:    "MODEL DATA",
		summary: "effective weights of every node under the model's scheme and under equal, entropy, CRITIC, SD and PCA weights",
		example: `Each column applies one scheme to every group with two or more children (the
model column keeps the model's own schemes); data-driven schemes weight the
children's normalised scores on DATA. The effective weight of a node is the
product of the local weights on its path. A scheme that cannot be applied
to these data is shown as "—" ("-" in English), with the reason below the table. Below it,
the data-driven schemes' diagnostics per group (not in csv): entropy e_j and
divergence d_j = 1 - e_j; CRITIC standard deviation and information
C_j = SD_j * sum_k (1 - r_jk); the PCA eigenvalues and the share of the
variance each component explains.

With -ranks, the output is instead each unit's rank under the model and
under every scheme, the largest minus the smallest of its ranks (shift), and
the agreement of the schemes' scores (Kendall's tau-b and Spearman's rho):
the comparison of "ppgpa uncertainty -weightings model,...", in every format
(-format xlsx for a workbook).

` + tableLangHelp + `

Examples:
  ppgpa weights examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa weights -format csv -schemes equal,critic model.json data.csv
  ppgpa weights -ranks -schemes equal,entropy,critic model.json data.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			var schemes string
			var ranks bool
			d.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown")
			fs.StringVar(&schemes, "schemes", strings.Join(weightSchemes(), ","), "comma-separated `schemes` to compare with the model's")
			fs.BoolVar(&ranks, "ranks", false, "compare the units' ranks under the schemes instead of the weights: ranks, shifts, Kendall's tau-b and Spearman's rho")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := nargs(args, "MODEL", "DATA"); err != nil {
					return err
				}
				list := []string{}
				for _, s := range strings.Split(schemes, ",") {
					s = strings.TrimSpace(s)
					if s == "" {
						continue
					}
					if _, err := (&weighting.Spec{Method: s}).Scheme([]string{"a", "b"}); err != nil || s == "fixed" || s == "ahp" || s == "budget" || s == "resident_share" {
						return usagef("-schemes: %q is not a scheme that needs no parameters (want equal, entropy, critic, sd, pca)", s)
					}
					list = append(list, s)
				}
				if ranks {
					e.prog.steps("weights", schemeSteps(f.name, len(list))...)
					s, err := e.scoreAll(ctx, args[0], args[1], &d)
					if err != nil {
						return err
					}
					sc, err := compareSchemes(ctx, s, schemeList{weightings: append([]string{"model"}, list...)}, e.prog.stepProgress(stepSchemes))
					if err != nil {
						return evalErr(args[0], args[1], err)
					}
					e.prog.stepDone(stepSchemes)
					sc.lang = *lang
					return o.emit(e, f.name, sc.json, sc.writeCSV, sc.writeTable)
				}
				a, err := e.assess(ctx, args[0], args[1], &d)
				if err != nil {
					return err
				}
				wc := compareWeights(ctx, a, list, e.prog)
				wc.lang = *lang
				o.heading = func(h string) string {
					if slices.Contains(wc.schemes, h) && wc.lang != report.English {
						if wc.lang == report.Bilingual {
							return schemeLabel(report.Chinese, h) + " / " + h
						}
						return schemeLabel(wc.lang, h)
					}
					return xlsxHeading(wc.lang, h)
				}
				switch f.name {
				case "csv":
					err = wc.writeCSV(&o.buf)
				case "json":
					err = writeJSON(&o.buf, wc.json())
				case "markdown":
					wc.table(false).markdown(&o.buf)
					wc.notes(&o.buf)
					wc.diagnostics(&o.buf, true)
				default:
					wc.table(true).write(&o.buf)
					wc.notes(&o.buf)
					wc.diagnostics(&o.buf, false)
				}
				if err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}

// weightComparison holds the effective weights of every node under
// several schemes.
type weightComparison struct {
	nodes   []indicator.NodeResult
	schemes []string
	lang    report.Lang // -lang: the language of the table and Markdown
	eff     [][]float64 // per scheme, per node; nil when the scheme failed
	errs    []string
	errsZH  []string                        // errs in Chinese (notApplicableZH)
	diags   [][]indicator.WeightDiagnostics // per scheme: its data-driven groups' diagnostics
}

// compareWeights applies every scheme of schemes to a's model, showing
// the schemes done on pr.
func compareWeights(ctx context.Context, a *assessment, schemes []string, pr *progress) *weightComparison {
	wc := &weightComparison{nodes: a.res.Nodes, schemes: append([]string{"model"}, schemes...)}
	pr.phase("weighting schemes", 0)
	defer pr.phase("weights", 0)
	wc.eff = append(wc.eff, effective(a.res))
	wc.errs, wc.errsZH = append(wc.errs, ""), append(wc.errsZH, "")
	wc.diags = append(wc.diags, diagnostics(ctx, a.plan, a.table))
	for k, s := range schemes {
		pr.update(k+1, len(wc.schemes)) // the model and k schemes
		m := a.model.Clone()
		var set func(n *indicator.Node)
		set = func(n *indicator.Node) {
			if len(n.Children) >= 2 && (n.Aggregation == nil || n.Aggregation.Method != indicator.BoD) {
				n.Weighting = &weighting.Spec{Method: s}
			}
			for _, c := range n.Children {
				set(c)
			}
		}
		set(m.Root)
		res, p, err := evalModel(ctx, m, a.table)
		if err != nil {
			wc.eff = append(wc.eff, nil)
			wc.errs = append(wc.errs, strings.TrimPrefix(oneLine(err.Error()), "indicator: "))
			wc.errsZH = append(wc.errsZH, wc.notApplicableZH(err, wc.errs[len(wc.errs)-1]))
			wc.diags = append(wc.diags, nil)
			continue
		}
		wc.eff = append(wc.eff, effective(res))
		wc.errs, wc.errsZH = append(wc.errs, ""), append(wc.errsZH, "")
		wc.diags = append(wc.diags, diagnostics(ctx, p, a.table))
	}
	pr.update(len(wc.schemes), len(wc.schemes))
	return wc
}

// diagnostics returns the diagnostics of the data-driven groups of plan p
// on table t, in tree order; nil if there are none or the table cannot be
// prepared (the evaluation has then already failed).
func diagnostics(ctx context.Context, p *indicator.Plan, t *indicator.Table) []indicator.WeightDiagnostics {
	var out []indicator.WeightDiagnostics
	var pr *indicator.Prepared
	for _, g := range p.Groups() {
		if g.Weights != nil || g.Aggregation.Method == indicator.BoD {
			continue // nominal weights, or benefit of the doubt
		}
		if pr == nil {
			var err error
			if pr, err = p.Prepare(ctx, t); err != nil {
				return nil
			}
		}
		if d, ok, err := pr.WeightDiagnostics(g.ID); err == nil && ok {
			out = append(out, d)
		}
	}
	return out
}

func evalModel(ctx context.Context, m *indicator.Model, t *indicator.Table) (*indicator.Result, *indicator.Plan, error) {
	p, err := indicator.Compile(m)
	if err != nil {
		return nil, nil, err
	}
	r, err := p.Evaluate(ctx, t)
	return r, p, err
}

// effective returns every node's effective weight: the product of the
// local weights on its path.
func effective(res *indicator.Result) []float64 {
	eff := make([]float64, len(res.Nodes))
	for i, n := range res.Nodes {
		eff[i] = n.LocalWeight
		if n.Parent >= 0 {
			eff[i] = float64(eff[n.Parent] * n.LocalWeight)
		}
	}
	return eff
}

func (wc *weightComparison) table(indent bool) *textTable {
	head := []string{tr(wc.lang, tNodeID), tr(wc.lang, tNodeName)}
	for _, s := range wc.schemes {
		head = append(head, schemeLabel(wc.lang, s))
	}
	t := newTable(head...).in(wc.lang)
	for k := range wc.schemes {
		t.right(2 + k)
	}
	for i, n := range wc.nodes {
		id := n.ID
		if indent {
			id = strings.Repeat("  ", strings.Count(n.Path, "/")) + id
		}
		row := []string{id, n.Name}
		for k := range wc.schemes {
			if wc.eff[k] == nil {
				row = append(row, noFigure(wc.lang))
			} else {
				row = append(row, fixed(wc.eff[k][i], 4))
			}
		}
		t.add(row...)
	}
	return t
}

func (wc *weightComparison) notes(w io.Writer) {
	for k, s := range wc.schemes {
		if wc.errs[k] != "" {
			fmt.Fprintf(w, "\n%s", inEach(wc.lang, "\n", func(l report.Lang) string {
				why := wc.errs[k]
				if l != report.English {
					why = wc.errsZH[k]
				}
				return tr(l, wNotApplicable, schemeLabel(l, s), why)
			}))
		}
	}
	fmt.Fprintln(w)
}

func (wc *weightComparison) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(append([]string{"node", "path", "leaf"}, wc.schemes...))
	for i, n := range wc.nodes {
		row := []string{n.ID, n.Path, fmt.Sprint(n.Leaf)}
		for k := range wc.schemes {
			if wc.eff[k] == nil {
				row = append(row, "NA")
			} else {
				row = append(row, num(wc.eff[k][i]))
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

type jsonNodeWeight struct {
	ID     string `json:"id"`
	Weight jnum   `json:"weight"`
}

type jsonScheme struct {
	Scheme      string           `json:"scheme"`
	Error       string           `json:"error,omitempty"`
	Weights     []jsonNodeWeight `json:"weights,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics,omitempty"`
}

// jsonDiagnostic is one data-driven group's diagnostics; per-child slices
// follow children, per-component ones the components in order.
type jsonDiagnostic struct {
	Group             string   `json:"group"`
	Scheme            string   `json:"scheme"`
	Children          []string `json:"children"`
	Weights           []jnum   `json:"weights"`
	Entropy           []jnum   `json:"entropy,omitempty"`
	Divergence        []jnum   `json:"divergence,omitempty"`
	SD                []jnum   `json:"sd,omitempty"`
	Information       []jnum   `json:"information,omitempty"`
	Eigenvalues       []jnum   `json:"eigenvalues,omitempty"`
	VarianceExplained []jnum   `json:"variance_explained,omitempty"`
}

func diagnosticJSON(d indicator.WeightDiagnostics) jsonDiagnostic {
	j := jsonDiagnostic{Group: d.ID, Scheme: d.Scheme, Children: d.Children, Weights: jnums(d.Weights)}
	switch {
	case d.Entropy != nil:
		j.Entropy, j.Divergence = jnums(d.Entropy.Entropy), jnums(d.Entropy.Divergence)
	case d.CRITIC != nil:
		j.SD, j.Information = jnums(d.CRITIC.SD), jnums(d.CRITIC.Information)
	case d.PCA != nil:
		j.Eigenvalues, j.VarianceExplained = jnums(d.PCA.Eigenvalues), jnums(d.PCA.VarianceExplained)
	}
	return j
}

// name is the name of the node id ("" if it has none), and whether no
// other node has it.
func (wc *weightComparison) name(id string) (name string, unique bool) {
	for _, n := range wc.nodes {
		if n.ID == id {
			name = n.Name
		}
	}
	k := 0
	for _, n := range wc.nodes {
		if n.Name == name {
			k++
		}
	}
	return name, k == 1
}

// diagnostics writes a table per data-driven group of each scheme, named
// in Chinese by the group's name.
func (wc *weightComparison) diagnostics(w io.Writer, md bool) {
	for k, s := range wc.schemes {
		for _, d := range wc.diags[k] {
			l := wc.lang
			var t *textTable
			var what report.Text
			var whatArgs []any
			switch {
			case d.Entropy != nil:
				what = wEntropy
				t = newTable(heads(l, wEntropyHead...)...).right(1, 2, 3).in(l)
				for j, id := range d.Children {
					t.add(id, fixed(d.Entropy.Entropy[j], 4), fixed(d.Entropy.Divergence[j], 4), fixed(d.Weights[j], 4))
				}
			case d.CRITIC != nil:
				what = wCRITIC
				t = newTable(heads(l, wCRITICHead...)...).right(1, 2, 3).in(l)
				for j, id := range d.Children {
					t.add(id, fixed(d.CRITIC.SD[j], 4), fixed(d.CRITIC.Information[j], 4), fixed(d.Weights[j], 4))
				}
			case d.PCA != nil:
				what, whatArgs = wPCA, []any{d.PCA.Retained}
				t = newTable(heads(l, wPCAHead...)...).right(1, 2).in(l)
				for c, v := range d.PCA.Eigenvalues {
					t.add(fmt.Sprintf("PC%d", c+1), fixed(v, 4), fixed(d.PCA.VarianceExplained[c], 4))
				}
			default:
				continue
			}
			title := inEach(l, " / ", func(l report.Lang) string {
				name := schemeLabel(l, s)
				if s == "model" {
					name = tr(l, wModelScheme, schemeLabel(l, d.Scheme))
				}
				group := d.ID
				if n, unique := wc.name(d.ID); n != "" && l != report.English {
					group = n
					if !unique {
						group += "，" + d.ID
					}
				}
				return tr(l, wDiagTitle, name, group, tr(l, what, whatArgs...))
			})
			if md {
				fmt.Fprintf(w, "### %s\n\n", title)
				t.markdown(w)
			} else {
				fmt.Fprintf(w, "%s\n\n", title)
				t.write(w)
			}
			fmt.Fprintln(w)
		}
	}
}

// The texts of weights' tables.
var (
	wNotApplicable = report.Text{ZH: "%s不适用：%s", EN: "%s: not applicable: %s"}
	wModelScheme   = report.Text{ZH: "模型（%s）", EN: "model (%s)"}
	wDiagTitle     = report.Text{ZH: "%[1]s（%[2]s）：%[3]s", EN: "%[1]s weights of %[2]s: %[3]s"}
	wEntropy       = report.Text{ZH: "信息熵 e_j 和差异系数 d_j = 1 - e_j", EN: "entropy e_j and divergence d_j = 1 - e_j"}
	wCRITIC        = report.Text{ZH: "标准差和信息量 C_j", EN: "standard deviation and information C_j"}
	wPCA           = report.Text{ZH: "主成分（保留%d个）", EN: "principal components (%d retained)"}
	wEntropyHead   = []report.Text{{ZH: "下级指标", EN: "child"}, {ZH: "e_j", EN: "e_j"}, {ZH: "d_j", EN: "d_j"}, {ZH: "本级权重", EN: "local weight"}}
	wCRITICHead    = []report.Text{{ZH: "下级指标", EN: "child"}, {ZH: "标准差", EN: "sd"}, {ZH: "C_j", EN: "C_j"}, {ZH: "本级权重", EN: "local weight"}}
	wPCAHead       = []report.Text{{ZH: "主成分", EN: "component"}, {ZH: "特征值", EN: "eigenvalue"}, {ZH: "方差贡献率", EN: "variance"}}
)

// schemeLabel names a weighting scheme of weights' table in l: "model"
// is 模型, a method of the model format by the report's name for it
// (熵权法), another scheme (of the model file) by its name.
func schemeLabel(l report.Lang, s string) string {
	switch {
	case l == report.English:
		return s
	case s == "model":
		return tr(l, report.Text{ZH: "模型", EN: "model"})
	}
	zh := report.MethodName(report.Chinese, s)
	if l == report.Bilingual && zh != s {
		return zh + " / " + s
	}
	return zh
}

func (wc *weightComparison) json() []jsonScheme {
	var out []jsonScheme
	for k, s := range wc.schemes {
		js := jsonScheme{Scheme: s, Error: wc.errs[k]}
		if wc.eff[k] != nil {
			for i, n := range wc.nodes {
				js.Weights = append(js.Weights, jsonNodeWeight{n.ID, jnum(wc.eff[k][i])})
			}
		}
		for _, d := range wc.diags[k] {
			js.Diagnostics = append(js.Diagnostics, diagnosticJSON(d))
		}
		out = append(out, js)
	}
	return out
}

// The Chinese reasons why a data-driven scheme does not apply, by the
// message of the weighting package's *weighting.DataError.
var (
	wWhyGroup = report.Text{ZH: "指标组%[1]s：%[2]s"}
	wWhyData  = map[string]string{
		"too few units":                   "参评单位太少",
		"no indicators":                   "没有下级指标",
		"empty data matrix":               "没有数据",
		"PCA needs at least 2 indicators": "主成分分析法至少需要2项下级指标",
	}
	wWhyNoInfo   = report.Text{ZH: "各项下级指标都没有变化或完全相关，不提供区分单位的信息，无法确定权重"}
	wWhyConstant = report.Text{ZH: "下级指标%s没有变化"}
	wWhyLoading  = report.Text{ZH: "下级指标%[1]s在第一主成分上的载荷为负（%[2]s），不能据此赋权"}
	wWhyOther    = report.Text{ZH: "不能用于本数据（%s）"}
)

// notApplicableZH says in Chinese why a scheme does not apply to the
// data, from err, the error of evaluating the model under it: the group
// by name (with its id), and the weighting package's data error in
// words; a problem it does not know is given as en, the English
// message, after 不能用于本数据.
func (wc *weightComparison) notApplicableZH(err error, en string) string {
	var ne *indicator.NodeError
	var de *weighting.DataError
	if !errors.As(err, &ne) || !errors.As(err, &de) {
		return tr(report.Chinese, wWhyOther, en)
	}
	g := -1
	for i, n := range wc.nodes {
		if n.Path == ne.Path {
			g = i
		}
	}
	if g < 0 {
		return tr(report.Chinese, wWhyOther, en)
	}
	label := func(i int) string {
		if n := wc.nodes[i]; n.Name != "" {
			return n.Name + "（" + n.ID + "）"
		}
		return wc.nodes[i].ID
	}
	var children []int
	for i, n := range wc.nodes {
		if n.Parent == g {
			children = append(children, i)
		}
	}
	child := func(j int) string {
		if j >= 0 && j < len(children) {
			return label(children[j])
		}
		return strconv.Itoa(j + 1)
	}
	var why string
	switch {
	case wWhyData[de.Msg] != "":
		why = wWhyData[de.Msg]
	case strings.HasPrefix(de.Msg, "no indicator carries information"):
		why = tr(report.Chinese, wWhyNoInfo)
	case de.Msg == "constant indicator":
		why = tr(report.Chinese, wWhyConstant, child(de.Col))
	case strings.HasPrefix(de.Msg, "pca loadings: negative"):
		why = tr(report.Chinese, wWhyLoading, child(de.Col), strconv.FormatFloat(de.Value, 'g', 4, 64))
	default:
		return tr(report.Chinese, wWhyOther, en)
	}
	return tr(report.Chinese, wWhyGroup, label(g), why)
}
