package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/internal/jsonin"
	"github.com/ppgpa/ppgpa/survey"
)

func estimateCommand() *command {
	return &command{
		name:    "estimate",
		long:    true,
		args:    "RESPONDENTS [ANSWERS]",
		summary: "per-unit satisfaction with design-based standard errors and confidence intervals",
		example: `RESPONDENTS is a CSV file with a header row and one row per respondent; the
respondent ids are in the column named "id", or in the first column when
there is none (in both forms). -unit names the column of the assessed
unit (district, department), -answer the column of the answer. Answers are
numbers, or the labels of a questionnaire scale (-scale hangzhou: 满意 /
比较满意 / 基本满意 / 不满意; shandong: 满意 / 基本满意 / 不满意 / 不了解; nanjing:
满意 / 比较满意 / 不满意; happy-guangdong: 很满意 / 比较满意 / 一般 / 不太满意 /
很不满意 (100/80/60/40/0); chongqing: 满意 / 基本满意 / 不满意 / 说不清; ten:
1..10; hundred: 0..100; or a JSON file {"name": ..., "categories":
[{"label": "满意", "points": 100, "class": "satisfied"}, ...]}) turned into
a value by -measure. Excluded answers ("don't know") and empty cells are
left out of the unit's estimate (kept in the design, as R's na.rm = TRUE).

Standard errors are Taylor-linearised for the design given by -weight,
-strata, -psu and -fpc (one stage; without -fpc, with replacement), as R
survey's svymean on a domain. -singleton says what a stratum with one PSU
does (R's survey.lonely.psu: fail, remove, certainty, adjust, average),
-nest that PSU ids repeat across strata. -variance jk1, jkn or bootstrap
(-replicates, -seed) uses replicate weights instead, in both forms (R's
svyby(~y, ~unit, as.svrepdesign(design, type), svymean): JK1 scale
(n-1)/n, JKn (n_h-1)/n_h, Rao-Wu bootstrap; the design's fpc enters the
scale).
Weights from "ppgpa rake" or "ppgpa calibrate" can be given with -weights
(their CSV output: id and weight columns).

Intervals use t quantiles on the design degrees of freedom (PSUs minus
strata; an error when that is 0), the whole design's for every unit as
R's svyby; with -variance jk1, jkn or bootstrap, R's degf of the
replicate design (the rank of the replicate weights minus 1: PSUs minus
strata for the jackknives, at most replicates minus 1 for the bootstrap). Satisfaction rates get -interval beta by
default (Korn and Graubard's, which stays inside 0–100% and keeps a width
at 0% and 100%); logit, likelihood (linearisation only) and wald (alias
mean: estimate ± t SE, clipped) are the other methods, as R's svyciprop.
Mean scores and net satisfaction get the t interval estimate ± t SE. The
deff column is against simple random sampling without replacement: NA
when the weights sum to at most n (not scaled to the population) and for
replicate variances.

Long form: with a second file, RESPONDENTS holds the design (columns id,
and optionally group, stratum, psu, ssu, weight, prob, fpc, fpc2, as the
survey package reads them: an empty weight cell is derived from prob or
fpc, a weight of 0 is a real zero weight) and ANSWERS one answer per line
(columns respondent, unit, answer and optionally item), coded on -scale;
-item, -group and -group-weights choose what is estimated (a respondent's
value is the mean over the items it answered about the unit).
-group-weights takes non-negative ratios such as 电话=6,问卷=4 or
电话=0.6,问卷=0.4 (the same): they are divided by their sum, and the shares
used are printed in the table header, in the JSON output, and on standard
error for CSV output when the given weights do not sum to 1.

With replicate weights, a unit whose respondents all fall in the PSUs
that one replicate deletes (or does not draw) has no replicate estimate
there: an error naming the unit and the replicate by default;
-empty-replicate na gives the unit NA for se, lower and upper instead
(R's svyby gives NaN), with a note on standard error naming it.

The CSV output (unit, n, estimate, se, lower, upper, deff) can be joined to
an indicator data table, with the se column as a leaf's se_column.

-shares (long form) writes instead each unit's weighted percentage of
answers in every scored category of each item (-item: of one), in
columns named ITEM_LABEL: the grade shares of a fuzzy comprehensive
evaluation (a fuzzy group of the model, one leaf per category; see
docs/model-format.md).

` + tableLangHelp + `

Examples:
  ppgpa estimate -scale hangzhou -measure satisfaction-rate -percent respondents.csv
  ppgpa estimate -unit district -answer q1 -weights weights.csv -format table respondents.csv
  ppgpa estimate -scale shandong -group-weights 电话=0.6,问卷=0.4 respondents.csv answers.csv
  ppgpa estimate -scale shandong -shares respondents.csv answers.csv
  ppgpa estimate -unit district -strata county -psu village -fpc villages -singleton adjust respondents.csv
  ppgpa estimate -unit district -strata county -psu village -variance bootstrap -replicates 500 -seed 7 respondents.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var unitCol, answerCol, scaleName, measure, weight, weightsFile, rakeFile, strata, psu, item, group, groupWeights string
			var fpc, singletonName, variance, intervalName, emptyRepName string
			var level float64
			var percent, nest, gradeShares bool
			var nrep int
			var seed uint64
			var o output
			var f format
			fs.StringVar(&unitCol, "unit", "unit", "`column` of the assessed unit")
			fs.StringVar(&answerCol, "answer", "answer", "`column` of the answer")
			fs.StringVar(&scaleName, "scale", "", "answer `scale`: hangzhou, shandong, nanjing, happy-guangdong, chongqing, ten, hundred, or a JSON file (default: numeric answers)")
			fs.StringVar(&measure, "measure", survey.MeanScore.String(), "`measure` of a scale: "+survey.MeanScore.String()+", "+survey.SatisfactionRate.String()+" or "+survey.NetSatisfaction.String())
			fs.StringVar(&weight, "weight", "", "design weight `column` (default: the column \"weight\" if present, else 1)")
			fs.StringVar(&weightsFile, "weights", "", "CSV `file` of weights by respondent id (the output of rake or calibrate; replicate weights then leave that adjustment out: prefer -rake)")
			fs.StringVar(&rakeFile, "rake", "", "population margins `file` (as rake's MARGINS): rake the design weights to them, and redo the raking in every replicate of -variance jk1, jkn or bootstrap, as R")
			fs.StringVar(&strata, "strata", "", "stratum `column` (default: one stratum)")
			fs.StringVar(&psu, "psu", "", "primary sampling unit `column` (default: every respondent)")
			fs.StringVar(&fpc, "fpc", "", "finite-population correction `column`: the stratum's population size, or its sampling fraction if every value is at most 1 (default: with replacement)")
			fs.StringVar(&singletonName, "singleton", survey.SingletonFail.String(), "single-PSU strata: `method` fail, remove, certainty, adjust or average (R's survey.lonely.psu)")
			fs.BoolVar(&nest, "nest", false, "PSU ids repeat across strata: a PSU is (stratum, psu) (R's nest = TRUE)")
			fs.StringVar(&variance, "variance", "linearization", "variance `method`: linearization, jk1, jkn or bootstrap (replicate weights)")
			fs.IntVar(&nrep, "replicates", 200, "`number` of bootstrap replicates")
			fs.StringVar(&emptyRepName, "empty-replicate", "error", "a replicate that leaves a unit no weight: `what` to do, error or na (the unit's se and interval are NA)")
			fs.Uint64Var(&seed, "seed", 1, "bootstrap random `seed` (the same seed gives the same results on every machine)")
			fs.StringVar(&intervalName, "interval", "", "interval `method` for satisfaction rates: beta (default), logit, likelihood or wald (alias mean); mean scores always use wald (estimate ± t SE)")
			fs.Float64Var(&level, "level", 0.95, "confidence `level` of the intervals")
			fs.StringVar(&item, "item", "", "long form: the questionnaire `item` to estimate (default: the mean over every item)")
			fs.StringVar(&group, "group", "", "long form: restrict to one respondent `group`")
			fs.StringVar(&groupWeights, "group-weights", "", "long form: combine respondent groups with fixed weights, e.g. 电话=0.6,问卷=0.4 or 电话=6,问卷=4 (ratios, normalised to sum to 1)")
			fs.BoolVar(&percent, "percent", false, "report rates and net satisfaction in per cent (×100)")
			fs.BoolVar(&gradeShares, "shares", false, "long form: write CSV of each unit's weighted percentage of answers in every category of each item (columns ITEM_LABEL), the grade shares of a fuzzy evaluation, instead of the estimates")
			o.register(fs)
			var in inputFlags
			in.registerReading(fs)
			f.register(fs, "csv", "csv", "table", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if len(args) != 1 && len(args) != 2 {
					return usagef("want RESPONDENTS, or RESPONDENTS ANSWERS; got %d arguments", len(args))
				}
				if !(level > 0 && level < 1) {
					return usagef("-level must be between 0 and 1")
				}
				if gradeShares && len(args) != 2 {
					return usagef("-shares needs the long form: RESPONDENTS ANSWERS")
				}
				var m survey.Measure
				if err := parseEnum(&m, measure); err != nil {
					return usagef("-measure: %v", err)
				}
				var opt survey.DesignOptions
				opt.Nest = nest
				if err := parseEnum(&opt.Singleton, singletonName); err != nil {
					return usagef("-singleton: %v", err)
				}
				replicate := variance != "linearization" && variance != "linearisation"
				var rm survey.ReplicateMethod
				if replicate {
					if err := parseEnum(&rm, variance); err != nil || rm == survey.ReplicateAuto {
						return usagef("-variance: want linearization, jk1, jkn or bootstrap, got %q", variance)
					}
				}
				if nrep > survey.MaxReplicates {
					return usagef("-replicates %d: at most %d", nrep, survey.MaxReplicates)
				}
				if nrep < 2 {
					return usagef("-replicates must be at least 2")
				}
				var emptyRep survey.EmptyReplicate
				switch emptyRepName {
				case "error":
				case "na":
					emptyRep = survey.EmptyReplicateNaN
				default:
					return usagef("-empty-replicate: want error or na, got %q", emptyRepName)
				}
				rate := scaleName != "" && m == survey.SatisfactionRate
				method := survey.PropBeta
				switch intervalName {
				case "":
				case "wald":
					method = survey.PropMean
				default:
					if err := parseEnum(&method, intervalName); err != nil {
						return usagef("-interval: want beta, logit, likelihood or wald, got %q", intervalName)
					}
				}
				if !rate && intervalName != "" && method != survey.PropMean {
					return usagef("-interval %s is for satisfaction rates; %s uses wald (estimate ± t SE)", intervalName, measureName(scaleName, m))
				}
				if replicate && method == survey.PropLikelihood {
					return usagef("-interval likelihood needs -variance linearization")
				}
				scale := 1.0
				if percent && scaleName != "" && m != survey.MeanScore {
					scale = 100
				}
				row := func(u string, n int, est, se, lo, hi, deff float64) unitEstimate {
					return unitEstimate{Unit: u, N: n, Estimate: jnum(float64(scale * est)), SE: jnum(float64(scale * se)),
						Lower: jnum(float64(scale * lo)), Upper: jnum(float64(scale * hi)), Deff: jnum(deff)}
				}
				var rows []unitEstimate
				var shares []groupShare
				var rs *survey.ReplicateSettings
				if replicate {
					rs = &survey.ReplicateSettings{Method: rm, Replicates: nrep, Seed: seed}
				}
				if len(args) == 2 {
					if scaleName == "" {
						return usagef("long-form answers need -scale")
					}
					sc, err := e.loadScale(scaleName)
					if err != nil {
						return err
					}
					if gradeShares {
						if f.name != "csv" || replicate || groupWeights != "" || group != "" {
							return usagef("-shares writes CSV (-format csv) of the whole design's answers: it takes no -variance, -group or -group-weights")
						}
						lf, err := e.loadLongForm(ctx, args[0], args[1], sc, weightsFile, rakeFile, opt)
						if err != nil {
							return err
						}
						if err := writeShares(&o.buf, lf.set, item); err != nil {
							return fmt.Errorf("%s: %v", lf.aname, err)
						}
						return o.flush(e)
					}
					us := survey.UnitSettings{Measure: m, Item: item, Group: group, Level: level, Interval: method, EmptyReplicate: emptyRep}
					if groupWeights != "" {
						var sum float64
						if shares, sum, err = parseGroupWeights(groupWeights); err != nil {
							return usagef("-group-weights: %v", err)
						}
						us.GroupWeights = map[string]float64{}
						for _, g := range shares {
							us.GroupWeights[g.Group] = g.Share
						}
						if f.name == "csv" && math.Abs(sum-1) > 1e-9 {
							fmt.Fprintf(e.stderr, "note: -group-weights sum to %s; normalised to the shares %s\n", num(sum), sharesText(shares, report.English))
						}
					}
					est, err := e.estimateLongForm(ctx, args[0], args[1], sc, us, weightsFile, rakeFile, opt, rs)
					if err != nil {
						return err
					}
					for _, x := range est {
						rows = append(rows, row(x.Unit, x.N, x.Value, x.SE, x.Lower, x.Upper, x.Deff))
					}
					unitCol = "unit"
				} else {
					b, err := e.readInput(args[0])
					if err != nil {
						return err
					}
					ropt, err := in.options()
					if err != nil {
						return err
					}
					// The columns estimate reads (all of them when the design
					// is raked: the margins name theirs).
					keep := []string{unitCol, answerCol, "weight", weight, strata, psu, fpc}
					if rakeFile != "" {
						keep = nil
					}
					rf, err := readRespondentColumns(e, displayName(args[0]), b, ropt, keep)
					if err != nil {
						return err
					}
					units, err := rf.column(unitCol, "-unit")
					if err != nil {
						return err
					}
					y, err := answers(e, rf, answerCol, scaleName, m)
					if err != nil {
						return err
					}
					var w []float64
					if weightsFile != "" {
						if w, err = e.weightsByID(weightsFile, rf); err != nil {
							return err
						}
					} else if w, err = rf.weights(weight); err != nil {
						return err
					}
					des, err := rf.designWith(w, designColumns{strata: strata, psu: psu, fpc: fpc}, opt)
					if err != nil {
						return err
					}
					if rakeFile != "" {
						column := func(v string) ([]string, error) { return rf.column(v, "the margins' variable names") }
						if des, err = e.rakeDesign(ctx, des, rakeFile, column); err != nil {
							return err
						}
					}
					var rd *survey.ReplicateDesign
					if replicate {
						if rd, err = e.replicates(ctx, des, *rs); err != nil {
							return rf.surveyErr(err)
						}
					}
					var order []string
					seen := map[string]bool{}
					for _, u := range units {
						if !seen[u] {
							seen[u] = true
							order = append(order, u)
						}
					}
					ms := survey.EstimateSettings{Missing: survey.MissingDomain}
					for _, u := range order {
						if err := ctx.Err(); err != nil {
							return err
						}
						dom := make([]bool, len(units))
						for i, x := range units {
							dom[i] = x == u
						}
						bad := func(err error) error {
							if errors.Is(err, survey.ErrSingletonPSU) {
								return fmt.Errorf("%s: unit %q: %s; set -singleton", rf.file, u, trimSurvey(err))
							}
							return fmt.Errorf("%s: unit %q: %s", rf.file, u, trimSurvey(err))
						}
						est, err := des.EstimateDomain(y, dom, ms)
						if err != nil {
							return bad(err)
						}
						se, deff, df := est.SEMean, est.DeffMean, est.DF
						if rd != nil {
							re, err := rd.EstimateDomain(y, dom, ms)
							var ce *survey.CellError
							switch {
							case err != nil && emptyRep == survey.EmptyReplicateNaN && errors.As(err, &ce) && ce.Variable == "replicate":
								se, deff, df = math.NaN(), math.NaN(), rd.DF()
							case err != nil:
								return bad(err)
							default:
								se, deff, df = re.SEMean, math.NaN(), re.DF
							}
						}
						var lo, hi float64
						switch {
						case math.IsNaN(se):
							lo, hi = math.NaN(), math.NaN()
						case rate && method == survey.PropLikelihood:
							ci, err := des.PropCIDomain(y, dom, survey.PropSettings{Method: method, Level: level, Missing: survey.MissingDomain})
							if err != nil {
								return bad(err)
							}
							lo, hi = ci.Lower, ci.Upper
						case rate:
							ci, err := survey.PropCIFromSE(method, est.Mean, se, df, est.N, level)
							if err != nil {
								return bad(err)
							}
							lo, hi = ci.Lower, ci.Upper
						default:
							if lo, hi, err = survey.TInterval(est.Mean, se, df, level); err != nil {
								return bad(err)
							}
						}
						rows = append(rows, row(u, est.N, est.Mean, se, lo, hi, deff))
					}
				}
				if replicate && weightsFile != "" && f.name == "csv" {
					fmt.Fprintf(e.stderr, "note: the replicate weights are formed from the weights of %s without redoing the adjustment that made them; use -rake to redo the raking in every replicate\n", displayName(weightsFile))
				}
				if replicate {
					for _, r := range rows {
						if math.IsNaN(float64(r.SE)) {
							fmt.Fprintf(e.stderr, "note: unit %q: a replicate leaves it no weight; its se, lower and upper are NA (-empty-replicate na)\n", r.Unit)
						}
					}
				}
				var err error
				switch f.name {
				case "json":
					err = writeJSON(&o.buf, struct {
						Measure      string         `json:"measure"`
						Level        float64        `json:"level"`
						GroupWeights []groupShare   `json:"group_weights,omitempty"`
						Units        []unitEstimate `json:"units"`
					}{measureName(scaleName, m), level, shares, rows})
				case "csv":
					err = writeEstimatesCSV(&o.buf, rows)
				default:
					l := *lang
					t := newTable(heads(l, eHead...)...).right(1, 2, 3, 4, 5, 6).in(l)
					for _, r := range rows {
						t.add(r.Unit, fmt.Sprint(r.N), fixed(float64(r.Estimate), 4), fixed(float64(r.SE), 4), fixed(float64(r.Lower), 4), fixed(float64(r.Upper), 4), fixed(float64(r.Deff), 3))
					}
					fmt.Fprint(&o.buf, inEach(l, "\n", func(l report.Lang) string {
						title := eTitle
						if scale == 100 {
							title = eTitlePct
						}
						line := tr(l, title, tr(l, measureText(scaleName, m)), unitCol, num(100*level))
						if shares != nil {
							line += tr(l, eShares, sharesText(shares, l))
						}
						return line
					}))
					fmt.Fprint(&o.buf, "\n\n")
					if f.name == "markdown" {
						t.markdown(&o.buf)
					} else {
						t.write(&o.buf)
					}
					missingNote(&o.buf, l, t, eMissing)
				}
				if err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}

// parseEnum parses an enum name, accepting "_" and "-" alike.
func parseEnum(v interface{ UnmarshalText([]byte) error }, s string) error {
	err := v.UnmarshalText([]byte(s))
	if err == nil {
		return nil
	}
	for _, alt := range []string{strings.ReplaceAll(s, "_", "-"), strings.ReplaceAll(s, "-", "_")} {
		if alt != s && v.UnmarshalText([]byte(alt)) == nil {
			return nil
		}
	}
	return err
}

// The texts of estimate's table.
var (
	eTitle = report.Text{ZH: "%[1]s（按%[2]s），%[3]s%%置信区间", EN: "%[1]s by %[2]s, %[3]s%% intervals"}
	// eTitlePct is eTitle for -percent: the Chinese gives the unit of
	// the estimates and their intervals, %.
	eTitlePct = report.Text{ZH: "%[1]s（%%，按%[2]s），%[3]s%%置信区间", EN: "%[1]s by %[2]s, %[3]s%% intervals"}
	// eMissing says why a figure of the table is missing: a standard
	// error that a replicate leaves without weight (-empty-replicate
	// na), a design effect that cannot be computed (fewer than 2
	// respondents, weights summing to at most n) or that replicate
	// standard errors and combined groups do not give.
	eMissing = report.Text{ZH: "该项无法计算或不适用", EN: "not available"}
	eShares  = report.Text{ZH: "；受访者群体权重：%s", EN: "; respondent groups weighted %s"}
	eHead    = []report.Text{report.TermUnit.Text(), {ZH: "样本量", EN: "n"}, {ZH: "估计值", EN: "estimate"}, {ZH: "标准误", EN: "se"},
		{ZH: "下限", EN: "lower"}, {ZH: "上限", EN: "upper"}, {ZH: "设计效应", EN: "deff"}}
	eMeasures = map[string]report.Text{"mean": {ZH: "均值", EN: "mean"}, "mean-score": {ZH: "满意度得分", EN: "mean-score"},
		"satisfaction-rate": {ZH: "满意率", EN: "satisfaction-rate"}, "net-satisfaction": {ZH: "净满意度", EN: "net-satisfaction"}}
)

// measureText is the measure's name in both languages.
func measureText(scale string, m survey.Measure) report.Text {
	name := measureName(scale, m)
	if t, ok := eMeasures[name]; ok {
		return t
	}
	return report.Text{ZH: name, EN: name}
}

func measureName(scale string, m survey.Measure) string {
	if scale == "" {
		return "mean"
	}
	return m.String()
}

type unitEstimate struct {
	Unit     string `json:"unit"`
	N        int    `json:"n"`
	Estimate jnum   `json:"estimate"`
	SE       jnum   `json:"se"`
	Lower    jnum   `json:"lower"`
	Upper    jnum   `json:"upper"`
	Deff     jnum   `json:"deff"`
}

func writeEstimatesCSV(w io.Writer, rows []unitEstimate) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"unit", "n", "estimate", "se", "lower", "upper", "deff"})
	for _, r := range rows {
		cw.Write([]string{r.Unit, fmt.Sprint(r.N), num(float64(r.Estimate)), num(float64(r.SE)), num(float64(r.Lower)), num(float64(r.Upper)), num(float64(r.Deff))})
	}
	cw.Flush()
	return cw.Error()
}

// answers returns each respondent's value: the number, or the value of
// the answer's category under the measure (NaN for excluded or empty).
func answers(e *env, rf *respondentFile, col, scaleName string, m survey.Measure) ([]float64, error) {
	if scaleName == "" {
		return rf.numeric(col, "-answer", true)
	}
	sc, err := e.loadScale(scaleName)
	if err != nil {
		return nil, err
	}
	vals := sc.Values(m)
	pos := make([]int, len(sc.Categories)) // category index to value index
	k := 0
	for c, cat := range sc.Categories {
		pos[c] = -1
		if cat.Class != survey.ClassExcluded {
			pos[c] = k
			k++
		}
	}
	c, err := rf.column(col, "-answer")
	if err != nil {
		return nil, err
	}
	y := make([]float64, len(c))
	for i, a := range c {
		y[i] = math.NaN()
		if a == "" || a == "NA" {
			continue
		}
		idx, ok := sc.Index(a)
		if !ok {
			return nil, fmt.Errorf("%s: answer %q is not on the %s scale", rf.where(i, col), a, sc.Name)
		}
		if pos[idx] >= 0 {
			y[i] = vals[pos[idx]]
		}
	}
	return y, nil
}

// scalePreset is a preset scale of -scale.
type scalePreset struct {
	name  string
	scale func() survey.Scale
}

// scalePresets are the preset scales of -scale, in the order the help
// lists them.
var scalePresets = []scalePreset{
	{"hangzhou", survey.HangzhouScale},
	{"shandong", survey.ShandongScale},
	{"nanjing", survey.NanjingScale},
	{"happy-guangdong", survey.HappyGuangdongScale},
	{"chongqing", survey.ChongqingScale},
	{"ten", survey.TenPointScale},
	{"hundred", survey.HundredPointScale},
}

// loadScale returns a preset scale by name, or reads one from a JSON
// file.
func (e *env) loadScale(scaleName string) (survey.Scale, error) {
	var sc survey.Scale
	names := make([]string, len(scalePresets))
	for k, p := range scalePresets {
		if p.name == scaleName {
			return p.scale(), nil
		}
		names[k] = p.name
	}
	if scaleName != "-" {
		if _, err := os.Stat(scaleName); errors.Is(err, fs.ErrNotExist) {
			return sc, usagef("-scale: unknown scale preset or file: %s (presets: %s)", scaleName, strings.Join(names, ", "))
		}
	}
	b, err := e.readInput(scaleName)
	if err != nil {
		return sc, err
	}
	if b, err = jsonin.Check(b); err != nil {
		return sc, fmt.Errorf("%s: %v", displayName(scaleName), err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return sc, fmt.Errorf("%s: %v", displayName(scaleName), err)
	}
	if err := sc.Validate(); err != nil {
		return sc, fmt.Errorf("%s: %s", displayName(scaleName), trimSurvey(err))
	}
	return sc, nil
}

// groupShare is a respondent group's share of a unit's value.
type groupShare struct {
	Group string  `json:"group"`
	Share float64 `json:"share"`
}

// parseGroupWeights parses "a=0.6,b=0.4" or "a=6,b=4": non-negative,
// finite ratios with a positive sum, returned as shares (divided by the
// sum) in the order given, with the sum.
func parseGroupWeights(s string) ([]groupShare, float64, error) {
	var out []groupShare
	seen := map[string]bool{}
	var sum float64
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, 0, fmt.Errorf("%q is not group=weight", kv)
		}
		if seen[k] {
			return nil, 0, fmt.Errorf("group %q given twice", k)
		}
		seen[k] = true
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !(x >= 0) || math.IsInf(x, 0) {
			return nil, 0, fmt.Errorf("group %q: weight %q is not a non-negative number", k, strings.TrimSpace(v))
		}
		out = append(out, groupShare{k, x})
		sum += x
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return nil, 0, fmt.Errorf("weights sum to %s; want a positive sum", num(sum))
	}
	for i := range out {
		out[i].Share /= sum
	}
	return out, sum, nil
}

// sharesText lists group shares as "电话 60%, 问卷 40%".
func sharesText(shares []groupShare, l report.Lang) string {
	parts := make([]string, len(shares))
	for i, g := range shares {
		parts[i] = fmt.Sprintf("%s %s%%", g.Group, num(float64(100*g.Share)))
	}
	if l == report.English {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "、")
}

// weightsByID reads a weights CSV (ids in the column "id" or the first
// column, a "weight" column) and returns the weight of every respondent of rf.
func (e *env) weightsByID(file string, rf *respondentFile) ([]float64, error) {
	b, err := e.readTabular(file)
	if err != nil {
		return nil, err
	}
	wf, err := readRespondents(displayName(file), b)
	if err != nil {
		return nil, err
	}
	ws, err := wf.numeric("weight", "a \"weight\" column", false)
	if err != nil {
		return nil, err
	}
	by := make(map[string]float64, len(ws))
	for i := range ws {
		by[wf.id(i)] = ws[i]
	}
	out := make([]float64, rf.n)
	for i := range out {
		id := rf.id(i)
		v, ok := by[id]
		if !ok {
			return nil, fmt.Errorf("%s: respondent %q has no weight in %s", rf.where(i, rf.header[rf.idCol]), id, displayName(file))
		}
		out[i] = v
	}
	return out, nil
}

// replicates returns the replicate design of des under rs, with its
// progress shown in two phases: the replicate weights (each redoing the
// design's raking, calibration or trimming), then the design degrees of
// freedom, the numerical rank of the replicate weights, which is the
// long part of a bootstrap with many PSUs; cancelling stops either.
func (e *env) replicates(ctx context.Context, des *survey.Design, rs survey.ReplicateSettings) (*survey.ReplicateDesign, error) {
	pr := e.prog
	pr.phase("replicate weights", 0)
	rs.Progress = pr.update
	rd, err := des.Replicates(ctx, rs)
	if err != nil {
		return nil, err
	}
	pr.phase("degrees of freedom of the replicates", 0)
	if _, err := rd.DFContext(ctx); err != nil {
		return nil, err
	}
	pr.phase(e.cmd, 0)
	return rd, nil
}
