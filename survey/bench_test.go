package survey_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/internal/benchcpu"
	"github.com/ppgpa/ppgpa/survey"
)

// rakeProblem returns n respondents with design weights in [1, 3) and
// four margins of 12, 6, 2 and 5 levels whose targets are the weighted
// counts under a different, known set of weights (so a solution exists).
func rakeProblem(n int) ([]float64, []survey.Margin) {
	r := rand.New(rand.NewPCG(1, 2))
	sizes := []int{12, 6, 2, 5}
	w := make([]float64, n)
	truth := make([]float64, n)
	ms := make([]survey.Margin, len(sizes))
	for k, L := range sizes {
		ms[k] = survey.Margin{Name: fmt.Sprintf("m%d", k), Codes: make([]int, n), Targets: make([]float64, L)}
		for l := 0; l < L; l++ {
			ms[k].Levels = append(ms[k].Levels, strconv.Itoa(l))
		}
	}
	for i := range w {
		w[i] = 1 + 2*r.Float64()
		truth[i] = w[i] * (0.5 + r.Float64())
		for k, L := range sizes {
			c := r.IntN(L)
			ms[k].Codes[i] = c
			ms[k].Targets[c] += truth[i]
		}
	}
	return w, ms
}

// BenchmarkRake1M rakes 1,000,000 respondents over four margins (12 x 6 x
// 2 x 5 levels) to a relative margin error of 1e-10; target <= 20 ms.
func BenchmarkRake1M(b *testing.B) {
	w, ms := rakeProblem(1_000_000)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	benchcpu.Report(b, func() {
		if _, err := survey.Rake(ctx, w, ms, survey.RakeSettings{Tol: 1e-10}); err != nil {
			b.Fatal(err)
		}
	})
}

// unitProblem returns a stratified two-stage-free cluster design of
// respondents (10 strata x 10 PSUs) who each rate every one of units
// assessed units on the Hangzhou scale.
func unitProblem(tb testing.TB, respondents, units int) *survey.AnswerSet {
	r := rand.New(rand.NewPCG(3, 4))
	rs := make([]survey.Respondent, respondents)
	for i := range rs {
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(i % 10), PSU: strconv.Itoa(i % 100),
			Weight: 10 + 10*r.Float64(), Group: strconv.Itoa(i % 3)}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	scale := survey.HangzhouScale()
	answers := make([]survey.Answer, 0, respondents*units)
	for u := 0; u < units; u++ {
		unit := "unit" + strconv.Itoa(u)
		for i := range rs {
			answers = append(answers, survey.Answer{Respondent: rs[i].ID, Unit: unit, Item: "overall",
				Value: scale.Categories[r.IntN(len(scale.Categories))].Label})
		}
	}
	set, err := d.Answers(answers, scale)
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// BenchmarkUnitEstimates estimates the satisfaction rate with linearised
// SEs for 200 units x 1,000 respondents; target <= 20 ms.
func BenchmarkUnitEstimates(b *testing.B) {
	set := unitProblem(b, 1000, 200)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := set.Estimates(ctx, survey.UnitSettings{Measure: survey.SatisfactionRate}); err != nil {
			b.Fatal(err)
		}
	}
}
