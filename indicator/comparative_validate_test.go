package indicator_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// fuzzyDoc is a model file with a fuzzy composite of two factors of three
// grade shares each; agg replaces the composite's aggregation, leaf the
// members of the first grade-share leaf, factor those of the first factor.
func fuzzyDoc(agg, factor, leaf string) string {
	g := `"grades":[{"label":"好","value":100},{"label":"中","value":60},{"label":"差","value":20}]`
	if agg == "" {
		agg = `{"method":"fuzzy",` + g + `}`
	}
	if factor == "" {
		factor = `"aggregation":{"method":"fuzzy",` + g + `}`
	}
	if leaf == "" {
		leaf = `"column":"a1"`
	}
	return `{"ppgpa":1,"name":"f","root":{"id":"r","normalization":{"method":"none"},"aggregation":` + agg + `,"children":[
 {"id":"a","weight":2,` + factor + `,"children":[{"id":"a1",` + leaf + `},{"id":"a2","column":"a2"},{"id":"a3","column":"a3"}]},
 {"id":"b","weight":1,"aggregation":{"method":"fuzzy",` + g + `},"children":[{"id":"b1","column":"b1"},{"id":"b2","column":"b2"},{"id":"b3","column":"b3"}]}]}}`
}

// flatDoc is a model file with three min-max normalised leaves under a
// root aggregated by agg.
func flatDoc(agg string) string {
	return `{"ppgpa":1,"name":"t","root":{"id":"r","aggregation":` + agg + `,"weighting":{"method":"equal"},"children":[
 {"id":"x","column":"x"},{"id":"y","column":"y"},{"id":"z","column":"z","polarity":"lower"}]}}`
}

// TestComparativeInvalid checks that every bad member of the comparative
// aggregations is an error of DecodeModel or Validate that names the node
// and the problem.
func TestComparativeInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"topsis scaling", flatDoc(`{"method":"topsis","scaling":"sum"}`), `r: aggregation: unknown scaling "sum"`},
		{"rho on topsis", flatDoc(`{"method":"topsis","rho":0.5}`), `rho`},
		{"rho zero", flatDoc(`{"method":"grey_relational","rho":0}`), "rho 0 must be in (0, 1]"},
		{"rho above 1", flatDoc(`{"method":"grey_relational","rho":1.5}`), "rho 1.5 must be in (0, 1]"},
		{"reference length", flatDoc(`{"method":"grey_relational","reference":[100,100]}`), "reference has 2 values for 3 children"},
		{"mpi penalty", flatDoc(`{"method":"mpi","penalty":"both"}`), `unknown penalty "both"`},
		{"ampi penalty", flatDoc(`{"method":"ampi","penalty":"both"}`), `unknown penalty "both"`},
		{"ampi reference length", flatDoc(`{"method":"ampi","reference":[50]}`), "reference has 1 values for 3 children"},
		{"ampi reference finite", flatDoc(`{"method":"ampi","reference":[50,50,1e999]}`), "1e999"},
		{"reference on mpi", flatDoc(`{"method":"mpi","reference":[50,50,50]}`), "reference"},
		{"fuzzy one grade", fuzzyDoc(`{"method":"fuzzy","grades":[{"label":"好","value":1}]}`, "", ""), "fuzzy needs at least two grades, got 1"},
		{"fuzzy repeated label", fuzzyDoc(`{"method":"fuzzy","grades":[{"label":"好","value":1},{"label":"好","value":0},{"label":"差","value":0}]}`, "", ""), `label "好" repeated`},
		{"fuzzy operator", fuzzyDoc(`{"method":"fuzzy","operator":"max","grades":[{"label":"好","value":100},{"label":"中","value":60},{"label":"差","value":20}]}`, "", ""), `unknown operator "max"`},
		{"fuzzy grades differ", fuzzyDoc(`{"method":"fuzzy","grades":[{"label":"好","value":90},{"label":"中","value":60},{"label":"差","value":20}]}`, "", ""), `r/a: aggregation: fuzzy grades differ`},
		{"fuzzy factor not fuzzy", fuzzyDoc("", `"weighting":{"method":"equal"}`, ""), `r/a: a child of a fuzzy group must be the grade shares of one factor`},
		{"fuzzy share normalised", fuzzyDoc("", "", `"column":"a1","normalization":{"method":"minmax"}`), `r/a/a1: grade share of a fuzzy group: set normalization none`},
		{"fuzzy share lower", fuzzyDoc("", "", `"column":"a1","polarity":"lower"`), `r/a/a1: grade share of a fuzzy group: polarity must be higher`},
		{"fuzzy weighting on shares", fuzzyDoc("", `"weighting":{"method":"equal"},"aggregation":{"method":"fuzzy","grades":[{"label":"好","value":100},{"label":"中","value":60},{"label":"差","value":20}]}`, ""), `r/a: weighting set on a fuzzy group of grade shares`},
		{"fuzzy share count", strings.Replace(fuzzyDoc("", "", ""), `,{"id":"a3","column":"a3"}`, "", 1), `r/a: aggregation: fuzzy group of grade shares has 2 children for 3 grades`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := indicator.DecodeModel(strings.NewReader(tc.doc))
			if err == nil {
				err = m.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestComparativeDataErrors checks the errors that only data can cause:
// they name the node and the unit and wrap ErrDomain.
func TestComparativeDataErrors(t *testing.T) {
	t.Parallel()
	m, err := indicator.DecodeModel(strings.NewReader(fuzzyDoc("", "", "")))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"a1", "a2", "a3", "b1", "b2", "b3"}
	for _, tc := range []struct {
		name string
		row  []float64
		want string
	}{
		{"no answers", []float64{0, 0, 0, 50, 30, 20}, `node "r/a", unit "Q": value outside the domain: fuzzy: factor "a" has no answers`},
		{"negative share", []float64{50, 30, 20, 0, -1, 0}, `node "r/b/b2", unit "Q": value outside the domain: normalization none needs values in [0, 100], got -1`},
	} {
		tab := mustTable(t, []string{"P", "Q"}, cols, [][]float64{{50, 30, 20, 40, 40, 20}, tc.row})
		_, err := plan.Evaluate(context.Background(), tab)
		if !errors.Is(err, indicator.ErrDomain) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
	// MPI: a unit more than ten standard deviations below the mean.
	rows := make([][]float64, 200)
	for u := range rows {
		rows[u] = []float64{0, 0, 0}
	}
	rows[0] = []float64{-1e6, -1e6, 1e6}
	units := make([]string, len(rows))
	for u := range units {
		units[u] = string(rune('A'+u%26)) + strings.Repeat("x", u/26)
	}
	doc := strings.Replace(flatDoc(`{"method":"mpi"}`), `"weighting"`, `"normalization":{"method":"zscore"},"weighting"`, 1)
	mm, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := indicator.Compile(mm)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p2.Evaluate(context.Background(), mustTable(t, units, []string{"x", "y", "z"}, rows))
	if !errors.Is(err, indicator.ErrDomain) || !strings.Contains(err.Error(), `unit "A": value outside the domain: mpi: mean standardised score`) {
		t.Errorf("mpi: got %v", err)
	}
}

// FuzzComparativeParams decodes the aggregation member of a model (the
// comparative methods' parameters), validates, compiles and scores: no
// input may panic, a rejection names where, and an accepted model gives
// scores in the method's range.
func FuzzComparativeParams(f *testing.F) {
	for _, s := range []string{
		`{"method":"topsis"}`, `{"method":"topsis","scaling":"none"}`,
		`{"method":"grey_relational","rho":0.3}`, `{"method":"grey_relational","reference":[50,60,70]}`,
		`{"method":"mpi","penalty":"positive"}`, `{"method":"ampi","reference":[50,50,50]}`,
		`{"method":"fuzzy","operator":"zadeh","grades":[{"label":"好","value":100},{"label":"中","value":60},{"label":"差","value":20}]}`,
	} {
		f.Add(s, s)
	}
	tab, err := indicator.NewTable([]string{"P", "Q", "R"}, []string{"x", "y", "z", "a1", "a2", "a3", "b1", "b2", "b3"},
		[][]float64{{1, 5, 3, 50, 30, 20, 10, 10, 80}, {4, 2, 6, 0, 100, 0, 30, 30, 40}, {7, 8, 0, 1, 1, 1, 5, 0, 0}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, agg, factor string) {
		for _, doc := range []string{flatDoc(agg), fuzzyDoc(agg, `"aggregation":`+factor, "")} {
			m, err := indicator.DecodeModel(strings.NewReader(doc))
			if err != nil {
				if !strings.Contains(err.Error(), "line ") && !strings.Contains(err.Error(), "$") {
					t.Fatalf("rejection without a location: %v", err)
				}
				continue
			}
			if m.Validate() != nil {
				continue
			}
			p, err := indicator.Compile(m)
			if err != nil {
				t.Fatalf("valid model does not compile: %v", err)
			}
			r, err := p.Evaluate(context.Background(), tab)
			if err != nil {
				var ne *indicator.NodeError
				if !errors.As(err, &ne) {
					t.Fatalf("evaluation error %T without a node: %v", err, err)
				}
				continue
			}
			a := m.Root.Aggregation
			for u, s := range r.Score {
				ok := true
				switch a.Method {
				case indicator.TOPSIS:
					ok = s >= 0 && s <= 1
				case indicator.Grey:
					ok = s > 0 && s <= 1
				case indicator.Fuzzy:
					lo, hi := math.Inf(1), math.Inf(-1)
					for _, g := range a.Grades {
						lo, hi = min(lo, g.Value), max(hi, g.Value)
					}
					ok = s >= lo-1e-9*math.Abs(lo)-1e-300 && s <= hi+1e-9*math.Abs(hi)+1e-300
				}
				if !ok || math.IsNaN(s) {
					t.Fatalf("%s: unit %d score %v out of range", a.Method, u, s)
				}
			}
			var out bytes.Buffer
			if err := m.Encode(&out); err != nil {
				continue
			}
			if _, err := indicator.DecodeModel(&out); err != nil {
				t.Fatalf("re-decoding: %v", err)
			}
		}
	})
}
