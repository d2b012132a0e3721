package indicator_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/indicator"
	"pgregory.net/rapid"
)

// TestCopeland checks the copeland aggregation against COINr's
// outrankMatrix and a_copeland, transcribed in
// testdata/copeland.py (exact fractions), whose output gives the expected scores for three
// sets of weights (equal; 1:1:2; 1:1:0).
func TestCopeland(t *testing.T) {
	t.Parallel()
	rows := [][]float64{{10, 20, 30}, {20, 10, 30}, {30, 30, 10}, {5, 5, 5}, {20, 20, 20}}
	tab := mustTable(t, []string{"A", "B", "C", "D", "E"}, []string{"x", "y", "z"}, rows)
	for _, tc := range []struct {
		w    []float64
		want []float64
	}{
		{[]float64{1, 1, 1}, []float64{0, 0, 4, -4, 0}},
		{[]float64{1, 1, 2}, []float64{2, 2, 1, -4, -1}},
		{[]float64{1, 1, 0}, []float64{-1, -1, 4, -4, 2}},
	} {
		root := &indicator.Node{ID: "root", Aggregation: &indicator.Aggregation{Method: indicator.Copeland},
			Normalization: &indicator.Normalization{Method: indicator.NormNone}}
		for j, c := range []string{"x", "y", "z"} {
			root.Children = append(root.Children, &indicator.Node{ID: c, Column: c, Weight: tc.w[j]})
		}
		r := mustEval(t, &indicator.Model{Version: 1, Name: "c", Root: root}, tab)
		if d := cmp.Diff(tc.want, r.Score); d != "" {
			t.Errorf("weights %v (-want +got):\n%s", tc.w, d)
		}
	}
}

// TestPropertyCopeland checks that Copeland scores are antisymmetric
// pairwise wins and losses: they sum to 0, each lies in [-(n-1), n-1], and
// a unit that is at least as good on every child as another scores at
// least as much.
func TestPropertyCopeland(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 8).Draw(t, "n")
		k := rapid.IntRange(1, 4).Draw(t, "k")
		units := make([]string, n)
		rows := make([][]float64, n)
		for u := range rows {
			units[u] = string(rune('A' + u))
			rows[u] = make([]float64, k)
			for j := range rows[u] {
				rows[u][j] = float64(rapid.IntRange(0, 4).Draw(t, "y"))
			}
		}
		cols := []string{"a", "b", "c", "d"}[:k]
		root := &indicator.Node{ID: "root", Aggregation: &indicator.Aggregation{Method: indicator.Copeland},
			Normalization: &indicator.Normalization{Method: indicator.NormNone}}
		for _, c := range cols {
			root.Children = append(root.Children, &indicator.Node{ID: c, Column: c, Weight: float64(rapid.IntRange(1, 5).Draw(t, "w"))})
		}
		tab, err := indicator.NewTable(units, cols, rows)
		if err != nil {
			t.Fatal(err)
		}
		p, err := indicator.Compile(&indicator.Model{Version: 1, Name: "c", Root: root})
		if err != nil {
			t.Fatal(err)
		}
		r, err := p.Evaluate(context.Background(), tab)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for a, s := range r.Score {
			sum += s
			if s < -float64(n-1) || s > float64(n-1) {
				t.Fatalf("unit %d: score %v outside ±%d", a, s, n-1)
			}
			for b := range r.Score {
				dom := true
				for j := range k {
					dom = dom && rows[a][j] >= rows[b][j]
				}
				if dom && r.Score[a] < r.Score[b] {
					t.Fatalf("unit %d dominates %d but scores %v < %v", a, b, r.Score[a], r.Score[b])
				}
			}
		}
		if sum != 0 {
			t.Fatalf("scores sum to %v", sum)
		}
	})
}
