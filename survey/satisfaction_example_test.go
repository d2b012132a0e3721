package survey_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/ppgpa/ppgpa/survey"
)

// Per-unit satisfaction on the Shandong scale: 满意/基本满意/不满意 score
// 100/75/55 and 不了解 (don't know) is left out.
func ExampleAnswerSet_Estimates() {
	respondents := `id,stratum,psu,weight
r1,city,p1,120
r2,city,p1,80
r3,city,p2,100
r4,city,p2,100
r5,county,p3,150
r6,county,p4,50
`
	answers := `respondent,unit,item,answer
r1,police,overall,满意
r2,police,overall,基本满意
r3,police,overall,满意
r4,police,overall,不了解
r5,police,overall,不满意
r6,police,overall,满意
r1,health,overall,基本满意
r2,health,overall,不满意
r3,health,overall,基本满意
r4,health,overall,满意
r5,health,overall,基本满意
r6,health,overall,不了解
`
	rs, err := survey.ReadRespondents(strings.NewReader(respondents))
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	as, err := survey.ReadAnswers(strings.NewReader(answers))
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := d.Answers(as, survey.ShandongScale())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []survey.Measure{survey.MeanScore, survey.SatisfactionRate} {
		est, err := set.Estimates(context.Background(), survey.UnitSettings{Measure: m, Item: "overall"})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range est {
			fmt.Printf("%-17s %-6s %8.4f (SE %.4f, n=%d, don't know %d)\n", m, e.Unit, e.Value, e.SE, e.N, e.Excluded)
		}
	}
	// Output:
	// mean-score        police  82.5000 (SE 10.0125, n=5, don't know 1)
	// mean-score        health  76.6364 (SE 7.4679, n=5, don't know 1)
	// satisfaction-rate police   0.7000 (SE 0.2474, n=5, don't know 1)
	// satisfaction-rate health   0.8545 (SE 0.1508, n=5, don't know 1)
}

// The satisfaction measures of a distribution of answers.
func ExampleScale_Summarize() {
	// Hangzhou 2010: 27.832 % 满意; 94.659 % satisfied in all (shares per
	// 100,000 answers; the split of the middle options is illustrative).
	s, err := survey.HangzhouScale().Summarize([]float64{27832, 40000, 26827, 5341})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("satisfaction rate %.5f, net %.5f, mean score %.4f\n", s.SatisfactionRate, s.NetSatisfaction, s.MeanScore)
	// Output:
	// satisfaction rate 0.94659, net 0.89318, mean score 75.9282
}

// Bootstrap inputs for ranking: per-unit category counts and the values
// of the categories under a measure.
func ExampleAnswerSet_CategoryCounts() {
	rs := []survey.Respondent{{ID: "a", Weight: 1}, {ID: "b", Weight: 1}, {ID: "c", Weight: 2}}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := d.Answers([]survey.Answer{
		{Respondent: "a", Unit: "U1", Value: "满意"}, {Respondent: "b", Unit: "U1", Value: "不了解"},
		{Respondent: "c", Unit: "U1", Value: "不满意"}, {Respondent: "a", Unit: "U2", Value: "基本满意"},
	}, survey.ShandongScale())
	if err != nil {
		fmt.Println(err)
		return
	}
	cc, err := set.CategoryCounts("")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cc.Labels, survey.ShandongScale().Values(survey.MeanScore))
	for u, unit := range cc.Units {
		fmt.Println(unit, cc.Counts[u], cc.Weighted[u], cc.Excluded[u])
	}
	// Output:
	// [满意 基本满意 不满意] [100 75 55]
	// U1 [1 0 1] [1 0 2] 1
	// U2 [0 1 0] [0 1 0] 0
}

// Combining respondent groups with fixed weights into one value per unit,
// as Hangzhou combines its voting levels: here residents and deputies
// count 7 : 3.
func ExampleAnswerSet_Estimates_groups() {
	var rs []survey.Respondent
	var as []survey.Answer
	labels := []string{"满意", "比较满意", "基本满意", "不满意"}
	for i := 0; i < 40; i++ {
		g := "resident"
		if i%4 == 0 {
			g = "deputy"
		}
		id := fmt.Sprintf("v%02d", i)
		rs = append(rs, survey.Respondent{ID: id, Group: g, Weight: 1})
		as = append(as, survey.Answer{Respondent: id, Unit: "transport", Value: labels[(i*7+i/4)%4]})
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := d.Answers(as, survey.HangzhouScale())
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	for _, s := range []survey.UnitSettings{
		{Group: "resident"},
		{Group: "deputy"},
		{GroupWeights: map[string]float64{"resident": 7, "deputy": 3}},
	} {
		est, err := set.Estimates(ctx, s)
		if err != nil {
			fmt.Println(err)
			return
		}
		e := est[0]
		fmt.Printf("%-9s %-10q %.2f (SE %.2f)\n", e.Unit, s.Group, e.Value, e.SE)
	}
	// Output:
	// transport "resident" 58.00 (SE 6.97)
	// transport "deputy"   66.00 (SE 11.48)
	// transport ""         60.40 (SE 5.97)
}
