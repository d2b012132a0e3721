package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/ppgpa/ppgpa/ranking/report"
)

// langCase is a command whose standard output is meant for an official:
// in Chinese by default, in English with -lang en. zh and en are words
// that only the Chinese and only the English output has (the command's
// own headings and sentences, not the data's names); allow lists the
// runs of English words that the Chinese output may hold (file names,
// ids, column names, sources cited as published).
type langCase struct {
	name  string
	args  []string
	stdin string
	zh    []string
	en    []string
	allow []string
}

// langCases are the commands with human-readable output, each with a
// run that prints its sentences as well as its headings.
var langCases = []langCase{
	{name: "validate", args: []string{"validate", "model.json"},
		zh: []string{"模型有效", "本级权重", "实际权重", "加权算术平均", "逆向指标", "一票否决", "等级：", "70分及以上"},
		en: []string{"valid (model format", "effective", "lower is better", "grades:"}},
	{name: "validate ahp", args: []string{"validate", "-"}, stdin: validateAHPModel,
		zh:    []string{"层次分析法一致性检验", "警告：CR", "应先修正的判断", "相对于", "已剔除的专家"},
		en:    []string{"AHP consistency", "warning: CR", "revisit first", " over ", "judges left out"},
		allow: []string{"exclude_cr"}},
	{name: "validate unnamed judge", args: []string{"validate", "-"}, stdin: unnamedJudgeModel,
		zh: []string{"已剔除的专家（一致性比率CR超过模型的exclude_cr）：第2位专家"}, en: []string{"judges left out (CR above exclude_cr): judge 1"},
		allow: []string{"exclude_cr"}},
	{name: "validate overlay", args: []string{"validate", "-overlay", "overlay.json", "model.json"},
		zh: []string{"（按overlay.json调整）"}, en: []string{"with overlay"}},
	{name: "verify", args: []string{"verify", "-tol", "0.005", "model.json", "data.csv", "published_bad.csv"},
		zh: []string{"核验表", "结论", "不一致", "须相同", "数据中无此单位", "核验结论", "核验人（签字）"},
		en: []string{"Verification of a published ranking", "verdict", "differs", "exact", "not in the data", "Verdict:", "Verified by"}},
	{name: "verify agreement", args: []string{"verify", "-expect", "0000000000000000000000000000000000000000000000000000000000000000 (library 0.1.0, model cd47304dda502260, data 0000000000000000, settings 11fa3852dce5ec06)", "model.json", "data.csv", "published_ok.csv"},
		zh: []string{"不同的部分：数据", "完整排名的一致性", "平均名次差"},
		en: []string{"DIFFERENT: the data", "agreement of the complete rankings", "mean absolute rank shift"}},
	{name: "coherence", args: []string{"coherence", "model.json", "data.csv"},
		zh: []string{"皮尔逊相关系数", "克朗巴赫α系数", "指标组：综合得分（total）", "提示：公共服务与行政效能高度相关"},
		en: []string{"correlations of 8 units", "Cronbach's alpha", "flag: 公共服务 (service) and 行政效能 (efficiency) redundant"}},
	{name: "score", args: []string{"score", "model.json", "data.csv"},
		zh: []string{"排名", "单位", "等级", "加减分", "备注", "指纹"}, en: []string{"Rank", "Score", "Grade", "Adjustment", "Note", "Fingerprint"}},
	{name: "ahp", args: []string{"ahp", "ahp_labelled.csv", "-ri", "cn_textbook"},
		zh: []string{"权重计算方法", "平均随机一致性指标表", "国内层次分析法教材"}, en: []string{"weights by", "RI table", "Chinese AHP textbooks"}},
	{name: "uncertainty", args: []string{"uncertainty", "-n", "50", "-sobol-n", "16", "-seed", "1", "-aggregations", "geometric,harmonic:offset=5,power:p=2,grey_relational:rho=0.3", "-normalizations", "percentile", "-imputations", "median", "model.json", "data.csv"},
		zh: []string{"变动因素", "合成方法", "加权几何平均", "灰色关联分析法", "标准化方法", "缺失值插补方法", "Sobol序列点"},
		en: []string{"factors:", "aggregation (model or geometric offset 1", "normalisation (model or percentile)", "imputation (model or median)"}},
	{name: "rank", args: []string{"rank", "-top", "2", "-bottom", "2", "-tiers", "2,4,6", "model_se.json", "data_se.csv"},
		zh: []string{"名次置信集"}, en: []string{"Marginal"}},
	{name: "compare", args: []string{"compare", "published_ok.csv", "published_bad.csv"},
		zh: []string{"名次变动", "比较的单位", "Spearman ρ", "平均名次变动：0.1429位"}, en: []string{"shift", "Spearman rho"}},
	{name: "weights", args: []string{"weights", "model.json", "data.csv"},
		zh: []string{"权重", "熵权法（综合得分）：信息熵"}, en: []string{"weight", "entropy weights of total"}},
	{name: "estimate", args: []string{"estimate", "-unit", "district", "-answer", "income", "-format", "table", "respondents.csv"},
		zh: []string{"置信区间"}, en: []string{"intervals"}, allow: []string{"district"}},
	{name: "plan", args: []string{"plan", "-margin", "0.03", "-deff", "1.5", "-population", "250000", "-response-rate", "0.6"},
		zh: []string{"简单随机抽样", "设计效应", "误差限±3个百分点"}, en: []string{"simple random sample", "margin ±0.03"}},
}

// validateAHPModel has an inconsistent AHP group and one with a judge
// left out.
const validateAHPModel = `{"ppgpa": 1, "root": {"id": "t", "children": [{"id": "g", "weight": 1, "weighting": {"method": "ahp", "upper": [[5, "1/3"], [5]]}, "children": [{"id": "x", "column": "x"}, {"id": "y", "column": "y"}, {"id": "z", "column": "z"}]}, {"id": "j", "weight": 1, "weighting": {"method": "ahp", "exclude_cr": 0.1, "judges": [{"name": "A", "upper": [[2, 4], [2]]}, {"name": "B", "upper": [[9, "1/9"], [9]]}]}, "children": [{"id": "u", "column": "u"}, {"id": "v", "column": "v"}, {"id": "w", "column": "w"}]}]}}`

// unnamedJudgeModel has an AHP group whose second judge, unnamed, is
// left out (its judgments 9, 1/9, 9 give CR 6.1, above 0.1).
const unnamedJudgeModel = `{"ppgpa": 1, "root": {"id": "t", "children": [{"id": "j", "weight": 1, "weighting": {"method": "ahp", "exclude_cr": 0.1, "judges": [{"upper": [[2, 4], [2]]}, {"upper": [[9, "1/9"], [9]]}]}, "children": [{"id": "u", "column": "u"}, {"id": "v", "column": "v"}, {"id": "w", "column": "w"}]}]}}`

// englishRun finds two or more English words in a row: a sentence or
// phrase left untranslated.
var englishRun = regexp.MustCompile(`[A-Za-z][a-z]+(?:[ '-][A-Za-z][a-z]+)+`)

// TestLanguageEveryCommand checks that every command whose output is meant
// for an official writes it in Chinese by default, without English
// phrases (but the allowed ones), in English with -lang en, without the
// command's Chinese words, and in both with -lang both.
func TestLanguageEveryCommand(t *testing.T) {
	t.Chdir("testdata")
	for _, c := range langCases {
		t.Run(c.name, func(t *testing.T) {
			run := func(lang ...string) string {
				args := append([]string{c.args[0]}, lang...)
				r := runPPGPA(t, c.stdin, append(args, c.args[1:]...)...)
				if r.code != 0 && r.code != 1 || r.stdout == "" {
					t.Fatalf("ppgpa %s %s: exit status %d\n%s%s", strings.Join(lang, " "), strings.Join(c.args, " "), r.code, r.stdout, r.stderr)
				}
				return r.stdout
			}
			zh, en, both := run(), run("-lang", "en"), run("-lang", "both")
			for _, w := range c.zh {
				if !strings.Contains(zh, w) {
					t.Errorf("the default output has no %q:\n%s", w, zh)
				}
				if strings.Contains(en, w) {
					t.Errorf("the output of -lang en has %q:\n%s", w, en)
				}
				if !strings.Contains(both, w) {
					t.Errorf("the output of -lang both has no %q", w)
				}
			}
			inBoth := 0
			for _, w := range c.en {
				if !strings.Contains(en, w) {
					t.Errorf("the output of -lang en has no %q:\n%s", w, en)
				}
				if strings.Contains(zh, w) {
					t.Errorf("the default output has %q:\n%s", w, zh)
				}
				if strings.Contains(both, w) {
					inBoth++
				}
			}
			// Both languages: every Chinese word, and English beside it
			// (a table's cells may be in Chinese alone).
			if inBoth == 0 {
				t.Errorf("the output of -lang both has none of %q:\n%s", c.en, both)
			}
			allowed := append([]string{"Kendall", "Spearman", "Saaty", "Analytic Hierarchy Process", "Sobol"}, c.allow...)
			for _, line := range strings.Split(zh, "\n") {
			runs:
				for _, m := range englishRun.FindAllString(line, -1) {
					for _, a := range allowed {
						if strings.Contains(a, m) || strings.Contains(m, a) {
							continue runs
						}
					}
					t.Errorf("the default output has English %q in the line\n%s", m, line)
				}
			}
			if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("the default output has no Chinese:\n%s", zh)
			}
		})
	}
}

// TestChildLabel checks how a sentence names a child: by its name, by its
// id where it has none, with the id where a sibling has the same name,
// and with the id in English.
func TestChildLabel(t *testing.T) {
	names := map[string]string{"a": "公共服务", "b": "行政效能", "c": "行政效能", "d": "", "e": "e"}
	sib := []string{"a", "b", "c", "d", "e"}
	for _, tc := range []struct {
		id   string
		zh   string
		en   string
		both string
	}{
		{"a", "公共服务", "公共服务 (a)", "公共服务"},
		{"b", "行政效能（b）", "行政效能 (b)", "行政效能（b）"},
		{"c", "行政效能（c）", "行政效能 (c)", "行政效能（c）"},
		{"d", "d", "d", "d"},
		{"e", "e", "e", "e"},
	} {
		if got := childLabel(report.Chinese, names, sib, tc.id); got != tc.zh {
			t.Errorf("Chinese %s: %q, want %q", tc.id, got, tc.zh)
		}
		if got := childLabel(report.English, names, sib, tc.id); got != tc.en {
			t.Errorf("English %s: %q, want %q", tc.id, got, tc.en)
		}
		if got := childLabel(report.Bilingual, names, sib, tc.id); got != tc.both {
			t.Errorf("both %s: %q, want %q", tc.id, got, tc.both)
		}
	}
}

// TestVerifyReportPageLanguage checks the source line of the check of a
// report page: in Chinese by default, in English with -lang en.
func TestVerifyReportPageLanguage(t *testing.T) {
	t.Chdir("testdata")
	page := filepath.Join(t.TempDir(), "r.html")
	if r := runPPGPA(t, "", "report", "-q", "-n", "50", "-o", page, "model.json", "data.csv"); r.code != 0 {
		t.Fatalf("report: exit status %d\n%s", r.code, r.stderr)
	}
	zh, en := runPPGPA(t, "", "verify", page), runPPGPA(t, "", "verify", "-lang", "en", page)
	if zh.code != 0 || en.code != 0 {
		t.Fatalf("verify: exit status %d and %d\n%s%s", zh.code, en.code, zh.stderr, en.stderr)
	}
	if !strings.Contains(zh.stdout, "r.html（报告页面本身）") || strings.Contains(zh.stdout, "the report page itself") {
		t.Errorf("the default output's source is not in Chinese:\n%s", zh.stdout)
	}
	if !strings.Contains(en.stdout, "r.html (the report page itself)") || strings.Contains(en.stdout, "报告页面本身") {
		t.Errorf("the output of -lang en's source is not in English:\n%s", en.stdout)
	}
}

// TestValidateCountEnglish checks validate's count of groups and
// indicators: English puts a noun in the singular after 1 (Nanjing's model
// has one group of one indicator, Hangzhou's more than one of each).
func TestValidateCountEnglish(t *testing.T) {
	for _, c := range []struct{ model, zh, en string }{
		{"../../examples/nanjing/model.json", "共1个指标组、1项指标", "1 group, 1 indicator\n"},
		{"testdata/model.json", "共3个指标组、6项指标", "3 groups, 6 indicators\n"},
	} {
		zh, en := runPPGPA(t, "", "validate", c.model), runPPGPA(t, "", "validate", "-lang", "en", c.model)
		if zh.code != 0 || en.code != 0 {
			t.Fatalf("validate %s: exit status %d and %d\n%s%s", c.model, zh.code, en.code, zh.stderr, en.stderr)
		}
		if !strings.Contains(zh.stdout, c.zh) {
			t.Errorf("validate %s: no %q in\n%s", c.model, c.zh, zh.stdout)
		}
		if !strings.Contains(en.stdout, c.en) {
			t.Errorf("validate -lang en %s: no %q in\n%s", c.model, c.en, en.stdout)
		}
	}
}
