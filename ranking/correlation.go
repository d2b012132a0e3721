package ranking

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/ppgpa/ppgpa/internal/rankcorr"
	"github.com/ppgpa/ppgpa/internal/special"
)

// ErrConstant is wrapped by the errors returned when a rank correlation is
// undefined because one of the inputs is constant (every pair tied).
var ErrConstant = errors.New("ranking: constant input")

// ErrTooFew is wrapped by the errors returned when there are too few units
// for a statistic.
var ErrTooFew = errors.New("ranking: too few units")

// ErrExactTies is returned when an exact Kendall p-value is asked for data
// with ties, for which the exact permutation distribution is not available.
var ErrExactTies = errors.New("ranking: exact Kendall p-value needs data without ties")

// TauVariant selects Kendall's tau-b or Stuart's tau-c.
type TauVariant int

const (
	// TauB is Kendall's tau-b, adjusted for ties in either ranking; the
	// default.
	TauB TauVariant = iota
	// TauC is Stuart's tau-c, for rectangular contingency tables.
	TauC
)

// String returns "b" or "c".
func (v TauVariant) String() string { return enumName(tauVariantNames(), int(v), "TauVariant") }

// PMethod selects how Kendall's p-value is computed.
type PMethod int

const (
	// PAuto uses PExact when there are no ties and n <= 33 or
	// min(D, n0 - D) <= 1, and PAsymptotic otherwise (scipy's "auto").
	PAuto PMethod = iota
	// PExact uses the exact permutation distribution of the number of
	// discordant pairs (no ties only).
	PExact
	// PAsymptotic uses the normal approximation with the tie-corrected
	// variance.
	PAsymptotic
)

// String returns "auto", "exact" or "asymptotic".
func (m PMethod) String() string { return enumName(pMethodNames(), int(m), "PMethod") }

// KendallOptions configures [Kendall]. The zero value gives tau-b with
// scipy's automatic p-value method.
type KendallOptions struct {
	Variant TauVariant
	PValue  PMethod
}

// KendallResult is the result of [Kendall].
type KendallResult struct {
	Tau float64 // tau-b or tau-c
	// P is the two-sided p-value for independence. Tau-c gets the p-value
	// of tau-b (as in scipy), since C - D is the test statistic of both.
	P          float64
	Method     PMethod // the method actually used: PExact or PAsymptotic
	Concordant int64   // C: pairs ordered the same way in x and y
	Discordant int64   // D: pairs ordered oppositely
	TiesX      int64   // n1: pairs tied in x
	TiesY      int64   // n2: pairs tied in y
}

// Kendall returns Kendall's rank correlation between x and y [1, 2]:
//
//	tau-b = (C - D) / sqrt((n0 - n1) (n0 - n2))
//	tau-c = 2 (C - D) / (n^2 (k - 1) / k)
//
// with n0 = n(n-1)/2 pairs, n1 and n2 the pairs tied in x and in y, and k
// the smaller number of distinct values in x or y. Ties are exact equality.
// The pairs are counted by Knight's O(n log n) method [11].
// The asymptotic two-sided p-value is 2 Phi(-|z|) with z = (C - D)/sqrt(var),
//
//	var = (m(2n+5) - x1 - y1)/18 + 2 n1 n2 / m + x0 y0 / (9 m (n-2))
//
// m = n(n-1), x0 = sum t(t-1)(t-2), x1 = sum t(t-1)(2t+5) over the tie
// groups (of size t) of x, and y0, y1 likewise. The exact p-value is
// 2 P(D' <= min(D, n0 - D)), capped at 1, under the uniform distribution
// of permutations, computed by Kendall's recurrence for the number of
// permutations with a given number of inversions [1]. This is
// scipy.stats.kendalltau (1.10).
//
// Kendall returns an error wrapping [ErrTooFew] for fewer than 2 units,
// [ErrConstant] if x or y is constant, [ErrExactTies] for PExact with ties,
// and a *UnitError wrapping [ErrNaN] for NaN. It panics if
// len(x) != len(y) or opt holds unknown values.
func Kendall(x, y []float64, opt KendallOptions) (KendallResult, error) {
	n := checkPair(x, y)
	if opt.Variant != TauB && opt.Variant != TauC {
		panic(fmt.Sprintf("ranking: unknown TauVariant %d", int(opt.Variant)))
	}
	if opt.PValue < PAuto || opt.PValue > PAsymptotic {
		panic(fmt.Sprintf("ranking: unknown PMethod %d", int(opt.PValue)))
	}
	var res KendallResult
	if err := checkFinite(x, y); err != nil {
		return res, err
	}
	if n < 2 {
		return res, fmt.Errorf("%w: n=%d, Kendall needs 2", ErrTooFew, n)
	}
	res.Concordant, res.Discordant, res.TiesX, res.TiesY = rankcorr.KendallCounts(x, y)
	n0 := int64(n) * int64(n-1) / 2
	if res.TiesX == n0 || res.TiesY == n0 {
		return res, fmt.Errorf("%w: Kendall's tau is undefined", ErrConstant)
	}
	cd := float64(res.Concordant - res.Discordant)
	gx, gy := tieGroups(x), tieGroups(y)
	switch opt.Variant {
	case TauB:
		res.Tau = cd / math.Sqrt(float64(float64(n0-res.TiesX)*float64(n0-res.TiesY)))
	case TauC:
		k := float64(min(len(gx), len(gy)))
		nf := float64(n)
		res.Tau = float64(2*cd) / (float64(nf*nf) * (k - 1) / k)
	}
	res.Tau = math.Max(-1, math.Min(1, res.Tau))
	noTies := res.TiesX == 0 && res.TiesY == 0
	method := opt.PValue
	if method == PAuto {
		method = PAsymptotic
		if noTies && (n <= 33 || min(res.Discordant, n0-res.Discordant) <= 1) {
			method = PExact
		}
	}
	res.Method = method
	if method == PExact {
		if !noTies {
			return res, ErrExactTies
		}
		res.P = kendallExactP(n, min(res.Discordant, n0-res.Discordant))
		return res, nil
	}
	m := float64(n) * float64(n-1)
	x0, x1 := tieSums(gx)
	y0, y1 := tieSums(gy)
	v := (float64(m*float64(2*n+5))-x1-y1)/18 + float64(2*float64(res.TiesX))*float64(res.TiesY)/m
	if n > 2 {
		v += float64(x0*y0) / float64(9*m*float64(n-2))
	}
	z := cd / math.Sqrt(v)
	res.P = math.Min(1, 2*special.NormalCDF(-math.Abs(z)))
	return res, nil
}

// kendallExactP returns the two-sided exact p-value 2 P(D <= c) for n
// units without ties, c <= n0/2, by the recurrence for the number of
// permutations of j elements with k inversions (Kendall 1970, ch. 4).
func kendallExactP(n int, c int64) float64 {
	switch {
	case n <= 2:
		return 1
	case 2*c == int64(n)*int64(n-1)/2:
		return 1
	}
	// cnt[k] / j! = P(k inversions among j elements), kept normalised to
	// avoid overflow of j! for large n.
	cnt := make([]float64, c+1)
	next := make([]float64, c+1)
	cnt[0] = 1
	for j := 2; j <= n; j++ {
		// next[k] = (1/j) sum_{i=0}^{min(k, j-1)} cnt[k-i], a sliding window sum
		var win float64
		for k := int64(0); k <= c; k++ {
			win += cnt[k]
			if k >= int64(j) {
				win -= cnt[k-int64(j)]
			}
			next[k] = win / float64(j)
		}
		cnt, next = next, cnt
	}
	var p float64
	for _, v := range cnt {
		p += v
	}
	return math.Min(1, math.Max(0, 2*p))
}

// tieGroups returns the sizes of the groups of equal values of x.
func tieGroups(x []float64) []int {
	s := slices.Clone(x)
	slices.Sort(s)
	var g []int
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] == s[i] {
			j++
		}
		g = append(g, j-i)
		i = j
	}
	return g
}

// tieSums returns sum t(t-1)(t-2) and sum t(t-1)(2t+5) over tie groups.
func tieSums(g []int) (s0, s1 float64) {
	for _, t := range g {
		f := float64(t)
		s0 += float64(float64(f*(f-1)) * (f - 2))
		s1 += float64(float64(f*(f-1)) * float64(2*f+5))
	}
	return s0, s1
}

func checkPair(x, y []float64) int {
	if len(x) != len(y) {
		panic(fmt.Sprintf("ranking: len(x)=%d != len(y)=%d", len(x), len(y)))
	}
	return len(x)
}

func checkFinite(x, y []float64) error {
	for i := range x {
		if x[i] != x[i] || y[i] != y[i] {
			return unitErr(nil, i, ErrNaN)
		}
	}
	return nil
}

// SpearmanResult is the result of [Spearman].
type SpearmanResult struct {
	Rho float64 // Pearson correlation of the average ranks
	P   float64 // two-sided p-value from Student's t with n - 2 df
}

// Spearman returns Spearman's rank correlation [3]: the Pearson correlation
// of the average ranks (TieAverage, exact ties as scipy: Options.Exact) of
// x and y, with the two-sided p-value
// 2 T_{n-2}(-|t|) of
//
//	t = rho sqrt((n - 2) / ((1 + rho)(1 - rho)))
//
// as scipy.stats.spearmanr (1.10). For rho = ±1 the p-value is 0. Errors
// are those of [Kendall] (at least 3 units are needed for the p-value).
// Spearman panics if len(x) != len(y).
func Spearman(x, y []float64) (SpearmanResult, error) {
	n := checkPair(x, y)
	var res SpearmanResult
	if err := checkFinite(x, y); err != nil {
		return res, err
	}
	if n < 3 {
		return res, fmt.Errorf("%w: n=%d, Spearman needs 3", ErrTooFew, n)
	}
	rx, _ := Rank(x, nil, Options{Direction: LowerFirst, Exact: true})
	ry, _ := Rank(y, nil, Options{Direction: LowerFirst, Exact: true})
	rho, ok := pearson(rx, ry)
	if !ok {
		return res, fmt.Errorf("%w: Spearman's rho is undefined", ErrConstant)
	}
	res.Rho = rho
	df := float64(n - 2)
	den := float64((1 + rho) * (1 - rho))
	if den <= 0 {
		return res, nil
	}
	t := float64(rho * math.Sqrt(df/den))
	res.P = math.Min(1, 2*special.TCDF(-math.Abs(t), df))
	return res, nil
}

// pearson returns the Pearson correlation of x and y, false if either is
// constant.
func pearson(x, y []float64) (float64, bool) {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += float64(dx * dy)
		sxx += float64(dx * dx)
		syy += float64(dy * dy)
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	r := sxy / math.Sqrt(float64(sxx*syy))
	return math.Max(-1, math.Min(1, r)), true
}
