package survey

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// Margin is one raking margin: a categorical variable with the population
// count of each of its levels.
type Margin struct {
	// Name names the variable in errors and diagnostics.
	Name string
	// Levels are the level names.
	Levels []string
	// Codes holds, per respondent, the index of its level in Levels.
	Codes []int
	// Targets holds the population count of each level.
	Targets []float64
}

// NewMargin builds a margin from one text value per respondent and the
// population count of each level (levels sorted by name). It returns a
// *CellError wrapping ErrInvalidInput for a value missing from population
// (naming the row) or a negative, NaN or infinite count.
func NewMargin(name string, values []string, population map[string]float64) (Margin, error) {
	m := Margin{Name: name, Codes: make([]int, len(values))}
	for l, N := range population {
		if N < 0 || math.IsNaN(N) || math.IsInf(N, 0) {
			return Margin{}, &CellError{Variable: name, Cell: l, Err: fmt.Errorf("%w: population count %v", ErrInvalidInput, N)}
		}
		m.Levels = append(m.Levels, l)
	}
	sort.Strings(m.Levels)
	idx := make(map[string]int, len(m.Levels))
	m.Targets = make([]float64, len(m.Levels))
	for k, l := range m.Levels {
		idx[l] = k
		m.Targets[k] = population[l]
	}
	for i, v := range values {
		k, ok := idx[v]
		if !ok {
			return Margin{}, &CellError{Variable: name, Cell: v, Err: fmt.Errorf("%w: level of row %d not in the population table", ErrInvalidInput, i)}
		}
		m.Codes[i] = k
	}
	return m, nil
}

// RakeSettings configures [Rake]. The zero value means the defaults.
type RakeSettings struct {
	// MaxIter is the maximum number of sweeps over all margins; 0 means 100.
	MaxIter int
	// Tol is the stopping tolerance on the relative margin error
	// max |sum_{i in level} w_i - T| / T over every level of every margin;
	// 0 means 1e-10.
	Tol float64
	// Lower and Upper bound the ratio w_i/d_i of raked to initial weight
	// (0 means no bound). Bounded raking clips the cell factors after each
	// margin step; it may fail to converge, which is reported as an error.
	Lower, Upper float64
	// Progress, if not nil, is called after each sweep with how far the
	// fit has come, in thousandths (done of 1000): the share of the way
	// from the first misfit to Tol on a logarithmic scale, which a
	// linearly converging iteration covers at a steady pace; 1000 once converged. It has no
	// effect on the result, and is not called when a design's replicates
	// redo the raking.
	Progress func(done, total int)
}

// Validate returns an error wrapping [ErrInvalidInput] if s is not a valid
// setting: a negative MaxIter, a negative, NaN or infinite Tol, Lower or
// Upper, or Lower above a positive Upper. [Rake] panics on such settings
// (a programming error); callers that build s from user input (a command
// line, a request) call Validate first and report its error.
func (s RakeSettings) Validate() error {
	if s.MaxIter < 0 {
		return fmt.Errorf("%w: RakeSettings.MaxIter %d is negative", ErrInvalidInput, s.MaxIter)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"Tol", s.Tol}, {"Lower", s.Lower}, {"Upper", s.Upper}} {
		if f.v < 0 || math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("%w: RakeSettings.%s %v must be finite and non-negative", ErrInvalidInput, f.name, f.v)
		}
	}
	if s.Upper > 0 && s.Lower > s.Upper {
		return fmt.Errorf("%w: RakeSettings.Lower %v is above Upper %v", ErrInvalidInput, s.Lower, s.Upper)
	}
	return nil
}

func (s RakeSettings) withDefaults() RakeSettings {
	if s.MaxIter == 0 {
		s.MaxIter = 100
	}
	if s.Tol == 0 {
		s.Tol = 1e-10
	}
	if s.Upper == 0 {
		s.Upper = math.Inf(1)
	}
	return s
}

// RakeResult holds raked weights and diagnostics.
type RakeResult struct {
	// Weights are the raked weights.
	Weights []float64
	// Iterations is the number of sweeps done.
	Iterations int
	// MaxRelError holds, per margin, max over its levels of
	// |sum_{i in level} w_i - T| / T (absolute error for T = 0) after the
	// last sweep.
	MaxRelError []float64
	// Cells is the number of non-empty cells of the cross-classification
	// on which the fit ran.
	Cells int
}

// RakeError is the error of raking that did not converge: it wraps
// [ErrNotConverged] and carries the diagnostics of the last sweep.
type RakeError struct {
	Result RakeResult
	Err    error
}

// Error returns the message, naming the context of the error.
func (e *RakeError) Error() string {
	return fmt.Sprintf("%v after %d sweeps: max relative margin error per margin %v", e.Err, e.Result.Iterations, e.Result.MaxRelError)
}

// Unwrap returns the underlying error.
func (e *RakeError) Unwrap() error { return e.Err }

// Rake returns the weights w raked to the margins by iterative
// proportional fitting (Deming and Stephan 1940 [5]): each sweep scales
// the weights of every level of each margin in turn so that they sum to
// its population count,
//
//	w_i <- w_i * T_ml / sum_{j in level l of margin m} w_j
//
// until the largest relative margin error (see [RakeSettings]) is below
// Tol. The raking factor of a respondent depends only on its cell in the
// cross-classification of the margins, so the fit runs on the cell totals
// of w and the factors are applied once at the end: the weights are those
// of respondent-level IPF, at a cost of one pass over the respondents plus
// sweeps over the (few) non-empty cells. The stopping rule is on the
// margins themselves, not on the change between sweeps, and much stricter
// than R's default (maxit = 10, epsilon = 1 weight unit).
//
// It returns a *RakeError wrapping [ErrNotConverged] (with the
// diagnostics) if Tol is not reached in MaxIter sweeps, a *CellError
// wrapping [ErrEmptyCell] for a level with a positive count and no sample
// weight, a *CellError or *RowError wrapping ErrInvalidInput for a code
// out of range, a negative, NaN or infinite weight or target, an error
// wrapping [ErrOverflow] when a margin's counts or the weights sum beyond
// the range of float64, and ctx's
// error if ctx is cancelled. It panics if a margin's len(Codes) !=
// len(w) or len(Targets) != len(Levels), if there are no margins, or if s
// is not valid (see [RakeSettings.Validate]). w is not modified.
func Rake(ctx context.Context, w []float64, margins []Margin, s RakeSettings) (RakeResult, error) {
	f, cells, err := rakeFactors(ctx, w, margins, s)
	if err != nil {
		return f, err
	}
	f.Weights = cells.apply(w)
	if err := checkResultWeights(f.Weights); err != nil {
		return RakeResult{}, err
	}
	return f, nil
}

// rakeCells is the cross-classification of the margins.
type rakeCells struct {
	row    []int32   // cell of each respondent (map path)
	key    []uint16  // mixed-radix cell key of each respondent (dense path)
	dense  []int32   // cell of each mixed-radix key; nil for the map path
	level  [][]int32 // level of each cell, per margin
	total  []float64 // initial weight of each cell
	factor []float64 // raking factor of each cell
}

func buildCells(w []float64, margins []Margin) (*rakeCells, error) {
	n := len(w)
	if len(margins) == 0 {
		panic("survey: Rake without margins")
	}
	prod := 1
	for _, m := range margins {
		if len(m.Codes) != n {
			panic(fmt.Sprintf("survey: margin %q has %d codes, want %d", m.Name, len(m.Codes), n))
		}
		if len(m.Targets) != len(m.Levels) {
			panic(fmt.Sprintf("survey: margin %q has %d targets for %d levels", m.Name, len(m.Targets), len(m.Levels)))
		}
		for l, t := range m.Targets {
			if t < 0 || math.IsNaN(t) || math.IsInf(t, 0) {
				return nil, &CellError{Variable: m.Name, Cell: m.Levels[l], Err: fmt.Errorf("%w: population count %v", ErrInvalidInput, t)}
			}
		}
		if prod <= maxParallelCells {
			prod *= len(m.Levels)
		}
	}
	c := &rakeCells{}
	if prod <= maxParallelCells {
		if err := c.denseCells(w, margins, prod); err != nil {
			return nil, err
		}
		return c, nil
	}
	if err := checkWeights(w); err != nil {
		return nil, err
	}
	c.row = make([]int32, n)
	seen := map[string]int32{}
	buf := make([]byte, 0, 8*len(margins))
	for i := 0; i < n; i++ {
		buf = buf[:0]
		for _, m := range margins {
			v := m.Codes[i]
			if v < 0 || v >= len(m.Levels) {
				return nil, &RowError{Row: i, Err: fmt.Errorf("%w: margin %q: code %d out of range [0, %d)", ErrInvalidInput, m.Name, v, len(m.Levels))}
			}
			buf = fmt.Appendf(buf, "%d,", v)
		}
		cell, ok := seen[string(buf)]
		if !ok {
			cell = int32(len(c.total))
			seen[string(buf)] = cell
			c.total = append(c.total, 0)
		}
		c.row[i] = cell
		c.total[cell] += w[i]
	}
	nc := len(c.total)
	c.level = make([][]int32, len(margins))
	done := make([]bool, nc)
	for k := range margins {
		c.level[k] = make([]int32, nc)
	}
	for i, cell := range c.row {
		if done[cell] {
			continue
		}
		done[cell] = true
		for k, m := range margins {
			c.level[k][cell] = int32(m.Codes[i])
		}
	}
	c.initFactors()
	return c, nil
}

func (c *rakeCells) initFactors() {
	c.factor = make([]float64, len(c.total))
	for i := range c.factor {
		c.factor[i] = 1
	}
}

// maxParallelCells bounds the cross-classifications handled by the dense,
// chunked path of buildCells (one partial total per cell and chunk); the
// keys fit in 16 bits.
const maxParallelCells = 1 << 14

// rakeChunk is the number of respondents per chunk of the row passes.
// Chunks are fixed, and their partial sums are combined in chunk order,
// so the result does not depend on how many goroutines run them.
const rakeChunk = 1 << 15

// forChunks runs f on every chunk [lo, hi) of n rows, on up to GOMAXPROCS
// goroutines.
func forChunks(n int, f func(chunk, lo, hi int)) {
	parallelRows((n+rakeChunk-1)/rakeChunk, func(k int) {
		f(k, k*rakeChunk, min(n, (k+1)*rakeChunk))
	})
}

// denseCells fills the cells of a small cross-classification: key holds
// each respondent's mixed-radix cell key; the cells are the keys with
// positive total weight, and dense maps a key to its cell (-1 if empty).
// One pass over the respondents, chunk by chunk, forms each key from all
// the margins' codes, checks the weight and adds it to its key's total
// (in row order within a chunk, the chunks' totals then added in chunk
// order). The errors are those of checking every weight first, then
// every code margin by margin: the first invalid weight, else the first
// invalid code of the first margin with one in the first chunk with one.
func (c *rakeCells) denseCells(w []float64, margins []Margin, prod int) error {
	n := len(w)
	nm := len(margins)
	codes := make([][]int, nm)
	radix := make([]int, nm)
	for k, m := range margins {
		codes[k], radix[k] = m.Codes, len(m.Levels)
	}
	chunks := (n + rakeChunk - 1) / rakeChunk
	partial := make([]float64, chunks*prod)
	badW := make([]int, chunks)       // first invalid weight's row per chunk, -1 if none
	badCode := make([]int, chunks*nm) // first invalid code's row per chunk and margin, -1 if none
	c.key = make([]uint16, n)
	forChunks(n, func(chunk, lo, hi int) {
		tot := partial[chunk*prod : (chunk+1)*prod]
		keys := c.key[lo:hi]
		ws := w[lo:hi]
		bad := badCode[chunk*nm : (chunk+1)*nm]
		for k := range bad {
			bad[k] = -1
		}
		badW[chunk] = -1
		anyBad := false
		for j, v := range ws {
			key := 0
			for k, cs := range codes {
				x := cs[lo+j]
				if uint(x) >= uint(radix[k]) {
					if bad[k] < 0 {
						bad[k] = lo + j
					}
					x, anyBad = 0, true
				}
				key = key*radix[k] + x
			}
			// Negative, NaN and infinite weights fail; the check is one
			// predictable branch.
			if !(v >= 0 && v <= math.MaxFloat64) {
				if badW[chunk] < 0 {
					badW[chunk] = lo + j
				}
				anyBad = true
			}
			keys[j] = uint16(key)
			tot[key] += v
		}
		_ = anyBad
	})
	for _, row := range badW {
		if row >= 0 {
			return &RowError{Row: row, Err: fmt.Errorf("%w: weight %v", ErrInvalidInput, w[row])}
		}
	}
	for chunk := range chunks {
		for k, row := range badCode[chunk*nm : (chunk+1)*nm] {
			if row >= 0 {
				v := codes[k][row]
				return &RowError{Row: row, Err: fmt.Errorf("%w: margin %q: code %d out of range [0, %d)", ErrInvalidInput, margins[k].Name, v, radix[k])}
			}
		}
	}
	total := make([]float64, prod)
	for k := 0; k < chunks; k++ {
		for cell, v := range partial[k*prod : (k+1)*prod] {
			total[cell] += v
		}
	}
	c.dense = make([]int32, prod)
	c.level = make([][]int32, len(margins))
	for key, v := range total {
		c.dense[key] = -1
		if v == 0 {
			continue
		}
		c.dense[key] = int32(len(c.total))
		c.total = append(c.total, v)
	}
	for k := range margins {
		c.level[k] = make([]int32, len(c.total))
	}
	for key, cell := range c.dense {
		if cell < 0 {
			continue
		}
		r := key
		for k := len(margins) - 1; k >= 0; k-- {
			c.level[k][cell] = int32(r % radix[k])
			r /= radix[k]
		}
	}
	c.initFactors()
	return nil
}

// apply returns w_i times the factor of respondent i's cell.
func (c *rakeCells) apply(w []float64) []float64 {
	out := make([]float64, len(w))
	if c.dense == nil {
		for i, cell := range c.row {
			out[i] = w[i] * c.factor[cell]
		}
		return out
	}
	byKey := make([]float64, len(c.dense))
	for key, cell := range c.dense {
		if cell >= 0 {
			byKey[key] = c.factor[cell]
		}
	}
	forChunks(len(w), func(_, lo, hi int) {
		o := out[lo:hi]
		ws := w[lo:hi]
		for j, key := range c.key[lo:hi] {
			o[j] = ws[j] * byKey[key]
		}
	})
	return out
}

// rakeFactors fits the cell factors; the result has no Weights.
func rakeFactors(ctx context.Context, w []float64, margins []Margin, s RakeSettings) (RakeResult, *rakeCells, error) {
	if err := s.Validate(); err != nil {
		panic(fmt.Sprintf("survey: invalid RakeSettings %+v: %v", s, err))
	}
	s = s.withDefaults()
	c, err := buildCells(w, margins)
	if err != nil {
		return RakeResult{}, nil, err
	}
	for _, m := range margins {
		total := 0.0
		for _, t := range m.Targets {
			total += t
		}
		if math.IsInf(total, 0) {
			return RakeResult{}, nil, &CellError{Variable: m.Name, Cell: "(all levels)", Err: fmt.Errorf("%w: population counts sum to %v", ErrOverflow, total)}
		}
	}
	res := RakeResult{Cells: len(c.total), MaxRelError: make([]float64, len(margins))}
	cur := make([]float64, len(c.total))
	copy(cur, c.total)
	sums := make([][]float64, len(margins))
	for k, m := range margins {
		sums[k] = make([]float64, len(m.Levels))
		marginSums(sums[k], c.level[k], cur)
		for l, t := range m.Targets {
			if t > 0 && sums[k][l] == 0 {
				return RakeResult{}, nil, &CellError{Variable: m.Name, Cell: m.Levels[l], Err: fmt.Errorf("%w: no sampled weight for population count %v", ErrEmptyCell, t)}
			}
		}
	}
	bounded := s.Lower > 0 || !math.IsInf(s.Upper, 1)
	var first float64 // the first sweep's misfit, for the progress
	for it := 1; it <= s.MaxIter; it++ {
		if err := ctx.Err(); err != nil {
			return RakeResult{}, nil, err
		}
		for k, m := range margins {
			marginSums(sums[k], c.level[k], cur)
			ratio := sums[k]
			for l, t := range m.Targets {
				if ratio[l] > 0 {
					ratio[l] = t / ratio[l]
				} else {
					ratio[l] = 1
				}
			}
			for cell, l := range c.level[k] {
				f := c.factor[cell] * ratio[l]
				if bounded {
					f = math.Min(math.Max(f, s.Lower), s.Upper)
				}
				c.factor[cell] = f
				cur[cell] = c.total[cell] * f
			}
		}
		res.Iterations = it
		worst := 0.0
		for k, m := range margins {
			marginSums(sums[k], c.level[k], cur)
			e := 0.0
			for l, t := range m.Targets {
				d := math.Abs(sums[k][l] - t)
				if t > 0 {
					d /= t
				}
				e = math.Max(e, d)
			}
			res.MaxRelError[k] = e
			worst = math.Max(worst, e)
		}
		if it == 1 {
			first = worst
		}
		if s.Progress != nil {
			s.Progress(convergence(first, worst, s.Tol), 1000)
		}
		if worst < s.Tol {
			return res, c, nil
		}
	}
	return res, nil, &RakeError{Result: res, Err: ErrNotConverged}
}

// convergence returns how far an iteration has come from its first
// misfit m0 to the tolerance tol when its misfit is m, in thousandths, on
// a logarithmic scale: 1000 ln(m0/m)/ln(m0/tol), between 0 and 999 until
// m < tol, then 1000.
func convergence(m0, m, tol float64) int {
	if m < tol {
		return 1000
	}
	if !(m0 > tol) || !(m > 0) || math.IsInf(m0, 0) {
		return 0
	}
	share := detmath.Log(m0/m) / detmath.Log(m0/tol)
	return int(math.Min(math.Max(1000*share, 0), 999))
}

// marginSums sets dst[l] to the total of cur over the cells of level l.
func marginSums(dst []float64, level []int32, cur []float64) {
	clear(dst)
	for cell, l := range level {
		dst[l] += cur[cell]
	}
}

// Rake returns the design raked to the margins (see [Rake]) with the
// variance of R survey's rake(): the linearised variable z is replaced by
// its residual after exactly ten backfitting sweeps over the margins,
//
//	z_i <- z_i - w_i * (unweighted mean of z_j/w_j over the respondents j
//	                    in i's level of the margin)
//
// with w the raked weights. (This approximates a projection by unweighted
// regression; [Design.Calibrate] with the Raking distance gives the same
// weights but a design-weighted regression residual and so a slightly
// different standard error.) Errors and panics are those of [Rake].
func (d *Design) Rake(ctx context.Context, margins []Margin, s RakeSettings) (*Design, RakeResult, error) {
	r, err := Rake(ctx, d.w, margins, s)
	if err != nil {
		return nil, r, err
	}
	a := &rakeAdj{w: r.Weights}
	for _, m := range margins {
		codes := make([]int32, len(m.Codes))
		for i, v := range m.Codes {
			codes[i] = int32(v)
		}
		a.codes = append(a.codes, codes)
		a.levels = append(a.levels, len(m.Levels))
	}
	s.Progress = nil // replicates redo the raking silently
	st := &rakeStep{s: s}
	for _, m := range margins {
		m.Codes = append([]int(nil), m.Codes...)
		m.Levels = append([]string(nil), m.Levels...)
		m.Targets = append([]float64(nil), m.Targets...)
		st.margins = append(st.margins, m)
	}
	return d.withWeights(r.Weights, a, st), r, nil
}

// rakeBackfitSweeps is the number of backfitting sweeps of R survey's
// raking variance (svyrecvar: for(iterations in 1:10)).
const rakeBackfitSweeps = 10

// rakeAdj is the variance adjustment of raking.
type rakeAdj struct {
	codes  [][]int32
	levels []int
	w      []float64
}

func (a *rakeAdj) apply(z []float64) {
	for it := 0; it < rakeBackfitSweeps; it++ {
		for k, codes := range a.codes {
			sum := make([]float64, a.levels[k])
			cnt := make([]int, a.levels[k])
			for i, l := range codes {
				cnt[l]++
				if a.w[i] != 0 {
					sum[l] += z[i] / a.w[i]
				}
			}
			for l := range sum {
				if cnt[l] > 0 {
					sum[l] /= float64(cnt[l])
				}
			}
			for i, l := range codes {
				z[i] -= float64(a.w[i] * sum[l])
			}
		}
	}
}
