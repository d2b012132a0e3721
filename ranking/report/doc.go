// Package report publishes a ranking: it writes the assessment report of ppgpa, a self-contained
// HTML page or a Markdown document with the league table and grades, a
// chart of rank intervals, and comments and recommendations for every
// unit: its strengths and weaknesses against its peers, the indicators
// that cost it the most places, and what a realistic improvement would
// gain. The command line (ppgpa report) and the examples produce the same
// report through this package.
//
// # Overview
//
// [Build] evaluates a compiled model on a data table, ranks and grades the
// units as the model's ranking member says, runs a Monte Carlo analysis of
// the ranks ([ranking.MonteCarlo]) and computes the per-unit analysis into
// an [Input]. [Write] renders an Input in a [Format]: [HTML] (one file,
// no scripts, styles and the SVG chart inline, UTF-8, lang="zh" and a
// font stack with CJK fonts so that Chinese labels render) or [Markdown].
// An Input can also be filled in by hand, for results computed elsewhere.
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
//   - a weakness scores below the peers' median, weakest first likewise.
//
// The places an indicator costs a unit are counted by recomputing: the
// unit's raw value of that indicator is set to the median of its peers'
// raw values (the realistic target: what half of the peers already
// achieve), the whole model is evaluated again on the changed table
// (normalisation included, so that ranges taken from the data move as
// they would), and the unit's new rank is compared with its rank:
//
//	places(j) = rank - rank'(raw value of j := median of peers' values)
//
// The realistic improvement does the same for all weak indicators at once.
// Ranks follow the model's ranking options (ties, tolerance); vetoed units
// keep their veto. Everything is deterministic: the same model, data and
// settings give the same bytes.
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
//     [ranking.Fingerprint] of that model and table.
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
