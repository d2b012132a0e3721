package report_test

import (
	"fmt"

	"github.com/ppgpa/ppgpa/ranking/report"
)

// ExampleCommentsFromRows reads assessors' comments from rows as a
// spreadsheet reader gives them (package indicator/tabular reads an xlsx
// workbook or a GBK CSV into such rows), with the rows' lines in the
// file; the empty row is skipped, and an error names the line.
func ExampleCommentsFromRows() {
	rows := [][]string{
		{"单位", "类型", "内容"},
		{"东城区", "意见", "群众反映较好。"},
		{"", "", ""},
		{"西城区", "建议", "加快重点项目进度。"},
	}
	cs, err := report.CommentsFromRows(rows, []int{2, 3, 4, 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Printf("%s %s (line %d): %s\n", c.Unit, c.Kind, c.Line, c.Text)
	}
	_, err = report.CommentsFromRows([][]string{{"单位", "类型", "内容"}, {"东城区", "评语", "较好。"}}, []int{1, 2})
	fmt.Println(err)
	// Output:
	// 东城区 comment (line 3): 群众反映较好。
	// 西城区 recommendation (line 5): 加快重点项目进度。
	// report: invalid input: comments: line 2: unknown comment kind "评语" (want comment/意见 or recommendation/建议)
}
