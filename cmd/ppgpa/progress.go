package main

import (
	"context"
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
	detail        string // the part of a phase of steps under way
	parts         []step // the parts of a phase of steps
	partsDone     int    // how many of them are done
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
		if p.detail != "" {
			fmt.Fprintf(&b, " (%s)", p.detail)
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
	p.detail, p.parts = "", nil
	p.mu.Unlock()
}

// step is one part of a phase of steps (see steps): what the line says
// while it is under way, and its cost, its share of the phase's time in
// any unit (milliseconds measured on the largest input the command is
// meant for: 30,000 units × 200 indicators).
type step struct {
	doing string
	cost  int
}

// steps starts the phase name made of parts done one after another by
// library calls that have no Progress callback of their own (reading a
// file, evaluating the model, ranking, writing the output): its share
// done is the cost of the parts done over the cost of all, so that the
// line shows a percentage, the part under way and the time left. stepDone
// marks each part done.
func (p *progress) steps(name string, parts ...step) {
	p.phase(name, 0)
	total := 0
	for _, s := range parts {
		total += s.cost
	}
	p.mu.Lock()
	p.parts, p.partsDone = parts, 0
	if len(parts) > 0 && p.done != nil {
		p.detail = parts[0].doing
	}
	p.mu.Unlock()
	p.update(0, total)
}

// part returns the index of the first part not yet done whose text is
// doing (-1 if none), the cost of the parts before it and the cost of
// all. p.mu must be held.
func (p *progress) part(doing string) (k, before, total int) {
	k = -1
	for i, s := range p.parts {
		if k < 0 && i >= p.partsDone && s.doing == doing {
			k = i
		}
		if k < 0 {
			before += s.cost
		}
		total += s.cost
	}
	return k, before, total
}

// stepProgress returns a Progress callback for the part of the current
// phase of steps whose text is doing: a library call that reports its
// own progress moves the share done within that part (done of total of
// its cost) and, at done == total, marks it done as stepDone does.
func (p *progress) stepProgress(doing string) func(done, total int) {
	return func(done, total int) {
		if done >= total {
			p.stepDone(doing)
			return
		}
		p.mu.Lock()
		k, base, all := p.part(doing)
		if k < 0 || total <= 0 {
			p.mu.Unlock()
			return
		}
		now := base + p.parts[k].cost*done/total
		if p.done != nil {
			p.detail = doing
		}
		p.mu.Unlock()
		p.update(now, all)
	}
}

// stepDone marks the parts of the current phase of steps done up to the
// first not yet done whose text is doing (with the parts before it, which
// a path of the command skipped); it does nothing if there is none, so
// that code shared by several commands may mark a part that only some of
// them list.
func (p *progress) stepDone(doing string) {
	p.mu.Lock()
	k, done, total := p.part(doing)
	if k < 0 {
		p.mu.Unlock()
		return
	}
	p.partsDone = k + 1
	done += p.parts[k].cost
	if p.done != nil {
		p.detail = ""
		if k+1 < len(p.parts) {
			p.detail = p.parts[k+1].doing
		}
	}
	p.mu.Unlock()
	p.update(done, total)
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

// The parts of the phases of steps: reading the input files, evaluating
// the model, ranking and grading with the fingerprint, writing the output.
const (
	stepRead  = "reading"
	stepEval  = "evaluating"
	stepRank  = "ranking"
	stepWrite = "writing"
	// verify's check: evaluating, ranking and comparing with what was
	// published, and the fingerprint.
	stepVerify = "checking"
	// weights -ranks: scoring and ranking under every scheme, and the
	// agreement of every pair of rankings.
	stepSchemes = "scoring under each scheme"
	// validate (and every command that reads a model): decoding the
	// model's JSON with its checks, and compiling it (validation).
	stepDecode  = "reading the model"
	stepCompile = "checking the model"
	// compare: matching the units and the agreement statistics.
	stepCompare = "comparing"
	// plan: allocating the sample across the strata.
	stepAllocate = "allocating"
)

// scoreSteps are the parts of score (and of weights -ranks before its
// schemes), with their milliseconds on 30,000 units × 200 indicators
// (quiet machine, one core busy): the CSV output holds every node's score
// and contribution and takes five times the table's.
func scoreSteps(format string) []step {
	write := 250
	if format == "csv" || format == "xlsx" {
		write = 1300
	}
	return []step{{stepRead, 250}, {stepEval, 500}, {stepRank, 200}, {stepWrite, write}}
}

// verifySteps are the parts of verify, with their milliseconds on 30,000
// units × 200 indicators.
var verifySteps = []step{{stepRead, 300}, {stepVerify, 1000}, {stepWrite, 200}}

// schemeSteps are the parts of weights -ranks with k schemes besides the
// model's: score's, then an evaluation per scheme (and the model's
// again), 550 ms each on 30,000 units × 200 indicators.
func schemeSteps(format string, k int) []step {
	s := scoreSteps(format)
	return append(s[:3:3], step{stepSchemes, 550 * (k + 1)}, step{stepWrite, 300})
}

// interruptible runs f, a library call that does not watch ctx (the AHP
// suggestions), and returns its result, or ctx's error as soon as ctx is
// done (Ctrl-C): f is then left to finish in the background, its result
// unused, while the command says "interrupted" and exits.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	c := make(chan result, 1)
	go func() {
		v, err := f()
		c <- result{v, err}
	}()
	select {
	case r := <-c:
		return r.v, r.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// validateSteps, compareSteps and planSteps are the parts of validate,
// compare and plan, with their milliseconds (CPU, load 10) on their
// largest inputs: a model of 100,000 nodes, two rankings of a million
// units, a million strata.
var (
	validateSteps = []step{{stepDecode, 850}, {stepCompile, 1260}, {stepWrite, 50}}
	compareSteps  = []step{{stepRead, 2400}, {stepRead, 2400}, {stepCompare, 1500}, {stepWrite, 1000}}
	planSteps     = []step{{stepRead, 1540}, {stepAllocate, 1420}, {stepWrite, 1000}}
)
