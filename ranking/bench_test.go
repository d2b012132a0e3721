package ranking

import (
	"context"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
)

// benchSetup returns the benchmark model (300 units, 50 indicators in 5
// groups) and factors perturbing the weights by ±25% at both levels.
func benchSetup(b *testing.B) (*indicator.Plan, *indicator.Table, []Factor) {
	m, tab := testModel(b, 300, 5, 10, 1)
	p := compile(b, m)
	return p, tab, []Factor{
		{Name: "top weights", Amount: 0.25, Groups: LevelGroups(p, 0)},
		{Name: "group weights", Amount: 0.25, Groups: LevelGroups(p, 1)},
	}
}

// BenchmarkMonteCarlo is the target case: 300 units × 50
// indicators in 5 groups, 10,000 replications, weights ±25% at both
// levels, arithmetic or geometric aggregation at random (target: at most
// 200 ms on two cores). The "arithmetic" case drops the aggregation factor,
// to separate the cost of the geometric means computed by
// indicator.Prepared.Scores from the rest.
func BenchmarkMonteCarlo(b *testing.B) {
	p, tab, weights := benchSetup(b)
	agg := Factor{Name: "aggregation", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{Method: indicator.Arithmetic}, geometric}}
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		factors []Factor
	}{{"arithmetic_or_geometric", append(weights[:2:2], agg)}, {"arithmetic", weights}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			benchcpu.Report(b, func() {
				if _, err := MonteCarlo(ctx, p, tab, c.factors, Settings{Replications: 10000, TopK: 10, BottomK: 10}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkBootstrapCounts is the target case: 200 units × 1,000
// respondents on a 4-point item, 2,000 replicates (target: at most
// 100 ms).
func BenchmarkBootstrapCounts(b *testing.B) {
	counts := bootCounts()
	ctx := context.Background()
	b.ReportAllocs()
	benchcpu.Report(b, func() {
		if _, err := BootstrapCounts(ctx, counts, []float64{1, 2, 3, 4}, nil, Settings{Replications: 2000}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkRanker ranks 300 scores (the Monte Carlo kernel) with the radix
// ranker and with the comparison sort of Rank.
func BenchmarkRanker(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, 300)
	for i := range x {
		x[i] = 100 * r.Float64()
	}
	dst := make([]float64, len(x))
	b.Run("radix", func(b *testing.B) {
		rk := NewRanker(len(x), nil, Options{})
		b.ReportAllocs()
		for b.Loop() {
			_ = rk.Rank(dst, x)
		}
	})
	b.Run("sort", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = RankTo(dst, x, nil, Options{})
		}
	})
}

// BenchmarkRankConfidence computes marginal and simultaneous rank
// confidence sets for 200 units with independent estimates (1,000 draws).
func BenchmarkRankConfidence(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	est := make([]float64, 200)
	v := make([]float64, 200)
	for i := range est {
		est[i] = 100 * r.Float64()
		v[i] = 4 + 4*r.Float64()
	}
	cov := mat.NewDiagDense(len(v), v)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RankConfidence(ctx, est, cov, ConfidenceSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSobol estimates Sobol indices of three factors (weights at two
// levels, aggregation) for 300 units × 50 indicators: N = 1,024 base
// points (5,120 model runs) and 200 bootstrap resamples.
func BenchmarkSobol(b *testing.B) {
	p, tab, factors := benchSetup(b)
	factors = append(factors, Factor{Name: "aggregation", Kind: FactorAggregation, Aggregations: []indicator.Aggregation{{}, {Method: indicator.Harmonic, Offset: 1}}})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sobol(ctx, p, tab, factors, SobolSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}
