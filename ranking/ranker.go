package ranking

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Ranker ranks many score vectors of the same units without allocating:
// the kernel of the Monte Carlo and bootstrap analyses. It gives exactly
// the ranks of [Rank] with the same ids and options (it does not check
// ids for duplicates, as Rank does: callers check once; equal ids break
// ordinal ties by input order). Instead of a
// comparison sort it sorts the order-preserving 32-bit integer image of the
// scores rounded to float32 by a stable least significant digit radix sort
// (four 8-bit digits; a pass whose digit is the same for every unit is
// skipped), then puts each run of equal 32-bit keys in exact order by
// insertion sort on the full float64 order and the tie-break order. Rounding
// to float32 is monotone, so runs are the only places where the order can
// be wrong, and they are short unless many scores agree to 7 digits.
//
// Before the radix sort it tries a cheaper exact sort, which succeeds
// for the scores of indices and analyses: a bucket sort. With the finite
// scores spread over [lo, hi], unit i goes to bucket floor((hi - s_i) 2n
// / (hi - lo)) (2n buckets, best first; a monotone map, so a better score
// never lands in a later bucket), the units are placed bucket by bucket
// in unit order, and one insertion pass on the float64 order and the
// tie-break order puts each bucket's few units in exact order. For an
// infinite or NaN score, all scores equal, or more than four moves per
// unit in the insertion pass (scores bunched in a few buckets), it falls
// back to the radix sort. Either way the ranks are the same.
type Ranker struct {
	opt      Options
	ids      []string
	perm     []int32 // units in tie-break order
	tieRank  []int32 // position of each unit in perm
	keys     []uint32
	keys2    []uint32
	idx      []int32
	idx2     []int32
	hist     [4][256]int32
	reorderF func([]int32)
	// sorted holds the scores in the order found, negated under
	// LowerFirst so that the best comes first in descending order.
	sorted []float64
	// Scratch of the bucket sort: the signed scores in tie-break order,
	// their buckets, and the buckets' counts and next places.
	vals   []float64
	bucket []int32
	count  []int32
}

// NewRanker returns a Ranker for n units. ids, if not nil, are the unit ids
// that break ordinal ties, as in [Rank]. NewRanker panics if ids is not nil
// and len(ids) != n, or if opt is invalid as in [Rank].
func NewRanker(n int, ids []string, opt Options) *Ranker {
	opt.check()
	if ids != nil && len(ids) != n {
		panic(fmt.Sprintf("ranking: len(ids)=%d != n=%d", len(ids), n))
	}
	r := &Ranker{
		opt: opt, ids: ids,
		perm: make([]int32, n), tieRank: make([]int32, n),
		keys: make([]uint32, n), keys2: make([]uint32, n),
		idx: make([]int32, n), idx2: make([]int32, n),
		sorted: make([]float64, n), vals: make([]float64, n),
		bucket: make([]int32, n), count: make([]int32, 2*n+1),
	}
	for i := range r.perm {
		r.perm[i] = int32(i)
	}
	if ids != nil {
		slices.SortStableFunc(r.perm, func(a, b int32) int { return strings.Compare(ids[a], ids[b]) })
	}
	for k, i := range r.perm {
		r.tieRank[i] = int32(k)
	}
	r.reorderF = func(g []int32) {
		slices.SortFunc(g, func(a, b int32) int { return int(r.tieRank[a] - r.tieRank[b]) })
	}
	return r
}

// orderedKey maps a score to a uint64 whose unsigned order is the order in
// which scores are ranked under d (best first), NaN last, -0 == +0.
func orderedKey(s float64, d Direction) uint64 {
	if s != s {
		return math.MaxUint64
	}
	if s == 0 {
		s = 0
	}
	b := math.Float64bits(s)
	if b>>63 == 1 {
		b = ^b
	} else {
		b |= 1 << 63
	}
	if d == HigherFirst {
		b = ^b
	}
	if b == math.MaxUint64 { // keep the maximum for NaN: +Inf / -Inf never map here
		b--
	}
	return b
}

// orderedKey32 is orderedKey of the score rounded to float32 (a monotone
// map, so a <= b implies key(a) <= key(b)), NaN last.
func orderedKey32(s float64, d Direction) uint32 {
	if s != s {
		return math.MaxUint32
	}
	f := float32(s)
	if f == 0 {
		f = 0
	}
	b := math.Float32bits(f)
	if b>>31 == 1 {
		b = ^b
	} else {
		b |= 1 << 31
	}
	if d == HigherFirst {
		b = ^b
	}
	if b == math.MaxUint32 {
		b--
	}
	return b
}

// Rank writes the ranks of scores into dst. Errors are those of [Rank].
// Rank panics if len(scores) or len(dst) is not the Ranker's n.
func (r *Ranker) Rank(dst, scores []float64) error {
	n := len(r.perm)
	if len(scores) != n || len(dst) != n {
		panic(fmt.Sprintf("ranking: Ranker for %d units given len(scores)=%d, len(dst)=%d", n, len(scores), len(dst)))
	}
	if r.opt.NaN == NaNError {
		for i, s := range scores {
			if s != s {
				return unitErr(r.ids, i, ErrNaN)
			}
		}
	}
	if n == 0 {
		return nil
	}
	if m, ok := r.bucketSort(scores); ok {
		gap := r.opt.tieTol().gapOf(m)
		if !distinctRanks(dst, r.sorted, r.idx, gap) {
			assignRanks(dst, r.sorted, r.idx, r.opt, r.reorderF, gap)
		}
		return nil
	}
	r.hist = [4][256]int32{}
	for k, i := range r.perm {
		key := orderedKey32(scores[i], r.opt.Direction)
		r.keys[k] = key
		r.idx[k] = i
		r.hist[0][byte(key)]++
		r.hist[1][byte(key>>8)]++
		r.hist[2][byte(key>>16)]++
		r.hist[3][byte(key>>24)]++
	}
	keys, keys2, idx, idx2 := r.keys, r.keys2, r.idx, r.idx2
	for b := range 4 {
		h := &r.hist[b]
		shift := uint(8 * b)
		if h[byte(keys[0]>>shift)] == int32(n) {
			continue // every key has this digit: the pass would not move anything
		}
		var sum int32
		for d := range h {
			c := h[d]
			h[d] = sum
			sum += c
		}
		for k, key := range keys {
			d := byte(key >> shift)
			p := h[d]
			h[d] = p + 1
			keys2[p] = key
			idx2[p] = idx[k]
		}
		keys, keys2 = keys2, keys
		idx, idx2 = idx2, idx
	}
	// Exact order inside runs of equal 32-bit keys: insertion sort by the
	// float64 order, then the tie-break order (stable for exact ties).
	for s := 0; s < n; {
		e := s + 1
		for e < n && keys[e] == keys[s] {
			e++
		}
		for a := s + 1; a < e; a++ {
			x := idx[a]
			kx := orderedKey(scores[x], r.opt.Direction)
			b := a
			for b > s {
				y := idx[b-1]
				ky := orderedKey(scores[y], r.opt.Direction)
				if ky < kx || ky == kx && r.tieRank[y] < r.tieRank[x] {
					break
				}
				idx[b] = y
				b--
			}
			idx[b] = x
		}
		s = e
	}
	sign := r.sign()
	sorted := r.sorted
	for k, i := range idx {
		sorted[k] = float64(sign * scores[i])
	}
	assignRanks(dst, sorted, idx, r.opt, r.reorderF, math.Inf(1))
	return nil
}

// distinctRanks writes the rank k+1 of every unit order[k] into dst and
// returns true when every two neighbours of sorted (descending) differ by
// more than gap, so that no two are tied and every tie method gives each
// unit its place; otherwise it returns false and writes nothing.
func distinctRanks(dst, sorted []float64, order []int32, gap float64) bool {
	for k := 1; k < len(sorted); k++ {
		if !(sorted[k-1]-sorted[k] > gap) {
			return false
		}
	}
	for k, i := range order {
		dst[i] = float64(k + 1)
	}
	return true
}

// sign is 1 under HigherFirst and -1 under LowerFirst: scores times sign
// rank best first in descending order (a product by ±1 is exact).
func (r *Ranker) sign() float64 {
	if r.opt.Direction == LowerFirst {
		return -1
	}
	return 1
}

// bucketSort sorts the units into r.idx and their signed scores into
// r.sorted, best first, units with equal scores in tie-break order (-0 and
// +0 are equal), as the radix sort does (see Ranker), and returns the
// largest magnitude of the scores. It returns false, leaving them
// unspecified, when the scores are not all finite, are all equal, or
// bunch so that the insertion pass would move more than four units per
// unit.
func (r *Ranker) bucketSort(scores []float64) (float64, bool) {
	n := len(scores)
	vals, bucket, count := r.vals[:n], r.bucket[:n], r.count[:2*n+1]
	sign := r.sign()
	lo, hi := math.Inf(1), math.Inf(-1)
	for u, s := range scores {
		v := float64(sign * s)
		if v != v {
			return 0, false
		}
		vals[u] = v
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	// d > 0 and finite, scale finite: every score finite, not all equal.
	d := hi - lo
	scale := float64(2*n) / d
	if !(d > 0 && d <= math.MaxFloat64 && scale <= math.MaxFloat64) {
		return 0, false
	}
	clear(count)
	for u, v := range vals {
		b := min(int(float64((hi-v)*scale)), 2*n-1)
		bucket[u] = int32(b)
		count[b+1]++
	}
	var c int32 // count[b] becomes the number of units in buckets before b
	for b, k := range count[:2*n] {
		c += k
		count[b] = c
	}
	sorted, order := r.sorted[:n], r.idx[:n]
	for u, v := range vals {
		b := bucket[u]
		p := count[b]
		count[b] = p + 1
		sorted[p], order[p] = v, int32(u)
	}
	// Exact order: only units of the same bucket can be out of order;
	// units with equal scores go in tie-break order.
	tieRank := r.tieRank[:n]
	budget := 4 * n
	for a := 1; a < n; a++ {
		v, w := sorted[a], sorted[a-1]
		if w > v || w == v && tieRank[order[a-1]] < tieRank[order[a]] {
			continue
		}
		i := order[a]
		ti := tieRank[i]
		b := a
		for ; b > 0; b-- {
			if w = sorted[b-1]; w > v || w == v && tieRank[order[b-1]] < ti {
				break
			}
			sorted[b], order[b] = w, order[b-1]
		}
		sorted[b], order[b] = v, i
		if budget -= a - b; budget < 0 {
			return 0, false
		}
	}
	return max(-lo, hi), true
}
