package main

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/survey"
)

// cities are Guangxi's 14 prefecture-level cities (设区市) [GX1] with an
// English gloss. Liuzhou hosted the workshop of the founding document.
var cities = []struct{ name, gloss string }{
	{"南宁", "Nanning"}, {"柳州", "Liuzhou"}, {"桂林", "Guilin"}, {"梧州", "Wuzhou"},
	{"北海", "Beihai"}, {"防城港", "Fangchenggang"}, {"钦州", "Qinzhou"}, {"贵港", "Guigang"},
	{"玉林", "Yulin"}, {"百色", "Baise"}, {"贺州", "Hezhou"}, {"河池", "Hechi"},
	{"来宾", "Laibin"}, {"崇左", "Chongzuo"},
}

// indicators are the leaf columns with the efficacy coefficient's
// unacceptable value x_bad and satisfactory value x_good, as in
// model.json (reconstructed).
var indicators = []struct {
	column    string
	bad, good float64
}{
	{"gdp_growth", 4, 10}, {"revenue_growth", 0, 12}, {"investment_growth", 5, 20},
	{"unemployment_pct", 4.5, 2.5}, {"income_growth", 5, 11},
	{"air_good_pct", 80, 98}, {"emission_cut_pct", 80, 100},
	{"distinctive_pct", 70, 100},
	{"projects_pct", 70, 110}, {"tasks_pct", 70, 100},
	{"party_score", 70, 95},
	{"approval_pct", 90, 100}, {"complaints_pct", 80, 100},
}

// answers are the public-appraisal options with their points. The scale is
// borrowed from the Shandong module (满意/基本满意/不满意 = 100/75/55, 不了解
// unscored [SD1]); Guangxi's own scale is not documented.
var answers = []struct {
	name   string
	points float64
}{{"不满意", 55}, {"基本满意", 75}, {"满意", 100}, {"不了解", math.NaN()}}

// aspects are the five aspects residents rated in the 2011 round: how well
// the city fixed the problems raised the year before [GX2].
var aspects = []string{"整改方案公开 published plan", "责任明确 clear responsibility", "措施有力 measures",
	"落实到位 implementation", "整改成效 results"}

// synthetic is the generated data set.
type synthetic struct {
	table *indicator.Table
	// shares[k] is the share of answers in option k over all cities.
	shares []float64
	calls  int
}

// generate draws the synthetic data for the 14 cities:
//
//	city performance      q_c ~ N(0, 1)
//	indicator value       x = bad + (good - bad) (0.6 + 0.2 q_c + N(0, 0.25^2))
//	                      (party_score and the rates capped at 100)
//	public appraisal      respondents per city by phone (12340), each rating
//	                      the five aspects: 不了解 with probability 0.08, else
//	                      latent z = 0.3 q_c + N(0, 0.2^2) (city) + N(0, 1),
//	                      不满意 if z < -1.2, 基本满意 if z < 0, else 满意
//
// A respondent's appraisal is the mean points over the aspects he rated
// (不了解 unscored); the survey package estimates each city's mean with
// its standard error (respondents who rated nothing are outside the
// domain). City c's values come from stream c, respondent i's answers from
// stream 1<<20 + i.
func generate(perCity int, seed uint64) (*synthetic, error) {
	n := len(cities)
	cols := make([]string, 0, len(indicators)+2)
	for _, ind := range indicators {
		cols = append(cols, ind.column)
	}
	cols = append(cols, "public", "se_public")
	s := &synthetic{shares: make([]float64, len(answers))}
	data := make([][]float64, n)
	ids := make([]string, n)
	resp := 0
	for c := range cities {
		ids[c] = cities[c].name
		r := rng.New(seed, uint64(c))
		q := rng.Normal(r)
		row := make([]float64, 0, len(cols))
		for _, ind := range indicators {
			t := 0.6 + float64(0.2*q) + float64(0.25*rng.Normal(r))
			x := ind.bad + float64((ind.good-ind.bad)*t)
			if ind.good > 90 && ind.good <= 100 {
				x = math.Min(100, x)
			}
			row = append(row, x)
		}
		effect := float64(0.3*q) + float64(0.2*rng.Normal(r))
		rs := make([]survey.Respondent, perCity)
		y := make([]float64, perCity)
		for i := range rs {
			rs[i] = survey.Respondent{ID: fmt.Sprintf("p%06d", resp), Weight: 1}
			ri := rng.New(seed, 1<<20+uint64(resp))
			resp++
			sum, k := 0.0, 0
			for range aspects {
				a := answer(ri.Float64(), effect+rng.Normal(ri))
				s.shares[a]++
				s.calls++
				if !math.IsNaN(answers[a].points) {
					sum += answers[a].points
					k++
				}
			}
			y[i] = math.NaN()
			if k > 0 {
				y[i] = sum / float64(k)
			}
		}
		d, err := survey.NewDesign(rs, survey.DesignOptions{})
		if err != nil {
			return nil, err
		}
		e, err := d.Estimate(y, survey.EstimateSettings{Missing: survey.MissingDomain})
		if err != nil {
			return nil, fmt.Errorf("city %s: %w", cities[c].name, err)
		}
		data[c] = append(row, e.Mean, e.SEMean)
	}
	for k := range s.shares {
		s.shares[k] /= float64(s.calls)
	}
	t, err := indicator.NewTable(ids, cols, data)
	s.table = t
	return s, err
}

// answer returns the option chosen for a uniform u (don't know) and a
// latent value z.
func answer(u, z float64) int {
	switch {
	case u < 0.08:
		return 3
	case z < -1.2:
		return 0
	case z < 0:
		return 1
	}
	return 2
}
