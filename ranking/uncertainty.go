package ranking

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/rng"
)

// ErrFactor is wrapped by the errors returned for an unusable uncertainty
// factor.
var ErrFactor = errors.New("ranking: invalid factor")

// FactorKind is the kind of an uncertain model choice.
type FactorKind int

const (
	// FactorWeights perturbs the local weights of some groups; the default.
	FactorWeights FactorKind = iota
	// FactorAggregation picks one of several aggregations for some groups.
	FactorAggregation
	// FactorExclude leaves out one indicator, or none.
	FactorExclude
	// FactorModel picks the nominal model or one of several alternative
	// models of the same tree.
	FactorModel
	// FactorNormalization picks one of several normalisations for some
	// leaves.
	FactorNormalization
	// FactorImputation picks one of several imputations for some leaves.
	FactorImputation
)

// factorKindNames returns the text forms of the FactorKind values, in
// order.
func factorKindNames() []string {
	return []string{"weights", "aggregation", "exclude", "model", "normalization", "imputation"}
}

// String returns the lowercase name of k ("weights", "aggregation",
// "exclude", "model", "normalization", "imputation"), the text form of
// MarshalText.
func (k FactorKind) String() string { return enumName(factorKindNames(), int(k), "FactorKind") }

// MarshalText implements encoding.TextMarshaler.
func (k FactorKind) MarshalText() ([]byte, error) {
	return marshalEnum(k.String(), int(k), k >= 0 && int(k) < len(factorKindNames()))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *FactorKind) UnmarshalText(b []byte) error {
	return unmarshalEnum("FactorKind", b, factorKindNames(), (*int)(k))
}

// Perturbation is how a FactorWeights factor perturbs weights.
type Perturbation int

const (
	// PerturbUniform multiplies each nominal local weight w_j by an
	// independent factor 1 + Amount (2 v_j - 1), v_j ~ U(0, 1): ±Amount
	// relative (0.25 is ±25%); the default.
	PerturbUniform Perturbation = iota
	// PerturbDirichlet draws the local weights of a group of k children
	// from Dirichlet(kappa w_1, ..., kappa w_k), centred on the nominal
	// weights w (mean w, variance w_j (1 - w_j) / (kappa + 1)), with
	//
	//	kappa = (k - 1) / Amount^2 - 1
	//
	// so that a weight of average size 1/k varies with coefficient of
	// variation Amount (0.25: about ±25%, like the uniform perturbation).
	// Amount must be below sqrt(k - 1) for every group of two or more
	// children; a group with one child is left as it is.
	PerturbDirichlet
)

// String returns "uniform" or "dirichlet".
func (p Perturbation) String() string {
	switch p {
	case PerturbUniform:
		return "uniform"
	case PerturbDirichlet:
		return "dirichlet"
	}
	return fmt.Sprintf("Perturbation(%d)", int(p))
}

// MarshalText implements encoding.TextMarshaler.
func (p Perturbation) MarshalText() ([]byte, error) {
	return marshalEnum(p.String(), int(p), p == PerturbUniform || p == PerturbDirichlet)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Perturbation) UnmarshalText(b []byte) error {
	return unmarshalEnum("Perturbation", b, []string{"uniform", "dirichlet"}, (*int)(p))
}

// Factor is one uncertain model choice. Every factor is driven by its own
// coordinates u in [0, 1) of each model run (plain random, or Sobol
// quasi-random in [Sobol]), so that the same factors serve [MonteCarlo]
// and [Sobol], and a factor's value is a function of its coordinates
// alone:
//
//   - FactorWeights: the weights of Groups (group indices of
//     [indicator.Plan.Groups]; nil means every group with fixed nominal
//     weights) are perturbed as Perturbation says; Amount 0 means no
//     perturbation. PerturbUniform takes one coordinate per perturbed
//     weight (group by group, child by child) and maps it directly:
//     w_j (1 + Amount (2 u_j - 1)). PerturbDirichlet takes one coordinate
//     per factor and draws the gamma variates of every group from a
//     stream keyed by it (rng.New(seed, bits of u) mixed with the
//     factor's index), so only that one coordinate is quasi-random. The
//     weights are renormalised by the indicator package (divided by
//     their sum).
//   - FactorAggregation: alternative floor(u m) of the m Aggregations is
//     used for every group in Groups (nil: all groups); an entry with an
//     empty Method is the model's own.
//   - FactorExclude: with m = len(Leaves) (nil Leaves: every leaf), choice
//     floor(u (m+1)) leaves out nothing (0) or Leaves[choice-1].
//   - FactorNormalization: alternative floor(u m) of the m Normalizations
//     normalises every leaf in Leaves (leaf indices of
//     [indicator.Plan.Leaves]; nil: every leaf); an entry with an empty
//     Method keeps each leaf's own.
//   - FactorImputation: alternative floor(u m) of the m Imputations
//     imputes every leaf in Leaves (nil: every leaf); an entry with an
//     empty Method keeps each leaf's own.
//   - FactorModel: choice floor(u (m+1)) runs the nominal model (0) or
//     Models[choice-1]; alternative models must have the nominal model's
//     groups and leaves (same ids, same order), as models derived with
//     [indicator.Model.Clone] or [Alternative] do. At most one FactorModel
//     factor is allowed.
//
// Every factor other than a uniform weight perturbation takes one
// coordinate. Factors are independent: a run combines the choices of
// all factors. The normalisation and imputation choices are applied to
// the model the FactorModel factor picks (the nominal one without such a
// factor), which is then compiled and prepared (transformation,
// imputation, normalisation); every alternative that differs from the
// nominal model in one factor only is prepared once, up front, and the
// combinations of several are prepared when first needed and kept in a
// cache of at most 64 prepared models. Which model a run uses depends
// only on its choices, so results are the same for any GOMAXPROCS.
// A leaf's normalisation (or imputation) may be varied by one factor
// only, and so may a group's weights or aggregation.
type Factor struct {
	Name           string                    `json:"name"`
	Kind           FactorKind                `json:"kind"`
	Groups         []int                     `json:"groups,omitempty"`
	Perturbation   Perturbation              `json:"perturbation,omitempty"`
	Amount         float64                   `json:"amount,omitempty"`
	Aggregations   []indicator.Aggregation   `json:"aggregations,omitempty"`
	Leaves         []int                     `json:"leaves,omitempty"`
	Models         []*indicator.Model        `json:"models,omitempty"`
	Normalizations []indicator.Normalization `json:"normalizations,omitempty"`
	Imputations    []indicator.Imputation    `json:"imputations,omitempty"`
}

// LevelGroups returns the indices (in [indicator.Plan.Groups]) of the
// groups at a depth of the tree: level 0 is the root group, level 1 the
// groups among its children, and so on. "Weights ±25% at both levels" of
// a two-level tree is one FactorWeights factor per level.
func LevelGroups(p *indicator.Plan, level int) []int {
	groups := p.Groups()
	byID := map[string]int{}
	for g, gi := range groups {
		byID[gi.ID] = g
	}
	depth := make([]int, len(groups))
	for g := range depth {
		depth[g] = -1
	}
	var out []int
	if len(groups) == 0 {
		return nil
	}
	depth[0] = 0
	for g, gi := range groups { // pre-order: a parent comes before its children
		for _, c := range gi.Children {
			if k, ok := byID[c]; ok && depth[g] >= 0 {
				depth[k] = depth[g] + 1
			}
		}
	}
	for g, d := range depth {
		if d == level {
			out = append(out, g)
		}
	}
	return out
}

// maxCachedModels bounds the cache of prepared models for combinations of
// normalisation, imputation and model choices.
const maxCachedModels = 64

// evaluator re-aggregates prepared models under factor values.
type evaluator struct {
	ctx      context.Context
	table    *indicator.Table
	nominalM *indicator.Model
	plan     *indicator.Plan
	factors  []Factor
	nominal  *indicator.Prepared
	nominalW [][]float64 // per group: nominal local weights (nil: data-driven)
	groups   []indicator.GroupInfo
	leafIDs  []string
	excl     [][]int // per factor: candidate leaves for FactorExclude, normalisation, imputation
	targets  [][]int // per factor: groups for weights/aggregation
	off, dim []int   // per factor: its coordinates u[off : off+dim]
	ncoord   int     // total number of coordinates
	seed     uint64
	// choice factors: the model factor (or -1) and the normalisation and
	// imputation factors, in order; a run's choices ch[0] (model) and
	// ch[1+k] (edits[k]) select a prepared model.
	modelF int
	edits  []int
	pinned map[string]*indicator.Prepared // one non-nominal choice
	mu     sync.Mutex
	cache  map[string]*cachedModel // several non-nominal choices
	tick   uint64
	// seDropped lists the leaves whose standard errors do not propagate
	// under some alternative normalisation.
	seDropped []string
}

// walkNodes calls f on every node of the tree under n, in pre-order.
func walkNodes(n *indicator.Node, f func(n *indicator.Node)) {
	if n == nil {
		return
	}
	f(n)
	for _, c := range n.Children {
		walkNodes(c, f)
	}
}

type cachedModel struct {
	pr   *indicator.Prepared
	used uint64
}

func newEvaluator(ctx context.Context, plan *indicator.Plan, t *indicator.Table, factors []Factor, seed uint64) (*evaluator, []float64, error) {
	pr, err := plan.Prepare(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	e := &evaluator{ctx: ctx, table: t, plan: plan, nominalM: plan.Model(), factors: factors, nominal: pr, groups: plan.Groups(), seed: seed,
		modelF: -1, pinned: map[string]*indicator.Prepared{}, cache: map[string]*cachedModel{}}
	for _, l := range plan.Leaves() {
		e.leafIDs = append(e.leafIDs, l.ID)
	}
	nleaves := len(e.leafIDs)
	e.nominalW = make([][]float64, len(e.groups))
	for g, gi := range e.groups {
		e.nominalW[g] = gi.Weights
	}
	e.excl = make([][]int, len(factors))
	e.targets = make([][]int, len(factors))
	e.off = make([]int, len(factors))
	e.dim = make([]int, len(factors))
	usedW := make([]bool, len(e.groups))
	usedA := make([]bool, len(e.groups))
	usedN := make([]bool, nleaves)
	usedI := make([]bool, nleaves)
	for f, fc := range factors {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%w: factor %d (%q): %s", ErrFactor, f, fc.Name, fmt.Sprintf(format, args...))
		}
		groupsOf := func(def func(g int) bool) ([]int, error) {
			if fc.Groups == nil {
				var gs []int
				for g := range e.groups {
					if def(g) {
						gs = append(gs, g)
					}
				}
				return gs, nil
			}
			for _, g := range fc.Groups {
				if g < 0 || g >= len(e.groups) {
					return nil, bad("group index %d out of 0..%d", g, len(e.groups)-1)
				}
			}
			return fc.Groups, nil
		}
		leavesOf := func(used []bool, what string) ([]int, error) {
			ls := fc.Leaves
			if ls == nil {
				ls = identity(nleaves)
			}
			for _, l := range ls {
				if l < 0 || l >= nleaves {
					return nil, bad("leaf index %d out of 0..%d", l, nleaves-1)
				}
				if used != nil {
					if used[l] {
						return nil, bad("leaf %q has its %s varied by two factors", e.leafIDs[l], what)
					}
					used[l] = true
				}
			}
			return ls, nil
		}
		e.off[f], e.dim[f] = e.ncoord, 1
		switch fc.Kind {
		case FactorWeights:
			if !(fc.Amount >= 0) || math.IsInf(fc.Amount, 0) || fc.Perturbation != PerturbUniform && fc.Perturbation != PerturbDirichlet {
				return nil, nil, bad("amount %v, perturbation %v", fc.Amount, fc.Perturbation)
			}
			if fc.Perturbation == PerturbUniform && fc.Amount > 1 {
				return nil, nil, bad("uniform amount %v > 1 could make weights negative", fc.Amount)
			}
			gs, err := groupsOf(func(g int) bool { return e.nominalW[g] != nil })
			if err != nil {
				return nil, nil, err
			}
			nw := 0
			for _, g := range gs {
				if e.nominalW[g] == nil {
					return nil, nil, bad("group %q has no fixed nominal weights to perturb", e.groups[g].ID)
				}
				if usedW[g] {
					return nil, nil, bad("group %q is perturbed by two factors", e.groups[g].ID)
				}
				if k := len(e.nominalW[g]); fc.Perturbation == PerturbDirichlet && k > 1 && !(dirichletKappa(k, fc.Amount) > 0) && fc.Amount > 0 {
					return nil, nil, bad("dirichlet amount %v too large for group %q of %d children (at most sqrt(k-1))", fc.Amount, e.groups[g].ID, k)
				}
				usedW[g] = true
				nw += len(e.nominalW[g])
			}
			e.targets[f] = gs
			if fc.Perturbation == PerturbUniform && fc.Amount > 0 {
				e.dim[f] = max(nw, 1)
			}
		case FactorAggregation:
			if len(fc.Aggregations) == 0 {
				return nil, nil, bad("no aggregations")
			}
			gs, err := groupsOf(func(int) bool { return true })
			if err != nil {
				return nil, nil, err
			}
			for _, g := range gs {
				if usedA[g] {
					return nil, nil, bad("group %q has its aggregation varied by two factors", e.groups[g].ID)
				}
				usedA[g] = true
			}
			e.targets[f] = gs
		case FactorExclude:
			if e.excl[f], err = leavesOf(nil, ""); err != nil {
				return nil, nil, err
			}
		case FactorNormalization, FactorImputation:
			used, what, m := usedN, "normalisation", len(fc.Normalizations)
			if fc.Kind == FactorImputation {
				used, what, m = usedI, "imputation", len(fc.Imputations)
			}
			if m == 0 {
				return nil, nil, bad("no %ss", what)
			}
			if e.excl[f], err = leavesOf(used, what); err != nil {
				return nil, nil, err
			}
			e.edits = append(e.edits, f)
		case FactorModel:
			if e.modelF >= 0 {
				return nil, nil, bad("only one model factor is allowed (vary normalisations and imputations with FactorNormalization and FactorImputation factors)")
			}
			e.modelF = f
		default:
			return nil, nil, bad("unknown kind %d", int(fc.Kind))
		}
		e.ncoord += e.dim[f]
	}
	// Leaves with standard errors under a non-linear alternative.
	hasSE := map[string]bool{}
	walkNodes(e.nominalM.Root, func(n *indicator.Node) {
		if n.SEColumn != "" {
			hasSE[n.ID] = true
		}
	})
	for _, f := range e.edits {
		if e.factors[f].Kind != FactorNormalization {
			continue
		}
		nonlinear := false
		for _, nz := range e.factors[f].Normalizations {
			nonlinear = nonlinear || nz.Method != "" && !nz.Linear()
		}
		for _, l := range e.excl[f] {
			if nonlinear && hasSE[e.leafIDs[l]] {
				e.seDropped = append(e.seDropped, e.leafIDs[l])
			}
		}
	}
	slices.Sort(e.seDropped)
	// Prepare, up front, every model that differs from the nominal one in
	// a single choice, so that bad alternatives are reported at once.
	ch := make([]int, 1+len(e.edits))
	single := func(at, c int) error {
		for k := range ch {
			ch[k] = -1 // the model's own
		}
		ch[0] = 0
		ch[at] = c
		key, _ := e.key(nil, ch)
		if _, ok := e.pinned[string(key)]; ok {
			return nil
		}
		apr, err := e.build(ch)
		if err != nil {
			return err
		}
		e.pinned[string(key)] = apr
		return nil
	}
	if e.modelF >= 0 {
		for c := range e.factors[e.modelF].Models {
			if err := single(0, c+1); err != nil {
				return nil, nil, err
			}
		}
	}
	for k, f := range e.edits {
		for c := range e.numChoices(f) {
			if !e.isOwn(f, c) {
				if err := single(1+k, c); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	nominal := make([]float64, pr.NumUnits())
	if err := pr.Scores(nil, nominal); err != nil {
		return nil, nil, err
	}
	return e, nominal, nil
}

// numChoices is the number of alternatives of a normalisation or
// imputation factor.
func (e *evaluator) numChoices(f int) int {
	if e.factors[f].Kind == FactorNormalization {
		return len(e.factors[f].Normalizations)
	}
	return len(e.factors[f].Imputations)
}

// isOwn reports whether alternative c of normalisation or imputation
// factor f keeps the model's own method (c < 0 stands for the own method).
func (e *evaluator) isOwn(f, c int) bool {
	if c < 0 {
		return true
	}
	if e.factors[f].Kind == FactorNormalization {
		return e.factors[f].Normalizations[c].Method == ""
	}
	return e.factors[f].Imputations[c].Method == ""
}

// key appends the cache key of the choices ch (ch[0] of the model factor,
// ch[1+k] of edits[k]) to dst, with every alternative that keeps the
// model's own method encoded alike, and returns it with the number of
// choices that differ from the nominal model.
func (e *evaluator) key(dst []byte, ch []int) ([]byte, int) {
	changed := 0
	for k, c := range ch {
		v := uint64(c) // the model choice: 0 is the nominal model
		if k > 0 {
			v = 0
			if !e.isOwn(e.edits[k-1], c) {
				v = uint64(c) + 1
			}
		}
		if v != 0 {
			changed++
		}
		dst = binary.AppendUvarint(dst, v)
	}
	return dst, changed
}

// build compiles and prepares the model of the choices ch: the model
// factor's pick (ch[0]) with the normalisations and imputations ch[1:]
// applied to their leaves.
func (e *evaluator) build(ch []int) (*indicator.Prepared, error) {
	describe := func() string {
		var parts []string
		if e.modelF >= 0 {
			parts = append(parts, fmt.Sprintf("factor %d (%q) choice %d", e.modelF, e.factors[e.modelF].Name, ch[0]))
		}
		for k, f := range e.edits {
			parts = append(parts, fmt.Sprintf("factor %d (%q) choice %d", f, e.factors[f].Name, ch[1+k]))
		}
		return strings.Join(parts, ", ")
	}
	m := e.nominalM
	if ch[0] > 0 {
		m = e.factors[e.modelF].Models[ch[0]-1]
	}
	if m == nil {
		return nil, fmt.Errorf("%w: %s: nil model", ErrFactor, describe())
	}
	m = m.Clone()
	// The runs rank scores and use no standard errors: they are set aside,
	// so that a non-linear alternative normalisation of a leaf with an
	// se_column (which could not propagate them) can be compiled.
	walkNodes(m.Root, func(n *indicator.Node) { n.SEColumn = "" })
	if len(e.edits) > 0 {
		byID := map[string]*indicator.Node{}
		var walk func(n *indicator.Node)
		walk = func(n *indicator.Node) {
			if n == nil {
				return
			}
			byID[n.ID] = n
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(m.Root)
		for k, f := range e.edits {
			c := ch[1+k]
			if e.isOwn(f, c) {
				continue
			}
			for _, l := range e.excl[f] {
				n := byID[e.leafIDs[l]]
				if n == nil {
					return nil, fmt.Errorf("%w: %s: no leaf %q", ErrFactor, describe(), e.leafIDs[l])
				}
				if e.factors[f].Kind == FactorNormalization {
					v := e.factors[f].Normalizations[c]
					n.Normalization = &v
				} else {
					v := e.factors[f].Imputations[c]
					n.Imputation = &v
				}
			}
		}
	}
	ap, err := e.plan.Recompile(m)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFactor, describe(), err)
	}
	if err := sameTree(e.plan, ap); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFactor, describe(), err)
	}
	apr, err := ap.Prepare(e.ctx, e.table)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFactor, describe(), err)
	}
	return apr, nil
}

// prepared returns the prepared model of the choices ch; key is scratch
// space for the cache key.
func (e *evaluator) prepared(ch []int, key []byte) (*indicator.Prepared, []byte, error) {
	key, changed := e.key(key[:0], ch)
	switch changed {
	case 0:
		return e.nominal, key, nil
	case 1:
		if pr, ok := e.pinned[string(key)]; ok {
			return pr, key, nil
		}
	}
	e.mu.Lock()
	if c, ok := e.cache[string(key)]; ok {
		e.tick++
		c.used = e.tick
		e.mu.Unlock()
		return c.pr, key, nil
	}
	e.mu.Unlock()
	pr, err := e.build(ch) // outside the lock; two workers may build the same model
	if err != nil {
		return nil, key, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.cache) >= maxCachedModels { // evict the least recently used
		var old string
		var oldest uint64 = math.MaxUint64
		for k, c := range e.cache {
			if c.used < oldest {
				old, oldest = k, c.used
			}
		}
		delete(e.cache, old)
	}
	e.tick++
	e.cache[string(key)] = &cachedModel{pr: pr, used: e.tick}
	return pr, key, nil
}

func sameTree(a, b *indicator.Plan) error {
	ga, gb := a.Groups(), b.Groups()
	la, lb := a.Leaves(), b.Leaves()
	if len(ga) != len(gb) || len(la) != len(lb) {
		return fmt.Errorf("%d groups and %d leaves, want %d and %d", len(gb), len(lb), len(ga), len(la))
	}
	for g := range ga {
		if ga[g].ID != gb[g].ID {
			return fmt.Errorf("group %d is %q, want %q", g, gb[g].ID, ga[g].ID)
		}
	}
	for l := range la {
		if la[l].ID != lb[l].ID {
			return fmt.Errorf("leaf %d is %q, want %q", l, lb[l].ID, la[l].ID)
		}
	}
	return nil
}

// choice maps u in [0, 1) to 0..m-1.
func choice(u float64, m int) int {
	return max(0, min(int(u*float64(m)), m-1))
}

// worker holds one goroutine's variant buffers.
type worker struct {
	e     *evaluator
	v     indicator.Variant
	wbuf  [][]float64
	alpha []float64
	ch    []int
	key   []byte
	pcg   rand.PCG
	r     *rand.Rand
}

func (e *evaluator) newWorker() *worker {
	w := &worker{e: e, ch: make([]int, 1+len(e.edits))}
	w.r = rand.New(&w.pcg)
	w.v.Weights = make([][]float64, len(e.groups))
	w.v.Aggregation = make([]indicator.Aggregation, len(e.groups))
	w.v.Exclude = make([]bool, len(e.leafIDs))
	w.wbuf = make([][]float64, len(e.groups))
	k := 0
	for g, gi := range e.groups {
		w.wbuf[g] = make([]float64, len(gi.Children))
		k = max(k, len(gi.Children))
	}
	w.alpha = make([]float64, k)
	return w
}

// scores evaluates the model with the coordinates u (e.ncoord of them;
// factor f reads u[e.off[f] : e.off[f]+e.dim[f]]) into dst.
func (w *worker) scores(u, dst []float64) error {
	e := w.e
	clear(w.v.Weights)
	clear(w.v.Aggregation)
	clear(w.v.Exclude)
	clear(w.ch)
	edit := 0
	for f, fc := range e.factors {
		uf := u[e.off[f] : e.off[f]+e.dim[f]]
		switch fc.Kind {
		case FactorWeights:
			if fc.Amount == 0 {
				continue
			}
			if fc.Perturbation == PerturbUniform {
				j := 0
				for _, g := range e.targets[f] {
					nom, dst := e.nominalW[g], w.wbuf[g]
					for c, x := range nom {
						dst[c] = float64(x * (1 + float64(fc.Amount*(2*uf[j]-1))))
						j++
					}
					w.v.Weights[g] = dst
				}
				continue
			}
			reseed(&w.pcg, e.seed^rng.SplitMix64(uint64(f)+1), math.Float64bits(uf[0]))
			for _, g := range e.targets[f] {
				nom, dst := e.nominalW[g], w.wbuf[g]
				if len(nom) < 2 {
					continue
				}
				dirichletAround(w.r, nom, dirichletKappa(len(nom), fc.Amount), w.alpha[:len(nom)], dst)
				w.v.Weights[g] = dst
			}
		case FactorAggregation:
			a := fc.Aggregations[choice(uf[0], len(fc.Aggregations))]
			for _, g := range e.targets[f] {
				w.v.Aggregation[g] = a
			}
		case FactorExclude:
			if c := choice(uf[0], len(e.excl[f])+1); c > 0 {
				w.v.Exclude[e.excl[f][c-1]] = true
			}
		case FactorModel:
			w.ch[0] = choice(uf[0], len(fc.Models)+1)
		case FactorNormalization, FactorImputation:
			edit++
			w.ch[edit] = choice(uf[0], e.numChoices(f))
		}
	}
	pr, key, err := e.prepared(w.ch, w.key)
	w.key = key
	if err != nil {
		return err
	}
	return pr.Scores(&w.v, dst)
}

// dirichletKappa returns the concentration (k-1)/amount^2 - 1 of a
// Dirichlet perturbation of k weights.
func dirichletKappa(k int, amount float64) float64 {
	return float64(k-1)/float64(amount*amount) - 1
}

// dirichletAround draws Dirichlet(kappa w) into dst; zero weights stay 0.
func dirichletAround(r *rand.Rand, w []float64, kappa float64, alpha, dst []float64) {
	var s float64
	for j, x := range w {
		dst[j] = 0
		if x > 0 {
			alpha[j] = float64(kappa * x)
			dst[j] = rng.Gamma(r, alpha[j])
			s += dst[j]
		}
	}
	if s > 0 {
		for j := range dst {
			dst[j] /= s
		}
	}
}

// MonteCarlo propagates the uncertainty of model choices to the ranks, in
// the JRC's practice for composite indicators (Saisana, Saltelli and
// Tarantola 2005 [8]; OECD/JRC Handbook 2008, section 7): each replication
// draws the coordinates of every factor (see [Factor]), each u ~ U(0, 1),
// from its stream rng.New(s.Seed, i), re-aggregates the table with the
// resulting weights, aggregations, excluded indicator, normalisations,
// imputations or alternative model on the prepared
// fast path ([indicator.Prepared.Scores]: transformation, imputation and
// normalisation are done once per model), and ranks the scores under
// s.Ranking. The result summarises the ranks per unit (nominal, median,
// percentiles, band, top-k and bottom-k probabilities) and the mean
// absolute rank shift against the nominal ranking. Replications run on all
// cores in fixed blocks; results are identical for any GOMAXPROCS.
//
// It returns an error wrapping [ErrFactor] for an unusable factor, the
// errors of [indicator.Plan.Prepare] and [indicator.Prepared.Scores]
// (naming the replication), those of [Rank], and ctx's error. It panics if
// s is invalid (as [BootstrapCounts]).
func MonteCarlo(ctx context.Context, plan *indicator.Plan, t *indicator.Table, factors []Factor, s Settings) (*Distribution, error) {
	e, nominal, err := newEvaluator(ctx, plan, t, factors, s.Seed)
	if err != nil {
		return nil, err
	}
	newSample := func() sampleFunc {
		w := e.newWorker()
		u := make([]float64, e.ncoord)
		return func(_ int, r *rand.Rand, dst []float64) error {
			for d := range u {
				u[d] = r.Float64()
			}
			return w.scores(u, dst)
		}
	}
	d, err := simulate(ctx, nominal, t.Units(), s, newSample, nil)
	if d != nil {
		d.SENotPropagated = e.seDropped
	}
	return withFingerprint(d, err, plan.Model(), t, struct {
		Analysis string
		Factors  []Factor
		Settings Settings
	}{"monte_carlo", factors, s})
}

// Alternative returns a copy of m ([indicator.Model.Clone]) with edit
// applied to every node in pre-order, for the alternative models of a
// FactorModel factor: for example, percentiles instead of min-max on every
// leaf, or another imputation. m is not modified. Alternative panics if m
// or edit is nil.
func Alternative(m *indicator.Model, edit func(n *indicator.Node)) *indicator.Model {
	if m == nil || edit == nil {
		panic("ranking: Alternative of a nil model or with a nil edit")
	}
	c := m.Clone()
	var walk func(n *indicator.Node)
	walk = func(n *indicator.Node) {
		if n == nil {
			return
		}
		edit(n)
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.Root)
	return c
}
