package main

import (
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// TestOfficialFilesScoreAlike scores the same data as kept by officials
// (made from data.csv by testdata/official/make.sh: GBK, a title row, a
// 序号 column, percent signs, a summary row) and checks that the scores
// are those of the plain UTF-8 file, byte for byte.
func TestOfficialFilesScoreAlike(t *testing.T) {
	t.Chdir("testdata")
	want := runPPGPA(t, "", "score", "-format", "csv", "model.json", "data.csv")
	if want.code != 0 {
		t.Fatalf("data.csv: %s", want.stderr)
	}
	for _, args := range [][]string{
		{"score", "-format", "csv", "-skip-summary", "model.json", "official/data_gbk.csv"},
		{"score", "-format", "csv", "-skip-summary", "-encoding", "gbk", "-header-row", "2", "-unit", "district", "model.json", "official/data_gbk.csv"},
		// The same data as a workbook written by openpyxl (see
		// indicator/tabular/testdata/make_xlsx.py).
		{"score", "-format", "csv", "model.json", "../../../indicator/tabular/testdata/quickstart.xlsx"},
		{"score", "-format", "csv", "-sheet", "考核数据", "model.json", "../../../indicator/tabular/testdata/quickstart.xlsx"},
	} {
		got := runPPGPA(t, "", args...)
		if got.code != 0 {
			t.Fatalf("%v: %s", args, got.stderr)
		}
		if got.stdout != want.stdout {
			t.Errorf("%v: scores differ from data.csv's:\n%s\nwant\n%s", args, got.stdout, want.stdout)
		}
	}
}

// TestFormatXLSX writes the scores as a workbook and reads it back: the
// cells are those of the CSV output (numbers as numbers that read back
// to the same text), with -lang en as they are, in Chinese and both with
// NA blank and true/false 是/否 (zhCells); the headings are the CSV's
// column names with -lang en, Chinese by default and both with -lang
// both.
func TestFormatXLSX(t *testing.T) {
	t.Chdir("testdata")
	want := runPPGPA(t, "", "score", "-format", "csv", "model.json", "data.csv")
	recs, err := csv.NewReader(strings.NewReader(want.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The Chinese headings, written out from the model (service is
	// 公共服务, service.wait 办事平均等待天数).
	zh := map[string]string{"unit": "单位", "rank": "排名", "grade": "等级", "score": "得分", "se": "标准误", "adjustment": "加减分",
		"vetoed": "一票否决", "bottom_k": "末位", "service.score": "公共服务得分", "service.contribution": "公共服务贡献分",
		"service.wait.score": "办事平均等待天数得分", "fingerprint": "指纹"}
	for _, lang := range []string{"en", "zh", "both"} {
		got := runPPGPA(t, "", "score", "-format", "xlsx", "-lang", lang, "model.json", "data.csv")
		if got.code != 0 {
			t.Fatal(got.stderr)
		}
		g, err := tabular.GridFromBytes([]byte(got.stdout), tabular.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Rows) != len(recs) {
			t.Fatalf("%d rows, want %d", len(g.Rows), len(recs))
		}
		for i := range recs {
			want := recs[i]
			if i == 0 && lang != "en" {
				want = slices.Clone(want)
				for k, h := range want {
					switch {
					case zh[h] == "":
					case lang == "zh":
						want[k] = zh[h]
					default:
						want[k] = zh[h] + " / " + h
					}
				}
				if g.Rows[0][0] != want[0] || g.Rows[0][len(want)-1] != want[len(want)-1] {
					t.Errorf("-lang %s: headings %q, want %q", lang, g.Rows[0], want)
				}
				for k, h := range recs[0] {
					if zh[h] != "" && g.Rows[0][k] != want[k] {
						t.Errorf("-lang %s: heading of %s is %q, want %q", lang, h, g.Rows[0][k], want[k])
					}
				}
				continue
			}
			if lang != "en" {
				want = zhCells(want)
			}
			if strings.Join(digits15(trimEmpty(g.Rows[i])), ",") != strings.Join(digits15(trimEmpty(want)), ",") {
				t.Errorf("-lang %s: row %d: %q, want %q", lang, i+1, g.Rows[i], want)
			}
		}
	}
}

// zhCells is a data row of a command's CSV as a Chinese workbook shows
// it (see TestXLSXChineseCells): NA blank, true 是, false 否. The rows it
// is used on have no text column with these words.
func zhCells(r []string) []string {
	out := slices.Clone(r)
	for j, c := range out {
		switch c {
		case "NA":
			out[j] = ""
		case "true":
			out[j] = "是"
		case "false":
			out[j] = "否"
		}
	}
	return out
}

func trimEmpty(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

// digits15 rounds the numbers among the cells to 15 significant digits,
// the precision of a spreadsheet's numbers (see tabular.WriteXLSX).
func digits15(r []string) []string {
	out := make([]string, len(r))
	for j, c := range r {
		out[j] = c
		if x, err := strconv.ParseFloat(c, 64); err == nil {
			out[j] = strconv.FormatFloat(x, 'g', 15, 64)
		}
	}
	return out
}

// TestVerifyGBK verifies a published table saved in GBK (made by
// testdata/official/make.sh with iconv): it agrees as the UTF-8 one does.
func TestVerifyGBK(t *testing.T) {
	t.Chdir("testdata")
	got := runPPGPA(t, "", "verify", "-tol", "0.005", "model.json", "data.csv", "official/published_gbk.csv")
	want := runPPGPA(t, "", "verify", "-tol", "0.005", "model.json", "data.csv", "published_ok.csv")
	if got.code != 0 || got.stdout != want.stdout {
		t.Errorf("GBK published table: exit %d, %s\n%s\nwant\n%s", got.code, got.stderr, got.stdout, want.stdout)
	}
}

// TestEveryCommandReadsOfficialFiles feeds score, report, verify,
// estimate, rake and ahp the same tables as UTF-8 CSV, as GBK CSV made by
// iconv and as workbooks written by openpyxl (testdata/official/make.sh
// and make_xlsx.py): each command's output is the same, file names and
// the width of table columns aside (a workbook's published score shown as
// 93.50 reads as 93.50, so verify's tolerance is that of the CSV file).
func TestEveryCommandReadsOfficialFiles(t *testing.T) {
	t.Chdir("testdata")
	for _, c := range []struct {
		name  string
		args  []string   // the command and flags
		files [][]string // the input files: CSV, GBK, xlsx
	}{
		{"score", []string{"score", "-format", "csv", "-skip-summary", "model.json"}, [][]string{{"data.csv"}, {"official/data_gbk.csv"}, {"official/data.xlsx"}}},
		{"report", []string{"report", "-n", "50", "-format", "markdown", "-skip-summary", "model.json"}, [][]string{{"data.csv"}, {"official/data_gbk.csv"}, {"official/data.xlsx"}}},
		{"verify", []string{"verify", "-tol", "0.005", "model.json", "data.csv"}, [][]string{{"published_ok.csv"}, {"official/published_gbk.csv"}, {"official/published.xlsx"}}},
		{"estimate", []string{"estimate", "-unit", "district", "-scale", "hangzhou"}, [][]string{{"respondents.csv"}, {"official/respondents_gbk.csv"}, {"official/respondents.xlsx"}}},
		{"rake", []string{"rake"}, [][]string{{"respondents.csv", "margins.csv"}, {"official/respondents_gbk.csv", "official/margins_gbk.csv"}, {"official/respondents.xlsx", "official/margins.xlsx"}}},
		{"ahp", []string{"ahp"}, [][]string{{"ahp_labelled.csv"}, {"official/ahp_labelled_gbk.csv"}, {"official/ahp_labelled.xlsx"}}},
	} {
		var want string
		for k, files := range c.files {
			got := runPPGPA(t, "", append(slices.Clone(c.args), files...)...)
			if got.code != 0 {
				t.Errorf("%s %v: exit %d: %s", c.name, files, got.code, got.stderr)
				continue
			}
			for i, f := range files {
				got.stdout = strings.ReplaceAll(got.stdout, f, c.files[0][i])
			}
			var lines []string
			for _, l := range strings.Split(got.stdout, "\n") {
				f := strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '-' })
				lines = append(lines, strings.Join(f, " "))
			}
			out := strings.Join(lines, "\n")
			if k == 0 {
				want = out
			} else if out != want {
				t.Errorf("%s %v: output differs from that of %v:\n%s\nwant\n%s", c.name, files, c.files[0], out, want)
			}
		}
	}
}

// TestXLSXHeadings: the workbooks of rank, estimate, weights, plan,
// uncertainty and coherence have Chinese headings by default (written
// out here from the CSV names) and the CSV's column names with -lang en;
// the cells below are those of the CSV either way (TestFormatXLSX checks
// them for score).
func TestXLSXHeadings(t *testing.T) {
	t.Chdir("testdata")
	for _, tc := range []struct {
		args []string
		zh   []string
	}{
		{[]string{"rank", "-n", "0", "model_se.json", "data_se.csv"}, []string{"单位", "排名", "估计值", "标准误", "名次置信集（单个）下限", "名次置信集（单个）上限", "名次置信集（同时）下限", "名次置信集（同时）上限", "指纹"}},
		{[]string{"estimate", "-unit", "district", "-answer", "income", "respondents.csv"}, []string{"单位", "样本量", "估计值", "标准误", "下限", "上限", "设计效应"}},
		{[]string{"weights", "-schemes", "equal,sd", "model.json", "data.csv"}, []string{"编号", "路径", "叶子指标", "模型", "等权重", "标准差法"}},
		{[]string{"plan", "-n", "100", "strata.csv"}, []string{"层", "总体人数", "标准差", "分配数（未取整）", "样本量", "应联系数"}},
		{[]string{"plan", "-margin", "0.03"}, []string{"项目", "数值"}},
		{[]string{"uncertainty", "-n", "20", "-sobol-n", "0", "-top-k", "3", "-bottom-k", "2", "-bands", "3,6", "model.json", "data.csv"}, []string{"单位", "排名", "排名中位数", "平均名次", "排名区间下限", "排名区间上限", "最好名次", "最差名次",
			"进入前3名的概率", "落入末2名的概率", "名次在≤3的概率", "名次在4–6的概率", "名次在>6的概率", "指纹"}},
		{[]string{"coherence", "model.json", "data.csv"}, []string{"统计量", "指标组", "指标", "另一指标", "数值"}},
		{[]string{"uncertainty", "-n", "20", "-sobol-n", "16", "model.json", "data.csv"}, []string{"单位", "排名", "排名中位数", "平均名次", "排名区间下限", "排名区间上限", "最好名次", "最差名次",
			"一阶指数：第1层权重（±25%）", "总效应指数：第1层权重（±25%）", "一阶指数：第2层权重（±25%）", "总效应指数：第2层权重（±25%）", "一阶指数：指标取舍（剔除一项指标）", "总效应指数：指标取舍（剔除一项指标）", "指纹"}},
	} {
		csvOut := runPPGPA(t, "", append([]string{tc.args[0], "-format", "csv"}, tc.args[1:]...)...)
		recs, err := csv.NewReader(strings.NewReader(csvOut.stdout)).ReadAll()
		if err != nil || len(recs) == 0 {
			t.Fatalf("%v: CSV %v: %s", tc.args, err, csvOut.stderr)
		}
		for _, lang := range []string{"zh", "en"} {
			got := runPPGPA(t, "", append([]string{tc.args[0], "-format", "xlsx", "-lang", lang}, tc.args[1:]...)...)
			if got.code != 0 {
				t.Fatalf("%v -lang %s: %s", tc.args, lang, got.stderr)
			}
			g, err := tabular.GridFromBytes([]byte(got.stdout), tabular.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := tc.zh
			if lang == "en" {
				want = recs[0]
			}
			if !slices.Equal(trimEmpty(g.Rows[0]), want) {
				t.Errorf("%v -lang %s: headings %q, want %q", tc.args, lang, g.Rows[0], want)
			}
			row1 := recs[min(1, len(recs)-1)]
			if lang != "en" {
				row1 = zhCells(row1)
			}
			if len(g.Rows) != len(recs) || len(recs) > 1 && strings.Join(digits15(trimEmpty(g.Rows[1])), ",") != strings.Join(digits15(trimEmpty(row1)), ",") {
				t.Errorf("%v -lang %s: rows %q, CSV %q", tc.args, lang, g.Rows, recs)
			}
		}
	}
}
