package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// TestReadTabularLines checks that an error in a record file read
// through package tabular (readTabular: GBK text, a workbook, or any file
// with -header-row) names the file's own line, as it does in UTF-8 text,
// when blank lines or rows, or rows above -header-row, come before it:
// the margins below have a bad total on line 5 (line 7 under a title and
// a blank line with -header-row 3). Before, the blank lines were dropped
// and the error said line 3.
func TestReadTabularLines(t *testing.T) {
	dir := t.TempDir()
	const text = "variable,level,total\nsex,男,52\n\n\nsex,女,abc\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if err := tabular.WriteXLSX(&book, []tabular.SheetData{{Name: "margins", Rows: [][]string{
		{"variable", "level", "total"}, {"sex", "男", "52"}, {}, {}, {"sex", "女", "abc"}}}}); err != nil {
		t.Fatal(err)
	}
	resp := filepath.Join("testdata", "respondents.csv")
	for _, c := range []struct {
		name, content string
		flags         []string
		line          string
	}{
		{"utf8.csv", text, nil, "line 5, column 3"},
		{"gbk.csv", string(gbk), nil, "line 5, column 3"},
		{"margins.xlsx", book.String(), nil, "line 5, column 3"},
		{"titled.csv", "2025年控制总数\n\n" + text, []string{"-header-row", "3"}, "line 7, column 3"},
	} {
		f := writeIn(t, dir, c.name, c.content)
		r := runPPGPA(t, "", append(append([]string{"rake", "-q"}, c.flags...), resp, f)...)
		if r.code != 1 || !strings.Contains(r.stderr, f+": "+c.line+`: "abc"`) {
			t.Errorf("%s: exit %d, %q, want the error at %s", c.name, r.code, r.stderr, c.line)
		}
	}
}
