// Package ranking turns scores into ranks and grades, compares rankings,
// and says how sure a ranking is: uncertainty and sensitivity analysis of
// model choices, survey-based rank intervals, confidence sets for ranks,
// and the verification of a published ranking.
//
// # Overview
//
// Ranks and grades:
//   - [Rank] and [RankTo] rank scores under [Options]: a [Direction]
//     (highest score = rank 1 by default), a [TieMethod] (average, min
//     "1224", max, dense, ordinal), an absolute and relative tie tolerance
//     (default relative 1e-12, [DefaultRelTol]; Options.Exact for exact
//     comparison) and a [NaNPolicy]. [Ranker] gives the same ranks without allocating,
//     by radix sort, for the Monte Carlo.
//   - [Grade] assigns grades by score cutoffs, rank quotas or both
//     ([Grading], [GradeRule]; [FromSpec] reads a model's
//     indicator.RankingSpec), forces vetoed units to the veto grade and
//     flags the bottom k.
//   - [Classify] applies a whole ranking section to [Units] ([UnitsOf]
//     reads them from a result and its table): categories ranked and
//     graded apart, each with its own grades and quotas, or all together;
//     categories graded but not ranked; vetoed units ranked by score or
//     last; promotion of flagged units by one grade within the quota
//     (专项晋优); named designations (top or bottom k, score thresholds,
//     grades, exclusions). The [Standing] holds every unit's table, rank,
//     grade, designations and notes, the [LeagueTable]s, and
//     [Standing.Memberships], the sets of units of every grade,
//     designation, promotion and flag, for verification.
//   - Several years: [ScorePanel] scores a [Panel] (one table per year)
//     with one compiled plan, optionally against the goalposts of a base
//     year (indicator.BaseGoalposts), records last year's score, rank,
//     grade and changes ([Standing.SetPrevious], [Previous]; from a
//     previous result file too, via [Prior]) and applies the multi-year
//     rules ([ApplyYearRules]: bottom k in n consecutive years, the k
//     largest rises), which give [Flag]s with their reason.
//     [PanelResult].Recomputed says when min-max, z-scores or data-driven
//     weights are recomputed per year, so that scores of different years
//     are not strictly comparable. Errors from the rules meeting the data
//     (an unlisted category, a required category with no units, a unit missing from
//     a year) wrap [ErrRule] and name the unit, the rule or the year.
//
// Comparison: [Kendall] (tau-b, tau-c; exact and asymptotic p-values),
// [Spearman], [WeightedTau], [Shift], [MeanAbsShift], [TopKOverlap].
//
// Uncertainty and sensitivity:
//   - [MonteCarlo] re-aggregates a prepared model ([indicator.Prepared])
//     under random model choices ([Factor]: weight perturbation, alternative
//     aggregations per group, normalisations and imputations per leaf,
//     leaving one indicator out, alternative models built with
//     [Alternative]; [LevelGroups] selects the groups of a tree level)
//     and summarises the ranks as a [Distribution].
//   - [Sobol] estimates first-order and total Sobol indices of the same
//     factors on every unit's rank and on the mean absolute rank shift
//     ([Indices] per factor, from a design with one coordinate per factor,
//     and one per weight for a uniform weight perturbation). [Settings].Progress,
//     [SobolSettings].Progress, [SobolSettings].BootstrapProgress (the
//     bootstrap of the intervals as a phase of its own) and
//     [ConfidenceSettings].Progress report how far a long analysis has
//     come.
//   - [BootstrapCounts] and [BootstrapStrata] give rank intervals for
//     survey-based scores by resampling respondents through their category
//     counts (within units, or within strata of units); [Parametric] and
//     [ParametricCov] from estimates and standard errors or a covariance.
//   - [RankConfidence] gives marginal and simultaneous confidence sets for
//     ranks from estimates and their covariance (one-sided tests in both
//     directions with stepdown, as Mogstad et al. [5] and their R package
//     csranks); [TopSet] and [BottomSet]
//     the sets of possibly best and worst units; [Tiers] the grades that a
//     confidence set supports.
//
// Explanation: [Explain] says, for every unit and indicator, the raw value
// with its unit of measure, the normalised score, the points it adds to
// the final score (indicator.Result.Points), the unit's place among the
// units, the peers' median, and the score and rank the unit would have
// at that median ([WhatIf] re-evaluates the model on the changed data);
// [Explanation.StrengthsWeaknesses] lists a unit's strengths and
// weaknesses, leaving out by default indicators with no spread or only
// two values, as COINr's get_str_weak does [10].
//
// Reproducibility: [Fingerprint] hashes the model, data (in a canonical
// order of rows and columns) and options of a result. Every result struct
// carries the fingerprint of its inputs ([Distribution], [SobolResult],
// [Confidence], [GradeResult], [Report]); [TopSet] and [BottomSet], which
// return bare flags, share the fingerprint of [RankConfidence] on the same
// inputs. [Verify] recomputes a published ranking and lists what differs.
//
// # Conventions
//
// Scores and ranks are per unit, in input (table) order. Rank 1 is the
// best; ranks are float64 because average ranks can be halves. Ties are
// decided, never left to sort order: ordinal ties go by unit id (or input
// order without ids; unit ids must be distinct), and scores within the
// tolerance of Options are tied,
// with tie groups formed as chains over the sorted scores (so grouping is
// transitive and independent of input order).
//
// Every random analysis takes a Seed and draws replication (or design
// point, or bootstrap resample) i from the stream rng.New(Seed, i), so its
// result does not depend on GOMAXPROCS or scheduling; replications run in
// fixed blocks on all cores, and cancelling the context stops them.
// Arithmetic that feeds a score or rank rounds products explicitly and uses
// the portable exp and log of internal/detmath, for the same bits on every
// architecture.
//
// Errors from data (NaN scores, constant inputs, units without
// respondents, unusable factors) are returned, wrapping the sentinels
// [ErrNaN], [ErrConstant], [ErrTooFew], [ErrNoRespondents], [ErrNegative],
// [ErrNotPSD], [ErrFactor], [ErrGrading], [ErrDuplicateID] (a unit id given
// twice), [ErrExactTies] and [ErrTooLarge] (see Bounds); errors about one unit are
// *[UnitError]. Programmer errors (mismatched lengths, unknown enum values,
// negative tolerances or counts of replications) panic, as each function
// documents. Inputs are never modified.
//
// The replication analyses keep, per core, a histogram of every unit's
// ranks (n units × 2n-1 half-rank slots of 4 bytes), so their memory grows
// as n squared: 0.7 MB per core for 300 units, 72 MB for 3,000.
//
// # Bounds
//
// Every count that an analysis allocates from is bounded, and the bound is
// checked before the allocation: an analysis over a bound returns an error
// wrapping [ErrTooLarge] that names the count, never a runtime
// out-of-memory crash. With n units, k factors and [MaxCells] = 2^27:
//
//	what                                   bound
//	Settings.Replications                  MaxReplications (10,000,000)
//	SobolSettings.N, SobolSettings.Bootstrap MaxReplications
//	ConfidenceSettings.Draws               MaxReplications
//	rank histogram n × (2n−1)              MaxCells (n ≤ 8,192)
//	  (MonteCarlo, BootstrapCounts, BootstrapStrata, Parametric, ParametricCov)
//	draws Draws × n                        MaxCells (RankConfidence, TopSet, BottomSet)
//	covariance n × n                       MaxCells (RankConfidence, ParametricCov)
//	model runs N·(k+2) × (n+1)             MaxCells (Sobol)
//	resampled indices Bootstrap × (n+1)·2k MaxCells (Sobol)
//
// Enum types are ints whose zero value is the default; their String
// methods return the lowercase text forms that MarshalText writes and
// model files and the command line use ("average", "higher_first"),
// rather than stringer's Go names, and unknown values print as
// "TieMethod(7)", as stringer's do.
//
// All functions are safe for concurrent use; a [Ranker] holds scratch
// space and serves one goroutine at a time.
//
// # References
//
//  1. M. G. Kendall (1970), Rank Correlation Methods, 4th ed., Griffin;
//     exact null distribution and tie-corrected variance of Kendall's S.
//  2. A. Stuart (1953), The estimation and comparison of strengths of
//     association in contingency tables, Biometrika 40, 105-110 (tau-c).
//     scipy.stats.kendalltau 1.10 is the reference implementation.
//  3. C. Spearman (1904), The proof and measurement of association between
//     two things, Am. J. Psychol. 15, 72-101; p-value as scipy.stats.spearmanr.
//  4. S. Vigna (2015), A weighted correlation index for rankings with ties,
//     Proc. WWW 2015, 1166-1176; as scipy.stats.weightedtau.
//  5. M. Mogstad, J. P. Romano, A. M. Shaikh and D. Wilhelm (2024),
//     Inference for ranks with applications to mobility across
//     neighbourhoods and academic achievement across countries, Review of
//     Economic Studies 91(1), 476-518; with J. P. Romano and M. Wolf (2005),
//     Exact and approximate stepdown methods for multiple hypothesis
//     testing, JASA 100, 94-108.
//  6. S. Joe and F. Y. Kuo (2008), Constructing Sobol sequences with better
//     two-dimensional projections, SIAM J. Sci. Comput. 30, 2635-2654
//     (direction numbers new-joe-kuo-6.21201).
//  7. W. Hörmann (1993), The generation of binomial random variates, J.
//     Stat. Comput. Simul. 46, 101-110 (BTRS); V. Kachitvichyanukul and
//     B. Schmeiser (1988), Binomial random variate generation, CACM 31,
//     216-222 (inversion).
//  8. M. Saisana, A. Saltelli and S. Tarantola (2005), Uncertainty and
//     sensitivity analysis techniques as tools for the quality assessment
//     of composite indicators, JRSS A 168, 307-323; OECD/JRC (2008),
//     Handbook on Constructing Composite Indicators, section 7.
//  9. A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and
//     S. Tarantola (2010), Variance based sensitivity analysis of model
//     output: design and estimator for the total sensitivity index, Comput.
//     Phys. Commun. 181, 259-270; M. J. W. Jansen (1999), Analysis of
//     variance designs for model output, Comput. Phys. Commun. 117, 35-43.
//  10. W. Becker, G. Caperna, M. Del Sorbo, H. Norlén, E. Papadimitriou and
//     M. Saisana (2022), COINr: an R package for developing composite
//     indicators, Journal of Open Source Software 7(78), 4567; its
//     get_str_weak leaves out indicators with few distinct values.
//  11. W. R. Knight (1966), A computer method for calculating Kendall's tau
//     with ungrouped data, JASA 61, 436-439 (the counts of pairs in
//     O(n log n), as scipy.stats.kendalltau computes them).
package ranking
