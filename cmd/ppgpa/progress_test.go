package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestProgressWriters checks where the progress indicator writes: nothing
// to a buffer (as the other tests' standard error) or with -q; to a file
// (a log), plain lines every progressEvery with the phase, the share done
// and the time left, and nothing else (no bar, no carriage return).
func TestProgressWriters(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 20 * time.Millisecond
	var buf bytes.Buffer
	f, err := os.Create(t.TempDir() + "/log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	q, err := os.Create(t.TempDir() + "/quiet")
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	for _, c := range []struct {
		w     interface{ Write([]byte) (int, error) }
		quiet bool
	}{{&buf, false}, {f, false}, {q, true}} {
		if isTerminal(c.w) {
			t.Errorf("%T counts as a terminal", c.w)
		}
		p := newProgress(c.w, "test", c.quiet)
		p.phase("bootstrap", 0)
		p.update(1, 4)
		time.Sleep(100 * time.Millisecond)
		p.stop()
		p.stop()
	}
	if buf.Len() != 0 {
		t.Errorf("progress wrote %q to a buffer", buf.String())
	}
	if st, _ := q.Stat(); st.Size() != 0 {
		t.Errorf("progress wrote %d bytes with -q", st.Size())
	}
	log, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(log), "\n"), "\n")
	want := regexp.MustCompile(`^ppgpa test: bootstrap 25%, [0-9.]+s elapsed, about [0-9.]+s left$`)
	if len(lines) < 2 {
		t.Fatalf("log has %d lines, want several: %q", len(lines), log)
	}
	for _, l := range lines {
		if !want.MatchString(l) {
			t.Errorf("log line %q does not match %v", l, want)
		}
	}
}

// TestProgressLine checks the text of a line: the share, the model runs,
// the elapsed time and the time left at the pace so far; the bar on a
// terminal; a phase without a share shows the elapsed time only.
func TestProgressLine(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{name: "Monte Carlo", runs: 1000, doneN: 30, totalN: 120, start: start}
	now := start.Add(15 * time.Second)
	if got, want := p.line(-1, now), "Monte Carlo 25%, 1000 model runs, 15s elapsed, about 45s left"; got != want {
		t.Errorf("log line %q, want %q", got, want)
	}
	if got, want := p.line(0, now), "[██████··················]  25% Monte Carlo, 1000 model runs, 15s elapsed, about 45s left"; got != want {
		t.Errorf("terminal line %q, want %q", got, want)
	}
	p = &progress{name: "rake", start: start}
	if got, want := p.line(-1, start.Add(125*time.Second)), "rake, 2m05s elapsed"; got != want {
		t.Errorf("line without share %q, want %q", got, want)
	}
}

// TestInterruptSubprocess is the command run by TestInterrupt in a child
// process (it does nothing otherwise): ppgpa with the arguments of
// PPGPA_TEST_ARGS, progress lines every 200 ms.
func TestInterruptSubprocess(t *testing.T) {
	args := os.Getenv("PPGPA_TEST_ARGS")
	if args == "" {
		t.Skip("run by TestInterrupt")
	}
	progressEvery = 200 * time.Millisecond
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, strings.Fields(args), os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// TestInterrupt runs a long bootstrap (rank -counts) with standard error
// a pipe, waits for a progress line, sends SIGINT (Ctrl-C) and checks that
// the command says "interrupted", not "context canceled", and exits with
// status 1.
func TestInterrupt(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("runs a child process and sends it SIGINT")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestInterruptSubprocess$")
	cmd.Env = append(os.Environ(), "PPGPA_TEST_ARGS=rank -counts testdata/counts.csv -n 10000000")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A child that ignores the signal must not hold the tests up.
	timer := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer timer.Stop()
	sc := bufio.NewScanner(stderr)
	var lines []string
	signalled := false
	for sc.Scan() {
		l := sc.Text()
		lines = append(lines, l)
		if !signalled && strings.HasPrefix(l, "ppgpa rank: bootstrap ") && strings.Contains(l, "%, ") {
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			signalled = true
		}
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFail {
		t.Errorf("exit: %v, want status %d", err, exitFail)
	}
	if !signalled {
		t.Fatalf("no progress line before the end: %q", lines)
	}
	last := lines[len(lines)-1]
	if last != "ppgpa rank: interrupted" {
		t.Errorf("last line %q, want %q (all: %q)", last, "ppgpa rank: interrupted", lines)
	}
	for _, l := range lines {
		if strings.Contains(l, "context canceled") {
			t.Errorf("stderr says %q", l)
		}
	}
}
