package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

// category is one answer category: its name, its share in the published
// 2002 results [NJ2], and whether it counts as satisfied.
type category struct {
	name      string
	published float64
	satisfied bool
}

// categories are the three answer options, worst first.
var categories = []category{
	{"不满意", 1.18, false},
	{"比较满意", 61.13, true},
	{"满意", 37.69, true},
}

// stratum is a level of a weighting variable: its share of the sample
// and of the adult population, and a shift of its members' latent
// satisfaction. All three are reconstructions.
type stratum struct {
	name              string
	sample, pop, lean float64
}

// groups are the evaluators' groups. The sample over-represents cadres and
// under-represents ordinary residents, as the published critique of
// 万人评议 schemes says [NJ4]; the shares are reconstructed.
var groups = []stratum{
	{"市民 residents", 0.30, 0.800, -0.30},
	{"企业 enterprises", 0.15, 0.150, 0},
	{"机关干部 cadres", 0.25, 0.030, 0.50},
	{"基层干部 grassroots cadres", 0.25, 0.015, 0.40},
	{"代表委员 deputies", 0.05, 0.005, 0.20},
}

// areas are the parts of the city where evaluators live (reconstructed).
var areas = []stratum{
	{"城区 city districts", 0.60, 0.45, 0},
	{"郊区 suburban districts", 0.30, 0.35, -0.10},
	{"郊县 counties", 0.10, 0.20, -0.20},
}

// adults is the population the weights add up to (reconstructed).
const adults = 4.5e6

// unitResult is the survey result of one assessed unit.
type unitResult struct {
	// Rate and SE are the weighted satisfaction rate (满意 + 比较满意, %)
	// and its standard error; Raw is the unweighted rate.
	Rate, SE, Raw float64
	// Shares and RawShares are the weighted and unweighted shares of the
	// categories, in %.
	Shares, RawShares []float64
}

// surveyResult is the synthetic survey, weighted.
type surveyResult struct {
	forms, returned int
	units           []unitResult
	// raw are the overall unweighted shares of the categories, in %.
	raw  []float64
	rake survey.RakeResult
	kish survey.KishResult
	// counts[u][h][k] is the number of respondents of cell h (group ×
	// area) who answered category k about unit u, and cellWeights[h] the
	// sum of the raked weights of cell h. Raking multiplies the weights of
	// a cell by one factor, so the raked rate of a unit is the
	// post-stratified mean of the cells' rates with these weights.
	counts      [][][]int
	cellWeights []float64
	// cov is the covariance matrix of the units' weighted rates (in %^2),
	// by linearisation on the raked design: the same respondents rate
	// every unit, so the rates are correlated (survey.Design.MeanCov).
	cov *mat.SymDense
}

// simulate draws the synthetic survey and weights it to the population:
//
//	respondents   round(forms * 0.9779) (2002: 97.79% of 11,904 returned)
//	group, area   drawn with the sample shares above
//	unit quality  q_u ~ N(0, 0.20^2)            (stream 0)
//	leniency      v_i ~ N(0, 0.30^2)            (respondent i: stream i + 1)
//	latent        z = q_u + lean_group + lean_area + v_i + e,  e ~ N(0, 0.85^2)
//	answer        不满意 below the cut c1, 满意 above c2, else 比较满意, with c1
//	              and c2 such that the unweighted shares come near the
//	              published 1.18% and 37.69%
//
// Every respondent rates every unit. The weights are raked to the
// population shares of group and area (survey.Design.Rake).
func simulate(ctx context.Context, forms int, seed uint64) (*surveyResult, error) {
	n := len(units)
	src := exdata.New(seed, 0)
	quality := make([]float64, n)
	for u := range quality {
		quality[u] = float64(0.20 * exdata.Normal(src))
	}
	// Cut points on the latent scale: standard-normal quantiles of the
	// published shares, shifted by the sample's mean leniency.
	mean := 0.0
	for _, g := range groups {
		mean += float64(g.sample * g.lean)
	}
	for _, a := range areas {
		mean += float64(a.sample * a.lean)
	}
	c1 := exdata.NormalQuantile(categories[0].published/100) + mean
	c2 := exdata.NormalQuantile(1-categories[2].published/100) + mean

	m := int(math.Round(float64(forms) * 0.9779))
	rs := make([]survey.Respondent, m)
	answers := make([][]int8, n)
	for u := range answers {
		answers[u] = make([]int8, m)
	}
	rawCount := make([]int, len(categories))
	cellOf := make([]int, m)
	for i := range rs {
		r := exdata.New(seed, uint64(i)+1)
		g, a := draw(r, groups), draw(r, areas)
		cellOf[i] = g*len(areas) + a
		rs[i] = survey.Respondent{ID: fmt.Sprintf("r%05d", i), Weight: 1,
			Attr: map[string]string{"group": groups[g].name, "area": areas[a].name}}
		base := groups[g].lean + areas[a].lean + float64(0.30*exdata.Normal(r))
		for u := 0; u < n; u++ {
			z := quality[u] + base + float64(0.85*exdata.Normal(r))
			k := 1
			if z < c1 {
				k = 0
			} else if z >= c2 {
				k = 2
			}
			answers[u][i] = int8(k)
			rawCount[k]++
		}
	}

	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	var margins []survey.Margin
	for _, v := range []struct {
		name   string
		levels []stratum
	}{{"group", groups}, {"area", areas}} {
		values, err := design.Column(v.name)
		if err != nil {
			return nil, err
		}
		pop := map[string]float64{}
		for _, l := range v.levels {
			pop[l.name] = float64(l.pop * adults)
		}
		mg, err := survey.NewMargin(v.name, values, pop)
		if err != nil {
			return nil, err
		}
		margins = append(margins, mg)
	}
	raked, rr, err := design.Rake(ctx, margins, survey.RakeSettings{})
	if err != nil {
		return nil, err
	}
	w := raked.Weights()
	kish, err := survey.Kish(w)
	if err != nil {
		return nil, err
	}

	res := &surveyResult{forms: forms, returned: m, rake: rr, kish: kish, units: make([]unitResult, n), raw: make([]float64, len(categories)),
		counts: make([][][]int, n), cellWeights: make([]float64, len(groups)*len(areas))}
	for i, h := range cellOf {
		res.cellWeights[h] += w[i]
	}
	for k := range rawCount {
		res.raw[k] = 100 * float64(rawCount[k]) / float64(m*n)
	}
	ys := make([][]float64, n)
	for u := range units {
		ys[u] = make([]float64, m)
		for i, k := range answers[u] {
			if categories[k].satisfied {
				ys[u][i] = 1
			}
		}
	}
	mc, err := raked.MeanCov(ctx, ys, survey.EstimateSettings{})
	if err != nil {
		return nil, err
	}
	res.cov = mat.NewSymDense(n, nil)
	for u := 0; u < n; u++ {
		for v := u; v < n; v++ {
			res.cov.SetSym(u, v, float64(1e4*mc.Cov.At(u, v)))
		}
	}
	for u := range units {
		shares := make([]float64, len(categories))
		sat := 0
		res.counts[u] = make([][]int, len(res.cellWeights))
		for h := range res.counts[u] {
			res.counts[u][h] = make([]int, len(categories))
		}
		for i, k := range answers[u] {
			res.counts[u][cellOf[i]][k]++
			if categories[k].satisfied {
				sat++
			}
			shares[k] += w[i]
		}
		e := mc.Estimates[u]
		for k := range shares {
			shares[k] = 100 * shares[k] / e.PopSize
		}
		raw := make([]float64, len(categories))
		for _, c := range res.counts[u] {
			for k, x := range c {
				raw[k] += float64(x)
			}
		}
		for k := range raw {
			raw[k] = 100 * raw[k] / float64(m)
		}
		res.units[u] = unitResult{Rate: 100 * e.Mean, SE: 100 * e.SEMean, Raw: 100 * float64(sat) / float64(m), Shares: shares, RawShares: raw}
	}
	return res, nil
}

// draw returns a level drawn with the sample shares.
func draw(r *rand.Rand, levels []stratum) int {
	v := r.Float64()
	for k, l := range levels {
		if v < l.sample {
			return k
		}
		v -= l.sample
	}
	return len(levels) - 1
}
