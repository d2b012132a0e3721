package ppgpa_test

// TestReference runs every reference vector under testdata/reference (or
// under $PPGPA_REFERENCE_DIR, with the same layout: survey/, ahp/,
// composite/, ranking/) against the library. Each JSON file is one subtest,
// named after the file; its "kind" selects the handler, defined in the
// reference_<package>_test.go files. Unknown kinds and unknown input fields
// fail, and so does any expected field that the handler neither checks nor
// explicitly skips with a reason. The pass rule is the one stated in
// testdata/reference/README.md:
//
//	|got - expected| <= tol*|expected| + abs_tolerance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// refCase is one reference vector.
type refCase struct {
	Name               string                     `json:"name"`
	Kind               string                     `json:"kind"`
	Source             json.RawMessage            `json:"source"`
	Inputs             json.RawMessage            `json:"inputs"`
	Expected           map[string]json.RawMessage `json:"expected"`
	Tolerance          float64                    `json:"tolerance"`
	AbsTolerance       float64                    `json:"abs_tolerance"`
	ToleranceOverrides map[string]float64         `json:"tolerance_overrides"`
	Notes              json.RawMessage            `json:"notes"`

	dir     string
	checked map[string]bool
}

// refHandler recomputes a vector with the library and checks it.
type refHandler func(t *testing.T, c *refCase)

// referenceHandlers maps every kind to its handler.
func referenceHandlers() map[string]refHandler {
	all := map[string]refHandler{}
	for _, part := range []map[string]refHandler{
		surveyReferenceHandlers(),
		weightingReferenceHandlers(),
		indicatorReferenceHandlers(),
		rankingReferenceHandlers(),
	} {
		for k, h := range part {
			if _, dup := all[k]; dup {
				panic("reference: kind " + k + " has two handlers")
			}
			all[k] = h
		}
	}
	return all
}

func referenceDir() string {
	if d := os.Getenv("PPGPA_REFERENCE_DIR"); d != "" {
		return d
	}
	return filepath.Join("testdata", "reference")
}

func TestReference(t *testing.T) {
	handlers := referenceHandlers()
	root := referenceDir()
	var files []string
	for _, sub := range []string{"survey", "ahp", "composite", "ranking"} {
		m, err := filepath.Glob(filepath.Join(root, sub, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no reference vectors under %s", root)
	}
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			c := &refCase{dir: filepath.Dir(f), checked: map[string]bool{}}
			if err := dec.Decode(c); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			h, ok := handlers[c.Kind]
			if !ok {
				t.Fatalf("unknown kind %q", c.Kind)
			}
			h(t, c)
			if t.Failed() {
				return
			}
			for k, raw := range c.Expected {
				if !c.checked[k] && !isNull(raw) {
					t.Errorf("expected field %q was not checked", k)
				}
			}
		})
	}
}

// inputs decodes the case's inputs into v, failing on unknown fields.
func (c *refCase) inputs(t *testing.T, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(c.Inputs))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("inputs: %v", err)
	}
}

// path returns the path of a file named in the inputs (relative to the JSON
// file).
func (c *refCase) path(name string) string { return filepath.Join(c.dir, name) }

// skip marks an expected field as deliberately not compared, with a reason.
func (c *refCase) skip(field, reason string) {
	if reason == "" {
		panic("reference: skip without a reason")
	}
	c.checked[field] = true
}

// expected decodes the expected field into v (for non-numeric checks).
func (c *refCase) expected(t *testing.T, field string, v any) {
	t.Helper()
	raw, ok := c.Expected[field]
	if !ok {
		t.Fatalf("expected has no field %q", field)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("expected %q: %v", field, err)
	}
	c.checked[field] = true
}

// has reports whether expected has the field with a value: a field whose
// value is null (the peer returned NA or nothing) counts as absent, as the
// README says.
func (c *refCase) has(field string) bool {
	raw, ok := c.Expected[field]
	return ok && !isNull(raw)
}

// isNull reports whether a raw JSON value is null.
func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// tol returns the relative tolerance for a field.
func (c *refCase) tol(field string) float64 {
	if v, ok := c.ToleranceOverrides[field]; ok {
		return v
	}
	return c.Tolerance
}

// check compares got (a float64, int, string, bool, or nested slices of
// those, or nil) with the expected field by the README's pass rule.
func (c *refCase) check(t *testing.T, field string, got any) {
	t.Helper()
	raw, ok := c.Expected[field]
	if !ok {
		t.Fatalf("expected has no field %q", field)
	}
	c.checked[field] = true
	var want any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("expected %q: %v", field, err)
	}
	for _, e := range compareRef(field, want, got, c.tol(field), c.AbsTolerance) {
		t.Error(e)
	}
}

// refNum decodes a JSON number, null (NaN) or "Infinity"/"-Infinity".
type refNum float64

func (x *refNum) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	switch s {
	case "null":
		*x = refNum(math.NaN())
		return nil
	case `"Infinity"`:
		*x = refNum(math.Inf(1))
		return nil
	case `"-Infinity"`:
		*x = refNum(math.Inf(-1))
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*x = refNum(f)
	return nil
}

func refFloats(x []refNum) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

func refMatrix(x [][]refNum) [][]float64 {
	out := make([][]float64, len(x))
	for i, r := range x {
		out[i] = refFloats(r)
	}
	return out
}

func wantFloat(w any) (float64, bool) {
	switch v := w.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case string:
		switch v {
		case "Infinity":
			return math.Inf(1), true
		case "-Infinity":
			return math.Inf(-1), true
		}
	}
	return 0, false
}

func compareRef(path string, want, got any, tol, abs float64) []string {
	if want == nil {
		// null: the peer returned NA or nothing, so there is nothing to
		// compare (the README's convention; an absent value, not a NaN).
		return nil
	}
	switch g := got.(type) {
	case []float64:
		return compareSlice(path, want, len(g), func(i int) any { return g[i] }, tol, abs)
	case [][]float64:
		return compareSlice(path, want, len(g), func(i int) any { return g[i] }, tol, abs)
	case []int:
		return compareSlice(path, want, len(g), func(i int) any { return g[i] }, tol, abs)
	case []string:
		return compareSlice(path, want, len(g), func(i int) any { return g[i] }, tol, abs)
	case []any:
		return compareSlice(path, want, len(g), func(i int) any { return g[i] }, tol, abs)
	case float64:
		w, ok := wantFloat(want)
		if !ok {
			return []string{fmt.Sprintf("%s: got number %v, want %v", path, g, want)}
		}
		if math.IsInf(w, 0) || math.IsInf(g, 0) {
			if w == g {
				return nil
			}
			return []string{fmt.Sprintf("%s: got %v, want %v", path, g, w)}
		}
		if !(math.Abs(g-w) <= tol*math.Abs(w)+abs) {
			return []string{fmt.Sprintf("%s: got %.17g, want %.17g (diff %.3g, tol %g rel + %g abs)", path, g, w, g-w, tol, abs)}
		}
		return nil
	case int:
		n, ok := want.(json.Number)
		if !ok {
			return []string{fmt.Sprintf("%s: got %d, want %v", path, g, want)}
		}
		if n.String() != fmt.Sprint(g) {
			f, err := n.Float64()
			if err != nil || f != float64(g) {
				return []string{fmt.Sprintf("%s: got %d, want %s (integers must match exactly)", path, g, n)}
			}
		}
		return nil
	case string:
		if s, ok := want.(string); !ok || s != g {
			return []string{fmt.Sprintf("%s: got %q, want %v", path, g, want)}
		}
		return nil
	case bool:
		if b, ok := want.(bool); !ok || b != g {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, g, want)}
		}
		return nil
	case nil:
		return []string{fmt.Sprintf("%s: got null, want %v", path, want)}
	}
	return []string{fmt.Sprintf("%s: cannot compare a %T", path, got)}
}

func compareSlice(path string, want any, n int, at func(int) any, tol, abs float64) []string {
	w, ok := want.([]any)
	if !ok {
		return []string{fmt.Sprintf("%s: got an array, want %v", path, want)}
	}
	if len(w) != n {
		return []string{fmt.Sprintf("%s: got %d elements, want %d", path, n, len(w))}
	}
	var errs []string
	for i := range w {
		errs = append(errs, compareRef(fmt.Sprintf("%s[%d]", path, i), w[i], at(i), tol, abs)...)
		if len(errs) > 10 {
			return append(errs, path+": more differences not shown")
		}
	}
	return errs
}
