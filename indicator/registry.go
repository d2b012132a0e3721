package indicator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"

	"github.com/ppgpa/ppgpa/weighting"
)

// Registry holds a researcher's own methods by name: weighting schemes,
// aggregations, normalisations and imputations, which a model then names
// like the built-in ones, with their parameters in the method's "params"
// member:
//
//	"weighting":     {"method": "my_scheme", "params": {"alpha": 0.3}}
//	"aggregation":   {"method": "my_mean", "params": {"k": 2}}
//	"normalization": {"method": "my_norm", "params": {...}}
//	"imputation":    {"method": "my_fill", "params": {...}}
//
// A Registry is a value the caller makes and passes to [CompileWith] (or
// [Model.ValidateWith]): there is no global registry and nothing is
// registered at init. The plan keeps a copy of the registry as it was at
// compilation. Once compiled, an extension works wherever a built-in
// method does: validation reports its errors with the node's path,
// [Prepared.Scores] takes it in a [Variant] (an alternative aggregation
// of the uncertainty analysis may name it), package ranking's Monte Carlo
// and Sobol analyses recompile alternative models with the plan's
// registry ([Plan.Recompile]; an alternative normalisation or imputation
// factor may name a registered method), and contributions and
// explanations treat it as they treat the built-in methods of its kind.
//
// # Determinism
//
// The library's results are the same bits on every CPU and for any
// GOMAXPROCS; an extension keeps that only if it does the same: it must be
// a pure function of its arguments (no clock, no global random source,
// no map iteration order, no goroutines whose order matters; a
// normalisation or imputation gets the units in table order, so for
// results that do not depend on the order of the data's rows it must
// treat them symmetrically, e.g. sum with a compensated or sorted sum),
// round each
// product that feeds a sum explicitly (float64(x*y) + z, which Go may
// otherwise fuse into one FMA on arm64 and other architectures), and use
// package internal/detmath's Exp, Log and Pow or its own portable
// functions instead of math.Exp, math.Log and math.Pow, whose assembly
// differs by architecture. Its parameters should be decoded with
// [DecodeParams], so that a misspelt parameter is an error, not a silent
// default. Extensions must be safe for concurrent use: a plan is shared
// between goroutines.
//
// The zero value is an empty registry ready to use; methods register with
// the Register methods, which are not safe for concurrent use.
type Registry struct {
	schemes map[string]SchemeFunc
	aggs    map[string]AggregatorFunc
	norms   map[string]NormalizerFunc
	imputes map[string]ImputerFunc
}

// SchemeFunc makes the weighting scheme of one group from the params
// member of its weighting (nil when absent) and the ids of its children.
// The scheme's DataDriven decides whether it gets the children's scores.
type SchemeFunc func(params json.RawMessage, children []string) (weighting.Scheme, error)

// Aggregator combines one unit's children's scores y (with local weights
// w, summing to 1, one per child) into the group's score. y and w hold
// only the children that count for that unit: missing children and
// children of weight 0 are left out, and w is divided by the sum of the
// weights that remain. It must not modify y or w.
type Aggregator interface {
	Aggregate(y, w []float64) (float64, error)
}

// AggregatorFunc makes an aggregation from the params member of a
// group's aggregation (nil when absent).
type AggregatorFunc func(params json.RawMessage) (Aggregator, error)

// Normalizer maps a leaf's values x (after transformation and imputation;
// NaN for a missing value, to be kept) onto scores dst, higher is better;
// lower says that lower raw values are better. len(dst) == len(x). It must
// not modify x. dst holds NaN when Normalize is called, so that a score
// left unwritten is missing: a missing value's score may be left alone,
// and a present value's score left unwritten is an error naming the unit.
type Normalizer interface {
	Normalize(x []float64, lower bool, dst []float64) error
}

// NormalizerFunc makes a normalisation from the params member of a
// leaf's normalization (nil when absent).
type NormalizerFunc func(params json.RawMessage) (Normalizer, error)

// Imputer fills the missing values of a leaf: x holds its values (after
// transformation; NaN for a missing value), one per unit in table order,
// and Impute writes into dst (len(dst) == len(x)) every value of x, each
// missing one replaced by its imputed value or left NaN (the unit is then
// scored on its other indicators, as with "available"). A value present
// in x must be copied unchanged; an infinite imputed value is an error. It
// must not modify x.
type Imputer interface {
	Impute(x, dst []float64) error
}

// ImputerFunc makes an imputation from the params member of a node's
// imputation (nil when absent).
type ImputerFunc func(params json.RawMessage) (Imputer, error)

// RegisterScheme registers a weighting scheme under name. It returns an
// error for an empty name, the name of a built-in scheme, a name already
// registered or a nil f.
func (r *Registry) RegisterScheme(name string, f SchemeFunc) error {
	if err := r.checkName("scheme", name, weighting.IsBuiltin(name), r.schemes[name] != nil, f == nil); err != nil {
		return err
	}
	if r.schemes == nil {
		r.schemes = map[string]SchemeFunc{}
	}
	r.schemes[name] = f
	return nil
}

// RegisterAggregation registers an aggregation under name; errors as
// [Registry.RegisterScheme].
func (r *Registry) RegisterAggregation(name string, f AggregatorFunc) error {
	_, builtin := methodMembers[typeAggregation][name]
	if err := r.checkName("aggregation", name, builtin, r.aggs[name] != nil, f == nil); err != nil {
		return err
	}
	if r.aggs == nil {
		r.aggs = map[string]AggregatorFunc{}
	}
	r.aggs[name] = f
	return nil
}

// RegisterNormalization registers a normalisation under name; errors as
// [Registry.RegisterScheme].
func (r *Registry) RegisterNormalization(name string, f NormalizerFunc) error {
	_, builtin := methodMembers[typeNormalization][name]
	if err := r.checkName("normalization", name, builtin, r.norms[name] != nil, f == nil); err != nil {
		return err
	}
	if r.norms == nil {
		r.norms = map[string]NormalizerFunc{}
	}
	r.norms[name] = f
	return nil
}

// RegisterImputation registers an imputation under name; errors as
// [Registry.RegisterScheme].
func (r *Registry) RegisterImputation(name string, f ImputerFunc) error {
	_, builtin := methodMembers[typeImputation][name]
	if err := r.checkName("imputation", name, builtin, r.imputes[name] != nil, f == nil); err != nil {
		return err
	}
	if r.imputes == nil {
		r.imputes = map[string]ImputerFunc{}
	}
	r.imputes[name] = f
	return nil
}

func (r *Registry) checkName(kind, name string, builtin, dup, nilF bool) error {
	switch {
	case name == "":
		return fmt.Errorf("indicator: register %s: empty name", kind)
	case builtin:
		return fmt.Errorf("indicator: register %s %q: a built-in method has that name", kind, name)
	case dup:
		return fmt.Errorf("indicator: register %s %q: already registered", kind, name)
	case nilF:
		return fmt.Errorf("indicator: register %s %q: nil function", kind, name)
	}
	return nil
}

// clone returns a copy of r (nil for a nil or empty r).
func (r *Registry) clone() *Registry {
	if r == nil || len(r.schemes)+len(r.aggs)+len(r.norms)+len(r.imputes) == 0 {
		return nil
	}
	return &Registry{schemes: maps.Clone(r.schemes), aggs: maps.Clone(r.aggs), norms: maps.Clone(r.norms), imputes: maps.Clone(r.imputes)}
}

// scheme returns the scheme of spec s for the children ids: a registered
// one, or a built-in one.
func (r *Registry) scheme(s *weighting.Spec, ids []string) (weighting.Scheme, error) {
	if s != nil && r != nil {
		if f := r.schemes[s.Method]; f != nil {
			sc, err := f(s.Params, append([]string(nil), ids...))
			if err == nil && sc == nil {
				err = fmt.Errorf("scheme %q returned no scheme", s.Method)
			}
			if err != nil {
				return nil, fmt.Errorf("weighting: %s: %w", s.Method, err)
			}
			return sc, nil
		}
	}
	return s.Scheme(ids)
}

// aggregator returns the registered aggregator of a, or nil when a's
// method is not registered.
func (r *Registry) aggregator(a Aggregation) (Aggregator, error) {
	if r == nil || r.aggs[string(a.Method)] == nil {
		return nil, nil
	}
	ag, err := r.aggs[string(a.Method)](a.Params)
	if err == nil && ag == nil {
		err = fmt.Errorf("returned no aggregator")
	}
	if err != nil {
		return nil, fmt.Errorf("aggregation: %s: %w", a.Method, err)
	}
	return ag, nil
}

// normalizer returns the registered normalizer of nz, or nil when its
// method is not registered.
func (r *Registry) normalizer(nz *Normalization) (Normalizer, error) {
	if r == nil || nz == nil || r.norms[string(nz.Method)] == nil {
		return nil, nil
	}
	n, err := r.norms[string(nz.Method)](nz.Params)
	if err == nil && n == nil {
		err = fmt.Errorf("returned no normalizer")
	}
	if err != nil {
		return nil, fmt.Errorf("normalization: %s: %w", nz.Method, err)
	}
	return n, nil
}

// imputer returns the registered imputer of im, or nil when its method
// is not registered.
func (r *Registry) imputer(im *Imputation) (Imputer, error) {
	if r == nil || im == nil || r.imputes[string(im.Method)] == nil {
		return nil, nil
	}
	f, err := r.imputes[string(im.Method)](im.Params)
	if err == nil && f == nil {
		err = fmt.Errorf("returned no imputer")
	}
	if err != nil {
		return nil, fmt.Errorf("imputation: %s: %w", im.Method, err)
	}
	return f, nil
}

// imputeExt fills the missing values of x in place with the registered
// imputer im, setting flags[u] for each filled cell; dst is scratch of
// len(x). It reports whether it filled any cell. A changed present value
// or an infinite imputed one is an error naming the unit.
func imputeExt(im Imputer, x []float64, flags []bool, dst []float64) (bool, error) {
	for u := range dst {
		dst[u] = math.NaN()
	}
	if err := im.Impute(x, dst); err != nil {
		return false, err
	}
	filled := false
	for u, v := range dst {
		switch {
		case x[u] == x[u] && math.Float64bits(v) != math.Float64bits(x[u]):
			return false, errAt(u, ErrDomain, "registered imputation changed the value %v to %v", x[u], v)
		case math.IsInf(v, 0):
			return false, errAt(u, ErrDomain, "registered imputation gave %v", v)
		case x[u] != x[u] && v == v:
			x[u], flags[u], filled = v, true, true
		}
	}
	return filled, nil
}

// DecodeParams decodes an extension's params into v strictly: a member v
// does not have, trailing data or a value of the wrong type is an error;
// nil or empty params (the member absent) leave v as it is, so that v's
// initial value holds the defaults.
func DecodeParams(params json.RawMessage, v any) error {
	if len(bytes.TrimSpace(params)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(params))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("params: %w", err)
	}
	if dec.More() {
		return fmt.Errorf("params: data after the value")
	}
	if _, err := dec.Token(); err == nil {
		return fmt.Errorf("params: data after the value")
	}
	return nil
}

// CompileWith is [Compile] with the methods of reg (nil: none) available
// to the model. The plan keeps a copy of reg.
func CompileWith(m *Model, reg *Registry) (*Plan, error) {
	return compile(m, reg.clone())
}

// ValidateWith is [Model.Validate] with the methods of reg (nil: none).
func (m *Model) ValidateWith(reg *Registry) error {
	if m == nil {
		panic("indicator: ValidateWith of a nil *Model")
	}
	_, err := m.validate(reg)
	return err
}

// Recompile compiles m with the registry p was compiled with, for
// alternative models of the same system (see package ranking).
func (p *Plan) Recompile(m *Model) (*Plan, error) { return compile(m, p.reg) }

// extError is the error of a registered aggregation for unit u.
type extError struct {
	u   int
	err error
}

// aggregateExt aggregates every unit with the registered aggregator ag:
// for each unit, the children with a non-zero weight and a score, their
// weights divided by the sum of those weights (available-case
// aggregation, with minShare as in aggregateUnit).
func aggregateExt(ag Aggregator, scores [][]float64, ch []int, w []float64, minShare float64, dst []float64) *extError {
	y := make([]float64, 0, len(ch))
	ww := make([]float64, 0, len(ch))
	for u := range dst {
		y, ww = y[:0], ww[:0]
		total := 0
		var sw float64
		for j, c := range ch {
			if w[j] == 0 {
				continue
			}
			total++
			if v := scores[c][u]; v == v {
				y, ww = append(y, v), append(ww, w[j])
				sw += w[j]
			}
		}
		if len(y) == 0 || float64(len(y)) < float64(minShare*float64(total)) {
			dst[u] = math.NaN()
			continue
		}
		if len(y) < total {
			for j := range ww {
				ww[j] /= sw
			}
		}
		v, err := ag.Aggregate(y, ww)
		if err == nil && math.IsInf(v, 0) {
			err = fmt.Errorf("score %v", v)
		}
		if err != nil {
			return &extError{u: u, err: err}
		}
		dst[u] = v
	}
	return nil
}

// normalizeExt normalises x into dst with the registered normalizer nz;
// an infinite score is an error naming the unit, and so is NaN for a
// value present. dst is set to NaN first, so that a score the normalizer
// does not write is NaN whatever dst held (scratch reused by WhatIf, say).
func normalizeExt(nz Normalizer, lower bool, x, dst []float64) (normRecord, error) {
	nan := math.NaN()
	rec := normRecord{worst: nan, best: nan, mean: nan, sd: nan, target: nan}
	for u := range dst {
		dst[u] = nan
	}
	if err := nz.Normalize(x, lower, dst); err != nil {
		return rec, err
	}
	for u, y := range dst {
		if math.IsInf(y, 0) || (y != y && x[u] == x[u]) {
			return rec, errAt(u, ErrDomain, "registered normalisation gave %v for %v", y, x[u])
		}
	}
	return rec, nil
}

// Normalized returns the normalised scores of the leaves: a units × leaves
// matrix, row u for unit u (table order), column l for leaf l of
// [Plan.Leaves], with NaN for a value left missing (available-case
// aggregation). It is a copy; changing it changes nothing prepared.
func (pr *Prepared) Normalized() [][]float64 {
	p := pr.plan
	out := make([][]float64, pr.n)
	for u := range out {
		out[u] = make([]float64, len(p.leaves))
		for l, i := range p.leaves {
			out[u][l] = pr.scores[i][u]
		}
	}
	return out
}
