package main

import (
	"context"
	"flag"

	"github.com/ppgpa/ppgpa/indicator"
)

// schemaCommand prints the JSON Schema of the model (or overlay) format.
func schemaCommand() *command {
	return &command{
		name:    "schema",
		summary: "print the JSON Schema of the model (or overlay) format, for editors",
		example: "Examples:\n" +
			"  ppgpa schema -o model.schema.json      # then, in model.json: \"$schema\": \"model.schema.json\"\n" +
			"  ppgpa schema -overlay                  # the overlay format\n" +
			"The members, defaults and allowed values are described in docs/model-format.md\n" +
			"(Chinese: docs/model-format.zh.md).",
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var o output
			o.register(fs)
			overlay := fs.Bool("overlay", false, "print the schema of the overlay format instead of the model format")
			return func(_ context.Context, e *env, args []string) error {
				if err := nargs(args); err != nil {
					return err
				}
				if *overlay {
					o.buf.Write(indicator.OverlaySchema())
				} else {
					o.buf.Write(indicator.ModelSchema())
				}
				return o.flush(e)
			}
		},
	}
}
