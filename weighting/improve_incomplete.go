package weighting

import (
	"math"
	"sort"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// suggestIncomplete is [Suggestions] for a matrix d (n × n, row-major)
// with missing (NaN) judgments: Saaty's revision rule applied to the
// matrix completed by s.Completion. It does not modify d.
func suggestIncomplete(d []float64, n int, s AHPSettings) ([]Suggestion, error) {
	res, _, _, err := Incomplete(mat.NewDense(n, n, d), s)
	if err != nil {
		return nil, err
	}
	w, lambda0 := res.Eigenvector, res.LambdaMax
	ri, _ := riOrNaN(s.RI, n)
	b := make([]float64, n*n)
	type ranked struct {
		Suggestion
		dev float64 // |ln(a_ij w_j / w_i)|
	}
	var out []ranked
	pairs, done := n*(n-1)/2, 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if s.Progress != nil && done > 0 {
				s.Progress(done, pairs) // the pairs before this one
			}
			done++
			x := d[i*n+j]
			if math.IsNaN(x) {
				continue
			}
			target := w[i] / w[j]
			v := nearestSaaty(target)
			if math.Abs(v-x) <= s.tol()*max(v, x) {
				continue // the scale has no value nearer the ratio
			}
			copy(b, d)
			b[i*n+j], b[j*n+i] = v, 1/v
			r, _, _, err := Incomplete(mat.NewDense(n, n, b), s)
			if err != nil {
				return nil, err
			}
			if r.LambdaMax < lambda0-float64(1e-12*lambda0) {
				ci := max((r.LambdaMax-float64(n))/float64(n-1), 0)
				out = append(out, ranked{Suggestion{Row: i, Col: j, Judgment: x, Suggested: v, LambdaMax: r.LambdaMax, CI: ci, CR: ci / ri},
					math.Abs(detmath.Log(float64(x*w[j]) / w[i]))})
			}
		}
	}
	if s.Progress != nil {
		s.Progress(pairs, pairs)
	}
	sort.SliceStable(out, func(p, q int) bool {
		a, b := out[p].dev, out[q].dev
		return a > b+float64(1e-12*b)
	})
	sg := make([]Suggestion, len(out))
	for k := range out {
		sg[k] = out[k].Suggestion
	}
	return sg, nil
}

// nearestSaaty returns the value of Saaty's scale nearest t in ln (on a
// tie, the smaller).
func nearestSaaty(t float64) float64 {
	lt := detmath.Log(t)
	best, bd := saatyValues[0], math.Inf(1)
	for _, v := range saatyValues {
		if dv := math.Abs(detmath.Log(v) - lt); dv < bd {
			best, bd = v, dv
		}
	}
	return best
}
