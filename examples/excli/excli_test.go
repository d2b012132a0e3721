package excli

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestWidth checks the column counts by hand: Latin letters one column,
// CJK ideographs and fullwidth forms two.
func TestWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{{"", 0}, {"abc", 3}, {"南京", 4}, {"a 满意", 6}, {"１", 2}, {"–", 1}} {
		if got := Width(tc.s); got != tc.want {
			t.Errorf("Width(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
	if got := Pad("南京", 6); got != "南京  " {
		t.Errorf("Pad = %q", got)
	}
	if got := PadLeft("推荐", 6); got != "  推荐" {
		t.Errorf("PadLeft = %q", got)
	}
	if got := Pad("toolong", 3); got != "toolong" {
		t.Errorf("Pad of a long string = %q", got)
	}
}

// TestParse checks the exit codes of -h, a bad flag, invalid values and
// an error of the run.
func TestParse(t *testing.T) {
	var stderr bytes.Buffer
	fs := Flags("demo", "About.", &stderr)
	n := fs.Int("n", 1, "a number")
	valid := func() bool { return *n > 0 }
	for _, tc := range []struct {
		args []string
		code int
		ok   bool
	}{{nil, 0, true}, {[]string{"-h"}, 0, false}, {[]string{"-bogus"}, 2, false}, {[]string{"-n", "0"}, 2, false}, {[]string{"x"}, 2, false}} {
		fs := Flags("demo", "About.", &stderr)
		n = fs.Int("n", 1, "a number")
		if code, ok := Parse(fs, tc.args, io.Discard, valid, "want -n positive"); code != tc.code || ok != tc.ok {
			t.Errorf("Parse(%q) = %d, %v, want %d, %v", tc.args, code, ok, tc.code, tc.ok)
		}
	}
	if !strings.Contains(stderr.String(), "demo: want -n positive\nUsage: demo [options]\n\nAbout.\n\nOptions:\n") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if code := Exit(fs, nil); code != 0 {
		t.Errorf("Exit(nil) = %d", code)
	}
	stderr.Reset()
	if code := Exit(fs, errors.New("boom")); code != 1 || stderr.String() != "demo: boom\n" {
		t.Errorf("Exit(err) = %d, stderr %q", code, stderr.String())
	}
}

// TestHelp checks that -h and -help write the usage text to stdout and
// nothing to stderr, as ppgpa -h does, while a bad flag writes the error
// and the usage text to stderr only.
func TestHelp(t *testing.T) {
	const usage = "Usage: demo [options]\n\nAbout.\n\nOptions:\n  -n int\n    \ta number (default 1)\n"
	for _, arg := range []string{"-h", "-help", "--help"} {
		var stdout, stderr bytes.Buffer
		fs := Flags("demo", "About.", &stderr)
		fs.Int("n", 1, "a number")
		if code, ok := Parse(fs, []string{arg}, &stdout, func() bool { return true }, ""); code != 0 || ok {
			t.Errorf("Parse(%s) = %d, %v, want 0, false", arg, code, ok)
		}
		if stdout.String() != usage || stderr.Len() != 0 {
			t.Errorf("Parse(%s): stdout %q, stderr %q", arg, stdout.String(), stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	fs := Flags("demo", "About.", &stderr)
	fs.Int("n", 1, "a number")
	if code, _ := Parse(fs, []string{"-bogus"}, &stdout, func() bool { return true }, ""); code != 2 {
		t.Errorf("Parse(-bogus) = %d, want 2", code)
	}
	if want := "flag provided but not defined: -bogus\n" + usage; stdout.Len() != 0 || stderr.String() != want {
		t.Errorf("Parse(-bogus): stdout %q, stderr %q, want %q", stdout.String(), stderr.String(), want)
	}
}
