package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestIssueReproductions runs every reproduction of the hostile-input
// audit against the command line, each with the exit status and message
// wanted: a clear error naming what is wrong, or a correct result; never a
// runtime crash, an internal error, an infinite or NaN number, or a
// silently wrong result. Before the fixes: 1e999 was "a text column …
// must be named with -attr"; a wrong separator was "missing column";
// -lower 3 -upper 0.5 was "internal error"; margins of 1e308 gave weights
// summing to +Inf with "converged: true"; a bonus of 1e308 and a cell of
// 1e308 gave +Inf scores with exit status 0; /dev/zero was read into
// 2–3 GB of memory; a GBK model was read with U+FFFD for every Chinese
// name; 11,586 indicators made score (PCA weights) and coherence
// allocate gigabytes; plan printed a sample of -9223372036854775808 and -n without
// strata printed nothing; the counts that allocate (a jackknife of one
// replicate per respondent, a calibration on thousands of levels, a
// covariance file of thousands of units) ran out of memory.
func TestIssueReproductions(t *testing.T) {
	t.Chdir("testdata")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	model, err := os.ReadFile("../../../examples/quickstart/model.json")
	if err != nil {
		t.Fatal(err)
	}
	qdata, err := os.ReadFile("../../../examples/quickstart/data.csv")
	if err != nil {
		t.Fatal(err)
	}
	qmodel := write("model.json", model)
	lines := strings.SplitN(string(qdata), "\n", 3)
	cells := strings.Split(lines[1], ",")
	cell := func(v string) string {
		c := append([]string(nil), cells...)
		c[1] = v
		return write("cell"+v+".csv", []byte(lines[0]+"\n"+strings.Join(c, ",")+"\n"+lines[2]))
	}
	var m map[string]any
	if err := json.Unmarshal(model, &m); err != nil {
		t.Fatal(err)
	}
	bonus := m["root"].(map[string]any)["adjustments"].(map[string]any)["bonus"].([]any)[0].(map[string]any)
	bonus["points"] = 1e308
	delete(bonus, "cap")
	bm, _ := json.Marshal(m)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(model)
	if err != nil {
		t.Fatal(err)
	}
	// 11,586 respondents, each its own PSU: a jackknife of 11,586
	// replicates of 11,586 weights each, above survey.MaxCells.
	var resp strings.Builder
	resp.WriteString("id,district,answer\n")
	for i := range 11586 {
		fmt.Fprintf(&resp, "r%d,D%d,%d\n", i, i%3, i%5)
	}
	many := write("many.csv", []byte(resp.String()))
	// 20,000 respondents and a categorical total of 7,000 levels: 20,000 ×
	// 6,999 columns of the model matrix.
	var cal, tot strings.Builder
	cal.WriteString("id,weight,level\n")
	for i := range 20000 {
		fmt.Fprintf(&cal, "r%d,1,L%d\n", i, i%7000)
	}
	tot.WriteString("variable,level,total\n")
	for i := range 7000 {
		fmt.Fprintf(&tot, "level,L%d,10\n", i)
	}
	// Estimates of 11,586 units with a covariance file: 11,586² entries.
	var est, cov strings.Builder
	est.WriteString("unit,estimate,se\n")
	cov.WriteString("unit")
	for i := range 11586 {
		fmt.Fprintf(&est, "U%d,%d,1\n", i, i)
		fmt.Fprintf(&cov, ",U%d", i)
	}
	cov.WriteString("\n")
	// 11,586 indicators of three units: correlation matrices of 11,586².
	var wide, wideData strings.Builder
	wide.WriteString(`{"ppgpa": 1, "name": "wide", "root": {"id": "total", "normalization": {"method": "minmax"}, "weighting": {"method": "pca"}, "children": [`)
	wideData.WriteString("unit")
	for j := range 11586 {
		if j > 0 {
			wide.WriteString(",")
		}
		fmt.Fprintf(&wide, `{"id": "x%d", "column": "c%d"}`, j, j)
		fmt.Fprintf(&wideData, ",c%d", j)
	}
	wide.WriteString("]}}")
	for u := range 3 {
		fmt.Fprintf(&wideData, "\nU%d", u)
		for j := range 11586 {
			fmt.Fprintf(&wideData, ",%d", (u+1)*(j%7+1))
		}
	}
	wideModel, wideCSV := write("wide.json", []byte(wide.String())), write("wide.csv", []byte(wideData.String()+"\n"))
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"17.8 1e999", []string{"score", qmodel, cell("1e999")}, 1, `number "1e999" is out of range (larger than 1.8e308)`},
		{"17.8 separator ;", []string{"score", qmodel, write("semi.csv", []byte(strings.ReplaceAll(string(qdata), ",", ";")))}, 1, "the header has one column"},
		{"17.8 separator ; named", []string{"score", qmodel, write("semi2.csv", []byte(strings.ReplaceAll(string(qdata), ",", ";")))}, 1, "is the separator ';'?"},
		{"17.8 separator tab", []string{"score", qmodel, write("tab.csv", []byte(strings.ReplaceAll(string(qdata), ",", "\t")))}, 1, "is the separator tab?"},
		{"17.8 separator full-width comma", []string{"score", qmodel, write("fw.csv", []byte(strings.ReplaceAll(string(qdata), ",", "，")))}, 1, "is the separator '，' (a full-width comma)?"},
		{"17.6 rake bounds", []string{"rake", "-lower", "3", "-upper", "0.5", "respondents.csv", "margins.json"}, 2, "-lower 3 is above -upper 0.5"},
		{"17.1 margins of 1e308", []string{"rake", "respondents.csv", write("m308.json", []byte(`{"sex": {"男": 1e308, "女": 1e308}, "age": {"18-39": 1e308, "40-59": 1e308, "60+": 1e306}}`))}, 1, "out of the range of float64"},
		{"17.1 bonus of 1e308", []string{"score", write("bonus.json", bm), "../../../examples/quickstart/data.csv"}, 1, "gives infinite points"},
		{"17.1 a cell of 1e308", []string{"score", "-format", "csv", qmodel, cell("1e308")}, 0, ""},
		{"17.7 /dev/zero", []string{"validate", "/dev/zero"}, 1, "the first 4096 bytes are all zero"},
		{"17.5 GBK model", []string{"validate", write("gbk.json", gbk)}, 1, "is not valid UTF-8 (a file saved as GBK or GB18030? save it as UTF-8)"},
		{"17.3 plan margin", []string{"plan", "-margin", "1e-10"}, 1, "a sample of 9.604e+19, more than 9007199254740992"},
		{"17.3 plan -n", []string{"plan", "-n", "9000000000000000000", "strata.csv"}, 2, "-n must be between 1 and 9007199254740992"},
		{"17.3 plan -n without strata", []string{"plan", "-n", "100"}, 2, "give the STRATA file"},
		{"17.3 jackknife", []string{"estimate", "-unit", "district", "-variance", "jkn", many}, 1, "the replicate weights (respondents × replicates) would hold 11586 × 11586 numbers"},
		{"17.3 calibration columns", []string{"calibrate", write("cal.csv", []byte(cal.String())), write("tot.csv", []byte(tot.String()))}, 1, "20000 respondents × 6999 calibration columns"},
		{"17.3 PCA weights of 11,586 indicators", []string{"score", wideModel, wideCSV}, 1, "the correlation matrix of 11586 × 11586 would hold more than 134217728 numbers"},
		{"17.3 coherence of 11,586 indicators", []string{"coherence", wideModel, wideCSV}, 1, "the correlation matrix of 11586 × 11586"},
		{"17.3 covariance file", []string{"rank", "-cov", write("cov.csv", []byte(cov.String())), write("est.csv", []byte(est.String()))}, 1, "a covariance of 11586 units would hold 11586 × 11586 numbers"},
	} {
		r := runPPGPA(t, "", tc.args...)
		bad := strings.Contains(r.stderr, "internal error") || strings.Contains(r.stderr, "goroutine") ||
			strings.Contains(r.stdout, "Inf") || strings.Contains(r.stdout, "NaN")
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || bad {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tc.name, r.code, r.stderr, tc.code, tc.want)
		}
	}
}
