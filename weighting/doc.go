// Package weighting assigns weights to the children of a group of an
// indicator tree, and analyses the judgments and data behind them.
//
// # Overview
//
// A [Scheme] turns what is known about a group ([Input]: its children's ids,
// their declared weights and, for data-driven schemes, their normalised
// scores) into weights that are non-negative and sum to 1. A [Spec] is the
// serialisable form of a scheme used by the JSON model format; its method
// names are "equal", "fixed", "ahp", "resident_share", "entropy",
// "critic", "sd", "pca" and "budget". Decoding a Spec is strict (a member
// its method does not take is an error), and a [Judgment] is written
// canonically, a Saaty fraction 1/k as the string "1/k", so model files
// round-trip. [Normalize] divides weights by their sum.
//
//   - Fixed in advance: [Equal], [Fixed], [Budget] (trimmed mean of
//     experts' points), [ResidentShare] (a reserved share for the public's
//     evaluation, the rest by another scheme).
//   - Analytic hierarchy process: [AHP] as a scheme; [Priorities] for one
//     pairwise comparison matrix (eigenvector by [PowerIteration], row
//     geometric mean, λmax, CI, CR with an explicit [RITable];
//     [RandomIndex], [RITables]);
//     [Validate] and [FromUpper] for judgments; [Inconsistencies] for the
//     judgments to revisit and [Suggestions] for the changes on Saaty's
//     scale that lower CR the most; [Group] for several judges (AIJ and
//     AIP, exclusion by CR); [Harker], [Optimal] (λmax-optimal
//     completion), [Incomplete] and [LLSM] for incomplete matrices.
//   - Data-driven (DataDriven() == true, computed from Input.Data):
//     [Entropy], [CRITIC], [SD], [PCA].
//   - Benefit of the doubt: [BenefitOfDoubt] gives every unit its own
//     weights, so the indicator package uses it as an aggregation method;
//     [BoDSettings] bounds each indicator's share of a unit's score.
//   - Statistical coherence: [Coherence], [Correlation], [CronbachAlpha].
//
// Each analysis returns a result struct with its diagnostics
// ([AHPResult], [GroupResult], [HarkerResult], [OptimalResult], [EntropyResult],
// [CRITICResult], [PCAResult], [BudgetResult], [BoDResult],
// [CoherenceResult]); the caller decides what, for example, a high
// consistency ratio means (unless it sets a limit such as
// [AHPSettings].MaxCR).
//
// Hierarchical AHP is one AHP scheme per group of the indicator tree: each
// gives local weights, and the indicator package multiplies them down the
// tree into effective weights. With judges at each group this is
// hierarchical group AHP.
//
// # Conventions
//
// Data matrices have one row per unit (department, city, district) and one
// column per indicator, as in gonum; data-driven schemes expect the
// normalised scores with polarity applied (higher = better). A pairwise
// comparison matrix has a_ij = importance of criterion i over criterion j,
// a_ji = 1/a_ij and a_ii = 1; NaN (null in JSON) marks a missing judgment.
// A nil weights slice means equal weights. A nil matrix panics; a data
// matrix with too few units or no indicators is an error ([*DataError]).
// Errors from data (negative or
// NaN weights, inconsistent or non-reciprocal judgments, a constant
// column, a disconnected comparison graph) are returned, never panicked;
// they wrap the sentinels [ErrInvalidWeights], [ErrInvalidMatrix],
// [ErrInconsistent], [ErrDisconnected], [ErrRITable], [ErrNotConverged],
// [ErrInvalidData], [ErrInvalidSpec] and [ErrTooLarge] (a square matrix
// over [MaxCells] numbers: more than 11,585 indicators for CRITIC, PCA,
// alpha and coherence, or children for an AHP spec, checked before the
// matrix is allocated), and [*JudgmentError] and [*DataError] name the
// cell. Panics are reserved for programmer errors
// (mismatched lengths, a non-square matrix, an unknown enum value) and are
// documented on each function. Inputs are never modified.
//
// Results are deterministic and bit-identical on every architecture:
// products are rounded before they are added (float64(a*b) + c, so no
// fused multiply-add forms), logarithms and powers come from
// internal/detmath, eigenvectors come from the package's own power
// iteration and Jacobi method, and work split between goroutines never
// changes the order of any sum. [BenefitOfDoubt] solves its linear
// programmes with the package's own dense simplex (Bland's rule, rounded
// products), so its scores and weights are bit-identical too.
//
// That is why [PCA] has its own cyclic Jacobi eigen-decomposition and
// [BenefitOfDoubt] its own simplex instead of gonum's mat.EigenSym and
// optimize/convex/lp.Simplex, although the style otherwise reuses gonum:
// gonum's routines go through its BLAS and LAPACK kernels, which use
// assembly on some architectures, leave the compiler free to fuse a*b + c
// into one FMA on arm64 and others, and block their sums by size, so their
// last bits differ from one architecture to another, and a tie between two
// units' scores could then break differently on different machines. The
// package's versions are cross-checked against gonum in the tests
// (TestPCAMatchesGonum for eigenvalues and eigenvectors,
// TestSimplexMatchesGonum for optimal values), to within the tolerances
// those tests state.
//
// A column counts as constant when every value equals its first exactly
// (not when its computed standard deviation is 0: the mean of a column of
// 0.1 is not exactly 0.1, which leaves a spurious deviation of about
// 1e-17); constant columns get weight 0 in [Entropy], [CRITIC] and [SD]
// and are errors in [PCA] and [CronbachAlpha].
//
// All functions are safe for concurrent use.
//
// # References
//
//  1. Saaty, T. L. (1977). A scaling method for priorities in hierarchical
//     structures. Journal of Mathematical Psychology 15(3), 234–281.
//  2. Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
//  3. Saaty, T. L. (2005). Theory and Applications of the Analytic Network
//     Process. RWS Publications.
//  4. Donegan, H. A. & Dodd, F. J. (1991). A note on Saaty's random
//     indexes. Mathematical and Computer Modelling 15(10), 135–137.
//  5. Alonso, J. A. & Lamata, M. T. (2006). Consistency in the analytic
//     hierarchy process: a new approach. International Journal of
//     Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445–459.
//  6. Crawford, G. & Williams, C. (1985). A note on the analysis of
//     subjective judgment matrices. Journal of Mathematical Psychology
//     29(4), 387–405.
//  7. Aczél, J. & Saaty, T. L. (1983). Procedures for synthesizing ratio
//     judgements. Journal of Mathematical Psychology 27(1), 93–102;
//     Forman, E. & Peniwati, K. (1998). Aggregating individual judgments
//     and priorities with the analytic hierarchy process. European
//     Journal of Operational Research 108(1), 165–169.
//  8. Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
//     hierarchy process. Mathematical Modelling 9(11), 837–848.
//  9. Bozóki, S., Fülöp, J. & Rónyai, L. (2010). On optimal completion of
//     incomplete pairwise comparison matrices. Mathematical and Computer
//     Modelling 52, 318–333.
//  10. Diakoulaki, D., Mavrotas, G. & Papayannakos, L. (1995). Determining
//     objective weights in multiple criteria problems: the CRITIC method.
//     Computers & Operations Research 22(7), 763–770.
//  11. OECD/JRC (2008). Handbook on Constructing Composite Indicators:
//     Methodology and User Guide. OECD Publishing (PCA/factor weights 6.1,
//     benefit of the doubt 6.3, budget allocation 6.5, coherence 4).
//  12. Nicoletti, G., Scarpetta, S. & Boylaud, O. (2000). Summary
//     indicators of product market regulation with an extension to
//     employment protection legislation. OECD Economics Department
//     Working Paper 226.
//  13. Kaiser, H. F. (1958). The varimax criterion for analytic rotation in
//     factor analysis. Psychometrika 23(3), 187–200.
//  14. Melyn, W. & Moesen, W. (1991). Towards a synthetic indicator of
//     macroeconomic performance. KU Leuven Public Economics Research Paper
//     17; Cherchye, L., Moesen, W., Rogge, N. & Van Puyenbroeck, T. (2007).
//     An introduction to "benefit of the doubt" composite indicators.
//     Social Indicators Research 82, 111–145.
//  15. Cronbach, L. J. (1951). Coefficient alpha and the internal structure
//     of tests. Psychometrika 16(3), 297–334.
//  16. Becker, W., Benavente, D., Dominguez Torreiro, M., Moura, C. T.,
//     Neves, A. N., Saisana, M. & Vertesy, D. (2022). COINr: an R package
//     for developing composite indicators. Journal of Open Source Software
//     7(78), 4567.
package weighting
