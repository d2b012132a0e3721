package main

import (
	"context"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"

	"github.com/ppgpa/ppgpa/indicator"
)

// fuzzyGroup is the fuzzy comprehensive evaluation of one group, as score
// shows it: every unit's memberships of the grades and its grade.
type fuzzyGroup struct {
	path string
	res  *indicator.FuzzyResult
}

// evaluateFuzzy computes the fuzzy evaluation of every group aggregated
// by fuzzy that is not itself a factor of a fuzzy group (so a composite
// of factors shows once, not with each factor).
func (s *scored) evaluateFuzzy(ctx context.Context) error {
	var paths []string
	for _, g := range s.plan.Groups() {
		if g.Aggregation.Method != indicator.Fuzzy {
			continue
		}
		parent := ""
		if k := lastSlash(g.Path); k >= 0 {
			parent = g.Path[:k]
		}
		under := false
		for _, h := range s.plan.Groups() {
			under = under || (h.Path == parent && h.Aggregation.Method == indicator.Fuzzy)
		}
		if !under {
			paths = append(paths, g.Path)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	pr, err := s.plan.Prepare(ctx, s.table)
	if err != nil {
		return err
	}
	for _, p := range paths {
		r, err := pr.Fuzzy(p)
		if err != nil {
			return err
		}
		s.fuzzy = append(s.fuzzy, fuzzyGroup{p, r})
	}
	return nil
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

// fuzzyTables returns one table per fuzzy group: units in rank order, the
// grade of maximum membership, the score and the membership of each grade.
func (s *scored) fuzzyTables() []*textTable {
	var out []*textTable
	for _, g := range s.fuzzy {
		head := []string{report.TermUnit.In(s.lang), report.TermGrade.In(s.lang), report.TermScore.In(s.lang)}
		for _, gr := range g.res.Grades {
			head = append(head, gr.Label)
		}
		t := newTable(head...).right(2).in(s.lang)
		for k := range g.res.Grades {
			t.right(3 + k)
		}
		for _, u := range s.order {
			row := []string{s.res.Units[u], g.res.GradeLabel(u), f2(g.res.Scores[u])}
			for _, b := range g.res.Membership[u] {
				row = append(row, fixed(b, 4))
			}
			t.add(row...)
		}
		out = append(out, t)
	}
	return out
}

// writeFuzzy writes the fuzzy tables, each under a heading naming its
// node (Markdown when md).
func (s *scored) writeFuzzy(w io.Writer, md bool) {
	for k, t := range s.fuzzyTables() {
		path := s.fuzzy[k].path
		if s.lang != report.English {
			path = s.nodeName(path)
		}
		if md {
			fmt.Fprintf(w, "\n## %s\n\n", tr(s.lang, tFuzzyMD, path))
			t.markdown(w)
			continue
		}
		fmt.Fprintf(w, "\n%s\n\n", trLines(s.lang, tFuzzy, path))
		t.write(w)
	}
}

// nodeName is the name of the node at path, or the path when it has no
// name.
func (s *scored) nodeName(path string) string {
	for _, n := range s.res.Nodes {
		if n.Path == path && n.Name != "" {
			return n.Name
		}
	}
	return path
}

// jsonFuzzy is a fuzzy group in score's JSON output.
type jsonFuzzy struct {
	Node   string                 `json:"node"`
	Grades []indicator.FuzzyGrade `json:"grades"`
	Units  []jsonFuzzyUnit        `json:"units"`
}

type jsonFuzzyUnit struct {
	Unit       string `json:"unit"`
	Grade      string `json:"grade"`
	Score      jnum   `json:"score"`
	Membership []jnum `json:"membership"`
}

// fuzzyJSON returns the fuzzy groups for the JSON output (units in rank
// order).
func (s *scored) fuzzyJSON() []jsonFuzzy {
	var out []jsonFuzzy
	for _, g := range s.fuzzy {
		jf := jsonFuzzy{Node: g.path, Grades: g.res.Grades}
		for _, u := range s.order {
			jf.Units = append(jf.Units, jsonFuzzyUnit{Unit: s.res.Units[u], Grade: g.res.GradeLabel(u),
				Score: jnum(g.res.Scores[u]), Membership: jnums(g.res.Membership[u])})
		}
		out = append(out, jf)
	}
	return out
}
