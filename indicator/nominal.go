package indicator

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// AHPInfo is the analysis of the judgments of a group weighted by the
// analytic hierarchy process, so that a model's consistency can be shown
// without recomputing it: λmax, CI, the random index and its table, CR.
type AHPInfo struct {
	// AHPResult is the analysis of the group's matrix (of an incomplete
	// matrix by Harker's method or the λmax-optimal completion, as its
	// "completion" says); with several judges, of the aggregated (AIJ)
	// matrix, its Weights being those of the chosen group method.
	weighting.AHPResult
	// Judges is the number of judges (0 for a single matrix).
	Judges int
	// JudgeNames are the judges' names as the model gives them, in its
	// order ("" for an unnamed judge); nil for a single matrix.
	JudgeNames []string
	// ExcludedJudges are the indices (from 0) into JudgeNames of the
	// judges left out because their CR exceeds exclude_cr, in increasing
	// order; a caller names an unnamed one in its own language.
	ExcludedJudges []int
	// Excluded names the same judges, by name or, unnamed, as "judge k"
	// (k from 0).
	//
	// Deprecated: the English words of an unnamed judge cannot be
	// published in another language; use ExcludedJudges and JudgeNames.
	Excluded []string
	// Inconsistent lists the judgments of the upper triangle (of the
	// aggregated matrix for several judges) from the most to the least
	// inconsistent with the weights, as [weighting.Inconsistencies] does;
	// Row and Col index the group's children.
	Inconsistent []weighting.Inconsistency

	// matrix is the analysed matrix (the aggregated one for several
	// judges; missing judgments NaN); settings its settings, for
	// Suggestions.
	matrix   mat.Matrix
	settings weighting.AHPSettings
}

// Suggestions returns the single-judgment revisions on Saaty's scale that
// lower the group's CR, best first, as [weighting.Suggestions] gives them
// for the group's matrix (the aggregated matrix for several judges); Row
// and Col index the group's children. They are computed on demand (up to
// n(n−1)/2 × 16 eigenvalues: about 20 ms for 15 children), not at
// compilation. An incomplete matrix's revisions are those of its
// completion, as weighting.Suggestions gives them.
func (a *AHPInfo) Suggestions() ([]weighting.Suggestion, error) {
	if a == nil || a.matrix == nil {
		return nil, nil
	}
	return weighting.Suggestions(a.matrix, a.settings)
}

// nominal is the outcome of computing a group's weights at compile time.
type nominal struct {
	w   []float64
	ahp *AHPInfo
}

// nominalWeights computes the local weights of a group whose scheme s does
// not depend on data, with ids and declared weights of its children, and
// for an AHP scheme the analysis of its judgments. Errors name the
// children in place of matrix indices where the weighting package reports
// indices.
func nominalWeights(s weighting.Scheme, ids []string, declared []float64) (nominal, error) {
	w, err := s.Weights(weighting.Input{IDs: ids, Declared: declared})
	if err != nil {
		return nominal{}, schemeErr(err, ids)
	}
	if err := checkWeights(w, len(ids)); err != nil {
		return nominal{}, err
	}
	out := nominal{w: w}
	if a, ok := s.(weighting.AHP); ok {
		if info, err := ahpInfo(a); err == nil {
			out.ahp = info
		}
	}
	return out, nil
}

// ahpInfo analyses the judgments of a (already known to give weights).
func ahpInfo(a weighting.AHP) (*AHPInfo, error) {
	r, err := a.Result()
	if err != nil {
		return nil, err
	}
	info := &AHPInfo{AHPResult: r}
	m := a.Matrix
	if len(a.Judges) > 0 {
		ms := make([]mat.Matrix, len(a.Judges))
		ws := make([]float64, len(a.Judges))
		for k, j := range a.Judges {
			ms[k], ws[k] = j.Matrix, j.Weight
		}
		g, err := weighting.Group(ms, ws, a.Group)
		if err != nil {
			return nil, err
		}
		info.Judges = len(a.Judges)
		for _, j := range a.Judges {
			info.JudgeNames = append(info.JudgeNames, j.Name)
		}
		info.ExcludedJudges = append(info.ExcludedJudges, g.Excluded...)
		for _, k := range g.Excluded {
			name := a.Judges[k].Name
			if name == "" {
				name = fmt.Sprintf("judge %d", k)
			}
			info.Excluded = append(info.Excluded, name)
		}
		m = g.AIJMatrix
	}
	if m != nil {
		if n, _ := m.Dims(); n == len(r.Weights) {
			info.Inconsistent = weighting.Inconsistencies(m, r.Weights)
			// A complete matrix, an aggregated one, or an incomplete one
			// (analysed above, so valid but for its missing judgments).
			if len(a.Judges) > 0 || weighting.Validate(m, weighting.AHPSettings{Tol: a.Settings.Tol}) == nil || missing(m) {
				info.matrix = m
				info.settings = weighting.AHPSettings{RI: r.RITable, Tol: a.Settings.Tol, Completion: a.Settings.Completion}
			}
		}
	}
	return info, nil
}

// schemeErr rewrites an error of a weighting scheme so that it names the
// group's children: a judgment a[i][j] becomes a[i][j] ("id_i" over
// "id_j"), and errors that number criteria (a disconnected comparison
// graph) get the list of children in order. The result wraps err.
func schemeErr(err error, ids []string) error {
	msg := strings.TrimPrefix(err.Error(), "weighting: ")
	var je *weighting.JudgmentError
	switch {
	case errors.As(err, &je) && je.Row >= 0 && je.Row < len(ids) && je.Col >= 0 && je.Col < len(ids):
		cell := fmt.Sprintf("a[%d][%d]", je.Row, je.Col)
		msg = strings.Replace(msg, cell, fmt.Sprintf("%s (%q over %q)", cell, ids[je.Row], ids[je.Col]), 1)
	case errors.Is(err, weighting.ErrDisconnected):
		msg += " (criteria numbered from 0 in child order: " + numbered(ids) + ")"
	}
	return &wrapped{msg: "weighting: " + msg, err: err}
}

// numbered lists ids as `0 "a", 1 "b", ...`.
func numbered(ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%d %q", i, id)
	}
	return strings.Join(parts, ", ")
}

// wrapped is an error with its own message that wraps another, and
// optionally also a sentinel of this package.
type wrapped struct {
	msg  string
	err  error
	also error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() []error {
	if e.also != nil {
		return []error{e.also, e.err}
	}
	return []error{e.err}
}

// clone returns a deep copy of a (nil for nil).
func (a *AHPInfo) clone() *AHPInfo {
	if a == nil {
		return nil
	}
	c := *a
	c.Weights = cloneSlice(a.Weights)
	c.Eigenvector = cloneSlice(a.Eigenvector)
	c.GeometricMean = cloneSlice(a.GeometricMean)
	c.JudgeNames = append([]string(nil), a.JudgeNames...)
	c.ExcludedJudges = append([]int(nil), a.ExcludedJudges...)
	c.Excluded = append([]string(nil), a.Excluded...)
	c.Inconsistent = append([]weighting.Inconsistency(nil), a.Inconsistent...)
	return &c
}

// missing reports whether the matrix m has a missing (NaN) judgment.
func missing(m mat.Matrix) bool {
	r, c := m.Dims()
	for i := range r {
		for j := range c {
			if math.IsNaN(m.At(i, j)) {
				return true
			}
		}
	}
	return false
}
