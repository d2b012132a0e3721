package ranking

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ppgpa/ppgpa/indicator"
)

// Publication is what a government published about a ranking, usually
// only part of it: lists of named units (a top ten in order, the units of
// a grade, the last three), ranks of some units, and scores or sub-scores
// of some units. Units that it does not name are "not published": they
// are never differences. Its JSON form is what `ppgpa verify` reads from
// a .json PUBLISHED file.
type Publication struct {
	// Title and Source describe the publication (for the table's heading).
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	// Lists are published lists of units.
	Lists []PublishedList `json:"lists,omitempty"`
	// Ranks are published ranks of named units.
	Ranks []PublishedRank `json:"ranks,omitempty"`
	// Grades are published grades of named units.
	Grades []PublishedGrade `json:"grades,omitempty"`
	// Scores are published scores of named units, of the final score or
	// of a node of the model.
	Scores []PublishedScore `json:"scores,omitempty"`
}

// ListOrder says what the order of a [PublishedList] means.
type ListOrder string

// The orders of a published list.
const (
	// Unordered: the list says nothing about order (a set of names).
	Unordered ListOrder = "unordered"
	// InOrder: the units are listed best first, but their ranks are not
	// given (the list may start anywhere in the ranking): each unit must
	// rank after the one listed before it.
	InOrder ListOrder = "in_order"
	// FromTop: the list is the ranking from rank First (1 when 0) on: the
	// k-th unit listed (k from 0) takes position First+k.
	FromTop ListOrder = "from_top"
	// FromBottom: the list is the ranking from the last unit up: the
	// first unit listed is last, the next second to last, and so on.
	FromBottom ListOrder = "from_bottom"
)

// PublishedList is a published list of units, such as "the 18 优秀 units,
// in order" or "the last three".
type PublishedList struct {
	// Name labels the list in the table ("优秀单位", "后三名").
	Name string `json:"name"`
	// Grade, when set, is the grade every listed unit was given; it must
	// be one of the model's grade names, as the model writes it.
	Grade string `json:"grade,omitempty"`
	// Complete says that the list names every unit of its Grade: a unit
	// recomputed in the grade but not listed is then a difference. A list
	// that omits units ("达标单位44家（略）") is not complete.
	Complete bool `json:"complete,omitempty"`
	// Order says what the order of Units means (default Unordered).
	Order ListOrder `json:"order,omitempty"`
	// First is the position of the first unit of a FromTop list (default 1).
	First int `json:"first,omitempty"`
	// Units are the unit ids, as in the data, in the published order.
	Units []string `json:"units"`
}

// PublishedRank is the published rank of one unit, as printed: "3",
// "第3名", "并列3", "并列第3名", "3=" or "=3" (a tie mark says the unit
// shares its rank).
type PublishedRank struct {
	Unit string `json:"unit"`
	Rank string `json:"rank"`
}

// PublishedGrade is the published grade of one unit.
type PublishedGrade struct {
	Unit  string `json:"unit"`
	Grade string `json:"grade"`
}

// PointsSuffix follows a node's id in [CheckLine.What] for a line on
// the node's points in the final score ("efficiency:points").
const PointsSuffix = ":points"

// PublishedScore is a published score of one unit, as printed: its
// decimals give the tolerance (half a unit in the last place).
type PublishedScore struct {
	Unit string `json:"unit"`
	// Node is the id (or name) of a node of the model; "" is the final
	// score.
	Node string `json:"node,omitempty"`
	// Points compares the node's points in the final score (as
	// [indicator.Result.Points]: "social evaluation 42.61 of 50") instead
	// of the node's own score.
	Points bool `json:"points,omitempty"`
	// Score is the score as printed ("42.6120").
	Score string `json:"score"`
}

// ParseRank reads a published rank: "3", "第3名", "第 3 名", "并列3",
// "并列第3名", "3=", "=3", "T3" or "3T" (the last four, and 并列, mark a
// tie). It returns the rank and whether the text marks a tie.
func ParseRank(s string) (rank int, tied bool, err error) {
	t := strings.TrimSpace(s)
	for _, m := range []string{"并列", "並列"} {
		if strings.HasPrefix(t, m) {
			t, tied = strings.TrimSpace(strings.TrimPrefix(t, m)), true
		}
	}
	switch {
	case strings.HasSuffix(t, "="):
		t, tied = strings.TrimSuffix(t, "="), true
	case strings.HasPrefix(t, "="):
		t, tied = strings.TrimPrefix(t, "="), true
	case strings.HasPrefix(t, "T"):
		t, tied = strings.TrimPrefix(t, "T"), true
	case strings.HasSuffix(t, "T"):
		t, tied = strings.TrimSuffix(t, "T"), true
	}
	t = strings.TrimSpace(t)
	if strings.HasPrefix(t, "第") {
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(t, "第"), "名"), "位"))
	} else {
		t = strings.TrimSpace(strings.TrimSuffix(t, "名"))
	}
	t = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + r - '０'
		}
		return r
	}, t)
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 || strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
		return 0, false, fmt.Errorf("ranking: %q is not a rank (write 3, 第3名, 并列3 or 3=)", s)
	}
	return n, tied, nil
}

// CheckLine is one line of a verification: one published fact against
// its recomputation.
type CheckLine struct {
	// Kind is "score", "rank", "grade" or "order".
	Kind string `json:"kind"`
	// What names the fact: the list, or the node for a sub-score by its
	// id, followed by ":points" for its points in the final score
	// ("efficiency:points", the header verify reads such a column by);
	// "" for the final score or a unit's rank or grade. It is the same
	// in every language: a report names the node in its own words.
	What string `json:"what,omitempty"`
	Unit string `json:"unit"`
	// Published is the published value as printed (for an order line,
	// the unit's place in its list).
	Published string `json:"published"`
	// Recomputed is the recomputed value, a score rounded to the decimals
	// of the published one; "" when the unit is not in the data.
	Recomputed string `json:"recomputed"`
	// Difference is published minus recomputed for scores and ranks, in
	// the published decimals; "" for text.
	Difference string `json:"difference"`
	// Tolerance is the largest difference that agrees (scores: half a
	// unit in the last published decimal, or the -tol value; ranks and
	// grades: exact, ties as the model's ranking says).
	Tolerance string `json:"tolerance"`
	// Agrees is the line's verdict.
	Agrees bool `json:"agrees"`
	// Note explains a disagreement or a tie.
	Note string `json:"note,omitempty"`
}

// Check is the result of [VerifyPublication].
type Check struct {
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	// Fingerprint identifies the model and data (settings nil, as
	// [Verify]).
	Fingerprint FingerprintParts `json:"fingerprint"`
	// Units is the number of units in the data, Named the number of them
	// the publication names.
	Units int `json:"units"`
	Named int `json:"named"`
	// NotPublished are the units of the data that the publication does
	// not name, in table order: not differences.
	NotPublished []string `json:"not_published"`
	// Lines are the checks, in the publication's order: lists, ranks,
	// grades, scores.
	Lines []CheckLine `json:"lines"`
	// Differences counts the lines that do not agree.
	Differences int `json:"differences"`
	// Complete reports that every unit of the data has a published rank
	// (or, without ranks, a published final score) and nothing else is
	// named: only then do agreement statistics between the two rankings
	// mean something.
	Complete bool `json:"complete"`
	// Result holds the recomputed ranks, grades and bottom-k flags, as
	// Standing gives them (Result.Grade indexes the grades of the unit's
	// table).
	Result *GradeResult `json:"-"`
	// Standing is the recomputed standing under the model's ranking
	// section ([Classify]): tables, designations, promotions.
	Standing *Standing `json:"-"`
	// Eval is the recomputed evaluation, Ranking the model's ranking
	// options.
	Eval    *indicator.Result `json:"-"`
	Ranking Options           `json:"-"`
}

// OK reports whether every published fact agrees.
func (c *Check) OK() bool { return c.Differences == 0 }

// Verdict returns the one-line verdict, in Chinese and in English.
func (c *Check) Verdict() (zh, en string) {
	n := len(c.Lines)
	np := ""
	npEn := ""
	if k := len(c.NotPublished); k > 0 {
		np = fmt.Sprintf("；另有%d个单位未公布，不作比较", k)
		npEn = fmt.Sprintf("; %d unit(s) not published, not compared", k)
	}
	if c.OK() {
		return fmt.Sprintf("核验结论：公布的%d项结果与按同一模型和数据重新计算的结果全部一致%s。", n, np),
			fmt.Sprintf("Verdict: all %d published item(s) agree with the recomputation from the same model and data%s.", n, npEn)
	}
	return fmt.Sprintf("核验结论：公布的%d项结果中有%d项与重新计算的结果不一致%s。", n, c.Differences, np),
		fmt.Sprintf("Verdict: %d of the %d published item(s) differ from the recomputation from the same model and data%s.", c.Differences, n, npEn)
}

// VerifyPublication recomputes a ranking from the compiled model and the
// data (scores, and ranks and grades under the model's whole ranking
// section, as [Verify]: [UnitsOf] and [Classify], so a rank is the rank
// within the unit's category table and vetoed units rank last under
// veto_placement "last") and checks every fact of a publication, which
// may name only some units:
//
//   - a list's units each get a line per published aspect: their grade
//     (when the list has one), and their place (FromTop: the k-th listed
//     unit must hold position First+k; FromBottom: the k-th listed must be
//     k-th from the bottom; InOrder: it must not rank above the unit
//     listed before it). A tied unit agrees with every position its tie
//     group covers. A Complete list also gets a line for every unit
//     recomputed in its grade but not listed;
//   - a rank agrees when it equals the recomputed rank; a rank marked as
//     tied (并列) also needs the unit to be tied in the recomputation;
//   - a grade agrees when it is the recomputed grade's name;
//   - a score agrees when |published - recomputed| is at most the
//     tolerance: s.ScoreTol when positive, otherwise half a unit in the
//     last decimal of the published text (plus 1e-9), plus the ranking's
//     tie tolerance for final scores. A published final rank also agrees
//     when it is the rank the model's tie rule gives after replacing each
//     agreeing recomputed final score by its published value (two units
//     published with the same rounded score may share a rank).
//
// A named unit that is not in the data is a difference. Units of the data
// that the publication does not name are listed in NotPublished and are
// never differences.
//
// It returns an error for a malformed publication (an unparsable rank or
// score, a grade the model does not have, a node the model does not have,
// an empty list name, a unit listed twice in one list) and the errors of
// [Verify].
func VerifyPublication(ctx context.Context, plan *indicator.Plan, t *indicator.Table, pub Publication, s VerifySettings) (*Check, error) {
	res, err := plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	model := plan.Model()
	g, err := FromSpec(model.Ranking)
	if err != nil {
		return nil, err
	}
	units, err := UnitsOf(res, t, model.Ranking)
	if err != nil {
		return nil, err
	}
	st, err := Classify(units, model.Ranking)
	if err != nil {
		return nil, err
	}
	gr := gradeResultOf(st)
	fp, err := FingerprintOf(model, t, nil)
	if err != nil {
		return nil, err
	}
	c := &Check{Title: pub.Title, Source: pub.Source, Fingerprint: fp, Units: len(res.Units), Result: gr, Standing: st, Eval: res, Ranking: g.Ranking,
		Lines: []CheckLine{}, NotPublished: []string{}}
	index := make(map[string]int, len(res.Units))
	for i, u := range res.Units {
		index[u] = i
	}
	grades := map[string]bool{}
	gradeNames := st.GradeNames()
	for _, name := range gradeNames {
		grades[name] = true
	}
	checkGrade := func(where, name string) error {
		if !grades[name] {
			if len(gradeNames) == 0 {
				return fmt.Errorf("ranking: %s: grade %q published, but the model has no grades", where, name)
			}
			return fmt.Errorf("ranking: %s: grade %q is not one of the model's grades (%s)", where, name, strings.Join(gradeNames, ", "))
		}
		return nil
	}
	named := map[string]bool{}
	// Positions: a unit's tie group covers positions lo..hi (1-based,
	// within its table).
	lo, hi := st.Spans()
	rankText := func(i int) string {
		r := num(gr.Rank[i])
		if hi[i] > lo[i] {
			return "并列" + r
		}
		return r
	}
	add := func(l CheckLine) {
		if !l.Agrees {
			c.Differences++
		}
		c.Lines = append(c.Lines, l)
	}
	missing := func(kind, what, u, p string) {
		add(CheckLine{Kind: kind, What: what, Unit: u, Published: p, Note: "not in the data"})
	}
	for li, l := range pub.Lists {
		if strings.TrimSpace(l.Name) == "" {
			return nil, fmt.Errorf("ranking: list %d has no name", li+1)
		}
		if l.Grade != "" {
			if err := checkGrade("list "+strconv.Quote(l.Name), l.Grade); err != nil {
				return nil, err
			}
		}
		order := l.Order
		if order == "" {
			order = Unordered
		}
		switch order {
		case Unordered, InOrder, FromTop, FromBottom:
		default:
			return nil, fmt.Errorf("ranking: list %q: order %q (want unordered, in_order, from_top or from_bottom)", l.Name, order)
		}
		first := l.First
		if first == 0 {
			first = 1
		}
		inList := map[string]bool{}
		prev := -1
		for k, u := range l.Units {
			if inList[u] {
				return nil, fmt.Errorf("ranking: list %q: unit %q listed twice", l.Name, u)
			}
			inList[u], named[u] = true, true
			i, ok := index[u]
			if l.Grade != "" {
				if !ok {
					missing("grade", l.Name, u, l.Grade)
				} else {
					add(CheckLine{Kind: "grade", What: l.Name, Unit: u, Published: l.Grade, Recomputed: gr.Name[i], Tolerance: "exact", Agrees: gr.Name[i] == l.Grade})
				}
			}
			if order == Unordered {
				continue
			}
			place := fmt.Sprintf("名单第%d位", k+1)
			if !ok {
				missing("order", l.Name, u, place)
				continue
			}
			line := CheckLine{Kind: "order", What: l.Name, Unit: u, Recomputed: rankText(i), Tolerance: "exact; tied units in any order"}
			switch order {
			case FromTop:
				p := first + k
				line.Published = strconv.Itoa(p)
				line.Agrees = lo[i] <= p && p <= hi[i]
				line.Difference = diffInt(p, lo[i], hi[i])
			case FromBottom:
				p := st.TableSize(i) - k
				line.Published = fmt.Sprintf("%d（%s）", p, ordinalFromBottom(k))
				line.Agrees = lo[i] <= p && p <= hi[i]
				line.Difference = diffInt(p, lo[i], hi[i])
			case InOrder:
				line.Published = place
				line.Agrees = true
				if prev >= 0 {
					line.Agrees = gr.Rank[i] >= gr.Rank[prev]
					if !line.Agrees {
						line.Note = fmt.Sprintf("ranks above %s, listed before it", res.Units[prev])
					}
				}
				prev = i
			}
			if order != InOrder {
				prev = i
			}
			add(line)
		}
		if l.Complete && l.Grade != "" {
			for i, u := range res.Units {
				if gr.Name[i] == l.Grade && !inList[u] {
					add(CheckLine{Kind: "grade", What: l.Name, Unit: u, Published: "not listed", Recomputed: gr.Name[i], Tolerance: "exact", Note: "recomputed in the grade, missing from a complete list"})
				}
			}
		}
	}
	// Published final scores, for the rank excuse.
	pubFinal := map[int]float64{}
	type parsedScore struct {
		v, tol float64
		dec    int
	}
	parse := func(p PublishedScore) (parsedScore, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(p.Score), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return parsedScore{}, fmt.Errorf("ranking: unit %q: score %q is not a number", p.Unit, p.Score)
		}
		d := decimals(p.Score)
		tol := s.ScoreTol
		if tol <= 0 {
			tol = halfUnit(d) + 1e-9
		}
		return parsedScore{v, tol, d}, nil
	}
	for _, p := range pub.Scores {
		if i, ok := index[p.Unit]; ok && p.Node == "" && !p.Points {
			ps, err := parse(p)
			if err != nil {
				return nil, err
			}
			if math.Abs(ps.v-res.Score[i]) <= ps.tol {
				pubFinal[i] = ps.v
			}
		}
	}
	var altRank []float64
	var altSt *Standing
	if len(pubFinal) > 0 && len(pub.Ranks) > 0 {
		alt := units
		alt.Scores = slices.Clone(res.Score)
		for i, v := range pubFinal {
			alt.Scores[i] = v
		}
		if altSt, err = Classify(alt, model.Ranking); err != nil {
			return nil, err
		}
		altRank = altSt.Rank
	}
	for _, p := range pub.Ranks {
		r, tied, err := ParseRank(p.Rank)
		if err != nil {
			return nil, fmt.Errorf("ranking: unit %q: %w", p.Unit, err)
		}
		named[p.Unit] = true
		i, ok := index[p.Unit]
		if !ok {
			missing("rank", "", p.Unit, p.Rank)
			continue
		}
		line := CheckLine{Kind: "rank", Unit: p.Unit, Published: p.Rank, Recomputed: rankText(i), Tolerance: "exact", Difference: num(float64(r) - gr.Rank[i])}
		line.Agrees = float64(r) == gr.Rank[i]
		if !line.Agrees && altRank != nil && float64(r) == altRank[i] {
			line.Agrees, line.Note = true, "tied by the published rounding"
		}
		if line.Agrees && tied && hi[i] == lo[i] && (altSt == nil || !altSt.Tied(i)) {
			line.Agrees, line.Note = false, "published as tied, not tied in the recomputation"
		}
		add(line)
	}
	for _, p := range pub.Grades {
		if err := checkGrade("unit "+strconv.Quote(p.Unit), p.Grade); err != nil {
			return nil, err
		}
		named[p.Unit] = true
		i, ok := index[p.Unit]
		if !ok {
			missing("grade", "", p.Unit, p.Grade)
			continue
		}
		add(CheckLine{Kind: "grade", Unit: p.Unit, Published: p.Grade, Recomputed: gr.Name[i], Tolerance: "exact", Agrees: gr.Name[i] == p.Grade})
	}
	var points [][]float64
	for _, p := range pub.Scores {
		ps, err := parse(p)
		if err != nil {
			return nil, err
		}
		named[p.Unit] = true
		var vals []float64
		what := p.Node
		if p.Node == "" && !p.Points {
			vals = res.Score
		} else {
			k := nodeIndex(res, p.Node)
			if k < 0 {
				return nil, fmt.Errorf("ranking: unit %q: node %q is not in the model", p.Unit, p.Node)
			}
			vals = res.Nodes[k].Scores
			if p.Points {
				if points == nil {
					points = res.Points()
				}
				vals = points[k]
				what = res.Nodes[k].ID + PointsSuffix
			} else {
				what = res.Nodes[k].ID
			}
		}
		i, ok := index[p.Unit]
		if !ok {
			missing("score", what, p.Unit, p.Score)
			continue
		}
		r := vals[i]
		rounded := strconv.FormatFloat(r, 'f', ps.dec, 64)
		rv, _ := strconv.ParseFloat(rounded, 64)
		tol := ps.tol
		agrees := math.Abs(ps.v-r) <= tol
		if p.Node == "" && !p.Points {
			agrees = sameScore(ps.v, r, tol, g.Ranking)
		}
		tolText := "±" + strconv.FormatFloat(halfUnit(ps.dec), 'f', ps.dec+1, 64)
		if s.ScoreTol > 0 {
			tolText = "±" + num(s.ScoreTol)
		}
		line := CheckLine{Kind: "score", What: what, Unit: p.Unit, Published: strings.TrimSpace(p.Score), Recomputed: rounded,
			Difference: strconv.FormatFloat(float64(ps.v-rv), 'f', ps.dec, 64), Tolerance: tolText, Agrees: agrees}
		if math.IsNaN(r) {
			line.Recomputed, line.Difference, line.Agrees = "NA", "", false
		}
		if line.Difference == "-"+strings.TrimPrefix(line.Difference, "-") && strings.Trim(line.Difference, "-0.") == "" {
			line.Difference = strings.TrimPrefix(line.Difference, "-")
		}
		add(line)
	}
	for _, u := range res.Units {
		if !named[u] {
			c.NotPublished = append(c.NotPublished, u)
		}
	}
	c.Named = len(res.Units) - len(c.NotPublished)
	// Complete: every unit has a published rank, or without ranks a final
	// score.
	withRank := map[string]bool{}
	for _, p := range pub.Ranks {
		withRank[p.Unit] = true
	}
	if len(pub.Ranks) == 0 {
		for _, p := range pub.Scores {
			if p.Node == "" && !p.Points {
				withRank[p.Unit] = true
			}
		}
	}
	c.Complete = len(c.NotPublished) == 0 && len(withRank) == len(res.Units)
	for u := range withRank {
		if _, ok := index[u]; !ok {
			c.Complete = false
		}
	}
	return c, nil
}

// nodeIndex finds a node by id, then by name; -1 when neither matches.
func nodeIndex(res *indicator.Result, id string) int {
	for k, nd := range res.Nodes {
		if nd.ID == id {
			return k
		}
	}
	for k, nd := range res.Nodes {
		if nd.Name != "" && nd.Name == id {
			return k
		}
	}
	return -1
}

// diffInt is the published position minus the nearest recomputed
// position lo..hi ("0" inside).
func diffInt(p, lo, hi int) string {
	switch {
	case p < lo:
		return strconv.Itoa(p - lo)
	case p > hi:
		return "+" + strconv.Itoa(p-hi)
	}
	return "0"
}

// ordinalFromBottom names the k-th place from the bottom (k from 0).
func ordinalFromBottom(k int) string { return fmt.Sprintf("倒数第%d", k+1) }

// decimals returns the number of decimals of a number as written ("92.30":
// 2; "1.5e1": 0 after the exponent; "93": 0).
func decimals(s string) int {
	s = strings.TrimSpace(s)
	exp := 0
	if k := strings.IndexAny(s, "eE"); k >= 0 {
		e, err := strconv.Atoi(s[k+1:])
		if err == nil {
			exp = e
		}
		s = s[:k]
	}
	d := 0
	if k := strings.IndexByte(s, '.'); k >= 0 {
		d = len(s) - k - 1
	}
	return max(0, d-exp)
}

// halfUnit is half a unit in the d-th decimal, parsed from its decimal
// string (exact on every machine).
func halfUnit(d int) float64 {
	v, _ := strconv.ParseFloat("5e"+strconv.Itoa(-d-1), 64)
	return v
}

// num formats x in shortest round-trip form.
func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// gradeResultOf is the ranks, grades and bottom-k flags of a standing as
// a GradeResult; Grade indexes the grades of each unit's table (-1 when
// it has none).
func gradeResultOf(st *Standing) *GradeResult {
	n := len(st.Units)
	gr := &GradeResult{Rank: st.Rank, Grade: make([]int, n), Name: st.Grade, BottomK: st.BottomK}
	for i := range n {
		gr.Grade[i] = slices.Index(st.Tables[st.table[i]].Grades, st.Grade[i])
	}
	return gr
}
