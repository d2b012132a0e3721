package detmath

import (
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/internal/benchcpu"
)

// benchIn is a fixed spread of arguments for the benchmarks.
var benchIn = func() []float64 {
	g := newInputGen(9)
	x := make([]float64, 1024)
	for i := range x {
		x[i] = g.uniform(0.001, 50)
	}
	return x
}()

var sink float64

func benchUnary(b *testing.B, f func(float64) float64) {
	b.ReportAllocs()
	var s float64
	for i := 0; i < b.N; i++ {
		s += f(benchIn[i&1023])
	}
	sink = s
}

func benchBinary(b *testing.B, f func(float64, float64) float64) {
	b.ReportAllocs()
	var s float64
	for i := 0; i < b.N; i++ {
		s += f(benchIn[i&1023], float64(0.01*benchIn[(i+7)&1023]))
	}
	sink = s
}

func BenchmarkExp(b *testing.B)       { benchUnary(b, Exp) }
func BenchmarkMathExp(b *testing.B)   { benchUnary(b, math.Exp) }
func BenchmarkLog(b *testing.B)       { benchUnary(b, Log) }
func BenchmarkMathLog(b *testing.B)   { benchUnary(b, math.Log) }
func BenchmarkLog1p(b *testing.B)     { benchUnary(b, Log1p) }
func BenchmarkMathLog1p(b *testing.B) { benchUnary(b, math.Log1p) }
func BenchmarkPow(b *testing.B)       { benchBinary(b, Pow) }
func BenchmarkMathPow(b *testing.B)   { benchBinary(b, math.Pow) }

func BenchmarkSum(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = Sum(benchIn)
	}
}

func benchSlice(b *testing.B, f func(dst, x []float64)) {
	b.ReportAllocs()
	dst := make([]float64, len(benchIn))
	benchcpu.Report(b, func() { f(dst, benchIn) })
}

func BenchmarkExpTo(b *testing.B) { benchSlice(b, ExpTo) }
func BenchmarkExpLoop(b *testing.B) {
	benchSlice(b, func(dst, x []float64) {
		for i, v := range x {
			dst[i] = Exp(v)
		}
	})
}
func BenchmarkLogTo(b *testing.B) { benchSlice(b, LogTo) }
func BenchmarkLogLoop(b *testing.B) {
	benchSlice(b, func(dst, x []float64) {
		for i, v := range x {
			dst[i] = Log(v)
		}
	})
}
