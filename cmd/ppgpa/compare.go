package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"
	"math"
	"strconv"

	"github.com/ppgpa/ppgpa/ranking"
)

// agreement measures how far two rankings of the same units agree.
type agreement struct {
	N int `json:"n"`
	// TauB and TauP are Kendall's tau-b and its two-sided p-value
	// (ranking.Kendall, scipy's automatic method); null when undefined
	// (fewer than two units or a constant ranking).
	TauB jnum `json:"kendall_tau_b"`
	TauP jnum `json:"kendall_p"`
	// Rho and RhoP are Spearman's rho and its two-sided p-value.
	Rho  jnum `json:"spearman_rho"`
	RhoP jnum `json:"spearman_p"`
	// MeanAbsShift is (1/n) sum_i |b_i - a_i|.
	MeanAbsShift jnum `json:"mean_abs_shift"`
	// K and TopK are the top-k overlap |A ∩ B| / max(|A|, |B|) of the
	// units ranked k or better; omitted when k is 0.
	K    int   `json:"k,omitempty"`
	TopK *jnum `json:"top_k_overlap,omitempty"`
}

// compareRanks compares the rankings a and b of the same units (k > 0:
// with the top-k overlap). Statistics that are undefined for the input
// (a constant ranking, too few units) are NaN.
func compareRanks(a, b []float64, k int) agreement {
	nan := jnum(math.NaN())
	ag := agreement{N: len(a), TauB: nan, TauP: nan, Rho: nan, RhoP: nan, MeanAbsShift: jnum(ranking.MeanAbsShift(a, b))}
	if kr, err := ranking.Kendall(a, b, ranking.KendallOptions{}); err == nil {
		ag.TauB, ag.TauP = jnum(kr.Tau), jnum(kr.P)
	}
	if len(a) >= 3 {
		if sr, err := ranking.Spearman(a, b); err == nil {
			ag.Rho, ag.RhoP = jnum(sr.Rho), jnum(sr.P)
		}
	}
	if k > 0 && len(a) > 0 {
		ag.K = k
		ag.TopK = ptr(ranking.TopKOverlap(a, b, k))
	}
	return ag
}

// pEps is the smallest p-value written as a number: a smaller one,
// or one that underflows to 0, reads "p < 0.0001", as R's
// format.pval(p, digits = 4, eps = 1e-4) writes it ("< 1e-04"; a p-value
// equal to eps is written as it is). A table cannot show a p-value below
// the resolution of its method, and "p = 0" would claim an impossible
// certainty. CSV and JSON keep the computed number.
const pEps = 1e-4

// pval formats a p-value after the letter p, in l: "= 0.00238" (four
// significant digits, as format.pval(digits = 4)), "< 0.0001" below pEps,
// "= —" (English "= NA") when it cannot be computed.
func pval(l report.Lang, p float64) string {
	switch {
	case math.IsNaN(p):
		return "= " + missingMark(l)
	case p < pEps:
		return "< " + strconv.FormatFloat(pEps, 'f', -1, 64)
	}
	return "= " + strconv.FormatFloat(p, 'g', 4, 64)
}

func compareCommand() *command {
	return &command{
		name:    "compare",
		args:    "A B",
		summary: "compare two rankings of the same units: Kendall's tau-b, Spearman's rho, rank shifts, top-k overlap",
		long:    true,
		example: `A and B are CSV files in the format verify reads as PUBLISHED: a header row,
the unit ids in the column "unit" (or "id", "单位", "地区"; otherwise the
first), and a "rank" ("排名", "名次") or "score" ("得分") column. Without
a rank column the scores are ranked, highest first (-lower: lowest first),
ties averaged. Only units in both files are compared; the others are
listed. The output gives Kendall's tau-b and Spearman's rho with their
two-sided p-values (as scipy.stats.kendalltau and spearmanr; the table
writes one below 0.0001 as "p < 0.0001", as R's format.pval with
eps = 1e-4 does, the JSON gives the number), the mean absolute rank
shift, the overlap of the top -k sets, and each unit's shift (rank in B
minus rank in A: positive means it lost places). The CSV output holds
the per-unit shifts only.

` + tableLangHelp + `

Examples:
  ppgpa compare ranking2024.csv ranking2025.csv
  ppgpa compare -k 5 -format json published.csv recomputed.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var o output
			var f format
			var k int
			var lower bool
			o.register(fs)
			(&inputFlags{}).registerReading(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown")
			fs.IntVar(&k, "k", 3, "size of the top-k sets compared (capped at the number of units)")
			fs.BoolVar(&lower, "lower", false, "rank scores lowest first (for files without a rank column)")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := nargs(args, "A", "B"); err != nil {
					return err
				}
				if k < 1 {
					return usagef("-k must be at least 1")
				}
				opt := ranking.Options{}
				if lower {
					opt.Direction = ranking.LowerFirst
				}
				e.prog.steps("compare", compareSteps...)
				var sides [2]sideRanks
				for s, name := range args {
					b, err := e.readTabular(name)
					if err != nil {
						return err
					}
					if sides[s], err = readRanks(displayName(name), b, opt); err != nil {
						return err
					}
					if err := ctx.Err(); err != nil {
						return err
					}
					e.prog.stepDone(stepRead)
				}
				c := matchRanks(sides[0], sides[1])
				c.lang = *lang
				if len(c.units) < 2 {
					return fmt.Errorf("%s and %s: %d unit(s) in common, want at least 2", displayName(args[0]), displayName(args[1]), len(c.units))
				}
				c.names = [2]string{displayName(args[0]), displayName(args[1])}
				c.ag = compareRanks(c.a, c.b, min(k, len(c.units)))
				if err := ctx.Err(); err != nil {
					return err
				}
				e.prog.stepDone(stepCompare)
				return o.emit(e, f.name, func() any { return c.json() }, c.writeCSV, c.writeTable)
			}
		},
	}
}

// sideRanks is one ranking read by compare.
type sideRanks struct {
	units []string
	ranks []float64
}

// readRanks reads a ranking file: its rank column, or its scores ranked
// under opt.
func readRanks(file string, b []byte, opt ranking.Options) (sideRanks, error) {
	pub, err := readPublishedCSV(file, b, nil, nil)
	if err != nil {
		return sideRanks{}, err
	}
	var r sideRanks
	switch {
	case len(pub.Ranks) > 0:
		for _, p := range pub.Ranks {
			k, _, _ := ranking.ParseRank(p.Rank)
			r.units, r.ranks = append(r.units, p.Unit), append(r.ranks, float64(k))
		}
	case len(pub.Scores) > 0:
		var scores []float64
		for _, p := range pub.Scores {
			v, _ := strconv.ParseFloat(p.Score, 64)
			r.units, scores = append(r.units, p.Unit), append(scores, v)
		}
		if r.ranks, err = ranking.Rank(scores, r.units, opt); err != nil {
			return r, fmt.Errorf("%s: %v", file, err)
		}
	default:
		return r, fmt.Errorf("%s: line 1: no rank or score column", file)
	}
	return r, nil
}

// comparison is the result of compare.
type comparison struct {
	lang         report.Lang // -lang: the language of the table and Markdown
	names        [2]string
	units        []string // in both, in A's rank order
	a, b         []float64
	onlyA, onlyB []string
	ag           agreement
}

func matchRanks(a, b sideRanks) *comparison {
	c := &comparison{}
	ib := make(map[string]int, len(b.units))
	for j, u := range b.units {
		ib[u] = j
	}
	seen := map[string]bool{}
	var units []string
	var ra, rb []float64
	for i, u := range a.units {
		j, ok := ib[u]
		if !ok {
			c.onlyA = append(c.onlyA, u)
			continue
		}
		seen[u] = true
		units, ra, rb = append(units, u), append(ra, a.ranks[i]), append(rb, b.ranks[j])
	}
	for _, u := range b.units {
		if !seen[u] {
			c.onlyB = append(c.onlyB, u)
		}
	}
	for _, i := range rankOrder(ra) {
		c.units, c.a, c.b = append(c.units, units[i]), append(c.a, ra[i]), append(c.b, rb[i])
	}
	return c
}

// shift formats a rank shift with its sign.
func shift(d float64) string {
	if d > 0 {
		return "+" + rankStr(d)
	}
	return rankStr(d)
}

// The texts of compare's table.
var (
	cmpUnits = report.Text{ZH: "A：%[1]s\nB：%[2]s\n比较的单位：%[3]d个", EN: "A: %[1]s\nB: %[2]s\nunits compared: %[3]d"}
	cmpOnlyA = report.Text{ZH: "仅在A中：%s", EN: "only in A: %s"}
	cmpOnlyB = report.Text{ZH: "仅在B中：%s", EN: "only in B: %s"}
	cmpStats = report.Text{ZH: "Kendall τ-b：%[1]s（p %[2]s）\nSpearman ρ：%[3]s（p %[4]s）\n平均名次变动：%[5]s位\n前%[6]d名重合度：%[7]s",
		EN: "Kendall tau-b: %[1]s (p %[2]s)\nSpearman rho: %[3]s (p %[4]s)\nmean absolute rank shift: %[5]s\ntop-%[6]d overlap: %[7]s"}
	// cmpNoCorr says why a coefficient is missing (compareRanks).
	cmpNoCorr = report.Text{ZH: "无法计算（比较的单位少于3个，或有一方的名次全部相同）"}
	cmpHead   = []report.Text{{ZH: "单位", EN: "unit"}, {ZH: "A排名", EN: "rank A"}, {ZH: "B排名", EN: "rank B"}, {ZH: "名次变动", EN: "shift"}}
)

func (c *comparison) writeTable(w io.Writer, md bool) {
	a, l := c.ag, c.lang
	fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string {
		return tr(l, cmpUnits, fileIn(l, c.names[0]), fileIn(l, c.names[1]), a.N)
	}))
	if len(c.onlyA) > 0 {
		fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string { return tr(l, cmpOnlyA, joinList(l, c.onlyA)) }))
	}
	if len(c.onlyB) > 0 {
		fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string { return tr(l, cmpOnlyB, joinList(l, c.onlyB)) }))
	}
	fmt.Fprintf(w, "\n%s\n", inEach(l, "\n", func(l report.Lang) string {
		return tr(l, cmpStats, shownIn(l, fixed(float64(a.TauB), 4)), pval(l, float64(a.TauP)), shownIn(l, fixed(float64(a.Rho), 4)), pval(l, float64(a.RhoP)),
			shownIn(l, fixed(float64(a.MeanAbsShift), 4)), a.K, shownIn(l, fixed(float64(*a.TopK), 4)))
	}))
	if l != report.English && (math.IsNaN(float64(a.TauB)) || math.IsNaN(float64(a.Rho))) {
		fmt.Fprintf(w, "%s\n", tr(report.Chinese, tMissing, missingMark(l), tr(report.Chinese, cmpNoCorr)))
	}
	fmt.Fprintln(w)
	t := newTable(heads(l, cmpHead...)...).right(1, 2, 3).in(l)
	d := ranking.Shift(c.a, c.b)
	for i, u := range c.units {
		t.add(u, rankStr(c.a[i]), rankStr(c.b[i]), shift(d[i]))
	}
	if md {
		t.markdown(w)
	} else {
		t.write(w)
	}
}

func (c *comparison) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"unit", "rank_a", "rank_b", "shift"})
	d := ranking.Shift(c.a, c.b)
	for i, u := range c.units {
		cw.Write([]string{u, rankStr(c.a[i]), rankStr(c.b[i]), rankStr(d[i])})
	}
	cw.Flush()
	return cw.Error()
}

type jsonShift struct {
	Unit  string `json:"unit"`
	RankA jnum   `json:"rank_a"`
	RankB jnum   `json:"rank_b"`
	Shift jnum   `json:"shift"`
}

type jsonComparison struct {
	A     string   `json:"a"`
	B     string   `json:"b"`
	OnlyA []string `json:"only_in_a"`
	OnlyB []string `json:"only_in_b"`
	agreement
	Units []jsonShift `json:"units"`
}

func (c *comparison) json() jsonComparison {
	out := jsonComparison{A: c.names[0], B: c.names[1], OnlyA: c.onlyA, OnlyB: c.onlyB, agreement: c.ag, Units: []jsonShift{}}
	if out.OnlyA == nil {
		out.OnlyA = []string{}
	}
	if out.OnlyB == nil {
		out.OnlyB = []string{}
	}
	d := ranking.Shift(c.a, c.b)
	for i, u := range c.units {
		out.Units = append(out.Units, jsonShift{u, jnum(c.a[i]), jnum(c.b[i]), jnum(d[i])})
	}
	return out
}
