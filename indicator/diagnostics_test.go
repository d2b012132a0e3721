package indicator_test

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// diagPrepared prepares a model that weights x, y, z by the given scheme; their values are scored
// as they are (normalisation none).
func diagPrepared(t *testing.T, scheme string, rows [][]float64) *indicator.Prepared {
	t.Helper()
	root := &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "g", Weight: 1, Weighting: &weighting.Spec{Method: scheme}, Normalization: &indicator.Normalization{Method: indicator.NormNone},
			Children: []*indicator.Node{{ID: "x", Column: "x"}, {ID: "y", Column: "y"}, {ID: "z", Column: "z"}}},
	}}
	p, err := indicator.Compile(&indicator.Model{Version: 1, Name: "diag", Root: root})
	if err != nil {
		t.Fatal(err)
	}
	units := []string{"B", "A", "C"}[:len(rows)]
	pr, err := p.Prepare(context.Background(), mustTable(t, units, []string{"x", "y", "z"}, rows))
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

// TestWeightDiagnosticsEntropy: two units, x = (10, 30), y = (30, 10), z
// constant. By hand: p = (1/4, 3/4) for x and y, e = -(1/4 ln 1/4 + 3/4 ln
// 3/4)/ln 2 = 0.8112781244591328, d = 0.1887218755408672; z: e = 1, d = 0;
// weights d/sum d = (1/2, 1/2, 0).
func TestWeightDiagnosticsEntropy(t *testing.T) {
	t.Parallel()
	pr := diagPrepared(t, "entropy", [][]float64{{10, 30, 20}, {30, 10, 20}})
	d, ok, err := pr.WeightDiagnostics("g")
	if err != nil || !ok {
		t.Fatalf("WeightDiagnostics(g) = %v, %v", ok, err)
	}
	if d.Scheme != "entropy" || d.Path != "root/g" || d.Entropy == nil || d.CRITIC != nil || d.PCA != nil {
		t.Fatalf("diagnostics %+v, want entropy of root/g", d)
	}
	e := -(0.25*math.Log(0.25) + 0.75*math.Log(0.75)) / math.Log(2)
	approx := cmpopts.EquateApprox(0, 1e-15)
	if diff := cmp.Diff([]float64{e, e, 1}, d.Entropy.Entropy, approx); diff != "" {
		t.Errorf("entropy (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{1 - e, 1 - e, 0}, d.Entropy.Divergence, approx); diff != "" {
		t.Errorf("divergence (-want +got):\n%s", diff)
	}
	// The weights are those Prepare used, to the bit.
	used := pr.Groups()[1].Weights
	if diff := cmp.Diff(used, d.Weights); diff != "" {
		t.Errorf("weights differ from the weights used (-used +got):\n%s", diff)
	}
	if diff := cmp.Diff(used, d.Entropy.Weights); diff != "" {
		t.Errorf("entropy weights differ from the weights used (-used +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{0.5, 0.5, 0}, used, approx); diff != "" {
		t.Errorf("weights (-want +got):\n%s", diff)
	}
	for _, id := range []string{"root", "x", "nope"} {
		if _, ok, err := pr.WeightDiagnostics(id); ok || err != nil {
			t.Errorf("WeightDiagnostics(%q) = %v, %v; want false, nil", id, ok, err)
		}
	}
}

// TestWeightDiagnosticsSchemes: CRITIC and PCA report their analysis, with
// the weights that Prepare used, to the bit; sd reports the weights only.
// x and y agree perfectly and z runs against them: CRITIC's correlation
// r(x, z) = -1 by construction (z = 40 - x).
func TestWeightDiagnosticsSchemes(t *testing.T) {
	t.Parallel()
	rows := [][]float64{{10, 20, 30}, {20, 40, 20}, {30, 50, 10}}
	for _, scheme := range []string{"critic", "pca", "sd"} {
		pr := diagPrepared(t, scheme, rows)
		d, ok, err := pr.WeightDiagnostics("g")
		if err != nil || !ok {
			t.Fatalf("%s: %v, %v", scheme, ok, err)
		}
		used := pr.Groups()[1].Weights
		var w []float64
		switch scheme {
		case "critic":
			w = d.CRITIC.Weights
			if r := d.CRITIC.Correlation.At(0, 2); math.Abs(r+1) > 1e-15 {
				t.Errorf("critic r(x, z) = %v, want -1", r)
			}
		case "pca":
			w = d.PCA.Weights
			var s float64
			for _, v := range d.PCA.VarianceExplained {
				s += v
			}
			if math.Abs(s-1) > 1e-12 {
				t.Errorf("pca variance explained sums to %v", s)
			}
		case "sd":
			w = d.Weights
			if d.Entropy != nil || d.CRITIC != nil || d.PCA != nil {
				t.Errorf("sd: analysis %+v, want none", d)
			}
		}
		if diff := cmp.Diff(used, w); diff != "" || d.Scheme != scheme {
			t.Errorf("%s (scheme %q): weights differ from those used (-used +got):\n%s", scheme, d.Scheme, diff)
		}
	}
}
