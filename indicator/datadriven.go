package indicator

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// canonicalOrder returns the indices of units sorted by unit id. Schemes
// that compute over all units (data-driven weights, benefit of the doubt)
// see the units in this order, so that their sums, and hence the scores,
// are the same bits whatever the order of the table's rows.
func canonicalOrder(units []string) []int {
	order := make([]int, len(units))
	for u := range order {
		order[u] = u
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(units[a], units[b]) })
	return order
}

// groupMatrix returns the children's scores of group node c as a units ×
// children matrix, rows in canonical order (row r is unit pr.unitOrder()[r]).
func (pr *Prepared) groupMatrix(c *cnode) *mat.Dense {
	x := mat.NewDense(max(pr.n, 1), len(c.children), nil)
	for j, ch := range c.children {
		s := pr.scores[ch]
		for r, u := range pr.unitOrder() {
			x.Set(r, j, s[u])
		}
	}
	return x
}

// dataWeights computes the weights of group g by its data-driven scheme
// from the children's scores. Errors name the node and, where the scheme
// reports a cell, the unit and the child, and wrap the scheme's error.
func (pr *Prepared) dataWeights(g int) ([]float64, error) {
	c := &pr.plan.nodes[pr.plan.groups[g]]
	for j, ch := range c.children {
		if !pr.hasNaN[ch] {
			continue
		}
		for u, v := range pr.scores[ch] {
			if math.IsNaN(v) {
				return nil, &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf(
					"%w: child %q is missing; data-driven weights need every child's score for every unit (available-case imputation cannot be combined with a data-driven scheme: impute the missing values instead)",
					ErrMissingValue, c.ids[j])}
			}
		}
	}
	w, err := c.scheme.Weights(weighting.Input{IDs: c.ids, Declared: c.declared, Data: pr.groupMatrix(c)})
	if err == nil {
		err = checkWeights(w, len(c.children))
	}
	if err == nil {
		return w, nil
	}
	var de *weighting.DataError
	if errors.As(err, &de) {
		unit, child := "", ""
		if de.Row >= 0 && de.Row < pr.n {
			unit = pr.units[pr.unitOrder()[de.Row]]
		}
		if de.Col >= 0 && de.Col < len(c.ids) {
			child = c.ids[de.Col]
		}
		var msg string
		switch {
		case child != "" && unit != "":
			msg = fmt.Sprintf("child %q = %v: %s", child, de.Value, de.Msg)
		case child != "":
			msg = fmt.Sprintf("child %q: %s", child, de.Msg)
		default:
			msg = de.Msg
		}
		return nil, &NodeError{Path: c.path, Unit: unit, Err: &wrapped{msg: fmt.Sprintf("%s weights: %s", schemeName(c.scheme), msg), err: err, also: ErrDomain}}
	}
	return nil, &NodeError{Path: c.path, Err: weightsErr(schemeName(c.scheme), len(c.children), err)}
}

// weightsErr words an error of a data-driven scheme that names no cell:
// the scheme and the number of children it weights, then the scheme's own
// message without its package prefix, e.g.
//
//	pca weights of 11586 children: matrix too large: the correlation matrix of 11586 × 11586 would hold more than 134217728 numbers
//
// The error wraps ErrDomain and err (so errors.Is finds the scheme's
// sentinel, such as weighting.ErrTooLarge).
func weightsErr(scheme string, children int, err error) error {
	msg := fmt.Sprintf("%s weights of %d children: %s", scheme, children, strings.TrimPrefix(err.Error(), "weighting: "))
	return &wrapped{msg: msg, err: err, also: ErrDomain}
}

// schemeName names a scheme for messages ("entropy", "critic", ...).
func schemeName(s weighting.Scheme) string {
	switch s.(type) {
	case weighting.Entropy:
		return "entropy"
	case weighting.CRITIC:
		return "critic"
	case weighting.SD:
		return "sd"
	case weighting.PCA:
		return "pca"
	}
	return "data-driven"
}
