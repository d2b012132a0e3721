package indicator_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// TestOverlayAddedNodeWithoutWeight checks that the model format's rule on
// declared weights (a child without a weight among siblings that declare
// weights is an error) holds for a node an overlay adds next to the base
// model's weighted children (twoLeaf: a 3, b 1).
func TestOverlayAddedNodeWithoutWeight(t *testing.T) {
	t.Parallel()
	const add = `{"ppgpa": 1, "add": [{"parent": "root", "node": {"id": "c", "column": "x3"%s}}]%s}`
	cases := []struct {
		name, weight, rest string
		equal              bool   // the root weights its children equally
		want               string // "" for no error
	}{
		{name: "no weight", want: `$.add[0].node: node "c" added to group "root" has no weight while its sibling "a" declares 3`},
		{name: "declared 0", weight: `, "weight": 0`},
		{name: "declared 2", weight: `, "weight": 2`},
		{name: "weight from the weights step", rest: `, "weights": [{"id": "c", "weight": 1}]`},
		{name: "equal weighting ignores weights", equal: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			base := twoLeaf()
			if tc.equal {
				base.Root.Weighting = &weighting.Spec{Method: "equal"}
			}
			o, err := indicator.DecodeOverlay(strings.NewReader(strings.Replace(strings.Replace(add, "%s", tc.weight, 1), "%s", tc.rest, 1)))
			if err != nil {
				t.Fatal(err)
			}
			m, err := indicator.ApplyOverlay(base, o)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c := m.Root.Children[2]; c.ID != "c" {
					t.Errorf("added node %q, want c", c.ID)
				}
				return
			}
			var ve *indicator.ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want a *ValidationError with %q", err, tc.want)
			}
		})
	}
}

// TestOverlayAddedZeroWeightRoundTrip checks that a declared weight of 0
// on an added node survives Encode and DecodeOverlay, so that the decoded
// copy applies as the original does, and that an overlay built in Go with
// a zero Weight (a declared 0, as for a Node) applies.
func TestOverlayAddedZeroWeightRoundTrip(t *testing.T) {
	t.Parallel()
	o, err := indicator.DecodeOverlay(strings.NewReader(`{"ppgpa": 1, "add": [{"parent": "root", "node": {"id": "c", "column": "x3", "weight": 0}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := o.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"weight": 0`) {
		t.Errorf("encoding lost the declared 0:\n%s", buf.String())
	}
	o2, err := indicator.DecodeOverlay(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(o, o2); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if _, err := indicator.ApplyOverlay(twoLeaf(), o2); err != nil {
		t.Error(err)
	}
	goBuilt := &indicator.Overlay{Version: 1, Add: []indicator.OverlayAdd{{Parent: "root", Node: &indicator.Node{ID: "c", Column: "x3"}}}}
	if _, err := indicator.ApplyOverlay(twoLeaf(), goBuilt); err != nil {
		t.Error(err)
	}
	goBuilt.Add[0].WeightMissing = true
	if _, err := indicator.ApplyOverlay(twoLeaf(), goBuilt); err == nil || !strings.Contains(err.Error(), `node "c" added to group "root" has no weight`) {
		t.Errorf("WeightMissing: error %v", err)
	}
}
