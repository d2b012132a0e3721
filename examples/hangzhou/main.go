// Command hangzhou runs Hangzhou's comprehensive evaluation (综合考评) of
// municipal units on synthetic data: social evaluation 50% from nine voting
// groups rating three dimensions on 满意/比较满意/基本满意/不满意, target
// assessment, leadership evaluation, an innovation bonus, a one-vote veto,
// and grades 优秀/良好/达标 with the 82-point pass line.
//
//	go run ./examples/hangzhou
//	go run ./examples/hangzhou -format json -seed 7
//
// The model (weights, bonus, veto, grades) is model.json; the data are
// generated from the seed (see data.go and README.md).
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
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/examples/internal/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/survey"
)

//go:embed model.json
var modelJSON []byte

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format string
	seed   uint64
	voters int
	reps   int
}

// run parses args, runs the assessment and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("hangzhou", "Hangzhou comprehensive evaluation of municipal units on synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv or json")
	fs.Uint64Var(&o.seed, "seed", 2005, "seed of the synthetic data")
	fs.IntVar(&o.voters, "voters", 14458, "number of voters over the nine groups (2005: 14,458 forms returned)")
	fs.IntVar(&o.reps, "reps", 1000, "replications of the uncertainty analysis of the voting-group weights")
	valid := func() bool { return excli.TableFormat(o.format) && o.voters >= 18 && o.reps >= 100 }
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv or json, -voters at least 18, -reps at least 100 and no arguments"); !ok {
		return code
	}
	rep, err := assess(ctx, o)
	if err == nil {
		err = write(stdout, o.format, rep)
	}
	return excli.Exit(fs, err)
}

// report is the result of the assessment, in rank order.
type report struct {
	Model     string `json:"model"`
	Synthetic bool   `json:"synthetic_data"`
	Seed      uint64 `json:"seed"`
	Voters    int    `json:"voters"`
	Answers   int    `json:"answers"`
	// Overall is the satisfaction rate over every answer (满意 + 比较满意
	// + 基本满意), Top the share of 满意 alone.
	Overall float64 `json:"satisfaction_rate_pct"`
	Top     float64 `json:"satisfied_pct"`
	Units   []row   `json:"units"`
}

// row is one unit's result. Social, Target and Leadership are the points
// each contributes to Total (out of 50, 45 and 5).
type row struct {
	Rank       float64 `json:"rank"`
	Unit       string  `json:"unit"`
	Gloss      string  `json:"gloss"`
	Social     float64 `json:"social"`
	SocialSE   float64 `json:"social_se"`
	Target     float64 `json:"target"`
	Leadership float64 `json:"leadership"`
	Bonus      float64 `json:"bonus"`
	Total      float64 `json:"total"`
	Grade      string  `json:"grade"`
	Vetoed     bool    `json:"vetoed"`
	Bottom     bool    `json:"bottom3"`
	Rate       float64 `json:"satisfaction_rate_pct"`
	// Lo and Hi are the 5th and 95th percentiles of the unit's rank when
	// the voting-group weights vary by ±25%.
	Lo float64 `json:"rank_lo"`
	Hi float64 `json:"rank_hi"`
}

// assess generates the data, scores them with the model and grades them.
func assess(ctx context.Context, o options) (*report, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	syn, err := generate(ctx, o.voters, o.seed)
	if err != nil {
		return nil, err
	}
	res, err := plan.Evaluate(ctx, syn.table)
	if err != nil {
		return nil, err
	}
	if err := checkSocial(ctx, plan, res, syn.set); err != nil {
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
	// The voting-group weights are reconstructed: how much do the ranks
	// depend on them? Each replication multiplies every group weight by a
	// factor in [0.75, 1.25] (ranking.MonteCarlo on the prepared plan).
	socialGroup := -1
	for i, gi := range plan.Groups() {
		if gi.ID == "social" {
			socialGroup = i
		}
	}
	dist, err := ranking.MonteCarlo(ctx, plan, syn.table, []ranking.Factor{
		{Name: "voting-group weights ±25%", Kind: ranking.FactorWeights, Groups: []int{socialGroup}, Amount: 0.25},
	}, ranking.Settings{Replications: o.reps, Seed: o.seed, Ranking: grading.Ranking, Level: 0.90})
	if err != nil {
		return nil, err
	}
	social, _ := res.Node("social")
	target, _ := res.Node("target")
	lead, _ := res.Node("leadership")
	root := &res.Nodes[0]
	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Voters: syn.voters, Answers: syn.answers,
		Overall: syn.overall, Top: syn.top}
	for u, id := range res.Units {
		rep.Units = append(rep.Units, row{
			Rank: g.Rank[u], Unit: id, Gloss: units[u].gloss,
			Social: social.Contribution[u], SocialSE: float64(social.LocalWeight * social.SE[u]),
			Target: target.Contribution[u], Leadership: lead.Contribution[u],
			Bonus: root.Adjustment[u], Total: res.Score[u],
			Grade: g.Name[u], Vetoed: res.Vetoed[u], Bottom: g.BottomK[u], Rate: syn.rate[u],
			Lo: dist.Lo[u], Hi: dist.Hi[u],
		})
	}
	// Rank order; equal ranks keep table order.
	sort.SliceStable(rep.Units, func(a, b int) bool { return rep.Units[a].Rank < rep.Units[b].Rank })
	return rep, nil
}

// checkSocial recomputes the social evaluation in the survey package: the
// voting groups combined with the weights of the model's "social" group
// (survey.UnitSettings.GroupWeights), and checks that the value and the
// standard error are the model's.
func checkSocial(ctx context.Context, plan *indicator.Plan, res *indicator.Result, set *survey.AnswerSet) error {
	column := map[string]string{} // leaf id -> column, the voting group
	for _, l := range plan.Leaves() {
		column[l.ID] = l.Column
	}
	weights := map[string]float64{}
	for _, g := range plan.Groups() {
		if g.ID == "social" {
			for j, id := range g.Children {
				weights[column[id]] = g.Weights[j]
			}
		}
	}
	est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, GroupWeights: weights})
	if err != nil {
		return err
	}
	social, _ := res.Node("social")
	for u, e := range est {
		if e.Unit != res.Units[u] || math.Abs(e.Value-social.Scores[u]) > 1e-9 || math.Abs(e.SE-social.SE[u]) > 1e-9 {
			return fmt.Errorf("unit %s: model gives %v ± %v, survey %s %v ± %v", res.Units[u], social.Scores[u], social.SE[u], e.Unit, e.Value, e.SE)
		}
	}
	return nil
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
		cw.Write([]string{"rank", "unit", "gloss", "social", "social_se", "target", "leadership", "bonus", "total", "grade", "vetoed", "bottom3", "satisfaction_rate_pct", "rank_lo", "rank_hi", "synthetic_data"})
		for _, r := range rep.Units {
			cw.Write([]string{excli.F(r.Rank, 0), r.Unit, r.Gloss, excli.F(r.Social, 3), excli.F(r.SocialSE, 3), excli.F(r.Target, 3), excli.F(r.Leadership, 3),
				excli.F(r.Bonus, 2), excli.F(r.Total, 3), r.Grade, strconv.FormatBool(r.Vetoed), strconv.FormatBool(r.Bottom), excli.F(r.Rate, 2), excli.F(r.Lo, 0), excli.F(r.Hi, 0), "true"})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): %d voters in nine groups, %d answers\n", rep.Seed, rep.Voters, rep.Answers)
	fmt.Fprintf(w, "Satisfaction rate (满意+比较满意+基本满意) %.3f%%, 满意 alone %.3f%%  (published: 95.144%% in 2005; 94.659%% and 27.832%% in 2010)\n\n", rep.Overall, rep.Top)
	fmt.Fprintf(w, "%4s  %s %-22s %12s %6s %6s %6s %7s %6s  %s %s\n", "rank", excli.Pad("unit", 14), "", "social ±se", "target", "leader", "bonus", "total", "w±25%", excli.Pad("grade", 8), "note")
	fmt.Fprintf(w, "%4s  %s %-22s %12s %6s %6s %6s %7s\n", "", excli.Pad("", 14), "", "(of 50)", "(45)", "(5)", "", "(100)")
	for _, r := range rep.Units {
		note := ""
		if r.Vetoed {
			note = "一票否决 vetoed"
		}
		if r.Bottom {
			note = strings.TrimSpace(note + " bottom three, named publicly")
		}
		gloss := r.Gloss
		if len(gloss) > 22 {
			gloss = gloss[:21] + "."
		}
		fmt.Fprintf(w, "%4.0f  %s %-22s %6.2f ±%4.2f %6.2f %6.2f %+6.2f %7.2f %6s  %s %s\n", r.Rank, excli.Pad(r.Unit, 14), gloss,
			r.Social, r.SocialSE, r.Target, r.Leadership, r.Bonus, r.Total, fmt.Sprintf("%.0f–%.0f", r.Lo, r.Hi), excli.Pad(r.Grade, 8), note)
	}
	counts := map[string]int{}
	for _, r := range rep.Units {
		counts[r.Grade]++
	}
	fmt.Fprintf(w, "\nGrades: 优秀 %d, 良好 %d, 达标 %d, 不达标 %d (pass line 82; a vetoed unit is 不达标 whatever its score).\n",
		counts["优秀"], counts["良好"], counts["达标"], counts["不达标"])
	fmt.Fprintf(w, "social ±se: social evaluation points with the standard error from the voters' sampling variability;\n"+
		"the survey package's combination of the voting groups (GroupWeights) gives the same values for every unit.\n"+
		"w±25%%: 90%% range of the rank when the (reconstructed) voting-group weights vary by ±25%%.\n")
	return nil
}
