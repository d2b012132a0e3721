package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/internal/csvtext"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

func scoreCommand() *command {
	return &command{
		name:    "score",
		long:    true,
		args:    "MODEL DATA",
		summary: "score, rank and grade every unit: scores at every node, contributions, grades",
		example: `Ranks and grades come from the model's "ranking" member; the fingerprint is the
one "ppgpa verify" prints for the same model and data (with its default -tol):
in the header of the table and Markdown, a member of the JSON, and the last
column of the CSV. In DATA an empty cell and the missing-value tokens
(NA, -, /, —, 暂无, #N/A and the others below; -na sets them) are missing
values, imputed as the model says.

The table and Markdown print every node's score for every unit up to
20,000 scores (units × nodes); beyond that they print the league table and
the scores of the root and its children, and one line says where the
others are: -nodes all prints them, and -format csv, json or xlsx always
has every node.

With a category column in the model's "ranking" member (read it with
-attr), every category is ranked and graded apart and printed as its own
table, with designations, promotions and the placement of vetoed units as
the model says. -year COLUMN scores every year of a panel (one row per unit
and year, in any of the input formats below, or long data with a year
column) with the same model and shows last year's rank and change and
the flags of the multi-year rules; -previous FILE takes last year from a
result of "score -format csv". When min-max or z-scores are recomputed
from each year's own data, a one-line warning says that the years are not
comparable (set base_year in the model, or fixed goalposts).

` + langHelp + `

A model aggregated by topsis, grey_relational, mpi, ampi or fuzzy
(TOPSIS closeness, grey relational grade, the Mazziotta–Pareto index and
its adjusted form, fuzzy comprehensive evaluation; see
docs/model-format.md) is scored like any other. For a fuzzy group the
output adds every unit's membership of each grade and its grade of
maximum membership (the member "fuzzy" in JSON).

Examples:
  ppgpa score examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa score docs/methods/topsis.json docs/methods/districts.csv
  ppgpa score docs/methods/fuzzy.json docs/methods/shares.csv
  ppgpa score -year year examples/years/model.json examples/years/panel.csv
  ppgpa score -previous last.csv -attr 类别 model.json data.csv
  ppgpa score -format csv -o scores.csv model.json data.csv
  cat data.csv | ppgpa score -format json model.json -`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			var y yearFlags
			d.register(fs)
			y.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown, and of the xlsx headings")
			nodes := fs.String("nodes", "auto", "`which` node scores the table and Markdown print: auto (every node up to 20,000 scores, else the root and its children), all, top")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if *nodes != "auto" && *nodes != "all" && *nodes != "top" {
					return usagef("-nodes %q: want auto, all or top", *nodes)
				}
				if err := nargs(args, "MODEL", "DATA"); err != nil {
					return err
				}
				e.prog.steps("score", scoreSteps(f.name)...)
				// The table and Markdown break the score down by the
				// root's children only.
				d.explainRoot = f.name == "table" || f.name == "markdown"
				s, err := e.scoreYears(ctx, args[0], args[1], &d, &y)
				if err != nil {
					return err
				}
				defer s.awaitFingerprint() // not left running on an error
				s.nodesShown, s.lang = *nodes, *lang
				o.heading = s.xlsxHeading
				s.warnRecomputed(e.stderr)
				if err := s.evaluateFuzzy(ctx); err != nil {
					return evalErr(args[0], args[1], err)
				}
				if f.name == "table" || f.name == "markdown" {
					if err := s.writeHeaded(&o.buf, f.name == "markdown"); err != nil {
						return err
					}
					return o.flush(e)
				}
				if err := s.awaitFingerprint(); err != nil {
					return err
				}
				switch f.name {
				case "csv":
					o.checked, err = s.writeCSV(&o.buf)
				case "json":
					err = s.writeJSON(&o.buf)
				}
				if err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}

// scored is an evaluated, ranked and graded assessment.
type scored struct {
	*assessment
	grading     ranking.Grading
	grades      *ranking.GradeResult
	order       []int     // unit indices, best rank first (ties: table order)
	effective   []float64 // per node: product of local weights down the path
	nodes       map[string]*indicator.Node
	fingerprint string

	// standing applies the whole ranking section (categories,
	// designations, promotion, veto placement, years); extended says
	// that the outputs show it.
	standing     *ranking.Standing
	extended     bool
	recomputed   []string // parts recomputed from each year's data, when years are compared
	years        []int
	baseYear     int
	previousFile string
	fuzzy        []fuzzyGroup   // fuzzy groups, when score shows them
	nodesShown   string         // -nodes: auto (or ""), all or top
	lang         report.Lang    // -lang: the language of the table, Markdown and xlsx headings
	names        map[string]int // nodes per name, for the xlsx headings
	vetoOnce     sync.Once
	vetoNodes    []int // see vetoing
}

// scoreYears is scoreAll with score's flags for several years: -year
// scores every year of DATA, -previous adds last year's results. The
// fingerprint may still be being hashed (see rankPending).
func (e *env) scoreYears(ctx context.Context, modelFile, dataFile string, d *dataFlags, y *yearFlags) (*scored, error) {
	if y.at != 0 && y.column == "" {
		return nil, usagef("-at needs -year")
	}
	var s *scored
	var err error
	if y.column != "" {
		s, err = e.scorePanel(ctx, modelFile, dataFile, d, y)
	} else {
		s, err = e.scorePending(ctx, modelFile, dataFile, d)
	}
	if err != nil {
		return nil, err
	}
	if extended(s.model.Ranking, y) {
		s.useStanding()
	}
	if y.previous != "" {
		if err := e.applyPrevious(s, y.previous); err != nil {
			s.awaitFingerprint() // not left running
			return nil, err
		}
	}
	return s, nil
}

// scoreAll evaluates, ranks and grades MODEL on DATA.
func (e *env) scoreAll(ctx context.Context, modelFile, dataFile string, d *dataFlags) (*scored, error) {
	s, err := e.scorePending(ctx, modelFile, dataFile, d)
	if err != nil {
		return nil, err
	}
	if err := s.awaitFingerprint(); err != nil {
		return nil, err
	}
	return s, nil
}

// scorePending is scoreAll with the fingerprint still being hashed (see
// rankPending): it starts as soon as the data are read, while the model
// is evaluated.
func (e *env) scorePending(ctx context.Context, modelFile, dataFile string, d *dataFlags) (*scored, error) {
	a, err := e.assessHashed(ctx, modelFile, dataFile, d)
	if err != nil {
		return nil, err
	}
	s, err := rankPending(a, displayName(modelFile))
	if err == nil {
		e.prog.stepDone(stepRank)
	}
	return s, err
}

// rankAssessment ranks and grades an evaluated assessment and computes
// its fingerprint.
func rankAssessment(a *assessment, modelFile string) (*scored, error) {
	s, err := rankPending(a, modelFile)
	if err != nil {
		return nil, err
	}
	if err := s.awaitFingerprint(); err != nil {
		return nil, err
	}
	return s, nil
}

// rankPending is rankAssessment with the fingerprint (of the model and
// data alone) still being hashed on other cores: s.fingerprint is set by
// s.awaitFingerprint, which every caller must call before it is used.
// On an error the hashing has ended.
func rankPending(a *assessment, modelFile string) (s *scored, err error) {
	if a.fp == nil {
		a.startFingerprint()
	}
	s = &scored{assessment: a}
	defer func() {
		if err != nil {
			<-a.fp // not leave it running when ranking fails
			a.fp = nil
		}
	}()
	spec := a.model.Ranking
	if s.grading, err = ranking.FromSpec(spec); err != nil {
		return nil, fmt.Errorf("%s: $.ranking: %s", modelFile, err)
	}
	grade := func() error {
		g, err := ranking.Grade(a.res.Score, a.res.Vetoed, a.res.Units, s.grading)
		if err != nil {
			return fmt.Errorf("%s: ranking: %s", modelFile, err)
		}
		s.grades = g
		return nil
	}
	u, err := ranking.UnitsOf(a.res, a.table, spec)
	if err == nil {
		s.standing, err = ranking.Classify(u, spec)
	}
	if err != nil {
		if gerr := grade(); gerr != nil {
			return nil, gerr // Grade's error comes first
		}
		return nil, fmt.Errorf("%s: %s", modelFile, strings.TrimPrefix(err.Error(), "ranking: rule: "))
	}
	if spec == nil || spec.Category == "" || spec.Scope == "all" {
		// One table of all units, graded by Classify with s.grading
		// (ranking's TestStandingGraded): not graded twice.
		s.grades = s.standing.Graded(0)
	} else if err := grade(); err != nil {
		return nil, err
	}
	s.order = rankOrder(s.grades.Rank)
	s.effective = make([]float64, len(a.res.Nodes))
	for i, n := range a.res.Nodes {
		s.effective[i] = n.LocalWeight
		if n.Parent >= 0 {
			s.effective[i] = float64(s.effective[n.Parent] * n.LocalWeight)
		}
	}
	s.nodes = map[string]*indicator.Node{}
	var walk func(n *indicator.Node)
	walk = func(n *indicator.Node) {
		s.nodes[n.ID] = n
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(a.model.Root)
	return s, nil
}

// awaitFingerprint waits for the fingerprint that rankPending left being
// hashed and sets s.fingerprint (once; later calls return nil).
func (s *scored) awaitFingerprint() error {
	if s.fp == nil {
		return nil
	}
	f := <-s.fp
	s.fp = nil
	if f.err != nil {
		return fmt.Errorf("fingerprint: %v", f.err)
	}
	s.fingerprint = f.s
	return nil
}

// rankOrderCounted is rankOrder for ranks that are whole numbers from 1
// to len(rank), as ranks with ties at their minimum are: the indices are
// counted into their ranks' places in input order (a counting sort), the
// order of the stable sort; false, with order unchanged, for other
// ranks.
func rankOrderCounted(order []int, rank []float64) ([]int, bool) {
	start := make([]int, len(rank)+2) // start[r+1]: units of rank r, then where rank r begins
	for _, r := range rank {
		if !(r >= 1 && r <= float64(len(rank))) || r != math.Trunc(r) {
			return order, false
		}
		start[int(r)+1]++
	}
	for r := 1; r < len(start); r++ {
		start[r] += start[r-1]
	}
	for i, r := range rank {
		order[start[int(r)]] = i
		start[int(r)]++
	}
	return order, true
}

// rankOrder returns the indices sorted by rank, ties in input order.
func rankOrder(rank []float64) []int {
	order := make([]int, len(rank))
	for i := range order {
		order[i] = i
	}
	if order, ok := rankOrderCounted(order, rank); ok {
		return order
	}
	if !slices.ContainsFunc(rank, math.IsNaN) {
		// Without NaN the ranks are totally ordered, and (rank, index)
		// sorts as the stable sort does, sooner.
		slices.SortFunc(order, func(a, b int) int {
			if c := cmp.Compare(rank[a], rank[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		return order
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rank[a] < rank[b]:
			return -1
		case rank[b] < rank[a]:
			return 1
		}
		return 0
	})
	return order
}

// note describes a unit's veto and bottom-k flags.
func (s *scored) note(l report.Lang, u int) string {
	var parts []string
	if n := s.vetoNote(l, u); n != "" {
		parts = append(parts, n)
	}
	if s.grades.BottomK[u] {
		parts = append(parts, tr(l, tBottomK, s.grading.BottomK))
	}
	return joinNotes(l, parts)
}

// vetoNote describes a unit's vetoes.
func (s *scored) vetoNote(l report.Lang, u int) string {
	var parts []string
	for _, i := range s.vetoing() {
		n := &s.res.Nodes[i]
		if !n.Vetoed[u] {
			continue
		}
		reason := ""
		if mn := s.nodes[n.ID]; mn != nil && len(mn.Veto) == 1 && mn.Veto[0].Reason != "" {
			reason = mn.Veto[0].Reason
		}
		if reason == "" {
			parts = append(parts, tr(l, tVetoAt, label(n), n.ID))
		} else {
			parts = append(parts, report.VetoNote(l, reason))
		}
	}
	return joinNotes(l, parts)
}

// vetoing returns the indices of the nodes that have veto flags, in
// node order (computed once).
func (s *scored) vetoing() []int {
	s.vetoOnce.Do(func() {
		for i := range s.res.Nodes {
			if s.res.Nodes[i].Vetoed != nil {
				s.vetoNodes = append(s.vetoNodes, i)
			}
		}
	})
	return s.vetoNodes
}

// label is a node's display name: its name, or its id.
func label(n *indicator.NodeResult) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}

// topChildren returns the indices of the root's children.
func (s *scored) topChildren() []int {
	var c []int
	for i, n := range s.res.Nodes {
		if n.Parent == 0 {
			c = append(c, i)
		}
	}
	return c
}

// f2 formats a number with two decimals; NaN as "NA".
func f2(x float64) string { return fixed(x, 2) }

// scoreCell formats a score of node i (or a contribution to it) for the
// tables: four decimals for a group aggregated by topsis or
// grey_relational, whose scores lie in [0, 1], two otherwise.
func (s *scored) scoreCell(i int, x float64) string { return fixed(x, s.scorePrec(i)) }

// scorePrec is the number of decimals of scoreCell for node i.
func (s *scored) scorePrec(i int) int {
	if n := s.nodes[s.res.Nodes[i].ID]; n != nil && n.Aggregation != nil {
		switch n.Aggregation.Method {
		case indicator.TOPSIS, indicator.Grey:
			return 4
		}
	}
	return 2
}

// fixed formats x with prec decimals, the digits of strconv's 'f' format
// (see appendFixed), without the minus sign of a number that rounds to
// zero; NaN as "NA".
func fixed(x float64, prec int) string {
	var buf [32]byte
	return string(appendCell(buf[:0], x, prec))
}

// appendCell appends fixed(x, prec) to dst.
func appendCell(dst []byte, x float64, prec int) []byte {
	if math.IsNaN(x) {
		return append(dst, "NA"...)
	}
	n := len(dst)
	dst = appendFixed(dst, x, prec)
	if dst[n] == '-' && len(bytes.Trim(dst[n+1:], "0.")) == 0 {
		dst = append(dst[:n], dst[n+1:]...) // no "-0.00"
	}
	return dst
}

// rowText formats the numbers of a table's row into one string, of which
// each cell is a part: one allocation a row instead of one a cell.
type rowText struct {
	b    []byte
	cell []int // the row's index of each number
	end  []int // the end of each number in b
}

// fixed formats x as fixed(x, prec) does for the row's cell i.
func (r *rowText) fixed(i int, x float64, prec int) {
	r.b = appendCell(r.b, x, prec)
	r.mark(i)
}

// mark ends the row's cell i: the text appended to r.b since the last
// cell.
func (r *rowText) mark(i int) {
	r.cell, r.end = append(r.cell, i), append(r.end, len(r.b))
}

// fill sets the row's cells to the numbers formatted since the last
// fill.
func (r *rowText) fill(row []string) {
	text, from := string(r.b), 0
	for k, i := range r.cell {
		row[i], from = text[from:r.end[k]], r.end[k]
	}
	r.b, r.cell, r.end = r.b[:0], r.cell[:0], r.end[:0]
}

// num formats a number exactly (shortest round-trip form); NaN as "NA".
func num(x float64) string {
	if math.IsNaN(x) {
		return "NA"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// rankStr formats a rank (halves for average ties).
func rankStr(r float64) string {
	var buf [24]byte
	return string(appendRank(buf[:0], r))
}

// appendRank appends rankStr(r) to dst.
func appendRank(dst []byte, r float64) []byte {
	if r >= 1 && r < 1<<53 && r == math.Trunc(r) {
		return strconv.AppendInt(dst, int64(r), 10) // the same digits, sooner
	}
	return strconv.AppendFloat(dst, r, 'f', -1, 64)
}

// leagueHead is the heading of a league table: rank, unit, score, grade,
// adjustment and the parts of the top level.
func (s *scored) leagueHead(top []int) []string {
	l := s.lang
	head := []string{report.TermRank.In(l), report.TermUnit.In(l), report.TermScore.In(l), report.TermGrade.In(l), tr(l, tAdjust)}
	for _, c := range top {
		head = append(head, label(&s.res.Nodes[c]))
	}
	return head
}

func (s *scored) leagueTable() *textTable {
	top := s.topChildren()
	head := s.leagueHead(top)
	if s.res.SE != nil {
		head = append(head, tr(s.lang, tSE))
	}
	head = append(head, report.TermNote.In(s.lang))
	t := newTable(head...).right(0, 2, 4).in(s.lang)
	for j := range top {
		t.right(5 + j)
	}
	if s.res.SE != nil {
		t.right(5 + len(top))
	}
	root := &s.res.Nodes[0]
	prec := s.scorePrec(0)
	s.vetoing()
	t.rows = make([][]string, len(s.order))
	cells := make([]string, len(s.order)*len(head))
	// The rows are formatted in two halves at once.
	parallelRange(len(s.order), 512, func(lo, hi int) {
		var nums rowText
		for k := lo; k < hi; k++ {
			u := s.order[k]
			row := cells[k*len(head) : (k+1)*len(head) : (k+1)*len(head)]
			row[1], row[3] = s.res.Units[u], s.grades.Name[u]
			nums.b = appendRank(nums.b, s.grades.Rank[u])
			nums.mark(0)
			nums.fixed(2, s.res.Score[u], prec)
			row[4] = "0.00"
			if a := root.Adjustment; a != nil {
				if a[u] > 0 {
					nums.b = append(nums.b, '+') // a part of the cell
				}
				nums.fixed(4, a[u], 2)
			}
			for j, c := range top {
				nums.fixed(5+j, s.res.Nodes[c].Contribution[u], prec)
			}
			if s.res.SE != nil {
				nums.fixed(5+len(top), s.res.SE[u], 2)
			}
			nums.fill(row)
			row[len(row)-1] = s.note(s.lang, u)
			t.rows[k] = row
		}
	})
	return t
}

// parallelRange calls f on the ranges [lo, hi) that split [0, n): two
// halves at once, on other cores, when n is at least min and there are
// several cores; else one call.
func parallelRange(n, min int, f func(lo, hi int)) {
	if n < min || runtime.GOMAXPROCS(0) < 2 {
		f(0, n)
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(n/2, n)
	}()
	f(0, n/2)
	<-done
}

// unitsPerNodeTable is the most units one node table shows side by side;
// more units are split over several tables.
const unitsPerNodeTable = 10

// nodeCellLimit is the most scores (units × nodes) that the table and
// Markdown formats print under -nodes auto: beyond it they print the
// scores of the root and its children only, and a line saying where the
// others are (-nodes all, or -format csv, json or xlsx, which always
// have every node).
const nodeCellLimit = 20000

// nodeRows returns the indices of the nodes that the node tables show:
// every node, or (top) the root and its children.
func (s *scored) nodeRows(top bool) []int {
	var rows []int
	for i, n := range s.res.Nodes {
		if !top || i == 0 || n.Parent == 0 {
			rows = append(rows, i)
		}
	}
	return rows
}

// topNodesOnly says whether the node tables show the top levels only:
// -nodes top, or -nodes auto beyond nodeCellLimit scores.
func (s *scored) topNodesOnly() bool {
	switch s.nodesShown {
	case "all":
		return false
	case "top":
		return true
	}
	return len(s.res.Units)*len(s.res.Nodes) > nodeCellLimit
}

// leftOutNote is the line that says where the scores left out of the
// node tables are.
func (s *scored) leftOutNote() string {
	return trLines(s.lang, tLeftOut, len(s.res.Units), len(s.res.Nodes))
}

// nodeTablesAsync makes the node tables (nodeTables) on another core
// while the league tables are laid out and written.
func (s *scored) nodeTablesAsync(indent bool) <-chan []*textTable {
	c := make(chan []*textTable, 1)
	go func() { c <- s.nodeTables(indent) }()
	return c
}

// nodeTables has one row per node (tree order, indented) and one column
// per unit (rank order): the node's score. Units are split over tables of
// unitsPerNodeTable columns. Only the root and its children are shown
// when topNodesOnly.
func (s *scored) nodeTables(indent bool) []*textTable {
	var out []*textTable
	rows := s.nodeRows(s.topNodesOnly())
	ids := make([]string, len(rows))
	weights := make([]string, len(rows))
	prec := make([]int, len(rows))
	for k, i := range rows {
		n := &s.res.Nodes[i]
		ids[k] = n.ID
		if indent {
			ids[k] = strings.Repeat("  ", strings.Count(n.Path, "/")) + n.ID
		}
		weights[k] = fixed(s.effective[i], 4)
		prec[k] = s.scorePrec(i)
	}
	var nums rowText
	for lo := 0; lo < len(s.order); lo += unitsPerNodeTable {
		units := s.order[lo:min(lo+unitsPerNodeTable, len(s.order))]
		head := []string{tr(s.lang, tNodeID), tr(s.lang, tNodeName), report.TermWeight.In(s.lang)}
		for _, u := range units {
			head = append(head, s.res.Units[u])
		}
		t := newTable(head...).right(2).in(s.lang)
		for j := range units {
			t.right(3 + j)
		}
		for k, i := range rows {
			n := &s.res.Nodes[i]
			row := make([]string, 3+len(units))
			row[0], row[1], row[2] = ids[k], n.Name, weights[k]
			for j, u := range units {
				nums.fixed(3+j, n.Scores[u], prec[k])
			}
			nums.fill(row)
			t.add(row...)
		}
		out = append(out, t)
	}
	return out
}

// fingerprintStandIn stands for the fingerprint in the heading of the
// table and Markdown until it is known: as long as a fingerprint, the
// hex of a SHA-256.
var fingerprintStandIn = strings.Repeat("0", 64)

// header writes the heading of the table (md false) or Markdown (md
// true) with the fingerprint fp, and returns where fp begins in b.
func (s *scored) header(b *bytes.Buffer, md bool, fp string) (at int) {
	l := s.lang
	units, fpTerm := unitCount(l, len(s.res.Units)), report.TermFingerprint.In(l)+colon(l)
	if md {
		fmt.Fprintf(b, "# %s\n\n", s.model.Name)
		fmt.Fprintf(b, "%s%s%s`", units, fullStop(l), fpTerm)
		at = b.Len()
		fmt.Fprintf(b, "%s`%s\n\n", fp, strings.TrimSpace(fullStop(l)))
		return at
	}
	fmt.Fprintf(b, "%s\n", s.model.Name)
	fmt.Fprintf(b, "%s   %s", units, fpTerm)
	at = b.Len()
	fmt.Fprintf(b, "%s\n\n", fp)
	return at
}

// writeHeaded writes the table (md false) or Markdown (md true), heading
// and body, to b, which it grows once to about their size (bodySize).
// The body is laid out while the fingerprint of the heading is hashed:
// the heading is written with a stand-in of the fingerprint's length,
// replaced once the fingerprint is known (or, were it of another length,
// the heading is written again before the body).
func (s *scored) writeHeaded(b *bytes.Buffer, md bool) error {
	b.Grow(s.bodySize())
	from := b.Len()
	at := s.header(b, md, fingerprintStandIn)
	s.writeBody(b, md)
	if err := s.awaitFingerprint(); err != nil {
		return err
	}
	if len(s.fingerprint) == len(fingerprintStandIn) {
		copy(b.Bytes()[at:], s.fingerprint)
		return nil
	}
	rest := bytes.Clone(b.Bytes()[at+len(fingerprintStandIn):]) // from the end of the heading's line
	b.Truncate(from)
	at = s.header(b, md, s.fingerprint)
	b.Truncate(at + len(s.fingerprint))
	b.Write(rest)
	return nil
}

// bodySize is about the size of the body of the table or Markdown, with
// room to spare, so that its buffer is made once: a line of the league
// table per unit, and its score in the node tables.
func (s *scored) bodySize() int {
	return len(s.res.Units)*(64+16*len(s.topChildren())+12*len(s.nodeRows(s.topNodesOnly()))) + 4096
}

// writeBody writes the table (md false) or Markdown (md true) without
// its header: the league tables, the node scores and the fuzzy groups.
func (s *scored) writeBody(w io.Writer, md bool) {
	if md {
		s.writeMarkdownBody(w)
	} else {
		s.writeTableBody(w)
	}
}

func (s *scored) writeTableBody(w io.Writer) {
	nodes := s.nodeTablesAsync(true)
	if s.extended {
		s.writeExtendedTables(w, false)
	} else {
		s.leagueTable().write(w)
	}
	fmt.Fprintf(w, "\n%s\n\n", trLines(s.lang, tNodeScores))
	for k, t := range <-nodes {
		if k > 0 {
			fmt.Fprintln(w)
		}
		t.write(w)
	}
	if s.topNodesOnly() {
		fmt.Fprintf(w, "\n%s\n", s.leftOutNote())
	}
	fmt.Fprintf(w, "\n%s\n", trLines(s.lang, tContribution))
	s.writeFuzzy(w, false)
}

func (s *scored) writeMarkdownBody(w io.Writer) {
	nodes := s.nodeTablesAsync(false)
	if s.extended {
		s.writeExtendedTables(w, true)
	} else {
		fmt.Fprintf(w, "## %s\n\n", report.TermLeague.In(s.lang))
		s.leagueTable().markdown(w)
	}
	fmt.Fprintf(w, "\n## %s\n\n", tr(s.lang, tNodeScoresMD))
	for k, t := range <-nodes {
		if k > 0 {
			fmt.Fprintln(w)
		}
		t.markdown(w)
	}
	if s.topNodesOnly() {
		fmt.Fprintf(w, "\n%s\n", s.leftOutNote())
	}
	fmt.Fprintf(w, "\n%s\n", trLines(s.lang, tContribution))
	s.writeFuzzy(w, true)
}

// writeCSV writes one row per unit in rank order with exact numbers: the
// rank, grade and flags, then every node's score and contribution, and
// the fingerprint in the last column. It reports whether no cell needs
// neutralising for a spreadsheet (see output.checked).
func (s *scored) writeCSV(w io.Writer) (checked bool, err error) {
	if b, ok := w.(*bytes.Buffer); ok {
		// About 20 bytes a number: one allocation instead of a buffer
		// doubled a dozen times, in huge pages where the system has them.
		size := (len(s.order) + 1) * (40*len(s.res.Nodes) + 100 + len(s.fingerprint))
		if b.Len() == 0 {
			*b = *bytes.NewBuffer(makeLarge[byte](0, size))
		} else {
			b.Grow(size)
		}
	}
	var risky atomic.Bool // a cell that tabular.SafeCell changes
	text := func(buf []byte, f string) []byte {
		if tabular.SafeCell(f) != f {
			risky.Store(true)
		}
		return csvtext.AppendField(buf, f)
	}
	cw := csv.NewWriter(w)
	head := []string{"unit", "rank", "grade", "score", "se", "adjustment", "vetoed", "bottom_k"}
	for _, n := range s.res.Nodes[1:] {
		head = append(head, n.ID+".score", n.ID+".contribution")
	}
	if s.extended {
		head = append(head, s.extCSVHead()...)
	}
	head = append(head, "fingerprint")
	for _, h := range head {
		text(nil, h)
	}
	if err := cw.Write(head); err != nil {
		return false, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return false, err
	}
	// The scores and contributions of every node but the root, in rank
	// order: gathered column by column, so that the rows read them in
	// their order instead of jumping between units.
	nodes := s.res.Nodes[1:]
	n := len(s.order)
	cols := make([][]float64, 2*len(nodes))
	backing := make([]float64, len(cols)*n)
	for q := range nodes {
		sc, ct := backing[2*q*n:(2*q+1)*n], backing[(2*q+1)*n:(2*q+2)*n]
		for r, u := range s.order {
			sc[r], ct[r] = nodes[q].Scores[u], nodes[q].Contribution[u]
		}
		cols[2*q], cols[2*q+1] = sc, ct
	}
	root := &s.res.Nodes[0]
	// format appends the rows of ranks lo to hi as encoding/csv writes
	// them; numbers never need quotes, and only infinities (+Inf, -Inf)
	// need neutralising.
	number := func(buf []byte, x float64) []byte {
		if math.IsInf(x, 0) {
			risky.Store(true)
		}
		return appendNum(buf, x)
	}
	format := func(buf []byte, lo, hi int) []byte {
		for r := lo; r < hi; r++ {
			u := s.order[r]
			adj := 0.0
			if root.Adjustment != nil {
				adj = root.Adjustment[u]
			}
			se := math.NaN()
			if s.res.SE != nil {
				se = s.res.SE[u]
			}
			rank, grade, bottom := rankStr(s.grades.Rank[u]), s.grades.Name[u], s.grades.BottomK[u]
			if s.extended {
				rank, grade, bottom = num(s.standing.Rank[u]), s.standing.Grade[u], s.standing.BottomK[u]
			}
			buf = text(buf, s.res.Units[u])
			buf = text(append(buf, ','), rank)
			buf = text(append(buf, ','), grade)
			buf = number(append(buf, ','), s.res.Score[u])
			buf = number(append(buf, ','), se)
			buf = number(append(buf, ','), adj)
			buf = strconv.AppendBool(append(buf, ','), s.res.Vetoed[u])
			buf = strconv.AppendBool(append(buf, ','), bottom)
			for _, c := range cols {
				buf = number(append(buf, ','), c[r])
			}
			if s.extended {
				for _, f := range s.extCSVRow(u) {
					buf = text(append(buf, ','), f)
				}
			}
			buf = text(append(buf, ','), s.fingerprint)
			buf = append(buf, '\n')
		}
		return buf
	}
	step := max(1, 1<<13/(len(cols)+10))
	err = csvtext.Chunks((n+step-1)/step, func(buf []byte, k int) []byte {
		return format(buf, k*step, min((k+1)*step, n))
	}, func(b []byte) error {
		_, err := w.Write(b)
		return err
	})
	return err == nil && !risky.Load(), err
}

// xlsxHeading is the heading, in s.lang, of the workbook's column whose
// CSV name is h (see writeCSV); the CSV name itself in English, and
// after the words in both languages.
func (s *scored) xlsxHeading(h string) string {
	var t report.Text
	switch h {
	case "unit":
		t = report.TermUnit.Text()
	case "rank":
		t = report.TermRank.Text()
	case "grade":
		t = report.TermGrade.Text()
	case "score":
		t = report.TermScore.Text()
	case "se":
		t = tSE
	case "adjustment":
		t = tAdjust
	case "vetoed":
		t = report.TermVeto.Text()
	case "bottom_k":
		t = report.TermBottom.Text()
	case "fingerprint":
		t = report.TermFingerprint.Text()
	default:
		t = xlsxHeadings[h]
		if t.ZH == "" {
			t = s.nodeHeading(h)
		}
	}
	switch {
	case s.lang == report.English || t.ZH == "":
		return h
	case s.lang == report.Bilingual:
		return t.ZH + " / " + h
	}
	return t.ZH
}

// xlsxHeadings are the headings of the extended CSV columns.
var xlsxHeadings = map[string]report.Text{
	"category":     {ZH: "类别"},
	"designations": {ZH: "称号"},
	"promoted":     {ZH: "晋升等级"},
	"flags":        {ZH: "多年规则"},
	"year":         {ZH: "年度"},
	"last_year":    {ZH: "上年年度"},
	"last_score":   {ZH: "上年得分"},
	"last_rank":    {ZH: "上年排名"},
	"last_grade":   {ZH: "上年等级"},
	"rank_change":  {ZH: "排名变化"},
	"score_change": {ZH: "得分变化"},
}

// nodeHeading is the Chinese heading of a node's column, ID.score or
// ID.contribution: "公共服务得分", "公共服务贡献分" (the node's id when its
// name is empty or not unique).
func (s *scored) nodeHeading(h string) report.Text {
	id, kind, ok := cutLast(h, ".")
	if !ok || (kind != "score" && kind != "contribution") {
		return report.Text{}
	}
	n := s.nodes[id]
	if n == nil {
		return report.Text{}
	}
	name := n.Name
	if name == "" || s.nameCount()[name] > 1 {
		name = id
	}
	if kind == "score" {
		return report.Text{ZH: name + "得分"}
	}
	return report.Text{ZH: name + "贡献分"}
}

// nameCount counts the nodes of each name.
func (s *scored) nameCount() map[string]int {
	if s.names == nil {
		s.names = map[string]int{}
		for _, n := range s.nodes {
			s.names[n.Name]++
		}
	}
	return s.names
}

// cutLast slices s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// jnum is a float64 that encodes NaN and infinities as null.
type jnum float64

func (x jnum) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(f, 'g', -1, 64)), nil
}

func jnums(x []float64) []jnum {
	if x == nil {
		return nil
	}
	out := make([]jnum, len(x))
	for i, v := range x {
		out[i] = jnum(v)
	}
	return out
}

type jsonNodeScore struct {
	ID           string `json:"id"`
	Score        jnum   `json:"score"`
	Contribution *jnum  `json:"contribution,omitempty"`
	Share        *jnum  `json:"share,omitempty"`
	Adjustment   *jnum  `json:"adjustment,omitempty"`
	SE           *jnum  `json:"se,omitempty"`
	Imputed      bool   `json:"imputed,omitempty"`
	Vetoed       bool   `json:"vetoed,omitempty"`
}

type jsonUnit struct {
	Unit    string `json:"unit"`
	Rank    jnum   `json:"rank"`
	Grade   string `json:"grade,omitempty"`
	Score   jnum   `json:"score"`
	SE      *jnum  `json:"se,omitempty"`
	Vetoed  bool   `json:"vetoed"`
	BottomK bool   `json:"bottom_k"`
	Note    string `json:"note,omitempty"`
	// Set when the ranking section has categories, designations,
	// promotion, veto placement or years, or last year is given.
	Category     string          `json:"category,omitempty"`
	Designations []string        `json:"designations,omitempty"`
	Promoted     bool            `json:"promoted,omitempty"`
	Flags        []ranking.Flag  `json:"flags,omitempty"`
	Previous     *jsonPrevious   `json:"previous,omitempty"`
	Nodes        []jsonNodeScore `json:"nodes"`
}

type jsonNode struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Name      string `json:"name,omitempty"`
	Leaf      bool   `json:"leaf"`
	Local     jnum   `json:"local_weight"`
	Effective jnum   `json:"effective_weight"`
}

type jsonScore struct {
	Model       string `json:"model"`
	Fingerprint string `json:"fingerprint"`
	// Year, Years, BaseYear and Recomputed are set with -year (and
	// Recomputed with -previous): the year shown, every year scored, the
	// base year of the goalposts and what was recomputed per year.
	Year       int        `json:"year,omitempty"`
	Years      []int      `json:"years,omitempty"`
	BaseYear   int        `json:"base_year,omitempty"`
	Recomputed []string   `json:"recomputed_per_year,omitempty"`
	Nodes      []jsonNode `json:"nodes"`
	Units      []jsonUnit `json:"units"`
	// Tables and Memberships are set with the extended ranking: the
	// league tables (units in rank order) and the units of every grade,
	// designation, promotion, bottom-k and multi-year flag per table
	// (ranking.Membership), for verification.
	Tables      []jsonTable          `json:"tables,omitempty"`
	Memberships []ranking.Membership `json:"memberships,omitempty"`
	// Fuzzy is set when the model has fuzzy groups: each unit's
	// memberships of the grades and its grade of maximum membership.
	Fuzzy []jsonFuzzy `json:"fuzzy,omitempty"`
}

func ptr(x float64) *jnum { v := jnum(x); return &v }

func (s *scored) writeJSON(w io.Writer) error {
	out := jsonScore{Model: s.model.Name, Fingerprint: s.fingerprint, Nodes: []jsonNode{}, Units: []jsonUnit{}}
	for i, n := range s.res.Nodes {
		out.Nodes = append(out.Nodes, jsonNode{n.ID, n.Path, n.Name, n.Leaf, jnum(n.LocalWeight), jnum(s.effective[i])})
	}
	for _, u := range s.order {
		ju := jsonUnit{Unit: s.res.Units[u], Rank: jnum(s.grades.Rank[u]), Grade: s.grades.Name[u], Score: jnum(s.res.Score[u]),
			Vetoed: s.res.Vetoed[u], BottomK: s.grades.BottomK[u], Note: s.note(report.English, u)}
		if s.extended {
			ju.Rank, ju.Grade, ju.BottomK, ju.Note = jnum(s.standing.Rank[u]), s.standing.Grade[u], s.standing.BottomK[u], s.extNote(report.English, u)
		}
		if s.res.SE != nil {
			ju.SE = ptr(s.res.SE[u])
		}
		for _, n := range s.res.Nodes {
			ns := jsonNodeScore{ID: n.ID, Score: jnum(n.Scores[u])}
			if n.Contribution != nil {
				ns.Contribution, ns.Share = ptr(n.Contribution[u]), ptr(n.Share[u])
			}
			if n.Adjustment != nil {
				ns.Adjustment = ptr(n.Adjustment[u])
			}
			if n.SE != nil {
				ns.SE = ptr(n.SE[u])
			}
			ns.Imputed = n.Imputed != nil && n.Imputed[u]
			ns.Vetoed = n.Vetoed != nil && n.Vetoed[u]
			ju.Nodes = append(ju.Nodes, ns)
		}
		out.Units = append(out.Units, ju)
	}
	if s.extended {
		s.extJSON(&out)
	}
	out.Fuzzy = s.fuzzyJSON()
	return writeJSON(w, out)
}

// writeJSON writes v as indented JSON without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
