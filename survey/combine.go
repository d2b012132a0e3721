package survey

import (
	"fmt"
	"math"
)

// Combined is a fixed-weight combination of independent estimates.
type Combined struct {
	Value, SE float64
}

// Combine returns the fixed-weight combination of estimates from
// independent samples (for example Shandong's phone survey and
// questionnaire, combined 6 : 4):
//
//	Value = sum_g a_g v_g / sum_g a_g
//	SE    = sqrt(sum_g a_g^2 se_g^2) / sum_g a_g
//
// The SE assumes the estimates are independent; for respondent groups of
// one design use UnitSettings.GroupWeights, which accounts for shared
// PSUs. It returns an error wrapping ErrInvalidInput for a negative, NaN
// or infinite weight, value or standard error, or weights summing to
// zero. It panics if the slices differ in length.
func Combine(values, ses, weights []float64) (Combined, error) {
	if len(ses) != len(values) || len(weights) != len(values) {
		panic(fmt.Sprintf("survey: len(values)=%d, len(ses)=%d, len(weights)=%d", len(values), len(ses), len(weights)))
	}
	var A, v, s2 float64
	for g, a := range weights {
		if a < 0 || ses[g] < 0 || math.IsNaN(a+values[g]+ses[g]) || math.IsInf(a+values[g]+ses[g], 0) {
			return Combined{}, fmt.Errorf("%w: part %d: weight %v, value %v, se %v", ErrInvalidInput, g, a, values[g], ses[g])
		}
		A += a
		v += float64(a * values[g])
		as := float64(a * ses[g])
		s2 += float64(as * as)
	}
	if !(A > 0) {
		return Combined{}, fmt.Errorf("%w: weights sum to %v", ErrInvalidInput, A)
	}
	return Combined{Value: v / A, SE: math.Sqrt(s2) / A}, nil
}

// CombineUnits combines per-unit estimates of independent samples, parts[g]
// being the estimates of sample g, with fixed weights (see [Combine]).
// Units are matched by name; the result follows the order of parts[0].
// It returns a *CellError wrapping ErrEmptyCell naming a unit missing
// from a part with positive weight, and the errors of Combine. It panics
// if len(weights) != len(parts).
func CombineUnits(parts [][]UnitEstimate, weights []float64) ([]UnitEstimate, error) {
	if len(weights) != len(parts) {
		panic(fmt.Sprintf("survey: %d parts, %d weights", len(parts), len(weights)))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	idx := make([]map[string]int, len(parts))
	for g, p := range parts {
		idx[g] = make(map[string]int, len(p))
		for k, e := range p {
			idx[g][e.Unit] = k
		}
	}
	out := make([]UnitEstimate, 0, len(parts[0]))
	vals := make([]float64, len(parts))
	ses := make([]float64, len(parts))
	for _, e0 := range parts[0] {
		var n, ex int
		var pop float64
		for g := range parts {
			k, ok := idx[g][e0.Unit]
			if !ok {
				if weights[g] > 0 {
					return nil, &CellError{Variable: "unit", Cell: e0.Unit, Err: fmt.Errorf("%w: missing from part %d", ErrEmptyCell, g)}
				}
				vals[g], ses[g] = 0, 0
				continue
			}
			e := parts[g][k]
			vals[g], ses[g] = e.Value, e.SE
			n += e.N
			ex += e.Excluded
			pop += e.PopSize
		}
		c, err := Combine(vals, ses, weights)
		if err != nil {
			return nil, &CellError{Variable: "unit", Cell: e0.Unit, Err: err}
		}
		out = append(out, UnitEstimate{Unit: e0.Unit, Value: c.Value, SE: c.SE, N: n, Excluded: ex, PopSize: pop, Deff: math.NaN(), DF: -1})
	}
	return out, nil
}
