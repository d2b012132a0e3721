package main

import (
	"context"
	"flag"

	"github.com/ppgpa/ppgpa/ranking/report"
)

func reportCommand() *command {
	return &command{
		name:    "report",
		args:    "MODEL DATA",
		summary: "write the assessment report (HTML or Markdown): league table, rank-interval chart, comments and recommendations per unit",
		example: `The HTML report is one self-contained file (no scripts, no external
resources) that any browser opens, with Chinese labels rendered in a CJK
font. It shows the league table with grades, an SVG chart of the rank
intervals from a Monte Carlo analysis of the model choices (the flags of
"ppgpa uncertainty"), and for every unit its strengths and weaknesses
against its peers, the indicators that cost it the most places, and what
raising its weak indicators to the peers' median would gain (recomputed
with the whole model). -format markdown writes the same report as
Markdown.

Examples:
  ppgpa report -o report.html examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa report -format markdown -n 2000 -seed 7 model.json data.csv > report.md`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var u uncertaintyFlags
			var o output
			var f format
			var top int
			d.register(fs)
			u.register(fs)
			o.register(fs)
			f.register(fs, "html", "html", "markdown")
			fs.IntVar(&top, "top", 3, "strengths, weaknesses and costly indicators listed per unit")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := nargs(args, "MODEL", "DATA"); err != nil {
					return err
				}
				if err := u.check(); err != nil {
					return err
				}
				if top < 1 {
					return usagef("-top must be at least 1")
				}
				var rf report.Format
				if err := rf.UnmarshalText([]byte(f.name)); err != nil {
					return usagef("%v", err)
				}
				_, p, t, err := e.loadModelData(args[0], args[1], &d)
				if err != nil {
					return err
				}
				factors, err := u.factors(p)
				if err != nil {
					return err
				}
				pr := newProgress(e.stderr)
				pr.phase("report", u.n)
				reps := u.n
				if len(factors) == 0 {
					reps = -1 // nothing varies: no rank intervals
				}
				in, err := report.Build(ctx, p, t, report.Settings{Factors: factors, Replications: reps, Seed: u.seed, Level: u.level, Top: top})
				pr.stop()
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				if err := report.Write(&o.buf, rf, in); err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}
