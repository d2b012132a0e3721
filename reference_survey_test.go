package ppgpa_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

// svFinite returns x, failing on a null (NaN) or infinite entry: none of
// these inputs has a missing value.
func svFinite(t *testing.T, field string, out []float64) []float64 {
	t.Helper()
	for i, v := range out {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("input %s[%d] is %v (null or infinite), not a number", field, i, v)
		}
	}
	return out
}

// svSameKeys fails unless the maps a and b (named for the message) have
// the same keys.
func svSameKeys[A, B any](t *testing.T, an string, a map[string]A, bn string, b map[string]B) {
	t.Helper()
	for k := range a {
		if _, ok := b[k]; !ok {
			t.Fatalf("%s has %q, %s does not", an, k, bn)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			t.Fatalf("%s has %q, %s does not", bn, k, an)
		}
	}
}

// surveyReferenceHandlers returns the handlers of the reference kinds that
// package survey implements.
func surveyReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{
		"survey.estimates":            refSurveyEstimates,
		"survey.kish":                 refSurveyKish,
		"survey.binomial_ci":          refSurveyBinomial,
		"survey.poststratify":         refSurveyPostStratify,
		"survey.rake":                 refSurveyRake,
		"survey.calibrate.linear":     refSurveyCalibrate,
		"survey.calibrate.raking":     refSurveyCalibrate,
		"survey.calibrate.logit":      refSurveyCalibrate,
		"survey.trimweights":          refSurveyTrim,
		"survey.svyciprop.beta":       refSurveyCIProp,
		"survey.jackknife.JK1":        refSurveyJackknife,
		"survey.allocation":           refSurveyAllocation,
		"survey.jackknife.JKn":        refSurveyJackknife,
		"survey.svyciprop.likelihood": refSurveyCIProp,
		"survey.svyciprop.logit":      refSurveyCIProp,
		"survey.svyciprop.mean":       refSurveyCIProp,
	}
}

// svDesign is the "design" input of the survey vectors (see
// testdata/reference/survey/README.md).
type svDesign struct {
	Data    string   `json:"data"`
	IDs     []string `json:"ids"`
	Strata  *string  `json:"strata"`
	Weights *string  `json:"weights"`
	FPC     []string `json:"fpc"`
	Nest    bool     `json:"nest"`
	RObject string   `json:"r_object"`
	RCall   string   `json:"r_call"`
}

// svTable is a CSV file by column.
type svTable struct {
	n   int
	col map[string][]string
}

func svReadTable(t *testing.T, path string) *svTable {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tab := &svTable{n: len(recs) - 1, col: map[string][]string{}}
	for j, h := range recs[0] {
		c := make([]string, tab.n)
		for i := range c {
			c[i] = recs[i+1][j]
		}
		tab.col[h] = c
	}
	return tab
}

func (tab *svTable) strings(t *testing.T, name string) []string {
	t.Helper()
	c, ok := tab.col[name]
	if !ok {
		t.Fatalf("no column %q", name)
	}
	return c
}

// numeric returns a column as numbers, "" and "NA" as NaN.
func (tab *svTable) numeric(t *testing.T, name string) []float64 {
	t.Helper()
	c := tab.strings(t, name)
	out := make([]float64, len(c))
	for i, s := range c {
		if s == "" || s == "NA" {
			out[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("column %q row %d: %v", name, i, err)
		}
		out[i] = v
	}
	return out
}

// isNumeric reports whether every non-missing value of a column parses.
func (tab *svTable) isNumeric(t *testing.T, name string) bool {
	for _, s := range tab.strings(t, name) {
		if s == "" || s == "NA" {
			continue
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return false
		}
	}
	return true
}

// svLoadDesign builds the survey design described by in.
func svLoadDesign(t *testing.T, c *refCase, in svDesign) (*survey.Design, *svTable) {
	t.Helper()
	tab := svReadTable(t, c.path(in.Data))
	rs := make([]survey.Respondent, tab.n)
	for i := range rs {
		rs[i].ID = strconv.Itoa(i + 1)
		rs[i].Weight = math.NaN() // not given: derived from the fpc, as svydesign does
	}
	if in.Strata != nil {
		for i, s := range tab.strings(t, *in.Strata) {
			rs[i].Stratum = s
		}
	}
	if len(in.IDs) > 2 {
		t.Fatalf("%d stages", len(in.IDs))
	}
	for k, name := range in.IDs {
		if name == "1" {
			continue
		}
		for i, s := range tab.strings(t, name) {
			if k == 0 {
				rs[i].PSU = s
			} else {
				rs[i].SSU = s
			}
		}
	}
	if in.Weights != nil {
		for i, w := range tab.numeric(t, *in.Weights) {
			rs[i].Weight = w
		}
	}
	for k, name := range in.FPC {
		for i, f := range tab.numeric(t, name) {
			if k == 0 {
				rs[i].FPC = f
			} else {
				rs[i].FPC2 = f
			}
		}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{Nest: in.Nest})
	if err != nil {
		t.Fatal(err)
	}
	return d, tab
}

// svVariables returns the estimate variables: numeric columns by name,
// factor columns as one 0/1 indicator per level named <var><level> (R's
// convention), levels sorted.
func svVariables(t *testing.T, tab *svTable, names []string) ([]string, [][]float64) {
	var outNames []string
	var out [][]float64
	for _, v := range names {
		if tab.isNumeric(t, v) {
			outNames = append(outNames, v)
			out = append(out, tab.numeric(t, v))
			continue
		}
		col := tab.strings(t, v)
		levels := map[string]bool{}
		for _, s := range col {
			if s != "" && s != "NA" {
				levels[s] = true
			}
		}
		var ls []string
		for l := range levels {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		for _, l := range ls {
			y := make([]float64, len(col))
			for i, s := range col {
				switch s {
				case l:
					y[i] = 1
				case "", "NA":
					y[i] = math.NaN() // R: NA in a factor is missing
				}
			}
			outNames = append(outNames, v+l)
			out = append(out, y)
		}
	}
	return outNames, out
}

// svExpected decodes an expected field with numbers kept as json.Number
// and marks it checked.
func svExpected(t *testing.T, c *refCase, field string, v any) {
	t.Helper()
	raw, ok := c.Expected[field]
	if !ok {
		t.Fatalf("expected has no field %q", field)
	}
	c.checked[field] = true
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("expected %q: %v", field, err)
	}
}

// svCheckNested compares a field of the form {name: {stat: number}} with got,
// requiring every expected name and stat to be present in got.
func svCheckNested(t *testing.T, c *refCase, field string, got map[string]map[string]float64) {
	t.Helper()
	var want map[string]map[string]any
	svExpected(t, c, field, &want)
	for name, stats := range want {
		if stats == nil {
			continue
		}
		g, ok := got[name]
		if !ok {
			t.Errorf("%s.%s: not computed", field, name)
			continue
		}
		for stat, w := range stats {
			if w == nil {
				continue // null: the peer returned NA, nothing to compare
			}
			v, ok := g[stat]
			if !ok {
				t.Errorf("%s.%s.%s: not computed", field, name, stat)
				continue
			}
			for _, e := range compareRef(field+"."+name+"."+stat, w, v, c.tol(field), c.AbsTolerance) {
				t.Error(e)
			}
		}
	}
}

// svCheckMap compares a field of the form {name: number}.
func svCheckMap(t *testing.T, c *refCase, field string, got map[string]float64) {
	t.Helper()
	var want map[string]any
	svExpected(t, c, field, &want)
	for name, w := range want {
		if w == nil {
			continue // null: the peer returned NA, nothing to compare
		}
		v, ok := got[name]
		if !ok {
			t.Errorf("%s.%s: not computed", field, name)
			continue
		}
		for _, e := range compareRef(field+"."+name, w, v, c.tol(field), c.AbsTolerance) {
			t.Error(e)
		}
	}
}

func svEstimateStats(e survey.Estimate) map[string]float64 {
	return map[string]float64{
		"mean": e.Mean, "se_mean": e.SEMean, "total": e.Total, "se_total": e.SETotal,
		"deff_mean": e.DeffMean, "deff_total": e.DeffTotal,
		"deff_mean_replace": e.DeffMeanReplace, "deff_total_replace": e.DeffTotalReplace,
	}
}

func refSurveyEstimates(t *testing.T, c *refCase) {
	var in struct {
		Design    svDesign `json:"design"`
		Variables []string `json:"estimate_variables"`
		NARm      bool     `json:"na_rm"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	names, ys := svVariables(t, tab, in.Variables)
	s := survey.EstimateSettings{}
	if in.NARm {
		s.Missing = survey.MissingDomain
	}
	got := map[string]map[string]float64{}
	for k, y := range ys {
		e, err := d.Estimate(y, s)
		if err != nil {
			t.Fatalf("%s: %v", names[k], err)
		}
		got[names[k]] = svEstimateStats(e)
	}
	// N-hat of the design: the estimated total of a constant 1.
	ones := make([]float64, d.Len())
	for i := range ones {
		ones[i] = 1
	}
	all, err := d.Estimate(ones, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	popSize := all.PopSize
	svCheckNested(t, c, "estimates", got)
	c.check(t, "degf", d.DF())
	if c.has("population_size") {
		c.check(t, "population_size", popSize)
	}
	if c.has("weights") {
		c.check(t, "weights", d.Weights())
	}
}

func refSurveyKish(t *testing.T, c *refCase) {
	var in struct {
		Weights       []refNum `json:"weights"`
		WeightsSource string   `json:"weights_source"`
		WeightsCSV    *struct {
			Data   string `json:"data"`
			Column string `json:"column"`
		} `json:"weights_csv"`
	}
	c.inputs(t, &in)
	w := svFinite(t, "weights", refFloats(in.Weights))
	if in.WeightsCSV != nil {
		w = svFinite(t, in.WeightsCSV.Column, svReadTable(t, c.path(in.WeightsCSV.Data)).numeric(t, in.WeightsCSV.Column))
	}
	k, err := survey.Kish(w)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "n", k.N)
	c.check(t, "sum_w", k.SumW)
	c.check(t, "sum_w2", k.SumW2)
	c.check(t, "deff_kish", k.Deff)
	c.check(t, "n_eff", k.NEff)
	c.check(t, "cv_weights", k.CV)
}

func refSurveyBinomial(t *testing.T, c *refCase) {
	var in struct {
		X     int     `json:"x"`
		N     int     `json:"n"`
		Level float64 `json:"conf_level"`
	}
	c.inputs(t, &in)
	for _, m := range []struct {
		method survey.BinomialMethod
		prefix string
	}{{survey.Wilson, "wilson"}, {survey.ClopperPearson, "clopper_pearson"}} {
		iv, err := survey.BinomialCI(in.X, in.N, in.Level, m.method)
		if err != nil {
			t.Fatal(err)
		}
		c.check(t, "estimate", iv.Estimate)
		c.check(t, m.prefix+"_lower", iv.Lower)
		c.check(t, m.prefix+"_upper", iv.Upper)
	}
}

// svEstimates estimates mean and total of each variable on d.
func svEstimates(t *testing.T, d *survey.Design, tab *svTable, vars []string) map[string]map[string]float64 {
	t.Helper()
	names, ys := svVariables(t, tab, vars)
	got := map[string]map[string]float64{}
	for k, y := range ys {
		e, err := d.Estimate(y, survey.EstimateSettings{})
		if err != nil {
			t.Fatalf("%s: %v", names[k], err)
		}
		got[names[k]] = svEstimateStats(e)
	}
	return got
}

func refSurveyPostStratify(t *testing.T, c *refCase) {
	var in struct {
		Design     svDesign           `json:"design"`
		PostStrata []string           `json:"poststrata"`
		Population map[string]float64 `json:"population"`
		PopSource  string             `json:"population_source"`
		Variables  []string           `json:"estimate_variables"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	if len(in.PostStrata) != 1 {
		t.Fatalf("%d post-stratification variables", len(in.PostStrata))
	}
	ps, err := d.PostStratify(tab.strings(t, in.PostStrata[0]), in.Population)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "weights", ps.Weights())
	svCheckNested(t, c, "estimates", svEstimates(t, ps, tab, in.Variables))
}

func refSurveyRake(t *testing.T, c *refCase) {
	var in struct {
		Design  svDesign `json:"design"`
		Margins []struct {
			Variable   string             `json:"variable"`
			Population map[string]float64 `json:"population"`
		} `json:"margins"`
		Control struct {
			MaxIt   int     `json:"maxit"`
			Epsilon float64 `json:"epsilon"`
		} `json:"control"`
		Variables []string `json:"estimate_variables"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	var ms []survey.Margin
	for _, m := range in.Margins {
		mm, err := survey.NewMargin(m.Variable, tab.strings(t, m.Variable), m.Population)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, mm)
	}
	rk, res, err := d.Rake(context.Background(), ms, survey.RakeSettings{MaxIter: in.Control.MaxIt, Tol: in.Control.Epsilon})
	if err != nil {
		t.Fatal(err)
	}
	if res.Iterations < 1 {
		t.Errorf("iterations = %d", res.Iterations)
	}
	// The margins are fitted to relative error epsilon, so the weights
	// agree with rake()'s and with the fixed point of IPF to the case's
	// tolerance (rake() and the fixed point differ by 3.6e-12).
	c.check(t, "weights", rk.Weights())
	c.check(t, "weights_fixed_point", rk.Weights())
	svCheckNested(t, c, "estimates", svEstimates(t, rk, tab, in.Variables))
}

// svModelMatrix builds R's model.matrix columns: "(Intercept)", numeric
// columns by name and treatment dummies named <variable><level>.
func svModelMatrix(t *testing.T, tab *svTable, cols []string) *mat.Dense {
	t.Helper()
	x := mat.NewDense(tab.n, len(cols), nil)
	for k, name := range cols {
		var col []float64
		switch {
		case name == "(Intercept)":
			col = make([]float64, tab.n)
			for i := range col {
				col[i] = 1
			}
		case tab.col[name] != nil:
			col = tab.numeric(t, name)
		default:
			for v, vals := range tab.col {
				if len(name) > len(v) && name[:len(v)] == v {
					level := name[len(v):]
					c := make([]float64, tab.n)
					found := false
					for i, s := range vals {
						if s == level {
							c[i], found = 1, true
						}
					}
					if found {
						col = c
						break
					}
				}
			}
		}
		if col == nil {
			t.Fatalf("model matrix column %q not found", name)
		}
		x.SetCol(k, col)
	}
	return x
}

func refSurveyCalibrate(t *testing.T, c *refCase) {
	var in struct {
		Design    svDesign           `json:"design"`
		Formula   string             `json:"formula"`
		Columns   []string           `json:"model_matrix_columns"`
		Totals    map[string]float64 `json:"population_totals"`
		PopSource string             `json:"population_source"`
		Variables []string           `json:"estimate_variables"`
		CalFun    string             `json:"calfun"`
		Bounds    []refNum           `json:"bounds"`
		MaxIt     int                `json:"maxit"`
		Epsilon   float64            `json:"epsilon"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	x := svModelMatrix(t, tab, in.Columns)
	cols := map[string]bool{}
	for _, name := range in.Columns {
		cols[name] = true
	}
	svSameKeys(t, "population_totals", in.Totals, "model_matrix_columns", cols)
	T := make([]float64, len(in.Columns))
	for k, name := range in.Columns {
		T[k] = in.Totals[name]
	}
	var dist survey.Distance
	if err := dist.UnmarshalText([]byte(in.CalFun)); err != nil {
		t.Fatal(err)
	}
	s := survey.CalibrateSettings{Distance: dist, MaxIter: in.MaxIt, Tol: in.Epsilon}
	switch b := refFloats(in.Bounds); {
	case len(b) == 0:
	case len(b) != 2 || math.IsNaN(b[0]) || math.IsNaN(b[1]):
		t.Fatalf("bounds %v", b)
	case math.IsInf(b[0], -1) && math.IsInf(b[1], 1):
		// R's default c(-Inf, Inf): no bounds.
	case b[0] >= 0 && !math.IsInf(b[1], 0):
		s.Lower, s.Upper = b[0], b[1]
	default:
		t.Fatalf("bounds %v: a negative or infinite bound with a finite one has no CalibrateSettings equivalent", b)
	}
	cal, res, err := d.Calibrate(context.Background(), x, T, s)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "weights", cal.Weights())
	c.check(t, "g", res.G)
	tot := map[string]float64{}
	for k, name := range in.Columns {
		tot[name] = res.Totals[k]
	}
	svCheckMap(t, c, "calibrated_totals", tot)
	svCheckNested(t, c, "estimates", svEstimates(t, cal, tab, in.Variables))
}

func refSurveyTrim(t *testing.T, c *refCase) {
	var in struct {
		Weights []refNum `json:"weights_in"`
		Source  string   `json:"weights_in_source"`
		Lower   *refNum  `json:"lower"`
		Upper   *refNum  `json:"upper"`
		Strict  bool     `json:"strict"`
		Y       []refNum `json:"y"`
		YName   string   `json:"y_name"`
	}
	c.inputs(t, &in)
	weights, y := svFinite(t, "weights_in", refFloats(in.Weights)), svFinite(t, "y", refFloats(in.Y))
	if len(y) != len(weights) {
		t.Fatalf("%d weights, %d y", len(weights), len(y))
	}
	// null or -Infinity / Infinity mean no bound: 0 in TrimSettings.
	bound := func(x *refNum) float64 {
		if x == nil || math.IsNaN(float64(*x)) || math.IsInf(float64(*x), 0) {
			return 0
		}
		return float64(*x)
	}
	s := survey.TrimSettings{Lower: bound(in.Lower), Upper: bound(in.Upper), Mode: survey.TrimOnePass}
	if in.Strict {
		s.Mode = survey.TrimRepeat
	}
	r, err := survey.TrimWeights(weights, s)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "weights", r.Weights)
	var sw, swy float64
	for i, w := range r.Weights {
		sw += w
		swy += w * y[i]
	}
	c.check(t, "sum_weights", sw)
	c.check(t, "n_outside_before", r.OutsideBefore)
	c.check(t, "weighted_mean_y", swy/sw)
}

// svIndicator evaluates an R comparison "variable op value" (op one of
// ==, !=, <=, >=, <, >; value a number or a quoted string) as a 0/1
// variable, NaN where the variable is missing.
func svIndicator(t *testing.T, tab *svTable, expr string) []float64 {
	t.Helper()
	for _, op := range []string{"==", "!=", "<=", ">=", "<", ">"} {
		k := strings.Index(expr, op)
		if k < 0 {
			continue
		}
		name := strings.TrimSpace(expr[:k])
		lit := strings.Trim(strings.TrimSpace(expr[k+len(op):]), `"'`)
		col := tab.strings(t, name)
		num, numErr := strconv.ParseFloat(lit, 64)
		numeric := numErr == nil && tab.isNumeric(t, name)
		x := tab.numeric
		var xs []float64
		if numeric {
			xs = x(t, name)
		}
		y := make([]float64, len(col))
		for i, s := range col {
			if s == "" || s == "NA" {
				y[i] = math.NaN()
				continue
			}
			c := strings.Compare(s, lit)
			if numeric {
				c = 0
				if xs[i] < num {
					c = -1
				} else if xs[i] > num {
					c = 1
				}
			}
			if (op == "==" && c == 0) || (op == "!=" && c != 0) || (op == "<=" && c <= 0) || (op == ">=" && c >= 0) || (op == "<" && c < 0) || (op == ">" && c > 0) {
				y[i] = 1
			}
		}
		return y
	}
	t.Fatalf("indicator %q: no comparison operator", expr)
	return nil
}

func refSurveyCIProp(t *testing.T, c *refCase) {
	var in struct {
		Design    svDesign `json:"design"`
		Indicator string   `json:"indicator"`
		Level     float64  `json:"level"`
		Method    string   `json:"method"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	y := svIndicator(t, tab, in.Indicator)
	var m survey.PropMethod
	if err := m.UnmarshalText([]byte(in.Method)); err != nil {
		t.Fatal(err)
	}
	ci, err := d.PropCI(y, survey.PropSettings{Method: m, Level: in.Level})
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "estimate", ci.Estimate)
	c.check(t, "ci_lower", ci.UnclippedLower)
	c.check(t, "ci_upper", ci.UnclippedUpper)
	c.check(t, "se_mean", ci.SE)
	c.check(t, "df", ci.DF)
	c.check(t, "n_obs", ci.N)
}

func refSurveyJackknife(t *testing.T, c *refCase) {
	var in struct {
		Design    svDesign `json:"design"`
		Type      string   `json:"type"`
		MSE       bool     `json:"mse"`
		Variables []string `json:"estimate_variables"`
		NARm      bool     `json:"na_rm"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	var m survey.ReplicateMethod
	if err := m.UnmarshalText([]byte(strings.ToLower(in.Type))); err != nil {
		t.Fatal(err)
	}
	s := survey.ReplicateSettings{Method: m}
	if in.MSE {
		s.Centre = survey.CentreFullSample
	}
	rd, err := d.Replicates(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "n_replicates", rd.Len())
	c.check(t, "scale", rd.Scale())
	c.check(t, "rscales", rd.RScales())
	names, ys := svVariables(t, tab, in.Variables)
	es := survey.EstimateSettings{}
	if in.NARm {
		// The README's na.rm=TRUE domain convention, as for survey.estimates.
		es.Missing = survey.MissingDomain
	}
	got := map[string]map[string]float64{}
	for k, y := range ys {
		e, err := rd.Estimate(y, es)
		if err != nil {
			t.Fatalf("%s: %v", names[k], err)
		}
		got[names[k]] = map[string]float64{"mean": e.Mean, "se_mean": e.SEMean, "total": e.Total, "se_total": e.SETotal}
	}
	svCheckNested(t, c, "estimates", got)
}

func refSurveyAllocation(t *testing.T, c *refCase) {
	var in struct {
		Sizes    map[string]float64 `json:"stratum_sizes"`
		SDs      map[string]float64 `json:"stratum_sds"`
		SDSource string             `json:"stratum_sds_source"`
		N        float64            `json:"n"`
	}
	c.inputs(t, &in)
	if in.SDs != nil {
		svSameKeys(t, "stratum_sizes", in.Sizes, "stratum_sds", in.SDs)
	}
	var names []string
	for h := range in.Sizes {
		names = append(names, h)
	}
	sort.Strings(names)
	N := make([]float64, len(names))
	S := make([]float64, len(names))
	for k, h := range names {
		N[k], S[k] = in.Sizes[h], in.SDs[h]
	}
	for _, m := range []survey.Allocation{survey.Proportional, survey.Neyman} {
		if !c.has(m.String()) {
			continue
		}
		if m == survey.Neyman && in.SDs == nil {
			t.Fatal("neyman expected without stratum_sds")
		}
		a, err := survey.Allocate(in.N, N, S, survey.AllocateSettings{Method: m})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for k, h := range names {
			got[h] = a[k]
		}
		svCheckMap(t, c, m.String(), got)
	}
}
