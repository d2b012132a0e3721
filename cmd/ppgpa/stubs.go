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
func reportCommand() *command      { return stub("report") }
