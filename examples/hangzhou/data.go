package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/survey"
)

// unit is one assessed unit: its name, an English gloss and its
// category (the data's 类别 column), by which units are ranked apart.
type unit struct{ name, gloss, kind string }

// The categories ranked apart [HZ6][HZ7].
const (
	municipal = "市直单位"
	dual      = "双管单位"
	district  = "区、县（市）"
)

// units are the assessed units: municipal units (a selection; Hangzhou
// ranked 73 units in 2010 and 78 in 2020), dual-managed units (a
// selection; 15 in 2020) and the 13 districts and counties of 2005-2015.
var units = []unit{
	{"市民政局", "Civil Affairs", municipal}, {"市卫生局", "Health", municipal}, {"市物价局", "Prices", municipal},
	{"市公安局", "Public Security", municipal}, {"市教育局", "Education", municipal}, {"市财政局", "Finance", municipal},
	{"市人力社保局", "Human Resources & Social Security", municipal}, {"市建委", "Construction Commission", municipal},
	{"市规划局", "Planning", municipal}, {"市国土资源局", "Land Resources", municipal}, {"市交通运输局", "Transport", municipal},
	{"市环保局", "Environmental Protection", municipal}, {"市城管委", "Urban Management", municipal}, {"市房管局", "Housing", municipal},
	{"市工商局", "Industry & Commerce", municipal}, {"市质监局", "Quality Supervision", municipal}, {"市食药监局", "Food & Drug", municipal},
	{"市商务局", "Commerce", municipal}, {"市文广新局", "Culture & Media", municipal}, {"市旅委", "Tourism", municipal},
	{"市林水局", "Forestry & Water", municipal}, {"市农业局", "Agriculture", municipal}, {"市科技局", "Science & Technology", municipal},
	{"市经信委", "Economy & IT", municipal}, {"市司法局", "Justice", municipal}, {"市审计局", "Audit", municipal},
	{"市统计局", "Statistics", municipal}, {"市信访局", "Petitions", municipal}, {"市园文局", "Parks & Heritage", municipal},
	{"市安监局", "Work Safety", municipal},
	{"市国税局", "State Taxation", dual}, {"市地税局", "Local Taxation", dual}, {"市气象局", "Meteorology", dual},
	{"杭州海关", "Customs", dual}, {"市烟草专卖局", "Tobacco Monopoly", dual},
	{"上城区", "Shangcheng District", district}, {"下城区", "Xiacheng District", district}, {"江干区", "Jianggan District", district},
	{"拱墅区", "Gongshu District", district}, {"西湖区", "Xihu District", district}, {"滨江区", "Binjiang (High-tech Zone)", district},
	{"萧山区", "Xiaoshan District", district}, {"余杭区", "Yuhang District", district}, {"桐庐县", "Tonglu County", district},
	{"淳安县", "Chun'an County", district}, {"建德市", "Jiande City", district}, {"富阳市", "Fuyang City", district},
	{"临安市", "Lin'an City", district},
}

// group is one voting level: its column in the data, its number of voters
// and its leniency (shift of the latent satisfaction, reconstructed).
type group struct {
	column, name string
	voters       int
	leniency     float64
}

// groups are the nine voting levels. The members come from the 2008
// report [HZ1]; grouping them into nine levels, the sizes (summing to the
// 14,458 forms returned in 2005 [HZ2]) and the leniencies are
// reconstructions.
var groups = []group{
	{"g1_citizens", "市民代表 citizens' representatives", 5000, -0.15},
	{"g2_deputies", "党代表、人大代表、政协委员 deputies", 2000, 0.05},
	{"g3_provincial", "省直机关 provincial organs", 500, 0},
	{"g4_retired", "老干部 retired cadres", 800, 0.10},
	{"g5_experts", "专家学者 experts", 300, -0.20},
	{"g6_conduct", "行风评议代表 conduct reviewers", 1000, -0.05},
	{"g7_districts", "区县（市）负责人 district and county leaders", 2500, 0.20},
	{"g8_community", "社区负责人 community leaders", 1500, 0.15},
	{"g9_enterprise", "企业代表 enterprises", 858, 0},
}

// dimensions are the three rated dimensions [HZ1] with a shift of the
// latent satisfaction (reconstructed).
var dimensions = []struct {
	name  string
	shift float64
}{
	{"服务态度与办事效率 attitude and efficiency", 0},
	{"廉洁公正 integrity", 0.05},
	{"工作成效与社会影响 results and impact", -0.05},
}

// targetShares are the target shares of the answer options in the
// synthetic data, worst first: 不满意, 基本满意, 比较满意, 满意. They aim at
// the published satisfaction rate of about 95% and 28% 满意 [HZ2][HZ3].
var targetShares = []float64{0.05, 0.27, 0.40, 0.28}

// synthetic holds the generated data set.
type synthetic struct {
	table *indicator.Table
	// set holds the coded answers, for further estimates.
	set *survey.AnswerSet
	// rate is each unit's satisfaction rate (满意 + 比较满意 + 基本满意
	// among its valid answers, in %); overall and top are the rates over
	// every answer (top: 满意 alone).
	rate         []float64
	overall, top float64
	voters       int
	answers      int
}

// generate draws the synthetic data set for seed with the given number of
// voters (split over the groups in proportion to their sizes):
//
//	unit quality     q_u ~ N(0, 0.15^2)
//	voter leniency   v_i ~ N(0, 0.30^2)
//	group taste      t_gu ~ N(0, 0.10^2): how voting group g sees unit u
//	latent answer    z = q_u + t_gu + v_i + leniency_g + shift_d + e,  e ~ N(0, 0.9^2)
//	option           by cut points at the standard-normal quantiles of the
//	                 cumulative target shares 5%, 32%, 72%
//	target           100 - |N(0, 2^2)|, minus U(8, 15) for 10% of units
//	leadership       N(90, 4^2) clipped to [70, 100]
//	innovation       0, 1 or 2 awards with probability 0.6, 0.3, 0.1
//	veto             one unit, drawn uniformly
//	special          专项晋优 flags on two municipal units, drawn uniformly
//	                 (the "special" column; used by the 2020 bands)
//
// Every voter rates every unit on every dimension. Unit-level values come
// from stream 0 of the seed, voter i's answers from stream i + 1.
//
// The answers go through the survey package: survey.HangzhouScale scores
// them 100/80/60/0, AnswerSet.Estimates gives each voting group's mean score
// per unit with its standard error (a voter's value being the mean over the
// three dimensions), and AnswerSet.CategoryCounts with Scale.Summarize the
// satisfaction rates.
func generate(ctx context.Context, voters int, seed uint64) (*synthetic, error) {
	n := len(units)
	src := exdata.New(seed, 0)
	quality := make([]float64, n)
	for u := range quality {
		quality[u] = float64(0.15 * exdata.Normal(src))
	}
	taste := make([][]float64, len(groups))
	for gi := range taste {
		taste[gi] = make([]float64, n)
		for u := range taste[gi] {
			taste[gi][u] = float64(0.10 * exdata.Normal(src))
		}
	}
	scale := survey.HangzhouScale()
	// labels[k] is the label of option k, worst first.
	labels := make([]string, len(targetShares))
	for k, c := range scale.Categories {
		labels[len(labels)-1-k] = c.Label
	}
	var cuts [3]float64
	cum := 0.0
	for k := range cuts {
		cum += targetShares[k]
		cuts[k] = exdata.NormalQuantile(cum)
	}

	total := 0
	for _, g := range groups {
		total += g.voters
	}
	sizes := make([]int, len(groups))
	all := 0
	for gi, g := range groups {
		sizes[gi] = max(2, int(math.Round(float64(voters)*float64(g.voters)/float64(total))))
		all += sizes[gi]
	}
	rs := make([]survey.Respondent, 0, all)
	answers := make([]survey.Answer, 0, all*n*len(dimensions))
	for gi, g := range groups {
		for j := 0; j < sizes[gi]; j++ {
			i := len(rs)
			id := fmt.Sprintf("v%05d", i)
			rs = append(rs, survey.Respondent{ID: id, Group: g.column, Stratum: g.column, Weight: 1})
			r := exdata.New(seed, uint64(i)+1)
			lenient := float64(0.30*exdata.Normal(r)) + groups[gi].leniency
			for u := 0; u < n; u++ {
				for _, d := range dimensions {
					z := quality[u] + taste[gi][u] + lenient + d.shift + float64(0.9*exdata.Normal(r))
					answers = append(answers, survey.Answer{Respondent: id, Unit: units[u].name, Item: d.name, Value: labels[answer(z, cuts)]})
				}
			}
		}
	}
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	set, err := design.Answers(answers, scale)
	if err != nil {
		return nil, err
	}

	// Per unit and group: the mean points and their standard error.
	cols := make([]string, 0, 2*len(groups)+4)
	for _, g := range groups {
		cols = append(cols, g.column)
	}
	for _, g := range groups {
		cols = append(cols, "se_"+g.column)
	}
	cols = append(cols, "target", "leadership", "innovation", "veto", "special")
	data := make([][]float64, n)
	for u := range data {
		data[u] = make([]float64, len(cols))
	}
	for gi, g := range groups {
		est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore, Group: g.column})
		if err != nil {
			return nil, err
		}
		for u, e := range est {
			data[u][gi], data[u][len(groups)+gi] = e.Value, e.SE
		}
	}
	vetoed := src.IntN(n)
	special := map[int]bool{}
	for len(special) < 2 {
		if u := src.IntN(n); units[u].kind == municipal {
			special[u] = true
		}
	}
	for u, row := range data {
		row[2*len(groups)] = targetScore(src)
		row[2*len(groups)+1] = math.Min(100, math.Max(70, 90+float64(4*exdata.Normal(src))))
		row[2*len(groups)+2] = awards(src)
		if u == vetoed {
			row[2*len(groups)+3] = 1
		}
		if special[u] {
			row[2*len(groups)+4] = 1
		}
	}
	t, err := indicator.NewTable(set.Units(), cols, data)
	if err != nil {
		return nil, err
	}
	kinds := make([]string, n)
	for u, id := range set.Units() {
		if units[u].name != id {
			return nil, fmt.Errorf("unit %d: %s in the answers, %s in the list", u, id, units[u].name)
		}
		kinds[u] = units[u].kind
	}
	if t, err = t.WithAttribute("类别", kinds); err != nil {
		return nil, err
	}

	// Satisfaction rates from the category counts.
	cc, err := set.CategoryCounts("")
	if err != nil {
		return nil, err
	}
	s := &synthetic{table: t, set: set, rate: make([]float64, n), voters: len(rs), answers: len(answers)}
	pooled := make([]float64, len(scale.Categories))
	for u, c := range cc.Counts {
		counts := make([]float64, len(c))
		for k, x := range c {
			counts[k] = float64(x)
			pooled[k] += float64(x)
		}
		sum, err := scale.Summarize(counts)
		if err != nil {
			return nil, err
		}
		s.rate[u] = 100 * sum.SatisfactionRate
	}
	sum, err := scale.Summarize(pooled)
	if err != nil {
		return nil, err
	}
	s.overall = 100 * sum.SatisfactionRate
	s.top = 100 * pooled[0] / float64(len(answers))
	return s, nil
}

// answer returns the option index of latent value z.
func answer(z float64, cuts [3]float64) int {
	k := 0
	for k < len(cuts) && z >= cuts[k] {
		k++
	}
	return k
}

// targetScore draws a target-assessment score.
func targetScore(r *rand.Rand) float64 {
	s := 100 - math.Abs(float64(2*exdata.Normal(r)))
	if r.Float64() < 0.10 {
		s -= 8 + float64(7*r.Float64())
	}
	return s
}

// awards draws a number of innovation awards.
func awards(r *rand.Rand) float64 {
	switch v := r.Float64(); {
	case v < 0.6:
		return 0
	case v < 0.9:
		return 1
	default:
		return 2
	}
}
