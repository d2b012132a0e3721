package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// TestAHPXLSX checks that ahp -format xlsx writes its tables as a
// workbook, one sheet per table with the headings of -lang and the
// numbers of -format json (to Excel's 15 significant digits), as every
// command that writes JSON can.
func TestAHPXLSX(t *testing.T) {
	m := filepath.Join("testdata", "ahp_inconsistent.csv")
	j := runPPGPA(t, "", "ahp", "-q", "-format", "json", m)
	if j.code != 0 {
		t.Fatalf("json: exit %d: %s", j.code, j.stderr)
	}
	var rep struct {
		Criteria []struct {
			Name   string  `json:"name"`
			Weight float64 `json:"weight"`
		} `json:"criteria"`
		CR          float64 `json:"cr"`
		Suggestions []struct {
			Suggested float64 `json:"suggested"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	g15 := func(x float64) string { return strconv.FormatFloat(x, 'g', 15, 64) }
	for _, c := range []struct {
		lang                          string
		weights, consistency, suggest string
		head                          []string
	}{
		{"zh", "权重", "一致性", "修改建议", []string{"指标", "权重", "特征向量法", "几何平均法"}},
		{"en", "weights", "consistency", "suggested revisions", []string{"criterion", "weight", "eigenvector", "geom. mean"}},
	} {
		x := runPPGPA(t, "", "ahp", "-q", "-format", "xlsx", "-lang", c.lang, m)
		if x.code != 0 {
			t.Fatalf("%s: exit %d: %s", c.lang, x.code, x.stderr)
		}
		sheet := func(name string) [][]string {
			g, err := tabular.ReadGrid(strings.NewReader(x.stdout), tabular.Options{Sheet: name})
			if err != nil {
				t.Fatalf("%s: sheet %q: %v", c.lang, name, err)
			}
			return g.Rows
		}
		w := sheet(c.weights)
		if strings.Join(w[0], "|") != strings.Join(c.head, "|") || len(w) != len(rep.Criteria)+1 {
			t.Errorf("%s: weights %q", c.lang, w)
		}
		for i, cr := range rep.Criteria {
			if w[i+1][0] != cr.Name || w[i+1][1] != g15(cr.Weight) {
				t.Errorf("%s: row %q, want %s %s", c.lang, w[i+1], cr.Name, g15(cr.Weight))
			}
		}
		found := false
		for _, r := range sheet(c.consistency) {
			if r[0] == "CR" && r[1] == g15(rep.CR) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no CR %s in %q", c.lang, g15(rep.CR), sheet(c.consistency))
		}
		if s := sheet(c.suggest); len(rep.Suggestions) == 0 || len(s) != len(rep.Suggestions)+1 || s[1][2] != g15(rep.Suggestions[0].Suggested) {
			t.Errorf("%s: suggestions %q, want %d", c.lang, s, len(rep.Suggestions))
		}
	}
}

// TestAHPSerialColumn feeds ahp judgment matrices with a serial-number
// column (序号) before the matrix, as an office numbers the rows of its
// sheets: UTF-8 CSV written here, GBK CSV made by iconv and workbooks
// written by openpyxl (testdata/official/make.sh and make_xlsx.py), with
// and without a caption row above the header. The column is left out as
// the readers of every other table leave it out, so each gives the
// weights, λmax and CR of the same matrix without the column
// (ahp_labelled.csv, ahp.csv), bit for bit, and the places of its
// judgments name the file's own line and column (成本 over 服务 is
// column 5 once 序号 is column 1). The reference weights agree with
// numpy.linalg.eig's principal eigenvector (numpy 1.24):
// ahp_labelled.csv 0.60262894, 0.31502908, 0.08234198 (λmax
// 3.001981508535614), ahp.csv 0.64832901, 0.22965079, 0.12202019 (λmax
// 3.00369459806364).
func TestAHPSerialColumn(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string { return writeIn(t, dir, name, text) }
	title := func(text string) string { return "判断矩阵（一级指标）,,,,\n" + text }
	td := func(name string) string { return filepath.Join("testdata", name) }
	labelled, plain := readTestdata("ahp_labelled.csv"), readTestdata("ahp.csv")
	type result struct {
		Criteria []struct {
			Name   string  `json:"name"`
			Weight float64 `json:"weight"`
		} `json:"criteria"`
		LambdaMax float64 `json:"lambda_max"`
		CR        float64 `json:"cr"`
		Most      []struct {
			Row   string `json:"row"`
			Col   string `json:"col"`
			Where string `json:"where"`
		} `json:"most_inconsistent"`
	}
	ahp := func(p string) (result, bool) {
		t.Helper()
		var res result
		r := runPPGPA(t, "", "ahp", "-q", "-format", "json", p)
		if r.code != 0 {
			t.Errorf("%s: exit %d: %s", p, r.code, r.stderr)
			return res, false
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatal(err)
		}
		return res, true
	}
	numpy := map[string][]float64{
		"ahp_labelled.csv": {0.60262894, 0.31502908, 0.08234198},
		"ahp.csv":          {0.64832901, 0.22965079, 0.12202019},
	}
	for _, tc := range []struct {
		file, ref string
		where     string // where 成本 over 服务 (A over C) is in the file
	}{
		{write("serial.csv", withSerial(labelled)), "ahp_labelled.csv", "line 2, column 5"},
		{write("serial_title.csv", title(withSerial(labelled))), "ahp_labelled.csv", "line 3, column 5"},
		{write("serial_plain.csv", withSerial(plain)), "ahp.csv", "line 2, column 4"},
		{write("serial_plain_title.csv", title(withSerial(plain))), "ahp.csv", "line 3, column 4"},
		{td("official/ahp_serial_gbk.csv"), "ahp_labelled.csv", "line 2, column 5"},
		{td("official/ahp_serial_title_gbk.csv"), "ahp_labelled.csv", "line 3, column 5"},
		{td("official/ahp_serial_title.xlsx"), "ahp_labelled.csv", "line 3, column 5"},
		{td("official/ahp_serial.xlsx"), "ahp.csv", "line 2, column 4"},
	} {
		got, ok := ahp(tc.file)
		want, _ := ahp(td(tc.ref))
		if !ok {
			continue
		}
		if len(got.Criteria) != len(want.Criteria) || got.LambdaMax != want.LambdaMax || got.CR != want.CR {
			t.Errorf("%s: %+v, want %+v", tc.file, got, want)
			continue
		}
		for i, c := range want.Criteria {
			if got.Criteria[i] != c {
				t.Errorf("%s: criterion %d %+v, want %+v (as %s)", tc.file, i, got.Criteria[i], c, tc.ref)
			}
			if d := c.Weight - numpy[tc.ref][i]; d > 5e-9 || d < -5e-9 {
				t.Errorf("%s: weight %d %v, numpy %v", tc.ref, i, c.Weight, numpy[tc.ref][i])
			}
		}
		found := false
		for _, j := range got.Most {
			if j.Row == got.Criteria[0].Name && j.Col == got.Criteria[2].Name {
				found = strings.HasSuffix(j.Where, ": "+tc.where+" ("+j.Row+" over "+j.Col+")")
				if !found {
					t.Errorf("%s: %s over %s is at %q, want %s", tc.file, j.Row, j.Col, j.Where, tc.where)
				}
			}
		}
		if !found && len(got.Most) > 0 {
			t.Errorf("%s: no judgment %s over %s in %+v", tc.file, got.Criteria[0].Name, got.Criteria[2].Name, got.Most)
		}
	}
}

// TestAHPWidthError checks that a matrix whose rows are wider than its
// criteria (a column of notes, a column of numbers too many) is refused
// with one line that names the line and says what is wrong: the header
// found, cell by cell, the serial-number column left out, and the columns
// a matrix of that many rows wants. A blank line above the judgments is
// counted: the line named is the file's.
func TestAHPWidthError(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"notes column after 序号", "序号,,A,B,C,备注\n1,A,1,3,5,\n2,B,1/3,1,2,\n3,C,1/5,1/2,1,按专家意见\n",
			`<stdin>: line 2: 5 fields, want 3 for a 3×3 matrix (3 rows of judgments); the header on line 1 has 5 cells ("", "A", "B", "C", "备注"); column 1 is a serial-number column, left out; want 3 criteria names (4 with a corner cell above the row labels) and rows of 3 judgments (4 with a label naming the criterion)`},
		{"a number column too many", "A,B,C\n1,3,5,7\n1/3,1,2,1\n1/5,1/2,1,1\n",
			`<stdin>: line 2: 4 fields, want 3 for a 3×3 matrix (3 rows of judgments); the header on line 1 has 3 cells ("A", "B", "C"); want 3 criteria names (4 with a corner cell above the row labels) and rows of 3 judgments (4 with a label naming the criterion)`},
		{"no header", "1,3,5,7\n1/3,1,2,1\n1/5,1/2,1\n",
			`<stdin>: line 1: 4 fields, want 3 for a 3×3 matrix (3 rows of judgments); no header row names the criteria; want rows of 3 judgments (4 with a label naming the criterion)`},
		{"blank line above the judgments", "A,B,C\n\n1,3,x\n1/3,1,2\n1/5,1/2,1\n",
			`<stdin>: line 3, column 3 (A over C): "x" is not a number or a fraction`},
	} {
		r := runPPGPA(t, tc.in, "ahp", "-q", "-")
		if got := strings.TrimSpace(r.stderr); r.code != 1 || got != "ppgpa ahp: "+tc.want {
			t.Errorf("%s: exit %d, standard error\n%s\nwant exit 1 and\nppgpa ahp: %s", tc.name, r.code, got, tc.want)
		}
	}
}
