package indicator

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ppgpa/ppgpa/internal/jsonin"
	"github.com/ppgpa/ppgpa/weighting"
)

// DecodeModel reads a model in the JSON model format. Decoding is strict:
// unknown members, values of the wrong type, unknown polarities, trailing
// data and a version other than [Version] are errors, each naming the
// location (line and column for syntax errors, the JSON path such as
// $.root.children[1].weight otherwise) and wrapping [ErrInvalidModel].
// So are members of a method spec (transform, imputation, normalization,
// aggregation, weighting) that its method does not take, even with their
// zero value, and a child without a "weight" among siblings with one where
// the declared weights count (see [Node]).
// The input policy of every JSON input of ppgpa applies: a UTF-8
// byte-order mark is skipped; bytes that are not UTF-8 (a GBK file),
// repeated members and control characters in strings (other than tab
// and line breaks) are errors naming the line and column. A document
// larger than [MaxModelBytes] or with more than [MaxNodes] nodes is an
// error, found before the document is decoded.
// DecodeModel does not validate the tree; [Model.Validate] and [Compile] do.
func DecodeModel(r io.Reader) (*Model, error) {
	m := new(Model)
	doc, err := decodeStrictDoc(r, "model", m)
	if err != nil {
		return nil, err
	}
	if m.Version != Version {
		return nil, fmt.Errorf("%w: $.ppgpa: format version %d, want %d", ErrInvalidModel, m.Version, Version)
	}
	if err := checkWeightsDeclared(m.Root, member(doc, "root"), "$.root"); err != nil {
		return nil, fmt.Errorf("%w: model: %v", ErrInvalidModel, err)
	}
	return m, nil
}

// Encode writes m in the canonical form of the JSON model format: members
// in a fixed order, indented by two spaces, zero values left out, non-ASCII
// text as is. Decoding the output gives a model equal to m. It returns an
// error if m holds a value JSON cannot represent (NaN or infinite numbers).
func (m *Model) Encode(w io.Writer) error {
	return encodeJSON(w, m)
}

func encodeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("indicator: encode: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// MaxModelBytes bounds the size of a model or overlay document (64 MiB);
// DecodeModel and DecodeOverlay stop reading beyond it.
const MaxModelBytes = 64 << 20

// MaxNodes bounds the number of nodes of a model (the root, groups and
// leaves: 100,000, a hundred times the largest published assessment
// tree) and of an overlay's added nodes. DecodeModel counts the members of
// every "children" array while it checks the document, before decoding
// it, so that an oversized model is rejected in time and memory
// proportional to its size in bytes.
const MaxNodes = 100_000

// readBounded reads r to its end, or fails beyond limit bytes.
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %v", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return b, nil
}

// decodeStrict decodes one JSON document from r into v, checking the
// document against v's type first so that every error names its path.
func decodeStrict(r io.Reader, what string, v any) error {
	_, err := decodeStrictDoc(r, what, v)
	return err
}

// decodeStrictDoc is decodeStrict, also returning the document as generic
// JSON (objects as map[string]any, numbers as json.Number).
func decodeStrictDoc(r io.Reader, what string, v any) (any, error) {
	b, err := readBounded(r, MaxModelBytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInvalidModel, what, err)
	}
	// The shared input policy: BOM, UTF-8, one document, no repeated
	// member, no control characters (internal/jsonin), and at most
	// MaxNodes nodes, counted before anything is decoded.
	if b, err = jsonin.CheckLimit(b, jsonin.Limit{Key: "children", Max: MaxNodes - 1}); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInvalidModel, what, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrInvalidModel, what, syntaxLocation(b, err))
	}
	if doc == nil {
		return nil, fmt.Errorf("%w: %s: $: document is null", ErrInvalidModel, what)
	}
	if err := checkJSON("$", doc, reflect.TypeOf(v).Elem()); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInvalidModel, what, err)
	}
	strict := json.NewDecoder(bytes.NewReader(b))
	strict.DisallowUnknownFields()
	if err := strict.Decode(v); err != nil {
		return nil, fmt.Errorf("%w: %s: $: %v", ErrInvalidModel, what, err)
	}
	return doc, nil
}

// syntaxLocation turns a JSON syntax error into "line L, column C: msg".
func syntaxLocation(b []byte, err error) string { return jsonin.SyntaxLocation(b, err) }

// lineCol returns the 1-based line and column (in bytes) of offset off.
func lineCol(b []byte, off int64) (line, col int) { return jsonin.LineCol(b, off) }

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

// checkJSON checks that the generic JSON value v (decoded with UseNumber)
// can be decoded into type t exactly: no unknown or case-folded member
// names, matching kinds, representable numbers and valid text values.
func checkJSON(path string, v any, t reflect.Type) error {
	if v == nil {
		return nil // null leaves the zero value, as encoding/json does
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		// A type with its own JSON form (e.g. a judgment "1/3") checks
		// itself; an object (a weighting spec) has its members checked
		// first, so that errors inside it name their path.
		if t.Kind() == reflect.Struct {
			if err := checkStruct(path, v, t); err != nil {
				return err
			}
		}
		raw, err := json.Marshal(v)
		if err == nil {
			err = reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw)
		}
		if err != nil {
			return fmt.Errorf("%s: %s", path, err)
		}
		return nil
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: want a string, got %s", path, jsonKind(v))
		}
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "indicator: "))
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return checkStruct(path, v, t)
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", path, jsonKind(v))
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := checkJSON(path+"."+k, obj[k], t.Elem()); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", path, jsonKind(v))
		}
		for i, e := range arr {
			if err := checkJSON(fmt.Sprintf("%s[%d]", path, i), e, t.Elem()); err != nil {
				return err
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %s", path, jsonKind(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: want true or false, got %s", path, jsonKind(v))
		}
	case reflect.Float64, reflect.Float32:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a number, got %s", path, jsonKind(v))
		}
		if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
			return fmt.Errorf("%s: number %s out of range", path, n)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want an integer, got %s", path, jsonKind(v))
		}
		if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
			return fmt.Errorf("%s: want an integer, got %s", path, n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a non-negative integer, got %s", path, jsonKind(v))
		}
		if _, err := strconv.ParseUint(string(n), 10, t.Bits()); err != nil {
			return fmt.Errorf("%s: want a non-negative integer, got %s", path, n)
		}
	case reflect.Interface:
		// any value
	default:
		return fmt.Errorf("%s: cannot decode into %v", path, t)
	}
	return nil
}

// checkStruct checks the JSON value v against struct type t: an object
// whose members are all fields of t, each of the right kind, and, for a
// type whose members depend on its method, each applicable to the method.
func checkStruct(path string, v any, t reflect.Type) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: want an object, got %s", path, jsonKind(v))
	}
	fields := jsonFields(t)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := fields[k]
		if !ok {
			return fmt.Errorf("%s: unknown member %q", path, k)
		}
		if err := checkJSON(path+"."+k, obj[k], f.Type); err != nil {
			return err
		}
	}
	if method, ok := obj["method"].(string); ok || obj["method"] == nil {
		if k, m := inapplicable(t, method, keys); k != "" {
			return fmt.Errorf("%s: %q does not apply to method %q", path, k, m)
		}
	}
	return nil
}

// jsonFields maps the JSON member names of struct type t to its fields,
// following embedded structs as encoding/json does. The map is made once
// per type and shared: callers must not modify it.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := jsonFieldCache.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m, _ := jsonFieldCache.LoadOrStore(t, makeJSONFields(t))
	return m.(map[string]reflect.StructField)
}

// jsonFieldCache holds the maps of jsonFields by type: a model of
// hundreds of nodes checks the same few types hundreds of times.
var jsonFieldCache sync.Map

func makeJSONFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct) {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("json"); ok {
			if tag == "-" {
				continue
			}
			if n, _, _ := strings.Cut(tag, ","); n != "" {
				name = n
			}
		}
		out[name] = f
	}
	return out
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + string(v)
	}
	return "null"
}

// Clone returns a deep copy of m (nil for nil).
func (m *Model) Clone() *Model {
	if m == nil {
		return nil
	}
	c := *m
	c.Root = m.Root.Clone()
	if m.Ranking != nil {
		r := *m.Ranking
		r.Grades = make([]GradeSpec, len(m.Ranking.Grades))
		for i, g := range m.Ranking.Grades {
			r.Grades[i] = GradeSpec{Name: g.Name, MinScore: cloneFloat(g.MinScore), MaxShare: cloneFloat(g.MaxShare)}
		}
		if m.Ranking.Grades == nil {
			r.Grades = nil
		}
		r.Categories = cloneSlice(m.Ranking.Categories)
		for i, c := range r.Categories {
			r.Categories[i].Grades = cloneGrades(c.Grades)
		}
		r.Designations = cloneSlice(m.Ranking.Designations)
		for i, d := range r.Designations {
			r.Designations[i].MinScore, r.Designations[i].MaxScore = cloneFloat(d.MinScore), cloneFloat(d.MaxScore)
			r.Designations[i].Grades, r.Designations[i].Except = cloneSlice(d.Grades), cloneSlice(d.Except)
		}
		r.Promotion = clonePtr(m.Ranking.Promotion)
		if m.Ranking.Years != nil {
			y := *m.Ranking.Years
			y.Rules = cloneSlice(y.Rules)
			r.Years = &y
		}
		c.Ranking = &r
	}
	return &c
}

// Clone returns a deep copy of the subtree rooted at n (nil for nil).
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Transform = clonePtr(n.Transform)
	c.Imputation = clonePtr(n.Imputation)
	if c.Imputation != nil {
		c.Imputation.Params = cloneSlice(c.Imputation.Params)
	}
	c.Aggregation = clonePtr(n.Aggregation)
	if c.Aggregation != nil {
		*c.Aggregation = cloneAggregation(*c.Aggregation)
	}
	if n.Normalization != nil {
		nz := *n.Normalization
		nz.Worst, nz.Best = cloneFloat(nz.Worst), cloneFloat(nz.Best)
		nz.Target, nz.Constant = cloneFloat(nz.Target), cloneFloat(nz.Constant)
		nz.Floor, nz.Span = cloneFloat(nz.Floor), cloneFloat(nz.Span)
		nz.Categories = cloneSlice(nz.Categories)
		nz.Params = cloneSlice(nz.Params)
		c.Normalization = &nz
	}
	c.Weighting = cloneSpec(n.Weighting)
	if n.Adjustments != nil {
		a := *n.Adjustments
		a.Bonus, a.Penalty = cloneSlice(a.Bonus), cloneSlice(a.Penalty)
		c.Adjustments = &a
	}
	c.Veto = cloneSlice(n.Veto)
	if n.Children != nil {
		c.Children = make([]*Node, len(n.Children))
		for i, ch := range n.Children {
			c.Children[i] = ch.Clone()
		}
	}
	return &c
}

// cloneSpec deep-copies a weighting spec through its JSON form (the form
// the model format defines for it), falling back to a shallow copy.
func cloneSpec(s *weighting.Spec) *weighting.Spec {
	if s == nil {
		return nil
	}
	b, err := json.Marshal(s)
	if err == nil {
		c := new(weighting.Spec)
		if json.Unmarshal(b, c) == nil {
			return c
		}
	}
	c := *s
	return &c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func cloneFloat(p *float64) *float64 { return clonePtr(p) }

func cloneGrades(g []GradeSpec) []GradeSpec {
	out := cloneSlice(g)
	for i := range out {
		out[i].MinScore, out[i].MaxShare = cloneFloat(g[i].MinScore), cloneFloat(g[i].MaxShare)
	}
	return out
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// methodMembers lists, for the JSON types whose members depend on their
// method, the members (besides "method") that each method takes; a method
// not listed is unknown and reported by validation. The empty method is
// the type's default (transform none, imputation none, normalisation
// minmax, aggregation arithmetic).
var methodMembers = map[reflect.Type]map[string][]string{
	reflect.TypeFor[Transform](): {
		"": nil, "none": nil, "log": {"offset"}, "winsorize": {"lower", "upper"},
		"skew_kurtosis": {"skew", "kurtosis", "max_points", "fallback"},
	},
	reflect.TypeFor[Imputation](): {
		"": {"min_share"}, "none": {"min_share"}, "mean": {"min_share"}, "median": {"min_share"},
		"group_mean": {"by", "min_share"}, "group_median": {"by", "min_share"},
		"value": {"value", "min_share"}, "available": {"min_share"},
	},
	reflect.TypeFor[Normalization](): {
		"":           {"worst", "best", "reference", "unclipped", "constant"},
		"minmax":     {"worst", "best", "reference", "unclipped", "constant"},
		"efficacy":   {"worst", "best", "reference", "unclipped", "floor", "span", "constant"},
		"zscore":     {"constant"},
		"rank":       {"variant"},
		"percentile": {"variant"},
		"target":     {"target", "reference", "unclipped"},
		"ratio_mean": nil,
		"categories": {"categories"},
		"none":       nil,
	},
	reflect.TypeFor[Aggregation](): {
		"": nil, "arithmetic": nil, "geometric": {"offset"}, "harmonic": {"offset"},
		"power": {"p", "offset"}, "min": nil, "median": nil, "bod": {"min_share", "max_share"}, "copeland": nil,
		"topsis": {"scaling"}, "grey_relational": {"rho", "reference"}, "fuzzy": {"grades", "operator"}, "mpi": {"penalty"}, "ampi": {"penalty", "reference"},
	},
}

var (
	typeAggregation   = reflect.TypeFor[Aggregation]()
	typeNormalization = reflect.TypeFor[Normalization]()
	typeImputation    = reflect.TypeFor[Imputation]()
)

// methodKnown reports whether method is a built-in method of type t.
func methodKnown(t reflect.Type, method string) bool {
	_, ok := methodMembers[t][method]
	return ok
}

// defaultMethod names the method that an empty method means, per type.
var defaultMethod = map[reflect.Type]string{
	reflect.TypeFor[Transform]():     "none",
	reflect.TypeFor[Imputation]():    "none",
	reflect.TypeFor[Normalization](): "minmax",
	reflect.TypeFor[Aggregation]():   "arithmetic",
}

// inapplicable returns the first member, in sorted order, of the object
// of type t with the given method and member names that the method does
// not take, and the method's name; "" when all apply or the method is
// unknown.
func inapplicable(t reflect.Type, method string, members []string) (member, name string) {
	table, ok := methodMembers[t]
	if !ok {
		return "", ""
	}
	allowed, known := table[method]
	if !known { // unknown or registered: validation says
		return "", ""
	}
	if method == "" {
		method = defaultMethod[t]
	}
	sort.Strings(members)
	for _, k := range members {
		if k != "method" && !slices.Contains(allowed, k) {
			return k, method
		}
	}
	return "", ""
}

// declaredWeights reports, for each child of group n, whether its declared
// weight is used: under the fixed scheme without weights of its own (a nil
// weighting included), and for the children other than the resident under
// resident_share whose rest is such a scheme; never under bod nor in a
// fuzzy group of grade shares (see singleFactor).
func declaredWeights(n *Node) []bool {
	d := make([]bool, len(n.Children))
	if n.Aggregation != nil && n.Aggregation.Method == BoD || singleFactor(n) {
		return d
	}
	usesDeclared := func(s *weighting.Spec) bool {
		return s == nil || (s.Method == "" || s.Method == "fixed") && s.Weights == nil
	}
	s := n.Weighting
	switch {
	case usesDeclared(s):
		for i := range d {
			d[i] = true
		}
	case s.Method == "resident_share" && usesDeclared(s.Rest):
		for i, c := range n.Children {
			d[i] = c != nil && c.ID != s.Resident
		}
	}
	return d
}

// checkWeightsDeclared reports the first child (in depth-first order) of
// the subtree n, whose JSON form is v at path, that has no "weight" member
// while a sibling whose declared weight also counts has one (see [Node]).
func checkWeightsDeclared(n *Node, v any, path string) error {
	obj, _ := v.(map[string]any)
	if n == nil || obj == nil {
		return nil
	}
	kids, _ := obj["children"].([]any)
	if len(kids) != len(n.Children) {
		return nil
	}
	declared := declaredWeights(n)
	with, without := -1, -1
	for i, k := range kids {
		ko, _ := k.(map[string]any)
		if !declared[i] || ko == nil {
			continue
		}
		if _, ok := ko["weight"]; !ok && without < 0 {
			without = i
		} else if ok && with < 0 {
			with = i
		}
	}
	if with >= 0 && without >= 0 {
		return fmt.Errorf("%s.children[%d]: node %q has no weight while its sibling %q declares one (declare every sibling's weight, 0 for a child that is shown but does not count, or none)",
			path, without, n.Children[without].ID, n.Children[with].ID)
	}
	for i, c := range n.Children {
		if err := checkWeightsDeclared(c, kids[i], fmt.Sprintf("%s.children[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// member returns member k of the JSON object v (nil if v is not one).
func member(v any, k string) any {
	obj, _ := v.(map[string]any)
	return obj[k]
}

// nodeJSON is the JSON form of a [Node]: its members in the same order,
// with the weight a pointer so that a weight of 0 can be written.
type nodeJSON struct {
	ID            string            `json:"id"`
	Name          string            `json:"name,omitempty"`
	Description   string            `json:"description,omitempty"`
	Unit          string            `json:"unit,omitempty"`
	Source        string            `json:"source,omitempty"`
	Polarity      Polarity          `json:"polarity,omitempty"`
	Weight        *float64          `json:"weight,omitempty"`
	Column        string            `json:"column,omitempty"`
	SEColumn      string            `json:"se_column,omitempty"`
	Transform     *Transform        `json:"transform,omitempty"`
	Imputation    *Imputation       `json:"imputation,omitempty"`
	Normalization *Normalization    `json:"normalization,omitempty"`
	Aggregation   *Aggregation      `json:"aggregation,omitempty"`
	Weighting     *weighting.Spec   `json:"weighting,omitempty"`
	Adjustments   *Adjustments      `json:"adjustments,omitempty"`
	Veto          []Veto            `json:"veto,omitempty"`
	Children      []json.RawMessage `json:"children,omitempty"`
}

// MarshalJSON encodes n as in the model format. A weight of 0 is left out,
// except on a child whose declared weight counts (see [DecodeModel]) and
// that has a sibling with a non-zero declared weight: there it is written,
// so that the child declares 0 (shown, not counting) and decoding does not
// take it for a child without a weight.
func (n Node) MarshalJSON() ([]byte, error) { return marshalNode(&n, false) }

func marshalNode(n *Node, zeroWeight bool) ([]byte, error) {
	j := nodeJSON{ID: n.ID, Name: n.Name, Description: n.Description, Unit: n.Unit, Source: n.Source, Polarity: n.Polarity, Column: n.Column, SEColumn: n.SEColumn,
		Transform: n.Transform, Imputation: n.Imputation, Normalization: n.Normalization, Aggregation: n.Aggregation,
		Weighting: n.Weighting, Adjustments: n.Adjustments, Veto: n.Veto}
	if n.Weight != 0 || zeroWeight {
		w := n.Weight
		j.Weight = &w
	}
	declared := declaredWeights(n)
	weighted := false
	for i, c := range n.Children {
		weighted = weighted || declared[i] && c != nil && c.Weight != 0
	}
	for i, c := range n.Children {
		b := []byte("null")
		if c != nil {
			var err error
			if b, err = marshalNode(c, weighted && declared[i]); err != nil {
				return nil, err
			}
		}
		j.Children = append(j.Children, b)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
