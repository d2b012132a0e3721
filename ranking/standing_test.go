package ranking

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ppgpa/ppgpa/indicator"
	"pgregory.net/rapid"
)

// twoCategories is a section with two categories, each with its own
// grades, and three designations.
func twoCategories() *indicator.RankingSpec {
	return &indicator.RankingSpec{
		Category: "类别",
		Categories: []indicator.CategorySpec{
			{Name: "x", Label: "市直单位", Grades: []indicator.GradeSpec{{Name: "优", MinScore: ptr(85), MaxShare: ptr(0.67)}, {Name: "良"}}},
			{Name: "y", Label: "区县", Grades: []indicator.GradeSpec{{Name: "好", MinScore: ptr(55)}, {Name: "差"}}},
		},
		Designations: []indicator.DesignationSpec{
			{Name: "满意", Top: 1},
			{Name: "先进", Top: 2, Except: []string{"满意"}},
			{Name: "不满意", MaxScore: ptr(55)},
		},
	}
}

// byID returns f(i) for every unit, keyed by its id.
func byID[T any](s *Standing, f func(i int) T) map[string]T {
	out := map[string]T{}
	for i, id := range s.Units {
		out[id] = f(i)
	}
	return out
}

// TestClassifyCategories checks a hand-computed case. Category x: A 90,
// B 80, C 70 ranks A B C; 优 needs 85 and at most floor(0.67*3) = 2
// units: only A qualifies, B and C get 良. Category y: E 95, D 60, F 50
// ranks E D F; 好 needs 55: E and D; F gets 差. 满意 (top 1 of each
// table): A, E. 先进 (top 2 but not 满意): B, D. 不满意 (score < 55): F.
func TestClassifyCategories(t *testing.T) {
	t.Parallel()
	u := Units{IDs: []string{"A", "B", "C", "D", "E", "F"}, Scores: []float64{90, 80, 70, 60, 95, 50},
		Categories: []string{"x", "x", "x", "y", "y", "y"}}
	s, err := Classify(u, twoCategories())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]float64{"A": 1, "B": 2, "C": 3, "E": 1, "D": 2, "F": 3}, byID(s, func(i int) float64 { return s.Rank[i] })); d != "" {
		t.Errorf("ranks (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]string{"A": "优", "B": "良", "C": "良", "E": "好", "D": "好", "F": "差"}, byID(s, func(i int) string { return s.Grade[i] })); d != "" {
		t.Errorf("grades (-want +got):\n%s", d)
	}
	want := map[string][]string{"A": {"满意"}, "B": {"先进"}, "C": nil, "D": {"先进"}, "E": {"满意"}, "F": {"不满意"}}
	if d := cmp.Diff(want, byID(s, func(i int) []string { return s.Designations[i] })); d != "" {
		t.Errorf("designations (-want +got):\n%s", d)
	}
	if len(s.Tables) != 2 || s.Tables[0].Label != "市直单位" || !slices.Equal(s.Tables[1].Units, []int{4, 3, 5}) {
		t.Errorf("tables = %+v", s.Tables)
	}
	ms := s.Memberships()
	if got := fmt.Sprint(ms[0], ms[len(ms)-1]); got != "{x grade 优 [A]} {y designation 不满意 [F]}" {
		t.Errorf("memberships: first and last = %s", got)
	}
	// Scope "all": one table, ranked E A B C D F with the section's grades
	// (none here); 满意 is the top 1 of all: E; 先进 the top 2 but E: A.
	spec := twoCategories()
	spec.Scope = "all"
	for i := range spec.Categories {
		spec.Categories[i].Grades = nil
	}
	s, err = Classify(u, spec)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]float64{"E": 1, "A": 2, "B": 3, "C": 4, "D": 5, "F": 6}, byID(s, func(i int) float64 { return s.Rank[i] })); d != "" {
		t.Errorf("scope all: ranks (-want +got):\n%s", d)
	}
	if got := byID(s, func(i int) []string { return s.Designations[i] }); !slices.Equal(got["E"], []string{"满意"}) || !slices.Equal(got["A"], []string{"先进"}) || got["B"] != nil {
		t.Errorf("scope all: designations %v", got)
	}
}

// TestClassifyVetoLastAndPromotion: category x with A vetoed. Placement
// "score" keeps A first; "last" ranks B 1, C 2, A 3. A gets the last
// grade 良 either way. C (70) is flagged for promotion: 优 holds nobody
// (A is vetoed, B has 80 < 85) and its quota is 2, so C moves 良 -> 优;
// B is not flagged and stays. In y, D is flagged but 好 is the best
// grade: not promoted, with a note.
func TestClassifyVetoLastAndPromotion(t *testing.T) {
	t.Parallel()
	u := Units{IDs: []string{"A", "B", "C", "D", "E", "F"}, Scores: []float64{90, 80, 70, 60, 95, 50},
		Categories: []string{"x", "x", "x", "y", "y", "y"}, Vetoed: []bool{true, false, false, false, false, false},
		Promote: []bool{false, false, true, true, false, false}}
	spec := twoCategories()
	spec.Promotion = &indicator.PromotionSpec{Column: "award", Reason: "专项晋优"}
	s, err := Classify(u, spec)
	if err != nil {
		t.Fatal(err)
	}
	if s.Rank[0] != 1 || s.Grade[0] != "良" {
		t.Errorf("score placement: A rank %v grade %s, want 1 良", s.Rank[0], s.Grade[0])
	}
	spec.VetoPlacement = "last"
	if s, err = Classify(u, spec); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]float64{"A": 3, "B": 1, "C": 2, "E": 1, "D": 2, "F": 3}, byID(s, func(i int) float64 { return s.Rank[i] })); d != "" {
		t.Errorf("veto last: ranks (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]string{"A": "良", "B": "良", "C": "优", "E": "好", "D": "好", "F": "差"}, byID(s, func(i int) string { return s.Grade[i] })); d != "" {
		t.Errorf("grades (-want +got):\n%s", d)
	}
	if !s.Promoted[2] || s.Promoted[3] || !strings.Contains(strings.Join(s.Notes[3], ";"), "already in the best grade") {
		t.Errorf("promoted %v, notes %q", s.Promoted, s.Notes)
	}
	// The same facts, structured: C moved 良 → 优, D (好, the best grade of y) stays.
	wantP := []Promotion{{}, {}, {Outcome: PromotionApplied, Reason: "专项晋优", From: "良", To: "优"}, {Outcome: PromotionBestGrade, Reason: "专项晋优", From: "好"}, {}, {}}
	if d := cmp.Diff(wantP, s.Promotions); d != "" {
		t.Errorf("promotions (-want +got):\n%s", d)
	}
	// 满意 is the top 1 of x: B (A is vetoed and ranked last).
	if !slices.Equal(s.Designations[1], []string{"满意"}) || s.Designations[0] != nil {
		t.Errorf("designations %q", s.Designations)
	}
	// With a quota of 1 for 优 held by an unvetoed A, C is not promoted.
	u.Vetoed = nil
	spec.Categories[0].Grades[0].MaxShare = ptr(0.34)
	if s, err = Classify(u, spec); err != nil {
		t.Fatal(err)
	}
	if s.Promoted[2] || s.Grade[2] != "良" || !strings.Contains(strings.Join(s.Notes[2], ";"), "quota of 优 (1) is full") {
		t.Errorf("full quota: C promoted=%v grade %s notes %q", s.Promoted[2], s.Grade[2], s.Notes[2])
	}
	if want := (Promotion{Outcome: PromotionQuotaFull, Reason: "专项晋优", From: "良", To: "优", Quota: 1}); s.Promotions[2] != want {
		t.Errorf("full quota: promotion %+v, want %+v", s.Promotions[2], want)
	}
}

// TestClassifyTiesAtBoundary: A and B tie at 90 in a top-1 designation;
// the tie group occupies positions 1 and 2, so neither is designated.
func TestClassifyTiesAtBoundary(t *testing.T) {
	t.Parallel()
	u := Units{IDs: []string{"A", "B", "C"}, Scores: []float64{90, 90, 70}}
	s, err := Classify(u, &indicator.RankingSpec{Designations: []indicator.DesignationSpec{{Name: "first", Top: 1}, {Name: "last", Bottom: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Designations[0] != nil || s.Designations[1] != nil || !slices.Equal(s.Designations[2], []string{"last"}) || s.Rank[0] != 1.5 {
		t.Errorf("designations %q ranks %v", s.Designations, s.Rank)
	}
}

// TestClassifyErrors checks that the data meeting the rules give errors
// naming the unit or the category, and that nothing is dropped silently.
func TestClassifyErrors(t *testing.T) {
	t.Parallel()
	u := Units{IDs: []string{"A", "B"}, Scores: []float64{1, 2}, Categories: []string{"x", "z"}}
	_, err := Classify(u, twoCategories())
	if !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), `unit "B": category "z" (column "类别") is not in $.ranking.categories`) {
		t.Errorf("unknown category: %v", err)
	}
	// No unit of category y this year: y's table is empty, x's ranks A
	// and B (B first, 2 > 1; both 良, below 优's 85), unless the model
	// requires y.
	u.Categories = []string{"x", "x"}
	s, err := Classify(u, twoCategories())
	if err != nil {
		t.Fatalf("empty category: %v", err)
	}
	if len(s.Tables) != 2 || !slices.Equal(s.Tables[0].Units, []int{1, 0}) || len(s.Tables[1].Units) != 0 || s.Tables[1].Label != "区县" ||
		s.Rank[0] != 2 || s.Rank[1] != 1 || s.Grade[1] != "良" {
		t.Errorf("empty category: tables %+v, ranks %v, grades %q", s.Tables, s.Rank, s.Grade)
	}
	for _, m := range s.Memberships() {
		if m.Table == "y" {
			t.Errorf("empty category: membership %+v of the empty table", m)
		}
	}
	req := twoCategories()
	req.Categories[1].Required = true
	_, err = Classify(u, req)
	if !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), `$.ranking.categories[1]: category "y" has no units (it is required)`) {
		t.Errorf("empty required category: %v", err)
	}
	u.Categories = nil
	if _, err = Classify(u, twoCategories()); !errors.Is(err, ErrRule) {
		t.Errorf("no categories: %v", err)
	}
	bad := twoCategories()
	bad.Designations[0].Category = "w"
	if _, err = Classify(Units{IDs: []string{"A"}, Scores: []float64{1}, Categories: []string{"x"}}, bad); err == nil || !strings.Contains(err.Error(), `unknown category "w"`) {
		t.Errorf("designation naming an unknown category: %v", err)
	}
}

// yearly builds three standings of units A, B, C (one table): scores
// 2020 A 3 B 2 C 1; 2021 the same; 2022 A 2 B 3 C 1.
func yearly(t *testing.T) []*Standing {
	var out []*Standing
	for k, sc := range [][]float64{{3, 2, 1}, {3, 2, 1}, {2, 3, 1}} {
		s, err := Classify(Units{IDs: []string{"A", "B", "C"}, Scores: sc}, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Year = 2020 + k
		out = append(out, s)
	}
	return out
}

// TestApplyYearRules: C is last in 2020, 2021 and 2022, so "bottom 1 in 2
// consecutive years" flags it in 2021 and in 2022 (not 2020: no 2019).
// B rises from 2 to 1 in 2022, the only rise: the largest-rise rule
// (k = 1) flags B in 2022; 2021 has no rise.
func TestApplyYearRules(t *testing.T) {
	t.Parallel()
	st := yearly(t)
	rules := []indicator.YearRule{{Name: "连续两年末位", Kind: "bottom_consecutive", K: 1, N: 2}, {Name: "进步奖", Kind: "largest_rise", K: 1}}
	if err := ApplyYearRules(st, rules); err != nil {
		t.Fatal(err)
	}
	got := map[int]map[string][]Flag{}
	for _, s := range st {
		got[s.Year] = byID(s, func(i int) []Flag { return s.Flags[i] })
	}
	want := map[int]map[string][]Flag{
		2020: {"A": nil, "B": nil, "C": nil},
		2021: {"A": nil, "B": nil, "C": {{Rule: "连续两年末位", Reason: "bottom 1 in 2020, 2021", Kind: "bottom_consecutive", K: 1, Years: []int{2020, 2021}}}},
		2022: {"A": nil, "B": {{Rule: "进步奖", Reason: "rose 1 place (2 → 1) since 2021", Kind: "largest_rise", By: 1, From: 2, To: 1, Since: 2021}},
			"C": {{Rule: "连续两年末位", Reason: "bottom 1 in 2021, 2022", Kind: "bottom_consecutive", K: 1, Years: []int{2021, 2022}}}},
	}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("flags (-want +got):\n%s", d)
	}
	// Applying again replaces the flags rather than adding to them.
	if err := ApplyYearRules(st, rules); err != nil || len(st[2].Flags[2]) != 1 {
		t.Errorf("second application: %v, flags %v", err, st[2].Flags[2])
	}
	rules[0].Year = 2019
	if err := ApplyYearRules(st, rules); !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), `rule "连续两年末位": year 2019 is not assessed`) {
		t.Errorf("unknown year: %v", err)
	}
	rules[0].Year = 2020
	if err := ApplyYearRules(st, rules); !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), "needs year 2019") {
		t.Errorf("year without history: %v", err)
	}
}

// panelModel is one leaf "x", min-max over the data (no goalposts).
func panelModel(base int) *indicator.Model {
	m := &indicator.Model{Version: 1, Name: "panel", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "x", Column: "x", Weight: 1},
	}}, Ranking: &indicator.RankingSpec{Years: &indicator.YearsSpec{BaseYear: base}}}
	return m
}

func table(t *testing.T, units []string, x []float64) *indicator.Table {
	tb, err := indicator.NewTable(units, []string{"x"}, rows(x))
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// TestScorePanelBaseYear: A has 0 and B 10 in 2020; in 2021 A has 5, B 10.
// Min-max over each year gives A 0 both years: its improvement does not
// show, and Recomputed says why. With base year 2020 the goalposts are 0
// and 10 both years: A scores 0 then 50.
func TestScorePanelBaseYear(t *testing.T) {
	t.Parallel()
	p := Panel{Years: []int{2021, 2020}, Tables: []*indicator.Table{table(t, []string{"A", "B"}, []float64{5, 10}), table(t, []string{"B", "A"}, []float64{10, 0})}}
	r, err := ScorePanel(context.Background(), panelModel(0), p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Years[0] != 2020 || r.Standings[1].Score[0] != 0 || len(r.Recomputed) != 1 || !strings.Contains(r.Recomputed[0], `leaf "x": min-max normalisation over each table's own data`) {
		t.Errorf("per-year min-max: years %v scores %v recomputed %q", r.Years, r.Standings[1].Score, r.Recomputed)
	}
	if r, err = ScorePanel(context.Background(), panelModel(2020), p); err != nil {
		t.Fatal(err)
	}
	if got := r.Standings[1].Score; got[0] != 50 || got[1] != 100 || len(r.Recomputed) != 0 {
		t.Errorf("base year: scores %v recomputed %q", got, r.Recomputed)
	}
	prev := r.Standings[1].Previous
	if prev == nil || prev.Year != 2020 || prev.Score[0] != 0 || prev.ScoreChange[0] != 50 || prev.RankChange[0] != 0 || prev.Rank[0] != 2 {
		t.Errorf("previous: %+v", prev)
	}
	if _, err = ScorePanel(context.Background(), panelModel(2019), p); !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), "base_year: 2019 is not a year of the panel (2020, 2021)") {
		t.Errorf("unknown base year: %v", err)
	}
	p.Tables[0] = table(t, []string{"A", "C"}, []float64{5, 10})
	if _, err = ScorePanel(context.Background(), panelModel(0), p); !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), `unit "B" is assessed in 2020 but missing from 2021`) {
		t.Errorf("missing unit: %v", err)
	}
}

// genUnits draws units in up to three categories with scores on a coarse
// grid (ties likely) or distinct, veto and promotion flags.
func genUnits(t *rapid.T, distinct bool) (Units, *indicator.RankingSpec) {
	n := rapid.IntRange(3, 14).Draw(t, "n")
	cats := []string{"a", "b", "c"}[:rapid.IntRange(1, 3).Draw(t, "cats")]
	u := Units{IDs: make([]string, n), Scores: make([]float64, n), Vetoed: make([]bool, n), Categories: make([]string, n), Promote: make([]bool, n)}
	perm := rapid.Permutation(func() []int {
		p := make([]int, n)
		for i := range p {
			p[i] = i
		}
		return p
	}()).Draw(t, "perm")
	for i := range n {
		u.IDs[i] = fmt.Sprintf("u%02d", i)
		if distinct {
			u.Scores[i] = float64(perm[i]) + 0.5
		} else {
			u.Scores[i] = float64(rapid.IntRange(0, 4).Draw(t, "score")) * 10
		}
		u.Vetoed[i] = rapid.IntRange(0, 5).Draw(t, "veto") == 0
		u.Promote[i] = rapid.Bool().Draw(t, "promote")
		u.Categories[i] = cats[i%len(cats)]
	}
	spec := &indicator.RankingSpec{Category: "k", Promotion: &indicator.PromotionSpec{Column: "p"},
		VetoPlacement: rapid.SampledFrom([]string{"", "last"}).Draw(t, "placement"),
		Designations:  []indicator.DesignationSpec{{Name: "top", Top: 2}, {Name: "bottom", Bottom: 1, Vetoed: "include"}}}
	for _, c := range cats {
		s1 := float64(rapid.IntRange(1, 5).Draw(t, "share1")) / 10
		s2 := float64(rapid.IntRange(1, 5).Draw(t, "share2")) / 10
		spec.Categories = append(spec.Categories, indicator.CategorySpec{Name: c, Grades: []indicator.GradeSpec{
			{Name: "A", MaxShare: &s1, MinScore: ptr(float64(rapid.IntRange(0, 40).Draw(t, "cut")))}, {Name: "B", MaxShare: &s2}, {Name: "C"}}})
	}
	return u, spec
}

// TestPropertyClassify checks the invariants of Classify: ranks within a
// category are a permutation of 1..n_c when scores are distinct (and sum
// to n_c(n_c+1)/2 under the default average ties in any case); no quota
// is exceeded, promotions included; a promotion moves a unit by exactly
// one grade, only flagged units move, and only up; permuting the units
// changes nothing but the order.
func TestPropertyClassify(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		distinct := rapid.Bool().Draw(t, "distinct")
		u, spec := genUnits(t, distinct)
		s, err := Classify(u, spec)
		if err != nil {
			t.Fatal(err)
		}
		for ti, tb := range s.Tables {
			nc := len(tb.Units)
			var ranks []float64
			sum := 0.0
			for _, i := range tb.Units {
				ranks = append(ranks, s.Rank[i])
				sum += s.Rank[i]
			}
			if sum != float64(nc*(nc+1))/2 {
				t.Fatalf("table %d: ranks %v do not sum to %d", ti, ranks, nc*(nc+1)/2)
			}
			if distinct {
				slices.Sort(ranks)
				for k, r := range ranks {
					if r != float64(k+1) {
						t.Fatalf("table %d: ranks %v are not 1..%d", ti, ranks, nc)
					}
				}
			}
			for _, g := range spec.Categories[ti].Grades {
				if g.MaxShare == nil {
					continue
				}
				quota := int(math.Floor(*g.MaxShare*float64(nc) + 1e-9))
				count := 0
				for _, i := range tb.Units {
					if s.Grade[i] == g.Name && !s.Vetoed[i] {
						count++
					}
				}
				if count > quota {
					t.Fatalf("table %d: %d units in %s, quota %d", ti, count, g.Name, quota)
				}
			}
		}
		plain := u
		plain.Promote = nil
		s0, err := Classify(plain, spec)
		if err != nil {
			t.Fatal(err)
		}
		idx := func(g string) int { return strings.Index("ABC", g) }
		for i := range s.Units {
			d := idx(s0.Grade[i]) - idx(s.Grade[i])
			if d != 0 && d != 1 || d == 1 && (!u.Promote[i] || !s.Promoted[i]) || d == 0 && s.Promoted[i] {
				t.Fatalf("unit %s: grade %s without promotion, %s with (flag %v)", s.Units[i], s0.Grade[i], s.Grade[i], u.Promote[i])
			}
		}
		// Permuted units.
		perm := rapid.Permutation(func() []int {
			p := make([]int, len(u.IDs))
			for i := range p {
				p[i] = i
			}
			return p
		}()).Draw(t, "rows")
		pu := Units{IDs: pick(u.IDs, perm), Scores: pick(u.Scores, perm), Vetoed: pick(u.Vetoed, perm), Categories: pick(u.Categories, perm), Promote: pick(u.Promote, perm)}
		ps, err := Classify(pu, spec)
		if err != nil {
			t.Fatal(err)
		}
		view := func(s *Standing) any {
			type row struct {
				Rank         float64
				Grade        string
				Prom, Bot    bool
				Desig, Notes []string
			}
			rows := byID(s, func(i int) row {
				return row{s.Rank[i], s.Grade[i], s.Promoted[i], s.BottomK[i], s.Designations[i], s.Notes[i]}
			})
			var tables [][]string
			for _, tb := range s.Tables {
				tables = append(tables, pick(s.Units, tb.Units))
			}
			return []any{rows, tables, s.Memberships()}
		}
		if d := cmp.Diff(view(s), view(ps)); d != "" {
			t.Fatalf("permuting the units changes the result (-orig +permuted):\n%s", d)
		}
	})
}

// TestPropertyPanelYearOrder: permuting the years (and the rows of each
// year) of a panel changes no standing and no flag.
func TestPropertyPanelYearOrder(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		ny := rapid.IntRange(1, 4).Draw(t, "years")
		n := rapid.IntRange(2, 6).Draw(t, "units")
		m := panelModel(0)
		m.Ranking.Years.Rules = []indicator.YearRule{{Name: "bottom", Kind: "bottom_consecutive", K: 1, N: 2}, {Name: "rise", Kind: "largest_rise", K: 2}}
		if rapid.Bool().Draw(t, "base") {
			m.Ranking.Years.BaseYear = 2000
		}
		var p Panel
		for y := range ny {
			ids := make([]string, n)
			x := make([]float64, n)
			for i := range n {
				ids[i] = fmt.Sprintf("u%d", i)
				x[i] = float64(rapid.IntRange(0, 5).Draw(t, "x"))
			}
			x[0], x[1] = 0, 5 // goalposts exist every year
			p.Years = append(p.Years, 2000+y)
			p.Tables = append(p.Tables, table2(t, ids, x))
		}
		r, err := ScorePanel(context.Background(), m, p)
		if err != nil {
			t.Fatal(err)
		}
		perm := rapid.Permutation(func() []int {
			q := make([]int, ny)
			for i := range q {
				q[i] = i
			}
			return q
		}()).Draw(t, "order")
		q := Panel{Years: pick(p.Years, perm), Tables: pick(p.Tables, perm)}
		r2, err := ScorePanel(context.Background(), m, q)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(r.Standings, r2.Standings, cmp.AllowUnexported(Standing{}), cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("permuting the years changes the standings:\n%s", d)
		}
	})
}

func table2(t *rapid.T, units []string, x []float64) *indicator.Table {
	tb, err := indicator.NewTable(units, []string{"x"}, rows(x))
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// rows makes one row per unit of a single column.
func rows(x []float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, v := range x {
		out[i] = []float64{v}
	}
	return out
}

// TestPropertySpans: Spans gives Span of every unit (ties likely, up to
// three tables, one unit made unranked), which counts the ranks of the
// unit's table below and at most its own.
func TestPropertySpans(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		u, spec := genUnits(t, rapid.Bool().Draw(t, "distinct"))
		s, err := Classify(u, spec)
		if err != nil {
			t.Fatal(err)
		}
		if k := rapid.IntRange(-1, len(s.Rank)-1).Draw(t, "unranked"); k >= 0 {
			s.Rank[k] = math.NaN()
		}
		lo, hi := s.Spans()
		for i := range s.Rank {
			if l, h := s.Span(i); lo[i] != l || hi[i] != h {
				t.Fatalf("unit %d: Spans %d..%d, Span %d..%d", i, lo[i], hi[i], l, h)
			}
		}
	})
}

// TestStandingGraded: the grades Classify keeps per table (Graded) are
// those Grade computes again for the table's members with the table's
// grading: for one table of all units (no category, or scope "all", and
// veto flags nil or given), those of Grade(scores, vetoed, ids,
// FromSpec(spec)), which score takes from Graded instead of grading twice;
// per category, those of Grade on the category's members.
func TestStandingGraded(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		u, spec := genUnits(t, rapid.Bool().Draw(t, "distinct"))
		switch rapid.IntRange(0, 2).Draw(t, "tables") {
		case 0: // one table of all units, the grades of the first category
			spec.Category, spec.Grades, spec.BottomK = "", spec.Categories[0].Grades, rapid.IntRange(0, 3).Draw(t, "bottom k")
			spec.Categories, spec.Promotion, u.Categories, u.Promote = nil, nil, nil, nil
			if rapid.Bool().Draw(t, "no vetoes") {
				u.Vetoed = nil
			}
		case 1:
			spec.Scope, spec.Grades = "all", spec.Categories[0].Grades
			for k := range spec.Categories {
				spec.Categories[k].Grades = nil
			}
		}
		s, err := Classify(u, spec)
		if err != nil {
			t.Fatal(err)
		}
		same := func(k int, got, want *GradeResult) {
			if got == nil || !slices.Equal(got.Rank, want.Rank) || !slices.Equal(got.Grade, want.Grade) || !slices.Equal(got.Name, want.Name) || !slices.Equal(got.BottomK, want.BottomK) {
				t.Fatalf("table %d: Graded %+v, Grade %+v", k, got, want)
			}
		}
		if spec.Category == "" || spec.Scope == "all" {
			g, err := FromSpec(spec)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Grade(u.Scores, u.Vetoed, u.IDs, g)
			if err != nil {
				t.Fatal(err)
			}
			same(0, s.Graded(0), want)
			if len(s.Tables) != 1 || s.Graded(1) != nil {
				t.Fatalf("%d tables, Graded(1) %v: want one table", len(s.Tables), s.Graded(1))
			}
			return
		}
		for k, c := range spec.Categories {
			var m []int
			for i, cat := range u.Categories {
				if cat == c.Name {
					m = append(m, i)
				}
			}
			g, err := FromSpec(&indicator.RankingSpec{Grades: c.Grades})
			if err != nil {
				t.Fatal(err)
			}
			want, err := Grade(pick(u.Scores, m), pickBool(u.Vetoed, m), pick(u.IDs, m), g)
			if err != nil {
				t.Fatal(err)
			}
			same(k, s.Graded(k), want)
		}
	})
}

// TestClassifyPositions: the ranks and first positions Classify keeps for
// each unit are those positions computes for the unit's table (Classify
// takes them from its grading when no vetoed unit is placed last).
func TestClassifyPositions(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		u, spec := genUnits(t, rapid.Bool().Draw(t, "distinct"))
		spec.Ties = rapid.SampledFrom([]string{"", "min", "max", "dense", "first"}).Draw(t, "ties")
		if rapid.Bool().Draw(t, "no vetoes") {
			u.Vetoed = nil
		}
		s, err := Classify(u, spec)
		if err != nil {
			t.Skip(err)
		}
		g, err := FromSpec(&indicator.RankingSpec{Ties: spec.Ties})
		if err != nil {
			t.Fatal(err)
		}
		for k, tb := range s.Tables {
			var m []int
			for i := range u.IDs {
				if s.table[i] == k {
					m = append(m, i)
				}
			}
			rank, first, _, err := positions(pick(u.Scores, m), pickBool(u.Vetoed, m), pick(u.IDs, m), g.Ranking, spec.VetoPlacement == "last")
			if err != nil {
				t.Fatal(err)
			}
			for j, i := range m {
				if tb.Ranked && (s.Rank[i] != rank[j] || s.first[i] != first[j]) {
					t.Fatalf("table %d, unit %s: rank %v first %v, positions gives %v and %v", k, u.IDs[i], s.Rank[i], s.first[i], rank[j], first[j])
				}
			}
		}
	})
}
