// Package survey turns residents' questionnaire answers into per-unit
// satisfaction values with honest, design-based uncertainty: respondents
// and their sampling design, questionnaire scales, weight adjustments
// (non-response, post-stratification, raking, calibration, trimming),
// weighted estimates with linearisation or replicate standard errors,
// design effects, intervals for proportions, and survey planning. R's
// survey package (Lumley) [1] is the reference: every method R has is
// checked against its results (testdata/reference/survey).
//
// The package does not import indicator or ranking: its outputs are plain
// values and standard errors that a caller puts into an indicator table.
//
// # Overview
//
// Data:
//   - [Respondent], [NewDesign], [Design]: respondents with group,
//     stratum, one- or two-stage clusters, weights or inclusion
//     probabilities, finite-population corrections and attributes;
//     [ReadRespondents] reads them from CSV. [DesignOptions] sets R's
//     nest and the treatment of strata with one PSU ([Singleton]: fail,
//     remove, certainty, adjust, average, as R's survey.lonely.psu).
//   - [Answer], [ReadAnswers], [Design.Answers], [AnswerSet]: answers in
//     long form (respondent, assessed unit, item, answer).
//   - [Scale], [Category], [Class], [Measure]: answer categories with
//     points and excluded categories; presets [HangzhouScale],
//     [ShandongScale], [NanjingScale], [HappyGuangdongScale],
//     [ChongqingScale], [TenPointScale], [HundredPointScale];
//     [Scale.Summarize] gives the
//     satisfaction rate, mean score and net satisfaction of counts.
//
// Adjustments (each returns a new Design that remembers how the variance
// must change):
//   - [AdjustNonresponse]: weighting-class non-response adjustment.
//   - [Design.PostStratify]: post-stratification to population counts.
//   - [Rake], [Design.Rake]: iterative proportional fitting over any
//     number of margins, fitted on cell totals.
//   - [Calibrate], [Design.Calibrate]: linear (GREG), raking and logit
//     calibration by Newton's method.
//   - [TrimWeights], [Design.Trim]: trimming with redistribution.
//
// Estimation:
//   - [Design.Estimate], [Design.EstimateDomain], [Design.EstimateBy]:
//     weighted mean (a proportion for a 0/1 variable) and total, overall
//     and per domain, with linearisation standard errors and design
//     effects.
//   - [AnswerSet.Estimates]: per-unit satisfaction values with standard
//     errors and confidence intervals ([UnitSettings] Level and Interval,
//     on the design df), per respondent group or combined with fixed
//     group weights; [Combine], [CombineUnits] for independent samples.
//   - [AnswerSet.CategoryCounts]: per-unit category counts, the
//     sufficient statistics for a bootstrap of per-unit scores.
//   - [Design.Replicates], [ReplicateDesign]: JK1, JKn and Rao–Wu
//     bootstrap replicate weights, with the design's post-stratification,
//     raking, calibration and trimming redone in every replicate as R
//     does ([ReplicateDesign.Adjustments]); [ReplicateDesign.Estimate] and
//     [ReplicateDesign.EstimateDomain] give replicate standard errors,
//     and UnitSettings.Replicates gives them per assessed unit (R's
//     svyby on a replicate design; UnitSettings.EmptyReplicate says what
//     a replicate that leaves a unit without weight does). Replicate intervals use
//     [ReplicateDesign.DF], R's degf for replicate designs (rank of the
//     replicate weights minus 1), not the linearisation df.
//     ReplicateSettings.Progress reports how far the replicates and the
//     rank behind the df have come; [ReplicateDesign.DFContext] computes
//     the df under a context, so that it can be cancelled.
//   - [AnswerSet.Covariance], [Design.MeanCov], [ReplicateDesign.MeanCov]:
//     the full covariance matrix of per-unit estimates (the same
//     respondents rate every unit), by linearisation or replicates, with
//     [UnitCovariance.Difference] (t-tests of "unit A is more satisfied
//     than unit B" on the design df) and [UnitCovariance.Contrast]; it
//     goes straight into the rank confidence sets of package ranking.
//   - [Design.Quantile]: design-based quantiles (the median satisfaction
//     score) with Woodruff intervals, R's svyquantile "math" rule;
//     [Design.Ratio], [ReplicateDesign.Ratio]: ratio estimators with
//     their variances, per domain (R's svyratio).
//   - [Kish]: Kish's design effect and effective sample size.
//   - [BinomialCI]: Wald, Wilson, Clopper–Pearson, Agresti–Coull;
//     [Design.PropCI], [Design.PropCIDomain]: R's svyciprop logit, mean,
//     beta (Korn–Graubard) and likelihood intervals; [PropCIFromSE] and
//     [TInterval] give intervals from any estimate, standard error and df.
//
// Planning: [SampleSize] for a margin of error, [Allocate] across strata.
//
// # Bounds
//
// Every size that a computation allocates from is checked before the
// allocation; one over its bound is an error wrapping [ErrTooLarge], never
// a runtime out-of-memory crash. With n respondents, R replicates, U units
// (or variables), P PSUs, p calibration columns and [MaxCells] = 2^27:
//
//	what                                         bound
//	bootstrap replicates R (Design.Replicates)   MaxReplicates (100,000)
//	replicate weights n × R                      MaxCells (a jackknife: R = P)
//	covariance U × U                             MaxCells (AnswerSet.Covariance, MeanCov)
//	PSU totals U × P (and U × SSUs)              MaxCells (by linearisation)
//	replicate values U × R                       MaxCells (with replicates)
//	model matrix n × p, system p × p             MaxCells (Calibrate, Design.Calibrate)
//	sample sizes (SampleSize, Allocate)          MaxSampleSize (2^53)
//
// Raking holds its cells, at most one per respondent, and needs no bound.
//
// # Conventions (R survey 4.1-1)
//
// Total = sum_i w_i y_i; mean = sum_i w_i y_i / sum_i w_i (a ratio). The
// linearised variable of a total is z_i = w_i y_i and of a mean
// z_i = w_i (y_i - ybar) / sum_j w_j. The variance of a total of z is
//
//	V = sum_h (1 - f_h) n_h/(n_h - 1) sum_i (Z_hi - Zbar_h)^2
//	  + sum_h f_h sum_i (1 - f_hi) m_hi/(m_hi - 1) sum_j (Z_hij - Zbar_hi)^2
//
// with Z_hi the PSU totals of z in stratum h (n_h PSUs sampled, sampling
// fraction f_h = n_h/N_h, f_h = 0 without an fpc) and Z_hij the SSU
// totals within PSU hi (m_hi sampled out of M_hi, f_hi = m_hi/M_hi). The
// second line is present only for two-stage designs with fpcs at both
// stages, as in R's svyrecvar. A stratum (PSU) with 1 - f below 1e-7 is
// sampled completely and contributes no first-stage (second-stage)
// variance. Element sampling makes each respondent its own PSU. The
// degrees of freedom are #PSUs - #strata. SE = sqrt(V). Domain estimates
// keep the whole design's degrees of freedom, as R's svyby and confint
// (R's svyciprop on a subset() design uses the subset's, which differs
// only when the domain misses whole PSUs or strata).
//
// Domains (per-unit and per-group estimates, and missing values under
// [MissingDomain]) keep every row in the design with z = 0 outside the
// domain; n_h and m_hi are not reduced, as with R's subset() and
// na.rm=TRUE.
//
// Design effects: V / V_srs with V_srswor(mean) = s^2 (Nhat - n)/(Nhat n),
// V_srswr(mean) = s^2/n, s^2 = n/(n-1) sum w (y - ybar)^2 / sum w, Nhat
// = sum w, n = rows with non-zero weight; totals multiply by Nhat^2.
//
// Data orientation: a [Design] holds one row per respondent, in the
// order of the []Respondent it was built from; variables and weights are
// slices in that order. Estimates per assessed unit are in the order of
// [AnswerSet.Units].
//
// Weights and data: a nil slice is never a valid weight vector here;
// lengths that do not match the design panic (programmer error); negative,
// NaN or infinite weights and values are errors, except that [TrimWeights]
// and [Kish] accept the negative weights linear calibration can give (and
// count them in their results), as R does. A missing value in a design
// column (stratum, PSU, weight, fpc) is an error naming its row and
// column ([ReadRespondents], [NewDesign]). The one exception is
// [Respondent].Weight, where NaN means "not given" (derived from Prob or
// the finite-population corrections, as R's svydesign does) and 0 is a
// real zero weight; an empty weight cell of [ReadRespondents] is NaN.
// Inputs are never modified.
//
// Errors wrap one of the sentinels [ErrInvalidInput], [ErrEmptyCell],
// [ErrNotConverged], [ErrSingletonPSU], [ErrDegreesOfFreedom] and
// [ErrSingular]; the typed errors [ParseError], [RowError], [CellError],
// [AnswerError], [RakeError] and [CalibrationError] name the line, column,
// row, cell or unit and carry diagnostics.
//
// Arithmetic is portable: products that feed sums are rounded explicitly
// and exp/log come from internal/detmath, quantiles from internal/special,
// so results are bit-identical on every architecture. The bootstrap draws
// replicate r from its own stream (seed, r).
//
// All functions are safe for concurrent use.
//
// # References
//
//	[1]  T. Lumley (2004, 2023), survey: analysis of complex survey
//	     samples, R package 4.1-1; T. Lumley (2010), Complex Surveys: A
//	     Guide to Analysis Using R, Wiley.
//	[2]  E. B. Wilson (1927), Probable inference, the law of succession,
//	     and statistical inference, JASA 22, 209-212.
//	[3]  C. J. Clopper and E. S. Pearson (1934), The use of confidence or
//	     fiducial limits illustrated in the case of the binomial,
//	     Biometrika 26, 404-413.
//	[4]  A. Agresti and B. A. Coull (1998), Approximate is better than
//	     "exact" for interval estimation of binomial proportions, The
//	     American Statistician 52, 119-126.
//	[5]  W. E. Deming and F. F. Stephan (1940), On a least squares
//	     adjustment of a sampled frequency table when the expected
//	     marginal totals are known, Ann. Math. Statist. 11, 427-444.
//	[6]  J.-C. Deville and C.-E. Särndal (1992), Calibration estimators in
//	     survey sampling, JASA 87, 376-382.
//	[7]  E. L. Korn and B. I. Graubard (1998), Confidence intervals for
//	     proportions with small expected number of positive counts
//	     estimated from survey data, Survey Methodology 24, 193-201.
//	[8]  T. Lumley and A. J. Scott (2014), Tests for regression models
//	     fitted to survey data, Aust. N. Z. J. Stat. 56, 1-14.
//	[9]  J. N. K. Rao and C. F. J. Wu (1988), Resampling inference with
//	     complex survey data, JASA 83, 231-241.
//	[10] W. G. Cochran (1977), Sampling Techniques, 3rd ed., Wiley.
//	[11] J. Neyman (1934), On the two different aspects of the
//	     representative method, JRSS 97, 558-625.
//	[12] Hangzhou social evaluation reports 2005 and 2010 (浙江在线
//	     2006-04-07, 2011-04-19), project case notes §1.
//	[13] Shandong 2008 科学发展综合考核 satisfaction survey, project case
//	     notes §3a.
//	[14] SCUT Guangdong government performance evaluation 2013 report
//	     (10-point scale) and 2010 report (0–100 scale), project case notes
//	     §4 (sources GD1, GD3).
//	[15] Nanjing 万人评议机关 2002 round, project case notes §2 (source
//	     NJ2).
//	[16] "幸福广东" indicator system 2011, project case notes §4 (source
//	     GD7; no URL recorded).
//	[17] Chongqing 2009 satisfaction poll, project case notes §9 (source
//	     CQ1).
package survey
