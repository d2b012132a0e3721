package survey

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
)

// Answer is one answer in long form: a respondent's answer about one
// assessed unit on one questionnaire item.
type Answer struct {
	Respondent string
	Unit       string
	Item       string
	Value      string
}

// AnswerSet is a design's answers, indexed by assessed unit and coded on a
// scale, ready for repeated per-unit estimation. It is immutable and safe
// for concurrent use.
type AnswerSet struct {
	d     *Design
	scale Scale
	units []string // in order of first appearance
	items []string
	// per unit u, answers start[u]:start[u+1], sorted by row then item
	start []int
	row   []int32
	item  []int32
	cat   []int16
}

// AnswerError is an error about one answer: Index is its position in the
// input slice (0-based).
type AnswerError struct {
	Index int
	Err   error
}

// Error returns the message, naming the context of the error.
func (e *AnswerError) Error() string {
	return fmt.Sprintf("survey: answer %d: %s", e.Index, msg(e.Err))
}

// Unwrap returns the underlying error.
func (e *AnswerError) Unwrap() error { return e.Err }

// Answers indexes answers against the design's respondents and the scale.
// The set estimates with this design's weights: to use post-stratified,
// raked or calibrated weights, index the answers against the adjusted
// design that [Design.PostStratify], [Design.Rake] or [Design.Calibrate]
// returns.
//
// It returns an *AnswerError wrapping ErrInvalidInput for an answer whose
// respondent is not in the design, whose value is not a label of the
// scale, with an empty unit, or that repeats an earlier answer of the same
// respondent about the same unit and item; and an error wrapping
// ErrInvalidInput for an invalid scale. Neither answers nor scale is
// modified, and later changes to them do not affect the set.
func (d *Design) Answers(answers []Answer, scale Scale) (*AnswerSet, error) {
	if err := scale.Validate(); err != nil {
		return nil, err
	}
	if len(scale.Categories) > math.MaxInt16 {
		return nil, fmt.Errorf("%w: scale has %d categories", ErrInvalidInput, len(scale.Categories))
	}
	labels := make(map[string]int16, len(scale.Categories))
	for k, c := range scale.Categories {
		labels[c.Label] = int16(k)
	}
	// The set keeps its own copy of the categories: the caller may reuse
	// the scale's slice.
	scale.Categories = slices.Clone(scale.Categories)
	a := &AnswerSet{d: d, scale: scale}
	unitIdx := map[string]int32{}
	itemIdx := map[string]int32{}
	n := len(answers)
	unitOf := make([]int32, n)
	row := make([]int32, n)
	item := make([]int32, n)
	cat := make([]int16, n)
	bad := func(i int, format string, v ...any) error {
		return &AnswerError{Index: i, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, v...)...)}
	}
	for i, x := range answers {
		r, ok := d.index[x.Respondent]
		if !ok {
			return nil, bad(i, "respondent %q is not in the design", x.Respondent)
		}
		if x.Unit == "" {
			return nil, bad(i, "empty unit")
		}
		k, ok := labels[x.Value]
		if !ok {
			return nil, bad(i, "answer %q is not a category of scale %q", x.Value, scale.Name)
		}
		u, ok := unitIdx[x.Unit]
		if !ok {
			u = int32(len(a.units))
			unitIdx[x.Unit] = u
			a.units = append(a.units, x.Unit)
		}
		it, ok := itemIdx[x.Item]
		if !ok {
			it = int32(len(a.items))
			itemIdx[x.Item] = it
			a.items = append(a.items, x.Item)
		}
		unitOf[i], row[i], item[i], cat[i] = u, int32(r), it, k
	}
	// Counting sort by unit, then sort each unit's answers by row and item.
	a.start = make([]int, len(a.units)+1)
	for _, u := range unitOf {
		a.start[u+1]++
	}
	for u := range a.units {
		a.start[u+1] += a.start[u]
	}
	pos := append([]int(nil), a.start[:len(a.units)]...)
	order := make([]int, n)
	for i, u := range unitOf {
		order[pos[u]] = i
		pos[u]++
	}
	for u := range a.units {
		seg := order[a.start[u]:a.start[u+1]]
		sort.SliceStable(seg, func(x, y int) bool {
			i, j := seg[x], seg[y]
			if row[i] != row[j] {
				return row[i] < row[j]
			}
			return item[i] < item[j]
		})
		for k := 1; k < len(seg); k++ {
			if row[seg[k]] == row[seg[k-1]] && item[seg[k]] == item[seg[k-1]] {
				i := max(seg[k], seg[k-1])
				return nil, bad(i, "respondent %q answered unit %q item %q twice", answers[i].Respondent, answers[i].Unit, answers[i].Item)
			}
		}
	}
	a.row = make([]int32, n)
	a.item = make([]int32, n)
	a.cat = make([]int16, n)
	for k, i := range order {
		a.row[k], a.item[k], a.cat[k] = row[i], item[i], cat[i]
	}
	return a, nil
}

// Design returns the design the answers were indexed against (for
// [Design.Replicates] and UnitSettings.Replicates).
func (a *AnswerSet) Design() *Design { return a.d }

// Units returns the assessed units in order of first appearance.
func (a *AnswerSet) Units() []string { return append([]string(nil), a.units...) }

// Items returns the items in order of first appearance.
func (a *AnswerSet) Items() []string { return append([]string(nil), a.items...) }

// UnitSettings configures [AnswerSet.Estimates].
type UnitSettings struct {
	// Measure is the per-answer value averaged.
	Measure Measure
	// Item restricts the answers to one item; "" uses every item, a
	// respondent's value being the mean over the items they answered
	// validly about the unit.
	Item string
	// Group restricts the respondents to one respondent group; "" uses
	// all (ignored when GroupWeights is set).
	Group string
	// GroupWeights, if not nil, combines the respondent groups with fixed
	// weights into one value per unit (see [AnswerSet.Estimates]).
	GroupWeights map[string]float64
	// Level is the confidence level of UnitEstimate.Lower and Upper; 0
	// means no interval (Lower and Upper are NaN).
	Level float64
	// Interval is the interval method for SatisfactionRate (see
	// [PropMethod]; PropBeta, Korn and Graubard's, keeps a width at rates
	// of 0 and 1, where PropLogit and PropMean collapse to a point). It
	// uses the design degrees of freedom and the unit's number of
	// respondents, as [Design.PropCIDomain]; PropLikelihood is not
	// available with GroupWeights or Replicates. MeanScore and
	// NetSatisfaction are not proportions: their interval is always the t
	// interval Value -+ t_{df} SE, not clipped (R's confint with
	// df = degf).
	Interval PropMethod
	// Replicates, if not nil, gives replicate standard errors instead of
	// linearised ones (see [AnswerSet.Estimates]). It must come from
	// [Design.Replicates] of the set's design.
	Replicates *ReplicateDesign
	// EmptyReplicate says what a replicate that leaves no weight in a
	// unit's domain (or in one of its groups) does: an error by default
	// (see [EmptyReplicate]).
	EmptyReplicate EmptyReplicate
}

// EmptyReplicate is what [AnswerSet.Estimates] does with a unit when a
// replicate leaves no weight in the unit's domain (with GroupWeights, in
// one of its groups of non-zero weight): the replicate estimate is then
// 0/0, undefined. That happens when every respondent about the unit is in
// the PSUs that a jackknife replicate deletes, or that a bootstrap
// replicate does not draw.
type EmptyReplicate int

const (
	// EmptyReplicateError fails with a *CellError naming the unit and the
	// replicate, wrapping ErrEmptyCell (the default: the standard error
	// cannot be computed, and a published figure should not hide it).
	EmptyReplicateError EmptyReplicate = iota
	// EmptyReplicateNaN gives such a unit a NaN standard error and NaN
	// interval bounds, keeping its value, N, PopSize and DF, and estimates
	// the other units as usual. This is what R's
	// svyby(~y, ~unit, repdesign, svymean) reports: the replicate mean is
	// 0/0 = NaN, and so is the variance that sums over the replicates.
	EmptyReplicateNaN
)

var emptyReplicateNames = []string{"error", "nan"}

// String returns the lowercase name of e.
func (e EmptyReplicate) String() string {
	return enumString("EmptyReplicate", int(e), emptyReplicateNames)
}

// MarshalText returns the lowercase name of e.
func (e EmptyReplicate) MarshalText() ([]byte, error) {
	return enumMarshal("EmptyReplicate", int(e), emptyReplicateNames)
}

// UnmarshalText parses a lowercase name.
func (e *EmptyReplicate) UnmarshalText(b []byte) error {
	return enumUnmarshal("EmptyReplicate", b, emptyReplicateNames, (*int)(e))
}

// UnitEstimate is a per-unit satisfaction value with its standard error.
type UnitEstimate struct {
	Unit string
	// Value is the weighted mean of the measure over the respondents with
	// a valid answer about the unit (or the group combination).
	Value float64
	// SE is its Taylor-linearisation standard error under the design,
	// or its replicate standard error with UnitSettings.Replicates.
	SE float64
	// N is the number of respondents with a valid answer; Excluded the
	// number of excluded answers ("don't know").
	N, Excluded int
	// PopSize is the estimated population of the domain, sum of weights.
	PopSize float64
	// Deff is the design effect of Value against simple random sampling
	// without replacement (NaN when not available, as for combinations
	// and replicate standard errors).
	Deff float64
	// DF is the design degrees of freedom ([Design.DF]), or
	// [ReplicateDesign.DF] with replicate standard errors: the whole
	// design's, not the domain's, as R's svyby.
	DF int
	// Lower and Upper are the confidence bounds at UnitSettings.Level
	// (NaN without a level). For SatisfactionRate they lie in [0, 1].
	Lower, Upper float64
}

// Estimates returns one value per assessed unit (in the order of
// [AnswerSet.Units]) with its linearised standard error. For unit u the
// estimate is the domain mean
//
//	Value_u = sum_{i in D_u} w_i y_iu / sum_{i in D_u} w_i
//
// over the respondents D_u with a valid answer about u, y_iu the measure
// of their answer (mean over items when s.Item is ""). The domain is
// random, so its standard error is the design's variance of the
// linearised variable z_i = w_i (y_iu - Value_u)/sum w over D_u (zero
// outside D_u), which keeps every PSU in the design.
//
// With GroupWeights, the unit's value combines the respondent groups g
// with fixed weights a_g (Hangzhou's voting levels; Shandong's phone and
// questionnaire at 6 : 4):
//
//	Value_u = sum_g a_g Value_ug / sum_g a_g
//
// and its standard error comes from the linearised variable
// sum_g (a_g/A) z_ig, which accounts for the covariance of groups that
// share PSUs. For groups from separate surveys use [Combine].
//
// With s.Replicates, the standard error comes from the replicate
// estimates instead: Value_u(r) is the same domain mean (or group
// combination) under the weights of replicate r, and
//
//	V = scale * sum_r rscales_r (Value_u(r) - c)^2
//
// with the replicate design's scale, rscales and centre c (the mean of the
// Value_u(r), or Value_u under CentreFullSample), as
// [ReplicateDesign.EstimateDomain] and R's svyby(~y, ~unit, repdesign,
// svymean). DF is then [ReplicateDesign.DF] and Deff is NaN.
//
// With s.Level, each unit also gets a confidence interval (see
// [UnitSettings.Interval]).
//
// It returns a *CellError wrapping ErrEmptyCell naming a unit (and group)
// without valid answers of positive weight, ErrInvalidInput for an
// unknown item, a negative or non-finite group weight, a level outside
// [0, 1) or PropLikelihood with GroupWeights or Replicates,
// ErrDegreesOfFreedom (naming the unit) when an interval is asked for and
// the design has df <= 0 (or the unit one respondent, for PropBeta), the
// errors of the design variance, a *CellError naming the unit and the
// replicate wrapping ErrEmptyCell when a replicate leaves no weight in
// the unit's domain (or one of its groups; with EmptyReplicateNaN the
// unit's SE, Lower and Upper are NaN instead), a *CellError naming the
// unit wrapping ErrOverflow when its estimate, standard error or interval
// would not be finite, and ctx's error if ctx is cancelled. It panics if the measure, interval method or EmptyReplicate
// is unknown, and if s.Replicates was made from another design.
func (a *AnswerSet) Estimates(ctx context.Context, s UnitSettings) ([]UnitEstimate, error) {
	checkEnum("Measure", int(s.Measure), len(measureNames))
	checkEnum("PropMethod", int(s.Interval), len(propMethodNames))
	checkEnum("EmptyReplicate", int(s.EmptyReplicate), len(emptyReplicateNames))
	if !(s.Level >= 0 && s.Level < 1) {
		return nil, fmt.Errorf("%w: level %v", ErrInvalidInput, s.Level)
	}
	d := a.d
	rd := s.Replicates
	if rd != nil {
		if rd.d != d {
			panic("survey: UnitSettings.Replicates is not of the answer set's design")
		}
		if s.Level > 0 && s.Measure == SatisfactionRate && s.Interval == PropLikelihood {
			return nil, fmt.Errorf("%w: likelihood intervals need linearisation, not replicates", ErrInvalidInput)
		}
	}
	item, err := a.itemIndex(s.Item)
	if err != nil {
		return nil, err
	}
	vals := a.values(s.Measure)
	var groupW []float64 // per design row, 0 outside the groups
	var groupOf []int32
	var groupNames []string
	if s.GroupWeights != nil {
		gi := map[string]int32{}
		for g, v := range s.GroupWeights {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &CellError{Variable: "group", Cell: g, Err: fmt.Errorf("%w: weight %v", ErrInvalidInput, v)}
			}
			groupNames = append(groupNames, g)
		}
		sort.Strings(groupNames)
		var A float64
		for k, g := range groupNames {
			gi[g] = int32(k)
			A += s.GroupWeights[g]
		}
		if !(A > 0) {
			return nil, fmt.Errorf("%w: group weights sum to %v", ErrInvalidInput, A)
		}
		groupOf = make([]int32, d.n)
		groupW = make([]float64, len(groupNames))
		for k, g := range groupNames {
			groupW[k] = s.GroupWeights[g] / A
		}
		for i, g := range d.groups {
			k, ok := gi[g]
			if !ok {
				k = -1
			}
			groupOf[i] = k
		}
	}
	work := newVarWork(d)
	var theta, W, T []float64 // replicate work space
	if rd != nil {
		theta = make([]float64, len(rd.rep))
		W = make([]float64, max(len(groupW), 1))
		T = make([]float64, len(W))
	}
	out := make([]UnitEstimate, len(a.units))
	rows := make([]int32, 0, 64)
	ys := make([]float64, 0, 64)
	for u, name := range a.units {
		if u%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var excluded int
		rows, ys, excluded = a.unitRowsGroups(u, item, s.Group, groupOf, vals, rows[:0], ys[:0])
		var e UnitEstimate
		var err error
		if groupOf == nil {
			var est Estimate
			est, err = d.estimateRows(work, rows, ys, d.w, true)
			e = UnitEstimate{Value: est.Mean, SE: est.SEMean, N: est.N, PopSize: est.PopSize, Deff: est.DeffMean, DF: est.DF}
		} else {
			e, err = d.combineRows(work, rows, ys, groupOf, groupW, groupNames)
		}
		emptyRep := false
		if err == nil && rd != nil {
			err = rd.unitSE(&e, rows, ys, groupOf, groupW, groupNames, theta, W, T)
			if err != nil && s.EmptyReplicate == EmptyReplicateNaN && errors.Is(err, ErrEmptyCell) {
				// unitSE fails only for a replicate without weight.
				e.SE, e.DF, e.Deff = math.NaN(), rd.DF(), math.NaN()
				e.Lower, e.Upper = math.NaN(), math.NaN()
				emptyRep, err = true, nil
			}
		}
		if err == nil && !emptyRep {
			err = a.interval(&e, s, rows, ys, groupOf != nil)
			// The interval is NaN when none is asked for, never infinite.
			if err == nil && !(finite(e.Value) && finite(e.SE) && !math.IsInf(e.Lower, 0) && !math.IsInf(e.Upper, 0)) {
				err = fmt.Errorf("%w: estimate %v, standard error %v, interval [%v, %v]", ErrOverflow, e.Value, e.SE, e.Lower, e.Upper)
			}
		}
		if err != nil {
			return nil, &CellError{Variable: "unit", Cell: name, Err: err}
		}
		e.Unit, e.Excluded = name, excluded
		out[u] = e
	}
	return out, nil
}

// itemIndex returns the index of item, or -1 for "" (every item).
func (a *AnswerSet) itemIndex(item string) (int32, error) {
	if item == "" {
		return -1, nil
	}
	for k, it := range a.items {
		if it == item {
			return int32(k), nil
		}
	}
	return -1, fmt.Errorf("%w: no answers on item %q", ErrInvalidInput, item)
}

// values returns the value of every category under the measure.
func (a *AnswerSet) values(m Measure) []float64 {
	vals := make([]float64, len(a.scale.Categories))
	for k := range vals {
		vals[k] = a.scale.value(k, m)
	}
	return vals
}

// unitRows returns the design rows of unit u's domain (respondents with a
// valid answer, in group if not "") and their values (mean over the
// items, or the one item), appended to rows and ys, and the number of
// answers in excluded categories.
func (a *AnswerSet) unitRows(u int, item int32, group string, vals []float64, rows []int32, ys []float64) ([]int32, []float64, int) {
	return a.unitRowsGroups(u, item, group, nil, vals, rows, ys)
}

func (a *AnswerSet) unitRowsGroups(u int, item int32, group string, groupOf []int32, vals []float64, rows []int32, ys []float64) ([]int32, []float64, int) {
	d := a.d
	excluded := 0
	var sum float64
	cnt := 0
	cur := int32(-1)
	flush := func() {
		if cnt > 0 {
			rows = append(rows, cur)
			ys = append(ys, sum/float64(cnt))
		}
	}
	for k := a.start[u]; k < a.start[u+1]; k++ {
		r := a.row[k]
		if item >= 0 && a.item[k] != item {
			continue
		}
		if groupOf == nil && group != "" && d.groups[r] != group {
			continue
		}
		if groupOf != nil && groupOf[r] < 0 {
			continue
		}
		if r != cur {
			flush()
			cur, sum, cnt = r, 0, 0
		}
		v := vals[a.cat[k]]
		if math.IsNaN(v) {
			excluded++
			continue
		}
		sum += v
		cnt++
	}
	flush()
	return rows, ys, excluded
}

// interval sets e.Lower and e.Upper (NaN without s.Level) for the unit
// whose domain rows and values are rows and y.
func (a *AnswerSet) interval(e *UnitEstimate, s UnitSettings, rows []int32, y []float64, combined bool) error {
	e.Lower, e.Upper = math.NaN(), math.NaN()
	if s.Level == 0 {
		return nil
	}
	var err error
	if s.Measure != SatisfactionRate {
		e.Lower, e.Upper, err = tBounds(e.Value, e.SE, e.DF, s.Level)
		return err
	}
	var lik func(t2 float64) (float64, float64)
	if !combined {
		lik = func(t2 float64) (float64, float64) {
			yd := make([]float64, a.d.n)
			for i := range yd {
				yd[i] = math.NaN()
			}
			for k, r := range rows {
				yd[r] = y[k]
			}
			return a.d.likelihoodCI(yd, e.Value, float64(e.SE*e.SE), t2)
		}
	}
	e.Lower, e.Upper, _, _, err = propBounds(s.Interval, e.Value, e.SE, e.DF, len(rows), s.Level, lik)
	return err
}

// unitSE replaces e.SE, e.DF and e.Deff by the replicate standard error
// of the domain mean (groupOf nil) or of the group combination with
// weights a (groups names) over the domain rows and values y. theta, W and T are work
// space (len(theta) = replicates, len(W) = len(T) >= max(len(a), 1)).
func (r *ReplicateDesign) unitSE(e *UnitEstimate, rows []int32, y []float64, groupOf []int32, a []float64, names []string, theta, W, T []float64) error {
	for k, w := range r.rep {
		if groupOf == nil {
			var sw, swy float64
			for j, i := range rows {
				sw += w[i]
				swy += float64(w[i] * y[j])
			}
			if !(sw > 0) {
				return &CellError{Variable: "replicate", Cell: strconv.Itoa(k), Err: fmt.Errorf("%w: domain weights sum to %v", ErrEmptyCell, sw)}
			}
			theta[k] = swy / sw
			continue
		}
		clear(W)
		clear(T)
		for j, i := range rows {
			g := groupOf[i]
			W[g] += w[i]
			T[g] += float64(w[i] * y[j])
		}
		var v float64
		for g, ag := range a {
			if ag == 0 {
				continue
			}
			if !(W[g] > 0) {
				return &CellError{Variable: "replicate", Cell: strconv.Itoa(k), Err: fmt.Errorf("%w: group %q has no weight", ErrEmptyCell, names[g])}
			}
			v += float64(ag * (T[g] / W[g]))
		}
		theta[k] = v
	}
	e.SE = math.Sqrt(r.variance(theta, e.Value))
	e.DF = r.DF()
	e.Deff = math.NaN()
	return nil
}

// combineRows returns the group-weighted combination of domain means.
func (d *Design) combineRows(v *varWork, rows []int32, y []float64, groupOf []int32, a []float64, names []string) (UnitEstimate, error) {
	G := len(a)
	W := make([]float64, G)
	T := make([]float64, G)
	n := 0
	var pop float64
	for k, r := range rows {
		g := groupOf[r]
		W[g] += d.w[r]
		T[g] += float64(d.w[r] * y[k])
		if d.w[r] != 0 {
			n++
		}
		pop += d.w[r]
	}
	var value float64
	for g := range W {
		if a[g] == 0 {
			continue
		}
		if !(W[g] > 0) {
			return UnitEstimate{}, &CellError{Variable: "group", Cell: names[g], Err: fmt.Errorf("%w: no valid answers", ErrEmptyCell)}
		}
		T[g] /= W[g]
		value += float64(a[g] * T[g])
	}
	z := make([]float64, len(rows))
	for k, r := range rows {
		g := groupOf[r]
		if a[g] == 0 {
			continue
		}
		z[k] = float64(a[g]*d.w[r]) * (y[k] - T[g]) / W[g]
	}
	vr, err := v.totalVariance(rows, z)
	if err != nil {
		return UnitEstimate{}, err
	}
	return UnitEstimate{Value: value, SE: math.Sqrt(vr), N: n, PopSize: pop, Deff: math.NaN(), DF: d.degf}, nil
}

// CategoryCounts is the distribution of answers per assessed unit.
type CategoryCounts struct {
	// Units are the assessed units, in the order of [AnswerSet.Units].
	Units []string
	// Labels are the labels of the scored (non-excluded) categories, in
	// scale order; they match [Scale.Values].
	Labels []string
	// Counts[u][k] is the number of answers about unit u in category k.
	Counts [][]int
	// Weighted[u][k] is the sum of the respondents' weights over those
	// answers.
	Weighted [][]float64
	// Excluded[u] is the number of excluded answers ("don't know").
	Excluded []int
}

// CategoryCounts returns, per assessed unit, the unweighted and weighted
// numbers of answers in each scored category of the scale, on one item
// ("" pools every item, one count per answer). These are the sufficient
// statistics of a satisfaction rate, mean score or net satisfaction, so a
// bootstrap of per-unit scores can resample counts instead of microdata:
// with vals := scale.Values(measure),
//
//	score_u = sum_k vals[k] Weighted[u][k] / sum_k Weighted[u][k]
//
// equals the Value of [AnswerSet.Estimates] when every respondent gives
// one answer per unit and item (and Counts gives the unweighted score).
// Counts and vals are the counts and values arguments of
// ranking.BootstrapCounts. The cost is one pass over the answers.
//
// It returns an error wrapping ErrInvalidInput for an item without
// answers.
func (a *AnswerSet) CategoryCounts(item string) (CategoryCounts, error) {
	it := int32(-1)
	if item != "" {
		for k, name := range a.items {
			if name == item {
				it = int32(k)
			}
		}
		if it < 0 {
			return CategoryCounts{}, fmt.Errorf("%w: no answers on item %q", ErrInvalidInput, item)
		}
	}
	col := make([]int, len(a.scale.Categories))
	var labels []string
	for k, c := range a.scale.Categories {
		col[k] = -1
		if c.Class != ClassExcluded {
			col[k] = len(labels)
			labels = append(labels, c.Label)
		}
	}
	out := CategoryCounts{
		Units: a.Units(), Labels: labels,
		Counts: make([][]int, len(a.units)), Weighted: make([][]float64, len(a.units)),
		Excluded: make([]int, len(a.units)),
	}
	for u := range a.units {
		c := make([]int, len(labels))
		w := make([]float64, len(labels))
		for k := a.start[u]; k < a.start[u+1]; k++ {
			if it >= 0 && a.item[k] != it {
				continue
			}
			j := col[a.cat[k]]
			if j < 0 {
				out.Excluded[u]++
				continue
			}
			c[j]++
			w[j] += a.d.w[a.row[k]]
		}
		out.Counts[u], out.Weighted[u] = c, w
	}
	return out, nil
}
