package indicator_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// genWhatIfScenario draws a model of up to three levels using the model's
// features that reach the scores: every built-in normalisation (goalposts,
// reference units, targets, constant scores, categories), transformations,
// missing values with every imputation (available-case with minimum
// shares, group means by an attribute), standard-error columns, every
// built-in aggregation, fuzzy included (groups of grade shares, alone or
// composed into a fuzzy group of factors, with either operator),
// data-driven weights, the methods of whatIfRegistry (normalisations,
// an aggregation, an imputation and a data-driven scheme), bonus and
// penalty points on leaves and groups (whose columns may also be
// leaves'), veto rules on scores and on columns (maybe leaves'), weights
// of 0, and two leaves sharing a column; and a table of 2 to 9 units in
// no particular order of ids. Many draws do not evaluate (a bod group
// over negative z-scores, say): the property covers errors too. The
// model is to be compiled with whatIfRegistry.
func genWhatIfScenario(t *rapid.T) (*indicator.Model, *indicator.Table) {
	n := rapid.IntRange(2, 9).Draw(t, "units")
	units := rapid.Permutation(func() []string {
		var u []string
		for i := range n {
			u = append(u, fmt.Sprintf("u%d", i))
		}
		return u
	}()).Draw(t, "order")
	var cols []string
	newCol := func() string {
		c := fmt.Sprintf("c%d", len(cols))
		cols = append(cols, c)
		return c
	}
	missing := map[string]bool{} // columns that may hold missing values
	codes := map[string]bool{}   // columns of category codes 1 to 4
	shares := map[string]bool{}  // columns of grade shares, in [0, 100]
	// Standard errors propagate only through linear normalisations
	// without a reference unit and arithmetic means.
	withSE := rapid.IntRange(0, 3).Draw(t, "withSE") == 0
	pick := func(label string) string {
		if len(cols) > 0 && rapid.IntRange(0, 5).Draw(t, label) == 0 {
			return rapid.SampledFrom(cols).Draw(t, label+"-old")
		}
		return newCol()
	}
	adjust := func(nd *indicator.Node) {
		if rapid.IntRange(0, 4).Draw(t, "adjust") != 0 {
			return
		}
		term := func() indicator.AdjustmentTerm {
			return indicator.AdjustmentTerm{Column: pick("adjcol"), Points: rapid.Float64Range(0, 2).Draw(t, "points"),
				Cap: rapid.SampledFrom([]float64{0, 5}).Draw(t, "cap")}
		}
		nd.Adjustments = &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{term()}, BonusCap: rapid.SampledFrom([]float64{0, 8}).Draw(t, "bcap")}
		if rapid.Bool().Draw(t, "penalty") {
			nd.Adjustments.Penalty = []indicator.AdjustmentTerm{term()}
		}
	}
	// weight draws a node's weight: now and then 0 (the child does not
	// count; a group whose weights are all 0 is invalid).
	weight := func() float64 {
		if rapid.IntRange(0, 7).Draw(t, "zero") == 0 {
			return 0
		}
		return rapid.Float64Range(0.1, 5).Draw(t, "weight")
	}
	// veto gives a node, now and then, a veto rule on its score or on a
	// column (maybe a leaf's).
	veto := func(nd *indicator.Node) {
		switch rapid.IntRange(0, 5).Draw(t, "veto") {
		case 0:
			nd.Veto = []indicator.Veto{{Op: "<", Threshold: 20}}
		case 1:
			nd.Veto = []indicator.Veto{{Column: pick("vetocol"), Op: ">", Threshold: 60}}
		}
	}
	norms := []indicator.NormalizationMethod{indicator.NormMinMax, indicator.NormZScore, indicator.NormRank, indicator.NormPercentile,
		indicator.NormTarget, indicator.NormRatioMean, indicator.NormNone, indicator.NormEfficacy, indicator.NormCategories,
		"share_of_max", "skip_missing"}
	leaf := func(id string) *indicator.Node {
		nd := &indicator.Node{ID: id, Column: pick("col"), Weight: weight()}
		nz := &indicator.Normalization{Method: rapid.SampledFrom(norms).Draw(t, "norm")}
		if withSE && (nz.Method == indicator.NormRank || nz.Method == indicator.NormPercentile || nz.Method == indicator.NormCategories ||
			nz.Method == "share_of_max" || nz.Method == "skip_missing") {
			nz.Method = indicator.NormMinMax
		}
		switch nz.Method {
		case indicator.NormMinMax, indicator.NormEfficacy:
			switch rapid.IntRange(0, 3).Draw(t, "bounds") {
			case 0:
				nz.Worst, nz.Best = fp(10), fp(90)
			case 1:
				if !withSE {
					nz.Reference = rapid.SampledFrom(units).Draw(t, "ref")
				}
			}
			nz.Unclipped = rapid.Bool().Draw(t, "unclipped")
			nz.Constant = fp(50)
		case indicator.NormZScore:
			nz.Constant = fp(0)
		case indicator.NormRank, indicator.NormPercentile:
			nz.Variant = rapid.SampledFrom([]string{"", "min"}).Draw(t, "variant")
		case indicator.NormTarget:
			if !withSE && rapid.Bool().Draw(t, "reftarget") {
				nz.Reference = rapid.SampledFrom(units).Draw(t, "ref")
			} else {
				nz.Target = fp(rapid.Float64Range(20, 80).Draw(t, "target"))
			}
			nz.Unclipped = rapid.Bool().Draw(t, "unclipped")
		case indicator.NormCategories:
			// Codes 1 to 4; a value that is not a code (a what-if's
			// median 2.5, say) is an error.
			nz.Categories = []indicator.Category{{Value: 1, Points: 0}, {Value: 2, Points: 40}, {Value: 3, Points: 70}, {Value: 4, Points: 100}}
			codes[nd.Column] = true
		}
		nd.Normalization = nz
		if nz.Method != indicator.NormNone && nz.Method != indicator.NormCategories && rapid.Bool().Draw(t, "lower") {
			nd.Polarity = indicator.LowerIsBetter
			if nz.Worst != nil {
				nz.Worst, nz.Best = nz.Best, nz.Worst
			}
		}
		switch rapid.IntRange(0, 5).Draw(t, "transform") {
		case 0:
			nd.Transform = &indicator.Transform{Method: indicator.TransformLog, Offset: 1}
		case 1:
			nd.Transform = &indicator.Transform{Method: indicator.TransformWinsorize, Lower: 0.1, Upper: 0.9}
		}
		if imp := rapid.SampledFrom([]indicator.ImputationMethod{"", indicator.ImputeMean, indicator.ImputeMedian,
			indicator.ImputeValue, indicator.ImputeAvailable, indicator.ImputeGroupMean, indicator.ImputeGroupMedian, "min_fill"}).Draw(t, "impute"); imp != "" {
			nd.Imputation = &indicator.Imputation{Method: imp}
			switch imp {
			case indicator.ImputeValue:
				nd.Imputation.Value = 50
			case indicator.ImputeGroupMean, indicator.ImputeGroupMedian:
				nd.Imputation.By = "region"
			}
			missing[nd.Column] = true
		}
		if withSE && rapid.Bool().Draw(t, "se") {
			nd.SEColumn = pick("secol")
		}
		veto(nd)
		adjust(nd)
		return nd
	}
	aggs := []indicator.AggregationMethod{indicator.Arithmetic, indicator.Arithmetic, indicator.Geometric, indicator.Harmonic, indicator.Power,
		indicator.Minimum, indicator.Median, indicator.BoD, indicator.Copeland, indicator.TOPSIS, indicator.Grey, indicator.MPI, indicator.AMPI,
		"mean_max"}
	grades := []indicator.FuzzyGrade{{Label: "满意", Value: 100}, {Label: "一般", Value: 60}, {Label: "不满意", Value: 0}}
	// factor is a fuzzy group of grade shares, one leaf per grade.
	factor := func(id string) *indicator.Node {
		f := &indicator.Node{ID: id, Weight: weight(),
			Aggregation: &indicator.Aggregation{Method: indicator.Fuzzy, Grades: grades,
				Operator: rapid.SampledFrom([]string{"", indicator.OperatorZadeh}).Draw(t, "operator")}}
		for k := range grades {
			c := newCol()
			shares[c] = true
			f.Children = append(f.Children, &indicator.Node{ID: fmt.Sprintf("%s.%d", id, k), Column: c,
				Normalization: &indicator.Normalization{Method: indicator.NormNone}})
		}
		return f
	}
	// fuzzy is a factor, or a fuzzy group composing one to three.
	fuzzy := func(id string) *indicator.Node {
		if rapid.Bool().Draw(t, "single") {
			return factor(id)
		}
		f := &indicator.Node{ID: id, Weight: weight(),
			Aggregation: &indicator.Aggregation{Method: indicator.Fuzzy, Grades: grades,
				Operator: rapid.SampledFrom([]string{"", indicator.OperatorZadeh}).Draw(t, "operator")}}
		for j := range rapid.IntRange(1, 3).Draw(t, "factors") {
			f.Children = append(f.Children, factor(fmt.Sprintf("%s.%d", id, j)))
		}
		return f
	}
	var group func(id string, depth int) *indicator.Node
	group = func(id string, depth int) *indicator.Node {
		a := &indicator.Aggregation{Method: rapid.SampledFrom(aggs).Draw(t, "agg")}
		if withSE {
			a.Method = indicator.Arithmetic
		}
		switch a.Method {
		case indicator.Geometric, indicator.Harmonic:
			a.Offset = 200
		case indicator.Power:
			a.P, a.Offset = rapid.SampledFrom([]float64{-1, 0, 0.5, 2, 3}).Draw(t, "p"), 200
		}
		g := &indicator.Node{ID: id, Weight: weight(), Aggregation: a}
		if rapid.IntRange(0, 3).Draw(t, "minshare") == 0 {
			g.Imputation = &indicator.Imputation{MinShare: 0.5}
		}
		if rapid.IntRange(0, 4).Draw(t, "datadriven") == 0 && a.Method != indicator.BoD {
			g.Weighting = &weighting.Spec{Method: rapid.SampledFrom([]string{"entropy", "critic", "sd", "pca", "inverse_spread"}).Draw(t, "scheme")}
		}
		for j := range rapid.IntRange(1, 4).Draw(t, "children") {
			cid := fmt.Sprintf("%s.%d", id, j)
			switch {
			case !withSE && rapid.IntRange(0, 4).Draw(t, "fuzzy") == 0:
				g.Children = append(g.Children, fuzzy(cid))
			case depth > 0 && rapid.Bool().Draw(t, "subgroup"):
				g.Children = append(g.Children, group(cid, depth-1))
			default:
				g.Children = append(g.Children, leaf(cid))
			}
		}
		if depth < 2 {
			adjust(g)
		}
		veto(g)
		return g
	}
	root := group("r", 2)
	rows := make([][]float64, n)
	for u := range rows {
		rows[u] = make([]float64, len(cols))
		for j, c := range cols {
			x := rapid.Float64Range(1, 100).Draw(t, "x")
			switch {
			case codes[c]:
				x = float64(rapid.IntRange(1, 4).Draw(t, "code"))
			case shares[c]:
				x = rapid.SampledFrom([]float64{0, 0, 10, 25, 50, 100}).Draw(t, "share")
			}
			if r := rapid.IntRange(0, 9).Draw(t, "kind"); r == 0 && !shares[c] {
				x = float64(rapid.IntRange(1, 4).Draw(t, "few")) // ties
			} else if r == 1 && missing[c] {
				x = math.NaN()
			}
			rows[u][j] = x
		}
	}
	tab, err := indicator.NewTable(units, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	regions := make([]string, n)
	for u := range regions {
		regions[u] = rapid.SampledFrom([]string{"east", "west", ""}).Draw(t, "region")
	}
	if tab, err = tab.WithAttribute("region", regions); err != nil {
		t.Fatal(err)
	}
	return &indicator.Model{Version: 1, Name: "what-if", Root: root}, tab
}

// TestPropertyWhatIf checks that WhatIf.Scores gives the bits of a new
// evaluation of the table with the value changed (Plan.Evaluate on
// Table.WithValue), or the same error, and ScoresVetoed its veto flags
// too, for random models (see
// genWhatIfScenario), cells and values: the peers' median as Explain sets,
// values that move a column's minimum, maximum or ranks, values equal to
// others', zero and negative values (outside some methods' domains),
// NaN (missing) and infinities (an error of WithValue).
func TestPropertyWhatIf(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	reg := whatIfRegistry(t)
	evaluated := 0
	// per method of whatIfMethods: the models evaluated that use it
	uses := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		m, tab := genWhatIfScenario(t)
		p, err := indicator.CompileWith(m, reg)
		if err != nil {
			return // an invalid combination (bod with data-driven weights, say)
		}
		w, err := p.PrepareWhatIf(ctx, tab)
		if _, want := p.Evaluate(ctx, tab); fmt.Sprint(err) != fmt.Sprint(want) {
			t.Fatalf("PrepareWhatIf: %v, Evaluate: %v", err, want)
		}
		if err != nil {
			return
		}
		evaluated++
		doc, _ := json.Marshal(m)
		for _, name := range whatIfMethods {
			if strings.Contains(string(doc), `"`+name+`"`) {
				uses[name]++
			}
		}
		cols := tab.Columns()
		for range rapid.IntRange(1, 6).Draw(t, "cells") {
			u := rapid.IntRange(0, tab.NumUnits()-1).Draw(t, "u")
			col := rapid.SampledFrom(cols).Draw(t, "column")
			raw, _ := tab.Column(col)
			x := rapid.OneOf(rapid.Float64Range(-20, 200), rapid.SampledFrom(raw),
				rapid.SampledFrom([]float64{0, -1, 1e300, math.NaN(), math.Inf(1)})).Draw(t, "x")
			withVetoes := rapid.Bool().Draw(t, "vetoes")
			var got []float64
			var vetoed []bool
			if withVetoes {
				got, vetoed, err = w.ScoresVetoed(ctx, u, col, x)
			} else {
				got, err = w.Scores(ctx, u, col, x)
			}
			var want []float64
			var wantVetoed []bool
			t2, werr := tab.WithValue(u, col, x)
			if werr == nil {
				var r *indicator.Result
				if r, werr = p.Evaluate(ctx, t2); werr == nil {
					want = r.Score
					if withVetoes {
						wantVetoed = r.Vetoed
					}
				}
			}
			if fmt.Sprint(err) != fmt.Sprint(werr) {
				t.Fatalf("unit %d, %s = %v: error %v, want %v", u, col, x, err, werr)
			}
			if !slices.EqualFunc(got, want, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
				t.Fatalf("unit %d, %s = %v:\n got %v\nwant %v", u, col, x, got, want)
			}
			if !slices.Equal(vetoed, wantVetoed) {
				t.Fatalf("unit %d, %s = %v: vetoed %v, want %v", u, col, x, vetoed, wantVetoed)
			}
		}
	})
	t.Logf("%d models evaluated; of them, using each method: %v", evaluated, uses)
}

// whatIfMethods are the methods of genWhatIfScenario that TestPropertyWhatIf
// counts the models of.
var whatIfMethods = []string{"fuzzy", "zadeh", "categories", "share_of_max", "skip_missing", "mean_max", "min_fill", "inverse_spread"}

// TestWhatIfUnchanged checks that a what-if leaves the table and the
// WhatIf's base as they were: the same value set twice, with other
// changes between, gives the same bits, and the table is unchanged.
func TestWhatIfUnchanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	reg := whatIfRegistry(t)
	rapid.Check(t, func(t *rapid.T) {
		m, tab := genWhatIfScenario(t)
		p, err := indicator.CompileWith(m, reg)
		if err != nil {
			return
		}
		w, err := p.PrepareWhatIf(ctx, tab)
		if err != nil {
			return
		}
		before, _ := p.Evaluate(ctx, tab)
		cols := tab.Columns()
		u := rapid.IntRange(0, tab.NumUnits()-1).Draw(t, "u")
		col := rapid.SampledFrom(cols).Draw(t, "column")
		x := rapid.Float64Range(-20, 200).Draw(t, "x")
		first, err1 := w.Scores(ctx, u, col, x)
		for range 3 {
			_, _ = w.Scores(ctx, rapid.IntRange(0, tab.NumUnits()-1).Draw(t, "v"), rapid.SampledFrom(cols).Draw(t, "other"), rapid.Float64Range(-20, 200).Draw(t, "y"))
		}
		second, err2 := w.Scores(ctx, u, col, x)
		if fmt.Sprint(err1) != fmt.Sprint(err2) || !slices.EqualFunc(first, second, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			t.Fatalf("first %v (%v), second %v (%v)", first, err1, second, err2)
		}
		after, _ := p.Evaluate(ctx, tab)
		if !slices.EqualFunc(before.Score, after.Score, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			t.Fatalf("the table changed: %v, then %v", before.Score, after.Score)
		}
	})
}

// TestWhatIfContributionOverflow checks that a what-if whose scores are
// finite but whose contributions overflow gets Evaluate's error: the
// first two children cancel exactly (points of ±1e300 on 0), so the
// root's score is the third child's third, and when that is 1e-300 the
// first child's share, 1e300/3 over 1e-300/3, is infinite (the case that
// WhatIf's bound on contributions must leave to the full check).
func TestWhatIfContributionOverflow(t *testing.T) {
	t.Parallel()
	none := &indicator.Normalization{Method: indicator.NormNone}
	m := &indicator.Model{Version: 1, Name: "overflow", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "a", Column: "a", Weight: 1, Normalization: none, Adjustments: &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{{Column: "big"}}}},
		{ID: "b", Column: "b", Weight: 1, Normalization: none, Adjustments: &indicator.Adjustments{Penalty: []indicator.AdjustmentTerm{{Column: "big"}}}},
		{ID: "c", Column: "c", Weight: 1, Normalization: none}}}}
	tab := mustTable(t, []string{"u1", "u2"}, []string{"a", "b", "c", "big"}, [][]float64{{0, 0, 50, 1e300}, {0, 0, 60, 1e300}})
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w, err := p.PrepareWhatIf(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	t2, err := tab.WithValue(0, "c", 1e-300)
	if err != nil {
		t.Fatal(err)
	}
	_, want := p.Evaluate(ctx, t2)
	if want == nil || !errors.Is(want, indicator.ErrOverflow) {
		t.Fatalf("Evaluate: %v, want an overflow of a share", want)
	}
	if _, err := w.Scores(ctx, 0, "c", 1e-300); fmt.Sprint(err) != fmt.Sprint(want) {
		t.Errorf("Scores: %v, want %v", err, want)
	}
	// A value that keeps the shares finite gives the scores.
	got, err := w.Scores(ctx, 0, "c", 30)
	if err != nil || got[0] != 10 || got[1] != 20 {
		t.Errorf("Scores with c = 30: %v %v, want [10 20]", got, err)
	}
}

// shareOfMax is a registered normalisation whose scores depend on every
// unit's value, as min-max does: 100 x / max_v |v| over the values
// present (100 - that for lower-is-better); missing values stay NaN. A
// column of zeros is an error.
type shareOfMax struct{}

func (shareOfMax) Normalize(x []float64, lower bool, dst []float64) error {
	m := 0.0
	for _, v := range x {
		if v == v {
			m = max(m, math.Abs(v))
		}
	}
	if m == 0 {
		return errors.New("share_of_max: no value other than 0")
	}
	for u, v := range x {
		y := 100 * (v / m)
		if lower {
			y = 100 - y
		}
		dst[u] = y
	}
	return nil
}

// skipMissing is a registered normalisation, y = x/2 + 10 (lower: 90 -
// x/2), that writes only the scores of the values present and leaves the
// others of dst as it finds them, reading "NaN for a missing value, to be
// kept" as "left alone".
type skipMissing struct{}

func (skipMissing) Normalize(x []float64, lower bool, dst []float64) error {
	for u, v := range x {
		if v != v {
			continue
		}
		if lower {
			dst[u] = 90 - v/2
		} else {
			dst[u] = v/2 + 10
		}
	}
	return nil
}

// meanMax is a registered aggregation: the mean of the weighted mean and
// the largest score of the children that count, defined for
// non-negative scores (a negative one is an error).
type meanMax struct{}

func (meanMax) Aggregate(y, w []float64) (float64, error) {
	var s float64
	m := math.Inf(-1)
	for j := range y {
		if y[j] < 0 {
			return 0, fmt.Errorf("mean_max: negative score %v", y[j])
		}
		s = float64(w[j]*y[j]) + s
		m = max(m, y[j])
	}
	return s/2 + m/2, nil
}

// inverseSpread is a registered data-driven scheme: each child's weight
// is proportional to 1/(1 + r_j), r_j the range of its scores.
type inverseSpread struct{}

func (inverseSpread) DataDriven() bool { return true }
func (inverseSpread) Weights(in weighting.Input) ([]float64, error) {
	rows, cols := in.Data.Dims()
	w := make([]float64, cols)
	for j := range w {
		lo, hi := math.Inf(1), math.Inf(-1)
		for u := range rows {
			lo, hi = min(lo, in.Data.At(u, j)), max(hi, in.Data.At(u, j))
		}
		w[j] = 1 / (1 + (hi - lo))
	}
	return weighting.Normalize(w)
}

// whatIfRegistry registers the methods that genWhatIfScenario's models
// may name: the normalisations share_of_max and skip_missing, the
// aggregation mean_max, the imputation min_fill (see minFill) and the
// scheme inverse_spread.
func whatIfRegistry(t fataler) *indicator.Registry {
	var reg indicator.Registry
	for _, err := range []error{
		reg.RegisterNormalization("share_of_max", func(json.RawMessage) (indicator.Normalizer, error) { return shareOfMax{}, nil }),
		reg.RegisterNormalization("skip_missing", func(json.RawMessage) (indicator.Normalizer, error) { return skipMissing{}, nil }),
		reg.RegisterAggregation("mean_max", func(json.RawMessage) (indicator.Aggregator, error) { return meanMax{}, nil }),
		reg.RegisterImputation("min_fill", func(json.RawMessage) (indicator.Imputer, error) { return minFill{}, nil }),
		reg.RegisterScheme("inverse_spread", func(json.RawMessage, []string) (weighting.Scheme, error) { return inverseSpread{}, nil }),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return &reg
}

// presentFirst is a registered normalisation that writes only the first
// unit's score (y = x), leaving the scores of the values present at the
// other units unwritten.
type presentFirst struct{}

func (presentFirst) Normalize(x []float64, lower bool, dst []float64) error {
	dst[0] = x[0]
	return nil
}

// TestWhatIfRegisteredUnwritten checks a registered normalisation that
// leaves scores unwritten. skip_missing leaves a missing value's score
// alone, which must count as missing: with a = 20, NA, 60 (skip_missing:
// 20, NA, 40) and b = 5, 9, 7 (min-max: 0, 100, 50) averaged over the
// indicators available, the scores are 10, 100 and 45 (by hand; unit B is
// scored on b alone, not with 0 for its missing a), and the what-ifs give
// Evaluate's bits whatever the WhatIf evaluated before (a = 30 at unit A:
// 12.5, 100, 45; b = 30 at unit A: b scores 100, 100/11.5, 0, so 60,
// 200/23 and 20). A present value left unwritten is an error naming the
// node and the unit, from Evaluate and WhatIf alike.
func TestWhatIfRegisteredUnwritten(t *testing.T) {
	t.Parallel()
	reg := whatIfRegistry(t)
	if err := reg.RegisterNormalization("present_first", func(json.RawMessage) (indicator.Normalizer, error) { return presentFirst{}, nil }); err != nil {
		t.Fatal(err)
	}
	model := func(norm indicator.NormalizationMethod) *indicator.Model {
		return &indicator.Model{Version: 1, Name: "unwritten", Root: &indicator.Node{ID: "r", Imputation: &indicator.Imputation{Method: indicator.ImputeAvailable},
			Children: []*indicator.Node{
				{ID: "a", Column: "a", Weight: 1, Normalization: &indicator.Normalization{Method: norm}},
				{ID: "b", Column: "b", Weight: 1}}}}
	}
	tab := mustTable(t, []string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{20, 5}, {math.NaN(), 9}, {60, 7}})
	ctx := context.Background()
	p, err := indicator.CompileWith(model("skip_missing"), reg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Evaluate(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{10, 100, 45}; !slices.Equal(r.Score, want) {
		t.Errorf("Evaluate: %v, want %v", r.Score, want)
	}
	w, err := p.PrepareWhatIf(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		column string
		want   []float64
	}{{"b", []float64{60, 200.0 / 23, 20}}, {"a", []float64{12.5, 100, 45}}, {"b", []float64{60, 200.0 / 23, 20}}, {"a", []float64{12.5, 100, 45}}} {
		got, err := w.Scores(ctx, 0, c.column, 30)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s = 30 at A: %v (%v), want %v", c.column, got, err, c.want)
		}
	}
	// present_first with a = 20, NA, NA evaluates; a what-if giving C a
	// value fails.
	p, err = indicator.CompileWith(model("present_first"), reg)
	if err != nil {
		t.Fatal(err)
	}
	tab = mustTable(t, []string{"A", "B", "C"}, []string{"a", "b"}, [][]float64{{20, 5}, {math.NaN(), 9}, {math.NaN(), 7}})
	if w, err = p.PrepareWhatIf(ctx, tab); err != nil {
		t.Fatal(err)
	}
	const want = `indicator: node "r/a", unit "C": value outside the domain: registered normalisation gave NaN for 30`
	t2, _ := tab.WithValue(2, "a", 30)
	if _, err := p.Evaluate(ctx, t2); err == nil || err.Error() != want {
		t.Errorf("Evaluate: %v, want %s", err, want)
	}
	if _, err := w.Scores(ctx, 2, "a", 30); err == nil || err.Error() != want {
		t.Errorf("Scores: %v, want %s", err, want)
	}
}
