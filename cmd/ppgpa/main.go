// Command ppgpa is the command line of ppgpa: it validates assessment
// models, scores and ranks units, analyses AHP judgments, compares weighting
// schemes, weights survey respondents, estimates satisfaction per unit,
// analyses the uncertainty of a ranking, verifies a published ranking and
// writes a report, all from files.
//
// Usage:
//
//	ppgpa <command> [flags] [arguments]
//
// The commands are validate, score, ahp, weights, rake, calibrate, estimate,
// uncertainty, verify, report and version; "ppgpa <command> -h" describes
// each, with an example. Flags may come before or after the arguments.
// A file argument "-" reads standard input (at most one per command).
//
// Exit status: 0 on success, 1 when a check fails (an invalid model, a
// published ranking that does not verify, a consistency ratio above -max-cr)
// or a computation or file cannot be done, 2 for a usage error. Errors go to
// standard error, one line each, naming the file and the line, column, JSON
// path or node they are about. Output is deterministic byte for byte: the
// same inputs and flags give the same bytes on every machine.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
