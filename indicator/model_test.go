package indicator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

func TestModelRoundTrip(t *testing.T) {
	t.Parallel()
	// testdata/model.json is in canonical form: decode then encode gives
	// the same bytes.
	b, err := os.ReadFile("testdata/model.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := indicator.DecodeModel(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := m.Encode(&out); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(b), out.String()); d != "" {
		t.Errorf("encode(decode(file)) differs (-file +encoded):\n%s", d)
	}
	if d := cmp.Diff(m, m.Clone()); d != "" {
		t.Errorf("Clone differs:\n%s", d)
	}
}

func TestDecodeModelErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc, where string
	}{
		{"syntax", "{\n  \"ppgpa\": 1,\n  \"name\": x}", "line 3, column 11"},
		{"unknown-top", `{"ppgpa": 1, "name": "m", "colour": 1}`, `$: unknown member "colour"`},
		{"unknown-deep", `{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [{"id": "a", "normalization": {"methd": "x"}}]}}`,
			`$.root.children[0].normalization: unknown member "methd"`},
		{"case-folded", `{"ppgpa": 1, "Name": "m"}`, `$: unknown member "Name"`},
		{"type", `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weight": "3"}}`, `$.root.weight: want a number`},
		{"polarity", `{"ppgpa": 1, "name": "m", "root": {"id": "r", "polarity": "up"}}`, `$.root.polarity: unknown polarity "up"`},
		{"version", `{"ppgpa": 2, "name": "m"}`, `$.ppgpa: format version 2`},
		{"trailing", `{"ppgpa": 1, "name": "m"} {}`, `line 1, column 27: data after the end`},
		{"empty", ``, `line 1, column 1`},
		{"duplicate", "{\"ppgpa\": 1,\n \"name\": \"m\", \"name\": \"n\"}", `line 2, column 15: member "name" repeated`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := indicator.DecodeModel(strings.NewReader(tc.doc))
			if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), tc.where) {
				t.Fatalf("err = %v, want ErrInvalidModel naming %q", err, tc.where)
			}
		})
	}
}

func TestValidateAllProblems(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "bad", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "a b", Column: "a", Weight: 1},
		{ID: "dup", Column: "b", Weight: -1},
		{ID: "dup", Weight: 1},
		{ID: "g", Weight: 1, Children: []*indicator.Node{}},
		{ID: "h", Weight: 1, Aggregation: &indicator.Aggregation{Method: "mode"}, Children: []*indicator.Node{
			{ID: "h1", Column: "h1"}, {ID: "h2", Column: "h2", Normalization: &indicator.Normalization{Method: "logistic"}},
		}},
		{ID: "w", Weight: 1, Weighting: &weighting.Spec{Method: "astrology"}, Children: []*indicator.Node{{ID: "w1", Column: "w1"}}},
		{ID: "lp", Weight: 1, Column: "lp", Polarity: indicator.LowerIsBetter,
			Normalization: &indicator.Normalization{Worst: fp(0), Best: fp(10)}},
	}}}
	err := m.Validate()
	var ve *indicator.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, indicator.ErrInvalidModel) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	want := []string{
		`root/a b: id "a b" may contain`,
		`root/dup: weight -1 must be finite and non-negative`,
		`root/dup: duplicate id "dup" (first used at root/dup)`,
		`root/dup: leaf has no column`,
		`root/g: empty group`,
		`root/h: aggregation: unknown method "mode"`,
		`root/h: the children's weights are all zero`,
		`root/h/h2: normalization: unknown method "logistic"`,
		`root/w: weighting:`,
		`root/lp: normalization: goalposts best 10 above worst 0 for a lower-is-better indicator`,
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("problems lack %q:\n%s", w, msg)
		}
	}
	if len(ve.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(ve.Problems), len(want), msg)
	}
}

func TestOverlay(t *testing.T) {
	t.Parallel()
	base := twoLeaf()
	o, err := indicator.DecodeOverlay(strings.NewReader(`{
  "ppgpa": 1,
  "name": "city",
  "base": "two",
  "remove": ["b"],
  "add": [{"parent": "root", "node": {"id": "c", "column": "x3", "weight": 1}}],
  "weights": [{"id": "a", "weight": 1}]
}`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := indicator.ApplyOverlay(base, o)
	if err != nil {
		t.Fatal(err)
	}
	want := &indicator.Model{Version: 1, Name: "city", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "a", Weight: 1, Column: "x1"}, {ID: "c", Weight: 1, Column: "x3"}}}}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("effective model (-want +got):\n%s", d)
	}
	if d := cmp.Diff(twoLeaf(), base); d != "" {
		t.Errorf("base modified:\n%s", d)
	}
	_, err = indicator.ApplyOverlay(base, &indicator.Overlay{Version: 1, Remove: []string{"zz", "root"},
		Add: []indicator.OverlayAdd{{Parent: "a", Node: &indicator.Node{ID: "q", Column: "q"}}}})
	for _, w := range []string{`$.remove[0]: no node "zz"`, `$.remove[1]: cannot remove the root`, `$.add[0].parent: node "a" is a leaf`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("err = %v, want it to name %q", err, w)
		}
	}
	var buf bytes.Buffer
	if err := o.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	o2, err := indicator.DecodeOverlay(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(o, o2); d != "" {
		t.Errorf("overlay round trip (-want +got):\n%s", d)
	}
}

func TestDecodeWeightingSpec(t *testing.T) {
	t.Parallel()
	// The weighting member is decoded with package weighting's own JSON
	// forms (here AHP judgments as fractions) and the same strictness.
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r",
	  "weighting": {"method": "ahp", "upper": [["1/3"]]},
	  "children": [{"id": "a", "column": "a"}, {"id": "b", "column": "b"}]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := indicator.Compile(m); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(doc, `"1/3"`, `"one third"`, 1)
	if _, err := indicator.DecodeModel(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "$.root.weighting.upper[0][0]") {
		t.Errorf("err = %v, want it to name $.root.weighting.upper[0][0]", err)
	}
	bad = strings.Replace(doc, `"upper"`, `"uper"`, 1)
	if _, err := indicator.DecodeModel(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), `$.root.weighting: unknown member "uper"`) {
		t.Errorf("err = %v, want an unknown member at $.root.weighting", err)
	}
}

func TestValidateRanking(t *testing.T) {
	t.Parallel()
	m := twoLeaf()
	m.Ranking = &indicator.RankingSpec{Ties: "random", AbsTol: -1, BottomK: -2, VetoGrade: "F", Direction: "up", NaN: "skip", Exact: true,
		Grades: []indicator.GradeSpec{{Name: "A", MaxShare: fp(1.5)}, {Name: "A"}, {MinScore: fp(math.Inf(1))}}}
	err := m.Validate()
	for _, w := range []string{
		`$.ranking.ties: unknown tie rule "random"`,
		`$.ranking: tolerances abs_tol -1`,
		`$.ranking.exact: exact comparison excludes abs_tol -1`,
		`$.ranking.direction: unknown direction "up"`,
		`$.ranking.nan: unknown NaN policy "skip"`,
		`$.ranking.bottom_k: -2 must be non-negative`,
		`$.ranking.grades[0]: max_share 1.5 must be in (0, 1]`,
		`$.ranking.grades[1]: duplicate grade "A"`,
		`$.ranking.grades[2]: grade has no name`,
		`$.ranking.grades[2]: min_score +Inf must be finite`,
		`$.ranking.veto_grade: unknown grade "F"`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("err = %v, want it to contain %q", err, w)
		}
	}
}

// TestValidateRankingRules checks that every inconsistency of the
// categories, designations, promotion and multi-year rules is reported,
// naming the member and the rule.
func TestValidateRankingRules(t *testing.T) {
	t.Parallel()
	m := twoLeaf()
	m.Ranking = &indicator.RankingSpec{VetoPlacement: "first", Scope: "some", Category: "类别",
		Categories: []indicator.CategorySpec{
			{Name: "市直", Grades: []indicator.GradeSpec{{Name: "优秀", MaxShare: fp(0.6)}, {Name: "良好", MaxShare: fp(0.5)}, {Name: "达标"}}, VetoGrade: "差"},
			{Name: "市直"}, {Name: "区县", Unranked: true, BottomK: -1},
		},
		Designations: []indicator.DesignationSpec{
			{Name: "满意单位", Top: 10, Category: "省直"},
			{Name: "空"},
			{Name: "先进单位", Top: 27, Except: []string{"优胜单位"}, Grades: []string{"特优"}, Vetoed: "maybe"},
			{Name: "良好", MinScore: fp(90)},
			{Name: "末位", Bottom: 1, Category: "区县"},
		},
		Promotion: &indicator.PromotionSpec{Grade: "特优"},
		Years: &indicator.YearsSpec{Rules: []indicator.YearRule{
			{Name: "连续两年末位", Kind: "bottom_consecutive", K: 1, Category: "省直"},
			{Name: "进步奖", Kind: "largest_rise", K: 0, N: 2},
			{Name: "x", Kind: "best"},
		}},
	}
	err := m.Validate()
	for _, w := range []string{
		`$.ranking.veto_placement: unknown placement "first"`,
		`$.ranking.scope: unknown scope "some"`,
		`$.ranking.categories[0].grades: quotas (max_share) sum to 1.1`,
		`$.ranking.categories[0].veto_grade: unknown grade "差" in category "市直"`,
		`$.ranking.categories[1]: duplicate category "市直"`,
		`$.ranking.categories[2].bottom_k: -1 must be non-negative`,
		`$.ranking.designations[0].category: unknown category "省直"`,
		`$.ranking.designations[1]: designation "空" has no condition`,
		`$.ranking.designations[2].grades: designation "先进单位": unknown grade "特优"`,
		`$.ranking.designations[2].except: designation "先进单位": "优胜单位" is not an earlier designation`,
		`$.ranking.designations[2].vetoed: designation "先进单位": unknown "maybe"`,
		`$.ranking.designations[3]: designation "良好" has the name of a grade`,
		`$.ranking.designations[4]: designation "末位": top or bottom in unranked category "区县"`,
		`$.ranking.promotion.column: promotion has no column`,
		`$.ranking.promotion.grade: unknown grade "特优"`,
		`$.ranking.years.rules[0].category: unknown category "省直"`,
		`$.ranking.years.rules[0].n: rule "连续两年末位": n 0 years must be at least 1`,
		`$.ranking.years.rules[1].k: rule "进步奖": k 0 must be at least 1`,
		`$.ranking.years.rules[1].n: rule "进步奖": largest_rise compares two years and takes no n`,
		`$.ranking.years.rules[2].kind: rule "x": unknown kind "best"`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("err = %v, want it to contain %q", err, w)
		}
	}
	m.Ranking = &indicator.RankingSpec{Categories: []indicator.CategorySpec{{Name: "a"}}, Designations: []indicator.DesignationSpec{{Name: "d", Top: 1, Category: "a"}}}
	err = m.Validate()
	for _, w := range []string{
		`$.ranking.category: categories or scope need the name of the category column`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("err = %v, want it to contain %q", err, w)
		}
	}
}

func TestValidateParameters(t *testing.T) {
	t.Parallel()
	leaf := func(id string, n indicator.Node) *indicator.Node {
		n.ID, n.Column, n.Weight = id, id, 1
		return &n
	}
	m := &indicator.Model{Version: 2, Name: "params", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		leaf("t1", indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformLog, Offset: math.NaN()}}),
		leaf("t2", indicator.Node{Transform: &indicator.Transform{Method: indicator.TransformWinsorize, Lower: 0.9, Upper: 0.1}}),
		leaf("t3", indicator.Node{Transform: &indicator.Transform{Method: "boxcox"}}),
		leaf("i1", indicator.Node{Imputation: &indicator.Imputation{Method: indicator.ImputeGroupMean}}),
		leaf("i2", indicator.Node{Imputation: &indicator.Imputation{Method: "hotdeck", MinShare: 2}}),
		leaf("n1", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormTarget}}),
		leaf("n2", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormRank, Variant: "dense", Worst: fp(1)}}),
		leaf("n3", indicator.Node{Normalization: &indicator.Normalization{Method: indicator.NormCategories,
			Categories: []indicator.Category{{Value: 1, Points: 2}, {Value: 1, Points: 3}}}}),
		leaf("n4", indicator.Node{Normalization: &indicator.Normalization{Worst: fp(3), Best: fp(3)}}),
		leaf("a1", indicator.Node{Adjustments: &indicator.Adjustments{Bonus: []indicator.AdjustmentTerm{{Points: -1}}, PenaltyCap: -2}}),
		leaf("v1", indicator.Node{Veto: []indicator.Veto{{Op: "=>"}, {Column: "c", Threshold: math.Inf(1)}}}),
		leaf("s1", indicator.Node{SEColumn: "se", Normalization: &indicator.Normalization{Method: indicator.NormRank}}),
		{ID: "g", Weight: 1, Column: "c", SEColumn: "se", Aggregation: &indicator.Aggregation{Method: indicator.Power, P: math.Inf(1), Offset: -1},
			Children: []*indicator.Node{leaf("g1", indicator.Node{Aggregation: &indicator.Aggregation{}, Weighting: &weighting.Spec{Method: "equal"}})}},
	}}}
	err := m.Validate()
	for _, w := range []string{
		`$.ppgpa: format version 2, want 1`,
		`root/t1: transform: log offset NaN must be finite`,
		`root/t2: transform: winsorize quantiles lower 0.9 and upper 0.1`,
		`root/t3: transform: unknown method "boxcox"`,
		`root/i1: imputation: group_mean needs the attribute "by"`,
		`root/i2: imputation: unknown method "hotdeck"`,
		`root/i2: imputation: min_share 2 must be in [0, 1]`,
		`root/n1: normalization: target needs exactly one of "target" and "reference"`,
		`root/n2: normalization: unknown variant "dense" of "rank"`,
		`root/n2: normalization: goalposts worst and best apply only to minmax`,
		`root/n3: normalization: category 1 listed twice`,
		`root/n4: normalization: goalposts worst and best are both 3`,
		`root/a1: adjustments: penalty_cap -2 must be finite and non-negative`,
		`root/a1: adjustments: bonus term 0 has no column`,
		`root/a1: adjustments: bonus term 0: points -1`,
		`root/v1: veto 0: unknown operator "=>"`,
		`root/v1: veto 1: threshold +Inf must be finite`,
		`root/s1: standard errors propagate only through linear normalisations`,
		`root/g: group has a column ("c")`,
		`root/g: group has a standard-error column`,
		`root/g: aggregation: exponent p +Inf must be finite`,
		`root/g: aggregation: offset -1 must be finite and non-negative`,
		`root/g/g1: aggregation set on a leaf`,
		`root/g/g1: weighting set on a leaf`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("problems lack %q", w)
		}
	}
	if t.Failed() {
		t.Log(err)
	}
}

// TestOverlayIgnoredWeights checks that an overlay weight that the parent's
// weighting scheme would ignore is an error naming the node, the group and
// the scheme, and that weights the scheme uses are applied.
func TestOverlayIgnoredWeights(t *testing.T) {
	t.Parallel()
	leaves := func(ids ...string) []*indicator.Node {
		var out []*indicator.Node
		for _, id := range ids {
			out = append(out, &indicator.Node{ID: id, Column: id, Weight: 1})
		}
		return out
	}
	share := 0.5
	base := &indicator.Model{Version: 1, Name: "base", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{
		{ID: "eq", Weight: 1, Weighting: &weighting.Spec{Method: "equal"}, Children: leaves("e1", "e2")},
		{ID: "ent", Weight: 1, Weighting: &weighting.Spec{Method: "entropy"}, Children: leaves("n1", "n2")},
		{ID: "fx", Weight: 1, Weighting: &weighting.Spec{Method: "fixed", Weights: []float64{2, 1}}, Children: leaves("f1", "f2")},
		{ID: "res", Weight: 1, Weighting: &weighting.Spec{Method: "resident_share", Resident: "r1", Share: &share}, Children: leaves("r1", "r2", "r3")},
		{ID: "resq", Weight: 1, Weighting: &weighting.Spec{Method: "resident_share", Resident: "q1", Share: &share,
			Rest: &weighting.Spec{Method: "equal"}}, Children: leaves("q1", "q2", "q3")},
	}}}
	bad := []struct{ id, msg string }{
		{"root", `node "root" is the root`},
		{"e1", `node "e1": group "eq" weights its children by "equal", which ignores declared weights`},
		{"n2", `node "n2": group "ent" weights its children by "entropy"`},
		{"f1", `node "f1": group "fx" weights its children by "fixed with its own weights"`},
		{"r1", `node "r1": group "res" weights its children by "resident_share (the resident child gets the share)"`},
		{"q2", `node "q2": group "resq" weights its children by "resident_share with rest equal"`},
	}
	for k, b := range bad {
		_, err := indicator.ApplyOverlay(base, &indicator.Overlay{Version: 1, Weights: []indicator.OverlayWeight{{ID: b.id, Weight: 3}}})
		if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), "$.weights[0].id: "+b.msg) {
			t.Errorf("case %d: err = %v, want it to name %q", k, err, b.msg)
		}
	}
	// Declared weights that count: under the default scheme, and for the
	// other children of resident_share whose rest is the default.
	m, err := indicator.ApplyOverlay(base, &indicator.Overlay{Version: 1, Weights: []indicator.OverlayWeight{{ID: "eq", Weight: 2}, {ID: "r2", Weight: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	if w0, w3 := m.Root.Children[0].Weight, m.Root.Children[3].Children[1].Weight; w0 != 2 || w3 != 3 {
		t.Errorf("weights %v and %v, want 2 and 3", w0, w3)
	}
}

// TestEfficacyModel reads an efficacy leaf from the model format, checks
// that it round-trips, and that its parameters are validated.
func TestEfficacyModel(t *testing.T) {
	t.Parallel()
	doc := `{
  "ppgpa": 1,
  "name": "efficacy",
  "root": {
    "id": "root",
    "children": [
      {
        "id": "complaints",
        "polarity": "lower",
        "weight": 1,
        "column": "complaints",
        "normalization": {
          "method": "efficacy",
          "worst": 20,
          "best": 0,
          "floor": 50,
          "span": 50
        }
      }
    ]
  }
}
`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != doc {
		t.Errorf("canonical form:\n%s\nwant\n%s", buf.String(), doc)
	}
	bad := []struct {
		nz    indicator.Normalization
		lower bool
		want  string
	}{
		{indicator.Normalization{Method: indicator.NormEfficacy, Span: fp(0)}, false, "efficacy span 0 must be positive"},
		{indicator.Normalization{Method: indicator.NormEfficacy, Floor: fp(math.Inf(1))}, false, "floor +Inf must be finite"},
		{indicator.Normalization{Method: indicator.NormMinMax, Floor: fp(60)}, false, "floor and span apply only to efficacy"},
		{indicator.Normalization{Method: indicator.NormZScore, Worst: fp(0)}, false, "goalposts worst and best apply only to minmax and efficacy"},
		{indicator.Normalization{Method: indicator.NormEfficacy, Worst: fp(5), Best: fp(5)}, false, "goalposts worst and best are both 5"},
		{indicator.Normalization{Method: indicator.NormEfficacy, Worst: fp(0), Best: fp(10)}, true, "goalposts best 10 above worst 0 for a lower-is-better indicator"},
		{indicator.Normalization{Method: indicator.NormEfficacy, Worst: fp(10), Best: fp(0)}, false, "goalposts best 0 below worst 10 for a higher-is-better indicator"},
	}
	for _, b := range bad {
		leaf := &indicator.Node{ID: "x", Column: "x", Weight: 1, Normalization: &b.nz}
		if b.lower {
			leaf.Polarity = indicator.LowerIsBetter
		}
		err := (&indicator.Model{Version: 1, Name: "bad", Root: &indicator.Node{ID: "root", Children: []*indicator.Node{leaf}}}).Validate()
		if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), "root/x: normalization: "+b.want) {
			t.Errorf("%+v: err = %v, want %q", b.nz, err, b.want)
		}
	}
}

// TestDecodeInapplicableMembers checks that a member that does not apply
// to its method is rejected when decoding, naming the JSON path and the
// member, even with its zero value (which encoding would drop).
func TestDecodeInapplicableMembers(t *testing.T) {
	t.Parallel()
	const doc = `{"ppgpa": 1, "name": "m", "root": {"id": "r", SPEC, "children": [
		{"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b", "weight": 1}]}}`
	cases := map[string]string{
		`"weighting": {"method": "equal", "ri_table": "saaty1980"}`:                                                    `$.root.weighting: weighting: invalid spec: "ri_table" does not apply to method "equal"`,
		`"weighting": {"method": "entropy", "priority": "eigenvector"}`:                                                `"priority" does not apply to method "entropy"`,
		`"weighting": {"method": "entropy", "group": "aij"}`:                                                           `"group" does not apply to method "entropy"`,
		`"weighting": {"method": "equal", "scale": "saaty"}`:                                                           `"scale" does not apply to method "equal"`,
		`"weighting": {"method": "ahp", "upper": [[2]], "exclude_cr": 0}`:                                              `"exclude_cr" applies only with judges`,
		`"weighting": {"method": "ahp", "upper": [["1/0"]]}`:                                                           `$.root.weighting.upper[0][0]: `,
		`"weighting": {"method": "ahp", "upper": [[2]], "bogus": 1}`:                                                   `$.root.weighting: unknown member "bogus"`,
		`"normalization": {"method": "zscore", "variant": ""}`:                                                         `$.root.normalization: "variant" does not apply to method "zscore"`,
		`"normalization": {"categories": []}`:                                                                          `"categories" does not apply to method "minmax"`,
		`"normalization": {"method": "rank", "unclipped": false}`:                                                      `"unclipped" does not apply to method "rank"`,
		`"normalization": {"method": "percentile", "constant": 50}`:                                                    `"constant" does not apply to method "percentile"`,
		`"aggregation": {"method": "geometric", "p": 0}`:                                                               `$.root.aggregation: "p" does not apply to method "geometric"`,
		`"aggregation": {"offset": 0}`:                                                                                 `"offset" does not apply to method "arithmetic"`,
		`"aggregation": {"method": "arithmetic", "min_share": null}`:                                                   `"min_share" does not apply to method "arithmetic"`,
		`"imputation": {"method": "mean", "value": 0}`:                                                                 `$.root.imputation: "value" does not apply to method "mean"`,
		`"imputation": {"method": "value", "by": ""}`:                                                                  `"by" does not apply to method "value"`,
		`"transform": {"method": "log", "lower": 0}`:                                                                   `$.root.transform: "lower" does not apply to method "log"`,
		`"transform": {"offset": 1}`:                                                                                   `"offset" does not apply to method "none"`,
		`"weighting": {"method": "resident_share", "resident": "a", "share": 0.5, "rest": {"method": "sd", "tol": 0}}`: `$.root.weighting.rest: weighting: invalid spec: "tol" does not apply to method "sd"`,
	}
	for spec, want := range cases {
		_, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "SPEC", spec, 1)))
		if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %s", spec, err, want)
		}
	}
	// Members of the method, and of unknown methods (reported by
	// validation), decode.
	for _, spec := range []string{
		`"weighting": {"method": "ahp", "upper": [["1/3"]], "ri_table": "saaty1980", "tol": 0}`,
		`"normalization": {"method": "efficacy", "floor": 0, "span": 40, "unclipped": false, "constant": 60}`,
		`"aggregation": {"method": "power", "p": 0, "offset": 0}`,
		`"imputation": {"method": "group_mean", "by": "region", "min_share": 0.5}`,
		`"normalization": {"method": "Rank", "variant": "min"}`,
	} {
		if _, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "SPEC", spec, 1))); err != nil {
			t.Errorf("%s: %v", spec, err)
		}
	}
}

// TestDecodeMissingWeight checks the rule of [indicator.Node] on declared
// weights in model files: where they count, every sibling declares one or
// none does.
func TestDecodeMissingWeight(t *testing.T) {
	t.Parallel()
	const doc = `{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [
		{"id": "a", "column": "a", "weight": 1},
		{"id": "g", "weight": 2, GROUP, "children": [{"id": "x", "column": "x", "weight": 1}, {"id": "y", "column": "y"}]}]}}`
	bad := map[string]string{
		`"name": "g"`:                      `$.root.children[1].children[1]: node "y" has no weight while its sibling "x" declares one`,
		`"weighting": {"method": "fixed"}`: `node "y" has no weight`,
		`"weighting": {"method": "resident_share", "resident": "x", "share": 0.5}`: "", // y is the only other child
	}
	for group, want := range bad {
		_, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "GROUP", group, 1)))
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", group, err)
			}
			continue
		}
		if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %s", group, err, want)
		}
	}
	// Schemes that ignore the declared weights, and bod, accept them.
	for _, group := range []string{
		`"weighting": {"method": "equal"}`,
		`"weighting": {"method": "fixed", "weights": [1, 2]}`,
		`"weighting": {"method": "entropy"}`,
		`"aggregation": {"method": "bod"}`,
	} {
		if _, err := indicator.DecodeModel(strings.NewReader(strings.Replace(doc, "GROUP", group, 1))); err != nil {
			t.Errorf("%s: %v", group, err)
		}
	}
	// resident_share: the resident needs no weight, the others do.
	const rs = `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "resident_share", "resident": "s", "share": 0.5},
		"children": [{"id": "s", "column": "s"}, {"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b"}]}}`
	if _, err := indicator.DecodeModel(strings.NewReader(rs)); err == nil || !strings.Contains(err.Error(), `node "b" has no weight while its sibling "a"`) {
		t.Errorf("resident_share: %v", err)
	}
	// A declared 0 is kept by encoding and decoding, and counts for 0.
	m, err := indicator.DecodeModel(strings.NewReader(strings.Replace(strings.Replace(doc, "GROUP", `"name": "g"`, 1), `{"id": "y", "column": "y"}`, `{"id": "y", "column": "y", "weight": 0}`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"id": "y",
            "weight": 0,`) {
		t.Errorf("encoded model lacks y's weight 0:\n%s", b.String())
	}
	back, err := indicator.DecodeModel(&b)
	if err != nil || !cmp.Equal(m, back) {
		t.Errorf("round trip: %v %s", err, cmp.Diff(m, back))
	}
	if err := back.Validate(); err != nil {
		t.Error(err)
	}
	// Elsewhere a weight of 0 is left out: the root, children without
	// weighted siblings, the resident child.
	m.Root.Children[0].Weight, m.Root.Children[1].Weight = 0, 0
	m.Root.Weighting = &weighting.Spec{Method: "equal"}
	b.Reset()
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `"weight"`); n != 2 {
		t.Errorf("encoded model has %d weights, want 2 (x and y):\n%s", n, b.String())
	}
}

// TestNodeJSONMembers checks that the JSON form of a Node written by
// MarshalJSON has the members of Node, in the same order.
func TestNodeJSONMembers(t *testing.T) {
	t.Parallel()
	w := 0.0
	n := indicator.Node{ID: "i", Name: "n", Description: "d", Unit: "%", Source: "s", Polarity: indicator.LowerIsBetter, Weight: 1, Column: "c", SEColumn: "s",
		Transform: &indicator.Transform{Method: "log"}, Imputation: &indicator.Imputation{Method: "mean"},
		Normalization: &indicator.Normalization{Method: "zscore"}, Aggregation: &indicator.Aggregation{Method: "min"},
		Weighting: &weighting.Spec{Method: "equal"}, Adjustments: &indicator.Adjustments{BonusCap: 1},
		Veto: []indicator.Veto{{Op: ">"}}, Children: []*indicator.Node{{ID: "k", Weight: w}}}
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	dec := json.NewDecoder(bytes.NewReader(b))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		default:
			if s, ok := tok.(string); ok && depth == 1 {
				names = append(names, s)
				// skip the value
				var v json.RawMessage
				if err := dec.Decode(&v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var want []string
	rt := reflect.TypeFor[indicator.Node]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		want = append(want, name)
	}
	if !cmp.Equal(names, want) {
		t.Errorf("members %v, want %v", names, want)
	}
}

// TestDecodeOverlayMissingWeight checks the declared-weights rule within
// a subtree added by an overlay.
func TestDecodeOverlayMissingWeight(t *testing.T) {
	t.Parallel()
	const doc = `{"ppgpa": 1, "add": [{"parent": "r", "node": {"id": "g", "weight": 1, "children": [
		{"id": "x", "column": "x", "weight": 1}, {"id": "y", "column": "y"}]}}]}`
	_, err := indicator.DecodeOverlay(strings.NewReader(doc))
	if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), `$.add[0].node.children[1]: node "y" has no weight`) {
		t.Errorf("error %v", err)
	}
	if _, err := indicator.DecodeOverlay(strings.NewReader(strings.Replace(doc, `"column": "y"`, `"column": "y", "weight": 0`, 1))); err != nil {
		t.Error(err)
	}
}

// TestDecodePublicationMembers checks the members for publication: a
// top-level "$schema" and a node's description, unit and source decode,
// are written back by Encode in the canonical order, and decode again to
// the same model; other unknown members are still errors.
func TestDecodePublicationMembers(t *testing.T) {
	t.Parallel()
	const doc = `{"$schema": "https://example.org/ppgpa.schema.json", "ppgpa": 1, "name": "m",
  "root": {"id": "r", "description": "总分", "children": [
    {"id": "a", "name": "办结率", "description": "按期办结的件数占比", "unit": "%", "source": "政务服务平台", "column": "a", "weight": 1}]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	a := m.Root.Children[0]
	if m.Schema != "https://example.org/ppgpa.schema.json" || m.Root.Description != "总分" ||
		a.Description != "按期办结的件数占比" || a.Unit != "%" || a.Source != "政务服务平台" {
		t.Fatalf("decoded %+v %+v", m, a)
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	want := `{
  "$schema": "https://example.org/ppgpa.schema.json",
  "ppgpa": 1,
  "name": "m",
  "root": {
    "id": "r",
    "description": "总分",
    "children": [
      {
        "id": "a",
        "name": "办结率",
        "description": "按期办结的件数占比",
        "unit": "%",
        "source": "政务服务平台",
        "weight": 1,
        "column": "a"
      }
    ]
  }
}
`
	if b.String() != want {
		t.Errorf("Encode:\n%s\nwant:\n%s", b.String(), want)
	}
	m2, err := indicator.DecodeModel(&b)
	if err != nil || !cmp.Equal(m, m2) {
		t.Errorf("round trip: %v\n%s", err, cmp.Diff(m, m2))
	}
	for _, bad := range []string{`{"$schemas": "x", "ppgpa": 1, "name": "m", "root": {"id": "r", "column": "a"}}`,
		`{"ppgpa": 1, "name": "m", "root": {"id": "r", "column": "a", "units": "%"}}`} {
		if _, err := indicator.DecodeModel(strings.NewReader(bad)); !errors.Is(err, indicator.ErrInvalidModel) {
			t.Errorf("DecodeModel(%s): %v, want an unknown-member error", bad, err)
		}
	}
}
