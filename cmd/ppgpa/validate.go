package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
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

-emit FILE writes the valid model, with the overlay applied when -overlay is
given (the effective model), in the canonical JSON model format: a model
file of its own that the other commands read. With -emit - the JSON goes to
standard output instead of the tree.

Examples:
  ppgpa validate examples/quickstart/model.json
  ppgpa validate -overlay city.json province.json
  ppgpa validate -overlay city.json -emit city_model.json province.json`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var overlay, emit string
			var o output
			fs.StringVar(&overlay, "overlay", "", "overlay `file` applied to the model (a locality's adaptation)")
			fs.StringVar(&emit, "emit", "", "write the (effective) model as JSON to `file` (- for standard output, instead of the tree)")
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
				if emit != "" {
					em := output{file: emit}
					if err := m.Encode(&em.buf); err != nil {
						return err
					}
					if err := em.flush(e); err != nil {
						return err
					}
					if emit == "-" {
						return nil
					}
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
	var walk func(n *indicator.Node, prefix, branch string, local, eff float64, known bool, share string)
	walk = func(n *indicator.Node, prefix, branch string, local, eff float64, known bool, share string) {
		lw, ew := "data", "data"
		if known {
			lw, ew = fixed(local, 4), fixed(eff, 4)
		}
		method := describe(n, groups[n.ID])
		if share != "" {
			// A grade share of a fuzzy group: no weight, a membership.
			lw, ew, method = "—", "—", method+", share of "+share
		}
		t.add(prefix+branch+n.ID, n.Name, lw, ew, method)
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
			share := ""
			if a := g.Aggregation; a.Method == indicator.Fuzzy && c.IsLeaf() && i < len(a.Grades) {
				share = a.Grades[i].Label
			}
			walk(c, childPrefix, b, cl, float64(eff*cl), ck, share)
		}
	}
	walk(m.Root, "", "", 1, 1, true, "")
	fmt.Fprintf(w, "%s: valid (model format %d)\n", file, m.Version)
	if m.Name != "" {
		fmt.Fprintf(w, "model: %s\n", m.Name)
	}
	fmt.Fprintf(w, "%d groups, %d indicators\n\n", ngroups, leaves)
	t.write(w)
	writeAHP(w, p.Groups())
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

// maxCR is the consistency ratio above which judgments are commonly taken
// as too inconsistent (Saaty 1980: CR <= 0.1).
const maxCR = 0.1

// writeAHP prints the consistency of every AHP group: λmax, CI, the random
// index and its table, CR, the judges left out, and for a CR above 0.1 a
// warning with the judgments to revisit first and the changes on Saaty's
// scale that lower CR the most.
func writeAHP(w io.Writer, groups []indicator.GroupInfo) {
	first := true
	for _, g := range groups {
		a := g.AHP
		if a == nil {
			continue
		}
		if first {
			fmt.Fprintf(w, "\nAHP consistency (CR = CI/RI, acceptable up to %s):\n", num(maxCR))
			first = false
		}
		name := g.Path
		if a.Judges > 0 {
			name += fmt.Sprintf(" (aggregated matrix of %d judges)", a.Judges)
		}
		fmt.Fprintf(w, "  %s: λmax %s, CI %s, RI %s (table %s), CR %s\n", name, fixed(a.LambdaMax, 4), fixed(a.CI, 4), fixed(a.RI, 2), a.RITable, fixed(a.CR, 4))
		if len(a.Excluded) > 0 {
			fmt.Fprintf(w, "    judges left out (CR above exclude_cr): %s\n", strings.Join(a.Excluded, ", "))
		}
		if a.CR > maxCR {
			fmt.Fprintf(w, "    warning: CR %s > %s: the judgments are inconsistent", fixed(a.CR, 4), num(maxCR))
			var rs []string
			for _, in := range a.Inconsistent[:min(3, len(a.Inconsistent))] {
				rs = append(rs, fmt.Sprintf("%s over %s = %s (consistent: %s)", g.Children[in.Row], g.Children[in.Col], judgment(in.Judgment), fixed(in.Consistent, 2)))
			}
			if len(rs) > 0 {
				fmt.Fprintf(w, "; revisit first: %s", strings.Join(rs, "; "))
			}
			fmt.Fprintln(w)
			if sg, err := a.Suggestions(); err == nil && len(sg) > 0 {
				rs = rs[:0]
				for _, x := range sg[:min(3, len(sg))] {
					rs = append(rs, fmt.Sprintf("%s over %s from %s to %s (CR %s)", g.Children[x.Row], g.Children[x.Col], judgment(x.Judgment), judgment(x.Suggested), fixed(x.CR, 4)))
				}
				fmt.Fprintf(w, "    the changes on Saaty's scale that lower CR the most, one at a time: %s\n", strings.Join(rs, "; "))
			}
		}
	}
}

// judgment formats a pairwise judgment: "1/k" for the reciprocal of a
// whole number, else at most four significant digits.
func judgment(v float64) string {
	if v > 0 && v < 1 {
		if k := math.Round(1 / v); k >= 2 && math.Abs(1/v-k) < 1e-9*k {
			return "1/" + strconv.FormatFloat(k, 'f', 0, 64)
		}
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
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
