package golden

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files from the current results")
	dir    = flag.String("golden.dir", "testdata", "directory of the golden files")
	strict = flag.Bool("golden.strict", true, "fail on any difference, also in the files of the scoring packages (-golden.strict=false only logs those)")
)

// ownFiles are the golden files of the portable arithmetic, which always
// fail on a difference. The files of the scoring packages (indicator,
// weighting, survey, ranking) fail too unless -golden.strict=false is given,
// which only logs a stale file: a convenience while a deliberate change of
// method is under way, before the files are regenerated with -update.
var ownFiles = map[string]bool{"detmath": true, "special": true, "rng": true}

// record collects named values in a fixed order.
type record struct {
	lines []string
}

// f records one float64 by its exact bits.
func (r *record) f(name string, v float64) {
	r.lines = append(r.lines, fmt.Sprintf("%s = %s (%s)", name,
		strconv.FormatFloat(v, 'x', -1, 64), strconv.FormatFloat(v, 'g', -1, 64)))
}

// fs records a slice of float64, one line per element.
func (r *record) fs(name string, v []float64) {
	for i, x := range v {
		r.f(fmt.Sprintf("%s[%d]", name, i), x)
	}
}

// fss records a matrix given as rows.
func (r *record) fss(name string, v [][]float64) {
	for i, row := range v {
		r.fs(fmt.Sprintf("%s[%d]", name, i), row)
	}
}

// i records an integer.
func (r *record) i(name string, v int) {
	r.lines = append(r.lines, fmt.Sprintf("%s = %d", name, v))
}

// is records a slice of integers on one line.
func (r *record) is(name string, v []int) {
	r.lines = append(r.lines, fmt.Sprintf("%s = %v", name, v))
}

// s records a string (an error message, an enum, an id order).
func (r *record) s(name, v string) {
	r.lines = append(r.lines, fmt.Sprintf("%s = %q", name, v))
}

// err records an error outcome (or its absence), so that a path that starts
// failing on one architecture shows up as a difference too.
func (r *record) err(name string, err error) {
	if err != nil {
		r.s(name+".err", err.Error())
	}
}

// check compares the record with testdata/<file>.golden, or rewrites that
// file when -update is given.
func (r *record) check(t *testing.T, file string) {
	t.Helper()
	path := filepath.Join(*dir, file+".golden")
	got := strings.Join(r.lines, "\n") + "\n"
	if *update {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/golden -update to create it)", err)
	}
	if bytes.Equal(want, []byte(got)) {
		return
	}
	report := t.Errorf
	if !ownFiles[file] && !*strict {
		report = t.Logf
		t.Logf("%s is stale (run go test ./internal/golden -update and review the diff)", path)
	}
	wantLines := readLines(want)
	gotLines := r.lines
	n := max(len(wantLines), len(gotLines))
	bad := 0
	for i := 0; i < n; i++ {
		var w, g string
		if i < len(wantLines) {
			w = wantLines[i]
		}
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if w == g {
			continue
		}
		bad++
		if bad <= 25 {
			report("%s line %d:\n  want %s\n  got  %s%s", path, i+1, w, g, ulpNote(w, g))
		}
	}
	report("%s: %d of %d lines differ", path, bad, n)
}

func readLines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// ulpNote returns ", N ulp apart" when both lines hold floats.
func ulpNote(w, g string) string {
	a, okA := lineFloat(w)
	b, okB := lineFloat(g)
	if !okA || !okB {
		return ""
	}
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia < 0 {
		ia = math.MinInt64 - ia
	}
	if ib < 0 {
		ib = math.MinInt64 - ib
	}
	d := ia - ib
	if d < 0 {
		d = -d
	}
	return fmt.Sprintf("  (%d ulp apart)", d)
}

func lineFloat(s string) (float64, bool) {
	_, rest, ok := strings.Cut(s, " = ")
	if !ok {
		return 0, false
	}
	hex, _, _ := strings.Cut(rest, " ")
	v, err := strconv.ParseFloat(hex, 64)
	return v, err == nil
}
