package ppgpa_test

import (
	"context"
	"os"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// indicatorReferenceHandlers returns the handlers of the reference kinds that
// package indicator implements.
func indicatorReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{
		"composite.normalise.minmax":    refNormMinMax,
		"composite.normalise.zscore":    refNormZScore,
		"composite.normalise.rank":      refNormRank,
		"composite.normalise.goalposts": refNormGoalposts,
		"composite.aggregate":           refAggregate,
	}
}

// refNormInputs are the inputs shared by the normalisation vectors.
type refNormInputs struct {
	Data             string   `json:"data"`
	UnitColumn       string   `json:"unit_column"`
	Indicators       []string `json:"indicators"`
	Directions       []int    `json:"directions"`
	DirectionMeaning string   `json:"direction_meaning"`
	Range            []refNum `json:"range"`
	GoalpostWorst    []refNum `json:"goalpost_worst"`
	GoalpostBest     []refNum `json:"goalpost_best"`
	Target           []refNum `json:"target"`
}

// refNormalise scores the vector's data with a model of one equally
// weighted leaf per indicator, whose normalisation norm(j) gives, and
// returns the result.
func refNormalise(t *testing.T, c *refCase, in *refNormInputs, norm func(j int) *indicator.Normalization) *indicator.Result {
	t.Helper()
	f, err := os.Open(c.path(in.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := indicator.ReadCSV(f, indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	root := &indicator.Node{ID: "root", Weighting: &weighting.Spec{Method: "equal"}}
	for j, name := range in.Indicators {
		leaf := &indicator.Node{ID: name, Column: name, Normalization: norm(j)}
		if in.Directions[j] < 0 {
			leaf.Polarity = indicator.LowerIsBetter
		}
		root.Children = append(root.Children, leaf)
	}
	plan, err := indicator.Compile(&indicator.Model{Version: indicator.Version, Name: c.Name, Root: root})
	if err != nil {
		t.Fatal(err)
	}
	res, err := plan.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	c.check(t, "units", res.Units)
	cols := make([]string, len(res.Leaves))
	for j, l := range res.Leaves {
		cols[j] = l.Column
	}
	c.check(t, "indicators", cols)
	return res
}

// leafMatrix returns the leaves' scores as units × leaves, each divided by
// scale.
func leafMatrix(res *indicator.Result, scale float64) [][]float64 {
	var leaves []*indicator.NodeResult
	for i := range res.Nodes {
		if res.Nodes[i].Leaf {
			leaves = append(leaves, &res.Nodes[i])
		}
	}
	out := make([][]float64, len(res.Units))
	for u := range out {
		out[u] = make([]float64, len(leaves))
		for j, l := range leaves {
			out[u][j] = l.Scores[u] / scale
		}
	}
	return out
}

// leafStat collects one statistic of every leaf's record.
func leafStat(res *indicator.Result, f func(indicator.LeafRecord) float64) []float64 {
	out := make([]float64, len(res.Leaves))
	for j, l := range res.Leaves {
		out[j] = f(l)
	}
	return out
}

func refNormMinMax(t *testing.T, c *refCase) {
	var in refNormInputs
	c.inputs(t, &in)
	if len(in.Range) != 2 || in.Range[0] != 0 || in.Range[1] != 100 {
		t.Fatalf("range %v: the library's min-max scale is [0, 100]", in.Range)
	}
	res := refNormalise(t, c, &in, func(int) *indicator.Normalization {
		return &indicator.Normalization{Method: indicator.NormMinMax}
	})
	c.check(t, "normalised", leafMatrix(res, 1))
	// For min-max over the data the record holds worst and best, which are
	// the column's min and max swapped for lower-is-better columns.
	lo := leafStat(res, func(l indicator.LeafRecord) float64 { return min(l.Worst, l.Best) })
	hi := leafStat(res, func(l indicator.LeafRecord) float64 { return max(l.Worst, l.Best) })
	c.check(t, "column_min", lo)
	c.check(t, "column_max", hi)
}

func refNormZScore(t *testing.T, c *refCase) {
	var in refNormInputs
	c.inputs(t, &in)
	res := refNormalise(t, c, &in, func(int) *indicator.Normalization {
		return &indicator.Normalization{Method: indicator.NormZScore}
	})
	c.check(t, "normalised", leafMatrix(res, 1))
	c.check(t, "column_mean", leafStat(res, func(l indicator.LeafRecord) float64 { return l.Mean }))
	c.check(t, "column_sd", leafStat(res, func(l indicator.LeafRecord) float64 { return l.SD }))
	c.skip("column_sd_population_NOT_USED", "the library uses the sample standard deviation (n - 1), checked as column_sd; the population one is given only to show the difference")
}

func refNormRank(t *testing.T, c *refCase) {
	var in refNormInputs
	c.inputs(t, &in)
	for _, v := range []struct {
		field   string
		method  indicator.NormalizationMethod
		variant string
	}{
		{"rank_average", indicator.NormRank, ""},
		{"rank_min", indicator.NormRank, "min"},
		{"percentile_rank_inclusive", indicator.NormPercentile, ""},
		{"percentile_rank_scipy_rank", indicator.NormPercentile, "rank"},
		{"percentile_rank_scipy_weak", indicator.NormPercentile, "weak"},
	} {
		res := refNormalise(t, c, &in, func(int) *indicator.Normalization {
			return &indicator.Normalization{Method: v.method, Variant: v.variant}
		})
		c.check(t, v.field, leafMatrix(res, 1))
	}
}

func refNormGoalposts(t *testing.T, c *refCase) {
	var in refNormInputs
	c.inputs(t, &in)
	posts := func(unclipped bool) func(j int) *indicator.Normalization {
		return func(j int) *indicator.Normalization {
			w, b := float64(in.GoalpostWorst[j]), float64(in.GoalpostBest[j])
			return &indicator.Normalization{Method: indicator.NormMinMax, Worst: &w, Best: &b, Unclipped: unclipped}
		}
	}
	target := func(unclipped bool) func(j int) *indicator.Normalization {
		return func(j int) *indicator.Normalization {
			x := float64(in.Target[j])
			return &indicator.Normalization{Method: indicator.NormTarget, Target: &x, Unclipped: unclipped}
		}
	}
	c.check(t, "goalposts_clipped", leafMatrix(refNormalise(t, c, &in, posts(false)), 1))
	c.check(t, "goalposts_unclipped", leafMatrix(refNormalise(t, c, &in, posts(true)), 1))
	// The library scores targets on 100 = target met; the vector gives the
	// ratio itself.
	c.check(t, "ratio_to_target", leafMatrix(refNormalise(t, c, &in, target(true)), 100))
	c.check(t, "ratio_to_target_capped", leafMatrix(refNormalise(t, c, &in, target(false)), 100))
}

func refAggregate(t *testing.T, c *refCase) {
	var in struct {
		Matrix       [][]refNum `json:"matrix"`
		Units        []string   `json:"units"`
		Indicators   []string   `json:"indicators"`
		Weights      []refNum   `json:"weights"`
		MatrixSource string     `json:"matrix_source"`
	}
	c.inputs(t, &in)
	tab, err := indicator.NewTable(in.Units, in.Indicators, refMatrix(in.Matrix))
	if err != nil {
		t.Fatal(err)
	}
	// The matrix is already normalised and directed: leaves use it as is.
	score := func(method indicator.AggregationMethod, equal bool) ([]float64, *indicator.Plan) {
		root := &indicator.Node{ID: "root", Aggregation: &indicator.Aggregation{Method: method}}
		if equal {
			root.Weighting = &weighting.Spec{Method: "equal"}
		}
		for j, name := range in.Indicators {
			root.Children = append(root.Children, &indicator.Node{ID: name, Column: name, Weight: float64(in.Weights[j]),
				Normalization: &indicator.Normalization{Method: indicator.NormNone}})
		}
		plan, err := indicator.Compile(&indicator.Model{Version: indicator.Version, Name: c.Name, Root: root})
		if err != nil {
			t.Fatal(err)
		}
		res, err := plan.Evaluate(context.Background(), tab)
		if err != nil {
			t.Fatal(err)
		}
		return res.Score, plan
	}
	for _, m := range []indicator.AggregationMethod{indicator.Arithmetic, indicator.Geometric, indicator.Harmonic} {
		got, plan := score(m, false)
		c.check(t, string(m), got)
		if m == indicator.Arithmetic {
			c.check(t, "normalised_weights", plan.Groups()[0].Weights)
		}
		got, _ = score(m, true)
		c.check(t, string(m)+"_equal_weights", got)
	}
}
