package indicator_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
)

// jsonResult evaluates a model whose leaf b has a missing value (imputed
// by the mean) and whose z-score leaf has no goalposts, so that the
// result holds NaN (LeafRecord.Worst and Best, transform bounds).
func jsonResult(t *testing.T) *indicator.Result {
	t.Helper()
	m, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [
	  {"id": "a", "column": "a", "weight": 1, "normalization": {"method": "zscore"}},
	  {"id": "b", "column": "b", "weight": 1, "imputation": {"method": "mean"}}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(strings.NewReader("unit,a,b\nu1,1,4\nu2,2,NA\nu3,4,0\n"), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Evaluate(t.Context(), tab)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestResultJSON checks that json.Marshal of a Result succeeds with NaN
// as null, uses the documented member names, and decodes back to an equal
// Result.
func TestResultJSON(t *testing.T) {
	t.Parallel()
	r := jsonResult(t)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"units":["u1","u2","u3"]`, `"nodes":[{"id":"r","path":"r","parent":-1`, `"local_weight":1`, `"worst":null`, `"imputed":[false,true,false]`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
	var back indicator.Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, &back, cmpopts.EquateNaNs(), cmpopts.IgnoreUnexported(indicator.Result{})); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"units": [], "bogus": 1}`), &back); err == nil {
		t.Errorf("an unknown member decoded")
	}
}

// TestRecords checks the flat form: one record per unit and node, in
// table and pre-order; the leaves' points sum to the score; the root's
// contribution and share are NaN (null in JSON); records round-trip.
func TestRecords(t *testing.T) {
	t.Parallel()
	r := jsonResult(t)
	recs := r.Records()
	if len(recs) != 3*3 {
		t.Fatalf("%d records, want 9", len(recs))
	}
	for u := range 3 {
		root, a, b := recs[3*u], recs[3*u+1], recs[3*u+2]
		if root.Unit != r.Units[u] || root.Node != "r" || a.Node != "a" || b.Node != "b" || !math.IsNaN(root.Share) {
			t.Errorf("unit %d records %+v %+v %+v", u, root, a, b)
		}
		if math.Abs(a.Points+b.Points-r.Score[u]) > 1e-12 || root.Points != r.Score[u] {
			t.Errorf("unit %d: points %v + %v, score %v", u, a.Points, b.Points, r.Score[u])
		}
		if b.Imputed != (u == 1) {
			t.Errorf("unit %d: imputed %v", u, b.Imputed)
		}
	}
	j, err := json.Marshal(recs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(j), `"contribution":null,"share":null`) {
		t.Errorf("root record: %s", j[:200])
	}
	var back []indicator.Record
	if err := json.Unmarshal(j, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(recs, back, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
