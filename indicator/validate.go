package indicator

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/ppgpa/ppgpa/internal/jsonin"
	"github.com/ppgpa/ppgpa/weighting"
)

// Validate checks the whole model and reports every problem at once, as a
// *[ValidationError] whose Problems each name the node's path (node ids
// from the root joined by "/"). It returns nil for a valid model. It
// checks, among others: the version; ids (non-empty; letters, digits, '_',
// '-', '.'; unique); names without control characters; that groups have children and no column and leaves
// have a column; weights (finite, non-negative, not all zero under the
// declared-weights scheme); every method name and its parameters; the
// weighting scheme of each group; adjustments and veto rules; that
// standard errors only pass through linear normalisations and arithmetic
// means; and the ranking section. Columns are checked against data only
// when the model is evaluated. It panics if m is nil.
func (m *Model) Validate() error {
	if m == nil {
		panic("indicator: Validate of a nil *Model")
	}
	_, err := m.validate(nil)
	return err
}

// Validate checks the ranking section alone, as [Model.Validate] does
// (paths start with $.ranking). It returns nil for a nil section and a
// *[ValidationError] listing every problem otherwise.
func (r *RankingSpec) Validate() error {
	v := &validator{}
	v.ranking(r)
	if len(v.problems) > 0 {
		return &ValidationError{Problems: v.problems}
	}
	return nil
}

// validate is Validate, also returning the weights it computed for groups
// whose scheme does not depend on data, by node path.
func (m *Model) validate(reg *Registry) (map[string]nominal, error) {
	v := &validator{seen: map[string]string{}, nominal: map[string]nominal{}, reg: reg}
	if m.Version != Version {
		v.add("$.ppgpa", "format version %d, want %d", m.Version, Version)
	}
	switch {
	case m.Root == nil:
		v.add("$.root", "missing")
	case m.Root.IsLeaf() && m.Root.Children == nil:
		v.add(nodePath("", m.Root, 0), "the root must be a group with children")
		v.node(m.Root, "", 0, inherited{arith: true})
	default:
		v.node(m.Root, "", 0, inherited{arith: true})
	}
	v.ranking(m.Ranking)
	if len(v.problems) > 0 {
		return nil, &ValidationError{Problems: v.problems}
	}
	return v.nominal, nil
}

type validator struct {
	problems []Problem
	seen     map[string]string  // id -> path of first use
	nominal  map[string]nominal // path -> weights of groups with a scheme not driven by data
	reg      *Registry          // the caller's methods (nil: none)
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// nodePath returns the path of n under parent path p; a node without a
// usable id is named by its position, "#i".
func nodePath(p string, n *Node, i int) string {
	id := n.ID
	if id == "" {
		id = fmt.Sprintf("#%d", i)
	}
	if p == "" {
		return id
	}
	return p + "/" + id
}

// validID reports whether id is non-empty and made of letters, digits,
// '_', '-' and '.'.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r == '_' || r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// inherited is what a node inherits from its ancestors.
type inherited struct {
	lower bool           // an odd number of lower-is-better ancestors
	norm  *Normalization // nearest normalisation
	arith bool           // every ancestor aggregates arithmetically
	share bool           // a grade share of a fuzzy group (see singleFactor)
}

// node validates n, the i-th child of the node at path pp.
func (v *validator) node(n *Node, pp string, i int, in inherited) {
	p := nodePath(pp, n, i)
	if n == nil {
		v.add(fmt.Sprintf("%s/#%d", pp, i), "null node")
		return
	}
	switch {
	case n.ID == "":
		v.add(p, "missing id")
	case !validID(n.ID):
		v.add(p, "id %q may contain only letters, digits, '_', '-' and '.'", n.ID)
	default:
		if first, dup := v.seen[n.ID]; dup {
			v.add(p, "duplicate id %q (first used at %s)", n.ID, first)
		} else {
			v.seen[n.ID] = p
		}
	}
	if err := jsonin.CheckName(n.Name); err != nil {
		v.add(p, "name %v", err)
	}
	if n.Polarity != HigherIsBetter && n.Polarity != LowerIsBetter {
		v.add(p, "unknown polarity %d", int(n.Polarity))
	}
	if !finite(n.Weight) || n.Weight < 0 {
		v.add(p, "weight %v must be finite and non-negative", n.Weight)
	}
	in.lower = in.lower != (n.Polarity == LowerIsBetter)
	if n.Normalization != nil {
		in.norm = n.Normalization
	}
	v.transform(p, n.Transform)
	v.imputation(p, n.Imputation)
	v.normalization(p, n.Normalization)
	v.adjustments(p, n.Adjustments)
	v.veto(p, n.Veto)
	if n.IsLeaf() {
		if n.Children != nil {
			v.add(p, "empty group: no children")
		} else if n.Column == "" {
			v.add(p, "leaf has no column")
		}
		if n.Aggregation != nil {
			v.add(p, "aggregation set on a leaf")
		}
		if n.Weighting != nil {
			v.add(p, "weighting set on a leaf")
		}
		v.leafNorm(p, in)
		if in.share {
			v.gradeShare(p, in)
		}
		if n.SEColumn != "" && !(in.arith && linearNorm(in.norm)) {
			v.add(p, "standard errors propagate only through linear normalisations (minmax, efficacy, zscore, ratio_mean, none; target with a fixed target; no reference unit) and arithmetic means")
		}
		return
	}
	if n.Column != "" {
		v.add(p, "group has a column (%q); only leaves are bound to columns", n.Column)
	}
	if n.SEColumn != "" {
		v.add(p, "group has a standard-error column; only leaves have them")
	}
	v.aggregation(p, n.Aggregation, len(n.Children))
	ids := make([]string, len(n.Children))
	declared := make([]float64, len(n.Children))
	complete := true
	for j, c := range n.Children {
		if c == nil {
			v.add(fmt.Sprintf("%s/#%d", p, j), "null node")
			complete = false
			continue
		}
		ids[j], declared[j] = c.ID, c.Weight
		complete = complete && finite(c.Weight) && c.Weight >= 0
	}
	single := singleFactor(n)
	bod := n.Aggregation != nil && n.Aggregation.Method == BoD || single
	v.fuzzyStructure(p, n)
	s, err := v.reg.scheme(n.Weighting, ids)
	if err != nil {
		v.add(p, "weighting: %s", strings.TrimPrefix(err.Error(), "weighting: "))
	} else if f, ok := s.(weighting.Fixed); ok && f.W == nil {
		sum := 0.0
		for _, w := range declared {
			if finite(w) && w > 0 {
				sum += w
			}
		}
		if sum == 0 && !bod { // benefit of the doubt needs no declared weights
			v.add(p, "the children's weights are all zero (declare weights or use the equal weighting method)")
		} else if complete && !bod {
			v.weights(p, s, ids, declared)
		}
	} else if complete && !bod && !s.DataDriven() {
		v.weights(p, s, ids, declared)
	}
	if single && n.Weighting != nil {
		v.add(p, "weighting set on a fuzzy group of grade shares: its children are the shares of one factor and have no weights (omit weighting)")
	} else if bod && n.Weighting != nil {
		v.add(p, "weighting set on a bod group: benefit of the doubt chooses its own weights (omit weighting and the children's weights)")
	}
	in.arith = in.arith && (n.Aggregation == nil || n.Aggregation.Method == "" || n.Aggregation.Method == Arithmetic)
	in.share = single
	for j, c := range n.Children {
		if c != nil {
			v.node(c, p, j, in)
		}
	}
}

// weights computes the weights of the group at path p with scheme s (not
// driven by data), reporting any error as a problem of the group.
func (v *validator) weights(p string, s weighting.Scheme, ids []string, declared []float64) {
	r, err := nominalWeights(s, ids, declared)
	if err != nil {
		v.add(p, "%s", err)
		return
	}
	v.nominal[p] = r
}

func (v *validator) transform(p string, t *Transform) {
	if t == nil {
		return
	}
	if t.Fallback != "" && t.Method != TransformSkewKurtosis {
		v.add(p, "transform: fallback is only for skew_kurtosis")
	}
	switch t.Method {
	case "", TransformNone:
	case TransformLog:
		if !finite(t.Offset) {
			v.add(p, "transform: log offset %v must be finite", t.Offset)
		}
	case TransformWinsorize:
		up := t.Upper
		if up == 0 {
			up = 1
		}
		if !(t.Lower >= 0 && t.Lower < up && up <= 1) {
			v.add(p, "transform: winsorize quantiles lower %v and upper %v must satisfy 0 <= lower < upper <= 1", t.Lower, t.Upper)
		}
	case TransformSkewKurtosis:
		if !(t.Skew >= 0 && finite(t.Skew)) || !(t.Kurtosis >= 0 && finite(t.Kurtosis)) || t.MaxPoints < 0 {
			v.add(p, "transform: skew_kurtosis thresholds skew %v, kurtosis %v and max_points %d must be non-negative", t.Skew, t.Kurtosis, t.MaxPoints)
		}
		if t.Fallback != "" && t.Fallback != FallbackLogCT {
			v.add(p, "transform: unknown fallback %q (want %q)", t.Fallback, FallbackLogCT)
		}
	default:
		v.add(p, "transform: unknown method %q", t.Method)
	}
}

func (v *validator) imputation(p string, im *Imputation) {
	if im == nil {
		return
	}
	switch im.Method {
	case "", ImputeNone, ImputeMean, ImputeMedian, ImputeAvailable:
	case ImputeGroupMean, ImputeGroupMedian:
		if im.By == "" {
			v.add(p, "imputation: %s needs the attribute \"by\"", im.Method)
		}
	case ImputeValue:
		if !finite(im.Value) {
			v.add(p, "imputation: value %v must be finite", im.Value)
		}
	default:
		if _, err := v.reg.imputer(im); err != nil {
			v.add(p, "%s", err)
		} else if v.reg == nil || v.reg.imputes[string(im.Method)] == nil {
			v.add(p, "imputation: unknown method %q", im.Method)
		} else if !reflect.DeepEqual(*im, Imputation{Method: im.Method, Params: im.Params, MinShare: im.MinShare}) {
			v.add(p, "imputation: registered method %q takes only params and min_share", im.Method)
		}
	}
	if im.Params != nil && methodKnown(typeImputation, string(im.Method)) {
		v.add(p, "imputation: params apply only to a registered method, not %q", im.Method)
	}
	if !(im.MinShare >= 0 && im.MinShare <= 1) {
		v.add(p, "imputation: min_share %v must be in [0, 1]", im.MinShare)
	}
}

// Linear reports whether the normalisation is linear in the raw value
// (minmax, zscore, ratio_mean, efficacy, none, and target with a fixed
// target; minmax and efficacy without a reference unit), so that standard errors can be propagated through it; a nil
// normalisation (min-max) is linear.
func (nz *Normalization) Linear() bool { return linearNorm(nz) }

// linearNorm reports whether a normalisation is linear in the raw value,
// so that standard errors can be propagated through it.
func linearNorm(nz *Normalization) bool {
	if nz == nil {
		return true
	}
	switch nz.Method {
	case "", NormMinMax, NormEfficacy:
		return nz.Reference == ""
	case NormZScore, NormNone, NormRatioMean:
		return true
	case NormTarget:
		return nz.Reference == ""
	}
	return false
}

func (v *validator) normalization(p string, nz *Normalization) {
	if nz == nil {
		return
	}
	checkFinite := func(name string, x *float64) {
		if x != nil && !finite(*x) {
			v.add(p, "normalization: %s %v must be finite", name, *x)
		}
	}
	checkFinite("worst", nz.Worst)
	checkFinite("best", nz.Best)
	checkFinite("target", nz.Target)
	checkFinite("constant", nz.Constant)
	checkFinite("floor", nz.Floor)
	checkFinite("span", nz.Span)
	variants := map[NormalizationMethod][]string{NormRank: {"average", "min"}, NormPercentile: {"inclusive", "rank", "weak", "min"}}
	if nz.Variant != "" {
		ok := false
		for _, s := range variants[nz.Method] {
			ok = ok || s == nz.Variant
		}
		if !ok {
			v.add(p, "normalization: unknown variant %q of %q", nz.Variant, nz.Method)
		}
	}
	switch nz.Method {
	case "", NormMinMax, NormEfficacy:
		if nz.Worst != nil && nz.Best != nil && *nz.Worst == *nz.Best {
			v.add(p, "normalization: goalposts worst and best are both %v", *nz.Best)
		}
		if nz.Reference != "" && nz.Best != nil {
			v.add(p, "normalization: best and reference both give the best goalpost; set one")
		}
		if nz.Span != nil && finite(*nz.Span) && !(*nz.Span > 0) {
			v.add(p, "normalization: efficacy span %v must be positive", *nz.Span)
		}
	case NormZScore, NormRank, NormPercentile, NormRatioMean, NormNone:
	case NormTarget:
		switch {
		case (nz.Target == nil) == (nz.Reference == ""):
			v.add(p, "normalization: target needs exactly one of \"target\" and \"reference\"")
		case nz.Target != nil && !(*nz.Target > 0):
			v.add(p, "normalization: target %v must be positive", *nz.Target)
		}
	case NormCategories:
		if len(nz.Categories) == 0 {
			v.add(p, "normalization: categories needs at least one category")
		}
		seen, labels := map[float64]bool{}, map[string]bool{}
		for _, c := range nz.Categories {
			if !finite(c.Value) || !finite(c.Points) {
				v.add(p, "normalization: category %v with points %v must be finite", c.Value, c.Points)
			} else if seen[c.Value] {
				v.add(p, "normalization: category %v listed twice", c.Value)
			}
			if c.Label != "" && labels[c.Label] {
				v.add(p, "normalization: category label %q listed twice", c.Label)
			}
			seen[c.Value], labels[c.Label] = true, true
		}
	default:
		if _, err := v.reg.normalizer(nz); err != nil {
			v.add(p, "%s", err)
		} else if v.reg == nil || v.reg.norms[string(nz.Method)] == nil {
			v.add(p, "normalization: unknown method %q", nz.Method)
		} else if !reflect.DeepEqual(*nz, Normalization{Method: nz.Method, Params: nz.Params}) {
			v.add(p, "normalization: registered method %q takes only params", nz.Method)
		}
	}
	if nz.Params != nil && methodKnown(typeNormalization, string(nz.Method)) {
		v.add(p, "normalization: params apply only to a registered method, not %q", nz.Method)
	}
	if nz.Method != NormMinMax && nz.Method != "" && nz.Method != NormEfficacy && (nz.Worst != nil || nz.Best != nil) {
		v.add(p, "normalization: goalposts worst and best apply only to minmax and efficacy")
	}
	if nz.Method != NormEfficacy && (nz.Floor != nil || nz.Span != nil) {
		v.add(p, "normalization: floor and span apply only to efficacy")
	}
	if nz.Method != NormTarget && nz.Target != nil {
		v.add(p, "normalization: target applies only to target")
	}
	switch nz.Method {
	case NormTarget, "", NormMinMax, NormEfficacy:
	default:
		if nz.Reference != "" {
			v.add(p, "normalization: reference applies only to target, minmax and efficacy")
		}
	}
}

// leafNorm checks the leaf's effective normalisation against its polarity.
func (v *validator) leafNorm(p string, in inherited) {
	nz := in.norm
	if nz == nil || nz.Worst == nil || nz.Best == nil || (nz.Method != "" && nz.Method != NormMinMax && nz.Method != NormEfficacy) {
		return
	}
	if in.lower && *nz.Best > *nz.Worst {
		v.add(p, "normalization: goalposts best %v above worst %v for a lower-is-better indicator", *nz.Best, *nz.Worst)
	}
	if !in.lower && *nz.Best < *nz.Worst {
		v.add(p, "normalization: goalposts best %v below worst %v for a higher-is-better indicator", *nz.Best, *nz.Worst)
	}
}

func (v *validator) aggregation(p string, a *Aggregation, k int) {
	if a == nil {
		return
	}
	if a.Method != BoD && (a.MinShare != nil || a.MaxShare != nil) {
		v.add(p, "aggregation: min_share and max_share apply only to bod")
	} else {
		v.bodShares(p, a.MinShare, a.MaxShare, k)
	}
	switch a.Method {
	case "", Arithmetic, Geometric, Harmonic, Minimum, Median, BoD, Copeland:
	case TOPSIS, Grey, Fuzzy, MPI, AMPI:
	case Power:
		if !finite(a.P) {
			v.add(p, "aggregation: exponent p %v must be finite", a.P)
		}
	default:
		if _, err := v.reg.aggregator(*a); err != nil {
			v.add(p, "%s", err)
		} else if v.reg == nil || v.reg.aggs[string(a.Method)] == nil {
			v.add(p, "aggregation: unknown method %q", a.Method)
		} else if !reflect.DeepEqual(*a, Aggregation{Method: a.Method, Params: a.Params}) {
			v.add(p, "aggregation: registered method %q takes only params", a.Method)
		}
	}
	if methodKnown(typeAggregation, string(a.Method)) {
		for _, msg := range checkComparative(a, k) {
			v.add(p, "%s", msg)
		}
	}
	if a.Params != nil && methodKnown(typeAggregation, string(a.Method)) {
		v.add(p, "aggregation: params apply only to a registered method, not %q", a.Method)
	}
	if !finite(a.Offset) || a.Offset < 0 {
		v.add(p, "aggregation: offset %v must be finite and non-negative", a.Offset)
	}
}

// bodShares checks the share bounds of a bod aggregation of k children.
func (v *validator) bodShares(p string, lo, hi []float64, k int) {
	sum := 0.0
	for _, b := range []struct {
		name string
		x    []float64
	}{{"min_share", lo}, {"max_share", hi}} {
		if b.x == nil {
			continue
		}
		if len(b.x) != k {
			v.add(p, "aggregation: %s has %d values for %d children", b.name, len(b.x), k)
			return
		}
		for j, x := range b.x {
			if !(x >= 0 && x <= 1) {
				v.add(p, "aggregation: %s[%d] = %v must be in [0, 1]", b.name, j, x)
				return
			}
		}
	}
	for j := range lo {
		sum += lo[j]
		if hi != nil && lo[j] > hi[j] {
			v.add(p, "aggregation: min_share[%d] = %v exceeds max_share[%d] = %v", j, lo[j], j, hi[j])
		}
	}
	if sum > 1+1e-12 {
		v.add(p, "aggregation: min_share sums to %v, more than 1", sum)
	}
}

func (v *validator) adjustments(p string, a *Adjustments) {
	if a == nil {
		return
	}
	for _, part := range []struct {
		name  string
		terms []AdjustmentTerm
		cap   float64
	}{{"bonus", a.Bonus, a.BonusCap}, {"penalty", a.Penalty, a.PenaltyCap}} {
		if !finite(part.cap) || part.cap < 0 {
			v.add(p, "adjustments: %s_cap %v must be finite and non-negative", part.name, part.cap)
		}
		for k, t := range part.terms {
			if t.Column == "" {
				v.add(p, "adjustments: %s term %d has no column", part.name, k)
			}
			if !finite(t.Points) || t.Points < 0 || !finite(t.Cap) || t.Cap < 0 {
				v.add(p, "adjustments: %s term %d: points %v and cap %v must be finite and non-negative", part.name, k, t.Points, t.Cap)
			}
		}
	}
}

var vetoOps = []string{"", ">", ">=", "<", "<=", "==", "!="}

func (v *validator) veto(p string, rules []Veto) {
	for k, r := range rules {
		ok := false
		for _, op := range vetoOps {
			ok = ok || r.Op == op
		}
		if !ok {
			v.add(p, "veto %d: unknown operator %q", k, r.Op)
		}
		if !finite(r.Threshold) {
			v.add(p, "veto %d: threshold %v must be finite", k, r.Threshold)
		}
		if r.Column == "" && r.Op == "" {
			v.add(p, "veto %d: a rule on the node's score needs an operator", k)
		}
	}
}

func (v *validator) ranking(r *RankingSpec) {
	if r == nil {
		return
	}
	switch r.Ties {
	case "", "average", "min", "max", "dense", "ordinal":
	default:
		v.add("$.ranking.ties", "unknown tie rule %q", r.Ties)
	}
	if !finite(r.AbsTol) || r.AbsTol < 0 || !finite(r.RelTol) || r.RelTol < 0 {
		v.add("$.ranking", "tolerances abs_tol %v and rel_tol %v must be finite and non-negative", r.AbsTol, r.RelTol)
	}
	if r.Exact && (r.AbsTol != 0 || r.RelTol != 0) {
		v.add("$.ranking.exact", "exact comparison excludes abs_tol %v and rel_tol %v", r.AbsTol, r.RelTol)
	}
	switch r.Direction {
	case "", "higher_first", "lower_first":
	default:
		v.add("$.ranking.direction", "unknown direction %q, want higher_first or lower_first", r.Direction)
	}
	switch r.NaN {
	case "", "error", "last":
	default:
		v.add("$.ranking.nan", "unknown NaN policy %q, want error or last", r.NaN)
	}
	if r.BottomK < 0 {
		v.add("$.ranking.bottom_k", "%d must be non-negative", r.BottomK)
	}
	names := map[string]bool{}
	for i, g := range r.Grades {
		gp := fmt.Sprintf("$.ranking.grades[%d]", i)
		if g.Name == "" {
			v.add(gp, "grade has no name")
		} else if names[g.Name] {
			v.add(gp, "duplicate grade %q", g.Name)
		}
		names[g.Name] = true
		if g.MinScore != nil && !finite(*g.MinScore) {
			v.add(gp, "min_score %v must be finite", *g.MinScore)
		}
		if g.MaxShare != nil && !(*g.MaxShare > 0 && *g.MaxShare <= 1) {
			v.add(gp, "max_share %v must be in (0, 1]", *g.MaxShare)
		}
	}
	if r.VetoGrade != "" && !names[r.VetoGrade] && (r.Category == "" || len(r.Grades) > 0) {
		v.add("$.ranking.veto_grade", "unknown grade %q", r.VetoGrade)
	}
	v.quotaSum("$.ranking.grades", r.Grades)
	v.rankingRules(r, names)
}

// quotaSum reports grades whose quotas together exceed all the units.
func (v *validator) quotaSum(p string, grades []GradeSpec) {
	var sum float64
	for _, g := range grades {
		if g.MaxShare != nil && finite(*g.MaxShare) {
			sum += *g.MaxShare
		}
	}
	if sum > 1+1e-9 {
		v.add(p, "quotas (max_share) sum to %v, more than all the units", sum)
	}
}

// rankingRules validates categories, designations, promotion and the
// multi-year rules of the ranking section.
func (v *validator) rankingRules(r *RankingSpec, names map[string]bool) {
	switch r.VetoPlacement {
	case "", "score", "last":
	default:
		v.add("$.ranking.veto_placement", "unknown placement %q, want score or last", r.VetoPlacement)
	}
	switch r.Scope {
	case "", "within", "all":
	default:
		v.add("$.ranking.scope", "unknown scope %q, want within or all", r.Scope)
	}
	if r.Category == "" && (len(r.Categories) > 0 || r.Scope != "") {
		v.add("$.ranking.category", "categories or scope need the name of the category column")
	}
	if r.Category != "" && len(r.Categories) == 0 {
		v.add("$.ranking.categories", "category column %q given but no categories listed", r.Category)
	}
	cats := map[string]*CategorySpec{}
	anyGrades := len(r.Grades) > 0
	for i := range r.Categories {
		c := &r.Categories[i]
		cp := fmt.Sprintf("$.ranking.categories[%d]", i)
		switch {
		case c.Name == "":
			v.add(cp, "category has no name")
		case cats[c.Name] != nil:
			v.add(cp, "duplicate category %q", c.Name)
		}
		cats[c.Name] = c
		if c.BottomK < 0 {
			v.add(cp+".bottom_k", "%d must be non-negative", c.BottomK)
		}
		if c.Unranked && r.Scope == "all" {
			v.add(cp+".unranked", "category %q is unranked but scope is all (one table ranking every unit)", c.Name)
		}
		if len(c.Grades) > 0 && r.Scope == "all" {
			v.add(cp+".grades", "category %q has its own grades but scope is all (one table graded with the section's grades)", c.Name)
		}
		cn := map[string]bool{}
		for j, g := range c.Grades {
			gp := fmt.Sprintf("%s.grades[%d]", cp, j)
			if g.Name == "" {
				v.add(gp, "grade has no name")
			} else if cn[g.Name] {
				v.add(gp, "duplicate grade %q", g.Name)
			}
			cn[g.Name] = true
			if g.MinScore != nil && !finite(*g.MinScore) {
				v.add(gp, "min_score %v must be finite", *g.MinScore)
			}
			if g.MaxShare != nil && !(*g.MaxShare > 0 && *g.MaxShare <= 1) {
				v.add(gp, "max_share %v must be in (0, 1]", *g.MaxShare)
			}
			names[g.Name] = true
			anyGrades = true
		}
		v.quotaSum(cp+".grades", c.Grades)
		if c.VetoGrade != "" {
			if own := len(c.Grades) > 0 && cn[c.VetoGrade] || len(c.Grades) == 0 && slices.ContainsFunc(r.Grades, func(g GradeSpec) bool { return g.Name == c.VetoGrade }); !own {
				v.add(cp+".veto_grade", "unknown grade %q in category %q", c.VetoGrade, c.Name)
			}
		}
	}
	if r.VetoGrade != "" && r.Category != "" && len(r.Grades) == 0 && !names[r.VetoGrade] {
		v.add("$.ranking.veto_grade", "unknown grade %q", r.VetoGrade)
	}
	knownCat := func(p, c string) {
		if c != "" && cats[c] == nil {
			if r.Category == "" {
				v.add(p, "category %q named but the ranking has no category column", c)
			} else {
				v.add(p, "unknown category %q (not in $.ranking.categories)", c)
			}
		}
	}
	seen := map[string]bool{}
	for i, d := range r.Designations {
		dp := fmt.Sprintf("$.ranking.designations[%d]", i)
		switch {
		case d.Name == "":
			v.add(dp, "designation has no name")
		case seen[d.Name]:
			v.add(dp, "duplicate designation %q", d.Name)
		case names[d.Name]:
			v.add(dp, "designation %q has the name of a grade", d.Name)
		}
		knownCat(dp+".category", d.Category)
		if d.Top < 0 || d.Bottom < 0 {
			v.add(dp, "designation %q: top %d and bottom %d must be non-negative", d.Name, d.Top, d.Bottom)
		}
		if d.MinScore != nil && !finite(*d.MinScore) || d.MaxScore != nil && !finite(*d.MaxScore) {
			v.add(dp, "designation %q: score thresholds must be finite", d.Name)
		}
		if d.Top == 0 && d.Bottom == 0 && d.MinScore == nil && d.MaxScore == nil && len(d.Grades) == 0 && len(d.Except) == 0 {
			v.add(dp, "designation %q has no condition", d.Name)
		}
		if (d.Top > 0 || d.Bottom > 0) && d.Category != "" && cats[d.Category] != nil && cats[d.Category].Unranked {
			v.add(dp, "designation %q: top or bottom in unranked category %q", d.Name, d.Category)
		}
		for _, g := range d.Grades {
			if !names[g] {
				v.add(dp+".grades", "designation %q: unknown grade %q", d.Name, g)
			}
		}
		for _, e := range d.Except {
			if !seen[e] {
				v.add(dp+".except", "designation %q: %q is not an earlier designation", d.Name, e)
			}
		}
		switch d.Vetoed {
		case "", "exclude", "include", "only":
		default:
			v.add(dp+".vetoed", "designation %q: unknown %q, want exclude, include or only", d.Name, d.Vetoed)
		}
		seen[d.Name] = true
	}
	if p := r.Promotion; p != nil {
		if p.Column == "" {
			v.add("$.ranking.promotion.column", "promotion has no column")
		}
		if !anyGrades {
			v.add("$.ranking.promotion", "promotion without grades")
		}
		if p.Grade != "" && !names[p.Grade] {
			v.add("$.ranking.promotion.grade", "unknown grade %q", p.Grade)
		}
	}
	if y := r.Years; y != nil {
		if y.BaseYear < 0 {
			v.add("$.ranking.years.base_year", "%d must be a year", y.BaseYear)
		}
		rn := map[string]bool{}
		for i, ru := range y.Rules {
			rp := fmt.Sprintf("$.ranking.years.rules[%d]", i)
			if ru.Name == "" {
				v.add(rp, "rule has no name")
			} else if rn[ru.Name] || seen[ru.Name] || names[ru.Name] {
				v.add(rp, "rule %q has the name of another rule, designation or grade", ru.Name)
			}
			rn[ru.Name] = true
			knownCat(rp+".category", ru.Category)
			if ru.Category != "" && cats[ru.Category] != nil && cats[ru.Category].Unranked {
				v.add(rp, "rule %q: category %q is unranked", ru.Name, ru.Category)
			}
			if ru.K < 1 {
				v.add(rp+".k", "rule %q: k %d must be at least 1", ru.Name, ru.K)
			}
			if ru.Year < 0 {
				v.add(rp+".year", "rule %q: %d must be a year", ru.Name, ru.Year)
			}
			switch ru.Kind {
			case "bottom_consecutive":
				if ru.N < 1 {
					v.add(rp+".n", "rule %q: n %d years must be at least 1", ru.Name, ru.N)
				}
			case "largest_rise":
				if ru.N != 0 {
					v.add(rp+".n", "rule %q: largest_rise compares two years and takes no n", ru.Name)
				}
			default:
				v.add(rp+".kind", "rule %q: unknown kind %q, want bottom_consecutive or largest_rise", ru.Name, ru.Kind)
			}
		}
	}
}
