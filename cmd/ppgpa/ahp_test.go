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
