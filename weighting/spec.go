package weighting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Spec is the serialisable description of a weighting scheme, as it appears
// in the "weighting" member of a group in the JSON model format. Its zero
// value (Method "") means the weights declared on the children ([Fixed]).
//
// Method names the scheme; only the members listed for it may be set
// ([Spec.Scheme] reports any other as an error):
//
//	"fixed" (or "")   weights                  [Fixed]; weights default to the declared ones
//	"equal"           -                        [Equal]
//	"ahp"             matrix | upper | judges, priority, ri_table, scale,
//	                  tol, max_cr, completion, group, exclude_cr [AHP]
//	"resident_share"  resident, share, rest    [ResidentShare]
//	"entropy"         -                        [Entropy]
//	"critic"          -                        [CRITIC]
//	"sd"              -                        [SD]
//	"pca"             pca                      [PCA]
//	"budget"          allocations, trim        [Budget]
//
// Example (Hangzhou: social evaluation 50%, the rest by declared weights):
//
//	{"method": "resident_share", "resident": "social", "share": 0.5}
//
// and an AHP group of three children from the upper triangle of Saaty
// judgments (a_12 = 3, a_13 = 5, a_23 = 2):
//
//	{"method": "ahp", "upper": [[3, 5], [2]], "max_cr": 0.1}
type Spec struct {
	// Method names the scheme (lowercase, see above).
	Method string `json:"method"`

	// Weights are explicit relative weights for "fixed", in child order.
	Weights []float64 `json:"weights,omitempty"`

	// Matrix is a full pairwise comparison matrix for "ahp", in child
	// order; null marks a missing judgment (analysed by Harker's method,
	// or with "completion": "optimal" by the λmax-optimal completion).
	Matrix [][]Judgment `json:"matrix,omitempty"`
	// Upper is the upper triangle instead of Matrix: row i holds
	// a_i,i+1 ... a_i,n-1.
	Upper [][]Judgment `json:"upper,omitempty"`
	// Judges hold several judges' matrices (group AHP) instead of Matrix.
	Judges []JudgeSpec `json:"judges,omitempty"`
	// AHPSettings holds priority, ri_table, scale, tol, max_cr and
	// completion ("completion" only without judges).
	AHPSettings
	// Group is the group aggregation ("aij", "aip_geometric",
	// "aip_arithmetic") and ExcludeCR the CR above which a judge is left
	// out; both only with Judges.
	Group     GroupMethod `json:"group,omitempty"`
	ExcludeCR float64     `json:"exclude_cr,omitempty"`

	// Resident is the id of the child that receives Share of the group
	// ("resident_share"); Rest weights the other children (nil: their
	// declared weights).
	Resident string   `json:"resident,omitempty"`
	Share    *float64 `json:"share,omitempty"`
	Rest     *Spec    `json:"rest,omitempty"`

	// PCA configures "pca" (nil: the defaults of [PCASettings]).
	PCA *PCASettings `json:"pca,omitempty"`

	// Allocations are the experts' points for "budget", one row per
	// expert, one column per child; Trim is the share trimmed from each
	// end before averaging.
	Allocations [][]float64 `json:"allocations,omitempty"`
	Trim        float64     `json:"trim,omitempty"`

	// Params holds the parameters of a scheme that is not built in: one
	// registered by its user with package indicator's Registry, which
	// decodes them. A method that is not built in takes no other member;
	// the built-in methods take no params.
	Params json.RawMessage `json:"params,omitempty"`
}

// JudgeSpec is one judge of a group AHP [Spec].
type JudgeSpec struct {
	// Name identifies the judge in reports (optional).
	Name string `json:"name,omitempty"`
	// Weight is the judge's relative weight; 0 means 1.
	Weight float64 `json:"weight,omitempty"`
	// Matrix or Upper hold the judge's judgments, as in [Spec].
	Matrix [][]Judgment `json:"matrix,omitempty"`
	Upper  [][]Judgment `json:"upper,omitempty"`
}

// Judgment is one pairwise judgment in JSON: a number, a string holding a
// number or a fraction ("1/7", "3"), or null for a missing judgment. The
// zero value means missing; it is encoded as null.
//
// Encoding is canonical, so that a model file written with Saaty's
// fractions round-trips: a judgment below 1 that is exactly 1/k for an
// integer k from 2 to 1e6 (as "1/k" decodes to) is encoded as the string
// "1/k"; any other judgment as the shortest number that round-trips. So
// "1/2" and "1/7" come back as written, while 0.5 written as a number
// comes back as "1/2" and "4/8" as "1/2" (the same value).
type Judgment float64

// UnmarshalJSON parses a number, a fraction string or null.
func (j *Judgment) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*j = 0
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v, err := parseFraction(s)
		if err != nil {
			return err
		}
		*j = Judgment(v)
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("%w: judgment %s is not a number, fraction or null", ErrInvalidSpec, b)
	}
	if !(v > 0) {
		return fmt.Errorf("%w: judgment %s is not positive (use null for a missing judgment)", ErrInvalidSpec, b)
	}
	*j = Judgment(v)
	return nil
}

// MarshalJSON encodes a missing judgment as null, a reciprocal 1/k of an
// integer k in [2, 1e6] as the string "1/k" and others as numbers.
func (j Judgment) MarshalJSON() ([]byte, error) {
	if j == 0 {
		return []byte("null"), nil
	}
	v := float64(j)
	if !(v > 0) || math.IsInf(v, 1) {
		return nil, fmt.Errorf("%w: judgment %v", ErrInvalidSpec, v)
	}
	if k, ok := reciprocalInt(v); ok {
		return []byte(`"1/` + strconv.Itoa(k) + `"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// reciprocalInt returns k when v == 1/k (as float64 division rounds it)
// for an integer k in [2, 1e6].
func reciprocalInt(v float64) (int, bool) {
	if !(v < 1) || v < 1e-6 {
		return 0, false
	}
	k := math.Round(1 / v)
	if k < 2 || k > 1e6 || 1/k != v {
		return 0, false
	}
	return int(k), true
}

func parseFraction(s string) (float64, error) {
	num, den, frac := strings.Cut(strings.TrimSpace(s), "/")
	p, err1 := strconv.ParseFloat(strings.TrimSpace(num), 64)
	q := 1.0
	var err2 error
	if frac {
		q, err2 = strconv.ParseFloat(strings.TrimSpace(den), 64)
	}
	v := p / q
	if err1 != nil || err2 != nil || !(v > 0) || math.IsInf(v, 1) {
		return 0, fmt.Errorf("%w: judgment %q is not a positive number or fraction", ErrInvalidSpec, s)
	}
	return v, nil
}

// judgmentMatrix converts a JSON matrix (full, or upper triangle when
// upper is set) to a Dense with NaN for missing judgments; n is the
// expected order.
func judgmentMatrix(full, upper [][]Judgment, n int, where string) (*mat.Dense, error) {
	switch {
	case full != nil && upper != nil:
		return nil, fmt.Errorf("%w: %s: both matrix and upper given", ErrInvalidSpec, where)
	case full == nil && upper == nil:
		return nil, fmt.Errorf("%w: %s: no matrix or upper triangle", ErrInvalidSpec, where)
	}
	if err := checkSquare("comparison matrix", n); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	a := mat.NewDense(max(n, 1), max(n, 1), nil)
	if full != nil {
		if len(full) != n {
			return nil, fmt.Errorf("%w: %s: matrix has %d rows for %d children", ErrInvalidSpec, where, len(full), n)
		}
		for i, row := range full {
			if len(row) != n {
				return nil, fmt.Errorf("%w: %s: matrix row %d has %d judgments, want %d", ErrInvalidSpec, where, i, len(row), n)
			}
			for j, v := range row {
				a.Set(i, j, judgmentValue(v))
			}
		}
		return a, nil
	}
	if len(upper) != n-1 && !(len(upper) == n && len(upper[n-1]) == 0) {
		return nil, fmt.Errorf("%w: %s: upper triangle has %d rows for %d children, want %d", ErrInvalidSpec, where, len(upper), n, n-1)
	}
	for i := 0; i < n; i++ {
		a.Set(i, i, 1)
		if i == n-1 {
			break
		}
		if len(upper[i]) != n-1-i {
			return nil, fmt.Errorf("%w: %s: upper-triangle row %d has %d judgments, want %d", ErrInvalidSpec, where, i, len(upper[i]), n-1-i)
		}
		for k, v := range upper[i] {
			j := i + 1 + k
			x := judgmentValue(v)
			a.Set(i, j, x)
			a.Set(j, i, 1/x)
		}
	}
	return a, nil
}

func judgmentValue(v Judgment) float64 {
	if v == 0 {
		return math.NaN()
	}
	return float64(v)
}

// Scheme returns the scheme that s describes, for a group whose children
// have the given ids. It returns an error wrapping [ErrInvalidSpec] naming
// the method or parameter that is not valid: an unknown method, a member
// that does not belong to the method, a matrix whose order differs from
// the number of children, a resident child that is not among ids, a share
// outside [0, 1]. Judgments themselves are validated when the weights are
// computed. A nil Spec means [Fixed].
func (s *Spec) Scheme(ids []string) (Scheme, error) {
	if s == nil {
		return Fixed{}, nil
	}
	if err := s.checkMembers(); err != nil {
		return nil, err
	}
	n := len(ids)
	switch s.Method {
	case "", "fixed":
		if s.Weights != nil && len(s.Weights) != n {
			return nil, fmt.Errorf("%w: fixed: %d weights for %d children", ErrInvalidSpec, len(s.Weights), n)
		}
		if s.Weights != nil {
			if _, err := Normalize(s.Weights); err != nil {
				return nil, fmt.Errorf("%w: fixed: %w", ErrInvalidSpec, err)
			}
		}
		return Fixed{W: append([]float64(nil), s.Weights...)}, nil
	case "equal":
		return Equal{}, nil
	case "ahp":
		return s.ahpScheme(n)
	case "resident_share":
		return s.residentScheme(ids)
	case "entropy":
		return Entropy{}, nil
	case "critic":
		return CRITIC{}, nil
	case "sd":
		return SD{}, nil
	case "pca":
		p := PCA{}
		if s.PCA != nil {
			p.Settings = *s.PCA
		}
		if err := p.Settings.check(); err != nil {
			return nil, err
		}
		return p, nil
	case "budget":
		b := Budget{Allocations: s.Allocations, Trim: s.Trim}
		if err := b.check(n); err != nil {
			return nil, err
		}
		return b, nil
	}
	return nil, fmt.Errorf("%w: unknown method %q", ErrInvalidSpec, s.Method)
}

// IsBuiltin reports whether method names a scheme of this package ("" and
// "fixed" included).
func IsBuiltin(method string) bool {
	_, ok := specAllowed[method]
	return ok
}

// specMembers lists the members of a [Spec] other than "method", in
// their JSON order, and specAllowed the members each method takes.
var (
	specMembers = []string{"weights", "matrix", "upper", "judges", "priority", "ri_table", "scale", "tol", "max_cr", "completion", "group", "exclude_cr", "resident", "share", "rest", "pca", "allocations", "trim", "params"}
	specAllowed = map[string][]string{
		"":               {"weights"},
		"fixed":          {"weights"},
		"equal":          nil,
		"ahp":            {"matrix", "upper", "judges", "priority", "ri_table", "scale", "tol", "max_cr", "completion", "group", "exclude_cr"},
		"resident_share": {"resident", "share", "rest"},
		"entropy":        nil,
		"critic":         nil,
		"sd":             nil,
		"pca":            {"pca"},
		"budget":         {"allocations", "trim"},
	}
)

// checkApplicable reports the first member of present (in [specMembers]
// order) that does not apply to method: one the method does not take, or
// "group" or "exclude_cr" of an AHP spec without judges.
func checkApplicable(method string, present func(string) bool) error {
	ok, known := specAllowed[method]
	if !known { // an extension method, or an unknown one ([Spec.Scheme] says)
		ok = []string{"params"}
	}
	m := method
	if m == "" {
		m = "fixed"
	}
	for _, name := range specMembers {
		if !present(name) {
			continue
		}
		if !slices.Contains(ok, name) {
			return fmt.Errorf("%w: %q does not apply to method %q", ErrInvalidSpec, name, m)
		}
		if (name == "group" || name == "exclude_cr") && !present("judges") {
			return fmt.Errorf("%w: ahp: %q applies only with judges", ErrInvalidSpec, name)
		}
		if name == "completion" && present("judges") {
			return fmt.Errorf("%w: ahp: %q applies only to a single matrix (judges' matrices are complete)", ErrInvalidSpec, name)
		}
	}
	return nil
}

// checkMembers reports members set (not zero) that do not belong to the
// method; [Spec.UnmarshalJSON] also rejects members present with their
// zero value.
func (s *Spec) checkMembers() error {
	set := map[string]bool{
		"weights":     s.Weights != nil,
		"matrix":      s.Matrix != nil,
		"upper":       s.Upper != nil,
		"judges":      s.Judges != nil,
		"priority":    s.Priority != 0,
		"ri_table":    s.RI != 0,
		"scale":       s.Scale != 0,
		"tol":         s.Tol != 0,
		"max_cr":      s.MaxCR != 0,
		"completion":  s.Completion != 0,
		"group":       s.Group != 0,
		"exclude_cr":  s.ExcludeCR != 0,
		"resident":    s.Resident != "",
		"share":       s.Share != nil,
		"rest":        s.Rest != nil,
		"pca":         s.PCA != nil,
		"allocations": s.Allocations != nil,
		"trim":        s.Trim != 0,
		"params":      s.Params != nil,
	}
	return checkApplicable(s.Method, func(name string) bool { return set[name] })
}

// UnmarshalJSON decodes a spec strictly: an unknown member, or a member
// that does not apply to the method (see [Spec]) is an error wrapping
// [ErrInvalidSpec] naming the member, even when its value is the zero
// value (e.g. "ri_table": "saaty1980" on an "equal" spec), since encoding
// would silently drop it. "group" and "exclude_cr" apply only to an AHP
// spec with "judges".
func (s *Spec) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil { // null
		return nil
	}
	var method string
	if m, ok := raw["method"]; ok {
		if err := json.Unmarshal(m, &method); err != nil {
			return fmt.Errorf("%w: method: %v", ErrInvalidSpec, err)
		}
	}
	for k := range raw {
		if k != "method" && !slices.Contains(specMembers, k) {
			return fmt.Errorf("%w: unknown member %q", ErrInvalidSpec, k)
		}
	}
	if err := checkApplicable(method, func(name string) bool { _, ok := raw[name]; return ok }); err != nil {
		return err
	}
	type plain Spec // without methods
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*s = Spec(p)
	return nil
}

func (s *Spec) ahpScheme(n int) (Scheme, error) {
	if s.Tol < 0 || s.MaxCR < 0 || s.ExcludeCR < 0 {
		return nil, fmt.Errorf("%w: ahp: tol, max_cr and exclude_cr must not be negative", ErrInvalidSpec)
	}
	if _, err := s.Priority.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := s.RI.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := s.Scale.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := s.Completion.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := s.Group.MarshalText(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: ahp: no children", ErrInvalidSpec)
	}
	a := AHP{Settings: s.AHPSettings}
	if s.Judges == nil {
		if s.Group != 0 || s.ExcludeCR != 0 {
			return nil, fmt.Errorf("%w: ahp: group and exclude_cr need judges", ErrInvalidSpec)
		}
		m, err := judgmentMatrix(s.Matrix, s.Upper, n, "ahp")
		if err != nil {
			return nil, err
		}
		a.Matrix = m
		return a, nil
	}
	if s.Matrix != nil || s.Upper != nil {
		return nil, fmt.Errorf("%w: ahp: judges and a matrix both given", ErrInvalidSpec)
	}
	if len(s.Judges) == 0 {
		return nil, fmt.Errorf("%w: ahp: empty judges", ErrInvalidSpec)
	}
	a.Group = GroupSettings{Method: s.Group, ExcludeCR: s.ExcludeCR, AHP: s.AHPSettings}
	for k, j := range s.Judges {
		m, err := judgmentMatrix(j.Matrix, j.Upper, n, fmt.Sprintf("ahp judge %d", k))
		if err != nil {
			return nil, err
		}
		w := j.Weight
		if w == 0 {
			w = 1
		}
		if !(w > 0) || math.IsInf(w, 1) {
			return nil, fmt.Errorf("%w: ahp judge %d: weight %v", ErrInvalidSpec, k, j.Weight)
		}
		a.Judges = append(a.Judges, Judge{Name: j.Name, Weight: w, Matrix: m})
	}
	return a, nil
}

func (s *Spec) residentScheme(ids []string) (Scheme, error) {
	if s.Share == nil {
		return nil, fmt.Errorf("%w: resident_share: no share", ErrInvalidSpec)
	}
	r := ResidentShare{Resident: s.Resident, Share: *s.Share}
	others, err := r.others(ids)
	if err != nil {
		return nil, err
	}
	if s.Rest != nil {
		rest, err := s.Rest.Scheme(others)
		if err != nil {
			return nil, fmt.Errorf("resident_share rest: %w", err)
		}
		r.Rest = rest
	}
	return r, nil
}

// SpecMethods returns the methods a [Spec] may name, sorted, without the
// empty method (which means "fixed").
func SpecMethods() []string {
	out := make([]string, 0, len(specAllowed))
	for m := range specAllowed {
		if m != "" {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// SpecMembers returns the members of a [Spec] that method takes besides
// "method", in their JSON order, and whether the method is known; the
// empty method is "fixed". Tools that check or complete model files (the
// JSON Schema of the model format) use it.
func SpecMembers(method string) (members []string, ok bool) {
	allowed, ok := specAllowed[method]
	if !ok {
		return nil, false
	}
	for _, m := range specMembers {
		if slices.Contains(allowed, m) {
			members = append(members, m)
		}
	}
	return members, true
}
