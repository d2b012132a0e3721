package ranking

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/ppgpa/ppgpa/indicator"
)

// ErrGrading is wrapped by the errors returned for an unusable grading
// scheme (no grades, an unknown veto grade, a share outside [0, 1], ...).
var ErrGrading = errors.New("ranking: invalid grading")

// GradeRule is one grade: a score cutoff, a rank quota, or both (Hangzhou
// uses both: 优秀 needs at least 90 points and at most 20% of the units).
type GradeRule struct {
	// Name is the grade's label, e.g. "优秀".
	Name string `json:"name"`
	// MinScore is the inclusive score cutoff; nil means none.
	MinScore *float64 `json:"min_score,omitempty"`
	// MaxShare is the largest share of all units this grade may hold
	// (e.g. 0.2: at most floor(0.2 n + 1e-9) units); nil means no quota.
	MaxShare *float64 `json:"max_share,omitempty"`
}

// Grading is a grading scheme. The zero value has no grades; only ranks and
// bottom-k flags are produced.
type Grading struct {
	// Ranking says how scores are ranked (direction, ties, tolerance).
	Ranking Options `json:"ranking"`
	// Grades lists the grades, best first. The last grade takes every unit
	// that qualifies for no better one, whatever its own rule says.
	Grades []GradeRule `json:"grades,omitempty"`
	// VetoGrade is the name of the grade a vetoed unit gets; "" means the
	// last grade.
	VetoGrade string `json:"veto_grade,omitempty"`
	// BottomK flags the last BottomK units (Nanjing's last places); 0 means
	// none.
	BottomK int `json:"bottom_k,omitempty"`
}

// FromSpec converts the ranking section of a model to a Grading. A nil spec
// gives the zero Grading. Direction, ties, tolerances, Exact and the NaN
// policy go to Grading.Ranking. A section with a category column and no
// grades of its own has a Grading without grades and without a veto
// grade: its VetoGrade names a grade of its categories (see [Classify]). It returns an error wrapping [ErrGrading]
// for an unknown direction, tie method or NaN policy, a negative
// tolerance or bottom-k, Exact together with a tolerance, and the errors of
// [Grading.Validate].
func FromSpec(spec *indicator.RankingSpec) (Grading, error) {
	var g Grading
	if spec == nil {
		return g, nil
	}
	if err := g.Ranking.Ties.UnmarshalText([]byte(spec.Ties)); err != nil {
		return g, fmt.Errorf("%w: ties: %v", ErrGrading, err)
	}
	if spec.Direction != "" {
		if err := g.Ranking.Direction.UnmarshalText([]byte(spec.Direction)); err != nil {
			return g, fmt.Errorf("%w: direction: %v", ErrGrading, err)
		}
	}
	if spec.NaN != "" {
		if err := g.Ranking.NaN.UnmarshalText([]byte(spec.NaN)); err != nil {
			return g, fmt.Errorf("%w: nan: %v", ErrGrading, err)
		}
	}
	if !(spec.AbsTol >= 0) || !(spec.RelTol >= 0) || spec.BottomK < 0 {
		return g, fmt.Errorf("%w: abs_tol=%v rel_tol=%v bottom_k=%d must not be negative", ErrGrading, spec.AbsTol, spec.RelTol, spec.BottomK)
	}
	if spec.Exact && (spec.AbsTol != 0 || spec.RelTol != 0) {
		return g, fmt.Errorf("%w: exact comparison excludes abs_tol=%v and rel_tol=%v", ErrGrading, spec.AbsTol, spec.RelTol)
	}
	g.Ranking.AbsTol, g.Ranking.RelTol, g.Ranking.Exact = spec.AbsTol, spec.RelTol, spec.Exact
	for _, s := range spec.Grades {
		g.Grades = append(g.Grades, GradeRule{Name: s.Name, MinScore: clonePtr(s.MinScore), MaxShare: clonePtr(s.MaxShare)})
	}
	g.VetoGrade = spec.VetoGrade
	if spec.Category != "" && len(spec.Grades) == 0 {
		// The section's veto grade is then one of its categories'
		// grades, which take it (indicator.CategorySpec.VetoGrade;
		// RankingSpec.Validate checks it), not a grade of this Grading.
		g.VetoGrade = ""
	}
	g.BottomK = spec.BottomK
	return g, g.Validate()
}

func clonePtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Validate returns an error wrapping [ErrGrading] if a grade has an empty
// or repeated name, a NaN cutoff or a share outside [0, 1], if VetoGrade
// names no grade, or if BottomK is negative.
func (g Grading) Validate() error {
	seen := map[string]bool{}
	for i, r := range g.Grades {
		switch {
		case r.Name == "":
			return fmt.Errorf("%w: grade %d has no name", ErrGrading, i)
		case seen[r.Name]:
			return fmt.Errorf("%w: grade %q appears twice", ErrGrading, r.Name)
		case r.MinScore != nil && math.IsNaN(*r.MinScore):
			return fmt.Errorf("%w: grade %q: min_score is NaN", ErrGrading, r.Name)
		case r.MaxShare != nil && !(*r.MaxShare >= 0 && *r.MaxShare <= 1):
			return fmt.Errorf("%w: grade %q: max_share=%v, want 0..1", ErrGrading, r.Name, *r.MaxShare)
		}
		seen[r.Name] = true
	}
	if g.VetoGrade != "" && !seen[g.VetoGrade] {
		return fmt.Errorf("%w: veto_grade %q is not a grade", ErrGrading, g.VetoGrade)
	}
	if g.BottomK < 0 {
		return fmt.Errorf("%w: bottom_k=%d", ErrGrading, g.BottomK)
	}
	return nil
}

// GradeResult is the result of [Grade]: per unit, in input order.
type GradeResult struct {
	Rank    []float64 // rank under Grading.Ranking
	Grade   []int     // index into Grading.Grades; -1 when there are no grades
	Name    []string  // grade name; "" when there are no grades
	BottomK []bool    // among the last BottomK units
	// Fingerprint is the SHA-256 of the scores, veto flags, unit ids and
	// grading (see [Fingerprint]; no model or data: a caller grading a
	// model's scores reports the fingerprint of the model and data too,
	// as [Verify] does).
	Fingerprint string
}

// Grade ranks scores and assigns grades and bottom-k flags. Units are
// taken best first, one tie group at a time (units with equal rank under
// Grading.Ranking's direction and tolerance, so tied units always share a
// grade); the current grade starts at the best and only moves down. A
// group enters the current grade when every member's score meets its
// cutoff (score >= MinScore - (AbsTol + RelTol |MinScore|) with the
// tolerances in force, see [Options]; higher-first
// ranking; <= MinScore + tolerance when lower is better) and the group fits
// in what is left of its quota (a quota is never exceeded: a tie group
// that would cross it moves down as a whole); otherwise the next grade is
// tried. The last grade takes the rest. Vetoed units (vetoed may be nil)
// get VetoGrade (default the last) whatever their score, and are left out
// of the quota counts; they keep their rank. Under NaNLast a unit with a
// NaN score gets the last grade, even where quotas alone would leave room
// above, and is likewise left out of the quota counts. A unit is flagged bottom-k
// when every position its tie group occupies is among the last BottomK, so
// at most BottomK units are flagged.
//
// Errors are those of [Rank], [Grading.Validate] and [Fingerprint] (an
// infinite tolerance cannot be encoded). Grade panics if ids
// (may be nil) or vetoed have a length other than len(scores).
func Grade(scores []float64, vetoed []bool, ids []string, g Grading) (*GradeResult, error) {
	res, _, err := grade(scores, vetoed, ids, g)
	return res, err
}

// parallelGradeMin is the number of units from which grade computes its
// minimum ranks and fingerprint on other cores.
var parallelGradeMin = 1024

// grade is Grade that also returns the ranks under g.Ranking with the
// ties at their minimum (TieMin), from which it grades.
func grade(scores []float64, vetoed []bool, ids []string, g Grading) (*GradeResult, []float64, error) {
	n := len(scores)
	if vetoed != nil && len(vetoed) != n {
		panic(fmt.Sprintf("ranking: len(vetoed)=%d != len(scores)=%d", len(vetoed), n))
	}
	if err := g.Validate(); err != nil {
		return nil, nil, err
	}
	// The ranks, the ranks with ties at their minimum and the fingerprint
	// read the inputs alone: for many units, the last two are computed on
	// other cores meanwhile (errors are still those of the first that
	// fails, in this order).
	minOpt := g.Ranking
	minOpt.Ties = TieMin
	var minRank []float64
	var fp string
	var fpErr error
	var wg sync.WaitGroup
	if n >= parallelGradeMin {
		wg.Add(2)
		go func() { defer wg.Done(); minRank, _ = Rank(scores, ids, minOpt) }()
		go func() { defer wg.Done(); fp, fpErr = gradeFingerprint(scores, vetoed, ids, g) }()
	}
	rank, err := Rank(scores, ids, g.Ranking)
	if n >= parallelGradeMin {
		wg.Wait()
	} else if err == nil {
		minRank, _ = Rank(scores, ids, minOpt)
		fp, fpErr = gradeFingerprint(scores, vetoed, ids, g)
	}
	if err != nil {
		return nil, nil, err
	}
	res := &GradeResult{Rank: rank, Grade: make([]int, n), Name: make([]string, n), BottomK: make([]bool, n), Fingerprint: fp}
	if fpErr != nil {
		return nil, nil, fpErr
	}
	for i := range n {
		res.BottomK[i] = g.BottomK > 0 && minRank[i] > float64(n-g.BottomK)
		res.Grade[i] = -1
	}
	if len(g.Grades) == 0 {
		return res, minRank, nil
	}
	// order: units best first by (min rank, index); groups share min rank.
	// Counting sort on the integer min ranks keeps it stable and simple.
	order := make([]int, 0, n)
	byRank := make([][]int, n+1)
	for i, r := range minRank {
		byRank[int(r)] = append(byRank[int(r)], i)
	}
	for _, b := range byRank {
		order = append(order, b...)
	}
	last := len(g.Grades) - 1
	veto := last
	for k, r := range g.Grades {
		if r.Name == g.VetoGrade {
			veto = k
		}
	}
	count := make([]int, len(g.Grades))
	cur := 0
	for s := 0; s < len(order); {
		e := s + 1
		for e < len(order) && minRank[order[e]] == minRank[order[s]] {
			e++
		}
		var group []int
		for _, i := range order[s:e] {
			if vetoed != nil && vetoed[i] {
				res.Grade[i] = veto
				continue
			}
			if scores[i] != scores[i] {
				res.Grade[i] = last // NaN (under NaNLast): no score earns a grade
				continue
			}
			group = append(group, i)
		}
		for cur < last && !g.admits(cur, group, scores, count[cur], n) {
			cur++
		}
		for _, i := range group {
			res.Grade[i] = cur
		}
		count[cur] += len(group)
		s = e
	}
	for i, k := range res.Grade {
		res.Name[i] = g.Grades[k].Name
	}
	return res, minRank, nil
}

// admits reports whether grade k takes the whole group, which already has
// used units of its quota.
func (g Grading) admits(k int, group []int, scores []float64, used, n int) bool {
	r := g.Grades[k]
	if r.MaxShare != nil {
		quota := int(math.Floor(float64(*r.MaxShare*float64(n)) + 1e-9))
		if used+len(group) > quota {
			return false
		}
	}
	if r.MinScore != nil {
		c := *r.MinScore
		abs, rel := g.Ranking.tolerances()
		tol := abs + float64(rel*math.Abs(c))
		for _, i := range group {
			s := scores[i]
			if g.Ranking.Direction == HigherFirst && !(s >= c-tol) || g.Ranking.Direction == LowerFirst && !(s <= c+tol) {
				return false
			}
		}
	}
	return true
}

// gradeFingerprint hashes the inputs of [Grade], with numbers as text so
// that NaN scores and infinite cutoffs encode too.
func gradeFingerprint(scores []float64, vetoed []bool, ids []string, g Grading) (string, error) {
	type rule struct {
		Name     string
		MinScore string
		MaxShare *float64
	}
	rules := make([]rule, len(g.Grades))
	for k, r := range g.Grades {
		rules[k] = rule{Name: r.Name, MaxShare: r.MaxShare}
		if r.MinScore != nil {
			rules[k].MinScore = floatText([]float64{*r.MinScore})[0]
		}
	}
	return Fingerprint(nil, nil, struct {
		Analysis  string
		Scores    []string
		Vetoed    []bool
		IDs       []string
		Ranking   Options
		Grades    []rule
		VetoGrade string
		BottomK   int
	}{"grade", floatText(scores), vetoed, ids, g.Ranking, rules, g.VetoGrade, g.BottomK})
}
