package indicator

import (
	"encoding/json"
	"fmt"

	"github.com/ppgpa/ppgpa/weighting"
)

// Version is the version of the JSON model format that this package reads
// and writes, the value of the "ppgpa" member.
const Version = 1

// Model is an indicator system: a tree of groups and indicators with the
// methods that turn a data table into scores. Its JSON form is the model
// file format (see [DecodeModel] and [Model.Encode]).
type Model struct {
	// Schema is the address of the JSON Schema that the file follows
	// (see [ModelSchema]), which editors use to check and complete it, e.g.
	// "../../indicator/model.schema.json". It is carried as written and
	// has no other effect.
	Schema string `json:"$schema,omitempty"`
	// Version is the format version; it must be [Version].
	Version int `json:"ppgpa"`
	// Name names the model, e.g. "2024 district public-service assessment".
	Name string `json:"name"`
	// Description is free text.
	Description string `json:"description,omitempty"`
	// Root is the top of the tree: a group whose score is the final score.
	Root *Node `json:"root"`
	// Ranking says how results are ranked and graded. Package indicator
	// only validates and carries it; package ranking and the command line
	// apply it.
	Ranking *RankingSpec `json:"ranking,omitempty"`
}

// Node is a group or an indicator (a leaf) of the tree. A node with
// children is a group; a node without children is a leaf and must name a
// Column of the data table.
//
// Transform, Imputation and Normalization act on leaves; set on a group
// they are the default for every leaf below it that sets none (the nearest
// ancestor wins). Imputation on a group also gives the minimum data
// availability of that group (see [Imputation]). Aggregation and Weighting
// act on groups.
//
// # Weights
//
// Weight is relative to the siblings: the weights of a group's children are
// divided by their sum, so 3:2 and 0.6:0.4 and 60:40 are the same model,
// and they need not sum to 1. A weight may be 0 (the child is shown but
// does not count); negative, NaN or infinite weights, and children whose
// weights are all 0 under the default fixed scheme, are errors. A group's
// Weighting can replace the declared weights (equal weights, AHP,
// data-driven schemes; see package weighting).
//
// In a model file, where the declared weights count (the fixed scheme
// without weights of its own, the children other than the resident under
// resident_share with such a rest; not under bod), either every child
// has a "weight" member or none has: a child without one among siblings
// with one is an error of [DecodeModel] naming the child, not a silent
// weight 0. Write "weight": 0 for a child that is shown but does not
// count; [Model.Encode] writes it so. Children without weights are the
// same as all weights 0: an error unless the scheme replaces them.
//
// # Polarity
//
// Polarity says whether a higher raw value is better. On a group it
// applies to every indicator below it: an indicator is lower-is-better
// when an odd number of nodes on its path, itself included, are
// [LowerIsBetter]. Normalisation applies it, so that every normalised score
// and every group score is higher-is-better.
type Node struct {
	// ID is the node's stable identifier: letters, digits, '_', '-' and
	// '.', unique in the model.
	ID string `json:"id"`
	// Name is the display name, any Unicode.
	Name string `json:"name,omitempty"`
	// Description says what the node measures; Unit is the unit of
	// measure of a leaf's raw values (e.g. "%", "天", "元"; on a group it
	// is the default for the leaves below it); Source names where the
	// data come from. All three are free text for publication (the
	// methods section and comments of package ranking/report) and do not
	// change any score.
	Description string `json:"description,omitempty"`
	Unit        string `json:"unit,omitempty"`
	Source      string `json:"source,omitempty"`
	// Polarity is HigherIsBetter (the zero value) or LowerIsBetter.
	Polarity Polarity `json:"polarity,omitempty"`
	// Weight is the weight relative to the siblings (see above).
	Weight float64 `json:"weight,omitempty"`
	// Column is the table column of a leaf.
	Column string `json:"column,omitempty"`
	// SEColumn optionally names a column with the standard errors of the
	// leaf's raw values (e.g. of a survey estimate); they are propagated
	// to [Result].SE (see there).
	SEColumn string `json:"se_column,omitempty"`
	// Transform is applied to raw values before imputation and
	// normalisation; nil means inherited (or none).
	Transform *Transform `json:"transform,omitempty"`
	// Imputation fills missing values; nil means inherited (or none:
	// missing values are errors).
	Imputation *Imputation `json:"imputation,omitempty"`
	// Normalization maps a leaf's values onto a common scale; nil means
	// inherited (or min-max over the data).
	Normalization *Normalization `json:"normalization,omitempty"`
	// Aggregation combines a group's children; nil means the weighted
	// arithmetic mean.
	Aggregation *Aggregation `json:"aggregation,omitempty"`
	// Weighting is the scheme that weights a group's children; nil means
	// the declared weights (weighting.Fixed).
	Weighting *weighting.Spec `json:"weighting,omitempty"`
	// Adjustments adds bonus and subtracts penalty points after
	// aggregation (or after normalisation, on a leaf).
	Adjustments *Adjustments `json:"adjustments,omitempty"`
	// Veto lists one-vote-veto rules; a unit that meets any of them is
	// marked vetoed.
	Veto []Veto `json:"veto,omitempty"`
	// Children are the node's children; none for a leaf.
	Children []*Node `json:"children,omitempty"`
}

// IsLeaf reports whether n has no children.
func (n *Node) IsLeaf() bool { return len(n.Children) == 0 }

// RankingSpec says how scores are ranked and graded. It is used by package
// ranking and the command line.
type RankingSpec struct {
	// Ties is "average" (the default), "min", "max", "dense" or "ordinal".
	Ties string `json:"ties,omitempty"`
	// Direction is "higher_first" (the default: rank 1 for the highest
	// score) or "lower_first".
	Direction string `json:"direction,omitempty"`
	// AbsTol and RelTol make scores within AbsTol + RelTol*|score| ties.
	// Both zero means a relative tolerance of 1e-12 (ranking.DefaultRelTol)
	// unless Exact is set.
	AbsTol float64 `json:"abs_tol,omitempty"`
	RelTol float64 `json:"rel_tol,omitempty"`
	// Exact ties only exactly equal scores; it excludes AbsTol and RelTol.
	Exact bool `json:"exact,omitempty"`
	// NaN is "error" (the default: a NaN score is an error) or "last"
	// (NaN scores rank after every number, tied, and get the last grade).
	NaN string `json:"nan,omitempty"`
	// Grades lists the grades, best first.
	Grades []GradeSpec `json:"grades,omitempty"`
	// VetoGrade is the grade forced by a veto (default: the last grade).
	VetoGrade string `json:"veto_grade,omitempty"`
	// BottomK flags the last k units (of each category's table when
	// Category is set).
	BottomK int `json:"bottom_k,omitempty"`
	// VetoPlacement is "score" (the default: a vetoed unit keeps the rank
	// of its score and only its grade is forced) or "last" (vetoed units
	// rank after every other unit of their table, among themselves by
	// score).
	VetoPlacement string `json:"veto_placement,omitempty"`
	// Category names the unit attribute (a text column of the data, e.g.
	// "类别") that holds each unit's category. Empty means one table of
	// all units. When set, every unit's category must be listed in
	// Categories, and every listed category must have units.
	Category string `json:"category,omitempty"`
	// Scope is "within" (the default when Category is set: every category
	// is ranked and graded on its own, with its own grades and quotas) or
	// "all" (one table of all units, ranked and graded with Grades; the
	// categories label the units and scope the designations).
	Scope string `json:"scope,omitempty"`
	// Categories lists the categories, in the order their tables are
	// shown.
	Categories []CategorySpec `json:"categories,omitempty"`
	// Designations are named distinctions given besides the grades (e.g.
	// 满意单位 for the top ten, 不满意单位 below a score), in order; a
	// unit can hold several.
	Designations []DesignationSpec `json:"designations,omitempty"`
	// Promotion moves flagged units up one grade within the quota (e.g.
	// Hangzhou's 专项晋优); nil means none.
	Promotion *PromotionSpec `json:"promotion,omitempty"`
	// Years holds what concerns several years: the base year of the
	// normalisation and the multi-year rules; nil means none.
	Years *YearsSpec `json:"years,omitempty"`
}

// CategorySpec is one category of units, ranked and graded apart (see
// [RankingSpec].Category).
type CategorySpec struct {
	// Name is the category as written in the data's category column.
	Name string `json:"name"`
	// Label is the display name of its table, e.g. "市直单位"; empty
	// means Name.
	Label string `json:"label,omitempty"`
	// Unranked grades the category's units without publishing ranks
	// (their rank is NaN, no top-k, bottom-k or rise rule applies to
	// them).
	Unranked bool `json:"unranked,omitempty"`
	// Required makes data with none of the category's units an error.
	// Without it a category may have no units in a year's data (no 乡镇
	// this year, say): its table is empty.
	Required bool `json:"required,omitempty"`
	// Grades are the category's own grades, best first; nil means the
	// section's Grades. Quotas (max_share) count the category's units.
	Grades []GradeSpec `json:"grades,omitempty"`
	// VetoGrade is the grade forced by a veto in this category; empty
	// means the section's VetoGrade when it names one of these grades,
	// else the last grade.
	VetoGrade string `json:"veto_grade,omitempty"`
	// BottomK flags the last k units of the category; 0 means the
	// section's BottomK.
	BottomK int `json:"bottom_k,omitempty"`
}

// DesignationSpec is a named designation. A unit of the designation's
// scope earns it when every condition given holds (a list of rules, all
// of which must hold); a designation with no condition is an error.
//
//	top k:      every position of the unit's tie group is among the first k
//	bottom k:   every position of the unit's tie group is among the last k
//	min_score:  score >= MinScore (within the ranking tolerance)
//	max_score:  score <  MaxScore
//	grades:     the unit's grade is one of Grades
//	except:     the unit holds none of the designations named (earlier ones)
//
// Vetoed units never earn a designation unless Vetoed is "include" (or
// "only": only vetoed units earn it). Top and bottom count the unit's
// table: its category's under scope "within", else all units (or the
// units of Category when given).
type DesignationSpec struct {
	// Name is the designation, e.g. "满意单位".
	Name string `json:"name"`
	// Category restricts the designation to one category; empty means
	// every category (each counted on its own under scope "within").
	Category string   `json:"category,omitempty"`
	Top      int      `json:"top,omitempty"`
	Bottom   int      `json:"bottom,omitempty"`
	MinScore *float64 `json:"min_score,omitempty"`
	MaxScore *float64 `json:"max_score,omitempty"`
	Grades   []string `json:"grades,omitempty"`
	Except   []string `json:"except,omitempty"`
	// Vetoed is "exclude" (the default), "include" or "only".
	Vetoed string `json:"vetoed,omitempty"`
}

// PromotionSpec promotes flagged units by one grade (专项晋优): a unit
// whose value in Column is non-zero (missing counts as 0) moves from its
// grade up to the next better one, if that grade's quota in its table
// still has room after the ordinary grading; units are considered best
// rank first. A vetoed unit is never promoted, and a unit is never moved
// by more than one grade. When Grade is given only units of the grade just
// below it move, into it.
type PromotionSpec struct {
	// Column is the data column holding the flags (e.g. awards).
	Column string `json:"column"`
	// Grade is the only grade promotions lead into; empty means any.
	Grade string `json:"grade,omitempty"`
	// Reason is shown with a promoted unit, e.g. "专项晋优".
	Reason string `json:"reason,omitempty"`
}

// YearsSpec concerns assessments of several years (see package ranking's
// Panel).
type YearsSpec struct {
	// BaseYear, when non-zero, takes the data-driven goalposts of min-max
	// and efficacy normalisation from that year's data, the same for every
	// year, so that a unit's normalised values move only when its own raw
	// values move.
	BaseYear int `json:"base_year,omitempty"`
	// Rules are the multi-year rules, each producing flags with a reason.
	Rules []YearRule `json:"rules,omitempty"`
}

// YearRule is a rule over several years. Kind is
//
//	"bottom_consecutive": among the bottom K of its table in each of the
//	                      N years up to the year assessed (连续N年末位)
//	"largest_rise":       among the K units whose rank rose most (by at
//	                      least one place) since the year before (进步奖)
//
// Ties at the boundary are left out as a whole, so at most K units are
// flagged per table. Category restricts the rule to one category; Year,
// when non-zero, is the only year the rule is assessed for (else every
// year with enough history).
type YearRule struct {
	// Name is the flag's name, e.g. "连续两年末位".
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	K        int    `json:"k"`
	N        int    `json:"n,omitempty"`
	Category string `json:"category,omitempty"`
	Year     int    `json:"year,omitempty"`
}

// GradeSpec is one grade: a score cutoff, a rank quota, or both.
type GradeSpec struct {
	// Name is the grade's label, e.g. "优秀".
	Name string `json:"name"`
	// MinScore is the inclusive score cutoff; nil means none.
	MinScore *float64 `json:"min_score,omitempty"`
	// MaxShare is the largest share of units in this grade (e.g. 0.2);
	// nil means none.
	MaxShare *float64 `json:"max_share,omitempty"`
}

// Polarity says whether higher raw values are better. The zero value is
// HigherIsBetter. In JSON it is "higher" or "lower".
type Polarity int

// Polarities.
const (
	HigherIsBetter Polarity = iota
	LowerIsBetter
)

var polarityNames = [...]string{"higher", "lower"}

// String returns "higher" or "lower".
func (p Polarity) String() string {
	if p < 0 || int(p) >= len(polarityNames) {
		return fmt.Sprintf("Polarity(%d)", int(p))
	}
	return polarityNames[p]
}

// MarshalText returns "higher" or "lower"; it returns an error for other
// values.
func (p Polarity) MarshalText() ([]byte, error) {
	if p < 0 || int(p) >= len(polarityNames) {
		return nil, fmt.Errorf("indicator: unknown polarity %d", int(p))
	}
	return []byte(polarityNames[p]), nil
}

// UnmarshalText accepts "higher" and "lower".
func (p *Polarity) UnmarshalText(b []byte) error {
	for i, s := range polarityNames {
		if string(b) == s {
			*p = Polarity(i)
			return nil
		}
	}
	return fmt.Errorf("indicator: unknown polarity %q (want \"higher\" or \"lower\")", b)
}

// TransformMethod names a transformation of raw values.
type TransformMethod string

// Transformation methods.
const (
	// TransformNone leaves values unchanged (also the empty method).
	TransformNone TransformMethod = "none"
	// TransformLog replaces x by ln(x + Offset).
	TransformLog TransformMethod = "log"
	// TransformWinsorize clips values to the Lower and Upper quantiles.
	TransformWinsorize TransformMethod = "winsorize"
	// TransformSkewKurtosis winsorises by the JRC rule (see [Transform]).
	TransformSkewKurtosis TransformMethod = "skew_kurtosis"
)

// Transform is the transformation of a leaf's raw values, applied before
// imputation and normalisation (missing values stay missing).
//
//	log:           x' = ln(x + offset); x + offset <= 0 is an error
//	winsorize:     x' = min(max(x, Q(lower)), Q(upper)), Q the sample quantile
//	               of the non-missing values, type 7 of Hyndman and Fan (1996)
//	               (R's default); lower 0 and upper 0 (meaning 1) clip nothing
//	skew_kurtosis: while |G1| > skew and G2 > kurtosis, and fewer than
//	               max_points values were changed, the most extreme value on
//	               the side of the skew is replaced, in every unit that has it,
//	               by the next most extreme one (JRC/COIN practice [2]).
//	               Defaults: skew 2, kurtosis 3.5, max_points 5. If the rule
//	               still holds after max_points values, the values are left so
//	               and the record shows the remaining skew and kurtosis (the
//	               JRC then takes logarithms: set fallback "log_ct" for that).
//	               max_points counts units: a unit winsorised in several steps
//	               (its value replaced, then replaced again) counts once, as
//	               nwin of COINr's winsorise [2].
//	fallback:      with skew_kurtosis, "log_ct" replaces, when the rule still
//	               holds after max_points values, the winsorisation by COINr's
//	               log_CT transformation (its Treat default f2 = "log_CT") of the
//	               values before winsorisation:
//	                   x' = ln(x - min + 0.01 (max - min))
//	               min and max over the non-missing values; the record then
//	               has Fallback "log_ct" and the G1 and G2 of the logarithms.
//
// G1 and G2 are the sample skewness and the sample excess kurtosis of the n
// non-missing values, the adjusted estimators for which the JRC's
// thresholds are set: type 2 of R's e1071::skewness and e1071::kurtosis,
// which are Excel's SKEW and KURT (used by the JRC's COIN Tool) and COINr's
// skew and kurt [2]; see D. N. Joanes and C. A. Gill (1998), Comparing
// measures of sample skewness and kurtosis, The Statistician 47(1),
// 183–189:
//
//	m_k = sum_i (x_i - mean)^k / n      (central moments, divisor n)
//	g1  = m3 / m2^1.5,  g2 = m4 / m2^2 - 3
//	G1  = g1 sqrt(n (n-1)) / (n-2)
//	G2  = ((n+1) g2 + 6) (n-1) / ((n-2) (n-3))
//
// For example x = 1, 2, 3, 4, 10 (mean 4, m2 = 10, m3 = 36, m4 = 278.8)
// gives g1 = 3.6/sqrt(10) = 1.13842, G1 = 1.2 sqrt(2) = 1.69706,
// g2 = -0.212 and G2 = 3.152. With fewer than 4 non-missing values G2 is
// undefined, and with constant values neither is defined (0/0): the rule
// is then not applied, the values are left unchanged and the record has
// NaN for what is undefined (Skew for n < 3, Kurtosis for n < 4, both for
// constant values).
//
// What was done to each leaf is recorded in [Result].Transforms.
type Transform struct {
	Method TransformMethod `json:"method"`
	// Offset is added before the logarithm (e.g. 1 for data with zeros).
	Offset float64 `json:"offset,omitempty"`
	// Lower and Upper are the winsorisation quantiles in [0, 1]; Upper 0
	// means 1.
	Lower float64 `json:"lower,omitempty"`
	Upper float64 `json:"upper,omitempty"`
	// Skew and Kurtosis are the thresholds of the skew_kurtosis rule; 0
	// means 2 and 3.5.
	Skew     float64 `json:"skew,omitempty"`
	Kurtosis float64 `json:"kurtosis,omitempty"`
	// MaxPoints is the most values the skew_kurtosis rule may winsorise;
	// 0 means 5.
	MaxPoints int `json:"max_points,omitempty"`
	// Fallback is "" (none) or [FallbackLogCT], for skew_kurtosis only.
	Fallback string `json:"fallback,omitempty"`
}

// FallbackLogCT is the Fallback of the skew_kurtosis rule that takes
// COINr's log_CT logarithm, ln(x - min + 0.01 (max - min)), when
// winsorising max_points values did not bring skew and kurtosis within
// the thresholds.
const FallbackLogCT = "log_ct"

// ImputationMethod names a way of treating missing values.
type ImputationMethod string

// Imputation methods.
const (
	// ImputeNone makes a missing value an error naming the unit and the
	// indicator (also the empty method).
	ImputeNone ImputationMethod = "none"
	// ImputeMean uses the mean of the indicator's non-missing values.
	ImputeMean ImputationMethod = "mean"
	// ImputeMedian uses their median.
	ImputeMedian ImputationMethod = "median"
	// ImputeGroupMean uses the mean over the units with the same value of
	// the attribute By.
	ImputeGroupMean ImputationMethod = "group_mean"
	// ImputeGroupMedian uses the median over those units.
	ImputeGroupMedian ImputationMethod = "group_median"
	// ImputeValue uses the fixed Value.
	ImputeValue ImputationMethod = "value"
	// ImputeAvailable leaves the value missing: the groups above it
	// aggregate the children that are available, re-weighted (available-
	// case aggregation). A group with a data-driven weighting scheme
	// (entropy, critic, sd, pca) or benefit of the doubt needs every
	// child's score for every unit, so evaluation fails, naming the unit,
	// when a missing value reaches such a group: impute those values.
	ImputeAvailable ImputationMethod = "available"
)

// Imputation says how a leaf's missing values (after transformation) are
// filled. Imputed cells are flagged in [NodeResult].Imputed. Statistics are
// over the raw (transformed) non-missing values of the column; a group of
// units with no value falls back to the whole column, and a column with no
// value at all is an error. For group_mean and group_median, a unit whose
// attribute By is empty, "NA" or "-" (spaces trimmed) is in no group: its
// missing value gets the whole column's mean or median, and its value
// counts in no group (only in the whole column's statistic).
//
// Available-case aggregation: a group with missing children aggregates
// the others, their weights divided by the sum of the available weights.
// MinShare, set on the group (or inherited from an ancestor), is the
// minimum share of the group's children (by count, among those with
// non-zero weight) that must be available; below it the group itself is
// missing for that unit. 0 means at least one child. A missing root score
// is an error.
type Imputation struct {
	Method ImputationMethod `json:"method"`
	// By is the unit attribute that defines the groups of group_mean and
	// group_median.
	By string `json:"by,omitempty"`
	// Value is the value of the value method.
	Value float64 `json:"value,omitempty"`
	// MinShare is the minimum availability of a group, in [0, 1].
	MinShare float64 `json:"min_share,omitempty"`
	// Params are the parameters of an imputation registered in a
	// [Registry]; a registered method takes no other member but
	// min_share.
	Params json.RawMessage `json:"params,omitempty"`
}

// NormalizationMethod names a normalisation.
type NormalizationMethod string

// Normalisation methods. Every method returns higher-is-better scores:
// polarity is applied as stated.
const (
	// NormMinMax maps onto [0, 100] (also the empty method):
	//
	//	y = 100 (x - worst)/(best - worst)
	//
	// worst and best are the data's minimum and maximum (swapped for
	// lower-is-better), or the fixed goalposts Worst and Best where given;
	// with goalposts y is clipped to [0, 100] unless Unclipped. With
	// Reference, best is that unit's value (distance to a reference unit,
	// COINr's n_dist2ref: 1 - (x_ref - x)/(x_ref - x_min), which is this
	// formula on [0, 1]; COINr's cap_max = TRUE is the default clipping,
	// Unclipped is cap_max = FALSE), for minmax and efficacy alike.
	NormMinMax NormalizationMethod = "minmax"
	// NormZScore is the standard score with the sample standard deviation
	// (divisor n - 1, as R's scale and sd):
	//
	//	y = s (x - mean)/sd,  s = +1 (higher is better) or -1
	NormZScore NormalizationMethod = "zscore"
	// NormRank is the rank of s*x among the units, ascending, so that the
	// best unit gets rank n; ties get the average rank (Variant "min": the
	// smallest).
	NormRank NormalizationMethod = "rank"
	// NormPercentile is a percentile rank on [0, 100]; with r_avg, r_min
	// and r_max the average, minimum and maximum ranks of s*x among the n
	// non-missing values (n = 1 gives 100 under inclusive and min):
	//
	//	"inclusive" (default): 100 (r_avg - 1)/(n - 1)   (worst 0, best 100)
	//	"rank":                100 r_avg / n   (scipy percentileofscore kind="rank")
	//	"weak":                100 r_max / n   (kind="weak", 100 * ECDF)
	//	"min":                 100 (r_min - 1)/(n - 1)   (COINr's n_prank: R's
	//	                       rank with ties.method = "min", so tied units
	//	                       share the lowest of their ranks)
	NormPercentile NormalizationMethod = "percentile"
	// NormTarget is the distance to a target as a ratio, on 100 = target
	// met: 100 x/t (higher is better) or 100 t/x (lower), capped at 100
	// unless Unclipped. t is Target, or the value of the Reference unit.
	NormTarget NormalizationMethod = "target"
	// NormRatioMean is the ratio to the mean of the column: 100 x/mean
	// (higher is better) or 100 mean/x (lower).
	NormRatioMean NormalizationMethod = "ratio_mean"
	// NormCategories maps ordered category codes to points (Categories);
	// the points carry the direction, polarity is not applied.
	NormCategories NormalizationMethod = "categories"
	// NormNone uses values already on [0, 100]: y = x (higher is better)
	// or 100 - x (lower). A value outside [0, 100] is an error wrapping
	// [ErrDomain] naming the unit.
	NormNone NormalizationMethod = "none"
	// NormEfficacy is the efficacy coefficient (功效系数法) used by Guangxi's
	// appraisal of government organs [6] and many Chinese assessments:
	//
	//	y = a + b (x - bad)/(good - bad)
	//
	// with a = Floor (default 60), b = Span (default 40, positive), bad =
	// Worst (the 不允许值, the value that earns the floor) and good = Best
	// (the 满意值, the value that earns a + b). Each of Worst and Best not
	// given comes from the data, as for minmax: the minimum and maximum
	// (swapped for lower-is-better). Polarity works as for minmax
	// goalposts: Best must be above Worst for higher-is-better indicators
	// and below it for lower-is-better ones. y is clamped to [a, a + b]
	// (values worse than bad get a, better than good get a + b) unless
	// Unclipped, which keeps the linear formula beyond the goalposts.
	NormEfficacy NormalizationMethod = "efficacy"
)

// Normalization maps a leaf's values onto a common scale (see the
// NormalizationMethod constants for the formulas).
//
// A column without spread (all values equal) cannot be min-max normalised
// over the data nor z-scored; it is an error wrapping [ErrConstantColumn]
// unless Constant is set, in which case every unit gets that score (e.g.
// 100 when all met the target).
type Normalization struct {
	Method NormalizationMethod `json:"method"`
	// Worst and Best are the fixed goalposts of minmax and efficacy (bad
	// and good), in raw (transformed) units; each side not given comes
	// from the data. Best must be above Worst for higher-is-better
	// indicators and below it for lower-is-better ones.
	Worst *float64 `json:"worst,omitempty"`
	Best  *float64 `json:"best,omitempty"`
	// Unclipped turns off the clipping to [0, 100] of goalposts, the
	// clamping to [Floor, Floor + Span] of efficacy and the cap at 100 of
	// target.
	Unclipped bool `json:"unclipped,omitempty"`
	// Floor and Span are a and b of efficacy: the score at Worst and the
	// points between Worst and Best; nil means 60 and 40.
	Floor *float64 `json:"floor,omitempty"`
	Span  *float64 `json:"span,omitempty"`
	// Target is the target of the target method.
	Target *float64 `json:"target,omitempty"`
	// Reference is the unit whose value is the target of the target
	// method, instead of Target, or the best goalpost of minmax and
	// efficacy, instead of Best (distance to a reference unit).
	Reference string `json:"reference,omitempty"`
	// Variant selects the tie rule of rank ("average" or "min") and the
	// definition of percentile ("inclusive", "rank", "weak" or "min").
	Variant string `json:"variant,omitempty"`
	// Categories maps category codes to points for categories.
	Categories []Category `json:"categories,omitempty"`
	// Constant, if set, is the score of every unit when the column has no
	// spread.
	Constant *float64 `json:"constant,omitempty"`
	// Params are the parameters of a normalisation registered in a
	// [Registry]; a method that is not built in takes no other member.
	Params json.RawMessage `json:"params,omitempty"`
}

// Category is one ordered category: its code in the data and its points.
//
// A categories leaf may also name a text attribute of the table (e.g. a
// rating "优秀", "良好", "合格") instead of a numeric column: each text
// is then looked up among the Labels and stands for that category's
// Value; an empty cell, "NA" or "-" is missing and any other text is an
// error naming the unit.
type Category struct {
	Value  float64 `json:"value"`
	Points float64 `json:"points"`
	// Label is the category's text in an attribute column.
	Label string `json:"label,omitempty"`
}

// AggregationMethod names how a group combines its children.
type AggregationMethod string

// Aggregation methods. With children's scores y_j and local weights w_j
// (summing to 1, see [Node]):
//
//	arithmetic:  sum_j w_j y_j
//	geometric:   exp(sum_j w_j ln(y_j + c)) - c
//	harmonic:    1 / (sum_j w_j / (y_j + c)) - c
//	power:       (sum_j w_j (y_j + c)^p)^(1/p) - c   (p = 0: geometric)
//	min:         min_j y_j over children with w_j > 0
//	median:      the median of the y_j with w_j > 0 (unweighted; the mean
//	             of the two middle values for an even count)
//	bod:         benefit of the doubt: 100 sum_j W_ij y_ij with per-unit
//	             weights W_i from weighting.BenefitOfDoubt (DEA)
//	copeland:    the Copeland score of the outranking matrix (non-
//	             compensatory; OECD/JRC Handbook 2008, section 6.2; COINr's
//	             outrankMatrix and a_copeland): for units a and b,
//	             e_ab = sum_j w_j ([y_aj > y_bj] + [y_aj = y_bj]/2), and
//	             score_a = sum_(b != a) sgn(e_ab - 1/2), the number of
//	             units a beats by a weighted majority minus those that beat
//	             it, in [-(n-1), n-1]. It is computed as sgn(sum_j w_j
//	             sgn(y_aj - y_bj)) with an exactly rounded sum, so that a
//	             weighted tie is exactly 0. It compares units, so a unit's
//	             score depends on the others; a unit with a missing child
//	             has no score and is left out of the comparisons.
//	topsis:      TOPSIS, the relative closeness to the ideal unit, in
//	             [0, 1] (see [TOPSISResult] for the formulas)
//	grey_relational: Deng's grey relational grade to the reference
//	             sequence, in (0, 1] (see [GreyResult])
//	fuzzy:       fuzzy comprehensive evaluation: the membership of each
//	             grade composed from the children's membership rows, and
//	             the score sum_k b_k v_k from the grades' values (see
//	             [FuzzyComposite]). A fuzzy group whose children are
//	             leaves holds one factor's grade shares (normalization
//	             none), which have no weights: a [Variant]'s weights or
//	             exclusion of a share change nothing. A fuzzy group whose
//	             children are such groups composes them with their weights.
//	mpi:         the Mazziotta–Pareto index, a mean of standardised
//	             scores penalised by their spread (see [MPIScores])
//	ampi:        the adjusted Mazziotta–Pareto index, standardised by
//	             goalposts around a reference (see [AMPIScores])
//
// topsis, grey_relational, mpi and ampi, like copeland, compare units: a unit's
// score depends on the others, and a unit with a missing weighted child
// has no score and is left out of the others' reference values.
//
// c is the Offset (0 by default): a non-positive y_j + c is an error for
// geometric and harmonic and for power with p < 0 (a negative one for
// p > 0). When the weighted sum of (y_j + c)^p overflows or underflows (a
// large |p|), the power mean is computed with the terms scaled by M, the
// largest y_j + c for p > 0 and the smallest for p < 0:
//
//	M (sum_j w_j ((y_j + c)/M)^p)^(1/p) - c
//
// which tends to the maximum (p -> +Inf) or minimum (p -> -Inf) of the
// y_j. Sources: OECD/JRC Handbook on Constructing Composite Indicators
// (2008), section 6 [1].
const (
	Arithmetic AggregationMethod = "arithmetic"
	Geometric  AggregationMethod = "geometric"
	Harmonic   AggregationMethod = "harmonic"
	Power      AggregationMethod = "power"
	Minimum    AggregationMethod = "min"
	Median     AggregationMethod = "median"
	BoD        AggregationMethod = "bod"
	Copeland   AggregationMethod = "copeland"
	TOPSIS     AggregationMethod = "topsis"
	Grey       AggregationMethod = "grey_relational"
	Fuzzy      AggregationMethod = "fuzzy"
	MPI        AggregationMethod = "mpi"
	AMPI       AggregationMethod = "ampi"
)

// Aggregation is the aggregation of a group. Its zero value is the weighted
// arithmetic mean in a model; in a [Variant] it means "as in the model".
type Aggregation struct {
	Method AggregationMethod `json:"method"`
	// P is the exponent of the power (generalised) mean.
	P float64 `json:"p,omitempty"`
	// Offset is the shift c for non-positive scores (see the methods).
	Offset float64 `json:"offset,omitempty"`
	// MinShare and MaxShare bound, for bod only, the share of each child
	// in each unit's own score ("pie share" restrictions, Cherchye et al.
	// 2007; see weighting.BoDSettings):
	//
	//	min_share_j <= W_ij y_ij / sum_k W_ik y_ik <= max_share_j
	//
	// one value per child, in child order, each in [0, 1], min_share_j <=
	// max_share_j and sum_j min_share_j <= 1; nil means no bound. They
	// keep benefit of the doubt from giving a unit's whole score to its
	// single best child.
	MinShare []float64 `json:"min_share,omitempty"`
	MaxShare []float64 `json:"max_share,omitempty"`
	// Scaling is how topsis scales each child's column before weighting:
	// "vector" (the default, Hwang and Yoon's y_ij / sqrt(sum_i y_ij^2))
	// or "none" (the children's scores as they are, e.g. already min-max
	// normalised, as many entropy-weight TOPSIS studies do).
	Scaling string `json:"scaling,omitempty"`
	// Rho is the distinguishing coefficient of grey_relational, in
	// (0, 1]; nil means 0.5.
	Rho *float64 `json:"rho,omitempty"`
	// Reference is the reference sequence of grey_relational, one score
	// per child in child order; nil means the ideal unit (each child's
	// best score among the units). For ampi it is the reference value of
	// each child (the score that standardises to 100); nil means each
	// child's mean over the units.
	Reference []float64 `json:"reference,omitempty"`
	// Grades are the evaluation grades of fuzzy, best first, each with
	// its label and value (e.g. 很满意 100 ... 很不满意 0).
	Grades []FuzzyGrade `json:"grades,omitempty"`
	// Operator is the composition operator of fuzzy: "weighted_average"
	// (the default, M(·,+)) or "zadeh" (M(∧,∨)).
	Operator string `json:"operator,omitempty"`
	// Penalty is the sign of the penalty of mpi and ampi: "negative" (the
	// default, for an index where higher is better: imbalance lowers the
	// score) or "positive" (imbalance raises it).
	Penalty string `json:"penalty,omitempty"`
	// Params are the parameters of an aggregation registered in a
	// [Registry]; a method that is not built in takes no other member.
	Params json.RawMessage `json:"params,omitempty"`
}

// Adjustments are bonus and penalty points added to a node's score after
// aggregation, kept separately in [NodeResult].Adjustment:
//
//	adjustment = min(sum_k bonus_k, BonusCap) - min(sum_k penalty_k, PenaltyCap)
//	bonus_k    = min(points_k * x_k, cap_k)    (likewise penalty_k)
//
// where x_k is the unit's value in the term's column (missing counts as
// 0; a negative value is an error) and a cap of 0 means none.
type Adjustments struct {
	Bonus      []AdjustmentTerm `json:"bonus,omitempty"`
	Penalty    []AdjustmentTerm `json:"penalty,omitempty"`
	BonusCap   float64          `json:"bonus_cap,omitempty"`
	PenaltyCap float64          `json:"penalty_cap,omitempty"`
}

// AdjustmentTerm is one source of bonus or penalty points.
type AdjustmentTerm struct {
	// Column holds the count or amount per unit (e.g. innovation awards,
	// incidents).
	Column string `json:"column"`
	// Points per unit of the column; 0 means 1.
	Points float64 `json:"points,omitempty"`
	// Cap on the points of this term; 0 means none.
	Cap float64 `json:"cap,omitempty"`
}

// Veto is a one-vote-veto rule: a unit is vetoed when
//
//	value Op Threshold
//
// holds, value being the unit's value in Column, or the node's score
// (after adjustments) when Column is empty. Op is one of ">", ">=", "<",
// "<=", "==", "!="; an empty Op means "!=" (with Threshold 0: any non-zero
// value, e.g. a 0/1 incident flag). A missing value never vetoes. Vetoes
// do not change scores: they are reported in [Result].Vetoed and applied
// by the grading (package ranking).
type Veto struct {
	Column    string  `json:"column,omitempty"`
	Op        string  `json:"op,omitempty"`
	Threshold float64 `json:"threshold,omitempty"`
	// Reason is shown with the result, e.g. "重大安全事故".
	Reason string `json:"reason,omitempty"`
}
