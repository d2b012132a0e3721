package survey

import (
	"fmt"
	"math"
)

// TrimMode says whether trimming is repeated.
type TrimMode int

const (
	// TrimRepeat repeats trimming and redistribution until no weight is
	// outside the bounds (R's trimWeights(strict=TRUE)).
	TrimRepeat TrimMode = iota
	// TrimOnePass trims and redistributes once; redistributed weights may
	// leave the bounds again (R's default strict=FALSE).
	TrimOnePass
)

var trimModeNames = []string{"repeat", "one-pass"}

// String returns the lowercase name of m.
func (m TrimMode) String() string { return enumString("TrimMode", int(m), trimModeNames) }

// MarshalText returns the lowercase name of m.
func (m TrimMode) MarshalText() ([]byte, error) {
	return enumMarshal("TrimMode", int(m), trimModeNames)
}

// UnmarshalText parses a lowercase name.
func (m *TrimMode) UnmarshalText(b []byte) error {
	return enumUnmarshal("TrimMode", b, trimModeNames, (*int)(m))
}

// TrimSettings configures [TrimWeights]. Lower 0 and Upper 0 mean no lower
// and no upper bound.
type TrimSettings struct {
	Lower, Upper float64
	Mode         TrimMode
	// MaxPasses bounds the passes of TrimRepeat; 0 means 1000.
	MaxPasses int
	// KeepZero leaves zero weights (non-respondents after
	// AdjustNonresponse, rows kept only for the design) at 0: they are
	// neither raised to Lower nor given a share of the redistributed
	// amount. By default they are treated as R's trimWeights treats them:
	// like any other weight, so a zero weight below Lower is raised to it
	// and one inside the bounds receives a share.
	KeepZero bool
}

// Validate returns an error wrapping [ErrInvalidInput] if s is not a valid
// setting: an unknown Mode (for which [TrimWeights] panics), a negative
// MaxPasses, a negative, NaN or infinite bound, or Lower above a positive
// Upper. Callers that build s from user input call it first.
func (s TrimSettings) Validate() error {
	if s.Mode < 0 || int(s.Mode) >= len(trimModeNames) {
		return fmt.Errorf("%w: unknown TrimMode %d", ErrInvalidInput, int(s.Mode))
	}
	if s.MaxPasses < 0 {
		return fmt.Errorf("%w: TrimSettings.MaxPasses %d is negative", ErrInvalidInput, s.MaxPasses)
	}
	for _, v := range []float64{s.Lower, s.Upper} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: trimming bound %v must be finite and non-negative", ErrInvalidInput, v)
		}
	}
	if s.Upper > 0 && s.Lower > s.Upper {
		return fmt.Errorf("%w: trimming Lower %v is above Upper %v", ErrInvalidInput, s.Lower, s.Upper)
	}
	return nil
}

// TrimResult holds trimmed weights.
type TrimResult struct {
	Weights []float64
	// OutsideBefore is the number of weights outside the bounds before
	// trimming.
	OutsideBefore int
	// Passes is the number of trimming passes done (0 if none was needed).
	Passes int
	// Outside is the number of weights still outside the bounds (0 under
	// TrimRepeat).
	Outside int
	// NegativeBefore and Negative count the negative weights (from linear
	// calibration) before and after trimming. A negative weight is
	// trimmed like any other: with Lower > 0 it is raised to Lower.
	NegativeBefore, Negative int
	// TotalKept is false when a one-pass trim found every weight outside
	// the bounds, so that no weight could take the redistributed amount
	// and the total changed (as R's trimWeights does silently).
	TotalKept bool
}

// TrimWeights trims the weights w to [Lower, Upper] as R survey's
// trimWeights does: in each pass the weights outside the bounds are set to
// the nearest bound and the net amount removed,
//
//	sum_{w_i > U} (w_i - U) - sum_{w_i < L} (L - w_i),
//
// is added in equal absolute shares to the weights that were inside, so
// the total weight is preserved. Under TrimRepeat the pass is repeated
// (weights sitting exactly on a bound then count as inside) until no
// weight is outside.
//
// Under TrimOnePass (R's strict=FALSE) the single pass is done whatever
// the bounds, as in R: the redistributed weights may leave the range
// again, and even bounds that no set of weights with the same total can
// satisfy (n Lower > sum w or n Upper < sum w) are accepted. If that pass
// finds every weight outside, the total changes and TotalKept is false.
//
// Negative weights (linear calibration can give them) are accepted, as R
// accepts them, and counted in NegativeBefore and Negative; the usual
// remedy is to trim with a positive Lower. Zero weights take part like
// any other unless KeepZero is set (see [TrimSettings.KeepZero]); with
// KeepZero, n below counts the non-zero weights only.
//
// It returns an error wrapping ErrInvalidInput for NaN or infinite weights
// or invalid bounds (Lower > Upper), and, under TrimRepeat, for bounds
// that cannot hold the total (n Lower > sum w or n Upper < sum w) or a
// pass that finds every weight outside the bounds (no weight is left
// inside to take the redistributed amount), and an error wrapping
// [ErrNotConverged] if MaxPasses is exceeded. It panics for an unknown
// mode. w is not modified.
func TrimWeights(w []float64, s TrimSettings) (TrimResult, error) {
	checkEnum("TrimMode", int(s.Mode), len(trimModeNames))
	if err := checkFinite(w); err != nil {
		return TrimResult{}, err
	}
	lo, hi := s.Lower, s.Upper
	if lo == 0 {
		lo = math.Inf(-1)
	}
	if hi == 0 {
		hi = math.Inf(1)
	}
	var total float64
	active := len(w)
	for _, v := range w {
		total += v
		if s.KeepZero && v == 0 {
			active--
		}
	}
	n := float64(active)
	if s.Lower < 0 || hi < lo || math.IsNaN(lo) || math.IsNaN(hi) {
		return TrimResult{}, fmt.Errorf("%w: bounds [%v, %v]", ErrInvalidInput, s.Lower, s.Upper)
	}
	if s.Mode == TrimRepeat && (float64(n*s.Lower) > total || float64(n*hi) < total) {
		return TrimResult{}, fmt.Errorf("%w: bounds [%v, %v] cannot hold %d weights summing to %v (n*Lower > sum or n*Upper < sum; TrimOnePass trims once anyway, as R's strict=FALSE)", ErrInvalidInput, s.Lower, s.Upper, active, total)
	}
	maxPasses := s.MaxPasses
	if maxPasses == 0 {
		maxPasses = 1000
	}
	out := append([]float64(nil), w...)
	skip := func(i int) bool { return s.KeepZero && w[i] == 0 }
	res := TrimResult{OutsideBefore: countOutside(out, lo, hi, skip), NegativeBefore: countNegative(w), TotalKept: true}
	outside := make([]bool, len(w))
	for res.Passes < maxPasses {
		k := 0
		var excess, deficit float64
		for i, v := range out {
			if skip(i) {
				outside[i] = true // takes no share
				continue
			}
			outside[i] = v < lo || v > hi
			switch {
			case v > hi:
				excess += v - hi
				out[i] = hi
				k++
			case v < lo:
				deficit += lo - v
				out[i] = lo
				k++
			}
		}
		if k == 0 {
			break
		}
		res.Passes++
		if k == active {
			if s.Mode == TrimOnePass {
				// R: pw[!outside] is empty, the amount is lost.
				res.TotalKept = excess == deficit
				break
			}
			return TrimResult{}, fmt.Errorf("%w: pass %d: all %d weights are outside [%v, %v], so none can take the redistributed %v and the total %v would change", ErrInvalidInput, res.Passes, active, s.Lower, s.Upper, excess-deficit, total)
		}
		share := (excess - deficit) / float64(active-k)
		for i := range out {
			if !outside[i] {
				out[i] += share
			}
		}
		if s.Mode == TrimOnePass {
			break
		}
	}
	res.Weights = out
	res.Outside = countOutside(out, lo, hi, skip)
	res.Negative = countNegative(out)
	if s.Mode == TrimRepeat && res.Outside > 0 {
		return res, fmt.Errorf("%w: %d weights still outside [%v, %v] after %d passes", ErrNotConverged, res.Outside, s.Lower, s.Upper, res.Passes)
	}
	return res, nil
}

func countNegative(w []float64) int {
	k := 0
	for _, v := range w {
		if v < 0 {
			k++
		}
	}
	return k
}

func countOutside(w []float64, lo, hi float64, skip func(int) bool) int {
	k := 0
	for i, v := range w {
		if !skip(i) && (v < lo || v > hi) {
			k++
		}
	}
	return k
}

// Trim returns the design with its weights trimmed by [TrimWeights]; the
// variance adjustments of earlier post-stratification, raking or
// calibration are kept, as in R.
func (d *Design) Trim(s TrimSettings) (*Design, TrimResult, error) {
	r, err := TrimWeights(d.w, s)
	if err != nil {
		return nil, r, err
	}
	return d.withWeights(r.Weights, nil, &trimStep{s: s}), r, nil
}
