package weighting

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/internal/rankcorr"
)

// AlphaResult is the outcome of [CronbachAlpha].
type AlphaResult struct {
	// Raw is Cronbach's alpha from covariances.
	Raw float64
	// Std is the standardised alpha from the mean correlation.
	Std float64
	// AverageR is the mean off-diagonal Pearson correlation r̄.
	AverageR float64
}

// CronbachAlpha returns Cronbach's alpha of the columns of x (rows =
// units, columns = the k indicators of one group, oriented so that higher
// is better), as psych::alpha reports it:
//
//	Raw = k/(k-1) * (1 - sum_j var_j / var(sum_j x_j))      (variances with n - 1)
//	Std = k * r̄ / (1 + (k-1) * r̄)
//
// Raw alpha of z-scores equals Std. It returns a [*DataError] if x has
// fewer than 2 rows or columns, a NaN or infinite value, or a constant
// column.
func CronbachAlpha(x mat.Matrix) (AlphaResult, error) {
	c, n, k, err := colMajor(x, 2, false)
	if err != nil {
		return AlphaResult{}, err
	}
	if k < 2 {
		return AlphaResult{}, dataErr(-1, -1, 0, "alpha needs at least 2 indicators")
	}
	if err := checkSquare("correlation matrix", k); err != nil {
		return AlphaResult{}, err
	}
	sd, corr := correlate(c, n, k)
	var sumVar float64
	for j, s := range sd {
		if s == 0 {
			return AlphaResult{}, dataErr(-1, j, 0, "constant indicator")
		}
		sumVar = float64(s*s) + sumVar
	}
	total := make([]float64, n)
	for j := 0; j < k; j++ {
		for i, v := range c[j*n : j*n+n] {
			total[i] += v
		}
	}
	st, _ := meanSD(total)
	var r float64
	for j := 0; j < k; j++ {
		for l := 0; l < k; l++ {
			if l != j {
				r += corr[j*k+l]
			}
		}
	}
	r /= float64(k * (k - 1))
	fk := float64(k)
	return AlphaResult{
		Raw:      fk / (fk - 1) * (1 - sumVar/float64(st*st)),
		Std:      float64(fk*r) / (1 + float64((fk-1)*r)),
		AverageR: r,
	}, nil
}

// CorrMethod selects a correlation coefficient. The zero value is
// [Pearson].
type CorrMethod int

const (
	// Pearson is the product-moment correlation.
	Pearson CorrMethod = iota
	// Spearman is the Pearson correlation of the ranks (ties get their
	// average rank).
	Spearman
	// Kendall is Kendall's tau-b (ties corrected), O(n^2) per pair.
	Kendall
)

var corrNames = [...]string{"pearson", "spearman", "kendall"}

// String returns "pearson", "spearman" or "kendall".
func (c CorrMethod) String() string { return enumString("CorrMethod", int(c), corrNames[:]) }

// MarshalText returns the method's name; it fails for an unknown method.
func (c CorrMethod) MarshalText() ([]byte, error) {
	return enumText("correlation", int(c), corrNames[:])
}

// UnmarshalText parses "pearson", "spearman" or "kendall".
func (c *CorrMethod) UnmarshalText(b []byte) error {
	i, err := parseEnum("correlation", string(b), corrNames[:])
	*c = CorrMethod(i)
	return err
}

// Correlation returns the correlation of x and y by method c, over the
// pairs where both are present (not NaN). It returns NaN if fewer than 3
// pairs remain or either variable is constant over them. Correlation
// panics if len(x) != len(y) or c is unknown.
func Correlation(x, y []float64, c CorrMethod) float64 {
	if len(x) != len(y) {
		panic(fmt.Sprintf("weighting: len(x)=%d != len(y)=%d", len(x), len(y)))
	}
	var a, b []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			a = append(a, x[i])
			b = append(b, y[i])
		}
	}
	if len(a) < 3 {
		return math.NaN()
	}
	switch c {
	case Pearson:
		return pearson(a, b)
	case Spearman:
		return pearson(averageRanks(a), averageRanks(b))
	case Kendall:
		return kendallTauB(a, b)
	}
	panic(fmt.Sprintf("weighting: unknown CorrMethod %d", int(c)))
}

// pearson returns the Pearson correlation of x and y, NaN if either is
// constant (every value equal to the first exactly; a computed sum of
// squares is not reliably 0 for a constant of an inexact value such as
// 0.1).
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var sx, sy float64
	cx, cy := true, true
	for i := range x {
		sx += x[i]
		sy += y[i]
		cx = cx && x[i] == x[0]
		cy = cy && y[i] == y[0]
	}
	if cx || cy {
		return math.NaN()
	}
	mx, my := sx/n, sy/n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy = float64(dx*dy) + sxy
		sxx = float64(dx*dx) + sxx
		syy = float64(dy*dy) + syy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return max(-1, min(1, sxy/math.Sqrt(float64(sxx*syy))))
}

// ranksOnce returns the average ranks of x for Spearman's correlation
// when every pair with x keeps all of x (no value missing, at least 3
// values), nil otherwise (the pair's ranks then depend on the other
// variable's missing values).
func ranksOnce(x []float64, c CorrMethod) []float64 {
	if c != Spearman || len(x) < 3 || slices.ContainsFunc(x, math.IsNaN) {
		return nil
	}
	return averageRanks(x)
}

// correlationRanked is Correlation(x, y, c), from the ranks rx and ry of
// ranksOnce when both are known: the same pairs, the same ranks and so
// the same bits, without ranking x and y again.
func correlationRanked(x, y, rx, ry []float64, c CorrMethod) float64 {
	if rx != nil && ry != nil {
		return pearson(rx, ry)
	}
	return Correlation(x, y, c)
}

// averageRanks returns the ranks 1..n of x, ties sharing their average
// rank.
func averageRanks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// kendallTauB returns Kendall's tau-b:
//
//	tau_b = (C - D) / sqrt((n0 - n1) (n0 - n2))
//
// with C, D the concordant and discordant pairs, n0 = n(n-1)/2 and n1, n2
// the pairs tied in x and in y.
func kendallTauB(x, y []float64) float64 {
	ci, di, txi, tyi := rankcorr.KendallCounts(x, y)
	c, d, tx, ty := float64(ci), float64(di), float64(txi), float64(tyi)
	n0 := float64(len(x)*(len(x)-1)) / 2
	den := math.Sqrt(float64((n0 - tx) * (n0 - ty)))
	if den == 0 {
		return math.NaN()
	}
	return (c - d) / den
}

// CoherenceSettings configures [Coherence]. The zero value means Pearson
// correlations, redundancy above 0.9 (COINr's get_corr_flags default,
// cor_thresh = 0.9 with thresh_type "high") and negative correlation below
// -0.4 (the lowest flag threshold of COINr's plot_corr, flagthresh =
// c(-0.4, 0.3, 0.9); get_corr_flags itself has no negative default).
type CoherenceSettings struct {
	// Method is the correlation coefficient.
	Method CorrMethod
	// Redundant flags pairs of indicators of one group with r above it;
	// 0 means 0.9.
	Redundant float64
	// Negative flags pairs of indicators of one group with r below
	// -Negative; 0 means 0.4.
	Negative float64
	// Progress, if not nil, is called by [Coherence] after each
	// indicator's correlations with the indicators after it, its group
	// and the index, with the correlations done and their total, m(m-1)/2
	// + 2m for m indicators (done = total at the end), so that a caller
	// can draw a progress bar; indicator's Prepared.Coherence adds up
	// its groups likewise. It has no effect on the results.
	Progress func(done, total int) `json:"-"`
}

// CoherenceInput is the model data that [Coherence] analyses.
type CoherenceInput struct {
	// X holds the normalised indicators, units × indicators, oriented so
	// that higher is better; NaN marks a missing value.
	X mat.Matrix
	// Groups[j] is the group (0, 1, ...) of indicator j.
	Groups []int
	// GroupScores (units × groups) are the groups' aggregate scores; nil
	// means the mean of each unit's available indicators of the group.
	GroupScores mat.Matrix
	// Index is the units' index score; nil means the mean of the
	// available group scores.
	Index []float64
}

// FlagKind names the reason an indicator pair is flagged.
type FlagKind int

const (
	// Redundant marks a very high correlation within a group.
	Redundant FlagKind = iota
	// NegativeCorrelation marks a negative correlation within a group.
	NegativeCorrelation
)

var flagNames = [...]string{"redundant", "negative"}

// String returns "redundant" or "negative".
func (f FlagKind) String() string { return enumString("FlagKind", int(f), flagNames[:]) }

// CoherenceFlag is one flagged pair of indicators (I < J) of one group.
type CoherenceFlag struct {
	Kind  FlagKind
	Group int
	I, J  int
	R     float64
}

// CoherenceResult is the outcome of [Coherence]. Correlations that cannot
// be computed (fewer than 3 complete pairs, or no variation) are NaN.
type CoherenceResult struct {
	Method CorrMethod
	// Indicators is the m×m correlation matrix of the indicators
	// (pairwise complete observations).
	Indicators *mat.SymDense
	// WithGroup[j] correlates indicator j with its group's score,
	// WithIndex[j] with the index, GroupWithIndex[g] group g with the
	// index.
	WithGroup, WithIndex, GroupWithIndex []float64
	// Alpha[g] is Cronbach's alpha of group g's indicators over the units
	// with all of them present; NaN values when it cannot be computed (a
	// group of one indicator, fewer than 2 complete units, a constant
	// indicator).
	Alpha []AlphaResult
	// UnitAvailability[i] is the share of indicators present for unit i;
	// GroupAvailability (units × groups) the share within each group;
	// IndicatorAvailability[j] the share of units with indicator j.
	UnitAvailability      []float64
	GroupAvailability     *mat.Dense
	IndicatorAvailability []float64
	// Flags lists redundant and negatively correlated pairs within
	// groups, by group, then I, then J.
	Flags []CoherenceFlag
}

// Coherence analyses the statistical coherence of a composite indicator's
// structure, as COINr's analysis tools do (OECD/JRC Handbook 2008, step
// 4): correlations between indicators and with their group and the index,
// Cronbach's alpha per group, data availability, and flags for redundant
// or negatively correlated indicators within a group.
//
// It returns a [*DataError] if X has no rows or columns or an infinite
// value, and a [*DataError] if a group index is negative or
// GroupScores/Index have the wrong shape. Coherence panics if
// len(Groups) differs from the number of columns of X.
func Coherence(in CoherenceInput, s CoherenceSettings) (CoherenceResult, error) {
	n, m := in.X.Dims()
	if err := checkSquare("correlation matrix", m); err != nil {
		return CoherenceResult{}, err
	}
	if len(in.Groups) != m {
		panic(fmt.Sprintf("weighting: len(Groups)=%d != %d indicators", len(in.Groups), m))
	}
	if n == 0 || m == 0 {
		return CoherenceResult{}, dataErr(-1, -1, 0, "empty data matrix")
	}
	red, neg := s.Redundant, s.Negative
	if red == 0 {
		red = 0.9
	}
	if neg == 0 {
		neg = 0.4
	}
	g := 0
	for j, v := range in.Groups {
		if v < 0 {
			return CoherenceResult{}, dataErr(-1, j, float64(v), "negative group index")
		}
		g = max(g, v+1)
	}
	cols := make([][]float64, m)
	for j := range cols {
		cols[j] = mat.Col(nil, j, in.X)
		for i, v := range cols[j] {
			if math.IsInf(v, 0) {
				return CoherenceResult{}, dataErr(i, j, v, "infinite value")
			}
		}
	}
	res := CoherenceResult{
		Method:                s.Method,
		Indicators:            mat.NewSymDense(m, nil),
		WithGroup:             make([]float64, m),
		WithIndex:             make([]float64, m),
		GroupWithIndex:        make([]float64, g),
		Alpha:                 make([]AlphaResult, g),
		UnitAvailability:      make([]float64, n),
		GroupAvailability:     mat.NewDense(n, g, nil),
		IndicatorAvailability: make([]float64, m),
	}
	// Availability.
	size := make([]int, g)
	for _, v := range in.Groups {
		size[v]++
	}
	for j, col := range cols {
		for i, v := range col {
			if !math.IsNaN(v) {
				res.IndicatorAvailability[j]++
				res.UnitAvailability[i]++
				res.GroupAvailability.Set(i, in.Groups[j], res.GroupAvailability.At(i, in.Groups[j])+1)
			}
		}
		res.IndicatorAvailability[j] /= float64(n)
	}
	for i := 0; i < n; i++ {
		res.UnitAvailability[i] /= float64(m)
		for k := 0; k < g; k++ {
			if size[k] > 0 {
				res.GroupAvailability.Set(i, k, res.GroupAvailability.At(i, k)/float64(size[k]))
			} else {
				res.GroupAvailability.Set(i, k, math.NaN())
			}
		}
	}
	// Group and index scores.
	gs := make([][]float64, g)
	if in.GroupScores != nil {
		if r, c := in.GroupScores.Dims(); r != n || c != g {
			return CoherenceResult{}, dataErr(-1, -1, 0, fmt.Sprintf("group scores are %d×%d, want %d×%d", r, c, n, g))
		}
		for k := range gs {
			gs[k] = mat.Col(nil, k, in.GroupScores)
		}
	} else {
		for k := range gs {
			gs[k] = make([]float64, n)
			for i := 0; i < n; i++ {
				var s float64
				c := 0
				for j, col := range cols {
					if in.Groups[j] == k && !math.IsNaN(col[i]) {
						s += col[i]
						c++
					}
				}
				gs[k][i] = s / float64(c) // NaN when none
			}
		}
	}
	index := in.Index
	if index != nil && len(index) != n {
		return CoherenceResult{}, dataErr(-1, -1, 0, fmt.Sprintf("index has %d values for %d units", len(index), n))
	}
	if index == nil {
		index = make([]float64, n)
		for i := range index {
			var s float64
			c := 0
			for k := range gs {
				if !math.IsNaN(gs[k][i]) {
					s += gs[k][i]
					c++
				}
			}
			index[i] = s / float64(c)
		}
	}
	// Spearman: a column without missing values has the same ranks in
	// every pair, so it is ranked once (the pairs give the same bits as
	// Correlation, which ranks both columns of each pair).
	rk := make([][]float64, m)
	grk := make([][]float64, g)
	irk := ranksOnce(index, s.Method)
	for j := range cols {
		rk[j] = ranksOnce(cols[j], s.Method)
	}
	for k := range gs {
		grk[k] = ranksOnce(gs[k], s.Method)
	}
	for j := 0; j < m; j++ {
		res.Indicators.SetSym(j, j, 1)
		for k := j + 1; k < m; k++ {
			r := correlationRanked(cols[j], cols[k], rk[j], rk[k], s.Method)
			res.Indicators.SetSym(j, k, r)
			if in.Groups[j] == in.Groups[k] {
				switch {
				case r > red:
					res.Flags = append(res.Flags, CoherenceFlag{Kind: Redundant, Group: in.Groups[j], I: j, J: k, R: r})
				case r < -neg:
					res.Flags = append(res.Flags, CoherenceFlag{Kind: NegativeCorrelation, Group: in.Groups[j], I: j, J: k, R: r})
				}
			}
		}
		res.WithGroup[j] = correlationRanked(cols[j], gs[in.Groups[j]], rk[j], grk[in.Groups[j]], s.Method)
		res.WithIndex[j] = correlationRanked(cols[j], index, rk[j], irk, s.Method)
		if s.Progress != nil {
			// Rows 0..j: sum_{i<=j} (m - i - 1) + 2 (j + 1).
			s.Progress((j+1)*(2*m-j-2)/2+2*(j+1), m*(m-1)/2+2*m)
		}
	}
	sort.SliceStable(res.Flags, func(a, b int) bool { return res.Flags[a].Group < res.Flags[b].Group })
	for k := 0; k < g; k++ {
		res.GroupWithIndex[k] = correlationRanked(gs[k], index, grk[k], irk, s.Method)
		res.Alpha[k] = groupAlpha(cols, in.Groups, k, n)
	}
	return res, nil
}

// groupAlpha returns Cronbach's alpha of group k over complete units, or
// NaN values.
func groupAlpha(cols [][]float64, groups []int, k, n int) AlphaResult {
	var members []int
	for j, v := range groups {
		if v == k {
			members = append(members, j)
		}
	}
	var rows []int
	for i := 0; i < n; i++ {
		ok := true
		for _, j := range members {
			ok = ok && !math.IsNaN(cols[j][i])
		}
		if ok {
			rows = append(rows, i)
		}
	}
	nan := AlphaResult{Raw: math.NaN(), Std: math.NaN(), AverageR: math.NaN()}
	if len(members) < 2 || len(rows) < 2 {
		return nan
	}
	x := mat.NewDense(len(rows), len(members), nil)
	for a, i := range rows {
		for b, j := range members {
			x.Set(a, b, cols[j][i])
		}
	}
	r, err := CronbachAlpha(x)
	if err != nil {
		return nan
	}
	return r
}
