package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInputPolicyCommands: the JSON input policy on the command line's
// JSON inputs (margins were read with the last of repeated members
// winning; a GBK margins file was read as its replacement characters),
// the markdown tables escape HTML, and counts that
// allocate are bounded before anything is allocated.
func TestInputPolicyCommands(t *testing.T) {
	t.Chdir("testdata")
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"margins repeated level", `{"sex": {"男": 52, "男": 48}}`, []string{"rake", "respondents.csv", "-"}, 1, `member "男" repeated`},
		{"margins BOM", "\uFEFF" + `{"sex": {"男": 52, "女": 48}}`, []string{"rake", "respondents.csv", "-"}, 0, ""},
		{"margins GBK", "{\"sex\": {\"\xc4\xd0\": 52}}", []string{"rake", "respondents.csv", "-"}, 1, "not valid UTF-8"},
		{"replicates bound", "", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-variance", "bootstrap", "-replicates", "100000000", "respondents.csv"}, 2, "at most 100000"},
	} {
		r := runPPGPA(t, tc.stdin, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "internal error") {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tc.name, r.code, r.stderr, tc.code, tc.want)
		}
	}
}

// TestMarkdownEscapesHTML: unit ids reach Markdown tables escaped, as the
// report escapes them.
func TestMarkdownEscapesHTML(t *testing.T) {
	var tb strings.Builder
	tab := newTable("unit", "score")
	tab.add("<script>alert(1)</script>|x", "1")
	tab.markdown(&tb)
	if out := tb.String(); strings.Contains(out, "<script>") || !strings.Contains(out, "&lt;script&gt;") {
		t.Errorf("markdown table:\n%s", out)
	}
}

// TestOversizedInputBySize: a regular file over the 1 GiB cap is rejected
// by its size, before it is read (a sparse file: no disk space used).
func TestOversizedInputBySize(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxInput + 1); err != nil {
		t.Skip(err)
	}
	f.Close()
	r := runPPGPA(t, "", "validate", big)
	if r.code != 1 || !strings.Contains(r.stderr, "larger than the limit") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	// A stream over the cap is cut at the cap.
	if _, err := readLimited(strings.NewReader(strings.Repeat("x", 100)), "s", -1); err != nil {
		t.Fatal(err)
	}
}
