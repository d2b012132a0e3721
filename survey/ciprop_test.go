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
