package indicator

import (
	"fmt"
	"math"
)

// adjustments computes the bonus minus penalty points of node i from the
// table's columns into pr.adj[i] (left nil when the node has none).
func (pr *Prepared) adjustments(t *Table, i int) error {
	c := &pr.plan.nodes[i]
	a := c.adj
	if a == nil || len(a.Bonus)+len(a.Penalty) == 0 {
		return nil
	}
	bonus, err := pr.points(t, c, a.Bonus, a.BonusCap)
	if err != nil {
		return err
	}
	penalty, err := pr.points(t, c, a.Penalty, a.PenaltyCap)
	if err != nil {
		return err
	}
	out := make([]float64, pr.n)
	for u := range out {
		out[u] = bonus[u] - penalty[u]
	}
	pr.adj[i] = out
	return nil
}

// points returns per unit min(sum_k min(points_k x_k, cap_k), total cap).
func (pr *Prepared) points(t *Table, c *cnode, terms []AdjustmentTerm, totalCap float64) ([]float64, error) {
	out := make([]float64, pr.n)
	for _, term := range terms {
		col, ok := t.column(term.Column)
		if !ok {
			return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: no adjustment column %q in the table", ErrMissingColumn, term.Column)}
		}
		pts := term.Points
		if pts == 0 {
			pts = 1
		}
		for u, x := range col {
			if math.IsNaN(x) {
				continue
			}
			if x < 0 {
				return nil, &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf("%w: adjustment column %q has negative value %v", ErrDomain, term.Column, x)}
			}
			v := float64(pts * x)
			if term.Cap > 0 {
				v = min(v, term.Cap)
			}
			out[u] += v
			if math.IsInf(out[u], 0) {
				return nil, &NodeError{Path: c.path, Unit: pr.units[u], Err: fmt.Errorf("%w: adjustment column %q value %v at %v points each gives infinite points", ErrOverflow, term.Column, x, pts)}
			}
		}
	}
	if totalCap > 0 {
		for u := range out {
			out[u] = min(out[u], totalCap)
		}
	}
	return out, nil
}

// vetoes evaluates the veto rules of node i for every unit; score is the
// node's score. It returns nil when the node has no rules.
func (pr *Prepared) vetoes(t *Table, i int, score []float64) ([]bool, error) {
	c := &pr.plan.nodes[i]
	if len(c.veto) == 0 {
		return nil, nil
	}
	out := make([]bool, pr.n)
	for _, r := range c.veto {
		x := score
		if r.Column != "" {
			var ok bool
			if x, ok = t.column(r.Column); !ok {
				return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: no veto column %q in the table", ErrMissingColumn, r.Column)}
			}
		}
		for u, v := range x {
			if !math.IsNaN(v) && vetoHolds(r.Op, v, r.Threshold) {
				out[u] = true
			}
		}
	}
	return out, nil
}

func vetoHolds(op string, v, th float64) bool {
	switch op {
	case ">":
		return v > th
	case ">=":
		return v >= th
	case "<":
		return v < th
	case "<=":
		return v <= th
	case "==":
		return v == th
	}
	return v != th
}
