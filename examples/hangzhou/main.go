// Command hangzhou runs Hangzhou's comprehensive evaluation (综合考评) on
// synthetic data: social evaluation 50% from nine voting groups rating
// three dimensions on 满意/比较满意/基本满意/不满意, target assessment,
// leadership evaluation, an innovation bonus and a one-vote veto, with
// municipal units, dual-managed units and district governments ranked
// apart. It shows both eras of the results plainly: the 2005–2010
// designations (满意单位, 先进单位, 不满意单位) with the 82-point pass line
// (model.json, whose parameters are those of 2005), and the 2020 bands
// 优秀/良好/达标 with their quotas per category and 专项晋优
// (model_2020.json, the same tree with the 2020 ranking section).
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
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/survey"
)

var (
	//go:embed model.json
	modelJSON []byte
	//go:embed model_2020.json
	model2020JSON []byte
)

// description is the report's description under its title, in Chinese.
const description = "杭州市综合考评示例（模拟数据）：社会评价占50%，目标考核45分、领导考评5分（据2005年结果推算），另有创新加分和一票否决；市直单位、双管单位和区、县（市）分别排名，按2005—2010年的称号和82分合格线评定。投票群体的权重和加分上限为重构参数。"

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
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2005, "seed of the synthetic data")
	fs.IntVar(&o.voters, "voters", 14458, "number of voters over the nine groups (2005: 14,458 forms returned)")
	fs.IntVar(&o.reps, "reps", 1000, "replications of the uncertainty analysis of the voting-group weights")
	valid := func() bool {
		return (excli.TableFormat(o.format) || o.format == "html") && o.voters >= 18 && o.reps >= 100
	}
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -voters at least 18, -reps at least 100 and no arguments"); !ok {
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

// report is the result of the assessment, by category in rank order.
type report struct {
	// plan and table give the published report (-format html).
	plan      *indicator.Plan
	table     *indicator.Table
	Model     string `json:"model"`
	Synthetic bool   `json:"synthetic_data"`
	Seed      uint64 `json:"seed"`
	Voters    int    `json:"voters"`
	Answers   int    `json:"answers"`
	// Overall is the satisfaction rate over every answer (满意 + 比较满意
	// + 基本满意), Top the share of 满意 alone.
	Overall float64 `json:"satisfaction_rate_pct"`
	Top     float64 `json:"satisfied_pct"`
	// Tables are the categories in the order of the model, each with its
	// label and count.
	Tables []table `json:"tables"`
	Units  []row   `json:"units"`
}

// table is one category ranked apart.
type table struct {
	Category string `json:"category"`
	Units    int    `json:"units"`
}

// row is one unit's result. Social, Target and Leadership are the points
// each contributes to Total (out of 50, 45 and 5).
type row struct {
	Rank       float64 `json:"rank"`
	Category   string  `json:"category"`
	Unit       string  `json:"unit"`
	Gloss      string  `json:"gloss"`
	Social     float64 `json:"social"`
	SocialSE   float64 `json:"social_se"`
	Target     float64 `json:"target"`
	Leadership float64 `json:"leadership"`
	Bonus      float64 `json:"bonus"`
	Total      float64 `json:"total"`
	// Designation is the 2005–2010 designation (满意单位, 先进单位,
	// 不满意单位) and Pass the pass-line grade (合格 at 82 points or
	// more, 不合格), from model.json.
	Designation string `json:"designation_2005"`
	Pass        string `json:"pass_2005"`
	// Band is the 2020 band (优秀, 良好, 达标, 不达标) from
	// model_2020.json, Promoted whether 专项晋优 moved it up one band.
	Band     string `json:"band_2020"`
	Promoted bool   `json:"promoted_2020"`
	// Note2020 says what 专项晋优 did for a flagged unit.
	Note2020 string  `json:"note_2020,omitempty"`
	Vetoed   bool    `json:"vetoed"`
	Bottom   bool    `json:"bottom"`
	Rate     float64 `json:"satisfaction_rate_pct"`
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
	// The two eras' ranking sections on the same scores: ranks, pass line
	// and designations per category (2005–2010), bands and promotions per
	// category (2020).
	m2020, err := indicator.DecodeModel(bytes.NewReader(model2020JSON))
	if err != nil {
		return nil, err
	}
	var eras [2]*ranking.Standing
	for k, spec := range []*indicator.RankingSpec{model.Ranking, m2020.Ranking} {
		u, err := ranking.UnitsOf(res, syn.table, spec)
		if err != nil {
			return nil, err
		}
		if eras[k], err = ranking.Classify(u, spec); err != nil {
			return nil, err
		}
	}
	st, st20 := eras[0], eras[1]
	// The voting-group weights are reconstructed: how much do the ranks
	// depend on them? Each replication multiplies every group weight by a
	// factor in [0.75, 1.25] (ranking.MonteCarlo on the prepared plan),
	// within each category.
	socialGroup := -1
	for i, gi := range plan.Groups() {
		if gi.ID == "social" {
			socialGroup = i
		}
	}
	lo, hi := make([]float64, len(res.Units)), make([]float64, len(res.Units))
	for _, lt := range st.Tables {
		sub, err := subTable(syn.table, lt.Units)
		if err != nil {
			return nil, err
		}
		dist, err := ranking.MonteCarlo(ctx, plan, sub, []ranking.Factor{
			{Name: "voting-group weights ±25%", Kind: ranking.FactorWeights, Groups: []int{socialGroup}, Amount: 0.25},
		}, ranking.Settings{Replications: o.reps, Seed: o.seed, Ranking: grading.Ranking, Level: 0.90})
		if err != nil {
			return nil, err
		}
		for j, u := range lt.Units {
			lo[u], hi[u] = dist.Lo[j], dist.Hi[j]
		}
	}
	social, _ := res.Node("social")
	target, _ := res.Node("target")
	lead, _ := res.Node("leadership")
	root := &res.Nodes[0]
	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Voters: syn.voters, Answers: syn.answers,
		Overall: syn.overall, Top: syn.top}
	for _, lt := range st.Tables {
		rep.Tables = append(rep.Tables, table{Category: lt.Category, Units: len(lt.Units)})
		for _, u := range lt.Units {
			rep.Units = append(rep.Units, row{
				Rank: st.Rank[u], Category: st.Category[u], Unit: res.Units[u], Gloss: units[u].gloss,
				Social: social.Contribution[u], SocialSE: float64(social.LocalWeight * social.SE[u]),
				Target: target.Contribution[u], Leadership: lead.Contribution[u],
				Bonus: root.Adjustment[u], Total: res.Score[u],
				Designation: strings.Join(st.Designations[u], ","), Pass: st.Grade[u],
				Band: st20.Grade[u], Promoted: st20.Promoted[u], Note2020: strings.Join(st20.Notes[u], "; "),
				Vetoed: res.Vetoed[u], Bottom: st.BottomK[u], Rate: syn.rate[u],
				Lo: lo[u], Hi: hi[u],
			})
		}
	}
	rep.plan, rep.table = plan, syn.table
	return rep, nil
}

// subTable returns the rows idx of t (its numeric columns).
func subTable(t *indicator.Table, idx []int) (*indicator.Table, error) {
	ids := t.Units()
	cols := t.Columns()
	var units []string
	data := make([][]float64, len(idx))
	for j, u := range idx {
		units = append(units, ids[u])
		data[j] = make([]float64, len(cols))
		for c := range cols {
			data[j][c] = t.Value(u, c)
		}
	}
	return indicator.NewTable(units, cols, data)
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
		cw.Write([]string{"category", "rank", "unit", "gloss", "social", "social_se", "target", "leadership", "bonus", "total", "designation_2005", "pass_2005", "band_2020", "promoted_2020", "vetoed", "bottom", "satisfaction_rate_pct", "rank_lo", "rank_hi", "synthetic_data"})
		for _, r := range rep.Units {
			cw.Write([]string{r.Category, excli.F(r.Rank, 0), r.Unit, r.Gloss, excli.F(r.Social, 3), excli.F(r.SocialSE, 3), excli.F(r.Target, 3), excli.F(r.Leadership, 3),
				excli.F(r.Bonus, 2), excli.F(r.Total, 3), r.Designation, r.Pass, r.Band, strconv.FormatBool(r.Promoted), strconv.FormatBool(r.Vetoed), strconv.FormatBool(r.Bottom), excli.F(r.Rate, 2), excli.F(r.Lo, 0), excli.F(r.Hi, 0), "true"})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): %d voters in nine groups, %d answers\n", rep.Seed, rep.Voters, rep.Answers)
	fmt.Fprintf(w, "Satisfaction rate (满意+比较满意+基本满意) %.3f%%, 满意 alone %.3f%%  (published: 95.144%% in 2005; 94.659%% and 27.832%% in 2010)\n\n", rep.Overall, rep.Top)
	cat := ""
	for _, r := range rep.Units {
		if r.Category != cat {
			cat = r.Category
			n := 0
			for _, t := range rep.Tables {
				if t.Category == cat {
					n = t.Units
				}
			}
			fmt.Fprintf(w, "%s (%d units, ranked apart)\n", cat, n)
			fmt.Fprintf(w, "%4s  %s %-22s %12s %6s %6s %6s %7s %6s  %s %s %s %s\n", "rank", excli.Pad("unit", 14), "", "social ±se", "target", "leader", "bonus", "total", "w±25%",
				excli.Pad("2005–2010", 10), excli.Pad("pass", 6), excli.Pad("2020", 6), "note")
			fmt.Fprintf(w, "%4s  %s %-22s %12s %6s %6s %6s %7s\n", "", excli.Pad("", 14), "", "(of 50)", "(45)", "(5)", "", "(100)")
		}
		var notes []string
		if r.Vetoed {
			notes = append(notes, "一票否决 vetoed, ranked last")
		}
		if r.Note2020 != "" {
			notes = append(notes, "2020 "+r.Note2020)
		}
		if r.Bottom {
			notes = append(notes, "bottom, named publicly")
		}
		gloss := r.Gloss
		if len(gloss) > 22 {
			gloss = gloss[:21] + "."
		}
		fmt.Fprintf(w, "%4.0f  %s %-22s %6.2f ±%4.2f %6.2f %6.2f %+6.2f %7.2f %6s  %s %s %s %s\n", r.Rank, excli.Pad(r.Unit, 14), gloss,
			r.Social, r.SocialSE, r.Target, r.Leadership, r.Bonus, r.Total, fmt.Sprintf("%.0f–%.0f", r.Lo, r.Hi),
			excli.Pad(r.Designation, 10), excli.Pad(r.Pass, 6), excli.Pad(r.Band, 6), strings.Join(notes, "; "))
		last := len(rep.Units) > 0 && r.Unit == rep.Units[len(rep.Units)-1].Unit
		if !last {
			for k, next := range rep.Units {
				if next.Unit == r.Unit && rep.Units[k+1].Category != cat {
					fmt.Fprintln(w)
				}
			}
		}
	}
	for _, t := range rep.Tables {
		counts := map[string]int{}
		for _, r := range rep.Units {
			if r.Category == t.Category {
				counts[r.Designation]++
				counts[r.Band]++
			}
		}
		fmt.Fprintf(w, "\n%s: 2005–2010 满意单位 %d, 先进单位 %d, 不满意单位 %d; 2020 优秀 %d, 良好 %d, 达标 %d, 不达标 %d.",
			t.Category, counts["满意单位"], counts["先进单位"], counts["不满意单位"], counts["优秀"], counts["良好"], counts["达标"], counts["不达标"])
	}
	fmt.Fprintf(w, "\n\n2005–2010 (model.json): 满意单位 the top ten municipal units at or above the pass line of 82, 先进单位 the next fifteen,\n"+
		"不满意单位 any unit below 82 or vetoed; pass: 合格 at 82 points or more. 2020 (model_2020.json): bands with quotas per\n"+
		"category (优秀 ≤ 23%% of municipal and ≤ 20%% of dual-managed units), 专项晋优 moves a flagged unit up one band within the quota.\n"+
		"A vetoed unit ranks last in its category, 不合格 / 不达标 whatever its score.\n")
	fmt.Fprintf(w, "social ±se: social evaluation points with the standard error from the voters' sampling variability;\n"+
		"the survey package's combination of the voting groups (GroupWeights) gives the same values for every unit.\n"+
		"w±25%%: 90%% range of the rank within the category when the (reconstructed) voting-group weights vary by ±25%%\n"+
		"(by score: a vetoed unit's range is that of its score).\n")
	return nil
}
