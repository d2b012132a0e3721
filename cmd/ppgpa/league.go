package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// yearFlags are score's flags for several years.
type yearFlags struct {
	column   string
	previous string
	at       int
}

func (y *yearFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&y.column, "year", "", "data `column` holding the year: DATA holds several years (one row per unit and year), each scored with the same model")
	fs.IntVar(&y.at, "at", 0, "with -year, the `year` shown (default the last)")
	fs.StringVar(&y.previous, "previous", "", "result `file` of last year (ppgpa score -format csv) whose score, rank and grade are shown next to this year's")
}

// extended reports whether the ranking section or the flags ask for more
// than one table of ranks, grades and bottom-k flags.
func extended(spec *indicator.RankingSpec, y *yearFlags) bool {
	if y != nil && (y.column != "" || y.previous != "") {
		return true
	}
	return spec != nil && (spec.Category != "" || len(spec.Designations) > 0 || spec.Promotion != nil || spec.VetoPlacement == "last" || spec.Years != nil)
}

// splitYears reads DATA with a year column into one table per year, as
// every data file is read (package tabular: workbooks, encodings, title
// rows, missing-value tokens; see tabular.Grid.Panel): wide data with
// the year in column, or long data with a year column. Errors name the
// file and the line.
func (e *env) splitYears(name, column string, d *dataFlags) ([]int, []*indicator.Table, error) {
	b, err := e.readInput(name)
	if err != nil {
		return nil, nil, err
	}
	file := displayName(name)
	opt, err := d.in.options()
	if err != nil {
		return nil, nil, err
	}
	g, err := tabular.GridFromBytes(b, opt)
	if err != nil {
		return nil, nil, inputErr(file, err)
	}
	e.notes(file, &g.Info)
	for _, a := range strings.Split(d.attrs, ",") {
		if a = strings.TrimSpace(a); a != "" {
			opt.Attributes = append(opt.Attributes, a)
		}
	}
	ys, info, err := g.Panel(column, opt)
	if err != nil {
		return nil, nil, inputErr(file, err)
	}
	rest := *info
	rest.Notes = info.Notes[len(g.Info.Notes):] // the grid's notes are printed
	e.notes(file, &rest)
	years := make([]int, len(ys))
	tables := make([]*indicator.Table, len(ys))
	for i, y := range ys {
		if years[i], err = strconv.Atoi(y.Year); err != nil {
			return nil, nil, fmt.Errorf("%s: line %d, column %d (%q): invalid year %q", file, y.Line, y.Column, column, y.Year)
		}
		tables[i] = y.Table
	}
	if len(years) == 0 {
		return nil, nil, fmt.Errorf("%s: no rows", file)
	}
	return years, tables, nil
}

// scorePanel scores every year of DATA and returns the year shown.
func (e *env) scorePanel(ctx context.Context, modelFile, dataFile string, d *dataFlags, y *yearFlags) (*scored, error) {
	m, err := e.decodeModel(modelFile, d.overlay)
	if err != nil {
		return nil, err
	}
	if _, err := indicator.Compile(m); err != nil {
		return nil, modelErr(displayName(modelFile), err)
	}
	years, tables, err := e.splitYears(dataFile, y.column, d)
	if err != nil {
		return nil, err
	}
	e.prog.stepDone(stepRead)
	pr, err := ranking.ScorePanel(ctx, m, ranking.Panel{Years: years, Tables: tables})
	e.prog.stepDone(stepEval)
	if err != nil {
		if errors.Is(err, ranking.ErrRule) {
			return nil, fmt.Errorf("%s with %s: %s", displayName(modelFile), displayName(dataFile), strings.Replace(err.Error(), "ranking: rule: ", "", 1))
		}
		return nil, evalErr(modelFile, dataFile, err)
	}
	k := len(pr.Years) - 1
	if y.at != 0 {
		if k = slices.Index(pr.Years, y.at); k < 0 {
			return nil, usagef("-at %d: not a year of %s (%s)", y.at, displayName(dataFile), yearList(pr.Years))
		}
	}
	p, err := indicator.Compile(pr.Model)
	if err != nil {
		return nil, modelErr(displayName(modelFile), err)
	}
	a := &assessment{model: pr.Model, plan: p, table: tables[slices.Index(years, pr.Years[k])], res: pr.Results[k]}
	s, err := rankAssessment(a, displayName(modelFile))
	if err != nil {
		return nil, err
	}
	e.prog.stepDone(stepRank)
	s.standing = pr.Standings[k]
	s.years, s.baseYear = pr.Years, pr.BaseYear
	if len(pr.Years) > 1 {
		s.recomputed = pr.Recomputed
	}
	s.useStanding()
	return s, nil
}

func yearList(y []int) string {
	var s []string
	for _, x := range y {
		s = append(s, strconv.Itoa(x))
	}
	return strings.Join(s, ", ")
}

// readPrevious reads a result file of "ppgpa score -format csv": the
// columns unit, rank, grade and score (and category and year when
// present).
func (e *env) readPrevious(name string) (int, map[string]ranking.Prior, error) {
	b, err := e.readInput(name)
	if err != nil {
		return 0, nil, err
	}
	// As every table is read (UTF-8, GBK or UTF-16 text, a workbook),
	// without the flags of DATA.
	recs, lines, err := readCSVLines(displayName(name), b)
	if err != nil {
		return 0, nil, err
	}
	if len(recs) == 0 {
		return 0, nil, fmt.Errorf("%s: no header", displayName(name))
	}
	col := map[string]int{}
	for k, h := range recs[0] {
		col[h] = k
	}
	for _, h := range []string{"unit", "rank", "score"} {
		if _, ok := col[h]; !ok {
			return 0, nil, fmt.Errorf("%s: no column %q (want a result of ppgpa score -format csv)", displayName(name), h)
		}
	}
	get := func(r []string, h string) string {
		if k, ok := col[h]; ok && k < len(r) {
			return r[k]
		}
		return ""
	}
	num := func(line int, r []string, h string) (float64, error) {
		s := get(r, h)
		if s == "NA" || s == "" || s == "-" {
			return math.NaN(), nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: line %d, column %q: invalid number %q", displayName(name), line, h, s)
		}
		return x, nil
	}
	out := map[string]ranking.Prior{}
	year := 0
	for k, r := range recs[1:] {
		line := lines[k+1]
		id := get(r, "unit")
		if _, dup := out[id]; dup {
			return 0, nil, fmt.Errorf("%s: line %d: unit %q repeated", displayName(name), line, id)
		}
		var p ranking.Prior
		if p.Score, err = num(line, r, "score"); err != nil {
			return 0, nil, err
		}
		if p.Rank, err = num(line, r, "rank"); err != nil {
			return 0, nil, err
		}
		p.Grade, p.Category = get(r, "grade"), get(r, "category")
		if s := get(r, "year"); s != "" {
			if year, err = strconv.Atoi(s); err != nil {
				return 0, nil, fmt.Errorf("%s: line %d, column \"year\": invalid year %q", displayName(name), line, s)
			}
		}
		out[id] = p
	}
	return year, out, nil
}

// useStanding takes ranks, grades and the order of the units from the
// standing.
func (s *scored) useStanding() {
	s.extended = true
	s.order = nil
	for _, t := range s.standing.Tables {
		s.order = append(s.order, t.Units...)
	}
}

// warnRecomputed prints the one-line warning that scores of different
// years are not comparable.
func (s *scored) warnRecomputed(w io.Writer) {
	if len(s.recomputed) == 0 {
		return
	}
	more := ""
	if len(s.recomputed) > 1 {
		more = fmt.Sprintf(" and %d more", len(s.recomputed)-1)
	}
	fmt.Fprintf(w, "ppgpa: warning: scores of different years are not comparable: %s%s (set base_year or fixed goalposts)\n", s.recomputed[0], more)
}

// rankCell formats a rank of the standing ("-" when unranked).
func rankCell(r float64) string {
	if math.IsNaN(r) {
		return "-"
	}
	return rankStr(r)
}

// extNote is the note of a unit in the extended tables: designations,
// promotion notes, multi-year flags, then the veto and bottom-k note.
func (s *scored) extNote(l report.Lang, u int) string {
	st := s.standing
	var parts []string
	parts = append(parts, st.Designations[u]...)
	if l == report.English {
		parts = append(parts, st.Notes[u]...)
	} else if p := st.Promotions[u]; p.Outcome != ranking.NotFlagged {
		parts = append(parts, promotionNote(l, p))
	}
	for _, f := range st.Flags[u] {
		parts = append(parts, flagNote(l, f))
	}
	if n := s.vetoNote(l, u); n != "" {
		parts = append(parts, n)
	}
	if st.BottomK[u] {
		parts = append(parts, tr(l, tBottomK, st.Tables[s.tableOf(u)].BottomK))
	}
	return joinNotes(l, parts)
}

// promotionNote words what became of a unit flagged for promotion in
// Chinese (with its English, the library's note, for both).
func promotionNote(l report.Lang, p ranking.Promotion) string {
	var m report.Text
	args := []any{p.Reason}
	switch p.Outcome {
	case ranking.PromotionApplied:
		m, args = tPromoted, append(args, p.From, p.To)
	case ranking.PromotionVetoed:
		m = tPromotionVetoed
	case ranking.PromotionBestGrade:
		m = tPromotionBest
	case ranking.PromotionBarred:
		m, args = tPromotionBarred, append(args, p.To)
	case ranking.PromotionQuotaFull:
		m, args = tPromotionQuota, append(args, p.To, p.Quota)
	default:
		return ""
	}
	return tr(l, m, args...)
}

// flagNote words the flag of a multi-year rule: its name and why.
func flagNote(l report.Lang, f ranking.Flag) string {
	var why report.Text
	var args []any
	switch f.Kind {
	case "bottom_consecutive":
		years := make([]string, len(f.Years))
		for i, y := range f.Years {
			years[i] = strconv.Itoa(y)
		}
		why, args = tFlagBottom, []any{strings.Join(years, "、"), f.K}
		if f.Table != "" {
			why, args = tFlagBottomOf, append(args, f.Table)
		}
	case "largest_rise":
		why, args = tFlagRise, []any{f.Since, rankStr(f.By), rankStr(f.From), rankStr(f.To)}
	}
	if l == report.English || why.ZH == "" {
		return f.Rule + " (" + f.Reason + ")"
	}
	zh := f.Rule + "（" + tr(report.Chinese, why, args...) + "）"
	if l == report.Bilingual {
		return zh + " / " + f.Rule + " (" + f.Reason + ")"
	}
	return zh
}

func (s *scored) tableOf(u int) int {
	for k, t := range s.standing.Tables {
		if slices.Contains(t.Units, u) {
			return k
		}
	}
	return 0
}

// changeCell formats a rank change: "+2" rose two places, "-1" fell one;
// an unchanged rank is 持平 in Chinese and in both languages, "0" in
// English; "NA" when there is no change to give (no rank last year or
// none this year), which a Chinese table shows as "—" with the note of
// notComparable.
func changeCell(l report.Lang, x float64) string {
	switch {
	case math.IsNaN(x):
		return "NA"
	case x == 0 && l != report.English:
		return tUnchanged.ZH // both languages: the Chinese, as every cell
	case x > 0:
		return "+" + rankStr(x)
	}
	return rankStr(x)
}

// notComparable records which units of a league table have no rank
// change to give, and says why under the table.
type notComparable struct {
	noLast, noRank bool // no rank last year; a rank last year but none this year
}

// add records unit u of the standing; it returns the cells of last
// year's rank and of the change.
func (nc *notComparable) add(l report.Lang, p *ranking.Previous, u int) (last, change string) {
	last, change = "NA", changeCell(l, p.RankChange[u])
	if math.IsNaN(p.Rank[u]) {
		nc.noLast = true
	} else {
		last = rankStr(p.Rank[u])
		if change == "NA" {
			nc.noRank = true
		}
	}
	return last, change
}

// note writes the note on the marks of the change columns, when a unit
// had one: 注：“—”表示上年无该单位排名，无法比较。 (the English "NA: ..."
// with -lang en, both lines for both).
func (nc *notComparable) note(w io.Writer, l report.Lang, md bool) {
	why := tNoLastRank
	switch {
	case nc.noLast && nc.noRank:
		why = tNoRankEither
	case nc.noRank:
		why = tNoRankNow
	case !nc.noLast:
		return
	}
	if md {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string { return tr(l, tMissing, missingMark(l), tr(l, why)) }))
}

// leagueTables returns one league table per table of the standing, with
// its title and what its change columns could not compare.
func (s *scored) leagueTables() ([]string, []*textTable, []notComparable) {
	st := s.standing
	top := s.topChildren()
	var titles []string
	var out []*textTable
	ncs := make([]notComparable, len(st.Tables))
	for k, lt := range st.Tables {
		l := s.lang
		head := s.leagueHead(top)
		prev := st.Previous != nil
		if prev {
			head = append(head, report.TermLastRank.In(l), report.TermChange.In(l), tr(l, tLastGrade))
		}
		head = append(head, report.TermNote.In(l))
		t := newTable(head...).right(0, 2, 4).in(l)
		for j := range top {
			t.right(5 + j)
		}
		if prev {
			t.right(5+len(top), 6+len(top))
		}
		root := &s.res.Nodes[0]
		for _, u := range lt.Units {
			adj := "0.00"
			if root.Adjustment != nil {
				adj = fixed(root.Adjustment[u], 2)
				if root.Adjustment[u] > 0 {
					adj = "+" + adj
				}
			}
			row := []string{rankCell(st.Rank[u]), s.res.Units[u], s.scoreCell(0, s.res.Score[u]), st.Grade[u], adj}
			for _, c := range top {
				row = append(row, s.scoreCell(0, s.res.Nodes[c].Contribution[u]))
			}
			if prev {
				last, change := ncs[k].add(l, st.Previous, u)
				row = append(row, last, change, st.Previous.Grade[u])
			}
			t.add(append(row, s.extNote(s.lang, u))...)
		}
		titles = append(titles, inEach(l, " / ", func(l report.Lang) string { return tableTitle(l, lt) }))
		out = append(out, t)
	}
	return titles, out, ncs
}

// tableTitle is the title of a league table in l (Chinese or English):
// its category and number of units.
func tableTitle(l report.Lang, lt ranking.LeagueTable) string {
	title := tr(l, tAllUnits)
	if lt.Category != "" {
		title = lt.Label
		if lt.Label != lt.Category {
			title = tr(l, tCategoryOf, lt.Label, lt.Category)
		}
	}
	if len(lt.Units) == 0 {
		return title + colon(l) + tr(l, tNoUnits)
	}
	title += colon(l) + unitCount(l, len(lt.Units))
	if !lt.Ranked {
		title += tr(l, tUnranked)
	}
	return title
}

// yearLine says which year is shown and against what (a line in each
// language for both).
func (s *scored) yearLine() string {
	return inEach(s.lang, "\n", s.yearLineIn)
}

func (s *scored) yearLineIn(l report.Lang) string {
	st := s.standing
	var parts []string
	if st.Year != 0 {
		years := yearList(s.years)
		if l != report.English {
			years = strings.ReplaceAll(years, ", ", "、")
		}
		parts = append(parts, tr(l, tYearOf, st.Year, years))
	}
	if st.Previous != nil {
		if st.Previous.Year != 0 {
			parts = append(parts, tr(l, tLastYear, st.Previous.Year))
		} else {
			parts = append(parts, tr(l, tLastFrom, s.previousFile))
		}
	}
	if s.baseYear != 0 {
		parts = append(parts, tr(l, tBaseYear, s.baseYear))
	}
	if len(s.recomputed) > 0 {
		parts = append(parts, tr(l, tNotComp, len(s.recomputed), strings.Join(s.recomputed, "; ")))
	}
	return joinNotes(l, parts)
}

func (s *scored) writeExtendedTables(w io.Writer, md bool) {
	if l := s.yearLine(); l != "" {
		fmt.Fprintf(w, "%s\n\n", l)
	}
	titles, tables, ncs := s.leagueTables()
	for k, t := range tables {
		switch {
		case len(s.standing.Tables[k].Units) == 0:
			// A category with no units this year: its title says so.
			if md {
				fmt.Fprintf(w, "## %s\n", titles[k])
			} else {
				fmt.Fprintf(w, "%s\n", titles[k])
			}
		case md:
			fmt.Fprintf(w, "## %s\n\n", titles[k])
			t.markdown(w)
			ncs[k].note(w, s.lang, md)
		default:
			fmt.Fprintf(w, "%s\n\n", titles[k])
			t.write(w)
			ncs[k].note(w, s.lang, md)
		}
		if k < len(tables)-1 {
			fmt.Fprintln(w)
		}
	}
}

// extCSVHead and extCSVRow are the extra CSV columns of the extended
// output.
func (s *scored) extCSVHead() []string {
	h := []string{"category", "designations", "promoted", "flags"}
	if s.standing.Year != 0 {
		h = append(h, "year")
	}
	if s.standing.Previous != nil {
		h = append(h, "last_year", "last_score", "last_rank", "last_grade", "rank_change", "score_change")
	}
	return h
}

func (s *scored) extCSVRow(u int) []string {
	st := s.standing
	var flags []string
	for _, f := range st.Flags[u] {
		flags = append(flags, f.Rule+": "+f.Reason)
	}
	r := []string{st.Category[u], strings.Join(st.Designations[u], ";"), strconv.FormatBool(st.Promoted[u]), strings.Join(flags, ";")}
	if st.Year != 0 {
		r = append(r, strconv.Itoa(st.Year))
	}
	if p := st.Previous; p != nil {
		py := ""
		if p.Year != 0 {
			py = strconv.Itoa(p.Year)
		}
		r = append(r, py, num(p.Score[u]), num(p.Rank[u]), p.Grade[u], num(p.RankChange[u]), num(p.ScoreChange[u]))
	}
	return r
}

// jsonPrevious is last year's standing of a unit in the JSON output.
type jsonPrevious struct {
	Year        int    `json:"year,omitempty"`
	Score       jnum   `json:"score"`
	Rank        jnum   `json:"rank"`
	Grade       string `json:"grade,omitempty"`
	RankChange  jnum   `json:"rank_change"`
	ScoreChange jnum   `json:"score_change"`
}

// jsonTable is one league table in the JSON output.
type jsonTable struct {
	Category string   `json:"category,omitempty"`
	Label    string   `json:"label,omitempty"`
	Ranked   bool     `json:"ranked"`
	Grades   []string `json:"grades,omitempty"`
	Units    []string `json:"units"`
}

func (s *scored) extJSON(out *jsonScore) {
	st := s.standing
	out.Year, out.Years, out.BaseYear, out.Recomputed = st.Year, s.years, s.baseYear, s.recomputed
	for _, t := range st.Tables {
		jt := jsonTable{Category: t.Category, Label: t.Label, Ranked: t.Ranked, Grades: t.Grades, Units: []string{}}
		for _, u := range t.Units {
			jt.Units = append(jt.Units, st.Units[u])
		}
		out.Tables = append(out.Tables, jt)
	}
	out.Memberships = st.Memberships()
	for k := range out.Units {
		ju := &out.Units[k]
		u := slices.Index(st.Units, ju.Unit)
		ju.Category, ju.Designations, ju.Promoted = st.Category[u], st.Designations[u], st.Promoted[u]
		ju.Flags = st.Flags[u]
		if p := st.Previous; p != nil {
			ju.Previous = &jsonPrevious{Year: p.Year, Score: jnum(p.Score[u]), Rank: jnum(p.Rank[u]), Grade: p.Grade[u],
				RankChange: jnum(p.RankChange[u]), ScoreChange: jnum(p.ScoreChange[u])}
		}
	}
}

// applyPrevious reads -previous and records it in the standing.
func (e *env) applyPrevious(s *scored, name string) error {
	year, prior, err := e.readPrevious(name)
	if err != nil {
		return err
	}
	if err := s.standing.SetPrevious(year, prior, false); err != nil {
		if errors.Is(err, ranking.ErrRule) {
			return fmt.Errorf("%s: %s", displayName(name), strings.TrimPrefix(err.Error(), "ranking: rule: "))
		}
		return err
	}
	s.previousFile = displayName(name)
	s.recomputed = s.plan.DataDependent()
	return nil
}
