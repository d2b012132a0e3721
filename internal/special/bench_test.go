package special

import (
	"testing"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

var sink float64

func BenchmarkNormalCDF(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = NormalCDF(float64(i%64)/16 - 2)
	}
}

func BenchmarkGonumNormalCDF(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = distuv.UnitNormal.CDF(float64(i%64)/16 - 2)
	}
}

func BenchmarkNormalQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = NormalQuantile(float64(i%64+1) / 66)
	}
}

func BenchmarkTCDF(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = TCDF(float64(i%64)/16-2, 12)
	}
}

func BenchmarkGonumTCDF(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 12}.CDF(float64(i%64)/16 - 2)
	}
}

func BenchmarkTQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = TQuantile(0.975, float64(5+i%64))
	}
}

func BenchmarkGonumTQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(5 + i%64)}.Quantile(0.975)
	}
}

func BenchmarkBetaQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = BetaQuantile(0.025, float64(3+i%64), 40)
	}
}

func BenchmarkGonumBetaQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = mathext.InvRegIncBeta(float64(3+i%64), 40, 0.025)
	}
}

func BenchmarkChiSquareQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = ChiSquareQuantile(0.95, float64(1+i%64))
	}
}

func BenchmarkGonumChiSquareQuantile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = distuv.ChiSquared{K: float64(1 + i%64)}.Quantile(0.95)
	}
}
