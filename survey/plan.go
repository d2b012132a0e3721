package survey

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/internal/special"
)

// SampleSizeSettings describes the precision wanted of an estimated
// proportion (or satisfaction rate).
type SampleSizeSettings struct {
	// Margin is the wanted half-width of the confidence interval (e.g.
	// 0.03 for +-3 points); it must be positive.
	Margin float64
	// Level is the confidence level; 0 means 0.95.
	Level float64
	// P is the anticipated proportion; 0 means 0.5 (the most
	// conservative).
	P float64
	// Deff is the anticipated design effect; 0 means 1.
	Deff float64
	// Population is the population size N for the finite-population
	// correction; 0 means infinite.
	Population float64
	// ResponseRate is the anticipated response rate in (0, 1]; 0 means 1.
	ResponseRate float64
}

// SampleSizeResult holds the steps of [SampleSize].
type SampleSizeResult struct {
	// SRS is n0 = z^2 P(1-P)/Margin^2, the simple-random-sample size.
	SRS float64
	// Design is n0 * Deff.
	Design float64
	// Completed is the number of completed interviews needed after the
	// finite-population correction, n1 = n/(1 + (n-1)/N).
	Completed float64
	// Issued is Completed / ResponseRate, the number to approach.
	Issued float64
	// CompletedInt and IssuedInt are rounded up.
	CompletedInt, IssuedInt int
}

// SampleSize returns the sample size for a proportion with the wanted
// margin of error (Cochran 1977, sections 4.4 and 4.5 [10]):
//
//	n0 = z^2 P(1-P) / e^2,  z = qnorm((1+level)/2)
//	n  = n0 * deff
//	n1 = n / (1 + (n-1)/N)                (only when N > 0)
//	issued = n1 / response rate
//
// It returns an error wrapping ErrInvalidInput for a margin outside
// (0, 1), a level outside (0, 1), P outside (0, 1), a negative deff or
// population, or a response rate outside (0, 1], and one wrapping
// [ErrTooLarge] when the number to approach exceeds [MaxSampleSize].
func SampleSize(s SampleSizeSettings) (SampleSizeResult, error) {
	if s.Level == 0 {
		s.Level = 0.95
	}
	if s.P == 0 {
		s.P = 0.5
	}
	if s.Deff == 0 {
		s.Deff = 1
	}
	if s.ResponseRate == 0 {
		s.ResponseRate = 1
	}
	if !(s.Margin > 0 && s.Margin < 1) || !(s.Level > 0 && s.Level < 1) || !(s.P > 0 && s.P < 1) ||
		!(s.Deff > 0) || !(s.Population >= 0) || !(s.ResponseRate > 0 && s.ResponseRate <= 1) || math.IsInf(s.Deff+s.Population, 0) {
		return SampleSizeResult{}, fmt.Errorf("%w: sample size settings %+v", ErrInvalidInput, s)
	}
	z := special.NormalQuantile((1 + s.Level) / 2)
	var r SampleSizeResult
	r.SRS = float64(z*z) * float64(s.P*(1-s.P)) / float64(s.Margin*s.Margin)
	r.Design = float64(r.SRS * s.Deff)
	r.Completed = r.Design
	if s.Population > 0 {
		r.Completed = r.Design / (1 + (r.Design-1)/s.Population)
	}
	r.Issued = r.Completed / s.ResponseRate
	if !(r.Issued <= MaxSampleSize) {
		return r, fmt.Errorf("%w: a sample of %.4g, more than %d: the margin %v is too small", ErrTooLarge, r.Issued, int64(MaxSampleSize), s.Margin)
	}
	r.CompletedInt = int(math.Ceil(r.Completed - 1e-9))
	r.IssuedInt = int(math.Ceil(r.Issued - 1e-9))
	return r, nil
}

// MaxSampleSize bounds the sample sizes of [SampleSize] and the n of
// [Allocate]: 2^53, the largest count that float64 holds exactly (and
// far beyond any population).
const MaxSampleSize = 1 << 53

// Allocation is a rule for spreading a sample across strata.
type Allocation int

const (
	// Proportional gives n_h = n N_h / N.
	Proportional Allocation = iota
	// Neyman gives n_h = n N_h S_h / sum_k N_k S_k (Neyman 1934 [11]).
	Neyman
	// Equal gives n_h = n / H.
	Equal
)

var allocationNames = []string{"proportional", "neyman", "equal"}

// String returns the lowercase name of a.
func (a Allocation) String() string { return enumString("Allocation", int(a), allocationNames) }

// MarshalText returns the lowercase name of a.
func (a Allocation) MarshalText() ([]byte, error) {
	return enumMarshal("Allocation", int(a), allocationNames)
}

// UnmarshalText parses a lowercase name.
func (a *Allocation) UnmarshalText(b []byte) error {
	return enumUnmarshal("Allocation", b, allocationNames, (*int)(a))
}

// AllocateSettings configures [Allocate].
type AllocateSettings struct {
	Method Allocation
	// Min is the minimum sample per stratum (0: none). Strata whose
	// allocation falls below it get Min, and the rest of the sample is
	// allocated among the other strata by the same rule, repeatedly.
	Min float64
}

// Allocate spreads a sample of size n across strata of sizes N (and, for
// Neyman, standard deviations S; nil otherwise). The allocation is
// unrounded and not capped at N_h, as in the textbook formulas (Cochran
// 1977, section 5.5 [10]); round it as the fieldwork requires.
//
// It returns an error wrapping [ErrTooLarge] for n above [MaxSampleSize],
// and one wrapping ErrInvalidInput for a negative, NaN or infinite n, N_h or S_h, for all-zero weights, or when H * Min > n. It
// panics if S is not nil and len(S) != len(N), if S is nil for Neyman, or
// for an unknown method.
func Allocate(n float64, N, S []float64, s AllocateSettings) ([]float64, error) {
	checkEnum("Allocation", int(s.Method), len(allocationNames))
	if S != nil && len(S) != len(N) {
		panic(fmt.Sprintf("survey: len(S)=%d != len(N)=%d", len(S), len(N)))
	}
	if s.Method == Neyman && S == nil {
		panic("survey: Neyman allocation needs standard deviations")
	}
	bad := func(v float64) bool { return v < 0 || math.IsNaN(v) || math.IsInf(v, 0) }
	if n > MaxSampleSize {
		return nil, fmt.Errorf("%w: n=%v, more than %d", ErrTooLarge, n, int64(MaxSampleSize))
	}
	if bad(n) || bad(s.Min) || len(N) == 0 || float64(len(N))*s.Min > n {
		return nil, fmt.Errorf("%w: n=%v, min=%v for %d strata", ErrInvalidInput, n, s.Min, len(N))
	}
	a := make([]float64, len(N))
	for h := range N {
		if bad(N[h]) || (S != nil && bad(S[h])) {
			return nil, &CellError{Variable: "stratum", Cell: fmt.Sprint(h), Err: fmt.Errorf("%w: size or sd not finite and non-negative", ErrInvalidInput)}
		}
		switch s.Method {
		case Proportional:
			a[h] = N[h]
		case Neyman:
			a[h] = float64(N[h] * S[h])
		case Equal:
			a[h] = 1
		}
	}
	fixed := make([]bool, len(N))
	out := make([]float64, len(N))
	for {
		rest, sum := n, 0.0
		for h := range a {
			if fixed[h] {
				rest -= s.Min
			} else {
				sum += a[h]
			}
		}
		if !(sum > 0) {
			return nil, fmt.Errorf("%w: allocation weights sum to %v", ErrInvalidInput, sum)
		}
		changed := false
		for h := range a {
			if fixed[h] {
				out[h] = s.Min
				continue
			}
			out[h] = rest * a[h] / sum
			if out[h] < s.Min {
				fixed[h], changed = true, true
			}
		}
		if !changed {
			return out, nil
		}
	}
}
