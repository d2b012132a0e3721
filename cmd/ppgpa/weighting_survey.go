package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/survey"
)

// surveyFlags are the flags shared by rake and calibrate.
type surveyFlags struct {
	weight       string
	diag         string
	lower, upper float64
	maxIter      int
	tol          float64
	o            output
}

func (s *surveyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.weight, "weight", "", "design weight `column` (default: the column \"weight\" if present, else 1)")
	fs.StringVar(&s.diag, "diag", "", "write the diagnostics as JSON to `file` instead of as text on standard error")
	fs.Float64Var(&s.lower, "lower", 0, "lower bound of the ratio of new to design weight (0: none)")
	fs.Float64Var(&s.upper, "upper", 0, "upper bound of the ratio of new to design weight (0: none)")
	fs.IntVar(&s.maxIter, "maxiter", 0, "maximum number of iterations (0: the default, 100 sweeps for rake, 50 steps for calibrate)")
	fs.Float64Var(&s.tol, "tol", 0, "tolerance on the relative margin error (0: 1e-10)")
	s.o.register(fs)
}

func (s *surveyFlags) check() error {
	for _, v := range []float64{s.lower, s.upper, s.tol} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return usagef("-lower, -upper and -tol must be finite and non-negative")
		}
	}
	if s.maxIter < 0 {
		return usagef("-maxiter must not be negative")
	}
	return nil
}

// weightDiag is the diagnostics of rake and calibrate.
type weightDiag struct {
	Method      string       `json:"method"`
	Respondents int          `json:"respondents"`
	Iterations  int          `json:"iterations"`
	Converged   bool         `json:"converged"`
	Cells       int          `json:"cells,omitempty"`
	Misfit      *jnum        `json:"misfit,omitempty"`
	Targets     []targetDiag `json:"targets"`
	SumWeights  jnum         `json:"sum_weights"`
	MinWeight   jnum         `json:"min_weight"`
	MaxWeight   jnum         `json:"max_weight"`
	MinG        jnum         `json:"min_g"`
	MaxG        jnum         `json:"max_g"`
	KishDeff    jnum         `json:"kish_deff"`
	EffectiveN  jnum         `json:"effective_n"`
}

type targetDiag struct {
	Variable string `json:"variable"`
	Level    string `json:"level,omitempty"`
	Target   jnum   `json:"target"`
	Achieved jnum   `json:"achieved"`
}

// finish writes the weights CSV and the diagnostics.
func (s *surveyFlags) finish(e *env, rf *respondentFile, d, w []float64, diag *weightDiag, ts []target) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write([]string{rf.header[0], "design_weight", "weight", "g"})
	diag.Respondents = len(w)
	diag.MinWeight, diag.MaxWeight = jnum(math.Inf(1)), jnum(math.Inf(-1))
	diag.MinG, diag.MaxG = jnum(math.Inf(1)), jnum(math.Inf(-1))
	sum := 0.0
	for i := range w {
		g := math.NaN()
		if d[i] > 0 {
			g = w[i] / d[i]
			diag.MinG, diag.MaxG = jnum(math.Min(float64(diag.MinG), g)), jnum(math.Max(float64(diag.MaxG), g))
		}
		diag.MinWeight, diag.MaxWeight = jnum(math.Min(float64(diag.MinWeight), w[i])), jnum(math.Max(float64(diag.MaxWeight), w[i]))
		sum += w[i]
		cw.Write([]string{rf.ids[i], num(d[i]), num(w[i]), num(g)})
	}
	cw.Flush()
	diag.SumWeights = jnum(sum)
	if k, err := survey.Kish(w); err == nil {
		diag.KishDeff, diag.EffectiveN = jnum(k.Deff), jnum(k.NEff)
	} else {
		diag.KishDeff, diag.EffectiveN = jnum(math.NaN()), jnum(math.NaN())
	}
	for _, t := range ts {
		got := 0.0
		if t.Numeric {
			x, _ := rf.numeric(t.Variable, "", true)
			for i := range w {
				if !math.IsNaN(x[i]) {
					got += float64(w[i] * x[i])
				}
			}
		} else {
			for i, v := range rf.cols[t.Variable] {
				if v == t.Level {
					got += w[i]
				}
			}
		}
		diag.Targets = append(diag.Targets, targetDiag{t.Variable, t.Level, jnum(t.Total), jnum(got)})
	}
	s.o.buf.Write(buf.Bytes())
	if err := s.o.flush(e); err != nil {
		return err
	}
	if s.diag != "" {
		var jb bytes.Buffer
		if err := writeJSON(&jb, diag); err != nil {
			return err
		}
		if err := os.WriteFile(s.diag, jb.Bytes(), 0o644); err != nil {
			return fileErr(s.diag, err)
		}
		return nil
	}
	writeDiagText(e.stderr, diag)
	return nil
}

func writeDiagText(w io.Writer, d *weightDiag) {
	fmt.Fprintf(w, "%s: %d respondents, %d iterations, converged: %v", d.Method, d.Respondents, d.Iterations, d.Converged)
	if d.Cells > 0 {
		fmt.Fprintf(w, ", %d cells", d.Cells)
	}
	if d.Misfit != nil {
		fmt.Fprintf(w, ", misfit %.3g", float64(*d.Misfit))
	}
	fmt.Fprintf(w, "\nweights: sum %s, min %s, max %s; g from %s to %s; Kish deff %s, effective n %s\n",
		fixed(float64(d.SumWeights), 4), fixed(float64(d.MinWeight), 4), fixed(float64(d.MaxWeight), 4),
		fixed(float64(d.MinG), 4), fixed(float64(d.MaxG), 4), fixed(float64(d.KishDeff), 4), fixed(float64(d.EffectiveN), 1))
	t := newTable("variable", "level", "target", "achieved").right(2, 3)
	for _, x := range d.Targets {
		t.add(x.Variable, x.Level, num(float64(x.Target)), fixed(float64(x.Achieved), 6))
	}
	t.write(w)
}

func rakeCommand() *command {
	return &command{
		name:    "rake",
		args:    "RESPONDENTS MARGINS",
		summary: "rake respondents' weights to population margins (iterative proportional fitting)",
		example: `RESPONDENTS is a CSV file with a header row, one row per respondent and the
respondent ids in the first column; the other columns hold the design
weight and the variables of the margins. MARGINS gives the population count
of every level of each variable, as JSON

  {"sex": {"男": 5200, "女": 4800}, "age": {"18-39": 4100, "40-59": 3600, "60+": 2300}}

or as CSV with the header variable,level,total. The raked weights go to
standard output (or -o) as CSV: id, design_weight, weight, g = weight /
design_weight; the diagnostics (iterations, margins reached, Kish design
effect) go to standard error, or as JSON to -diag.

Examples:
  ppgpa rake respondents.csv margins.json > weights.csv
  ppgpa rake -weight w0 -lower 0.3 -upper 3 -diag diag.json -o weights.csv respondents.csv margins.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var s surveyFlags
			s.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if err := nargs(args, "RESPONDENTS", "MARGINS"); err != nil {
					return err
				}
				if err := s.check(); err != nil {
					return err
				}
				rf, d, ts, err := loadWeighting(e, args, s.weight)
				if err != nil {
					return err
				}
				var margins []survey.Margin
				for k := 0; k < len(ts); {
					v := ts[k].Variable
					pop := map[string]float64{}
					for ; k < len(ts) && ts[k].Variable == v; k++ {
						if ts[k].Numeric {
							return fmt.Errorf("%s: %s: raking needs level counts, not a numeric total (use calibrate)", displayName(args[1]), v)
						}
						pop[ts[k].Level] = ts[k].Total
					}
					vals, err := rf.column(v, "the margins' variable names")
					if err != nil {
						return err
					}
					for i, x := range vals {
						if _, ok := pop[x]; !ok {
							return fmt.Errorf("%s: level %q has no population count in %s", rf.where(i, v), x, displayName(args[1]))
						}
					}
					m, err := survey.NewMargin(v, vals, pop)
					if err != nil {
						return rf.surveyErr(err)
					}
					margins = append(margins, m)
				}
				res, err := survey.Rake(ctx, d, margins, survey.RakeSettings{MaxIter: s.maxIter, Tol: s.tol, Lower: s.lower, Upper: s.upper})
				if err != nil {
					return rf.surveyErr(err)
				}
				return s.finish(e, rf, d, res.Weights, &weightDiag{Method: "rake", Iterations: res.Iterations, Converged: true, Cells: res.Cells}, ts)
			}
		},
	}
}

// loadWeighting reads the respondents, their design weights and the
// targets.
func loadWeighting(e *env, args []string, weight string) (*respondentFile, []float64, []target, error) {
	b, err := e.readInput(args[0])
	if err != nil {
		return nil, nil, nil, err
	}
	rf, err := readRespondents(displayName(args[0]), b)
	if err != nil {
		return nil, nil, nil, err
	}
	b, err = e.readInput(args[1])
	if err != nil {
		return nil, nil, nil, err
	}
	ts, err := readTargets(displayName(args[1]), b)
	if err != nil {
		return nil, nil, nil, err
	}
	d, err := rf.weights(weight)
	if err != nil {
		return nil, nil, nil, err
	}
	return rf, d, ts, nil
}

func calibrateCommand() *command {
	return &command{
		name:    "calibrate",
		args:    "RESPONDENTS TOTALS",
		summary: "calibrate respondents' weights to population totals (GREG, raking or logit distance)",
		example: `RESPONDENTS is as for rake. TOTALS gives population totals, as JSON

  {"sex": {"男": 5200, "女": 4800}, "income": 52000000}

(an object: the count of each level of a categorical variable; a number:
the population total of a numeric column) or as CSV with the header
variable,level,total and an empty level for a numeric total. The first
categorical variable enters with every level (so the population size is
fixed), the others without their first level (sorted), numeric variables
as they are. Output and diagnostics are as for rake.

Examples:
  ppgpa calibrate respondents.csv totals.json > weights.csv
  ppgpa calibrate -distance logit -lower 0.5 -upper 2 respondents.csv totals.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var s surveyFlags
			var dist string
			s.register(fs)
			fs.StringVar(&dist, "distance", "linear", "calibration `distance`: linear (GREG), raking or logit")
			return func(ctx context.Context, e *env, args []string) error {
				if err := nargs(args, "RESPONDENTS", "TOTALS"); err != nil {
					return err
				}
				if err := s.check(); err != nil {
					return err
				}
				var cs survey.CalibrateSettings
				if err := cs.Distance.UnmarshalText([]byte(dist)); err != nil {
					return usagef("-distance: %v", err)
				}
				cs.Lower, cs.Upper, cs.MaxIter, cs.Tol = s.lower, s.upper, s.maxIter, s.tol
				if cs.Distance == survey.Logit && !(cs.Lower < 1 && cs.Upper > 1) {
					return usagef("-distance logit needs bounds -lower < 1 < -upper (e.g. -lower 0.5 -upper 2)")
				}
				rf, d, ts, err := loadWeighting(e, args, s.weight)
				if err != nil {
					return err
				}
				var cols [][]float64
				var T []float64
				firstCat := true
				for k := 0; k < len(ts); {
					v := ts[k].Variable
					start := k
					for k < len(ts) && ts[k].Variable == v {
						k++
					}
					if ts[start].Numeric {
						x, err := rf.numeric(v, "the totals' variable names", false)
						if err != nil {
							return err
						}
						cols, T = append(cols, x), append(T, ts[start].Total)
						continue
					}
					vals, err := rf.column(v, "the totals' variable names")
					if err != nil {
						return err
					}
					levels := map[string]bool{}
					for _, t := range ts[start:k] {
						levels[t.Level] = true
					}
					for i, x := range vals {
						if !levels[x] {
							return fmt.Errorf("%s: level %q has no population total in %s", rf.where(i, v), x, displayName(args[1]))
						}
					}
					from := start
					if !firstCat {
						from++
					}
					firstCat = false
					for _, t := range ts[from:k] {
						x := make([]float64, len(vals))
						for i, val := range vals {
							if val == t.Level {
								x[i] = 1
							}
						}
						cols, T = append(cols, x), append(T, t.Total)
					}
				}
				if len(cols) == 0 {
					return fmt.Errorf("%s: no totals to calibrate to", displayName(args[1]))
				}
				x := mat.NewDense(len(rf.ids), len(cols), nil)
				for j, c := range cols {
					for i, v := range c {
						x.Set(i, j, v)
					}
				}
				res, err := survey.Calibrate(ctx, d, x, T, cs)
				if err != nil {
					return rf.surveyErr(err)
				}
				m := jnum(res.Misfit)
				return s.finish(e, rf, d, res.Weights, &weightDiag{Method: "calibrate (" + cs.Distance.String() + ")", Iterations: res.Iterations, Converged: true, Misfit: &m}, ts)
			}
		},
	}
}
