package nanjson

import (
	"encoding/json"
	"math"
	"testing"
)

type rec struct {
	A    float64   `json:"a"`
	B    []float64 `json:"b,omitempty"`
	C    string    `json:"-"`
	Name string
	P    *float64 `json:"p"`
}

// TestMarshal checks NaN as null, the numbers as encoding/json writes
// them (its output is the reference), tags, and the error for infinity.
func TestMarshal(t *testing.T) {
	for _, x := range []float64{0, 1, -2.5, 1e-7, 1e21, 1000000, 123456789.125, math.SmallestNonzeroFloat64} {
		got, err := Marshal(x)
		want, _ := json.Marshal(x)
		if err != nil || string(got) != string(want) {
			t.Errorf("Marshal(%v) = %s, %v; encoding/json %s", x, got, err, want)
		}
	}
	got, err := Marshal(rec{A: math.NaN(), B: []float64{1, math.NaN()}, C: "x", Name: "n"})
	if err != nil || string(got) != `{"a":null,"b":[1,null],"Name":"n","p":null}` {
		t.Errorf("Marshal = %s, %v", got, err)
	}
	if _, err := Marshal(rec{A: math.Inf(1)}); err == nil {
		t.Errorf("infinity encoded")
	}
}

// TestUnmarshal checks null as NaN, unknown members and bad types as
// errors naming the path.
func TestUnmarshal(t *testing.T) {
	var r rec
	if err := Unmarshal([]byte(`{"a":null,"b":[1,null],"Name":"n","p":2}`), &r); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(r.A) || r.B[0] != 1 || !math.IsNaN(r.B[1]) || r.Name != "n" || r.P == nil || *r.P != 2 {
		t.Errorf("Unmarshal: %+v", r)
	}
	for doc, want := range map[string]string{
		`{"x":1}`:       `$: unknown member "x"`,
		`{"b":[1,"2"]}`: `$.b[1]: cannot decode string into float64`,
		`{"a":1} 2`:     `trailing data after the JSON value`,
	} {
		if err := Unmarshal([]byte(doc), &r); err == nil || err.Error() != want {
			t.Errorf("Unmarshal(%s) = %v, want %s", doc, err, want)
		}
	}
}
