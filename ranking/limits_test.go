package ranking

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestBounds checks that every count an analysis allocates from is checked
// against MaxReplications and MaxCells before the allocation: each case
// is one over a bound of the package documentation's table and must
// return ErrTooLarge naming the count, at once (before the change, each
// ran or allocated gigabytes). The bounds themselves are checked at the
// edge (8,192 units fit the rank histogram, 8,193 do not).
func TestBounds(t *testing.T) {
	ctx := context.Background()
	units := func(n int) ([]float64, []float64, []string) {
		est, se, ids := make([]float64, n), make([]float64, n), make([]string, n)
		for i := range est {
			est[i], se[i], ids[i] = float64(i), 1, "u"+strconv.Itoa(i)
		}
		return est, se, ids
	}
	est2, se2, ids2 := units(2)
	est9, se9, ids9 := units(8193)
	m, tab := testModel(t, 6, 2, 2, 3)
	p := compile(t, m)
	factors := []Factor{{Name: "group weights", Amount: 0.5, Groups: LevelGroups(p, 1)}}
	for name, c := range map[string]struct {
		run  func() error
		want string
	}{
		"parametric replications": {func() error {
			_, err := Parametric(ctx, est2, se2, ids2, Settings{Replications: MaxReplications + 1})
			return err
		}, "replications 10000001 exceeds 10000000"},
		"parametric units": {func() error {
			_, err := Parametric(ctx, est9, se9, ids9, Settings{Replications: 1})
			return err
		}, "the rank histogram would hold 8193 × 16385 numbers"},
		"parametric cov units": {func() error {
			_, err := ParametricCov(ctx, est9, mat.NewDiagDense(8193, se9), ids9, Settings{Replications: 1})
			return err
		}, "8193 × 16385"},
		"counts replications": {func() error {
			_, err := BootstrapCounts(ctx, [][]int{{1, 2}, {2, 1}}, []float64{0, 1}, ids2, Settings{Replications: MaxReplications + 1})
			return err
		}, "replications 10000001"},
		"monte carlo replications": {func() error {
			_, err := MonteCarlo(ctx, p, tab, factors, Settings{Replications: MaxReplications + 1})
			return err
		}, "replications 10000001"},
		"confidence draws": {func() error {
			_, err := RankConfidence(ctx, est2, mat.NewDiagDense(2, se2), ConfidenceSettings{Draws: MaxReplications + 1})
			return err
		}, "draws 10000001"},
		"confidence draws × units": {func() error {
			_, err := RankConfidence(ctx, est9, mat.NewDiagDense(8193, se9), ConfidenceSettings{Draws: MaxReplications})
			return err
		}, "the draws would hold 10000000 × 8193 numbers"},
		"top set draws": {func() error {
			_, err := TopSet(ctx, est2, mat.NewDiagDense(2, se2), 1, ConfidenceSettings{Draws: MaxReplications + 1})
			return err
		}, "draws 10000001"},
		"sobol n": {func() error {
			_, err := Sobol(ctx, p, tab, factors, SobolSettings{N: MaxReplications + 1})
			return err
		}, "base points N 10000001"},
		"sobol runs": {func() error {
			_, err := Sobol(ctx, p, tab, factors, SobolSettings{N: MaxReplications})
			return err
		}, "the model runs would hold 10000000 × 3 × 7 numbers"},
		"sobol bootstrap": {func() error {
			_, err := Sobol(ctx, p, tab, factors, SobolSettings{N: 8, Bootstrap: MaxReplications})
			return err
		}, "the resampled indices would hold 10000000 × 7 × 2 numbers"},
	} {
		err := c.run()
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want ErrTooLarge with %q", name, err, c.want)
		}
	}
	if err := checkSize(MaxReplications, "n", "the rank histogram", histCells(8192)...); err != nil {
		t.Errorf("8,192 units: %v", err)
	}
	if err := checkSize(0, "", "x", math.MaxInt, math.MaxInt); !errors.Is(err, ErrTooLarge) {
		t.Errorf("an overflowing product: %v", err)
	}
	if err := checkSize(0, "", "x", 0, math.MaxInt, math.MaxInt); err != nil {
		t.Errorf("an empty array: %v", err)
	}
}
