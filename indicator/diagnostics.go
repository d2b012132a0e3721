package indicator

import (
	"github.com/ppgpa/ppgpa/weighting"
)

// WeightDiagnostics is what a group's data-driven weighting scheme found
// in the data besides the weights (see [Prepared.WeightDiagnostics]).
// Exactly one of Entropy, CRITIC and PCA is set, by the group's scheme;
// none for the SD scheme, whose diagnostics are the weights themselves
// (proportional to the children's standard deviations). Per-child slices
// and matrix rows are in the order of Children.
type WeightDiagnostics struct {
	ID, Path string
	// Scheme is "entropy", "critic", "pca" or "sd".
	Scheme string
	// Children are the ids of the group's children, in model order.
	Children []string
	// Weights are the local weights used in Prepare.
	Weights []float64
	// Entropy holds each child's entropy e_j and divergence d_j = 1 - e_j.
	Entropy *weighting.EntropyResult
	// CRITIC holds each child's standard deviation, the children's
	// correlation matrix and each child's information C_j.
	CRITIC *weighting.CRITICResult
	// PCA holds the eigenvalues and the share of variance each principal
	// component explains, the loadings and the retained factors. Its
	// Scores rows are the units sorted by id.
	PCA *weighting.PCAResult
}

// WeightDiagnostics returns the diagnostics of the data-driven weighting
// scheme of the group with the given id (entropy, CRITIC or PCA), computed
// from the same matrix, in the same unit order, as the weights that
// Prepare used, so that Weights are those weights, bit for bit. They are
// computed on demand rather than kept by Prepare, so that preparing (as an
// uncertainty analysis does once) costs nothing more, and are the same
// bits on every call.
//
// It returns false if there is no group with that id or its scheme is not
// one of the data-driven schemes of package weighting; it returns an
// error only if the analysis fails where the weights did not, which the
// schemes rule out (they compute the weights by the same analysis).
func (pr *Prepared) WeightDiagnostics(id string) (WeightDiagnostics, bool, error) {
	p := pr.plan
	for _, i := range p.groups {
		c := &p.nodes[i]
		if c.id != id {
			continue
		}
		if !c.dataDriven || c.agg.Method == BoD {
			return WeightDiagnostics{}, false, nil
		}
		d := WeightDiagnostics{ID: c.id, Path: c.path, Scheme: schemeName(c.scheme),
			Children: append([]string(nil), c.ids...), Weights: cloneSlice(pr.weights[c.group])}
		x := pr.groupMatrix(c)
		var err error
		switch s := c.scheme.(type) {
		case weighting.Entropy:
			var r weighting.EntropyResult
			r, err = s.Analyze(x)
			d.Entropy = &r
		case weighting.CRITIC:
			var r weighting.CRITICResult
			r, err = s.Analyze(x)
			d.CRITIC = &r
		case weighting.PCA:
			var r weighting.PCAResult
			r, err = s.Analyze(x)
			d.PCA = &r
		case weighting.SD:
		default:
			return WeightDiagnostics{}, false, nil
		}
		if err != nil {
			return WeightDiagnostics{}, false, &NodeError{Path: c.path, Err: weightsErr(d.Scheme, len(c.children), err)}
		}
		return d, true, nil
	}
	return WeightDiagnostics{}, false, nil
}
