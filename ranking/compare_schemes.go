package ranking

import (
	"bytes"
	"context"
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// Scheme is one way of scoring the same data for [CompareSchemes]: a
// compiled model under a name, such as the model with every group's
// weighting replaced by equal, entropy or CRITIC weights (see
// [WithWeighting]), another aggregation or another normalisation.
type Scheme struct {
	Name string
	Plan *indicator.Plan
}

// SchemeComparison is the result of [CompareSchemes]. Ranks[s][u] is unit
// u's rank (table order) under scheme s; Shift[u] is the largest minus the
// smallest of unit u's ranks; Tau[s][t] and Rho[s][t] are Kendall's tau-b
// and Spearman's rho between the scores of schemes s and t (1 on the
// diagonal; NaN when one of them has no spread).
type SchemeComparison struct {
	Names, Units []string
	Scores       [][]float64
	Ranks        [][]float64
	Shift        []float64
	Tau, Rho     [][]float64
}

// CompareSchemes scores the table t under every scheme, ranks each under
// opt, and compares the rankings pairwise. It returns the errors of
// [indicator.Plan.Evaluate] (naming the scheme) and of [RankTo], and an
// error for fewer than one scheme. No input is modified.
func CompareSchemes(ctx context.Context, t *indicator.Table, schemes []Scheme, opt Options) (*SchemeComparison, error) {
	return CompareSchemesWith(ctx, t, schemes, CompareSettings{Options: opt})
}

// CompareSettings configures [CompareSchemesWith].
type CompareSettings struct {
	// Options rank each scheme's scores.
	Options Options
	// Progress, if not nil, is called after each scheme is scored and
	// ranked and once more after the pairwise comparisons, with the steps
	// done and their total (the number of schemes + 1), so that a caller
	// can draw a progress bar: each scheme is one evaluation of the model
	// (half a second on 30,000 units × 200 indicators). It is called from
	// the calling goroutine and has no effect on the results.
	Progress func(done, total int) `json:"-"`
}

// CompareSchemesWith is [CompareSchemes] with its progress reported (see
// [CompareSettings]).
func CompareSchemesWith(ctx context.Context, t *indicator.Table, schemes []Scheme, cs CompareSettings) (*SchemeComparison, error) {
	opt := cs.Options
	if len(schemes) == 0 {
		return nil, fmt.Errorf("ranking: compare schemes: no scheme")
	}
	units := t.Units()
	n, k := len(units), len(schemes)
	c := &SchemeComparison{Units: units, Scores: make([][]float64, k), Ranks: make([][]float64, k), Shift: make([]float64, n)}
	for s, sc := range schemes {
		c.Names = append(c.Names, sc.Name)
		r, err := sc.Plan.Evaluate(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("ranking: scheme %q: %w", sc.Name, err)
		}
		c.Scores[s] = r.Score
		c.Ranks[s] = make([]float64, n)
		if err := RankTo(c.Ranks[s], r.Score, units, opt); err != nil {
			return nil, fmt.Errorf("ranking: scheme %q: %w", sc.Name, err)
		}
		if cs.Progress != nil {
			cs.Progress(s+1, k+1)
		}
	}
	for u := range n {
		lo, hi := math.Inf(1), math.Inf(-1)
		for s := range k {
			lo, hi = math.Min(lo, c.Ranks[s][u]), math.Max(hi, c.Ranks[s][u])
		}
		c.Shift[u] = hi - lo
	}
	c.Tau, c.Rho = make([][]float64, k), make([][]float64, k)
	for s := range k {
		c.Tau[s], c.Rho[s] = make([]float64, k), make([]float64, k)
		for q := range k {
			tau, rho := math.NaN(), math.NaN()
			if n >= 2 {
				if kr, err := Kendall(c.Scores[s], c.Scores[q], KendallOptions{}); err == nil {
					tau = kr.Tau
				}
				if sr, err := Spearman(c.Scores[s], c.Scores[q]); err == nil {
					rho = sr.Rho
				}
			}
			c.Tau[s][q], c.Rho[s][q] = tau, rho
		}
	}
	if cs.Progress != nil {
		cs.Progress(k+1, k+1)
	}
	return c, nil
}

// WithWeighting returns a copy of m in which every group's weighting is
// the scheme method (e.g. "equal", "entropy", "critic", "sd" or a
// registered one), for [CompareSchemes]; "model" (or "") returns a plain
// copy. Groups aggregated by benefit of the doubt keep their own weights.
// m is not modified.
func WithWeighting(m *indicator.Model, method string) *indicator.Model {
	c := m.Clone()
	if method == "" || method == "model" {
		return c
	}
	walkNodes(c.Root, func(n *indicator.Node) {
		if n.IsLeaf() || n.Aggregation != nil && n.Aggregation.Method == indicator.BoD {
			return
		}
		n.Weighting = &weighting.Spec{Method: method}
	})
	return c
}

// WithAggregation returns a copy of m in which every group is aggregated
// by a (e.g. geometric, a power mean or a registered aggregation), for
// [CompareSchemes], as the aggregation factor of [MonteCarlo] varies
// every group. Groups aggregated by benefit of the doubt keep it (their
// weights are each unit's own), and standard-error columns are set aside
// (a comparison ranks scores; a non-linear alternative could not
// propagate them). m is not modified.
func WithAggregation(m *indicator.Model, a indicator.Aggregation) *indicator.Model {
	c := m.Clone()
	walkNodes(c.Root, func(n *indicator.Node) {
		n.SEColumn = ""
		if n.IsLeaf() || n.Aggregation != nil && n.Aggregation.Method == indicator.BoD {
			return
		}
		v := a
		v.Params = bytes.Clone(a.Params)
		n.Aggregation = &v
	})
	return c
}

// WithNormalization returns a copy of m in which every leaf is
// normalised by nz (e.g. rank, zscore, percentile or a registered
// normalisation), for [CompareSchemes]: nz replaces the leaf's own
// normalisation (declared on it or on a group above it), goalposts
// included, as the normalisation factor of [MonteCarlo] does. Leaves
// scored by categories keep their points, and standard-error columns are
// set aside as in [WithAggregation]. m is not modified.
func WithNormalization(m *indicator.Model, nz indicator.Normalization) *indicator.Model {
	c := m.Clone()
	var walk func(n *indicator.Node, inherited *indicator.Normalization)
	walk = func(n *indicator.Node, inherited *indicator.Normalization) {
		if n == nil {
			return
		}
		n.SEColumn = ""
		own := n.Normalization
		if own == nil {
			own = inherited
		}
		if n.IsLeaf() {
			if own == nil || own.Method != indicator.NormCategories {
				v := nz
				v.Params = bytes.Clone(nz.Params)
				n.Normalization = &v
			}
			return
		}
		for _, ch := range n.Children {
			walk(ch, own)
		}
	}
	walk(c.Root, nil)
	return c
}
