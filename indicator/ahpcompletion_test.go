package indicator_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// TestAHPCompletionMember checks "completion": "optimal" of the model
// format: the group's weights are those of weighting.Optimal (whose
// values TestOptimalCompletion checks against R and AHPy), they differ
// from Harker's, and "completion" with judges is rejected with the node
// path.
func TestAHPCompletionMember(t *testing.T) {
	t.Parallel()
	kids := `"children": [{"id": "a", "column": "a"}, {"id": "b", "column": "b"}, {"id": "c", "column": "c"}, {"id": "d", "column": "d"}]`
	// Bozóki, Fülöp & Rónyai's (2010) 4×4 example with c:d missing, made
	// inconsistent enough that the two completions differ.
	model := func(completion string) string {
		return `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "ahp", "upper": [[1, 5, 2], [3, 4], [null]]` +
			completion + `}, ` + kids + `}}`
	}
	weights := func(doc string) []float64 {
		t.Helper()
		m, err := indicator.DecodeModel(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		p, err := indicator.Compile(m)
		if err != nil {
			t.Fatal(err)
		}
		return p.Groups()[0].Weights
	}
	nan := math.NaN()
	a := mat.NewDense(4, 4, []float64{1, 1, 5, 2, 1, 1, 3, 4, 1.0 / 5, 1.0 / 3, 1, nan, 1.0 / 2, 1.0 / 4, nan, 1})
	o, err := weighting.Optimal(a, weighting.AHPSettings{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := weighting.Harker(a, weighting.AHPSettings{})
	if err != nil {
		t.Fatal(err)
	}
	opt, har := weights(model(`, "completion": "optimal"`)), weights(model(``))
	for i := range opt {
		if opt[i] != o.Weights[i] || har[i] != h.Weights[i] {
			t.Errorf("w[%d]: optimal %v (weighting.Optimal %v), harker %v (weighting.Harker %v)", i, opt[i], o.Weights[i], har[i], h.Weights[i])
		}
	}
	if opt[0] == har[0] {
		t.Errorf("optimal and Harker weights agree (%v): the test matrix does not tell them apart", opt)
	}
	judges := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "ahp", "completion": "optimal", "judges": [{"upper": [[2]]}]}, "children": [{"id": "a", "column": "a"}, {"id": "b", "column": "b"}]}}`
	_, err = indicator.DecodeModel(strings.NewReader(judges))
	if err == nil || !strings.Contains(err.Error(), `"completion" applies only to a single matrix`) {
		t.Errorf("completion with judges: %v", err)
	}
	bad := strings.Replace(model(`, "completion": "optimal"`), `"optimal"`, `"best"`, 1)
	if _, err := indicator.DecodeModel(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "root.weighting") && !strings.Contains(err.Error(), "completion") {
		t.Errorf("unknown completion: %v", err)
	}
}

// TestAHPInfoSuggestions checks that a group's AHPInfo gives the
// suggestions of weighting.Suggestions for its matrix (checked against R
// in TestSuggestions), also for an incomplete matrix.
func TestAHPInfoSuggestions(t *testing.T) {
	t.Parallel()
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "ahp", "upper": [[2, 4, "1/2"], [2, 4], [2]]},
	  "children": [{"id": "a", "column": "a"}, {"id": "b", "column": "b"}, {"id": "c", "column": "c"}, {"id": "d", "column": "d"}]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	sg, err := p.Groups()[0].AHP.Suggestions()
	// The matrix is consistent with 8:4:2:1 but for a_14 = 1/2: changing
	// it to 8 makes it consistent (CR 0).
	if err != nil || len(sg) == 0 || sg[0].Row != 0 || sg[0].Col != 3 || sg[0].Suggested != 8 || sg[0].CR != 0 {
		t.Errorf("suggestions %+v, %v; want a[0][3] -> 8 with CR 0 first", sg, err)
	}
	inc := strings.Replace(doc, `"1/2"`, `null`, 1)
	m, err = indicator.DecodeModel(strings.NewReader(inc))
	if err != nil {
		t.Fatal(err)
	}
	if p, err = indicator.Compile(m); err != nil {
		t.Fatal(err)
	}
	// Consistent but for the missing a_14: nothing to revise.
	if sg, err := p.Groups()[0].AHP.Suggestions(); len(sg) != 0 || err != nil {
		t.Errorf("incomplete: %v, %v; want none", sg, err)
	}
	// a_23 = 1/3 as well: the revision of weighting's
	// TestSuggestionsIncomplete (R): a_23 -> 1, CR 0.022461862057.
	m, err = indicator.DecodeModel(strings.NewReader(strings.Replace(inc, `[2, 4], [2]]`, `["1/3", 4], [2]]`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if p, err = indicator.Compile(m); err != nil {
		t.Fatal(err)
	}
	if sg, err := p.Groups()[0].AHP.Suggestions(); err != nil || len(sg) == 0 || sg[0].Row != 1 || sg[0].Col != 2 || sg[0].Suggested != 1 || math.Abs(sg[0].CR-0.022461862057) > 1e-9 {
		t.Errorf("incomplete, inconsistent: %+v, %v; want a[1][2] -> 1 with CR 0.0225 first", sg, err)
	}
	var nilInfo *indicator.AHPInfo
	if sg, err := nilInfo.Suggestions(); sg != nil || !errors.Is(err, nil) {
		t.Errorf("nil AHPInfo: %v, %v", sg, err)
	}
}
