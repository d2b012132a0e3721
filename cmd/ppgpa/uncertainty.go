package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// maxReplications bounds -n and -sobol-n: the analyses keep a number per
// replication, and a mistyped count should fail at once, not after
// exhausting memory.
const maxReplications = 10_000_000

// uncertaintyFlags are the model choices varied by uncertainty and
// report.
type uncertaintyFlags struct {
	n              int
	seed           uint64
	weights        float64
	perturbation   string
	exclude        bool
	aggregations   string
	normalizations string
	imputations    string
	level          float64
}

func (u *uncertaintyFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&u.n, "n", 1000, "number of Monte Carlo replications")
	fs.Uint64Var(&u.seed, "seed", 1, "random `seed` (the same seed gives the same results on every machine)")
	fs.Float64Var(&u.weights, "perturb", 0.25, "relative perturbation of the weights at each level of the tree (0.25: ±25%; 0: none)")
	fs.StringVar(&u.perturbation, "perturbation", "uniform", "how the weights are perturbed: uniform (each weight times 1 ± -perturb) or dirichlet (Dirichlet around the nominal weights, coefficient of variation -perturb for a weight of average size)")
	fs.BoolVar(&u.exclude, "exclude", true, "include leaving out one indicator (or none) as a factor")
	fs.StringVar(&u.aggregations, "aggregations", "", "comma-separated alternative aggregation `methods` for every group: arithmetic, geometric, harmonic, power:p=P, min, median, copeland, topsis, grey_relational (optional :rho=R), mpi, ampi; geometric, harmonic and power take an optional :offset=C (default 1); empty: none")
	fs.StringVar(&u.normalizations, "normalizations", "", "comma-separated alternative normalisation `methods` for every leaf (minmax, zscore, rank, percentile, ratio_mean); empty: none")
	fs.StringVar(&u.imputations, "imputations", "", "comma-separated alternative imputation `methods` for every leaf (mean, median); empty: none")
	fs.Float64Var(&u.level, "level", 0.90, "coverage of the central rank interval")
}

func (u *uncertaintyFlags) check() error {
	if u.n < 1 || u.n > maxReplications {
		return usagef("-n must be between 1 and %d", maxReplications)
	}
	if u.weights < 0 || math.IsNaN(u.weights) || math.IsInf(u.weights, 0) {
		return usagef("-perturb must be a non-negative number")
	}
	if u.perturbation != "uniform" && u.perturbation != "dirichlet" {
		return usagef("-perturbation: unknown method %q (want uniform or dirichlet)", u.perturbation)
	}
	if !(u.level > 0 && u.level < 1) {
		return usagef("-level must be between 0 and 1")
	}
	return nil
}

// aggregationOffset is the offset c that -aggregations gives geometric,
// harmonic and power means unless told otherwise: normalised scores on
// [0, 100] include 0, where ln(y) and 1/y are undefined, and shifting by
// one point changes the ranking little on that scale.
const aggregationOffset = 1

// parseAggregation parses one -aggregations entry: a method with options
// ":p=P" and ":offset=C".
func parseAggregation(entry string) (indicator.Aggregation, string, error) {
	parts := strings.Split(strings.TrimSpace(entry), ":")
	a := indicator.Aggregation{Method: indicator.AggregationMethod(strings.TrimSpace(parts[0]))}
	switch a.Method {
	case indicator.Arithmetic, indicator.Minimum, indicator.Median, indicator.Copeland, indicator.TOPSIS, indicator.Grey, indicator.MPI, indicator.AMPI:
	case indicator.Geometric, indicator.Harmonic, indicator.Power:
		a.Offset = aggregationOffset
	default:
		return a, "", usagef("-aggregations: unknown method %q (want arithmetic, geometric, harmonic, power, min, median, copeland, topsis, grey_relational, mpi or ampi)", parts[0])
	}
	hasP := false
	for _, opt := range parts[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(opt), "=")
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return a, "", usagef("-aggregations: %q: want an option offset=NUMBER, p=NUMBER or rho=NUMBER, got %q", entry, opt)
		}
		switch {
		case k == "offset" && (a.Method == indicator.Geometric || a.Method == indicator.Harmonic || a.Method == indicator.Power):
			a.Offset = x
		case k == "p" && a.Method == indicator.Power:
			a.P, hasP = x, true
		case k == "rho" && a.Method == indicator.Grey:
			if !(x > 0 && x <= 1) {
				return a, "", usagef("-aggregations: %q: rho must be in (0, 1]", entry)
			}
			a.Rho = &x
		default:
			return a, "", usagef("-aggregations: %q: %s takes no option %q", entry, a.Method, k)
		}
	}
	if a.Method == indicator.Power && !hasP {
		return a, "", usagef("-aggregations: %q: power needs its exponent, e.g. power:p=2", entry)
	}
	name := string(a.Method)
	if a.Method == indicator.Power {
		name += " p=" + num(a.P)
	}
	if a.Rho != nil {
		name += " rho=" + num(*a.Rho)
	}
	if a.Offset != 0 {
		name += " offset " + num(a.Offset)
	}
	return a, name, nil
}

// factors builds the uncertainty factors: one weight perturbation per
// level of the tree (groups with fixed nominal weights and two or more
// children), alternative aggregations of every group, alternative
// normalisations of every leaf (but those scored by categories),
// alternative imputations of every leaf, and leaving one indicator out;
// each a factor of its own.
func (u *uncertaintyFlags) factors(p *indicator.Plan) ([]ranking.Factor, error) {
	var fs []ranking.Factor
	if u.weights > 0 {
		fs = report.LevelWeightFactors(p, u.weights)
		if u.perturbation == "dirichlet" {
			for k := range fs {
				fs[k].Perturbation = ranking.PerturbDirichlet
				fs[k].Name = strings.Replace(fs[k].Name, "±", "Dirichlet CV ", 1)
			}
		}
	}
	if u.aggregations != "" {
		alts := []indicator.Aggregation{{}}
		var names []string
		for _, entry := range strings.Split(u.aggregations, ",") {
			a, name, err := parseAggregation(entry)
			if err != nil {
				return nil, err
			}
			alts = append(alts, a)
			names = append(names, name)
		}
		fs = append(fs, ranking.Factor{Name: "aggregation (model or " + strings.Join(names, ", ") + ")", Kind: ranking.FactorAggregation, Aggregations: alts})
	}
	if u.normalizations != "" {
		// Every leaf but those scored by categories, whose points are the
		// normalisation.
		byID := map[string]*indicator.Node{}
		var walk func(n *indicator.Node)
		walk = func(n *indicator.Node) {
			byID[n.ID] = n
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(p.Model().Root)
		var leaves []int
		for l, li := range p.Leaves() {
			if n := byID[li.ID]; n.Normalization == nil || n.Normalization.Method != indicator.NormCategories {
				leaves = append(leaves, l)
			}
		}
		alts := []indicator.Normalization{{}}
		var names []string
		for _, m := range splitList(u.normalizations) {
			nz, err := parseNormalization(m)
			if err != nil {
				return nil, err
			}
			alts = append(alts, nz)
			names = append(names, m)
		}
		if len(leaves) > 0 && len(names) > 0 {
			fs = append(fs, ranking.Factor{Name: "normalisation (model or " + strings.Join(names, ", ") + ")", Kind: ranking.FactorNormalization,
				Leaves: leaves, Normalizations: alts})
		}
	}
	if u.imputations != "" {
		alts := []indicator.Imputation{{}}
		var names []string
		for _, m := range splitList(u.imputations) {
			switch indicator.ImputationMethod(m) {
			case indicator.ImputeMean, indicator.ImputeMedian:
			default:
				return nil, usagef("-imputations: unknown or unsuitable method %q (want mean or median)", m)
			}
			alts = append(alts, indicator.Imputation{Method: indicator.ImputationMethod(m)})
			names = append(names, m)
		}
		if len(names) > 0 {
			fs = append(fs, ranking.Factor{Name: "imputation (model or " + strings.Join(names, ", ") + ")", Kind: ranking.FactorImputation, Imputations: alts})
		}
	}
	if u.exclude && len(p.Leaves()) > 1 {
		// Not the grade shares of a fuzzy group: leaving one out would
		// change nothing (the shares are one factor's answers).
		groups := p.Groups()
		leaves := []int{}
		for l, li := range p.Leaves() {
			if groups[li.Group].Aggregation.Method != indicator.Fuzzy {
				leaves = append(leaves, l)
			}
		}
		switch {
		case len(leaves) == len(p.Leaves()):
			fs = append(fs, ranking.Factor{Name: "exclude one indicator", Kind: ranking.FactorExclude})
		case len(leaves) > 1:
			fs = append(fs, ranking.Factor{Name: "exclude one indicator", Kind: ranking.FactorExclude, Leaves: leaves})
		}
	}
	return fs, nil
}

// parseNormalization parses one -normalizations entry: a normalisation
// that needs no goalposts or categories.
func parseNormalization(m string) (indicator.Normalization, error) {
	switch indicator.NormalizationMethod(m) {
	case indicator.NormMinMax, indicator.NormZScore, indicator.NormRank, indicator.NormPercentile, indicator.NormRatioMean:
		return indicator.Normalization{Method: indicator.NormalizationMethod(m)}, nil
	}
	return indicator.Normalization{}, usagef("-normalizations: unknown or unsuitable method %q (want minmax, zscore, rank, percentile or ratio_mean)", m)
}

// splitList splits a comma-separated flag value, dropping empty entries.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func uncertaintyCommand() *command {
	return &command{
		name:    "uncertainty",
		long:    true,
		args:    "MODEL DATA",
		summary: "Monte Carlo rank intervals and Sobol sensitivity indices of the model choices",
		example: `The factors are: the weights of each level of the tree perturbed by -perturb
(-perturbation uniform: each weight times 1 ± -perturb; dirichlet: drawn
from a Dirichlet distribution centred on the nominal weights), leaving out
one indicator or none (-exclude), alternative aggregations of every group
(-aggregations), alternative normalisations of every leaf
(-normalizations) and alternative imputations of every leaf
(-imputations), each a factor of its own. Geometric,
harmonic and power means take an offset (geometric:offset=0.5); it is 1
unless given, since min-max scores include 0, where the geometric and
harmonic means are undefined. Each of -n replications draws
every factor at random (replication i from the stream seeded by -seed and
i) and ranks the units as the model's ranking member says; the table gives
each unit's nominal rank, the median and the central -level interval of
its rank, and the extremes; -top-k, -bottom-k and -bands add the
probabilities of being among the k best or worst and of each rank band.
Sobol indices (Saltelli's design with -sobol-n base points from the Sobol
sequence or, with -sampling random, pseudo-random points; Jansen's total
index; -sobol-bootstrap resamples for the -sobol-level intervals) say which
factor drives the mean absolute rank shift and each unit's rank. Results
do not depend on the number of cores. The fingerprint identifies the
model, data, factors and settings (the table's header, the JSON, and the
last CSV column). A progress indicator is drawn on standard error when it
is a terminal.

` + tableLangHelp + `

Examples:
  ppgpa uncertainty examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa uncertainty -n 5000 -seed 7 -perturb 0.5 -aggregations geometric -format json model.json data.csv
  ppgpa uncertainty -perturbation dirichlet -normalizations percentile -top-k 3 -bands 2,4 model.json data.csv
  ppgpa uncertainty -weightings model,equal,entropy,critic model.json data.csv
  ppgpa uncertainty -weightings model,equal -aggregations geometric -normalizations rank,zscore -format xlsx -o ranks.xlsx model.json data.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var u uncertaintyFlags
			var o output
			var f format
			var sobolN int
			var weightings string
			fs.StringVar(&weightings, "weightings", "", "comma-separated weighting `schemes` (model, equal, entropy, critic, sd, pca or a scheme of the model file) to compare instead of the Monte Carlo analysis: each unit's rank under each, the shifts and the agreement (Kendall's tau-b, Spearman's rho; in CSV and xlsx as rows tau_b:NAME and rho:NAME after the units); with it, -aggregations and -normalizations add their methods to the comparison, one choice changed at a time")
			d.register(fs)
			u.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown (of the Monte Carlo analysis)")
			var ex extraFlags
			fs.IntVar(&sobolN, "sobol-n", 1024, "base points of the Sobol analysis (0: no Sobol analysis)")
			ex.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := nargs(args, "MODEL", "DATA"); err != nil {
					return err
				}
				if err := u.check(); err != nil {
					return err
				}
				if sobolN < 0 || sobolN > maxReplications {
					return usagef("-sobol-n must be between 0 and %d", maxReplications)
				}
				if err := ex.check(); err != nil {
					return err
				}
				s, err := e.scoreAll(ctx, args[0], args[1], &d)
				if err != nil {
					return err
				}
				if weightings != "" {
					l, err := comparisonList(weightings, u.aggregations, u.normalizations)
					if err != nil {
						return err
					}
					sc, err := compareSchemes(ctx, s, l, nil)
					if err != nil {
						return evalErr(args[0], args[1], err)
					}
					sc.lang = *lang
					return o.emit(e, f.name, sc.json, sc.writeCSV, sc.writeTable)
				}
				factors, err := u.factors(s.plan)
				if err != nil {
					return err
				}
				if len(factors) == 0 {
					return fmt.Errorf("%s: nothing varies: no group with fixed weights to perturb and no indicator to leave out (add -aggregations)", displayName(args[0]))
				}
				pr := e.prog
				pr.phase("Monte Carlo", u.n)
				dist, err := ranking.MonteCarlo(ctx, s.plan, s.table, factors, ranking.Settings{Replications: u.n, Seed: u.seed, Ranking: s.grading.Ranking, Level: u.level,
					TopK: ex.topK, BottomK: ex.bottomK, Bands: ex.bandCuts, Progress: pr.update})
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				var sob *ranking.SobolResult
				if sobolN > 0 {
					pr.phase("Sobol", sobolN*(len(factors)+2))
					sob, err = ranking.Sobol(ctx, s.plan, s.table, factors, ranking.SobolSettings{N: sobolN, Seed: u.seed, Ranking: s.grading.Ranking, Sampling: ex.sampling,
						Bootstrap: ex.bootstrap, Level: ex.sobolLevel, Progress: pr.update, BootstrapProgress: pr.then("Sobol bootstrap intervals", 0)})
					if err != nil {
						return evalErr(args[0], args[1], err)
					}
				}
				pr.stop()
				ua := &uncertaintyResult{s: s, u: u, ex: ex, factors: factors, dist: dist, sobol: sob, lang: *lang}
				return o.emit(e, f.name, func() any { return ua.json() }, ua.writeCSV, ua.writeTable)
			}
		},
	}
}

// extraFlags are the flags of uncertainty that report does not share:
// rank probabilities and the design of the Sobol analysis.
type extraFlags struct {
	topK, bottomK int
	bands         string
	bandCuts      []int
	samplingName  string
	sampling      ranking.Sampling
	bootstrap     int
	sobolLevel    float64
}

func (x *extraFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&x.topK, "top-k", 0, "add the probability that each unit ranks `k` or better (0: none)")
	fs.IntVar(&x.bottomK, "bottom-k", 0, "add the probability that each unit is among the `k` worst (0: none)")
	fs.StringVar(&x.bands, "bands", "", "comma-separated increasing rank `bounds` b1,b2,...: add the probability of rank <= b1, b1 < rank <= b2, ..., rank > the last")
	fs.StringVar(&x.samplingName, "sampling", "sobol", "design of the Sobol analysis: sobol (quasi-random sequence) or random")
	fs.IntVar(&x.bootstrap, "sobol-bootstrap", 200, "bootstrap resamples for the intervals of the Sobol indices")
	fs.Float64Var(&x.sobolLevel, "sobol-level", 0.95, "coverage of the bootstrap intervals of the Sobol indices")
}

func (x *extraFlags) check() error {
	if x.topK < 0 || x.bottomK < 0 {
		return usagef("-top-k and -bottom-k must not be negative")
	}
	for _, b := range splitList(x.bands) {
		k, err := strconv.Atoi(b)
		if err != nil || k < 1 {
			return usagef("-bands: %q is not a positive rank", b)
		}
		if len(x.bandCuts) > 0 && k <= x.bandCuts[len(x.bandCuts)-1] {
			return usagef("-bands: the bounds %s are not increasing", x.bands)
		}
		x.bandCuts = append(x.bandCuts, k)
	}
	if err := x.sampling.UnmarshalText([]byte(x.samplingName)); err != nil {
		return usagef("-sampling: unknown design %q (want sobol or random)", x.samplingName)
	}
	if x.bootstrap < 1 || x.bootstrap > maxReplications {
		return usagef("-sobol-bootstrap must be between 1 and %d", maxReplications)
	}
	if !(x.sobolLevel > 0 && x.sobolLevel < 1) {
		return usagef("-sobol-level must be between 0 and 1")
	}
	return nil
}

// bandNames labels the rank bands of -bands: "≤5", "6–10", ">10".
func (x *extraFlags) bandNames() []string {
	var out []string
	for j, b := range x.bandCuts {
		lo := 1
		if j > 0 {
			lo = x.bandCuts[j-1] + 1
		}
		switch {
		case j == 0:
			out = append(out, "≤"+strconv.Itoa(b))
		case lo == b:
			out = append(out, strconv.Itoa(b))
		default:
			out = append(out, strconv.Itoa(lo)+"–"+strconv.Itoa(b))
		}
	}
	if n := len(x.bandCuts); n > 0 {
		out = append(out, ">"+strconv.Itoa(x.bandCuts[n-1]))
	}
	return out
}

type uncertaintyResult struct {
	s       *scored
	u       uncertaintyFlags
	ex      extraFlags
	factors []ranking.Factor
	dist    *ranking.Distribution
	sobol   *ranking.SobolResult
	lang    report.Lang // -lang: the language of the table and Markdown
}

// The texts of uncertainty's table.
var (
	uMC      = report.Text{ZH: "蒙特卡洛模拟：%[1]d次，随机种子%[2]d   指纹：%[3]s", EN: "Monte Carlo: %[1]d replications, seed %[2]d   fingerprint: %[3]s"}
	uFactors = report.Text{ZH: "变动因素：%s", EN: "factors: %s"}
	uNoSE    = report.Text{ZH: "标准误未传递：%s（替代的标准化方法不是线性的，分析只对得分排名）", EN: "standard errors not propagated: %s (the alternative normalisation is not linear; the analysis ranks scores only)"}
	uMedian  = report.Text{ZH: "排名中位数", EN: "Median"}
	// uQuantile heads a column of quantiles of the ranks: 5%分位数 ("5%").
	uQuantile  = report.Text{ZH: "%s%%分位数", EN: "%s%%"}
	uMin       = report.Text{ZH: "最好名次", EN: "Min"}
	uMax       = report.Text{ZH: "最差名次", EN: "Max"}
	uPTop      = report.Text{ZH: "进入前%d名的概率", EN: "P(top %d)"}
	uPBottom   = report.Text{ZH: "落入末%d名的概率", EN: "P(bottom %d)"}
	uPBand     = report.Text{ZH: "名次在%s的概率", EN: "P(%s)"}
	uShift     = report.Text{ZH: "平均名次变动：%s位", EN: "mean absolute rank shift: %s"}
	uSobol     = report.Text{ZH: "平均名次变动的Sobol敏感性指数（N = %[1]d个%[2]s点，共%[3]d次计算；%[4]s%%自助法区间，重抽样%[5]d次）", EN: "Sobol indices of the mean absolute rank shift (N = %[1]d %[2]s points, %[3]d runs; %[4]s%% bootstrap intervals from %[5]d resamples)"}
	uInterval  = report.Text{ZH: "区间", EN: "Interval"}
	uUnitSobol = report.Text{ZH: "各因素对各单位名次的总效应指数", EN: "Total Sobol index of each factor on each unit's rank"}
	// uShiftFixed and uRankFixed say why an index is missing (NaN).
	uShiftFixed = report.Text{ZH: "平均名次变动在各次计算中没有变化，指数无法计算", EN: "the mean absolute rank shift never changes"}
	uRankFixed  = report.Text{ZH: "该单位名次从未变动，指数无法计算", EN: "the rank never changes"}
)

// samplingName names the design of a Sobol analysis in l: Sobol序列
// (sobol) or 随机 (random).
func samplingName(l report.Lang, s ranking.Sampling) string {
	if t, ok := uSamplings[s.String()]; ok && l != report.English {
		return tr(l, t)
	}
	return s.String()
}

// uSamplings name the designs of a Sobol analysis in Chinese.
var uSamplings = map[string]report.Text{"sobol": {ZH: "Sobol序列"}, "random": {ZH: "随机"}}

// factorLabel names a factor of the analysis in l: as the report does in
// Chinese, by its own name (as in CSV and JSON) in English.
func factorLabel(l report.Lang, name string) string {
	if l == report.English {
		return name
	}
	return report.FactorName(l, name)
}

// fpLabel is the label of a fingerprint: 指纹 or, in English, fingerprint.
func fpLabel(l report.Lang) string {
	if l == report.English {
		return "fingerprint"
	}
	return report.TermFingerprint.In(l)
}

func (ua *uncertaintyResult) order() []int { return rankOrder(ua.dist.Nominal) }

func (ua *uncertaintyResult) writeTable(w io.Writer, md bool) {
	put := func(t *textTable) {
		if md {
			t.markdown(w)
		} else {
			t.write(w)
		}
	}
	d := ua.dist
	lo, hi := strconv.FormatFloat(50*(1-ua.u.level), 'g', 6, 64), strconv.FormatFloat(50*(1+ua.u.level), 'g', 6, 64)
	l := ua.lang
	fmt.Fprintf(w, "%s\n%s\n", ua.s.model.Name, trLines(l, uMC, d.Replications, ua.u.seed, d.Fingerprint))
	fmt.Fprint(w, inEach(l, "\n", func(l report.Lang) string {
		names := make([]string, len(ua.factors))
		for k, f := range ua.factors {
			names[k] = factorLabel(l, f.Name)
		}
		return tr(l, uFactors, strings.Join(names, noteSep(l)))
	}))
	if len(d.SENotPropagated) > 0 {
		fmt.Fprintf(w, "\n%s", trLines(l, uNoSE, strings.Join(d.SENotPropagated, ", ")))
	}
	fmt.Fprintf(w, "\n\n")
	head := append(heads(l, report.TermRank.Text(), report.TermUnit.Text(), uMedian), tr(l, uQuantile, lo), tr(l, uQuantile, hi), tr(l, uMin), tr(l, uMax))
	head = append(head, ua.probHead(tr(l, uPTop), tr(l, uPBottom), tr(l, uPBand))...)
	t := newTable(head...).right(0, 2, 3, 4, 5, 6).in(l)
	for k := 7; k < len(head); k++ {
		t.right(k)
	}
	for _, i := range ua.order() {
		row := []string{rankStr(d.Nominal[i]), ua.s.res.Units[i], rankStr(d.Median[i]), rankStr(d.Lo[i]), rankStr(d.Hi[i]), rankStr(d.Min[i]), rankStr(d.Max[i])}
		for _, p := range ua.probs(i) {
			row = append(row, fixed(p, 3))
		}
		t.add(row...)
	}
	put(t)
	fmt.Fprintf(w, "\n%s\n", trLines(l, uShift, fixed(d.MeanAbsShift, 4)))
	if ua.sobol == nil {
		return
	}
	sb := ua.sobol
	fmt.Fprintf(w, "\n%s\n%s%s%s\n\n", inEach(l, "\n", func(l report.Lang) string {
		return tr(l, uSobol, sb.N, samplingName(l, ua.ex.sampling), sb.Runs, strconv.FormatFloat(100*ua.ex.sobolLevel, 'g', 6, 64), ua.ex.bootstrap)
	}),
		fpLabel(l), colon(l), sb.Fingerprint)
	st := newTable(heads(l, report.TermFactor.Text(), report.TermFirstOrder.Text(), uInterval, report.TermTotalEffect.Text(), uInterval)...).right(1, 3).in(l)
	if l != report.English {
		st.numbers(2, 4)
	}
	for k, name := range sb.Factors {
		x := sb.Shift
		st.add(factorLabel(l, name), fixed(x.First[k], 3), interval(l, x.FirstLo[k], x.FirstHi[k]),
			fixed(x.Total[k], 3), interval(l, x.TotalLo[k], x.TotalHi[k]))
	}
	put(st)
	missingNote(w, l, st, uShiftFixed)
	fmt.Fprintf(w, "\n%s\n\n", inEach(l, "\n", func(lt report.Lang) string {
		if l == report.English {
			return tr(lt, uUnitSobol) + " (NA: " + tr(lt, uRankFixed) + ")"
		}
		return tr(lt, uUnitSobol)
	}))
	uhead := []string{report.TermUnit.In(l)}
	for _, f := range sb.Factors {
		uhead = append(uhead, factorLabel(l, f))
	}
	ut := newTable(uhead...).in(l)
	for k := range sb.Factors {
		ut.right(1 + k)
	}
	for _, i := range ua.order() {
		row := []string{ua.s.res.Units[i]}
		for k := range sb.Factors {
			row = append(row, fixed(sb.Units[i].Total[k], 3))
		}
		ut.add(row...)
	}
	put(ut)
	missingNote(w, l, ut, uRankFixed)
}

// interval formats the interval [lo, hi] with three decimals; when
// either end is NaN, "NA", which a Chinese table shows as its missing
// mark (English keeps "[NA, NA]").
func interval(l report.Lang, lo, hi float64) string {
	if l != report.English && (math.IsNaN(lo) || math.IsNaN(hi)) {
		return "NA" // a number column: the table shows its missing mark
	}
	return "[" + fixed(lo, 3) + ", " + fixed(hi, 3) + "]"
}

func (ua *uncertaintyResult) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	probs := ua.probHead("p_top_%d", "p_bottom_%d", "p_rank_%s")
	for k, h := range probs {
		probs[k] = strings.NewReplacer("≤", "le_", "–", "_", ">", "gt_").Replace(h) // ASCII column names
	}
	head := append([]string{"unit", "nominal", "median", "mean", "lo", "hi", "min", "max"}, probs...)
	if ua.sobol != nil {
		for _, f := range ua.sobol.Factors {
			head = append(head, "first:"+f, "total:"+f)
		}
	}
	cw.Write(append(head, "fingerprint"))
	d := ua.dist
	for _, i := range ua.order() {
		row := []string{ua.s.res.Units[i], num(d.Nominal[i]), num(d.Median[i]), num(d.Mean[i]), num(d.Lo[i]), num(d.Hi[i]), num(d.Min[i]), num(d.Max[i])}
		for _, p := range ua.probs(i) {
			row = append(row, num(p))
		}
		if ua.sobol != nil {
			for k := range ua.sobol.Factors {
				row = append(row, num(ua.sobol.Units[i].First[k]), num(ua.sobol.Units[i].Total[k]))
			}
		}
		cw.Write(append(row, d.Fingerprint))
	}
	cw.Flush()
	return cw.Error()
}

// probHead names the probability columns: top-k, bottom-k, then one per
// band, with the formats given.
func (ua *uncertaintyResult) probHead(top, bottom, band string) []string {
	var h []string
	if ua.dist.PTop != nil {
		h = append(h, fmt.Sprintf(top, ua.ex.topK))
	}
	if ua.dist.PBottom != nil {
		h = append(h, fmt.Sprintf(bottom, ua.ex.bottomK))
	}
	if ua.dist.Bands != nil {
		for _, b := range ua.ex.bandNames() {
			h = append(h, fmt.Sprintf(band, b))
		}
	}
	return h
}

// probs returns unit i's probabilities in the order of probHead.
func (ua *uncertaintyResult) probs(i int) []float64 {
	var p []float64
	if ua.dist.PTop != nil {
		p = append(p, ua.dist.PTop[i])
	}
	if ua.dist.PBottom != nil {
		p = append(p, ua.dist.PBottom[i])
	}
	if ua.dist.Bands != nil {
		p = append(p, ua.dist.Bands[i]...)
	}
	return p
}

type jsonIndices struct {
	Factor  string `json:"factor"`
	First   jnum   `json:"first"`
	FirstLo jnum   `json:"first_lo"`
	FirstHi jnum   `json:"first_hi"`
	Total   jnum   `json:"total"`
	TotalLo jnum   `json:"total_lo"`
	TotalHi jnum   `json:"total_hi"`
}

type jsonUnitUncertainty struct {
	Unit    string        `json:"unit"`
	Nominal jnum          `json:"nominal"`
	Median  jnum          `json:"median"`
	Mean    jnum          `json:"mean"`
	Lo      jnum          `json:"lo"`
	Hi      jnum          `json:"hi"`
	Min     jnum          `json:"min"`
	Max     jnum          `json:"max"`
	PTop    *jnum         `json:"p_top,omitempty"`
	PBottom *jnum         `json:"p_bottom,omitempty"`
	Bands   []jnum        `json:"bands,omitempty"`
	Sobol   []jsonIndices `json:"sobol,omitempty"`
}

// jsonFactor is a factor as the JSON output describes it: alternative
// models are counted, not written out.
type jsonFactor struct {
	ranking.Factor
	AlternativeModels int `json:"alternative_models,omitempty"`
}

type jsonUncertainty struct {
	Model            string                `json:"model"`
	Fingerprint      string                `json:"fingerprint"`
	Replications     int                   `json:"replications"`
	Seed             uint64                `json:"seed"`
	Level            float64               `json:"level"`
	TopK             int                   `json:"top_k,omitempty"`
	BottomK          int                   `json:"bottom_k,omitempty"`
	Bands            []int                 `json:"bands,omitempty"`
	Factors          []jsonFactor          `json:"factors"`
	MeanAbsShift     jnum                  `json:"mean_abs_shift"`
	SENotPropagated  []string              `json:"se_not_propagated,omitempty"`
	SobolN           int                   `json:"sobol_n,omitempty"`
	SobolSampling    string                `json:"sobol_sampling,omitempty"`
	SobolBootstrap   int                   `json:"sobol_bootstrap,omitempty"`
	SobolLevel       float64               `json:"sobol_level,omitempty"`
	SobolFingerprint string                `json:"sobol_fingerprint,omitempty"`
	SobolShift       []jsonIndices         `json:"sobol_shift,omitempty"`
	Units            []jsonUnitUncertainty `json:"units"`
}

func indices(names []string, x ranking.Indices) []jsonIndices {
	out := make([]jsonIndices, len(names))
	for k, n := range names {
		out[k] = jsonIndices{n, jnum(x.First[k]), jnum(x.FirstLo[k]), jnum(x.FirstHi[k]), jnum(x.Total[k]), jnum(x.TotalLo[k]), jnum(x.TotalHi[k])}
	}
	return out
}

func (ua *uncertaintyResult) json() jsonUncertainty {
	d := ua.dist
	out := jsonUncertainty{Model: ua.s.model.Name, Fingerprint: d.Fingerprint, Replications: d.Replications, Seed: ua.u.seed, Level: ua.u.level,
		TopK: ua.ex.topK, BottomK: ua.ex.bottomK, Bands: ua.ex.bandCuts, MeanAbsShift: jnum(d.MeanAbsShift),
		SENotPropagated: d.SENotPropagated}
	for _, f := range ua.factors {
		jf := jsonFactor{Factor: f, AlternativeModels: len(f.Models)}
		jf.Models = nil
		out.Factors = append(out.Factors, jf)
	}
	if ua.sobol != nil {
		out.SobolN, out.SobolSampling, out.SobolBootstrap, out.SobolLevel = ua.sobol.N, ua.ex.sampling.String(), ua.ex.bootstrap, ua.ex.sobolLevel
		out.SobolFingerprint = ua.sobol.Fingerprint
		out.SobolShift = indices(ua.sobol.Factors, ua.sobol.Shift)
	}
	for _, i := range ua.order() {
		ju := jsonUnitUncertainty{Unit: ua.s.res.Units[i], Nominal: jnum(d.Nominal[i]), Median: jnum(d.Median[i]), Mean: jnum(d.Mean[i]),
			Lo: jnum(d.Lo[i]), Hi: jnum(d.Hi[i]), Min: jnum(d.Min[i]), Max: jnum(d.Max[i])}
		if d.PTop != nil {
			ju.PTop = ptr(d.PTop[i])
		}
		if d.PBottom != nil {
			ju.PBottom = ptr(d.PBottom[i])
		}
		if d.Bands != nil {
			ju.Bands = jnums(d.Bands[i])
		}
		if ua.sobol != nil {
			ju.Sobol = indices(ua.sobol.Factors, ua.sobol.Units[i])
		}
		out.Units = append(out.Units, ju)
	}
	return out
}
