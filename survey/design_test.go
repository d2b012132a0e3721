package survey_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

func TestNewDesignErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		rs   []survey.Respondent
		row  int
	}{
		{"duplicate id", []survey.Respondent{{ID: "a", Weight: 1}, {ID: "a", Weight: 1}}, 1},
		{"empty id", []survey.Respondent{{ID: "a", Weight: 1}, {Weight: 1}}, 1},
		{"negative weight", []survey.Respondent{{ID: "a", Weight: -1}}, 0},
		{"NaN fpc", []survey.Respondent{{ID: "a", Weight: 1, FPC: math.NaN()}}, 0},
		{"no weight", []survey.Respondent{{ID: "a", Weight: math.NaN()}}, 0},
		{"zero weight with prob", []survey.Respondent{{ID: "a", Weight: 1}, {ID: "b", Prob: 0.5}}, 1},
		{"psu for some", []survey.Respondent{{ID: "a", PSU: "1", Weight: 1}, {ID: "b", Weight: 1}}, 1},
		{"psu in two strata", []survey.Respondent{{ID: "a", Stratum: "x", PSU: "1", Weight: 1}, {ID: "b", Stratum: "y", PSU: "1", Weight: 1}}, 1},
		{"fpc varies in stratum", []survey.Respondent{{ID: "a", Weight: 1, FPC: 10}, {ID: "b", Weight: 1, FPC: 11}}, 1},
	} {
		_, err := survey.NewDesign(tc.rs, survey.DesignOptions{})
		var re *survey.RowError
		if !errors.Is(err, survey.ErrInvalidInput) || !errors.As(err, &re) || re.Row != tc.row {
			t.Errorf("%s: err = %v, want a *RowError for row %d", tc.name, err, tc.row)
		}
	}
	// Sampling more PSUs than the population holds.
	_, err := survey.NewDesign([]survey.Respondent{{ID: "a", Weight: 1, FPC: 1.5}, {ID: "b", Weight: 1, FPC: 1.5}}, survey.DesignOptions{})
	if !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("n > N: err = %v", err)
	}
	// Nest makes repeated PSU ids distinct across strata.
	if _, err := survey.NewDesign([]survey.Respondent{{ID: "a", Stratum: "x", PSU: "1", Weight: 1}, {ID: "b", Stratum: "y", PSU: "1", Weight: 1}}, survey.DesignOptions{Nest: true}); err != nil {
		t.Errorf("nest: %v", err)
	}
}

// TestSingleton: a stratum with one PSU is an error by default (naming the
// stratum), and the options follow R survey's svyrecvar (survey:::onestrat
// and onestage in R/multistage.R). Hand derivation for y = (1, 3, 5),
// w = 1, strata {a: PSUs 1, 2}, {b: PSU 3}, no fpc: the total's variance
// in stratum a is 2/1 * ((1-2)^2 + (3-2)^2) = 4. Stratum b adds 0 under
// remove and certainty (onestrat centres the lone PSU at its own mean);
// under adjust onestrat leaves the lone PSU total uncentred and scales it
// by f = 1 (no fpc), adding 5^2 = 25; under average b's contribution is NA
// and onestage multiplies the sum of the others by nstrat/nokstrat = 2/1.
func TestSingleton(t *testing.T) {
	t.Parallel()
	rs := []survey.Respondent{
		{ID: "1", Stratum: "a", Weight: 1}, {ID: "2", Stratum: "a", Weight: 1}, {ID: "3", Stratum: "b", Weight: 1},
	}
	y := []float64{1, 3, 5}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Estimate(y, survey.EstimateSettings{})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrSingletonPSU) || !errors.As(err, &ce) || ce.Cell != "b" {
		t.Fatalf("err = %v, want ErrSingletonPSU naming stratum b", err)
	}
	vTotal := func(rs []survey.Respondent, y []float64, s survey.Singleton) (float64, error) {
		d, err := survey.NewDesign(rs, survey.DesignOptions{Singleton: s})
		if err != nil {
			t.Fatal(err)
		}
		e, err := d.Estimate(y, survey.EstimateSettings{})
		return e.SETotal * e.SETotal, err
	}
	for _, tc := range []struct {
		s    survey.Singleton
		want float64 // variance of the total
	}{{survey.SingletonRemove, 4}, {survey.SingletonCertainty, 4}, {survey.SingletonAdjust, 29}, {survey.SingletonAverage, 8}} {
		if v, err := vTotal(rs, y, tc.s); err != nil || !near(v, tc.want, 1e-12) {
			t.Errorf("%v: V(total) = %v (%v), want %v", tc.s, v, err, tc.want)
		}
	}

	// Stratum A: one PSU with total 50; stratum B: PSU totals 10, 20, 30.
	// adjust: A adds 50^2 = 2500 (centred at 0, not at the mean of all
	// PSU totals), B adds 3/2 * (100 + 0 + 100) = 300; V = 2800.
	rs = []survey.Respondent{{ID: "1", Stratum: "A", Weight: 1}, {ID: "2", Stratum: "B", Weight: 1}, {ID: "3", Stratum: "B", Weight: 1}, {ID: "4", Stratum: "B", Weight: 1}}
	if v, err := vTotal(rs, []float64{50, 10, 20, 30}, survey.SingletonAdjust); err != nil || !near(v, 2800, 1e-12) {
		t.Errorf("adjust: V(total) = %v (%v), want 2800 (SE 52.92)", v, err)
	}

	// average with a self-representing singleton: stratum A (N = 1, a
	// certainty PSU, onestrat returns a genuine 0), B (3 of N = 100) and
	// a lonely C (1 of N = 50). nstrat = 3, nokstrat = 2 (A counts):
	// V = (1 - 3/100) * 3/2 * 200 * 3/2.
	rs = append(rs, survey.Respondent{ID: "5", Stratum: "C", Weight: 1})
	for i := range rs {
		rs[i].FPC = map[string]float64{"A": 1, "B": 100, "C": 50}[rs[i].Stratum]
	}
	y5 := []float64{50, 10, 20, 30, 7}
	if v, err := vTotal(rs, y5, survey.SingletonAverage); err != nil || !near(v, 0.97*1.5*200*1.5, 1e-12) {
		t.Errorf("average: V(total) = %v (%v), want %v", v, err, 0.97*1.5*200*1.5)
	}
	// adjust with the fpc: C adds (1 - 1/50) * 7^2, A nothing.
	if v, err := vTotal(rs, y5, survey.SingletonAdjust); err != nil || !near(v, 0.97*1.5*200+0.98*49, 1e-12) {
		t.Errorf("adjust with fpc: V(total) = %v (%v), want %v", v, err, 0.97*1.5*200+0.98*49)
	}
	// Every stratum lonely: nothing to average over (R gives NaN).
	one := []survey.Respondent{{ID: "1", Stratum: "a", Weight: 1}, {ID: "2", Stratum: "b", Weight: 1}}
	if _, err := vTotal(one, []float64{1, 2}, survey.SingletonAverage); !errors.Is(err, survey.ErrSingletonPSU) {
		t.Errorf("average, all lonely: err = %v, want ErrSingletonPSU", err)
	}

	// Stage 2 (R's multistage recursion applies the same rule within each
	// PSU, scaled by n_h/N_h). One stratum, 2 of N = 10 PSUs: P1 with
	// SSUs s1, s2 (of 5), P2 with the single SSU s3 (of 4); w = 1,
	// y = (1, 2, 4). Stage 1: PSU totals 3, 4: (1 - 0.2) * 2 * 0.5 = 0.8.
	// Stage 2, P1: 0.2 * (1 - 2/5) * 2 * 0.5 = 0.12. P2: remove 0; adjust
	// 0.2 * (1 - 1/4) * 4^2 = 2.4; average and fail are errors.
	two := []survey.Respondent{
		{ID: "1", PSU: "P1", SSU: "s1", Weight: 1, FPC: 10, FPC2: 5},
		{ID: "2", PSU: "P1", SSU: "s2", Weight: 1, FPC: 10, FPC2: 5},
		{ID: "3", PSU: "P2", SSU: "s3", Weight: 1, FPC: 10, FPC2: 4},
	}
	y3 := []float64{1, 2, 4}
	for _, tc := range []struct {
		s    survey.Singleton
		want float64
	}{{survey.SingletonRemove, 0.92}, {survey.SingletonCertainty, 0.92}, {survey.SingletonAdjust, 3.32}} {
		if v, err := vTotal(two, y3, tc.s); err != nil || !near(v, tc.want, 1e-12) {
			t.Errorf("stage 2 %v: V(total) = %v (%v), want %v", tc.s, v, err, tc.want)
		}
	}
	for _, s := range []survey.Singleton{survey.SingletonFail, survey.SingletonAverage} {
		if _, err := vTotal(two, y3, s); !errors.Is(err, survey.ErrSingletonPSU) {
			t.Errorf("stage 2 %v: err = %v, want ErrSingletonPSU", s, err)
		}
	}
}

// TestEstimateErrors checks the error and panic contracts of Estimate.
func TestEstimateErrors(t *testing.T) {
	t.Parallel()
	d, err := survey.NewDesign([]survey.Respondent{{ID: "a", Weight: 1}, {ID: "b", Weight: 2}}, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Estimate([]float64{1, math.NaN()}, survey.EstimateSettings{})
	var re *survey.RowError
	if !errors.As(err, &re) || re.Row != 1 || re.ID != "b" {
		t.Errorf("NaN: err = %v, want a *RowError for row 1", err)
	}
	e, err := d.Estimate([]float64{1, math.NaN()}, survey.EstimateSettings{Missing: survey.MissingDomain})
	if err != nil || e.Mean != 1 || e.N != 1 {
		t.Errorf("NaN as domain: %+v, %v", e, err)
	}
	if _, err := d.EstimateDomain([]float64{1, 2}, []bool{false, false}, survey.EstimateSettings{}); !errors.Is(err, survey.ErrEmptyCell) {
		t.Errorf("empty domain: err = %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for len(y) != Len()")
		}
	}()
	_, _ = d.Estimate([]float64{1}, survey.EstimateSettings{})
}

// TestPostStratifyEmpty: an empty post-stratum is an error naming it.
func TestPostStratifyEmpty(t *testing.T) {
	t.Parallel()
	d, _ := dclus1(t)
	st, _ := d.Column("stype")
	_, err := d.PostStratify(st, map[string]float64{"E": 4421, "H": 755, "M": 1018, "X": 5})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrEmptyCell) || !errors.As(err, &ce) || ce.Cell != "X" {
		t.Errorf("err = %v, want ErrEmptyCell naming X", err)
	}
	_, err = d.PostStratify(st, map[string]float64{"E": 4421, "H": 755})
	if !errors.Is(err, survey.ErrInvalidInput) || !errors.As(err, &ce) || ce.Cell != "M" {
		t.Errorf("err = %v, want ErrInvalidInput naming M", err)
	}
}

// TestCalibrateNotConverged: failure is an error carrying the residual
// misfit. Bounds [0.9, 1.1] on g cannot double the total.
func TestCalibrateNotConverged(t *testing.T) {
	t.Parallel()
	d, _ := dclus1(t)
	n := d.Len()
	x := onesMatrix(n)
	var sum float64
	for _, w := range d.Weights() {
		sum += w
	}
	_, _, err := d.Calibrate(context.Background(), x, []float64{2 * sum}, survey.CalibrateSettings{Distance: survey.Logit, Lower: 0.9, Upper: 1.1})
	var ce *survey.CalibrationError
	if !errors.Is(err, survey.ErrNotConverged) || !errors.As(err, &ce) || !(ce.Result.Misfit > 0.01) {
		t.Errorf("err = %v, want a *CalibrationError with the misfit", err)
	}
}

// TestTrimErrors: bounds that cannot hold the total are rejected.
func TestTrimErrors(t *testing.T) {
	t.Parallel()
	if _, err := survey.TrimWeights([]float64{1, 2, 3}, survey.TrimSettings{Lower: 3, Upper: 4}); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("err = %v", err)
	}
	r, err := survey.TrimWeights([]float64{1, 2, 9}, survey.TrimSettings{Upper: 5})
	// Hand derivation: 9 -> 5, excess 4 shared by the other two: 3, 4, 5.
	if err != nil || r.Weights[0] != 3 || r.Weights[1] != 4 || r.Weights[2] != 5 || r.OutsideBefore != 1 {
		t.Errorf("TrimWeights = %+v, %v, want [3 4 5]", r, err)
	}
	// Every weight outside: [0, 20] to [4, 12] would give [4, 12], total
	// 16 instead of 20, with no weight inside to take the difference. An
	// error when repeating; one pass does what R's trimWeights(strict =
	// FALSE) does (pw[!outside] is empty) and says the total changed.
	if r, err := survey.TrimWeights([]float64{0, 20}, survey.TrimSettings{Lower: 4, Upper: 12}); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("repeat, all outside: %+v, err = %v", r, err)
	}
	r, err = survey.TrimWeights([]float64{0, 20}, survey.TrimSettings{Lower: 4, Upper: 12, Mode: survey.TrimOnePass})
	if err != nil || !slices.Equal(r.Weights, []float64{4, 12}) || r.TotalKept {
		t.Errorf("one pass, all outside: %+v, %v, want [4 12] with TotalKept false", r, err)
	}
	// Bounds [3, 4] cannot hold weights [1, 2, 3] (mean 2) strictly, but
	// R's one pass runs: 1 and 2 are raised to 3 (deficit 3), the one
	// weight inside, 3, gives it up: [3, 3, 0] (R: pw[!outside] <-
	// pw[!outside] - sum(trimmings)/sum(!outside)).
	r, err = survey.TrimWeights([]float64{1, 2, 3}, survey.TrimSettings{Lower: 3, Upper: 4, Mode: survey.TrimOnePass})
	if err != nil || !slices.Equal(r.Weights, []float64{3, 3, 0}) || !r.TotalKept || r.Outside != 1 {
		t.Errorf("one pass, infeasible bounds: %+v, %v, want [3 3 0]", r, err)
	}
}

// TestTrimNegative: negative weights from GREG are trimmed as R does.
// Hand derivation: [-2, 5, 9] to [1, 8]: -2 -> 1 (deficit 3), 9 -> 8
// (excess 1), the net -2 shared by the one inside: 5 - 2 = 3, so [1, 3,
// 8], total 12 kept, no negative weight left.
func TestTrimNegative(t *testing.T) {
	t.Parallel()
	r, err := survey.TrimWeights([]float64{-2, 5, 9}, survey.TrimSettings{Lower: 1, Upper: 8, Mode: survey.TrimOnePass})
	if err != nil || !slices.Equal(r.Weights, []float64{1, 3, 8}) || r.NegativeBefore != 1 || r.Negative != 0 {
		t.Errorf("TrimWeights = %+v, %v, want [1 3 8]", r, err)
	}
	// Kish on [-1, 3]: sum 2, sum of squares 10, deff = 2*10/4 = 5,
	// n_eff = 4/10.
	k, err := survey.Kish([]float64{-1, 3})
	if err != nil || k.Deff != 5 || k.NEff != 0.4 || k.Negative != 1 {
		t.Errorf("Kish = %+v, %v", k, err)
	}
}

// TestTrimZeroWeights: as R's trimWeights, a zero weight inside the
// bounds takes a share of the redistributed amount: [0, 2, 10] trimmed to
// at most 6 gives excess 4 shared by the two inside, [2, 4, 6]. With
// KeepZero the zero stays and the other inside weight takes all of it:
// [0, 6, 6].
func TestTrimZeroWeights(t *testing.T) {
	t.Parallel()
	r, err := survey.TrimWeights([]float64{0, 2, 10}, survey.TrimSettings{Upper: 6})
	if err != nil || !slices.Equal(r.Weights, []float64{2, 4, 6}) {
		t.Errorf("default: %+v, %v, want [2 4 6]", r, err)
	}
	r, err = survey.TrimWeights([]float64{0, 2, 10}, survey.TrimSettings{Upper: 6, KeepZero: true})
	if err != nil || !slices.Equal(r.Weights, []float64{0, 6, 6}) {
		t.Errorf("KeepZero: %+v, %v, want [0 6 6]", r, err)
	}
	// A lower bound does not lift a kept zero: [0, 1, 3, 5] to [2, 4]
	// raises 1 to 2 (+1), cuts 5 to 4 (-1), and the 3 inside takes the
	// net 0: [0, 2, 3, 4].
	r, err = survey.TrimWeights([]float64{0, 1, 3, 5}, survey.TrimSettings{Lower: 2, Upper: 4, KeepZero: true})
	if err != nil || !slices.Equal(r.Weights, []float64{0, 2, 3, 4}) || r.OutsideBefore != 2 {
		t.Errorf("KeepZero with lower: %+v, %v, want [0 2 3 4]", r, err)
	}
}

// TestNonresponse: hand derivation, class a has weights 1, 1, 2 with the
// first two responding: factor 4/2 = 2.
func TestNonresponse(t *testing.T) {
	t.Parallel()
	w, err := survey.AdjustNonresponse([]float64{1, 1, 2, 5}, []string{"a", "a", "a", "b"}, []bool{true, true, false, true})
	if err != nil || w[0] != 2 || w[1] != 2 || w[2] != 0 || w[3] != 5 {
		t.Errorf("AdjustNonresponse = %v, %v", w, err)
	}
	_, err = survey.AdjustNonresponse([]float64{1, 1}, []string{"a", "b"}, []bool{true, false})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrEmptyCell) || !errors.As(err, &ce) || ce.Cell != "b" {
		t.Errorf("err = %v", err)
	}
}

// TestReplicateBootstrap: the Rao-Wu bootstrap is reproducible from its
// seed, and its SE of a mean is close to the linearisation SE (stratified
// design, 2,000 replicates: Monte Carlo error about 1.6 %, tolerance 10 %).
func TestReplicateBootstrap(t *testing.T) {
	t.Parallel()
	d, cols := dstrat(t)
	y := numbers(t, cols["api00"])
	ctx := context.Background()
	s := survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 2000, Seed: 42}
	a, err := d.Replicates(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := d.Replicates(ctx, s)
	ea, err := a.Estimate(y, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	eb, _ := b.Estimate(y, survey.EstimateSettings{})
	if ea != eb {
		t.Errorf("same seed, different results: %+v vs %+v", ea, eb)
	}
	lin, _ := d.Estimate(y, survey.EstimateSettings{})
	if !near(ea.SEMean, lin.SEMean, 0.1) {
		t.Errorf("bootstrap SE %v, linearisation %v", ea.SEMean, lin.SEMean)
	}
}

func TestEnumsText(t *testing.T) {
	t.Parallel()
	for _, v := range []interface {
		MarshalText() ([]byte, error)
		String() string
	}{survey.SingletonAdjust, survey.MissingDomain, survey.Wilson, survey.Logit, survey.TrimOnePass, survey.PropBeta, survey.JKn, survey.CentreFullSample, survey.Neyman, survey.ClassExcluded, survey.NetSatisfaction} {
		b, err := v.MarshalText()
		if err != nil || string(b) != v.String() {
			t.Errorf("%v: MarshalText = %q, %v", v, b, err)
		}
	}
	var m survey.Measure
	if err := m.UnmarshalText([]byte("satisfaction-rate")); err != nil || m != survey.SatisfactionRate {
		t.Errorf("UnmarshalText: %v, %v", m, err)
	}
	if err := m.UnmarshalText([]byte("nope")); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("UnmarshalText(nope): %v", err)
	}
	if s := survey.Measure(9).String(); s != "Measure(9)" {
		t.Errorf("String of unknown = %q", s)
	}
}

func TestBinomialPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("no panic for an unknown method")
		}
	}()
	_, _ = survey.BinomialCI(1, 2, 0.95, survey.BinomialMethod(9))
}

// TestEstimateBy: domains of dstrat by school type equal the stratum
// estimates, whose SE of the mean is the stratified-SRS one with the
// stratum's fpc (a domain that is a stratum has a fixed size).
func TestEstimateBy(t *testing.T) {
	t.Parallel()
	d, cols := dstrat(t)
	y := numbers(t, cols["api00"])
	got, err := d.EstimateBy(y, cols["stype"], survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Domain != "E" || got[2].Domain != "M" {
		t.Fatalf("domains %+v", got)
	}
	for _, g := range got {
		var n, sum, ss float64
		var N float64
		for i, s := range cols["stype"] {
			if s == g.Domain {
				n++
				sum += y[i]
				N = numbers(t, cols["fpc"][i:i+1])[0]
			}
		}
		mean := sum / n
		for i, s := range cols["stype"] {
			if s == g.Domain {
				ss += (y[i] - mean) * (y[i] - mean)
			}
		}
		se := math.Sqrt((1 - n/N) * ss / (n - 1) / n)
		if !near(g.Mean, mean, 1e-12) || !near(g.SEMean, se, 1e-9) {
			t.Errorf("%s: %v (SE %v), want %v (SE %v)", g.Domain, g.Mean, g.SEMean, mean, se)
		}
	}
}

// TestReplicateDomain: the JKn standard error of a stratum domain mean of
// dstrat equals the linearisation one (for a stratum, both reduce to the
// stratified SRS formula with the stratum's fpc).
func TestReplicateDomain(t *testing.T) {
	t.Parallel()
	d, cols := dstrat(t)
	y := numbers(t, cols["api00"])
	dom := make([]bool, len(y))
	for i, s := range cols["stype"] {
		dom[i] = s == "H"
	}
	rd, err := d.Replicates(context.Background(), survey.ReplicateSettings{Method: survey.JKn})
	if err != nil {
		t.Fatal(err)
	}
	got, err := rd.EstimateDomain(y, dom, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := d.EstimateDomain(y, dom, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !near(got.Mean, want.Mean, 1e-12) || !near(got.SEMean, want.SEMean, 1e-9) {
		t.Errorf("JKn %v (SE %v), linearisation %v (SE %v)", got.Mean, got.SEMean, want.Mean, want.SEMean)
	}
}

// TestFPCFractions: finite-population corrections given as sampling
// fractions (all values <= 1, R's convention) give the same design as
// population sizes; checked on R's dclus2 (two stages, derived weights).
func TestFPCFractions(t *testing.T) {
	t.Parallel()
	cols := apiTable(t, "apiclus2.csv")
	fpc1, fpc2 := numbers(t, cols["fpc1"]), numbers(t, cols["fpc2"])
	n1 := map[string]bool{}
	n2 := map[string]map[string]bool{}
	for i, p := range cols["dnum"] {
		n1[p] = true
		if n2[p] == nil {
			n2[p] = map[string]bool{}
		}
		n2[p][cols["snum"][i]] = true
	}
	sizes := make([]survey.Respondent, len(fpc1))
	fracs := make([]survey.Respondent, len(fpc1))
	for i := range sizes {
		p := cols["dnum"][i]
		sizes[i] = survey.Respondent{ID: cols["snum"][i], PSU: p, SSU: cols["snum"][i], Weight: math.NaN(), FPC: fpc1[i], FPC2: fpc2[i]}
		fracs[i] = sizes[i]
		fracs[i].FPC = float64(len(n1)) / fpc1[i]
		fracs[i].FPC2 = float64(len(n2[p])) / fpc2[i]
	}
	a, err := survey.NewDesign(sizes, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := survey.NewDesign(fracs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	y := numbers(t, cols["api00"])
	ea, err := a.Estimate(y, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	eb, err := b.Estimate(y, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	// Same fractions up to one rounding of n/N: agreement to 1e-12.
	if !near(eb.Mean, ea.Mean, 1e-12) || !near(eb.SEMean, ea.SEMean, 1e-12) || !near(eb.SETotal, ea.SETotal, 1e-12) {
		t.Errorf("fractions %+v, sizes %+v", eb, ea)
	}
	// R survey: svymean(~api00, dclus2) = 670.81 (SE 30.099), from s10.
	if !near(ea.Mean, 670.8118081180812, 1e-12) || !near(ea.SEMean, 30.0990273768366, 1e-9) {
		t.Errorf("dclus2 api00 %v (SE %v)", ea.Mean, ea.SEMean)
	}
}

// TestZeroWeights: a weight of 0 is a real zero weight, kept as given
// (not derived from the fpc), contributing nothing to the estimates while
// its PSU still counts in n_h, as in R's svydesign (a row with weight 0
// has prob Inf, so x/prob = 0, but as.fpc counts its cluster). A NaN
// weight is derived from the fpc.
func TestZeroWeights(t *testing.T) {
	t.Parallel()
	// AdjustNonresponse gives the non-respondent weight 0; with an fpc of
	// 400 the design must keep it at 0 (it used to become 400/4 = 100).
	w, err := survey.AdjustNonresponse([]float64{10, 10, 10, 10}, []string{"c", "c", "c", "c"}, []bool{true, true, true, false})
	if err != nil {
		t.Fatal(err)
	}
	rs := make([]survey.Respondent, 4)
	for i := range rs {
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Weight: w[i], FPC: 400}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := d.Weights()
	want := []float64{40.0 / 3, 40.0 / 3, 40.0 / 3, 0}
	for i := range want {
		if !near(got[i], want[i], 1e-12) {
			t.Fatalf("weights %v, want %v", got, want)
		}
	}
	// Weights 0, 1, 2 on y = 0, 1, 0 and fpc 400 (three PSUs, all counted):
	// mean = (0*0 + 1*1 + 2*0)/3 = 1/3. By hand (R's svymean convention):
	// z_i = w_i (y_i - 1/3)/3 = 0, 2/9, -2/9; mean of z = 0;
	// V = (1 - 3/400) * 3/2 * (0 + 4/81 + 4/81) = 0.9925 * 12/81.
	rs = []survey.Respondent{{ID: "a", Weight: 0, FPC: 400}, {ID: "b", Weight: 1, FPC: 400}, {ID: "c", Weight: 2, FPC: 400}}
	if d, err = survey.NewDesign(rs, survey.DesignOptions{}); err != nil {
		t.Fatal(err)
	}
	e, err := d.Estimate([]float64{0, 1, 0}, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	wantV := (1 - 3.0/400) * 12 / 81
	if !near(e.Mean, 1.0/3, 1e-15) || !near(e.SEMean, math.Sqrt(wantV), 1e-13) || e.N != 2 || d.DF() != 1 {
		t.Errorf("estimate %+v (DF %d), want mean 1/3, SE %v, N 2, DF 1 (R's degf skips zero weights)", e, d.DF(), math.Sqrt(wantV))
	}
	// NaN: derived from the fpc, N_h/n_h = 400/3.
	rs[0].Weight = math.NaN()
	if d, err = survey.NewDesign(rs, survey.DesignOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := d.Weights()[0]; !near(got, 400.0/3, 1e-12) {
		t.Errorf("derived weight %v, want 400/3", got)
	}
	// All zero is an error, not an empty design.
	if _, err := survey.NewDesign([]survey.Respondent{{ID: "a"}, {ID: "b"}}, survey.DesignOptions{}); !errors.Is(err, survey.ErrInvalidInput) {
		t.Errorf("all weights 0: err = %v", err)
	}
}

// TestDeffUnscaledWeights: with weights of 1 (sum w = n) the
// without-replacement SRS variance s^2 (N - n)/(N n) is 0, so DeffMean is
// NaN (R reports Inf), while the with-replacement design effect is
// defined: an unstratified element design with equal weights has
// variance s^2/n of the mean, so DeffMeanReplace = 1.
func TestDeffUnscaledWeights(t *testing.T) {
	t.Parallel()
	rs := make([]survey.Respondent, 5)
	for i := range rs {
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Weight: 1}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := d.Estimate([]float64{1, 2, 4, 7, 11}, survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(e.DeffMean) || !math.IsNaN(e.DeffTotal) || !near(e.DeffMeanReplace, 1, 1e-12) || !near(e.DeffTotalReplace, 1, 1e-12) {
		t.Errorf("deff %v, %v; replace %v, %v", e.DeffMean, e.DeffTotal, e.DeffMeanReplace, e.DeffTotalReplace)
	}
}

// TestCalibrateZeroTotal: R's stopping rule |T_k - t_k|/(1 + |T_k|) is
// absolute for a zero population total. Weights 1 on x = (intercept,
// z) with z = (-1, -1, 2, 2) and T = (4, 0): the linear solution solves
// [[4, 2], [2, 10]] lambda = (0, -2), lambda = (1/9, -2/9), so g = 4/3,
// 4/3, 2/3, 2/3, totals (4, -8/3 + 8/3 = 0), reached to rounding. With z = (1, 1, 2, 2) all positive the
// raking distance cannot reach 0: the error names constraint 1 and its
// misfit is the reached total itself (divided by 1 + 0).
func TestCalibrateZeroTotal(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := []float64{1, 1, 1, 1}
	x := mat.NewDense(4, 2, []float64{1, -1, 1, -1, 1, 2, 1, 2})
	res, err := survey.Calibrate(ctx, d, x, []float64{4, 0}, survey.CalibrateSettings{})
	if err != nil || math.Abs(res.Totals[1]) > 1e-10 || math.Abs(res.Totals[0]-4) > 1e-9 || !near(res.G[0], 4.0/3, 1e-12) || !near(res.G[2], 2.0/3, 1e-12) {
		t.Errorf("linear: %+v, %v; want totals (4, 0)", res, err)
	}
	x = mat.NewDense(4, 2, []float64{1, 1, 1, 1, 1, 2, 1, 2})
	_, err = survey.Calibrate(ctx, d, x, []float64{4, 0}, survey.CalibrateSettings{Distance: survey.Raking, MaxIter: 30})
	var ce *survey.CalibrationError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *CalibrationError", err)
	}
	r := ce.Result
	if r.Worst != 1 || r.Misfit != math.Abs(r.Totals[1]) || !strings.Contains(err.Error(), "largest on total 1") {
		t.Errorf("err = %v (worst %d, misfit %v, totals %v), want the misfit of total 1", err, r.Worst, r.Misfit, r.Totals)
	}
}
