package indicator_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ppgpa/ppgpa/indicator"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden scores testdata/model.json on testdata/data.csv and compares
// a full report of the result with testdata/evaluate.golden, so that any
// change in methodology shows up as a readable diff. Run with -update to
// accept a change.
func TestGolden(t *testing.T) {
	t.Parallel()
	mf, err := os.Open(filepath.Join("testdata", "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	m, err := indicator.DecodeModel(mf)
	if err != nil {
		t.Fatal(err)
	}
	df, err := os.Open(filepath.Join("testdata", "data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer df.Close()
	tab, err := indicator.ReadCSV(df, indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := mustEval(t, m, tab)
	got := report(r)
	path := filepath.Join("testdata", "evaluate.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("result differs from %s (-want +got):\n%s", path, d)
	}
}

// report prints every part of a result, numbers with 10 significant
// digits.
func report(r *indicator.Result) []byte {
	var b bytes.Buffer
	g := func(x float64) string { return fmt.Sprintf("%.10g", x) }
	fmt.Fprintf(&b, "units:")
	for u, id := range r.Units {
		fmt.Fprintf(&b, " %s=%s", id, g(r.Score[u]))
		if r.Vetoed[u] {
			b.WriteString("(vetoed)")
		}
	}
	b.WriteString("\n\nindicator weights:\n")
	for _, w := range r.Weights {
		fmt.Fprintf(&b, "  %s %s\n", w.Path, g(w.Weight))
	}
	b.WriteString("\nleaves:\n")
	for _, l := range r.Leaves {
		fmt.Fprintf(&b, "  %s: transform %s offset %s changed %d; imputed %d; worst %s best %s mean %s sd %s target %s\n",
			l.ID, l.Transform.Method, g(l.Transform.Offset), l.Transform.Changed, l.Imputed, g(l.Worst), g(l.Best), g(l.Mean), g(l.SD), g(l.Target))
	}
	for _, n := range r.Nodes {
		fmt.Fprintf(&b, "\nnode %s (%s) parent %d local weight %s\n", n.Path, n.Name, n.Parent, g(n.LocalWeight))
		for u, id := range r.Units {
			fmt.Fprintf(&b, "  %s score %s", id, g(n.Scores[u]))
			if n.Raw != nil {
				fmt.Fprintf(&b, " raw %s", g(n.Raw[u]))
			}
			if n.Imputed != nil && n.Imputed[u] {
				b.WriteString(" (imputed)")
			}
			if n.Contribution != nil {
				fmt.Fprintf(&b, " contribution %s share %s", g(n.Contribution[u]), g(n.Share[u]))
			}
			if n.Adjustment != nil {
				fmt.Fprintf(&b, " adjustment %s", g(n.Adjustment[u]))
			}
			if n.Vetoed != nil && n.Vetoed[u] {
				b.WriteString(" vetoed")
			}
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}
