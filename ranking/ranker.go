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
// A Ranker holds scratch space: use one per goroutine.
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
	assignRanks(dst, scores, idx, r.opt, r.reorderF)
	return nil
}
