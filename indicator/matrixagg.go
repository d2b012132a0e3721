package indicator

import (
	"errors"
	"fmt"
	"math"
)

// This file wires the aggregations that compare units (topsis,
// grey_relational, fuzzy, mpi and ampi) into the plan: each one sees the whole
// units × children matrix of a group, not one unit at a time. The methods
// themselves are in topsis.go, grey.go, fuzzy.go and mpi.go (also AMPI).

// comparative reports whether m is one of the aggregations of this file.
func comparative(m AggregationMethod) bool {
	switch m {
	case TOPSIS, Grey, Fuzzy, MPI, AMPI:
		return true
	}
	return false
}

// unitErr is an error of a comparative aggregation about unit u.
type unitErr struct {
	u   int
	err error
}

func (e *unitErr) Error() string { return e.err.Error() }
func (e *unitErr) Unwrap() error { return e.err }

// aggregateComparative aggregates group c with a comparative aggregation
// a and local weights w into dst, and returns an error naming the node
// (and unit, where one is to blame).
func (pr *Prepared) aggregateComparative(c *cnode, a Aggregation, scores [][]float64, w, dst []float64) error {
	var err error
	if a.Method == Fuzzy {
		var fr *FuzzyResult
		if fr, err = pr.plan.fuzzyGroup(c, a, scores, w); err == nil {
			copy(dst, fr.Scores)
		}
	} else {
		y := childMatrix(scores, c.children, len(dst))
		switch a.Method {
		case TOPSIS:
			var r *TOPSISResult
			if r, err = TOPSISCloseness(y, w, a.Scaling); err == nil {
				copy(dst, r.Closeness)
			}
		case Grey:
			var r *GreyResult
			if r, err = GreyGrades(y, w, rhoOf(a), a.Reference); err == nil {
				copy(dst, r.Grades)
			}
		case MPI, AMPI:
			var r *MPIResult
			if a.Method == MPI {
				r, err = MPIScores(y, w, a.Penalty)
			} else {
				r, err = AMPIScores(y, w, a.Penalty, a.Reference)
			}
			if err == nil {
				copy(dst, r.Scores)
			}
		}
	}
	if err == nil {
		return nil
	}
	ne := &NodeError{Path: c.path, Err: err}
	var ue *unitErr
	if errors.As(err, &ue) {
		ne.Unit, ne.Err = pr.units[ue.u], ue.err
	}
	if !errors.Is(ne.Err, ErrDomain) && !errors.Is(ne.Err, ErrInvalidModel) {
		ne.Err = fmt.Errorf("%w: %s aggregation: %v", ErrDomain, a.Method, ne.Err)
	}
	return ne
}

// childMatrix returns the units × children matrix of the children ch's
// scores (row u, column j).
func childMatrix(scores [][]float64, ch []int, n int) [][]float64 {
	back := make([]float64, n*len(ch))
	y := make([][]float64, n)
	for u := range y {
		y[u] = back[u*len(ch) : (u+1)*len(ch) : (u+1)*len(ch)]
		for j, c := range ch {
			y[u][j] = scores[c][u]
		}
	}
	return y
}

// rhoOf is the distinguishing coefficient of a (0.5 when not set).
func rhoOf(a Aggregation) float64 {
	if a.Rho == nil {
		return DefaultRho
	}
	return *a.Rho
}

// completeRows checks the matrix y (rows units) against the weights w and
// reports which rows have every weighted column (w_j > 0) present: the
// units that the comparative methods score. It returns an error for a
// weight that is negative or not finite, for weights that do not sum to a
// positive number, and for an infinite score. It panics if a row's length
// differs from len(w).
func completeRows(y [][]float64, w []float64) ([]bool, int, error) {
	var sw float64
	for j, wj := range w {
		if !(wj >= 0) || math.IsInf(wj, 0) {
			return nil, 0, fmt.Errorf("%w: weight %d is %v", ErrInvalidModel, j, wj)
		}
		sw += wj
	}
	if !(sw > 0) {
		return nil, 0, fmt.Errorf("%w: the weights are all zero", ErrInvalidModel)
	}
	ok := make([]bool, len(y))
	n := 0
	for u, row := range y {
		if len(row) != len(w) {
			panic(fmt.Sprintf("indicator: row %d has %d values for %d weights", u, len(row), len(w)))
		}
		ok[u] = true
		for j, v := range row {
			if math.IsInf(v, 0) {
				return nil, 0, &unitErr{u, fmt.Errorf("%w: score %v of child %d", ErrDomain, v, j)}
			}
			if w[j] != 0 && v != v {
				ok[u] = false
			}
		}
		if ok[u] {
			n++
		}
	}
	return ok, n, nil
}

// nanSlice returns n NaNs.
func nanSlice(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = math.NaN()
	}
	return x
}

// cloneAggregation returns a deep copy of a.
func cloneAggregation(a Aggregation) Aggregation {
	a.MinShare, a.MaxShare = cloneSlice(a.MinShare), cloneSlice(a.MaxShare)
	a.Params = cloneSlice(a.Params)
	a.Rho = cloneFloat(a.Rho)
	a.Reference = cloneSlice(a.Reference)
	a.Grades = cloneSlice(a.Grades)
	return a
}

// checkComparative checks the members of a comparative aggregation a of a
// group of k children; it returns a list of problems (nil when none).
func checkComparative(a *Aggregation, k int) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if a.Scaling != "" && a.Method != TOPSIS {
		add("aggregation: scaling applies only to topsis")
	}
	if a.Rho != nil && a.Method != Grey {
		add("aggregation: rho applies only to grey_relational")
	}
	if a.Reference != nil && a.Method != Grey && a.Method != AMPI {
		add("aggregation: reference applies only to grey_relational and ampi")
	}
	if (a.Grades != nil || a.Operator != "") && a.Method != Fuzzy {
		add("aggregation: grades and operator apply only to fuzzy")
	}
	if a.Penalty != "" && a.Method != MPI && a.Method != AMPI {
		add("aggregation: penalty applies only to mpi and ampi")
	}
	switch a.Method {
	case TOPSIS:
		if a.Scaling != "" && a.Scaling != ScalingVector && a.Scaling != ScalingNone {
			add("aggregation: unknown scaling %q (want %q or %q)", a.Scaling, ScalingVector, ScalingNone)
		}
	case Grey, AMPI:
		if a.Rho != nil && !(*a.Rho > 0 && *a.Rho <= 1) {
			add("aggregation: rho %v must be in (0, 1]", *a.Rho)
		}
		if a.Method == AMPI && a.Penalty != "" && a.Penalty != PenaltyNegative && a.Penalty != PenaltyPositive {
			add("aggregation: unknown penalty %q (want %q or %q)", a.Penalty, PenaltyNegative, PenaltyPositive)
		}
		if a.Reference != nil && len(a.Reference) != k {
			add("aggregation: reference has %d values for %d children", len(a.Reference), k)
		}
		for j, x := range a.Reference {
			if !finite(x) {
				add("aggregation: reference[%d] = %v must be finite", j, x)
				break
			}
		}
	case Fuzzy:
		if err := checkGrades(a.Grades); err != nil {
			add("aggregation: %v", err)
		}
		if a.Operator != "" && a.Operator != OperatorWeightedAverage && a.Operator != OperatorZadeh {
			add("aggregation: unknown operator %q (want %q or %q)", a.Operator, OperatorWeightedAverage, OperatorZadeh)
		}
	case MPI:
		if a.Penalty != "" && a.Penalty != PenaltyNegative && a.Penalty != PenaltyPositive {
			add("aggregation: unknown penalty %q (want %q or %q)", a.Penalty, PenaltyNegative, PenaltyPositive)
		}
	}
	return out
}
