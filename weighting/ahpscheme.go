package weighting

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// AHP is the analytic hierarchy process as a [Scheme]: the weights of a
// group's children come from one pairwise comparison matrix (Matrix) or
// from several judges' matrices (Judges). Hierarchical AHP is one AHP
// scheme per group of the indicator tree: each gives local weights, and
// the tree's effective weights are their products down each path;
// combined with Judges this is hierarchical group AHP.
type AHP struct {
	// Matrix is the pairwise comparison matrix, children in order. NaN
	// marks a missing judgment (both a_ij and a_ji); an incomplete matrix
	// is analysed by [Incomplete] ([Harker] or [Optimal], by
	// Settings.Completion).
	Matrix mat.Matrix
	// Judges, when not empty, replace Matrix: their judgments are
	// combined by [Group] with the settings of Group.
	Judges []Judge
	Group  GroupSettings
	// Settings configures the single-matrix analysis.
	Settings AHPSettings
}

// Judge is one judge's judgments and weight in a group AHP.
type Judge struct {
	// Name identifies the judge in reports.
	Name string
	// Weight is the judge's relative weight (positive).
	Weight float64
	// Matrix is the judge's complete pairwise comparison matrix.
	Matrix mat.Matrix
}

// DataDriven returns false.
func (AHP) DataDriven() bool { return false }

// Weights returns the priorities of a.Result. It returns an error if the
// matrix order differs from the number of children, or as Result does.
func (a AHP) Weights(in Input) ([]float64, error) {
	r, err := a.Result()
	if err != nil {
		return nil, err
	}
	if len(r.Weights) != len(in.IDs) {
		return nil, fmt.Errorf("%w: ahp: %d priorities for %d children", ErrInvalidSpec, len(r.Weights), len(in.IDs))
	}
	return append([]float64(nil), r.Weights...), nil
}

// Result analyses the judgments: [Group] when there are judges,
// [Incomplete] when Matrix has missing (NaN) judgments, else [Priorities]. For a group
// the result is the aggregated one (AIJ's analysis, with Weights by the
// chosen group method).
func (a AHP) Result() (AHPResult, error) {
	if len(a.Judges) > 0 {
		ms := make([]mat.Matrix, len(a.Judges))
		ws := make([]float64, len(a.Judges))
		for k, j := range a.Judges {
			ms[k], ws[k] = j.Matrix, j.Weight
		}
		g, err := Group(ms, ws, a.Group)
		if err != nil {
			return AHPResult{}, err
		}
		r := g.AIJ
		r.Weights = g.Weights
		return r, nil
	}
	if a.Matrix == nil {
		return AHPResult{}, fmt.Errorf("%w: ahp: no matrix", ErrInvalidSpec)
	}
	n := square(a.Matrix)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if math.IsNaN(a.Matrix.At(i, j)) {
				r, _, _, err := Incomplete(a.Matrix, a.Settings)
				return r, err
			}
		}
	}
	return Priorities(a.Matrix, a.Settings)
}
