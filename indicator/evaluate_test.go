package indicator_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
)

// tol is the one tolerance of hand-derived expectations: a few ulps of
// values up to 100.
const tol = 1e-12

// fataler is what the helpers need of a *testing.T, *testing.B or
// *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

func mustTable(t fataler, units, cols []string, rows [][]float64) *indicator.Table {
	t.Helper()
	tab, err := indicator.NewTable(units, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func mustEval(t fataler, m *indicator.Model, tab *indicator.Table) *indicator.Result {
	t.Helper()
	r, err := compileEval(t, m, tab)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// compileEval compiles m (which must be valid) and evaluates it on tab.
func compileEval(t fataler, m *indicator.Model, tab *indicator.Table) (*indicator.Result, error) {
	t.Helper()
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	return p.Evaluate(context.Background(), tab)
}

// twoLeaf is a model with two min-max leaves weighted 3:1, the second
// lower-is-better.
func twoLeaf() *indicator.Model {
	return &indicator.Model{Version: 1, Name: "two", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "a", Weight: 3, Column: "x1"},
		{ID: "b", Weight: 1, Column: "x2", Polarity: indicator.LowerIsBetter},
	}}}
}

func TestEvaluateHand(t *testing.T) {
	t.Parallel()
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2"}, [][]float64{{10, 1}, {20, 5}, {30, 3}})
	r := mustEval(t, twoLeaf(), tab)
	// Hand derivation: x1 -> 100(x-10)/20 = 0, 50, 100; x2 (lower) ->
	// 100(5-x)/4 = 100, 0, 50; weights 3:1 = 0.75, 0.25; scores
	// 0.75*0 + 0.25*100 = 25, 0.75*50 = 37.5, 75 + 12.5 = 87.5.
	opt := cmpopts.EquateApprox(0, tol)
	if d := cmp.Diff([]float64{25, 37.5, 87.5}, r.Score, opt); d != "" {
		t.Errorf("Score (-want +got):\n%s", d)
	}
	b, _ := r.Node("b")
	if d := cmp.Diff([]float64{100, 0, 50}, b.Scores, opt); d != "" {
		t.Errorf("b.Scores (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{25, 0, 12.5}, b.Contribution, opt); d != "" {
		t.Errorf("b.Contribution (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{1, 0, 12.5 / 87.5}, b.Share, opt); d != "" {
		t.Errorf("b.Share (-want +got):\n%s", d)
	}
	want := []indicator.IndicatorWeight{{ID: "a", Path: "root/a", Column: "x1", Weight: 0.75}, {ID: "b", Path: "root/b", Column: "x2", Weight: 0.25}}
	if d := cmp.Diff(want, r.Weights, opt); d != "" {
		t.Errorf("Weights (-want +got):\n%s", d)
	}
	if r.Leaves[0].Worst != 10 || r.Leaves[0].Best != 30 || r.Leaves[1].Worst != 5 || r.Leaves[1].Best != 1 {
		t.Errorf("Leaves: %+v", r.Leaves)
	}
}

func TestEvaluateErrors(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name string
		rows [][]float64
		want error
		unit string
	}{
		{"missing", [][]float64{{10, 1}, {nan, 5}, {30, 3}}, indicator.ErrMissingValue, "B"},
		{"constant", [][]float64{{10, 1}, {10, 5}, {10, 3}}, indicator.ErrConstantColumn, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab := mustTable(t, []string{"A", "B", "C"}, []string{"x1", "x2"}, tc.rows)
			p, err := indicator.Compile(twoLeaf())
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Evaluate(context.Background(), tab)
			var ne *indicator.NodeError
			if !errors.Is(err, tc.want) || !errors.As(err, &ne) || ne.Path != "root/a" || ne.Unit != tc.unit {
				t.Fatalf("err = %v, want %v at root/a, unit %q", err, tc.want, tc.unit)
			}
		})
	}
}

func TestEvaluateEmptyTable(t *testing.T) {
	t.Parallel()
	// No units: nothing to normalise over, an error rather than a panic.
	tab := mustTable(t, nil, []string{"x1", "x2"}, nil)
	if _, err := compileEval(t, twoLeaf(), tab); !errors.Is(err, indicator.ErrMissingValue) {
		t.Errorf("err = %v, want ErrMissingValue", err)
	}
}

// TestNilPanics checks the documented panics for nil arguments, which are
// programmer errors: the message names the package and the argument.
func TestNilPanics(t *testing.T) {
	t.Parallel()
	plan, err := indicator.Compile(&indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1}, {ID: "b", Column: "b", Weight: 1}}}})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"Evaluate": func() { _, _ = plan.Evaluate(context.Background(), nil) },
		"Prepare":  func() { _, _ = plan.Prepare(context.Background(), nil) },
		"Validate": func() { _ = (*indicator.Model)(nil).Validate() },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "indicator: ") || !strings.Contains(s, "nil") {
					t.Errorf("%s: panic %v, want an indicator: message naming the nil argument", name, r)
				}
			}()
			f()
		}()
	}
}
