package ranking

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

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
	// models of the same tree (other normalisations, imputations or
	// transformations).
	FactorModel
)

var factorKindNames = []string{"weights", "aggregation", "exclude", "model"}

// String returns the lowercase name of k.
func (k FactorKind) String() string {
	if k >= 0 && int(k) < len(factorKindNames) {
		return factorKindNames[k]
	}
	return fmt.Sprintf("FactorKind(%d)", int(k))
}

// MarshalText implements encoding.TextMarshaler.
func (k FactorKind) MarshalText() ([]byte, error) {
	return marshalEnum(k.String(), int(k), k >= 0 && int(k) < len(factorKindNames))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *FactorKind) UnmarshalText(b []byte) error {
	return unmarshalEnum("FactorKind", b, factorKindNames, (*int)(k))
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

// Factor is one uncertain model choice. Every factor is driven by one
// number u in [0, 1) per model run (a plain random or a Sobol
// quasi-random coordinate), so that the same factors serve [MonteCarlo]
// and [Sobol]:
//
//   - FactorWeights: the weights of Groups (group indices of
//     [indicator.Plan.Groups]; nil means every group with fixed nominal
//     weights) are perturbed as Perturbation says, with the random numbers
//     drawn from a stream keyed by u (rng.New(seed, bits of u) mixed with
//     the factor's index), so the perturbed weights are a function of u.
//     Amount 0 means no perturbation. The weights are renormalised by the
//     indicator package (divided by their sum).
//   - FactorAggregation: alternative floor(u m) of the m Aggregations is
//     used for every group in Groups (nil: all groups); an entry with an
//     empty Method is the model's own.
//   - FactorExclude: with m = len(Leaves) (nil Leaves: every leaf), choice
//     floor(u (m+1)) leaves out nothing (0) or Leaves[choice-1].
//   - FactorModel: choice floor(u (m+1)) runs the nominal model (0) or
//     Models[choice-1]; alternative models must have the nominal model's
//     groups and leaves (same ids, same order), as models derived with
//     [indicator.Model.Clone] that change normalisation, imputation or
//     transformation do. Each is compiled and prepared once.
type Factor struct {
	Name         string                  `json:"name"`
	Kind         FactorKind              `json:"kind"`
	Groups       []int                   `json:"groups,omitempty"`
	Perturbation Perturbation            `json:"perturbation,omitempty"`
	Amount       float64                 `json:"amount,omitempty"`
	Aggregations []indicator.Aggregation `json:"aggregations,omitempty"`
	Leaves       []int                   `json:"leaves,omitempty"`
	Models       []*indicator.Model      `json:"models,omitempty"`
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

// evaluator re-aggregates prepared models under factor values.
type evaluator struct {
	factors  []Factor
	prepared []*indicator.Prepared // nominal first, then every model factor's alternatives
	modelOff []int                 // per factor: offset of its alternatives in prepared
	nominalW [][]float64           // per group: nominal local weights (nil: data-driven)
	groups   []indicator.GroupInfo
	leaves   int
	excl     [][]int // per factor: candidate leaves for FactorExclude
	targets  [][]int // per factor: groups for weights/aggregation
	seed     uint64
}

func newEvaluator(ctx context.Context, plan *indicator.Plan, t *indicator.Table, factors []Factor, seed uint64) (*evaluator, []float64, error) {
	pr, err := plan.Prepare(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	e := &evaluator{factors: factors, prepared: []*indicator.Prepared{pr}, groups: plan.Groups(), leaves: len(plan.Leaves()), seed: seed}
	e.nominalW = make([][]float64, len(e.groups))
	for g, gi := range e.groups {
		e.nominalW[g] = gi.Weights
	}
	e.modelOff = make([]int, len(factors))
	e.excl = make([][]int, len(factors))
	e.targets = make([][]int, len(factors))
	usedW := make([]bool, len(e.groups))
	usedA := make([]bool, len(e.groups))
	models := 0
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
			}
			e.targets[f] = gs
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
			ls := fc.Leaves
			if ls == nil {
				ls = identity(e.leaves)
			}
			for _, l := range ls {
				if l < 0 || l >= e.leaves {
					return nil, nil, bad("leaf index %d out of 0..%d", l, e.leaves-1)
				}
			}
			e.excl[f] = ls
		case FactorModel:
			if models++; models > 1 {
				return nil, nil, bad("only one model factor is allowed")
			}
			e.modelOff[f] = len(e.prepared)
			for k, m := range fc.Models {
				ap, err := indicator.Compile(m)
				if err != nil {
					return nil, nil, bad("model %d: %v", k, err)
				}
				if err := sameTree(plan, ap); err != nil {
					return nil, nil, bad("model %d: %v", k, err)
				}
				apr, err := ap.Prepare(ctx, t)
				if err != nil {
					return nil, nil, bad("model %d: %v", k, err)
				}
				e.prepared = append(e.prepared, apr)
			}
		default:
			return nil, nil, bad("unknown kind %d", int(fc.Kind))
		}
	}
	nominal := make([]float64, pr.NumUnits())
	if err := pr.Scores(nil, nominal); err != nil {
		return nil, nil, err
	}
	return e, nominal, nil
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
	pcg   rand.PCG
	r     *rand.Rand
}

func (e *evaluator) newWorker() *worker {
	w := &worker{e: e}
	w.r = rand.New(&w.pcg)
	w.v.Weights = make([][]float64, len(e.groups))
	w.v.Aggregation = make([]indicator.Aggregation, len(e.groups))
	w.v.Exclude = make([]bool, e.leaves)
	w.wbuf = make([][]float64, len(e.groups))
	k := 0
	for g, gi := range e.groups {
		w.wbuf[g] = make([]float64, len(gi.Children))
		k = max(k, len(gi.Children))
	}
	w.alpha = make([]float64, k)
	return w
}

// scores evaluates the model with factor values u into dst.
func (w *worker) scores(u, dst []float64) error {
	e := w.e
	clear(w.v.Weights)
	clear(w.v.Aggregation)
	clear(w.v.Exclude)
	pr := e.prepared[0]
	for f, fc := range e.factors {
		switch fc.Kind {
		case FactorWeights:
			if fc.Amount == 0 {
				continue
			}
			reseed(&w.pcg, e.seed^rng.SplitMix64(uint64(f)+1), math.Float64bits(u[f]))
			for _, g := range e.targets[f] {
				nom, dst := e.nominalW[g], w.wbuf[g]
				if fc.Perturbation == PerturbUniform {
					for j, x := range nom {
						dst[j] = float64(x * (1 + float64(fc.Amount*(2*w.r.Float64()-1))))
					}
				} else {
					if len(nom) < 2 {
						continue
					}
					dirichletAround(w.r, nom, dirichletKappa(len(nom), fc.Amount), w.alpha[:len(nom)], dst)
				}
				w.v.Weights[g] = dst
			}
		case FactorAggregation:
			a := fc.Aggregations[choice(u[f], len(fc.Aggregations))]
			for _, g := range e.targets[f] {
				w.v.Aggregation[g] = a
			}
		case FactorExclude:
			if c := choice(u[f], len(e.excl[f])+1); c > 0 {
				w.v.Exclude[e.excl[f][c-1]] = true
			}
		case FactorModel:
			if c := choice(u[f], len(fc.Models)+1); c > 0 {
				pr = e.prepared[e.modelOff[f]+c-1]
			}
		}
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
// draws one u ~ U(0, 1) per factor from its stream rng.New(s.Seed, i),
// re-aggregates the table with the resulting weights, aggregations,
// excluded indicator or alternative model (see [Factor]) on the prepared
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
		u := make([]float64, len(factors))
		return func(_ int, r *rand.Rand, dst []float64) error {
			for f := range u {
				u[f] = r.Float64()
			}
			return w.scores(u, dst)
		}
	}
	d, err := simulate(ctx, nominal, t.Units(), s, newSample, nil)
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
