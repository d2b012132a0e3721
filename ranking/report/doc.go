// Package report publishes a ranking: it writes the assessment report of
// ppgpa, a self-contained HTML page (ready to print on A4 and to read on a
// phone) or a Markdown document, in Chinese by default, with the league
// table and grades, a chart of rank intervals, comments and
// recommendations for every unit, the methods, and the model and data
// for download with their fingerprint. The command line (ppgpa report)
// and the examples produce the same report through this package.
//
// # Overview
//
// [Build] evaluates a compiled model on a data table, ranks and grades the
// units as the model's ranking member says, runs a Monte Carlo analysis of
// the ranks ([ranking.MonteCarlo]), explains every unit
// ([ranking.Explain]) and describes the model's methods, into an [Input].
// The caller adds what the model does not know: Input.Issuer, Period and
// Published; assessors' comments ([ReadComments], [Input.AddComments]);
// residents' comment counts ([ReadCounts], [Input.AddCounts]); last year's
// results ([ReadLastYear], [Input.SetLastYear]); survey estimates
// (Unit.Estimate), rank confidence sets (Unit.RankSet) and Sobol indices
// (Uncertainty.Sobol). [Write] renders an Input in a [Format]: [HTML]
// (one file: styles and the SVG chart inline, no code, no external
// resources; an A4 @page with the title at the top and page numbers at
// the bottom; cards and the chart are not split across pages; tables
// scroll inside their box on a narrow screen) or [Markdown]. An Input can
// also be filled in by hand, for results computed elsewhere.
//
// # Language
//
// Input.Lang chooses [Chinese] (the default), [English] or [Bilingual]
// (every heading and sentence in Chinese, then in English). Every sentence
// comes from a template per language; ranks are written "第3名" and
// "并列第3名" ("3rd", "tied 3rd"), dates "2026年1月15日" ("15 January
// 2026"), raw values with their unit of measure (the model node's "unit"
// member). Names, grades and notes from the data are shown as given.
//
// # Conventions
//
// A unit's peers are the other units of the table. For each indicator
// (leaf of the model) the unit's normalised score is compared with the
// median of its peers' normalised scores:
//
//   - a strength is an indicator on which the unit scores above the peers'
//     median, strongest first by its place among all units (1 = best), then
//     by effective weight;
//   - a weakness scores below the peers' median, weakest first likewise;
//   - indicators with no spread or only two distinct values (yes/no) are
//     not named unless Settings.AllIndicators is set.
//
// For each weakness the report says what the unit would score, and its
// rank, if its raw value were the median of its peers' raw values (the
// realistic target: what half of the peers already achieve), "raised" or,
// for a lower-is-better indicator, "lowered" (降至) to it. The whole model
// is evaluated again on the changed table (normalisation included, so
// that ranges taken from the data move as they would). The realistic
// improvement does the same for all weak indicators at once. Ranks follow
// the model's ranking options (ties, tolerance); vetoed units keep their
// veto. Everything is deterministic: the same model, data and settings
// give the same bytes.
//
// The rank intervals follow the JRC's uncertainty analysis of composite
// indicators [1, 2]: the model choices (weights, the indicator set) are
// varied at random and the ranks summarised per unit.
//
// # Embedded model and data
//
// The HTML report carries what it was computed from, so that anyone can
// download it and check the fingerprint:
//
//   - <script type="application/json" id="ppgpa-model"> holds the model
//     in the canonical JSON form of [indicator.Model.Encode];
//   - <script type="application/json" id="ppgpa-data"> holds an
//     [EmbeddedData] object: the table as CSV and the names of its text
//     columns, to pass to [indicator.ReadCSV];
//   - the element with id "ppgpa-fingerprint" shows the fingerprint,
//     [ranking.Fingerprint] of that model and table, with its parts as
//     [ranking.FingerprintParts.Chinese] writes them (in an English
//     report, [ranking.FingerprintParts.String]).
//
// `ppgpa verify REPORT.html` reads all three and the league table of the
// published.csv link, recomputes, and says whether the page agrees with
// itself.
//
// In both script elements <, > and & are written as \u003c, \u003e and
// \u0026, which JSON reads as the same characters, so the text between
// the tags is the JSON document as is. The page also links both as
// data: URLs for download.
//
// All functions are safe for concurrent use.
//
// # References
//
// [1] OECD and JRC (2008), Handbook on Constructing Composite Indicators:
// Methodology and User Guide, OECD Publishing, section 7.
//
// [2] M. Saisana, A. Saltelli and S. Tarantola (2005), Uncertainty and
// sensitivity analysis techniques as tools for the quality assessment of
// composite indicators, JRSS A 168, 307-323.
package report
