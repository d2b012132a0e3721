package report

import (
	"fmt"
	"io"
)

// Format is the output format of [Write]. The zero value is HTML.
type Format int

const (
	// HTML is one self-contained page: inline styles and SVG, the model
	// and data embedded as JSON, no code.
	HTML Format = iota
	// Markdown is GitHub-flavoured Markdown; the chart is drawn as text.
	Markdown
)

var formatNames = []string{"html", "markdown"}

// String returns "html" or "markdown".
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// MarshalText returns the lowercase name of f; it fails for an unknown
// format.
func (f Format) MarshalText() ([]byte, error) {
	if f < 0 || int(f) >= len(formatNames) {
		return nil, fmt.Errorf("report: unknown Format %d", int(f))
	}
	return []byte(f.String()), nil
}

// UnmarshalText parses "html" or "markdown" (also "md").
func (f *Format) UnmarshalText(b []byte) error {
	switch string(b) {
	case "html":
		*f = HTML
	case "markdown", "md":
		*f = Markdown
	default:
		return fmt.Errorf("report: unknown format %q (want html or markdown)", b)
	}
	return nil
}

// Input is everything a report shows. [Build] fills it in from a model
// and data; the caller adds what the model does not know (issuer, period,
// date, last year's results, comments, survey figures). Every slice of
// units is in rank order (best first). Every text is escaped for the
// format written.
type Input struct {
	// Lang is the language of the report (Chinese by default).
	Lang Lang
	// Title is the heading, usually the model's name; Description is shown
	// under it.
	Title, Description string
	// Issuer is the body that publishes the report, Period the period
	// assessed (e.g. "2025年度"), Published the date of publication
	// (YYYY-MM-DD is written in the language's form; other text as is).
	// Empty ones are left out.
	Issuer, Period, Published string
	// Fingerprint identifies the model and data (see ranking.Fingerprint);
	// Build writes it with its parts, labelled in Chinese
	// (ranking.FingerprintParts.Chinese) unless the report is in English
	// (ranking.FingerprintParts.String), which ppgpa verify REPORT.html
	// reads back to say which part differs.
	Fingerprint string
	// Parts names the top-level parts of the score (the root's children),
	// whose points Unit.Parts gives.
	Parts []string
	// Indicators are the leaves of the model, in tree order.
	Indicators []Indicator
	// Methods describes the model for the methods section; nil leaves the
	// section out.
	Methods *Methods
	// Units are the assessed units, best rank first; with Categories,
	// table by table.
	Units []Unit
	// Categories are the labels of the league tables, in order, when the
	// model ranks categories apart (Unit.Category names each unit's); nil
	// for one table of all units.
	Categories []string
	// EmptyCategories are the labels of the league tables with no units
	// (a category of the model with none in this year's data); the
	// methods section says so.
	EmptyCategories []string
	// Uncertainty describes the rank-interval analysis; nil when there is
	// none (the chart is then left out).
	Uncertainty *Uncertainty
	// Comparison gives the units' ranks under other methods (see
	// [Comparison]); nil leaves the section out.
	Comparison *Comparison
	// Estimate names the survey estimate of Unit.Estimate (e.g. "群众满意度")
	// and Level is the coverage of its intervals (e.g. 0.95); RankSetLevel
	// is the coverage of Unit.RankSet.
	Estimate                    string
	EstimateLevel, RankSetLevel float64
	// Model is the model in the canonical JSON form of
	// [indicator.Model.Encode]; Data is the data table as CSV
	// ([indicator.Table.WriteCSV]) and DataAttributes names its text
	// columns. The HTML report embeds both, for download and for checking
	// the fingerprint (see the package documentation); empty ones are
	// left out. [Build] fills them in.
	Model, Data    []byte
	DataAttributes []string
}

// Indicator is one leaf of the model.
type Indicator struct {
	ID, Name, Path string
	// Unit is the unit of measure of the raw values (e.g. "%", "天"),
	// Source where they come from, Description what they measure (the
	// model node's unit, source and description members).
	Unit, Source, Description string
	// Weight is the effective (global) weight.
	Weight float64
	// LowerIsBetter reports the indicator's polarity.
	LowerIsBetter bool
	// Decimals is the number of decimals the prose writes the raw values
	// and medians with: those of the data (at most 2; [Build] counts
	// them), more for a median that needs them.
	Decimals int
	// Labels reports an indicator read from a text column of category
	// labels: a finding names the unit's label and the one most common
	// among its peers (Finding.Label, PeerMode), not numbers.
	Labels bool
}

// Label returns the name, or the id when there is no name.
func (in Indicator) Label() string {
	if in.Name != "" {
		return in.Name
	}
	return in.ID
}

// Methods describes how the score is computed, for the methods section.
// [Build] fills it in from the model.
type Methods struct {
	// Levels is the depth of the tree below the root.
	Levels int
	// Normalizations, Aggregations, Weightings and Imputations list the
	// methods used (their names in the model format, e.g. "minmax",
	// "arithmetic", "ahp", "mean"), each once, in tree order.
	Normalizations, Aggregations, Weightings, Imputations []string
	// Ties is the tie method of the ranking ("min", "average", ...).
	Ties string
	// Grades lists the grades, best first, with their score cutoff (NaN
	// for none).
	Grades []GradeInfo
	// Survey describes the residents' survey, when there is one (the
	// caller fills it in): Design in words and Respondents the number of
	// valid responses (0 when unknown).
	Survey      string
	Respondents int
	// VetoLast reports that vetoed units rank after every other unit
	// (the ranking section's veto_placement "last").
	VetoLast bool
	// Coherence is the statistical coherence of the model (see
	// Settings.Coherence); nil leaves it out.
	Coherence *Coherence
}

// Coherence is the statistical coherence of a model for the methods
// section: per group, how well its children measure one thing.
type Coherence struct {
	// Method is the correlation coefficient ("pearson", "spearman",
	// "kendall"); Redundant and Negative the thresholds of the flags.
	Method              string
	Redundant, Negative float64
	// Groups are the groups of two or more children, in tree order.
	Groups []GroupCoherence
}

// GroupCoherence is one group's coherence: the number of its children,
// Cronbach's alpha of their scores (NaN when it cannot be computed), the
// correlation of the group's score with the index, and the flagged pairs
// of children.
type GroupCoherence struct {
	Name             string
	Children         int
	Alpha, WithIndex float64
	Flags            []CoherenceFlag
}

// CoherenceFlag is a pair of children of one group whose correlation R is
// above the redundancy threshold, or (Negative) below minus the negative
// threshold.
type CoherenceFlag struct {
	A, B     string
	R        float64
	Negative bool
}

// GradeInfo is one grade of the methods section: its name, score cutoff
// and quota (the largest share of units), NaN when it has none.
type GradeInfo struct {
	Name               string
	MinScore, MaxShare float64
}

// Unit is one assessed unit's results and analysis.
type Unit struct {
	ID    string
	Rank  float64
	Score float64
	// Tied reports that another unit has the same rank.
	Tied  bool
	Grade string
	// Vetoed reports a one-vote veto, for Veto (the reasons, may be empty).
	Vetoed bool
	Veto   string
	// BottomK reports a unit flagged among the last places.
	BottomK bool
	// Category is the label of the unit's league table (one of
	// Input.Categories; "" for one table of all units).
	Category string
	// Promoted reports a unit promoted one grade by the model's
	// promotion rule; Designations are its designations (e.g. "先进单位"),
	// in the model's order.
	Promoted     bool
	Designations []string
	// Note is free text that marks the unit's row, e.g. "synthetic data";
	// it is shown in the league table's note column after the veto and
	// bottom flags, and under the unit's heading in the comments. [Build]
	// leaves it empty; a caller sets it.
	Note string
	// Parts are the points contributed by each of Input.Parts.
	Parts []float64
	// LastRank and LastScore are last year's rank and score; LastRank 0
	// (as [Build] leaves it) when unknown, LastScore NaN when only the
	// rank is known. [Input.SetLastYear] fills them in.
	LastRank, LastScore float64
	// Interval is the unit's rank interval; nil without uncertainty.
	Interval *Interval
	// RankSet is the confidence set of the unit's rank (e.g. from
	// ranking.RankConfidence); nil when not given.
	RankSet *RankSet
	// Estimate is the unit's survey estimate with its interval; nil when
	// not given.
	Estimate *Estimate
	// Strengths and Weaknesses are the unit's best and worst indicators
	// against its peers (see the package documentation).
	Strengths, Weaknesses []Finding
	// Improvement is what raising every weak indicator to the peers'
	// median would give; nil when the unit has no weak indicator.
	Improvement *Improvement
	// Comments are the assessors' comments and recommendations
	// ([Input.AddComments]); Residents counts the residents' comments by
	// category ([Input.AddResidentCounts]).
	Comments  []Comment
	Residents []Count
}

// Interval is a unit's rank distribution under the uncertainty analysis.
type Interval struct {
	// Lo and Hi bound the central interval, Median is the median rank,
	// Min and Max the extremes (always containing the nominal rank).
	Lo, Hi, Median, Min, Max float64
}

// RankSet is a confidence set for a unit's rank: the places Lo to Hi.
type RankSet struct{ Lo, Hi int }

// Estimate is a survey estimate with its confidence interval.
type Estimate struct{ Value, Lo, Hi float64 }

// Finding is a unit's standing on one indicator, with what reaching the
// peers' median would give (see ranking.Cell, of which it is a copy).
type Finding struct {
	// Indicator indexes Input.Indicators.
	Indicator int
	// Raw is the unit's raw value (Imputed: missing and imputed) and
	// PeerMedian the median of its peers' raw values.
	Raw, PeerMedian float64
	Imputed         bool
	// Label is the unit's label and PeerMode the label most common among
	// its peers ("" when there is no one such label), for an indicator of
	// labels (Indicator.Labels).
	Label, PeerMode string
	// Score is the unit's normalised score, PeerScore the median of its
	// peers' normalised scores, Points what the indicator adds to the
	// unit's final score.
	Score, PeerScore, Points float64
	// Place is the unit's place among all units on this indicator (1 =
	// best; ties share the best place, Tied), of Of units with a score.
	Place, Of int
	Tied      bool
	// WhatIfScore and WhatIfRank are the unit's score and rank with its
	// raw value set to PeerMedian (NaN when not computed); WhatIfTied
	// reports a shared rank.
	WhatIfScore, WhatIfRank float64
	WhatIfTied              bool
}

// Improvement is the effect of raising every weak indicator of a unit to
// its peers' median at once.
type Improvement struct {
	// Indicators index Input.Indicators.
	Indicators []int
	// Score, Rank and Grade are the recomputed results; Tied reports a
	// shared rank; Places is the number of places gained.
	Score, Rank float64
	Tied        bool
	Grade       string
	Places      float64
}

// Uncertainty describes the rank-interval analysis.
type Uncertainty struct {
	// Sources says what the intervals reflect: the model's choices, the
	// survey's sampling, or both.
	Sources      Sources
	Replications int
	Seed         uint64
	// Level is the coverage of Interval.Lo..Hi, e.g. 0.9.
	Level float64
	// Factors names the model choices varied.
	Factors []string
	// MeanAbsShift is the mean absolute rank shift against the nominal
	// ranking, averaged over the replications.
	MeanAbsShift float64
	// Sobol gives the Sobol indices of the factors on the mean absolute
	// rank shift, when computed (ranking.Sobol); nil otherwise.
	Sobol []SobolIndex
}

// Sources is what a rank interval reflects. The zero value is
// ModelChoices.
type Sources int

const (
	// ModelChoices: weights, the indicator set and other choices varied.
	ModelChoices Sources = iota
	// Sampling: the survey's sampling error (resampled respondents).
	Sampling
	// Combined: both at once.
	Combined
)

// SobolIndex is the first-order and total Sobol index of one factor.
type SobolIndex struct {
	Factor       string
	First, Total float64
}

// Write writes the report of in to w in format f, in the language
// in.Lang. It returns the first error of w, and an error for an unknown
// format or language. in is not modified.
func Write(w io.Writer, f Format, in *Input) error {
	if in.Lang < 0 || int(in.Lang) >= len(langNames) {
		return fmt.Errorf("report: unknown Lang %d", int(in.Lang))
	}
	switch f {
	case HTML:
		return writeHTML(w, in)
	case Markdown:
		return writeMarkdown(w, in)
	}
	return fmt.Errorf("report: unknown Format %d", int(f))
}
