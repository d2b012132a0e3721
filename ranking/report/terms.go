package report

import "fmt"

// Term names a text of the report's catalogue that other writers of the
// same results share, so that a league table printed elsewhere (the
// command line's score, rank and verify) says what the report says:
// TermRank is 排名 (Rank) there as here.
type Term int

const (
	// TermRank is the heading 排名 (Rank).
	TermRank Term = iota
	// TermUnit is the heading 单位 (Unit).
	TermUnit
	// TermScore is the heading 得分 (Score).
	TermScore
	// TermGrade is the heading 等级 (Grade).
	TermGrade
	// TermNote is the heading 备注 (Note).
	TermNote
	// TermIndicator is the heading 指标 (Indicator).
	TermIndicator
	// TermWeight is the heading 权重 (Weight).
	TermWeight
	// TermFingerprint is the word 指纹 (Fingerprint).
	TermFingerprint
	// TermUnits counts units: "%d个单位" ("%d units").
	TermUnits
	// TermLastRank is the heading 上年排名 (Last year).
	TermLastRank
	// TermChange is the heading 变化 (Change).
	TermChange
	// TermDesignations is the word 称号 (Designations).
	TermDesignations
	// TermVeto is the note 一票否决 (vetoed).
	TermVeto
	// TermBottom is the note 末位 (bottom place).
	TermBottom
	// TermPromoted is the note 晋升一个等级 (promoted one grade).
	TermPromoted
	// TermLeague is the heading 排名与等级 (League table).
	TermLeague
	// TermPartsNote says what the columns of the parts are; its argument
	// is the list of the parts' names (see [List]).
	TermPartsNote
	// TermFactor is the heading 因素 (Factor).
	TermFactor
	// TermFirstOrder is the heading 一阶指数 (First-order index).
	TermFirstOrder
	// TermTotalEffect is the heading 总效应指数 (Total index).
	TermTotalEffect
	// TermCategoryRank names a rank within a category: "%s%s" with the
	// category and the rank ("%[2]s of %[1]s").
	TermCategoryRank
	numTerms
)

// terms are the catalogue's texts of the Terms.
var terms = [numTerms]msg{
	TermRank:         cRank,
	TermUnit:         cUnit,
	TermScore:        cScore,
	TermGrade:        cGrade,
	TermNote:         cNote,
	TermIndicator:    cIndicator,
	TermWeight:       cWeight,
	TermFingerprint:  mFingerprint,
	TermUnits:        mUnits,
	TermLastRank:     cLast,
	TermChange:       cChange,
	TermDesignations: lDesignations,
	TermVeto:         vVeto,
	TermBottom:       vBottom,
	TermPromoted:     vPromoted,
	TermLeague:       hLeague,
	TermPartsNote:    pPartsNote,
	TermFactor:       cFactor,
	TermFirstOrder:   cFirst,
	TermTotalEffect:  cTotal,
	TermCategoryRank: fCategoryRank,
}

// Text returns the term's text in both languages. It panics for an
// unknown Term.
func (t Term) Text() Text {
	if t < 0 || t >= numTerms {
		panic(fmt.Sprintf("report: unknown Term %d", int(t)))
	}
	return terms[t]
}

// In formats the term in l with args, as [Text.In] does.
func (t Term) In(l Lang, args ...any) string { return t.Text().In(l, args...) }

// VetoNote says that a unit is vetoed, in l, with the reason when known:
// "一票否决：重大安全生产事故" ("vetoed: ..."); a Chinese reason that
// already says 一票否决 is not prefixed again. Bilingual joins the two
// languages as [Text.In] does.
func VetoNote(l Lang, reason string) string {
	if l == Bilingual {
		return vetoText(Chinese, reason) + " / " + vetoText(English, reason)
	}
	return vetoText(l, reason)
}

// MethodName is the name of a method of the model format in l, as the
// report's methods section writes it: "entropy" is 熵权法 (entropy
// weights), "minmax" 极差标准化（最小值—最大值，0—100分）; an unknown
// method is returned as it is. Bilingual joins the two languages as
// [Text.In] does.
func MethodName(l Lang, method string) string {
	if l == Bilingual {
		return methodName(Chinese, method) + " / " + methodName(English, method)
	}
	return methodName(l, method)
}

// FactorName names a factor of the uncertainty analysis in l as the
// report does: "weights level 2 ±25%" is 第2层权重（±25%）, "exclude one
// indicator" 指标取舍（剔除一项指标）; other names are kept. Bilingual
// joins the two languages as [Text.In] does.
func FactorName(l Lang, name string) string {
	if l == Bilingual {
		return factorName(Chinese, name) + " / " + factorName(English, name)
	}
	return factorName(l, name)
}

// CorrelationName names a correlation coefficient ("pearson",
// "spearman", "kendall") in l as the report does: 皮尔逊相关系数
// (Pearson's r); an unknown name is returned as it is. Bilingual joins the
// two languages as [Text.In] does.
func CorrelationName(l Lang, method string) string {
	n, ok := corrNames[method]
	if !ok {
		return method
	}
	return n.In(l)
}

// SchemeName names a scheme of a [ranking.SchemeComparison] in l as the
// report's comparison section does: "model" is 本方案（模型规定的方法）,
// "entropy" 熵权法, "agg geometric offset 1" 加权几何平均（偏移量 1）.
// Bilingual joins the two languages as [Text.In] does.
func SchemeName(l Lang, name string) string {
	if l == Bilingual {
		return schemeName(Chinese, name) + " / " + schemeName(English, name)
	}
	return schemeName(l, name)
}

// List joins items as l does: "甲、乙和丙" in Chinese, "a, b and c" in
// English; Bilingual joins them as Chinese does.
func List(l Lang, items []string) string { return list(l, items) }
