// Package excli holds the command-line mechanics shared by the example
// programs: the flag set with its usage text, the exit codes, and the
// padding of terminal tables that mix Latin and CJK text.
//
// # Overview
//
// [Flags] makes a flag set, [Parse] parses and validates it (writing the
// usage text to standard output for -h, as ppgpa -h does), [Exit] turns
// the result of a run into an exit code: 0 on success (and for -h), 2 for
// bad flags or arguments, 1 otherwise. [Report] writes the published
// report (package ranking/report) of a plan on a table, in Chinese.
// [Width], [Pad] and [PadLeft] count
// East Asian wide characters as two terminal columns; [F] formats a number.
//
// All functions are safe for concurrent use.
package excli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// Flags returns a flag set named name that reports errors to stderr and
// whose usage text, written to the flag set's output, is
//
//	Usage: name [options]
//
//	about
//
//	Options:
//	  (the flags and their defaults)
func Flags(name, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s [options]\n\n%s\n\nOptions:\n", name, about)
		fs.PrintDefaults()
	}
	return fs
}

// Parse parses args with fs and checks that there are no arguments left and
// that valid reports true. If all is well it returns ok; otherwise it
// returns the exit code: 0 after writing the usage text to stdout for -h
// or -help (as ppgpa -h does), 2 after writing the error and the usage
// text to the flag set's output (stderr) for a bad flag, and 2 after
// writing "name: want" and the usage text there when the values are not
// valid.
func Parse(fs *flag.FlagSet, args []string, stdout io.Writer, valid func() bool, want string) (code int, ok bool) {
	// The flag package writes the usage text before it returns
	// flag.ErrHelp, to the same output as its errors; hold it back and
	// write it where it belongs afterwards.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		out := fs.Output()
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(out)
		return 0, false
	}
	if err != nil {
		fs.Usage()
		return 2, false
	}
	if fs.NArg() > 0 || !valid() {
		fmt.Fprintf(fs.Output(), "%s: %s\n", fs.Name(), want)
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// Exit returns the exit code of a run that ended with err: 0 if err is
// nil, else 1 after writing "name: err" to the flag set's output.
func Exit(fs *flag.FlagSet, err error) int {
	if err == nil {
		return 0
	}
	fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
	return 1
}

// TableFormat reports whether format is table, csv or json, the output
// formats every example knows.
func TableFormat(format string) bool {
	return format == "table" || format == "csv" || format == "json"
}

// F formats x with prec decimals.
func F(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// Width returns the terminal width of s: one column per rune, two for the
// East Asian wide ranges (Hangul Jamo, CJK, Yi, Hangul syllables, CJK
// compatibility ideographs and fullwidth forms).
func Width(s string) int {
	w := 0
	for _, r := range s {
		w++
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60) {
			w++
		}
	}
	return w
}

// Pad pads s with spaces on the right to n terminal columns.
func Pad(s string, n int) string { return s + strings.Repeat(" ", max(0, n-Width(s))) }

// PadLeft pads s with spaces on the left to n terminal columns.
func PadLeft(s string, n int) string { return strings.Repeat(" ", max(0, n-Width(s))) + s }

// Report writes the published report of plan on table (package
// ranking/report) to w as HTML, in Chinese, with 500 Monte Carlo
// replications of the default factors seeded by seed. description, if
// not empty, is shown under the title instead of the model's own
// description (the examples' models describe themselves in English; a
// Chinese report says it in Chinese).
func Report(ctx context.Context, w io.Writer, plan *indicator.Plan, table *indicator.Table, seed uint64, description string) error {
	in, err := report.Build(ctx, plan, table, report.Settings{Replications: 500, Seed: seed})
	if err != nil {
		return err
	}
	if description != "" {
		in.Description = description
	}
	return report.Write(w, report.HTML, in)
}
