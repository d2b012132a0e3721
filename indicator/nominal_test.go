package indicator_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

func twoLeaves(p string) []*indicator.Node {
	return []*indicator.Node{{ID: p + "1", Column: p + "1", Weight: 1}, {ID: p + "2", Column: p + "2"}}
}

// TestValidateComputesWeights checks that Validate rejects, all at once
// and naming the children, what Compile cannot weight: Validate and
// Compile agree (FuzzDecodeModel found models that validated but did not
// compile).
func TestValidateComputesWeights(t *testing.T) {
	t.Parallel()
	share := 0.5
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "ahp", Weight: 1, Children: twoLeaves("a"),
			Weighting: &weighting.Spec{Method: "ahp", Matrix: [][]weighting.Judgment{{1, 2}, {3, 1}}}},
		{ID: "res", Weight: 1, Children: []*indicator.Node{{ID: "s1", Column: "s1"}, {ID: "s2", Column: "s2"}},
			Weighting: &weighting.Spec{Method: "resident_share", Resident: "s1", Share: &share}},
		{ID: "bud", Weight: 1, Children: twoLeaves("b"),
			Weighting: &weighting.Spec{Method: "budget", Allocations: [][]float64{{60, 40}, {0, 0}}}},
		{ID: "inc", Weight: 1, Children: []*indicator.Node{{ID: "c1", Column: "c1"}, {ID: "c2", Column: "c2"}, {ID: "c3", Column: "c3"}, {ID: "c4", Column: "c4"}},
			Weighting: &weighting.Spec{Method: "ahp", Upper: [][]weighting.Judgment{{2, 0, 0}, {0, 0}, {3}}}},
	}}}
	err := m.Validate()
	var ve *indicator.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate = %v, want a *ValidationError", err)
	}
	want := []string{
		`r/ahp: weighting: judgment a[0][1] ("a1" over "a2") = 2: not reciprocal`,
		`r/res: weighting: resident share, other children:`,
		`r/bud: weighting: invalid weights: budget: expert 1 allocates no points`,
		`r/inc: weighting: comparison graph is disconnected: criteria [2 3] are not connected to criterion 0 by any chain of judgments (criteria numbered from 0 in child order: 0 "c1", 1 "c2", 2 "c3", 3 "c4")`,
	}
	if len(ve.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(ve.Problems), len(want), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("problems lack %q:\n%v", w, err)
		}
	}
	if _, cerr := indicator.Compile(m); cerr == nil || cerr.Error() != err.Error() {
		t.Errorf("Compile = %v, want the problems of Validate", cerr)
	}
}

// TestGroupAHPInfo checks the AHP analysis exposed by Plan.Groups against
// closed forms. For a 3×3 reciprocal matrix with a12 = a, a13 = b,
// a23 = c, the characteristic polynomial is λ^3 - 3λ^2 - (r + 1/r - 2)
// with r = a c / b; substituting λ = 1 + d + 1/d, d = r^(1/3), gives
// (d + 1/d)^3 - 3(d + 1/d) - 2 = r + 1/r - 2, so λmax = 1 + d + 1/d.
// With a = c = 2, b = 1:
// d = 4^(1/3), λmax = 3.2173706..., CI = (λmax - 3)/2, RI = 0.58 (Saaty's
// table for n = 3), CR = CI/0.58.
func TestGroupAHPInfo(t *testing.T) {
	t.Parallel()
	leaves := []*indicator.Node{{ID: "x", Column: "x"}, {ID: "y", Column: "y"}, {ID: "z", Column: "z"}}
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r", Children: []*indicator.Node{
		{ID: "g", Weight: 1, Children: leaves,
			Weighting: &weighting.Spec{Method: "ahp", Upper: [][]weighting.Judgment{{2, 1}, {2}}}},
		{ID: "j", Weight: 1, Children: []*indicator.Node{{ID: "u", Column: "u"}, {ID: "v", Column: "v"}, {ID: "w", Column: "w"}},
			Weighting: &weighting.Spec{Method: "ahp", ExcludeCR: 0.1, Judges: []weighting.JudgeSpec{
				{Name: "good", Upper: [][]weighting.Judgment{{2, 4}, {2}}},
				{Upper: [][]weighting.Judgment{{9, 1.0 / 9}, {9}}},
			}}},
		{ID: "e", Weight: 1, Children: twoLeaves("e"), Weighting: &weighting.Spec{Method: "equal"}},
	}}}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	gs := p.Groups()
	if gs[0].AHP != nil || gs[3].AHP != nil {
		t.Errorf("AHP info on a fixed or equal group: %+v, %+v", gs[0].AHP, gs[3].AHP)
	}
	g := gs[1].AHP
	if g == nil {
		t.Fatal("no AHP info for group g")
	}
	d := math.Cbrt(4)
	lambda := 1 + d + 1/d
	ci := (lambda - 3) / 2
	if math.Abs(g.LambdaMax-lambda) > 1e-9 || math.Abs(g.CI-ci) > 1e-9 || g.RI != 0.58 || math.Abs(g.CR-ci/0.58) > 1e-9 {
		t.Errorf("λmax %v CI %v RI %v CR %v, want %v %v 0.58 %v", g.LambdaMax, g.CI, g.RI, g.CR, lambda, ci, ci/0.58)
	}
	if len(g.Inconsistent) != 3 || g.Judges != 0 || g.Excluded != nil || g.ExcludedJudges != nil {
		t.Errorf("Inconsistent %v, Judges %d, Excluded %v", g.Inconsistent, g.Judges, g.Excluded)
	}
	// The second judge's matrix has d = (9*9*9)^(1/3) = 9, λmax = 10.11,
	// CR far above 0.1: excluded, and the group is the first judge's
	// consistent matrix (weights 4/7, 2/7, 1/7, CR 0).
	j := gs[2].AHP
	if j == nil || j.Judges != 2 || !slices.Equal(j.ExcludedJudges, []int{1}) || !slices.Equal(j.Excluded, []string{"judge 1"}) || !slices.Equal(j.JudgeNames, []string{"good", ""}) {
		t.Fatalf("judges info %+v", j)
	}
	for k, w := range []float64{4.0 / 7, 2.0 / 7, 1.0 / 7} {
		if math.Abs(j.Weights[k]-w) > 1e-12 || math.Abs(gs[2].Weights[k]-w) > 1e-12 {
			t.Errorf("judges weight %d = %v (group %v), want %v", k, j.Weights[k], gs[2].Weights[k], w)
		}
	}
	if j.CR > 1e-12 {
		t.Errorf("CR of the remaining consistent judge = %v, want 0", j.CR)
	}
	// Groups returns copies.
	gs[1].AHP.Weights[0] = -1
	if p.Groups()[1].AHP.Weights[0] == -1 {
		t.Error("Groups shares the AHP info with the plan")
	}
}
