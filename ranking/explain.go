package ranking

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/ppgpa/ppgpa/indicator"
)

// Explanation says, for every unit and indicator, where a unit's score
// and rank come from and what a realistic change would give. [Explain]
// computes it. Units and per-unit slices are in table order; indicators
// are the model's leaves in tree order.
type Explanation struct {
	// Units are the unit ids; Score and Rank the final score and the rank
	// under the model's ranking section (as [Classify] gives it: within
	// the unit's category when the section ranks categories apart, vetoed
	// units last under veto_placement "last").
	Units      []string             `json:"units"`
	Score      []float64            `json:"score"`
	Rank       []float64            `json:"rank"`
	Indicators []ExplainedIndicator `json:"indicators"`
	// Cells[u][k] explains unit u on indicator k.
	Cells [][]Cell `json:"cells"`
}

// ExplainedIndicator describes one indicator (leaf) of an [Explanation].
type ExplainedIndicator struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Path   string `json:"path"`
	Column string `json:"column"`
	// Unit is the unit of measure of the raw values (the model node's
	// "unit" member), e.g. "%" or "天".
	Unit string `json:"unit,omitempty"`
	// Weight is the effective (global) weight.
	Weight float64 `json:"weight"`
	// LowerIsBetter reports the indicator's polarity: a lower raw value
	// gives a higher normalised score.
	LowerIsBetter bool `json:"lower_is_better,omitempty"`
	// Distinct is the number of distinct raw values among the units (of
	// the labels, for an indicator read from a text column of category
	// labels).
	Distinct int `json:"distinct"`
	// Labels reports an indicator read from a text column of category
	// labels: its cells have a Label and a PeerMode, no raw number.
	Labels bool `json:"labels,omitempty"`
}

// Informative reports whether the indicator tells units apart enough to
// name strengths and weaknesses by it: it has more than two distinct raw
// values. An indicator with no spread, or with two values (a yes/no
// indicator, where half the units are "below the median" by
// construction), is not, as in COINr's get_str_weak (see the package
// references).
func (x ExplainedIndicator) Informative() bool { return x.Distinct > 2 }

// Cell explains one unit on one indicator. Values that do not exist (a
// missing raw value, no peer with a value) are NaN, encoded as null.
type Cell struct {
	// Raw is the unit's value in the data table (before any
	// transformation); NaN for an indicator read from a text column of
	// category labels, which has no number. Imputed reports that it was
	// missing and imputed.
	Raw     float64 `json:"raw"`
	Imputed bool    `json:"imputed,omitempty"`
	// Score is the normalised score (higher is better).
	Score float64 `json:"score"`
	// Points is what the indicator adds to the final score
	// ([indicator.Result.Points]); the points of a unit's indicators sum
	// to its score when no group has adjustments.
	Points float64 `json:"points"`
	// Place is the unit's place among the units with a score on this
	// indicator (1 = best normalised score; equal scores share the best
	// place, "1224"), Of their number, and Tied reports that another unit
	// shares the place.
	Place int  `json:"place"`
	Of    int  `json:"of"`
	Tied  bool `json:"tied,omitempty"`
	// PeerMedian is the median of the other units' raw values (the mean
	// of the two middle ones for an even count); PeerScore the median of
	// their normalised scores.
	PeerMedian float64 `json:"peer_median"`
	PeerScore  float64 `json:"peer_score"`
	// Label is the unit's label for an indicator read from a text column
	// of category labels ("" when it is missing, as "NA" or "-", or for
	// an indicator of numbers), PeerMode the label that most of the
	// other units have: "" when two or more labels are the most common
	// (there is then no one label to compare with) or no other unit has
	// one.
	Label    string `json:"label,omitempty"`
	PeerMode string `json:"peer_mode,omitempty"`
	// WhatIfScore and WhatIfRank are the unit's score and rank when its
	// raw value is set to PeerMedian and the whole model is evaluated
	// again (normalisation and veto rules included: under veto placement
	// "last", a veto that the change lifts or brings moves the rank);
	// equal to its score and rank when the value is already the median,
	// NaN when there is no median or the model cannot be evaluated with
	// it (a median between two category codes, say, or one that leaves
	// the column without spread).
	WhatIfScore float64 `json:"what_if_score"`
	WhatIfRank  float64 `json:"what_if_rank"`
	// WhatIfTied reports that another unit has the what-if rank.
	WhatIfTied bool `json:"what_if_tied,omitempty"`
}

// Better reports whether the peers' median is a better raw value than
// the unit's, that is whether moving to it is an improvement: higher for
// a higher-is-better indicator, lower for a lower-is-better one.
func (c Cell) Better(x ExplainedIndicator) bool {
	if x.LowerIsBetter {
		return c.PeerMedian < c.Raw
	}
	return c.PeerMedian > c.Raw
}

// ExplainSettings configures [Explain]. The zero value computes every
// what-if figure.
type ExplainSettings struct {
	// NoWhatIf leaves WhatIfScore and WhatIfRank NaN, which saves one
	// evaluation of the model per unit and indicator (of the part of it
	// that the indicator reaches, see [indicator.WhatIf]).
	NoWhatIf bool
	// Progress, if not nil, is called after each unit's what-if figures
	// with the number of units done and their total (one evaluation per
	// indicator each: 300 units of 200 indicators are 60,000, in about a
	// second on two cores), so that a caller can draw a progress bar. It
	// is called from the worker goroutines, concurrently and not
	// necessarily in increasing order of done, so it must be safe for
	// concurrent use and quick; it is not called with NoWhatIf. It has no
	// effect on the results.
	Progress func(done, total int) `json:"-"`
}

// Explain evaluates plan on t and explains every unit's result (see
// [Explanation]). Ranks follow the model's ranking section ([UnitsOf],
// [Classify]).
// The what-if figures evaluate the model once per unit and indicator,
// spread over GOMAXPROCS goroutines; the result is the same whatever
// their number. Each evaluates again only the indicator's leaves and the
// groups above them ([indicator.WhatIf], the same bits as
// [indicator.Plan.Evaluate] of the table with the value changed, which
// [WhatIf] makes), and ranks only the unit's league table, as [Classify]
// would rank it (with the veto flags of that evaluation when vetoed
// units rank last, [indicator.WhatIf.ScoresVetoed]). A what-if that the
// model cannot evaluate has no figures (see [Cell]): the data are not
// at fault. It returns the errors of [indicator.Plan.Evaluate],
// [UnitsOf] and [Classify], and ctx's error. plan and t are not modified.
func Explain(ctx context.Context, plan *indicator.Plan, t *indicator.Table, s ExplainSettings) (*Explanation, error) {
	model := plan.Model()
	res, err := plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	units, err := UnitsOf(res, t, model.Ranking)
	if err != nil {
		return nil, err
	}
	st, err := Classify(units, model.Ranking)
	if err != nil {
		return nil, err
	}
	rank := st.Rank
	pts := res.Points()
	info := plan.Leaves()
	lower, unitOf := leafProperties(model.Root)
	var leaves []int
	for i, n := range res.Nodes {
		if n.Leaf {
			leaves = append(leaves, i)
		}
	}
	n := len(res.Units)
	e := &Explanation{Units: res.Units, Score: res.Score, Rank: rank, Cells: make([][]Cell, n)}
	raws := make([][]float64, len(leaves))
	labels, modes := make([][]string, len(leaves)), make([][]string, len(leaves))
	medRaw, medScore := make([][]float64, len(leaves)), make([][]float64, len(leaves))
	for k, i := range leaves {
		nd := res.Nodes[i]
		raw, ok := t.Column(info[k].Column)
		d := distinct(raw)
		if !ok {
			// Category labels in a text column: no number.
			raw = make([]float64, n)
			for u := range raw {
				raw[u] = math.NaN()
			}
			labels[k], _ = t.Attribute(info[k].Column)
			labels[k] = slices.Clone(labels[k])
			for u, l := range labels[k] {
				if missingLabel(l) {
					labels[k][u] = ""
				}
			}
			d = distinctLabels(labels[k])
			modes[k] = peerModes(labels[k])
		}
		raws[k] = raw
		medRaw[k], medScore[k] = peerMedians(raw), peerMedians(nd.Scores)
		e.Indicators = append(e.Indicators, ExplainedIndicator{ID: nd.ID, Name: nd.Name, Path: nd.Path, Column: info[k].Column,
			Unit: unitOf[nd.ID], Weight: res.Weights[k].Weight, LowerIsBetter: lower[nd.ID], Distinct: d, Labels: labels[k] != nil})
	}
	for u := range n {
		row := make([]Cell, len(leaves))
		for k, i := range leaves {
			nd := res.Nodes[i]
			c := Cell{Raw: raws[k][u], Score: nd.Scores[u], Points: pts[i][u],
				PeerMedian: medRaw[k][u], PeerScore: medScore[k][u],
				WhatIfScore: math.NaN(), WhatIfRank: math.NaN()}
			if nd.Imputed != nil {
				c.Imputed = nd.Imputed[u]
			}
			if labels[k] != nil {
				c.Label, c.PeerMode = labels[k][u], modes[k][u]
			}
			c.Place, c.Of, c.Tied = placeOf(nd.Scores, u)
			row[k] = c
		}
		e.Cells[u] = row
	}
	if s.NoWhatIf || n == 0 {
		return e, nil
	}
	wi, err := plan.PrepareWhatIf(ctx, t)
	if err != nil {
		return nil, err
	}
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int64
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ranker := newWhatIfRanker(st, units)
			for u := range next {
				if errs[u] = ctx.Err(); errs[u] != nil {
					continue
				}
				for k := range leaves {
					c := &e.Cells[u][k]
					if math.IsNaN(c.PeerMedian) {
						continue
					}
					if c.PeerMedian == c.Raw {
						c.WhatIfScore, c.WhatIfRank, c.WhatIfTied = res.Score[u], rank[u], st.Tied(u)
						continue
					}
					// Veto flags move ranks only when vetoed units rank
					// last; the ranker knows the table's flags alone.
					var sc []float64
					var vetoed []bool
					var err error
					if st.vetoLast {
						sc, vetoed, err = wi.ScoresVetoed(ctx, u, info[k].Column, c.PeerMedian)
					} else {
						sc, err = wi.Scores(ctx, u, info[k].Column, c.PeerMedian)
					}
					if err != nil {
						if errs[u] = ctx.Err(); errs[u] != nil {
							break
						}
						continue // the model cannot be evaluated with the median
					}
					rk, tied, ok := 0.0, false, false
					if vetoed == nil || slices.Equal(vetoed, units.Vetoed) {
						rk, tied, ok = ranker.rankOf(sc, u)
					}
					if !ok {
						alt := units
						alt.Scores = sc
						if vetoed != nil {
							alt.Vetoed = vetoed
						}
						r, err := Classify(alt, model.Ranking)
						if err != nil {
							errs[u] = err
							break
						}
						rk, tied = r.Rank[u], r.Tied(u)
					}
					c.WhatIfScore, c.WhatIfRank, c.WhatIfTied = sc[u], rk, tied
				}
				if s.Progress != nil {
					s.Progress(int(done.Add(1)), n)
				}
			}
		}()
	}
	for u := range n {
		next <- u
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return e, nil
}

// WhatIf evaluates plan on a copy of t in which unit u (a row index) has
// the given values in the given columns, and returns every unit's final
// score. Columns t lacks are ignored, and so is u out of range. Only the
// columns set are copied ([indicator.Table.WithValue]). It returns the
// errors of WithValue (an infinite value) and [indicator.Plan.Evaluate].
// t is not modified.
func WhatIf(ctx context.Context, plan *indicator.Plan, t *indicator.Table, u int, set map[string]float64) ([]float64, error) {
	// Column by column in table order, each a copy of one column (the
	// table shares the others): columns the table lacks are ignored.
	for _, c := range t.Columns() {
		v, ok := set[c]
		if !ok || u < 0 || u >= t.NumUnits() {
			continue
		}
		var err error
		if t, err = t.WithValue(u, c, v); err != nil {
			return nil, err
		}
	}
	res, err := plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	return res.Score, nil
}

// StrengthsWeaknesses returns the indices (into e.Indicators) of unit u's
// strengths and weaknesses, at most top of each (all when top <= 0). A
// strength is an indicator on which the unit's normalised score is above
// its peers' median (PeerScore), strongest first by place, then by
// weight; a weakness is below it, weakest first likewise. Indicators that
// are not [ExplainedIndicator.Informative] are left out unless all is
// true. It panics if u is out of range.
func (e *Explanation) StrengthsWeaknesses(u, top int, all bool) (strengths, weaknesses []int) {
	row := e.Cells[u]
	for k, c := range row {
		if (!all && !e.Indicators[k].Informative()) || math.IsNaN(c.Score) || math.IsNaN(c.PeerScore) {
			continue
		}
		switch {
		case c.Score > c.PeerScore:
			strengths = append(strengths, k)
		case c.Score < c.PeerScore:
			weaknesses = append(weaknesses, k)
		}
	}
	by := func(worst bool) func(a, b int) int {
		return func(a, b int) int {
			pa, pb := row[a].Place, row[b].Place
			if pa != pb {
				if worst {
					pa, pb = pb, pa
				}
				if pa < pb {
					return -1
				}
				return 1
			}
			wa, wb := e.Indicators[a].Weight, e.Indicators[b].Weight
			switch {
			case wa > wb:
				return -1
			case wa < wb:
				return 1
			}
			return a - b
		}
	}
	slices.SortStableFunc(strengths, by(false))
	slices.SortStableFunc(weaknesses, by(true))
	if top > 0 {
		strengths = strengths[:min(top, len(strengths))]
		weaknesses = weaknesses[:min(top, len(weaknesses))]
	}
	return strengths, weaknesses
}

// leafProperties returns, per leaf id, whether it is lower-is-better (an
// odd number of lower-is-better nodes on its path) and its unit of
// measure (the nearest "unit" member on its path).
func leafProperties(root *indicator.Node) (lower map[string]bool, unit map[string]string) {
	lower, unit = map[string]bool{}, map[string]string{}
	var walk func(n *indicator.Node, lo bool, un string)
	walk = func(n *indicator.Node, lo bool, un string) {
		if n.Polarity == indicator.LowerIsBetter {
			lo = !lo
		}
		if n.Unit != "" {
			un = n.Unit
		}
		if n.IsLeaf() {
			lower[n.ID], unit[n.ID] = lo, un
		}
		for _, c := range n.Children {
			walk(c, lo, un)
		}
	}
	if root != nil {
		walk(root, false, "")
	}
	return lower, unit
}

// distinct counts the distinct non-NaN values of x.
func distinct(x []float64) int {
	v := make([]float64, 0, len(x))
	for _, a := range x {
		if !math.IsNaN(a) {
			v = append(v, a)
		}
	}
	sort.Float64s(v)
	return len(slices.Compact(v))
}

// missingLabel reports whether a label is missing ("", "NA" and "-", as
// the categories normalisation reads them).
func missingLabel(s string) bool { return s == "" || s == "NA" || s == "-" }

// distinctLabels counts the distinct labels other than the missing ones.
func distinctLabels(labels []string) int {
	seen := map[string]bool{}
	for _, s := range labels {
		if !missingLabel(s) {
			seen[s] = true
		}
	}
	return len(seen)
}

// peerModes returns for each unit u the label most common among the
// other units (labels with "" for a missing one); "" when no other unit
// has a label or two or more labels are as common. Without u's label,
// only the count of that label drops by one, so the mode of the others
// follows from the largest count and how many labels reach it:
//
//	u's label the only one of the largest count c: it stays the mode if
//	  no other label has c-1 units, else there is none (a tie; or c-1 = 0);
//	u's label one of m >= 2 of count c: the other one if m = 2, else none;
//	otherwise (or u's label missing): the one label of count c if m = 1.
//
// The result does not depend on the order of the units.
func peerModes(labels []string) []string {
	count := map[string]int{}
	for _, s := range labels {
		if s != "" {
			count[s]++
		}
	}
	top, second := 0, 0 // the largest count and the largest below it
	for _, c := range count {
		switch {
		case c > top:
			top, second = c, top
		case c < top && c > second:
			second = c
		}
	}
	var tops []string // the labels of count top, in order
	for l, c := range count {
		if c == top {
			tops = append(tops, l)
		}
	}
	slices.Sort(tops)
	out := make([]string, len(labels))
	for u, s := range labels {
		switch {
		case s != "" && count[s] == top && len(tops) == 1:
			if top-1 > second {
				out[u] = s
			}
		case s != "" && count[s] == top:
			if len(tops) == 2 {
				out[u] = tops[0]
				if tops[0] == s {
					out[u] = tops[1]
				}
			}
		case len(tops) == 1:
			out[u] = tops[0]
		}
	}
	return out
}

// peerMedian returns the median of the non-NaN values of x other than
// x[skip] (the mean of the two middle values for an even count); NaN if
// there are none.
func peerMedian(x []float64, skip int) float64 {
	v := make([]float64, 0, len(x))
	for i, a := range x {
		if i != skip && !math.IsNaN(a) {
			v = append(v, a)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return v[m-1]/2 + v[m]/2
}

// placeOf returns 1 + the number of units with a higher value than x[u],
// the number of units with a value, and whether another unit has x[u].
// A unit without a value has place 0.
func placeOf(x []float64, u int) (place, of int, tied bool) {
	if math.IsNaN(x[u]) {
		for _, a := range x {
			if !math.IsNaN(a) {
				of++
			}
		}
		return 0, of, false
	}
	place = 1
	for i, a := range x {
		if math.IsNaN(a) {
			continue
		}
		of++
		if a > x[u] {
			place++
		}
		if a == x[u] && i != u {
			tied = true
		}
	}
	return place, of, tied
}
