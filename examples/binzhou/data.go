package main

import (
	"context"
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/survey"
)

// item is one of the eight questionnaire items [SD1][SD2][SD4] with the
// department that leads on it (the attribution is ours) and the share of
// "don't know" answers it draws by phone and by questionnaire
// (reconstructed).
type item struct {
	name, gloss, dept string
	dkPhone, dkQuest  float64
}

var items = []item{
	{"收入与就业", "income and jobs", "市人力资源社会保障局", 0.04, 0.02},
	{"医疗卫生", "healthcare", "市卫生局", 0.05, 0.02},
	{"子女上学", "schools", "市教育局", 0.12, 0.04},
	{"生态环境", "environment", "市环保局", 0.03, 0.01},
	{"困难群众帮扶", "help for people in hardship", "市民政局", 0.25, 0.08},
	{"文化生活", "cultural life", "市文广新局", 0.10, 0.03},
	{"社会治安", "public security", "市公安局", 0.04, 0.02},
	{"干部作风", "cadre work style", "市纪委监察局", 0.20, 0.05},
}

// counties are the county-level units of the city, the strata of the phone
// survey, with their share of the 18–65 population (reconstructed).
var counties = []struct {
	name  string
	share float64
}{
	{"滨城区", 0.17}, {"惠民县", 0.17}, {"阳信县", 0.12}, {"无棣县", 0.12},
	{"沾化县", 0.10}, {"博兴县", 0.13}, {"邹平县", 0.19},
}

// adults is the population aged 18–65 of the phone frame (reconstructed).
const adults = 2.7e6

// modeResult is one survey mode's estimates, per department in items order.
type modeResult struct {
	est []survey.UnitEstimate
}

// synthetic is the generated data set.
type synthetic struct {
	table            *indicator.Table
	phone, quest     modeResult
	combined         []survey.UnitEstimate
	nPhone, nQuest   int
	shares           []float64 // overall phone shares of the four options, %
	dkPhone, dkQuest []float64 // per department, % don't know
}

// generate draws both surveys and estimates each department's score:
//
//	phone          nPhone interviews, equal allocation to the 7 counties
//	               (stratified, weights N_h/n_h, finite-population correction)
//	questionnaire  nQuest deputies and CPPCC members, equal weights
//	quality        q_d ~ N(0, 0.25^2)                        (stream 0)
//	leniency       v_i ~ N(0, 0.30^2), +0.30 for the questionnaire
//	latent         z = q_d + v_i + e, e ~ N(0, 0.9^2); 不满意 below the
//	               normal quantile of 15%, 满意 above that of 55%
//	don't know     with the item's probability for the mode
//
// Every respondent answers the eight items. Phone respondent i draws from
// stream i + 1, questionnaire respondent j from stream nPhone + j + 1.
func generate(ctx context.Context, nPhone, nQuest int, seed uint64) (*synthetic, error) {
	src := exdata.New(seed, 0)
	quality := make([]float64, len(items))
	for d := range quality {
		quality[d] = float64(0.25 * exdata.Normal(src))
	}
	scale := survey.ShandongScale()
	lo, hi := exdata.NormalQuantile(0.15), exdata.NormalQuantile(0.55)
	label := func(z float64) string {
		switch {
		case z < lo:
			return scale.Categories[2].Label // 不满意
		case z >= hi:
			return scale.Categories[0].Label // 满意
		}
		return scale.Categories[1].Label // 基本满意
	}
	dontKnow := scale.Categories[3].Label

	s := &synthetic{nPhone: nPhone, nQuest: nQuest}
	// answer draws one respondent's answers to the eight items.
	answer := func(id string, stream uint64, lean float64, quest bool) []survey.Answer {
		r := exdata.New(seed, stream)
		v := float64(0.30*exdata.Normal(r)) + lean
		out := make([]survey.Answer, len(items))
		for d, it := range items {
			z := quality[d] + v + float64(0.9*exdata.Normal(r))
			value := label(z)
			p := it.dkPhone
			if quest {
				p = it.dkQuest
			}
			if r.Float64() < p {
				value = dontKnow
			}
			out[d] = survey.Answer{Respondent: id, Unit: it.dept, Item: it.name, Value: value}
		}
		return out
	}

	// Phone survey: stratified by county, equal allocation.
	var rs []survey.Respondent
	var answers []survey.Answer
	for i := 0; i < nPhone; i++ {
		h := i % len(counties)
		id := fmt.Sprintf("t%05d", i)
		rs = append(rs, survey.Respondent{ID: id, Group: "phone", Stratum: counties[h].name,
			Weight: math.NaN(), FPC: math.Round(float64(counties[h].share * adults))})
		answers = append(answers, answer(id, uint64(i)+1, 0, false)...)
	}
	phone, err := estimate(ctx, rs, answers, scale)
	if err != nil {
		return nil, fmt.Errorf("phone survey: %w", err)
	}
	s.phone.est = phone
	s.shares = shares(answers, scale)

	// Questionnaire of deputies and CPPCC members.
	rs, answers = nil, nil
	for j := 0; j < nQuest; j++ {
		id := fmt.Sprintf("q%04d", j)
		rs = append(rs, survey.Respondent{ID: id, Group: "questionnaire", Weight: 1})
		answers = append(answers, answer(id, uint64(nPhone+j)+1, 0.30, true)...)
	}
	quest, err := estimate(ctx, rs, answers, scale)
	if err != nil {
		return nil, fmt.Errorf("questionnaire: %w", err)
	}
	s.quest.est = quest

	// The two independent samples combined 6 : 4.
	s.combined, err = survey.CombineUnits([][]survey.UnitEstimate{phone, quest}, []float64{6, 4})
	if err != nil {
		return nil, err
	}

	ids := make([]string, len(items))
	data := make([][]float64, len(items))
	for d, it := range items {
		ids[d] = it.dept
		data[d] = []float64{phone[d].Value, phone[d].SE, quest[d].Value, quest[d].SE}
		s.dkPhone = append(s.dkPhone, 100*float64(phone[d].Excluded)/float64(phone[d].N+phone[d].Excluded))
		s.dkQuest = append(s.dkQuest, 100*float64(quest[d].Excluded)/float64(quest[d].N+quest[d].Excluded))
	}
	s.table, err = indicator.NewTable(ids, []string{"phone", "phone_se", "questionnaire", "questionnaire_se"}, data)
	return s, err
}

// estimate returns the departments' mean scores (in items order) for one
// survey mode.
func estimate(ctx context.Context, rs []survey.Respondent, answers []survey.Answer, scale survey.Scale) ([]survey.UnitEstimate, error) {
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	set, err := design.Answers(answers, scale)
	if err != nil {
		return nil, err
	}
	return set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
}

// shares returns the unweighted shares of the scale's options among the
// answers, in %.
func shares(answers []survey.Answer, scale survey.Scale) []float64 {
	out := make([]float64, len(scale.Categories))
	for _, a := range answers {
		k, _ := scale.Index(a.Value)
		out[k]++
	}
	for k := range out {
		out[k] = 100 * out[k] / float64(len(answers))
	}
	return out
}
