package survey_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"pgregory.net/rapid"
)

// jk1Survey: five respondents in four PSUs (p1: r1, r2; p2: r3; p3: r4;
// p4: r5), weights 1, rating units A and B on the ten-point scale:
// A: r1 8, r2 4, r3 6, r4 10; B: r1 9, r5 5.
func jk1Survey(t *testing.T) *survey.AnswerSet {
	t.Helper()
	rs := []survey.Respondent{
		{ID: "r1", PSU: "p1", Weight: 1, Group: "phone"},
		{ID: "r2", PSU: "p1", Weight: 1, Group: "form"},
		{ID: "r3", PSU: "p2", Weight: 1, Group: "phone"},
		{ID: "r4", PSU: "p3", Weight: 1, Group: "form"},
		{ID: "r5", PSU: "p4", Weight: 1, Group: "form"},
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	as := []survey.Answer{
		{Respondent: "r1", Unit: "A", Value: "8"}, {Respondent: "r2", Unit: "A", Value: "4"},
		{Respondent: "r3", Unit: "A", Value: "6"}, {Respondent: "r4", Unit: "A", Value: "10"},
		{Respondent: "r1", Unit: "B", Value: "9"}, {Respondent: "r5", Unit: "B", Value: "5"},
	}
	set, err := d.Answers(as, survey.TenPointScale())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestUnitReplicateJK1ByHand checks per-unit JK1 standard errors against
// a derivation by hand, which is what R's
// svyby(~y, ~unit, as.svrepdesign(des, type = "JK1"), svymean) computes:
// replicate r deletes PSU r and multiplies the others by 4/3 (the ratio
// does not change), scale = (n-1)/n = 3/4.
//
// Unit A (full mean 28/4 = 7); deleting p1, p2, p3, p4 leaves
// {6, 10}, {8, 4, 10}, {8, 4, 6}, {8, 4, 6, 10}: replicate means 8, 22/3,
// 6, 7, whose mean is 85/12. Deviations 11/12, 3/12, -13/12, -1/12 have
// squares summing to 300/144 = 25/12, so V = 3/4 * 25/12 = 25/16 and
// SE = 5/4. With mse (centre 7): deviations 1, 1/3, -1, 0, V = 3/4 * 19/9
// = 19/12.
//
// Unit B (full mean 7): replicate means 5, 7, 7, 9, centre 7, squares 8,
// V = 6 either way.
//
// The replicate matrix has rank 4, so DF = 3, the interval of A's mean
// score is 7 -+ t_{3, 0.975} 5/4 = 7 -+ 3.182446305284263 * 1.25.
func TestUnitReplicateJK1ByHand(t *testing.T) {
	t.Parallel()
	set := jk1Survey(t)
	ctx := context.Background()
	want := []struct{ se, mse float64 }{{1.25, math.Sqrt(19.0 / 12)}, {math.Sqrt(6), math.Sqrt(6)}}
	for _, c := range []survey.Centre{survey.CentreReplicateMean, survey.CentreFullSample} {
		rd, err := set.Design().Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1, Centre: c})
		if err != nil {
			t.Fatal(err)
		}
		got, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, Replicates: rd, Level: 0.95})
		if err != nil {
			t.Fatal(err)
		}
		for u, e := range got {
			w := want[u].se
			if c == survey.CentreFullSample {
				w = want[u].mse
			}
			if e.Value != 7 || !near(e.SE, w, 1e-14) || e.DF != 3 || !math.IsNaN(e.Deff) {
				t.Errorf("%v unit %s: %+v, want value 7, SE %v, DF 3, Deff NaN", c, e.Unit, e, w)
			}
		}
		if c == survey.CentreReplicateMean {
			h := 3.182446305284263 * 1.25
			if !near(got[0].Lower, 7-h, 1e-12) || !near(got[0].Upper, 7+h, 1e-12) {
				t.Errorf("interval [%v, %v], want 7 -+ %v", got[0].Lower, got[0].Upper, h)
			}
		}
	}
}

// TestUnitReplicateGroups: with group weights, each replicate's value is
// the group combination under that replicate's weights; checked against
// a direct computation from ReplicateDesign.Weights. Unit B's form group
// (r5 only) is empty in the replicate that deletes p4, an error naming
// the unit and the replicate.
func TestUnitReplicateGroups(t *testing.T) {
	t.Parallel()
	set := jk1Survey(t)
	ctx := context.Background()
	rd, err := set.Design().Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1})
	if err != nil {
		t.Fatal(err)
	}
	gw := map[string]float64{"phone": 6, "form": 4}
	_, err = set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, GroupWeights: gw, Replicates: rd})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrEmptyCell) || !errors.As(err, &ce) || ce.Cell != "B" {
		t.Fatalf("error %v, want an empty cell naming unit B", err)
	}
	// Unit A alone: phone {r1 8, r3 6}, form {r2 4, r4 10}.
	a, err := set.Design().Answers([]survey.Answer{
		{Respondent: "r1", Unit: "A", Value: "8"}, {Respondent: "r2", Unit: "A", Value: "4"},
		{Respondent: "r3", Unit: "A", Value: "6"}, {Respondent: "r4", Unit: "A", Value: "10"},
	}, survey.TenPointScale())
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, GroupWeights: gw, Replicates: rd})
	if err != nil {
		t.Fatal(err)
	}
	y := []float64{8, 4, 6, 10, 0}
	phone := []bool{true, false, true, false, false}
	theta := make([]float64, rd.Len())
	var mean float64
	for k := range theta {
		w := rd.Weights(k)
		var wp, tp, wf, tf float64
		for i := 0; i < 4; i++ {
			if phone[i] {
				wp, tp = wp+w[i], tp+w[i]*y[i]
			} else {
				wf, tf = wf+w[i], tf+w[i]*y[i]
			}
		}
		theta[k] = 0.6*tp/wp + 0.4*tf/wf
		mean += theta[k] / float64(len(theta))
	}
	var v float64
	for _, x := range theta {
		v += (x - mean) * (x - mean)
	}
	v *= 0.75
	wantValue := 0.6*7 + 0.4*7
	if e := got[0]; !near(e.Value, wantValue, 1e-14) || !near(e.SE, math.Sqrt(v), 1e-12) || e.DF != 3 {
		t.Errorf("combined %+v, want value %v, SE %v, DF 3", e, wantValue, math.Sqrt(v))
	}
}

// TestUnitReplicateMatchesDomain: per-unit replicate SEs (JKn, bootstrap)
// equal ReplicateDesign.EstimateDomain on the unit's domain, whose
// whole-sample form matches R (s12-s14 reference vectors).
func TestUnitReplicateMatchesDomain(t *testing.T) {
	t.Parallel()
	d, as := smallSurvey(t)
	scale := survey.ShandongScale()
	set, err := d.Answers(as, scale)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, s := range []survey.ReplicateSettings{
		{Method: survey.JKn},
		{Method: survey.Bootstrap, Replicates: 50, Seed: 3},
		{Method: survey.Bootstrap, Replicates: 3, Seed: 3, Centre: survey.CentreFullSample},
	} {
		rd, err := d.Replicates(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, Item: "overall", Replicates: rd, Level: 0.9})
		if err != nil {
			t.Fatal(err)
		}
		for u, unit := range set.Units() {
			y := make([]float64, d.Len())
			dom := make([]bool, d.Len())
			for _, a := range as {
				if a.Unit != unit {
					continue
				}
				r, _ := d.Row(a.Respondent)
				k, _ := scale.Index(a.Value)
				if scale.Categories[k].Class == survey.ClassExcluded {
					continue
				}
				dom[r], y[r] = true, scale.Values(survey.MeanScore)[k]
			}
			want, err := rd.EstimateDomain(y, dom, survey.EstimateSettings{})
			if err != nil {
				t.Fatal(err)
			}
			if e := got[u]; !near(e.Value, want.Mean, 1e-12) || !near(e.SE, want.SEMean, 1e-12) || e.DF != want.DF {
				t.Errorf("%v unit %s: %+v, want %+v", s.Method, unit, e, want)
			}
		}
	}
}

// TestReplicateDF: R's degf of a replicate design is the rank of the
// replicate weights minus 1. JK1 on dclus1 (15 PSUs): rank 15, df 14.
// JKn on dstrat (200 PSUs, 3 strata): each stratum's replicates sum to
// n_h times the full weights, so rank 200 - 3 + 1 and df 197. Bootstrap
// with 5 replicates: rank 5, df 4; with 300 replicates on dclus1: rank
// at most 15, df 14.
func TestReplicateDF(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c1, _ := dclus1(t)
	st, _ := dstrat(t)
	for _, c := range []struct {
		d    *survey.Design
		s    survey.ReplicateSettings
		want int
	}{
		{c1, survey.ReplicateSettings{Method: survey.JK1}, 14},
		{st, survey.ReplicateSettings{Method: survey.JKn}, 197},
		{st, survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 5}, 4},
		{c1, survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 300}, 14},
	} {
		rd, err := c.d.Replicates(ctx, c.s)
		if err != nil {
			t.Fatal(err)
		}
		if got := rd.DF(); got != c.want {
			t.Errorf("%v (%d replicates): DF %d, want %d", c.s.Method, rd.Len(), got, c.want)
		}
	}
}

// TestPropertyUnitReplicates: per-unit replicate values and standard
// errors do not change when every design weight is multiplied by c (each
// replicate estimate is a ratio), the replicate df is at most the
// linearisation df for the jackknife, and a unit rated by every
// respondent has the whole-sample replicate SE of ReplicateDesign.Estimate.
func TestPropertyUnitReplicates(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		rs, _, y, _ := drawRespondents(t)
		c := rapid.Float64Range(0.01, 100).Draw(t, "c")
		scaled := slices.Clone(rs)
		for i := range scaled {
			scaled[i].Weight = float64(c * rs[i].Weight)
		}
		var as []survey.Answer
		for i, r := range rs {
			as = append(as, survey.Answer{Respondent: r.ID, Unit: "all", Value: strconv.Itoa(1 + 9*int(y[i]))})
		}
		ctx := context.Background()
		var got [2]survey.UnitEstimate
		for k, r := range [][]survey.Respondent{rs, scaled} {
			d, err := survey.NewDesign(r, survey.DesignOptions{})
			if err != nil {
				t.Fatal(err)
			}
			rd, err := d.Replicates(ctx, survey.ReplicateSettings{Method: survey.JKn})
			if err != nil {
				t.Fatal(err)
			}
			set, err := d.Answers(as, survey.TenPointScale())
			if err != nil {
				t.Fatal(err)
			}
			e, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, Replicates: rd})
			if err != nil {
				t.Fatal(err)
			}
			got[k] = e[0]
			if e[0].DF > d.DF() {
				t.Fatalf("replicate df %d > linearisation df %d", e[0].DF, d.DF())
			}
			yy := make([]float64, len(y))
			for i := range y {
				yy[i] = float64(1 + 9*y[i])
			}
			whole, err := rd.Estimate(yy, survey.EstimateSettings{})
			if err != nil {
				t.Fatal(err)
			}
			if !nearSE(e[0].SE, whole.SEMean, e[0].Value) || e[0].DF != whole.DF {
				t.Fatalf("unit SE %v (df %d), whole-sample %v (df %d)", e[0].SE, e[0].DF, whole.SEMean, whole.DF)
			}
		}
		if !near(got[0].Value, got[1].Value, propTol) || !nearSE(got[0].SE, got[1].SE, got[1].Value) {
			t.Fatalf("scaling by %v: %+v vs %+v", c, got[0], got[1])
		}
	})
}

// TestUnitReplicateEmpty checks what a replicate without weight in a
// unit's domain does. Unit C is answered by r3 alone, in PSU p2, so the
// JK1 replicate that deletes p2 (replicate 1) leaves C no weight: by
// default an error naming unit C and replicate 1; with EmptyReplicateNaN,
// C gets a NaN SE and interval (as R's svyby, whose replicate mean is
// 0/0) while A keeps the standard error of TestUnitReplicateJK1ByHand
// (5/4) and C its value 6, N 1 and the design's DF 3.
func TestUnitReplicateEmpty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := jk1Survey(t)
	set, err := base.Design().Answers([]survey.Answer{
		{Respondent: "r1", Unit: "A", Value: "8"}, {Respondent: "r2", Unit: "A", Value: "4"},
		{Respondent: "r3", Unit: "A", Value: "6"}, {Respondent: "r4", Unit: "A", Value: "10"},
		{Respondent: "r3", Unit: "C", Value: "6"},
	}, survey.TenPointScale())
	if err != nil {
		t.Fatal(err)
	}
	rd, err := set.Design().Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1})
	if err != nil {
		t.Fatal(err)
	}
	us := survey.UnitSettings{Measure: survey.MeanScore, Replicates: rd, Level: 0.95}
	_, err = set.Estimates(ctx, us)
	var unit, rep *survey.CellError
	if !errors.Is(err, survey.ErrEmptyCell) || !errors.As(err, &unit) || unit.Variable != "unit" || unit.Cell != "C" ||
		!errors.As(unit.Err, &rep) || rep.Variable != "replicate" || rep.Cell != "1" {
		t.Errorf("default: error %v, want an empty cell naming unit C and replicate 1", err)
	}
	us.EmptyReplicate = survey.EmptyReplicateNaN
	got, err := set.Estimates(ctx, us)
	if err != nil {
		t.Fatal(err)
	}
	if a := got[0]; a.Unit != "A" || a.Value != 7 || !near(a.SE, 1.25, 1e-14) || math.IsNaN(a.Lower) || math.IsNaN(a.Upper) {
		t.Errorf("unit A: %+v, want value 7, SE 1.25 and an interval", a)
	}
	if c := got[1]; c.Unit != "C" || c.Value != 6 || c.N != 1 || c.DF != 3 || !math.IsNaN(c.SE) || !math.IsNaN(c.Lower) || !math.IsNaN(c.Upper) || !math.IsNaN(c.Deff) {
		t.Errorf("unit C: %+v, want value 6, N 1, DF 3 and NaN SE, bounds and deff", c)
	}
	// The groups' form of the same rule: unit B's form group is empty in
	// the replicate that deletes p4 (see TestUnitReplicateGroups).
	gw := map[string]float64{"phone": 6, "form": 4}
	got, err = base.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, GroupWeights: gw, Replicates: rd, EmptyReplicate: survey.EmptyReplicateNaN})
	if err != nil {
		t.Fatal(err)
	}
	if b := got[1]; b.Unit != "B" || !math.IsNaN(b.SE) || math.IsNaN(b.Value) || math.IsNaN(got[0].SE) {
		t.Errorf("groups: %+v, want B with a value and a NaN SE, A with an SE", got)
	}
}

func TestEmptyReplicateText(t *testing.T) {
	t.Parallel()
	for _, e := range []survey.EmptyReplicate{survey.EmptyReplicateError, survey.EmptyReplicateNaN} {
		b, err := e.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back survey.EmptyReplicate
		if err := back.UnmarshalText(b); err != nil || back != e || e.String() != string(b) {
			t.Errorf("%v: text %q, back %v, %v", int(e), b, back, err)
		}
	}
}

// TestEmptyReplicateUnknownPanics: an unknown EmptyReplicate is a
// programmer error.
func TestEmptyReplicateUnknownPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("Estimates with EmptyReplicate 7 did not panic")
		}
	}()
	_, _ = jk1Survey(t).Estimates(context.Background(), survey.UnitSettings{EmptyReplicate: 7})
}
