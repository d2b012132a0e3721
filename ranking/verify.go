package ranking

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/ppgpa/ppgpa/indicator"
)

// Published is a published ranking to verify. Any of Scores, Ranks and
// Grades may be nil (not published); the others are per unit, in the order
// of Units.
type Published struct {
	Units  []string  `json:"units"`
	Scores []float64 `json:"scores,omitempty"`
	Ranks  []float64 `json:"ranks,omitempty"`
	Grades []string  `json:"grades,omitempty"`
}

// VerifySettings configures [Verify]. The zero value compares scores within
// 1e-9 absolute.
type VerifySettings struct {
	// ScoreTol is the largest absolute difference between a published and
	// a recomputed score that counts as equal; 0 means 1e-9. Published
	// scores rounded to two decimals need 0.005.
	ScoreTol float64 `json:"score_tol,omitempty"`
}

// Difference is one unit's disagreement between a published and a
// recomputed result. Field is "unit" (a unit in only one of the two),
// "score", "rank" or "grade".
type Difference struct {
	Unit       string `json:"unit"`
	Field      string `json:"field"`
	Published  string `json:"published"`
	Recomputed string `json:"recomputed"`
}

// Report is the result of [Verify].
type Report struct {
	// Fingerprint identifies the model and data verified:
	// Fingerprint(model, table, nil), the same whatever the score
	// tolerance (see [Fingerprint]).
	Fingerprint string `json:"fingerprint"`
	// Units is the number of units compared.
	Units int `json:"units"`
	// Differences lists every disagreement, in published unit order
	// (units only in the data last).
	Differences []Difference `json:"differences"`
	// Result holds the recomputed ranks and grades, in table order.
	Result *GradeResult `json:"-"`
}

// OK reports whether nothing differs.
func (r *Report) OK() bool { return len(r.Differences) == 0 }

// Verify recomputes a published ranking from the compiled model and the
// data: it evaluates plan on t, ranks and grades the scores by the model's
// ranking section ([UnitsOf], [Classify]: categories, veto placement,
// promotion; vetoes from the evaluation), and reports
// unit by unit every published score that differs by more than
// s.ScoreTol plus the ranking's tie tolerance (so scores the ranking
// treats as tied always agree; two NaN scores agree), every rank that
// differs at all, every grade that differs,
// and every unit present on one side only. An empty Differences means the
// same ranking, grades and scores within the tolerance.
//
// It returns the errors of [indicator.Plan.Evaluate], [FromSpec],
// [UnitsOf] and [Classify], and [Fingerprint]'s. It panics if a non-nil Scores, Ranks or
// Grades does not have len(pub.Units) entries.
func Verify(ctx context.Context, plan *indicator.Plan, t *indicator.Table, pub Published, s VerifySettings) (*Report, error) {
	m := len(pub.Units)
	if pub.Scores != nil && len(pub.Scores) != m || pub.Ranks != nil && len(pub.Ranks) != m || pub.Grades != nil && len(pub.Grades) != m {
		panic(fmt.Sprintf("ranking: published ranking with %d units has %d scores, %d ranks, %d grades", m, len(pub.Scores), len(pub.Ranks), len(pub.Grades)))
	}
	tol := s.ScoreTol
	if tol == 0 {
		tol = 1e-9
	}
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
	fp, err := Fingerprint(model, t, nil)
	if err != nil {
		return nil, err
	}
	rep := &Report{Fingerprint: fp, Result: gr, Differences: []Difference{}}
	index := make(map[string]int, len(res.Units))
	for i, u := range res.Units {
		index[u] = i
	}
	seen := make(map[string]bool, m)
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	add := func(u, f, p, r string) { rep.Differences = append(rep.Differences, Difference{u, f, p, r}) }
	for k, u := range pub.Units {
		seen[u] = true
		i, ok := index[u]
		if !ok {
			add(u, "unit", "present", "missing")
			continue
		}
		rep.Units++
		if pub.Scores != nil && !sameScore(pub.Scores[k], res.Score[i], tol, g.Ranking) {
			add(u, "score", num(pub.Scores[k]), num(res.Score[i]))
		}
		if pub.Ranks != nil && pub.Ranks[k] != gr.Rank[i] {
			add(u, "rank", num(pub.Ranks[k]), num(gr.Rank[i]))
		}
		if pub.Grades != nil && pub.Grades[k] != gr.Name[i] {
			add(u, "grade", pub.Grades[k], gr.Name[i])
		}
	}
	for _, u := range res.Units {
		if !seen[u] {
			add(u, "unit", "missing", "present")
		}
	}
	return rep, nil
}

// sameScore reports whether a published score p and a recomputed score r
// agree: both NaN, or
//
//	|p - r| <= tol + abs + rel * max(|p|, |r|)
//
// with abs and rel the ranking's tie tolerances in force, so that two
// scores the ranking would treat as tied are never reported as different.
func sameScore(p, r, tol float64, o Options) bool {
	if p != p || r != r {
		return p != p && r != r
	}
	if p == r {
		return true
	}
	abs, rel := o.tolerances()
	m := math.Max(math.Abs(p), math.Abs(r))
	return math.Abs(p-r) <= tol+abs+float64(rel*m)
}
