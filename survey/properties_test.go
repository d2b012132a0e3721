package survey_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// propTol is the tolerance of the algebraic identities checked below
// (sums of at most a few hundred weights of moderate size).
const propTol = 1e-9

// drawWeights draws n positive design weights.
func drawWeights(t *rapid.T, n int, label string) []float64 {
	return rapid.SliceOfN(rapid.Float64Range(0.5, 50), n, n).Draw(t, label)
}

// drawDesign draws a stratified cluster design with n respondents, a 0/1
// variable y and a numeric variable x.
func drawDesign(t *rapid.T) (*survey.Design, []float64, []float64, []float64) {
	rs, w, yf, x := drawRespondents(t)
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d, w, yf, x
}

// drawRespondents draws the respondents of drawDesign.
func drawRespondents(t *rapid.T) ([]survey.Respondent, []float64, []float64, []float64) {
	n := rapid.IntRange(8, 60).Draw(t, "n")
	strata := rapid.IntRange(1, 3).Draw(t, "strata")
	w := drawWeights(t, n, "weights")
	y := rapid.SliceOfN(rapid.IntRange(0, 1), n, n).Draw(t, "y")
	x := rapid.SliceOfN(rapid.Float64Range(-10, 100), n, n).Draw(t, "x")
	rs := make([]survey.Respondent, n)
	yf := make([]float64, n)
	for i := range rs {
		// Members of a stratum alternate between two PSUs (n >= 2 strata).
		s := i % strata
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(s), PSU: strconv.Itoa(s) + "-" + strconv.Itoa((i/strata)%2), Weight: w[i]}
		yf[i] = float64(y[i])
	}
	return rs, w, yf, x
}

func TestPropertyRakeReproducesMargins(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(5, 200).Draw(t, "n")
		w := drawWeights(t, n, "weights")
		nm := rapid.IntRange(1, 4).Draw(t, "margins")
		ms := make([]survey.Margin, nm)
		truth := drawWeights(t, n, "truth")
		for k := range ms {
			L := rapid.IntRange(1, 4).Draw(t, "levels")
			codes := rapid.SliceOfN(rapid.IntRange(0, L-1), n, n).Draw(t, "codes")
			ms[k] = survey.Margin{Name: strconv.Itoa(k), Codes: codes, Targets: make([]float64, L)}
			for l := 0; l < L; l++ {
				ms[k].Levels = append(ms[k].Levels, strconv.Itoa(l))
			}
			for i, c := range codes {
				ms[k].Targets[c] += truth[i]
			}
		}
		w0 := slices.Clone(w)
		const tol = 1e-10
		r, err := survey.Rake(context.Background(), w, ms, survey.RakeSettings{Tol: tol, MaxIter: 2000})
		if !slices.Equal(w, w0) {
			t.Fatal("Rake modified w")
		}
		var re *survey.RakeError
		if errors.As(err, &re) && errors.Is(err, survey.ErrNotConverged) {
			// The margins are consistent (they come from one weight
			// vector), but with sparse cells IPF can converge too slowly
			// for the sweeps allowed: the error must then be honest,
			// carrying a margin error above the tolerance.
			if re.Result.Iterations != 2000 || slices.Max(re.Result.MaxRelError) <= tol {
				t.Fatalf("non-convergence reported with %d sweeps and margin errors %v", re.Result.Iterations, re.Result.MaxRelError)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			got := make([]float64, len(m.Levels))
			for i, c := range m.Codes {
				got[c] += r.Weights[i]
			}
			for l, T := range m.Targets {
				if T > 0 && math.Abs(got[l]-T) > 2*tol*T {
					t.Fatalf("margin %s level %d: %v, want %v", m.Name, l, got[l], T)
				}
			}
		}
	})
}

func TestPropertyPostStratifyReproducesCounts(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d, _, _, _ := drawDesign(t)
		n := d.Len()
		cells := make([]string, n)
		G := rapid.IntRange(1, 4).Draw(t, "cells")
		for i := range cells {
			cells[i] = strconv.Itoa(i % G)
		}
		pop := map[string]float64{}
		for g := 0; g < G; g++ {
			pop[strconv.Itoa(g)] = rapid.Float64Range(1, 1000).Draw(t, "N")
		}
		ps, err := d.PostStratify(cells, pop)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for i, w := range ps.Weights() {
			got[cells[i]] += w
		}
		for g, N := range pop {
			if !near(got[g], N, propTol) {
				t.Fatalf("post-stratum %s: %v, want %v", g, got[g], N)
			}
		}
	})
}

func TestPropertyKish(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 100).Draw(t, "n")
		w := drawWeights(t, n, "weights")
		k, err := survey.Kish(w)
		if err != nil {
			t.Fatal(err)
		}
		if k.Deff < 1-propTol {
			t.Fatalf("deff %v < 1", k.Deff)
		}
		if !near(k.Deff, 1+k.CV*k.CV, propTol) || !near(k.NEff*k.Deff, float64(n), propTol) {
			t.Fatalf("deff %v, 1+CV^2 %v, n_eff*deff %v", k.Deff, 1+k.CV*k.CV, k.NEff*k.Deff)
		}
		c := rapid.Float64Range(0.1, 100).Draw(t, "c")
		eq := make([]float64, n)
		for i := range eq {
			eq[i] = c
		}
		ke, err := survey.Kish(eq)
		if err != nil {
			t.Fatal(err)
		}
		if !near(ke.Deff, 1, propTol) || !near(ke.NEff, float64(n), propTol) {
			t.Fatalf("equal weights: deff %v, n_eff %v", ke.Deff, ke.NEff)
		}
	})
}

func TestPropertyCalibrationAlreadySatisfied(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d, w, y, x := drawDesign(t)
		n := d.Len()
		X := mat.NewDense(n, 3, nil)
		T := make([]float64, 3)
		for i := 0; i < n; i++ {
			X.Set(i, 0, 1)
			X.Set(i, 1, y[i])
			X.Set(i, 2, x[i])
			for k := 0; k < 3; k++ {
				T[k] += w[i] * X.At(i, k)
			}
		}
		dist := survey.Distance(rapid.IntRange(0, 2).Draw(t, "distance"))
		s := survey.CalibrateSettings{Distance: dist}
		if dist == survey.Logit {
			s.Lower, s.Upper = 0.5, 2
		}
		w0, X0, T0 := slices.Clone(w), mat.DenseCopyOf(X), slices.Clone(T)
		r, err := survey.Calibrate(context.Background(), w, X, T, s)
		if !slices.Equal(w, w0) || !mat.Equal(X, X0) || !slices.Equal(T, T0) {
			t.Fatal("Calibrate modified its inputs")
		}
		if err != nil {
			// Collinear draws (y constant) are legitimately singular.
			return
		}
		for i := range w {
			if !near(r.Weights[i], w[i], 1e-8) {
				t.Fatalf("%v: weight %d changed from %v to %v", dist, i, w[i], r.Weights[i])
			}
		}
	})
}

func TestPropertyScaleWeights(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		rs0, w, _, x := drawRespondents(t)
		c := rapid.Float64Range(0.01, 100).Draw(t, "c")
		// The same design (strata and PSUs kept) with weights scaled by c.
		rs := slices.Clone(rs0)
		for i := range rs {
			rs[i].Weight = c * w[i]
		}
		d0, err := survey.NewDesign(rs0, survey.DesignOptions{})
		if err != nil {
			t.Fatal(err)
		}
		dc, err := survey.NewDesign(rs, survey.DesignOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if d0.DF() != dc.DF() {
			t.Fatalf("df %d vs %d", d0.DF(), dc.DF())
		}
		a, err := d0.Estimate(x, survey.EstimateSettings{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := dc.Estimate(x, survey.EstimateSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(b.Mean-a.Mean) > propTol*(1+math.Abs(a.Mean)) || math.Abs(b.SEMean-a.SEMean) > propTol*(1+a.SEMean) {
			t.Fatalf("mean changed: %v±%v vs %v±%v", a.Mean, a.SEMean, b.Mean, b.SEMean)
		}
		if math.Abs(b.Total-c*a.Total) > propTol*(1+math.Abs(c*a.Total)) || math.Abs(b.SETotal-c*a.SETotal) > propTol*(1+c*a.SETotal) {
			t.Fatalf("total %v, want c * %v", b.Total, a.Total)
		}
	})
}

func TestPropertyIntervals(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 500).Draw(t, "n")
		x := rapid.IntRange(0, n).Draw(t, "x")
		level := rapid.Float64Range(0.5, 0.999).Draw(t, "level")
		for m := survey.Wilson; m <= survey.AgrestiCoull; m++ {
			iv, err := survey.BinomialCI(x, n, level, m)
			if err != nil {
				t.Fatal(err)
			}
			if !(0 <= iv.Lower && iv.Lower <= iv.Estimate && iv.Estimate <= iv.Upper && iv.Upper <= 1) {
				t.Fatalf("%v: %+v", m, iv)
			}
		}
		d, _, y, _ := drawDesign(t)
		y0 := slices.Clone(y)
		for m := survey.PropLogit; m <= survey.PropLikelihood; m++ {
			iv, err := d.PropCI(y, survey.PropSettings{Method: m, Level: level})
			if err != nil {
				// drawDesign has df >= 1 and n >= 8: the only expected
				// error is the likelihood interval at p in {0, 1}.
				if m == survey.PropLikelihood && (iv.Estimate == 0 || iv.Estimate == 1) && errors.Is(err, survey.ErrInvalidInput) {
					continue
				}
				t.Fatalf("%v: %v", m, err)
			}
			if !(0 <= iv.Lower && iv.Lower <= iv.Estimate && iv.Estimate <= iv.Upper && iv.Upper <= 1) {
				t.Fatalf("%v: %+v", m, iv)
			}
			// The unclipped bounds contain the estimate; only PropMean's
			// may leave [0, 1], the others equal the clipped bounds.
			if !(iv.UnclippedLower <= iv.Estimate && iv.Estimate <= iv.UnclippedUpper) {
				t.Fatalf("%v: unclipped %+v", m, iv)
			}
			if m != survey.PropMean && (iv.UnclippedLower != iv.Lower || iv.UnclippedUpper != iv.Upper) {
				t.Fatalf("%v: unclipped bounds differ: %+v", m, iv)
			}
			if m == survey.PropMean && (iv.Lower != math.Max(0, iv.UnclippedLower) || iv.Upper != math.Min(1, iv.UnclippedUpper)) {
				t.Fatalf("mean: clipping %+v", iv)
			}
		}
		if !slices.Equal(y, y0) {
			t.Fatal("PropCI modified y")
		}
	})
}

func TestPropertyInputsNotMutated(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d, w, y, x := drawDesign(t)
		w0, y0, x0 := slices.Clone(w), slices.Clone(y), slices.Clone(x)
		dw := d.Weights()
		if _, err := survey.TrimWeights(w, survey.TrimSettings{Lower: 1, Upper: 40}); err != nil {
			return
		}
		_, _ = survey.Kish(w)
		_, _ = d.Estimate(x, survey.EstimateSettings{})
		cells := make([]string, len(y))
		for i, v := range y {
			cells[i] = strconv.Itoa(int(v))
		}
		c0 := slices.Clone(cells)
		_, _ = d.PostStratify(cells, map[string]float64{"0": 100, "1": 200})
		if !slices.Equal(w, w0) || !slices.Equal(y, y0) || !slices.Equal(x, x0) || !slices.Equal(cells, c0) || !slices.Equal(d.Weights(), dw) {
			t.Fatal("an input was modified")
		}

		// NewDesign: rs untouched, and the design does not share its Attr
		// maps with the caller.
		rs := make([]survey.Respondent, len(w))
		for i := range rs {
			rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: cells[i], Weight: w[i], Attr: map[string]string{"c": cells[i]}}
		}
		rs0 := slices.Clone(rs)
		dd, err := survey.NewDesign(rs, survey.DesignOptions{Singleton: survey.SingletonRemove})
		if err != nil {
			t.Fatal(err)
		}
		for i := range rs {
			if rs[i].ID != rs0[i].ID || rs[i].Weight != rs0[i].Weight || rs[i].Attr["c"] != cells[i] {
				t.Fatal("NewDesign modified rs")
			}
			rs[i].Attr["c"] = "changed"
		}
		if col, err := dd.Column("c"); err != nil || !slices.Equal(col, cells) {
			t.Fatalf("design attribute follows the caller's map: %v %v", col, err)
		}

		// Answers: the scale's categories are copied.
		sc := survey.ShandongScale()
		cats0 := slices.Clone(sc.Categories)
		as := make([]survey.Answer, len(w))
		for i := range as {
			as[i] = survey.Answer{Respondent: strconv.Itoa(i), Unit: "u", Value: sc.Categories[i%len(sc.Categories)].Label}
		}
		as0 := slices.Clone(as)
		set, err := dd.Answers(as, sc)
		if err != nil {
			t.Fatal(err)
		}
		before, err := set.Estimates(context.Background(), survey.UnitSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(as, as0) || !slices.Equal(sc.Categories, cats0) {
			t.Fatal("Answers modified its inputs")
		}
		sc.Categories[0].Points = -1000
		after, err := set.Estimates(context.Background(), survey.UnitSettings{})
		if err != nil || after[0].Value != before[0].Value {
			t.Fatalf("answer set follows the caller's scale: %v -> %v (%v)", before[0].Value, after[0].Value, err)
		}

		// AdjustNonresponse, Allocate, Combine, Replicates.
		resp := make([]bool, len(w))
		for i := range resp {
			resp[i] = i%3 != 0
		}
		r0 := slices.Clone(resp)
		_, _ = survey.AdjustNonresponse(w, cells, resp)
		Nh := []float64{100, 200, 300}
		Sh := []float64{1, 2, 3}
		N0, S0 := slices.Clone(Nh), slices.Clone(Sh)
		_, _ = survey.Allocate(30, Nh, Sh, survey.AllocateSettings{Method: survey.Neyman})
		vals, ses, cw := []float64{1, 2}, []float64{0.1, 0.2}, []float64{0.6, 0.4}
		v0, s0, cw0 := slices.Clone(vals), slices.Clone(ses), slices.Clone(cw)
		_, _ = survey.Combine(vals, ses, cw)
		dw = d.Weights()
		_, _ = d.Replicates(context.Background(), survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 5})
		if !slices.Equal(w, w0) || !slices.Equal(cells, c0) || !slices.Equal(resp, r0) || !slices.Equal(Nh, N0) || !slices.Equal(Sh, S0) ||
			!slices.Equal(vals, v0) || !slices.Equal(ses, s0) || !slices.Equal(cw, cw0) || !slices.Equal(d.Weights(), dw) {
			t.Fatal("an input was modified")
		}
	})
}
