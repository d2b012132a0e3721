package tabular

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"
)

// committedWorkbooks are the workbooks of the repository (git ls-files
// '*.xlsx'): written by openpyxl (the scripts beside them) and one saved
// by LibreOffice Calc (testdata/make_libreoffice.sh: formulas with
// cached values, LibreOffice's styles).
var committedWorkbooks = []string{
	"../../cmd/ppgpa/testdata/official/ahp_labelled.xlsx",
	"../../cmd/ppgpa/testdata/official/data.xlsx",
	"../../cmd/ppgpa/testdata/official/margins.xlsx",
	"../../cmd/ppgpa/testdata/official/published.xlsx",
	"../../cmd/ppgpa/testdata/official/respondents.xlsx",
	"../../cmd/ppgpa/testdata/report/comments.xlsx",
	"../../cmd/ppgpa/testdata/report/comments_badkind.xlsx",
	"../../docs/guide/数据.xlsx",
	"../../examples/quickstart/data.xlsx",
	"testdata/libreoffice.xlsx",
	"testdata/localities.xlsx",
	"testdata/percent.xlsx",
	"testdata/quickstart.xlsx",
}

// excelizeRead is the reference: readXLSXExcelize, with readXLSX's
// recovery from a panic.
func excelizeRead(b []byte, opt Options) (g *Grid, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return readXLSXExcelize(b, opt)
}

// excelizeModels reports whether excelize's model of the sheet decodes:
// when it does not (an attribute of the wrong type anywhere in the
// sheet), excelize silently skips the number formats and the 15-digit
// rounding that need the model, and its Grid is not the reference.
func excelizeModels(b []byte, sheet string) bool {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.GetCellType(sheet, "A1")
	return err == nil
}

// compareReaders reads b with both readers: fellBack when the streaming
// reader leaves the workbook to excelize (then the result is excelize's
// by construction), and a description of any difference otherwise ("" if
// none); skipped when the grids differ but excelize cannot model the
// sheet.
func compareReaders(b []byte, opt Options) (fellBack, skipped bool, diff string) {
	gs, es := readXLSXStream(b, opt)
	if es == errUnsupported {
		return true, false, ""
	}
	ge, ee := excelizeRead(b, opt)
	switch {
	case es != nil && ee != nil:
		if es.Error() != ee.Error() {
			return false, false, fmt.Sprintf("errors differ: stream %q, excelize %q", es, ee)
		}
		return false, false, ""
	case ee != nil:
		return false, false, fmt.Sprintf("stream read %d rows, excelize error %q", len(gs.Rows), ee)
	case es != nil:
		return false, false, fmt.Sprintf("stream error %q, excelize read %d rows", es, len(ge.Rows))
	}
	if d := cmp.Diff(ge, gs); d != "" {
		if !excelizeModels(b, ge.Info.Sheet) {
			return false, true, ""
		}
		return false, false, "grids differ (-excelize +stream):\n" + d
	}
	return false, false, ""
}

// TestXLSXStreamCommitted reads every sheet of every committed workbook
// with the streaming reader and with excelize: the same Grid, bit for
// bit, and none left to excelize (they are ordinary workbooks); and
// TableFromBytes reads each sheet as its Grid reads (checkFastXLSX).
func TestXLSXStreamCommitted(t *testing.T) {
	t.Parallel()
	for _, name := range committedWorkbooks {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		n := len(f.GetSheetList())
		f.Close()
		for k := 0; k <= n; k++ {
			opt := Options{}
			if k > 0 {
				opt.Sheet = fmt.Sprint(k)
			}
			fellBack, skipped, diff := compareReaders(b, opt)
			switch {
			case fellBack:
				t.Errorf("%s sheet %d: left to excelize", filepath.Base(name), k)
			case skipped:
				t.Errorf("%s sheet %d: excelize fails", filepath.Base(name), k)
			case diff != "":
				t.Errorf("%s sheet %d: %s", filepath.Base(name), k, diff)
			}
			for _, o := range []Options{opt, {Sheet: opt.Sheet, SkipSummary: true}} {
				checkFastXLSX(t, b, o)
			}
		}
	}
}

// fataler is what the helpers need of a *testing.T or *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// replacePart returns the workbook b with the part name replaced by
// content (added if absent), stored uncompressed.
func replacePart(tb fataler, b []byte, repl map[string][]byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	done := map[string]bool{}
	for _, f := range zr.File {
		content, ok := repl[f.Name]
		if !ok {
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			content = buf.Bytes()
		}
		done[f.Name] = true
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(content)
	}
	for name, content := range repl {
		if !done[name] {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			w.Write(content)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// partOf returns the content of a part of the workbook b.
func partOf(tb fataler, b []byte, name string) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			defer rc.Close()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			return buf.Bytes()
		}
	}
	return nil
}

// The sheets of TestXLSXStreamCases (also seeds of FuzzXLSXSheet): the
// constructs the reader follows, and some it leaves to excelize
// (fallback), with the shared strings caseSST.
var (
	caseHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
	caseSST = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">` +
		`<si><t>单位</t></si><si><t xml:space="preserve"> a_x000D_b </t></si>` +
		`<si><r><rPr><b/><sz val="11"/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r></si>` +
		`<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>` +
		`<si><t>x&amp;y&#20013;</t><phoneticPr fontId="1" type="noConversion"/></si></sst>`
	streamCases = []struct {
		name     string
		sheet    string
		fallback bool
	}{
		{"types", `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>` +
			`<row r="2"><c r="A2" t="str"><f>A1</f><v>单位</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" t="inlineStr"><is><t>in_x0041_line</t></is></c><c r="E2" t="d"><v>2024-01-02T00:00:00Z</v></c><c r="F2" t="n"><v>1.5</v></c><c r="G2"><v> 2 </v></c></row></sheetData>`, false},
		{"gaps and empty rows", `<sheetData><row r="2"><c r="C2"><v>1</v></c><c r="F2" s="0"><v>2</v></c></row><row r="3"/><row r="5"><c r="A5"><v></v></c><c r="B5"/></row><row r="7"><c r="B7"><f>1+1</f><v/></c></row><row r="8"><c r="A8"><v>x</v></c><c r="B8"><f>1+1</f></c></row></sheetData>`, false},
		{"shared formulas", `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>`, false},
		{"styles", `<cols><col min="1" max="2" width="9" style="1" customWidth="1"/><col min="3" max="3" style="2"/></cols><sheetData><row r="1"><c r="A1"><v>0.96</v></c><c r="B1" s="3"><v>93.5</v></c><c r="C1"><v>0.5</v></c><c r="D1" s="4"><v>1.5</v></c><c r="E1" s="2"><v>0.125</v></c></row>` +
			`<row r="2" s="2" customFormat="1"><c r="A2"><v>7</v></c><c r="B2" s="2" t="s"><v>0</v></c><c r="C2" s="1"><v>66.51000000000001</v></c><c r="D2"><v>12345678901234567890</v></c><c r="E2"><v>7</v></c></row></sheetData>`, false},
		{"strings out of the table", `<sheetData><row r="1"><c r="A1" t="s"><v>9</v></c><c r="B1" t="s"><v>x</v></c><c r="C1" t="s"><v> 1 </v></c><c r="D1" t="s"><v>-1</v></c><c r="E1" t="s"><f>A1</f><v>99</v></c><c r="F1" t="s"><v></v></c></row></sheetData>`, false},
		{"entities and space", `<sheetData>` + "\n  " + `<row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#x4E2D;&#25991; &#xD800;</t></is></c><c r="B1" t="str"><v>line1` + "\n" + `line2	tab</v></c></row></sheetData>`, false},
		{"merged title", `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>0.5</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>`, false},
		{"attribute forms", `<sheetData><row r="1"><c  r="A1"  s="1"><v>0.25</v></c><c t="n" s="1" r="B1"><v>0.5</v></c><c r='C1' t='str'><v>x</v></c><c r="D1" cm="1" x14ac:foo="1"><v>2</v></c><c r="E1"><v>a&amp;b</v></c><c r="F1" s="2"/><c r="G1" t="n"><v >3</v ></c><c r="H1"` + "\n\t" + `s="2"><v>4</v></c></row></sheetData>`, false},
		{"deep nesting", strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300) + `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`, true},
		{"nesting", strings.Repeat("<a>", 30) + strings.Repeat("</a>", 30) + `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`, false},
		{"a repeated attribute", `<sheetData><row r="1"><c r="A1" r="B1"><v>1</v></c></row></sheetData>`, true},
		{"value inside a merged range", `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.5</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>`, true},
		{"cells out of order", `<sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData>`, true},
		{"no references", `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row></sheetData>`, true},
		{"cdata", `<sheetData><row r="1"><c r="A1" t="str"><v><![CDATA[a<b]]></v></c></row></sheetData>`, true},
		{"rich inline", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row></sheetData>`, true},
		{"truncated", `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`, true},
		{"bad entity", `<sheetData><row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row></sheetData>`, true},
		{"row beyond the limit", `<sheetData><row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>`, true},
		{"carriage return", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\r\nb</v></c></row></sheetData>", true},
	}
)

// caseSheet returns the sheet part of a case's content.
func caseSheet(content string) string {
	if strings.HasSuffix(content, "2") {
		return caseHead + content // the truncated case
	}
	return caseHead + content + `</worksheet>`
}

// TestXLSXStreamCases checks hand-written sheets of the constructs the
// reader follows, and some it leaves to excelize, against excelize.
func TestXLSXStreamCases(t *testing.T) {
	t.Parallel()
	base := styledWorkbook(t)
	for _, tc := range streamCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := replacePart(t, base, map[string][]byte{
				"xl/worksheets/sheet1.xml": []byte(caseSheet(tc.sheet)),
				"xl/sharedStrings.xml":     []byte(caseSST),
			})
			fellBack, skipped, diff := compareReaders(b, Options{})
			if fellBack != tc.fallback {
				t.Errorf("left to excelize: %v, want %v", fellBack, tc.fallback)
			}
			if skipped || diff != "" {
				t.Errorf("skipped %v; %s", skipped, diff)
			}
			// And the public reader gives excelize's grid either way.
			g, err := GridFromBytes(b, Options{})
			ge, ee := excelizeRead(b, Options{})
			if (err == nil) != (ee == nil) || err == nil && !cmp.Equal(g, ge) {
				t.Errorf("GridFromBytes %v, %v; excelize %v, %v", g, err, ge, ee)
			}
		})
	}
}

// styledWorkbook returns a workbook written by excelize with cell
// formats 1: 0%, 2: 0.00, 3: custom 0.000, 4: 0.0%, and a shared strings
// part (the sheet's content is replaced by the tests).
func styledWorkbook(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for _, st := range []*excelize.Style{{NumFmt: 9}, {NumFmt: 2}, {CustomNumFmt: ptr("0.000")}, {CustomNumFmt: ptr("0.0%")}} {
		if _, err := f.NewStyle(st); err != nil {
			tb.Fatal(err)
		}
	}
	f.SetCellValue("Sheet1", "A1", "x")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func ptr[T any](x T) *T { return &x }

// TestXLSXStreamGenerated writes random workbooks with excelize — numbers
// (integers, decimals, more than 15 digits, exponents), dates and times
// (in the 1900 or the 1904 date system), percentages and fixed decimals
// (cell, row and column formats), shared strings (with characters XML
// escapes, _xHHHH_ escapes, Chinese, spaces), rich text, inline strings
// (the streaming writer), booleans, formulas with and without a cached
// value, gaps, empty rows and merged ranges — and checks that the
// streaming reader gives excelize's Grid, bit for bit, without leaving
// any to excelize.
func TestXLSXStreamGenerated(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		f := excelize.NewFile()
		defer f.Close()
		sheet := "Sheet1"
		if rapid.Bool().Draw(t, "1904") {
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: ptr(true)}); err != nil {
				t.Fatal(err)
			}
		}
		var styles []int
		for _, st := range []*excelize.Style{{NumFmt: 9}, {NumFmt: 10}, {NumFmt: 2}, {NumFmt: 4}, {NumFmt: 14}, {NumFmt: 22}, {CustomNumFmt: ptr("0.000")}, {CustomNumFmt: ptr("0.0%")}, {CustomNumFmt: ptr("yyyy-mm-dd")}, {NumFmt: 49}} {
			id, err := f.NewStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			styles = append(styles, id)
		}
		anyStyle := rapid.SampledFrom(append([]int{0}, styles...))
		text := rapid.SampledFrom([]string{"单位", "东城区", "a&b<c>\"d'", "_x0041_", "_x005F_x0041_", " lead", "trail ", "两行\n文本", "12.5", "96%", "N/A", "😀", "\t", "", "x_xD800_y"})
		rows := rapid.IntRange(1, 12).Draw(t, "rows")
		for r := 1; r <= rows; r++ {
			if rapid.IntRange(0, 5).Draw(t, "skip row") == 0 {
				continue
			}
			cols := rapid.IntRange(1, 8).Draw(t, "cols")
			for c := 1; c <= cols; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				var err error
				switch rapid.IntRange(0, 11).Draw(t, "kind") {
				case 0: // a gap
					continue
				case 1:
					err = f.SetCellValue(sheet, cell, rapid.IntRange(-1000000, 1000000).Draw(t, "int"))
				case 2:
					err = f.SetCellValue(sheet, cell, float64(rapid.IntRange(-1e6, 1e6).Draw(t, "cents"))/100)
				case 3:
					err = f.SetCellDefault(sheet, cell, rapid.SampledFrom([]string{"66.51000000000001", "12345678901234567890", "0.1234567890123456789", "1e-7", "1.5E+20", "-0", "007"}).Draw(t, "long"))
				case 4:
					d := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 40*365*24*3600).Draw(t, "seconds")) * time.Second)
					err = f.SetCellValue(sheet, cell, d)
				case 5:
					err = f.SetCellValue(sheet, cell, text.Draw(t, "text"))
				case 6:
					err = f.SetCellRichText(sheet, cell, []excelize.RichTextRun{{Text: text.Draw(t, "run1"), Font: &excelize.Font{Bold: true}}, {Text: text.Draw(t, "run2")}})
				case 7:
					err = f.SetCellBool(sheet, cell, rapid.Bool().Draw(t, "bool"))
				case 8:
					if err = f.SetCellValue(sheet, cell, rapid.IntRange(0, 100).Draw(t, "cached")); err == nil {
						err = f.SetCellFormula(sheet, cell, "1+1")
					}
				case 9:
					err = f.SetCellFormula(sheet, cell, "SUM(A1:A2)")
				case 10:
					err = f.SetCellStr(sheet, cell, rapid.SampledFrom([]string{"3.14", "0.96", "1e3"}).Draw(t, "number text"))
				case 11:
					err = f.SetCellValue(sheet, cell, float64(rapid.IntRange(0, 1000).Draw(t, "fraction"))/1000)
				}
				if err != nil {
					t.Fatal(err)
				}
				if st := anyStyle.Draw(t, "style"); st != 0 {
					if err := f.SetCellStyle(sheet, cell, cell, st); err != nil {
						t.Fatal(err)
					}
				}
			}
			if rapid.IntRange(0, 6).Draw(t, "row style") == 0 {
				if err := f.SetRowStyle(sheet, r, r, styles[rapid.IntRange(0, len(styles)-1).Draw(t, "row style id")]); err != nil {
					t.Fatal(err)
				}
			}
		}
		if rapid.IntRange(0, 3).Draw(t, "col style") == 0 {
			if err := f.SetColStyle(sheet, "B:C", styles[rapid.IntRange(0, len(styles)-1).Draw(t, "col style id")]); err != nil {
				t.Fatal(err)
			}
		}
		if rapid.IntRange(0, 3).Draw(t, "merge") == 0 {
			if err := f.MergeCell(sheet, "A1", "C1"); err != nil {
				t.Fatal(err)
			}
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		fellBack, skipped, diff := compareReaders(b.Bytes(), Options{})
		if skipped || diff != "" {
			t.Fatalf("skipped %v; %s", skipped, diff)
		}
		checkFastXLSX(t, b.Bytes(), Options{})
		if fellBack {
			// A merged range whose cells hold values (excelize keeps
			// them) is the one construct left to excelize here.
			if _, fb2, _ := compareReaders(replaceMerges(t, b.Bytes()), Options{}); fb2 || !bytes.Contains(partOf(t, b.Bytes(), "xl/worksheets/sheet1.xml"), []byte("<mergeCell ")) {
				t.Fatalf("left to excelize")
			}
		}
	})
}

// replaceMerges returns the workbook b without its merged ranges.
func replaceMerges(tb fataler, b []byte) []byte {
	sheet := partOf(tb, b, "xl/worksheets/sheet1.xml")
	sheet = regexp.MustCompile(`<mergeCells[^>]*>.*</mergeCells>`).ReplaceAll(sheet, nil)
	return replacePart(tb, b, map[string][]byte{"xl/worksheets/sheet1.xml": sheet})
}

// TestXLSXStreamStreamWriter checks the workbooks of excelize's
// streaming writer (inline strings; the package's WriteXLSX uses it),
// with gaps and empty rows.
func TestXLSXStreamStreamWriter(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var rows [][]string
		n := rapid.IntRange(1, 10).Draw(t, "rows")
		for i := 0; i < n; i++ {
			rows = append(rows, rapid.SliceOfN(rapid.SampledFrom([]string{"", "x", "东城区", "12.5", "0.96", "-3", "1e5", "a&b", "_x0041_", " ", "66.51000000000001"}), 0, 6).Draw(t, "row"))
		}
		var b bytes.Buffer
		if err := WriteXLSX(&b, []SheetData{{Name: "数据", Rows: rows}, {Name: "second", Rows: rows}}); err != nil {
			t.Fatal(err)
		}
		for _, opt := range []Options{{}, {Sheet: "second"}, {Sheet: "2"}, {Sheet: "none"}, {Limits: Limits{MaxCells: 3}}} {
			fellBack, skipped, diff := compareReaders(b.Bytes(), opt)
			if fellBack || skipped || diff != "" {
				t.Fatalf("%+v: left to excelize %v, skipped %v; %s", opt, fellBack, skipped, diff)
			}
			checkFastXLSX(t, b.Bytes(), opt)
		}
	})
}

// TestXLSXStreamOpenpyxl reads workbooks written by openpyxl
// (testdata/random_xlsx.py: random numbers, dates, percentages, shared
// strings and rich text, formulas without cached values, gaps, empty
// rows, merged ranges, both date systems) with both readers: the same
// Grid of every sheet. Skipped where python3 lacks openpyxl ($PYTHON
// names another interpreter).
func TestXLSXStreamOpenpyxl(t *testing.T) {
	t.Parallel()
	python := os.Getenv("PYTHON")
	if python == "" {
		python = "python3"
		if exec.Command(python, "-c", "import openpyxl").Run() != nil {
			python = "/usr/bin/python3"
		}
	}
	if exec.Command(python, "-c", "import openpyxl").Run() != nil {
		t.Skip("no python3 with openpyxl")
	}
	dir := t.TempDir()
	const count = 40
	if out, err := exec.Command(python, "testdata/random_xlsx.py", "20261206", fmt.Sprint(count), dir).CombinedOutput(); err != nil {
		t.Fatalf("random_xlsx.py: %v\n%s", err, out)
	}
	fell := 0
	for n := 0; n < count; n++ {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("random%03d.xlsx", n)))
		if err != nil {
			t.Fatal(err)
		}
		for _, opt := range []Options{{}, {Sheet: "2"}} {
			fellBack, skipped, diff := compareReaders(b, opt)
			if skipped || diff != "" {
				t.Errorf("random%03d.xlsx %+v: skipped %v; %s", n, opt, skipped, diff)
			}
			checkFastXLSX(t, b, opt)
			if fellBack {
				fell++
			}
		}
	}
	// Only sheets with a value inside a merged range (openpyxl keeps
	// none) would be left to excelize.
	if fell > 0 {
		t.Errorf("%d sheets left to excelize", fell)
	}
}

// FuzzXLSXSheet reads workbooks whose sheet and shared strings are the
// fuzzer's (the workbook around them written by excelize, with
// percentage and fixed-decimal formats): the streaming reader never
// panics, and when it reads a sheet (rather than leaving it to excelize)
// it gives excelize's Grid or excelize's error, and TableFromBytes reads
// the table its Grid gives (checkFastXLSX). The seeds are the sheets
// and shared strings of the committed workbooks and the cases of
// TestXLSXStreamCases.
func FuzzXLSXSheet(f *testing.F) {
	for _, name := range committedWorkbooks {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(partOf(f, b, "xl/worksheets/sheet1.xml"), partOf(f, b, "xl/sharedStrings.xml"))
	}
	for _, tc := range streamCases {
		f.Add([]byte(caseSheet(tc.sheet)), []byte(caseSST))
	}
	base := styledWorkbook(f)
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		repl := map[string][]byte{"xl/worksheets/sheet1.xml": sheet}
		if sst != nil {
			repl["xl/sharedStrings.xml"] = sst
		}
		b := replacePart(t, base, repl)
		g, err := readXLSXStream(b, Options{})
		if err == errUnsupported {
			return // excelize reads it: nothing to compare
		}
		if err == nil && (len(g.Lines) > 0 && g.Lines[len(g.Lines)-1] > 10000 || widest(g) > 1000) {
			return // excelize would take seconds to model the sheet
		}
		if _, skipped, diff := compareReaders(b, Options{}); diff != "" {
			t.Fatal(diff)
		} else if skipped {
			t.Skip("excelize cannot model the sheet")
		}
		checkFastXLSX(t, b, Options{})
	})
}

func widest(g *Grid) int {
	n := 0
	for _, r := range g.Rows {
		n = max(n, len(r))
	}
	return n
}

// TestXLSXStreamLarge reads a sheet larger than the chunks inflated
// ahead (2 MB of XML), whole and stopped by the limit of cells part way:
// excelize's Grid and error, and no goroutine left behind.
func TestXLSXStreamLarge(t *testing.T) {
	rows := [][]string{{"unit", "a", "b", "c"}}
	for i := 0; i < 16000; i++ {
		rows = append(rows, []string{fmt.Sprintf("单位%d", i), fmt.Sprint(i), fmt.Sprint(float64(i) / 8), "x"})
	}
	var b bytes.Buffer
	if err := WriteXLSX(&b, []SheetData{{Name: "s", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	if n := len(partOf(t, b.Bytes(), "xl/worksheets/sheet1.xml")); n <= aheadChunks*aheadChunkSize {
		t.Fatalf("sheet of %d bytes, want more than the chunks read ahead", n)
	}
	before := runtime.NumGoroutine()
	for _, opt := range []Options{{}, {Limits: Limits{MaxCells: 20000}}} {
		fellBack, skipped, diff := compareReaders(b.Bytes(), opt)
		if fellBack || skipped || diff != "" {
			t.Errorf("%+v: left to excelize %v, skipped %v; %s", opt, fellBack, skipped, diff)
		}
		checkFastXLSX(t, b.Bytes(), opt)
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}
