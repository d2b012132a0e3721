// Package nanjson encodes and decodes result structs as JSON with NaN as
// null, which encoding/json refuses. Field names, omitempty and "-" come
// from the json struct tags as in encoding/json; values whose type
// implements json.Marshaler or encoding.TextMarshaler (json.Unmarshaler,
// encoding.TextUnmarshaler when decoding) are handed to encoding/json.
// Infinite floats are errors. A null decodes to NaN in a float, nil in a
// slice, map or pointer, and the zero value otherwise; unknown object
// members are errors naming their path.
//
// All functions are safe for concurrent use.
package nanjson

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

var (
	marshalerType       = reflect.TypeFor[json.Marshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Marshal returns the JSON encoding of v with NaN floats as null.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := encode(&b, reflect.ValueOf(v), "$"); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type field struct {
	index     int
	name      string
	omitEmpty bool
}

func fields(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		fs = append(fs, field{index: i, name: name, omitEmpty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	return fs
}

func delegated(t reflect.Type) bool {
	return t.Implements(marshalerType) || t.Implements(textMarshalerType)
}

func encode(b *bytes.Buffer, v reflect.Value, path string) error {
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	if (v.Kind() != reflect.Pointer || !v.IsNil()) && delegated(v.Type()) {
		j, err := json.Marshal(v.Interface())
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		b.Write(j)
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return encode(b, v.Elem(), path)
	case reflect.Float32, reflect.Float64:
		x := v.Float()
		switch {
		case math.IsNaN(x):
			b.WriteString("null")
		case math.IsInf(x, 0):
			return fmt.Errorf("%s: infinite value", path)
		default:
			// As encoding/json writes it.
			j, err := json.Marshal(v.Interface())
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			b.Write(j)
		}
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		fallthrough
	case reflect.Array:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encode(b, v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.Struct:
		b.WriteByte('{')
		first := true
		for _, f := range fields(v.Type()) {
			fv := v.Field(f.index)
			if f.omitEmpty && empty(fv) {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			k, _ := json.Marshal(f.name)
			b.Write(k)
			b.WriteByte(':')
			if err := encode(b, fv, path+"."+f.name); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		j, err := json.Marshal(v.Interface())
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		b.Write(j)
	}
	return nil
}

func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return v.IsZero()
}

// Unmarshal decodes data into v, a non-nil pointer, with null as NaN in
// floats (see the package documentation).
func Unmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data after the JSON value")
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("nanjson: Unmarshal needs a non-nil pointer")
	}
	return decode(doc, rv.Elem(), "$")
}

func decode(doc any, v reflect.Value, path string) error {
	if v.CanAddr() && (v.Addr().Type().Implements(unmarshalerType) || v.Addr().Type().Implements(textUnmarshalerType)) {
		j, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(j, v.Addr().Interface()); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	if doc == nil {
		switch v.Kind() {
		case reflect.Float32, reflect.Float64:
			v.SetFloat(math.NaN())
		default:
			v.SetZero()
		}
		return nil
	}
	bad := func() error { return fmt.Errorf("%s: cannot decode %T into %s", path, doc, v.Type()) }
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return decode(doc, v.Elem(), path)
	case reflect.Float32, reflect.Float64:
		n, ok := doc.(json.Number)
		if !ok {
			return bad()
		}
		x, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		v.SetFloat(x)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := doc.(json.Number)
		if !ok {
			return bad()
		}
		x, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || v.OverflowInt(x) {
			return fmt.Errorf("%s: %q is not a %s", path, n, v.Type())
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := doc.(json.Number)
		if !ok {
			return bad()
		}
		x, err := strconv.ParseUint(string(n), 10, 64)
		if err != nil || v.OverflowUint(x) {
			return fmt.Errorf("%s: %q is not a %s", path, n, v.Type())
		}
		v.SetUint(x)
	case reflect.String:
		s, ok := doc.(string)
		if !ok {
			return bad()
		}
		v.SetString(s)
	case reflect.Bool:
		x, ok := doc.(bool)
		if !ok {
			return bad()
		}
		v.SetBool(x)
	case reflect.Slice:
		a, ok := doc.([]any)
		if !ok {
			return bad()
		}
		s := reflect.MakeSlice(v.Type(), len(a), len(a))
		for i, e := range a {
			if err := decode(e, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Array:
		a, ok := doc.([]any)
		if !ok || len(a) != v.Len() {
			return bad()
		}
		for i, e := range a {
			if err := decode(e, v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		m, ok := doc.(map[string]any)
		if !ok {
			return bad()
		}
		byName := map[string]int{}
		for _, f := range fields(v.Type()) {
			byName[f.name] = f.index
		}
		for k, e := range m {
			i, ok := byName[k]
			if !ok {
				return fmt.Errorf("%s: unknown member %q", path, k)
			}
			if err := decode(e, v.Field(i), path+"."+k); err != nil {
				return err
			}
		}
	case reflect.Interface:
		v.Set(reflect.ValueOf(doc))
	default:
		return bad()
	}
	return nil
}
