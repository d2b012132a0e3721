package indicator_test

import (
	"fmt"
	"log"
	"math"

	"github.com/ppgpa/ppgpa/indicator"
)

// A table given column by column, as a reader that fills one column per
// indicator makes it: the columns are kept, not copied.
func ExampleNewTableColumns() {
	satisfaction := []float64{86.5, 91, 78.25}
	complaints := []float64{12, math.NaN(), 30}
	t, err := indicator.NewTableColumns([]string{"东城", "西城", "南湖"}, []string{"satisfaction", "complaints"}, [][]float64{satisfaction, complaints})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Units(), t.Columns())
	fmt.Println(t.Value(1, 0), t.Value(1, 1))
	_, err = indicator.NewTableColumns([]string{"东城"}, []string{"satisfaction"}, [][]float64{{1, 2}})
	fmt.Println(err)
	// Output:
	// [东城 西城 南湖] [satisfaction complaints]
	// 91 NaN
	// indicator: invalid table: column "satisfaction" has 2 values for 1 units
}
