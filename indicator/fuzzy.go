package indicator

import (
	"fmt"
	"math"
	"slices"
)

// FuzzyGrade is one evaluation grade of fuzzy comprehensive evaluation
// (评语等级): its label, e.g. "很满意", and its value, the points a unit
// gets for full membership of the grade, e.g. 100.
type FuzzyGrade struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// Composition operators of fuzzy (see [Aggregation].Operator).
const (
	OperatorWeightedAverage = "weighted_average"
	OperatorZadeh           = "zadeh"
)

// FuzzyResult is the result of fuzzy comprehensive evaluation
// ([FuzzyComposite], [Prepared.Fuzzy]): per unit, the membership vector
// b (one value per grade, summing to 1), the grade of maximum membership
// (an index into Grades) and the score sum_k b_k v_k. A unit left out
// (no answers on a factor of positive weight) has NaN membership and
// score and Grade -1.
type FuzzyResult struct {
	Grades     []FuzzyGrade
	Membership [][]float64
	Grade      []int
	Scores     []float64
}

// GradeLabel returns the label of unit u's grade ("" for a unit left
// out).
func (r *FuzzyResult) GradeLabel(u int) string {
	if r.Grade[u] < 0 {
		return ""
	}
	return r.Grades[r.Grade[u]].Label
}

// FuzzyComposite is fuzzy comprehensive evaluation (模糊综合评价, 汪培庄
// 1983 [9]) of units on factors j with weights w (one per factor,
// non-negative; divided by their sum, a_j) and grades k with values v_k.
// s[u][j] holds unit u's answer shares (or counts) per grade on factor
// j, e.g. the shares of 很满意, 满意, 一般, 不满意 and 很不满意 among the
// residents' answers; each row is divided by its sum into the membership
// row r_j. Then, with operator "weighted_average" (or "", the model
// M(·,+)):
//
//	b_k = sum_j a_j r_jk
//
// whose memberships sum to 1, and with operator "zadeh" (Zadeh's
// max–min composition, the model M(∧,∨)):
//
//	b'_k = max_j min(a_j, r_jk),   b_k = b'_k / sum_k b'_k
//
// normalised so that the memberships sum to 1 (M(∧,∨) keeps only the
// largest of the weighted memberships, so it loses most of the
// information when there are many factors: 汪培庄 recommends M(·,+)
// for a comprehensive score). The unit's grade is the one of maximum
// membership (the first of equal ones, in the order of grades) and its
// score is
//
//	score = sum_k b_k v_k
//
// Every product is rounded before it is added, and sums run in factor
// and grade order (the same bits on every architecture and unit order).
//
// In a model, the shares are the columns of a fuzzy group's leaves (see
// [AggregationMethod]): percentages or proportions in [0, 100]. They come
// from the survey side as survey.AnswerSet.CategoryCounts, whose
// Weighted[u][k] is unit u's weighted number of answers in category k of
// an item: 100 Weighted[u][k] / sum_k Weighted[u][k] is the percentage of
// a grade, with the categories of the questionnaire's scale as the grades
// and their points as the grade values (so that, with M(·,+) and one
// factor, the score is the item's mean score).
//
// It returns an error naming the unit for a negative or non-finite share
// and a factor of positive weight without any answer (all shares 0), and
// errors for fewer than two grades, an unknown operator, a negative or
// non-finite weight and weights summing to 0. A factor of positive
// weight with a NaN share leaves the unit out. It panics if s[u] does not
// have len(w) rows or a row does not have len(grades) values.
func FuzzyComposite(s [][][]float64, w []float64, grades []FuzzyGrade, operator string) (*FuzzyResult, error) {
	return fuzzyComposite(s, w, grades, operator, nil)
}

// fuzzyComposite is FuzzyComposite with the factors' names for errors
// (nil: their positions).
func fuzzyComposite(s [][][]float64, w []float64, grades []FuzzyGrade, operator string, names []string) (*FuzzyResult, error) {
	factor := func(j int) string {
		if names != nil {
			return fmt.Sprintf("factor %q", names[j])
		}
		return fmt.Sprintf("factor %d", j)
	}
	if err := checkGrades(grades); err != nil {
		return nil, fmt.Errorf("%w: fuzzy: %v", ErrInvalidModel, err)
	}
	if operator != "" && operator != OperatorWeightedAverage && operator != OperatorZadeh {
		return nil, fmt.Errorf("%w: unknown fuzzy operator %q (want %q or %q)", ErrInvalidModel, operator, OperatorWeightedAverage, OperatorZadeh)
	}
	if _, _, err := completeRows(nil, w); err != nil {
		return nil, err
	}
	n, m, K := len(s), len(w), len(grades)
	a := unitWeights(w)
	res := &FuzzyResult{Grades: cloneSlice(grades), Membership: make([][]float64, n), Grade: make([]int, n), Scores: nanSlice(n)}
	r := make([]float64, K)
	for u, rows := range s {
		if len(rows) != m {
			panic(fmt.Sprintf("indicator: unit %d has %d factors for %d weights", u, len(rows), m))
		}
		b := make([]float64, K)
		res.Membership[u], res.Grade[u] = b, -1
		left := false
		for j, row := range rows {
			if len(row) != K {
				panic(fmt.Sprintf("indicator: unit %d, factor %d has %d shares for %d grades", u, j, len(row), K))
			}
			if a[j] == 0 {
				continue
			}
			var sum float64
			for k, x := range row {
				if x != x {
					left = true
					break
				}
				if x < 0 || math.IsInf(x, 0) {
					return nil, &unitErr{u, fmt.Errorf("%w: fuzzy: %s, grade %q: share %v", ErrDomain, factor(j), grades[k].Label, x)}
				}
				sum += x
			}
			if left {
				break
			}
			if !(sum > 0) {
				return nil, &unitErr{u, fmt.Errorf("%w: fuzzy: %s has no answers (every share is 0)", ErrDomain, factor(j))}
			}
			for k, x := range row {
				r[k] = x / sum
			}
			for k := range b {
				if operator == OperatorZadeh {
					b[k] = max(b[k], min(a[j], r[k]))
				} else {
					b[k] = float64(a[j]*r[k]) + b[k]
				}
			}
		}
		if left {
			for k := range b {
				b[k] = math.NaN()
			}
			continue
		}
		if operator == OperatorZadeh {
			var sum float64
			for _, x := range b {
				sum += x
			}
			for k := range b {
				b[k] /= sum
			}
		}
		best, score := 0, 0.0
		for k, x := range b {
			if x > b[best] {
				best = k
			}
			score = float64(x*grades[k].Value) + score
		}
		res.Grade[u], res.Scores[u] = best, score
	}
	return res, nil
}

// checkGrades checks the grades of fuzzy: at least two, labels non-empty
// and distinct, values finite.
func checkGrades(g []FuzzyGrade) error {
	if len(g) < 2 {
		return fmt.Errorf("fuzzy needs at least two grades, got %d", len(g))
	}
	seen := map[string]bool{}
	for k, x := range g {
		switch {
		case x.Label == "":
			return fmt.Errorf("grades[%d] has no label", k)
		case seen[x.Label]:
			return fmt.Errorf("grades[%d]: label %q repeated", k, x.Label)
		case !finite(x.Value):
			return fmt.Errorf("grades[%d] (%q): value %v must be finite", k, x.Label, x.Value)
		}
		seen[x.Label] = true
	}
	return nil
}

// fuzzyGroup evaluates the fuzzy group c with aggregation a and local
// weights w on the node scores. A group whose children are leaves is one
// factor: its K children are the shares of the K grades, in the order of
// the grades, and their weights are not used. A group whose children are
// groups composes their factors: each child is a group of K leaves, the
// shares of one factor.
func (p *Plan) fuzzyGroup(c *cnode, a Aggregation, scores [][]float64, w []float64) (*FuzzyResult, error) {
	K := len(a.Grades)
	leafKids := p.nodes[c.children[0]].leaf >= 0
	factors := [][]int{c.children}
	if leafKids {
		w = []float64{1}
	} else {
		factors = make([][]int, len(c.children))
		for j, ch := range c.children {
			factors[j] = p.nodes[ch].children
		}
	}
	for j, f := range factors {
		if len(f) != K {
			return nil, fmt.Errorf("%w: fuzzy: factor %d has %d share columns for %d grades", ErrInvalidModel, j, len(f), K)
		}
		for _, i := range f {
			if p.nodes[i].leaf < 0 {
				return nil, fmt.Errorf("%w: fuzzy: %q is a group, not the shares of a grade (the children of a fuzzy group are the grade shares, or groups of them)", ErrInvalidModel, p.nodes[i].id)
			}
		}
	}
	n := len(scores[c.children[0]])
	back := make([]float64, n*len(factors)*K)
	s := make([][][]float64, n)
	for u := range s {
		s[u] = make([][]float64, len(factors))
		for j, f := range factors {
			row := back[:K:K]
			back = back[K:]
			for k, i := range f {
				row[k] = scores[i][u]
			}
			s[u][j] = row
		}
	}
	names := []string{c.id}
	if !leafKids {
		names = make([]string, len(factors))
		for j, ch := range c.children {
			names[j] = p.nodes[ch].id
		}
	}
	return fuzzyComposite(s, w, a.Grades, a.Operator, names)
}

// Fuzzy returns the fuzzy comprehensive evaluation of the group at path
// (a fuzzy group of the plan): each unit's membership of every grade, its
// grade of maximum membership and its score, as the aggregation computed
// them on the prepared table. It returns an error for a path that is not
// a group aggregated by fuzzy.
func (pr *Prepared) Fuzzy(path string) (*FuzzyResult, error) {
	p := pr.plan
	for g, i := range p.groups {
		c := &p.nodes[i]
		if c.path != path {
			continue
		}
		if c.agg.Method != Fuzzy {
			return nil, fmt.Errorf("indicator: node %q is aggregated by %s, not fuzzy", path, c.agg.Method)
		}
		r, err := p.fuzzyGroup(c, c.agg, pr.scores, pr.weights[g])
		if err != nil {
			return nil, &NodeError{Path: path, Err: err}
		}
		return r, nil
	}
	return nil, fmt.Errorf("indicator: no group %q", path)
}

// singleFactor reports whether n is a fuzzy group of grade shares: a
// group aggregated by fuzzy whose children are all leaves, the shares of
// one factor's grades. Its children carry no weights.
func singleFactor(n *Node) bool {
	if n == nil || n.Aggregation == nil || n.Aggregation.Method != Fuzzy || len(n.Children) == 0 {
		return false
	}
	for _, c := range n.Children {
		if c == nil || !c.IsLeaf() {
			return false
		}
	}
	return true
}

// equalShares returns k weights 1/k (the nominal weights of a group of
// grade shares, which fuzzy does not use).
func equalShares(k int) []float64 {
	w := make([]float64, k)
	for j := range w {
		w[j] = 1 / float64(k)
	}
	return w
}

// fuzzyStructure checks a fuzzy group n at path p: either its children
// are K leaves (the grade shares of one factor, K the number of grades),
// or they are fuzzy groups of grade shares with the same grades.
func (v *validator) fuzzyStructure(p string, n *Node) {
	a := n.Aggregation
	if a == nil || a.Method != Fuzzy || checkGrades(a.Grades) != nil {
		return
	}
	if singleFactor(n) {
		if len(n.Children) != len(a.Grades) {
			v.add(p, "aggregation: fuzzy group of grade shares has %d children for %d grades (one leaf per grade, in the order of the grades)", len(n.Children), len(a.Grades))
		}
		return
	}
	for j, c := range n.Children {
		if c == nil {
			continue
		}
		if !singleFactor(c) {
			v.add(nodePath(p, c, j), "a child of a fuzzy group must be the grade shares of one factor: a group aggregated by fuzzy whose children are its leaves, one per grade")
			continue
		}
		if !slices.Equal(c.Aggregation.Grades, a.Grades) {
			v.add(nodePath(p, c, j), "aggregation: fuzzy grades differ from the parent's (a factor and the composite use the same grades)")
		}
	}
}

// gradeShare checks a grade-share leaf at path p: the shares are used as
// they are, so the leaf must be normalised by none (shares in [0, 100],
// percentages or proportions) and be higher-is-better (else none would
// turn a share s into 100 - s).
func (v *validator) gradeShare(p string, in inherited) {
	if in.norm == nil || in.norm.Method != NormNone {
		v.add(p, "grade share of a fuzzy group: set normalization none (the shares are used as they are)")
	}
	if in.lower {
		v.add(p, "grade share of a fuzzy group: polarity must be higher (a share is not turned)")
	}
}
