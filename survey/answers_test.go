package survey_test

import (
	"context"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

// smallSurvey: 12 respondents in 2 strata x 2 PSUs, groups "phone" and
// "form", rating units A and B on the Shandong scale (some "don't know").
func smallSurvey(t *testing.T) (*survey.Design, []survey.Answer) {
	t.Helper()
	rs := make([]survey.Respondent, 12)
	for i := range rs {
		g := "phone"
		if i%3 == 0 {
			g = "form"
		}
		rs[i] = survey.Respondent{ID: "r" + strconv.Itoa(i), Stratum: strconv.Itoa(i % 2), PSU: strconv.Itoa(i % 4), Weight: float64(1 + i%5), Group: g}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{"满意", "基本满意", "不满意", "不了解"}
	var as []survey.Answer
	for i := range rs {
		for u, unit := range []string{"A", "B"} {
			as = append(as, survey.Answer{Respondent: rs[i].ID, Unit: unit, Item: "overall", Value: labels[(i*(u+2)+u)%4]})
		}
	}
	return d, as
}

// TestUnitEstimatesMatchDomain: a unit's value and SE are those of the
// domain estimate over respondents with a valid answer (Shandong points,
// 不了解 excluded), and its category counts reproduce the value.
func TestUnitEstimatesMatchDomain(t *testing.T) {
	t.Parallel()
	d, as := smallSurvey(t)
	scale := survey.ShandongScale()
	set, err := d.Answers(as, scale)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []survey.Measure{survey.MeanScore, survey.SatisfactionRate, survey.NetSatisfaction} {
		got, err := set.Estimates(context.Background(), survey.UnitSettings{Measure: m, Item: "overall"})
		if err != nil {
			t.Fatal(err)
		}
		cc, err := set.CategoryCounts("overall")
		if err != nil {
			t.Fatal(err)
		}
		vals := scale.Values(m)
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
				dom[r] = true
				y[r] = scale.Values(m)[k]
			}
			want, err := d.EstimateDomain(y, dom, survey.EstimateSettings{})
			if err != nil {
				t.Fatal(err)
			}
			e := got[u]
			if e.Unit != unit || !near(e.Value, want.Mean, 1e-12) || !near(e.SE, want.SEMean, 1e-12) || e.N != want.N {
				t.Errorf("%v unit %s: %+v, want mean %v se %v", m, unit, e, want.Mean, want.SEMean)
			}
			var num, den float64
			for k, c := range cc.Weighted[u] {
				num += vals[k] * c
				den += c
			}
			if !near(num/den, e.Value, 1e-12) || cc.Excluded[u] != e.Excluded {
				t.Errorf("%v unit %s: counts give %v, excluded %d; estimate %v, excluded %d", m, unit, num/den, cc.Excluded[u], e.Value, e.Excluded)
			}
		}
	}
}

// TestGroupCombination: with all weight on one group the combination is
// that group's estimate; with 6 : 4 it is the weighted mean of the two.
func TestGroupCombination(t *testing.T) {
	t.Parallel()
	d, as := smallSurvey(t)
	set, err := d.Answers(as, survey.ShandongScale())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	phone, err := set.Estimates(ctx, survey.UnitSettings{Group: "phone"})
	if err != nil {
		t.Fatal(err)
	}
	form, err := set.Estimates(ctx, survey.UnitSettings{Group: "form"})
	if err != nil {
		t.Fatal(err)
	}
	only, err := set.Estimates(ctx, survey.UnitSettings{GroupWeights: map[string]float64{"phone": 1, "form": 0}})
	if err != nil {
		t.Fatal(err)
	}
	mix, err := set.Estimates(ctx, survey.UnitSettings{GroupWeights: map[string]float64{"phone": 6, "form": 4}})
	if err != nil {
		t.Fatal(err)
	}
	for u := range phone {
		if !near(only[u].Value, phone[u].Value, 1e-12) || !near(only[u].SE, phone[u].SE, 1e-12) {
			t.Errorf("unit %d: phone only %+v, want %+v", u, only[u], phone[u])
		}
		want := 0.6*phone[u].Value + 0.4*form[u].Value
		if !near(mix[u].Value, want, 1e-12) || !(mix[u].SE > 0) {
			t.Errorf("unit %d: 6:4 = %+v, want value %v", u, mix[u], want)
		}
	}
	// Independent computation of the 6:4 SE when the groups share PSUs:
	// the combination sum_g a_g m_g (a = 0.6, 0.4) of domain means
	// m_g = T_g/W_g linearises to z_i = a_g w_i (y_i - m_g)/W_g for the
	// respondents i of group g with a valid answer (0 elsewhere), and
	// V = sum_h n_h/(n_h - 1) sum_{PSU j in h} (Z_hj - Zbar_h)^2 over PSU
	// totals Z_hj (no fpc): smallSurvey has strata i%2, PSUs i%4, weights
	// 1 + i%5, group form when i%3 == 0.
	sc := survey.ShandongScale()
	for u, unit := range set.Units() {
		n := d.Len()
		y := make([]float64, n)
		in := make([]bool, n)
		for _, a := range as {
			if a.Unit != unit {
				continue
			}
			k, _ := sc.Index(a.Value)
			if sc.Categories[k].Class == survey.ClassExcluded {
				continue
			}
			r, _ := d.Row(a.Respondent)
			in[r], y[r] = true, sc.Categories[k].Points
		}
		grp := func(i int) int { return map[bool]int{true: 1, false: 0}[i%3 == 0] } // 0 phone, 1 form
		share := []float64{0.6, 0.4}
		var W, T [2]float64
		for i := 0; i < n; i++ {
			if in[i] {
				w := float64(1 + i%5)
				W[grp(i)] += w
				T[grp(i)] += w * y[i]
			}
		}
		Z := make([]float64, 4) // PSU totals; PSU j lies in stratum j%2
		for i := 0; i < n; i++ {
			if in[i] {
				g := grp(i)
				Z[i%4] += share[g] * float64(1+i%5) * (y[i] - T[g]/W[g]) / W[g]
			}
		}
		var V float64
		for h := 0; h < 2; h++ {
			mean := (Z[h] + Z[h+2]) / 2
			V += 2 * ((Z[h]-mean)*(Z[h]-mean) + (Z[h+2]-mean)*(Z[h+2]-mean))
		}
		if !near(mix[u].SE, math.Sqrt(V), 1e-12) {
			t.Errorf("unit %s: 6:4 SE %v, want %v from the linearised contrast", unit, mix[u].SE, math.Sqrt(V))
		}
	}

	// Groups sampled separately (disjoint strata and PSUs): the cross terms
	// vanish and V = 0.6^2 V_phone + 0.4^2 V_form exactly.
	rs := make([]survey.Respondent, d.Len())
	for i, id := range d.IDs() {
		g := d.Groups()[i]
		rs[i] = survey.Respondent{ID: id, Group: g, Stratum: g + strconv.Itoa(i%2), PSU: g + strconv.Itoa(i%4), Weight: float64(1 + i%5)}
	}
	sep, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sset, err := sep.Answers(as, sc)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := sset.Estimates(ctx, survey.UnitSettings{Group: "phone"})
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sset.Estimates(ctx, survey.UnitSettings{Group: "form"})
	if err != nil {
		t.Fatal(err)
	}
	smix, err := sset.Estimates(ctx, survey.UnitSettings{GroupWeights: map[string]float64{"phone": 6, "form": 4}})
	if err != nil {
		t.Fatal(err)
	}
	for u := range smix {
		se := math.Sqrt(0.36*sp[u].SE*sp[u].SE + 0.16*sf[u].SE*sf[u].SE)
		if !near(smix[u].SE, se, 1e-12) {
			t.Errorf("separate samples, unit %d: SE %v, want %v", u, smix[u].SE, se)
		}
	}
	ind, err := survey.CombineUnits([][]survey.UnitEstimate{phone, form}, []float64{6, 4})
	if err != nil {
		t.Fatal(err)
	}
	for u := range ind {
		se := math.Sqrt(0.36*phone[u].SE*phone[u].SE + 0.16*form[u].SE*form[u].SE)
		if !near(ind[u].Value, mix[u].Value, 1e-12) || !near(ind[u].SE, se, 1e-12) {
			t.Errorf("CombineUnits unit %d: %+v, want SE %v", u, ind[u], se)
		}
	}
}

func TestAnswersErrors(t *testing.T) {
	t.Parallel()
	d, as := smallSurvey(t)
	for _, tc := range []struct {
		name  string
		edit  func([]survey.Answer)
		index int
	}{
		{"unknown respondent", func(a []survey.Answer) { a[3].Respondent = "nobody" }, 3},
		{"unknown category", func(a []survey.Answer) { a[5].Value = "很好" }, 5},
		{"empty unit", func(a []survey.Answer) { a[2].Unit = "" }, 2},
		{"duplicate", func(a []survey.Answer) { a[2] = a[0] }, 2},
	} {
		b := append([]survey.Answer(nil), as...)
		tc.edit(b)
		_, err := d.Answers(b, survey.ShandongScale())
		var ae *survey.AnswerError
		if !errors.Is(err, survey.ErrInvalidInput) || !errors.As(err, &ae) || ae.Index != tc.index {
			t.Errorf("%s: err = %v, want an *AnswerError for answer %d", tc.name, err, tc.index)
		}
	}
	set, _ := d.Answers(as, survey.ShandongScale())
	if _, err := set.Estimates(context.Background(), survey.UnitSettings{Item: "nope"}); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("unknown item: err = %v", err)
	}
	_, err := set.Estimates(context.Background(), survey.UnitSettings{Group: "nobody"})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrEmptyCell) || !errors.As(err, &ce) || ce.Cell != "A" {
		t.Errorf("empty group: err = %v, want ErrEmptyCell naming unit A", err)
	}
}

// TestScaleSummarize: Hangzhou 2010 shares (satisfied 27.832 % of all;
// satisfaction rate of the first three 94.659 %) on counts per 100,000
// answers split as 27832 / 40000 / 26827 / 5341; hand derivation of the
// mean score with the reconstructed points 100/80/60/0:
// (2783200 + 3200000 + 1609620)/100000 = 75.9282.
func TestScaleSummarize(t *testing.T) {
	t.Parallel()
	s, err := survey.HangzhouScale().Summarize([]float64{27832, 40000, 26827, 5341})
	if err != nil {
		t.Fatal(err)
	}
	if !near(s.SatisfactionRate, 0.94659, 1e-12) || !near(s.MeanScore, 75.9282, 1e-12) || !near(s.NetSatisfaction, 0.89318, 1e-12) {
		t.Errorf("Summarize = %+v", s)
	}
	// Shandong: "don't know" leaves every denominator.
	sd, err := survey.ShandongScale().Summarize([]float64{50, 30, 20, 100})
	if err != nil || sd.Valid != 100 || sd.Excluded != 100 || !near(sd.MeanScore, 83.5, 1e-12) {
		t.Errorf("Shandong = %+v, %v (want mean (5000+2250+1100)/100 = 83.5)", sd, err)
	}
	if _, err := survey.ShandongScale().Summarize([]float64{0, 0, 0, 5}); !errors.Is(err, survey.ErrEmptyCell) {
		t.Errorf("only don't know: err = %v", err)
	}
	bad := survey.Scale{Name: "bad", Categories: []survey.Category{{Label: "x"}, {Label: "x"}}}
	if err := bad.Validate(); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("duplicate label: %v", err)
	}
	if v := survey.TenPointScale().Values(survey.SatisfactionRate); len(v) != 10 || v[4] != 0 || v[5] != 1 {
		t.Errorf("ten-point satisfaction values %v", v)
	}
}

// TestSampleSize: hand derivation, e = 0.03, 95 %, P = 0.5:
// n0 = 1.959964^2 * 0.25 / 0.0009 = 1067.07; deff 1.5 -> 1600.61;
// N = 10000 -> 1600.61 / (1 + 1599.61/10000) = 1379.89; response 0.8 ->
// 1724.87.
func TestSampleSize(t *testing.T) {
	t.Parallel()
	r, err := survey.SampleSize(survey.SampleSizeSettings{Margin: 0.03, Deff: 1.5, Population: 10000, ResponseRate: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	z := 1.959963984540054
	n0 := z * z * 0.25 / 0.0009
	n1 := n0 * 1.5 / (1 + (n0*1.5-1)/10000)
	if !near(r.SRS, n0, 1e-12) || !near(r.Completed, n1, 1e-12) || !near(r.Issued, n1/0.8, 1e-12) || r.IssuedInt != int(math.Ceil(n1/0.8)) {
		t.Errorf("SampleSize = %+v", r)
	}
	if _, err := survey.SampleSize(survey.SampleSizeSettings{}); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("zero margin: %v", err)
	}
}

// TestAllocateMinimum: hand derivation, n = 100 over N = (900, 90, 10)
// proportionally gives (90, 9, 1); a minimum of 5 fixes the last stratum
// at 5 and spreads 95 over the others: (95*900/990, 95*90/990, 5).
func TestAllocateMinimum(t *testing.T) {
	t.Parallel()
	a, err := survey.Allocate(100, []float64{900, 90, 10}, nil, survey.AllocateSettings{Min: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{95.0 * 900 / 990, 95.0 * 90 / 990, 5}
	for h := range want {
		if !near(a[h], want[h], 1e-12) {
			t.Errorf("allocation %v, want %v", a, want)
		}
	}
	eq, _ := survey.Allocate(90, []float64{1, 2, 3}, nil, survey.AllocateSettings{Method: survey.Equal})
	if eq[0] != 30 || eq[2] != 30 {
		t.Errorf("equal allocation %v", eq)
	}
}

// TestUnitEstimatesAdjustedDesign: on a post-stratified design the unit
// values and SEs are the domain estimates of that design (whose variance
// includes the post-stratification residuals).
func TestUnitEstimatesAdjustedDesign(t *testing.T) {
	t.Parallel()
	d0, as := smallSurvey(t)
	d, err := d0.PostStratify(d0.Groups(), map[string]float64{"phone": 700, "form": 300})
	if err != nil {
		t.Fatal(err)
	}
	scale := survey.ShandongScale()
	set, err := d.Answers(as, scale)
	if err != nil {
		t.Fatal(err)
	}
	got, err := set.Estimates(context.Background(), survey.UnitSettings{Measure: survey.SatisfactionRate})
	if err != nil {
		t.Fatal(err)
	}
	vals := scale.Values(survey.SatisfactionRate)
	for u, unit := range set.Units() {
		y := make([]float64, d.Len())
		dom := make([]bool, d.Len())
		for _, a := range as {
			k, _ := scale.Index(a.Value)
			if a.Unit != unit || k >= len(vals) {
				continue // other unit, or 不了解 (the last category)
			}
			r, _ := d.Row(a.Respondent)
			dom[r], y[r] = true, vals[k]
		}
		want, err := d.EstimateDomain(y, dom, survey.EstimateSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !near(got[u].Value, want.Mean, 1e-12) || !near(got[u].SE, want.SEMean, 1e-12) {
			t.Errorf("unit %s: %+v, want %v (SE %v)", unit, got[u], want.Mean, want.SEMean)
		}
	}
}

// TestUnitIntervals: with a level, a unit's rate interval is the one of
// Design.PropCIDomain on the same domain (each method), lies in [0, 1]
// and contains the value; mean scores get Value -+ t_{df} SE with df = 4
// PSUs - 2 strata = 2 and qt(0.975, 2) = 4.302652729749464 (R's qt; also
// the closed form for 2 df, (2p-1)/sqrt(2p(1-p)) at p = 0.975). Without a level the
// bounds are NaN.
func TestUnitIntervals(t *testing.T) {
	t.Parallel()
	d, as := smallSurvey(t)
	scale := survey.ShandongScale()
	set, err := d.Answers(as, scale)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for m := survey.PropLogit; m <= survey.PropLikelihood; m++ {
		got, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.SatisfactionRate, Level: 0.95, Interval: m})
		if err != nil {
			t.Fatalf("%v: %v", m, err)
		}
		for u, unit := range set.Units() {
			y := make([]float64, d.Len())
			dom := make([]bool, d.Len())
			for _, a := range as {
				k, _ := scale.Index(a.Value)
				if a.Unit != unit || scale.Categories[k].Class == survey.ClassExcluded {
					continue
				}
				r, _ := d.Row(a.Respondent)
				dom[r] = true
				y[r] = scale.Values(survey.SatisfactionRate)[k]
			}
			want, err := d.PropCIDomain(y, dom, survey.PropSettings{Method: m, Level: 0.95})
			if err != nil {
				t.Fatal(err)
			}
			e := got[u]
			if !near(e.Lower, want.Lower, 1e-12) || !near(e.Upper, want.Upper, 1e-12) || !near(e.Value, want.Estimate, 1e-12) {
				t.Errorf("%v %s: [%v, %v], want [%v, %v]", m, unit, e.Lower, e.Upper, want.Lower, want.Upper)
			}
			if !(0 <= e.Lower && e.Lower <= e.Value && e.Value <= e.Upper && e.Upper <= 1) {
				t.Errorf("%v %s: [%v, %v] around %v leaves [0, 1]", m, unit, e.Lower, e.Upper, e.Value)
			}
		}
	}
	got, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, Level: 0.95, Interval: survey.PropLogit})
	if err != nil {
		t.Fatal(err)
	}
	const qt = 4.302652729749464
	if !near(qt, 0.95/math.Sqrt(2*0.975*0.025), 1e-14) {
		t.Fatal("qt(0.975, 2)")
	}
	for _, e := range got {
		if e.DF != 2 || !near(e.Lower, e.Value-qt*e.SE, 1e-12) || !near(e.Upper, e.Value+qt*e.SE, 1e-12) {
			t.Errorf("mean score %s: [%v, %v], want %v -+ %v * %v", e.Unit, e.Lower, e.Upper, e.Value, qt, e.SE)
		}
	}
	got, err = set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
	if err != nil || !math.IsNaN(got[0].Lower) || !math.IsNaN(got[0].Upper) {
		t.Errorf("no level: %+v, %v", got[0], err)
	}
	if _, err := set.Estimates(ctx, survey.UnitSettings{Level: 1}); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("level 1: err = %v", err)
	}
}

// TestUnitIntervalExtremes: a unit where every respondent is satisfied
// has rate 1 and SE 0; Korn-Graubard takes n_eff = n and gives
// [qbeta(0.025, n, 1), 1] = [0.025^(1/n), 1], not a point, while the
// logit interval collapses to [1, 1]. A design with df = 0 is an error.
func TestUnitIntervalExtremes(t *testing.T) {
	t.Parallel()
	rs := make([]survey.Respondent, 6)
	as := make([]survey.Answer, 6)
	for i := range rs {
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Weight: 1}
		as[i] = survey.Answer{Respondent: rs[i].ID, Unit: "A", Value: "满意"}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	set, err := d.Answers(as, survey.ShandongScale())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.SatisfactionRate, Level: 0.95, Interval: survey.PropBeta})
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Pow(0.025, 1.0/6); got[0].Value != 1 || !near(got[0].Lower, want, 1e-9) || got[0].Upper != 1 {
		t.Errorf("beta at 1: %+v, want [%v, 1]", got[0], want)
	}
	got, err = set.Estimates(ctx, survey.UnitSettings{Measure: survey.SatisfactionRate, Level: 0.95, Interval: survey.PropLogit})
	if err != nil || got[0].Lower != 1 || got[0].Upper != 1 {
		t.Errorf("logit at 1: %+v, %v", got[0], err)
	}
	// One PSU: df = 0.
	for i := range rs {
		rs[i].PSU = "p"
	}
	if d, err = survey.NewDesign(rs, survey.DesignOptions{Singleton: survey.SingletonRemove}); err != nil {
		t.Fatal(err)
	}
	if set, err = d.Answers(as, survey.ShandongScale()); err != nil {
		t.Fatal(err)
	}
	for _, m := range []survey.Measure{survey.MeanScore, survey.SatisfactionRate} {
		if _, err := set.Estimates(ctx, survey.UnitSettings{Measure: m, Level: 0.95, Interval: survey.PropBeta}); !errors.Is(err, survey.ErrDegreesOfFreedom) {
			t.Errorf("%v, df 0: err = %v, want ErrDegreesOfFreedom", m, err)
		}
	}
}

// TestScalePresets: every preset validates; Nanjing's 2002 shares 37.69 /
// 61.13 / 1.18 give a satisfaction rate of 0.9882 and net satisfaction
// 0.9764 (hand: (37.69 + 61.13)/100, (98.82 - 1.18)/100); the Happy
// Guangdong points are 100/80/60/40/0, so one answer in each category
// scores 280/5 = 56; Chongqing's 说不清 leaves the denominator (2 满意, 1
// 不满意, 5 说不清: rate 2/3); the 0–100 scale scores its labels.
func TestScalePresets(t *testing.T) {
	t.Parallel()
	for _, sc := range []survey.Scale{survey.HangzhouScale(), survey.ShandongScale(), survey.TenPointScale(),
		survey.NanjingScale(), survey.HappyGuangdongScale(), survey.ChongqingScale(), survey.HundredPointScale()} {
		if err := sc.Validate(); err != nil {
			t.Errorf("%s: %v", sc.Name, err)
		}
	}
	s, err := survey.NanjingScale().Summarize([]float64{37.69, 61.13, 1.18})
	if err != nil || !near(s.SatisfactionRate, 0.9882, 1e-12) || !near(s.NetSatisfaction, 0.9764, 1e-12) {
		t.Errorf("Nanjing 2002: %+v, %v", s, err)
	}
	s, err = survey.HappyGuangdongScale().Summarize([]float64{1, 1, 1, 1, 1})
	if err != nil || s.MeanScore != 56 || s.SatisfactionRate != 0.4 {
		t.Errorf("Happy Guangdong: %+v, %v", s, err)
	}
	s, err = survey.ChongqingScale().Summarize([]float64{2, 0, 1, 5})
	if err != nil || !near(s.SatisfactionRate, 2.0/3, 1e-15) || s.Excluded != 5 {
		t.Errorf("Chongqing: %+v, %v", s, err)
	}
	h := survey.HundredPointScale()
	if k, ok := h.Index("73"); !ok || h.Categories[k].Points != 73 || h.Categories[k].Class != survey.ClassSatisfied || len(h.Categories) != 101 {
		t.Errorf("hundred-point: %v %v", k, ok)
	}
}
