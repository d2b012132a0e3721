package ranking

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
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

// refCanonicalCSV is the canonical data encoding written through
// encoding/csv's Writer, as Fingerprint wrote it before it appended the
// bytes itself: the reference for TestCanonicalCSVMatchesEncodingCSV.
func refCanonicalCSV(b *bytes.Buffer, t *indicator.Table) error {
	units, cols, attrs := t.Units(), t.Columns(), t.Attributes()
	colIdx := make([]int, len(cols))
	for j := range colIdx {
		colIdx[j] = j
	}
	slices.SortFunc(colIdx, func(a, b int) int { return strings.Compare(cols[a], cols[b]) })
	slices.Sort(attrs)
	attrVals := make([][]string, len(attrs))
	for k, a := range attrs {
		attrVals[k], _ = t.Attribute(a)
	}
	rows := make([]int, len(units))
	for i := range rows {
		rows[i] = i
	}
	slices.SortFunc(rows, func(a, b int) int { return strings.Compare(units[a], units[b]) })
	w := csv.NewWriter(b)
	rec := []string{"unit"}
	for _, j := range colIdx {
		rec = append(rec, cols[j])
	}
	rec = append(rec, attrs...)
	w.Write(rec)
	for _, i := range rows {
		rec = append(rec[:0], units[i])
		for _, j := range colIdx {
			if x := t.Value(i, j); math.IsNaN(x) {
				rec = append(rec, "NA")
			} else {
				rec = append(rec, strconv.FormatFloat(x, 'g', -1, 64))
			}
		}
		for k := range attrs {
			rec = append(rec, attrVals[k][i])
		}
		w.Write(rec)
	}
	w.Flush()
	return w.Error()
}

// TestCanonicalCSVMatchesEncodingCSV: the appended encoding is byte for
// byte what encoding/csv writes for the same records, whatever the ids,
// names and attribute values (quotes, commas, line breaks, leading
// spaces, `\.`, non-ASCII) and numbers (NaN, infinities, subnormals).
func TestCanonicalCSVMatchesEncodingCSV(t *testing.T) {
	t.Parallel()
	text := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", `\.`, " a", "\u3000b", "a,b", `q"q`, "l\nf", "c\rr", "单位"}))
	num := rapid.OneOf(rapid.Float64(), rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -0.0, 1e21, 92.3}))
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "units")
		k := rapid.IntRange(1, 4).Draw(t, "columns")
		units := rapid.SliceOfNDistinct(rapid.StringMatching(`[^\x00]{1,6}`), n, n, func(s string) string { return s }).Draw(t, "ids")
		cols := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z ,"]{1,4}`), k, k, func(s string) string { return s }).Draw(t, "cols")
		rows := make([][]float64, n)
		for i := range rows {
			rows[i] = rapid.SliceOfN(num, k, k).Draw(t, "row")
		}
		tab, err := indicator.NewTable(units, cols, rows)
		if err != nil {
			t.Skip(err)
		}
		if rapid.Bool().Draw(t, "attr") {
			if tab, err = tab.WithAttribute(rapid.StringMatching(`[a-z"]{1,3}`).Draw(t, "attrName"), rapid.SliceOfN(text, n, n).Draw(t, "attrs")); err != nil {
				t.Skip(err)
			}
		}
		var got, want bytes.Buffer
		if err := canonicalCSV(&got, tab); err != nil {
			t.Fatal(err)
		}
		refCanonicalCSV(&want, tab)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("canonical encoding\n got %q\nwant %q", got.String(), want.String())
		}
	})
}

// BenchmarkFingerprint hashes the intake case of `ppgpa score`: 3000
// units × 200 indicators.
func BenchmarkFingerprint(b *testing.B) {
	m, tab := testModel(b, 3000, 10, 20, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fingerprint(m, tab, VerifySettings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFingerprintPartsChangeExactly: changing the model changes the model
// digest and the fingerprint, and no other part; so do the data and the
// settings; a permutation of rows and columns changes nothing; the
// parts printed by String read back with ParseFingerprint and match.
func TestFingerprintPartsChangeExactly(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 6).Draw(t, "units")
		k := rapid.IntRange(1, 4).Draw(t, "columns")
		m, tab := testModel(t, n, 1, k, rapid.Uint64().Draw(t, "seed"))
		opts := Options{AbsTol: rapid.Float64Range(0, 1).Draw(t, "tol")}
		p0, err := FingerprintOf(m, tab, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p0.Version != LibraryVersion {
			t.Fatalf("version %q, want %q", p0.Version, LibraryVersion)
		}
		check := func(what string, p FingerprintParts, want []string) {
			ok, diff := p.Matches(p0)
			if !slices.Equal(diff, want) || ok != (len(want) == 0) {
				t.Fatalf("%s: parts differing %v, want %v", what, diff, want)
			}
			if (p.Fingerprint == p0.Fingerprint) != (len(want) == 0) {
				t.Fatalf("%s: combined fingerprint changed: %v", what, p.Fingerprint != p0.Fingerprint)
			}
		}
		// The model: one weight.
		m2 := *m
		m2.Root = cloneNode(m.Root)
		leaf := m2.Root.Children[0].Children[rapid.IntRange(0, k-1).Draw(t, "leaf")]
		leaf.Weight += 1
		p, _ := FingerprintOf(&m2, tab, opts)
		check("weight", p, []string{"model"})
		// The data: one cell.
		i, j := rapid.IntRange(0, n-1).Draw(t, "i"), rapid.IntRange(0, k-1).Draw(t, "j")
		rows := make([][]float64, n)
		for r := range rows {
			rows[r] = make([]float64, k)
			for c := range rows[r] {
				rows[r][c] = tab.Value(r, c)
			}
		}
		rows[i][j] += 1
		t2, err := indicator.NewTable(tab.Units(), tab.Columns(), rows)
		if err != nil {
			t.Fatal(err)
		}
		p, _ = FingerprintOf(m, t2, opts)
		check("cell", p, []string{"data"})
		// The settings.
		p, _ = FingerprintOf(m, tab, Options{AbsTol: opts.AbsTol + 1})
		check("settings", p, []string{"settings"})
		// Rows reversed.
		ru := slices.Clone(tab.Units())
		slices.Reverse(ru)
		rr := make([][]float64, n)
		for r := range rr {
			rr[n-1-r] = make([]float64, k)
			for c := range k {
				rr[n-1-r][c] = tab.Value(r, c)
			}
		}
		t3, err := indicator.NewTable(ru, tab.Columns(), rr)
		if err != nil {
			t.Fatal(err)
		}
		p, _ = FingerprintOf(m, t3, opts)
		check("rows reversed", p, nil)
		// Printed and read back.
		q, err := ParseFingerprint("fingerprint: " + p0.String())
		if err != nil {
			t.Fatal(err)
		}
		if ok, diff := p0.Matches(q); !ok || q.Fingerprint != p0.Fingerprint || q.Version != LibraryVersion {
			t.Fatalf("%q read back as %+v: differs in %v", p0.String(), q, diff)
		}
		// The same in Chinese, as a Chinese report prints it, also with
		// the labels close up to their values.
		for _, zh := range []string{"指纹：" + p0.Chinese(), strings.ReplaceAll(p0.Chinese(), " ", "")} {
			q, err := ParseFingerprint(zh)
			if err != nil {
				t.Fatal(err)
			}
			if q != p0.short() {
				t.Fatalf("%q read back as %+v, want %+v", zh, q, p0.short())
			}
		}
		if _, diff := p.Matches(FingerprintParts{Fingerprint: "00"}); !slices.Equal(diff, []string{"fingerprint"}) {
			t.Fatalf("a combined fingerprint alone that differs: %v", diff)
		}
	})
}

// short is p with its three digests cut to the 16 hex digits that String
// and Chinese print.
func (p FingerprintParts) short() FingerprintParts {
	p.Model, p.Data, p.Settings = p.Model[:16], p.Data[:16], p.Settings[:16]
	return p
}

func cloneNode(n *indicator.Node) *indicator.Node {
	c := *n
	c.Children = nil
	for _, ch := range n.Children {
		c.Children = append(c.Children, cloneNode(ch))
	}
	return &c
}

// TestParseFingerprintRejects: text with neither a fingerprint nor a part
// is an error that quotes it.
func TestParseFingerprintRejects(t *testing.T) {
	for _, s := range []string{"", "abc", "model xyz", strings.Repeat("g", 64)} {
		if _, err := ParseFingerprint(s); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
			t.Errorf("ParseFingerprint(%q): %v", s, err)
		}
	}
}

// The "$schema" member of a model file names a file for editors and
// changes nothing computed: the fingerprint does not depend on it, while
// the model's name (which is published) still changes it.
func TestFingerprintIgnoresSchema(t *testing.T) {
	m, tab := testModel(t, 3, 1, 2, 1)
	want, err := Fingerprint(m, tab, nil)
	if err != nil {
		t.Fatal(err)
	}
	withSchema := m.Clone()
	withSchema.Schema = "../../indicator/model.schema.json"
	if got, err := Fingerprint(withSchema, tab, nil); err != nil || got != want {
		t.Errorf("with $schema: %s, %v; want %s", got, err, want)
	}
	renamed := m.Clone()
	renamed.Name += " (2)"
	if got, _ := Fingerprint(renamed, tab, nil); got == want {
		t.Error("renaming the model does not change the fingerprint")
	}
	if m.Schema != "" {
		t.Error("Fingerprint changed its model")
	}
}

// TestAppendShortest checks that the fast path of the fingerprint's
// number formatting writes the bytes of strconv.AppendFloat (x, 'g', -1,
// 64), the published form, for decimals of up to four and more fraction
// digits, their neighbouring doubles, integers, powers of ten at the
// bounds, and arbitrary doubles.
func TestAppendShortest(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, x float64) {
		want := strconv.FormatFloat(x, 'g', -1, 64)
		if got := string(appendShortest(nil, x)); got != want {
			t.Fatalf("appendShortest(%v) = %s, strconv %s", math.Float64bits(x), got, want)
		}
		// With room for 16 bytes after a prefix (the fixed-size copy),
		// and the bytes beyond the result left as they may be.
		buf := append(make([]byte, 0, 64), "ab,"...)
		if got := string(appendShortest(buf, x)); got != "ab,"+want {
			t.Fatalf("appendShortest(%q, %v) = %s, strconv %s", buf, math.Float64bits(x), got, want)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1e-4, -1e-4, 1e-5, 0.001, 0.01, 0.1, 1, 10, 999999.9999, 1e6, -1e6, 999999.99995, 123456, 1e5, 0.30000000000000004, 100.5, 2.675, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64} {
		check(t, x)
		check(t, math.Nextafter(x, math.Inf(1)))
		check(t, math.Nextafter(x, math.Inf(-1)))
	}
	rapid.Check(t, func(rt *rapid.T) {
		// A decimal of d fraction digits below 10^e in magnitude, as data are written.
		d := rapid.IntRange(0, 7).Draw(rt, "digits")
		e := rapid.IntRange(0, 7).Draw(rt, "magnitude")
		m := rapid.Int64Range(-int64(math.Pow10(e+d)), int64(math.Pow10(e+d))).Draw(rt, "mantissa")
		x, err := strconv.ParseFloat(strconv.FormatInt(m, 10)+"e-"+strconv.Itoa(d), 64)
		if err != nil {
			rt.Fatalf("%v", err)
		}
		check(rt, x)
		check(rt, math.Nextafter(x, math.Inf(1)))
		check(rt, math.Nextafter(x, math.Inf(-1)))
		check(rt, x*(1+rapid.Float64Range(-1e-9, 1e-9).Draw(rt, "nudge")))
		check(rt, math.Float64frombits(rapid.Uint64().Draw(rt, "bits")))
	})
}

// TestCanonicalCSVChunks checks that the canonical encoding written
// chunk by chunk, on several cores at once, is that of encoding/csv
// (refCanonicalCSV) for a table of many rows, with chunks of one row and
// up, with one core and with several.
func TestCanonicalCSVChunks(t *testing.T) {
	defer func(c int) { canonicalChunk = c }(canonicalChunk)
	r := rand.New(rand.NewPCG(3, 4))
	n, k := 700, 9
	units := make([]string, n)
	rows := make([][]float64, n)
	for i := range units {
		units[i] = fmt.Sprintf("u%d", r.IntN(1_000_000)*n+i)
		rows[i] = make([]float64, k)
		for j := range rows[i] {
			switch r.IntN(8) {
			case 0:
				rows[i][j] = math.NaN()
			case 1:
				rows[i][j] = r.NormFloat64() * 1e9
			default:
				rows[i][j] = float64(r.IntN(1_000_000)) / 100
			}
		}
	}
	cols := make([]string, k)
	for j := range cols {
		cols[j] = fmt.Sprintf("c%d", (j*7)%k)
	}
	tab, err := indicator.NewTable(units, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	attr := make([]string, n)
	for i := range attr {
		attr[i] = []string{"a", "b,c", " d"}[r.IntN(3)]
	}
	if tab, err = tab.WithAttribute("type", attr); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	refCanonicalCSV(&want, tab)
	for _, procs := range []int{1, 2, 4} {
		for _, chunk := range []int{1, 10, 64, 1 << 13} {
			canonicalChunk = chunk
			old := runtime.GOMAXPROCS(procs)
			var got bytes.Buffer
			err := canonicalCSV(&got, tab)
			runtime.GOMAXPROCS(old)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("GOMAXPROCS %d, chunks of %d cells: the encoding differs from encoding/csv's", procs, chunk)
			}
		}
	}
}

// BenchmarkAppendShortest formats numbers of two decimals below 10,000,
// as data are written: the fast path of the fingerprint's numbers.
func BenchmarkAppendShortest(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, 4096)
	for i := range xs {
		xs[i] = float64(r.IntN(1_000_000)) / 100
	}
	buf := make([]byte, 0, 1<<16)
	b.ReportAllocs()
	benchcpu.Report(b, func() {
		buf = buf[:0]
		for _, x := range xs {
			buf = appendShortest(buf, x)
		}
	})
}

// TestFingerprintOfRecords: given the canonical records of a table (here
// from refCanonicalCSV, the encoding/csv reference, with or without the
// last LF), FingerprintOfRecords gives the parts of FingerprintOf; with
// nil records it formats the table itself.
func TestFingerprintOfRecords(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 6).Draw(t, "units")
		k := rapid.IntRange(1, 4).Draw(t, "columns")
		units := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z ,"]{1,6}`), n, n, func(s string) string { return s }).Draw(t, "ids")
		cols := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z ,"]{1,4}`), k, k, func(s string) string { return s }).Draw(t, "cols")
		rows := make([][]float64, n)
		for i := range rows {
			rows[i] = rapid.SliceOfN(rapid.Float64(), k, k).Draw(t, "row")
		}
		tab, err := indicator.NewTable(units, cols, rows)
		if err != nil {
			t.Skip(err)
		}
		m, _ := testModel(t, 3, 2, 2, 1)
		want, err := FingerprintOf(m, tab, nil)
		if err != nil {
			t.Fatal(err)
		}
		var c bytes.Buffer
		refCanonicalCSV(&c, tab)
		_, records, _ := bytes.Cut(c.Bytes(), []byte("\n"))
		if rapid.Bool().Draw(t, "without the last LF") {
			records = bytes.TrimSuffix(records, []byte("\n"))
		}
		for _, r := range [][]byte{records, nil} {
			got, err := FingerprintOfRecords(m, tab, nil, r)
			if err != nil || got != want {
				t.Fatalf("records %q: %+v, %v; want %+v", r, got, err, want)
			}
		}
	})
}
