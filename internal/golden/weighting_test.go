package golden

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/weighting"
)

// saaty returns a random reciprocal pairwise comparison matrix of order n
// with judgments from Saaty's 1-9 scale, drawn around a random weight
// vector so that consistency varies from good to poor.
func saaty(src *rand.Rand, n int, noise float64) *mat.Dense {
	w := make([]float64, n)
	for i := range w {
		w[i] = 0.5 + src.Float64()
	}
	a := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		a.Set(i, i, 1)
		for j := i + 1; j < n; j++ {
			v := w[i] / w[j] * detmath.Exp(float64(noise*rng.Normal(src)))
			// Round to the scale 1/9 ... 9.
			var s float64
			if v >= 1 {
				s = float64(min(9, max(1, int(v+0.5))))
			} else {
				s = 1 / float64(min(9, max(1, int(1/v+0.5))))
			}
			a.Set(i, j, s)
			a.Set(j, i, 1/s)
		}
	}
	return a
}

// dataMatrix returns an n×m matrix of positive values with correlated
// columns, for the data-driven schemes.
func dataMatrix(src *rand.Rand, n, m int) *mat.Dense {
	x := mat.NewDense(n, m, nil)
	for i := 0; i < n; i++ {
		common := rng.Normal(src)
		for j := 0; j < m; j++ {
			load := float64(j%3) / 3
			v := float64(load*common) + rng.Normal(src)
			x.Set(i, j, float64(10*detmath.Exp(float64(0.3*v))))
		}
	}
	return x
}

func rows(m mat.Matrix) [][]float64 {
	if m == nil {
		return nil
	}
	r, c := m.Dims()
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
		for j := range out[i] {
			out[i][j] = m.At(i, j)
		}
	}
	return out
}

func recordAHP(r *record, name string, res weighting.AHPResult) {
	r.fs(name+".Weights", res.Weights)
	r.fs(name+".Eigenvector", res.Eigenvector)
	r.fs(name+".GeometricMean", res.GeometricMean)
	r.f(name+".LambdaMax", res.LambdaMax)
	r.f(name+".CI", res.CI)
	r.f(name+".CR", res.CR)
	r.i(name+".Iterations", res.Iterations)
}

func TestWeighting(t *testing.T) {
	t.Parallel()
	var r record
	src := rng.New(2026, 3)
	for n := 3; n <= 9; n++ {
		for k, noise := range []float64{0, 0.3, 0.8} {
			name := fmt.Sprintf("AHP(n=%d,%d)", n, k)
			res, err := weighting.Priorities(saaty(src, n, noise), weighting.AHPSettings{})
			r.err(name, err)
			recordAHP(&r, name, res)
			w, err := weighting.LLSM(saaty(src, n, noise))
			r.err(name+".LLSM", err)
			r.fs(name+".LLSM", w)
		}
	}
	// Incomplete matrix (Harker): drop two judgments of a 6×6 matrix.
	a := saaty(src, 6, 0.4)
	for _, ij := range [][2]int{{0, 3}, {2, 5}} {
		a.Set(ij[0], ij[1], nan)
		a.Set(ij[1], ij[0], nan)
	}
	h, err := weighting.Harker(a, weighting.AHPSettings{})
	r.err("Harker", err)
	r.fs("Harker.Weights", h.Weights)

	judges := make([]mat.Matrix, 4)
	for i := range judges {
		judges[i] = saaty(src, 5, 0.5)
	}
	for _, m := range []weighting.GroupMethod{weighting.AIJ} {
		g, err := weighting.Group(judges, []float64{1, 2, 1, 1}, weighting.GroupSettings{Method: m})
		name := fmt.Sprintf("Group(%v)", m)
		r.err(name, err)
		r.fs(name+".Weights", g.Weights)
		r.fs(name+".AIPGeometric", g.AIPGeometric)
		r.fs(name+".AIPArithmetic", g.AIPArithmetic)
		recordAHP(&r, name+".AIJ", g.AIJ)
	}

	for k := 0; k < 3; k++ {
		x := dataMatrix(src, 15+5*k, 4+k)
		name := fmt.Sprintf("data%d", k)
		e, err := weighting.Entropy{}.Analyze(x)
		r.err(name+".Entropy", err)
		r.fs(name+".Entropy.Weights", e.Weights)
		r.fs(name+".Entropy.Entropy", e.Entropy)
		c, err := weighting.CRITIC{}.Analyze(x)
		r.err(name+".CRITIC", err)
		r.fs(name+".CRITIC.Weights", c.Weights)
		r.fs(name+".CRITIC.Information", c.Information)
		p, err := weighting.PCA{}.Analyze(x)
		r.err(name+".PCA", err)
		r.fs(name+".PCA.Weights", p.Weights)
		r.fs(name+".PCA.Eigenvalues", p.Eigenvalues)
		r.fss(name+".PCA.Loadings", rows(p.Loadings))
		if p.Rotated != nil {
			r.fss(name+".PCA.Rotated", rows(p.Rotated))
		}
		b, err := weighting.BenefitOfDoubt(x, weighting.BoDSettings{})
		r.err(name+".BoD", err)
		r.fs(name+".BoD.Scores", b.Scores)
		r.fss(name+".BoD.Weights", rows(b.Weights))
		al, err := weighting.CronbachAlpha(x)
		r.err(name+".CronbachAlpha", err)
		r.f(name+".CronbachAlpha.Raw", al.Raw)
		r.f(name+".CronbachAlpha.Std", al.Std)
	}
	// Budget allocation, resident share and correlations.
	alloc := make([][]float64, 6)
	for i := range alloc {
		alloc[i] = make([]float64, 4)
		left := 100
		for j := 0; j < 3; j++ {
			v := src.IntN(left/2 + 1)
			alloc[i][j] = float64(v)
			left -= v
		}
		alloc[i][3] = float64(left)
	}
	bw, err := weighting.Budget{Allocations: alloc, Trim: 0.2}.Weights(weighting.Input{IDs: []string{"a", "b", "c", "d"}})
	r.err("Budget", err)
	r.fs("Budget", bw)
	rw, err := weighting.ResidentShare{Resident: "c", Share: 0.5, Rest: weighting.Fixed{}}.Weights(
		weighting.Input{IDs: []string{"a", "b", "c", "d"}, Declared: []float64{3, 2, 1, 1}})
	r.err("ResidentShare", err)
	r.fs("ResidentShare", rw)
	x := dataMatrix(src, 25, 2)
	cx, cy := mat.Col(nil, 0, x), mat.Col(nil, 1, x)
	for _, c := range []weighting.CorrMethod{weighting.Pearson, weighting.Spearman, weighting.Kendall} {
		r.f(fmt.Sprintf("Correlation(%d)", c), weighting.Correlation(cx, cy, c))
	}
	r.check(t, "weighting")
}
