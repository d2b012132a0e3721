package ranking

import (
	"errors"
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// corrTol is the tolerance for hand-derived correlations: a few ulps of
// the arithmetic involved.
const corrTol = 1e-12

func TestKendallHand(t *testing.T) {
	t.Parallel()
	// n = 3 in the same order: C = 3, D = 0, tau = 1; exact p = 2 P(D' <= 0)
	// = 2/3! = 1/3.
	r, err := Kendall([]float64{1, 2, 3}, []float64{10, 20, 30}, KendallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Tau != 1 || math.Abs(r.P-1.0/3) > corrTol || r.Method != PExact {
		t.Errorf("got %+v, want tau 1, p 1/3, exact", r)
	}
	// x = 1 2 3 4, y = 1 3 2 4: one discordant pair of 6, tau = (5-1)/6.
	// Exact: P(D' <= 1) = (1 + 3)/24, p = 1/3.
	r, _ = Kendall([]float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}, KendallOptions{})
	if math.Abs(r.Tau-4.0/6) > corrTol || math.Abs(r.P-1.0/3) > corrTol {
		t.Errorf("got %+v, want tau 2/3, p 1/3", r)
	}
	if _, err := Kendall([]float64{1, 1, 2}, []float64{1, 2, 3}, KendallOptions{PValue: PExact}); !errors.Is(err, ErrExactTies) {
		t.Errorf("exact with ties: err = %v", err)
	}
	if _, err := Kendall([]float64{1, 1, 1}, []float64{1, 2, 3}, KendallOptions{}); !errors.Is(err, ErrConstant) {
		t.Errorf("constant: err = %v", err)
	}
	if _, err := Kendall([]float64{1}, []float64{1}, KendallOptions{}); !errors.Is(err, ErrTooFew) {
		t.Errorf("n=1: err = %v", err)
	}
	if _, err := Spearman([]float64{1, math.NaN(), 2}, []float64{1, 2, 3}); !errors.Is(err, ErrNaN) {
		t.Errorf("NaN: err = %v", err)
	}
	if _, err := WeightedTau([]float64{2, 2, 2}, []float64{1, 2, 3}, WeightedTauOptions{}); !errors.Is(err, ErrConstant) {
		t.Errorf("weighted tau constant: err = %v", err)
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	a := []float64{1, 2, 3, 4}
	b := []float64{2, 1, 3, 4}
	// shifts -> 1, -1, 0, 0; mean |shift| = 2/4.
	if got := Shift(a, b); !slices.Equal(got, []float64{1, -1, 0, 0}) {
		t.Errorf("Shift = %v", got)
	}
	if got := MeanAbsShift(a, b); got != 0.5 {
		t.Errorf("MeanAbsShift = %v", got)
	}
	// top-1: {0} vs {1}: disjoint; top-2: {0,1} both.
	if TopKOverlap(a, b, 1) != 0 || TopKOverlap(a, b, 2) != 1 {
		t.Error("TopKOverlap")
	}
}

func TestCorrelationPanics(t *testing.T) {
	t.Parallel()
	expectPanics(t, map[string]func(){
		"kendall":   func() { _, _ = Kendall([]float64{1}, []float64{1, 2}, KendallOptions{}) },
		"spearman":  func() { _, _ = Spearman([]float64{1}, []float64{1, 2}) },
		"weighted":  func() { _, _ = WeightedTau([]float64{1}, []float64{1, 2}, WeightedTauOptions{}) },
		"topk zero": func() { TopKOverlap([]float64{1}, []float64{1}, 0) },
		"variant":   func() { _, _ = Kendall([]float64{1, 2}, []float64{1, 2}, KendallOptions{Variant: 7}) },
		"order":     func() { _, _ = WeightedTau([]float64{1, 2}, []float64{1, 2}, WeightedTauOptions{Order: 7}) },
	})
}

func TestCorrelationProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 30).Draw(t, "n")
		x := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			x[i] = float64(rapid.IntRange(0, 6).Draw(t, "x"))
			y[i] = float64(rapid.IntRange(0, 6).Draw(t, "y"))
		}
		ox, oy := slices.Clone(x), slices.Clone(y)
		in := func(v float64) bool { return v >= -1 && v <= 1 }
		if k, err := Kendall(x, y, KendallOptions{}); err == nil {
			k2, _ := Kendall(y, x, KendallOptions{})
			if !in(k.Tau) || !(k.P >= 0 && k.P <= 1) || math.Abs(k.Tau-k2.Tau) > corrTol {
				t.Fatalf("kendall %+v, swapped %+v", k, k2)
			}
		}
		if s, err := Spearman(x, y); err == nil && (!in(s.Rho) || !(s.P >= 0 && s.P <= 1)) {
			t.Fatalf("spearman %+v", s)
		}
		if w, err := WeightedTau(x, y, WeightedTauOptions{}); err == nil {
			w2, _ := WeightedTau(y, x, WeightedTauOptions{})
			if !in(w) || math.Abs(w-w2) > corrTol {
				t.Fatalf("weighted tau %v, swapped %v", w, w2)
			}
		}
		if !slices.Equal(x, ox) || !slices.Equal(y, oy) {
			t.Fatal("inputs modified")
		}
		// Distinct values: identical gives 1, reversed gives -1.
		u := rapid.Permutation(identity(n)).Draw(t, "u")
		fu := make([]float64, n)
		rev := make([]float64, n)
		for i, v := range u {
			fu[i] = float64(v)
			rev[i] = float64(-v)
		}
		k1, _ := Kendall(fu, fu, KendallOptions{})
		k2, _ := Kendall(fu, rev, KendallOptions{})
		s1, _ := Spearman(fu, fu)
		s2, _ := Spearman(fu, rev)
		w1, _ := WeightedTau(fu, fu, WeightedTauOptions{})
		w2, _ := WeightedTau(fu, rev, WeightedTauOptions{})
		if k1.Tau != 1 || k2.Tau != -1 || s1.Rho != 1 || s2.Rho != -1 || math.Abs(w1-1) > corrTol || math.Abs(w2+1) > corrTol {
			t.Fatalf("identical/reversed: kendall %v %v spearman %v %v weighted %v %v", k1.Tau, k2.Tau, s1.Rho, s2.Rho, w1, w2)
		}
	})
}
