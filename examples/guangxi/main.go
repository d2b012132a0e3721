// Command guangxi runs the performance appraisal (绩效考评) of Guangxi's 14
// prefecture-level cities on synthetic data: seven basic indicators scored
// by the efficacy coefficient method (功效系数法), public appraisal by the
// regional statistics bureau's survey centre, and the ranking and grading
// of the cities. Liuzhou, the host of the founding workshop, is marked.
//
//	go run ./examples/guangxi
//	go run ./examples/guangxi -format csv -calls 1500
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

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

//go:embed model.json
var modelJSON []byte

// host is the city that hosted the workshop.
const host = "柳州"

// description is the report's description under its title, in Chinese.
const description = "广西14个设区市绩效考评示例（模拟数据）：7项基本指标，按功效系数法计分，公众评议结果用于排名和评定等级。"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format string
	seed   uint64
	calls  int
}

// run parses args, runs the assessment and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("guangxi", "Guangxi performance appraisal of the 14 cities: efficacy coefficient scoring and public appraisal, synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2011, "seed of the synthetic data")
	fs.IntVar(&o.calls, "calls", 800, "completed phone interviews per city (public appraisal)")
	valid := func() bool { return (excli.TableFormat(o.format) || o.format == "html") && o.calls >= 30 }
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -calls at least 30 and no arguments"); !ok {
		return code
	}
	rep, err := assess(ctx, o)
	if err == nil {
		if o.format == "html" {
			err = excli.Report(ctx, stdout, rep.plan, rep.table, o.seed, description)
		} else {
			err = write(stdout, o.format, rep)
		}
	}
	return excli.Exit(fs, err)
}

// basics are the ids of the seven basic indicators, in model order.
var basics = []string{"economy", "society", "ecology", "distinctive", "major", "party", "efficiency"}

// report is the result of the appraisal, in rank order.
type report struct {
	// plan and table give the published report (-format html).
	plan      *indicator.Plan
	table     *indicator.Table
	Model     string     `json:"model"`
	Synthetic bool       `json:"synthetic_data"`
	Seed      uint64     `json:"seed"`
	Calls     int        `json:"calls_per_city"`
	Shares    []float64  `json:"answer_shares"`
	Goalposts []goalpost `json:"efficacy_goalposts"`
	Tau       float64    `json:"kendall_tau_indicators_public"`
	TauP      float64    `json:"kendall_p"`
	Cities    []row      `json:"cities"`
}

// goalpost is one indicator's efficacy-coefficient values.
type goalpost struct {
	Indicator string  `json:"indicator"`
	Bad       float64 `json:"x_bad"`
	Good      float64 `json:"x_good"`
}

// row is one city's result: the efficacy scores (60 = unacceptable value,
// 100 = satisfactory value) of the basic indicators and of the indicator
// assessment, the public appraisal (0-100) and the total.
type row struct {
	Rank       float64   `json:"rank"`
	City       string    `json:"city"`
	Gloss      string    `json:"gloss"`
	Basics     []float64 `json:"basic_indicators"`
	Indicators float64   `json:"indicator_assessment"`
	Public     float64   `json:"public_appraisal"`
	PublicSE   float64   `json:"public_appraisal_se"`
	Total      float64   `json:"total"`
	TotalSE    float64   `json:"total_se"`
	Grade      string    `json:"grade"`
	RankInd    float64   `json:"rank_indicators"`
	RankPublic float64   `json:"rank_public"`
	Host       bool      `json:"workshop_host"`
}

// assess generates the data, scores, ranks and grades them.
func assess(ctx context.Context, o options) (*report, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	syn, err := generate(ctx, o.calls, o.seed)
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
	ind, _ := res.Node("indicators")
	pub, _ := res.Node("public")
	rankInd, err := ranking.Rank(ind.Scores, res.Units, grading.Ranking)
	if err != nil {
		return nil, err
	}
	rankPub, err := ranking.Rank(pub.Scores, res.Units, grading.Ranking)
	if err != nil {
		return nil, err
	}
	kt, err := ranking.Kendall(ind.Scores, pub.Scores, ranking.KendallOptions{})
	if err != nil {
		return nil, err
	}
	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Calls: o.calls, Shares: syn.shares, Tau: kt.Tau, TauP: kt.P}
	// The efficacy goalposts of the model: worst = x_bad, best = x_good.
	for _, l := range res.Leaves {
		if l.Column != "public" {
			rep.Goalposts = append(rep.Goalposts, goalpost{l.ID, l.Worst, l.Best})
		}
	}
	for u, id := range res.Units {
		r := row{Rank: g.Rank[u], City: id, Gloss: cities[u].gloss, Indicators: ind.Scores[u],
			Public: pub.Scores[u], PublicSE: pub.SE[u], Total: res.Score[u], TotalSE: res.SE[u], Grade: g.Name[u],
			RankInd: rankInd[u], RankPublic: rankPub[u], Host: id == host}
		for _, b := range basics {
			nd, _ := res.Node(b)
			r.Basics = append(r.Basics, nd.Scores[u])
		}
		rep.Cities = append(rep.Cities, r)
	}
	// Rank order; equal ranks keep table order.
	sort.SliceStable(rep.Cities, func(a, b int) bool { return rep.Cities[a].Rank < rep.Cities[b].Rank })
	rep.plan, rep.table = plan, syn.table
	return rep, nil
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
		head := append([]string{"rank", "city", "gloss"}, basics...)
		cw.Write(append(head, "indicators", "public", "public_se", "total", "total_se", "grade", "rank_indicators", "rank_public", "workshop_host", "synthetic_data"))
		for _, r := range rep.Cities {
			rec := []string{excli.F(r.Rank, 0), r.City, r.Gloss}
			for _, b := range r.Basics {
				rec = append(rec, excli.F(b, 2))
			}
			cw.Write(append(rec, excli.F(r.Indicators, 2), excli.F(r.Public, 2), excli.F(r.PublicSE, 2), excli.F(r.Total, 2), excli.F(r.TotalSE, 2),
				r.Grade, excli.F(r.RankInd, 0), excli.F(r.RankPublic, 0), strconv.FormatBool(r.Host), strconv.FormatBool(rep.Synthetic)))
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): 14 cities; public appraisal %d phone interviews per city (0771-12340)\n\n", rep.Seed, rep.Calls)
	fmt.Fprintf(w, "Efficacy coefficient (功效系数法): score = 60 + 40 (x - x_bad)/(x_good - x_bad), clamped to 60–100\n")
	fmt.Fprintf(w, "(the model's efficacy normalisation, worst = x_bad, best = x_good).\n")
	fmt.Fprintf(w, "Unacceptable value x_bad → 60, satisfactory value x_good → 100:\n")
	for k, gp := range rep.Goalposts {
		sep := "  "
		if k%2 == 1 || k == len(rep.Goalposts)-1 {
			sep = "\n"
		}
		fmt.Fprintf(w, "  %-24s %6s → 60 %6s → 100%s", gp.Indicator, excli.F(gp.Bad, 1), excli.F(gp.Good, 1), sep)
	}
	fmt.Fprintf(w, "\nPublic appraisal answers: 满意 %.1f%%, 基本满意 %.1f%%, 不满意 %.1f%%, 不了解 %.1f%% (scored 100/75/55, 不了解 unscored)\n\n",
		100*rep.Shares[0], 100*rep.Shares[1], 100*rep.Shares[2], 100*rep.Shares[3])

	fmt.Fprintf(w, "%4s  %s %-13s", "rank", excli.Pad("city", 8), "")
	for _, h := range []string{"经济", "社会", "生态", "特色", "专项", "党建", "效能", "指标考核"} {
		fmt.Fprintf(w, " %s", excli.PadLeft(h, 5))
	}
	fmt.Fprintf(w, " %s %s  %s  %s\n", excli.PadLeft("公众评议 ±se", 14), excli.PadLeft("total", 7), excli.Pad("grade", 6), "ranks ind./pub.")
	for _, r := range rep.Cities {
		fmt.Fprintf(w, "%4.0f  %s %-13s", r.Rank, excli.Pad(r.City, 8), r.Gloss)
		for _, b := range r.Basics {
			fmt.Fprintf(w, " %5.1f", b)
		}
		note := ""
		if r.Host {
			note = "  workshop host"
		}
		fmt.Fprintf(w, " %8.1f %7.2f ±%4.2f %7.2f  %s  %2.0f / %2.0f%s\n", r.Indicators, r.Public, r.PublicSE, r.Total, excli.Pad(r.Grade, 6), r.RankInd, r.RankPublic, note)
	}
	fmt.Fprintf(w, "\ntotal = 0.8 × indicator assessment (efficacy scale 60–100) + 0.2 × public appraisal (0–100).\n")
	fmt.Fprintf(w, "Grades by rank quota: 一等 ≤ 30%%, 二等 ≤ 40%%, 三等 the rest.\n")
	p := "p = " + excli.F(rep.TauP, 3)
	if rep.TauP < 0.001 {
		p = "p < 0.001"
	}
	fmt.Fprintf(w, "Agreement of the indicator and public-appraisal rankings: Kendall tau-b %.3f (%s).\n", rep.Tau, p)
	return nil
}
