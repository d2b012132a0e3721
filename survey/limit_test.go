package survey_test

import (
	"context"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/internal/benchcpu"
	"github.com/ppgpa/ppgpa/survey"
)

// limitRake is the hand-written cell-level iterative proportional fitting
// that BenchmarkRake1MLimit runs, as tightly as we can write it for the
// library's input (codes as []int): one pass over the respondents forms
// each one's cell key and adds its weight to the cell, the sweeps run over
// the non-empty cells, and one pass multiplies each weight by its cell's
// factor. No checks, one goroutine.
func limitRake(w []float64, ms []survey.Margin, tol float64) []float64 {
	n := len(w)
	prod := 1
	for _, m := range ms {
		prod *= len(m.Levels)
	}
	key := make([]uint16, n)
	byKey := make([]float64, prod)
	for i, v := range w {
		k := 0
		for _, m := range ms {
			k = k*len(m.Levels) + m.Codes[i]
		}
		key[i] = uint16(k)
		byKey[k] += v
	}
	// Non-empty cells and their levels.
	var total []float64
	cellOf := make([]int, prod)
	level := make([][]int, len(ms))
	for k, v := range byKey {
		cellOf[k] = -1
		if v == 0 {
			continue
		}
		cellOf[k] = len(total)
		total = append(total, v)
		r := k
		for m := len(ms) - 1; m >= 0; m-- {
			level[m] = append(level[m], r%len(ms[m].Levels))
			r /= len(ms[m].Levels)
		}
	}
	factor := make([]float64, len(total))
	cur := make([]float64, len(total))
	for c := range factor {
		factor[c] = 1
	}
	copy(cur, total)
	sums := make([][]float64, len(ms))
	for m := range ms {
		sums[m] = make([]float64, len(ms[m].Levels))
	}
	for it := 0; it < 1000; it++ {
		for m, mg := range ms {
			s := sums[m]
			clear(s)
			for c, l := range level[m] {
				s[l] += cur[c]
			}
			for l, t := range mg.Targets {
				s[l] = t / s[l]
			}
			for c, l := range level[m] {
				factor[c] *= s[l]
				cur[c] = total[c] * factor[c]
			}
		}
		worst := 0.0
		for m, mg := range ms {
			s := sums[m]
			clear(s)
			for c, l := range level[m] {
				s[l] += cur[c]
			}
			for l, t := range mg.Targets {
				worst = math.Max(worst, math.Abs(s[l]-t)/t)
			}
		}
		if worst < tol {
			break
		}
	}
	for k, c := range cellOf {
		if c >= 0 {
			byKey[k] = factor[c]
		}
	}
	out := make([]float64, n)
	for i, k := range key {
		out[i] = w[i] * byKey[k]
	}
	return out
}

// TestLimitRakeSameWeights checks that the limit does the library's work:
// its weights agree with Rake's to 1e-12 (the collapse sums in another
// order, so the last bits may differ).
func TestLimitRakeSameWeights(t *testing.T) {
	t.Parallel()
	w, ms := rakeProblem(100_000)
	res, err := survey.Rake(context.Background(), w, ms, survey.RakeSettings{Tol: 1e-10})
	if err != nil {
		t.Fatal(err)
	}
	got := limitRake(w, ms, 1e-10)
	for i := range got {
		if math.Abs(got[i]-res.Weights[i]) > 1e-12*res.Weights[i] {
			t.Fatalf("respondent %d: limit %v, Rake %v", i, got[i], res.Weights[i])
		}
	}
}

// BenchmarkRake1MLimit runs the limit on BenchmarkRake1M's problem.
func BenchmarkRake1MLimit(b *testing.B) {
	w, ms := rakeProblem(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	benchcpu.Report(b, func() { limitRake(w, ms, 1e-10) })
}
