package survey_test

import (
	"errors"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

// TestPropLikelihoodExactRoot checks the likelihood interval against the
// exact root of survey's defining equation given in the notes of
// testdata/reference/survey/s11_svyciprop_likelihood_dclus1_ell0.json:
// [0.00066533381244048831, 0.10812077758572244] (R's own spline-interpolated
// bounds are 0.2-0.3 % away from it).
func TestPropLikelihoodExactRoot(t *testing.T) {
	t.Parallel()
	d, _ := dclus1(t)
	ell, err := d.Numeric("ell")
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(ell))
	for i, v := range ell {
		if v == 0 {
			y[i] = 1
		}
	}
	ci, err := d.PropCI(y, survey.PropSettings{Method: survey.PropLikelihood})
	if err != nil {
		t.Fatal(err)
	}
	// The root is found to machine precision; the remaining difference
	// (1.6e-4 and 3.6e-5 relative) comes from a 6e-5 relative difference
	// in the critical value phi*t^2*lambda: the generator takes lambda =
	// V_design/V_naive from svyglm, whose naive variance is evaluated at
	// the working weights of the last-but-one IRLS step (glm stops at a
	// relative deviance change of 1e-8), while here it is exact at p.
	const tol = 2e-4
	if !near(ci.Lower, 0.00066533381244048831, tol) || !near(ci.Upper, 0.10812077758572244, tol) {
		t.Errorf("likelihood CI = [%.17g, %.17g], want the exact root [0.00066533381244048831, 0.10812077758572244]", ci.Lower, ci.Upper)
	}
}

// TestPropCIErrors: zero degrees of freedom is an error, not a zero-width
// interval.
func TestPropCIErrors(t *testing.T) {
	t.Parallel()
	rs := []survey.Respondent{{ID: "a", PSU: "1", Weight: 1}, {ID: "b", PSU: "1", Weight: 1}}
	// One PSU in one stratum: SingletonRemove gets past the variance, and
	// df = 1 PSU - 1 stratum = 0 must then be the error.
	d, err := survey.NewDesign(rs, survey.DesignOptions{Singleton: survey.SingletonRemove})
	if err != nil {
		t.Fatal(err)
	}
	for m := survey.PropLogit; m <= survey.PropLikelihood; m++ {
		_, err := d.PropCI([]float64{0, 1}, survey.PropSettings{Method: m})
		if !errors.Is(err, survey.ErrDegreesOfFreedom) {
			t.Errorf("%v: err = %v, want ErrDegreesOfFreedom", m, err)
		}
	}
}

// TestPropCIFromSE: the interval from an estimate and its SE is the one
// PropCI computes from the data (same p, SE, df and n), for every method
// but the likelihood, which needs the data.
func TestPropCIFromSE(t *testing.T) {
	t.Parallel()
	rs := make([]survey.Respondent, 8)
	y := make([]float64, 8)
	for i := range rs {
		rs[i] = survey.Respondent{ID: string(rune('a' + i)), Stratum: string(rune('x' + i%2)), PSU: string(rune('a' + i%4)), Weight: float64(1 + i%3)}
		y[i] = float64(i % 3 % 2)
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for m := survey.PropLogit; m < survey.PropLikelihood; m++ {
		want, err := d.PropCI(y, survey.PropSettings{Method: m, Level: 0.9})
		if err != nil {
			t.Fatal(err)
		}
		got, err := survey.PropCIFromSE(m, want.Estimate, want.SE, want.DF, want.N, 0.9)
		if err != nil || got != want {
			t.Errorf("%v: %+v (%v), want %+v", m, got, err, want)
		}
	}
	if _, err := survey.PropCIFromSE(survey.PropLikelihood, 0.5, 0.1, 3, 8, 0.95); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("likelihood: err = %v", err)
	}
	for _, df := range []int{0, -1} {
		if _, err := survey.PropCIFromSE(survey.PropBeta, 0.5, 0.1, df, 8, 0.95); !errors.Is(err, survey.ErrDegreesOfFreedom) {
			t.Errorf("df %d: err = %v", df, err)
		}
		if _, _, err := survey.TInterval(0.5, 0.1, df, 0.95); !errors.Is(err, survey.ErrDegreesOfFreedom) {
			t.Errorf("TInterval df %d: err = %v", df, err)
		}
	}
}
