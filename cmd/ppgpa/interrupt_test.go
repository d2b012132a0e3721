package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestInterruptEveryLongCommand runs every command that shows its
// progress under a context cancelled before it starts (as Ctrl-C
// cancels it): each stops with "ppgpa CMD: interrupted" alone on
// standard error, exit status 1, nothing on standard output and no
// output file.
func TestInterruptEveryLongCommand(t *testing.T) {
	t.Chdir("testdata")
	out := t.TempDir()
	cases := [][]string{
		{"score", "model.json", "data.csv"},
		{"ahp", "ahp.csv"},
		{"validate", "model.json"},
		{"compare", "published_ok.csv", "published_bad.csv"},
		{"plan", "-margin", "0.05", "strata.csv"},
		{"weights", "model.json", "data.csv"},
		{"weights", "-ranks", "model.json", "data.csv"},
		{"coherence", "model.json", "data.csv"},
		{"verify", "model.json", "data.csv", "published_ok.csv"},
		{"rank", "-top", "2", "estimates.csv"},
		{"rank", "-counts", "counts.csv", "-n", "1000"},
		{"uncertainty", "-n", "200", "model.json", "data.csv"},
		{"report", "-o", filepath.Join(out, "r.html"), "model.json", "data.csv"},
		{"estimate", "-unit", "district", "-scale", "hangzhou", "-strata", "stratum", "-psu", "psu", "-fpc", "fpc", "-singleton", "remove", "-variance", "bootstrap", "resp_design.csv"},
		{"rake", "-o", filepath.Join(out, "w.csv"), "respondents.csv", "margins.json"},
		{"calibrate", "-distance", "raking", "-o", filepath.Join(out, "c.csv"), "respondents.csv", "totals.csv"},
	}
	for _, args := range cases {
		for _, c := range commands() {
			if c.name == args[0] && !c.long {
				t.Errorf("%s does not show its progress", c.name)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stdout, stderr bytes.Buffer
		code := run(ctx, args, strings.NewReader(""), &stdout, &stderr)
		want := "ppgpa " + args[0] + ": interrupted\n"
		if code != exitFail || stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q, %d bytes out; want %d, %q, none", args, code, stderr.String(), stdout.Len(), exitFail, want)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(out, "*")); len(m) != 0 {
		t.Errorf("interrupted commands left %v", m)
	}
}
