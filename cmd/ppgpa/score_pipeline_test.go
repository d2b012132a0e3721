package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking"
)

// TestScoreNotesAfterModel checks the order of score's messages now that
// the model is compiled while the data are read: a bad model is reported
// alone, without the notes on reading the data (as when the model was
// read first), and a good model lets the notes through, before the data's
// own error when there is one.
func TestScoreNotesAfterModel(t *testing.T) {
	t.Chdir("testdata")
	plain := runPPGPA(t, "", "score", "invalid_model.json", "data.csv")
	gbk := runPPGPA(t, "", "score", "invalid_model.json", "official/data_gbk.csv")
	if plain.code != 1 || gbk.code != 1 || gbk.stderr != plain.stderr {
		t.Errorf("bad model with GBK data: exit %d\n%s\nwant exit 1 and the bad model's errors alone:\n%s", gbk.code, gbk.stderr, plain.stderr)
	}
	missing := runPPGPA(t, "", "score", "invalid_model.json", "no_such_file.csv")
	if missing.stderr != plain.stderr {
		t.Errorf("bad model with a missing data file:\n%s\nwant the bad model's errors:\n%s", missing.stderr, plain.stderr)
	}
	const note = "ppgpa score: note: official/data_gbk.csv: read as GB18030/GBK text"
	good := runPPGPA(t, "", "score", "-skip-summary", "model.json", "official/data_gbk.csv")
	if good.code != 0 || !strings.HasPrefix(good.stderr, note) {
		t.Errorf("good model with GBK data: exit %d, standard error\n%s\nwant it to start with %q", good.code, good.stderr, note)
	}
	bad := runPPGPA(t, "", "score", "model.json", "official/data_gbk.csv")
	lines := strings.Split(strings.TrimSpace(bad.stderr), "\n")
	if bad.code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], note) || !strings.Contains(lines[1], `"合计" is a summary row`) {
		t.Errorf("good model, data with a summary row: exit %d, standard error\n%s\nwant the note, then the error", bad.code, bad.stderr)
	}
}

// TestScoreFingerprintFromRecords checks the fingerprint that score
// hashes from a data file holding the canonical records as they are
// (units and columns in order, numbers in shortest form; see
// tabular.TableRecords), and from the same records with the rows
// shuffled (put back in order by TableRecords), against the one it
// formats from the table read from the same data as a workbook, and
// against verify's.
func TestScoreFingerprintFromRecords(t *testing.T) {
	// 100 units: records of 130 KB, hashed in pieces (ranking.hashPiece).
	_, _, model, data, book, office := benchScoreFiles(t, t.TempDir(), 100)
	b, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{data, office} {
		fb, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, records, err := tabular.TableRecords(fb, tabular.Options{}); err != nil || records == nil {
			t.Fatalf("%s: the records were not found (err %v): the test would not test them", f, err)
		}
	}
	fp := func(file string) string {
		r := runPPGPA(t, "", "score", "-format", "json", model, file)
		var out struct{ Fingerprint string }
		if err := json.Unmarshal([]byte(r.stdout), &out); r.code != 0 || err != nil || len(out.Fingerprint) != 64 {
			t.Fatalf("score %s: exit %d, %v: %s", file, r.code, err, r.stderr)
		}
		return out.Fingerprint
	}
	got, want := fp(data), fp(book)
	if got != want {
		t.Errorf("fingerprint from the CSV's records %s, from the workbook %s", got, want)
	}
	if shuffled := fp(office); shuffled != want {
		t.Errorf("fingerprint from the shuffled CSV's records %s, from the workbook %s", shuffled, want)
	}
	m, err := indicator.DecodeModel(strings.NewReader(mustRead(t, model)))
	if err != nil {
		t.Fatal(err)
	}
	tab, _, err := tabular.ReadTable(bytes.NewReader(b), tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f, err := ranking.Fingerprint(m, tab, ranking.VerifySettings{}); err != nil || f != got {
		t.Errorf("fingerprint from the CSV's records %s, ranking.Fingerprint of its table %s (%v)", got, f, err)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestScoreTableHalves checks that the league table, whose rows are
// formatted in two halves at once from 512 units, is the table formatted
// in one pass on one core, byte for byte, for each output language.
func TestScoreTableHalves(t *testing.T) {
	_, _, model, data, _, _ := benchScoreFiles(t, t.TempDir(), 700)
	for _, lang := range []string{"zh", "en"} {
		args := []string{"score", "-lang", lang, "-nodes", "top", model, data}
		two := runPPGPA(t, "", args...)
		prev := runtime.GOMAXPROCS(1)
		one := runPPGPA(t, "", args...)
		runtime.GOMAXPROCS(prev)
		if two.code != 0 || one.code != 0 || two.stdout != one.stdout || !strings.Contains(one.stdout, "u00699") {
			t.Errorf("-lang %s: exit %d and %d, the table in two halves differs from the one on one core:\n%.2000s\nwant\n%.2000s", lang, two.code, one.code, two.stdout, one.stdout)
		}
	}
}

// TestRankOrder checks rankOrder against sort.SliceStable, which it
// replaced, on ranks with ties and NaN (which compares as tied with
// every rank under both), and on whole ranks from 1 to n (the counting
// sort of rankOrderCounted).
func TestRankOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rank := rapid.SliceOfN(rapid.SampledFrom([]float64{1, 2, 2.5, 3, 3, 4, math.NaN()}), 0, 200).Draw(t, "ranks")
		if rapid.Bool().Draw(t, "whole ranks") {
			// Whole ranks from 1 to n, as ties at their minimum give,
			// which rankOrderCounted sorts.
			for i := range rank {
				rank[i] = float64(rapid.IntRange(1, len(rank)).Draw(t, "rank"))
			}
		}
		want := make([]int, len(rank))
		for i := range want {
			want[i] = i
		}
		sort.SliceStable(want, func(a, b int) bool { return rank[want[a]] < rank[want[b]] })
		if got := rankOrder(rank); !slices.Equal(got, want) {
			t.Fatalf("ranks %v: order %v, sort.SliceStable gives %v", rank, got, want)
		}
	})
}

// TestScoreTableOverflowAsFull checks that score's table and Markdown,
// which evaluate without the contributions they do not show (see
// dataFlags.explainRoot), fail as the CSV and JSON outputs (a full
// evaluation) fail when a contribution below the root's children
// overflows: minmax goalposts 1e-300 apart give the leaves scores near
// 1e302, whose geometric mean's contributions a·b/Σb overflow
// (indicator's contributions), while every score is finite.
func TestScoreTableOverflowAsFull(t *testing.T) {
	dir := t.TempDir()
	norm := `"normalization":{"method":"minmax","worst":0,"best":1e-300,"unclipped":true}`
	model := `{"ppgpa":1,"name":"ovf","root":{"id":"r","children":[
 {"id":"g","weight":1,"aggregation":{"method":"geometric"},"children":[
   {"id":"a","column":"a","weight":1,` + norm + `},
   {"id":"b","column":"b","weight":1,` + norm + `}]},
 {"id":"c","column":"c","weight":1,` + norm + `}]}}`
	for name, s := range map[string]string{"model.json": model, "data.csv": "unit,a,b,c\nu1,1,1,0.5\nu2,0.6,0.7,0.4\n"} {
		if err := writeFile(dir+"/"+name, s); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	const want = `ppgpa score: model.json with data.csv: node "r/g/a", unit "u1": result out of the range of float64: contribution +Inf of score 9.999999999999999e+301`
	for _, format := range []string{"table", "markdown", "csv", "json"} {
		r := runPPGPA(t, "", "score", "-format", format, "model.json", "data.csv")
		if r.code != 1 || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
			t.Errorf("-format %s: exit %d, standard error\n%s\nwant exit 1 and\n%s", format, r.code, r.stderr, want)
		}
	}
}

// TestScoreWriteHeaded checks writeHeaded, which writes the heading with
// a stand-in of the fingerprint and the body while the fingerprint is
// hashed: for the table and the Markdown, with the fingerprint of 64
// characters (replacing the stand-in) and with fingerprints of other
// lengths (the heading written again), the bytes are the heading
// written with the fingerprint, then the body, each written on its own.
func TestScoreWriteHeaded(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, prog: &progress{}}
	for _, md := range []bool{false, true} {
		for _, fp := range []string{strings.Repeat("ab", 32), "", "f", strings.Repeat("c", 65)} {
			s, err := e.scoreAll(context.Background(), "testdata/model.json", "testdata/data.csv", &dataFlags{explainRoot: true})
			if err != nil {
				t.Fatal(err)
			}
			s.fp = make(chan fingerprintResult, 1)
			s.fp <- fingerprintResult{s: fp}
			var got, want bytes.Buffer
			got.WriteString("before\n")
			if err := s.writeHeaded(&got, md); err != nil {
				t.Fatal(err)
			}
			want.WriteString("before\n")
			s.header(&want, md, fp)
			s.writeBody(&want, md)
			if got.String() != want.String() || !strings.Contains(got.String(), fp+map[bool]string{false: "\n\n", true: "`"}[md]) {
				t.Errorf("markdown %v, fingerprint %q:\n%s\nwant\n%s", md, fp, got.String(), want.String())
			}
		}
	}
}
