package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// TestScoreNodeTablesLimit scores 300 units on a model of 225 nodes
// (67,500 scores, beyond nodeCellLimit): the table and Markdown print the
// league table and the scores of the root and its children only, with one
// line saying where the others are; -nodes all prints every node; the CSV
// has every node whatever -nodes says. The printed scores are checked
// against the exact scores of the CSV output, unit by unit.
func TestScoreNodeTablesLimit(t *testing.T) {
	_, _, model, data, _, _ := benchScoreFiles(t, t.TempDir(), 300)
	res := runPPGPA(t, "", "score", "-format", "csv", model, data)
	if res.code != 0 {
		t.Fatalf("score -format csv: exit %d: %s", res.code, res.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, h := range recs[0] {
		col[h] = j
	}
	want := map[string]map[string]string{} // node -> unit -> score, two decimals
	for _, node := range []string{"root", "g0", "g1", "g2", "g3"} {
		c, ok := col[node+".score"]
		if node == "root" {
			c, ok = col["score"]
		}
		if !ok {
			t.Fatalf("CSV has no score column for %s: %v", node, recs[0])
		}
		want[node] = map[string]string{}
		for _, r := range recs[1:] {
			x, err := strconv.ParseFloat(r[c], 64)
			if err != nil {
				t.Fatal(err)
			}
			want[node][r[col["unit"]]] = strconv.FormatFloat(x, 'f', 2, 64)
		}
	}
	if _, ok := col["x3_4_9.score"]; !ok {
		t.Errorf("CSV lacks the leaves")
	}
	if all := runPPGPA(t, "", "score", "-format", "csv", "-nodes", "top", model, data); all.stdout != res.stdout {
		t.Errorf("-nodes top changed the CSV")
	}
	note := "一级指标以下的得分未列出（300个单位 × 225个节点）：-nodes all 列出全部；-format csv、json 或 xlsx 含全部节点。"
	for _, format := range []string{"table", "markdown"} {
		auto := runPPGPA(t, "", "score", "-format", format, model, data)
		top := runPPGPA(t, "", "score", "-format", format, "-nodes", "top", model, data)
		all := runPPGPA(t, "", "score", "-format", format, "-nodes", "all", model, data)
		for _, r := range []runResult{auto, top, all} {
			if r.code != 0 {
				t.Fatalf("%s: exit %d: %s", format, r.code, r.stderr)
			}
		}
		if top.stdout != auto.stdout {
			t.Errorf("%s: -nodes top differs from the default beyond the limit", format)
		}
		if strings.Count(auto.stdout, note) != 1 || strings.Contains(all.stdout, note) {
			t.Errorf("%s: the line saying where the scores are: %d times by default, %v with -nodes all",
				format, strings.Count(auto.stdout, note), strings.Contains(all.stdout, note))
		}
		section := "各级指标得分"
		if a, b := strings.Index(auto.stdout, section), strings.Index(all.stdout, section); a < 0 || auto.stdout[:a] != all.stdout[:b] {
			t.Errorf("%s: the league table is not the same with -nodes all", format)
		}
		for _, c := range []struct {
			out    string
			leaves int
		}{{auto.stdout, 0}, {all.stdout, 30}} {
			tables, rows := 0, 0
			var units []string
			leaves := 0
			for _, line := range strings.Split(c.out[strings.Index(c.out, section):], "\n") {
				f := strings.Fields(strings.ReplaceAll(line, "|", " "))
				switch {
				case len(f) == 0:
				case f[0] == "编号":
					tables++
					units = f[3:]
				case f[0] == "x3_4_9":
					leaves++
				case want[f[0]] != nil && len(f) >= len(units):
					rows++
					for k, v := range f[len(f)-len(units):] {
						if w := want[f[0]][units[k]]; v != w {
							t.Fatalf("%s: %s of %s printed %s, CSV %s", format, f[0], units[k], v, w)
						}
					}
				}
			}
			if tables != 30 || rows != 30*5 || leaves != c.leaves {
				t.Errorf("%s: %d node tables, %d rows of the top levels, %d of leaf x3_4_9; want 30, 150, %d", format, tables, rows, leaves, c.leaves)
			}
		}
	}
	if r := runPPGPA(t, "", "score", "-nodes", "some", model, data); r.code == 0 || !strings.Contains(r.stderr, "-nodes") {
		t.Errorf("-nodes some: exit %d, %q", r.code, r.stderr)
	}
}

// TestScoreNodeTablesSmall: under the limit (the quick start: 6 units),
// the default prints every node, as -nodes all does.
func TestScoreNodeTablesSmall(t *testing.T) {
	for _, format := range []string{"table", "markdown"} {
		auto := runPPGPA(t, "", "score", "-format", format, "../../examples/quickstart/model.json", "../../examples/quickstart/data.csv")
		all := runPPGPA(t, "", "score", "-format", format, "-nodes", "all", "../../examples/quickstart/model.json", "../../examples/quickstart/data.csv")
		if auto.code != 0 || auto.stdout != all.stdout || strings.Contains(auto.stdout, "未列出") {
			t.Errorf("%s: exit %d %s; the default differs from -nodes all: %v", format, auto.code, auto.stderr, auto.stdout != all.stdout)
		}
	}
}

// TestScoreCSVNeutralised checks that score -format csv neutralises the
// unit ids a spreadsheet would run as formulas, as tabular.SafeCSV does
// (the reference), whether or not the writer's own check finds them, and
// that an output without such cells is written as it is.
func TestScoreCSVNeutralised(t *testing.T) {
	data := readTestdata("data.csv")
	risky := strings.NewReplacer("东城区,", "=1+1,", "西城区,", "@SUM(A1),", "南湖区,", "-x,").Replace(data)
	for _, c := range []struct {
		name, data string
		ids        []string
	}{{"risky", risky, []string{"'=1+1", "'@SUM(A1)", "'-x"}}, {"plain", data, nil}} {
		in := filepath.Join(t.TempDir(), "data.csv")
		if err := os.WriteFile(in, []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runPPGPA(t, "", "score", "-format", "csv", filepath.Join("testdata", "model.json"), in)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, r.code, r.stderr)
		}
		var want bytes.Buffer
		if err := tabular.SafeCSV(&want, []byte(r.stdout)); err != nil {
			t.Fatal(err)
		}
		if r.stdout != want.String() {
			t.Errorf("%s: the output is not neutralised as SafeCSV neutralises it", c.name)
		}
		for _, id := range c.ids {
			if !strings.Contains(r.stdout, "\n"+id+",") {
				t.Errorf("%s: no row of %s", c.name, id)
			}
		}
	}
}
