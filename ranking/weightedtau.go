package ranking

import (
	"fmt"
	"math"
	"slices"
)

// TauOrder selects the importance order of [WeightedTau].
type TauOrder int

const (
	// OrderBoth averages the weighted taus obtained with the elements
	// ranked by decreasing lexicographic (x, y) and by decreasing (y, x);
	// symmetric in x and y. The default (scipy's rank=True).
	OrderBoth TauOrder = iota
	// OrderXY ranks elements by decreasing lexicographic (x, y) only
	// (scipy's rank=None); not symmetric in x and y.
	OrderXY
)

// WeightedTauOptions configures [WeightedTau]. The zero value is scipy's
// default: hyperbolic weigher, both orders averaged, additive weights.
type WeightedTauOptions struct {
	Order TauOrder
	// Multiplicative weighs a pair by the product of its elements' weights
	// instead of their sum (scipy's additive=False).
	Multiplicative bool
}

// WeightedTau returns Vigna's weighted Kendall tau [4], in which an
// exchange between two elements of importance ranks r and s (0 = most
// important) weighs w(r) + w(s) (or w(r) w(s) when multiplicative), with
// the hyperbolic weigher
//
//	w(r) = 1 / (r + 1)
//
// so that disagreements at the top of a ranking count more than at the
// bottom. It is computed by Vigna's O(n log n) merge-sort algorithm, as
// scipy.stats.weightedtau (1.10), whose result it reproduces. It returns an
// error wrapping [ErrConstant] if x or y is constant, [ErrTooFew] for empty
// input and a *UnitError wrapping [ErrNaN] for NaN (scipy ranks NaN
// lowest instead). It panics if len(x) != len(y) or opt.Order is unknown.
func WeightedTau(x, y []float64, opt WeightedTauOptions) (float64, error) {
	n := checkPair(x, y)
	if err := checkFinite(x, y); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, fmt.Errorf("%w: weighted tau of empty input", ErrTooFew)
	}
	switch opt.Order {
	case OrderBoth:
		a, ok1 := weightedRankedTau(x, y, !opt.Multiplicative)
		b, ok2 := weightedRankedTau(y, x, !opt.Multiplicative)
		if !ok1 || !ok2 {
			return 0, fmt.Errorf("%w: weighted tau is undefined", ErrConstant)
		}
		return (a + b) / 2, nil
	case OrderXY:
		a, ok := weightedRankedTau(x, y, !opt.Multiplicative)
		if !ok {
			return 0, fmt.Errorf("%w: weighted tau is undefined", ErrConstant)
		}
		return a, nil
	}
	panic(fmt.Sprintf("ranking: unknown TauOrder %d", int(opt.Order)))
}

// weightedRankedTau is Vigna's algorithm with the importance rank taken
// from decreasing lexicographic (x, y) (ties in both by input order, the
// later element more important, as in scipy). It returns false if x or y
// is constant.
func weightedRankedTau(x, y []float64, additive bool) (float64, bool) {
	n := len(x)
	// perm: ascending lexicographic (x, y), ties by index (a stable lexsort).
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		if c := cmpFloat(x[a], x[b]); c != 0 {
			return c
		}
		return cmpFloat(y[a], y[b])
	})
	rank := make([]int, n)
	for k, i := range perm {
		rank[i] = n - 1 - k
	}
	weight := func(i int) float64 { return 1 / float64(rank[i]+1) }
	// pairSum accumulates the weight of the pairs inside runs of equal
	// keys along perm.
	pairSum := func(same func(a, b int) bool) (float64, bool) {
		var acc float64
		first := 0
		w := weight(perm[0])
		s, sq := w, float64(w*w)
		flush := func(i int) {
			if additive {
				acc += float64(s * float64(i-first-1))
			} else {
				acc += (float64(s*s) - sq) / 2
			}
		}
		for i := 1; i < n; i++ {
			if !same(perm[first], perm[i]) {
				flush(i)
				first = i
				s, sq = 0, 0
			}
			w = weight(perm[i])
			s += w
			sq += float64(w * w)
		}
		flush(n)
		return acc, first != 0
	}
	t, _ := pairSum(func(a, b int) bool { return x[a] == x[b] && y[a] == y[b] })
	u, ok := pairSum(func(a, b int) bool { return x[a] == x[b] })
	if !ok {
		return 0, false
	}
	var exchanges float64
	temp := make([]int, n)
	var weigh func(off, length int) float64
	weigh = func(off, length int) float64 {
		if length == 1 {
			return weight(perm[off])
		}
		l0 := length / 2
		l1 := length - l0
		mid := off + l0
		residual := weigh(off, l0)
		total := weigh(mid, l1) + residual
		if y[perm[mid-1]] < y[perm[mid]] {
			return total
		}
		i, j, k := 0, 0, 0
		for j < l0 && k < l1 {
			if y[perm[off+j]] <= y[perm[mid+k]] {
				temp[i] = perm[off+j]
				residual -= weight(temp[i])
				j++
			} else {
				temp[i] = perm[mid+k]
				wi := weight(temp[i])
				if additive {
					exchanges += float64(wi*float64(l0-j)) + residual
				} else {
					exchanges += float64(wi * residual)
				}
				k++
			}
			i++
		}
		copy(perm[off+i:off+i+l0-j], perm[off+j:off+l0])
		copy(perm[off:off+i], temp[:i])
		return total
	}
	weigh(0, n)
	v, ok := pairSum(func(a, b int) bool { return y[a] == y[b] })
	if !ok {
		return 0, false
	}
	var s, sq float64
	for i := 0; i < n; i++ {
		w := weight(perm[i])
		s += w
		sq += float64(w * w)
	}
	var tot float64
	if additive {
		tot = float64(s * float64(n-1))
	} else {
		tot = (float64(s*s) - sq) / 2
	}
	tau := ((tot - (v + u - t)) - float64(2*exchanges)) / math.Sqrt(tot-u) / math.Sqrt(tot-v)
	return math.Min(1, math.Max(-1, tau)), true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
