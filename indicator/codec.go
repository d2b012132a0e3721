package indicator

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/weighting"
)

// DecodeModel reads a model in the JSON model format. Decoding is strict:
// unknown members, values of the wrong type, unknown polarities, trailing
// data and a version other than [Version] are errors, each naming the
// location (line and column for syntax errors, the JSON path such as
// $.root.children[1].weight otherwise) and wrapping [ErrInvalidModel].
// DecodeModel does not validate the tree; [Model.Validate] and [Compile] do.
func DecodeModel(r io.Reader) (*Model, error) {
	m := new(Model)
	if err := decodeStrict(r, "model", m); err != nil {
		return nil, err
	}
	if m.Version != Version {
		return nil, fmt.Errorf("%w: $.ppgpa: format version %d, want %d", ErrInvalidModel, m.Version, Version)
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

// decodeStrict decodes one JSON document from r into v, checking the
// document against v's type first so that every error names its path.
func decodeStrict(r io.Reader, what string, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%w: %s: read: %v", ErrInvalidModel, what, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("%w: %s: %s", ErrInvalidModel, what, syntaxLocation(b, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		line, col := lineCol(b, off)
		return fmt.Errorf("%w: %s: line %d, column %d: data after the end of the document", ErrInvalidModel, what, line, col)
	}
	if doc == nil {
		return fmt.Errorf("%w: %s: $: document is null", ErrInvalidModel, what)
	}
	if err := checkDuplicateKeys(b); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalidModel, what, err)
	}
	if err := checkJSON("$", doc, reflect.TypeOf(v).Elem()); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalidModel, what, err)
	}
	strict := json.NewDecoder(bytes.NewReader(b))
	strict.DisallowUnknownFields()
	if err := strict.Decode(v); err != nil {
		return fmt.Errorf("%w: %s: $: %v", ErrInvalidModel, what, err)
	}
	return nil
}

// checkDuplicateKeys reports the first object member whose name repeats
// an earlier member of the same object, by line and column. b is known to
// be valid JSON.
func checkDuplicateKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type frame struct {
		object bool
		keys   map[string]bool
		expect bool // the next token of an object is a key
	}
	var stack []frame
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF; syntax errors were reported before
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			top := &stack[len(stack)-1]
			if top.expect {
				if key, ok := tok.(string); ok {
					if top.keys[key] {
						line, col := lineCol(b, off+int64(bytes.IndexByte(b[off:], '"')))
						return fmt.Errorf("line %d, column %d: member %q repeated", line, col, key)
					}
					top.keys[key] = true
					top.expect = false
					continue
				}
			} else {
				top.expect = true
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, keys: map[string]bool{}, expect: true})
		case json.Delim('['):
			stack = append(stack, frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

// syntaxLocation turns a JSON syntax error into "line L, column C: msg".
func syntaxLocation(b []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The offending byte is the last one read.
		line, col := lineCol(b, max(se.Offset-1, 0))
		return fmt.Sprintf("line %d, column %d: %v", line, col, se)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := lineCol(b, int64(len(b)))
		return fmt.Sprintf("line %d, column %d: unexpected end of input", line, col)
	}
	return "line 1, column 1: " + err.Error()
}

// lineCol returns the 1-based line and column (in bytes) of offset off.
func lineCol(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	col = int(off) - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

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
// following embedded structs as encoding/json does.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
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
	c.Aggregation = clonePtr(n.Aggregation)
	if c.Aggregation != nil {
		c.Aggregation.MinShare = cloneSlice(c.Aggregation.MinShare)
		c.Aggregation.MaxShare = cloneSlice(c.Aggregation.MaxShare)
	}
	if n.Normalization != nil {
		nz := *n.Normalization
		nz.Worst, nz.Best = cloneFloat(nz.Worst), cloneFloat(nz.Best)
		nz.Target, nz.Constant = cloneFloat(nz.Target), cloneFloat(nz.Constant)
		nz.Floor, nz.Span = cloneFloat(nz.Floor), cloneFloat(nz.Span)
		nz.Categories = cloneSlice(nz.Categories)
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
		"skew_kurtosis": {"skew", "kurtosis", "max_points"},
	},
	reflect.TypeFor[Imputation](): {
		"": {"min_share"}, "none": {"min_share"}, "mean": {"min_share"}, "median": {"min_share"},
		"group_mean": {"by", "min_share"}, "group_median": {"by", "min_share"},
		"value": {"value", "min_share"}, "available": {"min_share"},
	},
	reflect.TypeFor[Normalization](): {
		"":           {"worst", "best", "unclipped", "constant"},
		"minmax":     {"worst", "best", "unclipped", "constant"},
		"efficacy":   {"worst", "best", "unclipped", "floor", "span", "constant"},
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
		"power": {"p", "offset"}, "min": nil, "median": nil, "bod": {"min_share", "max_share"},
	},
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
	if !known {
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
