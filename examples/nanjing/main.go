// Command nanjing runs Nanjing's 万人评议机关 ("ten thousand people
// appraise government organs") on synthetic data: 84 municipal organs
// ranked on residents' satisfaction alone, the survey weighted to the
// population by raking, bootstrap rank intervals, the five lowest flagged,
// and a test of whether the two last places are statistically
// distinguishable from the next ones.
//
//	go run ./examples/nanjing
//	go run ./examples/nanjing -format csv -reps 2000
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

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"gonum.org/v1/gonum/mat"
)

//go:embed model.json
var modelJSON []byte

// description is the report's description under its title, in Chinese.
const description = "南京市“万人评议机关”示例（模拟数据）：84个机关仅按群众满意度排名，调查结果按人口结构加权，排在末五位的机关予以标注。"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format     string
	seed       uint64
	forms      int
	reps       int
	unweighted bool
}

// run parses args, runs the assessment and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("nanjing", "Nanjing 万人评议机关: municipal organs ranked on satisfaction, synthetic data.", stderr)
	var o options
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, json, or html for the published report (in Chinese)")
	fs.Uint64Var(&o.seed, "seed", 2002, "seed of the synthetic data, the bootstrap and the confidence sets")
	fs.IntVar(&o.forms, "forms", 11904, "forms issued (2002: 11,904; 97.79% are returned)")
	fs.IntVar(&o.reps, "reps", 1000, "bootstrap replications")
	fs.BoolVar(&o.unweighted, "unweighted", false, "rank on the unweighted answers instead of the raked ones")
	valid := func() bool {
		return (excli.TableFormat(o.format) || o.format == "html") && o.forms >= 200 && o.reps >= 100
	}
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html, -forms at least 200, -reps at least 100 and no arguments"); !ok {
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

// report is the result, units in rank order.
type report struct {
	// plan and table give the published report (-format html).
	plan      *indicator.Plan
	table     *indicator.Table
	Model     string `json:"model"`
	Synthetic bool   `json:"synthetic_data"`
	Seed      uint64 `json:"seed"`
	Forms     int    `json:"forms"`
	Returned  int    `json:"returned"`
	Weighted  bool   `json:"weighted"`
	// RawShares are the overall unweighted shares of 不满意, 比较满意 and
	// 满意 (published 2002: 1.18, 61.13, 37.69).
	RawShares []float64 `json:"raw_shares_pct"`
	// Kish is Kish's design effect of the raked weights; Sweeps the
	// raking sweeps.
	Kish   float64 `json:"kish_deff"`
	Sweeps int     `json:"raking_sweeps"`
	// Tau is Kendall's tau between the weighted and unweighted rankings.
	Tau  float64 `json:"kendall_tau_weighted_unweighted"`
	Reps int     `json:"bootstrap_replications"`
	// Draws is the number of draws behind the confidence sets' critical
	// values.
	Draws int   `json:"confidence_set_draws"`
	Units []row `json:"units"`
	// LastTwo are the two lowest-ranked units and BottomSet the units that
	// may be among the two worst (95% confidence set).
	LastTwo       []string `json:"last_two"`
	BottomSet     []string `json:"bottom_two_confidence_set"`
	Distinguished bool     `json:"last_two_distinguishable"`
}

// row is one unit's result. Shares are the (weighted) shares of 不满意,
// 比较满意 and 满意 (%), Rate the satisfaction rate and SE its standard
// error; Raw and RawRank the unweighted rate and its rank; BootLo and
// BootHi the 90% bootstrap rank interval; SetLo and SetHi the 95%
// confidence set for the rank.
type row struct {
	Rank     float64   `json:"rank"`
	Unit     string    `json:"unit"`
	Gloss    string    `json:"gloss"`
	Shares   []float64 `json:"shares_pct"`
	Rate     float64   `json:"satisfaction_pct"`
	SE       float64   `json:"se"`
	Raw      float64   `json:"unweighted_pct"`
	RawRank  float64   `json:"unweighted_rank"`
	BootLo   float64   `json:"bootstrap_lo"`
	BootHi   float64   `json:"bootstrap_hi"`
	PBottom5 float64   `json:"p_bottom5"`
	SetLo    int       `json:"confidence_set_lo"`
	SetHi    int       `json:"confidence_set_hi"`
	Named    bool      `json:"bottom5_named"`
	MayBe    bool      `json:"may_be_bottom2"`
}

// assess simulates and weights the survey, scores and ranks the units and
// measures how sure the ranking is.
func assess(ctx context.Context, o options) (*report, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	sv, err := simulate(ctx, o.forms, o.seed)
	if err != nil {
		return nil, err
	}
	n := len(units)
	ids := make([]string, n)
	data := make([][]float64, n)
	raw := make([]float64, n)
	for u, r := range sv.units {
		ids[u] = units[u].name
		raw[u] = r.Raw
		if o.unweighted {
			p := r.Raw / 100
			data[u] = []float64{r.Raw, 100 * math.Sqrt(p*(1-p)/float64(sv.returned))}
		} else {
			data[u] = []float64{r.Rate, r.SE}
		}
	}
	table, err := indicator.NewTable(ids, []string{"satisfaction", "satisfaction_se"}, data)
	if err != nil {
		return nil, err
	}
	res, err := plan.Evaluate(ctx, table)
	if err != nil {
		return nil, err
	}
	grading, err := ranking.FromSpec(model.Ranking)
	if err != nil {
		return nil, err
	}
	g, err := ranking.Grade(res.Score, nil, ids, grading)
	if err != nil {
		return nil, err
	}
	rawRank, err := ranking.Rank(raw, ids, grading.Ranking)
	if err != nil {
		return nil, err
	}
	tau, err := ranking.Kendall(res.Score, raw, ranking.KendallOptions{})
	if err != nil {
		return nil, err
	}

	// Bootstrap rank intervals from category counts: respondents are
	// resampled within each cell (group × area), whose raked weights are
	// the post-stratification weights (ranking.BootstrapStrata); without
	// weights, within each unit (ranking.BootstrapCounts).
	values := make([]float64, len(categories))
	for k, c := range categories {
		if c.satisfied {
			values[k] = 100
		}
	}
	settings := ranking.Settings{Replications: o.reps, Seed: o.seed, Ranking: grading.Ranking, Level: 0.90, BottomK: 5}
	var dist *ranking.Distribution
	if o.unweighted {
		pooled := make([][]int, n)
		for u, cells := range sv.counts {
			pooled[u] = make([]int, len(categories))
			for _, c := range cells {
				for k, x := range c {
					pooled[u][k] += x
				}
			}
		}
		dist, err = ranking.BootstrapCounts(ctx, pooled, values, ids, settings)
	} else {
		weights := make([][]float64, n)
		for u := range weights {
			weights[u] = sv.cellWeights
		}
		dist, err = ranking.BootstrapStrata(ctx, sv.counts, weights, values, ids, settings)
	}
	if err != nil {
		return nil, err
	}
	for u := range ids {
		if dist.Nominal[u] != g.Rank[u] {
			return nil, fmt.Errorf("unit %s: bootstrap's nominal rank %v differs from the rank %v of the estimate", ids[u], dist.Nominal[u], g.Rank[u])
		}
	}

	// Confidence sets for the ranks (Mogstad et al.) from the covariance
	// of the units' rates: the same respondents rate every unit, so the
	// rates are correlated (survey.Design.MeanCov on the raked design).
	// Without weights, the units' unweighted rates are treated as
	// independent binomial proportions.
	var cov mat.Symmetric = sv.cov
	if o.unweighted {
		variances := make([]float64, n)
		for u := range variances {
			variances[u] = res.SE[u] * res.SE[u]
		}
		cov = mat.NewDiagDense(n, variances)
	}
	cs := ranking.ConfidenceSettings{Seed: o.seed}
	conf, err := ranking.RankConfidence(ctx, res.Score, cov, cs)
	if err != nil {
		return nil, err
	}
	bottom, err := ranking.BottomSet(ctx, res.Score, cov, 2, cs)
	if err != nil {
		return nil, err
	}

	rep := &report{Model: model.Name, Synthetic: true, Seed: o.seed, Forms: sv.forms, Returned: sv.returned,
		Weighted: !o.unweighted, RawShares: sv.raw, Kish: sv.kish.Deff, Sweeps: sv.rake.Iterations, Tau: tau.Tau, Reps: o.reps, Draws: conf.Draws}
	for u := range ids {
		shares := sv.units[u].Shares
		if o.unweighted {
			shares = sv.units[u].RawShares
		}
		rep.Units = append(rep.Units, row{Rank: g.Rank[u], Unit: ids[u], Gloss: units[u].gloss, Shares: shares,
			Rate: res.Score[u], SE: res.SE[u], Raw: raw[u], RawRank: rawRank[u],
			BootLo: dist.Lo[u], BootHi: dist.Hi[u], PBottom5: dist.PBottom[u],
			SetLo: conf.Marginal[u].Lo, SetHi: conf.Marginal[u].Hi, Named: g.BottomK[u], MayBe: bottom[u]})
	}
	sort.SliceStable(rep.Units, func(a, b int) bool { return rep.Units[a].Rank < rep.Units[b].Rank })
	for _, r := range rep.Units[n-2:] {
		rep.LastTwo = append(rep.LastTwo, r.Unit)
	}
	for _, r := range rep.Units {
		if r.MayBe {
			rep.BottomSet = append(rep.BottomSet, r.Unit)
		}
	}
	rep.Distinguished = len(rep.BottomSet) == 2 && rep.Units[n-1].MayBe && rep.Units[n-2].MayBe
	rep.plan, rep.table = plan, table
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
		cw.Write([]string{"rank", "unit", "gloss", "dissatisfied_pct", "fairly_pct", "satisfied_pct", "satisfaction_pct", "se",
			"unweighted_pct", "unweighted_rank", "bootstrap_lo", "bootstrap_hi", "p_bottom5", "set_lo", "set_hi", "bottom5_named", "may_be_bottom2", "synthetic_data"})
		for _, r := range rep.Units {
			cw.Write([]string{excli.F(r.Rank, 0), r.Unit, r.Gloss, excli.F(r.Shares[0], 3), excli.F(r.Shares[1], 3), excli.F(r.Shares[2], 3), excli.F(r.Rate, 3), excli.F(r.SE, 3),
				excli.F(r.Raw, 3), excli.F(r.RawRank, 0), excli.F(r.BootLo, 0), excli.F(r.BootHi, 0), excli.F(r.PBottom5, 3), strconv.Itoa(r.SetLo), strconv.Itoa(r.SetHi),
				strconv.FormatBool(r.Named), strconv.FormatBool(r.MayBe), "true"})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA (seed %d): %d forms issued, %d returned; every respondent rates all %d organs.\n",
		rep.Seed, rep.Forms, rep.Returned, len(rep.Units))
	fmt.Fprintf(w, "Unweighted answers: 满意 %.2f%%, 比较满意 %.2f%%, 不满意 %.2f%%  (published 2002: 37.69%%, 61.13%%, 1.18%%)\n",
		rep.RawShares[2], rep.RawShares[1], rep.RawShares[0])
	if rep.Weighted {
		fmt.Fprintf(w, "Weights raked to the population by evaluator group and area (%d sweeps; Kish deff %.2f).\n", rep.Sweeps, rep.Kish)
		fmt.Fprintf(w, "Kendall tau between the weighted and unweighted rankings: %.3f\n", rep.Tau)
	} else {
		fmt.Fprintf(w, "Unweighted ranking (-unweighted).\n")
	}
	fmt.Fprintf(w, "\nSatisfaction = 满意 + 比较满意 (%%). boot: 90%% bootstrap rank interval (%d replications); set: 95%% confidence set for the rank (%d draws).\n\n", rep.Reps, rep.Draws)
	fmt.Fprintf(w, "%4s  %s %-26s %s %s %s %13s %5s %9s %9s %6s  %s\n", "rank", excli.Pad("unit", 18), "", excli.PadLeft("满意", 6), excli.PadLeft("比较满意", 8),
		excli.PadLeft("不满意", 6), "satisf. ±se", "unw.", "boot", "set", "P(b5)", "note")
	for _, r := range rep.Units {
		var notes []string
		if r.Named {
			notes = append(notes, "bottom five, named")
		}
		if r.MayBe {
			notes = append(notes, "may be among the two worst")
		}
		gloss := r.Gloss
		if len(gloss) > 26 {
			gloss = gloss[:25] + "."
		}
		fmt.Fprintf(w, "%4.0f  %s %-26s %6.2f %8.2f %6.2f %7.2f ±%4.2f %5.0f %9s %9s %6.3f  %s\n", r.Rank, excli.Pad(r.Unit, 18), gloss,
			r.Shares[2], r.Shares[1], r.Shares[0], r.Rate, r.SE, r.RawRank,
			fmt.Sprintf("%.0f–%.0f", r.BootLo, r.BootHi), fmt.Sprintf("%d–%d", r.SetLo, r.SetHi), r.PBottom5, strings.Join(notes, "; "))
	}
	fmt.Fprintf(w, "\nThe five lowest are named publicly; in the first round the heads of the two last organs left their posts [NJ1].\n")
	if rep.Distinguished {
		fmt.Fprintf(w, "The last two places (%s) are statistically distinguishable: at 95%% confidence no other organ can be among the two worst.\n",
			strings.Join(rep.LastTwo, ", "))
	} else {
		var others []string
		for _, u := range rep.BottomSet {
			if u != rep.LastTwo[0] && u != rep.LastTwo[1] {
				others = append(others, u)
			}
		}
		fmt.Fprintf(w, "The last two places (%s) are NOT statistically distinguishable from the next ones: at 95%% confidence the two worst\n"+
			"organs may also include %s (%d organs in the set).\n", strings.Join(rep.LastTwo, ", "), strings.Join(others, ", "), len(rep.BottomSet))
	}
	return nil
}
