package indicator

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/weighting"
)

// Coherence is the statistical coherence of a model evaluated on a table,
// group by group, as COINr's analysis tools report it (see
// [Prepared.Coherence]). Per-unit slices are in the order of Units.
type Coherence struct {
	// Method is the correlation coefficient used.
	Method weighting.CorrMethod
	// Redundant and Negative are the thresholds applied: a pair of
	// siblings is flagged redundant when r > Redundant, negatively
	// correlated when r < -Negative.
	Redundant, Negative float64
	// Units are the unit ids sorted by id (byte order), so that the
	// result does not depend on the order of the table's rows.
	Units []string
	// Availability is, per unit, the share of the model's indicators
	// that the table has for it (not missing; imputed cells count as
	// missing).
	Availability []float64
	// Groups holds one entry per group of the model, in tree pre-order
	// (root first).
	Groups []GroupCoherence
}

// GroupCoherence is the coherence of one group: how its children
// correlate with each other, with the group and with the index.
// Per-child slices are in the order of Children; correlations that cannot
// be computed (fewer than 3 units with both values, or a child without
// variation) are NaN.
type GroupCoherence struct {
	ID, Path string
	// Children are the ids of the group's children, in model order.
	Children []string
	// Correlations is the correlation matrix of the children's scores
	// (k × k, rows and columns in the order of Children; pairwise
	// complete units).
	Correlations *mat.SymDense
	// WithGroup[j] is the correlation of child j with the group's score,
	// WithIndex[j] with the index (the root's score).
	WithGroup, WithIndex []float64
	// GroupWithIndex is the correlation of the group's score with the
	// index (1 for the root).
	GroupWithIndex float64
	// Alpha is Cronbach's alpha of the children's scores over the units
	// that have them all (NaN values for a group of one child, fewer than
	// 2 such units, or a constant child).
	Alpha weighting.AlphaResult
	// ChildAvailability[j] is the share of the cells of child j's
	// indicators, over all units, that the table has.
	ChildAvailability []float64
	// Availability is, per unit, the share of the group's indicators
	// (its leaves at any depth) that the table has for it.
	Availability []float64
	// Flags lists the flagged pairs of children, by first child, then
	// second child, in model order.
	Flags []CoherenceFlag
}

// CoherenceFlag is a flagged pair of children of one group: A comes before
// B in the group's children.
type CoherenceFlag struct {
	// Kind is weighting.Redundant (r > the redundancy threshold) or
	// weighting.NegativeCorrelation (r < minus the negative threshold).
	Kind weighting.FlagKind
	A, B string
	R    float64
}

// Group returns the coherence of the group with the given id.
func (c *Coherence) Group(id string) (*GroupCoherence, bool) {
	for i := range c.Groups {
		if c.Groups[i].ID == id {
			return &c.Groups[i], true
		}
	}
	return nil, false
}

// Correlation returns the correlation between children a and b of the
// group, and false if either is not a child of it.
func (g *GroupCoherence) Correlation(a, b string) (float64, bool) {
	i, j := -1, -1
	for k, id := range g.Children {
		if id == a {
			i = k
		}
		if id == b {
			j = k
		}
	}
	if i < 0 || j < 0 {
		return math.NaN(), false
	}
	return g.Correlations.At(i, j), true
}

// Coherence analyses the statistical coherence of the model's structure on
// the prepared table (OECD/JRC Handbook 2008, step 4 "multivariate
// analysis"; COINr's get_corr, get_cronbach, get_data_avail and
// get_corr_flags): for every group, the correlations of its children's
// scores with each other, with the group's score and with the index,
// Cronbach's alpha of the children, the share of data available per unit,
// and flags for redundant (very highly correlated) and negatively
// correlated siblings. It feeds [weighting.Coherence] group by group.
//
// The scores analysed are those that the nominal aggregation combines: a
// leaf's normalised (imputed, adjusted) value, a group's aggregate after
// its adjustments; the index is the root's score. Correlations use the
// units where both values are present (available-case aggregation leaves
// gaps). Availability counts what the table has, before imputation: a
// cell that was missing counts as missing even if it was imputed.
//
// The settings' zero value means Pearson correlations, redundancy above
// 0.9 (COINr's get_corr_flags default, cor_thresh = 0.9 with thresh_type
// "high") and negative correlation below -0.4 (the lowest of the flag
// thresholds c(-0.4, 0.3, 0.9) of COINr's plot_corr; get_corr_flags has no
// negative default). Units are taken
// in the order of their ids, so that the result is the same bits whatever
// the order of the table's rows.
//
// It returns an error if a threshold is NaN or outside [0, 1], and
// ctx.Err() if ctx is cancelled (Kendall's tau takes O(n^2) time per
// pair of children). Coherence panics if s.Method is not a known
// weighting.CorrMethod.
func (pr *Prepared) Coherence(ctx context.Context, s weighting.CoherenceSettings) (*Coherence, error) {
	if s.Method < weighting.Pearson || s.Method > weighting.Kendall {
		panic(fmt.Sprintf("indicator: unknown CorrMethod %d", int(s.Method)))
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"redundant", s.Redundant}, {"negative", s.Negative}} {
		if !(t.v >= 0 && t.v <= 1) {
			return nil, fmt.Errorf("indicator: coherence: %s threshold %v outside [0, 1]", t.name, t.v)
		}
	}
	if s.Redundant == 0 {
		s.Redundant = 0.9
	}
	if s.Negative == 0 {
		s.Negative = 0.4
	}
	p, n := pr.plan, pr.n
	out := &Coherence{Method: s.Method, Redundant: s.Redundant, Negative: s.Negative,
		Units: make([]string, n), Availability: make([]float64, n)}
	for r, u := range pr.unitOrder() {
		out.Units[r] = pr.units[u]
	}
	// present[i][r] counts the indicators under node i present for the
	// unit in canonical row r; leaves[i] the indicators under node i.
	present := make([][]float64, len(p.nodes))
	leaves := make([]int, len(p.nodes))
	for i := range p.nodes {
		present[i] = make([]float64, n)
	}
	for _, l := range p.leaves {
		raw, imp := pr.raw[l], pr.imputed[l]
		for r, u := range pr.unitOrder() {
			if imp[u] || math.IsNaN(raw[u]) {
				continue
			}
			for k := l; k >= 0; k = p.nodes[k].parent {
				present[k][r]++
			}
		}
		for k := l; k >= 0; k = p.nodes[k].parent {
			leaves[k]++
		}
	}
	for r := range out.Availability {
		out.Availability[r] = present[0][r] / float64(leaves[0])
	}
	index := make([]float64, n)
	for r, u := range pr.unitOrder() {
		index[r] = pr.scores[0][u]
	}
	// Progress: every group's correlations (see
	// weighting.CoherenceSettings.Progress), one group after another.
	progress, total, offset := s.Progress, 0, 0
	for i := range p.nodes {
		if k := len(p.nodes[i].children); p.nodes[i].group >= 0 {
			total += k*(k-1)/2 + 2*k
		}
	}
	for i := range p.nodes {
		c := &p.nodes[i]
		if c.group < 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if progress != nil {
			s.Progress = func(done, _ int) { progress(offset+done, total) }
		}
		k := len(c.children)
		x := mat.NewDense(max(n, 1), k, nil)
		gs := mat.NewDense(max(n, 1), 1, nil)
		avail := make([]float64, n)
		childAvail := make([]float64, k)
		for r, u := range pr.unitOrder() {
			gs.Set(r, 0, pr.scores[i][u])
			avail[r] = present[i][r] / float64(leaves[i])
			for j, ch := range c.children {
				x.Set(r, j, pr.scores[ch][u])
			}
		}
		for j, ch := range c.children {
			var s float64
			for _, v := range present[ch] {
				s += v
			}
			childAvail[j] = s / float64(leaves[ch]*n)
		}
		res, err := weighting.Coherence(weighting.CoherenceInput{X: x, Groups: make([]int, k), GroupScores: gs, Index: index}, s)
		if err != nil {
			var de *weighting.DataError
			if errors.As(err, &de) && de.Row >= 0 && de.Row < n && de.Col >= 0 && de.Col < k {
				return nil, &NodeError{Path: c.path, Unit: pr.units[pr.unitOrder()[de.Row]],
					Err: fmt.Errorf("%w: coherence of child %q = %v: %s", ErrDomain, c.ids[de.Col], de.Value, de.Msg)}
			}
			return nil, &NodeError{Path: c.path, Err: fmt.Errorf("%w: coherence: %w", ErrDomain, err)}
		}
		g := GroupCoherence{
			ID: c.id, Path: c.path, Children: append([]string(nil), c.ids...),
			Correlations: res.Indicators, WithGroup: res.WithGroup, WithIndex: res.WithIndex,
			GroupWithIndex: res.GroupWithIndex[0], Alpha: res.Alpha[0],
			ChildAvailability: childAvail, Availability: avail,
		}
		for _, f := range res.Flags {
			g.Flags = append(g.Flags, CoherenceFlag{Kind: f.Kind, A: c.ids[f.I], B: c.ids[f.J], R: f.R})
		}
		out.Groups = append(out.Groups, g)
		offset += k*(k-1)/2 + 2*k
	}
	return out, nil
}
