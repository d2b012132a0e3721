package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// writeIn writes text to the file name in dir and returns its path.
func writeIn(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// withSerial returns the CSV text with a serial-number column (序号)
// before its first: the header's cell 序号, then 1, 2, … on its lines.
func withSerial(text string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = "序号," + lines[i]
		} else {
			lines[i] = strconv.Itoa(i) + "," + lines[i]
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestRecordLayouts feeds the tables of their own layout (published
// tables for verify, margins for rake, judgment matrices for ahp,
// respondents for rake and estimate) as an office keeps them: a title row
// above the header, a serial-number column (序号), a summary row (合计,
// 平均) at the bottom. Each is read as the plain table is (the same
// output), or refused with one line naming the file, the line and the
// cell. The plain tables are the files of testdata.
func TestRecordLayouts(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string { return writeIn(t, dir, name, text) }
	td := func(name string) string { return filepath.Join("testdata", name) }
	title := func(text string) string { return "2025年度区县绩效考核结果\n" + text }
	caption := func(text string) string { return "2025年度区县绩效考核结果,单位：分\n" + text }
	pub := readTestdata("published_ok.csv")
	margins := readTestdata("margins.csv")
	matrix := readTestdata("ahp_labelled.csv")
	resp := readTestdata("respondents.csv")
	verify := func(p string, flags ...string) []string {
		return append(append([]string{"verify", "-q", "-format", "csv"}, flags...), td("model.json"), td("data.csv"), p)
	}
	rake := func(r, m string) []string { return []string{"rake", "-q", r, m} }
	ahp := func(p string) []string { return []string{"ahp", "-q", "-format", "json", p} }
	estimate := func(p string) []string {
		return []string{"estimate", "-q", "-unit", "district", "-scale", "hangzhou", p}
	}
	cases := []struct {
		name string
		args []string
		same []string // the command whose output it must give, or
		err  string   // the error it must give, alone on its line
	}{
		{"published under a title", verify(write("pub_title.csv", title(pub))), verify(td("published_ok.csv")), ""},
		{"published with 序号", verify(write("pub_serial.csv", withSerial(pub))), verify(td("published_ok.csv")), ""},
		{"published with 合计", verify(write("pub_sum.csv", pub+"合计,,585.97,\n")), nil,
			`pub_sum.csv: line 10, column 1 (单位): "合计" is a summary row, not a unit; remove it or skip summary rows (-skip-summary)`},
		{"published with 合计, -skip-summary", verify(write("pub_sum2.csv", title(pub)+"平 均,,73.25,\n"), "-skip-summary"), verify(td("published_ok.csv")), ""},
		{"margins under a title", rake(td("respondents.csv"), write("m_title.csv", title(margins))), rake(td("respondents.csv"), td("margins.csv")), ""},
		{"margins with 序号", rake(td("respondents.csv"), write("m_serial.csv", withSerial(margins))), rake(td("respondents.csv"), td("margins.csv")), ""},
		{"margins with 合计", rake(td("respondents.csv"), write("m_sum.csv", margins+"合计,,200\n")), nil,
			`m_sum.csv: line 7, column 1 (variable): "合计" is a summary row, not a margin; remove it`},
		{"matrix under a title", ahp(write("a_title.csv", title(matrix))), ahp(td("ahp_labelled.csv")), ""},
		// A caption of two cells (a title and the unit of measure), as
		// the readers of indicator tables take it (tabular.HeaderIndex):
		// a row of fewer cells than the widest less one is no header (in
		// a table of three columns, such as margins, it may be).
		{"published under a two-cell caption", verify(write("pub_cap.csv", caption(pub))), verify(td("published_ok.csv")), ""},
		{"matrix under a two-cell caption", ahp(write("a_cap.csv", caption(matrix))), ahp(td("ahp_labelled.csv")), ""},
		{"matrix with 合计", ahp(write("a_sum.csv", matrix+"合计,,,12\n")), nil,
			`a_sum.csv: line 5, column 1: "合计" is a summary row, not a criterion; remove it`},
		{"respondents with 合计 (rake)", rake(write("r_sum.csv", resp+"合计,11.5,,,,,34600\n"), td("margins.csv")), nil,
			`r_sum.csv: line 12, column 1 (id): "合计" is a summary row, not a respondent; remove it`},
		{"respondents with 合计 (estimate)", estimate(write("r_sum2.csv", resp+"总计,11.5,,,,,34600\n")), nil,
			`r_sum2.csv: line 12, column 1 (id): "总计" is a summary row, not a respondent; remove it`},
	}
	for _, c := range cases {
		r := runPPGPA(t, "", c.args...)
		if c.err != "" {
			if r.code != 1 || !strings.HasSuffix(strings.TrimSpace(r.stderr), c.err) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("%s: exit %d, standard error %q; want exit 1 and one line ending %q", c.name, r.code, r.stderr, c.err)
			}
			continue
		}
		want := runPPGPA(t, "", c.same...)
		norm := func(s string) string { // ahp's output names its file and lines
			for _, f := range []string{c.args[len(c.args)-1], c.same[len(c.same)-1]} {
				s = strings.ReplaceAll(s, f, "FILE")
			}
			return regexp.MustCompile(`line [0-9]+`).ReplaceAllString(s, "line N")
		}
		if r.code != want.code || norm(r.stdout) != norm(want.stdout) {
			t.Errorf("%s: exit %d (want %d), standard error %q; output\n%s\nwant\n%s", c.name, r.code, want.code, r.stderr, r.stdout, want.stdout)
		}
	}
}

// TestVerifyDataErrorNamesData checks that an error of the recomputation
// (the data lack a column of the model) names the model and the data, as
// score names them, and not the published table, which has no fault.
func TestVerifyDataErrorNamesData(t *testing.T) {
	data := strings.ReplaceAll(readTestdata("data.csv"), "wait_days", "waiting")
	in := filepath.Join(t.TempDir(), "data.csv")
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join("testdata", "model.json")
	s := runPPGPA(t, "", "score", "-q", model, in)
	v := runPPGPA(t, "", "verify", "-q", model, in, filepath.Join("testdata", "published_ok.csv"))
	want := strings.Replace(s.stderr, "ppgpa score:", "ppgpa verify:", 1)
	if s.code != 1 || v.code != 1 || v.stderr != want || strings.Contains(v.stderr, "published") {
		t.Errorf("verify: exit %d, %q; want exit 1 and score's error %q", v.code, v.stderr, want)
	}
}

// TestInputErrLimits checks that the error of a workbook over a limit of
// package tabular speaks to a user of the command line, who cannot set
// tabular.Limits: it names no Go field and says what to do.
func TestInputErrLimits(t *testing.T) {
	var wb bytes.Buffer
	rows := [][]string{{"unit", "a"}}
	for i := 0; i < 100; i++ {
		rows = append(rows, []string{"u" + strconv.Itoa(i), strings.Repeat("1", 2000)})
	}
	if err := tabular.WriteXLSX(&wb, []tabular.SheetData{{Name: "s", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	for _, lim := range []tabular.Limits{{MaxUnzipped: 100 << 10}, {MaxCells: 50}} {
		_, err := tabular.GridFromBytes(wb.Bytes(), tabular.Options{Limits: lim})
		if err == nil {
			t.Fatalf("%+v: no error", lim)
		}
		msg := inputErr("数据.xlsx", err).Error()
		if strings.Contains(msg, "Limits") || !strings.Contains(msg, "save the sheet as CSV") || !strings.HasPrefix(msg, "数据.xlsx: ") {
			t.Errorf("%+v: %q", lim, msg)
		}
	}
}

// TestVerifyPublishedJSONRecords checks that a published table given as
// JSON records (an array of objects, the form tables take in JSON) is
// read as the table it is, and that a malformed publication object is
// reported without Go's type names.
func TestVerifyPublishedJSONRecords(t *testing.T) {
	dir := t.TempDir()
	recs := `[{"单位":"高新区","排名":1,"得分":93.50,"等级":"一般"},{"单位":"南湖区","排名":2,"得分":92.30,"等级":"优秀"},` +
		`{"单位":"东城区","排名":3,"得分":86.25,"等级":"良好"},{"单位":"江滨区","排名":4,"得分":80.13,"等级":"良好"},` +
		`{"单位":"西城区","排名":5,"得分":72.81,"等级":"良好"},{"单位":"青山县","排名":6,"得分":66.51,"等级":"一般"},` +
		`{"单位":"北山区","排名":7,"得分":51.62,"等级":"一般"},{"单位":"临河县","排名":8,"得分":42.85,"等级":"一般"}]`
	p := filepath.Join(dir, "published.json")
	if err := os.WriteFile(p, []byte(recs), 0o644); err != nil {
		t.Fatal(err)
	}
	model, data := filepath.Join("testdata", "model.json"), filepath.Join("testdata", "data.csv")
	r := runPPGPA(t, "", "verify", "-q", "-format", "json", model, data, p)
	if r.code != 0 || !strings.Contains(r.stdout, `"differences": 0`) {
		t.Errorf("JSON records: exit %d, %s\n%s", r.code, r.stderr, r.stdout)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"ranks": [{"unit": "高新区", "rank": true}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runPPGPA(t, "", "verify", "-q", model, data, bad)
	if r.code != 1 || strings.Contains(r.stderr, "Go ") || strings.Contains(r.stderr, "ranking.") || !strings.Contains(r.stderr, "bad.json") {
		t.Errorf("a malformed publication: exit %d, %q", r.code, r.stderr)
	}
}

// TestReportTablesLayout feeds report's own tables (-comments, -last) as
// an office keeps them: a title row above the header is skipped, and a
// summary row (平均) is one line naming it, or dropped with
// -skip-summary; errors speak without the Go package's prefix.
func TestReportTablesLayout(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string { return writeIn(t, dir, name, text) }
	td := func(name string) string { return filepath.Join("testdata", name) }
	rep := func(flags ...string) runResult {
		return runPPGPA(t, "", append(append([]string{"report", "-q", "-format", "markdown", "-n", "20"}, flags...), td("model.json"), td("data.csv"))...)
	}
	comments := readTestdata(filepath.Join("report", "comments.csv"))
	last := "单位,排名,得分\n东城区,2,85.1\n西城区,3,80.2\n南湖区,1,90.3\n"
	want := rep("-comments", td(filepath.Join("report", "comments.csv")), "-last", write("last0.csv", last))
	if want.code != 0 {
		t.Fatalf("plain tables: exit %d: %s", want.code, want.stderr)
	}
	c := write("comments.csv", "2025年度评议意见汇总\n"+comments)
	l := write("last.csv", "2024年度考核结果\n"+last+"平均,,\n")
	if r := rep("-comments", c, "-last", l, "-skip-summary"); r.code != 0 || r.stdout != want.stdout {
		t.Errorf("under titles, -skip-summary: exit %d, %s", r.code, r.stderr)
	}
	r := rep("-comments", c, "-last", l)
	lines := strings.Count(last, "\n") + 2
	msg := "last.csv: line " + strconv.Itoa(lines) + `, column 1 (单位): "平均" is a summary row, not a unit; remove it or skip summary rows (-skip-summary)`
	if r.code != 1 || !strings.HasSuffix(strings.TrimSpace(r.stderr), msg) || strings.Contains(r.stderr, "invalid input") {
		t.Errorf("a summary row: exit %d, %q; want %q", r.code, r.stderr, msg)
	}
}

// TestDataWithoutUnits checks that DATA with a header and no rows below
// it is refused as such, naming the file, where the evaluation said that
// the first indicator had "no values".
func TestDataWithoutUnits(t *testing.T) {
	header, _, _ := strings.Cut(readTestdata("data.csv"), "\n")
	in := filepath.Join(t.TempDir(), "data.csv")
	if err := os.WriteFile(in, []byte(header+"\n,,,,,,,,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"score", "report"} {
		r := runPPGPA(t, "", cmd, "-q", filepath.Join("testdata", "model.json"), in)
		if want := in + ": no units: the table has a header and no rows below it"; r.code != 1 || strings.TrimSpace(r.stderr) != "ppgpa "+cmd+": "+want {
			t.Errorf("%s: exit %d, %q; want %q", cmd, r.code, r.stderr, want)
		}
	}
}

// TestScoreYearsFormats scores a panel (-year) from the files an office
// has: a workbook, a GBK file and a table under a title row with a
// serial-number column, each as the CSV of the same numbers scores it; -year read its data with a CSV reader of
// its own, which refused them all (a workbook with "bare " in
// non-quoted-field").
func TestScoreYearsFormats(t *testing.T) {
	panel := readTestdata("panel.csv")
	want := runPPGPA(t, "", "score", "-q", "-format", "csv", "-year", "year", filepath.Join("testdata", "model_years.json"), filepath.Join("testdata", "panel.csv"))
	if want.code != 0 {
		t.Fatalf("panel.csv: exit %d: %s", want.code, want.stderr)
	}
	dir := t.TempDir()
	var wb bytes.Buffer
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(panel), "\n") {
		rows = append(rows, strings.Split(l, ","))
	}
	if err := tabular.WriteXLSX(&wb, []tabular.SheetData{{Name: "面板", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(panel)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(panel), "\n")
	office := "2021—2024年度面板数据,,,,,\n序号," + lines[0] + "\n"
	for i, l := range lines[1:] {
		office += strconv.Itoa(i+1) + "," + l + "\n"
	}
	for name, text := range map[string]string{"panel.xlsx": wb.String(), "panel_gbk.csv": gbk, "panel_office.csv": office} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runPPGPA(t, "", "score", "-q", "-format", "csv", "-year", "year", filepath.Join("testdata", "model_years.json"), p)
		if r.code != 0 || r.stdout != want.stdout {
			t.Errorf("%s: exit %d, %s", name, r.code, r.stderr)
		}
	}
}

// TestScorePreviousFormats gives -previous (a result of score -format
// csv) as GBK text and as a workbook of the same cells: each is read as
// the CSV is; the file was read by a CSV reader of its own.
func TestScorePreviousFormats(t *testing.T) {
	args := func(prev string) []string {
		return []string{"score", "-q", "-format", "csv", "-previous", prev, filepath.Join("testdata", "model_years.json"), filepath.Join("testdata", "data_2024.csv")}
	}
	want := runPPGPA(t, "", args(filepath.Join("testdata", "previous_2023.csv"))...)
	if want.code != 0 {
		t.Fatalf("previous_2023.csv: exit %d: %s", want.code, want.stderr)
	}
	prev := readTestdata("previous_2023.csv")
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(prev)
	if err != nil {
		t.Fatal(err)
	}
	// A workbook keeps 15 significant digits (tabular.WriteXLSX): it is
	// compared with the CSV of the numbers so rounded.
	recs, err := csv.NewReader(strings.NewReader(prev)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		for j, c := range r {
			if x, err := strconv.ParseFloat(c, 64); err == nil && c != "NA" {
				r[j] = strconv.FormatFloat(x, 'g', 15, 64)
			}
		}
	}
	var wb, rounded bytes.Buffer
	if err := tabular.WriteXLSX(&wb, []tabular.SheetData{{Name: "score", Rows: recs}}); err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(&rounded)
	w.WriteAll(recs)
	dir := t.TempDir()
	files := map[string]string{"prev_gbk.csv": gbk, "prev.xlsx": wb.String(), "prev15.csv": rounded.String()}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want15 := runPPGPA(t, "", args(filepath.Join(dir, "prev15.csv"))...)
	for name, w := range map[string]runResult{"prev_gbk.csv": want, "prev.xlsx": want15} {
		if r := runPPGPA(t, "", args(filepath.Join(dir, name))...); r.code != 0 || w.code != 0 || r.stdout != w.stdout {
			t.Errorf("%s: exit %d, %s", name, r.code, r.stderr)
		}
	}
}

// TestVerifyNeutralisedCSV verifies score's own CSV of units whose ids a
// spreadsheet would run as formulas: score writes them neutralised
// ('=1+1), and verify, compare and score -previous read them back as the
// ids they are, as a spreadsheet shows them; verify said "not in the
// data".
func TestVerifyNeutralisedCSV(t *testing.T) {
	data := strings.NewReplacer("东城区,", "=1+1,", "西城区,", "@SUM(A1),", "南湖区,", "-x,", "北山区,", "+y,").Replace(readTestdata("data.csv"))
	dir := t.TempDir()
	in, pub := filepath.Join(dir, "data.csv"), filepath.Join(dir, "scores.csv")
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join("testdata", "model.json")
	if r := runPPGPA(t, "", "score", "-q", "-format", "csv", "-o", pub, model, in); r.code != 0 {
		t.Fatalf("score: exit %d: %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(pub); !strings.Contains(string(b), "\n'=1+1,") {
		t.Fatalf("score's CSV does not neutralise =1+1:\n%s", b)
	}
	if r := runPPGPA(t, "", "verify", "-q", model, in, pub); r.code != 0 {
		t.Errorf("verify: exit %d: %s\n%s", r.code, r.stderr, r.stdout)
	}
	if r := runPPGPA(t, "", "compare", "-q", "-format", "json", pub, pub); r.code != 0 || strings.Contains(r.stdout, "'") || !strings.Contains(r.stdout, `"=1+1"`) {
		t.Errorf("compare: exit %d: %s\n%s", r.code, r.stderr, r.stdout)
	}
}
