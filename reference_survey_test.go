package ppgpa_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

// surveyReferenceHandlers returns the handlers of the reference kinds that
// package survey implements.
func surveyReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{
		"survey.estimates":   refSurveyEstimates,
		"survey.kish":        refSurveyKish,
		"survey.binomial_ci": refSurveyBinomial,
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
			levels[s] = true
		}
		var ls []string
		for l := range levels {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		for _, l := range ls {
			y := make([]float64, len(col))
			for i, s := range col {
				if s == l {
					y[i] = 1
				}
			}
			outNames = append(outNames, v+l)
			out = append(out, y)
		}
	}
	return outNames, out
}

// svCheckNested compares a field of the form {name: {stat: number}} with got,
// requiring every expected name and stat to be present in got.
func svCheckNested(t *testing.T, c *refCase, field string, got map[string]map[string]float64) {
	t.Helper()
	raw, ok := c.Expected[field]
	if !ok {
		t.Fatalf("expected has no field %q", field)
	}
	c.checked[field] = true
	var want map[string]map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("expected %q: %v", field, err)
	}
	for name, stats := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s.%s: not computed", field, name)
			continue
		}
		for stat, w := range stats {
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
	raw, ok := c.Expected[field]
	if !ok {
		t.Fatalf("expected has no field %q", field)
	}
	c.checked[field] = true
	var want map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("expected %q: %v", field, err)
	}
	for name, w := range want {
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
		Variables []string  `json:"estimate_variables"`
		NARm      bool      `json:"na_rm"`
	}
	c.inputs(t, &in)
	d, tab := svLoadDesign(t, c, in.Design)
	names, ys := svVariables(t, tab, in.Variables)
	s := survey.EstimateSettings{}
	if in.NARm {
		s.Missing = survey.MissingDomain
	}
	got := map[string]map[string]float64{}
	var popSize float64
	for k, y := range ys {
		e, err := d.Estimate(y, s)
		if err != nil {
			t.Fatalf("%s: %v", names[k], err)
		}
		got[names[k]] = svEstimateStats(e)
		if k == 0 {
			popSize = e.PopSize
		}
	}
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
		Weights       []float64 `json:"weights"`
		WeightsSource string    `json:"weights_source"`
	}
	c.inputs(t, &in)
	k, err := survey.Kish(in.Weights)
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

var _ = fmt.Sprint
