package indicator_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestBoDShareBounds checks min_share and max_share of a bod aggregation
// against a hand-solved linear programme. Units A = (2, 1), B = (1, 2),
// C = (1, 1). Without bounds A and B are efficient (100) and C gets
// max w1 + w2 subject to 2w1 + w2 <= 1, w1 + 2w2 <= 1: w1 = w2 = 1/3, 200/3.
// With max_share 0.5 on both children each unit's two shares are equal:
// for A, 2w1 = w2, and the tightest constraint is B's w1 + 2w2 = 5w1 <= 1,
// so A scores 4/5 = 80 (B likewise by symmetry); C's optimum already has
// equal shares and stays 200/3.
func TestBoDShareBounds(t *testing.T) {
	t.Parallel()
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "aggregation": {"method": "bod", "min_share": [0, 0], "max_share": [0.5, 0.5]},
	  "normalization": {"method": "none"}, "children": [{"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b", "weight": 1}]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{2, 1}, {1, 2}, {1, 1}})
	r := mustEval(t, m, tab)
	for u, want := range []float64{80, 80, 200.0 / 3} {
		if math.Abs(r.Score[u]-want) > 1e-9 {
			t.Errorf("unit %d: %v, want %v", u, r.Score[u], want)
		}
	}
	m.Root.Aggregation.MinShare, m.Root.Aggregation.MaxShare = nil, nil
	r = mustEval(t, m, tab)
	for u, want := range []float64{100, 100, 200.0 / 3} {
		if math.Abs(r.Score[u]-want) > 1e-9 {
			t.Errorf("unbounded unit %d: %v, want %v", u, r.Score[u], want)
		}
	}
	// Round trip.
	m, _ = indicator.DecodeModel(strings.NewReader(doc))
	var out bytes.Buffer
	if err := m.Encode(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"min_share": [`) || !strings.Contains(out.String(), `"max_share": [`) {
		t.Errorf("encoded model lacks the share bounds:\n%s", out.String())
	}
	back, err := indicator.DecodeModel(&out)
	if err != nil || back.Root.Aggregation.MaxShare[1] != 0.5 {
		t.Errorf("re-decoded: %v, %+v", err, back.Root.Aggregation)
	}
	// Validation.
	for _, tc := range []struct{ agg, want string }{
		{`{"method": "arithmetic", "max_share": [0.5, 0.5]}`, `"max_share" does not apply to method "arithmetic"`},
		{`{"method": "bod", "max_share": [0.5]}`, "max_share has 1 values for 2 children"},
		{`{"method": "bod", "min_share": [0.5, 1.5]}`, "min_share[1] = 1.5 must be in [0, 1]"},
		{`{"method": "bod", "min_share": [0.6, 0.6]}`, "min_share sums to 1.2, more than 1"},
		{`{"method": "bod", "min_share": [0.6, 0], "max_share": [0.5, 1]}`, "min_share[0] = 0.6 exceeds max_share[0] = 0.5"},
	} {
		d := strings.Replace(doc, `{"method": "bod", "min_share": [0, 0], "max_share": [0.5, 0.5]}`, tc.agg, 1)
		m, err := indicator.DecodeModel(strings.NewReader(d))
		if err != nil {
			// Members of another method are rejected when decoding.
			if !strings.Contains(err.Error(), "$.root.aggregation: "+tc.want) {
				t.Errorf("%s: DecodeModel = %v, want %q", tc.agg, err, tc.want)
			}
			continue
		}
		if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "r: aggregation: "+tc.want) {
			t.Errorf("%s: Validate = %v, want %q", tc.agg, err, tc.want)
		}
	}
}

// TestBoDWithoutWeights checks that a bod group needs no declared weights
// (benefit of the doubt chooses its own): the model of TestBoDShareBounds
// without "weight" members compiles and gives the same hand-solved scores
// (100, 100, 200/3), and a weighting on a bod group is still an error
// that says to leave it out.
func TestBoDWithoutWeights(t *testing.T) {
	t.Parallel()
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "aggregation": {"method": "bod"},
	  "normalization": {"method": "none"}, "children": [{"id": "a", "column": "a"}, {"id": "b", "column": "b"}]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{2, 1}, {1, 2}, {1, 1}})
	r := mustEval(t, m, tab)
	for u, want := range []float64{100, 100, 200.0 / 3} {
		if math.Abs(r.Score[u]-want) > 1e-9 {
			t.Errorf("unit %d: %v, want %v", u, r.Score[u], want)
		}
	}
	d := strings.Replace(doc, `"aggregation": {"method": "bod"},`, `"aggregation": {"method": "bod"}, "weighting": {"method": "equal"},`, 1)
	m, err = indicator.DecodeModel(strings.NewReader(d))
	if err == nil {
		err = m.Validate()
	}
	if err == nil || !strings.Contains(err.Error(), "omit weighting") {
		t.Errorf("weighting on bod: %v", err)
	}
}
