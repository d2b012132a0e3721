// Command qingdao runs the social appraisal of Qingdao's 三民 activity on
// synthetic data: about 10,000 citizen representatives, chosen by
// organisational recommendation, random draw and self-registration, rate
// the departments that report to them; the ballots are post-stratified to
// the representative quotas, and each department's social appraisal is the
// ballot 80% and the routine appraisal 20%.
//
//	go run ./examples/qingdao
//	go run ./examples/qingdao -format json -reps 12000 -self 200
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

// description is the report's description under its title, in Chinese.
const description = "青岛市“三民”活动示例（模拟数据）：社会评议得分由投票评议（占80%）和日常评议（占20%）合成，参评代表经推荐、随机抽取和自愿报名产生，并按代表名额结构加权。"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format    string
	seed      uint64
	reps, obs int
	self      int
}

// run parses args, runs the appraisal and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("qingdao", "Qingdao 三民 social appraisal of municipal departments on synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2010, "seed of the synthetic data and the rank intervals")
	fs.IntVar(&o.reps, "reps", 10000, "number of citizen representatives (about 10,000 a year)")
	fs.IntVar(&o.self, "self", 200, "self-registered representatives among them (2014: 200)")
	fs.IntVar(&o.obs, "sims", 1000, "simulations for the rank intervals")
	valid := func() bool {
		return (excli.TableFormat(o.format) || o.format == "html") && o.reps >= 400 && o.self >= 0 && o.self <= o.reps/2 && o.obs >= 100
	}
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -reps at least 400, -self between 0 and reps/2, -sims at least 100, no arguments"); !ok {
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
	plan        *indicator.Plan
	table       *indicator.Table
	Model       string        `json:"model"`
	Synthetic   bool          `json:"synthetic_data"`
	Seed        uint64        `json:"seed"`
	Reps        int           `json:"representatives"`
	Composition []composition `json:"composition"`
	Units       []row         `json:"departments"`
}

// composition is one representative category: its quota and how many came
// through each channel.
type composition struct {
	Category   string `json:"category"`
	Quota      int    `json:"quota"`
	ByChannel  []int  `json:"by_channel"`
	Achieved   int    `json:"achieved"`
	WeightEach string `json:"weight"`
}

// row is one department's result.
type row struct {
	Rank     float64 `json:"rank"`
	Unit     string  `json:"department"`
	Gloss    string  `json:"gloss"`
	Ballot   float64 `json:"ballot"`
	BallotSE float64 `json:"ballot_se"`
	Raw      float64 `json:"ballot_unweighted"`
	RawRank  float64 `json:"rank_unweighted"`
	Routine  float64 `json:"routine"`
	Social   float64 `json:"social_appraisal"`
	Lo       float64 `json:"rank_lo"`
	Hi       float64 `json:"rank_hi"`
}

// assess generates the data, scores and ranks the departments.
func assess(ctx context.Context, o options) (*report, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	syn, err := generate(ctx, o.reps, o.self, o.seed)
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
	g, err := ranking.Grade(res.Score, nil, res.Units, grading)
	if err != nil {
		return nil, err
	}
	// The unweighted ranking: the same model on the unweighted ballot.
	rawScores := make([]float64, len(res.Units))
	routine, _ := res.Node("routine")
	ballot, _ := res.Node("ballot")
	for u := range rawScores {
		rawScores[u] = float64(ballot.LocalWeight*syn.raw[u]) + routine.Contribution[u]
	}
	rawRank, err := ranking.Rank(rawScores, res.Units, grading.Ranking)
	if err != nil {
		return nil, err
	}
	// 90% rank intervals from the standard errors of the social appraisal.
	dist, err := ranking.Parametric(ctx, res.Score, res.SE, res.Units, ranking.Settings{
		Replications: o.obs, Seed: o.seed, Ranking: grading.Ranking})
	if err != nil {
		return nil, err
	}

	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Reps: syn.reps}
	for c, cat := range categories {
		total := 0
		for _, x := range syn.achieved[c] {
			total += x
		}
		quota := int(float64(cat.quota*float64(o.reps)) + 0.5)
		rep.Composition = append(rep.Composition, composition{Category: cat.name, Quota: quota, ByChannel: syn.achieved[c],
			Achieved: total, WeightEach: strconv.FormatFloat(float64(quota)/float64(total), 'f', 2, 64)})
	}
	for u, id := range res.Units {
		rep.Units = append(rep.Units, row{Rank: g.Rank[u], Unit: id, Gloss: units[u].gloss,
			Ballot: syn.table.Value(u, 0), BallotSE: syn.table.Value(u, 1), Raw: syn.raw[u], RawRank: rawRank[u],
			Routine: syn.table.Value(u, 2), Social: res.Score[u], Lo: dist.Lo[u], Hi: dist.Hi[u]})
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
		cw.Write([]string{"rank", "department", "gloss", "ballot", "ballot_se", "ballot_unweighted", "rank_unweighted", "routine", "social_appraisal", "rank_lo", "rank_hi", "synthetic_data"})
		for _, r := range rep.Units {
			cw.Write([]string{excli.F(r.Rank, 0), r.Unit, r.Gloss, excli.F(r.Ballot, 3), excli.F(r.BallotSE, 3), excli.F(r.Raw, 3), excli.F(r.RawRank, 0),
				excli.F(r.Routine, 3), excli.F(r.Social, 3), excli.F(r.Lo, 0), excli.F(r.Hi, 0), "true"})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): %d representatives in %d sessions; each rates the departments reporting in its session.\n\n",
		rep.Seed, rep.Reps, sessions)
	fmt.Fprintf(w, "Representatives by category and channel, and the post-stratification to the quotas:\n")
	fmt.Fprintf(w, "  %s %s %s %s %6s %7s %7s\n", excli.Pad("category", 34), excli.PadLeft("推荐", 6), excli.PadLeft("抽取", 6), excli.PadLeft("报名", 6), "total", "quota", "weight")
	for _, c := range rep.Composition {
		fmt.Fprintf(w, "  %s %6d %6d %6d %6d %7d %7s\n", excli.Pad(c.Category, 34), c.ByChannel[0], c.ByChannel[1], c.ByChannel[2], c.Achieved, c.Quota, c.WeightEach)
	}
	fmt.Fprintf(w, "\nSocial appraisal = ballot × 80%% + routine appraisal × 20%%. Ballot: 满意 100, 基本满意 60, 不满意 0, post-stratified.\n")
	fmt.Fprintf(w, "unw.: the ballot without weights and the rank it would give; 90%%: rank interval from the ballot's standard error.\n\n")
	fmt.Fprintf(w, "%4s  %s %-27s %13s %6s %4s %7s %7s %7s\n", "rank", excli.Pad("department", 22), "", "ballot ±se", "unw.", "", "routine", "social", "90%")
	for _, r := range rep.Units {
		gloss := r.Gloss
		if len(gloss) > 27 {
			gloss = gloss[:26] + "."
		}
		fmt.Fprintf(w, "%4.0f  %s %-27s %7.2f ±%4.2f %6.2f %4.0f %7.2f %7.2f %7s\n", r.Rank, excli.Pad(r.Unit, 22), gloss,
			r.Ballot, r.BallotSE, r.Raw, r.RawRank, r.Routine, r.Social, fmt.Sprintf("%.0f–%.0f", r.Lo, r.Hi))
	}
	moved := 0
	for _, r := range rep.Units {
		if d := r.Rank - r.RawRank; d >= 3 || d <= -3 {
			moved++
		}
	}
	fmt.Fprintf(w, "\nPost-stratification to the quotas moves %d of %d departments by three places or more.\n", moved, len(rep.Units))
	return nil
}
