package ranking

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"pgregory.net/rapid"
)

// TestFingerprintCanonical: the fingerprint is a function of the data as a
// set of (unit, column, value) cells and attributes, not of the order of
// rows or columns; changing one cell or one model weight changes it; a
// verification's score tolerance never enters it.
func TestFingerprintCanonical(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "units")
		k := rapid.IntRange(1, 4).Draw(t, "columns")
		m, tab := testModel(t, n, 1, k, rapid.Uint64().Draw(t, "seed"))
		units, cols := tab.Units(), tab.Columns()
		rows := make([][]float64, n)
		for i := range rows {
			rows[i] = make([]float64, k)
			for j := range k {
				rows[i][j] = tab.Value(i, j)
			}
			if rapid.IntRange(0, 4).Draw(t, "missing") == 0 {
				rows[i][rapid.IntRange(0, k-1).Draw(t, "col")] = math.NaN()
			}
		}
		attr := make([]string, n)
		for i := range attr {
			attr[i] = fmt.Sprint("type", i%2)
		}
		build := func(rp, cp []int) *indicator.Table {
			u := make([]string, n)
			c := make([]string, k)
			d := make([][]float64, n)
			a := make([]string, n)
			for j, q := range cp {
				c[j] = cols[q]
			}
			for i, p := range rp {
				u[i], a[i] = units[p], attr[p]
				d[i] = make([]float64, k)
				for j, q := range cp {
					d[i][j] = rows[p][q]
				}
			}
			tb, err := indicator.NewTable(u, c, d)
			if err != nil {
				t.Fatal(err)
			}
			if tb, err = tb.WithAttribute("type", a); err != nil {
				t.Fatal(err)
			}
			return tb
		}
		id := func(n int) []int {
			p := make([]int, n)
			for i := range p {
				p[i] = i
			}
			return p
		}
		base := build(id(n), id(k))
		f0, err := Fingerprint(m, base, Options{})
		if err != nil {
			t.Fatal(err)
		}
		perm := rapid.Permutation(id(n)).Draw(t, "rows")
		cperm := rapid.Permutation(id(k)).Draw(t, "cols")
		if f, _ := Fingerprint(m, build(perm, cperm), Options{}); f != f0 {
			t.Fatalf("rows %v, columns %v: fingerprint changed", perm, cperm)
		}
		// One cell changed.
		i, j := rapid.IntRange(0, n-1).Draw(t, "i"), rapid.IntRange(0, k-1).Draw(t, "j")
		old := rows[i][j]
		rows[i][j] = 200 + rapid.Float64Range(0, 1).Draw(t, "value")
		if f, _ := Fingerprint(m, build(perm, cperm), Options{}); f == f0 {
			t.Fatalf("cell (%d, %d) changed, fingerprint did not", i, j)
		}
		rows[i][j] = old
		// One model weight changed.
		m2 := m.Clone()
		leaf := m2.Root.Children[0].Children[rapid.IntRange(0, k-1).Draw(t, "leaf")]
		leaf.Weight += 0.5
		if f, _ := Fingerprint(m2, base, Options{}); f == f0 {
			t.Fatal("weight changed, fingerprint did not")
		}
		// A scoring option changes it; a comparison tolerance does not.
		if f, _ := Fingerprint(m, base, Options{Ties: TieMin}); f == f0 {
			t.Fatal("ties changed, fingerprint did not")
		}
		fa, _ := Fingerprint(m, base, VerifySettings{})
		fb, _ := Fingerprint(m, base, &VerifySettings{ScoreTol: 0.005})
		fc, _ := Fingerprint(m, base, nil)
		if fa != fb || fa != fc {
			t.Fatalf("verification tolerance entered the fingerprint: %s %s %s", fa, fb, fc)
		}
	})
}

// TestVerifyFingerprintTolerance: Verify's fingerprint depends on the model
// and data, not on the score tolerance, nor on the order of the rows.
func TestVerifyFingerprintTolerance(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 5, 2, 2, 3)
	p := compile(t, m)
	ctx := context.Background()
	a, err := Verify(ctx, p, tab, Published{}, VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Verify(ctx, p, tab, Published{}, VerifySettings{ScoreTol: 0.005})
	units := slices.Clone(tab.Units())
	slices.Reverse(units)
	rows := make([][]float64, len(units))
	for i := range rows {
		for j := range tab.Columns() {
			rows[i] = append(rows[i], tab.Value(len(units)-1-i, j))
		}
	}
	rev, err := indicator.NewTable(units, tab.Columns(), rows)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := Verify(ctx, p, rev, Published{}, VerifySettings{})
	want, _ := Fingerprint(m, tab, nil)
	if a.Fingerprint != want || b.Fingerprint != want || c.Fingerprint != want {
		t.Errorf("fingerprints %s %s %s, want %s", a.Fingerprint, b.Fingerprint, c.Fingerprint, want)
	}
}
