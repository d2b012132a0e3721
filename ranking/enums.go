package ranking

import "fmt"

// The text forms of the smaller enums, for JSON settings: lowercase names,
// unknown values rejected.

// The name lists are functions, not package-level variables, so that the
// package holds no mutable state.

func samplingNames() []string   { return []string{"sobol", "random"} }
func pMethodNames() []string    { return []string{"auto", "exact", "asymptotic"} }
func tauVariantNames() []string { return []string{"b", "c"} }
func tauOrderNames() []string   { return []string{"both", "xy"} }

func enumName(names []string, v int, typ string) string {
	if v >= 0 && v < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// MarshalText implements encoding.TextMarshaler.
func (s Sampling) MarshalText() ([]byte, error) {
	return marshalEnum(s.String(), int(s), s >= 0 && int(s) < len(samplingNames()))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Sampling) UnmarshalText(b []byte) error {
	return unmarshalEnum("Sampling", b, samplingNames(), (*int)(s))
}

// MarshalText implements encoding.TextMarshaler.
func (m PMethod) MarshalText() ([]byte, error) {
	return marshalEnum(m.String(), int(m), m >= 0 && int(m) < len(pMethodNames()))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *PMethod) UnmarshalText(b []byte) error {
	return unmarshalEnum("PMethod", b, pMethodNames(), (*int)(m))
}

// MarshalText implements encoding.TextMarshaler.
func (v TauVariant) MarshalText() ([]byte, error) {
	return marshalEnum(v.String(), int(v), v >= 0 && int(v) < len(tauVariantNames()))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *TauVariant) UnmarshalText(b []byte) error {
	return unmarshalEnum("TauVariant", b, tauVariantNames(), (*int)(v))
}

// String returns "both" or "xy".
func (o TauOrder) String() string { return enumName(tauOrderNames(), int(o), "TauOrder") }

// MarshalText implements encoding.TextMarshaler.
func (o TauOrder) MarshalText() ([]byte, error) {
	return marshalEnum(o.String(), int(o), o >= 0 && int(o) < len(tauOrderNames()))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *TauOrder) UnmarshalText(b []byte) error {
	return unmarshalEnum("TauOrder", b, tauOrderNames(), (*int)(o))
}
