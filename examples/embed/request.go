package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// request is a decoded POST /score body: the units' ids and, per unit,
// the values of the model's columns (NaN where missing). Values of other
// columns are read and dropped, so that its memory is units × model
// columns, whatever the request holds.
type request struct {
	ids     []string
	data    [][]float64 // per unit, one value per column of cols
	present []bool      // whether some unit has the column (even null)
}

// decodeRequest decodes the body b of POST /score,
//
//	{"units": [{"id": "...", "values": {"column": number or null, ...}}, ...]}
//
// keeping the values of the columns cols only. The JSON input policy
// applies (jsonpolicy.go, a copy of internal/jsonin: UTF-8, no repeated member, no control
// character, one document). Unknown members, a value that is not a number
// or null, a number out of the range of float64 (1e999) and more than
// maxUnits units are errors; decoding stops at the first.
func decodeRequest(b []byte, cols []string, maxUnits int) (*request, error) {
	b, err := checkJSON(b)
	if err != nil {
		return nil, err
	}
	col := make(map[string]int, len(cols))
	for j, c := range cols {
		col[c] = j
	}
	req := &request{present: make([]bool, len(cols))}
	d := &tokens{dec: json.NewDecoder(bytes.NewReader(b)), b: b}
	d.dec.UseNumber()
	if err := d.delim('{', "the request"); err != nil {
		return nil, err
	}
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return nil, err
		}
		if key != "units" {
			return nil, d.errorf("unknown field %q", key)
		}
		if err := d.delim('[', `"units"`); err != nil {
			return nil, err
		}
		for d.dec.More() {
			if len(req.ids) == maxUnits {
				return nil, d.errorf("request has more than %d units, at most %d allowed", maxUnits, maxUnits)
			}
			if err := d.unit(req, col); err != nil {
				return nil, err
			}
		}
		if _, err := d.dec.Token(); err != nil { // ]
			return nil, d.syntax(err)
		}
	}
	return req, nil
}

// tokens reads a JSON document token by token, with errors located.
type tokens struct {
	dec *json.Decoder
	b   []byte
}

func (d *tokens) errorf(format string, a ...any) error {
	line, col := lineCol(d.b, d.dec.InputOffset())
	return fmt.Errorf("line %d, column %d: %s", line, col, fmt.Sprintf(format, a...))
}

func (d *tokens) syntax(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return errors.New(syntaxLocation(d.b, err))
}

func (d *tokens) delim(want json.Delim, what string) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.syntax(err)
	}
	if tok != want {
		return d.errorf("%s: want %q", what, string(want))
	}
	return nil
}

func (d *tokens) key() (string, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return "", d.syntax(err)
	}
	return tok.(string), nil // jsonin checked the syntax: a member name
}

// unit reads one unit object into req.
func (d *tokens) unit(req *request, col map[string]int) error {
	u := len(req.ids)
	if err := d.delim('{', fmt.Sprintf("unit %d", u+1)); err != nil {
		return err
	}
	row := make([]float64, len(req.present))
	for j := range row {
		row[j] = math.NaN()
	}
	id := ""
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return err
		}
		switch key {
		case "id":
			tok, err := d.dec.Token()
			if err != nil {
				return d.syntax(err)
			}
			s, ok := tok.(string)
			if !ok {
				return d.errorf("unit %d: id: want a string", u+1)
			}
			id = s
		case "values":
			tok, err := d.dec.Token()
			if err != nil {
				return d.syntax(err)
			}
			if tok == nil {
				continue
			}
			if tok != json.Delim('{') {
				return d.errorf("unit %d: values: want an object", u+1)
			}
			for d.dec.More() {
				name, err := d.key()
				if err != nil {
					return err
				}
				tok, err := d.dec.Token()
				if err != nil {
					return d.syntax(err)
				}
				var v float64
				switch x := tok.(type) {
				case nil:
					v = math.NaN()
				case json.Number:
					v, err = strconv.ParseFloat(string(x), 64)
					if err != nil {
						return d.errorf("unit %d: values.%s: %s is out of the range of float64", u+1, name, x)
					}
				default:
					return d.errorf("unit %d: values.%s: want a number or null", u+1, name)
				}
				if j, ok := col[name]; ok {
					row[j] = v
					req.present[j] = true
				}
			}
			if _, err := d.dec.Token(); err != nil { // }
				return d.syntax(err)
			}
		default:
			return d.errorf("unit %d: unknown field %q", u+1, key)
		}
	}
	if _, err := d.dec.Token(); err != nil { // }
		return d.syntax(err)
	}
	req.ids = append(req.ids, id)
	req.data = append(req.data, row)
	return nil
}
