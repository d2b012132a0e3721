package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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

// signalWriter is a fake terminal or log: it keeps what is written and
// signals each write, so that a test can wait for the indicator's line.
type signalWriter struct {
	bytes.Buffer
	wrote chan struct{}
}

func (w *signalWriter) Write(b []byte) (int, error) {
	n, err := w.Buffer.Write(b)
	w.wrote <- struct{}{}
	return n, err
}

// TestProgressFakeClock drives the indicator with a fake clock and ticks:
// on a terminal, the bar with the share, the elapsed time and the time
// left (at the pace so far) is redrawn in place at each tick and erased at
// the end; in a log, one plain line per tick. The numbers are derived by
// hand: 1 of 4 blocks after 15 s leaves 45 s; 3 of 4 after 30 s, 10 s.
func TestProgressFakeClock(t *testing.T) {
	for _, term := range []bool{true, false} {
		t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var clock atomic.Int64
		now := func() time.Time { return t0.Add(time.Duration(clock.Load())) }
		w := &signalWriter{wrote: make(chan struct{}, 1)}
		tick := make(chan time.Time)
		released := false
		p := startProgress(w, "rank", term, tick, now, func() { released = true })
		p.phase("bootstrap", 0)
		step := func(at time.Duration, done int) {
			clock.Store(int64(at))
			p.update(done, 4)
			tick <- time.Time{}
			<-w.wrote
		}
		step(15*time.Second, 1)
		step(30*time.Second, 3)
		go func() {
			for range w.wrote {
			}
		}()
		p.stop()
		close(w.wrote)
		want := "ppgpa rank: bootstrap 25%, 15s elapsed, about 45s left\n" +
			"ppgpa rank: bootstrap 75%, 30s elapsed, about 10s left\n"
		if term {
			want = "\r\033[K[██████··················]  25% bootstrap, 15s elapsed, about 45s left" +
				"\r\033[K[██████████████████······]  75% bootstrap, 30s elapsed, about 10s left" +
				"\r\033[K"
		}
		if got := w.String(); got != want || !released {
			t.Errorf("terminal %v: wrote %q (ticker released %v), want %q", term, got, released, want)
		}
	}
}

// TestProgressSteps drives a phase of steps (parts without a progress
// callback of their own, marked done one by one) with a fake clock: the
// share done is the cost of the parts done over the cost of all, and the
// line names the part under way. By hand: parts of 1, 3 and 4 (of 8);
// after the first, 1/8 = 12% (integer division) done in 10 s leaves
// 70 s; a part the command skipped (the second) counts as done with the
// one after it: 8/8; a part it does not list changes nothing.
func TestProgressSteps(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var clock atomic.Int64
	now := func() time.Time { return t0.Add(time.Duration(clock.Load())) }
	w := &signalWriter{wrote: make(chan struct{}, 1)}
	tick := make(chan time.Time)
	p := startProgress(w, "score", false, tick, now, func() {})
	p.steps("score", step{stepRead, 1}, step{stepEval, 3}, step{stepWrite, 4})
	at := func(d time.Duration) {
		clock.Store(int64(d))
		tick <- time.Time{}
		<-w.wrote
	}
	at(2 * time.Second)
	p.stepDone(stepRead)
	p.stepDone("not a part")
	at(10 * time.Second)
	p.stepDone(stepWrite)
	at(20 * time.Second)
	go func() {
		for range w.wrote {
		}
	}()
	p.stop()
	close(w.wrote)
	want := "ppgpa score: score 0% (reading), 2.0s elapsed\n" +
		"ppgpa score: score 12% (evaluating), 10s elapsed, about 1m10s left\n" +
		"ppgpa score: score 100%, 20s elapsed\n"
	if got := w.String(); got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

// TestProgressStepProgress: a library call's own progress moves the
// share within its part of a phase of steps. By hand, parts of 1, 3 and
// 4 (of 8): with the first done, the second at 1 of 3 is 1 + 3·1/3 = 2
// of 8, at 2 of 3 it is 3; at 3 of 3 the part is done (4); a callback
// for a part the phase does not list changes nothing.
func TestProgressStepProgress(t *testing.T) {
	var got [][2]int
	progressTrace = func(name string, done, total int) {
		if done >= 0 {
			got = append(got, [2]int{done, total})
		}
	}
	defer func() { progressTrace = nil }()
	p := &progress{}
	p.steps("weights", step{stepRead, 1}, step{stepSchemes, 3}, step{stepWrite, 4})
	p.stepDone(stepRead)
	f := p.stepProgress(stepSchemes)
	f(1, 3)
	f(2, 3)
	f(3, 3)
	p.stepProgress(stepCompare)(1, 2)
	want := [][2]int{{0, 8}, {1, 8}, {2, 8}, {3, 8}, {4, 8}}
	if !slices.Equal(got, want) {
		t.Errorf("updates %v, want %v", got, want)
	}
}

// TestProgressReachesEnd runs every long command with a trace of its
// progress and checks its phases, in order, and that each phase with a
// share reaches done == total (the bar fills, and no phase sits at 100%
// while another part of the work goes on unreported).
func TestProgressReachesEnd(t *testing.T) {
	t.Chdir("testdata")
	out := t.TempDir()
	var mu sync.Mutex
	type phase struct {
		name        string
		done, total int
	}
	var trace []phase
	progressTrace = func(name string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done < 0 {
			trace = append(trace, phase{name: name})
			return
		}
		if n := len(trace); n > 0 {
			last := &trace[n-1]
			last.done, last.total = max(last.done, done), total
		}
	}
	defer func() { progressTrace = nil }()
	for _, tc := range []struct {
		args   []string
		phases []string // phases with a share; "-" a phase without one
	}{
		{[]string{"rank", "-counts", "counts.csv", "-n", "1000"}, []string{"-", "confidence sets", "-", "bootstrap"}},
		{[]string{"rank", "-top", "2", "-bottom", "2", "estimates.csv"}, []string{"-", "confidence sets", "-", "top 2 set", "bottom 2 set", "-", "parametric bootstrap"}},
		{[]string{"uncertainty", "-n", "200", "-sobol-n", "64", "-sobol-bootstrap", "30", "model.json", "data.csv"}, []string{"-", "Monte Carlo", "Sobol", "Sobol bootstrap intervals"}},
		{[]string{"report", "-n", "200", "-o", filepath.Join(out, "r.html"), "model.json", "data.csv"}, []string{"-", "what-if figures", "Monte Carlo"}},
		{[]string{"estimate", "-unit", "district", "-scale", "hangzhou", "-strata", "stratum", "-psu", "psu", "-fpc", "fpc", "-singleton", "remove", "-variance", "bootstrap", "-replicates", "50", "resp_design.csv"}, []string{"-", "replicate weights", "degrees of freedom of the replicates", "-"}},
		{[]string{"weights", "model.json", "data.csv"}, []string{"-", "weighting schemes", "-"}},
		{[]string{"coherence", "model.json", "data.csv"}, []string{"-", "correlations", "-"}},
		{[]string{"rake", "-o", filepath.Join(out, "w.csv"), "respondents.csv", "margins.json"}, []string{"rake"}},
		{[]string{"calibrate", "-distance", "raking", "-o", filepath.Join(out, "c.csv"), "respondents.csv", "totals.csv"}, []string{"calibrate"}},
		{[]string{"score", "model.json", "data.csv"}, []string{"-", "score"}},
		{[]string{"score", "-format", "csv", "model.json", "data.csv"}, []string{"-", "score"}},
		{[]string{"score", "-year", "year", "model_years.json", "panel.csv"}, []string{"-", "score"}},
		{[]string{"verify", "model.json", "data.csv", "published_ok.csv"}, []string{"-", "verify"}},
		{[]string{"weights", "-ranks", "model.json", "data.csv"}, []string{"-", "weights"}},
		{[]string{"ahp", "ahp.csv"}, []string{"-", "suggested revisions"}},
		{[]string{"ahp", "ahp_incomplete.csv"}, []string{"-", "suggested revisions"}},
		{[]string{"validate", "model.json"}, []string{"-", "validate"}},
		{[]string{"validate", "-emit", filepath.Join(out, "m.json"), "model.json"}, []string{"-", "validate"}},
		{[]string{"compare", "published_ok.csv", "published_bad.csv"}, []string{"-", "compare"}},
		{[]string{"plan", "-margin", "0.05", "strata.csv"}, []string{"-", "plan"}},
		{[]string{"plan", "-margin", "0.05"}, []string{"-", "plan"}},
	} {
		trace = nil
		r := runPPGPA(t, "", tc.args...)
		if r.code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, r.code, r.stderr)
			continue
		}
		var got []string
		for _, p := range trace {
			if p.total == 0 {
				got = append(got, "-")
				continue
			}
			got = append(got, p.name)
			if p.done != p.total {
				t.Errorf("%v: phase %q ends at %d of %d", tc.args, p.name, p.done, p.total)
			}
		}
		if !slices.Equal(got, tc.phases) {
			t.Errorf("%v: phases %q, want %q", tc.args, got, tc.phases)
		}
	}
}
