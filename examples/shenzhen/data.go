package main

import (
	"context"
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/survey"
)

// dept is one municipal department: its name, English gloss and type
// (委 commission, 局 bureau, 办 office).
type dept struct{ name, gloss, kind string }

// depts are the assessed departments, named after Shenzhen's 2009
// reorganisation (illustrative: the 2007 pilot covered 16 municipal
// bureaus [SZ1]); their results are synthetic.
var depts = []dept{
	{"市发展和改革委员会", "Development & Reform", "委"},
	{"市科技工贸和信息化委员会", "Sci-Tech, Trade & IT", "委"},
	{"市人居环境委员会", "Human Settlements & Env.", "委"},
	{"市交通运输委员会", "Transport", "委"},
	{"市规划和国土资源委员会", "Planning & Land", "委"},
	{"市公安局", "Public Security", "局"},
	{"市教育局", "Education", "局"},
	{"市民政局", "Civil Affairs", "局"},
	{"市财政局", "Finance", "局"},
	{"市人力资源和社会保障局", "Human Res. & Soc. Security", "局"},
	{"市住房和建设局", "Housing & Construction", "局"},
	{"市市场监督管理局", "Market Supervision", "局"},
	{"市文体旅游局", "Culture, Sports & Tourism", "局"},
	{"市水务局", "Water", "局"},
	{"市城市管理局", "Urban Management", "局"},
	{"市法制办公室", "Legislative Affairs", "办"},
	{"市应急管理办公室", "Emergency Management", "办"},
	{"市口岸办公室", "Ports", "办"},
	{"市金融发展服务办公室", "Financial Services", "办"},
	{"市外事办公室", "Foreign Affairs", "办"},
}

// kinds are the department types, in the order of the models.
var kinds = []string{"委", "局", "办"}

// scale5 is the five-point answer scale of the external survey with its
// points, borrowed from the 2011 "幸福广东" questionnaire [GD7] (Shenzhen's
// own scale is not documented), worst first.
var scale5 = survey.Scale{Name: "five-point", Categories: []survey.Category{
	{Label: "很不满意", Points: 0, Class: survey.ClassDissatisfied},
	{Label: "不太满意", Points: 40, Class: survey.ClassDissatisfied},
	{Label: "一般", Points: 60, Class: survey.ClassNeutral},
	{Label: "比较满意", Points: 80, Class: survey.ClassSatisfied},
	{Label: "很满意", Points: 100, Class: survey.ClassSatisfied},
}}

// synthetic is the generated data: one table per department type.
type synthetic struct {
	tables      map[string]*indicator.Table
	respondents int
	points      int
	ratings     int
}

// generate draws the synthetic data. leaves are the base model's leaves
// (column, goalposts worst and best); a department of a type whose model
// lacks a leaf has no value for it.
//
//	department quality  q_d ~ N(0, 1)
//	indicator value     x = worst + (best - worst) t,
//	                    t = min(1, 0.78 + 0.08 q_d + N(0, 0.1^2))
//	external survey     respondents at 14 survey points (intercept
//	                    interviews, the points as clusters); each draws 4
//	                    departments uniformly (a repeat is rated once) and
//	                    rates them on the five-point scale
//	                    by the latent value 0.35 q_d + N(0, 0.3^2) (point)
//	                    + N(0, 1) cut at -1.9, -1.1, 0 and 1.0
//
// A respondent who draws a department twice rates it once. The survey
// package (Design.Answers, AnswerSet.Estimates) estimates each
// department's mean points with a clustered standard error (PSU = survey
// point). Department d's values
// come from stream d, survey point p's effect from stream 1000 + p and
// respondent i's answers from stream 1<<20 + i.
func generate(ctx context.Context, leaves []leafSpec, has map[string]map[string]bool, respondents int, seed uint64) (*synthetic, error) {
	const points, perRespondent = 14, 4
	s := &synthetic{tables: map[string]*indicator.Table{}, respondents: respondents, points: points}
	q := make([]float64, len(depts))
	rows := make([][]float64, len(depts))
	for d := range depts {
		r := exdata.New(seed, uint64(d))
		q[d] = exdata.Normal(r)
		for _, l := range leaves {
			t := math.Min(1, 0.78+float64(0.08*q[d])+float64(0.1*exdata.Normal(r)))
			x := math.NaN()
			if has[depts[d].kind][l.column] {
				x = l.worst + float64((l.best-l.worst)*t)
			}
			rows[d] = append(rows[d], x)
		}
	}
	pointEffect := make([]float64, points)
	for p := range pointEffect {
		pointEffect[p] = float64(0.3 * exdata.Normal(exdata.New(seed, 1000+uint64(p))))
	}
	rs := make([]survey.Respondent, respondents)
	var answers []survey.Answer
	for i := range rs {
		p := i % points
		rs[i] = survey.Respondent{ID: fmt.Sprintf("q%05d", i), PSU: fmt.Sprintf("point%02d", p+1), Weight: 1}
		r := exdata.New(seed, 1<<20+uint64(i))
		rated := map[int]bool{}
		for k := 0; k < perRespondent; k++ {
			d := r.IntN(len(depts))
			z := float64(0.35*q[d]) + pointEffect[p] + exdata.Normal(r)
			if rated[d] {
				continue // one answer per department and respondent
			}
			rated[d] = true
			answers = append(answers, survey.Answer{Respondent: rs[i].ID, Unit: depts[d].name, Value: scale5.Categories[answer5(z)].Label})
			s.ratings++
		}
	}
	// The survey points are the clusters (PSUs); each department's mean
	// score is a domain mean over the respondents who rated it.
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	set, err := design.Answers(answers, scale5)
	if err != nil {
		return nil, err
	}
	est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.MeanScore})
	if err != nil {
		return nil, err
	}
	for _, e := range est {
		for d := range depts {
			if depts[d].name == e.Unit {
				rows[d] = append(rows[d], e.Value, e.SE)
			}
		}
	}
	cols := make([]string, 0, len(leaves)+2)
	for _, l := range leaves {
		cols = append(cols, l.column)
	}
	cols = append(cols, "external", "se_external")
	for _, k := range kinds {
		var ids []string
		var data [][]float64
		for d := range depts {
			if depts[d].kind == k {
				ids = append(ids, depts[d].name)
				data = append(data, rows[d])
			}
		}
		t, err := indicator.NewTable(ids, cols, data)
		if err != nil {
			return nil, err
		}
		s.tables[k] = t
	}
	return s, nil
}

// answer5 returns the option of latent value z.
func answer5(z float64) int {
	k := 0
	for _, c := range []float64{-1.9, -1.1, 0, 1.0} {
		if z >= c {
			k++
		}
	}
	return k
}
