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

// ballotScale is the scale of the ballot. The ballot's answer scale is not
// published (not found in any source, SOURCES.md); this three-option scale and
// its points are a reconstruction. Define your own scale the same way.
var ballotScale = survey.Scale{Name: "qingdao-ballot", Categories: []survey.Category{
	{Label: "满意", Points: 100, Class: survey.ClassSatisfied},
	{Label: "基本满意", Points: 60, Class: survey.ClassSatisfied},
	{Label: "不满意", Points: 0, Class: survey.ClassDissatisfied},
}}

// category is a kind of representative: its quota (share of the
// representatives, the post-strata), its share among those each channel
// brings, and a shift of its latent satisfaction. All are reconstructions
// that follow the 2010 direction: fewer government-office representatives,
// more urban and rural residents, migrants, enterprises and streets [QD1].
type category struct {
	name                             string
	quota, recommended, drawn, selfR float64
	lean                             float64
}

var categories = []category{
	{"城市居民 urban residents", 0.30, 0.10, 0.45, 0.60, -0.20},
	{"农村居民 rural residents", 0.15, 0.05, 0.25, 0.05, -0.10},
	{"新市民 migrants", 0.10, 0.05, 0.15, 0.20, -0.30},
	{"企业代表 enterprises", 0.15, 0.15, 0.10, 0.15, 0},
	{"街道社区 streets and communities", 0.15, 0.25, 0.03, 0, 0.30},
	{"代表委员 deputies", 0.10, 0.15, 0.01, 0, 0.20},
	{"机关 government offices", 0.05, 0.25, 0.01, 0, 0.40},
}

// channels are the ways representatives are chosen [QD1][QD4]: their
// names and extra leniency (self-registered representatives are taken to
// be more critical; reconstructed).
var channels = []struct {
	name string
	lean float64
}{
	{"组织推荐 recommended", 0},
	{"随机抽取 random draw", 0},
	{"自愿报名 self-registered", -0.20},
}

// sessions is the number of report sessions: four groups over two days,
// about 2,500 representatives each [QD1][QD2][QD4].
const sessions = 4

// synthetic is the generated data set.
type synthetic struct {
	table *indicator.Table
	// raw is each department's unweighted ballot score.
	raw []float64
	// achieved[c][k] is the number of representatives of category c who
	// came through channel k.
	achieved [][]int
	reps     int
}

// generate draws the representatives and their ballots and post-stratifies
// them to the quotas:
//
//	channels      self-registered: selfReg; the rest 60% recommended,
//	              40% random draw
//	category      drawn with the channel's composition above
//	session       representative i attends session i mod 4; a department
//	              reports in its published session and is rated by it
//	quality       q_d ~ N(0, 0.25^2)                    (stream 0)
//	leniency      v_i ~ N(0, 0.30^2) + category + channel  (stream i + 1)
//	taste         t_cd ~ N(0, 0.20^2): how category c sees department d
//	latent        z = q_d + t_cd + v_i + e, e ~ N(0, 0.9^2); 不满意 below the
//	              normal quantile of 9%, 满意 above that of 40%
//	routine       85 + 10 q_d + N(0, 4^2), clipped to [60, 100]
//
// The ballot score of a department is the post-stratified mean of the
// ballot points among the representatives who rated it, with its
// linearised standard error (survey.Design.PostStratify,
// AnswerSet.Estimates).
func generate(ctx context.Context, reps, selfReg int, seed uint64) (*synthetic, error) {
	n := len(units)
	src := exdata.New(seed, 0)
	quality := make([]float64, n)
	routine := make([]float64, n)
	for d := range quality {
		quality[d] = float64(0.25 * exdata.Normal(src))
		routine[d] = math.Min(100, math.Max(60, 85+float64(10*quality[d])+float64(4*exdata.Normal(src))))
	}
	taste := make([][]float64, len(categories))
	for c := range taste {
		taste[c] = make([]float64, n)
		for d := range taste[c] {
			taste[c][d] = float64(0.20 * exdata.Normal(src))
		}
	}
	lo, hi := exdata.NormalQuantile(0.09), exdata.NormalQuantile(0.40)

	s := &synthetic{raw: make([]float64, n), achieved: make([][]int, len(categories)), reps: reps}
	for c := range s.achieved {
		s.achieved[c] = make([]int, len(channels))
	}
	rs := make([]survey.Respondent, reps)
	cell := make([]string, reps)
	answers := make([]survey.Answer, 0, reps*(n/sessions+1))
	for i := range rs {
		r := exdata.New(seed, uint64(i)+1)
		k := 2 // self-registered: the last selfReg representatives
		if i < reps-selfReg {
			k = 1
			if r.Float64() < 0.6 {
				k = 0
			}
		}
		c := drawCategory(r, k)
		s.achieved[c][k]++
		id := fmt.Sprintf("p%05d", i)
		cell[i] = categories[c].name
		rs[i] = survey.Respondent{ID: id, Group: channels[k].name, Weight: 1}
		v := float64(0.30*exdata.Normal(r)) + categories[c].lean + channels[k].lean
		for d := range n {
			if units[d].session != i%sessions {
				continue
			}
			z := quality[d] + taste[c][d] + v + float64(0.9*exdata.Normal(r))
			label := ballotScale.Categories[1].Label
			switch {
			case z < lo:
				label = ballotScale.Categories[2].Label
			case z >= hi:
				label = ballotScale.Categories[0].Label
			}
			answers = append(answers, survey.Answer{Respondent: id, Unit: units[d].name, Value: label})
		}
	}
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	quotas := map[string]float64{}
	for _, c := range categories {
		quotas[c.name] = float64(c.quota * float64(reps))
	}
	post, err := design.PostStratify(cell, quotas)
	if err != nil {
		return nil, err
	}
	set, err := post.Answers(answers, ballotScale)
	if err != nil {
		return nil, err
	}
	est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
	if err != nil {
		return nil, err
	}
	unweighted, err := design.Answers(answers, ballotScale)
	if err != nil {
		return nil, err
	}
	raw, err := unweighted.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
	if err != nil {
		return nil, err
	}
	data := make([][]float64, n)
	for d := range data {
		// Units of the answer set come in order of first appearance;
		// look each department up by name.
		data[d] = []float64{math.NaN(), math.NaN(), routine[d]}
	}
	index := map[string]int{}
	for d, u := range units {
		index[u.name] = d
	}
	for j, e := range est {
		d := index[e.Unit]
		data[d][0], data[d][1] = e.Value, e.SE
		s.raw[d] = raw[j].Value
	}
	ids := make([]string, n)
	for d, u := range units {
		ids[d] = u.name
	}
	s.table, err = indicator.NewTable(ids, []string{"ballot", "ballot_se", "routine"}, data)
	return s, err
}

// drawCategory draws a representative's category from channel k's
// composition.
func drawCategory(r *rand.Rand, k int) int {
	v := r.Float64()
	for c, cat := range categories {
		p := [...]float64{cat.recommended, cat.drawn, cat.selfR}[k]
		if v < p {
			return c
		}
		v -= p
	}
	return len(categories) - 1
}
