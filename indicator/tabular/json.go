package tabular

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/ppgpa/ppgpa/indicator"
)

// Record is one unit of JSON input in the form a web service receives:
// its id and its values by column name, null (a nil pointer) for a
// missing value.
//
//	{"id": "东城区", "values": {"online_pct": 96, "wait_days": null}}
type Record struct {
	ID     string              `json:"id"`
	Values map[string]*float64 `json:"values"`
}

// FromRecords returns the table of the records: one unit per record in
// their order, the columns every name used in any record, sorted (a name
// absent from a record is a missing value there, as is null). It returns
// an error wrapping [indicator.ErrInvalidTable] for an empty or duplicate
// id, an empty column name or an infinite value, naming the record.
func FromRecords(recs []Record) (*indicator.Table, error) {
	seen := map[string]bool{}
	var cols []string
	for i, r := range recs {
		for c := range r.Values {
			if c == "" {
				return nil, fmt.Errorf("%w: record %d (%q): empty column name", indicator.ErrInvalidTable, i+1, r.ID)
			}
			if !seen[c] {
				seen[c] = true
				cols = append(cols, c)
			}
		}
	}
	sort.Strings(cols)
	ids := make([]string, len(recs))
	data := make([][]float64, len(recs))
	backing := make([]float64, len(recs)*len(cols))
	for i, r := range recs {
		ids[i] = r.ID
		data[i] = backing[i*len(cols) : (i+1)*len(cols)]
		for j, c := range cols {
			data[i][j] = math.NaN()
			if v := r.Values[c]; v != nil {
				data[i][j] = *v
			}
		}
	}
	return indicator.NewTable(ids, cols, data)
}

// ReadRecords decodes JSON records, either an array of [Record] or an
// object {"units": [...]} holding one, and returns their table as
// [FromRecords] does. Unknown members are errors.
func ReadRecords(r io.Reader) (*indicator.Table, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	t := bytes.TrimSpace(bytes.TrimPrefix(b, bomUTF8))
	var recs []Record
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.DisallowUnknownFields()
	if len(t) > 0 && t[0] == '{' {
		var w struct {
			Units []Record `json:"units"`
		}
		if err := dec.Decode(&w); err != nil {
			return nil, jsonErr(t, dec, err)
		}
		recs = w.Units
	} else if err := dec.Decode(&recs); err != nil {
		return nil, jsonErr(t, dec, err)
	}
	if dec.More() {
		return nil, invalidf("data after the JSON value")
	}
	return FromRecords(recs)
}

// readJSONGrid reads a JSON array of flat objects into a grid: the header
// is every member name in order of first appearance, numbers keep the text
// they are written with, null is an empty cell. An object {"units": [...]}
// of [Record] values is read as the grid of its table.
func readJSONGrid(b []byte, opt Options) (*Grid, error) {
	t := bytes.TrimPrefix(b, bomUTF8)
	if !json.Valid(t) {
		var v any
		dec := json.NewDecoder(bytes.NewReader(t))
		return nil, jsonErr(t, dec, dec.Decode(&v))
	}
	g := &Grid{Info: Info{Format: FormatJSON, Encoding: "utf-8"}}
	s := bytes.TrimSpace(t)
	if s[0] == '{' {
		tab, err := ReadRecords(bytes.NewReader(s))
		if err != nil {
			return nil, err
		}
		cols := tab.Columns()
		g.Rows = append(g.Rows, append([]string{"id"}, cols...))
		g.Lines = append(g.Lines, 1)
		for i, u := range tab.Units() {
			row := []string{u}
			for j := range cols {
				x := tab.Value(i, j)
				if math.IsNaN(x) {
					row = append(row, "")
				} else {
					row = append(row, strconv.FormatFloat(x, 'g', -1, 64))
				}
			}
			g.Rows = append(g.Rows, row)
			g.Lines = append(g.Lines, i+2)
		}
		return g, nil
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, invalidf("want a JSON array of objects, one per row")
	}
	index := map[string]int{}
	var header []string
	var rows []map[string]string
	var lines []int
	for dec.More() {
		off := dec.InputOffset()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			return nil, jsonErr(t, dec, err)
		}
		line := 1 + bytes.Count(t[:off], []byte("\n"))
		if k := bytes.IndexAny(t[off:], "{"); k >= 0 {
			line = 1 + bytes.Count(t[:int(off)+k], []byte("\n"))
		}
		row := make(map[string]string, len(obj))
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		// Member order of the document is lost by map decoding; new
		// names are added in sorted order after the first object's.
		sort.Strings(keys)
		if len(header) == 0 {
			keys = objectKeys(t[off:])
		}
		for _, k := range keys {
			v, ok := obj[k]
			if !ok {
				continue
			}
			if _, ok := index[k]; !ok {
				index[k] = len(header)
				header = append(header, k)
			}
			switch x := v.(type) {
			case nil:
				row[k] = ""
			case json.Number:
				row[k] = x.String()
			case string:
				row[k] = x
			case bool:
				row[k] = strconv.FormatBool(x)
			default:
				return nil, &Error{Line: line, Header: k, Err: invalidf("member %q is an object or array; want a number, a string or null", k)}
			}
		}
		rows = append(rows, row)
		lines = append(lines, line)
	}
	if len(header) == 0 {
		return nil, invalidf("no JSON objects")
	}
	g.Rows = append(g.Rows, header)
	g.Lines = append(g.Lines, lines[0])
	for i, r := range rows {
		rec := make([]string, len(header))
		for k, v := range r {
			rec[index[k]] = v
		}
		g.Rows = append(g.Rows, rec)
		g.Lines = append(g.Lines, lines[i])
	}
	return g, nil
}

// objectKeys returns the member names of the JSON object at the start of
// b, in document order.
func objectKeys(b []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := tok.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

// jsonErr names the line and column of a JSON error.
func jsonErr(b []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if errors.As(err, &se) {
		off = se.Offset
	} else if errors.As(err, &te) {
		off = te.Offset
	}
	off = min(max(off, 0), int64(len(b)))
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	return &Error{Line: line, Err: invalidf("%v", err)}
}
