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

// A what-if of one value: the second district's satisfaction raised to
// 95; the table itself is unchanged.
func ExampleTable_WithValue() {
	t, err := indicator.NewTableColumns([]string{"东城", "西城"}, []string{"satisfaction", "complaints"}, [][]float64{{86.5, 91}, {12, 30}})
	if err != nil {
		log.Fatal(err)
	}
	w, err := t.WithValue(1, "satisfaction", 95)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.Value(1, 0), t.Value(1, 0), w.Value(1, 1))
	_, err = t.WithValue(0, "population", 1)
	fmt.Println(err)
	// Output:
	// 95 91 30
	// indicator: invalid table: no column "population"
}
