package survey_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ppgpa/ppgpa/survey"
)

// naiveIPF rakes respondent by respondent (the textbook loop), as the
// reference for the cell-based fit.
func naiveIPF(w []float64, ms []survey.Margin, sweeps int) []float64 {
	out := append([]float64(nil), w...)
	for it := 0; it < sweeps; it++ {
		for _, m := range ms {
			sum := make([]float64, len(m.Levels))
			for i, c := range m.Codes {
				sum[c] += out[i]
			}
			for i, c := range m.Codes {
				out[i] *= m.Targets[c] / sum[c]
			}
		}
	}
	return out
}

func randomMargins(r *rand.Rand, n int, sizes []int) ([]float64, []survey.Margin) {
	w := make([]float64, n)
	ms := make([]survey.Margin, len(sizes))
	for k, L := range sizes {
		ms[k] = survey.Margin{Name: "m" + strconv.Itoa(k), Codes: make([]int, n), Targets: make([]float64, L)}
		for l := 0; l < L; l++ {
			ms[k].Levels = append(ms[k].Levels, strconv.Itoa(l))
		}
	}
	for i := range w {
		w[i] = 1 + r.Float64()
		truth := w[i] * (0.5 + r.Float64())
		for k, L := range sizes {
			c := r.IntN(L)
			ms[k].Codes[i] = c
			ms[k].Targets[c] += truth
		}
	}
	return w, ms
}

// TestRakeMatchesRespondentIPF: the cell-based fit gives the weights of
// respondent-level IPF run to its fixed point, on the dense path (few
// cells) and on the map path (more than 2^14 cells).
func TestRakeMatchesRespondentIPF(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		n     int
		sizes []int
	}{
		{"dense", 3000, []int{4, 3, 2}},
		{"map", 3000, []int{40, 30, 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w, ms := randomMargins(rand.New(rand.NewPCG(7, uint64(tc.n))), tc.n, tc.sizes)
			got, err := survey.Rake(context.Background(), w, ms, survey.RakeSettings{Tol: 1e-13, MaxIter: 5000})
			if err != nil {
				t.Fatal(err)
			}
			want := naiveIPF(w, ms, got.Iterations)
			// Same operations in a different order: agreement to rounding.
			const tol = 1e-10
			if diff := cmp.Diff(want, got.Weights, cmpopts.EquateApprox(tol, 0)); diff != "" {
				t.Errorf("Rake() mismatch (-naive +cells):\n%s", diff)
			}
		})
	}
}

// TestRakeNotConverged: non-convergence is an error carrying the
// diagnostics, never a silent result. The margins below are inconsistent
// (totals 10 and 20), so no weights can meet both.
func TestRakeNotConverged(t *testing.T) {
	t.Parallel()
	w := []float64{1, 1, 1, 1}
	ms := []survey.Margin{
		{Name: "a", Levels: []string{"x", "y"}, Codes: []int{0, 0, 1, 1}, Targets: []float64{5, 5}},
		{Name: "b", Levels: []string{"u", "v"}, Codes: []int{0, 1, 0, 1}, Targets: []float64{10, 10}},
	}
	_, err := survey.Rake(context.Background(), w, ms, survey.RakeSettings{MaxIter: 7})
	var re *survey.RakeError
	if !errors.Is(err, survey.ErrNotConverged) || !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *RakeError wrapping ErrNotConverged", err)
	}
	if re.Result.Iterations != 7 || len(re.Result.MaxRelError) != 2 || !(re.Result.MaxRelError[0] > 0.1) {
		t.Errorf("diagnostics %+v", re.Result)
	}
}

// TestRakeBounds: bounded raking keeps w/d within [L, U] or fails.
func TestRakeBounds(t *testing.T) {
	t.Parallel()
	w, ms := randomMargins(rand.New(rand.NewPCG(1, 1)), 500, []int{3, 4})
	r, err := survey.Rake(context.Background(), w, ms, survey.RakeSettings{Lower: 0.3, Upper: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := range w {
		if g := r.Weights[i] / w[i]; g < 0.3-1e-12 || g > 3+1e-12 {
			t.Fatalf("ratio %v outside [0.3, 3]", g)
		}
	}
	_, err = survey.Rake(context.Background(), w, ms, survey.RakeSettings{Lower: 0.99, Upper: 1.01, MaxIter: 50})
	if !errors.Is(err, survey.ErrNotConverged) {
		t.Errorf("tight bounds: err = %v, want ErrNotConverged", err)
	}
}

// TestRakeErrors: an empty cell names the margin and level; a code out of
// range names the row.
func TestRakeErrors(t *testing.T) {
	t.Parallel()
	w := []float64{1, 2, 3}
	empty := []survey.Margin{{Name: "sex", Levels: []string{"f", "m"}, Codes: []int{0, 0, 0}, Targets: []float64{3, 4}}}
	_, err := survey.Rake(context.Background(), w, empty, survey.RakeSettings{})
	var ce *survey.CellError
	if !errors.Is(err, survey.ErrEmptyCell) || !errors.As(err, &ce) || ce.Variable != "sex" || ce.Cell != "m" {
		t.Errorf("empty level: err = %v", err)
	}
	bad := []survey.Margin{{Name: "sex", Levels: []string{"f", "m"}, Codes: []int{0, 2, 1}, Targets: []float64{3, 4}}}
	_, err = survey.Rake(context.Background(), w, bad, survey.RakeSettings{})
	var rowErr *survey.RowError
	if !errors.Is(err, survey.ErrInvalidInput) || !errors.As(err, &rowErr) || rowErr.Row != 1 {
		t.Errorf("bad code: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ok := []survey.Margin{{Name: "sex", Levels: []string{"f", "m"}, Codes: []int{0, 1, 1}, Targets: []float64{3, 4}}}
	if _, err := survey.Rake(ctx, w, ok, survey.RakeSettings{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestRakePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("no panic for a margin of the wrong length")
		}
	}()
	ms := []survey.Margin{{Name: "a", Levels: []string{"x"}, Codes: []int{0}, Targets: []float64{1}}}
	_, _ = survey.Rake(context.Background(), []float64{1, 2}, ms, survey.RakeSettings{})
}

// TestRakeDeterministicAcrossChunks: the chunked passes give the same bits
// however many goroutines run them (checked by running the same problem
// twice; chunk boundaries are fixed).
func TestRakeDeterministic(t *testing.T) {
	t.Parallel()
	w, ms := randomMargins(rand.New(rand.NewPCG(5, 5)), 100_000, []int{12, 6, 2, 5})
	a, err := survey.Rake(context.Background(), w, ms, survey.RakeSettings{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := survey.Rake(context.Background(), w, ms, survey.RakeSettings{})
	for i := range a.Weights {
		if math.Float64bits(a.Weights[i]) != math.Float64bits(b.Weights[i]) {
			t.Fatalf("weight %d differs between runs", i)
		}
	}
}
