package survey

import (
	"errors"
	"fmt"
	"strings"
)

// msg returns err's message without the package prefix, for nesting in
// the messages of the typed errors.
func msg(err error) string { return strings.TrimPrefix(err.Error(), "survey: ") }

// Sentinel errors. Every error returned by the package wraps one of them,
// so callers can branch with errors.Is; the typed errors below carry the
// context (row, column, stratum, unit, diagnostics).
var (
	// ErrInvalidInput is wrapped by errors about values that cannot be
	// used: negative, NaN or infinite weights, a missing column, an
	// inconsistent finite-population correction, a category that the
	// scale does not know.
	ErrInvalidInput = errors.New("survey: invalid input")
	// ErrEmptyCell is wrapped by the error for a post-stratum, raking
	// cell, weighting class or domain that has no sampled weight but is
	// needed.
	ErrEmptyCell = errors.New("survey: empty cell")
	// ErrNotConverged is wrapped by the error of raking or calibration that
	// did not reach its tolerance within the allowed iterations.
	ErrNotConverged = errors.New("survey: did not converge")
	// ErrSingletonPSU is wrapped by the error for a stratum with a single
	// primary sampling unit when the design's [Singleton] method is
	// [SingletonFail].
	ErrSingletonPSU = errors.New("survey: stratum has a single PSU")
	// ErrDegreesOfFreedom is wrapped by the error for an interval that
	// needs positive design degrees of freedom and has none.
	ErrDegreesOfFreedom = errors.New("survey: no degrees of freedom")
	// ErrSingular is wrapped by the error for a calibration whose model
	// matrix is rank deficient.
	ErrSingular = errors.New("survey: singular matrix")
	// ErrOverflow is wrapped by the error for weights, totals or
	// estimates that would not be finite although every input is: inputs
	// near the float64 limit (about 1.8e308) whose sums overflow.
	ErrOverflow = errors.New("survey: result out of the range of float64")
)

// ParseError is the error of the CSV readers: Line is the 1-based line of
// the input (the header is line 1) and Column the column's header name
// ("" when the problem is the whole record).
type ParseError struct {
	Line   int
	Column string
	Err    error
}

// Error returns the message, naming the context of the error.
func (e *ParseError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("survey: line %d: %s", e.Line, msg(e.Err))
	}
	return fmt.Sprintf("survey: line %d, column %q: %s", e.Line, e.Column, msg(e.Err))
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// RowError is an error about one respondent (row index Row, 0-based, and
// its id when known).
type RowError struct {
	Row int
	ID  string
	Err error
}

// Error returns the message, naming the context of the error.
func (e *RowError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("survey: row %d (id %q): %s", e.Row, e.ID, msg(e.Err))
	}
	return fmt.Sprintf("survey: row %d: %s", e.Row, msg(e.Err))
}

// Unwrap returns the underlying error.
func (e *RowError) Unwrap() error { return e.Err }

// CellError names the post-stratum, raking margin level, weighting class,
// stratum or assessed unit (Cell) of a variable (Variable, possibly "")
// that an error is about.
type CellError struct {
	Variable string
	Cell     string
	Err      error
}

// Error returns the message, naming the context of the error.
func (e *CellError) Error() string {
	if e.Variable == "" {
		return fmt.Sprintf("survey: %q: %s", e.Cell, msg(e.Err))
	}
	return fmt.Sprintf("survey: %s %q: %s", e.Variable, e.Cell, msg(e.Err))
}

// Unwrap returns the underlying error.
func (e *CellError) Unwrap() error { return e.Err }
