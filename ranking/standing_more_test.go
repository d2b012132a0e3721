package ranking

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestClassifyUnranked: category y is graded but not ranked. Its units E
// 95, D 60, F 50 get the section's grades (好 at 55 or more: E and D; 差:
// F) and NaN ranks; top and bottom designations and bottom-k skip them;
// the score threshold (不满意 below 55) still applies to F. Category x
// ranks A 90, B 80, C 70 and flags C as bottom 1.
func TestClassifyUnranked(t *testing.T) {
	t.Parallel()
	spec := &indicator.RankingSpec{Category: "k", BottomK: 1,
		Grades:       []indicator.GradeSpec{{Name: "好", MinScore: ptr(55)}, {Name: "差"}},
		Categories:   []indicator.CategorySpec{{Name: "x"}, {Name: "y", Unranked: true}},
		Designations: []indicator.DesignationSpec{{Name: "满意", Top: 1}, {Name: "不满意", MaxScore: ptr(55)}}}
	u := Units{IDs: []string{"A", "B", "C", "D", "E", "F"}, Scores: []float64{90, 80, 70, 60, 95, 50},
		Categories: []string{"x", "x", "x", "y", "y", "y"}}
	s, err := Classify(u, spec)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{1, 2, 3, math.NaN(), math.NaN(), math.NaN()} {
		if got := s.Rank[i]; got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("%s: rank %v, want %v", s.Units[i], got, want)
		}
	}
	if !slices.Equal(s.Grade, []string{"好", "好", "好", "好", "好", "差"}) {
		t.Errorf("grades %q", s.Grade)
	}
	if !slices.Equal(s.BottomK, []bool{false, false, true, false, false, false}) {
		t.Errorf("bottom-k %v", s.BottomK)
	}
	want := [][]string{{"满意"}, nil, nil, nil, nil, {"不满意"}}
	for i := range want {
		if !slices.Equal(s.Designations[i], want[i]) {
			t.Errorf("%s: designations %q, want %q", s.Units[i], s.Designations[i], want[i])
		}
	}
	if s.Tables[1].Ranked || !slices.Equal(s.Tables[1].Units, []int{4, 3, 5}) {
		t.Errorf("unranked table %+v", s.Tables[1])
	}
	// The memberships are plain JSON for a verifier.
	b, err := json.Marshal(s.Memberships())
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `[{"table":"x","kind":"grade","name":"好","units":["A","B","C"]},{"table":"x","kind":"designation","name":"满意","units":["A"]},{"table":"x","kind":"bottom_k","name":"","units":["C"]},{"table":"y","kind":"grade","name":"好","units":["D","E"]},{"table":"y","kind":"grade","name":"差","units":["F"]},{"table":"y","kind":"designation","name":"不满意","units":["F"]}]`
	if string(b) != wantJSON {
		t.Errorf("memberships:\n got %s\nwant %s", b, wantJSON)
	}
}
