package weighting

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCAMethod selects how [PCA] turns principal components into weights.
// The zero value is [PCAFactor].
type PCAMethod int

const (
	// PCAFactor follows the OECD/JRC Handbook (2008, section 6.1).
	PCAFactor PCAMethod = iota
	// PCAFirst uses the squares of the first unit eigenvector's
	// components (they sum to 1). It is not COINr's form: see
	// PCALoadings.
	PCAFirst
	// PCALoadings uses the signed components of the first unit
	// eigenvector, divided by their sum: COINr's get_PCA, whose weights
	// are prcomp(x, center = TRUE, scale = TRUE)$rotation[, 1], used as
	// relative weights.
	PCALoadings
)

var pcaNames = [...]string{"factor", "first", "loadings"}

// String returns "factor", "first" or "loadings".
func (p PCAMethod) String() string { return enumString("PCAMethod", int(p), pcaNames[:]) }

// MarshalText returns the method's name; it fails for an unknown method.
func (p PCAMethod) MarshalText() ([]byte, error) { return enumText("pca method", int(p), pcaNames[:]) }

// UnmarshalText parses "factor", "first" or "loadings".
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

// PCA weights indicators by the principal components of their
// correlation matrix. It is data-driven; see [PCA.Analyze].
type PCA struct {
	Settings PCASettings
}

// PCAResult is the outcome of [PCA.Analyze]; m is the number of
// indicators, n of units, k of retained components.
type PCAResult struct {
	// Weights are the indicator weights (sum 1).
	Weights []float64
	// Eigenvalues of the correlation matrix, descending (sum m), and each
	// one's share of the total variance.
	Eigenvalues, VarianceExplained []float64
	// Eigenvectors (m × m) are the unit eigenvectors in the same order,
	// each signed so that its components sum to more than 0 (the first
	// non-zero component positive if they sum to 0).
	Eigenvectors *mat.Dense
	// Loadings (m × m) = Eigenvectors scaled by sqrt(eigenvalue): the
	// correlations of the indicators with the components.
	Loadings *mat.Dense
	// Scores (n × m) are the units' component scores: the z-scores
	// (standard deviation with divisor n - 1) times Eigenvectors.
	Scores *mat.Dense
	// Retained is k, the number of components kept (PCAFactor; 1 for
	// PCAFirst).
	Retained int
	// Rotated (m × k) are the retained loadings after varimax rotation
	// (unrotated with NoRotation), each factor signed so that its
	// loadings sum to more than 0; nil for PCAFirst.
	Rotated *mat.Dense
	// Factor[j] is the factor indicator j is assigned to (PCAFactor).
	Factor []int
}

// DataDriven returns true.
func (PCA) DataDriven() bool { return true }

// Weights returns the PCA weights of in.Data (see Analyze).
func (p PCA) Weights(in Input) ([]float64, error) {
	r, err := p.Analyze(in.Data)
	return r.Weights, err
}

// Analyze computes principal components of the correlation matrix of x
// (rows = units, columns = indicators, oriented so that higher is better),
// which equals R's prcomp(x, center = TRUE, scale. = TRUE), and weights:
//
// PCAFirst: w_j = v_j1^2, the squared components of the first unit
// eigenvector (they sum to 1).
//
// PCALoadings (COINr's get_PCA [16], which takes the first column of
// prcomp's rotation, the signed v_j1, as the weights; COINr's aggregation
// divides weights by their sum): w_j = v_j1 / sum_k v_k1. The sign
// convention (components sum > 0) makes the first component point towards
// better performance when the indicators agree (prcomp's sign is
// arbitrary); an indicator with a negative component, which COINr would
// weight negatively, is a [*DataError] naming it.
//
// PCAFactor (OECD/JRC Handbook on Constructing Composite Indicators,
// 2008, section 6.1, after Nicoletti, Scarpetta & Boylaud 2000):
//
//  1. keep the components with eigenvalue > MinEigenvalue (default 1), or
//     the fewest leading components whose cumulative share of variance
//     reaches VarianceShare; at least one;
//
//  2. rotate their loadings (eigenvector * sqrt(eigenvalue)) by varimax
//     (Kaiser 1958) with Kaiser normalisation (rows scaled to unit length
//     during the rotation, as R's stats::varimax), by Kaiser's pairwise
//     rotations until no pair of factors turns by more than 1e-12
//     radians (R's SVD iteration stops at a relative criterion change of
//     1e-5, so the two agree to about that precision);
//
//  3. square the rotated loadings and scale them to unit sum per factor:
//     s_jf = L_jf^2 / sum_i L_if^2;
//
//  4. assign each indicator to the factor with its largest s_jf (ties: the
//     first) and weight it by that factor's share of the explained
//     variance:
//
//     w_j ∝ (V_f / sum_g V_g) * s_jf,   V_f = sum_i L_if^2,  f = factor of j
//
//     normalised to sum 1.
//
// The eigen-decomposition is the cyclic Jacobi method and varimax Kaiser's
// pairwise rotation, both written with rounded products and no
// trigonometric functions, so PCA weights are bit-identical on every
// architecture (the tests check the decomposition against gonum's
// mat.EigenSym).
//
// It returns a [*DataError] (wrapping [ErrInvalidData]) if x has fewer
// than 3 rows or 2 columns, a NaN or infinite value or a constant column,
// and an error wrapping [ErrNotConverged] if the decomposition or the
// rotation does not converge.
func (p PCA) Analyze(x mat.Matrix) (PCAResult, error) {
	if err := p.Settings.check(); err != nil {
		return PCAResult{}, err
	}
	c, n, m, err := colMajor(x, 3, false)
	if err != nil {
		return PCAResult{}, err
	}
	if m < 2 {
		return PCAResult{}, dataErr(-1, -1, 0, "PCA needs at least 2 indicators")
	}
	if err := checkSquare("correlation matrix", m); err != nil {
		return PCAResult{}, err
	}
	sd, corr := correlate(c, n, m)
	for j, s := range sd {
		if s == 0 {
			return PCAResult{}, dataErr(-1, j, 0, "constant indicator")
		}
	}
	vals, vecs, err := symEigen(corr, m)
	if err != nil {
		return PCAResult{}, err
	}
	res := PCAResult{
		Eigenvalues:       make([]float64, m),
		VarianceExplained: make([]float64, m),
		Eigenvectors:      mat.NewDense(m, m, nil),
		Loadings:          mat.NewDense(m, m, nil),
		Scores:            mat.NewDense(n, m, nil),
	}
	v := make([]float64, m)
	for k := 0; k < m; k++ {
		lam := max(vals[k], 0)
		res.Eigenvalues[k] = lam
		res.VarianceExplained[k] = lam / float64(m)
		for j := range v {
			v[j] = vecs[j*m+k]
		}
		signColumn(v)
		sq := math.Sqrt(lam)
		for j := range v {
			res.Eigenvectors.Set(j, k, v[j])
			res.Loadings.Set(j, k, float64(v[j]*sq))
		}
	}
	// Scores: z-scores (n - 1) times the eigenvectors.
	for j := 0; j < m; j++ {
		col := c[j*n : j*n+n]
		s, mean := meanSD(col)
		for i, v := range col {
			col[i] = (v - mean) / s
		}
	}
	for i := 0; i < n; i++ {
		for k := 0; k < m; k++ {
			var s float64
			for j := 0; j < m; j++ {
				s = float64(c[j*n+i]*res.Eigenvectors.At(j, k)) + s
			}
			res.Scores.Set(i, k, s)
		}
	}
	switch p.Settings.Method {
	case PCAFirst:
		res.Retained = 1
		res.Weights = make([]float64, m)
		for j := range res.Weights {
			v := res.Eigenvectors.At(j, 0)
			res.Weights[j] = float64(v * v)
		}
		return res, nil
	case PCALoadings:
		res.Retained = 1
		res.Weights = make([]float64, m)
		var s float64
		for j := range res.Weights {
			s += res.Eigenvectors.At(j, 0)
		}
		for j := range res.Weights {
			v := res.Eigenvectors.At(j, 0)
			if v < 0 {
				return PCAResult{}, dataErr(-1, j, v, fmt.Sprintf("pca loadings: negative first-component loading %.4g (COINr would weight the indicator negatively)", v))
			}
			res.Weights[j] = v / s
		}
		return res, nil
	case PCAFactor:
		return p.factorWeights(res, m)
	}
	panic(fmt.Sprintf("weighting: unknown PCAMethod %d", int(p.Settings.Method)))
}

// factorWeights applies steps 1–4 of the handbook's method.
func (p PCA) factorWeights(res PCAResult, m int) (PCAResult, error) {
	k := 0
	if share := p.Settings.VarianceShare; share > 0 {
		var cum float64
		for k < m {
			cum += res.VarianceExplained[k]
			k++
			if cum >= share-1e-12 {
				break
			}
		}
	} else {
		minEig := p.Settings.MinEigenvalue
		if minEig == 0 {
			minEig = 1
		}
		for k < m && res.Eigenvalues[k] > minEig {
			k++
		}
	}
	k = max(k, 1)
	res.Retained = k
	l := mat.DenseCopyOf(res.Loadings.Slice(0, m, 0, k))
	if !p.Settings.NoRotation {
		var err error
		if l, err = varimax(l); err != nil {
			return PCAResult{}, err
		}
	}
	for f := 0; f < k; f++ {
		v := mat.Col(nil, f, l)
		signColumn(v)
		l.SetCol(f, v)
	}
	res.Rotated = l
	varF := make([]float64, k)
	var total float64
	for f := 0; f < k; f++ {
		for j := 0; j < m; j++ {
			v := l.At(j, f)
			varF[f] = float64(v*v) + varF[f]
		}
		total += varF[f]
	}
	res.Factor = make([]int, m)
	w := make([]float64, m)
	for j := 0; j < m; j++ {
		best, bs := 0, -1.0
		for f := 0; f < k; f++ {
			v := l.At(j, f)
			if s := float64(v*v) / varF[f]; s > bs {
				best, bs = f, s
			}
		}
		res.Factor[j] = best
		w[j] = float64(varF[best]/total) * bs
	}
	var err error
	res.Weights, err = dataWeights(w, "PCA")
	return res, err
}

// signColumn flips v so that its components sum to more than 0 (or, if
// they sum to 0, so that its first non-zero component is positive).
func signColumn(v []float64) {
	var s float64
	for _, x := range v {
		s += x
	}
	if s == 0 {
		for _, x := range v {
			if x != 0 {
				s = x
				break
			}
		}
	}
	if s < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}

// varimax rotates the m×k loadings l by Kaiser's (1958) varimax
// criterion with Kaiser normalisation (rows scaled to unit length during
// the rotation, as R's stats::varimax(normalize = TRUE)). It uses Kaiser's
// pairwise algorithm: sweeps over every pair of factors (f, g), each
// rotating the pair by the angle phi that maximises the criterion,
//
//	u_j = x_jf^2 - x_jg^2,   v_j = 2 x_jf x_jg
//	A = sum u, B = sum v, C = sum (u^2 - v^2), D = 2 sum u v
//	tan(4 phi) = (D - 2AB/m) / (C - (A^2 - B^2)/m)
//
// until no pair rotates by more than 1e-12 radians (at most 1000 sweeps).
// cos phi and sin phi come from half-angle formulas (square roots only,
// no trigonometric functions), so the rotation is bit-identical on every
// architecture. R's SVD-based iteration stops at a relative criterion
// change of 1e-5 and so agrees with this to about that precision.
func varimax(l *mat.Dense) (*mat.Dense, error) {
	m, k := l.Dims()
	if k < 2 {
		return l, nil
	}
	sc := make([]float64, m)
	x := make([]float64, m*k) // row-major m×k
	for j := 0; j < m; j++ {
		var s float64
		for f := 0; f < k; f++ {
			v := l.At(j, f)
			s = float64(v*v) + s
		}
		sc[j] = math.Sqrt(s)
		for f := 0; f < k; f++ {
			if sc[j] > 0 {
				x[j*k+f] = l.At(j, f) / sc[j]
			}
		}
	}
	fm := float64(m)
	for sweep := 0; ; sweep++ {
		if sweep == 1000 {
			return nil, fmt.Errorf("%w: varimax after 1000 sweeps", ErrNotConverged)
		}
		moved := false
		for f := 0; f < k; f++ {
			for g := f + 1; g < k; g++ {
				var a, b, c, d float64
				for j := 0; j < m; j++ {
					xf, xg := x[j*k+f], x[j*k+g]
					u := float64(xf*xf) - float64(xg*xg)
					v := 2 * float64(xf*xg)
					a += u
					b += v
					c = (float64(u*u) - float64(v*v)) + c
					d = 2*float64(u*v) + d
				}
				num := d - 2*float64(a*b)/fm
				den := c - (float64(a*a)-float64(b*b))/fm
				r := math.Sqrt(float64(num*num) + float64(den*den))
				if r == 0 {
					continue
				}
				// 4 phi = atan2(num, den) in (-pi, pi]; halve twice.
				cos4, sin4 := den/r, num/r
				cos2 := math.Sqrt(max(0, (1+cos4)/2))
				sin2 := 1.0
				if cos2 > 0 {
					sin2 = sin4 / (2 * cos2)
				}
				cs := math.Sqrt((1 + cos2) / 2)
				sn := sin2 / (2 * cs)
				if math.Abs(sn) <= 1e-12 {
					continue
				}
				moved = true
				for j := 0; j < m; j++ {
					xf, xg := x[j*k+f], x[j*k+g]
					x[j*k+f] = float64(cs*xf) + float64(sn*xg)
					x[j*k+g] = float64(cs*xg) - float64(sn*xf)
				}
			}
		}
		if !moved {
			break
		}
	}
	out := mat.NewDense(m, k, nil)
	for j := 0; j < m; j++ {
		for f := 0; f < k; f++ {
			out.Set(j, f, float64(x[j*k+f]*sc[j]))
		}
	}
	return out, nil
}
