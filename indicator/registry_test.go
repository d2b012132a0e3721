package indicator_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
	"pgregory.net/rapid"
)

// declaredScheme is a registered scheme that returns the declared weights,
// as the built-in fixed scheme does.
type declaredScheme struct{}

func (declaredScheme) DataDriven() bool { return false }
func (declaredScheme) Weights(in weighting.Input) ([]float64, error) {
	return weighting.Normalize(in.Declared)
}

// meanAgg is a registered weighted arithmetic mean.
type meanAgg struct{}

func (meanAgg) Aggregate(y, w []float64) (float64, error) {
	var s float64
	for j := range y {
		s = float64(w[j]*y[j]) + s
	}
	return s, nil
}

func testRegistry(t fataler) *indicator.Registry {
	var reg indicator.Registry
	if err := reg.RegisterScheme("declared", func(params json.RawMessage, _ []string) (weighting.Scheme, error) {
		var p struct{}
		return declaredScheme{}, indicator.DecodeParams(params, &p)
	}); err != nil {
		t.Fatal(err)
	}
	if err := reg.RegisterAggregation("mean", func(params json.RawMessage) (indicator.Aggregator, error) {
		var p struct{ Scale float64 }
		return meanAgg{}, indicator.DecodeParams(params, &p)
	}); err != nil {
		t.Fatal(err)
	}
	return &reg
}

// TestPropertyRegisteredFixed checks that a registered scheme returning
// the declared weights gives the bits of the built-in fixed scheme, on
// random two-level trees and data.
func TestPropertyRegisteredFixed(t *testing.T) {
	t.Parallel()
	reg := testRegistry(t)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 12).Draw(t, "units")
		k := rapid.IntRange(1, 4).Draw(t, "groups")
		root := &indicator.Node{ID: "root"}
		var cols []string
		for g := range k {
			gn := &indicator.Node{ID: fmt.Sprintf("g%d", g), Weight: rapid.Float64Range(0.1, 10).Draw(t, "gw")}
			for l := range rapid.IntRange(1, 4).Draw(t, "leaves") {
				c := fmt.Sprintf("x%d_%d", g, l)
				cols = append(cols, c)
				gn.Children = append(gn.Children, &indicator.Node{ID: c, Column: c, Weight: rapid.Float64Range(0.1, 10).Draw(t, "w")})
			}
			root.Children = append(root.Children, gn)
		}
		units := make([]string, n)
		rows := make([][]float64, n)
		for u := range rows {
			units[u] = fmt.Sprintf("u%d", u)
			rows[u] = make([]float64, len(cols))
			for j := range rows[u] {
				rows[u][j] = rapid.Float64Range(-100, 100).Draw(t, "x")
			}
		}
		tab, err := indicator.NewTable(units, cols, rows)
		if err != nil {
			t.Fatal(err)
		}
		m := &indicator.Model{Version: 1, Name: "m", Root: root}
		builtin, err := compileEval(t, m, tab)
		if err != nil {
			t.Skip(err) // e.g. a constant column
		}
		ext := m.Clone()
		ext.Root.Weighting = &weighting.Spec{Method: "declared"}
		for _, g := range ext.Root.Children {
			g.Weighting = &weighting.Spec{Method: "declared"}
		}
		p, err := indicator.CompileWith(ext, reg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Evaluate(context.Background(), tab)
		if err != nil {
			t.Fatal(err)
		}
		for u := range got.Score {
			if math.Float64bits(got.Score[u]) != math.Float64bits(builtin.Score[u]) {
				t.Fatalf("unit %d: registered %v, fixed %v", u, got.Score[u], builtin.Score[u])
			}
		}
	})
}

// TestRegistryErrors checks registration errors and that validation names
// the node of a registered method's bad parameters, an unregistered method
// and a member other than params.
func TestRegistryErrors(t *testing.T) {
	t.Parallel()
	reg := testRegistry(t)
	for name, err := range map[string]error{
		"built-in scheme":      reg.RegisterScheme("entropy", func(json.RawMessage, []string) (weighting.Scheme, error) { return nil, nil }),
		"built-in aggregation": reg.RegisterAggregation("geometric", func(json.RawMessage) (indicator.Aggregator, error) { return nil, nil }),
		"duplicate":            reg.RegisterAggregation("mean", func(json.RawMessage) (indicator.Aggregator, error) { return nil, nil }),
		"empty":                reg.RegisterNormalization("", func(json.RawMessage) (indicator.Normalizer, error) { return nil, nil }),
		"nil":                  reg.RegisterNormalization("x", nil),
	} {
		if err == nil {
			t.Errorf("%s: registered", name)
		}
	}
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [{"id": "g", "weight": 1, SPEC,
	  "children": [{"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b", "weight": 2}]}]}}`
	for spec, want := range map[string]string{
		`"aggregation": {"method": "mean", "params": {"Scale": "big"}}`: `r/g: aggregation: mean: params: json: cannot unmarshal string`,
		`"aggregation": {"method": "mean", "params": {"Sclae": 1}}`:     `r/g: aggregation: mean: params: json: unknown field "Sclae"`,
		`"aggregation": {"method": "mean", "params": 1}`:                `r/g: aggregation: mean: params: json: cannot unmarshal number`,
		`"aggregation": {"method": "mode"}`:                             `r/g: aggregation: unknown method "mode"`,
		`"aggregation": {"method": "mean", "p": 2}`:                     `r/g: aggregation: registered method "mean" takes only params`,
		`"weighting": {"method": "declared", "params": {"x": 1}}`:       `r/g: weighting: declared: params: json: unknown field "x"`,
		`"weighting": {"method": "nosuch"}`:                             `r/g: weighting: invalid spec: unknown method "nosuch"`,
	} {
		m, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "SPEC", spec, 1)))
		if err == nil {
			err = m.ValidateWith(reg)
		}
		var ve *indicator.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a validation error containing %q", spec, err, want)
		}
	}
	// The built-in methods take no params.
	_, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "SPEC", `"aggregation": {"method": "geometric", "params": {}}`, 1)))
	if err == nil || !strings.Contains(err.Error(), `"params" does not apply`) {
		t.Errorf("params on a built-in aggregation: %v", err)
	}
}

// FuzzExtensionParams decodes arbitrary params of a registered
// aggregation and scheme through a model file: compilation either works
// or fails with a validation error naming the group, never a panic.
func FuzzExtensionParams(f *testing.F) {
	for _, s := range []string{`{}`, `{"Scale": 2}`, `null`, `[]`, `{"Scale": 1e999}`, `{"Scale": 1} {}`, `"x"`, `{"Scale": {"a": 1}}`} {
		f.Add(s)
	}
	reg := testRegistry(f)
	f.Fuzz(func(t *testing.T, params string) {
		if !json.Valid([]byte(params)) {
			return
		}
		doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "declared", "params": ` + params + `},
		  "aggregation": {"method": "mean", "params": ` + params + `},
		  "children": [{"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b", "weight": 2}]}}`
		m, err := indicator.DecodeModel(strings.NewReader(doc))
		if err != nil {
			return
		}
		_, err = indicator.CompileWith(m, reg)
		var ve *indicator.ValidationError
		if err != nil && (!errors.As(err, &ve) || ve.Problems[0].Path != "r") {
			t.Fatalf("params %s: %v", params, err)
		}
	})
}

// TestNormalized checks Prepared.Normalized against min-max by hand:
// x = 2, 4, 6 gives 0, 50, 100; y = 10, 0, 5 (lower is better) gives
// 0, 100, 50.
func TestNormalized(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "n", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "x", Column: "x", Weight: 1}, {ID: "y", Column: "y", Weight: 1, Polarity: indicator.LowerIsBetter}}}}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := p.Prepare(context.Background(), mustTable(t, []string{"A", "B", "C"}, []string{"x", "y"}, [][]float64{{2, 10}, {4, 0}, {6, 5}}))
	if err != nil {
		t.Fatal(err)
	}
	got := pr.Normalized()
	want := [][]float64{{0, 0}, {50, 100}, {100, 50}}
	for u := range want {
		for l := range want[u] {
			if got[u][l] != want[u][l] {
				t.Errorf("unit %d leaf %d: %v, want %v", u, l, got[u][l], want[u][l])
			}
		}
	}
}
