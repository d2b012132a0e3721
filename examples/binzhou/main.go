// Command binzhou applies the Shandong provincial satisfaction-survey
// module to the departments of a pilot city, on synthetic data: eight
// items answered 满意/基本满意/不满意/不了解 (scored 100/75/55, "don't
// know" not scored) in a county-stratified phone survey and a
// questionnaire of deputies and CPPCC members, combined 6 : 4.
//
//	go run ./examples/binzhou
//	go run ./examples/binzhou -phone 2000 -quest 500 -format json
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
	"sort"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

//go:embed model.json
var modelJSON []byte

// description is the report's description under its title, in Chinese.
const description = "滨州市部门群众满意度评议示例（模拟数据）：采用山东省满意度调查模块（8项，满意、基本满意、不满意分别计100分、75分、55分，“不了解”不计分），电话调查与问卷调查结果按6∶4合成。"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format       string
	seed         uint64
	phone, quest int
	sims         int
}

// run parses args, runs the survey module and writes the ranking to
// stdout. It returns the exit code: 0 on success (and for -h), 2 for bad
// flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("binzhou", "Shandong satisfaction-survey module applied to a pilot city's departments, synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2010, "seed of the synthetic data and the rank intervals")
	fs.IntVar(&o.phone, "phone", 1000, "phone interviews, aged 18-65, resident at least a year (Rizhao 2009: 970)")
	fs.IntVar(&o.quest, "quest", 300, "questionnaires of deputies and CPPCC members")
	fs.IntVar(&o.sims, "sims", 1000, "simulations for the rank intervals")
	valid := func() bool {
		return (excli.TableFormat(o.format) || o.format == "html") && o.phone >= 70 && o.quest >= 20 && o.sims >= 100
	}
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -phone at least 70, -quest at least 20, -sims at least 100, no arguments"); !ok {
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

// report is the result, departments in rank order.
type report struct {
	// plan and table give the published report (-format html).
	plan      *indicator.Plan
	table     *indicator.Table
	Model     string `json:"model"`
	Synthetic bool   `json:"synthetic_data"`
	Seed      uint64 `json:"seed"`
	Phone     int    `json:"phone_interviews"`
	Quest     int    `json:"questionnaires"`
	// Shares are the phone answers' shares of 满意, 基本满意, 不满意, 不了解.
	Shares []float64 `json:"phone_shares_pct"`
	Units  []row     `json:"departments"`
}

// row is one department's result.
type row struct {
	Rank     float64 `json:"rank"`
	Dept     string  `json:"department"`
	Item     string  `json:"item"`
	Gloss    string  `json:"gloss"`
	Phone    float64 `json:"phone"`
	PhoneSE  float64 `json:"phone_se"`
	PhoneDK  float64 `json:"phone_dont_know_pct"`
	Quest    float64 `json:"questionnaire"`
	QuestSE  float64 `json:"questionnaire_se"`
	QuestDK  float64 `json:"questionnaire_dont_know_pct"`
	Score    float64 `json:"score"`
	ScoreSE  float64 `json:"score_se"`
	Lo, Hi   float64 `json:"-"`
	Interval string  `json:"rank_interval_90"`
}

// assess runs both surveys, scores the departments with the model and
// ranks them.
func assess(ctx context.Context, o options) (*report, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	syn, err := generate(ctx, o.phone, o.quest, o.seed)
	if err != nil {
		return nil, err
	}
	res, err := plan.Evaluate(ctx, syn.table)
	if err != nil {
		return nil, err
	}
	// The model's 6 : 4 and survey.CombineUnits must agree.
	for d, c := range syn.combined {
		if math.Abs(c.Value-res.Score[d]) > 1e-9 || math.Abs(c.SE-res.SE[d]) > 1e-9 {
			return nil, fmt.Errorf("department %s: model gives %v ± %v, survey.CombineUnits %v ± %v", c.Unit, res.Score[d], res.SE[d], c.Value, c.SE)
		}
	}
	grading, err := ranking.FromSpec(model.Ranking)
	if err != nil {
		return nil, err
	}
	g, err := ranking.Grade(res.Score, nil, res.Units, grading)
	if err != nil {
		return nil, err
	}
	dist, err := ranking.Parametric(ctx, res.Score, res.SE, res.Units, ranking.Settings{
		Replications: o.sims, Seed: o.seed, Ranking: grading.Ranking})
	if err != nil {
		return nil, err
	}
	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Phone: syn.nPhone, Quest: syn.nQuest, Shares: syn.shares}
	for d, it := range items {
		p, q := syn.phone.est[d], syn.quest.est[d]
		rep.Units = append(rep.Units, row{Rank: g.Rank[d], Dept: it.dept, Item: it.name, Gloss: it.gloss,
			Phone: p.Value, PhoneSE: p.SE, PhoneDK: syn.dkPhone[d], Quest: q.Value, QuestSE: q.SE, QuestDK: syn.dkQuest[d],
			Score: res.Score[d], ScoreSE: res.SE[d], Lo: dist.Lo[d], Hi: dist.Hi[d], Interval: fmt.Sprintf("%.0f–%.0f", dist.Lo[d], dist.Hi[d])})
	}
	sort.SliceStable(rep.Units, func(a, b int) bool { return rep.Units[a].Rank < rep.Units[b].Rank })
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
		cw.Write([]string{"rank", "department", "item", "gloss", "phone", "phone_se", "phone_dont_know_pct",
			"questionnaire", "questionnaire_se", "questionnaire_dont_know_pct", "score", "score_se", "rank_lo", "rank_hi", "synthetic_data"})
		for _, r := range rep.Units {
			cw.Write([]string{excli.F(r.Rank, 0), r.Dept, r.Item, r.Gloss, excli.F(r.Phone, 3), excli.F(r.PhoneSE, 3), excli.F(r.PhoneDK, 2),
				excli.F(r.Quest, 3), excli.F(r.QuestSE, 3), excli.F(r.QuestDK, 2), excli.F(r.Score, 3), excli.F(r.ScoreSE, 3), excli.F(r.Lo, 0), excli.F(r.Hi, 0), "true"})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): %d phone interviews (7 counties, equal allocation), %d questionnaires.\n", rep.Seed, rep.Phone, rep.Quest)
	fmt.Fprintf(w, "Phone answers: 满意 %.1f%%, 基本满意 %.1f%%, 不满意 %.1f%%, 不了解 %.1f%% (not scored).\n\n",
		rep.Shares[0], rep.Shares[1], rep.Shares[2], rep.Shares[3])
	fmt.Fprintf(w, "Score = 6/10 phone + 4/10 questionnaire; each the mean of 100/75/55 over valid answers. dk: %% 不了解.\n\n")
	fmt.Fprintf(w, "%4s  %s %s %14s %5s %14s %5s %14s %6s\n", "rank", excli.Pad("department", 22), excli.Pad("item", 41), "phone ±se", "dk", "quest. ±se", "dk", "score ±se", "90%")
	for _, r := range rep.Units {
		fmt.Fprintf(w, "%4.0f  %s %s %7.2f ±%5.2f %5.1f %7.2f ±%5.2f %5.1f %7.2f ±%5.2f %6s\n", r.Rank, excli.Pad(r.Dept, 22),
			excli.Pad(r.Item+" "+r.Gloss, 41), r.Phone, r.PhoneSE, r.PhoneDK, r.Quest, r.QuestSE, r.QuestDK, r.Score, r.ScoreSE, r.Interval)
	}
	fmt.Fprintf(w, "\n90%%: rank interval from the standard errors. The model's 6 : 4 and survey.CombineUnits agree for every department.\n")
	return nil
}
