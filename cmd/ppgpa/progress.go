package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progressEvery is the interval between the plain progress lines written
// when standard error is not a terminal (a log file, a pipe: cron, CI).
var progressEvery = 5 * time.Second

// progress shows how far a long computation has come, on standard error:
// on a terminal, a bar redrawn ten times a second with the phase, the
// share done, the elapsed time and an estimate of the time left (erased
// when the work ends); otherwise, when standard error is a file or a pipe
// (cron, CI, logs), a plain line every progressEvery, the first after
// progressEvery, so that short runs write nothing. It writes nothing with
// -q, or when standard error is not an operating-system file (a buffer,
// as in the tests). The share done comes from the library's Progress
// callbacks (update); a phase without them shows the elapsed time only.
// It is the one progress indicator of every command.
type progress struct {
	w             io.Writer
	cmd           string
	term          bool
	mu            sync.Mutex
	name          string
	runs          int
	doneN, totalN int
	start         time.Time
	now           func() time.Time
	done          chan struct{}
	wg            sync.WaitGroup
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// newProgress returns the progress indicator of the command e runs.
func (e *env) newProgress() *progress { return newProgress(e.stderr, e.cmd, e.quiet) }

// newProgress starts a progress indicator on w for command cmd; quiet
// (-q) turns it off. Stop it with stop.
func newProgress(w io.Writer, cmd string, quiet bool) *progress {
	if _, ok := w.(*os.File); !ok || quiet {
		return &progress{}
	}
	term := isTerminal(w)
	every := progressEvery
	if term {
		every = 100 * time.Millisecond
	}
	tick := time.NewTicker(every)
	return startProgress(w, cmd, term, tick.C, time.Now, tick.Stop)
}

// startProgress runs the indicator on w, as a bar redrawn at every tick
// (term) or as a plain line at every tick: now is its clock and release
// is called when it stops. newProgress gives it a real ticker and clock,
// the tests a fake terminal and clock.
func startProgress(w io.Writer, cmd string, term bool, tick <-chan time.Time, now func() time.Time, release func()) *progress {
	p := &progress{w: w, cmd: cmd, term: term, done: make(chan struct{}), now: now, start: now()}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer release()
		for k := 0; ; k++ {
			select {
			case <-p.done:
				if p.term {
					fmt.Fprint(p.w, "\r\033[K")
				}
				return
			case <-tick:
				p.mu.Lock()
				if p.term {
					fmt.Fprintf(p.w, "\r\033[K%s", p.line(k, p.now()))
				} else if p.name != "" {
					fmt.Fprintf(p.w, "ppgpa %s: %s\n", p.cmd, p.line(-1, p.now()))
				}
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// progressTrace, if not nil, receives every phase and update of every
// indicator, enabled or not (the tests check that each long command's
// phases reach their end).
var progressTrace func(name string, done, total int)

// spinner is the frames of a terminal phase that does not know its share.
var spinner = []string{"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█", "▉", "▊", "▋", "▌", "▍", "▎"}

// line is the progress of the current phase at now: with a bar (frame k)
// on a terminal, in words in a log (k < 0). The estimate of the time left
// assumes the rest goes at the pace so far.
func (p *progress) line(k int, now time.Time) string {
	var b strings.Builder
	el := now.Sub(p.start)
	if p.totalN > 0 {
		pct := 100 * p.doneN / p.totalN
		if k >= 0 {
			const width = 24
			filled := width * p.doneN / p.totalN
			fmt.Fprintf(&b, "[%s%s] %3d%% ", strings.Repeat("█", filled), strings.Repeat("·", width-filled), pct)
			b.WriteString(p.name)
		} else {
			fmt.Fprintf(&b, "%s %d%%", p.name, pct)
		}
	} else {
		if k >= 0 {
			b.WriteString(spinner[k%len(spinner)] + " ")
		}
		b.WriteString(p.name)
	}
	if p.runs > 0 {
		fmt.Fprintf(&b, ", %d model runs", p.runs)
	}
	fmt.Fprintf(&b, ", %s elapsed", duration(el))
	if p.totalN > 0 && p.doneN > 0 && p.doneN < p.totalN {
		left := time.Duration(float64(el) * float64(p.totalN-p.doneN) / float64(p.doneN))
		fmt.Fprintf(&b, ", about %s left", duration(left))
	}
	return b.String()
}

// duration writes d in whole seconds (tenths below 10 s), minutes and
// hours: 4.2s, 38s, 2m05s, 1h02m.
func duration(d time.Duration) string {
	switch s := d.Seconds(); {
	case s < 10:
		return fmt.Sprintf("%.1fs", s)
	case s < 60:
		return fmt.Sprintf("%.0fs", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", int(s)/60, int(s)%60)
	default:
		return fmt.Sprintf("%dh%02dm", int(s)/3600, int(s)%3600/60)
	}
}

// phase starts a phase called name of runs model runs (0: not said); its
// share done is unknown until update is called.
func (p *progress) phase(name string, runs int) {
	if progressTrace != nil {
		progressTrace(name, -1, -1)
	}
	if p.done == nil {
		return
	}
	p.mu.Lock()
	p.name, p.runs, p.start = name, runs, p.now()
	p.doneN, p.totalN = 0, 0
	p.mu.Unlock()
}

// update records that done of total blocks of the current phase are
// finished; it is the library's Progress callback and is safe for
// concurrent use (calls may come out of order: the largest done counts).
func (p *progress) update(done, total int) {
	if progressTrace != nil {
		progressTrace("", done, total)
	}
	if p.done == nil {
		return
	}
	p.mu.Lock()
	if done > p.doneN || total != p.totalN {
		p.doneN, p.totalN = done, total
	}
	p.mu.Unlock()
}

// then returns a Progress callback that starts the phase name (runs
// model runs) at its first call, and then records as update does: for
// the second part of a library call whose parts report apart (Sobol's
// bootstrap resamples, the replicate design's degrees of freedom). It
// is safe for concurrent use.
func (p *progress) then(name string, runs int) func(done, total int) {
	var once sync.Once
	return func(done, total int) {
		once.Do(func() { p.phase(name, runs) })
		p.update(done, total)
	}
}

// stop erases the indicator; it may be called more than once.
func (p *progress) stop() {
	if p.done == nil {
		return
	}
	select {
	case <-p.done:
	default:
		close(p.done)
	}
	p.wg.Wait()
}
