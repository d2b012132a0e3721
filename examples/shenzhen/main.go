// Command shenzhen runs Shenzhen's government performance evaluation of
// municipal departments on synthetic data: the 2010 indicator tree
// (行政业绩 45%, 行政效率 25%, 行政执行力, 行政成本), weight variants by
// department type — commissions (委), bureaus (局), offices (办) — as
// overlays of one standard model, and an external evaluation by a public
// survey that takes 30% of the score.
//
//	go run ./examples/shenzhen
//	go run ./examples/shenzhen -format json -respondents 5000
//	go run ./examples/shenzhen -format html -type 局 > report.html  # the published report of the bureaus, in Chinese
//
// The standard model is model.json (commissions); overlay_ju.json and
// overlay_ban.json adapt it to bureaus and offices. The data are generated
// from the seed (see data.go and README.md).
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

var (
	//go:embed model.json
	modelJSON []byte
	//go:embed overlay_ju.json
	overlayJu []byte
	//go:embed overlay_ban.json
	overlayBan []byte
)

// description is the report's description under its title, in Chinese.
const description = "深圳市政府部门绩效评估示例（模拟数据）：行政业绩占45%、行政效率占25%，委、局、办分别设定权重，外部评价（问卷调查）占30%；本报告为其中一类部门的排名。"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format      string
	seed        uint64
	respondents int
	kind        string
}

// run parses args, runs the assessment and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("shenzhen", "Shenzhen performance evaluation of municipal departments (委/局/办 variants, external evaluation 30%), synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report of one department type (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2010, "seed of the synthetic data")
	fs.IntVar(&o.respondents, "respondents", 10207, "questionnaires of the external evaluation (2008: 10,207 at 14 survey points)")
	fs.StringVar(&o.kind, "type", "委", "with -format html, the department `type` whose league table the report publishes: 委, 局 or 办")
	valid := func() bool {
		return (excli.TableFormat(o.format) || o.format == "html") && o.respondents >= 200 && slices.Contains(kinds, o.kind)
	}
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -respondents at least 200, -type 委, 局 or 办 and no arguments"); !ok {
		return code
	}
	rep, err := assess(ctx, o)
	if err == nil {
		if o.format == "html" {
			err = rep.publish(ctx, stdout, o)
		} else {
			err = write(stdout, o.format, rep)
		}
	}
	return excli.Exit(fs, err)
}

// publish writes the published report of the departments of type
// o.kind: their type's model (the standard model with its overlay) on
// their data. The model's ranking section ranks within type; a report of
// one type is one league table, so the type's model ranks its units
// under the same grades without the category column.
func (rep *report) publish(ctx context.Context, w io.Writer, o options) error {
	m := rep.models[o.kind].Clone()
	if !strings.Contains(m.Name, o.kind) {
		m.Name += "（" + o.kind + "）"
	}
	m.Ranking.Category, m.Ranking.Categories = "", nil
	plan, err := indicator.Compile(m)
	if err != nil {
		return err
	}
	return excli.Report(ctx, w, plan, rep.tables[o.kind], o.seed, description)
}

// blocks are the ids of the four first-level indicators [SZ2].
var blocks = []string{"results", "efficiency", "execution", "cost"}

// documented are the third-level indicators whose weights per type are
// published [SZ2], with those weights (% of the indicator system) for
// 委/局/办.
var documented = []struct {
	id   string
	want [3]float64
}{
	{"results.whitepaper", [3]float64{30, 30, 35}},
	{"results.investment", [3]float64{4, 4, 0}},
	{"results.special", [3]float64{5, 5, 4}},
	{"results.reform", [3]float64{6, 6, 6}},
	{"efficiency.approval", [3]float64{4, 4, 0}},
	{"efficiency.online", [3]float64{3, 3, 0}},
	{"efficiency.closure", [3]float64{2, 2, 0}},
	{"efficiency.error", [3]float64{2, 2, 0}},
}

// leafSpec is a leaf of the standard model: its column and goalposts.
type leafSpec struct {
	column      string
	worst, best float64
}

// report is the result of the evaluation, in rank order.
type report struct {
	// models and tables are each type's model and data, for the
	// published report (-format html).
	models      map[string]*indicator.Model
	tables      map[string]*indicator.Table
	Model       string       `json:"model"`
	Synthetic   bool         `json:"synthetic_data"`
	Seed        uint64       `json:"seed"`
	Respondents int          `json:"respondents"`
	Ratings     int          `json:"ratings"`
	Models      []string     `json:"models"`
	Weights     []weightLine `json:"documented_weights"`
	Depts       []row        `json:"departments"`
}

// weightLine compares one documented indicator's weights per type with
// the effective weights of the three models (% of the indicator system).
type weightLine struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Published [3]float64 `json:"published"`
	Model     [3]float64 `json:"model"`
}

// row is one department's result: the scores (0-100) of the four blocks,
// of the internal evaluation and of the external one, and the total.
type row struct {
	// Rank is the rank among all departments, RankInType the rank within
	// the type, which the model's ranking section gives.
	Rank       float64   `json:"rank"`
	RankInType float64   `json:"rank_in_type"`
	Dept       string    `json:"department"`
	Gloss      string    `json:"gloss"`
	Kind       string    `json:"type"`
	Blocks     []float64 `json:"blocks"`
	Internal   float64   `json:"internal"`
	External   float64   `json:"external"`
	ExternalSE float64   `json:"external_se"`
	Total      float64   `json:"total"`
	Grade      string    `json:"grade"`
}

// assess builds the three models, generates the data, scores every
// department with its type's model and ranks and grades them together.
func assess(ctx context.Context, o options) (*report, error) {
	base, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	models := map[string]*indicator.Model{"委": base}
	for k, b := range map[string][]byte{"局": overlayJu, "办": overlayBan} {
		ov, err := indicator.DecodeOverlay(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("overlay %s: %w", k, err)
		}
		if models[k], err = indicator.ApplyOverlay(base, ov); err != nil {
			return nil, fmt.Errorf("overlay %s: %w", k, err)
		}
	}
	plans := map[string]*indicator.Plan{}
	has := map[string]map[string]bool{}
	for _, k := range kinds {
		if plans[k], err = indicator.Compile(models[k]); err != nil {
			return nil, err
		}
		has[k] = map[string]bool{}
		for _, l := range plans[k].Leaves() {
			has[k][l.Column] = true
		}
	}
	syn, err := generate(ctx, leafSpecs(base.Root), has, o.respondents, o.seed)
	if err != nil {
		return nil, err
	}
	grading, err := ranking.FromSpec(base.Ranking)
	if err != nil {
		return nil, err
	}
	rep := &report{models: models, tables: syn.tables, Model: base.Name, Synthetic: true, Seed: o.seed, Respondents: o.respondents, Ratings: syn.ratings}
	for _, d := range documented {
		rep.Weights = append(rep.Weights, weightLine{ID: d.id, Published: d.want})
	}
	var scores []float64
	var ids, types []string
	for ki, k := range kinds {
		rep.Models = append(rep.Models, models[k].Name)
		res, err := plans[k].Evaluate(ctx, syn.tables[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		// Effective weights within the internal evaluation (70% of
		// the total), in percent.
		internal, _ := res.Node("internal")
		for i, d := range documented {
			for _, w := range res.Weights {
				if w.ID == d.id {
					rep.Weights[i].Model[ki] = 100 * w.Weight / internal.LocalWeight
				}
			}
			for _, n := range res.Nodes {
				if n.ID == d.id {
					rep.Weights[i].Name = n.Name
				}
			}
		}
		ext, _ := res.Node("external")
		for u, id := range res.Units {
			r := row{Dept: id, Kind: k, Internal: internal.Scores[u], External: ext.Scores[u],
				ExternalSE: ext.SE[u], Total: res.Score[u]}
			for _, dp := range depts {
				if dp.name == id {
					r.Gloss = dp.gloss
				}
			}
			for _, b := range blocks {
				n, _ := res.Node(b)
				r.Blocks = append(r.Blocks, n.Scores[u])
			}
			rep.Depts = append(rep.Depts, r)
			scores = append(scores, res.Score[u])
			ids = append(ids, id)
			types = append(types, k)
		}
	}
	// The model's ranking section ranks and grades within type (its
	// category column is the department type); the rank among all
	// departments is shown for comparison.
	st, err := ranking.Classify(ranking.Units{IDs: ids, Scores: scores, Categories: types}, base.Ranking)
	if err != nil {
		return nil, err
	}
	all, err := ranking.Rank(scores, ids, grading.Ranking)
	if err != nil {
		return nil, err
	}
	for u := range rep.Depts {
		rep.Depts[u].RankInType, rep.Depts[u].Rank, rep.Depts[u].Grade = st.Rank[u], all[u], st.Grade[u]
	}
	var ordered []row
	for _, lt := range st.Tables {
		for _, u := range lt.Units {
			ordered = append(ordered, rep.Depts[u])
		}
	}
	rep.Depts = ordered
	return rep, nil
}

// leafSpecs lists the leaves below n in tree order with their goalposts.
func leafSpecs(n *indicator.Node) []leafSpec {
	if n.IsLeaf() {
		if n.Normalization == nil || n.Normalization.Worst == nil || n.Normalization.Best == nil {
			return nil // the external evaluation, on 0-100 already
		}
		return []leafSpec{{n.Column, *n.Normalization.Worst, *n.Normalization.Best}}
	}
	var out []leafSpec
	for _, c := range n.Children {
		out = append(out, leafSpecs(c)...)
	}
	return out
}

// write writes the report in the given format.
func write(w io.Writer, format string, rep *report) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "csv":
		cw := csv.NewWriter(w)
		head := append([]string{"rank_all", "department", "gloss", "type", "rank_in_type"}, blocks...)
		cw.Write(append(head, "internal", "external", "external_se", "total", "grade", "synthetic_data"))
		for _, r := range rep.Depts {
			rec := []string{excli.F(r.Rank, 0), r.Dept, r.Gloss, r.Kind, excli.F(r.RankInType, 0)}
			for _, b := range r.Blocks {
				rec = append(rec, excli.F(b, 2))
			}
			cw.Write(append(rec, excli.F(r.Internal, 2), excli.F(r.External, 2), excli.F(r.ExternalSE, 2), excli.F(r.Total, 2), r.Grade, strconv.FormatBool(rep.Synthetic)))
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s, with overlays for 局 and 办\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): %d departments; external survey of %d respondents at 14 points, %d ratings\n\n",
		rep.Seed, len(rep.Depts), rep.Respondents, rep.Ratings)
	fmt.Fprintf(w, "Published third-level weights by department type (%% of the indicator system) and the models' effective weights:\n")
	fmt.Fprintf(w, "  %s %14s %14s\n", excli.Pad("indicator", 44), "published 委/局/办", "model 委/局/办")
	for _, l := range rep.Weights {
		fmt.Fprintf(w, "  %s %14s %14s\n", excli.Pad(l.Name, 44), triple(l.Published), triple(l.Model))
	}
	kind := ""
	for _, r := range rep.Depts {
		if r.Kind != kind {
			kind = r.Kind
			fmt.Fprintf(w, "\n%s (%s), ranked within type\n", kind, typeNames[kind])
			fmt.Fprintf(w, "%4s  %s %s %-26s", "rank", excli.Pad("department", 26), excli.Pad("all", 4), "")
			for _, h := range []string{"业绩", "效率", "执行力", "成本", "内部"} {
				fmt.Fprintf(w, " %s", excli.PadLeft(h, 6))
			}
			fmt.Fprintf(w, " %s %s  %s\n", excli.PadLeft("外部 ±se", 13), excli.PadLeft("total", 6), "grade")
			fmt.Fprintf(w, "%4s  %s %s %-26s", "", excli.Pad("", 26), excli.Pad("", 4), "")
			fmt.Fprintf(w, " %6s %6s %6s %6s %6s %13s %6s\n", "(45)", "(25)", "(15)", "(15)", "(70%)", "(30%)", "")
		}
		fmt.Fprintf(w, "%4.0f  %s %s %-26s", r.RankInType, excli.Pad(r.Dept, 26), excli.PadLeft(excli.F(r.Rank, 0), 4), r.Gloss)
		for _, b := range r.Blocks {
			fmt.Fprintf(w, " %6.2f", b)
		}
		fmt.Fprintf(w, " %6.2f %6.2f ±%4.2f %6.2f  %s\n", r.Internal, r.External, r.ExternalSE, r.Total, r.Grade)
	}
	counts := map[string]int{}
	for _, r := range rep.Depts {
		counts[r.Grade]++
	}
	fmt.Fprintf(w, "\nBlock and internal scores are 0–100; total = 0.7 × internal + 0.3 × external (resident_share).\n")
	fmt.Fprintf(w, "rank: within the department type (the model's ranking section, category column 类型); all: the rank among all departments.\n")
	fmt.Fprintf(w, "Grades: 优秀 %d (≥ 85), 良好 %d (≥ 70), 合格 %d (≥ 60), 不合格 %d.\n", counts["优秀"], counts["良好"], counts["合格"], counts["不合格"])
	return nil
}

// typeNames gloss the department types.
var typeNames = map[string]string{"委": "commissions", "局": "bureaus", "办": "offices"}

// triple formats three weights as a/b/c, rounded to 6 decimals.
func triple(v [3]float64) string {
	var parts []string
	for _, x := range v {
		parts = append(parts, strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64))
	}
	return strings.Join(parts, "/")
}
