package golden

import (
	"context"
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/survey"
)

func recordEstimate(r *record, name string, e survey.Estimate) {
	r.f(name+".Mean", e.Mean)
	r.f(name+".SEMean", e.SEMean)
	r.f(name+".Total", e.Total)
	r.f(name+".SETotal", e.SETotal)
	r.f(name+".DeffMean", e.DeffMean)
	r.f(name+".DeffTotal", e.DeffTotal)
}

func TestSurvey(t *testing.T) {
	t.Parallel()
	var r record
	ctx := context.Background()
	src := rng.New(4242, 0)
	var rs []survey.Respondent
	var y, yb []float64
	var domain []bool
	sexes, ages := []string{"f", "m"}, []string{"18-39", "40-59", "60+"}
	for h := 0; h < 3; h++ {
		for c := 0; c < 6; c++ {
			m := 5 + src.IntN(6)
			for k := 0; k < m; k++ {
				sex, age := sexes[src.IntN(2)], ages[src.IntN(3)]
				rs = append(rs, survey.Respondent{
					ID:      fmt.Sprintf("r%d-%d-%d", h, c, k),
					Stratum: fmt.Sprintf("s%d", h),
					PSU:     fmt.Sprintf("p%d-%d", h, c),
					Weight:  float64(50 + float64(100*src.Float64())),
					Attr:    map[string]string{"sex": sex, "age": age},
				})
				v := float64(min(5, max(1, 3+int(float64(1.2*rng.Normal(src))+float64(0.3*float64(h))))))
				y = append(y, v)
				if v >= 4 {
					yb = append(yb, 1)
				} else {
					yb = append(yb, 0)
				}
				domain = append(domain, sex == "f")
			}
		}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := d.Estimate(y, survey.EstimateSettings{})
	r.err("Estimate", err)
	recordEstimate(&r, "Estimate", e)
	e, err = d.EstimateDomain(y, domain, survey.EstimateSettings{})
	r.err("EstimateDomain", err)
	recordEstimate(&r, "EstimateDomain", e)
	for _, m := range []survey.PropMethod{survey.PropLogit, survey.PropMean, survey.PropBeta, survey.PropLikelihood} {
		ci, err := d.PropCI(yb, survey.PropSettings{Method: m})
		name := fmt.Sprintf("PropCI(%v)", m)
		r.err(name, err)
		r.fs(name, []float64{ci.Estimate, ci.Lower, ci.Upper, ci.SE})
	}

	col := func(name string) []string {
		v, err := d.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	sexMargin, err := survey.NewMargin("sex", col("sex"), map[string]float64{"f": 52000, "m": 48000})
	if err != nil {
		t.Fatal(err)
	}
	ageMargin, err := survey.NewMargin("age", col("age"), map[string]float64{"18-39": 35000, "40-59": 38000, "60+": 27000})
	if err != nil {
		t.Fatal(err)
	}
	raked, rr, err := d.Rake(ctx, []survey.Margin{sexMargin, ageMargin}, survey.RakeSettings{})
	r.err("Rake", err)
	r.fs("Rake.Weights", rr.Weights)
	r.i("Rake.Iterations", rr.Iterations)
	if raked != nil {
		e, err = raked.Estimate(y, survey.EstimateSettings{})
		r.err("Rake.Estimate", err)
		recordEstimate(&r, "Rake.Estimate", e)
	}

	n := d.Len()
	x := mat.NewDense(n, 3, nil)
	sexCol, ageCol := col("sex"), col("age")
	for i := 0; i < n; i++ {
		x.Set(i, 0, 1)
		if sexCol[i] == "f" {
			x.Set(i, 1, 1)
		}
		if ageCol[i] == "60+" {
			x.Set(i, 2, 1)
		}
	}
	for _, dist := range []survey.Distance{survey.Linear, survey.Raking} {
		name := fmt.Sprintf("Calibrate(%v)", dist)
		cd, cr, err := d.Calibrate(ctx, x, []float64{100000, 52000, 27000}, survey.CalibrateSettings{Distance: dist})
		r.err(name, err)
		r.fs(name+".Weights", cr.Weights)
		if cd != nil {
			e, err = cd.Estimate(y, survey.EstimateSettings{})
			r.err(name+".Estimate", err)
			recordEstimate(&r, name+".Estimate", e)
		}
	}

	ps, err := d.PostStratify(sexCol, map[string]float64{"f": 52000, "m": 48000})
	r.err("PostStratify", err)
	if ps != nil {
		e, err = ps.Estimate(y, survey.EstimateSettings{})
		r.err("PostStratify.Estimate", err)
		recordEstimate(&r, "PostStratify.Estimate", e)
	}

	tr, trr, err := d.Trim(survey.TrimSettings{Upper: 140})
	r.err("Trim", err)
	_ = trr
	if tr != nil {
		r.fs("Trim.Weights", tr.Weights())
	}

	for _, m := range []survey.ReplicateMethod{survey.JK1, survey.JKn, survey.Bootstrap} {
		name := fmt.Sprintf("Replicates(%v)", m)
		rd, err := d.Replicates(ctx, survey.ReplicateSettings{Method: m, Replicates: 20, Seed: 9})
		r.err(name, err)
		if rd == nil {
			continue
		}
		re, err := rd.Estimate(y, survey.EstimateSettings{})
		r.err(name+".Estimate", err)
		r.fs(name+".Estimate", []float64{re.Mean, re.SEMean, re.Total, re.SETotal})
	}

	for _, m := range []survey.BinomialMethod{survey.Wilson, survey.Wald, survey.ClopperPearson, survey.AgrestiCoull} {
		for _, xn := range [][2]int{{0, 20}, {7, 20}, {180, 200}, {1234, 2000}} {
			ci, err := survey.BinomialCI(xn[0], xn[1], 0.95, m)
			name := fmt.Sprintf("BinomialCI(%d,%d,%v)", xn[0], xn[1], m)
			r.err(name, err)
			r.fs(name, []float64{ci.Estimate, ci.Lower, ci.Upper})
		}
	}
	// Per-unit satisfaction from long-form answers: every respondent rates
	// three of six departments on Hangzhou's four-option scale.
	scale := survey.HangzhouScale()
	var answers []survey.Answer
	for i, id := range d.IDs() {
		for j := 0; j < 3; j++ {
			unit := fmt.Sprintf("dept%d", (i+2*j)%6)
			c := min(3, max(0, int(float64(1+float64(0.8*rng.Normal(src)))+float64(0.1*float64((i+2*j)%6)))))
			answers = append(answers, survey.Answer{Respondent: id, Unit: unit, Item: "overall", Value: scale.Categories[c].Label})
		}
	}
	as, err := d.Answers(answers, scale)
	r.err("Answers", err)
	if as != nil {
		for _, m := range []survey.Measure{survey.MeanScore, survey.SatisfactionRate, survey.NetSatisfaction} {
			ue, err := as.Estimates(ctx, survey.UnitSettings{Measure: m, Item: "overall"})
			name := fmt.Sprintf("Estimates(%v)", m)
			r.err(name, err)
			for _, u := range ue {
				r.fs(name+"."+u.Unit, []float64{u.Value, u.SE, u.Deff})
			}
		}
	}

	cb, err := survey.Combine([]float64{82.1, 85.4, 79.9}, []float64{0.9, 1.4, 2.2}, []float64{6, 3, 1})
	r.err("Combine", err)
	r.fs("Combine", []float64{cb.Value, cb.SE})
	for _, m := range []survey.Allocation{survey.Proportional, survey.Neyman, survey.Equal} {
		al, err := survey.Allocate(1000, []float64{52000, 31000, 17000, 9000}, []float64{0.9, 1.2, 1.5, 2.1}, survey.AllocateSettings{Method: m, Min: 30})
		name := fmt.Sprintf("Allocate(%v)", m)
		r.err(name, err)
		r.fs(name, al)
	}
	ss, err := survey.SampleSize(survey.SampleSizeSettings{Margin: 0.03, Level: 0.95, P: 0.8, Deff: 1.6, Population: 250000, ResponseRate: 0.62})
	r.err("SampleSize", err)
	r.fs("SampleSize", []float64{ss.SRS, ss.Design, ss.Completed, ss.Issued})

	k, err := survey.Kish(d.Weights())
	r.err("Kish", err)
	r.fs("Kish", []float64{k.Deff, k.NEff, k.CV})
	r.check(t, "survey")
}
