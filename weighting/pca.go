package weighting

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// PCAMethod selects how [PCA] turns principal components into weights.
// The zero value is [PCAFactor].
type PCAMethod int

const (
	// PCAFactor follows the OECD/JRC Handbook (2008, section 6.1).
	PCAFactor PCAMethod = iota
	// PCAFirst uses the first component's squared loadings, as COINr.
	PCAFirst
)

var pcaNames = [...]string{"factor", "first"}

// String returns "factor" or "first".
func (p PCAMethod) String() string { return enumString("PCAMethod", int(p), pcaNames[:]) }

// MarshalText returns the method's name; it fails for an unknown method.
func (p PCAMethod) MarshalText() ([]byte, error) { return enumText("pca method", int(p), pcaNames[:]) }

// UnmarshalText parses "factor" or "first".
func (p *PCAMethod) UnmarshalText(b []byte) error {
	i, err := parseEnum("pca method", string(b), pcaNames[:])
	*p = PCAMethod(i)
	return err
}

// PCASettings configures [PCA]. The zero value means the handbook's
// factor weights with components of eigenvalue > 1 and varimax rotation.
type PCASettings struct {
	Method PCAMethod `json:"method,omitempty"`
	// MinEigenvalue keeps components with eigenvalue above it; 0 means 1
	// (Kaiser's rule).
	MinEigenvalue float64 `json:"min_eigenvalue,omitempty"`
	// VarianceShare, when positive, keeps the fewest leading components
	// whose cumulative share of variance reaches it (instead of
	// MinEigenvalue).
	VarianceShare float64 `json:"variance_share,omitempty"`
	// NoRotation skips the varimax rotation.
	NoRotation bool `json:"no_rotation,omitempty"`
}

func (s PCASettings) check() error {
	if _, err := s.Method.MarshalText(); err != nil {
		return err
	}
	if s.MinEigenvalue < 0 || !(s.VarianceShare >= 0 && s.VarianceShare <= 1) {
		return fmt.Errorf("%w: pca: min_eigenvalue %v or variance_share %v out of range", ErrInvalidSpec, s.MinEigenvalue, s.VarianceShare)
	}
	return nil
}

// PCA weights indicators by principal components of their correlation
// matrix. It is data-driven.
type PCA struct {
	Settings PCASettings
}

// DataDriven returns true.
func (PCA) DataDriven() bool { return true }

// Weights returns the PCA weights of in.Data.
func (p PCA) Weights(in Input) ([]float64, error) {
	return nil, fmt.Errorf("%w: pca: not implemented yet", ErrInvalidSpec)
}

var _ mat.Matrix = (*mat.Dense)(nil)
