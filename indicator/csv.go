package indicator

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSVOptions configures [ReadCSV]. The zero value reads every column but
// the first as a number.
type CSVOptions struct {
	// Attributes lists the columns read as text attributes of the units
	// (e.g. "province") instead of numbers.
	Attributes []string
}

// ReadCSV reads a table from CSV: a header row, then one row per unit, the
// first column holding the unit ids (its header, "unit" if empty, is kept
// for [Table.WriteCSV]).
// An empty cell, "NA", "-" and "NaN" are missing values; other cells of
// numeric columns must be finite numbers in decimal notation (as
// strconv.ParseFloat reads them, but without its hex floats, underscores
// and infinities). Text that is not valid UTF-8 (e.g. a UTF-16 file) is
// an error, and so is a byte-order mark anywhere but at the start.
// Leading and trailing spaces of cells are ignored. The input is UTF-8,
// with or without a byte-order mark. Errors wrap [ErrInvalidTable] and
// name the line (1-based) and, for a bad cell, its column as the 1-based
// field number with the column's header, e.g.
//
//	csv line 3, column 3 ("online_pct"): invalid number "九十一"
//
// whatever the width of the text before it; a row with the wrong number
// of fields names its count and the header's, and a CSV syntax error (such
// as an unterminated quote) the byte of the line where encoding/csv found
// it.
func ReadCSV(r io.Reader, opt CSVOptions) (*Table, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	if b, err := br.Peek(2); err == nil && (bytes.Equal(b, []byte{0xFF, 0xFE}) || bytes.Equal(b, []byte{0xFE, 0xFF})) {
		return nil, fmt.Errorf("%w: csv line 1, column 1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8", ErrInvalidTable)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%w: csv line 1, column 1: no header", ErrInvalidTable)
		}
		return nil, csvError(err)
	}
	if len(header) < 1 {
		return nil, fmt.Errorf("%w: csv line 1, column 1: empty header", ErrInvalidTable)
	}
	if err := checkUTF8(header, 1); err != nil {
		return nil, err
	}
	for j := range header {
		header[j] = strings.TrimSpace(header[j])
		if header[j] == "" && j > 0 {
			return nil, fmt.Errorf("%w: csv line 1, column %d: empty column name", ErrInvalidTable, j+1)
		}
	}
	isAttr := make([]bool, len(header))
	for _, a := range opt.Attributes {
		found := false
		for j := 1; j < len(header); j++ {
			if header[j] == a {
				isAttr[j], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: csv line 1: attribute column %q not in the header", ErrInvalidTable, a)
		}
	}
	t := &Table{unitCol: header[0], units: []string{}, columns: []string{}}
	if t.unitCol == "" {
		t.unitCol = "unit" // R's write.csv leaves the row-name header empty
	}
	seenCol := map[string]int{}
	var numCols, attrCols []int
	for j := 1; j < len(header); j++ {
		if first, dup := seenCol[header[j]]; dup {
			return nil, fmt.Errorf("%w: csv line 1, column %d: duplicate column %q (also column %d)", ErrInvalidTable, j+1, header[j], first+1)
		}
		seenCol[header[j]] = j
		if isAttr[j] {
			attrCols = append(attrCols, j)
			t.attrs = append(t.attrs, header[j])
		} else {
			numCols = append(numCols, j)
			t.columns = append(t.columns, header[j])
		}
	}
	cols := make([][]float64, len(numCols))
	attrs := make([][]string, len(attrCols))
	seenUnit := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, csv.ErrFieldCount) {
			line, _ := cr.FieldPos(0)
			var which string
			if len(rec) < len(header) {
				which = fmt.Sprintf("the first missing is column %d (%q)", len(rec)+1, header[len(rec)])
			} else {
				which = fmt.Sprintf("the first extra is column %d, %q", len(header)+1, rec[len(header)])
			}
			return nil, fmt.Errorf("%w: csv line %d: %d fields, want %d as in the header; %s", ErrInvalidTable, line, len(rec), len(header), which)
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if err := checkUTF8(rec, line); err != nil {
			return nil, err
		}
		id := strings.TrimSpace(rec[0])
		if id == "" {
			return nil, fmt.Errorf("%w: csv line %d, column 1: empty unit id", ErrInvalidTable, line)
		}
		if first, dup := seenUnit[id]; dup {
			return nil, fmt.Errorf("%w: csv line %d, column 1: duplicate unit id %q (also line %d)", ErrInvalidTable, line, id, first)
		}
		seenUnit[id] = line
		t.units = append(t.units, id)
		for k, j := range numCols {
			x, err := parseCell(rec[j])
			if err != nil {
				l, _ := cr.FieldPos(j)
				return nil, fmt.Errorf("%w: csv line %d, column %d (%q): %v", ErrInvalidTable, l, j+1, header[j], err)
			}
			cols[k] = append(cols[k], x)
		}
		for k, j := range attrCols {
			attrs[k] = append(attrs[k], strings.TrimSpace(rec[j]))
		}
	}
	n := len(t.units)
	backing := make([]float64, n*len(numCols))
	t.data = make([][]float64, len(numCols))
	for k := range cols {
		t.data[k] = backing[k*n : (k+1)*n : (k+1)*n]
		copy(t.data[k], cols[k])
	}
	if err := t.index(); err != nil {
		return nil, err
	}
	if len(attrCols) > 0 {
		t.attrVals = make(map[string][]string, len(attrCols))
		for k, name := range t.attrs {
			if attrs[k] == nil {
				attrs[k] = []string{}
			}
			t.attrVals[name] = attrs[k]
		}
	}
	return t, nil
}

// csvError names the line of an encoding/csv syntax error and the byte
// of the line where it was found (encoding/csv counts bytes, which with
// Chinese text is not the field number; see [ReadCSV]).
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: csv line %d (byte %d of the line): %v", ErrInvalidTable, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%w: csv line 1, column 1: %v", ErrInvalidTable, err)
}

// checkUTF8 reports the first field of a record (on line) that is not
// valid UTF-8.
func checkUTF8(rec []string, line int) error {
	for j, f := range rec {
		if !utf8.ValidString(f) {
			return fmt.Errorf("%w: csv line %d, column %d: not valid UTF-8 text (%q); save the file as UTF-8", ErrInvalidTable, line, j+1, f)
		}
		// A byte-order mark is only read at the start of the file; one
		// inside the text (left by joining files) is invisible and would
		// make names and ids that look equal differ.
		if strings.ContainsRune(f, '\uFEFF') {
			return fmt.Errorf("%w: csv line %d, column %d: a byte-order mark (U+FEFF) inside the text (%q)", ErrInvalidTable, line, j+1, f)
		}
	}
	return nil
}

// parseCell parses one numeric cell; missing cells give NaN. Only decimal
// notation is accepted (digits, sign, point, exponent): not the hex
// floats, digit-separating underscores, "Inf" or "infinity" that
// strconv.ParseFloat also reads.
func parseCell(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "NA", "-", "NaN", "nan":
		return math.NaN(), nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid number %q", s)
	}
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("value %q is not finite", s)
	}
	if strings.Trim(s, "0123456789+-.eE") != "" {
		return 0, fmt.Errorf("invalid number %q (only decimal notation)", s)
	}
	return x, nil
}

// WriteCSV writes the table as CSV that [ReadCSV] reads back to an equal
// table (given the attribute names in CSVOptions, and ids and texts
// without leading or trailing spaces, which ReadCSV trims): the unit-id column,
// the numeric columns, then the attributes; missing values as "NA",
// numbers in the shortest form that reads back exactly. No byte-order
// mark is written.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rec := make([]string, 0, 1+len(t.columns)+len(t.attrs))
	rec = append(append(append(rec, t.unitCol), t.columns...), t.attrs...)
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i, u := range t.units {
		rec = append(rec[:0], u)
		for j := range t.columns {
			x := t.data[j][i]
			if math.IsNaN(x) {
				rec = append(rec, "NA")
			} else {
				rec = append(rec, strconv.FormatFloat(x, 'g', -1, 64))
			}
		}
		for _, a := range t.attrs {
			rec = append(rec, t.attrVals[a][i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
