package ppgpa_test

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
)

// weightingReferenceHandlers returns the handlers of the reference kinds that
// package weighting implements.
func weightingReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{
		"ahp.consistent":            refAHPComplete,
		"ahp.complete":              refAHPComplete,
		"ahp.group":                 refAHPGroup,
		"ahp.incomplete_harker":     refAHPHarker,
		"composite.weights.entropy": refEntropy,
		"composite.weights.critic":  refCRITIC,
		"composite.weights.pca":     refPCA,
		"composite.bod":             refBoD,
		"composite.cronbach_alpha":  refCronbach,
	}
}

// refAHPInputs are the inputs of the ahp.* kinds; the descriptive members
// (labels, citations, published rounded values, exact fractions) are
// decoded but not needed: the doubles in matrix are the judgments.
type refAHPInputs struct {
	N                 int            `json:"n"`
	Matrix            [][]refNum     `json:"matrix"`
	MatrixText        [][]string     `json:"matrix_text"`
	WGenerating       []float64      `json:"w_generating"`
	Label             string         `json:"label"`
	Citation          string         `json:"citation"`
	PublishedValues   map[string]any `json:"published_values"`
	Judges            [][][]refNum   `json:"judges"`
	JudgesText        [][][]string   `json:"judges_text"`
	JudgeWeights      []float64      `json:"judge_weights"`
	MissingUpperPairs [][2]int       `json:"missing_upper_pairs_0based"`
}

func refDense(x [][]refNum) *mat.Dense {
	m := refMatrix(x)
	d := mat.NewDense(len(m), len(m[0]), nil)
	for i, r := range m {
		d.SetRow(i, r)
	}
	return d
}

func denseRows(d mat.Matrix) [][]float64 {
	r, c := d.Dims()
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
		for j := range out[i] {
			out[i][j] = d.At(i, j)
		}
	}
	return out
}

func refAHPComplete(t *testing.T, c *refCase) {
	var in refAHPInputs
	c.inputs(t, &in)
	a := refDense(in.Matrix)
	if n, _ := a.Dims(); n != in.N {
		t.Fatalf("matrix order %d, n = %d", n, in.N)
	}
	r, err := weighting.Priorities(a, weighting.AHPSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "eigenvector_weights", r.Eigenvector)
	c.check(t, "geometric_mean_weights", r.GeometricMean)
	c.check(t, "lambda_max", r.LambdaMax)
	c.check(t, "ci", r.CI)
	c.check(t, "ri", r.RI)
	c.check(t, "cr", r.CR)
	if r.RITable != weighting.Saaty1980 {
		t.Errorf("default RI table %v, want saaty1980", r.RITable)
	}
	if c.has("cr_by_ri_table") {
		// One CR per named table: each recomputed with that table.
		var tables map[string]json.Number
		c.expected(t, "cr_by_ri_table", &tables)
		for name, want := range tables {
			var tab weighting.RITable
			if err := tab.UnmarshalText([]byte(name)); err != nil {
				t.Fatalf("cr_by_ri_table: %v", err)
			}
			rt, err := weighting.Priorities(a, weighting.AHPSettings{RI: tab})
			if err != nil {
				t.Fatal(err)
			}
			if rt.RITable != tab {
				t.Errorf("RITable %v, want %v", rt.RITable, tab)
			}
			for _, e := range compareRef("cr_by_ri_table."+name, want, rt.CR, c.tol("cr_by_ri_table"), c.AbsTolerance) {
				t.Error(e)
			}
		}
	}
}

func refAHPGroup(t *testing.T, c *refCase) {
	var in refAHPInputs
	c.inputs(t, &in)
	judges := make([]mat.Matrix, len(in.Judges))
	for k, j := range in.Judges {
		judges[k] = refDense(j)
	}
	g, err := weighting.Group(judges, in.JudgeWeights, weighting.GroupSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "aij_matrix", denseRows(g.AIJMatrix))
	c.check(t, "aij_eigenvector_weights", g.AIJ.Eigenvector)
	c.check(t, "aij_geometric_mean_weights", g.AIJ.GeometricMean)
	c.check(t, "aij_lambda_max", g.AIJ.LambdaMax)
	c.check(t, "aij_ci", g.AIJ.CI)
	c.check(t, "aij_cr", g.AIJ.CR)
	ev := make([][]float64, len(judges))
	lm := make([]float64, len(judges))
	cr := make([]float64, len(judges))
	for k, r := range g.Individual {
		ev[k], lm[k], cr[k] = r.Eigenvector, r.LambdaMax, r.CR
	}
	c.check(t, "individual_eigenvector_weights", ev)
	c.check(t, "individual_lambda_max", lm)
	c.check(t, "individual_cr", cr)
	c.check(t, "aip_geometric_weights", g.AIPGeometric)
	c.check(t, "aip_arithmetic_weights", g.AIPArithmetic)
	// AIP over the judges' geometric-mean priorities.
	gm, err := weighting.Group(judges, in.JudgeWeights, weighting.GroupSettings{
		Method: weighting.AIPGeometric, AHP: weighting.AHPSettings{Priority: weighting.GeometricMean}})
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "aip_geometric_of_gm_weights", gm.Weights)
}

func refAHPHarker(t *testing.T, c *refCase) {
	var in refAHPInputs
	c.inputs(t, &in)
	a := refDense(in.Matrix)
	h, err := weighting.Harker(a, weighting.AHPSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if h.Missing != len(in.MissingUpperPairs) {
		t.Errorf("Missing = %d, want %d", h.Missing, len(in.MissingUpperPairs))
	}
	c.check(t, "harker_matrix", denseRows(h.Harker))
	c.check(t, "eigenvector_weights", h.Eigenvector)
	c.check(t, "lambda_max", h.LambdaMax)
	c.check(t, "ci", h.CI)
	c.check(t, "cr", h.CR)
	c.check(t, "completed_matrix", denseRows(h.Completed))
	llsm, err := weighting.LLSM(a)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "llsm_weights", llsm)
}

// refMatrixInputs are the inputs of the kinds given an inline matrix.
type refMatrixInputs struct {
	Matrix       [][]refNum `json:"matrix"`
	MatrixSource string     `json:"matrix_source"`
	Units        []string   `json:"units"`
	Indicators   []string   `json:"indicators"`
}

func (in refMatrixInputs) dense(t *testing.T) *mat.Dense {
	d := refDense(in.Matrix)
	if r, cols := d.Dims(); r != len(in.Units) || cols != len(in.Indicators) {
		t.Fatalf("matrix is %d×%d for %d units and %d indicators", r, cols, len(in.Units), len(in.Indicators))
	}
	return d
}

func refEntropy(t *testing.T, c *refCase) {
	var in refMatrixInputs
	c.inputs(t, &in)
	r, err := weighting.Entropy{}.Analyze(in.dense(t))
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "entropy", r.Entropy)
	c.check(t, "divergence", r.Divergence)
	c.check(t, "weights", r.Weights)
}

func refCRITIC(t *testing.T, c *refCase) {
	var in refMatrixInputs
	c.inputs(t, &in)
	r, err := weighting.CRITIC{}.Analyze(in.dense(t))
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "sd", r.SD)
	c.check(t, "correlation", denseRows(r.Correlation))
	c.check(t, "information", r.Information)
	c.check(t, "weights", r.Weights)
}

func refBoD(t *testing.T, c *refCase) {
	var in refMatrixInputs
	c.inputs(t, &in)
	x := in.dense(t)
	r, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "scores", r.Scores)
	c.check(t, "n_efficient", r.Efficient)
	// The weights are not unique, but must reproduce the scores and keep
	// every unit at or below 1.
	var wy mat.Dense
	wy.Mul(r.Weights, x.T())
	n, _ := wy.Dims()
	for i := 0; i < n; i++ {
		if d := wy.At(i, i) - r.Scores[i]; d > 1e-12 || d < -1e-12 {
			t.Errorf("unit %d: weights give %v, score %v", i, wy.At(i, i), r.Scores[i])
		}
		for k := 0; k < n; k++ {
			if wy.At(i, k) > 1+1e-9 {
				t.Errorf("unit %d's weights give unit %d a score %v > 1", i, k, wy.At(i, k))
			}
		}
	}
}

// refDataInputs are the inputs of the kinds that read composite_A.csv.
type refDataInputs struct {
	Data             string    `json:"data"`
	UnitColumn       string    `json:"unit_column"`
	Indicators       []string  `json:"indicators"`
	Directions       []float64 `json:"directions"`
	DirectionMeaning string    `json:"direction_meaning"`
}

// directed reads the indicators from the CSV file and multiplies each by
// its direction.
func (in refDataInputs) directed(t *testing.T, c *refCase) *mat.Dense {
	f, err := os.Open(c.path(in.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, h := range recs[0] {
		col[h] = j
	}
	if _, ok := col[in.UnitColumn]; !ok {
		t.Fatalf("no unit column %q", in.UnitColumn)
	}
	x := mat.NewDense(len(recs)-1, len(in.Indicators), nil)
	for j, name := range in.Indicators {
		k, ok := col[name]
		if !ok {
			t.Fatalf("no column %q", name)
		}
		for i, r := range recs[1:] {
			v, err := strconv.ParseFloat(r[k], 64)
			if err != nil {
				t.Fatal(err)
			}
			x.Set(i, j, in.Directions[j]*v)
		}
	}
	return x
}

func refPCA(t *testing.T, c *refCase) {
	var in refDataInputs
	c.inputs(t, &in)
	x := in.directed(t, c)
	r, err := weighting.PCA{Settings: weighting.PCASettings{Method: weighting.PCAFirst}}.Analyze(x)
	if err != nil {
		t.Fatal(err)
	}
	_, m := x.Dims()
	c.check(t, "eigenvalues", r.Eigenvalues)
	c.check(t, "variance_explained", r.VarianceExplained)
	c.check(t, "pc1_rotation", mat.Col(nil, 0, r.Eigenvectors))
	c.check(t, "pc1_loadings", mat.Col(nil, 0, r.Loadings))
	c.check(t, "pc1_scores", mat.Col(nil, 0, r.Scores))
	c.check(t, "pc1_weights_squared_rotation", r.Weights)
	if len(r.Weights) != m {
		t.Errorf("%d weights for %d indicators", len(r.Weights), m)
	}
	// COINr's get_PCA weights are prcomp's signed first rotation column:
	// PCALoadings divides R's pc1_rotation (signed so that it sums to
	// more than 0) by its sum, or reports a negative component.
	var rot []float64
	c.expected(t, "pc1_rotation", &rot)
	var s float64
	neg := false
	for _, v := range rot {
		s += v
	}
	for j := range rot {
		if s < 0 {
			rot[j] = -rot[j]
		}
		neg = neg || rot[j] < 0
	}
	rl, err := weighting.PCA{Settings: weighting.PCASettings{Method: weighting.PCALoadings}}.Analyze(x)
	if neg != (err != nil) {
		t.Fatalf("PCALoadings: error %v with R's rotation %v", err, rot)
	}
	for j := range rl.Weights {
		if want := rot[j] / math.Abs(s); math.Abs(rl.Weights[j]-want) > 1e-9 {
			t.Errorf("PCALoadings weight %d: %v, want R's %v", j, rl.Weights[j], want)
		}
	}
}

func refCronbach(t *testing.T, c *refCase) {
	var in refDataInputs
	c.inputs(t, &in)
	x := in.directed(t, c)
	a, err := weighting.CronbachAlpha(x)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "raw_alpha", a.Raw)
	c.check(t, "std_alpha", a.Std)
	c.check(t, "average_r", a.AverageR)
	// Coherence's per-group alpha, with every indicator in one group and
	// a second group of one indicator (alpha undefined: NaN), must give
	// the same values.
	n0, m0 := x.Dims()
	groups := make([]int, m0+1)
	groups[m0] = 1
	aug := mat.NewDense(n0, m0+1, nil)
	aug.Augment(x, mat.NewDense(n0, 1, mat.Col(nil, 0, x)))
	coh, err := weighting.Coherence(weighting.CoherenceInput{X: aug, Groups: groups}, weighting.CoherenceSettings{})
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "raw_alpha", coh.Alpha[0].Raw)
	c.check(t, "std_alpha", coh.Alpha[0].Std)
	c.check(t, "average_r", coh.Alpha[0].AverageR)
	if g := coh.Alpha[1]; !math.IsNaN(g.Raw) || !math.IsNaN(g.Std) {
		t.Errorf("alpha of a one-indicator group = %+v, want NaN", g)
	}
	// Raw alpha of the z-scores (sd with n - 1).
	r, m := x.Dims()
	z := mat.NewDense(r, m, nil)
	for j := 0; j < m; j++ {
		col := mat.Col(nil, j, x)
		var s float64
		for _, v := range col {
			s += v
		}
		mean := s / float64(r)
		var ss float64
		for _, v := range col {
			ss += (v - mean) * (v - mean)
		}
		sd := math.Sqrt(ss / float64(r-1))
		for i, v := range col {
			z.Set(i, j, (v-mean)/sd)
		}
	}
	az, err := weighting.CronbachAlpha(z)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "raw_alpha_of_zscores", az.Raw)
}

// TestReferenceWeightingCorrelation runs the inputs of the ranking
// package's correlation vectors (kind "ranking.correlation", scipy's
// spearmanr and kendalltau with variant 'b') through weighting.Correlation,
// which has its own implementation of Spearman's rho and Kendall's tau-b
// with ties, and compares the coefficients by the README's pass rule.
func TestReferenceWeightingCorrelation(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(referenceDir(), "ranking", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			Kind   string `json:"kind"`
			Inputs struct {
				X []refNum `json:"x"`
				Y []refNum `json:"y"`
			} `json:"inputs"`
			Expected     map[string]json.RawMessage `json:"expected"`
			Tolerance    float64                    `json:"tolerance"`
			AbsTolerance float64                    `json:"abs_tolerance"`
		}
		// Not strict: only the members used here are decoded (the full
		// vector is checked by TestReference).
		if err := json.Unmarshal(b, &c); err != nil {
			if strings.Contains(string(b), `"ranking.correlation"`) {
				t.Fatalf("%s: %v", f, err)
			}
			continue
		}
		if c.Kind != "ranking.correlation" {
			continue
		}
		seen++
		x, y := refFloats(c.Inputs.X), refFloats(c.Inputs.Y)
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		for _, tc := range []struct {
			field  string
			method weighting.CorrMethod
		}{{"spearman_rho", weighting.Spearman}, {"kendall_tau_b", weighting.Kendall}} {
			var want float64
			if err := json.Unmarshal(c.Expected[tc.field], &want); err != nil {
				t.Errorf("%s: expected %s: %v", name, tc.field, err)
				continue
			}
			got := weighting.Correlation(x, y, tc.method)
			if !(math.Abs(got-want) <= c.Tolerance*math.Abs(want)+c.AbsTolerance) {
				t.Errorf("%s: weighting.Correlation %v = %.17g, scipy %.17g", name, tc.method, got, want)
			}
		}
	}
	if seen < 4 {
		t.Errorf("found %d ranking.correlation vectors, want at least 4 (r05-r08)", seen)
	}
}
