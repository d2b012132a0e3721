package ranking

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestRankTable(t *testing.T) {
	t.Parallel()
	// Every expectation is a hand derivation from the tie rule in the
	// comment of the case.
	tests := []struct {
		name   string
		scores []float64
		ids    []string
		opt    Options
		want   []float64
	}{
		{"higher first, average", []float64{90, 80, 90, 70}, nil, Options{}, []float64{1.5, 3, 1.5, 4}},
		{"competition 1224", []float64{90, 80, 90, 70}, nil, Options{Ties: TieMin}, []float64{1, 3, 1, 4}},
		{"1334", []float64{90, 80, 90, 70}, nil, Options{Ties: TieMax}, []float64{2, 3, 2, 4}},
		{"dense 1223", []float64{90, 80, 90, 70}, nil, Options{Ties: TieDense}, []float64{1, 2, 1, 3}},
		{"ordinal by input order", []float64{90, 80, 90, 70}, nil, Options{Ties: TieOrdinal}, []float64{1, 3, 2, 4}},
		// ids "b" < "c": unit 2 (id b) wins the tie against unit 0 (id c).
		{"ordinal by id", []float64{90, 80, 90, 70}, []string{"c", "a", "b", "d"}, Options{Ties: TieOrdinal}, []float64{2, 3, 1, 4}},
		{"lower first", []float64{3, 1, 2}, nil, Options{Direction: LowerFirst}, []float64{3, 1, 2}},
		// 1e-15 apart is a tie under AbsTol 1e-9.
		{"absolute tolerance", []float64{80 + 1e-13, 80, 70}, nil, Options{Ties: TieMin, AbsTol: 1e-9}, []float64{1, 1, 3}},
		// chain: 1.00, 1.04, 1.08 linked pairwise at 0.05, so one group
		// although 1.00 and 1.08 differ by more than the tolerance.
		{"tolerance chains", []float64{1.00, 1.08, 1.04, 0.5}, nil, Options{AbsTol: 0.05}, []float64{2, 2, 2, 4}},
		// relative: |100 - 100.05| = 0.05 <= 1e-3 * 100.05.
		{"relative tolerance", []float64{100, 100.05, 99}, nil, Options{Ties: TieDense, RelTol: 1e-3}, []float64{1, 1, 2}},
		// ordinal inside a tolerance group follows ids, not the tiny score gap.
		{"ordinal in tolerance group", []float64{5 + 1e-12, 5}, []string{"z", "a"}, Options{Ties: TieOrdinal, AbsTol: 1e-9}, []float64{2, 1}},
		{"NaN last", []float64{math.NaN(), 2, math.NaN(), 3}, nil, Options{NaN: NaNLast}, []float64{3.5, 2, 3.5, 1}},
		{"NaN last, lower first", []float64{math.NaN(), 2, 3}, nil, Options{NaN: NaNLast, Direction: LowerFirst}, []float64{3, 1, 2}},
		{"signed zeros tie", []float64{math.Copysign(0, -1), 0}, nil, Options{}, []float64{1.5, 1.5}},
		{"infinities", []float64{math.Inf(1), math.Inf(-1), 0}, nil, Options{}, []float64{1, 3, 2}},
		// |Inf - 1e308| is infinite, and so is RelTol*Inf: no tie all the same.
		{"infinity beyond tolerance", []float64{math.Inf(1), 1e308, math.Inf(1)}, nil, Options{RelTol: 0.5}, []float64{1.5, 3, 1.5}},
		{"empty", []float64{}, nil, Options{}, []float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Rank(tc.scores, tc.ids, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Rank mismatch (-want +got):\n%s", diff)
			}
			fast := make([]float64, len(tc.scores))
			if err := NewRanker(len(tc.scores), tc.ids, tc.opt).Rank(fast, tc.scores); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, fast); diff != "" {
				t.Errorf("Ranker mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRankNaNError(t *testing.T) {
	t.Parallel()
	_, err := Rank([]float64{1, math.NaN()}, []string{"a", "b"}, Options{})
	var ue *UnitError
	if !errors.Is(err, ErrNaN) || !errors.As(err, &ue) || ue.Unit != "b" || ue.Index != 1 {
		t.Fatalf("err = %v, want a UnitError for unit b wrapping ErrNaN", err)
	}
	if err.Error() != `ranking: unit "b" (index 1): NaN score` {
		t.Errorf("message %q", err)
	}
	err = NewRanker(2, nil, Options{}).Rank(make([]float64, 2), []float64{math.NaN(), 1})
	if !errors.Is(err, ErrNaN) {
		t.Fatalf("Ranker: err = %v", err)
	}
}

func TestRankPanics(t *testing.T) {
	t.Parallel()
	expectPanics(t, map[string]func(){
		"ids length":     func() { _, _ = Rank([]float64{1, 2}, []string{"a"}, Options{}) },
		"negative tol":   func() { _, _ = Rank([]float64{1}, nil, Options{AbsTol: -1}) },
		"unknown ties":   func() { _, _ = Rank([]float64{1}, nil, Options{Ties: 9}) },
		"unknown dir":    func() { _, _ = Rank([]float64{1}, nil, Options{Direction: 5}) },
		"unknown nan":    func() { _, _ = Rank([]float64{1}, nil, Options{NaN: 5}) },
		"dst length":     func() { _ = RankTo(make([]float64, 1), []float64{1, 2}, nil, Options{}) },
		"ranker length":  func() { _ = NewRanker(2, nil, Options{}).Rank(make([]float64, 3), make([]float64, 3)) },
		"ranker ids len": func() { NewRanker(2, []string{"a"}, Options{}) },
	})
}

func TestEnumText(t *testing.T) {
	t.Parallel()
	for m := TieAverage; m <= TieOrdinal; m++ {
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back TieMethod
		if err := back.UnmarshalText(b); err != nil || back != m {
			t.Errorf("%v: round trip gave %v, %v", m, back, err)
		}
	}
	var d Direction
	if err := d.UnmarshalText([]byte("lower_first")); err != nil || d != LowerFirst {
		t.Errorf("Direction: %v %v", d, err)
	}
	var p NaNPolicy
	if err := p.UnmarshalText([]byte("last")); err != nil || p != NaNLast {
		t.Errorf("NaNPolicy: %v %v", p, err)
	}
	if err := p.UnmarshalText([]byte("sometimes")); err == nil {
		t.Error("unknown name accepted")
	}
	if _, err := TieMethod(9).MarshalText(); err == nil {
		t.Error("unknown value marshalled")
	}
	type textEnum interface {
		MarshalText() ([]byte, error)
		String() string
	}
	for _, c := range []struct {
		v    textEnum
		back interface{ UnmarshalText([]byte) error }
	}{
		{SamplingRandom, new(Sampling)}, {PAsymptotic, new(PMethod)}, {TauC, new(TauVariant)}, {OrderXY, new(TauOrder)},
		{FactorModel, new(FactorKind)}, {PerturbDirichlet, new(Perturbation)}, {LowerFirst, new(Direction)},
	} {
		b, err := c.v.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.back.UnmarshalText(b); err != nil || fmt.Sprint(c.back) != c.v.String() {
			t.Errorf("%v: round trip gave %v, %v", c.v, c.back, err)
		}
		if err := c.back.UnmarshalText([]byte("bogus")); err == nil {
			t.Errorf("%T accepted an unknown name", c.back)
		}
	}
	for _, v := range []textEnum{Sampling(7), PMethod(7), TauVariant(7), TauOrder(7), FactorKind(7), Perturbation(7)} {
		if _, err := v.MarshalText(); err == nil || !strings.HasSuffix(v.String(), "(7)") {
			t.Errorf("unknown %T: %q, %v", v, v.String(), err)
		}
	}
	if TieMethod(9).String() != "TieMethod(9)" || Direction(3).String() != "Direction(3)" || NaNPolicy(4).String() != "NaNPolicy(4)" {
		t.Error("String of unknown values")
	}
}

// scoresGen draws scores from a small grid so that ties are common.
func scoresGen() *rapid.Generator[[]float64] {
	return rapid.Custom(func(t *rapid.T) []float64 {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(rapid.IntRange(-5, 5).Draw(t, "score")) / 2
		}
		return x
	})
}

func optionsGen() *rapid.Generator[Options] {
	return rapid.Custom(func(t *rapid.T) Options {
		return Options{
			Direction: Direction(rapid.IntRange(0, 1).Draw(t, "direction")),
			Ties:      TieMethod(rapid.IntRange(0, 4).Draw(t, "ties")),
			AbsTol:    rapid.SampledFrom([]float64{0, 0.25, 0.6}).Draw(t, "abs_tol"),
			RelTol:    rapid.SampledFrom([]float64{0, 1e-12, 0.1}).Draw(t, "rel_tol"),
			Exact:     rapid.IntRange(0, 3).Draw(t, "exact") == 0,
			NaN:       NaNPolicy(rapid.IntRange(0, 1).Draw(t, "nan")),
		}
	})
}

func TestRankProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := scoresGen().Draw(t, "x")
		opt := optionsGen().Draw(t, "opt")
		if opt.NaN == NaNLast {
			for i := range x {
				if rapid.IntRange(0, 5).Draw(t, "is_nan") == 0 {
					x[i] = math.NaN()
				}
			}
		}
		orig := slices.Clone(x)
		r, err := Rank(x, nil, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(x, orig, func(a, b float64) bool { return a == b || a != a && b != b }) {
			t.Fatal("Rank modified its input")
		}
		// NaN scores rank after every number.
		for i := range x {
			for k := range x {
				if x[i] != x[i] && x[k] == x[k] && !(r[i] > r[k]) {
					t.Fatalf("NaN unit %d has rank %v, not after unit %d with %v", i, r[i], k, r[k])
				}
			}
		}
		n := float64(len(x))
		if opt.Ties == TieAverage || opt.Ties == TieOrdinal {
			var s float64
			for _, v := range r {
				s += v
			}
			if s != n*(n+1)/2 {
				t.Fatalf("ranks sum to %v, want %v", s, n*(n+1)/2)
			}
		}
		fast := make([]float64, len(x))
		if err := NewRanker(len(x), nil, opt).Rank(fast, x); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r, fast) {
			t.Fatalf("Ranker %v != Rank %v", fast, r)
		}
		// Permutation equivariance: permuting units permutes ranks. With
		// ids carried along, even ordinal ties follow the units.
		ids := make([]string, len(x))
		for i := range ids {
			ids[i] = string(rune('A'+i%26)) + string(rune('a'+i/26))
		}
		base, _ := Rank(x, ids, opt)
		perm := rapid.Permutation(identity(len(x))).Draw(t, "perm")
		px, pids := make([]float64, len(x)), make([]string, len(x))
		for k, i := range perm {
			px[k], pids[k] = x[i], ids[i]
		}
		pr, _ := Rank(px, pids, opt)
		for k, i := range perm {
			if pr[k] != base[i] {
				t.Fatalf("unit %s: rank %v after permutation, %v before", ids[i], pr[k], base[i])
			}
		}
	})
}

// TestRankerNearTies draws scores that agree in float32 but not in float64
// (the runs the Ranker re-sorts exactly) and checks it against Rank.
func TestRankerNearTies(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 60).Draw(t, "n")
		x := make([]float64, n)
		ids := make([]string, n)
		for i := range x {
			x[i] = float64(rapid.IntRange(0, 3).Draw(t, "base")) + float64(rapid.IntRange(-4, 4).Draw(t, "ulps"))*1e-13
			ids[i] = fmt.Sprint(string(rune('a'+rapid.IntRange(0, 25).Draw(t, "id"))), i) // distinct, in random order
		}
		opt := optionsGen().Draw(t, "opt")
		opt.AbsTol = rapid.SampledFrom([]float64{0, 2e-13}).Draw(t, "abs_tol")
		want, _ := Rank(x, ids, opt)
		got := make([]float64, n)
		if err := NewRanker(n, ids, opt).Rank(got, x); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(want, got) {
			t.Fatalf("Ranker %v, Rank %v for %v", got, want, x)
		}
	})
}

// TestRankerSequence ranks a sequence of vectors with one Ranker and
// checks every result against Rank: perturbations of a base vector small
// and large, exact and near ties, both zeros, infinities, bunched scores
// (the bucket sort's fallback) and, under NaNLast, NaNs.
func TestRankerSequence(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 80).Draw(t, "n")
		opt := optionsGen().Draw(t, "opt")
		var ids []string
		if rapid.Bool().Draw(t, "ids") {
			ids = make([]string, n)
			for i := range ids {
				ids[i] = fmt.Sprint(string(rune('a'+rapid.IntRange(0, 25).Draw(t, "id"))), i)
			}
		}
		special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 1, 1 + 1e-13, 1e6}
		base := make([]float64, n)
		for i := range base {
			base[i] = rapid.Float64Range(-10, 10).Draw(t, "base")
		}
		rk := NewRanker(n, ids, opt)
		x := make([]float64, n)
		got := make([]float64, n)
		for range rapid.IntRange(1, 6).Draw(t, "calls") {
			amount := rapid.SampledFrom([]float64{0, 1e-12, 0.01, 1, 30}).Draw(t, "amount")
			for i := range x {
				x[i] = base[i] + amount*rapid.Float64Range(-1, 1).Draw(t, "noise")
				switch rapid.IntRange(0, 9).Draw(t, "kind") {
				case 0:
					x[i] = special[rapid.IntRange(0, len(special)-1).Draw(t, "special")]
				case 1:
					if opt.NaN == NaNLast {
						x[i] = math.NaN()
					}
				case 2:
					x[i] = float64(rapid.IntRange(0, 3).Draw(t, "tie"))
				}
			}
			want, err := Rank(x, ids, opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := rk.Rank(got, x); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(want, got) {
				t.Fatalf("Ranker %v, Rank %v for %v", got, want, x)
			}
		}
	})
}

// TestApartImpliesNotTied checks the cheap tests that Rankers run before
// tied: scores apart calls apart, or further apart than the gap for a
// bound on their magnitudes, are never tied, for tolerances of every kind
// and scores near the tolerance's edge, both zeros, infinities and NaNs.
func TestApartImpliesNotTied(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		opt := optionsGen().Draw(t, "opt")
		tol := opt.tieTol()
		special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, 5e-324}
		a := rapid.Float64Range(-1e3, 1e3).Draw(t, "a")
		if rapid.IntRange(0, 4).Draw(t, "special a") == 0 {
			a = special[rapid.IntRange(0, len(special)-1).Draw(t, "a special")]
		}
		// b at about the tolerance's distance from a, give or take.
		m := math.Abs(a)
		edge := tol.abs + tol.rel*m
		b := a + edge*rapid.Float64Range(-3, 3).Draw(t, "edges") + float64(rapid.IntRange(-2, 2).Draw(t, "ulps"))*1e-16*m
		if rapid.IntRange(0, 4).Draw(t, "special b") == 0 {
			b = special[rapid.IntRange(0, len(special)-1).Draw(t, "b special")]
		}
		if tol.apart(a, b) && tol.tied(a, b) {
			t.Fatalf("apart and tied: %v, %v under %+v", a, b, tol)
		}
		// The gap for any bound m on the magnitudes.
		bound := max(math.Abs(a), math.Abs(b)) * rapid.SampledFrom([]float64{1, 1 + 1e-16, 1.5, 1e3}).Draw(t, "bound")
		if a-b > tol.gapOf(bound) && tol.tied(a, b) {
			t.Fatalf("%v - %v above the gap %v for %v and tied under %+v", a, b, tol.gapOf(bound), bound, tol)
		}
	})
}
