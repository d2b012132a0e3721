package tabular_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// A CSV file saved by Excel on Chinese Windows is GBK text: the encoding
// is detected (and said in a note), and the table is the same as that of
// the UTF-8 file. testdata/quickstart_gbk.csv was made by iconv.
func ExampleReadTable_gbk() {
	f, err := os.Open("testdata/quickstart_gbk.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	t, info, err := tabular.ReadTable(f, tabular.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Format, info.Encoding)
	fmt.Println(info.Notes[0])
	fmt.Println(t.Units()[:3], len(t.Columns()), t.Value(0, 1))
	// Output:
	// csv gb18030
	// read as GB18030/GBK text (the bytes are not valid UTF-8); declare the encoding if that is wrong
	// [东城区 西城区 南湖区] 9 96
}

// A sheet of a workbook is chosen by its name (or its 1-based number);
// the title row above the header and the serial-number column (序号) are
// skipped. testdata/quickstart.xlsx was written by openpyxl.
func ExampleReadTable_sheet() {
	b, err := os.ReadFile("testdata/quickstart.xlsx")
	if err != nil {
		fmt.Println(err)
		return
	}
	t, info, err := tabular.ReadTable(bytes.NewReader(b), tabular.Options{Sheet: "考核数据"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Format, info.Sheet)
	fmt.Println(t.Units()[0], t.Columns()[0], t.Value(0, 0))
	// Output:
	// xlsx 考核数据
	// 东城区 wait_days 3.2
}

// Long data, one row per unit and indicator, read into the same table as
// the wide form (indicators sorted by name).
func ExampleReadTable_long() {
	in := "单位,指标,值\n东城区,满意度,86.4\n东城区,办结率,96%\n西城区,满意度,82.7\n西城区,办结率,91%\n"
	t, info, err := tabular.ReadTable(strings.NewReader(in), tabular.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Units(), t.Columns(), info.Percent)
	for i := range t.Units() {
		fmt.Println(t.Value(i, 0), t.Value(i, 1))
	}
	// Output:
	// [东城区 西城区] [办结率 满意度] [办结率]
	// 96 86.4
	// 91 82.7
}

// Options name the unit column, the header row, the missing-value tokens
// (here added to the default set) and drop the summary row.
func ExampleOptions() {
	in := "2024年度考核数据,,\n序号,部门,得分,备注\n1,教育局,\"1,234\",—\n2,民政局,待定,\n,合计,,\n"
	opt := tabular.Options{
		Unit:        "部门",
		HeaderRow:   2,
		NA:          append(tabular.DefaultNA(), "待定"),
		SkipSummary: true,
		Attributes:  []string{"备注"},
	}
	t, _, err := tabular.ReadTable(strings.NewReader(in), opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Units(), t.Columns())
	fmt.Println(t.Value(0, 0), t.Value(1, 0))
	// Output:
	// [教育局 民政局] [得分]
	// 1234 NaN
}

// ReadColumns keeps only the columns a program needs, as codes into
// their distinct values: a million survey respondents take a few bytes
// each.
func ExampleReadColumns() {
	in := "id,weight,sex,answer\nr1,1,男,满意\nr2,2,女,不满意\nr3,1,女,满意\n"
	cs, err := tabular.ReadColumns([]byte(in), tabular.Options{}, func(h []string) []tabular.ColumnKind {
		return []tabular.ColumnKind{tabular.Text, tabular.Coded, tabular.Coded} // answer skipped
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sex := cs.Column("sex")
	fmt.Println(cs.Rows(), sex.Levels, sex.Codes, cs.Column("id").Value(2), cs.Column("answer") == nil)
	// Output:
	// 3 [男 女] [0 1 1] r3 true
}

// TableFromBytes reads a file already in memory; it is ReadTable without
// the reader, and reads a CSV file without quoted cells straight into the
// table's columns.
func ExampleTableFromBytes() {
	b := []byte("2024年度考核结果,,,\n序号,单位,满意度,投诉率\n1,东城区,96%,1.5\n2,西城区,91%,/\n3,合计,,\n")
	t, info, err := tabular.TableFromBytes(b, tabular.Options{SkipSummary: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Units(), t.Columns(), t.Value(0, 0), t.Value(1, 1))
	fmt.Println(info.Percent, info.Notes)
	_, _, err = tabular.TableFromBytes(b, tabular.Options{})
	fmt.Println(err)
	// Output:
	// [东城区 西城区] [满意度 投诉率] 96 NaN
	// [满意度] [the header is on line 2; 1 row(s) above it were taken as titles and skipped]
	// line 5, column 2 ("单位"): "合计" is a summary row, not a unit; remove it or skip summary rows
}

// A file whose data rows are already the canonical records of its table
// (columns in order, numbers in shortest form) gives them back, for a
// fingerprint to hash as they are (ranking.FingerprintOfRecords): as
// they are when the units are in order, else put in order; a number
// written otherwise ("7.50") gives none.
func ExampleTableRecords() {
	for _, text := range []string{
		"单位,a,b\n东城区,7.5,NA\n西城区,3,0.25\n",
		"单位,a,b\n西城区,3,0.25\n东城区,7.5,NA\n",
		"单位,a,b\n东城区,7.50,NA\n西城区,3,0.25\n",
	} {
		t, _, records, err := tabular.TableRecords([]byte(text), tabular.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		if records == nil {
			fmt.Printf("%d units, no records\n", len(t.Units()))
			continue
		}
		fmt.Printf("%d units, records %q\n", len(t.Units()), records)
	}
	// Output:
	// 2 units, records "东城区,7.5,NA\n西城区,3,0.25\n"
	// 2 units, records "东城区,7.5,NA\n西城区,3,0.25\n"
	// 2 units, no records
}

// A panel as an office keeps it: a title row, a serial-number column and
// one row per unit and year, the year in a column of its own; Panel gives
// one table per year (the values are those written in the input).
func ExampleGrid_Panel() {
	in := "区县绩效面板,,,,\n序号,单位,年份,满意度,办结率\n1,东城区,2024,86.4,96%\n2,西城区,2024,82.7,暂无\n3,东城区,2023,85.1,94%\n4,西城区,2023,80.2,90%\n"
	g, err := tabular.ReadGrid(strings.NewReader(in), tabular.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ys, info, err := g.Panel("年份", tabular.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Percent)
	for _, y := range ys {
		fmt.Println(y.Year, "row", y.Line, y.Table.Units(), y.Table.Columns(), y.Table.Value(0, 1), y.Table.Value(1, 1))
	}
	// Output:
	// [办结率]
	// 2023 row 5 [东城区 西城区] [满意度 办结率] 94 90
	// 2024 row 3 [东城区 西城区] [满意度 办结率] 96 NaN
}
