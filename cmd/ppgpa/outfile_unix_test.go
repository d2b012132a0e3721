//go:build unix

package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFileSizeLimitSubprocess runs ppgpa in a child process whose file
// size limit (RLIMIT_FSIZE, "ulimit -f") is below the output's size, with
// SIGXFSZ ignored so that the write fails with EFBIG, as a quota does:
// the old output file must be kept whole and no new file appear.
func TestFileSizeLimitSubprocess(t *testing.T) {
	if args := os.Getenv("PPGPA_FSIZE_CHILD"); args != "" {
		os.Exit(fsizeChild(strings.Split(args, "\x1f")))
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "w.csv"), filepath.Join(dir, "diag.json")
	old := strings.Repeat("old weights\n", 10)
	if err := os.WriteFile(a, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestFileSizeLimitSubprocess$")
	cmd.Dir = "testdata"
	cmd.Env = append(os.Environ(), "PPGPA_FSIZE_CHILD="+strings.Join([]string{"rake", "-o", a, "-diag", b, "respondents.csv", "margins.json"}, "\x1f"))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFail {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "file too large") {
		t.Errorf("child output %q does not name the failure", out)
	}
	checkDir(t, dir, map[string]string{"w.csv": old})
}

// fsizeChild is the child of TestFileSizeLimitSubprocess.
func fsizeChild(args []string) int {
	signal.Ignore(syscall.SIGXFSZ)
	lim := syscall.Rlimit{Cur: 200, Max: 200}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		os.Stderr.WriteString("setrlimit: " + err.Error())
		return 3
	}
	return run(context.Background(), args, strings.NewReader(""), os.Stdout, os.Stderr)
}
