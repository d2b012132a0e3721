package indicator

import (
	"fmt"
	"math"
	"slices"
)

// Table is a data table: one row per unit (department, district, city),
// one float64 column per indicator, NaN for a missing value, and optional
// text attributes of the units (province, department type) used for
// grouping. Unit ids and column names are unique. A Table is immutable:
// every method that changes it returns a new one, so it is safe for
// concurrent use.
type Table struct {
	units    []string
	columns  []string
	data     [][]float64 // data[j][i]: column j, unit i
	colIndex map[string]int
	unitCol  string // header of the unit-id column in CSV
	attrs    []string
	attrVals map[string][]string
}

// NewTable returns a table of the given units and columns with
// data[i][j] the value of unit i in column j (NaN = missing). It copies
// its arguments. It returns an error wrapping [ErrInvalidTable] for an
// empty or duplicate unit id or column name, a row of the wrong length, or
// an infinite value.
func NewTable(units, columns []string, data [][]float64) (*Table, error) {
	t, err := newIndexed(units, columns)
	if err != nil {
		return nil, err
	}
	if len(data) != len(units) {
		return nil, fmt.Errorf("%w: %d rows of data for %d units", ErrInvalidTable, len(data), len(units))
	}
	backing := make([]float64, len(units)*len(columns))
	t.data = make([][]float64, len(columns))
	for j := range columns {
		t.data[j] = backing[j*len(units) : (j+1)*len(units) : (j+1)*len(units)]
	}
	for i, row := range data {
		if len(row) != len(columns) {
			return nil, fmt.Errorf("%w: unit %q has %d values for %d columns", ErrInvalidTable, units[i], len(row), len(columns))
		}
		for j, x := range row {
			if math.IsInf(x, 0) {
				return nil, fmt.Errorf("%w: unit %q, column %q: infinite value", ErrInvalidTable, units[i], columns[j])
			}
			t.data[j][i] = x
		}
	}
	return t, nil
}

// NewTableColumns is [NewTable] for data given column by column: data[j][i]
// is the value of unit i in column j (NaN = missing), the layout a
// Table keeps. It copies units and columns but keeps the columns of data, so
// that a reader that fills the columns (package indicator/tabular) does
// not have them copied: the caller must not modify data afterwards. It
// returns the errors of NewTable, a column of the wrong length among them.
func NewTableColumns(units, columns []string, data [][]float64) (*Table, error) {
	t, err := newIndexed(units, columns)
	if err != nil {
		return nil, err
	}
	if len(data) != len(columns) {
		return nil, fmt.Errorf("%w: %d columns of data for %d columns", ErrInvalidTable, len(data), len(columns))
	}
	for j, col := range data {
		if len(col) != len(units) {
			return nil, fmt.Errorf("%w: column %q has %d values for %d units", ErrInvalidTable, columns[j], len(col), len(units))
		}
		for i, x := range col {
			if math.IsInf(x, 0) {
				return nil, fmt.Errorf("%w: unit %q, column %q: infinite value", ErrInvalidTable, units[i], columns[j])
			}
		}
	}
	t.data = make([][]float64, len(data))
	for j, col := range data {
		t.data[j] = slices.Clip(col)
	}
	return t, nil
}

// newIndexed returns a table of copies of units and columns, checked and
// indexed, without data: the common start of NewTable and
// NewTableColumns.
func newIndexed(units, columns []string) (*Table, error) {
	t := &Table{units: slices.Clone(units), columns: slices.Clone(columns), unitCol: "unit"}
	if t.units == nil {
		t.units = []string{}
	}
	if t.columns == nil {
		t.columns = []string{}
	}
	if err := t.index(); err != nil {
		return nil, err
	}
	return t, nil
}

// index checks unit ids and column names and builds the column index.
func (t *Table) index() error {
	seen := make(map[string]bool, len(t.units))
	for i, u := range t.units {
		if u == "" {
			return fmt.Errorf("%w: unit %d has an empty id", ErrInvalidTable, i+1)
		}
		if seen[u] {
			return fmt.Errorf("%w: duplicate unit id %q", ErrInvalidTable, u)
		}
		seen[u] = true
	}
	t.colIndex = make(map[string]int, len(t.columns))
	for j, c := range t.columns {
		if c == "" {
			return fmt.Errorf("%w: column %d has an empty name", ErrInvalidTable, j+1)
		}
		if _, dup := t.colIndex[c]; dup {
			return fmt.Errorf("%w: duplicate column %q", ErrInvalidTable, c)
		}
		t.colIndex[c] = j
	}
	return nil
}

// WithAttribute returns a new table with the text attribute name set to
// values (one per unit, in unit order; copied), replacing an attribute of
// that name. It returns an error wrapping [ErrInvalidTable] if the name is
// empty or a numeric column's, or the number of values is wrong.
func (t *Table) WithAttribute(name string, values []string) (*Table, error) {
	if name == "" {
		return nil, fmt.Errorf("%w: empty attribute name", ErrInvalidTable)
	}
	if _, ok := t.colIndex[name]; ok {
		return nil, fmt.Errorf("%w: attribute %q is also a numeric column", ErrInvalidTable, name)
	}
	if len(values) != len(t.units) {
		return nil, fmt.Errorf("%w: attribute %q has %d values for %d units", ErrInvalidTable, name, len(values), len(t.units))
	}
	c := *t
	c.attrVals = make(map[string][]string, len(t.attrVals)+1)
	for k, v := range t.attrVals {
		c.attrVals[k] = v // values are never modified, so they can be shared
	}
	if _, ok := t.attrVals[name]; !ok {
		c.attrs = append(slices.Clone(t.attrs), name)
	}
	c.attrVals[name] = slices.Clone(values)
	return &c, nil
}

// WithValue returns a new table equal to t but for the value of unit i
// (a row index) in the named column, which is x (NaN = missing): a
// "what if" of one value. Only that column is copied; the others are
// shared, as a Table is never modified, so that it costs O(units) however
// many columns t has. It returns an error wrapping [ErrInvalidTable] if
// t has no such column or x is infinite, and panics if i is out of range.
func (t *Table) WithValue(i int, column string, x float64) (*Table, error) {
	j, ok := t.colIndex[column]
	if !ok {
		return nil, fmt.Errorf("%w: no column %q", ErrInvalidTable, column)
	}
	if math.IsInf(x, 0) {
		return nil, fmt.Errorf("%w: unit %q, column %q: infinite value", ErrInvalidTable, t.units[i], column)
	}
	c := *t
	c.data = slices.Clone(t.data)
	c.data[j] = slices.Clone(t.data[j])
	c.data[j][i] = x
	return &c, nil
}

// WithUnitHeader returns a table equal to t whose unit-id column is
// headed name in [Table.WriteCSV] ("unit" if name is empty), as
// [ReadCSV] keeps the header it read. The data are shared, not copied.
func (t *Table) WithUnitHeader(name string) *Table {
	if name == "" {
		name = "unit"
	}
	c := *t
	c.unitCol = name
	return &c
}

// UnitHeader returns the header of the unit-id column (see
// [Table.WithUnitHeader]).
func (t *Table) UnitHeader() string { return t.unitCol }

// Units returns a copy of the unit ids, in table order.
func (t *Table) Units() []string { return slices.Clone(t.units) }

// Columns returns a copy of the numeric column names, in table order.
func (t *Table) Columns() []string { return slices.Clone(t.columns) }

// NumUnits returns the number of units (rows).
func (t *Table) NumUnits() int { return len(t.units) }

// Value returns the value of unit i in column j (NaN = missing). It panics
// if i or j is out of range.
func (t *Table) Value(unit, col int) float64 { return t.data[col][unit] }

// Column returns a copy of the named column, in unit order, and whether
// the table has it.
func (t *Table) Column(name string) ([]float64, bool) {
	j, ok := t.colIndex[name]
	if !ok {
		return nil, false
	}
	return slices.Clone(t.data[j]), true
}

// column returns the named column without copying.
func (t *Table) column(name string) ([]float64, bool) {
	j, ok := t.colIndex[name]
	if !ok {
		return nil, false
	}
	return t.data[j], true
}

// Attribute returns a copy of the named attribute's values, in unit order,
// and whether the table has it.
func (t *Table) Attribute(name string) ([]string, bool) {
	v, ok := t.attrVals[name]
	if !ok {
		return nil, false
	}
	return slices.Clone(v), true
}

// Attributes returns the names of the attributes, in the order they were
// added.
func (t *Table) Attributes() []string { return slices.Clone(t.attrs) }
