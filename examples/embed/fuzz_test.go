package main

import (
	"math"
	"testing"
)

// FuzzDecodeRequest feeds arbitrary bodies to the request decoder: it
// never panics, an accepted request has at most the allowed units, one
// row of exactly the model's columns per unit, and no infinite value.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range []string{
		`{"units":[{"id":"a","values":{"online_pct":90,"x":1}}]}`,
		`{"units":[{"id":"a","values":null},{"id":"b"}]}`,
		`{"units":[]}`,
		"\ufeff{\"units\":[{\"id\":\"东城区\",\"values\":{\"online_pct\":1e308}}]}",
		`{"units":[{"id":"a","values":{"online_pct":1e999}}]}`,
		`{"units":[{"id":"a","values":{"online_pct":1,"online_pct":2}}]}`,
		"{\"units\":[{\"id\":\"\xc4\xd0\"}]}",
		`{"units":[{"id":"a","values":{"online_pct":[1]}}]} x`,
	} {
		f.Add([]byte(s))
	}
	cols := []string{"online_pct", "satisfaction", "wait_minutes"}
	const maxUnits = 5
	f.Fuzz(func(t *testing.T, b []byte) {
		req, err := decodeRequest(b, cols, maxUnits)
		if err != nil {
			return
		}
		if len(req.ids) > maxUnits || len(req.data) != len(req.ids) || len(req.present) != len(cols) {
			t.Fatalf("%d ids, %d rows, %d columns", len(req.ids), len(req.data), len(req.present))
		}
		for _, row := range req.data {
			if len(row) != len(cols) {
				t.Fatalf("row of %d values for %d columns", len(row), len(cols))
			}
			for _, v := range row {
				if math.IsInf(v, 0) {
					t.Fatalf("value %v accepted", v)
				}
			}
		}
	})
}
