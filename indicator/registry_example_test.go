package indicator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/weighting"
)

// geometricDecay is a researcher's scheme: the children's weights fall by
// a constant ratio in child order, w_j proportional to ratio^j.
type geometricDecay struct{ Ratio float64 }

func (g geometricDecay) DataDriven() bool { return false }

func (g geometricDecay) Weights(in weighting.Input) ([]float64, error) {
	w := make([]float64, len(in.IDs))
	v := 1.0
	for j := range w {
		w[j] = v
		v = float64(v * g.Ratio)
	}
	return weighting.Normalize(w)
}

// penalisedMean is a researcher's aggregation: the weighted mean minus
// Penalty times the weighted standard deviation of the children's scores,
// which rewards balanced performance.
type penalisedMean struct{ Penalty float64 }

func (p penalisedMean) Aggregate(y, w []float64) (float64, error) {
	var m float64
	for j := range y {
		m = float64(w[j]*y[j]) + m // products rounded explicitly
	}
	var v float64
	for j := range y {
		d := y[j] - m
		v = float64(w[j]*float64(d*d)) + v
	}
	return m - float64(p.Penalty*math.Sqrt(v)), nil
}

// ExampleRegistry registers a weighting scheme and an aggregation, names
// them in a model file with their own parameters, and runs a Monte Carlo
// uncertainty analysis that perturbs the scheme's weights and switches
// between the arithmetic mean and the registered aggregation.
func ExampleRegistry() {
	var reg indicator.Registry
	err := reg.RegisterScheme("geometric_decay", func(params json.RawMessage, children []string) (weighting.Scheme, error) {
		g := geometricDecay{Ratio: 0.5} // the default
		if err := indicator.DecodeParams(params, &g); err != nil {
			return nil, err
		}
		if !(g.Ratio > 0 && g.Ratio <= 1) {
			return nil, fmt.Errorf("ratio %v must be in (0, 1]", g.Ratio)
		}
		return g, nil
	})
	if err == nil {
		err = reg.RegisterAggregation("penalised_mean", func(params json.RawMessage) (indicator.Aggregator, error) {
			p := penalisedMean{Penalty: 1}
			err := indicator.DecodeParams(params, &p)
			return p, err
		})
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := `{"ppgpa": 1, "name": "registered methods",
	  "root": {"id": "total",
	    "weighting": {"method": "geometric_decay", "params": {"Ratio": 0.8}},
	    "aggregation": {"method": "penalised_mean", "params": {"Penalty": 0.5}},
	    "children": [{"id": "service", "column": "service"}, {"id": "cost", "column": "cost", "polarity": "lower"},
	                 {"id": "trust", "column": "trust"}]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := indicator.CompileWith(m, &reg)
	if err != nil {
		fmt.Println(err)
		return
	}
	tab, _ := indicator.NewTable([]string{"东城区", "西城区", "南湖区", "北山区"}, []string{"service", "cost", "trust"},
		[][]float64{{82, 30, 70}, {75, 22, 88}, {90, 41, 64}, {68, 25, 72}})
	res, err := plan.Evaluate(context.Background(), tab)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("weights %.4f\n", plan.Groups()[0].Weights)
	for u, id := range res.Units {
		fmt.Printf("%s %.2f\n", id, res.Score[u])
	}
	factors := []ranking.Factor{
		{Name: "weights ±20%", Kind: ranking.FactorWeights, Amount: 0.2},
		{Name: "aggregation", Kind: ranking.FactorAggregation,
			Aggregations: []indicator.Aggregation{{}, {Method: indicator.Arithmetic}}},
	}
	d, err := ranking.MonteCarlo(context.Background(), plan, tab, factors, ranking.Settings{Replications: 2000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for u, id := range res.Units {
		fmt.Printf("%s rank %v, 90%% interval %v-%v\n", id, d.Nominal[u], d.Lo[u], d.Hi[u])
	}
	// A misspelt parameter is an error naming the node.
	bad := strings.Replace(doc, `"Penalty": 0.5`, `"Penality": 0.5`, 1)
	m, _ = indicator.DecodeModel(strings.NewReader(bad))
	fmt.Println(m.ValidateWith(&reg))
	// Output:
	// weights [0.4098 0.3279 0.2623]
	// 东城区 43.59
	// 西城区 55.29
	// 南湖区 16.39
	// 北山区 18.36
	// 东城区 rank 2, 90% interval 2-2
	// 西城区 rank 1, 90% interval 1-1
	// 南湖区 rank 4, 90% interval 3-4
	// 北山区 rank 3, 90% interval 3-4
	// indicator: invalid model: total: aggregation: penalised_mean: params: json: unknown field "Penality"
}
