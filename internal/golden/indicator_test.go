package golden

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/weighting"
)

// recordResult records every number of an indicator.Result.
func recordResult(r *record, name string, res *indicator.Result) {
	r.fs(name+".Score", res.Score)
	r.s(name+".Vetoed", fmt.Sprint(res.Vetoed))
	for _, n := range res.Nodes {
		p := name + "." + n.Path
		r.fs(p+".Scores", n.Scores)
		if !n.Leaf {
			r.fs(p+".Contribution", n.Contribution)
		}
		r.f(p+".LocalWeight", n.LocalWeight)
		if n.SE != nil {
			r.fs(p+".SE", n.SE)
		}
	}
	for _, w := range res.Weights {
		r.f(name+".Weight."+w.Path, w.Weight)
	}
	if res.SE != nil {
		r.fs(name+".SE", res.SE)
	}
}

// modelFiles returns the example and test models shipped with the
// repository that have a data.csv beside their model.json.
func modelFiles(t *testing.T) []string {
	t.Helper()
	root := repoRoot(t)
	var dirs []string
	for _, pattern := range []string{"examples/*/model.json", "indicator/testdata/model.json"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			dir := filepath.Dir(f)
			if _, err := os.Stat(filepath.Join(dir, "data.csv")); err == nil {
				dirs = append(dirs, dir)
			}
		}
	}
	return dirs
}

// TestIndicatorExamples scores every example model on its data.
func TestIndicatorExamples(t *testing.T) {
	t.Parallel()
	var r record
	root := repoRoot(t)
	for _, dir := range modelFiles(t) {
		name, _ := filepath.Rel(root, dir)
		name = filepath.ToSlash(name)
		mb, err := os.ReadFile(filepath.Join(dir, "model.json"))
		if err != nil {
			t.Fatal(err)
		}
		db, err := os.ReadFile(filepath.Join(dir, "data.csv"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := indicator.DecodeModel(bytes.NewReader(mb))
		r.err(name+".DecodeModel", err)
		if err != nil {
			continue
		}
		tab, err := indicator.ReadCSV(bytes.NewReader(db), indicator.CSVOptions{})
		r.err(name+".ReadCSV", err)
		if err != nil {
			continue
		}
		p, err := indicator.Compile(m)
		r.err(name+".Compile", err)
		if err != nil {
			continue
		}
		res, err := p.Evaluate(context.Background(), tab)
		r.err(name+".Evaluate", err)
		if err == nil {
			recordResult(&r, name, res)
		}
	}
	r.check(t, "indicator_examples")
}

// genTable returns a table of n units and the columns c0..c8 (and s0, the
// standard errors of c0) drawn from the seeded stream: log-normal values of
// different scales, with a few missing cells when missing is true.
func genTable(t *testing.T, seed uint64, n int, missing bool) *indicator.Table {
	t.Helper()
	src := rng.New(seed, 0)
	cols := []string{"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "s0"}
	units := make([]string, n)
	data := make([][]float64, n)
	for i := range units {
		units[i] = fmt.Sprintf("u%02d", i)
		row := make([]float64, len(cols))
		for j := 0; j < 9; j++ {
			scale := float64(j + 1)
			row[j] = float64(scale * detmath.Exp(float64(0.5*rng.Normal(src))))
			if missing && src.IntN(12) == 0 && j > 0 {
				row[j] = nan
			}
		}
		row[9] = float64(0.05 * row[0])
		data[i] = row
	}
	tab, err := indicator.NewTable(units, cols, data)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

var nan = detmath.Log(-1)

// genModel returns model k of the generated family: three groups of three
// leaves under a weighted root, cycling through normalisations,
// aggregations, weighting schemes, transformations and imputations.
func genModel(k int) *indicator.Model {
	norms := []indicator.NormalizationMethod{indicator.NormMinMax, indicator.NormZScore,
		indicator.NormRank, indicator.NormPercentile, indicator.NormRatioMean}
	aggs := []indicator.Aggregation{{Method: indicator.Arithmetic}, {Method: indicator.Geometric, Offset: 10},
		{Method: indicator.Harmonic, Offset: 10}, {Method: indicator.Power, P: 2}, {Method: indicator.Minimum},
		{Method: indicator.Median}}
	schemes := []string{"fixed", "equal", "entropy", "critic", "sd", "pca"}
	transforms := []*indicator.Transform{nil, {Method: indicator.TransformLog, Offset: 1},
		{Method: indicator.TransformWinsorize, Lower: 0.05, Upper: 0.95}, {Method: indicator.TransformSkewKurtosis}}
	root := &indicator.Node{ID: "total", Imputation: &indicator.Imputation{Method: indicator.ImputeMean}}
	for g := 0; g < 3; g++ {
		i := k + g
		norm := &indicator.Normalization{Method: norms[i%len(norms)]}
		if k >= 12 {
			// Models 12 and up: the normalisations with parameters.
			target := 3.0
			extra := []*indicator.Normalization{{Method: indicator.NormEfficacy},
				{Method: indicator.NormTarget, Target: &target}, {Method: indicator.NormNone}}
			norm = extra[i%len(extra)]
		}
		grp := &indicator.Node{
			ID:            fmt.Sprintf("g%d", g),
			Weight:        float64(3 - g),
			Normalization: norm,
			Aggregation:   &aggs[i%len(aggs)],
			Transform:     transforms[i%len(transforms)],
		}
		if s := schemes[i%len(schemes)]; s != "fixed" {
			grp.Weighting = &weighting.Spec{Method: s}
		}
		if g == 1 && k%2 == 1 {
			grp.Polarity = indicator.LowerIsBetter
		}
		for j := 0; j < 3; j++ {
			c := 3*g + j
			leaf := &indicator.Node{ID: fmt.Sprintf("g%d.c%d", g, c), Column: fmt.Sprintf("c%d", c), Weight: float64(1 + (c+k)%3)}
			if c == 0 && k%6 == 0 {
				leaf.SEColumn = "s0"
			}
			grp.Children = append(grp.Children, leaf)
		}
		root.Children = append(root.Children, grp)
	}
	return &indicator.Model{Version: indicator.Version, Name: fmt.Sprintf("generated %d", k), Root: root}
}

// TestIndicatorGenerated scores the generated models on generated data and
// re-aggregates each with Dirichlet-drawn weights (the uncertainty path).
func TestIndicatorGenerated(t *testing.T) {
	t.Parallel()
	r := indicatorGeneratedRecord(t)
	r.check(t, "indicator_generated")
}

// indicatorGeneratedRecord computes the generated models' golden record.
func indicatorGeneratedRecord(t *testing.T) *record {
	var r record
	ctx := context.Background()
	for k := 0; k < 15; k++ {
		name := fmt.Sprintf("gen%02d", k)
		tab := genTable(t, uint64(100+k), 20+k, k%4 == 2)
		p, err := indicator.Compile(genModel(k))
		r.err(name+".Compile", err)
		if err != nil {
			continue
		}
		res, err := p.Evaluate(ctx, tab)
		r.err(name+".Evaluate", err)
		if err != nil {
			continue
		}
		recordResult(&r, name, res)
		pr, err := p.Prepare(ctx, tab)
		r.err(name+".Prepare", err)
		if err != nil {
			continue
		}
		src := rng.New(uint64(k), 1)
		dst := make([]float64, len(res.Units))
		for rep := 0; rep < 3; rep++ {
			v := &indicator.Variant{Weights: make([][]float64, len(p.Groups()))}
			for gi := range v.Weights {
				w := make([]float64, childCount(p, gi))
				alpha := make([]float64, len(w))
				for j := range alpha {
					alpha[j] = 4
				}
				rng.Dirichlet(src, alpha, w)
				v.Weights[gi] = w
			}
			err := pr.Scores(v, dst)
			r.err(fmt.Sprintf("%s.Variant%d", name, rep), err)
			if err == nil {
				r.fs(fmt.Sprintf("%s.Variant%d.Scores", name, rep), dst)
			}
		}
	}
	return &r
}

// childCount returns the number of children of group gi of p.
func childCount(p *indicator.Plan, gi int) int {
	return len(p.Groups()[gi].Children)
}
