package weighting

import (
	"fmt"
	"math"
	"sort"
)

// Budget is budget allocation (OECD/JRC Handbook 2008, section 6.5):
// experts distribute a budget of points among the children; the weights
// are the (trimmed) means of their allocations. It is not data-driven.
type Budget struct {
	// Allocations has one row per expert and one column per child.
	Allocations [][]float64
	// Trim is the share of experts trimmed from each end, per child,
	// before averaging, in [0, 0.5): floor(Trim * K) of the K experts are
	// dropped at each end, as R's mean(x, trim = Trim).
	Trim float64
}

// BudgetResult is the outcome of [Budget.Analyze].
type BudgetResult struct {
	// Weights are the normalised trimmed means (sum 1).
	Weights []float64
	// Shares are each expert's allocation divided by its total
	// (experts × children).
	Shares [][]float64
	// TrimmedMeans are the per-child trimmed means of Shares, before the
	// final normalisation.
	TrimmedMeans []float64
	// Dropped is the number of experts dropped at each end per child.
	Dropped int
}

// DataDriven returns false.
func (Budget) DataDriven() bool { return false }

func (b Budget) check(n int) error {
	if len(b.Allocations) == 0 {
		return fmt.Errorf("%w: budget: no allocations", ErrInvalidSpec)
	}
	for e, row := range b.Allocations {
		if len(row) != n {
			return fmt.Errorf("%w: budget: expert %d allocates to %d children, want %d", ErrInvalidSpec, e, len(row), n)
		}
	}
	if !(b.Trim >= 0 && b.Trim < 0.5) {
		return fmt.Errorf("%w: budget: trim %v outside [0, 0.5)", ErrInvalidSpec, b.Trim)
	}
	return nil
}

// Weights returns the budget-allocation weights (see Analyze). It returns
// an error if the number of children differs from the allocations'.
func (b Budget) Weights(in Input) ([]float64, error) {
	if err := b.check(len(in.IDs)); err != nil {
		return nil, err
	}
	r, err := b.Analyze()
	return r.Weights, err
}

// Analyze computes the weights. Each expert's points are first divided by
// the expert's total (so budgets of 100 and of 10 points count alike);
// for each child the shares are sorted, floor(Trim*K) are dropped at each
// end and the rest averaged; the means are normalised to sum 1:
//
//	s_ek = p_ek / sum_l p_el
//	m_k  = trimmed mean over experts e of s_ek
//	w_k  = m_k / sum_l m_l
//
// It returns an error wrapping [ErrInvalidSpec] for ragged or empty
// allocations or Trim outside [0, 0.5), and one wrapping
// [ErrInvalidWeights] naming the expert and child of a negative, NaN or
// infinite allocation, or an expert who allocates nothing.
func (b Budget) Analyze() (BudgetResult, error) {
	if len(b.Allocations) == 0 {
		return BudgetResult{}, fmt.Errorf("%w: budget: no allocations", ErrInvalidSpec)
	}
	n := len(b.Allocations[0])
	if err := b.check(n); err != nil {
		return BudgetResult{}, err
	}
	k := len(b.Allocations)
	res := BudgetResult{Shares: make([][]float64, k), TrimmedMeans: make([]float64, n)}
	for e, row := range b.Allocations {
		var s float64
		for c, v := range row {
			if !(v >= 0) || math.IsInf(v, 1) {
				return BudgetResult{}, fmt.Errorf("%w: budget: expert %d gives child %d %v points", ErrInvalidWeights, e, c, v)
			}
			s += v
		}
		if !(s > 0) {
			return BudgetResult{}, fmt.Errorf("%w: budget: expert %d allocates no points", ErrInvalidWeights, e)
		}
		res.Shares[e] = make([]float64, n)
		for c, v := range row {
			res.Shares[e][c] = v / s
		}
	}
	res.Dropped = int(math.Floor(b.Trim * float64(k)))
	col := make([]float64, k)
	for c := 0; c < n; c++ {
		for e := range col {
			col[e] = res.Shares[e][c]
		}
		sort.Float64s(col)
		var s float64
		kept := col[res.Dropped : k-res.Dropped]
		for _, v := range kept {
			s += v
		}
		res.TrimmedMeans[c] = s / float64(len(kept))
	}
	var err error
	res.Weights, err = Normalize(res.TrimmedMeans)
	return res, err
}
