package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

func validateCommand() *command {
	return &command{
		name:    "validate",
		args:    "MODEL",
		summary: "check a model file: every problem with its path, or a summary of the tree with effective weights",
		example: `Problems are printed on standard error, one per line, as FILE: PATH: PROBLEM,
where PATH is the node path (ids joined by "/") or a JSON location; the exit
status is then 1. A valid model prints its tree with the local and effective
(global) weight of every node; weights that a data-driven scheme computes
from the data are shown as "data" (see "ppgpa weights").

Examples:
  ppgpa validate examples/quickstart/model.json
  ppgpa validate -overlay city.json province.json`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var overlay string
			var o output
			fs.StringVar(&overlay, "overlay", "", "overlay `file` applied to the model (a locality's adaptation)")
			o.register(fs)
			return func(ctx context.Context, e *env, args []string) error {
				if err := nargs(args, "MODEL"); err != nil {
					return err
				}
				m, p, err := e.loadModel(args[0], overlay)
				if err != nil {
					return err
				}
				name := displayName(args[0])
				if overlay != "" {
					name += " with overlay " + displayName(overlay)
				}
				writeTree(&o.buf, name, m, p)
				return o.flush(e)
			}
		},
	}
}

// writeTree prints the summary of a valid model.
func writeTree(w io.Writer, file string, m *indicator.Model, p *indicator.Plan) {
	groups := map[string]indicator.GroupInfo{}
	for _, g := range p.Groups() {
		groups[g.ID] = g
	}
	leaves, ngroups := 0, 0
	t := newTable("node", "name", "local", "effective", "method").right(2, 3)
	var walk func(n *indicator.Node, prefix, branch string, local, eff float64, known bool)
	walk = func(n *indicator.Node, prefix, branch string, local, eff float64, known bool) {
		lw, ew := "data", "data"
		if known {
			lw, ew = fixed(local, 4), fixed(eff, 4)
		}
		t.add(prefix+branch+n.ID, n.Name, lw, ew, describe(n, groups[n.ID]))
		if n.IsLeaf() {
			leaves++
			return
		}
		ngroups++
		g := groups[n.ID]
		childPrefix := prefix
		switch branch {
		case "├─ ":
			childPrefix += "│  "
		case "└─ ":
			childPrefix += "   "
		}
		for i, c := range n.Children {
			b := "├─ "
			if i == len(n.Children)-1 {
				b = "└─ "
			}
			cl, ck := 0.0, known && g.Weights != nil
			if ck {
				cl = g.Weights[i]
			}
			walk(c, childPrefix, b, cl, float64(eff*cl), ck)
		}
	}
	walk(m.Root, "", "", 1, 1, true)
	fmt.Fprintf(w, "%s: valid (model format %d)\n", file, m.Version)
	if m.Name != "" {
		fmt.Fprintf(w, "model: %s\n", m.Name)
	}
	fmt.Fprintf(w, "%d groups, %d indicators\n\n", ngroups, leaves)
	t.write(w)
	if rs := m.Ranking; rs != nil && len(rs.Grades) > 0 {
		var gs []string
		for _, g := range rs.Grades {
			s := g.Name
			if g.MinScore != nil {
				s += " ≥" + num(*g.MinScore)
			}
			if g.MaxShare != nil {
				s += " ≤" + num(100*(*g.MaxShare)) + "%"
			}
			gs = append(gs, s)
		}
		fmt.Fprintf(w, "\ngrades: %s\n", strings.Join(gs, ", "))
	}
}

// describe summarises a node's methods in a few words.
func describe(n *indicator.Node, g indicator.GroupInfo) string {
	var parts []string
	if n.IsLeaf() {
		parts = append(parts, "column "+n.Column)
		if n.Polarity == indicator.LowerIsBetter {
			parts = append(parts, "lower is better")
		}
		if n.Normalization != nil && n.Normalization.Method != "" {
			parts = append(parts, string(n.Normalization.Method))
		}
		if n.Transform != nil && n.Transform.Method != "" && n.Transform.Method != indicator.TransformNone {
			parts = append(parts, string(n.Transform.Method))
		}
	} else {
		parts = append(parts, string(g.Aggregation.Method))
		if n.Weighting != nil && n.Weighting.Method != "" {
			parts = append(parts, n.Weighting.Method+" weights")
		}
	}
	if n.Adjustments != nil {
		parts = append(parts, "bonus/penalty")
	}
	if len(n.Veto) > 0 {
		parts = append(parts, "veto")
	}
	return strings.Join(parts, ", ")
}
