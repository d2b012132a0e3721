package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/survey"
)

// surveyFlags are the flags shared by rake and calibrate.
type surveyFlags struct {
	weight       string
	diag         string
	lower, upper float64
	maxIter      int
	tol          float64
	trimLower    float64
	trimUpper    float64
	o            output
	f            format
	in           inputFlags
}

func (s *surveyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.weight, "weight", "", "design weight `column` (default: the column \"weight\" if present, else 1)")
	fs.StringVar(&s.diag, "diag", "", "write the diagnostics as JSON to `file` instead of as text on standard error")
	fs.Float64Var(&s.lower, "lower", 0, "lower bound of the ratio of new to design weight (0: none)")
	fs.Float64Var(&s.upper, "upper", 0, "upper bound of the ratio of new to design weight (0: none)")
	fs.IntVar(&s.maxIter, "maxiter", 0, "maximum number of iterations (0: the default, 100 sweeps for rake, 50 steps for calibrate)")
	fs.Float64Var(&s.tol, "tol", 0, "tolerance on the relative margin error (0: 1e-10)")
	fs.Float64Var(&s.trimLower, "trim-lower", 0, "then trim the weights to at least `w` (0: no lower bound; R survey's trimWeights)")
	fs.Float64Var(&s.trimUpper, "trim-upper", 0, "then trim the weights to at most `w` (0: no upper bound), spreading the excess over the others")
	s.f.register(fs, "csv", "csv")
	s.o.register(fs)
	s.in.registerReading(fs)
}

func (s *surveyFlags) check() error {
	if err := s.f.check(); err != nil {
		return err
	}
	for _, v := range []float64{s.lower, s.upper, s.tol} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return usagef("-lower, -upper and -tol must be finite and non-negative")
		}
	}
	for _, v := range []float64{s.trimLower, s.trimUpper} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return usagef("-trim-lower and -trim-upper must be finite and non-negative")
		}
	}
	if s.trimUpper > 0 && s.trimLower > s.trimUpper {
		return usagef("-trim-lower %v is above -trim-upper %v", s.trimLower, s.trimUpper)
	}
	if s.maxIter < 0 {
		return usagef("-maxiter must not be negative")
	}
	if s.upper > 0 && s.lower > s.upper {
		return usagef("-lower %v is above -upper %v", s.lower, s.upper)
	}
	return nil
}

// trim trims the weights w to [-trim-lower, -trim-upper] (R survey's
// trimWeights with strict = TRUE: repeated until no weight is outside,
// the total weight kept) and records what it did in diag. Without the
// flags it returns w.
func (s *surveyFlags) trim(rf *respondentFile, w []float64, diag *weightDiag) ([]float64, error) {
	if s.trimLower == 0 && s.trimUpper == 0 {
		return w, nil
	}
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	// Trimming keeps the total, so the bounds must hold the mean weight.
	n := float64(len(w))
	if mean := sum / n; float64(n*s.trimLower) > sum || s.trimUpper > 0 && float64(n*s.trimUpper) < sum {
		return nil, fmt.Errorf("-trim-lower %v, -trim-upper %v: trimming keeps the total weight %s of %d respondents, so the bounds must hold the mean weight %s",
			s.trimLower, s.trimUpper, fixed(sum, 4), len(w), fixed(mean, 4))
	}
	res, err := survey.TrimWeights(w, survey.TrimSettings{Lower: s.trimLower, Upper: s.trimUpper, Mode: survey.TrimRepeat})
	if err != nil {
		return nil, fmt.Errorf("-trim-lower/-trim-upper: %w", rf.surveyErr(err))
	}
	diag.Trim = &trimDiag{Lower: jnum(s.trimLower), Upper: jnum(s.trimUpper), OutsideBefore: res.OutsideBefore, Passes: res.Passes, Outside: res.Outside}
	if s.trimUpper == 0 {
		diag.Trim.Upper = jnum(math.Inf(1)) // written as null: no upper bound
	}
	return res.Weights, nil
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
	g           []jnum       // the g-weights, for the CSV
	// MarginErrors (rake) is, per margin, the largest relative error of
	// its levels after the last sweep.
	MarginErrors []marginDiag `json:"margin_errors,omitempty"`
	Trim         *trimDiag    `json:"trim,omitempty"`
	// Error is the reason the weighting failed (converged false).
	Error string `json:"error,omitempty"`
}

type targetDiag struct {
	Variable string `json:"variable"`
	Level    string `json:"level,omitempty"`
	Target   jnum   `json:"target"`
	Achieved jnum   `json:"achieved"`
}

type marginDiag struct {
	Variable    string `json:"variable"`
	MaxRelError jnum   `json:"max_rel_error"`
}

// trimDiag is what trimming did: the bounds (null: none), the number of
// weights outside them before trimming and after, and the passes made.
type trimDiag struct {
	Lower         jnum `json:"lower"`
	Upper         jnum `json:"upper"`
	OutsideBefore int  `json:"outside_before"`
	Passes        int  `json:"passes"`
	Outside       int  `json:"outside"`
}

// finish writes the weights CSV and the diagnostics.
func (s *surveyFlags) finish(e *env, rf *respondentFile, d, w []float64, diag *weightDiag, ts []target) error {
	w, err := s.trim(rf, w, diag)
	if err != nil {
		return err
	}
	summarize(rf, d, w, diag, ts)
	writeWeights(&s.o, rf, d, w, diag.g)
	diag.g = nil
	if err := s.o.flush(e); err != nil {
		return err
	}
	return s.writeDiag(e, diag)
}

// writeWeights writes the weights CSV: id, design_weight, weight, g, with
// numbers as num formats them (the bytes of encoding/csv), appended to
// the buffer row by row.
func writeWeights(o *output, rf *respondentFile, d, w []float64, g []jnum) {
	// Room for every row (an id, three numbers of at most 24 bytes), so
	// that the text is never copied to grow.
	b := makeLarge[byte](0, 64+rf.n*(8+3*24)+rf.idBytes())
	b = appendCSVRecord(b, rf.header[rf.idCol], "design_weight", "weight", "g")
	var nc numCache
	safe := true // no id needs neutralising (the numbers never do)
	for i := range w {
		k := len(b)
		b = rf.appendID(b, i)
		if safe && k < len(b) && strings.IndexByte("=+-@\t\r\"", b[k]) >= 0 {
			safe = false // tabular.SafeCSV decides (a quoted id too)
		}
		b = append(b, ',')
		b = nc.append(b, d[i])
		b = append(b, ',')
		b = nc.append(b, w[i])
		b = append(b, ',')
		b = nc.append(b, float64(g[i]))
		b = append(b, '\n')
	}
	o.setBytes(b)
	o.checked = safe && tabular.SafeCell(rf.header[rf.idCol]) == rf.header[rf.idCol]
}

// idBytes returns the length of all ids together.
func (rf *respondentFile) idBytes() int {
	n := 0
	for i := 0; i < rf.n; i++ {
		if rf.idc != nil {
			n += rf.idc.Size(i)
		} else {
			n += len(rf.idList[i])
		}
	}
	return n
}

// appendID appends the id of respondent i as a CSV field.
func (rf *respondentFile) appendID(b []byte, i int) []byte {
	n := len(b)
	if rf.idc != nil {
		b = rf.idc.AppendValue(b, i)
	} else {
		b = append(b, rf.idList[i]...)
	}
	if csvNeedsQuotes(b[n:]) {
		id := string(b[n:])
		b = appendCSVRecord(b[:n], id)
		b = b[:len(b)-1] // the record's line feed
	}
	return b
}

// numCache formats numbers as num does, remembering the text of recent
// numbers: weights take few distinct values when the design weights do
// (a raked weight is a design weight times its cell's factor).
type numCache struct {
	slot [8192]struct {
		bits uint64
		ok   bool
		n    uint8
		text [32]byte
	}
}

func (c *numCache) append(dst []byte, x float64) []byte {
	bits := math.Float64bits(x)
	e := &c.slot[(bits*0x9E3779B97F4A7C15)>>51]
	if e.ok && e.bits == bits {
		return append(dst, e.text[:e.n]...)
	}
	n := len(dst)
	dst = appendNum(dst, x)
	if len(dst)-n <= len(e.text) {
		e.bits, e.ok, e.n = bits, true, uint8(copy(e.text[:], dst[n:]))
	}
	return dst
}

// appendNum appends x as num formats it.
func appendNum(dst []byte, x float64) []byte {
	if math.IsNaN(x) {
		return append(dst, "NA"...)
	}
	return strconv.AppendFloat(dst, x, 'g', -1, 64)
}

// csvNeedsQuotes reports whether encoding/csv would quote the field
// (a separator, quote or line break inside, a leading space, or \.).
func csvNeedsQuotes(f []byte) bool {
	if len(f) == 0 {
		return false
	}
	if bytes.ContainsAny(f, ",\"\r\n") || string(f) == `\.` {
		return true
	}
	r, _ := utf8.DecodeRune(f)
	return unicode.IsSpace(r)
}

// appendCSVRecord appends the fields as one CSV record, as encoding/csv
// writes it.
func appendCSVRecord(dst []byte, fields ...string) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(fields)
	cw.Flush()
	return append(dst, b.Bytes()...)
}

// fail reports weighting that did not converge: no weights are written,
// the diagnostics go to -diag as JSON (with converged false, and the last
// weights' figures when the method gives them, else null), and the
// returned error says why, naming the margins or totals.
func (s *surveyFlags) fail(e *env, rf *respondentFile, d, w []float64, diag *weightDiag, ts []target, err error) error {
	diag.Converged = false
	diag.Error = err.Error()
	if w == nil {
		diag.Respondents = len(d)
		nan := jnum(math.NaN())
		diag.SumWeights, diag.MinWeight, diag.MaxWeight, diag.MinG, diag.MaxG, diag.KishDeff, diag.EffectiveN = nan, nan, nan, nan, nan, nan, nan
		for _, t := range ts {
			diag.Targets = append(diag.Targets, targetDiag{t.Variable, t.Level, jnum(t.Total), nan})
		}
	} else {
		summarize(rf, d, w, diag, ts)
		diag.g = nil
	}
	if s.diag == "" {
		return err // its one line says what the text diagnostics would
	}
	if werr := s.writeDiag(e, diag); werr != nil {
		return werr
	}
	// The diagnostics of the failure are the command's output.
	if werr := e.commit(); werr != nil {
		return werr
	}
	return err
}

// writeDiag writes the diagnostics as JSON to -diag, or as text on
// standard error.
func (s *surveyFlags) writeDiag(e *env, diag *weightDiag) error {
	if s.diag != "" {
		var jb bytes.Buffer
		if err := writeJSON(&jb, diag); err != nil {
			return err
		}
		e.stage(s.diag, jb.Bytes())
		return nil
	}
	writeDiagText(e.stderr, diag)
	return nil
}

// summarize fills in the weight statistics and the achieved totals of
// diag for the weights w (design weights d), and diag.g with the g-weights.
func summarize(rf *respondentFile, d, w []float64, diag *weightDiag, ts []target) {
	diag.Respondents = len(w)
	diag.g = make([]jnum, len(w))
	diag.MinWeight, diag.MaxWeight = jnum(math.Inf(1)), jnum(math.Inf(-1))
	diag.MinG, diag.MaxG = jnum(math.Inf(1)), jnum(math.Inf(-1))
	sum := 0.0
	for i := range w {
		g := math.NaN()
		if d[i] > 0 {
			g = w[i] / d[i]
			diag.MinG, diag.MaxG = jnum(math.Min(float64(diag.MinG), g)), jnum(math.Max(float64(diag.MaxG), g))
		}
		diag.g[i] = jnum(g)
		diag.MinWeight, diag.MaxWeight = jnum(math.Min(float64(diag.MinWeight), w[i])), jnum(math.Max(float64(diag.MaxWeight), w[i]))
		sum += w[i]
	}
	diag.SumWeights = jnum(sum)
	if k, err := survey.Kish(w); err == nil {
		diag.KishDeff, diag.EffectiveN = jnum(k.Deff), jnum(k.NEff)
	} else {
		diag.KishDeff, diag.EffectiveN = jnum(math.NaN()), jnum(math.NaN())
	}
	for k := 0; k < len(ts); {
		v := ts[k].Variable
		start := k
		for k < len(ts) && ts[k].Variable == v {
			k++
		}
		if ts[start].Numeric {
			got := 0.0
			x, _ := rf.numeric(v, "", true)
			for i := range w {
				if !math.IsNaN(x[i]) {
					got += float64(w[i] * x[i])
				}
			}
			diag.Targets = append(diag.Targets, targetDiag{v, "", jnum(ts[start].Total), jnum(got)})
			continue
		}
		// The weight of each of the column's values, summed in row order.
		var sums []float64
		var levels map[string]int
		if m, ok := rf.margins[v]; ok {
			sums = make([]float64, len(m.Levels))
			for i, code := range m.Codes {
				sums[code] += w[i]
			}
			levels = make(map[string]int, len(m.Levels))
			for l, x := range m.Levels {
				levels[x] = l
			}
		} else if c, err := rf.coded(v, ""); err == nil {
			sums = make([]float64, len(c.Levels))
			for i, code := range c.Codes {
				sums[code] += w[i]
			}
			levels = make(map[string]int, len(c.Levels))
			for l, x := range c.Levels {
				levels[x] = l
			}
		}
		for _, t := range ts[start:k] {
			got := 0.0
			if l, ok := levels[t.Level]; ok {
				got = sums[l]
			}
			diag.Targets = append(diag.Targets, targetDiag{t.Variable, t.Level, jnum(t.Total), jnum(got)})
		}
	}
}

func writeDiagText(w io.Writer, d *weightDiag) {
	fmt.Fprintf(w, "%s: %d respondents, %d iterations, converged: %v", d.Method, d.Respondents, d.Iterations, d.Converged)
	if d.Cells > 0 {
		fmt.Fprintf(w, ", %d cells", d.Cells)
	}
	if d.Misfit != nil {
		fmt.Fprintf(w, ", misfit %.3g", float64(*d.Misfit))
	}
	fmt.Fprintln(w)
	if tr := d.Trim; tr != nil {
		fmt.Fprintf(w, "trimmed to [%s, %s]: %d weights outside before, %d passes, %d outside after\n",
			num(float64(tr.Lower)), num(float64(tr.Upper)), tr.OutsideBefore, tr.Passes, tr.Outside)
	}
	if !math.IsNaN(float64(d.SumWeights)) {
		fmt.Fprintf(w, "weights: sum %s, min %s, max %s; g from %s to %s; Kish deff %s, effective n %s\n",
			fixed(float64(d.SumWeights), 4), fixed(float64(d.MinWeight), 4), fixed(float64(d.MaxWeight), 4),
			fixed(float64(d.MinG), 4), fixed(float64(d.MaxG), 4), fixed(float64(d.KishDeff), 4), fixed(float64(d.EffectiveN), 1))
	}
	if len(d.MarginErrors) > 0 && !d.Converged {
		t := newTable("margin", "max rel. error").right(1)
		for _, m := range d.MarginErrors {
			t.add(m.Variable, fmt.Sprintf("%.4g", float64(m.MaxRelError)))
		}
		t.write(w)
	}
	if math.IsNaN(float64(d.SumWeights)) {
		return // no weights, so nothing achieved
	}
	t := newTable("variable", "level", "target", "achieved").right(2, 3)
	for _, x := range d.Targets {
		t.add(x.Variable, x.Level, num(float64(x.Target)), fixed(float64(x.Achieved), 6))
	}
	t.write(w)
}

func rakeCommand() *command {
	return &command{
		name:    "rake",
		long:    true,
		args:    "RESPONDENTS MARGINS",
		summary: "rake respondents' weights to population margins (iterative proportional fitting)",
		example: `RESPONDENTS is a CSV file with a header row, one row per respondent and the
respondent ids in the column named "id" (or, without one, the first
column); the other columns hold the design
weight and the variables of the margins. MARGINS gives the population count
of every level of each variable, as JSON

  {"sex": {"男": 5200, "女": 4800}, "age": {"18-39": 4100, "40-59": 3600, "60+": 2300}}

or as CSV with the header variable,level,total. The raked weights go to
standard output (or -o) as CSV: id, design_weight, weight, g = weight /
design_weight (-format xlsx: the same table as a workbook); the
diagnostics (iterations, margins reached, Kish design effect) go to
standard error, or as JSON to -diag.

The weights are a data file, one row per respondent, for estimate
-weights and other programs, not a table to publish: their headings (id,
design_weight, weight, g) and cells are the same in every language, in
a workbook too, so rake has no -lang. The tables to publish come from
estimate (-lang zh, en or both).

-trim-lower and -trim-upper then trim the weights to those bounds as R
survey's trimWeights(strict = TRUE) does: weights outside are set to the
bound and the difference is shared equally by the others, repeatedly, so
the total is kept (and the margins are then met only approximately; the
diagnostics show how closely and how many weights were trimmed).

If the weighting does not converge, no weights are written, the error
names each margin's remaining error, -diag still gets the diagnostics
(with "converged": false) and the exit status is 1.

Examples:
  ppgpa rake respondents.csv margins.json > weights.csv
  ppgpa rake -weight w0 -lower 0.3 -upper 3 -diag diag.json -o weights.csv respondents.csv margins.csv
  ppgpa rake -trim-upper 25 respondents.csv margins.json > weights.csv`,
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
				rf, d, ts, err := loadWeighting(e, args, s.weight, &s.in)
				if err != nil {
					return err
				}
				var groups [][]target // the targets of each margin
				for k := 0; k < len(ts); {
					v, start := ts[k].Variable, k
					for ; k < len(ts) && ts[k].Variable == v; k++ {
						if ts[k].Numeric {
							return fmt.Errorf("%s: %s: raking needs level counts, not a numeric total (use calibrate)", displayName(args[1]), v)
						}
					}
					groups = append(groups, ts[start:k])
				}
				// The margins' codes are built at once, one margin per
				// goroutine; the first margin's error is the one reported.
				margins := make([]survey.Margin, len(groups))
				errs := make([]error, len(groups))
				var wg sync.WaitGroup
				for k, g := range groups {
					wg.Go(func() { margins[k], errs[k] = rf.margin(g[0].Variable, g, displayName(args[1])) })
				}
				wg.Wait()
				for _, err := range errs {
					if err != nil {
						return err
					}
				}
				// The file's text and the columns' codes are no longer
				// needed (the margins hold the codes): collect them now,
				// so that the weights and their CSV reuse their memory.
				rf.release(margins)
				runtime.GC()
				rs := survey.RakeSettings{MaxIter: s.maxIter, Tol: s.tol, Lower: s.lower, Upper: s.upper, Progress: e.prog.update}
				if err := rs.Validate(); err != nil {
					return usagef("%s", strings.TrimPrefix(err.Error(), "survey: invalid input: "))
				}
				res, err := survey.Rake(ctx, d, margins, rs)
				var re *survey.RakeError
				if errors.As(err, &re) {
					res = re.Result
				} else if err != nil {
					return rf.surveyErr(err)
				}
				diag := &weightDiag{Method: "rake", Iterations: res.Iterations, Converged: err == nil, Cells: res.Cells}
				var worst []string
				for k, m := range margins {
					if k < len(res.MaxRelError) {
						diag.MarginErrors = append(diag.MarginErrors, marginDiag{m.Name, jnum(res.MaxRelError[k])})
						worst = append(worst, fmt.Sprintf("%s %.4g", m.Name, res.MaxRelError[k]))
					}
				}
				if err != nil {
					// RakeResult carries no weights when raking fails.
					return s.fail(e, rf, d, nil, diag, ts, fmt.Errorf("%s: raking did not converge after %d sweeps: largest relative error of each margin: %s (see -maxiter, -tol, -lower, -upper)",
						rf.file, res.Iterations, strings.Join(worst, ", ")))
				}
				return s.finish(e, rf, d, res.Weights, diag, ts)
			}
		},
	}
}

// loadWeighting reads the targets, then the respondents' ids, design
// weights and the targets' variables (the other columns are not kept).
func loadWeighting(e *env, args []string, weight string, in *inputFlags) (*respondentFile, []float64, []target, error) {
	opt, err := in.options()
	if err != nil {
		return nil, nil, nil, err
	}
	rb, err := e.readInput(args[0])
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := e.readTabular(args[1])
	if err != nil {
		return nil, nil, nil, err
	}
	ts, err := readTargets(displayName(args[1]), b)
	if err != nil {
		return nil, nil, nil, err
	}
	keep := []string{"weight", weight}
	for _, t := range ts {
		keep = append(keep, t.Variable)
	}
	rf, err := readRespondentColumns(e, displayName(args[0]), rb, opt, keep)
	if err != nil {
		return nil, nil, nil, err
	}
	d, err := rf.weights(weight)
	if err != nil {
		return nil, nil, nil, err
	}
	return rf, d, ts, nil
}

// release keeps the codes of the raking margins for the diagnostics and
// drops the columns' own codes (the weight column's too, read into the
// design weights), so that a collection frees them.
func (rf *respondentFile) release(margins []survey.Margin) {
	rf.margins = make(map[string]survey.Margin, len(margins))
	for _, m := range margins {
		rf.margins[m.Name] = m
	}
	for _, name := range rf.header {
		if c := rf.cs.Column(name); c != nil && c.Kind == tabular.Coded {
			c.Codes, c.Levels = nil, nil
		}
	}
}

// margin returns the raking margin of variable v with the population
// counts of its levels in ts (sorted by level, as readTargets gives
// them), its codes taken from the column's codes; a respondent's level
// without a count is an error naming its line.
func (rf *respondentFile) margin(v string, ts []target, file string) (survey.Margin, error) {
	c, err := rf.coded(v, "the margins' variable names")
	if err != nil {
		return survey.Margin{}, err
	}
	m := survey.Margin{Name: v, Levels: make([]string, len(ts)), Targets: make([]float64, len(ts))}
	idx := make(map[string]int, len(ts))
	for k, t := range ts {
		m.Levels[k], m.Targets[k] = t.Level, t.Total
		idx[t.Level] = k
	}
	to := make([]int, len(c.Levels)) // column code to margin level
	for l, x := range c.Levels {
		k, ok := idx[x]
		if !ok {
			i := slices.Index(c.Codes, int32(l))
			return survey.Margin{}, fmt.Errorf("%s: level %q has no population count in %s", rf.where(i, v), x, file)
		}
		to[l] = k
	}
	m.Codes = makeLarge[int](len(c.Codes), len(c.Codes))
	for i, code := range c.Codes {
		m.Codes[i] = to[code]
	}
	return m, nil
}

func calibrateCommand() *command {
	return &command{
		name:    "calibrate",
		long:    true,
		args:    "RESPONDENTS TOTALS",
		summary: "calibrate respondents' weights to population totals (GREG, raking or logit distance)",
		example: `RESPONDENTS is as for rake. TOTALS gives population totals, as JSON

  {"sex": {"男": 5200, "女": 4800}, "income": 52000000}

(an object: the count of each level of a categorical variable; a number:
the population total of a numeric column) or as CSV with the header
variable,level,total and an empty level for a numeric total. The first
categorical variable enters with every level (so the population size is
fixed), the others without their first level (sorted), numeric variables
as they are. Output, diagnostics, trimming and non-convergence are as for
rake (the error names the totals reached); the weights are a data file,
the same in every language (no -lang), as rake's.

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
				cs.Progress = e.prog.update
				if cs.Distance == survey.Logit && !(cs.Lower < 1 && cs.Upper > 1) {
					return usagef("-distance logit needs bounds -lower < 1 < -upper (e.g. -lower 0.5 -upper 2)")
				}
				if err := cs.Validate(); err != nil {
					return usagef("%s", strings.TrimPrefix(err.Error(), "survey: invalid input: "))
				}
				rf, d, ts, err := loadWeighting(e, args, s.weight, &s.in)
				if err != nil {
					return err
				}
				// The model matrix has a column per numeric total and per
				// level of a categorical variable but the first variable's
				// first: bounded by survey.MaxCells before it is built.
				ncols, cats := len(ts), 0
				for k := range ts {
					if !ts[k].Numeric && (k == 0 || ts[k-1].Variable != ts[k].Variable) {
						cats++
					}
				}
				if cats > 0 {
					ncols--
				}
				if n := rf.n; ncols > 0 && n > survey.MaxCells/ncols {
					return fmt.Errorf("%s: %d respondents × %d calibration columns would hold more than %d numbers; calibrate fewer levels (or rake)", displayName(args[1]), n, ncols, survey.MaxCells)
				}
				var cols [][]float64
				var T []float64
				var names []string // of the columns: variable or variable=level
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
						names = append(names, v)
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
						names = append(names, v+"="+t.Level)
					}
				}
				if len(cols) == 0 {
					return fmt.Errorf("%s: no totals to calibrate to", displayName(args[1]))
				}
				x := mat.NewDense(rf.n, len(cols), nil)
				for j, c := range cols {
					for i, v := range c {
						x.Set(i, j, v)
					}
				}
				res, err := survey.Calibrate(ctx, d, x, T, cs)
				var ce *survey.CalibrationError
				if errors.As(err, &ce) {
					res = ce.Result
				} else if err != nil {
					return rf.surveyErr(err)
				}
				m := jnum(res.Misfit)
				diag := &weightDiag{Method: "calibrate (" + cs.Distance.String() + ")", Iterations: res.Iterations, Converged: err == nil, Misfit: &m}
				if err != nil {
					var w []float64
					if len(res.G) == len(d) {
						w = make([]float64, len(d))
						for i := range d {
							w[i] = d[i] * res.G[i]
						}
					}
					var off []string
					for k, name := range names {
						if k < len(res.Totals) {
							off = append(off, fmt.Sprintf("%s %s (target %s)", name, fixed(res.Totals[k], 6), num(T[k])))
						}
					}
					// The reason beyond "did not converge", e.g. bounds that
					// saturate the g-weights.
					reason := strings.TrimPrefix(strings.TrimPrefix(ce.Err.Error(), survey.ErrNotConverged.Error()), ": ")
					if len(res.Infeasible) > 0 {
						var bad []string
						for _, k := range res.Infeasible {
							if k < len(names) {
								bad = append(bad, names[k])
							}
						}
						reason = fmt.Sprintf("infeasible bounds: with g in [%s, %s] no weights reach the target of %s", num(cs.Lower), num(cs.Upper), strings.Join(bad, ", "))
					}
					if reason != "" {
						reason = " (" + reason + ")"
					}
					worst := ""
					if res.Worst < len(names) {
						// |target - reached| / (1 + |target|): absolute for a
						// zero target, so name the total it comes from.
						worst = " on " + names[res.Worst]
					}
					return s.fail(e, rf, d, w, diag, ts, fmt.Errorf("%s: calibration did not converge after %d Newton steps%s: residual misfit %.3g%s (|target - reached| / (1 + |target|)); totals reached: %s (see -maxiter, -tol, -lower, -upper)",
						rf.file, res.Iterations, reason, res.Misfit, worst, strings.Join(off, ", ")))
				}
				return s.finish(e, rf, d, res.Weights, diag, ts)
			}
		},
	}
}
