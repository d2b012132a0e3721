package indicator

import (
	"bytes"
	"strings"
	"testing"
)

// A model file may name its schema; the member round-trips and comes
// first in the canonical form.
func TestSchemaMemberRoundTrip(t *testing.T) {
	in := `{
  "$schema": "../../indicator/model.schema.json",
  "ppgpa": 1,
  "name": "x",
  "root": {
    "id": "t",
    "children": [
      {
        "id": "a",
        "column": "a"
      }
    ]
  }
}
`
	m, err := DecodeModel(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if m.Schema != "../../indicator/model.schema.json" {
		t.Errorf("Schema = %q", m.Schema)
	}
	var out bytes.Buffer
	if err := m.Encode(&out); err != nil {
		t.Fatal(err)
	}
	if out.String() != in {
		t.Errorf("round trip:\n%s\nwant\n%s", out.String(), in)
	}
	if _, err := DecodeModel(strings.NewReader(strings.Replace(in, `"$schema"`, `"$schemas"`, 1))); err == nil {
		t.Error(`"$schemas" accepted`)
	}
	o, err := DecodeOverlay(strings.NewReader(`{"$schema": "overlay.schema.json", "ppgpa": 1, "remove": ["a"]}`))
	if err != nil || o.Schema != "overlay.schema.json" {
		t.Errorf("overlay: %v, %q", err, o.Schema)
	}
}
