package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/survey"
)

// city is one prefecture-level city: its name, an English gloss, a
// development level in [0, 1] (reconstructed: the Pearl River Delta ahead
// of the east, west and north of the province) and its number of
// county-level units (illustrative; they sum to the 121 of [GD1]).
type city struct {
	name, gloss string
	dev         float64
	counties    int
}

// cities are Guangdong's 21 prefecture-level cities [GD1].
var cities = []city{
	{"广州", "Guangzhou", 1.00, 12}, {"深圳", "Shenzhen", 1.00, 6}, {"珠海", "Zhuhai", 0.85, 3},
	{"汕头", "Shantou", 0.45, 7}, {"佛山", "Foshan", 0.85, 5}, {"韶关", "Shaoguan", 0.40, 10},
	{"河源", "Heyuan", 0.30, 6}, {"梅州", "Meizhou", 0.30, 8}, {"惠州", "Huizhou", 0.65, 5},
	{"汕尾", "Shanwei", 0.25, 4}, {"东莞", "Dongguan", 0.80, 0}, {"中山", "Zhongshan", 0.75, 0},
	{"江门", "Jiangmen", 0.55, 7}, {"阳江", "Yangjiang", 0.40, 4}, {"湛江", "Zhanjiang", 0.40, 9},
	{"茂名", "Maoming", 0.40, 6}, {"肇庆", "Zhaoqing", 0.50, 8}, {"清远", "Qingyuan", 0.35, 8},
	{"潮州", "Chaozhou", 0.35, 3}, {"揭阳", "Jieyang", 0.30, 5}, {"云浮", "Yunfu", 0.30, 5},
}

// items are the 13 satisfaction items of the 2013 survey [GD1] with the
// shift of their latent satisfaction. Only two items are documented:
// environmental protection scored highest (5.68) and service attitude
// lowest (5.19); the other names and all shifts are reconstructed.
var items = []struct {
	name  string
	shift float64
}{
	{"环境保护 environment", 0.30}, {"服务态度 service attitude", -0.19},
	{"社会治安 public security", 0.10}, {"医疗卫生 health care", 0.05},
	{"教育 education", 0}, {"就业 employment", -0.10},
	{"社会保障 social security", 0.05}, {"住房 housing", -0.15},
	{"交通 transport", -0.05}, {"食品药品安全 food & drugs", 0},
	{"物价 prices", -0.12}, {"廉洁 integrity", -0.08}, {"办事效率 efficiency", -0.05},
}

// unit is one assessed unit (a city or a county-level unit).
type unit struct {
	name, gloss string
	dev         float64
}

// units returns the assessed units: the 21 cities, or the 121 county-level
// units with placeholder names ("韶关·县区03") and a development level
// drawn around their city's, N(dev_city, 0.1^2) clipped to [0, 1].
func units(counties bool, seed uint64) []unit {
	var us []unit
	if !counties {
		for _, c := range cities {
			us = append(us, unit{c.name, c.gloss, c.dev})
		}
		return us
	}
	r := exdata.New(seed, 1<<40)
	for _, c := range cities {
		for k := 1; k <= c.counties; k++ {
			d := math.Min(1, math.Max(0, c.dev+float64(0.1*exdata.Normal(r))))
			us = append(us, unit{fmt.Sprintf("%s·县区%02d", c.name, k), fmt.Sprintf("%s %d", c.gloss, k), d})
		}
	}
	return us
}

// synthetic is the generated data set.
type synthetic struct {
	units []unit
	table *indicator.Table
	// n is the number of respondents per unit; itemMean the provincial
	// mean of each item over every respondent.
	n        []int
	itemMean []float64
	mean     float64
	stream   uint64
}

// columns are the objective indicators' columns, in model order.
var columns = []string{
	"gdp_pc", "gdp_growth", "income",
	"urban_rural_ratio", "insurance_pct", "unemployment_pct",
	"air_good_pct", "energy_per_gdp", "sewage_pct",
	"admin_share_pct", "staff_per_1000", "admin_cost_pc",
}

// generate draws the synthetic data for the units: objective indicators
// from the unit's development level d and its stream 0 draws, and a
// satisfaction survey of respondents answers on 1..10 (allocated equally
// over the units by survey.Allocate, rounded by largest remainders):
//
//	gdp_pc            2 + 10 d + N(0, 0.8^2)           (10^4 yuan)
//	gdp_growth        9.5 - 2 d + N(0, 1)              (%)
//	income            1.5 + 3 d + N(0, 0.3^2)          (10^4 yuan)
//	urban_rural_ratio 3.0 - 1.2 d + N(0, 0.15^2)
//	insurance_pct     min(100, 90 + 8 d + N(0, 2^2))
//	unemployment_pct  2.6 - 0.4 d + N(0, 0.4^2)
//	air_good_pct      min(100, 93 - 6 d + N(0, 3^2))
//	energy_per_gdp    0.65 - 0.25 d + N(0, 0.06^2)     (t coal eq. per 10^4 yuan)
//	sewage_pct        min(100, 82 + 15 d + N(0, 4^2))
//	admin_share_pct   12 - 3 d + N(0, 1.5^2)
//	staff_per_1000    30 - 8 d + N(0, 3^2)
//	admin_cost_pc     900 + 400 d + N(0, 120^2)        (yuan)
//
//	answer of respondent i in unit u to item k:
//	  round(5.40 + a_u + p_i + shift_k + e),  clipped to 1..10
//	  a_u = 0.5 (d_u - 0.5) + N(0, 0.25^2),  p_i ~ N(0, 1),  e ~ N(0, 1.5^2)
//
// The survey package (survey.TenPointScale, Design.Answers,
// AnswerSet.Estimates) estimates each unit's mean score over the items with
// its standard error, each unit's respondents forming a stratum. Unit
// u's values come from stream u of the seed, respondent i's answers from
// stream 1<<20 + i (1<<30 + u for county-level unit u).
func generate(ctx context.Context, us []unit, respondents int, seed uint64) (*synthetic, error) {
	n := len(us)
	pop := make([]float64, n)
	for u := range pop {
		pop[u] = 1
	}
	alloc, err := survey.Allocate(float64(respondents), pop, nil, survey.AllocateSettings{Method: survey.Equal, Min: 2})
	if err != nil {
		return nil, err
	}
	s := &synthetic{units: us, n: roundAlloc(alloc, respondents), itemMean: make([]float64, len(items))}
	if n != len(cities) {
		s.stream = 1 << 30 // county-level units: other streams than the cities'
	}
	data := make([][]float64, n)
	ids := make([]string, n)
	rs := make([]survey.Respondent, 0, respondents)
	answers := make([]survey.Answer, 0, respondents*len(items))
	for u, un := range us {
		ids[u] = un.name
		r := exdata.New(seed, uint64(u)+s.stream)
		data[u] = objective(r, un.dev)
		effect := float64(0.5*(un.dev-0.5)) + float64(0.25*exdata.Normal(r))
		for i := 0; i < s.n[u]; i++ {
			id := fmt.Sprintf("r%06d", len(rs))
			ri := exdata.New(seed, 1<<20+uint64(len(rs)))
			rs = append(rs, survey.Respondent{ID: id, Stratum: un.name, Weight: 1})
			person := exdata.Normal(ri)
			for _, it := range items {
				z := 5.40 + effect + person + it.shift + float64(1.5*exdata.Normal(ri))
				a := math.Min(10, math.Max(1, math.Round(z)))
				answers = append(answers, survey.Answer{Respondent: id, Unit: un.name, Item: it.name, Value: strconv.Itoa(int(a))})
			}
		}
	}
	// Each unit's sample is a stratum; the respondents' answers, coded on
	// the 10-point scale, give each unit's mean score over the 13 items
	// with its linearised standard error.
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	scale := survey.TenPointScale()
	set, err := design.Answers(answers, scale)
	if err != nil {
		return nil, err
	}
	est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
	if err != nil {
		return nil, err
	}
	for u := range data {
		data[u] = append(data[u], est[u].Value, est[u].SE)
	}
	// Each item's mean over all respondents, from its answer counts.
	for k, it := range items {
		cc, err := set.CategoryCounts(it.name)
		if err != nil {
			return nil, err
		}
		counts := make([]float64, len(scale.Categories))
		for _, row := range cc.Counts {
			for c, v := range row {
				counts[c] += float64(v)
			}
		}
		sum, err := scale.Summarize(counts)
		if err != nil {
			return nil, err
		}
		s.itemMean[k] = sum.MeanScore
		s.mean += sum.MeanScore / float64(len(items))
	}
	cols := append(append([]string{}, columns...), "satisfaction", "se_satisfaction")
	s.table, err = indicator.NewTable(ids, cols, data)
	return s, err
}

// objective draws a unit's objective indicators (see generate).
func objective(r *rand.Rand, d float64) []float64 {
	nv := func(mean, sd float64) float64 { return mean + float64(sd*exdata.Normal(r)) }
	return []float64{
		nv(2+float64(10*d), 0.8),
		nv(9.5-float64(2*d), 1),
		nv(1.5+float64(3*d), 0.3),
		nv(3.0-float64(1.2*d), 0.15),
		math.Min(100, nv(90+float64(8*d), 2)),
		nv(2.6-float64(0.4*d), 0.4),
		math.Min(100, nv(93-float64(6*d), 3)),
		nv(0.65-float64(0.25*d), 0.06),
		math.Min(100, nv(82+float64(15*d), 4)),
		nv(12-float64(3*d), 1.5),
		nv(30-float64(8*d), 3),
		nv(900+float64(400*d), 120),
	}
}

// roundAlloc rounds an allocation to integers summing to total by largest
// remainders (ties to the earlier unit).
func roundAlloc(a []float64, total int) []int {
	n := make([]int, len(a))
	left := total
	for i, v := range a {
		n[i] = int(math.Floor(v))
		left -= n[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range a {
			if a[i]-math.Floor(a[i]) > a[best]-math.Floor(a[best]) {
				best = i
			}
		}
		n[best]++
		a[best] = math.Floor(a[best])
	}
	return n
}
