package tabular

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// ErrInvalid is wrapped by every error about the content of an input.
var ErrInvalid = errors.New("tabular: invalid input")

// ErrLimit is wrapped when an input exceeds one of the [Limits].
var ErrLimit = errors.New("tabular: input too large")

// Error is a problem at a place of the input: errors about a cell name
// its line (CSV) or row (sheet), its 1-based column, the column's header
// and the cell's text. Zero fields are left out of the message:
//
//	line 3, column 3 ("online_pct"): invalid number "九十一"
//	sheet "2024" row 5, column C ("得分"): invalid number "良"
type Error struct {
	Sheet  string // the sheet of a workbook, "" for text
	Line   int    // 1-based line or sheet row; 0 if unknown
	Column int    // 1-based column; 0 if not about a column
	Header string // the column's header, if known
	Value  string // the cell's text, for errors about a cell
	// TextColumn is true for an invalid number in a column whose cells
	// are all text (no number at all): the column is probably a text
	// attribute, such as a region or a type, to be named in
	// [Options.Attributes].
	TextColumn bool
	Err        error // what is wrong

	table bool // also wraps indicator.ErrInvalidTable
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Sheet != "" {
		fmt.Fprintf(&b, "sheet %q", e.Sheet)
		if e.Line > 0 {
			fmt.Fprintf(&b, " row %d", e.Line)
		}
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
	}
	if e.Column > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if e.Sheet != "" {
			fmt.Fprintf(&b, "column %s", ColumnName(e.Column))
		} else {
			fmt.Fprintf(&b, "column %d", e.Column)
		}
		if e.Header != "" {
			fmt.Fprintf(&b, " (%q)", e.Header)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	msg := e.Err.Error()
	for _, p := range []error{ErrInvalid, ErrSummaryRow, ErrSeparator, ErrLimit} {
		msg = strings.TrimPrefix(msg, p.Error()+": ")
	}
	b.WriteString(msg)
	return b.String()
}

// Unwrap returns the underlying error and, for errors about the content
// of an indicator table (from [ReadTable] and [Sheet.Table]),
// [indicator.ErrInvalidTable].
func (e *Error) Unwrap() []error {
	if e.table {
		return []error{e.Err, indicator.ErrInvalidTable}
	}
	return []error{e.Err}
}

// ColumnName returns the spreadsheet name of the 1-based column j: A, B,
// ..., Z, AA, AB, ... It returns "" for j < 1.
func ColumnName(j int) string {
	if j < 1 {
		return ""
	}
	var b []byte
	for j > 0 {
		j--
		b = append(b, byte('A'+j%26))
		j /= 26
	}
	for i, k := 0, len(b)-1; i < k; i, k = i+1, k-1 {
		b[i], b[k] = b[k], b[i]
	}
	return string(b)
}

// invalidf returns an error wrapping ErrInvalid.
func invalidf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, a...))
}

// quote quotes s for a message, shortened to 40 runes.
func quote(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return strconv.Quote(string(r[:40])) + "…"
	}
	return strconv.Quote(s)
}
