package main

import (
	"context"
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
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

// scale is the public appraisal's answer scale, borrowed from the Shandong
// module: 满意/基本满意/不满意 = 100/75/55, 不了解 unscored [SD1]
// (survey.ShandongScale); Guangxi's own scale is not documented.
var scale = survey.ShandongScale()

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
// (不了解 unscored); the survey package (Design.Answers,
// AnswerSet.Estimates) estimates each city's mean with its standard error. City c's values come from stream c, respondent i's answers from
// stream 1<<20 + i.
func generate(ctx context.Context, perCity int, seed uint64) (*synthetic, error) {
	n := len(cities)
	cols := make([]string, 0, len(indicators)+2)
	for _, ind := range indicators {
		cols = append(cols, ind.column)
	}
	cols = append(cols, "public", "se_public")
	s := &synthetic{shares: make([]float64, len(scale.Categories))}
	data := make([][]float64, n)
	ids := make([]string, n)
	var rs []survey.Respondent
	var ans []survey.Answer
	for c := range cities {
		ids[c] = cities[c].name
		r := exdata.New(seed, uint64(c))
		q := exdata.Normal(r)
		row := make([]float64, 0, len(cols))
		for _, ind := range indicators {
			t := 0.6 + float64(0.2*q) + float64(0.25*exdata.Normal(r))
			x := ind.bad + float64((ind.good-ind.bad)*t)
			if ind.good > 90 && ind.good <= 100 {
				x = math.Min(100, x)
			}
			row = append(row, x)
		}
		data[c] = row
		effect := float64(0.3*q) + float64(0.2*exdata.Normal(r))
		for i := 0; i < perCity; i++ {
			id := fmt.Sprintf("p%06d", len(rs))
			ri := exdata.New(seed, 1<<20+uint64(len(rs)))
			rs = append(rs, survey.Respondent{ID: id, Stratum: cities[c].name, Weight: 1})
			for _, asp := range aspects {
				k := answer(ri.Float64(), effect+exdata.Normal(ri))
				s.shares[k]++
				s.calls++
				ans = append(ans, survey.Answer{Respondent: id, Unit: cities[c].name, Item: asp, Value: scale.Categories[k].Label})
			}
		}
	}
	for k := range s.shares {
		s.shares[k] /= float64(s.calls)
	}
	// Each city's sample is a stratum; a respondent's appraisal of his
	// city is his mean points over the aspects he rated (不了解 unscored).
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	set, err := design.Answers(ans, scale)
	if err != nil {
		return nil, err
	}
	est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
	if err != nil {
		return nil, err
	}
	for c := range data {
		data[c] = append(data[c], est[c].Value, est[c].SE)
	}
	t, err := indicator.NewTable(ids, cols, data)
	s.table = t
	return s, err
}

// answer returns the category of scale chosen for a uniform u (don't
// know) and a latent value z.
func answer(u, z float64) int {
	switch {
	case u < 0.08:
		return 3 // 不了解
	case z < -1.2:
		return 2 // 不满意
	case z < 0:
		return 1 // 基本满意
	}
	return 0 // 满意
}
