package main

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/survey"
)

// cities are Fujian's nine prefecture-level cities (设区市) with an English
// gloss and a development level (reconstructed: the coast ahead of the
// interior). Pingtan comprehensive experimental zone is not included: its
// place in the assessment is not documented.
var cities = []struct {
	name, gloss string
	dev         float64
}{
	{"福州", "Fuzhou", 0.8}, {"厦门", "Xiamen", 1.0}, {"莆田", "Putian", 0.1},
	{"三明", "Sanming", -0.1}, {"泉州", "Quanzhou", 0.8}, {"漳州", "Zhangzhou", 0.2},
	{"南平", "Nanping", -0.4}, {"龙岩", "Longyan", 0}, {"宁德", "Ningde", -0.3},
}

// ages are the age groups of the public-appraisal survey: their share of
// the adult population and of the phone sample (both reconstructed; phone
// samples reach older residents more easily) and their shift of the latent
// satisfaction.
var ages = []struct {
	name               string
	population, sample float64
	shift              float64
}{
	{"18-34", 0.40, 0.25, -0.2},
	{"35-49", 0.35, 0.35, 0},
	{"50-65", 0.25, 0.40, 0.2},
}

// item is the public-appraisal question; scale its answers (labels and
// classes of the Shandong scale, survey.ShandongScale: 满意 and 基本满意
// count as satisfied, 不了解 is left out; Fujian's own scale is not
// documented).
const item = "对市政府机关效能的总体评价"

var scale = survey.ShandongScale()

// leaf is one indicator of the model: its column, first-level group and
// whether lower raw values are better.
type leaf struct {
	column string
	first  int
	lower  bool
}

// leavesOf lists the indicators below the first-level groups of the
// indicator tree, with their effective polarity (lower-is-better when an
// odd number of nodes on the path are).
func leavesOf(indicators *indicator.Node) []leaf {
	var out []leaf
	var walk func(n *indicator.Node, first int, lower bool)
	walk = func(n *indicator.Node, first int, lower bool) {
		lower = lower != (n.Polarity == indicator.LowerIsBetter)
		if n.IsLeaf() {
			out = append(out, leaf{n.Column, first, lower})
			return
		}
		for _, c := range n.Children {
			walk(c, first, lower)
		}
	}
	for k, c := range indicators.Children {
		walk(c, k, indicators.Polarity == indicator.LowerIsBetter)
	}
	return out
}

// synthetic is the generated data set.
type synthetic struct {
	table *indicator.Table
	// raw is each city's unweighted satisfaction rate (%), for comparison
	// with the post-stratified estimate in the table.
	raw []float64
}

// generate draws the synthetic data:
//
//	first-level factor  f_ck = 0.7 dev_c + N(0, 0.5^2)
//	indicator value     x = 100 + 15 z (higher is better) or 100 - 15 z,
//	                    z = f_ck + N(0, 0.7^2)  (an index scale: only the
//	                    order matters under min-max normalisation)
//	public appraisal    perCity phone interviews per city, age groups drawn
//	                    with the sample shares; 不了解 with probability 0.06,
//	                    else by z = 0.9 + 0.25 dev_c + shift_age
//	                    + N(0, 0.15^2) (city) + N(0, 1): 满意 if z > 1,
//	                    基本满意 if 0 < z <= 1, else 不满意
//
// The survey package post-stratifies each city's sample to the population
// age shares (Design.PostStratify) and estimates the satisfaction rate
// with its standard error (Design.Answers, AnswerSet.Estimates).
// City c's values come from stream c, respondent i's from stream 1<<20 + i.
func generate(ctx context.Context, leaves []leaf, firsts, perCity int, seed uint64) (*synthetic, error) {
	n := len(cities)
	cols := make([]string, 0, len(leaves)+2)
	for _, l := range leaves {
		cols = append(cols, l.column)
	}
	cols = append(cols, "public", "se_public")
	data := make([][]float64, n)
	ids := make([]string, n)
	s := &synthetic{raw: make([]float64, n)}
	var rs []survey.Respondent
	var cell []string
	var answers []survey.Answer
	pop := map[string]float64{}
	for c, city := range cities {
		ids[c] = city.name
		r := exdata.New(seed, uint64(c))
		f := make([]float64, firsts)
		for k := range f {
			f[k] = float64(0.7*city.dev) + float64(0.5*exdata.Normal(r))
		}
		for _, l := range leaves {
			z := f[l.first] + float64(0.7*exdata.Normal(r))
			if l.lower {
				z = -z
			}
			data[c] = append(data[c], 100+float64(15*z))
		}
		for _, a := range ages {
			pop[city.name+"/"+a.name] = float64(1000 * a.population)
		}
		effect := 0.9 + float64(0.25*city.dev) + float64(0.15*exdata.Normal(r))
		for i := 0; i < perCity; i++ {
			id := fmt.Sprintf("t%06d", len(rs))
			ri := exdata.New(seed, 1<<20+uint64(len(rs)))
			rs = append(rs, survey.Respondent{ID: id, Stratum: city.name, Weight: 1})
			a := ageGroup(ri.Float64())
			cell = append(cell, city.name+"/"+ages[a].name)
			label := "不了解"
			if ri.Float64() >= 0.06 {
				switch z := effect + ages[a].shift + exdata.Normal(ri); {
				case z > 1:
					label = "满意"
				case z > 0:
					label = "基本满意"
				default:
					label = "不满意"
				}
			}
			answers = append(answers, survey.Answer{Respondent: id, Unit: city.name, Item: item, Value: label})
		}
	}
	// Each city's sample is a stratum, post-stratified to its population's
	// age groups; the satisfaction rate is the share of 满意 and 基本满意
	// among the answers other than 不了解.
	design, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		return nil, err
	}
	adjusted, err := design.PostStratify(cell, pop)
	if err != nil {
		return nil, err
	}
	for k, d := range []*survey.Design{design, adjusted} {
		set, err := d.Answers(answers, scale)
		if err != nil {
			return nil, err
		}
		est, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.SatisfactionRate})
		if err != nil {
			return nil, err
		}
		for c := range est {
			if k == 0 {
				s.raw[c] = 100 * est[c].Value
			} else {
				data[c] = append(data[c], 100*est[c].Value, 100*est[c].SE)
			}
		}
	}
	t, err := indicator.NewTable(ids, cols, data)
	s.table = t
	return s, err
}

// ageGroup returns the age group of a uniform u under the sample shares.
func ageGroup(u float64) int {
	cum := 0.0
	for a := range ages {
		cum += ages[a].sample
		if u < cum {
			return a
		}
	}
	return len(ages) - 1
}
