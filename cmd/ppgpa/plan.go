package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/internal/special"
	"github.com/ppgpa/ppgpa/survey"
)

func planCommand() *command {
	return &command{
		name:    "plan",
		args:    "[STRATA]",
		summary: "plan a survey: sample size for a margin of error, and its allocation across strata",
		long:    true,
		example: `The sample size for a proportion (or satisfaction rate) with the margin
of error -margin at confidence -level (Cochran 1977, 4.4-4.5, as
survey.SampleSize):

  n0 = z^2 p(1-p) / margin^2        z = qnorm((1 + level)/2)
  n  = n0 * deff                    (-deff, the anticipated design effect)
  n1 = n / (1 + (n-1)/N)            (-population N; none when 0)
  to approach = n1 / response rate  (-response-rate)

n1 and the number to approach are rounded up. STRATA, if given, is a CSV
file with a header row and the columns stratum, N (its population size)
and optionally sd (the anticipated standard deviation, needed by Neyman
allocation). The sample, n1 or -n, is then spread across the strata by
-allocation (survey.Allocate):

  proportional  n_h = n N_h / N
  neyman        n_h = n N_h S_h / sum_k N_k S_k
  equal         n_h = n / H

with at least -min per stratum (strata below it get -min and the rest is
spread over the others by the same rule). The exact allocation is rounded
to whole interviews by largest remainders, so that the strata add up to n;
"to approach" divides each by the response rate and rounds up. With
STRATA and no -population, the population is the sum of the N_h.

The table and the headings of -format xlsx are in Chinese (-lang en for
English, -lang both for both); the column names of -format csv and the
keys of -format json stay as they are whatever -lang says.

Examples:
  ppgpa plan -margin 0.03
  ppgpa plan -margin 0.03 -deff 1.5 -population 250000 -response-rate 0.6
  ppgpa plan -margin 0.04 -deff 1.3 -allocation neyman -min 30 strata.csv
  ppgpa plan -n 300 -allocation neyman -format csv strata.csv

strata.csv:
  stratum,N,sd
  城区,1200,10
  近郊,800,25
  远郊,350,40
  山区,150,80`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var (
				ss    survey.SampleSizeSettings
				n     int
				alloc string
				min   float64
				f     format
				o     output
			)
			fs.Float64Var(&ss.Margin, "margin", 0, "wanted `half-width` of the confidence interval of a proportion, e.g. 0.03 for ±3 points")
			fs.Float64Var(&ss.Level, "level", 0.95, "confidence `level`")
			fs.Float64Var(&ss.P, "p", 0.5, "anticipated `proportion` (0.5 is the most conservative)")
			fs.Float64Var(&ss.Deff, "deff", 1, "anticipated design `effect`")
			fs.Float64Var(&ss.Population, "population", 0, "population `size` for the finite-population correction (0: infinite, or the sum of the strata's N)")
			fs.Float64Var(&ss.ResponseRate, "response-rate", 1, "anticipated response `rate` in (0, 1]")
			fs.IntVar(&n, "n", 0, "allocate this many completed interviews across the strata of STRATA instead of computing them from -margin")
			fs.StringVar(&alloc, "allocation", "proportional", "allocation `rule` across strata: proportional, neyman or equal")
			fs.Float64Var(&min, "min", 0, "minimum sample per stratum")
			f.register(fs, "table", "table", "csv", "json")
			lang := langFlag(fs, "the table")
			o.register(fs)
			(&inputFlags{}).registerReading(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 1 {
					return usagef("want at most one argument, STRATA; got %d", len(args))
				}
				if err := f.check(); err != nil {
					return err
				}
				var method survey.Allocation
				if err := method.UnmarshalText([]byte(alloc)); err != nil {
					return usagef("-allocation: unknown rule %q (want proportional, neyman or equal)", alloc)
				}
				if err := checkPlanFlags(fs, &ss, n, min, len(args)); err != nil {
					return err
				}
				p := &planResult{lang: *lang}
				var st *strata
				e.prog.steps("plan", planSteps...)
				if len(args) == 1 {
					b, err := e.readTabular(args[0])
					if err != nil {
						return err
					}
					if st, err = readStrata(displayName(args[0]), b); err != nil {
						return err
					}
					if err := ctx.Err(); err != nil {
						return err
					}
					e.prog.stepDone(stepRead)
					if method == survey.Neyman && st.sd == nil {
						return fmt.Errorf("%s: Neyman allocation needs a third column, sd, with each stratum's standard deviation", st.file)
					}
					if ss.Population == 0 && ss.Margin > 0 {
						for _, v := range st.N {
							ss.Population += v
						}
						p.PopulationFromStrata = true
					}
				}
				total := n
				if ss.Margin > 0 {
					r, err := survey.SampleSize(ss)
					if err != nil {
						return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "survey: "))
					}
					p.Size = &sizeResult{Margin: ss.Margin, Level: ss.Level, P: ss.P, Deff: ss.Deff, Population: ss.Population, ResponseRate: ss.ResponseRate,
						SRS: jnum(r.SRS), Design: jnum(r.Design), Completed: jnum(r.Completed), Issued: jnum(r.Issued), CompletedInt: r.CompletedInt, IssuedInt: r.IssuedInt}
					total = r.CompletedInt
				}
				if st != nil {
					a, err := allocate(st, total, method, min, ss.ResponseRate)
					if err != nil {
						return err
					}
					if err := ctx.Err(); err != nil {
						return err
					}
					e.prog.stepDone(stepAllocate)
					p.Allocation = a
				}
				switch f.name {
				case "json":
					if err := writeJSON(&o.buf, p); err != nil {
						return err
					}
				case "csv":
					p.writeCSV(&o.buf)
				default:
					p.writeText(&o.buf)
				}
				return o.flush(e)
			}
		},
	}
}

// checkPlanFlags checks the flags of plan: either -margin or -n (with a
// STRATA file, nargs > 0), and every number in its range.
func checkPlanFlags(fs *flag.FlagSet, ss *survey.SampleSizeSettings, n int, min float64, nargs int) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["margin"] && set["n"]:
		return usagef("give either -margin (to compute the sample size) or -n (a given sample size), not both")
	case !set["margin"] && !set["n"]:
		return usagef("give -margin (e.g. -margin 0.03 for ±3 points) or -n")
	case set["n"] && (n <= 0 || int64(n) > survey.MaxSampleSize):
		return usagef("-n must be between 1 and %d, not %d", int64(survey.MaxSampleSize), n)
	case set["n"] && nargs == 0:
		return usagef("-n allocates a given sample across strata: give the STRATA file")
	}
	if set["margin"] && !(ss.Margin > 0 && ss.Margin < 1) {
		return usagef("-margin must be in (0, 1), e.g. 0.03 for ±3 points; got %v", ss.Margin)
	}
	if !(ss.Level > 0 && ss.Level < 1) {
		return usagef("-level must be in (0, 1), e.g. 0.95; got %v", ss.Level)
	}
	if !(ss.P > 0 && ss.P < 1) {
		return usagef("-p must be in (0, 1); got %v", ss.P)
	}
	if !(ss.Deff > 0) || math.IsInf(ss.Deff, 0) {
		return usagef("-deff must be positive and finite; got %v", ss.Deff)
	}
	if !(ss.Population >= 0) || math.IsInf(ss.Population, 0) {
		return usagef("-population must be finite and non-negative; got %v", ss.Population)
	}
	if !(ss.ResponseRate > 0 && ss.ResponseRate <= 1) {
		return usagef("-response-rate must be in (0, 1]; got %v", ss.ResponseRate)
	}
	if !(min >= 0) || math.IsInf(min, 0) {
		return usagef("-min must be finite and non-negative; got %v", min)
	}
	return nil
}

// planResult is the output of plan.
type planResult struct {
	Size *sizeResult `json:"sample_size,omitempty"`
	// PopulationFromStrata says that the population size is the sum of
	// the strata's N.
	PopulationFromStrata bool            `json:"population_from_strata,omitempty"`
	lang                 report.Lang     // -lang: the language of the table
	Allocation           *allocateResult `json:"allocation,omitempty"`
}

type sizeResult struct {
	Margin       float64 `json:"margin"`
	Level        float64 `json:"level"`
	P            float64 `json:"p"`
	Deff         float64 `json:"deff"`
	Population   float64 `json:"population"`
	ResponseRate float64 `json:"response_rate"`
	SRS          jnum    `json:"srs"`
	Design       jnum    `json:"design"`
	Completed    jnum    `json:"completed"`
	Issued       jnum    `json:"issued"`
	CompletedInt int     `json:"completed_int"`
	IssuedInt    int     `json:"issued_int"`
}

type allocateResult struct {
	Method string        `json:"method"`
	Min    float64       `json:"min"`
	N      int           `json:"n"`
	Strata []stratumPlan `json:"strata"`
}

type stratumPlan struct {
	Stratum string `json:"stratum"`
	N       jnum   `json:"N"`
	SD      *jnum  `json:"sd,omitempty"`
	Exact   jnum   `json:"exact"`
	Sample  int    `json:"n"`
	// Approach is Sample / response rate, rounded up.
	Approach int `json:"approach"`
}

// strata is the STRATA file of plan.
type strata struct {
	file  string
	names []string
	N, sd []float64 // sd nil without the column
}

// readStrata reads a CSV file with a header row and the columns stratum,
// N and optionally sd.
func readStrata(file string, b []byte) (*strata, error) {
	recs, err := readCSVRecords(file, b)
	if err != nil {
		return nil, err
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: want a header row (stratum,N[,sd]) and at least one stratum", file)
	}
	head := recs[0]
	if len(head) < 2 || len(head) > 3 {
		return nil, fmt.Errorf("%s: line 1: want the columns stratum,N or stratum,N,sd; got %d columns", file, len(head))
	}
	st := &strata{file: file}
	if len(head) == 3 {
		st.sd = []float64{}
	}
	seen := map[string]int{}
	for i, r := range recs[1:] {
		line := i + 2
		if len(r) != len(head) {
			return nil, fmt.Errorf("%s: line %d: %d fields, want %d as in the header", file, line, len(r), len(head))
		}
		name := strings.TrimSpace(r[0])
		if name == "" {
			return nil, fmt.Errorf("%s: line %d, column 1 (%s): empty stratum name", file, line, head[0])
		}
		if l, dup := seen[name]; dup {
			return nil, fmt.Errorf("%s: line %d, column 1 (%s): stratum %q already on line %d", file, line, head[0], name, l)
		}
		seen[name] = line
		var vals [2]float64
		for j := 1; j < len(r); j++ {
			s := strings.TrimSpace(r[j])
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s: line %d, column %d (%s): %q is not a finite non-negative number", file, line, j+1, head[j], s)
			}
			vals[j-1] = v
		}
		st.names = append(st.names, name)
		st.N = append(st.N, vals[0])
		if st.sd != nil {
			st.sd = append(st.sd, vals[1])
		}
	}
	return st, nil
}

// allocate spreads n completed interviews across the strata and rounds
// the allocation by largest remainders.
func allocate(st *strata, n int, method survey.Allocation, min, rr float64) (*allocateResult, error) {
	if h := len(st.N); float64(h)*min > float64(n) {
		return nil, fmt.Errorf("%s: -min %v for %d strata needs a sample of at least %v, but it is %d", st.file, min, h, float64(h)*min, n)
	}
	var S []float64
	if method == survey.Neyman {
		S = st.sd
	}
	exact, err := survey.Allocate(float64(n), st.N, S, survey.AllocateSettings{Method: method, Min: min})
	if err != nil {
		what := "sizes N"
		if method == survey.Neyman {
			what = "products N*sd"
		}
		return nil, fmt.Errorf("%s: cannot allocate by %v: the strata's %s sum to 0", st.file, method, what)
	}
	for h, v := range exact {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: stratum %q: allocation %v: the strata's sizes (or N*sd) are too large to add up", st.file, st.names[h], v)
		}
	}
	ints := largestRemainder(exact, n)
	a := &allocateResult{Method: method.String(), Min: min, N: n}
	for h, name := range st.names {
		sp := stratumPlan{Stratum: name, N: jnum(st.N[h]), Exact: jnum(exact[h]), Sample: ints[h],
			Approach: int(math.Ceil(float64(ints[h])/rr - 1e-9))}
		if st.sd != nil {
			v := jnum(st.sd[h])
			sp.SD = &v
		}
		a.Strata = append(a.Strata, sp)
	}
	return a, nil
}

// largestRemainder rounds x (non-negative, summing to n up to rounding)
// to integers summing to n: each gets floor(x_h), and the units left go
// to the largest fractional parts (Hamilton's method), ties to the first
// stratum.
func largestRemainder(x []float64, n int) []int {
	out := make([]int, len(x))
	left := n
	idx := make([]int, len(x))
	for h, v := range x {
		out[h] = int(math.Floor(v))
		left -= out[h]
		idx[h] = h
	}
	frac := func(h int) float64 { return x[h] - float64(out[h]) }
	sort.SliceStable(idx, func(a, b int) bool { return frac(idx[a]) > frac(idx[b]) })
	for k := 0; left > 0 && len(idx) > 0; k = (k + 1) % len(idx) {
		out[idx[k]]++
		left--
	}
	return out
}

// The texts of plan's table.
var (
	pSize = report.Text{ZH: "比例估计所需样本量：误差限±%[4]s个百分点，置信水平%[2]s%%，预计比例p = %[3]s", EN: "sample size for a proportion: margin ±%[1]s at %[2]s%% confidence, p = %[3]s"}
	// pSRSFormula and pDeffFormula are the formulas of the first two
	// steps; the Chinese names the margin e and says what each symbol
	// is in pWhere, as Chinese textbooks write a formula (式中……).
	pSRSFormula  = report.Text{ZH: "n0 = z² p(1-p) / e²", EN: "n0 = z² p(1-p) / margin²"}
	pDeffFormula = report.Text{ZH: "n = n0 × 设计效应", EN: "n = n0 × deff"}
	pWhere       = report.Text{ZH: "式中：z为置信水平%[1]s%%对应的标准正态分位数（%[2]s），p为预计比例（%[3]s），e为误差限（%[4]s，即%[5]s个百分点）",
		EN: "where z is the standard normal quantile for %[1]s%% confidence (%[2]s), p the expected proportion (%[3]s), margin the margin of error (%[4]s, i.e. %[5]s percentage points), deff the design effect"}
	pWhereN   = report.Text{ZH: "，N为总体人数", EN: ", N the population size"}
	pSizeHead = []report.Text{{ZH: "步骤", EN: "step"}, {ZH: "公式", EN: "formula"}, {ZH: "数值", EN: "value"}}
	pSRS      = report.Text{ZH: "简单随机抽样", EN: "simple random sample"}
	pDeff     = report.Text{ZH: "设计效应（%s）", EN: "design effect %s"}
	pPop      = report.Text{ZH: "总体人数（N = %s）", EN: "population %s"}
	pPopSt    = report.Text{ZH: "总体人数（N = %s，各层合计）", EN: "population %s (strata)"}
	pDone     = report.Text{ZH: "完成访问数", EN: "completed interviews"}
	pRoundUp  = report.Text{ZH: "向上取整", EN: "rounded up"}
	pRate     = report.Text{ZH: "应答率（%[2]s%%）", EN: "response rate %[1]s"}
	pApproach = report.Text{ZH: "应联系数 = n1 / 应答率，向上取整", EN: "to approach = n1 / rate, rounded up"}
	pAlloc    = report.Text{ZH: "%[1]d份完成访问在%[2]d个层中的分配（%[3]s）", EN: "allocation of %[1]d completed interviews across %[2]d strata (%[3]s)"}
	pAtLeast  = report.Text{ZH: "，每层至少%s份", EN: ", at least %s per stratum"}
	pAllocHd  = []report.Text{{ZH: "层", EN: "stratum"}, {ZH: "总体人数", EN: "N"}, {ZH: "标准差", EN: "sd"}, {ZH: "分配数（未取整）", EN: "exact"}, {ZH: "完成访问数", EN: "n"}, {ZH: "应联系数", EN: "to approach"}}
	pOver     = report.Text{ZH: "注意：%s的分配数超过该层总体人数：这些层全部调查，其余样本在其他层中分配", EN: "note: the allocation exceeds the stratum size in %s: take those strata whole and spread the rest over the others"}
	pRules    = map[string]report.Text{"proportional": {ZH: "按比例分配", EN: "proportional"}, "neyman": {ZH: "奈曼分配", EN: "neyman"}, "equal": {ZH: "等额分配", EN: "equal"}}
)

func (p *planResult) writeText(w *bytes.Buffer) {
	l := p.lang
	if s := p.Size; s != nil {
		fmt.Fprintf(w, "%s\n", trLines(l, pSize, num(s.Margin), num(float64(s.Level*100)), num(s.P), strconv.FormatFloat(100*s.Margin, 'g', 12, 64)))
		t := newTable(heads(l, pSizeHead...)...).right(2).in(l)
		t.add(tr(l, pSRS), tr(l, pSRSFormula), fixed(float64(s.SRS), 2))
		t.add(tr(l, pDeff, num(s.Deff)), tr(l, pDeffFormula), fixed(float64(s.Design), 2))
		if s.Population > 0 {
			pop := pPop
			if p.PopulationFromStrata {
				pop = pPopSt
			}
			t.add(tr(l, pop, num(s.Population)), "n1 = n / (1 + (n-1)/N)", fixed(float64(s.Completed), 2))
		}
		t.add(tr(l, pDone), tr(l, pRoundUp), strconv.Itoa(s.CompletedInt))
		if s.ResponseRate < 1 {
			t.add(tr(l, pRate, num(s.ResponseRate), strconv.FormatFloat(100*s.ResponseRate, 'g', 12, 64)), tr(l, pApproach), strconv.Itoa(s.IssuedInt))
		}
		t.write(w)
		// The symbols of the formulas, as textbooks write them under a
		// formula (式中……, where ...); both languages: the Chinese line,
		// then the English, as the title.
		z := special.NormalQuantile((1 + s.Level) / 2)
		fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string {
			where := tr(l, pWhere, num(float64(s.Level*100)), fixed(z, 2), num(s.P), num(s.Margin), strconv.FormatFloat(100*s.Margin, 'g', 12, 64))
			if s.Population > 0 {
				where += tr(l, pWhereN)
			}
			if l == report.English {
				return where + "."
			}
			return where + "。"
		}))
	}
	if a := p.Allocation; a != nil {
		if p.Size != nil {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string {
			rule := a.Method
			if t, ok := pRules[a.Method]; ok {
				rule = tr(l, t)
			}
			if a.Min > 0 {
				rule += tr(l, pAtLeast, num(a.Min))
			}
			return tr(l, pAlloc, a.N, len(a.Strata), rule)
		}))
		t := newTable(heads(l, pAllocHd...)...).right(1, 2, 3, 4, 5).in(l)
		var over, overZH []string
		for _, s := range a.Strata {
			sd := ""
			if s.SD != nil {
				sd = num(float64(*s.SD))
			}
			t.add(s.Stratum, num(float64(s.N)), sd, fixed(float64(s.Exact), 2), strconv.Itoa(s.Sample), strconv.Itoa(s.Approach))
			if float64(s.Sample) > float64(s.N) {
				over = append(over, fmt.Sprintf("%s (%d > %s)", s.Stratum, s.Sample, num(float64(s.N))))
				overZH = append(overZH, fmt.Sprintf("%s（%d > %s）", s.Stratum, s.Sample, num(float64(s.N))))
			}
		}
		t.write(w)
		if len(over) > 0 {
			fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string {
				if l == report.English {
					return tr(l, pOver, strings.Join(over, ", "))
				}
				return tr(l, pOver, strings.Join(overZH, "、"))
			}))
		}
	}
}

func (p *planResult) writeCSV(w *bytes.Buffer) {
	cw := csv.NewWriter(w)
	if a := p.Allocation; a != nil {
		cw.Write([]string{"stratum", "N", "sd", "exact", "n", "approach"})
		for _, s := range a.Strata {
			sd := ""
			if s.SD != nil {
				sd = num(float64(*s.SD))
			}
			cw.Write([]string{s.Stratum, num(float64(s.N)), sd, num(float64(s.Exact)), strconv.Itoa(s.Sample), strconv.Itoa(s.Approach)})
		}
	} else if s := p.Size; s != nil {
		cw.Write([]string{"quantity", "value"})
		for _, r := range [][2]string{
			{"margin", num(s.Margin)}, {"level", num(s.Level)}, {"p", num(s.P)}, {"deff", num(s.Deff)},
			{"population", num(s.Population)}, {"response_rate", num(s.ResponseRate)},
			{"srs", num(float64(s.SRS))}, {"design", num(float64(s.Design))}, {"completed", num(float64(s.Completed))},
			{"issued", num(float64(s.Issued))}, {"completed_int", strconv.Itoa(s.CompletedInt)}, {"issued_int", strconv.Itoa(s.IssuedInt)},
		} {
			cw.Write(r[:])
		}
	}
	cw.Flush()
}
