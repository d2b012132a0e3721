package ranking_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// explainModel has two indicators with equal weights under min-max over
// the data; b is lower-is-better and measured in days.
const explainModel = `{"ppgpa": 1, "name": "m", "root": {"id": "total", "children": [
  {"id": "a", "name": "甲", "unit": "%", "column": "a", "weight": 1},
  {"id": "b", "name": "乙", "unit": "天", "column": "b", "polarity": "lower", "weight": 1}]},
  "ranking": {"ties": "min"}}`

func explainPlan(t testing.TB, model string) *indicator.Plan {
	t.Helper()
	m, err := indicator.DecodeModel(strings.NewReader(model))
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExplainHand checks Explain against a hand derivation. Data
// a = 10, 5, 0 gives a' = 100, 50, 0; b (lower is better) = 6, 2, 4
// gives b' = 0, 100, 50. Scores: U1 50, U2 75, U3 25; ranks 2, 1, 3.
// U1 on b: raw 6, peers' median (2+4)/2 = 3 days, place 3 of 3; at b = 3
// the range is still 2..4 (U1 is no longer the maximum, 4 is): b' =
// 100 (4-3)/(4-2) = 50 for U1 and U3's b' = 0, so U1 = 75, tied with
// U2 at rank 1 ("min" ties).
func TestExplainHand(t *testing.T) {
	t.Parallel()
	p := explainPlan(t, explainModel)
	tab, err := indicator.ReadCSV(strings.NewReader("unit,a,b\nU1,10,6\nU2,5,2\nU3,0,4\n"), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ranking.Explain(context.Background(), p, tab, ranking.ExplainSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(e.Score, e.Rank) != "[50 75 25] [2 1 3]" {
		t.Fatalf("scores %v ranks %v", e.Score, e.Rank)
	}
	x := e.Indicators[1]
	if x.Unit != "天" || !x.LowerIsBetter || x.Weight != 0.5 || x.Distinct != 3 || !x.Informative() {
		t.Errorf("indicator b: %+v", x)
	}
	c := e.Cells[0][1]
	want := ranking.Cell{Raw: 6, Score: 0, Points: 0, Place: 3, Of: 3, PeerMedian: 3, PeerScore: 75, WhatIfScore: 75, WhatIfRank: 1, WhatIfTied: true}
	if c != want {
		t.Errorf("U1 on b: %+v\nwant %+v", c, want)
	}
	if !c.Better(x) {
		t.Errorf("3 days is not better than 6 for a lower-is-better indicator")
	}
	// U1 on a: raw 10, peers' median 2.5, place 1; its points 50.
	if c := e.Cells[0][0]; c.Points != 50 || c.Place != 1 || c.PeerMedian != 2.5 || c.Better(e.Indicators[0]) {
		t.Errorf("U1 on a: %+v", c)
	}
	s, w := e.StrengthsWeaknesses(0, 0, false)
	if fmt.Sprint(s, w) != "[0] [1]" {
		t.Errorf("strengths %v weaknesses %v, want [0] [1]", s, w)
	}
}

// TestExplainUninformative checks that a yes/no indicator is left out of
// strengths and weaknesses unless asked for.
func TestExplainUninformative(t *testing.T) {
	t.Parallel()
	p := explainPlan(t, explainModel)
	tab, err := indicator.ReadCSV(strings.NewReader("unit,a,b\nU1,1,6\nU2,0,2\nU3,0,4\nU4,1,3\n"), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ranking.Explain(context.Background(), p, tab, ranking.ExplainSettings{NoWhatIf: true})
	if err != nil {
		t.Fatal(err)
	}
	if e.Indicators[0].Informative() || !math.IsNaN(e.Cells[0][0].WhatIfScore) {
		t.Fatalf("a has %d values; what-if %v", e.Indicators[0].Distinct, e.Cells[0][0].WhatIfScore)
	}
	// U2: a' = 0 < peers' median 100 (a weakness only when asked), tied
	// with U3 for place 3.
	_, w := e.StrengthsWeaknesses(1, 0, false)
	_, wAll := e.StrengthsWeaknesses(1, 0, true)
	if fmt.Sprint(w, wAll) != "[] [0]" || !e.Cells[1][0].Tied || e.Cells[1][0].Place != 3 {
		t.Errorf("weaknesses %v, with all %v; cell %+v", w, wAll, e.Cells[1][0])
	}
}

// TestPropertyExplain checks on random data that the points of a unit's
// indicators sum to its score, and that the what-if score and rank at
// the peers' median are what Evaluate and Rank give on a table built
// independently with the changed value, or NaN where Evaluate fails on
// it.
func TestPropertyExplain(t *testing.T) {
	t.Parallel()
	p := explainPlan(t, explainModel)
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(2, 8).Draw(rt, "n")
		var csv strings.Builder
		csv.WriteString("unit,a,b\n")
		rows := make([][2]float64, n)
		for i := range n {
			rows[i] = [2]float64{float64(rapid.IntRange(0, 20).Draw(rt, "a")), float64(rapid.IntRange(0, 20).Draw(rt, "b"))}
			fmt.Fprintf(&csv, "u%d,%v,%v\n", i, rows[i][0], rows[i][1])
		}
		tab, err := indicator.ReadCSV(strings.NewReader(csv.String()), indicator.CSVOptions{})
		if err != nil {
			rt.Fatal(err)
		}
		e, err := ranking.Explain(context.Background(), p, tab, ranking.ExplainSettings{})
		if err != nil {
			rt.Skip(err) // a constant column is an error of min-max
		}
		for u := range n {
			sum := 0.0
			for _, c := range e.Cells[u] {
				sum += c.Points
			}
			if math.Abs(sum-e.Score[u]) > 1e-9 {
				rt.Fatalf("unit %d: points sum to %v, score %v", u, sum, e.Score[u])
			}
		}
		u := rapid.IntRange(0, n-1).Draw(rt, "u")
		k := rapid.IntRange(0, 1).Draw(rt, "k")
		c := e.Cells[u][k]
		var mod strings.Builder
		mod.WriteString("unit,a,b\n")
		for i, r := range rows {
			if i == u {
				r[k] = c.PeerMedian
			}
			fmt.Fprintf(&mod, "u%d,%v,%v\n", i, r[0], r[1])
		}
		tab2, err := indicator.ReadCSV(strings.NewReader(mod.String()), indicator.CSVOptions{})
		if err != nil {
			rt.Fatal(err)
		}
		res, err := p.Evaluate(context.Background(), tab2)
		if err != nil {
			// The median leaves the column without spread: no figures.
			if !math.IsNaN(c.WhatIfScore) || !math.IsNaN(c.WhatIfRank) {
				rt.Fatalf("unit %d indicator %d: what-if %v rank %v, Evaluate on the changed data: %v", u, k, c.WhatIfScore, c.WhatIfRank, err)
			}
			return
		}
		r, err := ranking.Rank(res.Score, res.Units, ranking.Options{Ties: ranking.TieMin})
		if err != nil {
			rt.Fatal(err)
		}
		if c.WhatIfScore != res.Score[u] || c.WhatIfRank != r[u] {
			rt.Fatalf("unit %d indicator %d: what-if %v rank %v, Evaluate on the changed data %v rank %v", u, k, c.WhatIfScore, c.WhatIfRank, res.Score[u], r[u])
		}
	})
}

// TestExplainWhatIfUnevaluable checks what-ifs that the model cannot
// evaluate, derived by hand. Categories a (codes 1, 2, 3 score 0, 50,
// 100) and min-max b = 5, 9, 7 (0, 100, 50) give A 0, B 75, C 75. A's
// peers' median of a is 2.5 and C's 1.5, not codes: no what-if figure
// (NaN), where Explain failed. A's peers' median of b, 8, gives b' = 50,
// 100, 0, so A scores 25, still 3rd. Then a = 0, 1, 1 under min-max: A's
// peers' median 1 leaves a without spread (a constant column): no
// figure. Then a read from a text column (labels 低, 中, 高 of the
// codes): no raw value nor what-if (the table has no number), three
// distinct labels, the scores of the codes; Explain panicked.
func TestExplainWhatIfUnevaluable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const categories = `{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [
  {"id": "a", "column": "a", "weight": 1, "normalization": {"method": "categories",
    "categories": [{"value": 1, "points": 0, "label": "低"}, {"value": 2, "points": 50, "label": "中"}, {"value": 3, "points": 100, "label": "高"}]}},
  {"id": "b", "column": "b", "weight": 1}]}}`
	tab, err := indicator.NewTable([]string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{1, 5}, {2, 9}, {3, 7}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ranking.Explain(ctx, explainPlan(t, categories), tab, ranking.ExplainSettings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		u, k                       int
		median, score, rank, wrank float64
	}{{0, 0, 2.5, math.NaN(), math.NaN(), 3}, {2, 0, 1.5, math.NaN(), math.NaN(), 1.5}, {0, 1, 8, 25, 3, 3}} {
		got := e.Cells[c.u][c.k]
		if got.PeerMedian != c.median || !same(got.WhatIfScore, c.score) || !same(got.WhatIfRank, c.rank) || e.Rank[c.u] != c.wrank {
			t.Errorf("unit %d, indicator %d: median %v, what-if %v, rank %v (rank %v), want %v %v %v (%v)",
				c.u, c.k, got.PeerMedian, got.WhatIfScore, got.WhatIfRank, e.Rank[c.u], c.median, c.score, c.rank, c.wrank)
		}
	}

	tab, err = indicator.NewTable([]string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{0, 5}, {1, 9}, {1, 7}})
	if err != nil {
		t.Fatal(err)
	}
	if e, err = ranking.Explain(ctx, explainPlan(t, explainModel), tab, ranking.ExplainSettings{}); err != nil {
		t.Fatal(err)
	}
	if c := e.Cells[0][0]; c.PeerMedian != 1 || !math.IsNaN(c.WhatIfScore) || !math.IsNaN(c.WhatIfRank) {
		t.Errorf("constant column: median %v, what-if %v rank %v, want 1, NaN, NaN", c.PeerMedian, c.WhatIfScore, c.WhatIfRank)
	}

	labels := strings.Replace(categories, `"column": "a"`, `"column": "level"`, 1)
	tab, err = indicator.NewTable([]string{"A", "B", "C"}, []string{"b"}, [][]float64{{5}, {9}, {7}})
	if err != nil {
		t.Fatal(err)
	}
	if tab, err = tab.WithAttribute("level", []string{"低", "中", "高"}); err != nil {
		t.Fatal(err)
	}
	if e, err = ranking.Explain(ctx, explainPlan(t, labels), tab, ranking.ExplainSettings{}); err != nil {
		t.Fatal(err)
	}
	for u, score := range []float64{0, 50, 100} {
		c := e.Cells[u][0]
		if !math.IsNaN(c.Raw) || !math.IsNaN(c.PeerMedian) || c.Score != score || !math.IsNaN(c.WhatIfScore) {
			t.Errorf("labels, unit %d: raw %v, median %v, score %v, what-if %v, want NaN, NaN, %v, NaN", u, c.Raw, c.PeerMedian, c.Score, c.WhatIfScore, score)
		}
	}
	if d := e.Indicators[0].Distinct; d != 3 {
		t.Errorf("labels: %d distinct, want 3", d)
	}
}

// same reports whether a and b are equal or both NaN.
func same(a, b float64) bool { return a == b || a != a && b != b }

// TestExplainPeerMode checks the Label and PeerMode of an indicator read
// from a text column of labels against a count made afresh for every
// unit among the other units (the most common label, "" when two or more
// are as common or none is there), on random columns of three labels,
// some missing ("NA", left out of the count), in random unit orders. An
// indicator of numbers has neither.
func TestExplainPeerMode(t *testing.T) {
	const model = `{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [
  {"id": "a", "column": "level", "weight": 1, "imputation": {"method": "median"}, "normalization": {"method": "categories",
    "categories": [{"value": 1, "points": 0, "label": "低"}, {"value": 2, "points": 50, "label": "中"}, {"value": 3, "points": 100, "label": "高"}]}},
  {"id": "b", "column": "b", "weight": 1}]}}`
	p := explainPlan(t, model)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 9).Draw(t, "n")
		labels := rapid.SliceOfN(rapid.SampledFrom([]string{"低", "中", "高", "NA"}), n, n).Draw(t, "labels")
		units, b := make([]string, n), make([][]float64, n)
		for u := range n {
			units[u], b[u] = fmt.Sprintf("U%d", u), []float64{float64(u)}
		}
		tab, err := indicator.NewTable(units, []string{"b"}, b)
		if err != nil {
			t.Fatal(err)
		}
		if tab, err = tab.WithAttribute("level", labels); err != nil {
			t.Fatal(err)
		}
		e, err := ranking.Explain(context.Background(), p, tab, ranking.ExplainSettings{NoWhatIf: true})
		if err != nil {
			t.Skip(err) // a column the model cannot score (all missing, say)
		}
		if !e.Indicators[0].Labels || e.Indicators[1].Labels {
			t.Fatalf("labels %v, %v, want true, false", e.Indicators[0].Labels, e.Indicators[1].Labels)
		}
		for u := range n {
			count := map[string]int{}
			for v, l := range labels {
				if v != u && l != "NA" {
					count[l]++
				}
			}
			mode, most := "", 0
			for l, c := range count {
				switch {
				case c > most:
					mode, most = l, c
				case c == most:
					mode = ""
				}
			}
			label := labels[u]
			if label == "NA" {
				label = ""
			}
			if c := e.Cells[u][0]; c.Label != label || c.PeerMode != mode {
				t.Errorf("unit %d of %q: label %q, peers' mode %q, want %q, %q", u, labels, c.Label, c.PeerMode, label, mode)
			}
			if c := e.Cells[u][1]; c.Label != "" || c.PeerMode != "" {
				t.Errorf("unit %d: numbers with label %q, mode %q", u, c.Label, c.PeerMode)
			}
		}
	})
}
