package weighting

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// ResidentShare reserves a fixed share of a group for one child, usually
// the public's evaluation, and splits the rest among the other children:
//
//	w_resident = Share
//	w_k        = (1 - Share) * v_k      for the other children k
//
// where v are the weights of the others by Rest (nil: their declared
// weights, normalised; see [Fixed]). Examples: Hangzhou's social
// evaluation 50% beside target assessment and leadership evaluation;
// Qingdao's ballot 80% and routine appraisal 20% of social appraisal;
// Shenzhen's external evaluation 30%. One level down the same mechanism
// gives respondent-group weights (Shandong's phone : questionnaire =
// 6 : 4 is Share 0.6 with one other child).
//
// When the resident child's score carries a standard error (from the
// survey package), the group score's share of that error is Share times
// it; Share is exported so that ranking can propagate it.
type ResidentShare struct {
	// Resident is the id of the child that receives Share.
	Resident string
	// Share is the resident child's weight, in [0, 1].
	Share float64
	// Rest weights the other children; nil means [Fixed] (declared).
	Rest Scheme
}

// DataDriven reports whether Rest is data-driven.
func (r ResidentShare) DataDriven() bool { return r.Rest != nil && r.Rest.DataDriven() }

// others returns the ids other than the resident one, or an error if the
// resident child is missing or the share is out of range.
func (r ResidentShare) others(ids []string) ([]string, error) {
	if !(r.Share >= 0 && r.Share <= 1) {
		return nil, fmt.Errorf("%w: resident share %v outside [0, 1]", ErrInvalidSpec, r.Share)
	}
	var out []string
	found := false
	for _, id := range ids {
		if id == r.Resident && !found {
			found = true
			continue
		}
		out = append(out, id)
	}
	if !found {
		return nil, fmt.Errorf("%w: resident child %q is not among the children %q", ErrInvalidSpec, r.Resident, ids)
	}
	return out, nil
}

// Weights returns Share for the resident child and (1 - Share) times the
// others' weights by Rest. It returns an error wrapping [ErrInvalidSpec]
// if the share is outside [0, 1] or the resident child is not among
// in.IDs, and errors from Rest. With a single child (the resident one)
// the share must be 1.
func (r ResidentShare) Weights(in Input) ([]float64, error) {
	others, err := r.others(in.IDs)
	if err != nil {
		return nil, err
	}
	w := make([]float64, len(in.IDs))
	if len(others) == 0 {
		if r.Share != 1 {
			return nil, fmt.Errorf("%w: resident %q is the only child but its share is %v", ErrInvalidSpec, r.Resident, r.Share)
		}
		w[0] = 1
		return w, nil
	}
	sub := Input{IDs: others}
	var cols []int
	res := -1
	for k, id := range in.IDs {
		if id == r.Resident && res < 0 {
			res = k
			continue
		}
		cols = append(cols, k)
	}
	if in.Declared != nil {
		sub.Declared = make([]float64, len(cols))
		for k, c := range cols {
			sub.Declared[k] = in.Declared[c]
		}
	}
	if in.Data != nil {
		sub.Data = columns{in.Data, cols}
	}
	rest := r.Rest
	if rest == nil {
		rest = Fixed{}
	}
	v, err := rest.Weights(sub)
	if err != nil {
		return nil, fmt.Errorf("resident share, other children: %w", err)
	}
	for k, c := range cols {
		w[c] = float64((1 - r.Share) * v[k])
	}
	w[res] = r.Share
	return w, nil
}

// columns is a read-only view of some columns of a matrix.
type columns struct {
	m    mat.Matrix
	cols []int
}

// Dims, At and T implement mat.Matrix.
func (c columns) Dims() (int, int)    { r, _ := c.m.Dims(); return r, len(c.cols) }
func (c columns) At(i, j int) float64 { return c.m.At(i, c.cols[j]) }
func (c columns) T() mat.Matrix       { return mat.Transpose{Matrix: c} }
