package ranking_test

import (
	"fmt"

	"github.com/ppgpa/ppgpa/ranking"
)

// Five districts' scores with a tie at 88 and two scores 1e-12 apart,
// which the tolerance treats as one. Ordinal ties go by unit id in byte
// order: 上 (U+4E0A) before 拱 (U+62F1), 余 (U+4F59) before 滨 (U+6EE8).
func ExampleRank() {
	scores := []float64{91.5, 88, 88, 75 + 1e-12, 75}
	ids := []string{"西湖", "上城", "拱墅", "滨江", "余杭"}
	for _, ties := range []ranking.TieMethod{ranking.TieAverage, ranking.TieMin, ranking.TieDense, ranking.TieOrdinal} {
		r, err := ranking.Rank(scores, ids, ranking.Options{Ties: ties, AbsTol: 1e-9})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-8s %v\n", ties, r)
	}
	// Output:
	// average  [1 2.5 2.5 4.5 4.5]
	// min      [1 2 2 4 4]
	// dense    [1 2 2 3 3]
	// ordinal  [1 2 3 5 4]
}
