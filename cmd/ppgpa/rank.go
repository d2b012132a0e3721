package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
	"github.com/ppgpa/ppgpa/survey"
)

// maxDraws bounds -draws: the critical values keep n draws of every
// unit's estimate.
const maxDraws = 1_000_000

func rankCommand() *command {
	return &command{
		name:    "rank",
		long:    true,
		args:    "MODEL DATA | ESTIMATES",
		summary: "confidence sets for ranks (marginal, simultaneous), top and bottom sets, tiers, parametric rank intervals",
		example: `How sure is each place in the ranking, given the sampling error of the
scores? With MODEL DATA the estimates are the model's scores; their
standard errors are the data column -se (the standard error of each unit's
final score), or else those the model propagates from its se_column
members; -cov FILE gives a full covariance matrix instead. With one
argument, ESTIMATES is a CSV file with a header and the columns unit (or
id, 单位, 地区; otherwise the first), estimate (or score, 得分) and se
(标准误).

A covariance FILE is a CSV square matrix with the unit ids as the header
row (after one leading cell) and as the first column, in any order; it
must name exactly the units ranked and be symmetric.

The confidence sets are those of Mogstad, Romano, Shaikh and Wilhelm
(2024): a marginal set covers one unit's true rank with probability
-level, the simultaneous sets cover every unit's rank at once; critical
values come from -draws draws of N(0, cov) seeded by -seed. -top T and
-bottom T mark the units that may be among the T best or T worst (a set
that contains all of the true T best with probability -level). -tiers
CUTS (increasing ranks, e.g. 2,4,6) assigns a tier to each unit whose
confidence set (-tier-sets) lies wholly within ranks 1..2, 3..4, 5..6 or
above 6; "-" when it spans more than one. -n draws the scores from their
normal distribution that many times (independently, or with -cov
correlated) and gives the median and the central -level interval of each
rank. Rank 1 is the highest estimate (-lower: the lowest); ties as the
model's ranking member says. Without a model, tied estimates share the
smallest rank in the table (1, 2, 2, 4: 并列第2名, as a published league
table writes a tie, and as score's table does under "ties": "min"), and
the average rank (2.5) in -format csv and json, on which the rank
intervals are based.

-answers RESPONDENTS,ANSWERS takes the survey itself instead: the two CSV
files of estimate's long form (-scale and -measure as there); each unit's
estimate is its weighted mean measure with its linearised standard error,
and the confidence sets use the full covariance matrix of the estimates
(the same respondents rate every unit, so the estimates are correlated).

-counts FILE takes survey answers instead: a CSV with a header (unit, then
one column per answer category) and each unit's counts of answers. A
unit's estimate is its mean answer value (-values: the value of each
category, default 1, 2, ...; 0,0,100,100 makes the share of the top two
boxes in percent), its standard error that of a mean of a simple random
sample; the rank intervals come from -n bootstrap resamples of each
unit's respondents (multinomial draws of its counts).

A stratified sample: when the second column is named stratum, each row
gives the counts of one stratum of a unit (a unit has one row per
stratum, e.g. unit,stratum,很不满意,...). An optional third column share
gives the stratum's population share within the unit (any positive
scale; normalised per unit); without it the strata weigh by their
sample sizes. A unit's estimate is then the post-stratified mean
sum_h W_h m_h, its standard error sqrt(sum_h W_h^2 s_h^2 / n_h) (each
stratum needs two respondents), and the bootstrap resamples the
respondents within each stratum (ranking.BootstrapStrata).

The fingerprint identifies the estimates, covariance and settings of the
confidence sets: the header of the table, a member of the JSON and the
last CSV column.

` + tableLangHelp + `

Examples:
  ppgpa rank model_se.json data_se.csv
  ppgpa rank -se score_se -top 2 -bottom 2 -tiers 2,4,6 model.json data.csv
  ppgpa rank -level 0.9 -draws 5000 -format csv estimates.csv
  ppgpa rank -counts answers_by_district.csv -values 0,0,100,100 -bottom 2`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			var rf rankFlags
			d.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			rf.register(fs)
			lang := langFlag(fs, "the table and Markdown")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if rf.counts != "" && len(args) != 0 {
					return usagef("-counts is the input: no MODEL DATA or ESTIMATES with it")
				}
				if rf.answers != "" && len(args) != 0 {
					return usagef("-answers is the input: no MODEL DATA or ESTIMATES with it")
				}
				if rf.counts == "" && rf.answers == "" && len(args) != 1 && len(args) != 2 {
					return usagef("want MODEL DATA or ESTIMATES; got %d argument(s)", len(args))
				}
				if err := rf.check(); err != nil {
					return err
				}
				in, err := rf.load(ctx, e, args, &d)
				if err != nil {
					return err
				}
				rf.progress = e.prog
				r, err := rf.analyse(ctx, in)
				if err != nil {
					return err
				}
				r.lang = *lang
				return o.emit(e, f.name, func() any { return r.json() }, r.writeCSV, r.writeTable)
			}
		},
	}
}

// rankFlags are the flags of the rank command.
type rankFlags struct {
	progress      *progress // the command's, for the simulations
	se, cov       string
	answers       string // -answers RESPONDENTS,ANSWERS
	scale         string
	measure       string
	level         float64
	draws         int
	seed          uint64
	top, bottom   int
	tiers         string
	tierSets      string
	n             int
	lower         bool
	counts        string
	values        string
	cuts          []int
	tierMarginal  bool
	direction     ranking.Direction
	rankingOption ranking.Options
	// modelTies says whether rankingOption's tie rule is a model's.
	modelTies bool
}

func (r *rankFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.se, "se", "", "data `column` holding the standard error of each unit's score (MODEL DATA)")
	fs.StringVar(&r.cov, "cov", "", "covariance matrix `file` of the estimates (CSV with unit ids; see above)")
	fs.Float64Var(&r.level, "level", 0.95, "confidence level of the sets and coverage of the rank intervals")
	fs.IntVar(&r.draws, "draws", ranking.DefaultDraws, "draws of N(0, cov) for the critical values")
	fs.Uint64Var(&r.seed, "seed", 1, "random `seed` (the same seed gives the same results on every machine)")
	fs.IntVar(&r.top, "top", 0, "mark the units that may be among the `T` best (0: none)")
	fs.IntVar(&r.bottom, "bottom", 0, "mark the units that may be among the `T` worst (0: none)")
	fs.StringVar(&r.tiers, "tiers", "", "comma-separated increasing rank `cuts` of the tiers (e.g. 2,4,6); empty: no tiers")
	fs.StringVar(&r.tierSets, "tier-sets", "simultaneous", "confidence sets the tiers use: simultaneous or marginal")
	fs.IntVar(&r.n, "n", 1000, "parametric draws for the rank intervals (0: none)")
	fs.BoolVar(&r.lower, "lower", false, "rank 1 is the lowest estimate")
	fs.StringVar(&r.counts, "counts", "", "answer counts `file` (unit, [stratum, [share,]] then one column per answer category) instead of MODEL DATA or ESTIMATES")
	fs.StringVar(&r.values, "values", "", "comma-separated `values` of the answer categories of -counts (default 1, 2, ..., K)")
	fs.StringVar(&r.answers, "answers", "", "survey answers `RESPONDENTS,ANSWERS` (two CSV files, as estimate's long form) instead of MODEL DATA or ESTIMATES: per-unit estimates with their full covariance")
	fs.StringVar(&r.scale, "scale", "", "answer `scale` of -answers (as estimate -scale)")
	fs.StringVar(&r.measure, "measure", survey.MeanScore.String(), "`measure` of -answers: "+survey.MeanScore.String()+", "+survey.SatisfactionRate.String()+" or "+survey.NetSatisfaction.String())
}

func (r *rankFlags) check() error {
	if !(r.level > 0 && r.level < 1) {
		return usagef("-level must be between 0 and 1")
	}
	if r.draws < 1 || r.draws > maxDraws {
		return usagef("-draws must be between 1 and %d", maxDraws)
	}
	if r.n < 0 || r.n > maxReplications {
		return usagef("-n must be between 0 and %d", maxReplications)
	}
	if r.se != "" && r.cov != "" {
		return usagef("-se and -cov both give the standard errors: use one")
	}
	if r.top < 0 || r.bottom < 0 {
		return usagef("-top and -bottom must not be negative")
	}
	switch r.tierSets {
	case "simultaneous":
	case "marginal":
		r.tierMarginal = true
	default:
		return usagef("-tier-sets: unknown sets %q (want simultaneous or marginal)", r.tierSets)
	}
	if r.tiers != "" {
		for _, c := range strings.Split(r.tiers, ",") {
			k, err := strconv.Atoi(strings.TrimSpace(c))
			if err != nil || k < 1 {
				return usagef("-tiers: %q is not a positive rank", c)
			}
			if len(r.cuts) > 0 && k <= r.cuts[len(r.cuts)-1] {
				return usagef("-tiers: the cuts %s are not increasing", r.tiers)
			}
			r.cuts = append(r.cuts, k)
		}
	}
	if r.lower {
		r.direction = ranking.LowerFirst
	}
	return nil
}

// rankInput is what the rank command analyses: estimates in input order,
// their standard errors and covariance, and the point ranks.
type rankInput struct {
	title string
	units []string
	est   []float64
	se    []float64 // sqrt of the covariance's diagonal
	cov   mat.Symmetric
	full  bool // cov came from -cov
	ranks []float64
	// shown are the ranks of the table: the model's, as score's league
	// table shows them; without a model, tied units share the smallest
	// rank (competition ranking, "1224": two units tied 2nd are followed
	// by the 4th), as a published league table writes a tie (并列第2名),
	// where ranks (CSV and JSON, and the rank intervals' draws) average
	// them (2.5).
	shown  []float64
	source string // where the standard errors came from
	// sourceZH is source in Chinese, for the table.
	sourceZH string
	counts   [][]int
	values   []float64
	strata   [][][]int   // counts per unit, stratum and category (-counts with a stratum column)
	shares   [][]float64 // the strata's population shares; nil: by sample size
}

// load reads MODEL DATA or ESTIMATES and the covariance.
func (r *rankFlags) load(ctx context.Context, e *env, args []string, d *dataFlags) (*rankInput, error) {
	in := &rankInput{}
	r.rankingOption = ranking.Options{Direction: r.direction}
	if r.answers != "" {
		if r.se != "" || r.cov != "" || r.counts != "" || len(args) > 0 {
			return nil, usagef("-answers gives the estimates and their covariance: no -se, -cov, -counts or arguments with it")
		}
		if err := e.rankAnswers(ctx, r, in); err != nil {
			return nil, err
		}
		args = nil
	}
	if r.counts != "" {
		if r.se != "" || r.cov != "" {
			return nil, usagef("-counts gives the standard errors: no -se or -cov with it")
		}
		b, err := e.readTabular(r.counts)
		if err != nil {
			return nil, err
		}
		if err := r.readCounts(displayName(r.counts), b, in); err != nil {
			return nil, err
		}
		args = nil
	}
	if len(args) == 2 {
		s, err := e.scoreAll(ctx, args[0], args[1], d)
		if err != nil {
			return nil, err
		}
		in.title, in.units, in.est = s.model.Name, s.res.Units, s.res.Score
		r.rankingOption = s.grading.Ranking
		r.rankingOption.Direction = r.direction
		r.modelTies = true
		switch {
		case r.se != "":
			col, ok := s.table.Column(r.se)
			if !ok {
				return nil, fmt.Errorf("%s: no column %q (-se)", displayName(args[1]), r.se)
			}
			in.se, in.source = col, "column "+r.se+" of "+displayName(args[1])
			in.sourceZH = fileIn(report.Chinese, displayName(args[1])) + "的" + r.se + "列"
		case r.cov != "":
		case s.res.SE != nil:
			in.se, in.source = s.res.SE, "propagated from the model's se_column members"
			in.sourceZH = "由模型中各指标的标准误（se_column）传递而来"
		default:
			return nil, usagef("no standard errors: give -se COLUMN or -cov FILE, or a model with se_column members")
		}
	} else if len(args) == 1 {
		if r.se != "" {
			return nil, usagef("-se names a data column: it needs MODEL DATA")
		}
		b, err := e.readTabular(args[0])
		if err != nil {
			return nil, err
		}
		if in.units, in.est, in.se, err = readEstimates(displayName(args[0]), b, r.cov == ""); err != nil {
			return nil, err
		}
		in.title, in.source = displayName(args[0]), "column se of "+displayName(args[0])
		in.sourceZH = fileIn(report.Chinese, displayName(args[0])) + "的se列"
	}
	if r.cov != "" {
		b, err := e.readTabular(r.cov)
		if err != nil {
			return nil, err
		}
		cov, err := readCov(displayName(r.cov), b, in.units)
		if err != nil {
			return nil, err
		}
		in.cov, in.full, in.source = cov, true, "covariance "+displayName(r.cov)
		in.sourceZH = "协方差矩阵" + fileIn(report.Chinese, displayName(r.cov))
		in.se = make([]float64, len(in.units))
		for i := range in.se {
			in.se[i] = math.Sqrt(cov.At(i, i))
		}
	} else {
		v := make([]float64, len(in.units))
		for i, x := range in.se {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				return nil, fmt.Errorf("unit %q: standard error %v (want a non-negative number; from %s)", in.units[i], x, in.source)
			}
			v[i] = float64(x * x)
		}
		if !in.full {
			in.cov = mat.NewDiagDense(len(v), v)
		}
	}
	for i, x := range in.est {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("unit %q: estimate %v is not a number", in.units[i], x)
		}
	}
	if len(in.units) < 2 {
		return nil, fmt.Errorf("%d unit(s): ranks need at least 2", len(in.units))
	}
	in.sortByID()
	var err error
	if in.ranks, err = ranking.Rank(in.est, in.units, r.rankingOption); err != nil {
		return nil, err
	}
	in.shown = in.ranks
	if !r.modelTies {
		o := r.rankingOption
		o.Ties = ranking.TieMin
		if in.shown, err = ranking.Rank(in.est, in.units, o); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// sortByID puts the units in the byte order of their ids, with their
// estimates, standard errors, covariance, counts and strata: every result
// (confidence sets, draws, fingerprint) and every output is then the same
// whatever the order of the rows in the input files.
func (in *rankInput) sortByID() {
	n := len(in.units)
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	slices.SortStableFunc(p, func(a, b int) int { return strings.Compare(in.units[a], in.units[b]) })
	in.units = permute(in.units, p)
	in.est = permute(in.est, p)
	in.se = permute(in.se, p)
	in.counts = permute(in.counts, p)
	in.strata = permute(in.strata, p)
	in.shares = permute(in.shares, p)
	if d, ok := in.cov.(*mat.DiagDense); ok {
		v := make([]float64, n)
		for i, q := range p {
			v[i] = d.At(q, q)
		}
		in.cov = mat.NewDiagDense(n, v)
	} else if in.cov != nil {
		c := mat.NewSymDense(n, nil)
		for i, q := range p {
			for j := i; j < n; j++ {
				c.SetSym(i, j, in.cov.At(q, p[j]))
			}
		}
		in.cov = c
	}
}

// permute returns x[p[0]], x[p[1]], ...; nil for a nil x.
func permute[T any](x []T, p []int) []T {
	if x == nil {
		return nil
	}
	y := make([]T, len(p))
	for i, q := range p {
		y[i] = x[q]
	}
	return y
}

// readCounts reads an answer-count file: a header (unit, then the
// category labels) and one row per unit of non-negative integer counts.
// Each unit's estimate is its mean answer value and its standard error
// that of a mean of a simple random sample,
//
//	m = sum_k v_k c_k / n,  se = sqrt(sum_k c_k (v_k - m)^2 / ((n - 1) n))
//
// with n = sum_k c_k (the sample variance with divisor n - 1, as R's
// var; the finite population is taken as large).
func (r *rankFlags) readCounts(file string, b []byte, in *rankInput) error {
	recs, err := readCSVRecords(file, b)
	if err != nil {
		return err
	}
	if len(recs) == 0 || len(recs[0]) < 3 {
		return fmt.Errorf("%s: line 1: want a header with the unit column and two or more answer categories", file)
	}
	if strings.EqualFold(strings.TrimSpace(recs[0][1]), "stratum") {
		return r.readStrataCounts(file, recs, in)
	}
	k := len(recs[0]) - 1
	if err := r.parseValues(file, k, in); err != nil {
		return err
	}
	seen := map[string]int{}
	for l, rec := range recs[1:] {
		line := l + 2
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != k+1 {
			return fmt.Errorf("%s: line %d: %d cells, want %d", file, line, len(rec), k+1)
		}
		u := strings.TrimSpace(rec[0])
		if u == "" {
			return fmt.Errorf("%s: line %d, column 1: empty unit id", file, line)
		}
		if p, dup := seen[u]; dup {
			return fmt.Errorf("%s: line %d: unit %q already on line %d", file, line, u, p)
		}
		seen[u] = line
		c := make([]int, k)
		n, sum := 0, 0.0
		for j := range k {
			x, err := strconv.Atoi(strings.TrimSpace(rec[j+1]))
			if err != nil || x < 0 || x > math.MaxInt32 {
				return fmt.Errorf("%s: line %d, column %d (%s): %q is not a count", file, line, j+2, recs[0][j+1], rec[j+1])
			}
			c[j], n = x, n+x
			sum = float64(float64(x)*in.values[j]) + sum
		}
		if n < 2 {
			return fmt.Errorf("%s: line %d: unit %q has %d respondent(s), want at least 2 for a standard error", file, line, u, n)
		}
		m := sum / float64(n)
		ss := 0.0
		for j := range k {
			d := in.values[j] - m
			ss = float64(float64(c[j])*float64(d*d)) + ss
		}
		in.units, in.counts = append(in.units, u), append(in.counts, c)
		in.est, in.se = append(in.est, m), append(in.se, math.Sqrt(ss/float64((n-1)*n)))
	}
	if len(in.units) == 0 {
		return fmt.Errorf("%s: no units after the header", file)
	}
	in.title, in.source = file, "answer counts of "+file+" (standard error of a mean)"
	in.sourceZH = fileIn(report.Chinese, file) + "的答案计数（均值的标准误）"
	return nil
}

// parseValues sets in.values from -values, or to 1..k without it; k is
// the number of answer categories of file.
func (r *rankFlags) parseValues(file string, k int, in *rankInput) error {
	if r.values == "" {
		for j := 1; j <= k; j++ {
			in.values = append(in.values, float64(j))
		}
		return nil
	}
	for _, v := range splitList(r.values) {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return usagef("-values: %q is not a number", v)
		}
		in.values = append(in.values, x)
	}
	if len(in.values) != k {
		return usagef("-values has %d values for the %d answer categories of %s", len(in.values), k, file)
	}
	return nil
}

// readStrataCounts reads a stratified answer-count file (see readCounts
// and the rank help): a header of unit, stratum, optionally share, then
// the category labels, and one row per unit and stratum. A unit's
// estimate is the post-stratified mean and its standard error that of a
// stratified simple random sample, the finite population taken as large
// (Cochran 1977, Sampling Techniques, 3rd ed., eqs. 5.1 and 5.6):
//
//	m   = sum_h W_h m_h,           se = sqrt(sum_h W_h^2 s_h^2 / n_h)
//	m_h = sum_k v_k c_hk / n_h,    s_h^2 = sum_k c_hk (v_k - m_h)^2 / (n_h - 1)
//
// with n_h = sum_k c_hk and W_h the stratum's share divided by the sum of
// the unit's shares (without a share column, W_h = n_h / n: the unweighted
// mean). m is summed in the order and form in which
// ranking.BootstrapStrata computes its nominal score, so that the two
// agree to the last bit.
func (r *rankFlags) readStrataCounts(file string, recs [][]string, in *rankInput) error {
	head := recs[0]
	first := 2
	withShare := len(head) > 2 && strings.EqualFold(strings.TrimSpace(head[2]), "share")
	if withShare {
		first = 3
	}
	k := len(head) - first
	if k < 2 {
		return fmt.Errorf("%s: line 1: want a header with the unit and stratum columns (and share) and two or more answer categories", file)
	}
	if err := r.parseValues(file, k, in); err != nil {
		return err
	}
	index := map[string]int{}   // unit -> its index in in.units
	seen := map[[2]string]int{} // unit and stratum -> line
	var strata [][][]int        // unit, stratum, category
	var shares [][]float64      // unit, stratum
	for l, rec := range recs[1:] {
		line := l + 2
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(head) {
			return fmt.Errorf("%s: line %d: %d cells, want %d", file, line, len(rec), len(head))
		}
		u, h := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if u == "" {
			return fmt.Errorf("%s: line %d, column 1: empty unit id", file, line)
		}
		if h == "" {
			return fmt.Errorf("%s: line %d, column 2: empty stratum of unit %q", file, line, u)
		}
		if p, dup := seen[[2]string{u, h}]; dup {
			return fmt.Errorf("%s: line %d: unit %q, stratum %q already on line %d", file, line, u, h, p)
		}
		seen[[2]string{u, h}] = line
		share := 0.0
		if withShare {
			x, err := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
			if err != nil || !(x >= 0) || math.IsInf(x, 0) {
				return fmt.Errorf("%s: line %d, column 3 (share): %q is not a non-negative number", file, line, rec[2])
			}
			share = x
		}
		c := make([]int, k)
		n := 0
		for j := range k {
			x, err := strconv.Atoi(strings.TrimSpace(rec[first+j]))
			if err != nil || x < 0 || x > math.MaxInt32 {
				return fmt.Errorf("%s: line %d, column %d (%s): %q is not a count", file, line, first+j+1, head[first+j], rec[first+j])
			}
			c[j], n = x, n+x
		}
		if n < 2 {
			return fmt.Errorf("%s: line %d: unit %q, stratum %q has %d respondent(s), want at least 2 for a standard error", file, line, u, h, n)
		}
		i, ok := index[u]
		if !ok {
			i = len(in.units)
			index[u] = i
			in.units, strata, shares = append(in.units, u), append(strata, nil), append(shares, nil)
		}
		strata[i], shares[i] = append(strata[i], c), append(shares[i], share)
	}
	if len(in.units) == 0 {
		return fmt.Errorf("%s: no units after the header", file)
	}
	for i, u := range in.units {
		w := make([]float64, len(strata[i]))
		total := make([]int, len(strata[i]))
		var wsum float64
		for h, c := range strata[i] {
			for _, x := range c {
				total[h] += x
			}
			w[h] = float64(total[h])
			if withShare {
				w[h] = shares[i][h]
			}
			wsum += w[h]
		}
		if !(wsum > 0) {
			return fmt.Errorf("%s: unit %q: the shares of its strata sum to %v, want a positive sum", file, u, wsum)
		}
		var m, v float64
		for h, c := range strata[i] {
			w[h] /= wsum
			var sum float64
			for j, x := range in.values {
				sum += float64(x * float64(c[j]))
			}
			n := float64(total[h])
			mh := sum / n
			m += float64(w[h] * mh)
			ss := 0.0
			for j := range k {
				d := in.values[j] - mh
				ss = float64(float64(c[j])*float64(d*d)) + ss
			}
			v = float64(float64(w[h]*w[h])*(ss/float64((n-1)*n))) + v
		}
		in.est, in.se = append(in.est, m), append(in.se, math.Sqrt(v))
	}
	in.strata = strata
	if withShare {
		in.shares = shares
	}
	in.title, in.source = file, "stratified answer counts of "+file+" (standard error of a post-stratified mean)"
	in.sourceZH = fileIn(report.Chinese, file) + "的分层答案计数（事后分层均值的标准误）"
	return nil
}

// readEstimates reads a CSV of unit, estimate and se (see the rank help);
// needSE says whether the se column is required.
func readEstimates(file string, b []byte, needSE bool) (units []string, est, se []float64, err error) {
	recs, err := readCSVRecords(file, b)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: empty file (want a header row)", file)
	}
	col := map[string]int{"unit": -1, "estimate": -1, "se": -1}
	names := map[string]string{"unit": "unit", "id": "unit", "单位": "unit", "地区": "unit",
		"estimate": "estimate", "score": "estimate", "得分": "estimate", "se": "se", "标准误": "se"}
	for j, h := range recs[0] {
		k, ok := names[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			continue
		}
		if col[k] >= 0 {
			return nil, nil, nil, fmt.Errorf("%s: line 1, column %d: a second %s column (%q)", file, j+1, k, h)
		}
		col[k] = j
	}
	if col["unit"] < 0 {
		col["unit"] = 0
	}
	if col["estimate"] < 0 {
		return nil, nil, nil, fmt.Errorf("%s: line 1: no estimate (or score) column", file)
	}
	if col["se"] < 0 && needSE {
		return nil, nil, nil, fmt.Errorf("%s: line 1: no se column (or give -cov)", file)
	}
	seen := map[string]int{}
	for i, rec := range recs[1:] {
		line := i + 2
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		cell := func(k string) (string, error) {
			j := col[k]
			if j >= len(rec) {
				return "", fmt.Errorf("%s: line %d: no %s (column %d)", file, line, k, j+1)
			}
			return strings.TrimSpace(rec[j]), nil
		}
		u, err := cell("unit")
		if err != nil {
			return nil, nil, nil, err
		}
		if u == "" {
			return nil, nil, nil, fmt.Errorf("%s: line %d, column %d: empty unit id", file, line, col["unit"]+1)
		}
		if l, dup := seen[u]; dup {
			return nil, nil, nil, fmt.Errorf("%s: line %d: unit %q already on line %d", file, line, u, l)
		}
		seen[u] = line
		units = append(units, u)
		for _, k := range []string{"estimate", "se"} {
			if col[k] < 0 {
				continue
			}
			c, err := cell(k)
			if err != nil {
				return nil, nil, nil, err
			}
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || k == "se" && v < 0 {
				return nil, nil, nil, fmt.Errorf("%s: line %d, column %d (%s): %q is not a %s", file, line, col[k]+1, k, c,
					map[string]string{"estimate": "number", "se": "non-negative number"}[k])
			}
			if k == "estimate" {
				est = append(est, v)
			} else {
				se = append(se, v)
			}
		}
	}
	if len(units) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: no units after the header", file)
	}
	return units, est, se, nil
}

// readCov reads a covariance matrix labelled with unit ids and returns it
// in the order of units.
func readCov(file string, b []byte, units []string) (*mat.SymDense, error) {
	recs, err := readCSVRecords(file, b)
	if err != nil {
		return nil, err
	}
	n := len(units)
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty file (want a header row of unit ids)", file)
	}
	index := make(map[string]int, n)
	for i, u := range units {
		index[u] = i
	}
	colUnit := make([]int, len(recs[0]))
	seen := make([]bool, n)
	for j, h := range recs[0][1:] {
		h = strings.TrimSpace(h)
		i, ok := index[h]
		if !ok {
			return nil, fmt.Errorf("%s: line 1, column %d: unknown unit %q", file, j+2, h)
		}
		if seen[i] {
			return nil, fmt.Errorf("%s: line 1, column %d: unit %q twice", file, j+2, h)
		}
		seen[i], colUnit[j+1] = true, i
	}
	if len(recs[0])-1 != n {
		return nil, fmt.Errorf("%s: line 1: %d unit columns, want %d (one per unit)", file, len(recs[0])-1, n)
	}
	if n > 0 && n > ranking.MaxCells/n {
		return nil, fmt.Errorf("%s: a covariance of %d units would hold %d × %d numbers, more than %d", file, n, n, n, ranking.MaxCells)
	}
	data := make([]float64, n*n)
	rowSeen := make([]bool, n)
	rows := 0
	for l, rec := range recs[1:] {
		line := l + 2
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		u := strings.TrimSpace(rec[0])
		i, ok := index[u]
		if !ok {
			return nil, fmt.Errorf("%s: line %d, column 1: unknown unit %q", file, line, u)
		}
		if rowSeen[i] {
			return nil, fmt.Errorf("%s: line %d: unit %q twice", file, line, u)
		}
		rowSeen[i] = true
		rows++
		if len(rec) != n+1 {
			return nil, fmt.Errorf("%s: line %d: %d cells, want %d", file, line, len(rec), n+1)
		}
		for j := 1; j <= n; j++ {
			c := strings.TrimSpace(rec[j])
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s: line %d, column %d: %q is not a number", file, line, j+1, c)
			}
			data[i*n+colUnit[j]] = v
		}
	}
	if rows != n {
		return nil, fmt.Errorf("%s: %d unit rows, want %d (one per unit)", file, rows, n)
	}
	for i := range n {
		if data[i*n+i] < 0 {
			return nil, fmt.Errorf("%s: unit %q: negative variance %v", file, units[i], data[i*n+i])
		}
		for j := i + 1; j < n; j++ {
			a, c := data[i*n+j], data[j*n+i]
			if math.Abs(a-c) > 1e-12*math.Max(math.Abs(a), math.Abs(c)) {
				return nil, fmt.Errorf("%s: not symmetric: %v for (%s, %s) but %v for (%s, %s)", file, a, units[i], units[j], c, units[j], units[i])
			}
		}
	}
	return mat.NewSymDense(n, data), nil
}

// rankResult is the outcome of the rank command.
type rankResult struct {
	in          *rankInput
	r           *rankFlags
	conf        *ranking.Confidence
	top, bottom []bool
	tiers       []int
	dist        *ranking.Distribution
	lang        report.Lang // -lang: the language of the table and Markdown
}

// analyse computes the confidence sets, top and bottom sets, tiers and
// parametric rank intervals.
func (r *rankFlags) analyse(ctx context.Context, in *rankInput) (*rankResult, error) {
	n := len(in.est)
	for _, t := range []struct {
		name string
		v    int
	}{{"-top", r.top}, {"-bottom", r.bottom}} {
		if t.v > n {
			return nil, usagef("%s %d: there are only %d units", t.name, t.v, n)
		}
	}
	cs := ranking.ConfidenceSettings{Level: r.level, Draws: r.draws, Seed: r.seed, Direction: r.direction}
	out := &rankResult{in: in, r: r}
	var err error
	if r.progress != nil {
		r.progress.phase("confidence sets", 0)
		cs.Progress = r.progress.update
	}
	out.conf, err = ranking.RankConfidence(ctx, in.est, in.cov, cs)
	cs.Progress = nil
	if r.progress != nil {
		r.progress.phase("rank", 0)
	}
	if err != nil {
		return nil, r.unitErr(in, err)
	}
	if r.top > 0 {
		if r.progress != nil {
			r.progress.phase(fmt.Sprintf("top %d set", r.top), 0)
			cs.Progress = r.progress.update
		}
		if out.top, err = ranking.TopSet(ctx, in.est, in.cov, r.top, cs); err != nil {
			return nil, r.unitErr(in, err)
		}
	}
	if r.bottom > 0 {
		if r.progress != nil {
			r.progress.phase(fmt.Sprintf("bottom %d set", r.bottom), 0)
			cs.Progress = r.progress.update
		}
		if out.bottom, err = ranking.BottomSet(ctx, in.est, in.cov, r.bottom, cs); err != nil {
			return nil, r.unitErr(in, err)
		}
	}
	cs.Progress = nil
	if r.progress != nil && (r.top > 0 || r.bottom > 0) {
		r.progress.phase("rank", 0)
	}
	if r.cuts != nil {
		if r.cuts[len(r.cuts)-1] >= n {
			return nil, usagef("-tiers: the last cut %d leaves no unit for the last tier (%d units)", r.cuts[len(r.cuts)-1], n)
		}
		sets := out.conf.Simultaneous
		if r.tierMarginal {
			sets = out.conf.Marginal
		}
		if out.tiers, err = ranking.Tiers(sets, r.cuts); err != nil {
			return nil, usagef("-tiers: %v", err)
		}
	}
	if r.n > 0 {
		s := ranking.Settings{Replications: r.n, Seed: r.seed, Ranking: r.rankingOption, Level: r.level}
		if r.progress != nil {
			name := "parametric bootstrap"
			if in.strata != nil || in.counts != nil {
				name = "bootstrap"
			}
			r.progress.phase(name, 0)
			s.Progress = r.progress.update
		}
		if in.strata != nil {
			out.dist, err = ranking.BootstrapStrata(ctx, in.strata, in.shares, in.values, in.units, s)
		} else if in.counts != nil {
			out.dist, err = ranking.BootstrapCounts(ctx, in.counts, in.values, in.units, s)
		} else if in.full {
			out.dist, err = ranking.ParametricCov(ctx, in.est, in.cov, in.units, s)
		} else {
			out.dist, err = ranking.Parametric(ctx, in.est, in.se, in.units, s)
		}
		if err != nil {
			return nil, r.unitErr(in, err)
		}
	}
	return out, nil
}

// unitErr names the unit of a ranking.UnitError by its id.
func (r *rankFlags) unitErr(in *rankInput, err error) error {
	if ue, ok := err.(*ranking.UnitError); ok && ue.Unit == "" && ue.Index >= 0 && ue.Index < len(in.units) {
		return fmt.Errorf("unit %q: %v", in.units[ue.Index], ue.Err)
	}
	return err
}

// set formats a rank set.
func set(s ranking.RankSet) string {
	if s.Lo == s.Hi {
		return strconv.Itoa(s.Lo)
	}
	return strconv.Itoa(s.Lo) + "–" + strconv.Itoa(s.Hi)
}

// rankSpan formats the rank interval [lo, hi] as set formats a
// confidence set, and as the report writes a rank interval: "2–3", or
// "2" when lo = hi.
func rankSpan(lo, hi float64) string {
	if lo == hi {
		return rankStr(lo)
	}
	return rankStr(lo) + "–" + rankStr(hi)
}

// tierName is a tier's 1-based number, "-" for none.
func (r *rankResult) tierName(i int) string {
	if r.tiers[i] < 0 {
		return "-"
	}
	return strconv.Itoa(r.tiers[i] + 1)
}

// tierRange describes the ranks of tier t (0-based).
func (r *rankResult) tierRange(t int) string {
	cuts := r.r.cuts
	lo := 1
	if t > 0 {
		lo = cuts[t-1] + 1
	}
	if t == len(cuts) {
		return fmt.Sprintf("%d–%d", lo, len(r.in.units))
	}
	if lo == cuts[t] {
		return strconv.Itoa(lo)
	}
	return fmt.Sprintf("%d–%d", lo, cuts[t])
}

func mark(flags []bool, i int, l report.Lang) string {
	if flags[i] {
		return tr(l, rYes)
	}
	return ""
}

// The texts of rank's table.
var (
	rSE       = report.Text{ZH: "标准误：%s", EN: "standard errors: %s"}
	rSets     = report.Text{ZH: "%[1]s名次置信集（Mogstad、Romano、Shaikh和Wilhelm 2024），抽取%[2]d次，随机种子%[3]d", EN: "%[1]s confidence sets for ranks (Mogstad, Romano, Shaikh and Wilhelm 2024), %[2]d draws, seed %[3]d"}
	rBootSt   = report.Text{ZH: "排名区间：各单位受访者在层内重抽样%[1]d次（答案计数的多项分布抽样），取中间%[2]s", EN: "bootstrap rank intervals: %[1]d resamples of each unit's respondents within its strata (multinomial draws of the counts), central %[2]s"}
	rBoot     = report.Text{ZH: "排名区间：各单位受访者重抽样%[1]d次（答案计数的多项分布抽样），取中间%[2]s", EN: "bootstrap rank intervals: %[1]d resamples of each unit's respondents (multinomial draws of the counts), central %[2]s"}
	rParam    = report.Text{ZH: "排名区间：估计值的正态分布抽样%[1]d次，取中间%[2]s", EN: "parametric rank intervals: %[1]d normal draws of the estimates, central %[2]s"}
	rTiers    = report.Text{ZH: "梯队（按%[1]s置信集划分）：%[2]s；“-”表示跨梯队", EN: "tiers (from the %[1]s sets): %[2]s; - = spans tiers"}
	rTier     = report.Text{ZH: "第%[1]d梯队为第%[2]s名", EN: "%[1]d = ranks %[2]s"}
	rSimult   = report.Text{ZH: "同时", EN: "simultaneous"}
	rMarginal = report.Text{ZH: "单个", EN: "marginal"}
	rYes      = report.Text{ZH: "是", EN: "yes"}
	rHead     = []report.Text{report.TermRank.Text(), report.TermUnit.Text(), {ZH: "估计值", EN: "Estimate"}, {ZH: "标准误", EN: "SE"},
		{ZH: "名次置信集（单个）", EN: "Marginal"}, {ZH: "名次置信集（同时）", EN: "Simultaneous"}}
	rTop      = report.Text{ZH: "前%d名", EN: "Top %d"}
	rBottom   = report.Text{ZH: "末%d名", EN: "Bottom %d"}
	rTierHead = report.Text{ZH: "梯队", EN: "Tier"}
	rMedian   = report.Text{ZH: "排名中位数", EN: "Median"}
	rInterval = report.Text{ZH: "排名区间", EN: "Interval"}
)

func (r *rankResult) percent() string {
	return strconv.FormatFloat(100*r.r.level, 'g', 6, 64) + "%"
}

func (r *rankResult) writeTable(w io.Writer, md bool) {
	in, l := r.in, r.lang
	if md {
		fmt.Fprintf(w, "# %s\n\n", fileIn(l, in.title))
	} else {
		fmt.Fprintf(w, "%s\n", fileIn(l, in.title))
	}
	if l == report.English {
		fmt.Fprintf(w, "units: %d   fingerprint: %s\n", len(in.units), r.conf.Fingerprint)
	} else {
		fmt.Fprintf(w, "%s   %s%s%s\n", unitCount(l, len(in.units)), report.TermFingerprint.In(l), colon(l), r.conf.Fingerprint)
	}
	fmt.Fprintln(w, inEach(l, "\n", func(l report.Lang) string {
		src := in.source
		if l != report.English && in.sourceZH != "" {
			src = in.sourceZH
		}
		return tr(l, rSE, src)
	}))
	fmt.Fprintln(w, trLines(l, rSets, r.percent(), r.r.draws, r.r.seed))
	if r.dist != nil {
		m := rParam
		if in.strata != nil {
			m = rBootSt
		} else if in.counts != nil {
			m = rBoot
		}
		fmt.Fprintln(w, trLines(l, m, r.dist.Replications, r.percent()))
	}
	if r.tiers != nil {
		fmt.Fprintln(w, inEach(l, "\n", func(l report.Lang) string {
			var parts []string
			for t := 0; t <= len(r.r.cuts); t++ {
				parts = append(parts, tr(l, rTier, t+1, r.tierRange(t)))
			}
			sets, sep := rSimult, "，"
			if r.r.tierSets == "marginal" {
				sets = rMarginal
			}
			if l == report.English {
				sep = ", "
			}
			return tr(l, rTiers, tr(l, sets), strings.Join(parts, sep))
		}))
	}
	fmt.Fprintln(w)
	head := heads(l, rHead...)
	right := []int{0, 2, 3, 4, 5}
	if r.top != nil {
		head = append(head, tr(l, rTop, r.r.top))
	}
	if r.bottom != nil {
		head = append(head, tr(l, rBottom, r.r.bottom))
	}
	if r.tiers != nil {
		right = append(right, len(head))
		head = append(head, tr(l, rTierHead))
	}
	if r.dist != nil {
		right = append(right, len(head), len(head)+1)
		head = append(head, tr(l, rMedian), tr(l, rInterval))
	}
	t := newTable(head...).right(right...).in(l)
	for _, i := range rankOrder(in.ranks) {
		row := []string{rankStr(in.shown[i]), in.units[i], fixed(in.est[i], 2), fixed(in.se[i], 2), set(r.conf.Marginal[i]), set(r.conf.Simultaneous[i])}
		if r.top != nil {
			row = append(row, mark(r.top, i, l))
		}
		if r.bottom != nil {
			row = append(row, mark(r.bottom, i, l))
		}
		if r.tiers != nil {
			row = append(row, r.tierName(i))
		}
		if r.dist != nil {
			row = append(row, rankStr(r.dist.Median[i]), rankSpan(r.dist.Lo[i], r.dist.Hi[i]))
		}
		t.add(row...)
	}
	if md {
		t.markdown(w)
	} else {
		t.write(w)
	}
}

func (r *rankResult) writeCSV(w io.Writer) error {
	in := r.in
	cw := csv.NewWriter(w)
	head := []string{"unit", "rank", "estimate", "se", "marginal_lo", "marginal_hi", "simultaneous_lo", "simultaneous_hi"}
	if r.top != nil {
		head = append(head, "top")
	}
	if r.bottom != nil {
		head = append(head, "bottom")
	}
	if r.tiers != nil {
		head = append(head, "tier")
	}
	if r.dist != nil {
		head = append(head, "median", "lo", "hi")
	}
	cw.Write(append(head, "fingerprint"))
	for _, i := range rankOrder(in.ranks) {
		m, s := r.conf.Marginal[i], r.conf.Simultaneous[i]
		row := []string{in.units[i], rankStr(in.ranks[i]), num(in.est[i]), num(in.se[i]),
			strconv.Itoa(m.Lo), strconv.Itoa(m.Hi), strconv.Itoa(s.Lo), strconv.Itoa(s.Hi)}
		if r.top != nil {
			row = append(row, strconv.FormatBool(r.top[i]))
		}
		if r.bottom != nil {
			row = append(row, strconv.FormatBool(r.bottom[i]))
		}
		if r.tiers != nil {
			tier := "NA"
			if r.tiers[i] >= 0 {
				tier = strconv.Itoa(r.tiers[i] + 1)
			}
			row = append(row, tier)
		}
		if r.dist != nil {
			row = append(row, rankStr(r.dist.Median[i]), rankStr(r.dist.Lo[i]), rankStr(r.dist.Hi[i]))
		}
		cw.Write(append(row, r.conf.Fingerprint))
	}
	cw.Flush()
	return cw.Error()
}

// jsonSet is a rank confidence set {lo, hi}.
type jsonSet struct {
	Lo int `json:"lo"`
	Hi int `json:"hi"`
}

type jsonRankUnit struct {
	Unit         string  `json:"unit"`
	Rank         jnum    `json:"rank"`
	Estimate     jnum    `json:"estimate"`
	SE           jnum    `json:"se"`
	Marginal     jsonSet `json:"marginal"`
	Simultaneous jsonSet `json:"simultaneous"`
	Top          *bool   `json:"top,omitempty"`
	Bottom       *bool   `json:"bottom,omitempty"`
	Tier         *int    `json:"tier,omitempty"`
	Median       *jnum   `json:"median,omitempty"`
	Lo           *jnum   `json:"lo,omitempty"`
	Hi           *jnum   `json:"hi,omitempty"`
}

type jsonRank struct {
	Title                 string         `json:"title"`
	Fingerprint           string         `json:"fingerprint"`
	StandardErrors        string         `json:"standard_errors"`
	Level                 float64        `json:"level"`
	Draws                 int            `json:"draws"`
	Seed                  uint64         `json:"seed"`
	Top                   int            `json:"top,omitempty"`
	Bottom                int            `json:"bottom,omitempty"`
	TierCuts              []int          `json:"tier_cuts,omitempty"`
	TierSets              string         `json:"tier_sets,omitempty"`
	Replications          int            `json:"replications,omitempty"`
	ParametricFingerprint string         `json:"parametric_fingerprint,omitempty"`
	Units                 []jsonRankUnit `json:"units"`
}

func (r *rankResult) json() jsonRank {
	in := r.in
	out := jsonRank{Title: in.title, Fingerprint: r.conf.Fingerprint, StandardErrors: in.source, Level: r.r.level, Draws: r.r.draws, Seed: r.r.seed,
		Top: r.r.top, Bottom: r.r.bottom, TierCuts: r.r.cuts, Units: []jsonRankUnit{}}
	if r.tiers != nil {
		out.TierSets = r.r.tierSets
	}
	if r.dist != nil {
		out.Replications, out.ParametricFingerprint = r.dist.Replications, r.dist.Fingerprint
	}
	for _, i := range rankOrder(in.ranks) {
		ju := jsonRankUnit{Unit: in.units[i], Rank: jnum(in.ranks[i]), Estimate: jnum(in.est[i]), SE: jnum(in.se[i]),
			Marginal: jsonSet(r.conf.Marginal[i]), Simultaneous: jsonSet(r.conf.Simultaneous[i])}
		if r.top != nil {
			ju.Top = &r.top[i]
		}
		if r.bottom != nil {
			ju.Bottom = &r.bottom[i]
		}
		if r.tiers != nil && r.tiers[i] >= 0 {
			t := r.tiers[i] + 1
			ju.Tier = &t
		}
		if r.dist != nil {
			ju.Median, ju.Lo, ju.Hi = ptr(r.dist.Median[i]), ptr(r.dist.Lo[i]), ptr(r.dist.Hi[i])
		}
		out.Units = append(out.Units, ju)
	}
	return out
}

// rankAnswers fills in from survey answers: per-unit estimates of the
// -measure on the -scale with their linearised covariance
// (survey.AnswerSet.Covariance), the same respondents rating every unit.
func (e *env) rankAnswers(ctx context.Context, r *rankFlags, in *rankInput) error {
	files := strings.Split(r.answers, ",")
	if len(files) != 2 || files[0] == "" || files[1] == "" {
		return usagef("-answers: want RESPONDENTS,ANSWERS (two files), got %q", r.answers)
	}
	if r.scale == "" {
		return usagef("-answers needs -scale")
	}
	var m survey.Measure
	if err := parseEnum(&m, r.measure); err != nil {
		return usagef("-measure: %v", err)
	}
	sc, err := e.loadScale(r.scale)
	if err != nil {
		return err
	}
	b, err := e.readTabular(files[0])
	if err != nil {
		return err
	}
	rname, rlines := displayName(files[0]), recordLines(b)
	rs, err := survey.ReadRespondents(bytes.NewReader(b))
	if err != nil {
		return surveyFileErr(rname, rlines, err)
	}
	des, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return surveyFileErr(rname, rlines, err)
	}
	if b, err = e.readTabular(files[1]); err != nil {
		return err
	}
	aname, alines := displayName(files[1]), recordLines(b)
	as, err := survey.ReadAnswers(bytes.NewReader(b))
	if err != nil {
		return surveyFileErr(aname, alines, err)
	}
	set, err := des.Answers(as, sc)
	if err != nil {
		return surveyFileErr(aname, alines, err)
	}
	c, err := set.Covariance(ctx, survey.UnitSettings{Measure: m})
	if err != nil {
		return surveyFileErr(aname, nil, err)
	}
	in.title = aname
	in.units = c.Units
	for _, u := range c.Estimates {
		in.est = append(in.est, u.Value)
		in.se = append(in.se, u.SE)
	}
	in.cov, in.full = c.Cov, true
	in.source = "survey covariance of " + rname + " and " + aname
	in.sourceZH = rname + "和" + aname + "的调查协方差"
	return nil
}
