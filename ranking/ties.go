package ranking

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Direction says which end of the score scale is rank 1.
type Direction int

const (
	// HigherFirst gives rank 1 to the highest score (a league table where
	// higher is better). It is the default. It is scipy's rankdata(-x).
	HigherFirst Direction = iota
	// LowerFirst gives rank 1 to the lowest score (scipy's rankdata(x)).
	LowerFirst
)

// String returns the lowercase name of d.
func (d Direction) String() string {
	switch d {
	case HigherFirst:
		return "higher_first"
	case LowerFirst:
		return "lower_first"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// MarshalText implements encoding.TextMarshaler.
func (d Direction) MarshalText() ([]byte, error) { return marshalEnum(d.String(), int(d), d.valid()) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Direction) UnmarshalText(b []byte) error {
	return unmarshalEnum("Direction", b, []string{"higher_first", "lower_first"}, (*int)(d))
}

func (d Direction) valid() bool { return d == HigherFirst || d == LowerFirst }

// TieMethod says which rank tied units share.
type TieMethod int

const (
	// TieAverage gives every member of a tie group the mean of the positions
	// the group occupies ("1 2.5 2.5 4"); scipy's and R's default, and the
	// default here. Average ranks always sum to n(n+1)/2.
	TieAverage TieMethod = iota
	// TieMin gives the smallest position of the group: competition ranking
	// "1224" (COINr's fixed choice, and the usual published league table).
	TieMin
	// TieMax gives the largest position of the group: "1334".
	TieMax
	// TieDense numbers the groups consecutively: "1223".
	TieDense
	// TieOrdinal gives distinct ranks, breaking ties by unit id (byte-wise
	// string order) when ids are given, otherwise by input order: the earlier
	// unit gets the smaller rank, in both directions (scipy's "ordinal").
	TieOrdinal
)

// tieNames returns the text forms of the TieMethod values, in order.
func tieNames() []string { return []string{"average", "min", "max", "dense", "ordinal"} }

// String returns the lowercase name of m ("average", "min", "max", "dense",
// "ordinal"), the names used by indicator.RankingSpec.Ties.
func (m TieMethod) String() string {
	if m >= 0 && int(m) < len(tieNames()) {
		return tieNames()[m]
	}
	return fmt.Sprintf("TieMethod(%d)", int(m))
}

// MarshalText implements encoding.TextMarshaler.
func (m TieMethod) MarshalText() ([]byte, error) {
	return marshalEnum(m.String(), int(m), m >= 0 && int(m) < len(tieNames()))
}

// UnmarshalText implements encoding.TextUnmarshaler. The empty string is
// TieAverage.
func (m *TieMethod) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*m = TieAverage
		return nil
	}
	return unmarshalEnum("TieMethod", b, tieNames(), (*int)(m))
}

// NaNPolicy says what a NaN score does.
type NaNPolicy int

const (
	// NaNError makes a NaN score an error wrapping [ErrNaN]; the default.
	NaNError NaNPolicy = iota
	// NaNLast ranks NaN scores after every number, tied with one another.
	NaNLast
)

// String returns the lowercase name of p.
func (p NaNPolicy) String() string {
	switch p {
	case NaNError:
		return "error"
	case NaNLast:
		return "last"
	}
	return fmt.Sprintf("NaNPolicy(%d)", int(p))
}

// MarshalText implements encoding.TextMarshaler.
func (p NaNPolicy) MarshalText() ([]byte, error) {
	return marshalEnum(p.String(), int(p), p == NaNError || p == NaNLast)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *NaNPolicy) UnmarshalText(b []byte) error {
	return unmarshalEnum("NaNPolicy", b, []string{"error", "last"}, (*int)(p))
}

func marshalEnum(name string, v int, ok bool) ([]byte, error) {
	if !ok {
		return nil, fmt.Errorf("ranking: cannot marshal unknown value %d", v)
	}
	return []byte(name), nil
}

func unmarshalEnum(typ string, b []byte, names []string, dst *int) error {
	s := strings.ToLower(string(b))
	for i, n := range names {
		if n == s {
			*dst = i
			return nil
		}
	}
	return fmt.Errorf("ranking: unknown %s %q", typ, string(b))
}

// DefaultRelTol is the relative tie tolerance used when [Options] sets
// neither AbsTol nor RelTol and does not ask for Exact comparison: scores
// within 1e-12 of each other relative to their size (about 4500 units in
// the last place of a float64) are ties, so rounding noise from a
// different but mathematically equal order of operations (1e-15 apart)
// never reorders a published ranking, while any difference a reader could
// see in a printed score still separates units.
const DefaultRelTol = 1e-12

// Options configures ranking. The zero value ranks the highest score first,
// averages ties, treats scores within the relative tolerance
// [DefaultRelTol] as tied and rejects NaN.
type Options struct {
	Direction Direction `json:"direction"`
	Ties      TieMethod `json:"ties"`
	// AbsTol and RelTol make near-equal scores ties. Two scores a and b
	// that are adjacent in sorted order are linked when
	//
	//	|a - b| <= AbsTol + RelTol * max(|a|, |b|)
	//
	// and a tie group is a maximal chain of links over the sorted scores.
	// Groups formed this way are a partition (transitive by construction)
	// and depend only on the multiset of scores, never on the input order;
	// a chain can span more than the tolerance when many scores are close.
	// Both zero (the default) means RelTol = [DefaultRelTol]; a score
	// cutoff of a grade uses the same tolerance (see [Grade]).
	AbsTol float64 `json:"abs_tol,omitempty"`
	RelTol float64 `json:"rel_tol,omitempty"`
	// Exact, when true, treats only exactly equal scores as tied (and
	// score cutoffs as exact), ignoring AbsTol, RelTol and the default
	// tolerance. It is for tests and for scores that are exact by
	// construction (integers, counts).
	Exact bool `json:"exact,omitempty"`
	// NaN says what NaN scores do (default: error).
	NaN NaNPolicy `json:"nan"`
}

// tolerances returns the absolute and relative tie tolerances in force:
// (0, 0) when Exact, (0, DefaultRelTol) when both are zero, else
// (AbsTol, RelTol).
func (o Options) tolerances() (abs, rel float64) {
	switch {
	case o.Exact:
		return 0, 0
	case o.AbsTol == 0 && o.RelTol == 0:
		return 0, DefaultRelTol
	}
	return o.AbsTol, o.RelTol
}

func (o Options) check() {
	if !o.Direction.valid() {
		panic(fmt.Sprintf("ranking: unknown Direction %d", int(o.Direction)))
	}
	if o.Ties < 0 || int(o.Ties) >= len(tieNames()) {
		panic(fmt.Sprintf("ranking: unknown TieMethod %d", int(o.Ties)))
	}
	if o.NaN != NaNError && o.NaN != NaNLast {
		panic(fmt.Sprintf("ranking: unknown NaNPolicy %d", int(o.NaN)))
	}
	if !(o.AbsTol >= 0) || !(o.RelTol >= 0) {
		panic(fmt.Sprintf("ranking: negative or NaN tolerance abs=%v rel=%v", o.AbsTol, o.RelTol))
	}
}

// tieTol is the pair of tolerances of a ranking, resolved once per call.
type tieTol struct{ abs, rel float64 }

func (o Options) tieTol() tieTol {
	abs, rel := o.tolerances()
	return tieTol{abs, rel}
}

// tied reports whether two scores adjacent in sorted order are linked:
//
//	a == b, or both NaN, or |a - b| <= abs + rel*max(|a|, |b|) for finite a, b
//
// An infinite score ties only with the same infinity.
func (t tieTol) tied(a, b float64) bool {
	// m is NaN when a or b is NaN (the builtin max propagates it) and
	// +Inf when one is infinite: then only equal scores and two NaNs tie.
	// For finite a != b, |a - b| > 0, so zero tolerances tie nothing.
	m := max(math.Abs(a), math.Abs(b))
	return a == b || m <= math.MaxFloat64 && math.Abs(a-b) <= t.abs+float64(t.rel*m) || a != a && b != b
}

// gapOf returns the gap of assignRanks for scores of magnitude at most m
// (finite): abs + rel 2m, which is at least tied's bound abs + rel max(|a|,
// |b|) for any two of them (rounding is monotone), so that a difference
// a - b above it is no tie.
func (t tieTol) gapOf(m float64) float64 {
	return t.abs + float64(t.rel*(2*m))
}

// apart reports that a and b are certainly not tied (see tied), by a test
// cheap enough to be inlined: |a - b| above abs + rel (|a| + |b|), a bound
// at least tied's, since |a| + |b| >= max(|a|, |b|) and rounding is
// monotone. It is false for NaNs and infinities, which tied decides.
func (t tieTol) apart(a, b float64) bool {
	return math.Abs(a-b) > t.abs+float64(t.rel*(math.Abs(a)+math.Abs(b)))
}

// ErrNaN is wrapped by the error returned for a NaN score under NaNError.
var ErrNaN = errors.New("ranking: NaN score")

// ErrDuplicateID is wrapped by the error returned when two units share an
// id.
var ErrDuplicateID = errors.New("ranking: duplicate unit id")

// dupID returns a *UnitError wrapping [ErrDuplicateID] for the first id
// (nil ids: none) that repeats an earlier one, naming both positions.
func dupID(ids []string) error {
	if ids == nil {
		return nil
	}
	seen := make(map[string]int, len(ids))
	for i, u := range ids {
		if k, ok := seen[u]; ok {
			return &UnitError{Unit: u, Index: i, Err: fmt.Errorf("%w (also at index %d)", ErrDuplicateID, k)}
		}
		seen[u] = i
	}
	return nil
}

// UnitError reports a problem with one unit's value.
type UnitError struct {
	Unit  string // unit id, or "" when no ids were given
	Index int    // position of the unit in the input
	Err   error
}

// Error implements error.
func (e *UnitError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "ranking: ")
	if e.Unit != "" {
		return fmt.Sprintf("ranking: unit %q (index %d): %s", e.Unit, e.Index, msg)
	}
	return fmt.Sprintf("ranking: unit at index %d: %s", e.Index, msg)
}

// Unwrap returns the underlying error.
func (e *UnitError) Unwrap() error { return e.Err }

func unitErr(ids []string, i int, err error) error {
	u := ""
	if ids != nil {
		u = ids[i]
	}
	return &UnitError{Unit: u, Index: i, Err: err}
}

// Rank returns the rank of every score under opt. ids, if not nil, are the
// unit ids used to break ties under TieOrdinal (with nil ids, ties go by
// input order); they must be distinct. Rank returns a *UnitError wrapping
// [ErrNaN] for the first NaN score under NaNError, and one wrapping
// [ErrDuplicateID] naming a unit id given twice. Empty input gives an
// empty result. Rank panics if ids is not nil and len(ids) != len(scores),
// or if opt holds an unknown enum value or a negative tolerance.
func Rank(scores []float64, ids []string, opt Options) ([]float64, error) {
	dst := make([]float64, len(scores))
	if err := RankTo(dst, scores, ids, opt); err != nil {
		return nil, err
	}
	return dst, nil
}

// RankTo is [Rank] writing into dst, which must have len(scores) elements
// (it panics otherwise). On error dst is left unspecified.
func RankTo(dst, scores []float64, ids []string, opt Options) error {
	opt.check()
	n := len(scores)
	if len(dst) != n {
		panic(fmt.Sprintf("ranking: len(dst)=%d != len(scores)=%d", len(dst), n))
	}
	if ids != nil && len(ids) != n {
		panic(fmt.Sprintf("ranking: len(ids)=%d != len(scores)=%d", len(ids), n))
	}
	if err := dupID(ids); err != nil {
		return err
	}
	if opt.NaN == NaNError {
		for i, s := range scores {
			if s != s {
				return unitErr(ids, i, ErrNaN)
			}
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	tie := func(a, b int) int {
		if ids != nil {
			if c := strings.Compare(ids[a], ids[b]); c != 0 {
				return c
			}
		}
		return a - b
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := compareScores(scores[a], scores[b], opt.Direction); c != 0 {
			return c
		}
		return tie(a, b)
	})
	sorted := make([]float64, n)
	for k, i := range order {
		sorted[k] = scores[i]
	}
	assignRanks(dst, sorted, order, opt, func(g []int) { slices.SortFunc(g, tie) }, math.Inf(1))
	return nil
}

// compareScores orders a before b when a ranks better under d; NaN last.
func compareScores(a, b float64, d Direction) int {
	an, bn := a != a, b != b
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	if d == LowerFirst {
		a, b = b, a
	}
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// assignRanks walks order (best first), forms tie groups by chaining
// adjacent links and writes the ranks; sorted[k] is the score of unit
// order[k], or its negation (links do not change when both scores are
// negated). Adjacent scores a, b with a - b > gap are known not to be
// tied (see gapOf; +Inf says nothing). reorder puts a group with more
// than one member into tie-break order (needed for TieOrdinal only, since
// a tolerance group need not be in tie-break order after the score sort).
func assignRanks[T ~int | ~int32](dst, sorted []float64, order []T, opt Options, reorder func([]T), gap float64) {
	n := len(order)
	sorted = sorted[:n]
	dense := 0
	tol := opt.tieTol()
	for s := 0; s < n; {
		e := s + 1
		for e < n && !(sorted[e-1]-sorted[e] > gap) && !tol.apart(sorted[e-1], sorted[e]) && tol.tied(sorted[e-1], sorted[e]) {
			e++
		}
		dense++
		if e == s+1 && opt.Ties != TieDense {
			// A unit alone: every other method gives it its place.
			dst[order[s]] = float64(e)
			s = e
			continue
		}
		g := order[s:e]
		switch opt.Ties {
		case TieAverage:
			r := float64(s+1+e) / 2
			for _, i := range g {
				dst[i] = r
			}
		case TieMin:
			for _, i := range g {
				dst[i] = float64(s + 1)
			}
		case TieMax:
			for _, i := range g {
				dst[i] = float64(e)
			}
		case TieDense:
			for _, i := range g {
				dst[i] = float64(dense)
			}
		case TieOrdinal:
			if len(g) > 1 && reorder != nil {
				reorder(g)
			}
			for k, i := range g {
				dst[i] = float64(s + k + 1)
			}
		}
		s = e
	}
}
