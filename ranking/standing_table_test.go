package ranking

import (
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestStandingTiedSpan checks Tied, Span, TableSize and GradeNames by
// hand on two categories ranked apart, ties "min" and vetoed units last:
// table X holds a 90, b 80, c 80 (b and c tied second: positions 2-3);
// table Y holds d 70 and e 75, e vetoed, so e ranks after d although its
// score is higher. X has the section's grades, Y its own.
func TestStandingTiedSpan(t *testing.T) {
	t.Parallel()
	min80 := 80.0
	spec := &indicator.RankingSpec{Ties: "min", VetoPlacement: "last", Category: "cat",
		Grades:     []indicator.GradeSpec{{Name: "好", MinScore: &min80}, {Name: "中"}},
		Categories: []indicator.CategorySpec{{Name: "X"}, {Name: "Y", Grades: []indicator.GradeSpec{{Name: "甲"}}}}}
	st, err := Classify(Units{IDs: []string{"a", "b", "c", "d", "e"}, Scores: []float64{90, 80, 80, 70, 75},
		Vetoed: []bool{false, false, false, false, true}, Categories: []string{"X", "X", "X", "Y", "Y"}}, spec)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		rank   float64
		tied   bool
		lo, hi int
		size   int
	}{{1, false, 1, 1, 3}, {2, true, 2, 3, 3}, {2, true, 2, 3, 3}, {1, false, 1, 1, 2}, {2, false, 2, 2, 2}} {
		lo, hi := st.Span(i)
		if st.Rank[i] != want.rank || st.Tied(i) != want.tied || lo != want.lo || hi != want.hi || st.TableSize(i) != want.size {
			t.Errorf("unit %s: rank %v tied %v span %d-%d table of %d, want %+v", st.Units[i], st.Rank[i], st.Tied(i), lo, hi, st.TableSize(i), want)
		}
	}
	if got := st.GradeNames(); !slices.Equal(got, []string{"好", "中", "甲"}) {
		t.Errorf("GradeNames() = %q, want 好, 中, 甲", got)
	}
}
