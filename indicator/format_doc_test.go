package indicator

// The model-format reference (docs/model-format.md and
// docs/model-format.zh.md) and the JSON Schemas (model.schema.json and
// overlay.schema.json) are generated here from two sources: the types that
// DecodeModel and DecodeOverlay decode into (walked by reflection, with the
// decoder's own table of the members each method takes), and the text of
// testdata/formatdoc.json (a description in Chinese and English, default,
// allowed values and an example for every type, member and method).
//
// TestFormatReference fails when a member or method exists in one and not
// the other, when an example does not decode, or when a generated file is
// out of date; `go test ./indicator -run TestFormatReference -update-format`
// rewrites the generated files.

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/weighting"
)

var updateFormat = flag.Bool("update-format", false, "rewrite the generated model-format reference and JSON Schemas")

const formatDocFile = "testdata/formatdoc.json"

// formatDoc is the text of the reference: entries keyed by type name
// ("Node"), by type and member ("Node.weight") and by type and method
// ("Transform.log").
type formatDoc struct {
	Intro   docEntry            `json:"intro"`
	Order   []string            `json:"order"`
	Types   map[string]docEntry `json:"types"`
	Members map[string]docEntry `json:"members"`
	Methods map[string]docEntry `json:"methods"`
}

type docEntry struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
	// Default is the default in words (both languages use it as is, or
	// DefaultZH for Chinese); DefaultValue is the schema's "default".
	Default      string          `json:"default,omitempty"`
	DefaultZH    string          `json:"default_zh,omitempty"`
	DefaultValue json.RawMessage `json:"default_value,omitempty"`
	// Enum lists the allowed strings of a plain string member.
	Enum []string `json:"enum,omitempty"`
	// Range constraints of a number.
	Minimum          *float64 `json:"minimum,omitempty"`
	Maximum          *float64 `json:"maximum,omitempty"`
	ExclusiveMinimum *float64 `json:"exclusive_minimum,omitempty"`
	// Pattern is a regular expression a string member must match.
	Pattern string `json:"pattern,omitempty"`
	// Requires lists members that must be present with this one.
	Requires []string `json:"requires,omitempty"`
	// Example is a JSON value of the member, or a whole object of the
	// type or method.
	Example json.RawMessage `json:"example,omitempty"`
}

func loadFormatDoc(t *testing.T) *formatDoc {
	t.Helper()
	b, err := os.ReadFile(formatDocFile)
	if err != nil {
		t.Fatal(err)
	}
	var d formatDoc
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("%s: %v", formatDocFile, err)
	}
	return &d
}

// fmtField is one member of a struct type in the JSON format.
type fmtField struct {
	name     string
	typ      reflect.Type
	required bool
}

// formatFields lists the JSON members of struct type t in declaration
// order, as encoding/json sees them (promoted fields of embedded structs
// included).
func formatFields(t reflect.Type) []fmtField {
	var out []fmtField
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct) {
			continue
		}
		name := f.Name
		omit := false
		if tag, ok := f.Tag.Lookup("json"); ok {
			if tag == "-" {
				continue
			}
			n, opts, _ := strings.Cut(tag, ",")
			if n != "" {
				name = n
			}
			omit = strings.Contains(opts, "omitempty")
		}
		out = append(out, fmtField{name: name, typ: f.Type, required: !omit})
	}
	return out
}

// requiredMembers are the members a document must have; every other
// member may be left out (a missing "method" is the type's default
// method), whatever its Go tag says.
var requiredMembers = map[string]bool{
	"Model.ppgpa": true, "Model.root": true, "Node.id": true, "Overlay.ppgpa": true,
	"OverlayAdd.parent": true, "OverlayAdd.node": true, "OverlayWeight.id": true,
	"OverlayWeight.weight": true, "GradeSpec.name": true, "AdjustmentTerm.column": true,
	"Category.value": true, "Category.points": true,
	"CategorySpec.name": true, "DesignationSpec.name": true, "PromotionSpec.column": true,
	"YearRule.name": true, "YearRule.kind": true, "YearRule.k": true,
}

// methodTable returns, for a method-dependent type, the members each
// method takes (the empty method included) and whether t is one.
func methodTable(t reflect.Type) (map[string][]string, bool) {
	if t == reflect.TypeFor[weighting.Spec]() {
		out := map[string][]string{}
		for _, m := range append([]string{""}, weighting.SpecMethods()...) {
			out[m], _ = weighting.SpecMembers(m)
		}
		return out, true
	}
	m, ok := methodMembers[t]
	return m, ok
}

func sortedMethods(table map[string][]string) []string {
	var out []string
	for m := range table {
		if m != "" {
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}

var (
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	judgmentType      = reflect.TypeFor[weighting.Judgment]()
)

// enumNames lists the names of an integer enum type with a MarshalText
// method: the texts of 0, 1, ... until MarshalText fails.
func enumNames(t reflect.Type) []string {
	var out []string
	for i := 0; i < 64; i++ {
		v := reflect.New(t).Elem()
		v.SetInt(int64(i))
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			break
		}
		out = append(out, string(b))
	}
	return out
}

// formatTypes walks the types reachable from the roots and returns the
// struct types in the order met.
func formatTypes(roots ...reflect.Type) []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		out = append(out, t)
		for _, f := range formatFields(t) {
			walk(f.typ)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// generator builds the schemas and the reference from the types and the
// doc, collecting every inconsistency as an error.
type generator struct {
	doc  *formatDoc
	errs []string
	used map[string]bool // doc keys used
}

func (g *generator) errorf(format string, args ...any) {
	g.errs = append(g.errs, fmt.Sprintf(format, args...))
}

func (g *generator) entry(kind, key string) docEntry {
	var m map[string]docEntry
	switch kind {
	case "type":
		m = g.doc.Types
	case "member":
		m = g.doc.Members
	default:
		m = g.doc.Methods
	}
	e, ok := m[key]
	g.used[kind+":"+key] = true
	if !ok {
		g.errorf("%s %q has no entry in indicator/%s (add %q to %q with its description in Chinese (zh) and English (en) and an example)", kind, key, formatDocFile, key, kind+"s")
		return e
	}
	if e.ZH == "" || e.EN == "" {
		g.errorf("%s %q in indicator/%s: want both zh and en", kind, key, formatDocFile)
	}
	return e
}

// valueSchema is the schema of a member of type t.
func (g *generator) valueSchema(t reflect.Type, key string, e docEntry) map[string]any {
	if t == judgmentType {
		return map[string]any{"anyOf": []any{
			map[string]any{"type": "number", "exclusiveMinimum": 0},
			map[string]any{"type": "string", "pattern": `^\s*[0-9.eE+-]+\s*(/\s*[0-9.eE+-]+\s*)?$`},
			map[string]any{"type": "null"},
		}}
	}
	if t.Kind() == reflect.Pointer {
		return g.valueSchema(t.Elem(), key, e)
	}
	if t.Implements(textMarshalerType) && t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64 {
		return map[string]any{"type": "string", "enum": enumNames(t)}
	}
	s := map[string]any{}
	switch t.Kind() {
	case reflect.Struct:
		return map[string]any{"$ref": "#/$defs/" + t.Name()}
	case reflect.Slice, reflect.Array:
		s["type"] = "array"
		s["items"] = g.valueSchema(t.Elem(), key, docEntry{})
		return s
	case reflect.Map:
		s["type"] = "object"
		s["additionalProperties"] = g.valueSchema(t.Elem(), key, docEntry{})
		return s
	case reflect.String:
		s["type"] = "string"
		if e.Enum != nil {
			s["enum"] = e.Enum
		}
		if e.Pattern != "" {
			s["pattern"] = e.Pattern
		}
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Float32, reflect.Float64:
		s["type"] = "number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s["type"] = "integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s["type"] = "integer"
		s["minimum"] = 0
	case reflect.Interface:
	default:
		g.errorf("member %s: no schema for Go type %v", key, t)
	}
	if e.Minimum != nil {
		s["minimum"] = *e.Minimum
	}
	if e.Maximum != nil {
		s["maximum"] = *e.Maximum
	}
	if e.ExclusiveMinimum != nil {
		s["exclusiveMinimum"] = *e.ExclusiveMinimum
	}
	return s
}

// structSchema is the $defs entry of struct type t.
func (g *generator) structSchema(t reflect.Type) map[string]any {
	te := g.entry("type", t.Name())
	props := map[string]any{}
	var required []string
	dependent := map[string]any{}
	table, byMethod := methodTable(t)
	for _, f := range formatFields(t) {
		key := t.Name() + "." + f.name
		e := g.entry("member", key)
		s := g.valueSchema(f.typ, key, e)
		if f.name == "method" && byMethod {
			s = map[string]any{"type": "string", "enum": sortedMethods(table)}
		}
		if ref, ok := s["$ref"]; ok {
			s = map[string]any{"allOf": []any{map[string]any{"$ref": ref}}}
		}
		s["description"] = e.ZH + "\n\n" + e.EN
		if len(e.DefaultValue) > 0 {
			s["default"] = e.DefaultValue
		}
		if len(e.Example) > 0 {
			s["examples"] = []any{e.Example}
		}
		props[f.name] = s
		if requiredMembers[key] {
			required = append(required, f.name)
		}
		if len(e.Requires) > 0 {
			dependent[f.name] = e.Requires
		}
	}
	out := map[string]any{
		"type":                 "object",
		"description":          te.ZH + "\n\n" + te.EN,
		"properties":           props,
		"additionalProperties": false,
	}
	if len(required) > 0 {
		out["required"] = required
	}
	if len(dependent) > 0 {
		out["dependentRequired"] = dependent
	}
	if byMethod {
		var rules []any
		for _, m := range append([]string{""}, sortedMethods(table)...) {
			allowed := append([]string{"method"}, table[m]...)
			cond := map[string]any{"properties": map[string]any{"method": map[string]any{"const": m}}, "required": []string{"method"}}
			if m == "" {
				cond = map[string]any{"not": map[string]any{"properties": map[string]any{"method": true}, "required": []string{"method"}}}
			} else {
				g.entry("method", t.Name()+"."+m)
			}
			rules = append(rules, map[string]any{"if": cond, "then": map[string]any{"propertyNames": map[string]any{"enum": allowed}}})
		}
		out["allOf"] = rules
	}
	return out
}

// schema returns the JSON Schema of the document type root.
func (g *generator) schema(root reflect.Type, id, title string) []byte {
	defs := map[string]any{}
	for _, t := range formatTypes(root) {
		if t == root {
			continue
		}
		if _, dup := defs[t.Name()]; dup {
			g.errorf("two types named %s in the format", t.Name())
		}
		defs[t.Name()] = g.structSchema(t)
	}
	top := g.structSchema(root)
	// The version member is exactly 1.
	top["properties"].(map[string]any)["ppgpa"].(map[string]any)["const"] = Version
	// The document's own members first, then the definitions.
	doc := struct {
		Schema      string         `json:"$schema"`
		ID          string         `json:"$id"`
		Title       string         `json:"title"`
		Description any            `json:"description"`
		Type        any            `json:"type"`
		Required    any            `json:"required"`
		Properties  any            `json:"properties"`
		Additional  any            `json:"additionalProperties"`
		Defs        map[string]any `json:"$defs"`
	}{"https://json-schema.org/draft/2020-12/schema", id, title, top["description"], top["type"],
		top["required"], top["properties"], top["additionalProperties"], defs}
	for k := range top {
		switch k {
		case "description", "type", "required", "properties", "additionalProperties":
		default:
			g.errorf("schema of %s: member %q of the top level is not written", root.Name(), k)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		g.errorf("encode schema: %v", err)
	}
	return buf.Bytes()
}

// checkExamples decodes every example strictly into its type.
func (g *generator) checkExamples(types []reflect.Type) {
	for _, t := range types {
		table, byMethod := methodTable(t)
		if e := g.doc.Types[t.Name()]; len(e.Example) > 0 {
			g.checkDecode(t, "type "+t.Name(), e.Example, true)
		} else {
			g.errorf("type %q in indicator/%s has no example", t.Name(), formatDocFile)
		}
		for _, f := range formatFields(t) {
			key := t.Name() + "." + f.name
			e := g.doc.Members[key]
			if len(e.Example) == 0 {
				g.errorf("member %q in indicator/%s has no example", key, formatDocFile)
				continue
			}
			obj := map[string]json.RawMessage{f.name: e.Example}
			if byMethod && f.name != "method" {
				for _, m := range append([]string{""}, sortedMethods(table)...) {
					if slices.Contains(table[m], f.name) {
						if m != "" {
							obj["method"] = json.RawMessage(fmt.Sprintf("%q", m))
						}
						break
					}
				}
			}
			if f.name == "params" { // only a registered method takes params
				obj["method"] = json.RawMessage(`"registered_method"`)
			}
			for _, r := range e.Requires {
				if ex := g.doc.Members[t.Name()+"."+r].Example; len(ex) > 0 {
					obj[r] = ex
				}
			}
			b, _ := json.Marshal(obj)
			g.checkDecode(t, "member "+key, b, false)
		}
		if byMethod {
			for _, m := range sortedMethods(table) {
				if e := g.doc.Methods[t.Name()+"."+m]; len(e.Example) > 0 {
					g.checkDecode(t, "method "+t.Name()+"."+m, e.Example, true)
				} else {
					g.errorf("method %q in indicator/%s has no example", t.Name()+"."+m, formatDocFile)
				}
			}
		}
	}
}

// checkDecode decodes the example b of what strictly into type t; whole
// documents (whole) are decoded as a model or overlay file is.
func (g *generator) checkDecode(t reflect.Type, what string, b []byte, whole bool) {
	v := reflect.New(t).Interface()
	var err error
	switch {
	case !whole:
		err = decodeStrict(bytes.NewReader(b), what, v)
	case t == reflect.TypeFor[Model]():
		_, err = DecodeModel(bytes.NewReader(b))
	case t == reflect.TypeFor[Overlay]():
		_, err = DecodeOverlay(bytes.NewReader(b))
	default:
		err = decodeStrict(bytes.NewReader(b), what, v)
	}
	if err != nil {
		g.errorf("example of %s does not decode: %v\n\t%s", what, err, b)
	}
}

func TestFormatReference(t *testing.T) {
	g := &generator{doc: loadFormatDoc(t), used: map[string]bool{}}
	modelT, overlayT := reflect.TypeFor[Model](), reflect.TypeFor[Overlay]()
	files := map[string][]byte{
		"model.schema.json":   g.schema(modelT, schemaBase+"indicator/model.schema.json", "ppgpa model"),
		"overlay.schema.json": g.schema(overlayT, schemaBase+"indicator/overlay.schema.json", "ppgpa overlay"),
	}
	types := formatTypes(modelT, overlayT)
	g.checkExamples(types)
	files["../docs/model-format.md"] = g.reference(types, "en")
	files["../docs/model-format.zh.md"] = g.reference(types, "zh")
	for _, kind := range []string{"type", "member", "method"} {
		var m map[string]docEntry
		switch kind {
		case "type":
			m = g.doc.Types
		case "member":
			m = g.doc.Members
		default:
			m = g.doc.Methods
		}
		for k := range m {
			if !g.used[kind+":"+k] {
				g.errorf("%s %q in indicator/%s is not in the format (remove it, or add it to the decoder)", kind, k, formatDocFile)
			}
		}
	}
	sort.Strings(g.errs)
	for _, e := range slices.Compact(g.errs) {
		t.Error(e)
	}
	if t.Failed() {
		return
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		want := files[name]
		if *updateFormat {
			if err := os.WriteFile(filepath.FromSlash(name), want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil {
			t.Fatalf("%v (generate it with: go test ./indicator -run TestFormatReference -update-format)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date: regenerate it with go test ./indicator -run TestFormatReference -update-format", name)
		}
	}
}

// schemaBase is where the published schemas live.
const schemaBase = "https://raw.githubusercontent.com/ppgpa/ppgpa/main/"

// The reference in Markdown.

var refWords = map[string]map[string]string{
	"en": {
		"title": "Model format reference", "member": "member", "type": "type", "default": "default",
		"values": "allowed values", "methods": "taken by", "desc": "meaning", "example": "example",
		"required": "required", "all": "all methods", "method": "Method", "string": "string",
		"number": "number", "integer": "integer", "boolean": "boolean", "array": "array of ",
		"object": "object", "map": "object of ", "judgment": "judgment (number > 0, \"a/b\" or null)",
		"none": "—", "min": "≥ ", "max": "≤ ", "gt": "> ", "generated": "Generated from the decoder and indicator/testdata/formatdoc.json by `go test ./indicator -run TestFormatReference -update-format`; do not edit by hand.",
		"methodsof": "Methods", "contents": "Contents", "members": "Members", "schema": "JSON Schema",
		"requires": "needs ", "colon": ": ", "comma": ", ", "in": "Appears in", "top": "the top level of a file",
	},
	"zh": {
		"title": "模型文件格式参考", "member": "成员", "type": "类型", "default": "默认值",
		"values": "取值", "methods": "适用方法", "desc": "含义", "example": "示例",
		"required": "必填", "all": "所有方法", "method": "方法", "string": "字符串",
		"number": "数", "integer": "整数", "boolean": "布尔值", "array": "数组：", "object": "对象",
		"map": "对象：", "judgment": "判断值（大于 0 的数、\"a/b\" 或 null）",
		"none": "—", "min": "≥ ", "max": "≤ ", "gt": "> ", "generated": "本文件由解码器和 indicator/testdata/formatdoc.json 经 `go test ./indicator -run TestFormatReference -update-format` 生成，请勿手工修改。",
		"methodsof": "方法", "contents": "目录", "members": "成员", "schema": "JSON Schema",
		"requires": "需同时给出 ", "colon": "：", "comma": "、", "in": "出现在", "top": "文件的顶层",
	},
}

func (g *generator) typeName(t reflect.Type, lang string) string {
	w := refWords[lang]
	if t == judgmentType {
		return w["judgment"]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.typeName(t.Elem(), lang)
	case reflect.Struct:
		return fmt.Sprintf("[%s](#%s)", t.Name(), strings.ToLower(t.Name()))
	case reflect.Slice, reflect.Array:
		return w["array"] + g.typeName(t.Elem(), lang)
	case reflect.Map:
		return w["map"] + g.typeName(t.Elem(), lang)
	case reflect.String:
		return w["string"]
	case reflect.Bool:
		return w["boolean"]
	case reflect.Float32, reflect.Float64:
		return w["number"]
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if t.Implements(textMarshalerType) {
			return w["string"]
		}
		return w["integer"]
	}
	return w["integer"]
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

func text(e docEntry, lang string) string {
	if lang == "zh" {
		return e.ZH
	}
	return e.EN
}

func (g *generator) reference(types []reflect.Type, lang string) []byte {
	w := refWords[lang]
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n<!-- %s -->\n\n%s\n\n", w["title"], w["generated"], text(g.doc.Intro, lang))
	fmt.Fprintf(&b, "## %s\n\n", w["contents"])
	for _, t := range types {
		fmt.Fprintf(&b, "- [%s](#%s)\n", t.Name(), strings.ToLower(t.Name()))
	}
	b.WriteString("\n")
	for _, t := range types {
		te := g.doc.Types[t.Name()]
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", t.Name(), text(te, lang))
		var in []string
		for _, u := range types {
			for _, f := range formatFields(u) {
				if underlying(f.typ) == t {
					in = append(in, fmt.Sprintf("[`%s.%s`](#%s)", u.Name(), f.name, strings.ToLower(u.Name())))
				}
			}
		}
		if len(in) == 0 {
			in = []string{w["top"]}
		}
		fmt.Fprintf(&b, "%s%s%s\n\n", w["in"], w["colon"], strings.Join(in, w["comma"]))
		if len(te.Example) > 0 {
			fmt.Fprintf(&b, "%s%s\n\n```json\n%s\n```\n\n", w["example"], strings.TrimSpace(w["colon"]), indentJSON(te.Example))
		}
		table, byMethod := methodTable(t)
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", w["member"], w["type"], w["default"], w["values"])
		if byMethod {
			fmt.Fprintf(&b, " %s |", w["methods"])
		}
		fmt.Fprintf(&b, " %s | %s |\n|---|---|---|---|", w["desc"], w["example"])
		if byMethod {
			b.WriteString("---|")
		}
		b.WriteString("---|---|\n")
		for _, f := range formatFields(t) {
			key := t.Name() + "." + f.name
			e := g.doc.Members[key]
			def := e.Default
			if lang == "zh" && e.DefaultZH != "" {
				def = e.DefaultZH
			}
			if requiredMembers[key] {
				def = w["required"]
			}
			if def == "" {
				def = w["none"]
			}
			var vals []string
			s := g.valueSchema(f.typ, key, e)
			if f.name == "method" && byMethod {
				for _, m := range sortedMethods(table) {
					vals = append(vals, "`"+m+"`")
				}
			} else if en, ok := s["enum"].([]string); ok {
				for _, v := range en {
					vals = append(vals, "`"+v+"`")
				}
			}
			if e.Minimum != nil {
				vals = append(vals, w["min"]+fmt.Sprint(*e.Minimum))
			}
			if e.ExclusiveMinimum != nil {
				vals = append(vals, w["gt"]+fmt.Sprint(*e.ExclusiveMinimum))
			}
			if e.Maximum != nil {
				vals = append(vals, w["max"]+fmt.Sprint(*e.Maximum))
			}
			if e.Pattern != "" {
				vals = append(vals, "`"+e.Pattern+"`")
			}
			if len(e.Requires) > 0 {
				vals = append(vals, w["requires"]+"`"+strings.Join(e.Requires, "`, `")+"`")
			}
			if len(vals) == 0 {
				vals = []string{w["none"]}
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |", f.name, g.typeName(f.typ, lang), cell(def), cell(strings.Join(vals, ", ")))
			if byMethod {
				var ms []string
				if f.name == "method" {
					ms = []string{w["all"]}
				} else {
					for _, m := range sortedMethods(table) {
						if slices.Contains(table[m], f.name) {
							ms = append(ms, "`"+m+"`")
						}
					}
				}
				fmt.Fprintf(&b, " %s |", strings.Join(ms, ", "))
			}
			ex := "—"
			if len(e.Example) > 0 {
				ex = fmt.Sprintf("`\"%s\": %s`", f.name, compactJSON(e.Example))
			}
			fmt.Fprintf(&b, " %s | %s |\n", cell(text(e, lang)), cell(ex))
		}
		b.WriteString("\n")
		if byMethod {
			fmt.Fprintf(&b, "### %s%s%s\n\n", t.Name(), w["colon"], w["methodsof"])
			for _, m := range sortedMethods(table) {
				me := g.doc.Methods[t.Name()+"."+m]
				fmt.Fprintf(&b, "#### `%s`\n\n%s\n\n", m, text(me, lang))
				if len(table[m]) > 0 {
					fmt.Fprintf(&b, "%s%s`%s`\n\n", w["members"], w["colon"], strings.Join(table[m], "`, `"))
				}
				if len(me.Example) > 0 {
					fmt.Fprintf(&b, "```json\n%s\n```\n\n", indentJSON(me.Example))
				}
			}
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

// underlying strips pointers, slices, arrays and maps from t.
func underlying(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	return t
}

func indentJSON(b []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return string(b)
	}
	return buf.String()
}

func compactJSON(b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return string(b)
	}
	return buf.String()
}
