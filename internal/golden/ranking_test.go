package golden

import (
	"context"
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/ranking"
)

func recordDist(r *record, name string, d *ranking.Distribution) {
	if d == nil {
		return
	}
	r.i(name+".Replications", d.Replications)
	r.fs(name+".Nominal", d.Nominal)
	r.fs(name+".Median", d.Median)
	r.fs(name+".Mean", d.Mean)
	r.fs(name+".Lo", d.Lo)
	r.fs(name+".Hi", d.Hi)
	r.fs(name+".PTop", d.PTop)
	r.fs(name+".PBottom", d.PBottom)
	r.fss(name+".Bands", d.Bands)
	r.f(name+".MeanAbsShift", d.MeanAbsShift)
	r.s(name+".Fingerprint", d.Fingerprint)
}

func TestRanking(t *testing.T) {
	t.Parallel()
	r := rankingRecord(t)
	r.check(t, "ranking")
}

// rankingRecord computes the ranking package's golden record.
func rankingRecord(t *testing.T) *record {
	var r record
	ctx := context.Background()
	src := rng.New(77, 0)
	n := 24
	ids := make([]string, n)
	x := make([]float64, n)
	y := make([]float64, n)
	se := make([]float64, n)
	for i := range x {
		ids[i] = fmt.Sprintf("u%02d", i)
		x[i] = float64(60 + float64(10*rng.Normal(src)))
		y[i] = float64(x[i]+float64(5*rng.Normal(src))) + 0
		se[i] = float64(1 + src.Float64())
	}
	// Ties: round a copy to whole points.
	xr := make([]float64, n)
	for i, v := range x {
		xr[i] = float64(int(v))
	}
	for _, ties := range []ranking.TieMethod{ranking.TieAverage, ranking.TieMin, ranking.TieDense, ranking.TieOrdinal} {
		for _, tol := range []float64{0, 0.5} {
			name := fmt.Sprintf("Rank(%v,tol=%v)", ties, tol)
			rk, err := ranking.Rank(xr, ids, ranking.Options{Ties: ties, AbsTol: tol})
			r.err(name, err)
			r.fs(name, rk)
		}
	}
	k, err := ranking.Kendall(x, y, ranking.KendallOptions{})
	r.err("Kendall", err)
	r.f("Kendall.Tau", k.Tau)
	r.f("Kendall.P", k.P)
	k, err = ranking.Kendall(xr, y, ranking.KendallOptions{})
	r.err("Kendall(ties)", err)
	r.f("Kendall(ties).Tau", k.Tau)
	r.f("Kendall(ties).P", k.P)
	s, err := ranking.Spearman(x, y)
	r.err("Spearman", err)
	r.f("Spearman.Rho", s.Rho)
	r.f("Spearman.P", s.P)
	wt, err := ranking.WeightedTau(x, y, ranking.WeightedTauOptions{})
	r.err("WeightedTau", err)
	r.f("WeightedTau", wt)

	set := ranking.Settings{Replications: 60, Seed: 11, TopK: 3, BottomK: 3, Bands: []int{5, 10}}
	d, err := ranking.Parametric(ctx, x, se, ids, set)
	r.err("Parametric", err)
	recordDist(&r, "Parametric", d)

	counts := make([][]int, n)
	for i := range counts {
		counts[i] = make([]int, 5)
		for j := 0; j < 40+i; j++ {
			counts[i][min(4, max(0, int(float64(2+float64(0.1*float64(i-12)))+rng.Normal(src))))]++
		}
	}
	d, err = ranking.BootstrapCounts(ctx, counts, []float64{0, 25, 50, 75, 100}, ids, set)
	r.err("BootstrapCounts", err)
	recordDist(&r, "BootstrapCounts", d)

	cov := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		cov.SetSym(i, i, float64(se[i]*se[i]))
	}
	c, err := ranking.RankConfidence(ctx, x, cov, ranking.ConfidenceSettings{Draws: 200, Seed: 5})
	r.err("RankConfidence", err)
	if c != nil {
		for i := range c.Marginal {
			r.s(fmt.Sprintf("RankConfidence.Marginal[%d]", i), fmt.Sprint(c.Marginal[i]))
			r.s(fmt.Sprintf("RankConfidence.Simultaneous[%d]", i), fmt.Sprint(c.Simultaneous[i]))
		}
	}

	for _, tau := range []int{1, 3} {
		top, err := ranking.TopSet(ctx, x, cov, tau, ranking.ConfidenceSettings{Draws: 200, Seed: 6})
		r.err(fmt.Sprintf("TopSet(%d)", tau), err)
		r.s(fmt.Sprintf("TopSet(%d)", tau), fmt.Sprint(top))
		bot, err := ranking.BottomSet(ctx, x, cov, tau, ranking.ConfidenceSettings{Draws: 200, Seed: 6})
		r.err(fmt.Sprintf("BottomSet(%d)", tau), err)
		r.s(fmt.Sprintf("BottomSet(%d)", tau), fmt.Sprint(bot))
	}
	rx, _ := ranking.Rank(x, ids, ranking.Options{})
	ry, _ := ranking.Rank(y, ids, ranking.Options{})
	r.fs("Shift", ranking.Shift(rx, ry))
	r.f("MeanAbsShift", ranking.MeanAbsShift(rx, ry))
	r.f("TopKOverlap(5)", ranking.TopKOverlap(rx, ry, 5))

	g, err := ranking.Grade(x, make([]bool, n), ids, ranking.Grading{
		Grades:  []ranking.GradeRule{{Name: "excellent", MinScore: ptr(65.0), MaxShare: ptr(0.2)}, {Name: "good", MinScore: ptr(55.0)}, {Name: "pass"}},
		BottomK: 2,
	})
	r.err("Grade", err)
	if g != nil {
		r.fs("Grade.Rank", g.Rank)
		r.is("Grade.Grade", g.Grade)
	}

	// Monte Carlo uncertainty and Sobol sensitivity on a generated model.
	tab := genTable(t, 300, 18, false)
	p, err := indicator.Compile(genModel(1))
	if err != nil {
		t.Fatal(err)
	}
	factors := []ranking.Factor{
		{Name: "weights", Kind: ranking.FactorWeights, Perturbation: ranking.PerturbDirichlet, Amount: 0.25},
		{Name: "aggregation", Kind: ranking.FactorAggregation, Groups: []int{0}, Aggregations: []indicator.Aggregation{{}, {Method: indicator.Geometric, Offset: 10}}},
		{Name: "exclude", Kind: ranking.FactorExclude, Leaves: []int{0, 4, 8}},
	}
	d, err = ranking.MonteCarlo(ctx, p, tab, factors, set)
	r.err("MonteCarlo", err)
	recordDist(&r, "MonteCarlo", d)
	sob, err := ranking.Sobol(ctx, p, tab, factors, ranking.SobolSettings{N: 32, Bootstrap: 20, Seed: 3})
	r.err("Sobol", err)
	if sob != nil {
		for i, u := range sob.Units {
			r.fs(fmt.Sprintf("Sobol.Units[%d].First", i), u.First)
			r.fs(fmt.Sprintf("Sobol.Units[%d].Total", i), u.Total)
		}
		r.fs("Sobol.Shift.First", sob.Shift.First)
		r.fs("Sobol.Shift.Total", sob.Shift.Total)
		r.fs("Sobol.Shift.TotalLo", sob.Shift.TotalLo)
	}
	return &r
}

func ptr[T any](v T) *T { return &v }
