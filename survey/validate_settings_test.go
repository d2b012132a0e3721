package survey_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/survey"
)

// TestSettingsValidate: the error-returning form of the settings checks
// rejects what the functions would panic on (or fail with), and accepts
// the zero value and ordinary settings.
func TestSettingsValidate(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"rake zero", survey.RakeSettings{}.Validate()},
		{"rake bounded", survey.RakeSettings{Lower: 0.5, Upper: 3, MaxIter: 10, Tol: 1e-8}.Validate()},
		{"calibrate zero", survey.CalibrateSettings{}.Validate()},
		{"calibrate logit", survey.CalibrateSettings{Distance: survey.Logit, Lower: 0.5, Upper: 2}.Validate()},
		{"trim zero", survey.TrimSettings{}.Validate()},
		{"trim", survey.TrimSettings{Lower: 0.5, Upper: 3}.Validate()},
	} {
		if tc.err != nil {
			t.Errorf("%s: %v", tc.name, tc.err)
		}
	}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"rake lower above upper", survey.RakeSettings{Lower: 3, Upper: 0.5}.Validate()},
		{"rake negative", survey.RakeSettings{Tol: -1}.Validate()},
		{"rake NaN", survey.RakeSettings{Lower: nan}.Validate()},
		{"rake Inf", survey.RakeSettings{Upper: inf}.Validate()},
		{"rake maxiter", survey.RakeSettings{MaxIter: -1}.Validate()},
		{"calibrate distance", survey.CalibrateSettings{Distance: 9}.Validate()},
		{"calibrate logit unbounded", survey.CalibrateSettings{Distance: survey.Logit}.Validate()},
		{"calibrate bounds", survey.CalibrateSettings{Lower: 0.5, Upper: 0.9}.Validate()},
		{"calibrate tol", survey.CalibrateSettings{Tol: nan}.Validate()},
		{"trim mode", survey.TrimSettings{Mode: 7}.Validate()},
		{"trim bounds", survey.TrimSettings{Lower: 3, Upper: 1}.Validate()},
	} {
		if !errors.Is(tc.err, survey.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want ErrInvalidInput", tc.name, tc.err)
		}
	}
}

// TestRakeOverflow is the reproduction of margins of 1e308: raking
// reported convergence with weights summing to +Inf. The counts of one
// margin sum beyond float64, which is now an error naming the margin.
func TestRakeOverflow(t *testing.T) {
	m, err := survey.NewMargin("sex", []string{"m", "f", "m", "f"}, map[string]float64{"m": 1e308, "f": 1e308})
	if err != nil {
		t.Fatal(err)
	}
	_, err = survey.Rake(context.Background(), []float64{1, 1, 1, 1}, []survey.Margin{m}, survey.RakeSettings{})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrOverflow) || !errors.As(err, &ce) || ce.Variable != "sex" {
		t.Errorf("err = %v, want ErrOverflow naming the margin sex", err)
	}
	// Calibration to such totals: weights would sum to +Inf.
	x := mat.NewDense(4, 1, []float64{1, 1, 1, 1})
	if _, err := survey.Calibrate(context.Background(), []float64{1, 1, 1, 1}, x, []float64{math.MaxFloat64}, survey.CalibrateSettings{Distance: survey.Raking}); err == nil {
		t.Log("calibration to MaxFloat64 is finite")
	} else if !errors.Is(err, survey.ErrOverflow) && !errors.Is(err, survey.ErrNotConverged) {
		t.Errorf("calibrate: %v", err)
	}
}
