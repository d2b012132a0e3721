package weighting

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by the package wraps one of them, so
// callers can branch with errors.Is.
var (
	// ErrInvalidMatrix is wrapped by errors about a pairwise comparison
	// matrix: a judgment that is not positive and finite, a diagonal other
	// than 1, a pair that is not reciprocal, or a value off Saaty's scale.
	ErrInvalidMatrix = errors.New("weighting: invalid pairwise comparison matrix")
	// ErrInconsistent is wrapped when a consistency ratio exceeds the
	// maximum allowed by the caller.
	ErrInconsistent = errors.New("weighting: judgments too inconsistent")
	// ErrDisconnected is wrapped when the comparisons of an incomplete
	// matrix do not connect every criterion.
	ErrDisconnected = errors.New("weighting: comparison graph is disconnected")
	// ErrRITable is wrapped when a random-index table does not cover the
	// size of a matrix.
	ErrRITable = errors.New("weighting: random index not available")
	// ErrNotConverged is wrapped when an iteration stops at its limit.
	ErrNotConverged = errors.New("weighting: iteration did not converge")
	// ErrInvalidData is wrapped by errors about the data of a data-driven
	// scheme: a missing, infinite or (for entropy) negative value, too few
	// units, or no variation at all.
	ErrInvalidData = errors.New("weighting: invalid data")
	// ErrInvalidSpec is wrapped by errors about a [Spec]: an unknown method,
	// a parameter that does not belong to the method, or a missing child.
	ErrInvalidSpec = errors.New("weighting: invalid spec")
)

// JudgmentError reports a problem with one cell of a pairwise comparison
// matrix. Row and Col are 0-based; Err wraps [ErrInvalidMatrix].
type JudgmentError struct {
	Row, Col int
	Value    float64
	Msg      string
	Err      error
}

// Error names the cell, its value and the problem.
func (e *JudgmentError) Error() string {
	return fmt.Sprintf("weighting: judgment a[%d][%d] = %v: %s", e.Row, e.Col, e.Value, e.Msg)
}

// Unwrap returns the underlying sentinel.
func (e *JudgmentError) Unwrap() error { return e.Err }

// DataError reports a problem with one value of a data matrix. Row (unit)
// and Col (indicator) are 0-based; Col is -1 when the problem concerns a
// whole row and Row is -1 when it concerns a whole column. Err wraps
// [ErrInvalidData].
type DataError struct {
	Row, Col int
	Value    float64
	Msg      string
	Err      error
}

// Error names the cell (or row or column), the value and the problem.
func (e *DataError) Error() string {
	switch {
	case e.Row < 0 && e.Col < 0:
		return "weighting: " + e.Msg
	case e.Row < 0:
		return fmt.Sprintf("weighting: column %d: %s", e.Col, e.Msg)
	case e.Col < 0:
		return fmt.Sprintf("weighting: row %d: %s", e.Row, e.Msg)
	}
	return fmt.Sprintf("weighting: x[%d][%d] = %v: %s", e.Row, e.Col, e.Value, e.Msg)
}

// Unwrap returns the underlying sentinel.
func (e *DataError) Unwrap() error { return e.Err }

func dataErr(i, j int, v float64, msg string) error {
	return &DataError{Row: i, Col: j, Value: v, Msg: msg, Err: ErrInvalidData}
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return v-v == 0 }
