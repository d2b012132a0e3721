package survey

import (
	"fmt"
	"maps"
	"math"
	"strconv"
)

// Respondent is one sampled person (or, for establishment surveys, unit) of
// a survey. Only ID is required; the other fields describe the sampling
// design and may be left zero.
type Respondent struct {
	// ID identifies the respondent; answers refer to it. IDs must be
	// unique within a design.
	ID string
	// Group is the respondent group (voting level, survey mode), used for
	// domains and for combining groups with fixed weights.
	Group string
	// Stratum is the design stratum; "" for every respondent means one
	// stratum.
	Stratum string
	// PSU is the primary sampling unit (cluster). "" for every respondent
	// means element sampling: each respondent is its own PSU.
	PSU string
	// SSU is the second-stage unit within the PSU, for two-stage designs;
	// "" for every respondent means one stage.
	SSU string
	// Weight is the design weight. NaN means "not given": the weight is
	// then 1/Prob if Prob > 0, or else derived from the finite-population
	// corrections as N_h/n_h (one stage) or N_h/n_h * M_i/m_i (two
	// stages). 0 is a real zero weight (a non-respondent after
	// [AdjustNonresponse], a row kept only for the design): as in R's
	// svydesign, the row contributes nothing to estimates but its PSU and
	// SSU still count in n_h and m_hi (they do not count in [Design.DF],
	// which follows R's degf). Note that the zero value of Respondent
	// therefore has weight 0: set Weight to math.NaN() to derive it.
	Weight float64
	// Prob is the inclusion probability, used when Weight is NaN.
	Prob float64
	// FPC is the population size of the first stage: the number of PSUs
	// in the respondent's stratum (the number of elements for element
	// sampling). 0 means sampling with replacement (no correction). If
	// every FPC is at most 1, the values are read as sampling fractions
	// n_h/N_h instead, as R's survey package does.
	FPC float64
	// FPC2 is the population size of the second stage: the number of SSUs
	// in the respondent's PSU (or, if all are at most 1, the fraction).
	FPC2 float64
	// Attr holds further attributes by name (auxiliary variables for
	// post-stratification, raking and calibration, kept as text; see
	// [Design.Column] and [Design.Numeric]).
	Attr map[string]string
}

// Singleton says how the variance treats a stratum with a single PSU
// (R survey's options("survey.lonely.psu")).
type Singleton int

const (
	// SingletonFail returns an error wrapping [ErrSingletonPSU] that names
	// the stratum (R's default, "fail").
	SingletonFail Singleton = iota
	// SingletonRemove and SingletonCertainty give the stratum no variance
	// contribution (R's "remove" and "certainty").
	SingletonRemove
	// SingletonCertainty: see [SingletonRemove].
	SingletonCertainty
	// SingletonAdjust takes the single PSU's deviation from 0 instead of
	// from a stratum mean: the stratum contributes (1 - f_h) Z_h1^2, where
	// Z_h1 is the PSU total of the linearised variable (R's "adjust",
	// survey:::onestrat, which leaves a lonely PSU uncentred). For a mean
	// the linearised variable is already centred at the estimate; for a
	// total this is conservative. At stage 2 a PSU with a single SSU is
	// treated the same way.
	SingletonAdjust
	// SingletonAverage drops the stratum and multiplies the stage-1
	// variance by (number of strata)/(number of strata that are not
	// single-PSU strata), where a self-representing stratum (1 - f_h below
	// 1e-7) counts as a stratum with a variance (of 0) and is not dropped
	// (R's "average", survey:::onestage). It is an error wrapping
	// [ErrSingletonPSU] when every stratum is a single-PSU stratum or a
	// PSU has a single SSU at stage 2 (nothing to average over; R gives
	// NaN).
	SingletonAverage
)

var singletonNames = []string{"fail", "remove", "certainty", "adjust", "average"}

// String returns the lowercase name of s.
func (s Singleton) String() string { return enumString("Singleton", int(s), singletonNames) }

// MarshalText returns the lowercase name of s.
func (s Singleton) MarshalText() ([]byte, error) {
	return enumMarshal("Singleton", int(s), singletonNames)
}

// UnmarshalText parses a lowercase name.
func (s *Singleton) UnmarshalText(b []byte) error {
	return enumUnmarshal("Singleton", b, singletonNames, (*int)(s))
}

func enumString(typ string, v int, names []string) string {
	if v < 0 || v >= len(names) {
		return typ + "(" + strconv.Itoa(v) + ")"
	}
	return names[v]
}

func enumMarshal(typ string, v int, names []string) ([]byte, error) {
	if v < 0 || v >= len(names) {
		return nil, fmt.Errorf("survey: unknown %s %d", typ, v)
	}
	return []byte(names[v]), nil
}

func enumUnmarshal(typ string, b []byte, names []string, dst *int) error {
	for i, n := range names {
		if n == string(b) {
			*dst = i
			return nil
		}
	}
	return fmt.Errorf("%w: unknown %s %q", ErrInvalidInput, typ, b)
}

func checkEnum(typ string, v, n int) {
	if v < 0 || v >= n {
		panic(fmt.Sprintf("survey: unknown %s %d", typ, v))
	}
}

// DesignOptions configures [NewDesign]. The zero value is R survey's
// default: PSU ids must be unique across strata, and a single-PSU stratum
// is an error.
type DesignOptions struct {
	// Nest declares that PSU (and SSU) ids repeat across strata (PSUs),
	// so that a PSU is identified by (stratum, PSU) — R's nest=TRUE.
	Nest bool
	// Singleton is the treatment of single-PSU strata.
	Singleton Singleton
}

// Design is a survey design: respondents with weights, strata, one- or
// two-stage clusters and finite-population corrections, possibly adjusted
// by post-stratification, raking or calibration (which change the weights
// and the linearised variance). A Design is immutable; adjustments return a
// new Design. Its methods are safe for concurrent use.
type Design struct {
	n      int
	ids    []string
	index  map[string]int
	groups []string
	attr   []map[string]string
	w      []float64 // current weights

	stratum     []int32 // per row
	strataNames []string
	psu         []int32 // per row, global PSU index
	psuStratum  []int32
	psuNames    []string
	nh          []int     // PSUs per stratum
	fh          []float64 // first-stage sampling fraction per stratum (0: none)
	ssu         []int32   // per row, global SSU index; nil for one stage
	ssuPSU      []int32
	mi          []int     // SSUs per PSU
	fi          []float64 // second-stage sampling fraction per PSU
	stage2      bool      // add the second-stage variance term
	singleton   Singleton
	singles     []int // strata with one PSU
	lonely      int   // singles that are not self-representing
	fpc1        bool

	adjust []adjustment // variance adjustments, applied in order
	degf   int          // DF() for the current weights

	base  []float64     // design weights before any adjustment
	steps []reweighting // the adjustments, to be redone in replicates
}

// NewDesign builds a design from respondents. See [Respondent] for the
// meaning of each field and how missing weights are derived. rs is not
// modified, and the design keeps copies of the Attr maps, so later changes
// to rs do not affect it.
//
// It returns a *RowError wrapping [ErrInvalidInput] for a duplicate or
// empty id, a stratum given for some respondents and not others, a
// negative or infinite weight, a negative, NaN or infinite
// probability or fpc, a row without a weight (NaN) when neither Prob nor
// FPC is given, a zero weight together with a positive Prob (ambiguous:
// leave Weight NaN to derive it from Prob), a PSU id reused in
// two strata without Nest, a PSU given for some rows and not others, an fpc
// that varies within its stratum (PSU), or a population size smaller than
// the sample size. It returns an error wrapping ErrInvalidInput if rs is
// empty, every weight is 0, or opt.Singleton is unknown.
func NewDesign(rs []Respondent, opt DesignOptions) (*Design, error) {
	n := len(rs)
	if n == 0 {
		return nil, fmt.Errorf("%w: no respondents", ErrInvalidInput)
	}
	if opt.Singleton < 0 || int(opt.Singleton) >= len(singletonNames) {
		return nil, fmt.Errorf("%w: unknown Singleton %d", ErrInvalidInput, int(opt.Singleton))
	}
	d := &Design{
		n: n, ids: make([]string, n), index: make(map[string]int, n), groups: make([]string, n),
		attr: make([]map[string]string, n), w: make([]float64, n),
		stratum: make([]int32, n), psu: make([]int32, n), singleton: opt.Singleton,
	}
	rowErr := func(i int, format string, a ...any) error {
		return &RowError{Row: i, ID: rs[i].ID, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, a...)...)}
	}
	elementPSU := rs[0].PSU == ""
	twoStage := rs[0].SSU != ""
	for i, r := range rs {
		if r.ID == "" {
			return nil, rowErr(i, "empty id")
		}
		if _, dup := d.index[r.ID]; dup {
			return nil, rowErr(i, "duplicate id")
		}
		d.index[r.ID] = i
		d.ids[i], d.groups[i], d.attr[i] = r.ID, r.Group, maps.Clone(r.Attr)
		if (r.PSU == "") != elementPSU {
			return nil, rowErr(i, "psu given for some respondents and not others")
		}
		if (r.Stratum == "") != (rs[0].Stratum == "") {
			return nil, rowErr(i, "stratum given for some respondents and not others (a missing stratum is not a stratum named \"\")")
		}
		if (r.SSU == "") == twoStage {
			return nil, rowErr(i, "ssu given for some respondents and not others")
		}
		for _, f := range [...]struct {
			name string
			v    float64
		}{{"weight", r.Weight}, {"prob", r.Prob}, {"fpc", r.FPC}, {"fpc2", r.FPC2}} {
			if f.v < 0 || (math.IsNaN(f.v) && f.name != "weight") || math.IsInf(f.v, 0) {
				return nil, rowErr(i, "%s is %v", f.name, f.v)
			}
		}
		if r.Prob > 1 {
			return nil, rowErr(i, "prob is %v > 1", r.Prob)
		}
		if r.Weight == 0 && r.Prob > 0 {
			return nil, rowErr(i, "weight 0 with prob %v (leave weight NaN to derive it from prob)", r.Prob)
		}
	}
	if twoStage && elementPSU {
		return nil, fmt.Errorf("%w: ssu given without psu", ErrInvalidInput)
	}
	// Strata in order of first appearance.
	sidx := map[string]int32{}
	for i, r := range rs {
		s, ok := sidx[r.Stratum]
		if !ok {
			s = int32(len(d.strataNames))
			sidx[r.Stratum] = s
			d.strataNames = append(d.strataNames, r.Stratum)
		}
		d.stratum[i] = s
	}
	// PSUs, in order of first appearance.
	type key struct {
		s   int32
		id  string
		psu int32
	}
	pidx := map[key]int32{}
	psuOf := map[string]int32{} // without Nest: id -> stratum
	for i, r := range rs {
		id := r.PSU
		if elementPSU {
			id = r.ID
		}
		k := key{s: d.stratum[i], id: id}
		if !opt.Nest && !elementPSU {
			if s, ok := psuOf[id]; ok && s != d.stratum[i] {
				return nil, rowErr(i, "psu %q appears in strata %q and %q (set Nest)", id, d.strataNames[s], r.Stratum)
			}
			psuOf[id] = d.stratum[i]
		}
		p, ok := pidx[k]
		if !ok {
			p = int32(len(d.psuStratum))
			pidx[k] = p
			d.psuStratum = append(d.psuStratum, d.stratum[i])
			d.psuNames = append(d.psuNames, id)
		}
		d.psu[i] = p
	}
	d.nh = make([]int, len(d.strataNames))
	for _, s := range d.psuStratum {
		d.nh[s]++
	}
	if twoStage {
		d.ssu = make([]int32, n)
		qidx := map[key]int32{}
		for i, r := range rs {
			k := key{psu: d.psu[i], id: r.SSU}
			q, ok := qidx[k]
			if !ok {
				q = int32(len(d.ssuPSU))
				qidx[k] = q
				d.ssuPSU = append(d.ssuPSU, d.psu[i])
			}
			d.ssu[i] = q
		}
		d.mi = make([]int, len(d.psuStratum))
		for _, p := range d.ssuPSU {
			d.mi[p]++
		}
	}
	if err := d.setFPC(rs, rowErr); err != nil {
		return nil, err
	}
	// Weights: given (zero included), or derived when NaN.
	var total float64
	for i, r := range rs {
		switch {
		case !math.IsNaN(r.Weight):
			d.w[i] = r.Weight
		case r.Prob > 0:
			d.w[i] = 1 / r.Prob
		case d.fpc1:
			w := 1 / d.fh[d.stratum[i]]
			if twoStage && d.fi != nil {
				w = w / d.fi[d.psu[i]]
			}
			d.w[i] = w
		default:
			return nil, rowErr(i, "no weight, prob or fpc")
		}
		total += d.w[i]
	}
	if total == 0 {
		return nil, fmt.Errorf("%w: every weight is 0 (a weight left NaN is derived from prob or fpc)", ErrInvalidInput)
	}
	for s, c := range d.nh {
		if c == 1 {
			d.singles = append(d.singles, s)
			if !d.fpc1 || 1-d.fh[s] >= certaintyTol {
				d.lonely++
			}
		}
	}
	d.degf = d.countDF()
	d.base = d.w
	return d, nil
}

// setFPC reads the finite-population corrections of both stages.
func (d *Design) setFPC(rs []Respondent, rowErr func(int, string, ...any) error) error {
	fpc1 := make([]float64, len(rs))
	fpc2 := make([]float64, len(rs))
	any2 := false
	for i, r := range rs {
		fpc1[i], fpc2[i] = r.FPC, r.FPC2
		any2 = any2 || r.FPC2 > 0
	}
	var err error
	first := stageFPC{name: "fpc", unit: "stratum", sampled: "PSUs", of: d.stratum, count: d.nh, names: d.strataNames}
	if d.fh, err = first.fractions(fpc1, rowErr); err != nil {
		return err
	}
	d.fpc1 = d.fh != nil
	if any2 && d.ssu == nil {
		return fmt.Errorf("%w: fpc2 given for a one-stage design", ErrInvalidInput)
	}
	second := stageFPC{name: "fpc2", unit: "psu", sampled: "SSUs", of: d.psu, count: d.mi, names: d.psuNames}
	if d.fi, err = second.fractions(fpc2, rowErr); err != nil {
		return err
	}
	d.stage2 = d.fpc1 && d.fi != nil
	return nil
}

// stageFPC describes one stage's sampling units for reading its fpc.
type stageFPC struct {
	name, unit, sampled string
	of                  []int32  // group (stratum or PSU) of each row
	count               []int    // sampled units per group
	names               []string // group names
}

// fractions returns the sampling fraction of every group from the rows'
// fpc values (population sizes, or fractions if all are at most 1); nil
// if no row has an fpc.
func (st stageFPC) fractions(fpc []float64, rowErr func(int, string, ...any) error) ([]float64, error) {
	given, frac := false, true
	for _, v := range fpc {
		given = given || v > 0
		frac = frac && v <= 1
	}
	if !given {
		return nil, nil
	}
	pop := make([]float64, len(st.count))
	for i, v := range fpc {
		if v == 0 {
			return nil, rowErr(i, "%s missing while other rows have one", st.name)
		}
		g := st.of[i]
		if pop[g] == 0 {
			pop[g] = v
		} else if pop[g] != v {
			return nil, rowErr(i, "%s %v differs from %v in %s %q", st.name, v, pop[g], st.unit, st.names[g])
		}
	}
	f := make([]float64, len(pop))
	for g, N := range pop {
		f[g] = N
		if !frac {
			f[g] = float64(st.count[g]) / N
		}
		if f[g] > 1 {
			return nil, fmt.Errorf("%w: %s %q: %d %s sampled out of %v", ErrInvalidInput, st.unit, st.names[g], st.count[g], st.sampled, N)
		}
	}
	return f, nil
}

// Len returns the number of respondents.
func (d *Design) Len() int { return d.n }

// IDs returns a copy of the respondents' ids, in design order.
func (d *Design) IDs() []string { return append([]string(nil), d.ids...) }

// Groups returns a copy of the respondents' groups, in design order.
func (d *Design) Groups() []string { return append([]string(nil), d.groups...) }

// Row returns the design row of the respondent with the given id.
func (d *Design) Row(id string) (int, bool) { i, ok := d.index[id]; return i, ok }

// Weights returns a copy of the current weights.
func (d *Design) Weights() []float64 { return append([]float64(nil), d.w...) }

// DF returns the design degrees of freedom: the number of PSUs minus the
// number of strata, counting only PSUs and strata with a row of non-zero
// weight (R's degf).
func (d *Design) DF() int { return d.degf }

func (d *Design) countDF() int {
	seenP := make([]bool, len(d.psuStratum))
	seenS := make([]bool, len(d.nh))
	np, ns := 0, 0
	for i, w := range d.w {
		if w == 0 {
			continue
		}
		if p := d.psu[i]; !seenP[p] {
			seenP[p] = true
			np++
		}
		if s := d.stratum[i]; !seenS[s] {
			seenS[s] = true
			ns++
		}
	}
	return np - ns
}

// Column returns the attribute name of every respondent as text. It
// returns a *RowError wrapping ErrInvalidInput naming the first
// respondent without it.
func (d *Design) Column(name string) ([]string, error) {
	out := make([]string, d.n)
	for i, a := range d.attr {
		v, ok := a[name]
		if !ok {
			return nil, &RowError{Row: i, ID: d.ids[i], Err: fmt.Errorf("%w: no attribute %q", ErrInvalidInput, name)}
		}
		out[i] = v
	}
	return out, nil
}

// Numeric returns the attribute name of every respondent as a number;
// "", "NA" and "NaN" give NaN. It returns a *RowError wrapping
// ErrInvalidInput naming the respondent and the text that does not parse.
func (d *Design) Numeric(name string) ([]float64, error) {
	col, err := d.Column(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, d.n)
	for i, s := range col {
		v, err := parseNumber(s)
		if err != nil {
			return nil, &RowError{Row: i, ID: d.ids[i], Err: fmt.Errorf("%w: attribute %q: %q is not a number", ErrInvalidInput, name, s)}
		}
		out[i] = v
	}
	return out, nil
}

func parseNumber(s string) (float64, error) {
	switch s {
	case "", "NA", "NaN", "nan":
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// withWeights returns a shallow copy of d with new weights, one more
// variance adjustment (nil for none) and the weight adjustment st that
// gave them, to be redone in replicates.
func (d *Design) withWeights(w []float64, a adjustment, st reweighting) *Design {
	c := *d
	c.w = w
	c.adjust = append(append([]adjustment(nil), d.adjust...), nil)[:len(d.adjust)]
	if a != nil {
		c.adjust = append(c.adjust, a)
	}
	c.steps = append(append([]reweighting(nil), d.steps...), st)
	c.degf = c.countDF()
	return &c
}

func (d *Design) checkLen(name string, m int) {
	if m != d.n {
		panic(fmt.Sprintf("survey: len(%s)=%d != %d respondents", name, m, d.n))
	}
}
