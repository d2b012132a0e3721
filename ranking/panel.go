package ranking

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// Panel is an assessment of several years: one table per year, the same
// units in each (Years[k] is the year of Tables[k]; the order of the
// years does not matter).
type Panel struct {
	Years  []int
	Tables []*indicator.Table
}

// PanelResult is a [Panel] scored year by year with one compiled plan.
// Years are in increasing order; Results[k] and Standings[k] are those of
// Years[k].
type PanelResult struct {
	Years     []int
	Results   []*indicator.Result
	Standings []*Standing
	// Model is the model as scored: the input model, with the goalposts
	// of the base year when the ranking section sets base_year.
	Model *indicator.Model
	// BaseYear is the base year of the goalposts (0: none).
	BaseYear int
	// Recomputed lists the parts of the plan computed from each year's own
	// data (see [indicator.Plan.DataDependent]); when it is not empty a
	// unit's score can move although its own values did not, and scores
	// of different years are not strictly comparable.
	Recomputed []string
}

// ScorePanel scores every year of p with the same plan compiled from m,
// classifies each year's units under m's ranking section ([UnitsOf],
// [Classify]), records last year's standing in each year after the first
// ([Standing.SetPrevious]) and applies the multi-year rules
// ([ApplyYearRules]).
//
// With base_year in the ranking section the data-driven goalposts of
// min-max and efficacy normalisation come from that year's table
// ([indicator.BaseGoalposts]) for every year.
//
// It returns the errors of [indicator.Compile], [indicator.Plan.Evaluate]
// (naming the year), [Classify] and [ApplyYearRules], and errors wrapping
// [ErrRule] for a repeated year, a base year not in the panel and a unit
// missing from a year (naming the unit and both years). It panics if
// len(p.Years) != len(p.Tables) or a table is nil. m and the tables are
// not modified.
func ScorePanel(ctx context.Context, m *indicator.Model, p Panel) (*PanelResult, error) {
	if len(p.Years) != len(p.Tables) {
		panic(fmt.Sprintf("ranking: len(Panel.Years)=%d != len(Panel.Tables)=%d", len(p.Years), len(p.Tables)))
	}
	if len(p.Years) == 0 {
		return nil, fmt.Errorf("%w: the panel has no years", ErrRule)
	}
	idx := make([]int, len(p.Years))
	for k := range idx {
		idx[k] = k
		if p.Tables[k] == nil {
			panic(fmt.Sprintf("ranking: Panel.Tables[%d] is nil", k))
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return p.Years[a] - p.Years[b] })
	out := &PanelResult{Model: m}
	for j, k := range idx {
		if j > 0 && p.Years[k] == out.Years[j-1] {
			return nil, fmt.Errorf("%w: year %d appears twice in the panel", ErrRule, p.Years[k])
		}
		out.Years = append(out.Years, p.Years[k])
	}
	var spec *indicator.RankingSpec
	if m != nil {
		spec = m.Ranking
	}
	if spec != nil && spec.Years != nil && spec.Years.BaseYear != 0 {
		b := slices.Index(p.Years, spec.Years.BaseYear)
		if b < 0 {
			return nil, fmt.Errorf("%w: $.ranking.years.base_year: %d is not a year of the panel (%s)", ErrRule, spec.Years.BaseYear, joinYears(out.Years))
		}
		fixed, err := indicator.BaseGoalposts(ctx, m, p.Tables[b])
		if err != nil {
			return nil, fmt.Errorf("base year %d: %w", spec.Years.BaseYear, err)
		}
		out.Model, out.BaseYear = fixed, spec.Years.BaseYear
	}
	plan, err := indicator.Compile(out.Model)
	if err != nil {
		return nil, err
	}
	out.Recomputed = plan.DataDependent()
	for j, k := range idx {
		res, err := plan.Evaluate(ctx, p.Tables[k])
		if err != nil {
			return nil, fmt.Errorf("year %d: %w", out.Years[j], err)
		}
		u, err := UnitsOf(res, p.Tables[k], spec)
		if err != nil {
			return nil, fmt.Errorf("year %d: %w", out.Years[j], err)
		}
		st, err := Classify(u, spec)
		if err != nil {
			return nil, fmt.Errorf("year %d: %w", out.Years[j], err)
		}
		st.Year = out.Years[j]
		out.Results = append(out.Results, res)
		out.Standings = append(out.Standings, st)
	}
	for j := 1; j < len(out.Standings); j++ {
		prev, cur := out.Standings[j-1], out.Standings[j]
		for _, id := range prev.Units {
			if !slices.Contains(cur.Units, id) {
				return nil, fmt.Errorf("%w: unit %q is assessed in %d but missing from %d", ErrRule, id, prev.Year, cur.Year)
			}
		}
		if err := cur.SetPrevious(prev.Year, PriorOf(prev), false); err != nil {
			return nil, err
		}
	}
	var rules []indicator.YearRule
	if spec != nil && spec.Years != nil {
		rules = spec.Years.Rules
	}
	if err := ApplyYearRules(out.Standings, rules); err != nil {
		return nil, err
	}
	return out, nil
}

// PriorOf returns the results of s by unit id, for [Standing.SetPrevious].
func PriorOf(s *Standing) map[string]Prior {
	out := make(map[string]Prior, len(s.Units))
	for i, id := range s.Units {
		out[id] = Prior{Score: s.Score[i], Rank: s.Rank[i], Grade: s.Grade[i], Category: s.Category[i]}
	}
	return out
}

func joinYears(y []int) string {
	var s []string
	for _, x := range y {
		s = append(s, fmt.Sprint(x))
	}
	return strings.Join(s, ", ")
}

// ApplyYearRules applies the multi-year rules to standings, one per year
// in increasing order of Year (as [ScorePanel] returns them), adding
// flags to each standing's Flags (previous flags of the same rules are
// replaced). A rule is assessed for every year that has the history it
// needs (bottom_consecutive: the N calendar years up to it are all in
// standings; largest_rise: the calendar year before it), or only for its
// Year when given. Flags:
//
//	bottom_consecutive: first position of the unit's tie group in its
//	    table > n_table - K in each of the N years (so a tie group
//	    crossing the boundary is not flagged)
//	largest_rise: rise = last year's rank - this year's rank > 0, the unit
//	    in the same category both years; the unit is flagged when at most
//	    K units of its table rose by as much or more
//
// Errors wrap [ErrRule]: a rule's Year not among the standings or without
// the history it needs, years out of order or repeated, a unit missing
// from a year of a rule's window, a category named by a rule with no units
// in a year. Rules on units of unranked tables flag nothing.
func ApplyYearRules(standings []*Standing, rules []indicator.YearRule) error {
	byYear := map[int]*Standing{}
	for k, s := range standings {
		if k > 0 && s.Year <= standings[k-1].Year {
			return fmt.Errorf("%w: years out of order or repeated: %d after %d", ErrRule, s.Year, standings[k-1].Year)
		}
		byYear[s.Year] = s
	}
	for _, s := range standings {
		for i := range s.Flags {
			s.Flags[i] = slices.DeleteFunc(s.Flags[i], func(f Flag) bool {
				return slices.ContainsFunc(rules, func(r indicator.YearRule) bool { return r.Name == f.Rule })
			})
		}
	}
	for _, r := range rules {
		span := r.N
		if r.Kind == "largest_rise" {
			span = 2
		}
		if span < 1 || r.K < 1 {
			return fmt.Errorf("%w: rule %q: k=%d, n=%d", ErrRule, r.Name, r.K, r.N)
		}
		years := []int{}
		if r.Year != 0 {
			if byYear[r.Year] == nil {
				return fmt.Errorf("%w: rule %q: year %d is not assessed (years: %s)", ErrRule, r.Name, r.Year, joinYears(yearsOf(standings)))
			}
			for y := r.Year - span + 1; y < r.Year; y++ {
				if byYear[y] == nil {
					return fmt.Errorf("%w: rule %q: year %d needs year %d, which is not assessed", ErrRule, r.Name, r.Year, y)
				}
			}
			years = append(years, r.Year)
		} else {
			for _, s := range standings {
				ok := true
				for y := s.Year - span + 1; y < s.Year; y++ {
					ok = ok && byYear[y] != nil
				}
				if ok {
					years = append(years, s.Year)
				}
			}
		}
		for _, y := range years {
			cur := byYear[y]
			if r.Category != "" && !slices.Contains(cur.Category, r.Category) {
				return fmt.Errorf("%w: rule %q: category %q has no units in %d", ErrRule, r.Name, r.Category, y)
			}
			window := make([]*Standing, span)
			pos := make([]map[string]int, span)
			for k := range span {
				window[k] = byYear[y-span+1+k]
				pos[k] = map[string]int{}
				for i, id := range window[k].Units {
					pos[k][id] = i
				}
			}
			for _, id := range cur.Units {
				for k := range span {
					if _, ok := pos[k][id]; !ok {
						return fmt.Errorf("%w: rule %q: unit %q is assessed in %d but missing from %d", ErrRule, r.Name, id, y, window[k].Year)
					}
				}
			}
			switch r.Kind {
			case "bottom_consecutive":
				for i, id := range cur.Units {
					if r.Category != "" && cur.Category[i] != r.Category {
						continue
					}
					ok := true
					var tables []string
					var years []int
					for k, s := range window {
						j := pos[k][id]
						t := s.Tables[s.table[j]]
						ok = ok && t.Ranked && s.first[j] > float64(len(t.Units)-r.K)
						tables = append(tables, fmt.Sprint(s.Year))
						years = append(years, s.Year)
					}
					if ok {
						t := cur.Tables[cur.table[i]]
						where := ""
						if t.Label != "" {
							where = " of " + t.Label
						}
						cur.Flags[i] = append(cur.Flags[i], Flag{Rule: r.Name,
							Reason: fmt.Sprintf("bottom %d%s in %s", r.K, where, strings.Join(tables, ", ")),
							Kind:   r.Kind, K: r.K, Table: t.Label, Years: years})
					}
				}
			case "largest_rise":
				prev := window[0]
				for _, t := range cur.Tables {
					if !t.Ranked || r.Category != "" && t.Category != r.Category && t.Category != "" {
						continue
					}
					type rise struct {
						i    int
						by   float64
						from float64
					}
					var rs []rise
					for _, i := range t.Units {
						if r.Category != "" && cur.Category[i] != r.Category {
							continue
						}
						j := pos[0][cur.Units[i]]
						if prev.Category[j] != cur.Category[i] || math.IsNaN(prev.Rank[j]) {
							continue
						}
						if by := prev.Rank[j] - cur.Rank[i]; by > 0 {
							rs = append(rs, rise{i, by, prev.Rank[j]})
						}
					}
					for _, a := range rs {
						atLeast := 0
						for _, b := range rs {
							if b.by >= a.by {
								atLeast++
							}
						}
						if atLeast <= r.K {
							cur.Flags[a.i] = append(cur.Flags[a.i], Flag{Rule: r.Name,
								Reason: fmt.Sprintf("rose %s %s (%s → %s) since %d", rankText(a.by), places(a.by), rankText(a.from), rankText(cur.Rank[a.i]), prev.Year),
								Kind:   r.Kind, By: a.by, From: a.from, To: cur.Rank[a.i], Since: prev.Year})
						}
					}
				}
			}
		}
	}
	return nil
}

func yearsOf(s []*Standing) []int {
	var y []int
	for _, x := range s {
		y = append(y, x.Year)
	}
	return y
}

func rankText(r float64) string { return fmt.Sprint(r) }

func places(by float64) string {
	if by == 1 {
		return "place"
	}
	return "places"
}
