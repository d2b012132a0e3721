package main

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/examples/internal/extest"
	"github.com/ppgpa/ppgpa/indicator"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/guangxi.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "guangxi", extest.Output(t, run))
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                      0,
		"-bogus":                  2,
		"-format xml":             2,
		"-format csv -calls 100":  0,
		"-format json -calls 100": 0,
		"-calls 5":                2,
	})
}

// TestEfficacy checks that the model's goalposts are the efficacy
// coefficient: a city at every unacceptable value scores 60 on every basic
// indicator, one at every satisfactory value 100, and one halfway 80
// (60 + 40 * 0.5, by the formula).
func TestEfficacy(t *testing.T) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	rows := make([][]float64, 3)
	for _, ind := range indicators {
		cols = append(cols, ind.column)
		rows[0] = append(rows[0], ind.bad)
		rows[1] = append(rows[1], ind.good)
		rows[2] = append(rows[2], (ind.bad+ind.good)/2)
	}
	cols = append(cols, "public", "se_public")
	for i := range rows {
		rows[i] = append(rows[i], 50, 0)
	}
	tab, err := indicator.NewTable([]string{"bad", "good", "half"}, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	res, err := plan.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range append(basics, "indicators") {
		n, _ := res.Node(id)
		for u, want := range []float64{60, 100, 80} {
			if math.Abs(n.Scores[u]-want) > 1e-9 {
				t.Errorf("node %s, unit %s: score %v, want %v", id, res.Units[u], n.Scores[u], want)
			}
		}
	}
}
