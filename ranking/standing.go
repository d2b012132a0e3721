package ranking

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// ErrRule is wrapped by the errors of [Classify], [UnitsOf], [ScorePanel]
// and [ApplyYearRules] that come from the rules of a ranking section
// meeting the data: a unit whose category is not listed, a required
// category with no units, a missing category or promotion column, a unit missing from a
// year, a rule naming a year not in the panel.
var ErrRule = errors.New("ranking: rule")

// Units are the units of one league table assessment: what [Classify]
// ranks, grades and designates. IDs and Scores are required; the other
// slices are nil or have one element per unit.
type Units struct {
	IDs    []string
	Scores []float64
	// Vetoed flags vetoed units (nil: none).
	Vetoed []bool
	// Categories holds each unit's category (nil: none), as read from the
	// ranking section's category column.
	Categories []string
	// Promote flags the units eligible for promotion (nil: none), as read
	// from the promotion column.
	Promote []bool
}

// UnitsOf collects the units of a result: ids, scores and veto flags from
// res, categories from the text attribute of t named by spec.Category and
// promotion flags from spec.Promotion.Column (a non-zero value flags a
// unit; a missing value does not). t must be the table res was evaluated
// on. It returns an error wrapping [ErrRule] if the attribute or column is
// not in t or a unit's category is empty.
func UnitsOf(res *indicator.Result, t *indicator.Table, spec *indicator.RankingSpec) (Units, error) {
	u := Units{IDs: res.Units, Scores: res.Score, Vetoed: res.Vetoed}
	if spec == nil {
		return u, nil
	}
	if spec.Category != "" {
		cats, ok := t.Attribute(spec.Category)
		if !ok {
			return u, fmt.Errorf("%w: $.ranking.category: the data have no text column %q (read it as an attribute)", ErrRule, spec.Category)
		}
		for i, c := range cats {
			if strings.TrimSpace(c) == "" {
				return u, fmt.Errorf("%w: unit %q: empty category in column %q", ErrRule, res.Units[i], spec.Category)
			}
		}
		u.Categories = cats
	}
	if p := spec.Promotion; p != nil {
		col, ok := t.Column(p.Column)
		if !ok {
			return u, fmt.Errorf("%w: $.ranking.promotion.column: the data have no numeric column %q", ErrRule, p.Column)
		}
		u.Promote = make([]bool, len(col))
		for i, x := range col {
			u.Promote[i] = x == x && x != 0
		}
	}
	return u, nil
}

// Standing is the outcome of a league table assessment: per unit, in the
// order of [Units], the table it is ranked in, its rank, grade,
// designations and flags, and the tables in the order of the ranking
// section's categories. A Standing is not modified after it is returned,
// except by [Standing.SetPrevious] and [ApplyYearRules].
type Standing struct {
	Units  []string
	Score  []float64
	Vetoed []bool
	// Category is each unit's category ("" without categories).
	Category []string
	// Rank is the rank within the unit's table under the section's tie
	// rule and veto placement; NaN in an unranked category.
	Rank []float64
	// Grade is the grade name ("" without grades).
	Grade []string
	// Promoted flags the units promoted one grade.
	Promoted []bool
	// BottomK flags the units among the last k of their table.
	BottomK []bool
	// Designations are each unit's designations, in the section's order.
	Designations [][]string
	// Notes are remarks per unit: a promotion and its reason, or a
	// promotion not applied because the quota was full.
	Notes [][]string
	// Promotions are the same facts as the promotion notes, per unit, for
	// a writer that words them in its own language (Outcome
	// NotFlagged for a unit not flagged for promotion).
	Promotions []Promotion
	// Tables are the league tables: one per category (scope "within"), or
	// one of all units.
	Tables []LeagueTable
	// Year is the year assessed (0 outside a panel).
	Year int
	// Previous is last year's standing of the units (nil when not known);
	// see [Standing.SetPrevious].
	Previous *Previous
	// Flags are the flags of the multi-year rules per unit (see
	// [ApplyYearRules]).
	Flags [][]Flag

	table  []int          // per unit: index into Tables
	first  []float64      // per unit: first position of its tie group in its table (NaN unranked)
	order  map[string]int // designation name -> position in the section
	graded []*GradeResult // per table: Grade's result for its members
	// the options ranking every table, and whether vetoed units rank last
	ranking  Options
	vetoLast bool
}

// Graded returns what [Grade] returned for the members of league table k
// when [Classify] ranked and graded them, before promotions and the
// placement of vetoed units: one element per member, in the order of the
// members in [Units] (for a table of all units, the order of Units),
// with the table's grading; the veto flags given to Grade (which its
// Fingerprint hashes) are the members' flags, all false when
// Units.Vetoed is nil. It is nil for a Standing not made by Classify.
// The result is shared: it must not be modified.
func (s *Standing) Graded(k int) *GradeResult {
	if k < 0 || k >= len(s.graded) {
		return nil
	}
	return s.graded[k]
}

// LeagueTable is one table of a [Standing].
type LeagueTable struct {
	// Category is the category ranked in the table ("" for one table of
	// all units); Label its display name.
	Category, Label string
	// Ranked is false for a category graded but not ranked.
	Ranked bool
	// Grades are the grade names of the table, best first.
	Grades []string
	// BottomK is the k of the table's bottom-k flags.
	BottomK int
	// Units are the indices of the table's units, best rank first; ties
	// (and every unit of an unranked table, by score) in unit-id order.
	Units []int
}

// Previous is last year's standing of the units of a [Standing], one
// element per unit; NaN and "" where a unit has no previous value.
type Previous struct {
	Year  int
	Score []float64
	Rank  []float64
	Grade []string
	// RankChange is Rank - this year's rank: positive when the unit rose.
	RankChange []float64
	// ScoreChange is this year's score minus Score.
	ScoreChange []float64
}

// Prior is one unit's result of an earlier year, for [Standing.SetPrevious].
type Prior struct {
	Score    float64
	Rank     float64
	Grade    string
	Category string
}

// Flag is the flag of a multi-year rule on a unit.
type Flag struct {
	// Rule is the rule's name, e.g. "连续两年末位".
	Rule string `json:"rule"`
	// Reason says why, e.g. "bottom 1 of 市直单位 in 2020, 2021".
	Reason string `json:"reason"`

	// The facts of Reason, for a writer that words them in its own
	// language. Kind is the rule's kind: "bottom_consecutive" (K, Table
	// and Years: among the last K of the table labelled Table in each of
	// Years) or "largest_rise" (By places, from rank From to rank To,
	// since the year Since).
	Kind     string  `json:"-"`
	K        int     `json:"-"`
	Table    string  `json:"-"`
	Years    []int   `json:"-"`
	By       float64 `json:"-"`
	From, To float64 `json:"-"`
	Since    int     `json:"-"`
}

// PromotionOutcome says what became of a unit flagged for promotion.
type PromotionOutcome int

const (
	// NotFlagged: the unit was not flagged for promotion.
	NotFlagged PromotionOutcome = iota
	// PromotionApplied: the unit moved one grade up, From to To.
	PromotionApplied
	// PromotionVetoed: not applied, the unit is vetoed.
	PromotionVetoed
	// PromotionBestGrade: not applied, the unit is in the best grade.
	PromotionBestGrade
	// PromotionBarred: not applied, the promotion leads only into the
	// grade To, which is not the one above the unit's.
	PromotionBarred
	// PromotionQuotaFull: not applied, the quota (Quota units) of the
	// grade above, To, is full.
	PromotionQuotaFull
)

var promotionOutcomes = []string{"NotFlagged", "PromotionApplied", "PromotionVetoed", "PromotionBestGrade", "PromotionBarred", "PromotionQuotaFull"}

// String returns the outcome's name, e.g. "PromotionApplied".
func (o PromotionOutcome) String() string {
	if o >= 0 && int(o) < len(promotionOutcomes) {
		return promotionOutcomes[o]
	}
	return fmt.Sprintf("PromotionOutcome(%d)", int(o))
}

// Promotion is what became of one unit flagged for promotion: the facts
// of its note in [Standing.Notes].
type Promotion struct {
	Outcome PromotionOutcome
	// Reason is the promotion's reason as the ranking section gives it
	// ("promotion" when it gives none).
	Reason string
	// From and To are the grades: the unit's and the one above
	// (PromotionApplied, PromotionQuotaFull) or the only grade the
	// promotion leads into (PromotionBarred).
	From, To string
	// Quota is the number of units the grade To may hold
	// (PromotionQuotaFull).
	Quota int
}

// Membership is the set of units of one table holding one grade,
// designation, flag or promotion.
type Membership struct {
	// Table is the table's category ("" for one table of all units).
	Table string `json:"table"`
	// Kind is "grade", "designation", "promoted", "bottom_k" or "flag".
	Kind string `json:"kind"`
	// Name is the grade, designation or rule name ("" for promoted and
	// bottom_k).
	Name string `json:"name"`
	// Units are the unit ids, sorted byte-wise.
	Units []string `json:"units"`
}

// Memberships lists every grade, designation, promotion, bottom-k and
// multi-year flag with its units, table by table in the order of Tables,
// then kind (grade, designation, promoted, bottom_k, flag) and name in the
// order of the ranking section; empty sets are left out. It is what a
// verification compares with the memberships a government published; it
// does not depend on the order of the units.
func (s *Standing) Memberships() []Membership {
	var out []Membership
	for _, t := range s.Tables {
		add := func(kind, name string, has func(i int) bool) {
			var ids []string
			for _, i := range t.Units {
				if has(i) {
					ids = append(ids, s.Units[i])
				}
			}
			if len(ids) > 0 {
				slices.Sort(ids)
				out = append(out, Membership{Table: t.Category, Kind: kind, Name: name, Units: ids})
			}
		}
		for _, g := range t.Grades {
			add("grade", g, func(i int) bool { return s.Grade[i] == g })
		}
		var names []string
		for _, i := range t.Units {
			for _, d := range s.Designations[i] {
				if !slices.Contains(names, d) {
					names = append(names, d)
				}
			}
		}
		for _, d := range s.designationOrder(names) {
			add("designation", d, func(i int) bool { return slices.Contains(s.Designations[i], d) })
		}
		add("promoted", "", func(i int) bool { return s.Promoted[i] })
		add("bottom_k", "", func(i int) bool { return s.BottomK[i] })
		var rules []string
		for _, i := range t.Units {
			for _, f := range s.Flags[i] {
				if !slices.Contains(rules, f.Rule) {
					rules = append(rules, f.Rule)
				}
			}
		}
		slices.Sort(rules)
		for _, r := range rules {
			add("flag", r, func(i int) bool {
				return slices.ContainsFunc(s.Flags[i], func(f Flag) bool { return f.Rule == r })
			})
		}
	}
	return out
}

func (s *Standing) designationOrder(names []string) []string {
	out := slices.Clone(names)
	slices.Sort(out)
	if s.order != nil {
		slices.SortStableFunc(out, func(a, b string) int { return s.order[a] - s.order[b] })
	}
	return out
}

// Classify ranks, grades and designates units under a ranking section of
// the model format (nil: rank all units together under the defaults).
//
// Tables. Without spec.Category all units form one table. With it, each
// unit's category (u.Categories) must be one of spec.Categories; a listed
// category with no units has an empty table (an error if it is Required);
// under scope "within" (the default)
// every category is its own table, ranked and graded with its own grades
// and quotas (a quota counts the category's units), under "all" one table
// holds every unit.
//
// In each table, ranks follow spec's direction, tie rule and tolerance; a
// vetoed unit keeps the rank of its score, or under veto_placement "last"
// ranks after every other unit, vetoed units among themselves by score.
// Grades are those of [Grade] (vetoed units get the veto grade). An
// unranked category is graded but its ranks are NaN and it has no bottom-k
// flags.
//
// Promotion then moves each flagged unit (u.Promote), best rank first, one
// grade up while the quota of the grade above has room in its table;
// vetoed units are never promoted. A flagged unit left where it is gets a
// note saying why.
//
// Designations last, in order (see [indicator.DesignationSpec]): top and
// bottom count positions within the unit's table (under scope "all" with
// a designation's category, among the units of that category), so that a
// tie group crossing k is left out as a whole and at most k units are
// designated.
//
// Errors: those of [indicator.RankingSpec.Validate], [FromSpec] and
// [Rank], and errors wrapping [ErrRule] naming the unit or category. It
// panics if the slices of u have different lengths. u is not modified.
// The result does not depend on the order of the units other than by the
// same permutation of every per-unit slice.
func Classify(u Units, spec *indicator.RankingSpec) (*Standing, error) {
	n := len(u.Scores)
	for name, l := range map[string]int{"IDs": len(u.IDs), "Vetoed": len(u.Vetoed), "Categories": len(u.Categories), "Promote": len(u.Promote)} {
		if l != n && (l != 0 || name == "IDs") {
			panic(fmt.Sprintf("ranking: len(Units.%s)=%d != len(Scores)=%d", name, l, n))
		}
	}
	if spec == nil {
		spec = &indicator.RankingSpec{}
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	base, err := FromSpec(&indicator.RankingSpec{Ties: spec.Ties, Direction: spec.Direction, AbsTol: spec.AbsTol, RelTol: spec.RelTol,
		Exact: spec.Exact, NaN: spec.NaN, Grades: spec.Grades, VetoGrade: gradeIn(spec.VetoGrade, spec.Grades), BottomK: spec.BottomK})
	if err != nil {
		return nil, err
	}
	if err := dupID(u.IDs); err != nil {
		return nil, err
	}
	s := &Standing{Units: slices.Clone(u.IDs), Score: slices.Clone(u.Scores), Vetoed: make([]bool, n), Category: make([]string, n),
		Rank: make([]float64, n), Grade: make([]string, n), Promoted: make([]bool, n), BottomK: make([]bool, n),
		Designations: make([][]string, n), Notes: make([][]string, n), Promotions: make([]Promotion, n), Flags: make([][]Flag, n),
		table: make([]int, n), first: make([]float64, n), order: map[string]int{}}
	copy(s.Vetoed, u.Vetoed)
	for k, d := range spec.Designations {
		s.order[d.Name] = k
	}
	cats := map[string]int{}
	for k, c := range spec.Categories {
		cats[c.Name] = k
	}
	if spec.Category != "" {
		if u.Categories == nil {
			return nil, fmt.Errorf("%w: $.ranking.category: no categories given for column %q", ErrRule, spec.Category)
		}
		count := make([]int, len(spec.Categories))
		for i, c := range u.Categories {
			k, ok := cats[c]
			if !ok {
				return nil, fmt.Errorf("%w: unit %q: category %q (column %q) is not in $.ranking.categories", ErrRule, u.IDs[i], c, spec.Category)
			}
			count[k]++
			s.Category[i] = c
		}
		for k, c := range spec.Categories {
			if count[k] == 0 && c.Required {
				return nil, fmt.Errorf("%w: $.ranking.categories[%d]: category %q has no units (it is required)", ErrRule, k, c.Name)
			}
		}
	}
	// The tables and their gradings.
	type tab struct {
		members []int
		g       Grading
		ranked  bool
	}
	var tabs []tab
	if spec.Category == "" || spec.Scope == "all" {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		tabs = append(tabs, tab{all, base, true})
		s.Tables = append(s.Tables, LeagueTable{Ranked: true, BottomK: base.BottomK})
	} else {
		for _, c := range spec.Categories {
			g := base
			if len(c.Grades) > 0 {
				g.Grades = nil
				for _, r := range c.Grades {
					g.Grades = append(g.Grades, GradeRule{Name: r.Name, MinScore: clonePtr(r.MinScore), MaxShare: clonePtr(r.MaxShare)})
				}
				g.VetoGrade = gradeIn(spec.VetoGrade, c.Grades)
			}
			if c.VetoGrade != "" {
				g.VetoGrade = c.VetoGrade
			}
			if c.BottomK > 0 {
				g.BottomK = c.BottomK
			}
			if c.Unranked {
				g.BottomK = 0
			}
			var members []int
			for i := range n {
				if s.Category[i] == c.Name {
					members = append(members, i)
				}
			}
			tabs = append(tabs, tab{members, g, !c.Unranked})
			label := c.Label
			if label == "" {
				label = c.Name
			}
			s.Tables = append(s.Tables, LeagueTable{Category: c.Name, Label: label, Ranked: !c.Unranked, BottomK: g.BottomK})
		}
	}
	last := spec.VetoPlacement == "last"
	s.ranking, s.vetoLast = base.Ranking, last
	byPos := make([]float64, n) // per unit: first position of its tie group, for the order of its table
	for ti, tb := range tabs {
		m := tb.members
		sc, ids, vet := pick(u.Scores, m), pick(u.IDs, m), pickBool(u.Vetoed, m)
		gr, minRank, err := grade(sc, vet, ids, tb.g)
		if err != nil {
			return nil, err
		}
		s.graded = append(s.graded, gr)
		// Without vetoed units to place last, positions would rank as
		// grade did (by tb.g.Ranking, and with ties at their minimum).
		rank, first := gr.Rank, minRank
		if last && slices.Contains(vet, true) {
			if rank, first, _, err = positions(sc, vet, ids, tb.g.Ranking, last); err != nil {
				return nil, err
			}
		}
		lt := &s.Tables[ti]
		for _, r := range tb.g.Grades {
			lt.Grades = append(lt.Grades, r.Name)
		}
		grade := slices.Clone(gr.Grade)
		for j, i := range m {
			s.table[i] = ti
			if tb.ranked {
				s.Rank[i], s.first[i] = rank[j], first[j]
				s.BottomK[i] = tb.g.BottomK > 0 && first[j] > float64(len(m)-tb.g.BottomK)
			} else {
				s.Rank[i], s.first[i] = math.NaN(), math.NaN()
			}
		}
		// Rank order: by first position, then id (unranked: by score).
		order := slices.Clone(m)
		for j, i := range m {
			byPos[i] = first[j]
		}
		slices.SortFunc(order, func(a, b int) int {
			if c := cmpNaNLast(byPos[a], byPos[b]); c != 0 {
				return c
			}
			return strings.Compare(u.IDs[a], u.IDs[b])
		})
		lt.Units = order
		// Promotion, best first.
		if p := spec.Promotion; p != nil && u.Promote != nil && len(tb.g.Grades) > 0 {
			counts := make([]int, len(tb.g.Grades))
			for j := range m {
				if !vet[j] && sc[j] == sc[j] {
					counts[grade[j]]++
				}
			}
			pos := map[int]int{}
			for j, i := range m {
				pos[i] = j
			}
			reason := p.Reason
			if reason == "" {
				reason = "promotion"
			}
			for _, i := range order {
				j := pos[i]
				if !u.Promote[i] {
					continue
				}
				k := grade[j]
				switch {
				case vet[j]:
					s.Notes[i] = append(s.Notes[i], reason+" not applied: vetoed")
					s.Promotions[i] = Promotion{Outcome: PromotionVetoed, Reason: reason, From: tb.g.Grades[k].Name}
					continue
				case k == 0:
					s.Notes[i] = append(s.Notes[i], reason+" not applied: already in the best grade")
					s.Promotions[i] = Promotion{Outcome: PromotionBestGrade, Reason: reason, From: tb.g.Grades[k].Name}
					continue
				case p.Grade != "" && tb.g.Grades[k-1].Name != p.Grade:
					s.Notes[i] = append(s.Notes[i], fmt.Sprintf("%s not applied: it leads only into %s", reason, p.Grade))
					s.Promotions[i] = Promotion{Outcome: PromotionBarred, Reason: reason, From: tb.g.Grades[k].Name, To: p.Grade}
					continue
				}
				up := tb.g.Grades[k-1]
				if up.MaxShare != nil {
					quota := int(math.Floor(float64(*up.MaxShare*float64(len(m))) + 1e-9))
					if counts[k-1]+1 > quota {
						s.Notes[i] = append(s.Notes[i], fmt.Sprintf("%s not applied: the quota of %s (%d) is full", reason, up.Name, quota))
						s.Promotions[i] = Promotion{Outcome: PromotionQuotaFull, Reason: reason, From: tb.g.Grades[k].Name, To: up.Name, Quota: quota}
						continue
					}
				}
				counts[k]--
				counts[k-1]++
				grade[j] = k - 1
				s.Promoted[i] = true
				s.Notes[i] = append(s.Notes[i], fmt.Sprintf("%s: %s → %s", reason, tb.g.Grades[k].Name, up.Name))
				s.Promotions[i] = Promotion{Outcome: PromotionApplied, Reason: reason, From: tb.g.Grades[k].Name, To: up.Name}
			}
		}
		for j, i := range m {
			if len(tb.g.Grades) > 0 {
				s.Grade[i] = tb.g.Grades[grade[j]].Name
			}
		}
	}
	// Designations.
	abs, rel := base.Ranking.tolerances()
	for _, d := range spec.Designations {
		// The groups of units counted together for top and bottom.
		var groups [][]int
		switch {
		case spec.Category != "" && spec.Scope != "all":
			for ti, tb := range tabs {
				if d.Category == "" || s.Tables[ti].Category == d.Category {
					groups = append(groups, tb.members)
				}
			}
		case d.Category != "":
			var m []int
			for i := range n {
				if s.Category[i] == d.Category {
					m = append(m, i)
				}
			}
			groups = append(groups, m)
		default:
			groups = append(groups, tabs[0].members)
		}
		for _, m := range groups {
			if len(m) == 0 {
				continue // a category with no units this year
			}
			var first, lastPos []float64
			ranked := s.Tables[s.table[m[0]]].Ranked
			if d.Top > 0 || d.Bottom > 0 {
				var err error
				if _, first, lastPos, err = positions(pick(u.Scores, m), pickBool(u.Vetoed, m), pick(u.IDs, m), base.Ranking, last); err != nil {
					return nil, err
				}
			}
			for j, i := range m {
				ok := true
				switch d.Vetoed {
				case "", "exclude":
					ok = !s.Vetoed[i]
				case "only":
					ok = s.Vetoed[i]
				}
				sc := u.Scores[i]
				if d.Top > 0 {
					ok = ok && ranked && lastPos[j] <= float64(d.Top)
				}
				if d.Bottom > 0 {
					ok = ok && ranked && first[j] > float64(len(m)-d.Bottom)
				}
				if d.MinScore != nil {
					c := *d.MinScore
					ok = ok && sc >= c-(abs+float64(rel*math.Abs(c)))
				}
				if d.MaxScore != nil {
					c := *d.MaxScore
					ok = ok && sc == sc && !(sc >= c-(abs+float64(rel*math.Abs(c))))
				}
				if len(d.Grades) > 0 {
					ok = ok && slices.Contains(d.Grades, s.Grade[i])
				}
				for _, e := range d.Except {
					ok = ok && !slices.Contains(s.Designations[i], e)
				}
				if ok {
					s.Designations[i] = append(s.Designations[i], d.Name)
				}
			}
		}
	}
	return s, nil
}

// gradeIn returns name if it names one of grades, else "".
func gradeIn(name string, grades []indicator.GradeSpec) string {
	for _, g := range grades {
		if g.Name == name {
			return name
		}
	}
	return ""
}

// positions ranks scores and returns, per unit, its rank under opt and
// the first and last positions of its tie group; with vetoLast, vetoed
// units (vetoed may be nil) come after all others.
func positions(scores []float64, vetoed []bool, ids []string, opt Options, vetoLast bool) (rank, first, last []float64, err error) {
	n := len(scores)
	rank, first, last = make([]float64, n), make([]float64, n), make([]float64, n)
	var parts [][]int
	if vetoLast && vetoed != nil {
		var ok, bad []int
		for i := range n {
			if vetoed[i] {
				bad = append(bad, i)
			} else {
				ok = append(ok, i)
			}
		}
		parts = [][]int{ok, bad}
	} else {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		parts = [][]int{all}
	}
	offset := 0.0
	for _, m := range parts {
		if len(m) == 0 {
			continue
		}
		sc := pick(scores, m)
		var id []string
		if ids != nil {
			id = pick(ids, m)
		}
		lo, hi := opt, opt
		lo.Ties, hi.Ties = TieMin, TieMax
		r, err := Rank(sc, id, opt)
		if err != nil {
			return nil, nil, nil, err
		}
		f, _ := Rank(sc, id, lo)
		l, _ := Rank(sc, id, hi)
		for j, i := range m {
			rank[i], first[i], last[i] = r[j]+offset, f[j]+offset, l[j]+offset
		}
		offset += float64(len(m))
	}
	return rank, first, last, nil
}

func pick[T any](x []T, idx []int) []T {
	if x == nil {
		return nil
	}
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = x[i]
	}
	return out
}

func pickBool(x []bool, idx []int) []bool {
	if x == nil {
		return make([]bool, len(idx))
	}
	return pick(x, idx)
}

func cmpNaNLast(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	case a != a && b == b:
		return 1
	case a == a && b != b:
		return -1
	}
	return 0
}

// SetPrevious records last year's results of the units (by unit id) in
// s.Previous: scores, ranks, grades and the changes. A unit of s without
// an entry in prior is an error wrapping [ErrRule] naming the unit and the
// year, unless allowNew is set (then its previous values are NaN and "").
// A unit whose category changed gets no rank change (NaN). prior is not
// retained.
func (s *Standing) SetPrevious(year int, prior map[string]Prior, allowNew bool) error {
	n := len(s.Units)
	p := &Previous{Year: year, Score: make([]float64, n), Rank: make([]float64, n), Grade: make([]string, n),
		RankChange: make([]float64, n), ScoreChange: make([]float64, n)}
	for i, id := range s.Units {
		pr, ok := prior[id]
		if !ok {
			if !allowNew {
				return fmt.Errorf("%w: unit %q is assessed%s but missing from the results of %s", ErrRule, id, inYear(s.Year), yearName(year))
			}
			pr = Prior{Score: math.NaN(), Rank: math.NaN(), Category: s.Category[i]}
		}
		p.Score[i], p.Rank[i], p.Grade[i] = pr.Score, pr.Rank, pr.Grade
		p.ScoreChange[i] = s.Score[i] - pr.Score
		p.RankChange[i] = pr.Rank - s.Rank[i]
		if pr.Category != s.Category[i] {
			p.RankChange[i] = math.NaN()
		}
	}
	s.Previous = p
	return nil
}

func yearName(y int) string {
	if y == 0 {
		return "last year"
	}
	return fmt.Sprint(y)
}

func inYear(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprintf(" in %d", y)
}

// Tied reports whether another unit of unit i's table has unit i's rank.
func (s *Standing) Tied(i int) bool {
	if s.Rank[i] != s.Rank[i] {
		return false
	}
	for _, j := range s.Tables[s.table[i]].Units {
		if j != i && s.Rank[j] == s.Rank[i] {
			return true
		}
	}
	return false
}

// Span returns the positions lo..hi (1-based, within unit i's table) that
// unit i's tie group covers; lo > hi for an unranked unit.
func (s *Standing) Span(i int) (lo, hi int) {
	if s.Rank[i] != s.Rank[i] {
		return 1, 0
	}
	lo, hi = 1, 0
	for _, j := range s.Tables[s.table[i]].Units {
		if s.Rank[j] < s.Rank[i] {
			lo++
		}
		if s.Rank[j] <= s.Rank[i] {
			hi++
		}
	}
	return lo, hi
}

// Spans returns [Standing.Span] of every unit: lo[i]..hi[i] for unit i,
// in O(n log n) for n units (each table's ranks sorted once) where
// calling Span for every unit takes O(n^2).
func (s *Standing) Spans() (lo, hi []int) {
	n := len(s.Rank)
	lo, hi = make([]int, n), make([]int, n)
	var sorted []float64
	for _, t := range s.Tables {
		sorted = sorted[:0]
		for _, j := range t.Units {
			if r := s.Rank[j]; r == r {
				sorted = append(sorted, r)
			}
		}
		slices.Sort(sorted)
		for _, i := range t.Units {
			r := s.Rank[i]
			if r != r {
				lo[i], hi[i] = 1, 0
				continue
			}
			// 1 + the ranks below r; the ranks at most r.
			below, _ := slices.BinarySearch(sorted, r)
			atMost := below
			for atMost < len(sorted) && sorted[atMost] == r {
				atMost++
			}
			lo[i], hi[i] = 1+below, atMost
		}
	}
	return lo, hi
}

// TableSize returns the number of units in unit i's table.
func (s *Standing) TableSize(i int) int { return len(s.Tables[s.table[i]].Units) }

// GradeNames lists the grade names of every table, each once, in table
// order.
func (s *Standing) GradeNames() []string {
	var out []string
	for _, t := range s.Tables {
		for _, g := range t.Grades {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	return out
}
