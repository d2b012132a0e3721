package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/internal/benchcpu"
)

// benchRespondents writes n respondents (id, design weight, four
// categorical variables of 12, 6, 2 and 5 levels and an answer) and their
// margins to dir, and returns the two file names. The margins are
// consistent (every margin sums to the same population). The files are
// of the shape that testdata/bench/gen_respondents.py writes for timing
// the binary against testdata/bench/rake_numpy.py.
func benchRespondents(tb testing.TB, dir string, n int) (resp, margins string) {
	tb.Helper()
	r := rand.New(rand.NewPCG(7, 11))
	region := make([]string, 12)
	for i := range region {
		region[i] = fmt.Sprintf("区%02d", i)
	}
	age := []string{"18-29", "30-39", "40-49", "50-59", "60-69", "70+"}
	sex := []string{"男", "女"}
	edu := []string{"小学", "初中", "高中", "大专", "本科"}
	weights := []string{"1", "1.5", "2", "0.8"}
	var b bytes.Buffer
	b.WriteString("id,weight,region,age,sex,edu,answer\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "r%d,%s,%s,%s,%s,%s,%d\n", i+1, weights[r.IntN(4)], region[r.IntN(12)], age[r.IntN(6)], sex[r.IntN(2)], edu[r.IntN(5)], 1+r.IntN(5))
	}
	resp = filepath.Join(dir, "respondents.csv")
	if err := os.WriteFile(resp, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	total := 1.26 * float64(n)
	m := map[string]map[string]float64{}
	for name, levels := range map[string][]string{"region": region, "age": age, "sex": sex, "edu": edu} {
		m[name] = map[string]float64{}
		sum := 0.0
		for k := range levels {
			sum += float64(100 + 3*k)
		}
		for k, l := range levels {
			m[name][l] = total * float64(100+3*k) / sum
		}
	}
	mb, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	margins = filepath.Join(dir, "margins.json")
	if err := os.WriteFile(margins, mb, 0o644); err != nil {
		tb.Fatal(err)
	}
	return resp, margins
}

// BenchmarkRakeCommand1M runs ppgpa rake end to end, in process, on a
// million respondents: reading the CSV file (35 MB), raking to four
// margins (720 cells) and formatting the weights CSV (written to memory).
// The target is under 1 s and 200 MB of peak resident memory for the
// command (measured on the binary with /usr/bin/time -v).
func BenchmarkRakeCommand1M(b *testing.B) {
	resp, margins := benchRespondents(b, b.TempDir(), 1_000_000)
	b.ReportAllocs()
	var out, errb bytes.Buffer
	benchcpu.Report(b, func() {
		out.Reset()
		errb.Reset()
		if code := run(context.Background(), []string{"rake", "-q", resp, margins}, strings.NewReader(""), &out, &errb); code != 0 {
			b.Fatalf("rake: exit %d: %s", code, errb.String())
		}
	})
	b.ReportMetric(float64(out.Len()), "out-bytes")
}

// benchScoreFiles writes a model of 200 min-max indicators in a 4-level
// tree (that of indicator's BenchmarkEvaluate) and its data of n units as
// CSV and as a workbook, and returns the plan, the table and the four
// file names: the model, the CSV (units in order of their ids, columns in
// order of their names, so that its data rows are the fingerprint's
// canonical records), the workbook, and the same CSV with its rows in a
// shuffled order, as an office's file would have them (whose records
// tabular.TableRecords puts back in order for the fingerprint).
func benchScoreFiles(tb testing.TB, dir string, n int) (*indicator.Plan, *indicator.Table, string, string, string, string) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	root := &indicator.Node{ID: "root"}
	var cols []string
	for a := 0; a < 4; a++ {
		ga := &indicator.Node{ID: fmt.Sprintf("g%d", a), Weight: float64(a + 1)}
		for b := 0; b < 5; b++ {
			gb := &indicator.Node{ID: fmt.Sprintf("g%d.%d", a, b), Weight: 1 + float64(b)/2}
			for c := 0; c < 10; c++ {
				col := fmt.Sprintf("x%d_%d_%d", a, b, c)
				leaf := &indicator.Node{ID: col, Column: col, Weight: float64(1 + r.IntN(9))}
				if c%4 == 3 {
					leaf.Polarity = indicator.LowerIsBetter
				}
				gb.Children = append(gb.Children, leaf)
				cols = append(cols, col)
			}
			ga.Children = append(ga.Children, gb)
		}
		root.Children = append(root.Children, ga)
	}
	m := &indicator.Model{Version: 1, Name: "bench", Root: root}
	mb, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	model := filepath.Join(dir, "model.json")
	rows := [][]string{append([]string{"unit"}, cols...)}
	var b bytes.Buffer
	b.WriteString(strings.Join(rows[0], ",") + "\n")
	for i := 0; i < n; i++ {
		row := []string{fmt.Sprintf("u%05d", i)}
		for range cols {
			row = append(row, strconv.FormatFloat(float64(r.IntN(100000))/100, 'f', -1, 64))
		}
		rows = append(rows, row)
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	data := filepath.Join(dir, "data.csv")
	lines := strings.SplitAfter(b.String(), "\n")
	lines = lines[:len(lines)-1] // the empty string after the last LF
	r.Shuffle(len(lines)-1, func(i, j int) { lines[i+1], lines[j+1] = lines[j+1], lines[i+1] })
	office := filepath.Join(dir, "data-office.csv")
	var x bytes.Buffer
	if err := tabular.WriteXLSX(&x, []tabular.SheetData{{Name: "data", Rows: rows}}); err != nil {
		tb.Fatal(err)
	}
	book := filepath.Join(dir, "data.xlsx")
	for name, content := range map[string][]byte{model: mb, data: b.Bytes(), book: x.Bytes(), office: []byte(strings.Join(lines, ""))} {
		if err := os.WriteFile(name, content, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		tb.Fatal(err)
	}
	tab, _, err := tabular.ReadTable(bytes.NewReader(b.Bytes()), tabular.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return plan, tab, model, data, book, office
}

// BenchmarkScoreCommand3000x200 runs ppgpa score (its league table) end to end,
// in process, on 3,000 units and 200 indicators from CSV (2.8 MB) and
// from a workbook, next to its parts: reading the file's bytes and the
// in-memory Evaluate (the full result, with contributions). The target
// is score within 3 × (evaluate + read). evaluate-as-score is the
// evaluation that score's table does: the scores and the contributions
// of the root's children (indicator.Result.ExplainGroups), which score
// -format csv and json replace with the full evaluation.
// score-csv-to-csv writes the complete CSV (every node's score and
// contribution, 1.35 million numbers) instead of the table. The CSV file
// has no quoted cells, so it is read by the direct path of
// tabular.TableFromBytes; score-csv-office reads the same rows shuffled,
// which tabular.TableRecords copies back into order for the fingerprint.
// Neither file has quoted cells, so both are read by the direct path of
// tabular.TableFromBytes; tabular's BenchmarkReadTable compares that
// path with the grid path that reads workbooks and quoted CSV.
func BenchmarkScoreCommand3000x200(b *testing.B) {
	plan, tab, model, data, book, office := benchScoreFiles(b, b.TempDir(), 3000)
	ctx := context.Background()
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Report(b, func() {
			if _, err := os.ReadFile(data); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("evaluate", func(b *testing.B) {
		b.ReportAllocs()
		benchcpu.Report(b, func() {
			if _, err := plan.Evaluate(ctx, tab); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("evaluate-as-score", func(b *testing.B) {
		// What score's table computes: the scores, and the contributions
		// of the root's children, the others checked and dropped.
		b.ReportAllocs()
		benchcpu.Report(b, func() {
			r, err := plan.EvaluateWith(ctx, tab, indicator.EvalOptions{ScoresOnly: true})
			if err == nil {
				err = r.ExplainGroups(r.Nodes[0].ID)
			}
			if err != nil {
				b.Fatal(err)
			}
		})
	})
	for _, in := range []struct {
		name, file string
		flags      []string
	}{{"csv", data, nil}, {"csv-office", office, nil}, {"xlsx", book, nil}, {"csv-to-csv", data, []string{"-format", "csv"}}} {
		b.Run("score-"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			var out, errb bytes.Buffer
			args := append(append([]string{"score"}, in.flags...), model, in.file)
			benchcpu.Report(b, func() {
				out.Reset()
				errb.Reset()
				if code := run(ctx, args, strings.NewReader(""), &out, &errb); code != 0 {
					b.Fatalf("score: exit %d: %s", code, errb.String())
				}
			})
		})
	}
}
