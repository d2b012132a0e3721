package tabular

import (
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// gridColumns is the reference for ReadColumns: the rows of ReadGrid (an
// independent reader, encoding/csv for text) from the header that Layout
// finds, every cell trimmed by strings.TrimSpace, the rows of a sheet
// padded to the header's width.
func gridColumns(b []byte, opt Options) (header []string, rows [][]string, lines []int, err error) {
	g, err := GridFromBytes(b, opt)
	if err != nil || len(g.Rows) == 0 {
		return nil, nil, nil, err
	}
	hi, err := g.headerIndex(opt)
	if err != nil {
		return nil, nil, nil, err
	}
	for r, row := range g.Rows[hi:] {
		t := make([]string, len(row))
		if r > 0 && g.Info.Format == FormatXLSX && len(row) < len(header) {
			t = make([]string, len(header))
		}
		for j, c := range row {
			t[j] = strings.TrimSpace(c)
		}
		if r == 0 {
			header = t
			continue
		}
		rows, lines = append(rows, t), append(lines, g.Lines[hi+r])
	}
	return header, rows, lines, nil
}

// allKinds keeps the first column as Text and the others Coded.
func allKinds(h []string) []ColumnKind {
	k := make([]ColumnKind, len(h))
	for j := range k {
		k[j] = Coded
	}
	if len(k) > 0 {
		k[0] = Text
	}
	return k
}

// checkColumns compares ReadColumns with the reference on b; it reports
// whether both read the input.
func checkColumns(t *testing.T, b []byte, opt Options) bool {
	t.Helper()
	cs, err := ReadColumns(b, opt, allKinds)
	h, rows, lines, gerr := gridColumns(b, opt)
	if gerr != nil || h == nil {
		if err == nil {
			t.Fatalf("%q: ReadColumns read what ReadGrid refuses (%v)", b, gerr)
		}
		return false
	}
	for _, r := range rows {
		if len(r) != len(h) {
			if err == nil {
				t.Fatalf("%q: a row of %d cells for %d columns was read", b, len(r), len(h))
			}
			return false
		}
	}
	if slices.Contains(h, "") || len(slices.Compact(slices.Sorted(slices.Values(h)))) != len(h) {
		if err == nil {
			t.Fatalf("%q: an empty or repeated column name was read", b)
		}
		return false
	}
	if err != nil {
		t.Fatalf("%q: ReadColumns: %v; ReadGrid reads it", b, err)
	}
	if !slices.Equal(cs.Header, h) || cs.Rows() != len(rows) {
		t.Fatalf("%q: header %q and %d rows, want %q and %d", b, cs.Header, cs.Rows(), h, len(rows))
	}
	for i, r := range rows {
		if cs.Line(i) != lines[i] {
			t.Fatalf("%q: row %d on line %d, want %d", b, i, cs.Line(i), lines[i])
		}
		for j, name := range h {
			c := cs.Column(name)
			if got := c.Value(i); got != r[j] || string(c.AppendValue([]byte("x"), i)) != "x"+r[j] || c.Size(i) != len(r[j]) || c.Empty(i) != (r[j] == "") {
				t.Fatalf("%q: row %d column %q: %q, want %q", b, i, name, got, r[j])
			}
		}
	}
	return true
}

// TestReadColumnsAsGrid: ReadColumns reads every file as ReadGrid with
// trimmed cells does (a workbook's rows that end before the last column
// padded with empty cells): quoted fields with separators and line breaks
// (through encoding/csv), CRLF, empty and blank lines, spaces and U+3000
// around cells, GB18030, UTF-16 and the workbooks written by openpyxl.
func TestReadColumnsAsGrid(t *testing.T) {
	t.Run("sequential", testReadColumnsAsGrid)
	// Every text of more than a header read in two halves at once.
	defer func(n, p int) { parallelSplitMin = n; runtime.GOMAXPROCS(p) }(parallelSplitMin, runtime.GOMAXPROCS(2))
	parallelSplitMin = 1
	t.Run("halves", testReadColumnsAsGrid)
}

func testReadColumnsAsGrid(t *testing.T) {
	for _, in := range []string{
		"id,a,b\nr1,x,1\nr2,y,2\n",
		"id,a,b\r\nr1, x ,1\r\n\r\n,,\r\nr2,\u3000y\u3000,2",
		"id,a\n\"r,1\",\"line\nbreak\"\nr2,\"q\"\"uote\"\n",
		" id , a \n r1 ,\u00a0x\u2003\n",
		"\ufeffid,a\nr1,是\nr2,否\nr3,是\n",
		"id,a\n" + strings.Repeat("r,x\n", 3),
		"调查对象名单\n\nid,a,b\nr1,x,1\n",
		"title,,\nid,a,b\nr1,x,\n",
	} {
		if !checkColumns(t, []byte(in), Options{}) {
			t.Errorf("%q not read", in)
		}
	}
	many := []byte("id,v\n")
	for i := range 100 {
		many = append(many, []byte("r,"+strings.Repeat("x", i%40)+"\n")...)
	}
	checkColumns(t, many, Options{})
	// Levels first seen in the second half, errors in either half.
	checkColumns(t, []byte("id,c\nr1,a\nr2,b\nr3,a\nr4,c\nr5,d\nr6,a\n"), Options{})
	for _, in := range []string{"id,c\nr1,a\nr2\nr3,a\nr4,c\n", "id,c\nr1,a\nr2,b\nr3,a\nr4\n"} {
		if _, err := ReadColumns([]byte(in), Options{}, allKinds); err == nil || !strings.Contains(err.Error(), "1 cells, want 2") {
			t.Errorf("%q: %v", in, err)
		}
	}
	for _, f := range []string{"localities.csv", "localities_gbk.csv", "localities_utf16.txt", "localities.xlsx", "quickstart.xlsx", "quickstart_gbk.csv"} {
		b, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if !checkColumns(t, b, Options{}) {
			t.Errorf("%s not read", f)
		}
	}
}

// TestReadColumnsErrors: the errors name the line and column.
func TestReadColumnsErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"id,,b\n1,2,3\n", "line 1, column 2: empty column name"},
		{"id,a,a\n1,2,3\n", `line 1, column 3: duplicate column "a"`},
		{"id,a\n1,2\n\n3\n", "line 4: 1 cells, want 2 as in the header"},
		{"id,a\n1,\"2\n", "line 2: extraneous or missing \" in quoted-field"},
		{"", "no header row"},
		{"id,a\n\xff\xfe\n", "line 2: not valid UTF-8"},
	} {
		_, err := ReadColumns([]byte(c.in), Options{Encoding: "utf-8"}, allKinds)
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

// TestColumnDuplicate: the first repeated cell and the row it repeats, as
// a map of the cells seen finds them, for Text and Coded columns.
func TestColumnDuplicate(t *testing.T) {
	for _, ids := range [][]string{{"a", "b", "c"}, {"a", "b", "a"}, {"x", "y", "y", "x"}, {"", "1", ""}, {"a"}} {
		in := "id,c\n"
		for _, id := range ids {
			in += id + "," + id + "v\n"
		}
		cs, err := ReadColumns([]byte(in), Options{}, allKinds)
		if err != nil {
			t.Fatal(err)
		}
		wi, wj, wok := 0, 0, false
		seen := map[string]int{}
		for j, id := range ids {
			if i, ok := seen[id]; ok {
				wi, wj, wok = i, j, true
				break
			}
			seen[id] = j
		}
		for _, name := range []string{"id", "c"} { // c is id+"v": the same repetitions
			i, j, ok := cs.Column(name).Duplicate()
			if i != wi || j != wj || ok != wok {
				t.Errorf("%q column %s: Duplicate() = %d, %d, %v, want %d, %d, %v", ids, name, i, j, ok, wi, wj, wok)
			}
		}
	}
}

// FuzzReadColumns: on any text ReadColumns never panics and reads what
// ReadGrid reads, cell for cell.
func FuzzReadColumns(f *testing.F) {
	for _, s := range []string{"id,a\nr1,x\n", "id,a\r\n\"r\n1\",\u3000x\n\n", "a\n\n b \n", "id;a\nr;1\n", "id,a\n1\n"} {
		f.Add([]byte(s))
	}
	defer func(n, p int) { parallelSplitMin = n; runtime.GOMAXPROCS(p) }(parallelSplitMin, runtime.GOMAXPROCS(2))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 0 && b[0] == 'P' {
			return
		}
		parallelSplitMin = 1 + len(b)%2*(1<<30) // halves for inputs of even length
		checkColumns(t, b, Options{})
	})
}
