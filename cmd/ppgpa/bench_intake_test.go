package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
