package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/ppgpa/ppgpa/ranking"
)

// schemeComparison is the output of uncertainty -weightings: each unit's
// rank under each weighting scheme, the shifts and the agreement.
type schemeComparison struct {
	model string
	c     *ranking.SchemeComparison
}

// compareWeightings scores s's data under the model's own weights and
// under every scheme of names (equal, entropy, critic, sd, pca or a
// scheme named in the model, "model" for the model as it is).
func compareWeightings(ctx context.Context, s *scored, names []string) (*schemeComparison, error) {
	var schemes []ranking.Scheme
	for _, name := range names {
		p, err := s.plan.Recompile(ranking.WithWeighting(s.model, name))
		if err != nil {
			return nil, fmt.Errorf("-weightings %s: %w", name, err)
		}
		schemes = append(schemes, ranking.Scheme{Name: name, Plan: p})
	}
	c, err := ranking.CompareSchemes(ctx, s.table, schemes, s.grading.Ranking)
	if err != nil {
		return nil, err
	}
	return &schemeComparison{model: s.model.Name, c: c}, nil
}

// order returns the units in the order of their rank under the first
// scheme (ties: table order).
func (sc *schemeComparison) order() []int {
	idx := make([]int, len(sc.c.Units))
	for i := range idx {
		idx[i] = i
	}
	r := sc.c.Ranks[0]
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && r[idx[j]] < r[idx[j-1]]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx
}

func (sc *schemeComparison) writeTable(w io.Writer, markdown bool) {
	c := sc.c
	fmt.Fprintf(w, "%s\nranks under %d weighting schemes (shift: largest minus smallest rank)\n\n", sc.model, len(c.Names))
	t := newTable(append(append([]string{"unit"}, c.Names...), "shift")...)
	for k := range c.Names {
		t.right(1 + k)
	}
	t.right(1 + len(c.Names))
	for _, u := range sc.order() {
		row := []string{c.Units[u]}
		for k := range c.Names {
			row = append(row, rankStr(c.Ranks[k][u]))
		}
		t.add(append(row, rankStr(c.Shift[u]))...)
	}
	put := func(t *textTable) {
		if markdown {
			t.markdown(w)
		} else {
			t.write(w)
		}
	}
	put(t)
	fmt.Fprintf(w, "\nagreement of the scores: Kendall's tau-b (upper triangle) and Spearman's rho (lower)\n\n")
	a := newTable(append([]string{""}, c.Names...)...)
	for k := range c.Names {
		a.right(1 + k)
	}
	for s, name := range c.Names {
		row := []string{name}
		for q := range c.Names {
			switch {
			case q > s:
				row = append(row, fixed(c.Tau[s][q], 3))
			case q < s:
				row = append(row, fixed(c.Rho[s][q], 3))
			default:
				row = append(row, "-")
			}
		}
		a.add(row...)
	}
	put(a)
}

func (sc *schemeComparison) writeCSV(w io.Writer) error {
	c := sc.c
	cw := csv.NewWriter(w)
	head := []string{"unit"}
	for _, n := range c.Names {
		head = append(head, "rank:"+n)
	}
	cw.Write(append(head, "shift"))
	for _, u := range sc.order() {
		row := []string{c.Units[u]}
		for k := range c.Names {
			row = append(row, num(c.Ranks[k][u]))
		}
		cw.Write(append(row, num(c.Shift[u])))
	}
	cw.Flush()
	return cw.Error()
}

type jsonSchemeUnit struct {
	Unit  string          `json:"unit"`
	Ranks map[string]jnum `json:"ranks"`
	Shift jnum            `json:"shift"`
}

type jsonSchemes struct {
	Model   string           `json:"model"`
	Schemes []string         `json:"schemes"`
	Units   []jsonSchemeUnit `json:"units"`
	TauB    [][]jnum         `json:"kendall_tau_b"`
	Rho     [][]jnum         `json:"spearman_rho"`
}

func (sc *schemeComparison) json() any {
	c := sc.c
	out := jsonSchemes{Model: sc.model, Schemes: c.Names}
	for _, u := range sc.order() {
		ju := jsonSchemeUnit{Unit: c.Units[u], Ranks: map[string]jnum{}, Shift: jnum(c.Shift[u])}
		for k, n := range c.Names {
			ju.Ranks[n] = jnum(c.Ranks[k][u])
		}
		out.Units = append(out.Units, ju)
	}
	for k := range c.Names {
		out.TauB = append(out.TauB, jnums(c.Tau[k]))
		out.Rho = append(out.Rho, jnums(c.Rho[k]))
	}
	return out
}
