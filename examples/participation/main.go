// Command participation runs an illustrative reconstruction of the
// comprehensive assessment of the level of public participation in
// government performance management: 15 localities scored on breadth,
// depth, channels, influence and disclosure of participation with a
// national standard tree, per-city adaptations of that tree (overlays), an
// uncertainty analysis of the ranks, and comments and recommendations for
// every locality (ranking/report).
//
//	go run ./examples/participation                   # league table and comments
//	go run ./examples/participation -format markdown  # the full report (or -format html > report.html)
//	go run ./examples/participation -format data > participation.csv
//	ppgpa report examples/participation/model.json participation.csv
//
// The standard tree is model.json, the per-city overlays overlay_*.json.
// Eight localities are coded from the documented facts (localities.csv);
// seven comparison cities are synthetic, drawn from the seed (data.go).
// No published source defines this assessment: see README.md.
package main

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

var (
	//go:embed model.json
	modelJSON []byte
	//go:embed localities.csv
	localitiesCSV []byte
	//go:embed overlay_*.json
	overlayFS embed.FS
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line settings.
type options struct {
	format string
	seed   uint64
	reps   int
}

// formats are the output formats.
var formats = []string{"table", "csv", "json", "markdown", "html", "data"}

// run parses args, runs the assessment and writes it to stdout. It returns
// the exit code: 0 on success (and for -h), 2 for bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := excli.Flags("participation", "Illustrative assessment of the level of public participation in government performance management (a reconstruction).", stderr)
	var o options
	fl.StringVar(&o.format, "format", "table", "output format: table, csv, json, markdown or html (the full report), or data (the input table as CSV, for ppgpa report)")
	fl.Uint64Var(&o.seed, "seed", 2012, "seed of the synthetic comparison cities and of the Monte Carlo analysis")
	fl.IntVar(&o.reps, "reps", 300, "Monte Carlo replications of the uncertainty analysis")
	valid := func() bool { return slices.Contains(formats, o.format) && o.reps >= 50 }
	if code, ok := excli.Parse(fl, args, stdout, valid, fmt.Sprintf("want -format %s, -reps at least 50 and no arguments", strings.Join(formats, ", "))); !ok {
		return code
	}
	if o.format == "data" {
		t, _, err := table(localitiesCSV, o.seed)
		if err == nil {
			err = t.WriteCSV(stdout)
		}
		if err != nil {
			fmt.Fprintf(stderr, "participation: %v\n", err)
			return 1
		}
		return 0
	}
	rep, err := assess(ctx, o)
	if err == nil {
		err = write(stdout, o.format, rep)
	}
	return excli.Exit(fl, err)
}

// dims are the ids of the five dimensions, in model order.
var dims = []string{"breadth", "depth", "channels", "influence", "disclosure"}

// result is the result of the assessment, in rank order.
type result struct {
	Model        string        `json:"model"`
	Illustrative bool          `json:"illustrative_reconstruction"`
	Seed         uint64        `json:"seed"`
	Replications int           `json:"replications"`
	Factors      []string      `json:"uncertainty_factors"`
	MeanShift    float64       `json:"mean_abs_rank_shift"`
	Indicators   int           `json:"indicators"`
	Units        []row         `json:"units"`
	Adaptations  []adaptRow    `json:"local_adaptations"`
	Input        *report.Input `json:"-"`
}

// row is one locality's result and comments.
type row struct {
	Rank      float64   `json:"rank"`
	Unit      string    `json:"unit"`
	Gloss     string    `json:"gloss"`
	Synthetic bool      `json:"synthetic_data"`
	Dims      []float64 `json:"dimensions"`
	Score     float64   `json:"score"`
	Lo        float64   `json:"rank_lo"`
	Hi        float64   `json:"rank_hi"`
	Grade     string    `json:"grade"`
	Imputed   int       `json:"imputed"`
	Comment   string    `json:"comment"`
}

// adaptRow compares a locality's rank under the standard tree and under
// its own overlay.
type adaptRow struct {
	Unit      string  `json:"unit"`
	Overlay   string  `json:"overlay"`
	Rank      float64 `json:"rank_standard"`
	LocalRank float64 `json:"rank_own_overlay"`
	Score     float64 `json:"score_standard"`
	Local     float64 `json:"score_own_overlay"`
}

// assess scores the localities, runs the report's analysis and the
// per-city overlays.
func assess(ctx context.Context, o options) (*result, error) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return nil, err
	}
	t, synthetic, err := table(localitiesCSV, o.seed)
	if err != nil {
		return nil, err
	}
	res, err := plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}

	// Uncertainty: the report's default factors (weights ±25% per level,
	// leaving one indicator out) and the treatment of facts that are not
	// documented: median (nominal), mean, or scored as absent (0).
	// (Leaving them out, available-case aggregation, is not possible here:
	// Fujian has one documented fact, and the factor that leaves one
	// indicator out would leave it none.)
	var alts []*indicator.Model
	for _, imp := range []indicator.Imputation{{Method: indicator.ImputeMean}, {Method: indicator.ImputeValue, Value: 0}} {
		m := model.Clone()
		m.Root.Imputation = &imp
		alts = append(alts, m)
	}
	factors := append(report.DefaultFactors(plan), ranking.Factor{Name: "未记载事实的处理（以中位数或均值插补，或记为0分）",
		Kind: ranking.FactorModel, Models: alts})
	in, err := report.Build(ctx, plan, t, report.Settings{Factors: factors, Replications: o.reps, Seed: o.seed, Level: 0.9, Top: 2})
	if err != nil {
		return nil, err
	}

	// The report shows the model's description under its title; it says
	// which localities are synthetic, and the seed makes them reproducible.
	in.Description = fmt.Sprintf("政府绩效管理公众参与水平综合评估的示例性重构（公开文件中未见其定义）："+
		"参与广度、参与深度、参与渠道、参与影响力和绩效公开五个维度等权，每个维度两项指标，标准化上下限固定。"+
		"八个具名地区按已有文献记载的事实赋值（未记载的事实以其他地区的中位数插补），七个对照城市A—G为模拟数据（随机种子%d）。", o.seed)

	// And each synthetic city's row says so, so that a table read on its
	// own (or cut out of the report) cannot pass them off as real.
	isSynthetic := map[string]bool{}
	for u, id := range t.Units() {
		isSynthetic[id] = synthetic[u]
	}
	for k := range in.Units {
		if isSynthetic[in.Units[k].ID] {
			in.Units[k].Note = fmt.Sprintf("模拟数据（随机种子%d）", o.seed)
		}
	}

	out := &result{Model: model.Name, Illustrative: true, Seed: o.seed, Replications: o.reps, Indicators: len(in.Indicators), Input: in}
	if in.Uncertainty != nil {
		out.Factors, out.MeanShift = in.Uncertainty.Factors, in.Uncertainty.MeanAbsShift
	}
	index := map[string]int{}
	for u, id := range res.Units {
		index[id] = u
	}
	for _, un := range in.Units {
		u := index[un.ID]
		r := row{Rank: un.Rank, Unit: un.ID, Gloss: gloss(un.ID), Synthetic: synthetic[u], Score: un.Score, Grade: un.Grade}
		if un.Interval != nil {
			r.Lo, r.Hi = un.Interval.Lo, un.Interval.Hi
		}
		for _, d := range dims {
			n, _ := res.Node(d)
			r.Dims = append(r.Dims, n.Scores[u])
		}
		for _, n := range res.Nodes {
			if n.Leaf && n.Imputed[u] {
				r.Imputed++
			}
		}
		r.Comment = comment(in, un, r.Imputed)
		out.Units = append(out.Units, r)
	}
	if out.Adaptations, err = adaptations(ctx, model, t, out.Units); err != nil {
		return nil, err
	}
	return out, nil
}

// comment writes the comments and recommendations for one locality from
// the report's analysis.
func comment(in *report.Input, un report.Unit, imputed int) string {
	label := func(i int) string { return in.Indicators[i].Label() }
	var parts []string
	if len(un.Strengths) > 0 {
		var s []string
		for _, f := range un.Strengths {
			s = append(s, fmt.Sprintf("%s (%d/%d)", label(f.Indicator), f.Place, f.Of))
		}
		parts = append(parts, "强项 strengths: "+strings.Join(s, "; "))
	}
	if len(un.Weaknesses) > 0 {
		var s []string
		for _, f := range un.Weaknesses {
			s = append(s, fmt.Sprintf("%s (%d/%d)", label(f.Indicator), f.Place, f.Of))
		}
		parts = append(parts, "弱项 weaknesses: "+strings.Join(s, "; "))
	}
	// The weak indicator whose peers' median gains the most places.
	best, gain := -1, 0.0
	for k, f := range un.Weaknesses {
		if g := un.Rank - f.WhatIfRank; g > gain {
			best, gain = k, g
		}
	}
	if best >= 0 {
		c := un.Weaknesses[best]
		parts = append(parts, fmt.Sprintf("建议 recommendation: raise %s from %s to the peers' median %s (+%.0f places)",
			label(c.Indicator), num(c.Raw), num(c.PeerMedian), gain))
	}
	if im := un.Improvement; im != nil && im.Places > 0 {
		parts = append(parts, fmt.Sprintf("all weak indicators at the peers' median: score %.1f, rank %.0f (%s)", im.Score, im.Rank, im.Grade))
	}
	if imputed > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d facts not documented (imputed by the median): publish them", imputed, len(in.Indicators)))
	}
	return strings.Join(parts, ". ")
}

// adaptations scores every locality under each per-city overlay and
// compares the overlay's author's rank with its standard rank.
func adaptations(ctx context.Context, base *indicator.Model, t *indicator.Table, rows []row) ([]adaptRow, error) {
	names, err := fs.Glob(overlayFS, "overlay_*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	// The overlay files are named after the locality's gloss.
	byGloss := map[string]row{}
	for _, r := range rows {
		byGloss[strings.ToLower(r.Gloss)] = r
	}
	var out []adaptRow
	for _, name := range names {
		b, err := overlayFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ov, err := indicator.DecodeOverlay(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m, err := indicator.ApplyOverlay(base, ov)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		p, err := indicator.Compile(m)
		if err != nil {
			return nil, err
		}
		res, err := p.Evaluate(ctx, t)
		if err != nil {
			return nil, err
		}
		g, err := ranking.FromSpec(m.Ranking)
		if err != nil {
			return nil, err
		}
		ranks, err := ranking.Rank(res.Score, res.Units, g.Ranking)
		if err != nil {
			return nil, err
		}
		r := byGloss[strings.TrimSuffix(strings.TrimPrefix(name, "overlay_"), ".json")]
		for u, id := range res.Units {
			if id == r.Unit {
				out = append(out, adaptRow{Unit: id, Overlay: m.Name, Rank: r.Rank, LocalRank: ranks[u], Score: r.Score, Local: res.Score[u]})
			}
		}
	}
	return out, nil
}

// write writes the result in the given format.
func write(w io.Writer, format string, res *result) error {
	switch format {
	case "markdown":
		return report.Write(w, report.Markdown, res.Input)
	case "html":
		return report.Write(w, report.HTML, res.Input)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(append(append([]string{"rank", "unit", "gloss", "synthetic_data"}, dims...), "score", "rank_lo", "rank_hi", "grade", "imputed", "comment"))
		for _, r := range res.Units {
			rec := []string{excli.F(r.Rank, 0), r.Unit, r.Gloss, strconv.FormatBool(r.Synthetic)}
			for _, d := range r.Dims {
				rec = append(rec, excli.F(d, 2))
			}
			cw.Write(append(rec, excli.F(r.Score, 2), excli.F(r.Lo, 0), excli.F(r.Hi, 0), r.Grade, strconv.Itoa(r.Imputed), r.Comment))
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", res.Model)
	fmt.Fprintf(w, "ILLUSTRATIVE RECONSTRUCTION: no published source defines this assessment. 8 localities coded from documented facts\n")
	fmt.Fprintf(w, "(localities.csv, NA = not documented); 对照城市A–G are SYNTHETIC DATA (seed %d).\n\n", res.Seed)
	fmt.Fprintf(w, "%4s  %s %-17s", "rank", excli.Pad("locality", 10), "")
	for _, h := range []string{"广度", "深度", "渠道", "影响", "公开"} {
		fmt.Fprintf(w, " %s", excli.PadLeft(h, 5))
	}
	fmt.Fprintf(w, " %6s %8s  %s %s\n", "index", "90% rank", excli.Pad("grade", 5), "imputed")
	for _, r := range res.Units {
		fmt.Fprintf(w, "%4.0f  %s %-17s", r.Rank, excli.Pad(r.Unit, 10), r.Gloss)
		for _, d := range r.Dims {
			fmt.Fprintf(w, " %5.1f", d)
		}
		fmt.Fprintf(w, " %6.1f %8s  %s %d/%d\n", r.Score, span(r.Lo, r.Hi), excli.Pad(r.Grade, 5), r.Imputed, res.Indicators)
	}
	fmt.Fprintf(w, "\nDimensions and index 0–100, equal weights. 90%% rank: central interval over %d Monte Carlo replications of\n", res.Replications)
	fmt.Fprintf(w, "%s (mean absolute rank shift %.2f).\n", strings.Join(res.Factors, "; "), res.MeanShift)

	fmt.Fprintf(w, "\nLocal adaptations of the standard tree (per-city overlays):\n")
	for _, a := range res.Adaptations {
		fmt.Fprintf(w, "  %s %s rank %.0f → %.0f under its own overlay (index %.1f → %.1f)\n", excli.Pad(a.Unit, 6), excli.Pad(a.Overlay, 40), a.Rank, a.LocalRank, a.Score, a.Local)
	}

	fmt.Fprintf(w, "\nComments and recommendations:\n")
	for _, r := range res.Units {
		fmt.Fprintf(w, "%.0f. %s (%s): %s.\n", r.Rank, r.Unit, r.Gloss, r.Comment)
	}
	return nil
}

// span formats a rank interval.
func span(lo, hi float64) string {
	if lo == hi {
		return excli.F(lo, 0)
	}
	return excli.F(lo, 0) + "–" + excli.F(hi, 0)
}

// num formats a raw value with at most two decimals.
func num(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
