package survey_test

import (
	"context"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"pgregory.net/rapid"
)

// finiteAll reports whether every value is neither NaN nor infinite.
func finiteAll(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// TestPropertyEstimatesFinite is the survey side of "nothing silently
// wrong": for finite weights and values anywhere in the range of float64
// (magnitudes from 1e-300 to 1e300, the documented range of the inputs:
// finite, weights non-negative), every estimate, standard error and
// interval that Estimate, EstimateBy, the replicate Estimate and
// TInterval return with a nil error is finite, and an estimate that
// would not be is an error wrapping ErrOverflow. Before the change,
// weights of 1e300 and values of 1e300 gave a total of +Inf, a NaN mean
// and a NaN interval with a nil error.
func TestPropertyEstimatesFinite(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		mag := func(label string, signed bool) float64 {
			v := math.Pow(10, rapid.Float64Range(-300, 300).Draw(t, label))
			if signed && rapid.Bool().Draw(t, label+" sign") {
				v = -v
			}
			return v
		}
		n := rapid.IntRange(4, 24).Draw(t, "n")
		rs := make([]survey.Respondent, n)
		y := make([]float64, n)
		by := make([]string, n)
		for i := range rs {
			rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(i % 2), PSU: strconv.Itoa(i), Weight: mag("w", false)}
			y[i] = mag("y", true)
			by[i] = strconv.Itoa(i % 3)
		}
		d, err := survey.NewDesign(rs, survey.DesignOptions{})
		if errors.Is(err, survey.ErrOverflow) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, err error, v ...float64) {
			if err != nil {
				if !errors.Is(err, survey.ErrOverflow) {
					t.Fatalf("%s: %v", what, err)
				}
				return
			}
			if !finiteAll(v...) {
				t.Fatalf("%s: %v with a nil error", what, v)
			}
		}
		e, err := d.Estimate(y, survey.EstimateSettings{})
		check("Estimate", err, e.Mean, e.SEMean, e.Total, e.SETotal, e.PopSize)
		if err == nil {
			lo, hi, err := survey.TInterval(e.Mean, e.SEMean, e.DF, 0.95)
			check("TInterval of the mean", err, lo, hi)
			lo, hi, err = survey.TInterval(e.Total, e.SETotal, e.DF, 0.95)
			check("TInterval of the total", err, lo, hi)
		}
		des, err := d.EstimateBy(y, by, survey.EstimateSettings{})
		for _, de := range des {
			check("EstimateBy "+de.Domain, nil, de.Mean, de.SEMean, de.Total, de.SETotal, de.PopSize)
		}
		check("EstimateBy", err)
		rd, err := d.Replicates(context.Background(), survey.ReplicateSettings{Method: survey.JKn})
		if err != nil {
			t.Fatal(err)
		}
		re, err := rd.Estimate(y, survey.EstimateSettings{})
		check("replicate Estimate", err, re.Mean, re.SEMean, re.Total, re.SETotal)
	})
}

// TestPropertyUnitEstimatesFinite extends TestPropertyEstimatesFinite to
// the per-unit estimates of an AnswerSet: with weights anywhere from
// 1e-300 to 1e308 and answers on the Shandong scale, every unit's value,
// standard error, population size and interval (linearised, with a level;
// each measure; also the 6 : 4 group combination) is finite when
// Estimates returns a nil error, and an estimate that would not be is an
// error wrapping ErrOverflow. Without the unit check in Estimates it fails
// at once (weights near 1e308 give the 6 : 4 combination a value of +Inf
// and a NaN standard error with a nil error).
func TestPropertyUnitEstimatesFinite(t *testing.T) {
	t.Parallel()
	labels := []string{"满意", "基本满意", "不满意", "不了解"}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(6, 24).Draw(t, "n")
		rs := make([]survey.Respondent, n)
		var as []survey.Answer
		for i := range rs {
			g := "phone"
			if i%3 == 0 {
				g = "form"
			}
			w := math.Pow(10, rapid.Float64Range(-300, 308).Draw(t, "w"))
			rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(i % 2), PSU: strconv.Itoa(i), Weight: w, Group: g}
			for _, unit := range []string{"A", "B"} {
				as = append(as, survey.Answer{Respondent: rs[i].ID, Unit: unit, Item: "overall",
					Value: labels[rapid.IntRange(0, len(labels)-1).Draw(t, "answer")]})
			}
		}
		d, err := survey.NewDesign(rs, survey.DesignOptions{})
		if errors.Is(err, survey.ErrOverflow) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		set, err := d.Answers(as, survey.ShandongScale())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []survey.UnitSettings{
			{Measure: survey.MeanScore, Level: 0.95},
			{Measure: survey.SatisfactionRate, Level: 0.95},
			{Measure: survey.NetSatisfaction, Level: 0.95},
			{Measure: survey.MeanScore, Level: 0.95, GroupWeights: map[string]float64{"phone": 6, "form": 4}},
		} {
			es, err := set.Estimates(context.Background(), s)
			if err != nil {
				// A unit without a valid answer of positive weight, or one
				// respondent's domain without an interval, is an honest
				// error; so is an overflow. Anything else is not expected.
				if !errors.Is(err, survey.ErrOverflow) && !errors.Is(err, survey.ErrEmptyCell) && !errors.Is(err, survey.ErrDegreesOfFreedom) {
					t.Fatalf("%+v: %v", s, err)
				}
				continue
			}
			for _, e := range es {
				if !finiteAll(e.Value, e.SE, e.PopSize, e.Lower, e.Upper) {
					t.Fatalf("%+v: unit %s: %+v with a nil error", s, e.Unit, e)
				}
			}
		}
	})
}
