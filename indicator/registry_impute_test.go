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
	"github.com/ppgpa/ppgpa/ranking"
	"pgregory.net/rapid"
)

// constFill is a registered imputation that fills every missing value
// with Value, as the built-in "value" imputation does.
type constFill struct{ Value float64 }

func (c constFill) Impute(x, dst []float64) error {
	for u, v := range x {
		if v != v {
			v = c.Value
		}
		dst[u] = v
	}
	return nil
}

// minFill fills with the smallest present value (a pessimistic rule);
// Bad, for tests, changes the first present value instead.
type minFill struct{ Bad bool }

func (m minFill) Impute(x, dst []float64) error {
	lo := math.Inf(1)
	for _, v := range x {
		if v == v {
			lo = min(lo, v)
		}
	}
	for u, v := range x {
		if v != v {
			v = lo
		}
		dst[u] = v
	}
	if m.Bad {
		for u, v := range x {
			if v == v {
				dst[u] = v + 1
				break
			}
		}
	}
	return nil
}

func imputeRegistry(t fataler) *indicator.Registry {
	reg := testRegistry(t)
	if err := reg.RegisterImputation("const", func(params json.RawMessage) (indicator.Imputer, error) {
		var c constFill
		return c, indicator.DecodeParams(params, &c)
	}); err != nil {
		t.Fatal(err)
	}
	if err := reg.RegisterImputation("min_fill", func(params json.RawMessage) (indicator.Imputer, error) {
		var m minFill
		return m, indicator.DecodeParams(params, &m)
	}); err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestRegisteredImputation checks a registered imputation against a hand
// derivation: x = 2, missing, 6 and y = 10, 0, 5 (both min-max, equal
// weights). With the missing x filled by the minimum 2 (min_fill), x' =
// 0, 0, 100 and y' = 100, 0, 50, so the scores are 50, 0, 75; the unit's
// imputed cell is counted. Validation names the node of bad params, of a
// member other than params and min_share, and of params on a built-in
// method; an imputer that changes a present value is an error naming the
// unit.
func TestRegisteredImputation(t *testing.T) {
	t.Parallel()
	reg := imputeRegistry(t)
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "imputation": IMP,
	  "children": [{"id": "x", "column": "x", "weight": 1}, {"id": "y", "column": "y", "weight": 1}]}}`
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x", "y"}, [][]float64{{2, 10}, {math.NaN(), 0}, {6, 5}})
	eval := func(imp string) (*indicator.Result, error) {
		m, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "IMP", imp, 1)))
		if err != nil {
			return nil, err
		}
		p, err := indicator.CompileWith(m, reg)
		if err != nil {
			return nil, err
		}
		return p.Evaluate(context.Background(), tab)
	}
	r, err := eval(`{"method": "min_fill"}`)
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range []float64{50, 0, 75} {
		if math.Abs(r.Score[u]-want) > 1e-12 {
			t.Errorf("unit %d: score %v, want %v", u, r.Score[u], want)
		}
	}
	for spec, want := range map[string]string{
		`{"method": "const", "params": {"Valeu": 1}}`:     `r: imputation: const: params: json: unknown field "Valeu"`,
		`{"method": "const", "params": {"Value": "a"}}`:   `r: imputation: const: params: json: cannot unmarshal string`,
		`{"method": "const", "value": 3}`:                 `r: imputation: registered method "const" takes only params and min_share`,
		`{"method": "mode"}`:                              `r: imputation: unknown method "mode"`,
		`{"method": "min_fill", "params": {"Bad": true}}`: `node "r/x", unit "A": value outside the domain: registered imputation changed the value 2 to 3`,
	} {
		_, err := eval(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error containing %q", spec, err, want)
		}
	}
	if _, err := eval(`{"method": "const", "min_share": 0.5, "params": {"Value": 1}}`); err != nil {
		t.Errorf("min_share with a registered imputation: %v", err)
	}
	_, err = indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "IMP", `{"method": "mean", "params": {}}`, 1)))
	if err == nil || !strings.Contains(err.Error(), `"params" does not apply`) {
		t.Errorf("params on a built-in imputation: %v", err)
	}
	if err := reg.RegisterImputation("median", func(json.RawMessage) (indicator.Imputer, error) { return nil, nil }); err == nil {
		t.Error("registered an imputation under a built-in name")
	}
}

// TestPropertyRegisteredImputation checks that a registered imputation
// filling with a constant gives the bits of the built-in "value"
// imputation, on random data with missing values.
func TestPropertyRegisteredImputation(t *testing.T) {
	t.Parallel()
	reg := imputeRegistry(t)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 12).Draw(t, "units")
		k := rapid.IntRange(1, 4).Draw(t, "leaves")
		fill := rapid.Float64Range(-50, 50).Draw(t, "fill")
		root := &indicator.Node{ID: "root"}
		cols := make([]string, k)
		for l := range cols {
			cols[l] = fmt.Sprintf("x%d", l)
			root.Children = append(root.Children, &indicator.Node{ID: cols[l], Column: cols[l], Weight: rapid.Float64Range(0.1, 10).Draw(t, "w")})
		}
		units := make([]string, n)
		rows := make([][]float64, n)
		for u := range rows {
			units[u] = fmt.Sprintf("u%d", u)
			rows[u] = make([]float64, k)
			for l := range rows[u] {
				rows[u][l] = rapid.Float64Range(-100, 100).Draw(t, "x")
				if rapid.IntRange(0, 4).Draw(t, "missing") == 0 {
					rows[u][l] = math.NaN()
				}
			}
		}
		tab, err := indicator.NewTable(units, cols, rows)
		if err != nil {
			t.Fatal(err)
		}
		m := &indicator.Model{Version: 1, Name: "m", Root: root}
		m.Root.Imputation = &indicator.Imputation{Method: indicator.ImputeValue, Value: fill}
		builtin, err := compileEval(t, m, tab)
		if err != nil {
			t.Skip(err) // e.g. a constant column
		}
		ext := m.Clone()
		ext.Root.Imputation = &indicator.Imputation{Method: "const", Params: json.RawMessage(fmt.Sprintf(`{"Value": %v}`, fill))}
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
				t.Fatalf("unit %d: registered %v, built-in %v", u, got.Score[u], builtin.Score[u])
			}
		}
	})
}

// TestRegisteredImputationMonteCarlo checks that an imputation factor of
// the uncertainty analysis may name a registered imputation: on the data
// of TestRegisteredImputation, the model's mean imputation (x = 4: scores
// 50, 25, 75, ranks 2, 3, 1) and min_fill (scores 50, 0, 75, the same
// ranks) rank the units alike, so every replication gives the nominal
// ranks.
func TestRegisteredImputationMonteCarlo(t *testing.T) {
	t.Parallel()
	reg := imputeRegistry(t)
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r", Imputation: &indicator.Imputation{Method: indicator.ImputeMean},
		Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 1}, {ID: "y", Column: "y", Weight: 1}}}}
	p, err := indicator.CompileWith(m, reg)
	if err != nil {
		t.Fatal(err)
	}
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"x", "y"}, [][]float64{{2, 10}, {math.NaN(), 0}, {6, 5}})
	f := []ranking.Factor{{Name: "imputation", Kind: ranking.FactorImputation, Imputations: []indicator.Imputation{{}, {Method: "min_fill"}}}}
	d, err := ranking.MonteCarlo(context.Background(), p, tab, f, ranking.Settings{Replications: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range []float64{2, 3, 1} {
		if d.Lo[u] != want || d.Hi[u] != want {
			t.Errorf("unit %d: ranks %v..%v, want %v", u, d.Lo[u], d.Hi[u], want)
		}
	}
	var bad ranking.Settings
	bad.Replications = 5
	f[0].Imputations[1] = indicator.Imputation{Method: "nosuch"}
	if _, err := ranking.MonteCarlo(context.Background(), p, tab, f, bad); err == nil || !errors.Is(err, ranking.ErrFactor) {
		t.Errorf("unknown imputation alternative: %v", err)
	}
}

// FuzzImputationParams decodes arbitrary params of a registered
// imputation through a model file: compilation and evaluation either work
// or fail with an error naming the node, never a panic.
func FuzzImputationParams(f *testing.F) {
	for _, s := range []string{`{}`, `{"Value": 2}`, `null`, `[]`, `{"Value": 1e999}`, `{"Value": 1} {}`, `"x"`, `{"Bad": true}`} {
		f.Add(s)
	}
	reg := imputeRegistry(f)
	tab := mustTable(f, []string{"A", "B", "C"}, []string{"x", "y"}, [][]float64{{2, 10}, {math.NaN(), 0}, {6, 5}})
	f.Fuzz(func(t *testing.T, params string) {
		if !json.Valid([]byte(params)) {
			return
		}
		for _, method := range []string{"const", "min_fill"} {
			doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "imputation": {"method": "` + method + `", "params": ` + params + `},
			  "children": [{"id": "x", "column": "x", "weight": 1}, {"id": "y", "column": "y", "weight": 2}]}}`
			m, err := indicator.DecodeModel(strings.NewReader(doc))
			if err != nil {
				continue
			}
			p, err := indicator.CompileWith(m, reg)
			var ve *indicator.ValidationError
			if err != nil {
				if !errors.As(err, &ve) || ve.Problems[0].Path != "r" {
					t.Fatalf("params %s: %v", params, err)
				}
				continue
			}
			if _, err := p.Evaluate(context.Background(), tab); err != nil && !strings.Contains(err.Error(), `node "r/x"`) {
				t.Fatalf("params %s: evaluation error %v names no node", params, err)
			}
		}
	})
}
