package weighting

import (
	"fmt"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// GroupMethod selects how the judgments of several judges are combined.
// The zero value is [AIJ].
type GroupMethod int

const (
	// AIJ aggregates individual judgments: the weighted element-wise
	// geometric mean of the judges' matrices, which is again reciprocal,
	// then analysed as one matrix (Aczél & Saaty 1983; Forman & Peniwati
	// 1998):
	//
	//	a_ij = prod_k a_ij(k)^λ_k         (λ = judge weights, sum 1)
	AIJ GroupMethod = iota
	// AIPGeometric aggregates individual priorities by the weighted
	// geometric mean, normalised to sum 1:
	//
	//	w_i = prod_k w_i(k)^λ_k / sum_l prod_k w_l(k)^λ_k
	AIPGeometric
	// AIPArithmetic aggregates individual priorities by the weighted
	// arithmetic mean, w_i = sum_k λ_k w_i(k).
	AIPArithmetic
)

var groupNames = [...]string{"aij", "aip_geometric", "aip_arithmetic"}

// String returns "aij", "aip_geometric" or "aip_arithmetic".
func (m GroupMethod) String() string { return enumString("GroupMethod", int(m), groupNames[:]) }

// MarshalText returns the method's name; it fails for an unknown method.
func (m GroupMethod) MarshalText() ([]byte, error) {
	return enumText("group method", int(m), groupNames[:])
}

// UnmarshalText parses "aij", "aip_geometric" or "aip_arithmetic".
func (m *GroupMethod) UnmarshalText(b []byte) error {
	i, err := parseEnum("group method", string(b), groupNames[:])
	*m = GroupMethod(i)
	return err
}

// GroupSettings configures [Group]. The zero value means AIJ, no
// exclusion and the default [AHPSettings].
type GroupSettings struct {
	// Method selects the aggregation whose result is Weights.
	Method GroupMethod
	// ExcludeCR, when positive, leaves out every judge whose own CR
	// exceeds it; the remaining judge weights are renormalised. If every
	// judge would be excluded, Group returns an error.
	ExcludeCR float64
	// AHP configures each matrix's analysis (priority method, RI table,
	// scale, tolerance). Its MaxCR applies to the aggregated AIJ matrix
	// only.
	AHP AHPSettings
}

// GroupResult is the outcome of [Group]. All aggregations are computed
// whichever Method is chosen, so they can be compared.
type GroupResult struct {
	// Weights are the priorities by the chosen Method (sum 1).
	Weights []float64
	Method  GroupMethod
	// AIJMatrix is the aggregated matrix and AIJ its analysis.
	AIJMatrix *mat.Dense
	AIJ       AHPResult
	// AIPGeometric and AIPArithmetic aggregate the judges' priorities (by
	// the priority method of the settings).
	AIPGeometric, AIPArithmetic []float64
	// Individual holds each judge's own analysis, in input order.
	Individual []AHPResult
	// JudgeWeights are the normalised weights actually used; 0 for an
	// excluded judge.
	JudgeWeights []float64
	// Excluded lists the judges left out by ExcludeCR, ascending.
	Excluded []int
}

// Group combines the pairwise comparison matrices of several judges, with
// judge weights (nil means equal; they are normalised to sum 1), by AIJ
// and by AIP (see [GroupMethod]). Each judge's matrix is validated and
// analysed as by [Priorities]. AIP with geometric-mean priorities equals
// AIJ with geometric-mean priorities exactly (a known identity).
//
// It returns errors from [Priorities] (naming the judge), an error
// wrapping [ErrInvalidWeights] for invalid judge weights, and an error
// wrapping [ErrInconsistent] if ExcludeCR leaves no judge (or, with
// AHP.MaxCR set, if the AIJ matrix's CR exceeds it; the result is then
// still returned). Group panics if there are no judges, the matrices
// differ in order or are not square, or len(weights) != len(judges).
func Group(judges []mat.Matrix, weights []float64, s GroupSettings) (GroupResult, error) {
	if len(judges) == 0 {
		panic("weighting: Group with no judges")
	}
	if weights != nil && len(weights) != len(judges) {
		panic(fmt.Sprintf("weighting: len(weights)=%d != %d judges", len(weights), len(judges)))
	}
	n := square(judges[0])
	for k, a := range judges {
		if square(a) != n {
			panic(fmt.Sprintf("weighting: judge %d's matrix has order %d, want %d", k, square(a), n))
		}
	}
	lam := weights
	if lam == nil {
		lam = make([]float64, len(judges))
		for k := range lam {
			lam[k] = 1
		}
	}
	lam, err := Normalize(lam)
	if err != nil {
		return GroupResult{}, err
	}
	ind := s.AHP
	ind.MaxCR = 0
	res := GroupResult{Method: s.Method, Individual: make([]AHPResult, len(judges))}
	for k, a := range judges {
		r, err := Priorities(a, ind)
		if err != nil {
			return GroupResult{}, fmt.Errorf("judge %d: %w", k, err)
		}
		res.Individual[k] = r
		if s.ExcludeCR > 0 && r.CR > s.ExcludeCR {
			res.Excluded = append(res.Excluded, k)
			lam[k] = 0
		}
	}
	if len(res.Excluded) > 0 {
		if len(res.Excluded) == len(judges) {
			return GroupResult{}, fmt.Errorf("%w: every judge has CR above %v", ErrInconsistent, s.ExcludeCR)
		}
		if lam, err = Normalize(lam); err != nil {
			return GroupResult{}, err
		}
	}
	res.JudgeWeights = lam
	// AIJ: weighted geometric mean of each judgment, upper triangle, with
	// the reciprocal below so the result is exactly reciprocal.
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
		for j := i + 1; j < n; j++ {
			var l float64
			for k, a := range judges {
				if lam[k] > 0 {
					l = float64(lam[k]*detmath.Log(a.At(i, j))) + l
				}
			}
			v := detmath.Exp(l)
			m.Set(i, j, v)
			m.Set(j, i, 1/v)
		}
	}
	res.AIJMatrix = m
	aij, aijErr := Priorities(m, s.AHP)
	if aijErr != nil && aij.Weights == nil {
		return GroupResult{}, fmt.Errorf("aggregated matrix: %w", aijErr)
	}
	res.AIJ = aij
	res.AIPGeometric = make([]float64, n)
	res.AIPArithmetic = make([]float64, n)
	var gs float64
	for i := 0; i < n; i++ {
		var l, ar float64
		for k := range judges {
			if lam[k] > 0 {
				w := res.Individual[k].Weights[i]
				l = float64(lam[k]*detmath.Log(w)) + l
				ar = float64(lam[k]*w) + ar
			}
		}
		res.AIPGeometric[i] = detmath.Exp(l)
		gs += res.AIPGeometric[i]
		res.AIPArithmetic[i] = ar
	}
	for i := range res.AIPGeometric {
		res.AIPGeometric[i] /= gs
	}
	switch s.Method {
	case AIJ:
		res.Weights = aij.Weights
	case AIPGeometric:
		res.Weights = res.AIPGeometric
	case AIPArithmetic:
		res.Weights = res.AIPArithmetic
	default:
		panic(fmt.Sprintf("weighting: unknown GroupMethod %d", int(s.Method)))
	}
	if aijErr != nil {
		return res, fmt.Errorf("aggregated matrix: %w", aijErr)
	}
	return res, nil
}
