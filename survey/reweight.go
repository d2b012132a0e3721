package survey

import (
	"context"
	"fmt"
)

// reweighting is a weight adjustment (post-stratification, raking,
// calibration, trimming) recorded with its settings, so that
// [Design.Replicates] can redo it on each replicate's weights as R does
// (as.svrepdesign, then postStratify, rake or calibrate on the replicate
// design).
type reweighting interface {
	// name names the adjustment, e.g. "rake" or "calibrate (raking)".
	name() string
	// redo returns the weights the adjustment gives from the starting
	// weights w (w is not modified).
	redo(ctx context.Context, w []float64) ([]float64, error)
}

// postStratStep redoes [Design.PostStratify].
type postStratStep struct {
	codes []int32
	pop   []float64 // population count per code
	names []string
}

func (s *postStratStep) name() string { return "post-stratify" }

func (s *postStratStep) redo(_ context.Context, w []float64) ([]float64, error) {
	sums := make([]float64, len(s.pop))
	for i, k := range s.codes {
		sums[k] += w[i]
	}
	for k, N := range s.pop {
		if sums[k] == 0 && N > 0 {
			return nil, &CellError{Variable: "post-stratum", Cell: s.names[k], Err: fmt.Errorf("%w: no sampled weight for population count %v", ErrEmptyCell, N)}
		}
	}
	out := make([]float64, len(w))
	for i, k := range s.codes {
		if w[i] != 0 {
			out[i] = w[i] * (s.pop[k] / sums[k])
		}
	}
	return out, nil
}

// rakeStep redoes [Design.Rake] with the same margins and settings.
type rakeStep struct {
	margins []Margin
	s       RakeSettings
}

func (s *rakeStep) name() string { return "rake" }

func (s *rakeStep) redo(ctx context.Context, w []float64) ([]float64, error) {
	r, err := Rake(ctx, w, s.margins, s.s)
	if err != nil {
		return nil, err
	}
	return r.Weights, nil
}

// calStep redoes [Design.Calibrate] with the same auxiliaries, totals and
// settings.
type calStep struct {
	c *calibration // d is replaced by the starting weights
}

func (s *calStep) name() string { return "calibrate (" + s.c.s.Distance.String() + ")" }

func (s *calStep) redo(ctx context.Context, w []float64) ([]float64, error) {
	c := *s.c
	c.d = w
	c.s.Progress = nil
	r, err := c.solve(ctx)
	if err != nil {
		return nil, err
	}
	return r.Weights, nil
}

// trimStep redoes [Design.Trim] with the same bounds. A replicate's zero
// weights (the PSUs it deletes) stay 0: KeepZero is set.
type trimStep struct {
	s TrimSettings
}

func (s *trimStep) name() string { return "trim" }

func (s *trimStep) redo(_ context.Context, w []float64) ([]float64, error) {
	ts := s.s
	ts.KeepZero = true
	r, err := TrimWeights(w, ts)
	if err != nil {
		return nil, err
	}
	return r.Weights, nil
}
