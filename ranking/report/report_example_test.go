package report_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// ExampleBuild builds the report of three districts on two indicators and
// writes it as Markdown, in Chinese (the default; Input.Lang = report.English
// or report.Bilingual for the others). The uncertainty analysis is left out here
// (Replications -1) to keep the output short; the HTML format is written
// the same way with report.HTML.
func ExampleBuild() {
	model, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "街道服务评估",
	  "root": {"id": "total", "children": [
	    {"id": "wait", "name": "平均等待时间", "unit": "天", "column": "wait", "polarity": "lower", "weight": 1},
	    {"id": "sat", "name": "群众满意度", "unit": "分", "column": "sat", "weight": 1}]}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		fmt.Println(err)
		return
	}
	data := "unit,wait,sat\n东街,2,80\n西街,6,90\n南街,4,70\n"
	table, err := indicator.ReadCSV(strings.NewReader(data), indicator.CSVOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	in, err := report.Build(context.Background(), plan, table, report.Settings{Replications: -1, Top: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range in.Units {
		fmt.Printf("%s rank %v score %.2f\n", u.ID, u.Rank, u.Score)
	}
	var md strings.Builder
	if err := report.Write(&md, report.Markdown, in); err != nil {
		fmt.Println(err)
		return
	}
	// Print the card of the last unit. By hand: wait (lower is better)
	// 2, 6, 4 normalises to 100, 0, 50 and satisfaction 80, 90, 70 to
	// 50, 100, 0, so the scores are 75, 50, 25. 南街's waiting time equals
	// its peers' median (4 days); its satisfaction is below theirs.
	// Raising it to the peers' median 85 moves the range to 80..90: the
	// scores become 50, 50, 50, all tied at rank 2 (average ranks).
	text := md.String()
	start := strings.Index(text, "### 第3名")
	end := strings.Index(text, "## 评估方法")
	fmt.Fprint(os.Stdout, text[start:end])
	// Output:
	// 东街 rank 1 score 75.00
	// 西街 rank 2 score 50.00
	// 南街 rank 3 score 25.00
	// ### 第3名 南街，得分25.00分
	//
	// **短板**
	//
	// - 群众满意度：70分（其他单位中位数85分），在3个单位中列第3位，为总分贡献0.00分。
	//
	// **改进测算**
	//
	// - 若群众满意度由70分提高至其他单位中位数85分，得分将为50.00分（提高25.00分），排名由第3名升至并列第2名。
	//
}
