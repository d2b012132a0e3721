package weighting

import "fmt"

// Spec is the serialisable description of a weighting scheme, as it appears
// in the "weighting" member of a group in the JSON model format. Its zero
// value (Method "") means the weights declared on the children ([Fixed]).
type Spec struct {
	// Method names the scheme: "fixed" (or empty) and "equal".
	Method string `json:"method"`
}

// Scheme returns the scheme that s describes, for a group whose children
// have the given ids. It returns an error naming the method or parameter
// that is not valid.
func (s *Spec) Scheme(ids []string) (Scheme, error) {
	if s == nil {
		return Fixed{}, nil
	}
	switch s.Method {
	case "", "fixed":
		return Fixed{}, nil
	case "equal":
		return Equal{}, nil
	}
	return nil, fmt.Errorf("weighting: unknown method %q", s.Method)
}
