package indicator_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

func ExampleReadCSV() {
	in := "district,province,satisfaction,complaints\n东城,江苏,86.5,NA\n西城,浙江,-,12\n"
	t, err := indicator.ReadCSV(strings.NewReader(in), indicator.CSVOptions{Attributes: []string{"province"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Units(), t.Columns(), t.Attributes())
	if err := t.WriteCSV(os.Stdout); err != nil {
		log.Fatal(err)
	}
	_, err = indicator.ReadCSV(strings.NewReader("id,x\nA,1\nB,one\n"), indicator.CSVOptions{})
	fmt.Println(err)
	// Output:
	// [东城 西城] [satisfaction complaints] [province]
	// district,satisfaction,complaints,province
	// 东城,86.5,NA,江苏
	// 西城,NA,12,浙江
	// indicator: invalid table: csv line 3, column 2 ("x"): invalid number "one"
}
