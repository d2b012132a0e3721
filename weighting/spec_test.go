package weighting_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// decodeSpec decodes JSON strictly, as the model format does.
func decodeSpec(b []byte) (*weighting.Spec, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s weighting.Spec
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	return &s, nil
}

func TestSpecSchemes(t *testing.T) {
	t.Parallel()
	ids := []string{"social", "target", "leadership"}
	declared := []float64{0, 3, 2}
	cases := []struct {
		name string
		json string
		want []float64 // source in the comment of each case
	}{
		// Declared 3:2 normalised.
		{"fixed default", `{"method": ""}`, []float64{0, 0.6, 0.4}},
		{"fixed explicit", `{"method": "fixed", "weights": [2, 1, 1]}`, []float64{0.5, 0.25, 0.25}},
		{"equal", `{"method": "equal"}`, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		// Hangzhou: social evaluation 50%, the rest 3:2 by declared weights.
		{"resident share", `{"method": "resident_share", "resident": "social", "share": 0.5}`, []float64{0.5, 0.3, 0.2}},
		{"resident share equal rest", `{"method": "resident_share", "resident": "social", "share": 0.5, "rest": {"method": "equal"}}`, []float64{0.5, 0.25, 0.25}},
		// Consistent upper triangle a_12 = 2, a_13 = 4, a_23 = 2: w = (4, 2, 1)/7.
		{"ahp upper", `{"method": "ahp", "upper": [[2, 4], [2]]}`, []float64{4.0 / 7, 2.0 / 7, 1.0 / 7}},
		{"ahp fractions", `{"method": "ahp", "matrix": [[1, 2, 4], ["1/2", 1, 2], ["1/4", "1/2", 1]], "scale": "saaty", "max_cr": 0.1}`, []float64{4.0 / 7, 2.0 / 7, 1.0 / 7}},
		// Missing a_13: Harker's method, consistent known judgments.
		{"ahp incomplete", `{"method": "ahp", "matrix": [[1, 2, null], ["1/2", 1, 2], [null, "1/2", 1]]}`, []float64{4.0 / 7, 2.0 / 7, 1.0 / 7}},
		{"ahp judges", `{"method": "ahp", "judges": [{"name": "A", "upper": [[2, 4], [2]]}, {"name": "B", "weight": 2, "upper": [[2, 4], [2]]}], "group": "aip_arithmetic"}`, []float64{4.0 / 7, 2.0 / 7, 1.0 / 7}},
		// Expert shares (0.5, 0.3, 0.2) and (0.3, 0.3, 0.4): means (0.4, 0.3, 0.3).
		{"budget", `{"method": "budget", "allocations": [[50, 30, 20], [3, 3, 4]]}`, []float64{0.4, 0.3, 0.3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := decodeSpec([]byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			sch, err := s.Scheme(ids)
			if err != nil {
				t.Fatal(err)
			}
			if sch.DataDriven() {
				t.Error("DataDriven() = true")
			}
			w, err := sch.Weights(weighting.Input{IDs: ids, Declared: declared})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, w, approx(1e-12)); d != "" {
				t.Errorf("weights (-want +got):\n%s", d)
			}
		})
	}
}

func TestSpecDataDriven(t *testing.T) {
	t.Parallel()
	x := mat.NewDense(4, 3, []float64{
		10, 20, 5,
		30, 10, 5,
		50, 40, 5,
		70, 30, 5,
	})
	ids := []string{"a", "b", "c"}
	for _, m := range []string{"entropy", "critic", "sd", "pca"} {
		s, err := decodeSpec([]byte(`{"method": "` + m + `"}`))
		if err != nil {
			t.Fatal(err)
		}
		sch, err := s.Scheme(ids)
		if err != nil {
			t.Fatal(err)
		}
		if !sch.DataDriven() {
			t.Errorf("%s: DataDriven() = false", m)
		}
		w, err := sch.Weights(weighting.Input{IDs: ids, Data: x})
		if m == "pca" {
			// Column c is constant: PCA cannot standardise it.
			if !errors.Is(err, weighting.ErrInvalidData) {
				t.Errorf("pca with a constant column: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if w[2] != 0 {
			t.Errorf("%s: constant column weight %v", m, w[2])
		}
	}
	// A resident share whose rest is data-driven is data-driven; the rest
	// sees only the other children's columns.
	s, _ := decodeSpec([]byte(`{"method": "resident_share", "resident": "c", "share": 0.4, "rest": {"method": "sd"}}`))
	sch, err := s.Scheme(ids)
	if err != nil || !sch.DataDriven() {
		t.Fatalf("resident share with sd rest: %v", err)
	}
	w, err := sch.Weights(weighting.Input{IDs: ids, Data: x})
	if err != nil {
		t.Fatal(err)
	}
	sdA, sdB := 25.81988897471611, 12.909944487358056 // sd (n-1) of columns a and b
	want := []float64{0.6 * sdA / (sdA + sdB), 0.6 * sdB / (sdA + sdB), 0.4}
	if d := cmp.Diff(want, w, approx(1e-12)); d != "" {
		t.Errorf("weights:\n%s", d)
	}
}

func TestSpecErrors(t *testing.T) {
	t.Parallel()
	ids := []string{"a", "b", "c"}
	cases := map[string]string{
		"unknown method":        `{"method": "Entropy"}`,
		"member of other":       `{"method": "entropy", "matrix": [[1]]}`,
		"weights count":         `{"method": "fixed", "weights": [1, 2]}`,
		"negative weight":       `{"method": "fixed", "weights": [1, -2, 1]}`,
		"missing resident":      `{"method": "resident_share", "resident": "x", "share": 0.5}`,
		"share above 1":         `{"method": "resident_share", "resident": "a", "share": 1.5}`,
		"share negative":        `{"method": "resident_share", "resident": "a", "share": -0.1}`,
		"no share":              `{"method": "resident_share", "resident": "a"}`,
		"ahp order":             `{"method": "ahp", "upper": [[2]]}`,
		"ahp row":               `{"method": "ahp", "matrix": [[1, 2, 3], [1, 1], [1, 1, 1]]}`,
		"ahp both":              `{"method": "ahp", "upper": [[2, 4], [2]], "matrix": [[1, 2, 4], [1, 1, 2], [1, 1, 1]]}`,
		"ahp none":              `{"method": "ahp"}`,
		"ahp group without":     `{"method": "ahp", "upper": [[2, 4], [2]], "group": "aip_geometric"}`,
		"budget ragged":         `{"method": "budget", "allocations": [[1, 2, 3], [1, 2]]}`,
		"budget trim":           `{"method": "budget", "allocations": [[1, 2, 3]], "trim": 0.5}`,
		"pca share":             `{"method": "pca", "pca": {"variance_share": 2}}`,
		"rest error":            `{"method": "resident_share", "resident": "a", "share": 0.5, "rest": {"method": "fixed", "weights": [1]}}`,
		"judgment zero":         `{"method": "ahp", "upper": [[0, 4], [2]]}`,
		"judgment bad fraction": `{"method": "ahp", "upper": [["1/0", 4], [2]]}`,
		"unknown member":        `{"method": "ahp", "upper": [[2, 4], [2]], "weigths": [1]}`,
		"uppercase enum":        `{"method": "ahp", "upper": [[2, 4], [2]], "ri_table": "Saaty1980"}`,
	}
	for name, js := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, err := decodeSpec([]byte(js))
			if err == nil {
				_, err = s.Scheme(ids)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "weighting:") && !strings.Contains(err.Error(), "json:") {
				t.Errorf("error %q names no package", err)
			}
		})
	}
	// Judgment errors surface when weights are computed, naming the cell.
	s, _ := decodeSpec([]byte(`{"method": "ahp", "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.4, 1]]}`))
	sch, err := s.Scheme(ids)
	if err != nil {
		t.Fatal(err)
	}
	_, err = sch.Weights(weighting.Input{IDs: ids})
	var je *weighting.JudgmentError
	if !errors.As(err, &je) || je.Row != 1 || je.Col != 2 {
		t.Errorf("non-reciprocal a_23: %v", err)
	}
}

func TestJudgmentJSON(t *testing.T) {
	t.Parallel()
	var js []weighting.Judgment
	if err := json.Unmarshal([]byte(`[3, "1/7", " 2 / 4 ", null, "5"]`), &js); err != nil {
		t.Fatal(err)
	}
	want := []weighting.Judgment{3, weighting.Judgment(1.0 / 7), 0.5, 0, 5}
	if !cmp.Equal(want, js) {
		t.Errorf("decoded %v, want %v", js, want)
	}
	b, err := json.Marshal(js)
	// Reciprocals of integers come back as fractions (see Judgment).
	if err != nil || string(b) != `[3,"1/7","1/2",null,5]` {
		t.Errorf("encoded %s, %v", b, err)
	}
	if _, err := json.Marshal(weighting.Judgment(math.Inf(1))); err == nil {
		t.Error("infinite judgment encoded")
	}
}

// FuzzSpec decodes arbitrary JSON as a Spec (strictly, as the model format
// does), builds the scheme for three children and computes weights from
// declared weights and a small data matrix. Nothing may panic; weights
// returned without error must be a probability vector.
func FuzzSpec(f *testing.F) {
	for _, s := range []string{
		`{"method": "ahp", "upper": [[2, 4], [2]]}`,
		`{"method": "ahp", "matrix": [[1, 2, null], ["1/2", 1, 2], [null, "1/2", 1]]}`,
		`{"method": "ahp", "judges": [{"upper": [[2, 4], [2]]}, {"weight": 2, "upper": [[3, "1/4"], [9]]}], "exclude_cr": 0.1}`,
		`{"method": "resident_share", "resident": "b", "share": 0.5, "rest": {"method": "critic"}}`,
		`{"method": "pca", "pca": {"method": "factor", "variance_share": 0.8}}`,
		`{"method": "budget", "allocations": [[50, 30, 20], [3, 3, 4]], "trim": 0.25}`,
		`{"method": "fixed", "weights": [1, 2, 3]}`,
		`{"method": "entropy"}`,
	} {
		f.Add([]byte(s))
	}
	ids := []string{"a", "b", "c"}
	x := mat.NewDense(4, 3, []float64{10, 20, 5, 30, 10, 6, 50, 40, 5, 70, 30, 9})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeSpec(b)
		if err != nil {
			return
		}
		sch, err := s.Scheme(ids)
		if err != nil {
			return
		}
		w, err := sch.Weights(weighting.Input{IDs: ids, Declared: []float64{1, 2, 3}, Data: x})
		if err != nil {
			return
		}
		var sum float64
		for _, v := range w {
			if !(v >= 0) {
				t.Fatalf("weight %v from %s", v, b)
			}
			sum += v
		}
		if len(w) != 3 || math.Abs(sum-1) > 1e-9 {
			t.Fatalf("weights %v from %s", w, b)
		}
	})
}

// FuzzMatrix analyses arbitrary matrices (complete or with NaN judgments)
// with every entry point for pairwise matrices; nothing may panic.
func FuzzMatrix(f *testing.F) {
	f.Add(uint8(3), []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(uint8(4), []byte{9, 0, 1, 255, 3, 3, 3, 3, 7, 1, 2, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, n uint8, raw []byte) {
		k := int(n%8) + 1
		a := mat.NewDense(k, k, nil)
		for i := 0; i < k; i++ {
			a.Set(i, i, 1)
			for j := i + 1; j < k; j++ {
				idx := i*k + j
				var v float64
				if idx < len(raw) {
					v = float64(raw[idx]) / 16
					if b := raw[idx]; b >= 200 {
						v = math.Pow(10, float64(8*(int(b)-200))) // 1 ... 1e312 = +Inf: extreme judgments
					}
				}
				switch {
				case v == 0:
					v = math.NaN()
				case idx%5 == 4:
					v = -v
				}
				a.Set(i, j, v)
				a.Set(j, i, 1/v)
			}
		}
		_, _ = weighting.Priorities(a, weighting.AHPSettings{Scale: weighting.SaatyScale})
		for _, p := range []weighting.PriorityMethod{weighting.Eigenvector, weighting.GeometricMean} {
			r, err := weighting.Priorities(a, weighting.AHPSettings{Priority: p})
			checkAHP(t, "Priorities", r, err)
		}
		h, err := weighting.Harker(a, weighting.AHPSettings{})
		checkAHP(t, "Harker", h.AHPResult, err)
		if w, err := weighting.LLSM(a); err == nil {
			checkFinite(t, "LLSM", w)
		}
		_, _ = weighting.Group([]mat.Matrix{a, a}, nil, weighting.GroupSettings{ExcludeCR: 0.1})
	})
}

// checkAHP fails unless a result returned without error has finite
// weights summing to 1 and a finite λmax, CI and CR.
func checkAHP(t *testing.T, what string, r weighting.AHPResult, err error) {
	t.Helper()
	if err != nil {
		return
	}
	for _, v := range []float64{r.LambdaMax, r.CI, r.CR} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%s: λmax %v, CI %v, CR %v with nil error", what, r.LambdaMax, r.CI, r.CR)
		}
	}
	checkFinite(t, what+" weights", r.Weights)
	checkFinite(t, what+" eigenvector", r.Eigenvector)
	checkFinite(t, what+" geometric mean", r.GeometricMean)
}

// checkFinite fails unless w are finite, non-negative and sum to 1.
func checkFinite(t *testing.T, what string, w []float64) {
	t.Helper()
	var s float64
	for _, v := range w {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("%s: %v with nil error", what, w)
		}
		s += v
	}
	if math.Abs(s-1) > 1e-9 {
		t.Fatalf("%s: %v sum to %v", what, w, s)
	}
}

// TestSpecInapplicableZero checks that a member that does not apply to the
// method is an error even with its zero value, which encoding would drop.
func TestSpecInapplicableZero(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`{"method": "equal", "ri_table": "saaty1980"}`:                                                     `"ri_table" does not apply to method "equal"`,
		`{"method": "entropy", "priority": "eigenvector"}`:                                                 `"priority" does not apply to method "entropy"`,
		`{"method": "equal", "scale": "saaty"}`:                                                            `"scale" does not apply to method "equal"`,
		`{"method": "entropy", "group": "aij"}`:                                                            `"group" does not apply to method "entropy"`,
		`{"method": "critic", "tol": 0}`:                                                                   `"tol" does not apply to method "critic"`,
		`{"weights": null, "trim": 0}`:                                                                     `"trim" does not apply to method "fixed"`,
		`{"method": "ahp", "upper": [[2, 4], [2]], "group": "aij"}`:                                        `"group" applies only with judges`,
		`{"method": "ahp", "upper": [[2, 4], [2]], "exclude_cr": 0}`:                                       `"exclude_cr" applies only with judges`,
		`{"method": "resident_share", "resident": "a", "share": 0.5, "pca": {}}`:                           `"pca" does not apply to method "resident_share"`,
		`{"method": "resident_share", "resident": "a", "share": 0.5, "rest": {"method": "sd", "trim": 0}}`: `"trim" does not apply to method "sd"`,
		`{"Method": "equal"}`:                                                                              `unknown member "Method"`,
	}
	for js, want := range cases {
		_, err := decodeSpec([]byte(js))
		if !errors.Is(err, weighting.ErrInvalidSpec) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %s", js, err, want)
		}
	}
	// Zero values of members that apply are accepted.
	for _, js := range []string{
		`{"method": "ahp", "upper": [[2, 4], [2]], "ri_table": "saaty1980", "tol": 0}`,
		`{"method": "ahp", "judges": [{"upper": [[2, 4], [2]]}], "group": "aij", "exclude_cr": 0}`,
		`{"method": "budget", "allocations": [[1, 2, 3]], "trim": 0}`,
		`null`,
	} {
		if _, err := decodeSpec([]byte(js)); err != nil {
			t.Errorf("%s: %v", js, err)
		}
	}
}

// TestJudgmentRoundTrip checks that every judgment decodes to the value it
// was encoded from and that reciprocals of integers are written as
// fractions.
func TestJudgmentRoundTrip(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var v float64
		if rapid.Bool().Draw(t, "fraction") {
			v = 1 / float64(rapid.IntRange(1, 2_000_000).Draw(t, "k"))
		} else {
			v = rapid.Float64Range(1e-300, 1e300).Draw(t, "v")
		}
		b, err := json.Marshal(weighting.Judgment(v))
		if err != nil {
			t.Fatal(err)
		}
		var j weighting.Judgment
		if err := json.Unmarshal(b, &j); err != nil || float64(j) != v {
			t.Fatalf("%v encoded as %s decoded as %v, %v", v, b, float64(j), err)
		}
		if k := math.Round(1 / v); k >= 2 && k <= 1e6 && 1/k == v && string(b) != `"1/`+strconv.Itoa(int(k))+`"` {
			t.Fatalf("1/%v encoded as %s", k, b)
		}
	})
}
