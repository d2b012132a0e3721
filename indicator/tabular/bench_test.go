package tabular

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
)

// wideCSV returns a CSV table of n units and m indicators.
func wideCSV(n, m int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("unit")
	for j := 0; j < m; j++ {
		fmt.Fprintf(&b, ",x%d", j)
	}
	b.WriteByte('\n')
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "u%d", i)
		for j := 0; j < m; j++ {
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(float64(r.IntN(1000000))/100, 'f', -1, 64))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkReadTable reads a 3,000 × 200 table from CSV (by the direct
// path of TableFromBytes, in chunks read at once), from the same CSV in
// GB18030 (ASCII, so the decoding is the identity), from a workbook, and
// from the CSV by the grid path that reads everything else: csv-grid
// (GridFromBytes, then Grid.Table, what ReadTable did for every CSV file
// before the direct path) and csv-quoted (every cell quoted, which the
// direct path leaves to the grid path).
func BenchmarkReadTable(b *testing.B) {
	src := wideCSV(3000, 200)
	g, err := GridFromBytes(src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var xlsx bytes.Buffer
	if err := WriteXLSX(&xlsx, []SheetData{{Name: "data", Rows: g.Rows}}); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		in   []byte
		opt  Options
	}{
		{"csv", src, Options{}},
		{"gb18030", src, Options{Encoding: "gb18030"}},
		{"xlsx", xlsx.Bytes(), Options{}},
		{"csv-quoted", quoteAll(src), Options{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.in)))
			benchcpu.Report(b, func() {
				if _, _, err := ReadTable(bytes.NewReader(c.in), c.opt); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run("csv-grid", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		benchcpu.Report(b, func() {
			g, err := GridFromBytes(src, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := g.Table(Options{}); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// quoteAll returns the CSV text with every cell quoted.
func quoteAll(src []byte) []byte {
	var out bytes.Buffer
	for _, l := range bytes.SplitAfter(src, []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		out.WriteByte('"')
		out.Write(bytes.ReplaceAll(bytes.TrimSuffix(l, []byte("\n")), []byte(","), []byte(`","`)))
		out.WriteString("\"\n")
	}
	return out.Bytes()
}

// BenchmarkReadAndScore reads the 3,000 × 200 CSV and scores it with an
// equally weighted min-max model, against which the in-memory Evaluate
// alone can be compared (the target: reading and scoring within 3 times
// the Evaluate time plus the time to read the bytes).
func BenchmarkReadAndScore(b *testing.B) {
	src := wideCSV(3000, 200)
	children := make([]*indicator.Node, 200)
	for j := range children {
		children[j] = &indicator.Node{ID: fmt.Sprintf("c%d", j), Column: fmt.Sprintf("x%d", j), Weight: 1}
	}
	m := &indicator.Model{Version: indicator.Version, Root: &indicator.Node{ID: "t", Normalization: &indicator.Normalization{Method: "minmax"}, Children: children}}
	p, err := indicator.Compile(m)
	if err != nil {
		b.Fatal(err)
	}
	tab, _, err := ReadTable(bytes.NewReader(src), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("evaluate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Evaluate(context.Background(), tab); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read+evaluate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t, _, err := ReadTable(bytes.NewReader(src), Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := p.Evaluate(context.Background(), t); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadXLSX reads the 3,000 × 200 table of BenchmarkReadTable
// from a workbook written by excelize (one sheet of 19 MB of XML, 4 MB
// compressed) with the package's reader (GridFromBytes) and with
// excelize (the reader before; now the fallback), against the floor of
// any reader: inflating the sheet's part alone ("inflate" by
// compress/flate, "inflate-fast" by the inflater the reader uses; their
// sheet-bytes metric is the size of the sheet's XML).
func BenchmarkReadXLSX(b *testing.B) {
	src := wideCSV(3000, 200)
	g, err := GridFromBytes(src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var x bytes.Buffer
	if err := WriteXLSX(&x, []SheetData{{Name: "data", Rows: g.Rows}}); err != nil {
		b.Fatal(err)
	}
	book := x.Bytes()
	// The floor: inflating the sheet's part by compress/flate ("inflate")
	// and by the inflater the reader uses ("inflate-fast").
	for _, fast := range []bool{false, true} {
		name := "inflate"
		if fast {
			name = "inflate-fast"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
			if err != nil {
				b.Fatal(err)
			}
			if fast {
				useFastInflate(zr)
			}
			var n int64
			benchcpu.Report(b, func() {
				for _, f := range zr.File {
					if f.Name == "xl/worksheets/sheet1.xml" {
						rc, err := f.Open()
						if err != nil {
							b.Fatal(err)
						}
						if n, err = io.Copy(io.Discard, rc); err != nil {
							b.Fatal(err)
						}
						rc.Close()
					}
				}
			})
			b.ReportMetric(float64(n), "sheet-bytes")
		})
	}
	b.Run("stream", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Report(b, func() {
			if _, err := GridFromBytes(book, Options{}); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("excelize", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Report(b, func() {
			if _, err := readXLSXExcelize(book, Options{}); err != nil {
				b.Fatal(err)
			}
		})
	})
}
