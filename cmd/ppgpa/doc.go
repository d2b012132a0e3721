// Command ppgpa is the command line of ppgpa: it validates assessment
// models, scores and ranks units, analyses AHP judgments, compares weighting
// schemes, shows a model's statistical coherence, plans a survey, weights
// survey respondents, estimates satisfaction per unit,
// analyses the uncertainty of a ranking (model choices, and confidence
// sets for ranks from standard errors), compares rankings, verifies a
// published ranking and writes a report, all from files.
//
// Usage:
//
//	ppgpa <command> [flags] [arguments]
//
// The commands are validate, score, ahp, weights, coherence, rake, calibrate, estimate,
// uncertainty, rank, verify, compare, report, plan, schema and version; "ppgpa <command> -h" describes
// each, with an example. Flags may come before or after the arguments.
// A file argument "-" reads standard input (at most one per command).
//
// The commands that can take longer than a second (score, weights,
// coherence and verify on tens of thousands of units; rank, uncertainty,
// report, rake, calibrate, estimate) show their progress on standard
// error: on a terminal a bar with the phase, the percentage, the elapsed
// time and the time left; otherwise (cron, CI, a log file) a plain line
// every five seconds, such as "ppgpa rank: bootstrap 42%, 12s elapsed,
// about 16s left". A phase whose share is not known (reading a file)
// shows its elapsed time only. -q turns it off. Ctrl-C stops a command with "interrupted" and
// exit status 1, leaving no output file.
//
// Exit status: 0 on success, 1 when a check fails (an invalid model, a
// published ranking that does not verify, a consistency ratio above -max-cr)
// or a computation or file cannot be done, 2 for a usage error. Errors go to
// standard error, one line each, naming the file and the line, column, JSON
// path or node they are about. Output is deterministic byte for byte: the
// same inputs and flags give the same bytes on every machine.
//
// Output files (-o, -diag, validate -emit) are written only when the
// command has succeeded, each to a temporary file in the directory of its
// destination that is renamed into place once every output has been
// written in full: a command that fails, or whose write fails (a full
// disk, a quota, "ulimit -f"), leaves every previous file as it was and
// creates none. A symbolic link is kept and its target replaced; the
// permissions of a replaced file are kept.
//
// Every count and size that allocates is bounded, and checked before
// anything of that size is allocated: an input file at 1 GiB (a regular
// file by its size before it is read, a pipe as it streams; an input whose
// first 4096 bytes are zero, such as /dev/zero, at once); a model at
// indicator.MaxNodes nodes; -n of rank, uncertainty and report, -sobol-n
// and -sobol-bootstrap at 10,000,000, rank -draws at 1,000,000, estimate
// -replicates at survey.MaxReplicates (100,000), plan -n at 2^53; and the
// arrays the analyses build from them (units × units, draws × units,
// respondents × replicates, respondents × calibration columns, indicators
// × indicators) at 2^27 numbers each (ranking.MaxCells, survey.MaxCells,
// weighting.MaxCells; the package documentation lists them). A count over
// its bound is an error naming it.
//
// # File formats
//
//   - MODEL: the JSON model format of package indicator ("ppgpa": 1); its
//     "ranking" member gives the tie rule, grades and veto grade, and may
//     name a category column whose categories are ranked and graded apart
//     (score prints one table per category), designations, a promotion
//     column, the placement of vetoed units, a base year and multi-year
//     rules (see indicator.RankingSpec and ranking.Classify). Every
//     member is described in docs/model-format.md (Chinese:
//     docs/model-format.zh.md); "ppgpa schema" prints its JSON Schema,
//     which a model file may name with "$schema" so that editors check
//     and complete it.
//   - Several years: score -year COLUMN reads DATA with a year column (one
//     row per unit and year), scores every year with the same model and
//     shows one year (-at, default the last) with last year's rank, grade
//     and change and the flags of the multi-year rules; score -previous
//     FILE takes last year from a result of score -format csv. When
//     min-max or z-scores are recomputed from each year's data, the output
//     says so and a one-line warning goes to standard error.
//   - DATA: a table with a header, one row per unit and one column per
//     indicator, read by package indicator/tabular: CSV in UTF-8, GBK/
//     GB18030 or UTF-16 (-encoding), an .xlsx workbook (-sheet) or JSON
//     records, detected by content; the header may sit below title rows
//     (-header-row); the unit column is found by its header (单位, 地区,
//     unit, id, ...; -unit names it); 序号 columns and empty rows are
//     ignored; a summary row (合计, 平均) is an error unless -skip-summary;
//     missing values are an empty cell and the tokens of -na (default NA,
//     /, —, 暂无, #N/A, #DIV/0!, ...); 96%, "1,234" and ９６ are numbers;
//     long data unit,indicator,value read as the same table. -attr names
//     text columns such as a province. Every other tabular input (the
//     respondents, margins, answers, estimates, judges' matrices and
//     published tables) is decoded the same way (its first sheet).
//   - Output: every command that writes CSV also writes an .xlsx workbook
//     (-format xlsx: one sheet, numbers as numbers rounded to Excel's 15
//     digits); CSV output neutralises cells that begin with =, +, -, @,
//     tab or CR and are not numbers (tabular.SafeCell).
//   - PUBLISHED (verify): CSV with a header row and one row per unit; the
//     columns unit (or id, 单位, 地区; otherwise the first column), score
//     (得分), rank (排名, 名次) and grade (等级) are found by name, any of the
//     last three may be absent, other columns are ignored.
//   - PUBLISHED files also serve as the rankings A and B of compare,
//     which ranks the scores when there is no rank column.
//   - ESTIMATES (rank): CSV with a header and the columns unit (or id,
//     单位, 地区; otherwise the first column), estimate (or score, 得分) and
//     se (标准误); a covariance file (-cov) is a square CSV matrix
//     with the unit ids as its header row and first column.
//   - Answer counts (rank -counts): CSV with a header, the unit ids in the
//     first column and one column per answer category; with a second
//     column named stratum (and optionally a third named share) each row
//     gives one stratum of a unit.
//   - Pairwise comparison matrices (ahp): square CSV of judgments, numbers or
//     fractions, with optional names in the first row and column; cells
//     below the diagonal may be left empty.
//   - Respondents (rake, calibrate, estimate): CSV with a header and the
//     respondent ids in the column "id" (or the first column); margins and totals as JSON
//     {"sex": {"男": 5200, "女": 4800}, "income": 5.2e7} or CSV
//     variable,level,total. ANSWERS (estimate, long form): one answer per
//     line, columns respondent, unit, answer and optionally item.
//   - STRATA (plan): CSV with a header and the columns stratum, N and
//     optionally sd.
//
// Each command's -h gives the details and an example.
package main
