package ranking

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// genTieScores draws n scores from a small pool rich in ties: equal
// scores, both signed zeros, scores 1e-13 apart (within the default
// relative tolerance) and chains of them, and scores a tolerance apart.
func genTieScores(t *rapid.T, n int) []float64 {
	pool := []float64{0, math.Copysign(0, -1), 1, 1 + 1e-13, 1 + 2e-13, 1 + 3e-13, 2, 2.5, 3, -1, -1 - 1e-13, 10, 10.5, 11}
	return rapid.SliceOfN(rapid.OneOf(rapid.SampledFrom(pool), rapid.Float64Range(-5, 15)), n, n).Draw(t, "scores")
}

// TestRankOne checks rankOne against RankTo for every unit: the same rank
// bits, and tied exactly when another unit has the same rank, whenever
// rankOne answers; it must answer for every method but dense when the
// tie chains are short.
func TestRankOne(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		scores := genTieScores(t, n)
		var ids []string
		if rapid.Bool().Draw(t, "ids") {
			for _, k := range rapid.Permutation(seqInts(n)).Draw(t, "order") {
				ids = append(ids, fmt.Sprintf("u%02d", k))
			}
		}
		opt := Options{Ties: TieMethod(rapid.IntRange(0, int(TieOrdinal)).Draw(t, "ties")),
			Direction: rapid.SampledFrom([]Direction{HigherFirst, LowerFirst}).Draw(t, "direction"),
			Exact:     rapid.Bool().Draw(t, "exact"),
			AbsTol:    rapid.SampledFrom([]float64{0, 1e-12, 0.1, 0.6}).Draw(t, "abs"),
			RelTol:    rapid.SampledFrom([]float64{0, 1e-12, 0.05}).Draw(t, "rel")}
		want := make([]float64, n)
		if err := RankTo(want, scores, ids, opt); err != nil {
			t.Fatal(err)
		}
		for j := range n {
			rank, tied, ok := rankOne(scores, ids, j, opt)
			if !ok {
				if opt.Ties != TieDense && opt.AbsTol < 0.5 && opt.RelTol < 0.05 {
					t.Fatalf("unit %d: no answer", j)
				}
				continue
			}
			wantTied := false
			for k, r := range want {
				wantTied = wantTied || k != j && r == want[j]
			}
			if math.Float64bits(rank) != math.Float64bits(want[j]) || tied != wantTied {
				t.Fatalf("unit %d: rank %v tied %v, want %v %v (all %v)", j, rank, tied, want[j], wantTied, want)
			}
		}
	})
}

func seqInts(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestWhatIfRanker checks whatIfRanker.rankOf against Classify (Rank[u]
// and Tied(u)) on other scores, under ranking sections with categories
// ranked apart or together, an unranked category, vetoed units ranked
// last or by score, every tie method and both directions.
func TestWhatIfRanker(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 10).Draw(t, "n")
		units := Units{Scores: genTieScores(t, n)}
		for _, k := range rapid.Permutation(seqInts(n)).Draw(t, "order") {
			units.IDs = append(units.IDs, fmt.Sprintf("u%02d", k))
		}
		spec := &indicator.RankingSpec{Ties: rapid.SampledFrom([]string{"average", "min", "max", "dense", "ordinal"}).Draw(t, "ties"),
			Direction: rapid.SampledFrom([]string{"", "lower_first"}).Draw(t, "direction"), AbsTol: rapid.SampledFrom([]float64{0, 0.6}).Draw(t, "abs")}
		if rapid.Bool().Draw(t, "veto") {
			units.Vetoed = rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "vetoed")
			spec.VetoPlacement = rapid.SampledFrom([]string{"", "last"}).Draw(t, "placement")
		}
		if rapid.Bool().Draw(t, "categories") {
			spec.Category = "kind"
			spec.Scope = rapid.SampledFrom([]string{"", "all"}).Draw(t, "scope")
			spec.Categories = []indicator.CategorySpec{{Name: "a"}, {Name: "b", Unranked: spec.Scope == "" && rapid.Bool().Draw(t, "unranked")}}
			units.Categories = rapid.SliceOfN(rapid.SampledFrom([]string{"a", "b"}), n, n).Draw(t, "kinds")
		}
		st, err := Classify(units, spec)
		if err != nil {
			t.Fatal(err)
		}
		r := newWhatIfRanker(st, units)
		for range 3 {
			alt := units
			alt.Scores = genTieScores(t, n)
			want, err := Classify(alt, spec)
			if err != nil {
				t.Fatal(err)
			}
			for u := range n {
				rank, tied, ok := r.rankOf(alt.Scores, u)
				if !ok {
					t.Fatalf("unit %d: no answer", u)
				}
				if math.Float64bits(rank) != math.Float64bits(want.Rank[u]) || tied != want.Tied(u) {
					t.Fatalf("unit %d: rank %v tied %v, want %v %v", u, rank, tied, want.Rank[u], want.Tied(u))
				}
			}
		}
	})
}

// TestPeerMedians checks peerMedians against peerMedian for every unit,
// bit for bit, on values rich in ties, both signed zeros and NaN.
func TestPeerMedians(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		pool := []float64{math.NaN(), 0, math.Copysign(0, -1), 1, 2, 3, -4.5, 1e300}
		if !rapid.Bool().Draw(t, "negzero") {
			pool = slices.DeleteFunc(pool, func(v float64) bool { return v == 0 && math.Signbit(v) })
		}
		x := rapid.SliceOfN(rapid.OneOf(rapid.SampledFrom(pool), rapid.Float64Range(-10, 10)), n, n).Draw(t, "x")
		got := peerMedians(x)
		for u := range x {
			if want := peerMedian(x, u); math.Float64bits(got[u]) != math.Float64bits(want) {
				t.Fatalf("unit %d: %v, want %v (x %v)", u, got[u], want, x)
			}
		}
	})
}

// TestExplainWhatIfFull checks Explain's what-if figures against the
// plain computation they replace: every cell's score, rank and tie from
// a new evaluation of the whole model on the table with the value
// changed and a new Classify of all the units with that evaluation's
// scores and veto flags, bit for bit (no figures where that evaluation
// fails), on random models, data and ranking sections (ties, direction,
// tolerance, vetoed units ranked last, a veto rule on a group's score
// that a what-if may bring or lift).
func TestExplainWhatIfFull(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rapid.Check(t, func(t *rapid.T) {
		m, tab := testModel(t, rapid.IntRange(3, 12).Draw(t, "units"), rapid.IntRange(1, 3).Draw(t, "groups"),
			rapid.IntRange(1, 4).Draw(t, "leaves"), rapid.Uint64().Draw(t, "seed"))
		m.Ranking = &indicator.RankingSpec{Ties: rapid.SampledFrom([]string{"average", "min", "max", "dense", "ordinal"}).Draw(t, "ties"),
			Direction: rapid.SampledFrom([]string{"", "lower_first"}).Draw(t, "direction"), AbsTol: rapid.SampledFrom([]float64{0, 2}).Draw(t, "abs"),
			VetoPlacement: rapid.SampledFrom([]string{"", "last"}).Draw(t, "placement")}
		if rapid.Bool().Draw(t, "veto") {
			m.Root.Children[0].Veto = []indicator.Veto{{Op: "<", Threshold: 40}}
		}
		p := compile(t, m)
		e, err := Explain(ctx, p, tab, ExplainSettings{})
		if err != nil {
			t.Fatal(err)
		}
		for u, row := range e.Cells {
			for k, c := range row {
				if math.IsNaN(c.PeerMedian) || c.PeerMedian == c.Raw {
					continue
				}
				t2, err := tab.WithValue(u, e.Indicators[k].Column, c.PeerMedian)
				if err != nil {
					t.Fatal(err)
				}
				res, err := p.Evaluate(ctx, t2)
				if err != nil {
					if !math.IsNaN(c.WhatIfScore) || !math.IsNaN(c.WhatIfRank) || c.WhatIfTied {
						t.Fatalf("unit %d, indicator %d: %v %v %v, want no figures (%v)", u, k, c.WhatIfScore, c.WhatIfRank, c.WhatIfTied, err)
					}
					continue
				}
				units, err := UnitsOf(res, t2, m.Ranking)
				if err != nil {
					t.Fatal(err)
				}
				st, err := Classify(units, m.Ranking)
				if err != nil {
					t.Fatal(err)
				}
				if math.Float64bits(c.WhatIfScore) != math.Float64bits(res.Score[u]) || math.Float64bits(c.WhatIfRank) != math.Float64bits(st.Rank[u]) || c.WhatIfTied != st.Tied(u) {
					t.Fatalf("unit %d, indicator %d: %v %v %v, want %v %v %v", u, k, c.WhatIfScore, c.WhatIfRank, c.WhatIfTied, res.Score[u], st.Rank[u], st.Tied(u))
				}
			}
		}
	})
}

// TestExplainWhatIfVeto checks a what-if that lifts a veto under veto
// placement "last", derived by hand: a and b used as they are (none),
// weights 1 and 1, a veto when a's score is below 40. A (a = 30, b = 90)
// scores 60 but is vetoed, so ranks 4th after B (55), C (50) and D (45).
// With the peers' median of a, 70 (of 50, 70 and 80), A scores 80 and
// is no longer vetoed: 1st. With the peers' median of b, 30 (of 60, 30
// and 10), A scores 30, still vetoed: 4th.
func TestExplainWhatIfVeto(t *testing.T) {
	t.Parallel()
	none := &indicator.Normalization{Method: indicator.NormNone}
	m := &indicator.Model{Version: 1, Name: "veto", Root: &indicator.Node{ID: "r", Normalization: none, Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1, Veto: []indicator.Veto{{Op: "<", Threshold: 40}}},
		{ID: "b", Column: "b", Weight: 1}}},
		Ranking: &indicator.RankingSpec{Ties: "min", VetoPlacement: "last"}}
	tab, err := indicator.NewTable([]string{"A", "B", "C", "D"}, []string{"a", "b"}, [][]float64{{30, 90}, {50, 60}, {70, 30}, {80, 10}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := Explain(context.Background(), compile(t, m), tab, ExplainSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Rank[0] != 4 {
		t.Errorf("A ranks %v, want 4", e.Rank[0])
	}
	for k, want := range []struct{ median, score, rank float64 }{{70, 80, 1}, {30, 30, 4}} {
		c := e.Cells[0][k]
		if c.PeerMedian != want.median || c.WhatIfScore != want.score || c.WhatIfRank != want.rank || c.WhatIfTied {
			t.Errorf("A, indicator %s: median %v, what-if score %v rank %v tied %v, want %v %v %v false",
				e.Indicators[k].ID, c.PeerMedian, c.WhatIfScore, c.WhatIfRank, c.WhatIfTied, want.median, want.score, want.rank)
		}
	}
}
