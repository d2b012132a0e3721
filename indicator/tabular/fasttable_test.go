package tabular

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// slowTable reads b as ReadTable did before TableFromBytes had its fast
// path: the grid, then its layout and table.
func slowTable(b []byte, opt Options) (*indicator.Table, *Info, error) {
	g, err := GridFromBytes(b, opt)
	if err != nil {
		return nil, nil, err
	}
	return g.Table(opt)
}

// sameTable reports how two tables differ ("" when they hold the same
// units, columns, bits, unit header and attributes).
func sameTable(a, b *indicator.Table) string {
	switch {
	case !reflect.DeepEqual(a.Units(), b.Units()):
		return fmt.Sprintf("units %q, want %q", a.Units(), b.Units())
	case !reflect.DeepEqual(a.Columns(), b.Columns()):
		return fmt.Sprintf("columns %q, want %q", a.Columns(), b.Columns())
	case a.UnitHeader() != b.UnitHeader():
		return fmt.Sprintf("unit header %q, want %q", a.UnitHeader(), b.UnitHeader())
	case !reflect.DeepEqual(a.Attributes(), b.Attributes()):
		return fmt.Sprintf("attributes %q, want %q", a.Attributes(), b.Attributes())
	}
	for i := range a.Units() {
		for j := range a.Columns() {
			if x, y := a.Value(i, j), b.Value(i, j); math.Float64bits(x) != math.Float64bits(y) {
				return fmt.Sprintf("unit %d column %d: %v, want %v", i, j, x, y)
			}
		}
	}
	for _, name := range a.Attributes() {
		x, _ := a.Attribute(name)
		y, _ := b.Attribute(name)
		if !reflect.DeepEqual(x, y) {
			return fmt.Sprintf("attribute %q: %q, want %q", name, x, y)
		}
	}
	return ""
}

// fatalHelper is what the checks of a direct reading need of a test.
type fatalHelper interface {
	Helper()
	Fatalf(string, ...any)
}

// checkFast checks that TableFromBytes gives what the grid path gives
// (table, Info, or the error's text), and that the fast path, when it
// reads the input, agrees, and finds the canonical records, if any. It
// returns whether the fast path read it and whether the grid path read a
// table.
func checkFast(t fatalHelper, b []byte, opt Options) (fastRead, read bool) {
	t.Helper()
	var records []byte
	fastRead, read, want := checkDirect(t, b, opt, func(b []byte, opt Options) (*indicator.Table, *Info, bool, error) {
		tab, info, rec, ok := fastTable(b, opt)
		records = rec
		return tab, info, ok, nil
	})
	if fastRead && read {
		if want := canonicalRecords(want); records != nil && string(records) != want && string(records)+"\n" != want {
			t.Fatalf("input %q options %+v: records\n%q\nwant the canonical records\n%q", b, opt, records, want)
		}
	}
	return fastRead, read
}

// checkDirect is checkFast of the direct reading direct, which reports
// whether it read the input, or an error that must be the grid path's;
// it returns the grid path's table too.
func checkDirect(t fatalHelper, b []byte, opt Options, direct func([]byte, Options) (*indicator.Table, *Info, bool, error)) (directRead, read bool, want *indicator.Table) {
	t.Helper()
	in := fmt.Sprintf("input %q options %+v", b, opt)
	if len(in) > 400 {
		in = fmt.Sprintf("input of %d bytes, options %+v", len(b), opt)
	}
	want, wantInfo, wantErr := slowTable(b, opt)
	got, gotInfo, gotErr := TableFromBytes(b, opt)
	fast, fastInfo, ok, fastErr := direct(b, opt)
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("%s: error %v, want %v", in, gotErr, wantErr)
	}
	if fastErr != nil && (wantErr == nil || fastErr.Error() != wantErr.Error()) {
		t.Fatalf("%s: direct reading: error %v, want %v", in, fastErr, wantErr)
	}
	if ok && wantErr != nil {
		t.Fatalf("%s: the direct reading read a table, want the error %v", in, wantErr)
	}
	if wantErr != nil {
		return ok, false, nil
	}
	if d := sameTable(got, want); d != "" {
		t.Fatalf("%s: %s", in, d)
	}
	if !reflect.DeepEqual(gotInfo, wantInfo) {
		t.Fatalf("%s: info %+v, want %+v", in, gotInfo, wantInfo)
	}
	if ok {
		if d := sameTable(fast, want); d != "" {
			t.Fatalf("%s: direct reading: %s", in, d)
		}
		if !reflect.DeepEqual(fastInfo, wantInfo) {
			t.Fatalf("%s: direct reading: info %+v, want %+v", in, fastInfo, wantInfo)
		}
	}
	return ok, true, want
}

// canonicalRecords writes the records of t's canonical CSV form (see
// TableRecords) with encoding/csv: one per unit sorted by id, the numeric
// columns sorted by name, numbers by strconv 'g' -1, "NA" when missing.
// It is written independently of ranking's writer, from the description.
func canonicalRecords(t *indicator.Table) string {
	units, cols := t.Units(), t.Columns()
	colIdx := make([]int, len(cols))
	for j := range colIdx {
		colIdx[j] = j
	}
	slices.SortFunc(colIdx, func(a, b int) int { return strings.Compare(cols[a], cols[b]) })
	rows := make([]int, len(units))
	for i := range rows {
		rows[i] = i
	}
	slices.SortFunc(rows, func(a, b int) int { return strings.Compare(units[a], units[b]) })
	attrs := t.Attributes()
	slices.Sort(attrs)
	var b strings.Builder
	w := csv.NewWriter(&b)
	for _, i := range rows {
		rec := []string{units[i]}
		for _, j := range colIdx {
			if x := t.Value(i, j); math.IsNaN(x) {
				rec = append(rec, "NA")
			} else {
				rec = append(rec, strconv.FormatFloat(x, 'g', -1, 64))
			}
		}
		for _, a := range attrs {
			v, _ := t.Attribute(a)
			rec = append(rec, v[i])
		}
		w.Write(rec)
	}
	w.Flush()
	return b.String()
}

// cellTokens are the cells of the generated tables: plain and formatted
// numbers, missing-value tokens, spaces, text, and what no reader takes.
var cellTokens = []string{
	"1", "2.5", "-3", "+4", "0", "-0", "12.", ".5", "1e3", "1E-2", "1e999", "1e-400", "96%", " 96 %", "９６", "１２．５％",
	"1234567890123456", "123456789012345", "0.000001", " 12 ", "\t7\t", "\u3000 3", "", " ", "NA", "/", "—", "暂无", "#DIV/0!",
	"nan", "NaN", "Inf", "abc", "东城区", "0x10", "1_000", "合计", "\x01", "\r",
}

// unitTokens are the unit ids of the generated tables.
var unitTokens = []string{"A", "B", "C", "东城区", "西城区", " D ", "E F", "合计", "合 计", "合\t计", "", " ", "\x01X", "X\u0085", "Total", "序号", "1", "2"}

// genCSV draws a table's text with a random layout and its options.
func genCSV(t *rapid.T) ([]byte, Options) {
	var opt Options
	var lines [][]string
	for range rapid.IntRange(0, 2).Draw(t, "titles") {
		title := []string{rapid.SampledFrom([]string{"考核结果", "2024年", "", "单位：分"}).Draw(t, "title")}
		for range rapid.IntRange(0, 3).Draw(t, "title commas") {
			title = append(title, "")
		}
		lines = append(lines, title)
	}
	var head []string
	serial := rapid.Bool().Draw(t, "serial")
	if serial {
		head = append(head, rapid.SampledFrom([]string{"序号", "No.", ""}).Draw(t, "serial header"))
	}
	unitAt := len(head)
	head = append(head, rapid.SampledFrom([]string{"unit", "单位", "地区", "name", "id", "区县", "x"}).Draw(t, "unit header"))
	ncol := rapid.IntRange(0, 5).Draw(t, "columns")
	for k := 0; k < ncol; k++ {
		h := fmt.Sprintf("x%d", k)
		switch rapid.IntRange(0, 24).Draw(t, "header kind") {
		case 0:
			h = ""
		case 1:
			h = "类别"
		case 2:
			h = "x0"
		case 3:
			h = " 序号 "
		case 4:
			h = "value"
		case 5:
			h = "indicator"
		}
		head = append(head, h)
	}
	for range rapid.IntRange(0, 1).Draw(t, "trailing header commas") {
		head = append(head, "")
	}
	headerLine := len(lines) + 1
	lines = append(lines, head)
	units := rapid.IntRange(0, 8).Draw(t, "rows")
	for i := 0; i < units; i++ {
		width := len(head)
		switch rapid.IntRange(0, 40).Draw(t, "row width") {
		case 0:
			width--
		case 1:
			width++
		case 2:
			width = 0
		}
		row := make([]string, max(width, 0))
		for j := range row {
			switch {
			case j == unitAt:
				if rapid.IntRange(0, 30).Draw(t, "unit kind") == 0 {
					row[j] = rapid.SampledFrom(unitTokens).Draw(t, "unit token")
				} else {
					row[j] = fmt.Sprintf("u%d", i)
				}
			case serial && j == 0:
				row[j] = fmt.Sprint(i + 1)
			case rapid.IntRange(0, 15).Draw(t, "cell kind") == 0:
				row[j] = rapid.SampledFrom(cellTokens).Draw(t, "cell token")
			default:
				row[j] = fmt.Sprintf("%d.%02d", rapid.IntRange(-999, 99999).Draw(t, "int"), rapid.IntRange(0, 99).Draw(t, "frac"))
			}
		}
		lines = append(lines, row)
	}
	comma := ","
	if rapid.IntRange(0, 5).Draw(t, "semicolon") == 0 {
		comma, opt.Comma = ";", ';'
	}
	eol := rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol")
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(strings.Join(l, comma))
		if i < len(lines)-1 || rapid.Bool().Draw(t, "last eol") {
			b.WriteString(eol)
		}
		if rapid.IntRange(0, 10).Draw(t, "blank line") == 0 {
			b.WriteString(rapid.SampledFrom([]string{"\n", ",,,\n", " \n", "\r\n"}).Draw(t, "blank"))
		}
	}
	text := b.String()
	if rapid.IntRange(0, 20).Draw(t, "quote") == 0 {
		text = strings.Replace(text, "1", `"1"`, 1)
	}
	if rapid.Bool().Draw(t, "skip summary") {
		opt.SkipSummary = true
	}
	switch rapid.IntRange(0, 10).Draw(t, "header row") {
	case 0, 1:
		opt.HeaderRow = headerLine
	case 2:
		opt.HeaderRow = rapid.IntRange(1, 5).Draw(t, "header row line")
	}
	switch rapid.IntRange(0, 10).Draw(t, "unit option") {
	case 0, 1:
		opt.Unit = head[unitAt]
	case 2:
		opt.Unit = "x1"
	}
	switch rapid.IntRange(0, 5).Draw(t, "na") {
	case 0:
		opt.NA = []string{"abc", "0"}
	case 1:
		opt.NA = append(DefaultNA(), "Inf")
	case 2:
		opt.NA = []string{}
	}
	switch rapid.IntRange(0, 10).Draw(t, "attributes") {
	case 0, 1, 2:
		if slices.Contains(head, "类别") {
			opt.Attributes = []string{"类别"}
		}
	case 3:
		opt.Attributes = []string{"x1", "nothing"}
	}
	raw := []byte(text)
	switch rapid.IntRange(0, 6).Draw(t, "encoding") {
	case 0:
		raw = append([]byte{0xEF, 0xBB, 0xBF}, raw...)
	case 1:
		if gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(raw); err == nil {
			raw = gbk
		}
	case 2:
		if opt.Comma == 0 {
			u16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(strings.ReplaceAll(text, ",", "\t")))
			if err == nil {
				raw = u16
			}
		}
	}
	return raw, opt
}

// TestFastTableSameAsGrid checks, on tables of random layouts, cells,
// separators, line ends, encodings and options, that TableFromBytes
// gives what the grid path (GridFromBytes, then Grid.Table) gives: the
// same table bit for bit, the same Info, or an error of the same text;
// and that its fast path never reads a table that the grid path
// refuses. Chunks of every line, of a few lines and of the whole text
// are drawn. The reference is the grid path, the reader before the fast path
// existed.
func TestFastTableSameAsGrid(t *testing.T) {
	defer func(m int) { fastChunk = m }(fastChunk)
	var n fastCount
	rapid.Check(t, func(t *rapid.T) {
		fastChunk = rapid.SampledFrom([]int{1, 7, 1 << 30}).Draw(t, "chunk")
		b, opt := genCSV(t)
		n.add(checkFast(t, b, opt))
	})
	// The generator is meant to reach the fast path often (most inputs
	// it makes are read without quotes and summary rows).
	n.check(t, 8)
}

// fastCount counts the inputs of a property of a direct reading: all,
// those that are tables, those read directly.
type fastCount struct{ all, read, fast int }

func (n *fastCount) add(fast, read bool) {
	n.all++
	if fast {
		n.fast++
	}
	if read {
		n.read++
	}
}

// check fails unless at least tenths/10 of the tables were read directly
// and a twentieth of the inputs were tables: otherwise the property
// would test little.
func (n *fastCount) check(t *testing.T, tenths int) {
	t.Helper()
	if n.fast*10 < n.read*tenths || n.read*20 < n.all {
		t.Fatalf("of %d inputs, %d were tables, %d read directly", n.all, n.read, n.fast)
	}
	t.Logf("of %d inputs, %d were tables, %d read directly", n.all, n.read, n.fast)
}

// fastCases are the layouts of issue 11, each with whether the direct
// reading of CSV (fastTable) and of a workbook of the same cells
// (fastXLSXTable) reads it.
var fastCases = []struct {
	name       string
	text       string
	opt        Options
	fast, xlsx bool
}{
	{"plain", "unit,a,b\nX,1,2\nY,3.5,-4\n", Options{}, true, true},
	{"title rows and serial", "考核结果,,\n序号,单位,a\n1,东城区,96%\n2,西城区,95%\n", Options{}, true, true},
	{"missing tokens", "单位,a,b\nX,/,—\nY,暂无,#DIV/0!\nZ,1,2\n", Options{}, true, true},
	{"full width", "单位,a\nX,９６\nY,１２．５\n", Options{}, true, true},
	{"spaces", "单位 , a \n X , 1 \n Y ,\u30002\u3000\n", Options{}, true, true},
	{"trailing empty rows and columns", "unit,a,,\nX,1,,\nY,2,,\n,,,\n,,,\n", Options{}, true, true},
	{"summary skipped", "unit,a\nX,1\n合计,1\n", Options{SkipSummary: true}, true, true},
	{"summary", "unit,a\nX,1\n合 计,1\n", Options{}, false, false},
	{"quoted", "unit,a\nX,\"1,234\"\n", Options{}, false, true},
	{"long", "unit,indicator,value\nX,a,1\nX,b,2\n", Options{}, false, false},
	{"attribute", "unit,类别,a\nX,区,1\nY,县,2\n", Options{Attributes: []string{"类别"}}, true, true},
	{"text column", "unit,地区,a\nX,东,1\n", Options{}, false, false},
	{"mixed percent", "unit,a\nX,96%\nY,95\n", Options{}, false, false},
	{"percent and missing", "unit,a\nX,96%\nY,NA\n", Options{}, true, true},
	{"duplicate", "unit,a\nX,1\nX,2\n", Options{}, false, false},
	{"header row", "a\nb\nunit,a\nX,1\n", Options{HeaderRow: 3}, true, true},
	{"crlf", "unit,a\r\nX,1\r\nY,2", Options{}, true, true},
	{"decimal na", "unit,a\nX,0\nY,1\n", Options{NA: []string{"0"}}, true, true},
	{"semicolon", "unit;a\nX;1,5\n", Options{Comma: ';'}, false, false},
}

// TestFastTableCases checks the fast path on the layouts of issue 11 one
// by one, and that each is read by the fast path (or not) as said.
func TestFastTableCases(t *testing.T) {
	defer func(m int) { fastChunk = m }(fastChunk)
	for _, c := range fastCases {
		for _, split := range []int{1, 1 << 30} {
			fastChunk = split
			if ok, _ := checkFast(t, []byte(c.text), c.opt); ok != c.fast {
				t.Errorf("%s (split %d): fast path %v, want %v", c.name, split, ok, c.fast)
			}
		}
	}
}

// TestFastTableEncodings checks that the direct reading, which takes a
// file's bytes as UTF-8 and checks each chunk as it reads it, still
// reads a file that is not UTF-8 once decoded (GB18030, in its first or
// in a later chunk only, or UTF-16 with its mark), and leaves to the grid
// path a file with a byte-order mark inside (an error there), for chunks
// of every line and of the whole text.
func TestFastTableEncodings(t *testing.T) {
	defer func(m int) { fastChunk = m }(fastChunk)
	gbk := func(s string) string {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	utf16 := func(s string) string {
		b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct {
		name, text string
		fast       bool
	}{
		{"gb18030 header", gbk("单位,a\n东城区,1\n西城区,2\n"), true},
		{"gb18030 in the last line", "unit,a\nX,1\nY,2\n" + gbk("东城区,3\n"), true},
		{"utf-16", utf16("单位\ta\n东城区\t1\n"), true},
		{"mark inside", "unit,a\nX,1\n\uFEFFY,2\n", false},
		{"mark in the header", "unit,a\uFEFF\nX,1\n", false},
		{"mark in an attribute", "unit,类别,a\nX,区,1\nY,县\uFEFF,2\n", false},
	} {
		for _, chunk := range []int{1, 1 << 30} {
			fastChunk = chunk
			opt := Options{}
			if strings.Contains(c.text, "类别") {
				opt.Attributes = []string{"类别"}
			}
			if ok, _ := checkFast(t, []byte(c.text), opt); ok != c.fast {
				t.Errorf("%s (chunk %d): fast path %v, want %v", c.name, chunk, ok, c.fast)
			}
		}
	}
}

// FuzzTableFromBytes checks that TableFromBytes gives what the grid path
// gives (table, Info or error text) on any input, with the default
// options, with SkipSummary and a decimal missing-value token, and in
// chunks of one line.
func FuzzTableFromBytes(f *testing.F) {
	for _, s := range []string{
		"unit,a\nX,1\n", "序号,单位,a\n1,东城区,96%\n2,合计,1\n", "t,,\n单位,a,b\nX,/,—\n,,\n", "unit,a\r\nX, 1 \r\n\r\nY,2\r",
		"unit,a,,\nX,1,,\nY,2,,3\n", "unit,a\nX,9%\nY,NA\n", "unit,a\nX,1\nX,2\n", "u,a\n合\t计,1\n", "\xb5\xa5\xce\xbb,a\nX,1\n",
	} {
		f.Add([]byte(s), false)
	}
	defer func(m int) { fastChunk = m }(fastChunk)
	f.Fuzz(func(t *testing.T, b []byte, other bool) {
		if len(b) > 0 && b[0] == 'P' {
			return // workbooks: not read by the fast path, and slow per input
		}
		fastChunk = 1 << 30
		opt := Options{}
		if other {
			fastChunk = 1
			opt = Options{SkipSummary: true, NA: []string{"0", "NA"}}
		}
		checkFast(t, b, opt)
	})
}

// TestFastTableLarge checks the chunks read at once on a table large
// enough to be split into several by default, against the grid path.
func TestFastTableLarge(t *testing.T) {
	b := wideCSV(3000, 20)
	if bounds, _ := fastChunks(b, 0); len(bounds) < 4 {
		t.Fatalf("%d bytes: %d chunks, want 3 or more", len(b), len(bounds)-1)
	}
	if ok, _ := checkFast(t, b, Options{}); !ok {
		t.Fatal("not read by the fast path")
	}
	// Blank lines in the first chunk move the other chunks' rows.
	b = bytes.Replace(b, []byte("\nu5,"), []byte("\n\n,,\n \nu5,"), 1)
	if ok, _ := checkFast(t, b, Options{}); !ok {
		t.Fatal("not read by the fast path")
	}
}

// TestHasSpace checks hasSpace against strings.ContainsFunc with
// unicode.IsSpace, the reference, on text of any runes.
func TestHasSpace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.String().Draw(t, "s")
		if got, want := hasSpace(s), strings.ContainsFunc(s, unicode.IsSpace); got != want || hasSpace([]byte(s)) != want {
			t.Fatalf("hasSpace(%q) = %v, want %v", s, got, want)
		}
	})
}
