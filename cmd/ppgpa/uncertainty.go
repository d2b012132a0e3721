package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/report"
	"github.com/ppgpa/ppgpa/ranking"
)

// maxReplications bounds -n and -sobol-n: the analyses keep a number per
// replication, and a mistyped count should fail at once, not after
// exhausting memory.
const maxReplications = 10_000_000

// uncertaintyFlags are the model choices varied by uncertainty and
// report.
type uncertaintyFlags struct {
	n            int
	seed         uint64
	weights      float64
	exclude      bool
	aggregations string
	level        float64
}

func (u *uncertaintyFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&u.n, "n", 1000, "number of Monte Carlo replications")
	fs.Uint64Var(&u.seed, "seed", 1, "random `seed` (the same seed gives the same results on every machine)")
	fs.Float64Var(&u.weights, "perturb", 0.25, "relative perturbation of the weights at each level of the tree (0.25: ±25%; 0: none)")
	fs.BoolVar(&u.exclude, "exclude", true, "include leaving out one indicator (or none) as a factor")
	fs.StringVar(&u.aggregations, "aggregations", "", "comma-separated alternative aggregation `methods` for every group (e.g. geometric); empty: none")
	fs.Float64Var(&u.level, "level", 0.90, "coverage of the central rank interval")
}

func (u *uncertaintyFlags) check() error {
	if u.n < 1 || u.n > maxReplications {
		return usagef("-n must be between 1 and %d", maxReplications)
	}
	if u.weights < 0 || math.IsNaN(u.weights) || math.IsInf(u.weights, 0) {
		return usagef("-perturb must be a non-negative number")
	}
	if !(u.level > 0 && u.level < 1) {
		return usagef("-level must be between 0 and 1")
	}
	return nil
}

// factors builds the uncertainty factors: one weight perturbation per
// level of the tree (groups with fixed nominal weights and two or more
// children), alternative aggregations, and leaving one indicator out.
func (u *uncertaintyFlags) factors(p *indicator.Plan) ([]ranking.Factor, error) {
	var fs []ranking.Factor
	if u.weights > 0 {
		fs = report.LevelWeightFactors(p, u.weights)
	}
	if u.aggregations != "" {
		alts := []indicator.Aggregation{{}}
		var names []string
		for _, a := range strings.Split(u.aggregations, ",") {
			a = strings.TrimSpace(a)
			switch indicator.AggregationMethod(a) {
			case indicator.Arithmetic, indicator.Geometric, indicator.Harmonic, indicator.Minimum, indicator.Median:
			default:
				return nil, usagef("-aggregations: unknown method %q (want arithmetic, geometric, harmonic, min or median)", a)
			}
			alts = append(alts, indicator.Aggregation{Method: indicator.AggregationMethod(a)})
			names = append(names, a)
		}
		fs = append(fs, ranking.Factor{Name: "aggregation (model or " + strings.Join(names, ", ") + ")", Kind: ranking.FactorAggregation, Aggregations: alts})
	}
	if u.exclude && len(p.Leaves()) > 1 {
		fs = append(fs, ranking.Factor{Name: "exclude one indicator", Kind: ranking.FactorExclude})
	}
	return fs, nil
}

func uncertaintyCommand() *command {
	return &command{
		name:    "uncertainty",
		args:    "MODEL DATA",
		summary: "Monte Carlo rank intervals and Sobol sensitivity indices of the model choices",
		example: `The factors are: the weights of each level of the tree perturbed by ±-perturb
(uniformly, relative), leaving out one indicator or none (-exclude), and
alternative aggregations (-aggregations). Each of -n replications draws
every factor at random (replication i from the stream seeded by -seed and
i) and ranks the units as the model's ranking member says; the table gives
each unit's nominal rank, the median and the central -level interval of
its rank, and the extremes. Sobol indices (Saltelli's design with
-sobol-n base points, Jansen's total index) say which factor drives the
mean absolute rank shift and each unit's rank. Results do not depend on
the number of cores. A progress indicator is drawn on standard error when
it is a terminal.

Examples:
  ppgpa uncertainty examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa uncertainty -n 5000 -seed 7 -perturb 0.5 -aggregations geometric -format json model.json data.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var u uncertaintyFlags
			var o output
			var f format
			var sobolN int
			d.register(fs)
			u.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			fs.IntVar(&sobolN, "sobol-n", 1024, "base points of the Sobol analysis (0: no Sobol analysis)")
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
				s, err := e.scoreAll(ctx, args[0], args[1], &d)
				if err != nil {
					return err
				}
				factors, err := u.factors(s.plan)
				if err != nil {
					return err
				}
				if len(factors) == 0 {
					return fmt.Errorf("%s: nothing varies: no group with fixed weights to perturb and no indicator to leave out (add -aggregations)", displayName(args[0]))
				}
				pr := newProgress(e.stderr)
				defer pr.stop()
				pr.phase("Monte Carlo", u.n)
				dist, err := ranking.MonteCarlo(ctx, s.plan, s.table, factors, ranking.Settings{Replications: u.n, Seed: u.seed, Ranking: s.grading.Ranking, Level: u.level, Progress: pr.update})
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				var sob *ranking.SobolResult
				if sobolN > 0 {
					pr.phase("Sobol", sobolN*(len(factors)+2))
					sob, err = ranking.Sobol(ctx, s.plan, s.table, factors, ranking.SobolSettings{N: sobolN, Seed: u.seed, Ranking: s.grading.Ranking, Progress: pr.update})
					if err != nil {
						return evalErr(args[0], args[1], err)
					}
				}
				pr.stop()
				ua := &uncertaintyResult{s: s, u: u, factors: factors, dist: dist, sobol: sob}
				switch f.name {
				case "json":
					err = writeJSON(&o.buf, ua.json())
				case "csv":
					err = ua.writeCSV(&o.buf)
				default:
					ua.writeTable(&o.buf, f.name == "markdown")
				}
				if err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}

type uncertaintyResult struct {
	s       *scored
	u       uncertaintyFlags
	factors []ranking.Factor
	dist    *ranking.Distribution
	sobol   *ranking.SobolResult
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
	fmt.Fprintf(w, "%s\nMonte Carlo: %d replications, seed %d\nfactors: ", ua.s.model.Name, d.Replications, ua.u.seed)
	for k, f := range ua.factors {
		if k > 0 {
			fmt.Fprint(w, "; ")
		}
		fmt.Fprint(w, f.Name)
	}
	fmt.Fprintf(w, "\n\n")
	t := newTable("rank", "unit", "median", lo+"%", hi+"%", "min", "max").right(0, 2, 3, 4, 5, 6)
	for _, i := range ua.order() {
		t.add(rankStr(d.Nominal[i]), ua.s.res.Units[i], rankStr(d.Median[i]), rankStr(d.Lo[i]), rankStr(d.Hi[i]), rankStr(d.Min[i]), rankStr(d.Max[i]))
	}
	put(t)
	fmt.Fprintf(w, "\nmean absolute rank shift: %s\n", fixed(d.MeanAbsShift, 4))
	if ua.sobol == nil {
		return
	}
	sb := ua.sobol
	fmt.Fprintf(w, "\nSobol indices of the mean absolute rank shift (N = %d, %d runs; 95%% bootstrap intervals)\n\n", sb.N, sb.Runs)
	st := newTable("factor", "first", "interval", "total", "interval").right(1, 3)
	for k, name := range sb.Factors {
		x := sb.Shift
		st.add(name, fixed(x.First[k], 3), "["+fixed(x.FirstLo[k], 3)+", "+fixed(x.FirstHi[k], 3)+"]",
			fixed(x.Total[k], 3), "["+fixed(x.TotalLo[k], 3)+", "+fixed(x.TotalHi[k], 3)+"]")
	}
	put(st)
	fmt.Fprintf(w, "\nTotal Sobol index of each factor on each unit's rank (NA: the rank never changes)\n\n")
	ut := newTable(append([]string{"unit"}, sb.Factors...)...)
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
}

func (ua *uncertaintyResult) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"unit", "nominal", "median", "mean", "lo", "hi", "min", "max"}
	if ua.sobol != nil {
		for _, f := range ua.sobol.Factors {
			head = append(head, "first:"+f, "total:"+f)
		}
	}
	cw.Write(head)
	d := ua.dist
	for _, i := range ua.order() {
		row := []string{ua.s.res.Units[i], num(d.Nominal[i]), num(d.Median[i]), num(d.Mean[i]), num(d.Lo[i]), num(d.Hi[i]), num(d.Min[i]), num(d.Max[i])}
		if ua.sobol != nil {
			for k := range ua.sobol.Factors {
				row = append(row, num(ua.sobol.Units[i].First[k]), num(ua.sobol.Units[i].Total[k]))
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
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
	Sobol   []jsonIndices `json:"sobol,omitempty"`
}

type jsonUncertainty struct {
	Model        string                `json:"model"`
	Replications int                   `json:"replications"`
	Seed         uint64                `json:"seed"`
	Level        float64               `json:"level"`
	Factors      []ranking.Factor      `json:"factors"`
	MeanAbsShift jnum                  `json:"mean_abs_shift"`
	SobolN       int                   `json:"sobol_n,omitempty"`
	SobolShift   []jsonIndices         `json:"sobol_shift,omitempty"`
	Units        []jsonUnitUncertainty `json:"units"`
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
	out := jsonUncertainty{Model: ua.s.model.Name, Replications: d.Replications, Seed: ua.u.seed, Level: ua.u.level, Factors: ua.factors, MeanAbsShift: jnum(d.MeanAbsShift)}
	if ua.sobol != nil {
		out.SobolN = ua.sobol.N
		out.SobolShift = indices(ua.sobol.Factors, ua.sobol.Shift)
	}
	for _, i := range ua.order() {
		ju := jsonUnitUncertainty{ua.s.res.Units[i], jnum(d.Nominal[i]), jnum(d.Median[i]), jnum(d.Mean[i]), jnum(d.Lo[i]), jnum(d.Hi[i]), jnum(d.Min[i]), jnum(d.Max[i]), nil}
		if ua.sobol != nil {
			ju.Sobol = indices(ua.sobol.Factors, ua.sobol.Units[i])
		}
		out.Units = append(out.Units, ju)
	}
	return out
}

// progress draws a progress bar on standard error when it is a terminal:
// the phase, the share of its work done (from the analyses' Progress
// callbacks), the number of model runs and the elapsed time. It never
// writes to anything but a terminal.
type progress struct {
	w             io.Writer
	mu            sync.Mutex
	name          string
	runs          int
	doneN, totalN int
	start         time.Time
	done          chan struct{}
	wg            sync.WaitGroup
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func newProgress(w io.Writer) *progress {
	if !isTerminal(w) {
		return &progress{}
	}
	p := &progress{w: w, done: make(chan struct{}), start: time.Now()}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		frames := []string{"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█", "▉", "▊", "▋", "▌", "▍", "▎"}
		for k := 0; ; k++ {
			select {
			case <-p.done:
				fmt.Fprint(p.w, "\r\033[K")
				return
			case <-tick.C:
				p.mu.Lock()
				bar := frames[k%len(frames)]
				if p.totalN > 0 {
					const width = 24
					filled := width * p.doneN / p.totalN
					bar = "[" + strings.Repeat("█", filled) + strings.Repeat("·", width-filled) + fmt.Sprintf("] %3d%%", 100*p.doneN/p.totalN)
				}
				fmt.Fprintf(p.w, "\r\033[K%s %s: %d model runs, %.1fs", bar, p.name, p.runs, time.Since(p.start).Seconds())
				p.mu.Unlock()
			}
		}
	}()
	return p
}

func (p *progress) phase(name string, runs int) {
	if p.done == nil {
		return
	}
	p.mu.Lock()
	p.name, p.runs, p.start = name, runs, time.Now()
	p.doneN, p.totalN = 0, 0
	p.mu.Unlock()
}

// update records that done of total blocks of the current phase are
// finished; it is the analyses' Progress callback and is safe for
// concurrent use. Without a terminal it does nothing.
func (p *progress) update(done, total int) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	if done > p.doneN || total != p.totalN {
		p.doneN, p.totalN = done, total
	}
	p.mu.Unlock()
}

// stop erases the indicator; it may be called more than once.
func (p *progress) stop() {
	if p.done == nil {
		return
	}
	select {
	case <-p.done:
	default:
		close(p.done)
	}
	p.wg.Wait()
}
