package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Lang is the language of the report's text. The zero value is Chinese.
type Lang int

const (
	// Chinese writes every heading and sentence in Chinese.
	Chinese Lang = iota
	// English writes every heading and sentence in English.
	English
	// Bilingual writes every heading and sentence in Chinese, followed by
	// its English version (never both languages in one sentence).
	Bilingual
)

var langNames = []string{"zh", "en", "both"}

// String returns "zh", "en" or "both".
func (l Lang) String() string {
	if l >= 0 && int(l) < len(langNames) {
		return langNames[l]
	}
	return fmt.Sprintf("Lang(%d)", int(l))
}

// MarshalText returns the name of l; it fails for an unknown language.
func (l Lang) MarshalText() ([]byte, error) {
	if l < 0 || int(l) >= len(langNames) {
		return nil, fmt.Errorf("report: unknown Lang %d", int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText parses "zh", "en" or "both".
func (l *Lang) UnmarshalText(b []byte) error {
	for i, n := range langNames {
		if string(b) == n {
			*l = Lang(i)
			return nil
		}
	}
	return fmt.Errorf("report: unknown language %q (want zh, en or both)", b)
}

// langs returns the languages written for l, Chinese first.
func (l Lang) langs() []Lang {
	switch l {
	case English:
		return []Lang{English}
	case Bilingual:
		return []Lang{Chinese, English}
	}
	return []Lang{Chinese}
}

// Text is one sentence or phrase in both languages. ZH and EN are fmt
// formats with the same verbs in the same order (explicit argument
// indexes where the word order differs). The report is written from a
// catalogue of Texts; [Term] gives the ones that other writers of the same
// results (the command line's tables) share with it.
type Text struct{ ZH, EN string }

// msg is the catalogue's name for a Text.
type msg = Text

// in formats the text of one language: English for English, Chinese
// otherwise.
func (m msg) in(l Lang, args ...any) string {
	f := m.ZH
	if l == English {
		f = m.EN
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// In formats t with args in l: the Chinese text for Chinese, the English
// for English, and for Bilingual the Chinese followed by " / " and the
// English, as the report writes a table cell in both languages.
func (t Text) In(l Lang, args ...any) string {
	if l == Bilingual {
		return t.in(Chinese, args...) + " / " + t.in(English, args...)
	}
	return t.in(l, args...)
}

// The catalogue: every text of the report.
var (
	mUnits       = msg{"%d个单位", "%d units"}
	mIndicators  = msg{"%d项指标", "%d indicators"}
	mIssuer      = msg{"发布单位：%s", "Issued by %s"}
	mPeriod      = msg{"评估周期：%s", "Assessment period: %s"}
	mPublished   = msg{"发布日期：%s", "Published %s"}
	mFingerprint = msg{"指纹", "Fingerprint"}

	hLeague     = msg{"排名与等级", "League table"}
	hIntervals  = msg{"排名区间", "Rank intervals"}
	hSobol      = msg{"不确定性来源", "Sources of uncertainty"}
	hUnits      = msg{"各单位评析", "Comments and recommendations"}
	hMethods    = msg{"评估方法", "Method"}
	hIndicators = msg{"指标与权重", "Indicators and weights"}
	hData       = msg{"模型与数据下载", "Model and data"}
	hVerify     = msg{"如何核验", "How to verify"}

	cRank      = msg{"排名", "Rank"}
	cUnit      = msg{"单位", "Unit"}
	cScore     = msg{"得分", "Score"}
	cGrade     = msg{"等级", "Grade"}
	cLast      = msg{"上年排名", "Last year"}
	cChange    = msg{"变化", "Change"}
	cInterval  = msg{"%s排名区间", "%s rank interval"}
	cRankSet   = msg{"名次置信集", "Rank confidence set"}
	cEstimate  = msg{"%s（%s区间）", "%s (%s interval)"}
	cNote      = msg{"备注", "Note"}
	cIndicator = msg{"指标", "Indicator"}
	cWeight    = msg{"权重", "Weight"}
	cPolarity  = msg{"方向", "Direction"}
	cUnitOf    = msg{"计量单位", "Unit of measure"}
	cSource    = msg{"数据来源", "Source"}
	cFactor    = msg{"因素", "Factor"}
	cFirst     = msg{"一阶指数", "First-order index"}
	cTotal     = msg{"总效应指数", "Total index"}

	vHigher   = msg{"正向（越高越好）", "higher is better"}
	vLower    = msg{"逆向（越低越好）", "lower is better"}
	vVeto     = msg{"一票否决", "vetoed"}
	vVetoBy   = msg{"一票否决：%s", "vetoed: %s"}
	vBottom   = msg{"末位", "bottom place"}
	vPromoted = msg{"晋升一个等级", "promoted one grade"}

	fCategoryRank = msg{"%s%s", "%[2]s of %[1]s"}
	// A card's heading for a unit with no rank (a category graded but
	// not ranked), in place of its rank phrase.
	fCategoryNotRanked = msg{"%s（不排名）", "%s (not ranked)"}
	vNotRankedNow      = msg{"不排名", "not ranked"}
	lDesignations      = msg{"称号", "Designations"}
	pCategories        = msg{"分类排名：%s分别排名、评定等级。", "Categories: %s are ranked and graded apart."}
	pNoteSep           = msg{"；", "; "}
	pNoUnits           = msg{"本次没有%s的参评单位。", "There are no units of %s this time."}

	// Coherence.
	hCoherence     = msg{"统计一致性检验", "Statistical coherence"}
	cGroup         = msg{"指标组", "Group"}
	cChildren      = msg{"下级指标数", "Indicators"}
	cAlpha         = msg{"克朗巴赫α系数", "Cronbach's alpha"}
	cWithIndex     = msg{"与总分的相关系数", "Correlation with the score"}
	pCoherenceNote = msg{"α系数衡量一组指标是否测量同一方面，一般认为0.7及以上为好；相关系数为%s。", "Alpha measures whether a group's indicators measure one thing (0.7 or more is usually taken as good); the correlations are %s."}
	fRedundant     = msg{"“%s”与“%s”高度相关（相关系数%s，高于%s），可能重复计量同一内容。", "%s and %s are highly correlated (r = %s, above %s): they may measure the same thing twice."}
	fNegative      = msg{"“%s”与“%s”负相关（相关系数%s，低于-%s），汇总时相互抵消。", "%s and %s are negatively correlated (r = %s, below -%s): they offset each other in the aggregate."}
	pNoFlags       = msg{"各组内没有高度相关或负相关的指标。", "No two indicators of a group are highly or negatively correlated."}
	pVetoLast      = msg{"被一票否决的单位排在其他单位之后，相互之间按得分排列。", "Vetoed units rank after every other unit, among themselves by score."}

	pPartsNote  = msg{"%s各列为该部分在总分中所得的分值。", "The columns %s give the points each part adds to the score."}
	pChangeNote = msg{"变化为与上年排名相比上升（↑）或下降（↓）的名次。", "The change is the number of places gained (↑) or lost (↓) since last year."}
	// pNoLastNote explains the mark (noLastMark) of a unit without last
	// year's rank: "—" in a Chinese or bilingual report, whose cells show
	// "—", NA in English; the words of score's league table.
	pNoLastNote = msg{"“%s”表示上年无该单位排名，无法比较。", "%s: no rank last year, so no change can be given."}
	// pNoRankNowNote explains the mark of the change of a unit ranked
	// last year but not this year, pNoRankEitherNote the mark when the
	// table has both kinds (cmd/ppgpa tNoRankNow and tNoRankEither).
	pNoRankNowNote    = msg{"“%s”表示该单位本年不排名，无法比较。", "%s: not ranked this year, so no change can be given."}
	pNoRankEitherNote = msg{"“%s”表示上年无该单位排名或本年不排名，无法比较。", "%s: no rank last year or none this year, so no change can be given."}
	// vUnchanged is the change of an unchanged rank in the league table:
	// 持平, 0 in English (as score's league table writes it).
	vUnchanged = msg{"持平", "0"}

	// Rank intervals.
	pChartModel = msg{"图中区间反映模型选择带来的不确定性：在%[2]d次蒙特卡洛模拟（随机种子%[3]d）中随机改变%[4]s，记录各单位的排名。",
		"The intervals show the uncertainty due to the model's choices: %[4]s were varied at random in %[2]d Monte Carlo replications (seed %[3]d) and each unit's rank recorded."}
	pChartSampling = msg{"图中区间反映满意度调查抽样误差带来的不确定性：在%[2]d次重复抽样中重新估计调查结果，记录各单位的排名。",
		"The intervals show the uncertainty due to the sampling of the survey: the survey results were re-estimated in %[2]d resamples and each unit's rank recorded."}
	pChartBoth = msg{"图中区间同时反映模型选择和调查抽样误差带来的不确定性：在%[2]d次模拟（随机种子%[3]d）中同时随机改变%[4]s并重新估计调查结果，记录各单位的排名。",
		"The intervals show the uncertainty due to the model's choices and the sampling of the survey combined: %[4]s were varied and the survey results re-estimated at random in %[2]d replications (seed %[3]d), and each unit's rank recorded."}
	pChartLegend = msg{"圆点为公布排名，粗条为%[1]s的模拟排名所在区间，竖线为排名中位数，细线为出现过的全部排名。各单位排名平均变动%[2]s位。",
		"Dot: the published rank; bar: the central %[1]s of the simulated ranks; tick: the median rank; thin line: every rank seen. Ranks moved by %[2]s places on average."}
	pChartRead = msg{"区间越短，排名越稳定；区间相互重叠的单位，其名次先后不宜过度解读。",
		"The shorter the bar, the firmer the rank; the order of units whose bars overlap should not be over-read."}
	pSobolNote = msg{"一阶指数为该因素单独对排名变动的贡献份额，总效应指数另含其与其他因素的交互作用。",
		"The first-order index is the share of the variance of the ranks due to the factor alone; the total index adds its interactions with the other factors."}
	aBetter = msg{"← 较好", "← better"}
	aWorse  = msg{"较差 →", "worse →"}
	aRank   = msg{"排名", "rank"}

	// Unit cards.
	lStrengths       = msg{"优势", "Strengths"}
	lWeaknesses      = msg{"短板", "Weaknesses"}
	lRecommendations = msg{"改进测算", "What improvement would give"}
	lComments        = msg{"评估组意见", "Comments of the assessors"}
	lResidents       = msg{"群众意见分类统计", "Residents' comments by category"}
	pNoWeakness      = msg{"各项指标均达到或优于其他单位的中位数。", "No indicator falls short of the peers' median."}
	pNoStrength      = msg{"没有优于其他单位中位数的指标。", "No indicator is better than the peers' median."}
	pAssessorNote    = msg{"以下意见由评估组撰写。", "The following was written by the assessors."}
	kComment         = msg{"意见", "Comment"}
	kRecommendation  = msg{"建议", "Recommendation"}
	pResidentCount   = msg{"%s %d条", "%s: %d"}
	pResidentsTotal  = msg{"共%d条。", "%d in all."}

	// finding: name, raw, peers' median, place phrase, of, points.
	fFinding = msg{"%s：%s（其他单位中位数%s），在%d个单位中%s，为总分贡献%s分。",
		"%s: %s (peers' median %s), %[5]s of %[4]d units, adding %[6]s points to the score."}
	// finding of an indicator of labels: name, label, peers' most common
	// label (or vNotApplicable), place phrase, of, points.
	fFindingLabel = msg{"%s：%s（其他单位最常见类别：%s），在%d个单位中%s，为总分贡献%s分。",
		"%s: %s (peers' most common label: %s), %[5]s of %[4]d units, adding %[6]s points to the score."}
	vNotApplicable = msg{"不适用", "not applicable"}
	fImputed       = msg{"（缺失，已插补）", " (missing, imputed)"}
	// what-if: name, raw, verb, target, new score, change, rank phrase.
	fWhatIf = msg{"若%s由%s%s至其他单位中位数%s，得分将为%s分（%s），%s。",
		"If %[1]s %[3]s from %[2]s to the peers' median %[4]s, the score would be %[5]s (%[6]s) and %[7]s."}
	vRaise   = msg{"提高", "rose"}
	vLowerTo = msg{"降低", "fell"}
	// the change of the score: points.
	vScoreUp     = msg{"提高%s分", "+%s points"}
	vScoreDown   = msg{"降低%s分", "−%s points"}
	vScoreSame   = msg{"变化不足0.01分", "a change below 0.01 points"}
	vRankUp      = msg{"排名由%s升至%s", "the rank would rise from %s to %s"}
	vRankSame    = msg{"排名不变（%s）", "the rank would stay %s"}
	vRankDown    = msg{"排名由%s降至%s", "the rank would fall from %s to %s"}
	fImprovement = msg{"若全部%d项未达到其他单位中位数的指标同时达到中位数，得分将为%s分，%s%s。",
		"If all %d indicators short of the peers' median reached it together, the score would be %s and %s%s."}
	fGradeThen = msg{"，等级为“%s”", ", grade %s"}

	// League table row notes and headings of cards.
	fCardRank  = msg{"%s，得分%s", "%s, score %s"}
	fLastYear  = msg{"上年%s", "last year %s"}
	vUp        = msg{"上升%s位", "up %s"}
	vDown      = msg{"下降%s位", "down %s"}
	vNoChange  = msg{"名次不变", "no change"}
	vNotRanked = msg{"本年不排名", "not ranked this year"}

	// Methods.
	pMethodsIntro  = msg{"本次评估共设%d项指标，分%d个层级逐级汇总为总分。", "The assessment combines %d indicators, level by level in %d levels, into the score."}
	pNormalization = msg{"指标标准化：%s。", "Normalisation: %s."}
	pAggregation   = msg{"汇总方法：%s。", "Aggregation: %s."}
	pWeighting     = msg{"权重确定：%s。", "Weights: %s."}
	pImputation    = msg{"缺失值处理：%s。", "Missing values: %s."}
	pNoImputation  = msg{"不插补缺失值（数据完整）", "none (the data are complete)"}
	pSources       = msg{"数据来源：%s。", "Data sources: %s."}
	pSurvey        = msg{"群众满意度调查：%s。", "Residents' survey: %s."}
	pSample        = msg{"有效样本%d份", "%d valid responses"}
	pRanking       = msg{"排名方法：得分相同者并列，并列单位占用后续名次（如并列第3名后为第5名）。", "Ranking: equal scores share a rank, and the next rank is skipped (two units tied 3rd are followed by the 5th)."}
	pRankingAvg    = msg{"排名方法：得分相同者取平均名次（如两个单位并列第3、4名时均记为3.5）。", "Ranking: equal scores share the mean of their places (two units tied for 3rd and 4th are both 3.5)."}
	pRankingDense  = msg{"排名方法：得分相同者并列，后续名次连续（如并列第3名后为第4名）。", "Ranking: equal scores share a rank, and the next rank follows on (two units tied 3rd are followed by the 4th)."}
	pRankingOrd    = msg{"排名方法：得分相同者按单位名称顺序排列。", "Ranking: equal scores are ordered by the unit's name."}
	pGrades        = msg{"等级划分：%s。", "Grades: %s."}
	pGradeMin      = msg{"%s（%s分及以上）", "%s (%s and above)"}
	pGradeQuota    = msg{"%s（不超过参评单位的%s）", "%s (at most %s of the units)"}
	pGradeBoth     = msg{"%s（%s分及以上，且不超过参评单位的%s）", "%s (%s and above, at most %s of the units)"}
	pGradeRest     = msg{"%s（其余）", "%s (the rest)"}
	pVerify        = msg{"本报告所依据的评估模型、原始数据和排名结果均可从上方下载。任何单位或个人都可以用开源的ppgpa软件，以这些文件重新计算全部得分和排名，并核对指纹。指纹是由程序版本、模型、数据和计算设置算出的校验值：与本报告所示一致，说明所用模型和数据与本报告完全相同，得分和排名可以逐位复现；模型或数据有任何改动，指纹都会不同，程序会指出是哪一部分不同。下载三个文件后，在同一目录运行以下命令，程序将逐项核对并给出核验结论（全部一致时为“全部一致”）：",
		"The model, the data and the results of this report can be downloaded above. Anyone can recompute every score and rank from these files with the open-source ppgpa software and check the fingerprint, a checksum of the library version, the model, the data and the settings: if it matches the one shown here, the model and data are exactly those of this report and the scores and ranks are reproduced to the last digit; any change to the model or the data changes the fingerprint, and the program names the part that differs. After downloading the three files, run the following command in their folder; it exits with status 0 when everything agrees:"}
	pDownloadModel  = msg{"评估模型（JSON）", "the model (JSON)"}
	pDownloadData   = msg{"原始数据（CSV）", "the data (CSV)"}
	pDownloadLeague = msg{"排名结果（CSV）", "the results (CSV)"}
	pEstimateNote   = msg{"调查估计值后括号内为%s置信区间。", "The survey estimate is followed by its %s confidence interval."}
	pRankSetNote    = msg{"名次置信集为以%s的置信度包含该单位真实名次的名次范围。", "The rank confidence set is the range of places that contains the unit's true rank with %s confidence."}
)

// rankPhrase formats a rank: "第3名", "并列第3名" ("3rd", "tied 3rd"); a
// half rank (average ties) as "第3.5名" ("3.5th").
func rankPhrase(l Lang, r float64, tied bool) string {
	if math.IsNaN(r) {
		return "–"
	}
	s := rank(r)
	if l == English {
		s = ordinal(r)
		if tied {
			return "tied " + s
		}
		return s
	}
	if tied {
		return "并列第" + s + "名"
	}
	return "第" + s + "名"
}

// placePhrase formats a place among units on one indicator: "列第3位",
// "并列第3位" ("3rd", "tied 3rd").
func placePhrase(l Lang, p int, tied bool) string {
	if l == English {
		return rankPhrase(l, float64(p), tied)
	}
	if tied {
		return "并列第" + strconv.Itoa(p) + "位"
	}
	return "列第" + strconv.Itoa(p) + "位"
}

// ordinal returns 1st, 2nd, 3rd, 4th, 11th, 21st, ...; a non-integer
// rank as 3.5th.
func ordinal(r float64) string {
	if r != math.Trunc(r) {
		return rank(r) + "th"
	}
	n := int(r)
	suf := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suf = "st"
		case 2:
			suf = "nd"
		case 3:
			suf = "rd"
		}
	}
	return strconv.Itoa(n) + suf
}

// change formats the change of rank since last year: "↑2", "↓1", "–"
// (none), "" when last is unknown.
func change(rank, last float64) string {
	if last <= 0 || math.IsNaN(last) || math.IsNaN(rank) {
		return ""
	}
	d := last - rank
	switch {
	case d > 0:
		return "↑" + strconv.FormatFloat(d, 'f', -1, 64)
	case d < 0:
		return "↓" + strconv.FormatFloat(-d, 'f', -1, 64)
	}
	return "–"
}

// value formats a raw value with its unit of measure: "93.1%", "12天"
// (Chinese), "12 days"-style "12 天" (English keeps the unit as written,
// after a space unless it is a symbol).
func value(l Lang, x float64, unit string, d int) string {
	if math.IsNaN(x) {
		return "–"
	}
	s := measure(x, d)
	if unit == "" {
		return s
	}
	if l == English && !strings.ContainsAny(unit[:1], "%‰°") {
		return s + " " + unit
	}
	return s + unit
}

// date formats an ISO date (YYYY-MM-DD) for the language: "2026年12月6日",
// "6 December 2026"; other text is returned as is.
func date(l Lang, s string) string {
	y, m, d, ok := parseDate(s)
	if !ok {
		return s
	}
	if l == English {
		months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
		return fmt.Sprintf("%d %s %d", d, months[m-1], y)
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}

func parseDate(s string) (y, m, d int, ok bool) {
	p := strings.Split(s, "-")
	if len(p) != 3 || len(p[0]) != 4 || len(p[1]) != 2 || len(p[2]) != 2 {
		return 0, 0, 0, false
	}
	var err1, err2, err3 error
	y, err1 = strconv.Atoi(p[0])
	m, err2 = strconv.Atoi(p[1])
	d, err3 = strconv.Atoi(p[2])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// list joins items as the language does: "甲、乙和丙", "a, b and c".
func list(l Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	if l == English {
		return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
	}
	return strings.Join(items[:len(items)-1], "、") + "和" + items[len(items)-1]
}

// factorName translates the names of the default factors ("weights level
// 2 ±25%", "exclude one indicator"); other names are kept.
func factorName(l Lang, name string) string {
	if l == English {
		if name == "exclude one indicator" {
			return "the indicator set (one left out)"
		}
		return name
	}
	if name == "exclude one indicator" {
		return "指标取舍（剔除一项指标）"
	}
	var level int
	var amount string
	if n, _ := fmt.Sscanf(name, "weights level %d ±%s", &level, &amount); n == 2 {
		return fmt.Sprintf("第%d层权重（±%s）", level, amount)
	}
	if n, _ := fmt.Sscanf(name, "weights level %d Dirichlet CV %s", &level, &amount); n == 2 {
		return fmt.Sprintf("第%d层权重（狄利克雷分布，变异系数%s）", level, amount)
	}
	// "aggregation (model or a, b)" and the like: the methods tried
	// besides the model's.
	if kind, alts, ok := strings.Cut(name, " (model or "); ok && strings.HasSuffix(alts, ")") {
		var names []string
		for _, a := range strings.Split(strings.TrimSuffix(alts, ")"), ", ") {
			switch kind {
			case "aggregation":
				a = aggName(l, a)
			case "imputation":
				a = imputationName(l, a)
			default:
				a = methodName(l, a)
			}
			names = append(names, a)
		}
		if k, ok := factorKinds[kind]; ok {
			return k.in(l, strings.Join(names, "、"))
		}
	}
	return name
}

// factorKinds name the factors of alternative methods in Chinese.
var factorKinds = map[string]msg{
	"aggregation":   {"合成方法（模型规定的方法或%s）", ""},
	"normalisation": {"标准化方法（模型规定的方法或%s）", ""},
	"imputation":    {"缺失值插补方法（模型规定的方法或%s）", ""},
}

// method names of the model format in both languages.
var methodNames = map[string]msg{
	"minmax":          {"极差标准化（最小值—最大值，0—100分）", "min-max (0 to 100)"},
	"zscore":          {"Z分数标准化", "z-scores"},
	"rank":            {"位次标准化", "ranks"},
	"percentile":      {"百分位标准化", "percentiles"},
	"target":          {"目标值比例法", "distance to a target"},
	"ratio_mean":      {"均值比例法", "ratio to the mean"},
	"categories":      {"分档赋分", "scores per category"},
	"none":            {"不标准化（直接使用原始分值）", "none (raw values used as scores)"},
	"efficacy":        {"功效系数法", "efficacy coefficients"},
	"arithmetic":      {"加权算术平均", "weighted arithmetic mean"},
	"geometric":       {"加权几何平均", "weighted geometric mean"},
	"harmonic":        {"加权调和平均", "weighted harmonic mean"},
	"power":           {"加权幂平均", "weighted power mean"},
	"min":             {"取最小值", "minimum"},
	"median":          {"中位数", "median"},
	"bod":             {"有利权重法（benefit of the doubt）", "benefit of the doubt"},
	"copeland":        {"Copeland计分法", "Copeland's method"},
	"topsis":          {"TOPSIS法（逼近理想解排序法）", "TOPSIS"},
	"grey_relational": {"灰色关联分析法", "grey relational analysis"},
	"fuzzy":           {"模糊综合评价", "fuzzy comprehensive evaluation"},
	"mpi":             {"Mazziotta–Pareto综合指数（MPI）", "Mazziotta–Pareto index (MPI)"},
	"ampi":            {"调整的Mazziotta–Pareto综合指数（AMPI）", "adjusted Mazziotta–Pareto index (AMPI)"},
	"equal":           {"等权重", "equal weights"},
	"fixed":           {"模型规定的固定权重", "fixed weights set in the model"},
	"ahp":             {"层次分析法（AHP）", "analytic hierarchy process (AHP)"},
	"resident_share":  {"按规定比例设定群众评价权重", "a set share for the residents' evaluation"},
	"entropy":         {"熵权法", "entropy weights"},
	"critic":          {"CRITIC法", "CRITIC"},
	"sd":              {"标准差法", "standard deviations"},
	"pca":             {"主成分分析法", "principal components"},
	"budget":          {"预算分配法", "budget allocation"},
}

// corrNames are the correlation coefficients of the coherence.
var corrNames = map[string]msg{
	"pearson":  {"皮尔逊相关系数", "Pearson's r"},
	"spearman": {"斯皮尔曼等级相关系数", "Spearman's rho"},
	"kendall":  {"肯德尔等级相关系数", "Kendall's tau-b"},
}

// methodName returns the name of a model-format method in l.
func methodName(l Lang, m string) string {
	if n, ok := methodNames[m]; ok {
		return n.in(l)
	}
	return m
}

// imputationNames are the imputation methods of the model format.
var imputationNames = map[string]msg{
	"mean":         {"以其他单位的均值插补", "imputed by the mean of the other units"},
	"median":       {"以其他单位的中位数插补", "imputed by the median of the other units"},
	"group_mean":   {"以同组其他单位的均值插补", "imputed by the mean of the unit's group"},
	"group_median": {"以同组其他单位的中位数插补", "imputed by the median of the unit's group"},
	"value":        {"以模型给定的数值插补", "imputed by a value set in the model"},
	"available":    {"不插补，按有数据的指标重新分配权重", "none: the weights are shared among the indicators with data"},
}

// imputationName returns the name of an imputation method in l.
func imputationName(l Lang, m string) string {
	if n, ok := imputationNames[m]; ok {
		return n.in(l)
	}
	return m
}
