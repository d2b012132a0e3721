package indicator_test

import (
	"bytes"
	"errors"
	"math"
	"os"
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
		{"trailing", `{"ppgpa": 1, "name": "m"} {}`, `line 1, column 28: data after the end`},
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
	m.Ranking = &indicator.RankingSpec{Ties: "random", AbsTol: -1, BottomK: -2, VetoGrade: "F",
		Grades: []indicator.GradeSpec{{Name: "A", MaxShare: fp(1.5)}, {Name: "A"}, {MinScore: fp(math.Inf(1))}}}
	err := m.Validate()
	for _, w := range []string{
		`$.ranking.ties: unknown tie rule "random"`,
		`$.ranking: tolerances abs_tol -1`,
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
