package indicator

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, usable with errors.Is. Every error returned by the
// package wraps one of them and names where the problem is.
var (
	// ErrInvalidModel is wrapped by every problem found in a model: by
	// [Model.Validate], [Compile], [DecodeModel] and [ApplyOverlay].
	ErrInvalidModel = errors.New("indicator: invalid model")
	// ErrInvalidTable is wrapped by errors about a data table: duplicate
	// unit ids or columns, bad numbers, mismatched lengths in [NewTable]
	// and [ReadCSV].
	ErrInvalidTable = errors.New("indicator: invalid table")
	// ErrMissingValue is wrapped when a leaf without imputation meets a
	// missing value, or when too few children of a group are available.
	ErrMissingValue = errors.New("indicator: missing value")
	// ErrConstantColumn is wrapped when a normalisation that divides by the
	// spread of a column (min-max over the data, z-score) meets a column
	// with no spread and the node declares no constant outcome.
	ErrConstantColumn = errors.New("indicator: constant column")
	// ErrDomain is wrapped when a value is outside the domain of a
	// transformation, normalisation or aggregation: the logarithm of a
	// non-positive number, the geometric or harmonic mean of a
	// non-positive score, an unknown category, a zero target.
	ErrDomain = errors.New("indicator: value outside the domain")
	// ErrMissingColumn is wrapped when the model refers to a column or
	// attribute that the table lacks.
	ErrMissingColumn = errors.New("indicator: missing column")

	// ErrOverflow is the cause when a score, standard error or weight
	// would not be finite although every input is: values or points so
	// large (near 1.8e308, the largest float64) that the arithmetic
	// overflows. The error names the node, the unit and the value.
	ErrOverflow = errors.New("indicator: result out of the range of float64")
)

// Problem is one problem found in a model: the path of the node (node ids
// from the root joined by "/", or a JSON path for file-level problems) and
// what is wrong there.
type Problem struct {
	Path string
	Msg  string
}

// String returns "path: msg".
func (p Problem) String() string { return p.Path + ": " + p.Msg }

// ValidationError lists every problem found in a model. It wraps
// [ErrInvalidModel].
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems, one per line after the first.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("indicator: invalid model")
	if len(e.Problems) == 1 {
		b.WriteString(": ")
		b.WriteString(e.Problems[0].String())
		return b.String()
	}
	fmt.Fprintf(&b, ": %d problems", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n\t")
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap returns [ErrInvalidModel].
func (e *ValidationError) Unwrap() error { return ErrInvalidModel }

// NodeError is an error found while evaluating one node of a plan on data:
// it names the node's path, the unit (empty when the problem is not about
// one unit) and wraps the cause (one of the sentinels).
type NodeError struct {
	Path string
	Unit string
	Err  error
}

// Error returns `indicator: node "path", unit "u": cause`.
func (e *NodeError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "indicator: ")
	if e.Unit != "" {
		return fmt.Sprintf("indicator: node %q, unit %q: %s", e.Path, e.Unit, msg)
	}
	return fmt.Sprintf("indicator: node %q: %s", e.Path, msg)
}

// Unwrap returns the cause.
func (e *NodeError) Unwrap() error { return e.Err }
