package main

import (
	"context"
	"flag"
)

func stub(name string) *command {
	return &command{name: name, summary: "not yet", flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		return func(context.Context, *env, []string) error { return usagef("not implemented") }
	}}
}
func ahpCommand() *command         { return stub("ahp") }
func weightsCommand() *command     { return stub("weights") }
func rakeCommand() *command        { return stub("rake") }
func calibrateCommand() *command   { return stub("calibrate") }
func estimateCommand() *command    { return stub("estimate") }
func uncertaintyCommand() *command { return stub("uncertainty") }
func verifyCommand() *command      { return stub("verify") }
func reportCommand() *command      { return stub("report") }
