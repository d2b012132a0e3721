package survey_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

// repCheck compares the replicate mean and total SEs of api00 and enroll
// with R's.
func repCheck(t *testing.T, rd *survey.ReplicateDesign, cols map[string][]string, seMean, seTotal [2]float64, tol float64) {
	t.Helper()
	for k, v := range []string{"api00", "enroll"} {
		e, err := rd.Estimate(numbers(t, cols[v]), survey.EstimateSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !near(e.SEMean, seMean[k], tol) || !near(e.SETotal, seTotal[k], tol) {
			t.Errorf("%s: SE mean %.17g (R %.17g), SE total %.17g (R %.17g)", v, e.SEMean, seMean[k], e.SETotal, seTotal[k])
		}
	}
}

// TestReplicatesRedoRaking: replicate SEs after raking a stratified
// cluster sample equal R's (survey 4.1-1), which rakes every replicate:
//
//	d <- svydesign(id=~dnum, strata=~stype, weights=~pw, data=apistrat, nest=TRUE)
//	rr <- rake(as.svrepdesign(d, type="JKn"), list(~sch.wide, ~comp.imp),
//	      list(data.frame(sch.wide=c("No","Yes"), Freq=c(1072,5122)),
//	           data.frame(comp.imp=c("No","Yes"), Freq=c(1712,4482))),
//	      control=list(maxit=100, epsilon=1e-12))
//	SE(svymean(~api00+enroll, rr)); SE(svytotal(~api00+enroll, rr))
//
// R stops raking the replicates after the sweeps the full sample needed;
// here each replicate is raked to RakeSettings' tolerance: 1e-8.
func TestReplicatesRedoRaking(t *testing.T) {
	t.Parallel()
	cols := apiTable(t, "apistrat.csv")
	pw := numbers(t, cols["pw"])
	rs := make([]survey.Respondent, len(pw))
	for i := range rs {
		rs[i] = survey.Respondent{ID: cols["snum"][i], Stratum: cols["stype"][i], PSU: cols["dnum"][i], Weight: pw[i]}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{Nest: true})
	if err != nil {
		t.Fatal(err)
	}
	sw, err := survey.NewMargin("sch.wide", cols["sch.wide"], map[string]float64{"No": 1072, "Yes": 5122})
	if err != nil {
		t.Fatal(err)
	}
	ci, err := survey.NewMargin("comp.imp", cols["comp.imp"], map[string]float64{"No": 1712, "Yes": 4482})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	raked, _, err := d.Rake(ctx, []survey.Margin{sw, ci}, survey.RakeSettings{Tol: 1e-13, MaxIter: 1000})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := raked.Replicates(ctx, survey.ReplicateSettings{Method: survey.JKn})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rd.Adjustments(), []string{"rake"}) {
		t.Errorf("Adjustments = %q", rd.Adjustments())
	}
	repCheck(t, rd, cols, [2]float64{12.051273909027906, 23.527554695666471}, [2]float64{74645.590592517852, 145729.673784957355}, 1e-8)
	e, err := rd.Estimate(numbers(t, cols["api00"]), survey.EstimateSettings{})
	if err != nil || !near(e.Total, 4105087.0745575675, 1e-9) {
		t.Errorf("total api00 %v, %v", e.Total, err)
	}
	// Replicates of the same weights without the raking record (weights
	// adjusted elsewhere) leave the adjustment out: much larger SEs of
	// totals, and no adjustment named.
	rs2 := slices.Clone(rs)
	for i, w := range raked.Weights() {
		rs2[i].Weight = w
	}
	d2, err := survey.NewDesign(rs2, survey.DesignOptions{Nest: true})
	if err != nil {
		t.Fatal(err)
	}
	rd2, err := d2.Replicates(ctx, survey.ReplicateSettings{Method: survey.JKn})
	if err != nil {
		t.Fatal(err)
	}
	e2, err := rd2.Estimate(numbers(t, cols["api00"]), survey.EstimateSettings{})
	if err != nil || len(rd2.Adjustments()) != 0 || !(e2.SETotal > 2*e.SETotal) {
		t.Errorf("unadjusted replicates: SE total %v vs %v, adjustments %q, %v", e2.SETotal, e.SETotal, rd2.Adjustments(), err)
	}
}

// TestReplicatesRedoPostStratifyCalibrate: JK1 replicates of dclus1 with
// post-stratification and with calibration redone in every replicate, as
// R (survey 4.1-1):
//
//	rep1 <- as.svrepdesign(dclus1, type="JK1")
//	ps <- postStratify(rep1, ~stype, data.frame(stype=c("E","H","M"), Freq=c(4421,755,1018)))
//	cal <- calibrate(rep1, ~stype+api99, population=c(6194,755,1018,3914069),
//	       calfun=cf, epsilon=1e-12, maxit=100)   # cf "linear", "raking"
//	SE(svymean(~api00+enroll, .)); SE(svytotal(~api00+enroll, .))
func TestReplicatesRedoPostStratifyCalibrate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, cols := dclus1(t)
	ps, err := d.PostStratify(cols["stype"], map[string]float64{"E": 4421, "H": 755, "M": 1018})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := ps.Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1})
	if err != nil {
		t.Fatal(err)
	}
	repCheck(t, rd, cols, [2]float64{26.93453536742598, 76.43386451078122}, [2]float64{166832.51206583684, 473431.35677977902}, 1e-9)

	n := d.Len()
	api99 := numbers(t, cols["api99"])
	x := mat.NewDense(n, 4, nil)
	for i := 0; i < n; i++ {
		x.Set(i, 0, 1)
		if cols["stype"][i] == "H" {
			x.Set(i, 1, 1)
		}
		if cols["stype"][i] == "M" {
			x.Set(i, 2, 1)
		}
		x.Set(i, 3, api99[i])
	}
	T := []float64{6194, 755, 1018, 3914069}
	for _, tc := range []struct {
		dist            survey.Distance
		seMean, seTotal [2]float64
	}{
		{survey.Linear, [2]float64{3.9428544837676696, 77.2923577536030422}, [2]float64{24422.040672456766, 478748.863925816899}},
		{survey.Raking, [2]float64{3.8792836622570599, 78.2812281116889039}, [2]float64{24028.283004021494, 484873.926923799387}},
	} {
		cal, _, err := d.Calibrate(ctx, x, T, survey.CalibrateSettings{Distance: tc.dist, Tol: 1e-13})
		if err != nil {
			t.Fatal(err)
		}
		rd, err := cal.Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1})
		if err != nil {
			t.Fatal(err)
		}
		repCheck(t, rd, cols, tc.seMean, tc.seTotal, 1e-9)
	}
}

// TestReplicatesCertaintyStratum: a stratum sampled completely (f = 1)
// with one PSU gets no JKn replicate and contributes no variance, under
// the default SingletonFail, as in R:
//
//	cs <- data.frame(st=c("A","A","A","B","B"), psu=c("1","2","3","4","4"),
//	      y=c(3,5,10,7,9), w=c(3,3,3,1,1), N=c(9,9,9,1,1))
//	dc <- svydesign(id=~psu, strata=~st, weights=~w, fpc=~N, data=cs)
//	r <- as.svrepdesign(dc, type="JKn")   # 3 replicates, rscales 4/9
//	SE(svytotal(~y, r)); SE(svymean(~y, r))
//
// 15.297058540778355 and 1.3906416855253048; the JKn SE of a total equals
// the linearisation SE (algebraically, as here to the last digits).
func TestReplicatesCertaintyStratum(t *testing.T) {
	t.Parallel()
	st := []string{"A", "A", "A", "B", "B"}
	psu := []string{"1", "2", "3", "4", "4"}
	w := []float64{3, 3, 3, 1, 1}
	N := []float64{9, 9, 9, 1, 1}
	y := []float64{3, 5, 10, 7, 9}
	rs := make([]survey.Respondent, 5)
	for i := range rs {
		rs[i] = survey.Respondent{ID: string(rune('a' + i)), Stratum: st[i], PSU: psu[i], Weight: w[i], FPC: N[i]}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []survey.ReplicateMethod{survey.JKn, survey.Bootstrap} {
		rd, err := d.Replicates(context.Background(), survey.ReplicateSettings{Method: m, Replicates: 50})
		if err != nil {
			t.Fatalf("%v: %v", m, err)
		}
		if m != survey.JKn {
			continue
		}
		if rd.Len() != 3 {
			t.Errorf("%d replicates, want 3", rd.Len())
		}
		e, err := rd.Estimate(y, survey.EstimateSettings{})
		if err != nil || !near(e.SETotal, 15.297058540778355, 1e-12) || !near(e.SEMean, 1.3906416855253048, 1e-12) {
			t.Errorf("JKn: %+v, %v", e, err)
		}
		lin, err := d.Estimate(y, survey.EstimateSettings{})
		if err != nil || !near(lin.SETotal, 15.297058540778355, 1e-12) || math.IsNaN(lin.SEMean) {
			t.Errorf("linearisation: %+v, %v", lin, err)
		}
	}
}
