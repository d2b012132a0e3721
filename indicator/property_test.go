package indicator_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// scenario is a generated model with its data.
type scenario struct {
	model *indicator.Model
	units []string
	cols  []string
	rows  [][]float64
}

func (s *scenario) table(t *rapid.T) *indicator.Table { return mustTable(t, s.units, s.cols, s.rows) }

// genScenario draws a two- or three-level tree whose leaves use a
// normalisation from norms and whose groups aggregate by a method from
// aggs, and a table of 2 to 12 units with values in [1, 100]. Constant
// columns score 50 (so they are not errors).
func genScenario(t *rapid.T, norms []indicator.NormalizationMethod, aggs []indicator.AggregationMethod) *scenario {
	s := &scenario{}
	n := rapid.IntRange(2, 12).Draw(t, "units")
	for i := range n {
		s.units = append(s.units, fmt.Sprintf("u%02d", i))
	}
	var leaf func(id string) *indicator.Node
	leaf = func(id string) *indicator.Node {
		col := fmt.Sprintf("c%d", len(s.cols))
		s.cols = append(s.cols, col)
		nz := &indicator.Normalization{Method: rapid.SampledFrom(norms).Draw(t, "norm"), Constant: fp(50)}
		if nz.Method == indicator.NormMinMax && rapid.Bool().Draw(t, "goalposts") {
			nz.Worst, nz.Best = fp(0), fp(100)
		}
		n := &indicator.Node{ID: id, Column: col, Weight: rapid.Float64Range(0.1, 5).Draw(t, "weight"), Normalization: nz}
		if rapid.Bool().Draw(t, "lower") {
			n.Polarity = indicator.LowerIsBetter
			if nz.Worst != nil {
				nz.Worst, nz.Best = nz.Best, nz.Worst
			}
		}
		return n
	}
	group := func(id string, depth int) *indicator.Node {
		g := &indicator.Node{ID: id, Weight: rapid.Float64Range(0.1, 5).Draw(t, "weight"),
			Aggregation: &indicator.Aggregation{Method: rapid.SampledFrom(aggs).Draw(t, "agg")}}
		if g.Aggregation.Method == indicator.Power {
			g.Aggregation.P = rapid.SampledFrom([]float64{-2, -1, 0.5, 2, 3}).Draw(t, "p")
		}
		k := rapid.IntRange(1, 4).Draw(t, "children")
		for j := range k {
			cid := fmt.Sprintf("%s.%d", id, j)
			if depth > 0 && rapid.Bool().Draw(t, "subgroup") {
				sub := &indicator.Node{ID: cid, Weight: rapid.Float64Range(0.1, 5).Draw(t, "weight"), Aggregation: g.Aggregation}
				for l := range rapid.IntRange(1, 3).Draw(t, "leaves") {
					sub.Children = append(sub.Children, leaf(fmt.Sprintf("%s.%d", cid, l)))
				}
				g.Children = append(g.Children, sub)
			} else {
				g.Children = append(g.Children, leaf(cid))
			}
		}
		return g
	}
	s.model = &indicator.Model{Version: 1, Name: "generated", Root: group("r", 1)}
	s.rows = make([][]float64, n)
	for i := range s.rows {
		s.rows[i] = make([]float64, len(s.cols))
		for j := range s.rows[i] {
			s.rows[i][j] = rapid.Float64Range(1, 100).Draw(t, "x")
		}
	}
	return s
}

var (
	minmaxOnly = []indicator.NormalizationMethod{indicator.NormMinMax}
	arithOnly  = []indicator.AggregationMethod{indicator.Arithmetic}
	allNorms   = []indicator.NormalizationMethod{indicator.NormMinMax, indicator.NormZScore, indicator.NormRank,
		indicator.NormPercentile, indicator.NormRatioMean, indicator.NormNone, indicator.NormEfficacy}
	// normalisations that give non-negative scores for data in [1, 100],
	// as entropy weights and benefit of the doubt need.
	nonNegNorms = []indicator.NormalizationMethod{indicator.NormMinMax, indicator.NormRank,
		indicator.NormPercentile, indicator.NormRatioMean, indicator.NormNone, indicator.NormEfficacy}
	meanAggs = []indicator.AggregationMethod{indicator.Arithmetic, indicator.Geometric, indicator.Harmonic, indicator.Power}
	// positive-safe aggregations for normalisations that can give 0 or less.
	anyAggs = []indicator.AggregationMethod{indicator.Arithmetic, indicator.Minimum, indicator.Median}
)

func TestPropertyMinMaxArithmeticRange(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, minmaxOnly, arithOnly)
		r := mustEval(t, s.model, s.table(t))
		// Local weights are rounded to sum 1 within an ulp or two, so a
		// sum of 100s may exceed 100 by as much.
		const eps = 1e-12
		for _, nr := range r.Nodes {
			for u, v := range nr.Scores {
				if !(v >= -eps && v <= 100+eps) {
					t.Fatalf("node %s unit %d: score %v outside [0, 100]", nr.Path, u, v)
				}
			}
		}
	})
}

// positiveGoalposts gives every leaf below n the fixed goalposts 0 and 100
// (101 and 0 for lower-is-better ones), which keep the scores of data in
// [1, 100] positive for the geometric and harmonic means, and returns the
// leaves.
func positiveGoalposts(n *indicator.Node) []*indicator.Node {
	if n.IsLeaf() {
		n.Normalization.Worst, n.Normalization.Best = fp(0), fp(100)
		if n.Polarity == indicator.LowerIsBetter {
			n.Normalization.Worst, n.Normalization.Best = fp(101), fp(0)
		}
		return []*indicator.Node{n}
	}
	var out []*indicator.Node
	for _, c := range n.Children {
		out = append(out, positiveGoalposts(c)...)
	}
	return out
}

func TestPropertyMonotone(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, minmaxOnly, meanAggs)
		leaves := positiveGoalposts(s.model.Root)
		j := rapid.IntRange(0, len(leaves)-1).Draw(t, "leaf")
		leaves[j].Polarity = indicator.HigherIsBetter
		leaves[j].Normalization.Worst, leaves[j].Normalization.Best = fp(0), fp(100)
		before := mustEval(t, s.model, s.table(t)).Score
		u := rapid.IntRange(0, len(s.units)-1).Draw(t, "unit")
		col := -1
		for k, c := range s.cols {
			if c == leaves[j].Column {
				col = k
			}
		}
		s.rows[u][col] += rapid.Float64Range(0.001, 50).Draw(t, "raise")
		after := mustEval(t, s.model, s.table(t)).Score
		if after[u] < before[u] {
			t.Fatalf("raising %s for unit %d lowered its score from %v to %v", leaves[j].ID, u, before[u], after[u])
		}
	})
}

func TestPropertyPermutation(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		// Data-driven weights and benefit of the doubt compute over all
		// units; they must give the same bits in any row order too.
		scheme := rapid.SampledFrom([]string{"", "", "entropy", "critic", "sd", "pca", "bod"}).Draw(t, "scheme")
		norms := allNorms
		if scheme != "" {
			norms = nonNegNorms
		}
		s := genScenario(t, norms, anyAggs)
		switch scheme {
		case "":
		case "bod":
			s.model.Root.Aggregation = &indicator.Aggregation{Method: indicator.BoD}
		default:
			var set func(n *indicator.Node)
			set = func(n *indicator.Node) {
				if len(n.Children) > 1 {
					n.Weighting = &weighting.Spec{Method: scheme}
				}
				for _, c := range n.Children {
					set(c)
				}
			}
			set(s.model.Root)
		}
		if rapid.Bool().Draw(t, "missing") {
			s.model.Root.Imputation = &indicator.Imputation{Method: rapid.SampledFrom([]indicator.ImputationMethod{
				indicator.ImputeMean, indicator.ImputeMedian, indicator.ImputeAvailable}).Draw(t, "imputation")}
			s.rows[rapid.IntRange(0, len(s.rows)-1).Draw(t, "missing unit")][rapid.IntRange(0, len(s.cols)-1).Draw(t, "missing col")] = math.NaN()
		}
		if rapid.Bool().Draw(t, "transform") {
			s.model.Root.Transform = &indicator.Transform{Method: rapid.SampledFrom([]indicator.TransformMethod{
				indicator.TransformLog, indicator.TransformWinsorize, indicator.TransformSkewKurtosis}).Draw(t, "transform"), Lower: 0.1, Upper: 0.9}
		}
		p, err := indicator.Compile(s.model)
		if err != nil {
			t.Fatal(err)
		}
		r1, err1 := p.Evaluate(context.Background(), s.table(t))
		perm := rapid.Permutation(seq(len(s.units))).Draw(t, "perm")
		ps := &scenario{model: s.model, cols: s.cols}
		for _, i := range perm {
			ps.units = append(ps.units, s.units[i])
			ps.rows = append(ps.rows, s.rows[i])
		}
		r2, err2 := p.Evaluate(context.Background(), ps.table(t))
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v / %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		// Undo the permutation of every per-unit slice of r2.
		unperm := func(x []float64) []float64 {
			if x == nil {
				return nil
			}
			out := make([]float64, len(x))
			for k, i := range perm {
				out[i] = x[k]
			}
			return out
		}
		exact := cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b) })
		if d := cmp.Diff(r1.Score, unperm(r2.Score), exact); d != "" {
			t.Fatalf("scores not permuted exactly (-want +got):\n%s", d)
		}
		for i := range r1.Nodes {
			a, b := &r1.Nodes[i], &r2.Nodes[i]
			for name, pair := range map[string][2][]float64{
				"scores": {a.Scores, b.Scores}, "raw": {a.Raw, b.Raw}, "contribution": {a.Contribution, b.Contribution}, "share": {a.Share, b.Share},
			} {
				if d := cmp.Diff(pair[0], unperm(pair[1]), exact); d != "" {
					t.Fatalf("node %s %s (-want +got):\n%s", a.Path, name, d)
				}
			}
		}
		if d := cmp.Diff(r1.Weights, r2.Weights, exact); d != "" {
			t.Fatalf("weights differ:\n%s", d)
		}
	})
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestPropertyScaleInvariance(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, []indicator.NormalizationMethod{indicator.NormMinMax, indicator.NormZScore}, arithOnly)
		var clearPosts func(n *indicator.Node)
		clearPosts = func(n *indicator.Node) {
			if n.Normalization != nil {
				n.Normalization.Worst, n.Normalization.Best = nil, nil
			}
			for _, c := range n.Children {
				clearPosts(c)
			}
		}
		clearPosts(s.model.Root)
		r1 := mustEval(t, s.model, s.table(t))
		j := rapid.IntRange(0, len(s.cols)-1).Draw(t, "column")
		c := rapid.Float64Range(0.01, 1000).Draw(t, "factor")
		for i := range s.rows {
			s.rows[i][j] *= c
		}
		r2 := mustEval(t, s.model, s.table(t))
		opt := cmpopts.EquateApprox(0, 1e-9)
		for i := range r1.Nodes {
			if d := cmp.Diff(r1.Nodes[i].Scores, r2.Nodes[i].Scores, opt); d != "" {
				t.Fatalf("node %s changed when column %d was scaled by %v:\n%s", r1.Nodes[i].Path, j, c, d)
			}
		}
	})
}

func TestPropertyEqualWeightsPlainMean(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, allNorms, arithOnly)
		root := &indicator.Node{ID: "root", Weighting: &weighting.Spec{Method: "equal"}}
		var collect func(n *indicator.Node)
		collect = func(n *indicator.Node) {
			if n.IsLeaf() {
				root.Children = append(root.Children, n)
			}
			for _, c := range n.Children {
				collect(c)
			}
		}
		collect(s.model.Root)
		r := mustEval(t, &indicator.Model{Version: 1, Name: "flat", Root: root}, s.table(t))
		for u := range s.units {
			sum := 0.0
			for _, nr := range r.Nodes[1:] {
				sum += nr.Scores[u]
			}
			want := sum / float64(len(root.Children))
			if math.Abs(r.Score[u]-want) > 1e-9*(1+math.Abs(want)) {
				t.Fatalf("unit %d: score %v, plain mean %v", u, r.Score[u], want)
			}
		}
	})
}

func TestPropertyContributionsAndWeights(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, minmaxOnly, append(meanAggs, indicator.Minimum, indicator.Median))
		positiveGoalposts(s.model.Root)
		r := mustEval(t, s.model, s.table(t))
		for i := range r.Nodes {
			g := &r.Nodes[i]
			if g.Leaf {
				continue
			}
			for u := range s.units {
				sum, share := 0.0, 0.0
				for k := range r.Nodes {
					if r.Nodes[k].Parent == i {
						sum += r.Nodes[k].Contribution[u]
						share += r.Nodes[k].Share[u]
					}
				}
				if math.Abs(sum-g.Scores[u]) > 1e-9*(1+math.Abs(g.Scores[u])) || math.Abs(share-1) > 1e-9 {
					t.Fatalf("node %s unit %d: contributions sum to %v (shares %v), score %v", g.Path, u, sum, share, g.Scores[u])
				}
			}
		}
		total := 0.0
		for _, w := range r.Weights {
			total += w.Weight
		}
		if math.Abs(total-1) > 1e-12 {
			t.Fatalf("effective weights sum to %v", total)
		}
	})
}

func TestPropertyInputsUnchanged(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t, allNorms, anyAggs)
		s.model.Root.Imputation = &indicator.Imputation{Method: indicator.ImputeMean}
		s.model.Root.Transform = &indicator.Transform{Method: indicator.TransformWinsorize, Lower: 0.2, Upper: 0.8}
		s.rows[0][0] = math.NaN()
		rows := make([][]float64, len(s.rows))
		for i := range rows {
			rows[i] = append([]float64(nil), s.rows[i]...)
		}
		tab := s.table(t)
		before := tableContents(tab)
		model := s.model.Clone()
		p, err := indicator.Compile(s.model)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Evaluate(context.Background(), tab); err != nil {
			t.Fatal(err)
		}
		nanEq := cmpopts.EquateNaNs()
		if d := cmp.Diff(before, tableContents(tab), nanEq); d != "" {
			t.Fatalf("table modified:\n%s", d)
		}
		if d := cmp.Diff(rows, s.rows, nanEq); d != "" {
			t.Fatalf("NewTable's rows modified:\n%s", d)
		}
		if d := cmp.Diff(model, s.model); d != "" {
			t.Fatalf("model modified:\n%s", d)
		}
		// The plan does not share memory with the model.
		s.model.Root.Children[0].Weight = 1e6
		if d := cmp.Diff(model, p.Model()); d != "" {
			t.Fatalf("plan changed with the model:\n%s", d)
		}
	})
}

// genModel draws a model exercising every member of the format (valid or
// not: only the encoding is tested). Its strings hold no control
// characters other than tab and line breaks, which the JSON input policy
// rejects.
func genModel(t *rapid.T) *indicator.Model {
	str := rapid.Map(rapid.String(), func(s string) string {
		return strings.Map(func(r rune) rune {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
				return -1
			}
			return r
		}, s)
	})
	num := rapid.Float64Range(-1e6, 1e6)
	optNum := rapid.Ptr(num, true)
	var node func(depth int) *indicator.Node
	node = func(depth int) *indicator.Node {
		n := &indicator.Node{
			ID:       rapid.StringMatching(`[a-z0-9_.-]{1,8}`).Draw(t, "id"),
			Name:     str.Draw(t, "name"),
			Polarity: rapid.SampledFrom([]indicator.Polarity{indicator.HigherIsBetter, indicator.LowerIsBetter}).Draw(t, "polarity"),
			Weight:   num.Draw(t, "weight"),
			Column:   str.Draw(t, "column"),
			SEColumn: str.Draw(t, "se"),
		}
		if rapid.Bool().Draw(t, "transform") {
			n.Transform = &indicator.Transform{Method: indicator.TransformMethod(str.Draw(t, "method")), Offset: num.Draw(t, "offset"),
				Lower: num.Draw(t, "lower"), Upper: num.Draw(t, "upper"), Skew: num.Draw(t, "skew"), Kurtosis: num.Draw(t, "kurt"),
				MaxPoints: rapid.Int().Draw(t, "points")}
		}
		if rapid.Bool().Draw(t, "imputation") {
			n.Imputation = &indicator.Imputation{Method: indicator.ImputationMethod(str.Draw(t, "method")), By: str.Draw(t, "by"),
				Value: num.Draw(t, "value"), MinShare: num.Draw(t, "share")}
		}
		if rapid.Bool().Draw(t, "normalization") {
			nz := &indicator.Normalization{Method: indicator.NormalizationMethod(str.Draw(t, "method")), Worst: optNum.Draw(t, "worst"),
				Best: optNum.Draw(t, "best"), Unclipped: rapid.Bool().Draw(t, "unclipped"), Target: optNum.Draw(t, "target"),
				Reference: str.Draw(t, "ref"), Variant: str.Draw(t, "variant"), Constant: optNum.Draw(t, "constant"),
				Floor: optNum.Draw(t, "floor"), Span: optNum.Draw(t, "span")}
			for range rapid.IntRange(0, 3).Draw(t, "categories") {
				nz.Categories = append(nz.Categories, indicator.Category{Value: num.Draw(t, "v"), Points: num.Draw(t, "p"), Label: str.Draw(t, "label")})
			}
			n.Normalization = nz
		}
		if rapid.Bool().Draw(t, "aggregation") {
			n.Aggregation = &indicator.Aggregation{Method: indicator.AggregationMethod(str.Draw(t, "method")), P: num.Draw(t, "p"), Offset: num.Draw(t, "off")}
		}
		if rapid.Bool().Draw(t, "weighting") {
			n.Weighting = &weighting.Spec{Method: rapid.SampledFrom([]string{"fixed", "equal"}).Draw(t, "scheme")}
		}
		if rapid.Bool().Draw(t, "adjustments") {
			term := func() indicator.AdjustmentTerm {
				return indicator.AdjustmentTerm{Column: str.Draw(t, "col"), Points: num.Draw(t, "pts"), Cap: num.Draw(t, "cap")}
			}
			n.Adjustments = &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{term()}, Penalty: []indicator.AdjustmentTerm{term(), term()},
				BonusCap: num.Draw(t, "bcap"), PenaltyCap: num.Draw(t, "pcap")}
		}
		for range rapid.IntRange(0, 2).Draw(t, "vetoes") {
			n.Veto = append(n.Veto, indicator.Veto{Column: str.Draw(t, "col"), Op: str.Draw(t, "op"), Threshold: num.Draw(t, "th"), Reason: str.Draw(t, "reason")})
		}
		dropInapplicable(n)
		if depth > 0 {
			for range rapid.IntRange(0, 3).Draw(t, "children") {
				n.Children = append(n.Children, node(depth-1))
			}
		}
		return n
	}
	m := &indicator.Model{Version: 1, Name: str.Draw(t, "name"), Description: str.Draw(t, "description"), Root: node(2)}
	if rapid.Bool().Draw(t, "ranking") {
		m.Ranking = &indicator.RankingSpec{Ties: str.Draw(t, "ties"), AbsTol: num.Draw(t, "abs"), RelTol: num.Draw(t, "rel"),
			VetoGrade: str.Draw(t, "veto"), BottomK: rapid.Int().Draw(t, "k"),
			Direction: str.Draw(t, "direction"), NaN: str.Draw(t, "nan"), Exact: rapid.Bool().Draw(t, "exact")}
		for range rapid.IntRange(0, 3).Draw(t, "grades") {
			m.Ranking.Grades = append(m.Ranking.Grades, indicator.GradeSpec{Name: str.Draw(t, "grade"), MinScore: optNum.Draw(t, "min"), MaxShare: optNum.Draw(t, "share")})
		}
		m.Ranking.Category, m.Ranking.Scope, m.Ranking.VetoPlacement = str.Draw(t, "category"), str.Draw(t, "scope"), str.Draw(t, "placement")
		optStrs := rapid.OneOf(rapid.Just([]string(nil)), rapid.SliceOfN(str, 1, 2))
		for range rapid.IntRange(0, 2).Draw(t, "categories") {
			c := indicator.CategorySpec{Name: str.Draw(t, "cname"), Label: str.Draw(t, "label"), Unranked: rapid.Bool().Draw(t, "unranked"),
				VetoGrade: str.Draw(t, "cveto"), BottomK: rapid.Int().Draw(t, "ck")}
			for range rapid.IntRange(0, 2).Draw(t, "cgrades") {
				c.Grades = append(c.Grades, indicator.GradeSpec{Name: str.Draw(t, "grade"), MinScore: optNum.Draw(t, "min"), MaxShare: optNum.Draw(t, "share")})
			}
			m.Ranking.Categories = append(m.Ranking.Categories, c)
		}
		for range rapid.IntRange(0, 2).Draw(t, "designations") {
			m.Ranking.Designations = append(m.Ranking.Designations, indicator.DesignationSpec{Name: str.Draw(t, "dname"), Category: str.Draw(t, "dcat"),
				Top: rapid.Int().Draw(t, "top"), Bottom: rapid.Int().Draw(t, "bottom"), MinScore: optNum.Draw(t, "dmin"), MaxScore: optNum.Draw(t, "dmax"),
				Grades: optStrs.Draw(t, "dgrades"), Except: optStrs.Draw(t, "dexcept"), Vetoed: str.Draw(t, "dvetoed")})
		}
		if rapid.Bool().Draw(t, "promotion") {
			m.Ranking.Promotion = &indicator.PromotionSpec{Column: str.Draw(t, "pcol"), Grade: str.Draw(t, "pgrade"), Reason: str.Draw(t, "preason")}
		}
		if rapid.Bool().Draw(t, "years") {
			m.Ranking.Years = &indicator.YearsSpec{BaseYear: rapid.Int().Draw(t, "base")}
			for range rapid.IntRange(0, 2).Draw(t, "rules") {
				m.Ranking.Years.Rules = append(m.Ranking.Years.Rules, indicator.YearRule{Name: str.Draw(t, "rname"), Kind: str.Draw(t, "kind"),
					K: rapid.Int().Draw(t, "rk"), N: rapid.Int().Draw(t, "rn"), Category: str.Draw(t, "rcat"), Year: rapid.Int().Draw(t, "year")})
			}
		}
	}
	return m
}

// applicable lists the members (besides "method") that each known method
// takes, per JSON type of the model format (see the Transform,
// Imputation, Normalization and Aggregation docs); decoding rejects the
// others.
var applicable = map[string]map[string][]string{
	"Transform": {"": nil, "none": nil, "log": {"offset"}, "winsorize": {"lower", "upper"}, "skew_kurtosis": {"skew", "kurtosis", "max_points", "fallback"}},
	"Imputation": {"": {"min_share"}, "none": {"min_share"}, "mean": {"min_share"}, "median": {"min_share"}, "available": {"min_share"},
		"group_mean": {"by", "min_share"}, "group_median": {"by", "min_share"}, "value": {"value", "min_share"}},
	"Normalization": {"": {"worst", "best", "reference", "unclipped", "constant"}, "minmax": {"worst", "best", "reference", "unclipped", "constant"},
		"efficacy": {"worst", "best", "reference", "unclipped", "floor", "span", "constant"}, "zscore": {"constant"}, "rank": {"variant"},
		"percentile": {"variant"}, "target": {"target", "reference", "unclipped"}, "ratio_mean": nil, "categories": {"categories"}, "none": nil},
	"Aggregation": {"": nil, "arithmetic": nil, "geometric": {"offset"}, "harmonic": {"offset"}, "power": {"p", "offset"},
		"min": nil, "median": nil, "bod": {"min_share", "max_share"}, "copeland": nil},
}

// dropInapplicable zeroes the members of n's method specs that their
// (known) method does not take, so that a generated model can be decoded.
func dropInapplicable(n *indicator.Node) {
	for _, p := range []any{n.Transform, n.Imputation, n.Normalization, n.Aggregation} {
		v := reflect.ValueOf(p)
		if v.IsNil() {
			continue
		}
		v = v.Elem()
		allowed, known := applicable[v.Type().Name()][v.FieldByName("Method").String()]
		if !known {
			continue
		}
		for i := 0; i < v.NumField(); i++ {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			if name != "method" && !slices.Contains(allowed, name) {
				v.Field(i).SetZero()
			}
		}
	}
}

func TestPropertyModelRoundTrip(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		var b bytes.Buffer
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		got, err := indicator.DecodeModel(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, b.String())
		}
		if d := cmp.Diff(m, got); d != "" {
			t.Fatalf("decode(encode(m)) != m (-want +got):\n%s", d)
		}
		var b2 bytes.Buffer
		if err := got.Encode(&b2); err != nil || !bytes.Equal(b.Bytes(), b2.Bytes()) {
			t.Fatalf("encoding is not canonical: %v", err)
		}
		if d := cmp.Diff(m, m.Clone()); d != "" {
			t.Fatalf("Clone differs:\n%s", d)
		}
	})
}
