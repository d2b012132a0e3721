package ranking

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// whatIfRanker gives one unit's rank, and whether another unit shares
// it, under other scores of the same units, as [Classify] would: the same
// numbers as Classify(units with the scores replaced, spec) followed by
// Rank[u] and Tied(u), from the rank of the unit's league table alone
// (grades, promotions and designations do not change ranks). It is not
// safe for concurrent use; every goroutine makes its own.
type whatIfRanker struct {
	st      *Standing
	units   Units
	members [][]int // per table: its units, in table order (as Classify picks them)
	ids     [][]string
	vetoed  [][]bool
	anyVeto []bool // per table: some member is vetoed
	// per table, when vetoed units rank last and it has some: the
	// positions (in members) of the units not vetoed and vetoed, and
	// their ids
	parts   [][2][]int
	partIDs [][2][]string
	sc      []float64
	rank    []float64
}

// newWhatIfRanker prepares the ranks of the tables of st, the standing
// that Classify gave for units.
func newWhatIfRanker(st *Standing, units Units) *whatIfRanker {
	r := &whatIfRanker{st: st, units: units, members: make([][]int, len(st.Tables))}
	for i, ti := range st.table {
		r.members[ti] = append(r.members[ti], i)
	}
	for _, m := range r.members {
		r.ids = append(r.ids, pick(units.IDs, m))
		v := pickBool(units.Vetoed, m)
		r.vetoed = append(r.vetoed, v)
		r.anyVeto = append(r.anyVeto, slices.Contains(v, true))
		var parts [2][]int
		var ids [2][]string
		if st.vetoLast && slices.Contains(v, true) {
			for j, b := range v {
				k := 0
				if b {
					k = 1
				}
				parts[k] = append(parts[k], j)
				ids[k] = append(ids[k], units.IDs[m[j]])
			}
		}
		r.parts, r.partIDs = append(r.parts, parts), append(r.partIDs, ids)
	}
	return r
}

// rankOf returns unit u's rank and tie under scores (one per unit, as
// Units.Scores), and ok false when only Classify can tell: some score is
// NaN, which may be an error of the ranking (NaN policy "error").
//
// Why this is Classify's rank: Classify ranks each table on its own
// (grade's Rank of the members' scores under the section's options, or
// positions when vetoed units rank last and the table has one), and the
// errors it can return that depend on the scores are those of Rank for a
// NaN score; Tied looks for another member of the table with the same
// rank.
func (r *whatIfRanker) rankOf(scores []float64, u int) (rank float64, tied, ok bool) {
	if anyNaN(scores) {
		return 0, false, false
	}
	ti := r.st.table[u]
	if !r.st.Tables[ti].Ranked {
		return math.NaN(), false, true
	}
	m := r.members[ti]
	j, _ := slices.BinarySearch(m, u)
	// The unit's part of the table: all of it, or under veto placement
	// "last" the units vetoed or not as it is, ranked on their own (see
	// positions) after the others if vetoed; the ranks of the two parts
	// differ.
	part, ids, jj, offset := []int(nil), r.ids[ti], j, 0.0
	if r.st.vetoLast && r.anyVeto[ti] {
		k := 0
		if r.vetoed[ti][j] {
			k, offset = 1, float64(len(r.parts[ti][0]))
		}
		part, ids = r.parts[ti][k], r.partIDs[ti][k]
		jj, _ = slices.BinarySearch(part, j)
	}
	r.sc = r.sc[:0]
	if part == nil {
		for _, i := range m {
			r.sc = append(r.sc, scores[i])
		}
	} else {
		for _, p := range part {
			r.sc = append(r.sc, scores[m[p]])
		}
	}
	if rank, tied, ok := rankOne(r.sc, ids, jj, r.st.ranking); ok {
		return rank + offset, tied, true
	}
	r.sc = r.sc[:0]
	for _, i := range m {
		r.sc = append(r.sc, scores[i])
	}
	var ranks []float64
	if r.st.vetoLast && r.anyVeto[ti] {
		var err error
		if ranks, _, _, err = positions(r.sc, r.vetoed[ti], r.ids[ti], r.st.ranking, true); err != nil {
			return 0, false, false
		}
	} else {
		if cap(r.rank) < len(m) {
			r.rank = make([]float64, len(m))
		}
		ranks = r.rank[:len(m)]
		if err := RankTo(ranks, r.sc, r.ids[ti], r.st.ranking); err != nil {
			return 0, false, false
		}
	}
	for k, v := range ranks {
		if k != j && v == ranks[j] {
			tied = true
			break
		}
	}
	return ranks[j], tied, true
}

// maxChain is the most distinct scores that rankOne follows a chain of
// ties through on either side of the unit's before it leaves the rank to
// RankTo (each link costs a pass over the scores).
const maxChain = 8

// rankOne returns, for scores without NaN, the rank of unit j under opt
// and whether another unit has the same rank: Rank(scores, ids,
// opt)[j] and whether another element equals it, when ok. ok is false for
// TieDense (a rank that counts the tie groups above) and for long chains
// of tolerance ties (see maxChain), which need the sorted scores.
//
// RankTo sorts the units best first and forms tie groups by chaining
// adjacent scores p (the better) and q that are linked (see
// assignRanks); equal scores are always linked, and the group holding
// unit j spans the distinct scores from the best, hi, to the worst, lo,
// that chain to score_j. With s the number of units that rank before hi
// and e = s + the number of units with scores from hi to lo:
//
//	average: (s + 1 + e)/2, min: s + 1, max: e
//	ordinal: s + 1 + the number of members before j in tie-break order
//	(id, then index), as RankTo reorders a group
//
// (a group of one gets e = s + 1 from each, as RankTo gives it).
//
// Groups of more than one unit share a rank under average, min and max,
// and ranks of different groups differ (a group's average is at most e,
// the next one's above e), so another unit has j's rank exactly when the
// group has more than one member; ordinal ranks are all different.
func rankOne(scores []float64, ids []string, j int, opt Options) (rank float64, tied, ok bool) {
	if opt.Ties == TieDense {
		return 0, false, false
	}
	// Scores are compared by their keys, sg*score, higher first: links
	// do not change when both scores are negated.
	sg := 1.0
	if opt.Direction == LowerFirst {
		sg = -1
	}
	tol := opt.tieTol()
	linked := func(p, q float64) bool { return !tol.apart(p, q) && tol.tied(p, q) }
	x := sg * scores[j]
	// One pass counts the units before x and at x, and finds the nearest
	// keys above and below x.
	s, size := 0, 0
	var up, down float64
	hasUp, hasDown := false, false
	for _, v := range scores {
		k := sg * v
		switch {
		case k > x:
			s++
			if !hasUp || k < up {
				up, hasUp = k, true
			}
		case k < x:
			if !hasDown || k > down {
				down, hasDown = k, true
			}
		default:
			size++
		}
	}
	hi, lo := x, x
	if hasUp && linked(up, hi) || hasDown && linked(lo, down) {
		// A chain of tolerance ties: follow it link by link.
		next := func(y float64, above bool) (float64, bool) {
			var z float64
			found := false
			for _, v := range scores {
				k := sg * v
				if above && k > y && (!found || k < z) || !above && k < y && (!found || k > z) {
					z, found = k, true
				}
			}
			return z, found
		}
		for _, above := range []bool{true, false} {
			for steps := 0; ; steps++ {
				end := lo
				if above {
					end = hi
				}
				z, found := next(end, above)
				if !found || !linked(z, end) {
					break
				}
				if steps == maxChain {
					return 0, false, false
				}
				if above {
					hi = z
				} else {
					lo = z
				}
			}
		}
		s, size = 0, 0
		for _, v := range scores {
			switch k := sg * v; {
			case k > hi:
				s++
			case k >= lo:
				size++
			}
		}
	}
	e := s + size
	switch opt.Ties {
	case TieAverage:
		rank = float64(s+1+e) / 2
	case TieMin:
		rank = float64(s + 1)
	case TieMax:
		rank = float64(e)
	case TieOrdinal:
		before := 0
		for i, v := range scores {
			if k := sg * v; k <= hi && k >= lo && i != j && ordinalBefore(ids, i, j) {
				before++
			}
		}
		return float64(s + 1 + before), false, true
	default:
		return 0, false, false
	}
	return rank, size > 1, true
}

// ordinalBefore reports whether unit a comes before unit b in RankTo's
// tie-break order: by id (when ids is not nil), then by index.
func ordinalBefore(ids []string, a, b int) bool {
	if ids != nil {
		if c := strings.Compare(ids[a], ids[b]); c != 0 {
			return c < 0
		}
	}
	return a < b
}

func anyNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}

// peerMedians returns, for every unit u, peerMedian(x, u): the median of
// the values of x other than x[u]. It sorts x once: with the non-NaN
// values sorted, leaving out x[u] leaves out one copy of its value, the
// other values keeping their order, so the median is read at the middle
// positions shifted past it. Equal values being equal bits, which copy
// goes does not matter, unless x holds both signed zeros (equal, of other
// bits, in an order that depends on the sort): then each median is
// computed on its own.
func peerMedians(x []float64) []float64 {
	v := make([]float64, 0, len(x))
	neg, pos := false, false
	for _, a := range x {
		if !math.IsNaN(a) {
			v = append(v, a)
		}
		if a == 0 {
			neg, pos = neg || math.Signbit(a), pos || !math.Signbit(a)
		}
	}
	out := make([]float64, len(x))
	if neg && pos {
		for u := range x {
			out[u] = peerMedian(x, u)
		}
		return out
	}
	sort.Float64s(v)
	for u, a := range x {
		k, p := len(v), len(v) // p: the position left out (len(v): none)
		if !math.IsNaN(a) {
			k--
			p = sort.SearchFloat64s(v, a)
		}
		at := func(i int) float64 {
			if i >= p {
				return v[i+1]
			}
			return v[i]
		}
		switch {
		case k == 0:
			out[u] = math.NaN()
		case k%2 == 1:
			out[u] = at(k / 2)
		default:
			out[u] = at(k/2-1)/2 + at(k/2)/2
		}
	}
	return out
}
