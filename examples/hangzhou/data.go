package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/internal/special"
	"github.com/ppgpa/ppgpa/survey"
)

// unit is one assessed municipal unit: its name and an English gloss.
type unit struct{ name, gloss string }

// units are the assessed municipal units (a selection; Hangzhou ranked
// 73 units in 2010 and 78 in 2020).
var units = []unit{
	{"市民政局", "Civil Affairs"}, {"市卫生局", "Health"}, {"市物价局", "Prices"},
	{"市公安局", "Public Security"}, {"市教育局", "Education"}, {"市财政局", "Finance"},
	{"市人力社保局", "Human Resources & Social Security"}, {"市建委", "Construction Commission"},
	{"市规划局", "Planning"}, {"市国土资源局", "Land Resources"}, {"市交通运输局", "Transport"},
	{"市环保局", "Environmental Protection"}, {"市城管委", "Urban Management"}, {"市房管局", "Housing"},
	{"市工商局", "Industry & Commerce"}, {"市质监局", "Quality Supervision"}, {"市食药监局", "Food & Drug"},
	{"市商务局", "Commerce"}, {"市文广新局", "Culture & Media"}, {"市旅委", "Tourism"},
	{"市林水局", "Forestry & Water"}, {"市农业局", "Agriculture"}, {"市科技局", "Science & Technology"},
	{"市经信委", "Economy & IT"}, {"市司法局", "Justice"}, {"市审计局", "Audit"},
	{"市统计局", "Statistics"}, {"市信访局", "Petitions"}, {"市园文局", "Parks & Heritage"},
	{"市安监局", "Work Safety"},
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

// options are the answer options, worst first, with their points. The
// options are documented [HZ2][HZ3]; the points 0/60/80/100 are the
// reconstruction of cases.md section 11.
var answerOptions = []struct {
	name   string
	points float64
	share  float64 // target share in the synthetic data
}{
	{"不满意", 0, 0.05},
	{"基本满意", 60, 0.27},
	{"比较满意", 80, 0.40},
	{"满意", 100, 0.28},
}

// synthetic holds the generated data set.
type synthetic struct {
	table *indicator.Table
	// rate is each unit's satisfaction rate (满意 + 比较满意 + 基本满意
	// among all its answers); overall and top are the rates over every
	// answer (top: 满意 alone).
	rate         []float64
	overall, top float64
	answers      int
}

// generate draws the synthetic data set for seed with the given number of
// voters (split over the groups in proportion to their sizes):
//
//	unit quality     q_u ~ N(0, 0.15^2)
//	voter leniency   v_i ~ N(0, 0.30^2)
//	latent answer    z = q_u + v_i + leniency_g + shift_d + e,  e ~ N(0, 0.9^2)
//	option           by cut points at the standard-normal quantiles of the
//	                 cumulative target shares 5%, 32%, 72%
//	target           100 - |N(0, 2^2)|, minus U(8, 15) for 10% of units
//	leadership       N(90, 4^2) clipped to [70, 100]
//	innovation       0, 1 or 2 awards with probability 0.6, 0.3, 0.1
//	veto             one unit, drawn uniformly
//
// Every voter rates every unit on every dimension. Unit-level values come
// from stream 0 of the seed, voter i's answers from stream i + 1.
func generate(voters int, seed uint64) (*synthetic, error) {
	n := len(units)
	src := rng.New(seed, 0)
	quality := make([]float64, n)
	for u := range quality {
		quality[u] = float64(0.15 * rng.Normal(src))
	}
	var cuts [3]float64
	cum := 0.0
	for k := range cuts {
		cum += answerOptions[k].share
		cuts[k] = special.NormalQuantile(cum)
	}

	// Voters and their answers: points[u][i] is voter i's mean points
	// over the three dimensions for unit u.
	var rs []survey.Respondent
	total := 0
	for _, g := range groups {
		total += g.voters
	}
	points := make([][]float64, n)
	satisfied := make([]int, n)
	top := 0
	for gi, g := range groups {
		m := int(math.Round(float64(voters) * float64(g.voters) / float64(total)))
		if m < 2 {
			m = 2
		}
		for j := 0; j < m; j++ {
			i := len(rs)
			rs = append(rs, survey.Respondent{ID: fmt.Sprintf("v%05d", i), Group: g.column, Stratum: g.column, Weight: 1})
			r := rng.New(seed, uint64(i)+1)
			lenient := float64(0.30*rng.Normal(r)) + groups[gi].leniency
			for u := 0; u < n; u++ {
				sum := 0.0
				for _, d := range dimensions {
					z := quality[u] + lenient + d.shift + float64(0.9*rng.Normal(r))
					k := answer(z, cuts)
					sum += answerOptions[k].points
					if k > 0 {
						satisfied[u]++
					}
					if k == len(answerOptions)-1 {
						top++
					}
				}
				points[u] = append(points[u], sum/float64(len(dimensions)))
			}
		}
	}
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
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
	cols = append(cols, "target", "leadership", "innovation", "veto")
	memberOf := make([][]bool, len(groups))
	for gi, g := range groups {
		memberOf[gi] = make([]bool, len(rs))
		for i, r := range rs {
			memberOf[gi][i] = r.Group == g.column
		}
	}
	data := make([][]float64, n)
	ids := make([]string, n)
	vetoed := src.IntN(n)
	for u := range data {
		ids[u] = units[u].name
		row := make([]float64, len(cols))
		for gi := range groups {
			e, err := design.EstimateDomain(points[u], memberOf[gi], survey.EstimateSettings{})
			if err != nil {
				return nil, fmt.Errorf("unit %s, group %s: %w", units[u].name, groups[gi].column, err)
			}
			row[gi], row[len(groups)+gi] = e.Mean, e.SEMean
		}
		row[2*len(groups)] = targetScore(src)
		row[2*len(groups)+1] = math.Min(100, math.Max(70, 90+float64(4*rng.Normal(src))))
		row[2*len(groups)+2] = awards(src)
		if u == vetoed {
			row[2*len(groups)+3] = 1
		}
		data[u] = row
	}
	t, err := indicator.NewTable(ids, cols, data)
	if err != nil {
		return nil, err
	}
	s := &synthetic{table: t, rate: make([]float64, n)}
	per := len(rs) * len(dimensions)
	all := 0
	for u := range units {
		s.rate[u] = 100 * float64(satisfied[u]) / float64(per)
		all += satisfied[u]
	}
	s.answers = per * n
	s.overall = 100 * float64(all) / float64(s.answers)
	s.top = 100 * float64(top) / float64(s.answers)
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
	s := 100 - math.Abs(float64(2*rng.Normal(r)))
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
