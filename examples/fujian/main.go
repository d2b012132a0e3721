// Command fujian runs Fujian's province-wide performance assessment of its
// prefecture-level city governments on synthetic data: the statistical
// indicator tree with 7 first-level, 28 second-level and 58 third-level
// indicators, and public appraisal (公众评议) by the provincial statistics
// bureau.
//
//	go run ./examples/fujian
//	go run ./examples/fujian -tree        # the indicator tree, documented and reconstructed
//	go run ./examples/fujian -format csv
//
// The model is model.json; the data are generated from the seed (see
// data.go and README.md).
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

//go:embed model.json
var modelJSON []byte

// reconstructed marks the names of reconstructed nodes in model.json.
const reconstructed = "（重构）"

// description is the report's description under its title, in Chinese.
const description = "福建省设区市政府绩效评估示例（模拟数据）：按一级、二级、三级指标逐级汇总，公众评议由统计部门组织。"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format string
	seed   uint64
	calls  int
	tree   bool
}

// run parses args, runs the assessment and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("fujian", "Fujian assessment of the nine prefecture-level city governments (7/28/58 indicator tree and public appraisal), synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2005, "seed of the synthetic data")
	fs.IntVar(&o.calls, "calls", 600, "public-appraisal phone interviews per city")
	fs.BoolVar(&o.tree, "tree", false, "print the indicator tree (7/28/58) with effective weights instead of the ranking")
	valid := func() bool { return (excli.TableFormat(o.format) || o.format == "html") && o.calls >= 50 }
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -calls at least 50 and no arguments"); !ok {
		return code
	}
	rep, err := assess(ctx, o)
	if err == nil {
		if o.tree {
			err = writeTree(stdout, o.format, rep)
		} else {
			if o.format == "html" {
				err = excli.Report(ctx, stdout, rep.plan, rep.table, o.seed, description)
			} else {
				err = write(stdout, o.format, rep)
			}
		}
	}
	return excli.Exit(fs, err)
}

// report is the result of the assessment, cities in rank order.
type report struct {
	// plan and table give the published report (-format html).
	plan      *indicator.Plan
	table     *indicator.Table
	Model     string   `json:"model"`
	Synthetic bool     `json:"synthetic_data"`
	Seed      uint64   `json:"seed"`
	Calls     int      `json:"calls_per_city"`
	Counts    [3]int   `json:"indicators_per_level"`
	Firsts    []string `json:"first_level"`
	Tree      []node   `json:"tree"`
	Cities    []row    `json:"cities"`
}

// node is one node of the indicator tree with its effective weight in the
// indicator assessment (the product of the local weights below it).
type node struct {
	Level      int     `json:"level"`
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Documented bool    `json:"documented"`
	Weight     float64 `json:"weight"`
}

// row is one city's result: scores (0-100) of the first-level indicators
// and of the indicator assessment, the public appraisal (satisfaction rate,
// post-stratified, and unweighted) and the total.
type row struct {
	Rank       float64   `json:"rank"`
	City       string    `json:"city"`
	Gloss      string    `json:"gloss"`
	Firsts     []float64 `json:"first_level"`
	Indicators float64   `json:"indicators"`
	Public     float64   `json:"public"`
	PublicSE   float64   `json:"public_se"`
	PublicRaw  float64   `json:"public_unweighted"`
	Total      float64   `json:"total"`
}

// assess generates the data, scores them with the model and ranks them.
func assess(ctx context.Context, o options) (*report, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	ind := model.Root.Children[0]
	syn, err := generate(ctx, leavesOf(ind), len(ind.Children), o.calls, o.seed)
	if err != nil {
		return nil, err
	}
	res, err := plan.Evaluate(ctx, syn.table)
	if err != nil {
		return nil, err
	}
	grading, err := ranking.FromSpec(model.Ranking)
	if err != nil {
		return nil, err
	}
	g, err := ranking.Grade(res.Score, res.Vetoed, res.Units, grading)
	if err != nil {
		return nil, err
	}
	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Calls: o.calls}
	indRes, _ := res.Node(ind.ID)
	// Effective weights within the indicator assessment: the product of
	// the local weights from the first level down.
	weight := map[string]float64{ind.ID: 1}
	for _, n := range res.Nodes {
		if n.Parent < 0 || n.ID == ind.ID {
			continue
		}
		parent := res.Nodes[n.Parent].ID
		w, ok := weight[parent]
		if !ok {
			continue // the public appraisal
		}
		weight[n.ID] = float64(w * n.LocalWeight)
		level := strings.Count(n.Path, "/") - 1
		rep.Counts[level-1]++
		rep.Tree = append(rep.Tree, node{level, n.ID, strings.TrimSuffix(n.Name, reconstructed),
			!strings.HasSuffix(n.Name, reconstructed), weight[n.ID]})
	}
	for _, c := range ind.Children {
		rep.Firsts = append(rep.Firsts, c.Name)
	}
	pub, _ := res.Node("public")
	for u, id := range res.Units {
		r := row{Rank: g.Rank[u], City: id, Gloss: cities[u].gloss, Indicators: indRes.Scores[u],
			Public: pub.Scores[u], PublicSE: pub.SE[u], PublicRaw: syn.raw[u], Total: res.Score[u]}
		for _, c := range ind.Children {
			n, _ := res.Node(c.ID)
			r.Firsts = append(r.Firsts, n.Scores[u])
		}
		rep.Cities = append(rep.Cities, r)
	}
	// Rank order; equal ranks keep table order.
	sort.SliceStable(rep.Cities, func(a, b int) bool { return rep.Cities[a].Rank < rep.Cities[b].Rank })
	rep.plan, rep.table = plan, syn.table
	return rep, nil
}

// write writes the ranking in the given format.
func write(w io.Writer, format string, rep *report) error {
	switch format {
	case "json":
		return writeJSON(w, rep)
	case "csv":
		cw := csv.NewWriter(w)
		head := []string{"rank", "city", "gloss"}
		for _, n := range rep.Tree {
			if n.Level == 1 {
				head = append(head, n.ID)
			}
		}
		cw.Write(append(head, "indicators", "public", "public_se", "public_unweighted", "total", "synthetic_data"))
		for _, r := range rep.Cities {
			rec := []string{excli.F(r.Rank, 0), r.City, r.Gloss}
			for _, v := range r.Firsts {
				rec = append(rec, excli.F(v, 2))
			}
			cw.Write(append(rec, excli.F(r.Indicators, 2), excli.F(r.Public, 2), excli.F(r.PublicSE, 2), excli.F(r.PublicRaw, 2), excli.F(r.Total, 2), strconv.FormatBool(rep.Synthetic)))
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): 9 cities; public appraisal %d phone interviews per city\n\n", rep.Seed, rep.Calls)
	fmt.Fprintf(w, "Indicator tree: %d first-level, %d second-level, %d third-level indicators (published: 7/28/58); run with -tree to list them.\n",
		rep.Counts[0], rep.Counts[1], rep.Counts[2])
	fmt.Fprintf(w, "First level (* = reconstructed name):")
	for k, name := range rep.Firsts {
		fmt.Fprintf(w, " [%d] %s", k+1, strings.Replace(name, reconstructed, "*", 1))
	}
	fmt.Fprintf(w, "\n\n%4s  %s %-10s", "rank", excli.Pad("city", 6), "")
	for k := range rep.Firsts {
		fmt.Fprintf(w, " %6s", "["+strconv.Itoa(k+1)+"]")
	}
	fmt.Fprintf(w, " %s %s %s %s\n", excli.PadLeft("指标", 6), excli.PadLeft("公众评议 ±se", 14), excli.PadLeft("(raw)", 7), excli.PadLeft("total", 7))
	for _, r := range rep.Cities {
		fmt.Fprintf(w, "%4.0f  %s %-10s", r.Rank, excli.Pad(r.City, 6), r.Gloss)
		for _, v := range r.Firsts {
			fmt.Fprintf(w, " %6.2f", v)
		}
		fmt.Fprintf(w, " %6.2f %7.2f ±%4.2f %7.2f %7.2f\n", r.Indicators, r.Public, r.PublicSE, r.PublicRaw, r.Total)
	}
	fmt.Fprintf(w, "\nIndicators: min-max over the nine cities (0–100), equal weights at every level; total = 0.7 × indicators + 0.3 × public appraisal.\n")
	fmt.Fprintf(w, "公众评议: share satisfied or basically satisfied among those with an opinion (%%), post-stratified to the population's age groups; (raw): unweighted.\n")
	return nil
}

// writeTree writes the indicator tree in the given format.
func writeTree(w io.Writer, format string, rep *report) error {
	switch format {
	case "json":
		return writeJSON(w, rep)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"level", "id", "name", "documented", "weight"})
		for _, n := range rep.Tree {
			cw.Write([]string{strconv.Itoa(n.Level), n.ID, n.Name, strconv.FormatBool(n.Documented), excli.F(n.Weight, 6)})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s: indicator tree (%d/%d/%d)\n", rep.Model, rep.Counts[0], rep.Counts[1], rep.Counts[2])
	fmt.Fprintf(w, "weight: effective weight in the indicator assessment (equal weights at every level); * = reconstructed\n\n")
	for _, n := range rep.Tree {
		mark := " "
		if !n.Documented {
			mark = "*"
		}
		fmt.Fprintf(w, "%s%s %s %7.4f\n", strings.Repeat("  ", n.Level-1), mark, excli.Pad(n.Name, 48-2*n.Level), n.Weight)
	}
	return nil
}

// writeJSON writes the report as indented JSON.
func writeJSON(w io.Writer, rep *report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
