package report

import (
	"fmt"
	"io"
)

// Format is the output format of [Write]. The zero value is HTML.
type Format int

const (
	// HTML is one self-contained page: inline styles and SVG, no scripts.
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
// and data; every slice of units is in rank order (best first).
type Input struct {
	// Title is the heading, usually the model's name; Description is shown
	// under it.
	Title, Description string
	// Fingerprint identifies the model and data (see ranking.Fingerprint).
	Fingerprint string
	// Parts names the top-level parts of the score (the root's children),
	// whose points Unit.Parts gives.
	Parts []string
	// Indicators are the leaves of the model, in tree order.
	Indicators []Indicator
	// Units are the assessed units, best rank first.
	Units []Unit
	// Uncertainty describes the rank-interval analysis; nil when there is
	// none (the chart is then left out).
	Uncertainty *Uncertainty
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
	// Weight is the effective (global) weight.
	Weight float64
	// LowerIsBetter reports the indicator's polarity.
	LowerIsBetter bool
}

// Label returns the name, or the id when there is no name.
func (in Indicator) Label() string {
	if in.Name != "" {
		return in.Name
	}
	return in.ID
}

// Unit is one assessed unit's results and analysis.
type Unit struct {
	ID    string
	Rank  float64
	Score float64
	Grade string
	// Vetoed reports a one-vote veto, for Veto (the reasons, may be empty).
	Vetoed bool
	Veto   string
	// BottomK reports a unit flagged among the last places.
	BottomK bool
	// Note is free text that marks the unit's row, e.g. "synthetic data";
	// it is shown in the league table's note column after the veto and
	// bottom flags, and under the unit's heading in the comments. [Build]
	// leaves it empty; a caller sets it. It is escaped for the format
	// written, like every other text of the report.
	Note string
	// Parts are the points contributed by each of Input.Parts.
	Parts []float64
	// Interval is the unit's rank interval; nil without uncertainty.
	Interval *Interval
	// Strengths and Weaknesses are the unit's best and worst indicators
	// against its peers (see the package documentation).
	Strengths, Weaknesses []Finding
	// Costs are the indicators that cost the unit the most places, most
	// first.
	Costs []Cost
	// Improvement is what raising every weak indicator to the peers'
	// median would give; nil when the unit has no weak indicator.
	Improvement *Improvement
}

// Interval is a unit's rank distribution under the uncertainty analysis.
type Interval struct {
	// Lo and Hi bound the central interval, Median is the median rank,
	// Min and Max the extremes (always containing the nominal rank).
	Lo, Hi, Median, Min, Max float64
}

// Finding is a unit's standing on one indicator.
type Finding struct {
	// Indicator indexes Input.Indicators.
	Indicator int
	// Score is the unit's normalised score; PeerMedian the median of its
	// peers' normalised scores.
	Score, PeerMedian float64
	// Place is the unit's place among all units on this indicator (1 =
	// best; ties share the best place), of Of units with a score.
	Place, Of int
}

// Cost is what one weak indicator costs a unit.
type Cost struct {
	// Indicator indexes Input.Indicators.
	Indicator int
	// Raw is the unit's raw value and Target the median of its peers'
	// raw values, to which it is raised.
	Raw, Target float64
	// Places is the number of places the unit would gain, Points the
	// score it would gain.
	Places, Points float64
}

// Improvement is the effect of raising every weak indicator of a unit to
// its peers' median at once.
type Improvement struct {
	// Indicators index Input.Indicators.
	Indicators []int
	// Score, Rank and Grade are the recomputed results; Places is the
	// number of places gained.
	Score, Rank float64
	Grade       string
	Places      float64
}

// Uncertainty describes the rank-interval analysis.
type Uncertainty struct {
	Replications int
	Seed         uint64
	// Level is the coverage of Interval.Lo..Hi, e.g. 0.9.
	Level float64
	// Factors names the model choices varied.
	Factors []string
	// MeanAbsShift is the mean absolute rank shift against the nominal
	// ranking, averaged over the replications.
	MeanAbsShift float64
}

// Write writes the report of in to w in format f. It returns the first
// error of w, and an error for an unknown format. in is not modified.
func Write(w io.Writer, f Format, in *Input) error {
	switch f {
	case HTML:
		return writeHTML(w, in)
	case Markdown:
		return writeMarkdown(w, in)
	}
	return fmt.Errorf("report: unknown Format %d", int(f))
}
