package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestOneRankingExamples: score, report and verify give every unit the
// same rank and grade, for every example model with its data. The data
// are those embedded in each example's pinned Chinese report
// (examples/*/testdata/report.golden, participation_html.golden), the
// quick start's data.csv, and the models are the one embedded in the
// page and every examples/NAME/model*.json that scores those data (so
// Hangzhou's model_2020.json, with its promotion, is checked on the same
// data as model.json, with its categories, designations and vetoed units
// placed last). For each pair:
//
//   - ppgpa score -format csv gives ranks and grades;
//   - ppgpa report writes the page, whose published league table
//     (published.csv) must give the same ranks and grades;
//   - ppgpa verify report.html must agree with the page (exit 0);
//   - ppgpa verify MODEL DATA PUBLISHED with score's ranks, grades and
//     exact scores as the publication must agree (exit 0).
//
// The expected values are another command's output: the test fails when
// any two of the three commands rank or grade a unit differently.
func TestOneRankingExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("scores every example three times")
	}
	type dataset struct {
		name, data string
		attrs      []string
		models     []string // model files
	}
	dir := t.TempDir()
	var sets []dataset
	pages, _ := filepath.Glob("../../examples/*/testdata/report.golden")
	pages = append(pages, "../../examples/participation/testdata/participation_html.golden")
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		sv, err := readReportPage(page, b)
		if err != nil {
			t.Fatal(err)
		}
		example := filepath.Base(filepath.Dir(filepath.Dir(page)))
		ds := dataset{name: example, data: filepath.Join(dir, example+".csv"), attrs: sv.table.Attributes()}
		var db bytes.Buffer
		if err := sv.table.WriteCSV(&db); err != nil {
			t.Fatal(err)
		}
		embedded := filepath.Join(dir, example+".model.json")
		var mb bytes.Buffer
		if err := sv.plan.Model().Encode(&mb); err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			name string
			b    []byte
		}{{ds.data, db.Bytes()}, {embedded, mb.Bytes()}} {
			if err := os.WriteFile(f.name, f.b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		ds.models = append(ds.models, embedded)
		files, _ := filepath.Glob(filepath.Join("../../examples", example, "model*.json"))
		for _, f := range files {
			m, err := indicator.DecodeModel(bytes.NewReader(must(os.ReadFile(f))))
			if err != nil {
				t.Fatal(err)
			}
			var fb bytes.Buffer
			if err := m.Encode(&fb); err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(fb.Bytes(), mb.Bytes()) {
				continue // the embedded model
			}
			if p, err := indicator.Compile(m); err != nil {
				t.Fatal(err)
			} else if _, err := p.Evaluate(context.Background(), sv.table); err != nil {
				t.Logf("%s does not score the data of %s's report (%v); left out", f, example, err)
				continue
			}
			if m.Ranking != nil && m.Ranking.Category != "" && !slices.Contains(ds.attrs, m.Ranking.Category) {
				t.Logf("%s ranks by category column %q, which the data of %s's report do not have; left out", f, m.Ranking.Category, example)
				continue
			}
			ds.models = append(ds.models, f)
		}
		sets = append(sets, ds)
	}
	sets = append(sets, dataset{name: "quickstart", data: "../../examples/quickstart/data.csv", models: []string{"../../examples/quickstart/model.json"}})
	if len(sets) < 10 {
		t.Fatalf("found %d example data sets, want every example's", len(sets))
	}
	exec := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &o, &e)
		return code, o.String(), e.String()
	}
	checked := 0
	for _, ds := range sets {
		for _, model := range ds.models {
			name := ds.name + "/" + filepath.Base(model)
			t.Run(name, func(t *testing.T) {
				var attr []string
				if len(ds.attrs) > 0 {
					attr = []string{"-attr", strings.Join(ds.attrs, ",")}
				}
				// score
				code, out, e := exec(slices.Concat([]string{"score", "-format", "csv"}, attr, []string{model, ds.data})...)
				if code != 0 {
					t.Fatalf("score: exit %d: %s", code, e)
				}
				score := readRankGrade(t, "score", out, "unit", "rank", "grade")
				// report
				page := filepath.Join(t.TempDir(), "report.html")
				if code, _, e := exec(slices.Concat([]string{"report", "-q", "-n", "20", "-o", page}, attr, []string{model, ds.data})...); code != 0 {
					t.Fatalf("report: exit %d: %s", code, e)
				}
				sv, err := readReportPage(page, must(os.ReadFile(page)))
				if err != nil {
					t.Fatal(err)
				}
				rep := readRankGrade(t, "the report's published.csv", string(sv.published), "unit", "rank", "grade")
				if len(rep) != len(score) {
					t.Fatalf("score ranks %d units, the report %d", len(score), len(rep))
				}
				for u, s := range score {
					if r, ok := rep[u]; !ok || r != s {
						t.Errorf("unit %q: score gives %v, the report %v", u, s, r)
					}
				}
				// verify the page, and verify score's output as a publication
				if code, out, e := exec("verify", page); code != 0 {
					t.Errorf("verify report.html: exit %d\n%s\n%s", code, out, e)
				}
				pub := filepath.Join(t.TempDir(), "published.csv")
				if err := os.WriteFile(pub, []byte(out), 0o600); err != nil {
					t.Fatal(err)
				}
				if code, vout, e := exec(slices.Concat([]string{"verify", "-tol", "1e-9"}, attr, []string{model, ds.data, pub})...); code != 0 {
					t.Errorf("verify with score's ranks, grades and scores: exit %d\n%s\n%s", code, vout, e)
				}
			})
			checked++
		}
	}
	t.Logf("%d models checked on %d data sets", checked, len(sets))
}

// rankGrade is a unit's rank and grade as written.
type rankGrade struct {
	rank  float64
	grade string
}

// readRankGrade reads the rank and grade of every unit from a CSV with
// the named columns.
func readRankGrade(t *testing.T, what, text, unit, rank, grade string) map[string]rankGrade {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %v (%d records)", what, err, len(recs))
	}
	cu, cr, cg := slices.Index(recs[0], unit), slices.Index(recs[0], rank), slices.Index(recs[0], grade)
	if cu < 0 || cr < 0 || cg < 0 {
		t.Fatalf("%s: header %q lacks %s, %s or %s", what, recs[0], unit, rank, grade)
	}
	out := map[string]rankGrade{}
	for _, r := range recs[1:] {
		x, err := strconv.ParseFloat(r[cr], 64)
		if err != nil {
			t.Fatalf("%s: unit %q: rank %q", what, r[cu], r[cr])
		}
		out[r[cu]] = rankGrade{x, r[cg]}
	}
	return out
}

func must[T any](x T, err error) T {
	if err != nil {
		panic(err)
	}
	return x
}
