// Package indicator builds composite scores from indicator data: the
// indicator tree, data tables, transformation, imputation, normalisation,
// weighting, aggregation, bonus and penalty points, one-vote vetoes, the
// JSON model format, and scoring with per-node scores and contributions.
//
// # Overview
//
// A [Model] is a tree of [Node]s: groups (with children) and indicators
// (leaves bound to columns of a [Table]). It is written in Go or read from
// the JSON model format with [DecodeModel] (strict: unknown members,
// members a method does not take and a child without a weight among
// weighted siblings are errors naming the JSON path) and written back in
// its canonical form with [Model.Encode], checked with [Model.Validate],
// adapted to a locality with an [Overlay] ([ApplyOverlay]), and compiled
// once with [Compile] into an immutable [Plan] ([Plan.WriteTree] prints
// it with its local and global weights). [Plan.Evaluate] scores a
// table: a [Result] with every unit's score at every node, each child's
// contribution to its parent (points and share), the normalised values,
// imputation and veto flags, adjustments, and the effective weight of every
// indicator. A caller that needs only the scores (to rank, say) asks
// [Plan.EvaluateWith] for EvalOptions{ScoresOnly: true}, which leaves the
// contributions and shares out (about half the time and a third of the
// memory); [Result.Explain] adds them later, the same bits, without
// evaluating again, and [Result.ExplainGroups] adds those of some groups'
// children only, failing where Evaluate would have failed. For uncertainty analysis, [Plan.Prepare] does the per-column
// work once and [Prepared.Scores] re-aggregates with a [Variant] (other
// weights, aggregations or indicator sets) without allocating. For
// what-if questions ("this unit with its peers' median on this
// indicator"), [Plan.PrepareWhatIf] keeps an evaluation and
// [WhatIf.Scores] evaluates again only what a changed value reaches (its
// leaves and the groups above them), the same bits as a new evaluation.
// [Prepared.Coherence] analyses the statistical coherence of the model on
// the table (correlations within groups and with the index, Cronbach's
// alpha, data availability, redundant and negatively correlated
// indicators), and [Prepared.WeightDiagnostics] reports what a
// data-driven weighting scheme found (entropy, CRITIC information, PCA
// variance explained).
//
// The model's ranking section ([RankingSpec]) is carried and validated
// here ([RankingSpec.Validate]) and applied by package ranking: tie rule,
// direction, grades with cutoffs and quotas, the category column and the
// categories ranked apart ([CategorySpec], each with its own grades, or
// graded but not ranked), designations ([DesignationSpec]), promotion by
// one grade ([PromotionSpec]), the placement of vetoed units, and what
// concerns several years ([YearsSpec]: a base year for the goalposts and
// multi-year rules, [YearRule]). For several years, [BaseGoalposts] fixes
// the data-driven goalposts of min-max and efficacy normalisation from a
// base year's table, and [Plan.DataDependent] lists what a plan still
// recomputes from each year's own data.
//
// Tables come from [NewTable] or [ReadCSV] and go back out with
// [Table.WriteCSV]. [Plan.Groups] and [Plan.Leaves] describe the compiled
// tree (effective weights, AHP consistency) by index, as [Variant] uses it.
//
// # The steps of a score
//
// For each leaf, in this order: the raw column is transformed ([Transform]:
// none, log, winsorisation by quantiles or by the skew/kurtosis rule of
// COINr [2], on the sample skewness G1 and excess kurtosis G2, type 2);
// missing values are imputed ([Imputation]: an error by default, mean,
// median, group mean or median, a fixed value, or available-case
// aggregation); the values are normalised ([Normalization]: min-max over
// the data or goalposts, z-score, rank, percentile rank, distance to a
// target or a reference unit, ratio to the mean, categories to points, the
// efficacy coefficient, or none for values already on 0..100, which are
// checked), which also applies the polarity so that higher is always better;
// the leaf's adjustments, if any, are added. Then each group, children
// first, aggregates its children ([AggregationMethod]: weighted arithmetic,
// geometric, harmonic or power mean, minimum, median, or benefit of the
// doubt, optionally with min_share and max_share bounds on each child's
// share of a unit's score) with the local weights of its weighting scheme, and adds its
// bonus and penalty points ([Adjustments]). Veto rules ([Veto]) mark units
// without changing scores.
//
// # Conventions
//
//   - A [Table] has one row per unit (department, district, city) and one
//     column per indicator; results are per unit, in the table's row order.
//     Data-driven weights and benefit of the doubt see the units in the
//     order of their ids, so no score depends on the order of the rows.
//   - Weights are relative: the weights declared on a group's children are
//     divided by their sum, so they need not sum to 1 (3:2 is 0.6:0.4); in a
//     model file, a child without a "weight" among siblings with one is an
//     error where declared weights count (see [Node]). A
//     group's weighting scheme (package weighting: equal, fixed, AHP,
//     resident share, data-driven) may replace them; data-driven schemes
//     get the children's scores, units × children, at evaluation.
//   - Min-max and the other bounded normalisations score on 0..100, 100
//     best; z-scores use the sample standard deviation (n − 1), as R's
//     scale; ranks give the best unit rank n.
//   - A column without spread is an error ([ErrConstantColumn]) unless the
//     normalisation names the score every unit then gets; a missing value
//     is an error unless an imputation is chosen. No silent NaN.
//   - Node paths are the ids from the root joined by "/", e.g.
//     "total/service/service.wait"; errors name them, and the unit.
//   - Arithmetic that feeds a score rounds every product explicitly and
//     uses the portable exponential and logarithm of internal/detmath;
//     sums over children run in child order, and sums over units (means,
//     variances, moments) are exact [5]: the same model and data give the
//     same bits on every architecture, whatever the order of the units.
//   - Errors wrap one of the sentinels [ErrInvalidModel], [ErrInvalidTable],
//     [ErrMissingValue], [ErrConstantColumn], [ErrDomain] and
//     [ErrMissingColumn]; [*ValidationError] lists every problem of a model
//     with its path, and [*NodeError] names the node and the unit. A table
//     without units is an error, not an empty result. Panics are kept for
//     programmer errors (mismatched lengths of a [Variant] or of dst, an
//     unknown enum value, a nil *Table), as each function documents.
//   - Inputs are never modified.
//
// All functions are safe for concurrent use: [Plan], [Prepared],
// [WhatIf] and [Table] are immutable (a WhatIf's working copies are its
// callers' own); a [Model] is a plain value that must not be
// changed while another goroutine reads it.
//
// # References
//
// [1] OECD and JRC (2008), Handbook on Constructing Composite Indicators:
// Methodology and User Guide, OECD Publishing (normalisation section 5,
// weighting and aggregation section 6).
//
// [2] W. Becker, G. Caperna, M. Del Sorbo, H. Norlén, E. Papadimitriou,
// M. Saisana (2022), COINr: an R package for developing composite
// indicators, Journal of Open Source Software 7(78), 4567 (outlier
// treatment by |skewness| > 2 and excess kurtosis > 3.5).
//
// [3] R. J. Hyndman and Y. Fan (1996), Sample quantiles in statistical
// packages, The American Statistician 50(4), 361–365 (type 7 quantiles).
//
// [4] L. Cherchye, W. Moesen, N. Rogge, T. Van Puyenbroeck (2007), An
// introduction to "benefit of the doubt" composite indicators, Social
// Indicators Research 82, 111–145.
//
// [5] J. R. Shewchuk (1997), Adaptive precision floating-point arithmetic
// and fast robust geometric predicates, Discrete & Computational Geometry
// 18, 305–363 (exact sums, as in Python's math.fsum).
//
// [6] 广西壮族自治区机关绩效考评 (Guangxi appraisal of government organs):
// indicators at four levels scored by seven methods, among them the
// efficacy coefficient (功效系数法) and proportional scoring,
// http://e-gov.org.cn/article-114199.html.
//
// [7] C.-L. Hwang and K. Yoon (1981), Multiple Attribute Decision Making:
// Methods and Applications, Lecture Notes in Economics and Mathematical
// Systems 186, Springer, section 2.3.4 (TOPSIS).
//
// [8] J. L. Deng (1989), Introduction to grey system theory, The Journal
// of Grey System 1(1), 1–24 (grey relational coefficient and grade; 邓聚龙,
// 灰色系统基本方法, 华中工学院出版社, 1987).
//
// [9] 汪培庄 (1983), 模糊集合论及其应用, 上海科学技术出版社 (fuzzy
// comprehensive evaluation, the models M(∧,∨) and M(·,+)); L. A. Zadeh
// (1965), Fuzzy sets, Information and Control 8, 338–353.
//
// [10] M. Mazziotta and A. Pareto (2016), On a generalized
// non-compensatory composite index for measuring socio-economic
// phenomena, Social Indicators Research 127, 983–1003 (MPI and AMPI).
package indicator
