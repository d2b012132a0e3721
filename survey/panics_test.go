package survey_test

import (
	"context"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

// TestPanics covers every documented panic (programmer errors that can be
// checked without looking at data values).
func TestPanics(t *testing.T) {
	t.Parallel()
	d, err := survey.NewDesign([]survey.Respondent{{ID: "a", Weight: 1}, {ID: "b", Weight: 2}}, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"EstimateDomain len(domain)", func() { _, _ = d.EstimateDomain([]float64{1, 2}, []bool{true}, survey.EstimateSettings{}) }},
		{"EstimateBy len(by)", func() { _, _ = d.EstimateBy([]float64{1, 2}, []string{"x"}, survey.EstimateSettings{}) }},
		{"PostStratify len(cell)", func() { _, _ = d.PostStratify([]string{"x"}, map[string]float64{"x": 1}) }},
		{"PropCI len(y)", func() { _, _ = d.PropCI([]float64{1}, survey.PropSettings{}) }},
		{"PropCI method", func() { _, _ = d.PropCI([]float64{1, 0}, survey.PropSettings{Method: 7}) }},
		{"Calibrate dims", func() {
			_, _ = survey.Calibrate(ctx, []float64{1, 2}, mat.NewDense(3, 1, nil), []float64{1}, survey.CalibrateSettings{})
		}},
		{"Calibrate distance", func() {
			_, _ = survey.Calibrate(ctx, []float64{1, 2}, mat.NewDense(2, 1, []float64{1, 1}), []float64{3}, survey.CalibrateSettings{Distance: 9})
		}},
		{"Rake no margins", func() { _, _ = survey.Rake(ctx, []float64{1}, nil, survey.RakeSettings{}) }},
		{"Rake targets", func() {
			_, _ = survey.Rake(ctx, []float64{1}, []survey.Margin{{Levels: []string{"a"}, Codes: []int{0}}}, survey.RakeSettings{})
		}},
		{"Rake settings", func() {
			_, _ = survey.Rake(ctx, []float64{1}, []survey.Margin{{Levels: []string{"a"}, Codes: []int{0}, Targets: []float64{1}}}, survey.RakeSettings{Tol: -1})
		}},
		{"TrimWeights mode", func() { _, _ = survey.TrimWeights([]float64{1}, survey.TrimSettings{Mode: 5}) }},
		{"Replicates method", func() { _, _ = d.Replicates(ctx, survey.ReplicateSettings{Method: 9}) }},
		{"Allocate len(S)", func() { _, _ = survey.Allocate(10, []float64{1, 2}, []float64{1}, survey.AllocateSettings{}) }},
		{"Allocate Neyman without S", func() {
			_, _ = survey.Allocate(10, []float64{1, 2}, nil, survey.AllocateSettings{Method: survey.Neyman})
		}},
		{"Combine lengths", func() { _, _ = survey.Combine([]float64{1}, []float64{1, 2}, []float64{1}) }},
		{"CombineUnits lengths", func() { _, _ = survey.CombineUnits([][]survey.UnitEstimate{nil}, nil) }},
		{"AdjustNonresponse lengths", func() { _, _ = survey.AdjustNonresponse([]float64{1}, nil, nil) }},
		{"Summarize len(counts)", func() { _, _ = survey.ShandongScale().Summarize([]float64{1}) }},
		{"Values measure", func() { _ = survey.ShandongScale().Values(8) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}
