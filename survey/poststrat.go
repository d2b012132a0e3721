package survey

import (
	"fmt"
	"math"
	"sort"
)

// PostStratify returns the design post-stratified to known population
// counts: cell[i] is respondent i's post-stratum and population[g] the
// population count of post-stratum g. Each weight becomes
//
//	w_i' = w_i * N_g / sum_{j in g} w_j
//
// so that the weights of every post-stratum sum to its population count.
// Estimates from the returned design use R survey's postStratify variance
// (see the package documentation): the linearised variable z is replaced by
//
//	z_i - w_i' m_g,  m_g = sum_{j in g} z_j w_j/w_j' / sum_{j in g} w_j
//
// It returns a *CellError wrapping ErrInvalidInput for a respondent's
// post-stratum missing from population or a negative, NaN or infinite
// count, and a *CellError wrapping [ErrEmptyCell] naming a post-stratum
// with a positive population count and no sample weight. It panics if
// len(cell) != Len(). d is not modified.
func (d *Design) PostStratify(cell []string, population map[string]float64) (*Design, error) {
	d.checkLen("cell", len(cell))
	names := make([]string, 0, len(population))
	for g, N := range population {
		if N < 0 || math.IsNaN(N) || math.IsInf(N, 0) {
			return nil, &CellError{Variable: "post-stratum", Cell: g, Err: fmt.Errorf("%w: population count %v", ErrInvalidInput, N)}
		}
		names = append(names, g)
	}
	sort.Strings(names)
	idx := make(map[string]int32, len(names))
	for k, g := range names {
		idx[g] = int32(k)
	}
	codes := make([]int32, d.n)
	sums := make([]float64, len(names))
	for i, c := range cell {
		k, ok := idx[c]
		if !ok {
			return nil, &CellError{Variable: "post-stratum", Cell: c, Err: fmt.Errorf("%w: not in the population table (row %d)", ErrInvalidInput, i)}
		}
		codes[i] = k
		sums[k] += d.w[i]
	}
	for k, g := range names {
		if sums[k] == 0 && population[g] > 0 {
			return nil, &CellError{Variable: "post-stratum", Cell: g, Err: fmt.Errorf("%w: no sampled weight for population count %v", ErrEmptyCell, population[g])}
		}
	}
	w := make([]float64, d.n)
	for i, k := range codes {
		if d.w[i] != 0 {
			w[i] = d.w[i] * (population[names[k]] / sums[k])
		}
	}
	a := &postStratAdj{codes: codes, ng: len(names), old: d.w, w: w}
	st := &postStratStep{codes: codes, names: names, pop: make([]float64, len(names))}
	for k, g := range names {
		st.pop[k] = population[g]
	}
	return d.withWeights(w, a, st), nil
}

// postStratAdj is the variance adjustment of post-stratification.
type postStratAdj struct {
	codes  []int32
	ng     int
	old, w []float64
}

func (a *postStratAdj) apply(z []float64) {
	num := make([]float64, a.ng)
	den := make([]float64, a.ng)
	for i, g := range a.codes {
		if a.w[i] == 0 {
			continue
		}
		num[g] += float64(z[i] * a.old[i] / a.w[i])
		den[g] += a.old[i]
	}
	for g := range num {
		if den[g] > 0 {
			num[g] /= den[g]
		}
	}
	for i, g := range a.codes {
		z[i] -= float64(a.w[i] * num[g])
	}
}
