package survey_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

// BenchmarkUnitCovariance: the linearised covariance matrix of 100 units
// rated by each of 20,000 respondents (element sampling), with the
// per-unit estimates.
func BenchmarkUnitCovariance(b *testing.B) {
	const n, U = 20000, 100
	r := rand.New(rand.NewPCG(3, 4))
	rs := make([]survey.Respondent, n)
	for i := range rs {
		rs[i] = survey.Respondent{ID: "r" + strconv.Itoa(i), Weight: 1 + r.Float64()}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		b.Fatal(err)
	}
	sc := survey.ShandongScale()
	answers := make([]survey.Answer, 0, n*U)
	for u := 0; u < U; u++ {
		unit := "u" + strconv.Itoa(u)
		for i := range rs {
			answers = append(answers, survey.Answer{Respondent: rs[i].ID, Unit: unit, Value: sc.Categories[r.IntN(4)].Label})
		}
	}
	set, err := d.Answers(answers, sc)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := set.Covariance(ctx, survey.UnitSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReplicatesRaked: 100 bootstrap replicates of 100,000
// respondents in 2,000 PSUs of 20 strata, raked over four margins and
// re-raked in every replicate, then the replicate SE of a mean.
func BenchmarkReplicatesRaked(b *testing.B) {
	const n = 100000
	w, ms := rakeProblem(n)
	r := rand.New(rand.NewPCG(5, 6))
	rs := make([]survey.Respondent, n)
	y := make([]float64, n)
	for i := range rs {
		psu := i / 50
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(psu % 20), PSU: strconv.Itoa(psu), Weight: w[i]}
		y[i] = r.Float64()
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	raked, _, err := d.Rake(ctx, ms, survey.RakeSettings{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rd, err := raked.Replicates(ctx, survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 100, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rd.Estimate(y, survey.EstimateSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}
