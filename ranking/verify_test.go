package ranking

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/indicator"
)

func TestVerify(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 6, 2, 2, 8)
	m.Ranking = &indicator.RankingSpec{Ties: "min", Grades: []indicator.GradeSpec{{Name: "A", MaxShare: ptr(0.5)}, {Name: "B"}}}
	p := compile(t, m)
	ctx := context.Background()
	res, err := p.Evaluate(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := FromSpec(m.Ranking)
	gr, _ := Grade(res.Score, res.Vetoed, res.Units, g)
	pub := Published{Units: slices.Clone(res.Units), Scores: slices.Clone(res.Score), Ranks: slices.Clone(gr.Rank), Grades: slices.Clone(gr.Name)}
	rep, err := Verify(ctx, p, tab, pub, VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Units != 6 || len(rep.Fingerprint) != 64 {
		t.Fatalf("faithful publication: %+v", rep)
	}
	// Tamper: unit 0's score off by 0.01 (beyond 0.005, rounding to two
	// decimals), unit 1's rank and grade changed, unit 5 dropped and an
	// unknown unit added; unit 2's score off by 0.004 is within tolerance.
	pub.Scores[0] += 0.01
	pub.Scores[2] += 0.004
	pub.Ranks[1] = 99
	pub.Grades[1] = "Z"
	pub.Units[5] = "ghost"
	rep, err = Verify(ctx, p, tab, pub, VerifySettings{ScoreTol: 0.005})
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, d := range rep.Differences {
		got = append(got, [2]string{d.Unit, d.Field})
	}
	want := [][2]string{{res.Units[0], "score"}, {res.Units[1], "rank"}, {res.Units[1], "grade"}, {"ghost", "unit"}, {res.Units[5], "unit"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("differences (-want +got):\n%s", diff)
	}
	expectPanics(t, map[string]func(){"lengths": func() {
		_, _ = Verify(ctx, p, tab, Published{Units: []string{"a"}, Ranks: []float64{1, 2}}, VerifySettings{})
	}})
}

// TestVerifyCategoryVetoGrade: a ranking section without grades of its
// own whose veto_grade names a grade of its categories (which the model
// format allows: the categories' grades take the section's veto grade)
// is verified, as score, report and VerifyPublication read it, and not
// refused by FromSpec as a veto grade naming no grade; the publication
// made from Classify's standing verifies without a difference.
func TestVerifyCategoryVetoGrade(t *testing.T) {
	t.Parallel()
	m, tab := testModel(t, 8, 2, 3, 7)
	kinds := []string{"x", "y", "x", "y", "x", "y", "x", "y"}
	tab, err := tab.WithAttribute("kind", kinds)
	if err != nil {
		t.Fatal(err)
	}
	grades := func() []indicator.GradeSpec {
		return []indicator.GradeSpec{{Name: "A", MaxShare: ptr(0.5)}, {Name: "B"}}
	}
	m.Ranking = &indicator.RankingSpec{Category: "kind", VetoGrade: "B",
		Categories: []indicator.CategorySpec{{Name: "x", Grades: grades()}, {Name: "y", Grades: grades()}}}
	p := compile(t, m) // the model is valid
	g, err := FromSpec(m.Ranking)
	if err != nil {
		t.Fatalf("FromSpec: %v", err)
	}
	if len(g.Grades) != 0 || g.VetoGrade != "" {
		t.Errorf("the section's Grading %+v: want no grades and no veto grade (the categories' own)", g)
	}
	ctx := context.Background()
	_, st := classified(t, p, tab, m.Ranking)
	pub := Published{Units: slices.Clone(st.Units), Scores: slices.Clone(st.Score), Ranks: slices.Clone(st.Rank), Grades: slices.Clone(st.Grade)}
	rep, err := Verify(ctx, p, tab, pub, VerifySettings{})
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !rep.OK() {
		t.Errorf("the publication of Classify's standing: %+v", rep.Differences)
	}
	// Without categories, a veto grade that names no grade stays an error.
	if _, err := FromSpec(&indicator.RankingSpec{VetoGrade: "B"}); !errors.Is(err, ErrGrading) {
		t.Errorf("no categories, veto_grade naming no grade: err = %v, want ErrGrading", err)
	}
}
