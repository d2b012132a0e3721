package ranking_test

import (
	"fmt"

	"github.com/ppgpa/ppgpa/ranking"
)

func ptr(v float64) *float64 { return &v }

// Hangzhou-style grading: 优秀 needs 90 points and is capped at 20% of
// the units; a one-vote veto sends a unit to 不达标; the last two places
// are flagged.
func ExampleGrade() {
	g := ranking.Grading{
		Ranking: ranking.Options{Ties: ranking.TieMin},
		Grades: []ranking.GradeRule{
			{Name: "优秀", MinScore: ptr(90), MaxShare: ptr(0.2)},
			{Name: "良好", MinScore: ptr(80)},
			{Name: "达标", MinScore: ptr(60)},
			{Name: "不达标"},
		},
		BottomK: 2,
	}
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	scores := []float64{96, 93, 91, 92, 85, 80, 80, 61, 58, 70}
	vetoed := []bool{false, false, false, true, false, false, false, false, false, false}
	res, err := ranking.Grade(scores, vetoed, ids, g)
	if err != nil {
		panic(err)
	}
	for i, id := range ids {
		fmt.Printf("%s %5.1f rank %2.0f %s bottom=%v\n", id, scores[i], res.Rank[i], res.Name[i], res.BottomK[i])
	}
	// Output:
	// a  96.0 rank  1 优秀 bottom=false
	// b  93.0 rank  2 优秀 bottom=false
	// c  91.0 rank  4 良好 bottom=false
	// d  92.0 rank  3 不达标 bottom=false
	// e  85.0 rank  5 良好 bottom=false
	// f  80.0 rank  6 良好 bottom=false
	// g  80.0 rank  6 良好 bottom=false
	// h  61.0 rank  9 达标 bottom=true
	// i  58.0 rank 10 不达标 bottom=true
	// j  70.0 rank  8 达标 bottom=false
}
