package survey_test

import (
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

// TestQuantileR: design-based quantiles with Woodruff intervals against R
// (survey 4.1-1; its svyquantile defaults interval.type = "mean" and
// qrule = "math"):
//
//	svyquantile(~api00, dclus1, c(0.25, 0.5, 0.9))
//	svyquantile(~api00, dstrat, c(0.25, 0.5, 0.9))
//
// The quantiles and bounds are data values (exact); SE = (U - L)/(2 t)
// to 1e-12.
func TestQuantileR(t *testing.T) {
	t.Parallel()
	d1, c1 := dclus1(t)
	ds, cs := dstrat(t)
	for _, tc := range []struct {
		name string
		d    *survey.Design
		cols map[string][]string
		want [3][4]float64 // quantile, lower, upper, se
	}{
		{"dclus1", d1, c1, [3][4]float64{{552, 492, 627, 31.471661205399485}, {652, 561, 714, 35.667882699452747}, {781, 745, 836, 21.214230886602614}}},
		{"dstrat", ds, cs, [3][4]float64{{565, 535, 597, 15.719451132039083}, {668, 642, 694, 13.184055788161812}, {836, 806, 865, 14.958832528875902}}},
	} {
		y := numbers(t, tc.cols["api00"])
		for k, p := range []float64{0.25, 0.5, 0.9} {
			q, err := tc.d.Quantile(y, nil, p, 0.95, survey.EstimateSettings{})
			if err != nil {
				t.Fatal(err)
			}
			w := tc.want[k]
			if q.Quantile != w[0] || q.Lower != w[1] || q.Upper != w[2] || !near(q.SE, w[3], 1e-12) {
				t.Errorf("%s p=%v: %+v, R %v", tc.name, p, q, w)
			}
		}
	}
	// Hand-computed: values 1..4 with weights 1, 1, 1, 1: W = 4, the
	// median is the smallest y with cumulative weight >= 2, that is 2 (no
	// interpolation); p = 0.6 needs 2.4, so 3.
	rs := make([]survey.Respondent, 4)
	for i := range rs {
		rs[i] = survey.Respondent{ID: string(rune('a' + i)), Weight: 1}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]float64{{0.5, 2}, {0.6, 3}, {0, 1}, {1, 4}} {
		q, err := d.Quantile([]float64{4, 1, 3, 2}, nil, c[0], 0.95, survey.EstimateSettings{})
		if err != nil || q.Quantile != c[1] {
			t.Errorf("p=%v: %v, %v, want %v", c[0], q.Quantile, err, c[1])
		}
	}
}

// TestRatioR: ratio estimators against R (survey 4.1-1):
//
//	svyratio(~api00, ~api99, dclus1)   # 1.061272810752901, SE 0.0062308312166094101
//	svyratio(~enroll, ~api00, dstrat)  # 0.89882756375694572, SE 0.033413972231048507
//	svyby(~api00, ~stype, dclus1, svyratio, denominator=~api99)
func TestRatioR(t *testing.T) {
	t.Parallel()
	d1, c1 := dclus1(t)
	ds, cs := dstrat(t)
	r, err := d1.Ratio(numbers(t, c1["api00"]), numbers(t, c1["api99"]), nil, survey.EstimateSettings{})
	if err != nil || !near(r.Ratio, 1.061272810752901, 1e-13) || !near(r.SE, 0.0062308312166094101, 1e-10) {
		t.Errorf("dclus1: %+v, %v", r, err)
	}
	r, err = ds.Ratio(numbers(t, cs["enroll"]), numbers(t, cs["api00"]), nil, survey.EstimateSettings{})
	if err != nil || !near(r.Ratio, 0.89882756375694572, 1e-13) || !near(r.SE, 0.033413972231048507, 1e-10) {
		t.Errorf("dstrat: %+v, %v", r, err)
	}
	want := map[string][2]float64{"E": {1.0675830077009210, 0.0070624409215208246}, "H": {1.0383693045563549, 0.0113436241760875300}, "M": {1.0375287545185672, 0.0103372280520966225}}
	for s, w := range want {
		dom := make([]bool, d1.Len())
		for i := range dom {
			dom[i] = c1["stype"][i] == s
		}
		r, err := d1.Ratio(numbers(t, c1["api00"]), numbers(t, c1["api99"]), dom, survey.EstimateSettings{})
		if err != nil || !near(r.Ratio, w[0], 1e-13) || !near(r.SE, w[1], 1e-10) {
			t.Errorf("stype %s: %+v, %v, R %v", s, r, err, w)
		}
	}
	// A NaN is an error, or outside the domain under MissingDomain.
	y := numbers(t, c1["api00"])
	y[0] = math.NaN()
	if _, err := d1.Ratio(y, numbers(t, c1["api99"]), nil, survey.EstimateSettings{}); err == nil {
		t.Error("NaN accepted")
	}
}
