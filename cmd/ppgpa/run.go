package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// version is the command's version; release builds may set it with
// -ldflags "-X main.version=v1.2.3".
var version = "devel"

// env is what a command sees of the process: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdinUsed      bool
	cmd            string         // the command's name
	quiet          bool           // -q: no progress
	prog           *progress      // the command's progress indicator
	staged         []stagedOutput // outputs written when the command succeeds
	name           string         // the command run, for notes on standard error
	reading        *inputFlags    // -sheet, -encoding, -header-row, for readTabular
}

// command is one subcommand.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	example string
	flags   func(fs *flag.FlagSet) func(ctx context.Context, e *env, args []string) error
	// long marks a command that can run for more than about a second:
	// it shows its progress on standard error (see progress) unless -q.
	long bool
}

// commands lists the subcommands in the order of the help text.
func commands() []*command {
	return []*command{
		validateCommand(),
		scoreCommand(),
		ahpCommand(),
		weightsCommand(),
		coherenceCommand(),
		rakeCommand(),
		calibrateCommand(),
		estimateCommand(),
		uncertaintyCommand(),
		rankCommand(),
		verifyCommand(),
		compareCommand(),
		reportCommand(),
		planCommand(),
		schemaCommand(),
		versionCommand(),
	}
}

// usageError is an error in the command line itself: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// failure is a failed check whose report has already been written: exit
// status 1 with the given lines on standard error.
type failure struct{ lines []string }

func (e *failure) Error() string { return strings.Join(e.lines, "\n") }

// run runs the command line args (without the program name) and returns
// the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			// A last resort: a panic is a bug in ppgpa, not a problem of
			// the input, so say so and keep the trace out of sight.
			fmt.Fprintf(stderr, "ppgpa: internal error: %v (please report it with the input that caused it)\n", r)
			if os.Getenv("PPGPA_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = exitFail
		}
	}()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		mainUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, stdin, stdout, stderr)
		}
		mainUsage(stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		return runCommand(ctx, e, c, args[1:])
	}
	fmt.Fprintf(stderr, "ppgpa: unknown command %q (run \"ppgpa -h\" for the list)\n", name)
	return exitUsage
}

// runCommand parses the flags of c and runs it.
func runCommand(ctx context.Context, e *env, c *command, args []string) int {
	e.name = c.name
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.cmd, e.prog = c.name, &progress{}
	if c.long {
		fs.BoolVar(&e.quiet, "q", false, "quiet: no progress indicator on standard error (by default a bar on a terminal, a line every few seconds in a log)")
	}
	body := c.flags(fs)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(e.stdout, c, fs)
		return exitOK
	}
	if err == nil {
		stdin := 0
		for _, a := range pos {
			if a == "-" {
				stdin++
			}
		}
		if stdin > 1 {
			err = usagef("standard input (-) can be read only once")
		}
	}
	if err == nil {
		e.reading = readingFlags(fs)
		if c.long {
			e.prog = e.newProgress()
			e.prog.phase(c.name, 0)
		}
		err = body(ctx, e, pos)
		e.prog.stop()
		if err != nil && ctx.Err() != nil {
			// Ctrl-C: the error is the interruption's, however a
			// reader or the library wrapped it ("file.csv: context
			// canceled").
			err = ctx.Err()
		}
	}
	if err == nil {
		err = e.commit()
	}
	e.discard()
	return reportErr(e, c, err)
}

// reportErr writes err to standard error and returns the exit status.
func reportErr(e *env, c *command, err error) int {
	var ue *usageError
	var fe *failure
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "ppgpa %s: %s\n", c.name, oneLine(ue.msg))
		fmt.Fprintf(e.stderr, "usage: ppgpa %s [flags] %s (run \"ppgpa %s -h\" for help)\n", c.name, c.args, c.name)
		return exitUsage
	case errors.Is(err, context.Canceled):
		// Ctrl-C (the only cancellation of the command's context).
		fmt.Fprintf(e.stderr, "ppgpa %s: interrupted\n", c.name)
		return exitFail
	case errors.As(err, &fe):
		for _, l := range fe.lines {
			fmt.Fprintf(e.stderr, "ppgpa %s: %s\n", c.name, oneLine(l))
		}
		return exitFail
	default:
		fmt.Fprintf(e.stderr, "ppgpa %s: %s\n", c.name, oneLine(err.Error()))
		return exitFail
	}
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return strings.ReplaceAll(strings.Join(f, "; "), "\t", " ")
}

// parseFlags parses args with flags allowed before, between and after the
// positional arguments; "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, `ppgpa: public-participation government performance assessment

Usage:
  ppgpa <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Run "ppgpa <command> -h" for the flags and an example of each command.
A file argument "-" reads standard input. In DATA files an empty cell, NA,
-, NaN and nan are missing values. Exit status: 0 success, 1 a failed
check or computation, 2 a usage error.

Example:
  ppgpa score examples/quickstart/model.json examples/quickstart/data.csv
`)
}

func commandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\n%s\n", strings.TrimSpace("Usage: ppgpa "+c.name+" [flags] "+c.args), c.summary)
	if c.example != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(c.example, "\n"))
	}
	if fs.Lookup("sheet") != nil && fs.Lookup("na") != nil {
		fmt.Fprintf(w, "\n%s\n", inputHelp)
	} else if fs.Lookup("sheet") != nil {
		fmt.Fprintf(w, "\n%s\n", recordHelp)
	} else if c.args != "" && c.name != "validate" {
		fmt.Fprintf(w, "\n%s\n", inputShortHelp)
	}
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintf(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version of ppgpa and of the model format",
		example: "Example:\n  ppgpa version",
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			return func(_ context.Context, e *env, args []string) error {
				if len(args) != 0 {
					return usagef("version takes no arguments")
				}
				v := version
				if bi, ok := debug.ReadBuildInfo(); ok && v == "devel" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
					v = bi.Main.Version
				}
				fmt.Fprintf(e.stdout, "ppgpa %s (model format %d)\n", v, modelFormat)
				return nil
			}
		},
	}
}
