package indicator

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"
)

// WriteTree prints the compiled model as an indented tree, one node per
// line: id, name, the nominal local weight and the global weight (the
// product of local weights down the path; "data" for weights a
// data-driven scheme computes per table), and for a leaf its column,
// polarity and methods, for a group its aggregation and weighting.
func (p *Plan) WriteTree(w io.Writer) error {
	bw := bufio.NewWriter(w)
	global := make([]float64, len(p.nodes))
	for i := range p.nodes {
		c := &p.nodes[i]
		var b strings.Builder
		depth := 0
		for k := c.parent; k >= 0; k = p.nodes[k].parent {
			depth++
		}
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(c.id)
		if c.name != "" {
			b.WriteString(" " + c.name)
		}
		// NaN marks a weight that a data-driven scheme computes per table;
		// it propagates to every global weight below.
		if c.parent < 0 {
			global[i] = 1
		} else {
			local := math.NaN()
			if par := &p.nodes[c.parent]; par.nominal != nil {
				local = par.nominal[c.pos]
			}
			global[i] = float64(local * global[c.parent])
			if math.IsNaN(global[i]) {
				b.WriteString("  weight data")
			} else {
				fmt.Fprintf(&b, "  weight %.4f (global %.4f)", local, global[i])
			}
		}
		if c.leaf >= 0 {
			pol := "higher"
			if c.lower {
				pol = "lower"
			}
			norm := c.norm.Method
			if norm == "" {
				norm = NormMinMax
			}
			fmt.Fprintf(&b, "  column %s, %s is better, %s", c.column, pol, norm)
			if c.tr.Method != "" && c.tr.Method != TransformNone {
				fmt.Fprintf(&b, ", %s", c.tr.Method)
			}
			if c.imp.Method != "" && c.imp.Method != ImputeNone {
				fmt.Fprintf(&b, ", impute %s", c.imp.Method)
			}
		} else {
			fmt.Fprintf(&b, "  %s", c.agg.Method)
			if c.dataDriven {
				b.WriteString(", data-driven weights")
			}
		}
		if c.adj != nil {
			b.WriteString(", adjustments")
		}
		if len(c.veto) > 0 {
			b.WriteString(", veto")
		}
		b.WriteString("\n")
		if _, err := bw.WriteString(b.String()); err != nil {
			return err
		}
	}
	return bw.Flush()
}
