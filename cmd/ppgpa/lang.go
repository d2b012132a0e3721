package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/ranking/report"
)

// langFlag registers -lang, the language of the text meant for
// publication: zh (the default), en or both, as the report takes it.
func langFlag(fs *flag.FlagSet, what string) *report.Lang {
	l := new(report.Lang)
	fs.Var(&langValue{l}, "lang", "`language` of "+what+": zh, en or both")
	xlsxCellsHelp(fs)
	return l
}

// langValue is the flag.Value of -lang, through which output.flush finds
// the language of a workbook's headings.
type langValue struct{ l *report.Lang }

func (v *langValue) String() string {
	if v == nil || v.l == nil {
		return ""
	}
	return v.l.String()
}

func (v *langValue) Set(s string) error { return v.l.UnmarshalText([]byte(s)) }

// xlsxNames are the Chinese headings of the CSV columns of the
// commands other than score (which names its own, see
// scored.xlsxHeading), for -format xlsx.
var xlsxNames = map[string]string{
	"unit": "单位", "rank": "排名", "score": "得分", "grade": "等级", "fingerprint": "指纹",
	"estimate": "估计值", "se": "标准误", "lower": "下限", "upper": "上限", "deff": "设计效应", "n": "样本量",
	"marginal_lo": "名次置信集（单个）下限", "marginal_hi": "名次置信集（单个）上限",
	"simultaneous_lo": "名次置信集（同时）下限", "simultaneous_hi": "名次置信集（同时）上限",
	"top": "可能进入前列", "bottom": "可能落入末位", "tier": "梯队", "median": "排名中位数", "lo": "排名区间下限", "hi": "排名区间上限",
	"shift": "名次变动", "rank_a": "A排名", "rank_b": "B排名",
	"node": "编号", "path": "路径", "leaf": "叶子指标", "model": "模型",
	"stratum": "层", "N": "总体人数", "sd": "标准差", "exact": "分配数（未取整）", "approach": "应联系数",
	"quantity": "项目", "value": "数值",
	"nominal": "排名", "mean": "平均名次", "min": "最好名次", "max": "最差名次",
	"statistic": "统计量", "group": "指标组", "item": "指标", "other": "另一指标",
	"kind": "项目", "what": "名单或指标", "published": "公布", "recomputed": "重算", "difference": "差值",
	"tolerance": "容差", "agrees": "结论", "note": "说明",
}

// xlsxHeading is the heading in l of a workbook's column whose CSV name
// is h: the CSV name in English, a Chinese heading (then the CSV name, for
// both) where one is known: a method of the model format by the report's
// name, "rank:SCHEME" as the scheme's name and 排名.
func xlsxHeading(l report.Lang, h string) string {
	if l == report.English {
		return h
	}
	zh, ok := xlsxNames[h]
	switch {
	case ok:
	case strings.HasPrefix(h, "rank:"):
		zh = report.SchemeName(report.Chinese, strings.TrimPrefix(h, "rank:")) + "排名"
	case strings.HasPrefix(h, "first:"):
		zh = report.TermFirstOrder.In(report.Chinese) + "：" + report.FactorName(report.Chinese, strings.TrimPrefix(h, "first:"))
	case strings.HasPrefix(h, "total:"):
		zh = report.TermTotalEffect.In(report.Chinese) + "：" + report.FactorName(report.Chinese, strings.TrimPrefix(h, "total:"))
	case probHeading(h) != "":
		zh = probHeading(h)
	case report.MethodName(report.Chinese, h) != h:
		zh = report.MethodName(report.Chinese, h)
	default:
		return h
	}
	if l == report.Bilingual {
		return zh + " / " + h
	}
	return zh
}

// probHeading is the Chinese heading of uncertainty's probability
// columns, as its table heads them: p_top_3 进入前3名的概率, p_bottom_3
// 落入末3名的概率, p_rank_le_3, p_rank_4_6, p_rank_gt_6 名次在≤3、4–6、>6的概率;
// "" for another name.
func probHeading(h string) string {
	switch {
	case strings.HasPrefix(h, "p_top_"):
		if k, err := strconv.Atoi(strings.TrimPrefix(h, "p_top_")); err == nil {
			return tr(report.Chinese, uPTop, k)
		}
	case strings.HasPrefix(h, "p_bottom_"):
		if k, err := strconv.Atoi(strings.TrimPrefix(h, "p_bottom_")); err == nil {
			return tr(report.Chinese, uPBottom, k)
		}
	case strings.HasPrefix(h, "p_rank_"):
		band := strings.NewReplacer("le_", "≤", "gt_", ">", "_", "–").Replace(strings.TrimPrefix(h, "p_rank_"))
		return tr(report.Chinese, uPBand, band)
	}
	return ""
}

// langHelp is the paragraph of -h that says which output follows -lang
// and which keeps its machine-readable names.
const langHelp = `The table and Markdown are in Chinese (-lang en for English, -lang both
for both), in the words of the report; the headings of -format xlsx
follow -lang too. The column names of -format csv and the keys of -format
json stay as they are whatever -lang says: they are the machine interface
that "ppgpa verify", "score -previous" and "ppgpa compare" read.`

// tableLangHelp is the paragraph of -h of a command whose table and
// Markdown follow -lang.
const tableLangHelp = `The table, Markdown and the headings of -format xlsx are in Chinese
(-lang en for English, -lang both for both); the column names of -format
csv and the keys of -format json stay as they are whatever -lang says.`

// tr formats the text m in l as report.Text.In does.
func tr(l report.Lang, m report.Text, args ...any) string { return m.In(l, args...) }

// trLines formats a sentence in l: one line for Chinese or English, the
// Chinese line then the English line for both.
func trLines(l report.Lang, m report.Text, args ...any) string {
	if l == report.Bilingual {
		return m.In(report.Chinese, args...) + "\n" + m.In(report.English, args...)
	}
	return m.In(l, args...)
}

// inEach returns f(l) for Chinese or English, and for both the Chinese
// and the English joined by sep.
func inEach(l report.Lang, sep string, f func(report.Lang) string) string {
	if l == report.Bilingual {
		return f(report.Chinese) + sep + f(report.English)
	}
	return f(l)
}

// colon is the separator after a label: "：" in Chinese, ": " in English.
func colon(l report.Lang) string {
	if l == report.English {
		return ": "
	}
	return "："
}

// noteSep separates the notes of one cell: "；" in Chinese, "; " in
// English.
func noteSep(l report.Lang) string {
	if l == report.English {
		return "; "
	}
	return "；"
}

// The command line's own texts (the report's shared ones are
// report.Term): headings and notes of score's tables.
var (
	tAdjust       = report.Text{ZH: "加减分", EN: "Adjustment"}
	tSE           = report.Text{ZH: "标准误", EN: "SE"}
	tNodeID       = report.Text{ZH: "编号", EN: "Node"}
	tNodeName     = report.Text{ZH: "名称", EN: "Name"}
	tLastGrade    = report.Text{ZH: "上年等级", EN: "Last grade"}
	tVetoAt       = report.Text{ZH: "一票否决（%[1]s）", EN: "veto at %[2]s"}
	tBottomK      = report.Text{ZH: "末%d位", EN: "bottom %d"}
	tNodeScores   = report.Text{ZH: "各级指标得分（单位按排名先后排列）", EN: "Scores at every node (units in rank order)"}
	tNodeScoresMD = report.Text{ZH: "各级指标得分", EN: "Scores at every node"}
	tContribution = report.Text{ZH: "加减分之后各列为该部分在总分中所得的分值；权重为指标在总分中的实际权重（逐级权重之积）。",
		EN: "Columns after adjust are the points each part contributes to the score; weight is the effective weight."}
	tLeftOut = report.Text{ZH: "一级指标以下的得分未列出（%d个单位 × %d个节点）：-nodes all 列出全部；-format csv、json 或 xlsx 含全部节点。",
		EN: "Scores below the top level are left out (%d units × %d nodes): -nodes all prints them; -format csv, json or xlsx has every node."}
	tAllUnits   = report.Text{ZH: "全部单位", EN: "All units"}
	tCategoryOf = report.Text{ZH: "%s，类别“%s”", EN: "%s (%s)"}
	// Promotion notes and flags of multi-year rules: the English is the
	// library's (ranking.Standing.Notes, ranking.Flag.Reason).
	tPromoted        = report.Text{ZH: "%s：%s → %s", EN: "%s: %s → %s"}
	tPromotionVetoed = report.Text{ZH: "%s未实施：已被一票否决", EN: "%s not applied: vetoed"}
	tPromotionBest   = report.Text{ZH: "%s未实施：已是最高等级", EN: "%s not applied: already in the best grade"}
	tPromotionBarred = report.Text{ZH: "%s未实施：只能晋升至%s", EN: "%s not applied: it leads only into %s"}
	tPromotionQuota  = report.Text{ZH: "%s未实施：%s名额（%d个）已满", EN: "%s not applied: the quota of %s (%d) is full"}
	tFlagBottom      = report.Text{ZH: "%[1]s年均列末%[2]d位"}
	tFlagBottomOf    = report.Text{ZH: "%[1]s年均列%[3]s末%[2]d位"}
	tFlagRise        = report.Text{ZH: "比%d年上升%s位，由第%s名升至第%s名"}
	tNoUnits         = report.Text{ZH: "本次没有该类别的参评单位", EN: "no units this time"}
	tOneUnit         = report.Text{ZH: "1个单位", EN: "1 unit"}
	tUnranked        = report.Text{ZH: "，只评定等级，不排名", EN: ", graded, not ranked"}
	tYearOf          = report.Text{ZH: "%d年（数据年度：%s）", EN: "year %d of %s"}
	tLastYear        = report.Text{ZH: "上年：%d年", EN: "last year %d"}
	tLastFrom        = report.Text{ZH: "上年结果取自%s", EN: "last year from %s"}
	tBaseYear        = report.Text{ZH: "标准化的上下限取%d年（基年）", EN: "goalposts of base year %d"}
	tNotComp         = report.Text{ZH: "各年得分不可比：有%[1]d处计算依据各年自身的数据（如未设定基年或固定上下限的标准化）", EN: "NOT comparable across years: %[2]s"}
	tFuzzyMD         = report.Text{ZH: "模糊综合评价：%s", EN: "Fuzzy evaluation: %s"}
	tMissing         = report.Text{ZH: "注：“%[1]s”表示%[2]s。", EN: "%[1]s: %[2]s."}
	// The league table's change columns: an unchanged rank, and why a
	// change cannot be given (notComparable).
	tUnchanged    = report.Text{ZH: "持平", EN: "0"}
	tNoLastRank   = report.Text{ZH: "上年无该单位排名，无法比较", EN: "no rank last year, so no change can be given"}
	tNoRankNow    = report.Text{ZH: "该单位本年不排名，无法比较", EN: "not ranked this year, so no change can be given"}
	tNoRankEither = report.Text{ZH: "上年无该单位排名或本年不排名，无法比较", EN: "no rank last year or none this year, so no change can be given"}
	tFuzzy        = report.Text{ZH: "模糊综合评价：%s（各等级隶属度；等级取隶属度最大者）", EN: "Fuzzy evaluation of %s: membership of each grade; grade of maximum membership"}
)

// fileIn names a file in l: standard input, which displayName writes
// "<stdin>", is 标准输入 in Chinese (and in both languages' Chinese).
func fileIn(l report.Lang, name string) string {
	if l != report.English && name == "<stdin>" {
		return "标准输入"
	}
	return name
}

// missingMark is the mark of a figure that is missing or cannot be
// computed: "—" (一字线) in Chinese and in both languages, as Chinese
// statistical tables mark an empty figure, with a note that says why
// (missingNote); "NA" in English.
func missingMark(l report.Lang) string {
	if l == report.English {
		return "NA"
	}
	return "—"
}

// noFigure is the cell of a table that has no figure by its nature (a
// matrix's diagonal, a scheme that does not apply): "—" in Chinese and
// in both languages, as missingMark, "-" in English.
func noFigure(l report.Lang) string {
	if l == report.English {
		return "-"
	}
	return missingMark(l)
}

// shownIn returns s, a number as fixed or num format it, as l shows it:
// "NA" as missingMark(l).
func shownIn(l report.Lang, s string) string {
	if s == "NA" {
		return missingMark(l)
	}
	return s
}

// missingNote writes the note under a table that showed the missing
// mark (after write or markdown), "注：“—”表示……。", the reason why in
// l (both: the Chinese note, then the English "—: ..."); nothing when t
// showed none, or in English, whose tables keep "NA" as they are.
func missingNote(w io.Writer, l report.Lang, t *textTable, why report.Text) {
	if t.missed {
		if t.md {
			fmt.Fprintln(w) // else the note is the table's last row
		}
		mark := missingMark(l)
		fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string { return tr(l, tMissing, mark, tr(l, why)) }))
	}
}

// heads formats headings in l.
func heads(l report.Lang, ts ...report.Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(l)
	}
	return out
}

// unitCount counts units in l: "8个单位" ("8 units", "1 unit").
func unitCount(l report.Lang, n int) string {
	if n == 1 {
		return tOneUnit.In(l)
	}
	return report.TermUnits.In(l, n)
}

// fullStop ends a sentence: "。" in Chinese, ". " in English.
func fullStop(l report.Lang) string {
	if l == report.English {
		return ". "
	}
	return "。"
}

// paren puts s in brackets after a word: "（城区）" in Chinese, " (城区)"
// in English.
func paren(l report.Lang, s string) string {
	if l == report.English {
		return " (" + s + ")"
	}
	return "（" + s + "）"
}

// joinList joins names: "甲、乙" in Chinese, "a, b" in English.
func joinList(l report.Lang, items []string) string {
	if l == report.English {
		return strings.Join(items, ", ")
	}
	return strings.Join(items, "、")
}

// joinNotes joins the notes of a cell in l.
func joinNotes(l report.Lang, parts []string) string { return strings.Join(parts, noteSep(l)) }

// countNoun writes n and an English noun, in the plural unless n is 1:
// "1 group", "3 groups".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
