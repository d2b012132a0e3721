package survey_test

import (
	"errors"
	"math"
	"testing"

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
