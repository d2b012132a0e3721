package report_test

import (
	"bytes"
	"context"
	"math"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// small is a two-indicator model with equal weights and min-max
// normalisation over the data: scores are (a' + b')/2 with
// a' = 100 (a - min a)/(max a - min a), likewise b'.
const small = `{"ppgpa": 1, "name": "小模型", "root": {"id": "total", "name": "总分", "children": [
  {"id": "a", "name": "指标甲", "column": "a", "weight": 1},
  {"id": "b", "name": "指标乙", "column": "b", "weight": 1}]}}`

// smallData gives a' = 100, 50, 0 and b' = 40, 100, 0, so the scores are
// U1 70, U2 75, U3 0 and the ranks U2 1, U1 2, U3 3.
const smallData = "unit,a,b\nU1,10,4\nU2,5,10\nU3,0,0\n"

func build(t *testing.T, model, data string, s report.Settings) *report.Input {
	t.Helper()
	return buildWith(t, model, data, indicator.CSVOptions{}, s)
}

// buildWith is build with the data read with the given options.
func buildWith(t *testing.T, model, data string, opt indicator.CSVOptions, s report.Settings) *report.Input {
	t.Helper()
	m, err := indicator.DecodeModel(strings.NewReader(model))
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(strings.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	in, err := report.Build(context.Background(), p, tab, s)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestBuildAnalysis checks the per-unit analysis against a hand
// derivation on the small model (see small and smallData; the default
// ties are average ranks).
func TestBuildAnalysis(t *testing.T) {
	t.Parallel()
	in := build(t, small, smallData, report.Settings{Replications: -1})
	if in.Uncertainty != nil {
		t.Errorf("Replications -1 gave an uncertainty analysis")
	}
	want := []report.Unit{
		// U2: a' = 50 equals the peers' median (100, 0) -> 50, neither;
		// b' = 100 > median(40, 0) = 20: a strength, place 1, 50 points.
		// Raw b 10 against the peers' median (4 + 0)/2 = 2: at b = 2 the
		// range is 0..4, b' = 50 and U2 scores 50, rank 2.
		{ID: "U2", Rank: 1, Score: 75, Parts: []float64{25, 50},
			Strengths: []report.Finding{{Indicator: 1, Raw: 10, PeerMedian: 2, Score: 100, PeerScore: 20, Points: 50, Place: 1, Of: 3, WhatIfScore: 50, WhatIfRank: 2}}},
		// U1: a' = 100 > median(50, 0) = 25, place 1; b' = 40 <
		// median(100, 0) = 50, place 2. Raising raw b from 4 to the
		// peers' median median(10, 0) = 5 gives b' = 50 and a score of
		// 75, tied with U2: average rank 1.5, half a place gained. At
		// a = 2.5 (the peers' median) the range of a is 0..5, so U1's
		// a' = 50 and it scores 45 (U2 100), rank 2.
		{ID: "U1", Rank: 2, Score: 70, Parts: []float64{50, 20},
			Strengths:   []report.Finding{{Indicator: 0, Raw: 10, PeerMedian: 2.5, Score: 100, PeerScore: 25, Points: 50, Place: 1, Of: 3, WhatIfScore: 45, WhatIfRank: 2}},
			Weaknesses:  []report.Finding{{Indicator: 1, Raw: 4, PeerMedian: 5, Score: 40, PeerScore: 50, Points: 20, Place: 2, Of: 3, WhatIfScore: 75, WhatIfRank: 1.5, WhatIfTied: true}},
			Improvement: &report.Improvement{Indicators: []int{1}, Score: 75, Rank: 1.5, Tied: true, Places: 0.5}},
		// U3: both below the peers' medians (75 and 70), place 3.
		// a := median(10, 5) = 7.5 gives a' = 10->100, 5->0, 7.5->50 and
		// U3 = 25, still last; b := median(4, 10) = 7 gives b' = 50 and
		// U3 = 25. Both at once: U1 = U2 = U3 = 50, all rank 2.
		{ID: "U3", Rank: 3, Score: 0, Parts: []float64{0, 0},
			Weaknesses: []report.Finding{
				{Indicator: 0, Raw: 0, PeerMedian: 7.5, Score: 0, PeerScore: 75, Points: 0, Place: 3, Of: 3, WhatIfScore: 25, WhatIfRank: 3},
				{Indicator: 1, Raw: 0, PeerMedian: 7, Score: 0, PeerScore: 70, Points: 0, Place: 3, Of: 3, WhatIfScore: 25, WhatIfRank: 3}},
			Improvement: &report.Improvement{Indicators: []int{0, 1}, Score: 50, Rank: 2, Tied: true, Places: 1}},
	}
	if diff := cmp.Diff(want, in.Units, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("Build units mismatch (-want +got):\n%s", diff)
	}
	wantInd := []report.Indicator{{ID: "a", Name: "指标甲", Path: "total/a", Weight: 0.5}, {ID: "b", Name: "指标乙", Path: "total/b", Weight: 0.5}}
	if diff := cmp.Diff(wantInd, in.Indicators); diff != "" {
		t.Errorf("Build indicators mismatch (-want +got):\n%s", diff)
	}
	if in.Title != "小模型" || !regexp.MustCompile(`^[0-9a-f]{64}（程序版本 [^，]+，模型 [0-9a-f]{16}，数据 [0-9a-f]{16}，设置 [0-9a-f]{16}）$`).MatchString(in.Fingerprint) || !cmp.Equal(in.Parts, []string{"指标甲", "指标乙"}) {
		t.Errorf("Build header: %q %q %q", in.Title, in.Fingerprint, in.Parts)
	}
}

// TestBuildUncertainty checks the rank intervals: they contain the
// nominal rank and are reproducible from the seed.
func TestBuildUncertainty(t *testing.T) {
	t.Parallel()
	s := report.Settings{Replications: 200, Seed: 3}
	a := build(t, small, smallData, s)
	b := build(t, small, smallData, s)
	if !cmp.Equal(a, b) {
		t.Errorf("two builds with the same seed differ")
	}
	if a.Uncertainty == nil || a.Uncertainty.Replications != 200 || a.Uncertainty.Level != 0.9 {
		t.Fatalf("uncertainty %+v", a.Uncertainty)
	}
	for _, u := range a.Units {
		iv := u.Interval
		if iv == nil || iv.Min > u.Rank || iv.Max < u.Rank || iv.Lo > iv.Hi || iv.Lo < iv.Min || iv.Hi > iv.Max {
			t.Errorf("%s: rank %v, interval %+v", u.ID, u.Rank, iv)
		}
	}
}

func TestDefaultFactors(t *testing.T) {
	t.Parallel()
	m, _ := indicator.DecodeModel(strings.NewReader(small))
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	got := report.DefaultFactors(p)
	want := []ranking.Factor{
		{Name: "weights level 1 ±25%", Kind: ranking.FactorWeights, Groups: []int{0}, Amount: 0.25},
		{Name: "exclude one indicator", Kind: ranking.FactorExclude},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DefaultFactors mismatch (-want +got):\n%s", diff)
	}
}

// TestWriteEscapes checks that names from data cannot inject markup.
func TestWriteEscapes(t *testing.T) {
	t.Parallel()
	in := &report.Input{
		Title:      `<script>alert("t")</script>`,
		Indicators: []report.Indicator{{ID: "x", Name: "a|b <i>"}},
		Units: []report.Unit{{ID: `<img src=x onerror=alert(1)>`, Rank: 1, Score: 1, Grade: "A|B",
			Strengths: []report.Finding{{Indicator: 0, Score: 1, PeerMedian: 0, Place: 1, Of: 2}}, Interval: &report.Interval{Lo: 1, Hi: 1, Median: 1, Min: 1, Max: 1}}},
		Uncertainty: &report.Uncertainty{Replications: 1, Level: 0.9},
	}
	var h, m bytes.Buffer
	if err := report.Write(&h, report.HTML, in); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<img", "<i>"} {
		if strings.Contains(h.String(), bad) {
			t.Errorf("HTML contains %q unescaped", bad)
		}
	}
	if err := report.Write(&m, report.Markdown, in); err != nil {
		t.Fatal(err)
	}
	// Outside the text chart's code block, where markup is inert.
	md := m.String()
	if i, j := strings.Index(md, "```text"), strings.LastIndex(md, "```"); i >= 0 && j > i {
		md = md[:i] + md[j:]
	}
	for _, bad := range []string{"<script>", "<img", "A|B", "a|b"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown contains %q unescaped", bad)
		}
	}
}

func TestWriteEmptyAndUnknown(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	for _, f := range []report.Format{report.HTML, report.Markdown} {
		if err := report.Write(&b, f, &report.Input{}); err != nil {
			t.Errorf("Write(%v) of an empty input: %v", f, err)
		}
	}
	if err := report.Write(&b, report.Format(7), &report.Input{}); err == nil {
		t.Errorf("Write with Format(7) did not fail")
	}
}

func TestFormatText(t *testing.T) {
	t.Parallel()
	for _, f := range []report.Format{report.HTML, report.Markdown} {
		b, err := f.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var g report.Format
		if err := g.UnmarshalText(b); err != nil || g != f {
			t.Errorf("round trip of %v: %v %v", f, g, err)
		}
	}
	var g report.Format
	if g.UnmarshalText([]byte("pdf")) == nil {
		t.Errorf("UnmarshalText(pdf) did not fail")
	}
	if _, err := report.Format(-1).MarshalText(); err == nil || report.Format(9).String() != "Format(9)" {
		t.Errorf("unknown formats are not reported")
	}
}

// TestHTMLSelfContained checks the properties the command line promises:
// UTF-8, lang="zh", a CJK font stack, no scripts and no external
// resources, and an SVG chart with one dot per unit.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	in := build(t, small, smallData, report.Settings{Replications: 100})
	var b bytes.Buffer
	if err := report.Write(&b, report.HTML, in); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{`<meta charset="utf-8">`, `<html lang="zh">`, `"Noto Sans CJK SC"`, "<svg", "小模型", "指标甲"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// The only script elements are the embedded model and data, which
	// are JSON, not code.
	h = strings.ReplaceAll(h, `<script type="application/json" id="ppgpa-`, "")
	for _, bad := range []string{"<script", "http://", "https://", "<link", "@import", "NaN"} {
		if strings.Contains(strings.ReplaceAll(h, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	if n := strings.Count(h, `class="nominal"`); n != 3 {
		t.Errorf("chart has %d dots, want 3", n)
	}
	if math.IsNaN(in.Units[0].Score) {
		t.Errorf("NaN score")
	}
}

// TestBuildIndependentOfGOMAXPROCS checks that the parallel per-unit
// analysis gives the same input on one core as on all.
func TestBuildIndependentOfGOMAXPROCS(t *testing.T) {
	s := report.Settings{Replications: 50, Seed: 9}
	all := build(t, small, smallData, s)
	prev := runtime.GOMAXPROCS(1)
	one := build(t, small, smallData, s)
	runtime.GOMAXPROCS(prev)
	if diff := cmp.Diff(all, one); diff != "" {
		t.Errorf("Build differs between GOMAXPROCS %d and 1 (-all +one):\n%s", prev, diff)
	}
}

// TestBuildRowOrder checks that the report does not depend on the order
// of the data's rows: under min-max, U1 (a' = 50, b' = 100) and U2 (100,
// 50) tie at 75, U3 (0, 50) has 25 and U4 (20, 0) 10; U1 and U2 are listed
// by id whichever row comes first.
func TestBuildRowOrder(t *testing.T) {
	t.Parallel()
	rows := []string{"U1,5,10\n", "U2,10,5\n", "U3,0,5\n", "U4,2,0\n"}
	perms := [][]int{{0, 1, 2, 3}, {1, 0, 3, 2}, {3, 2, 1, 0}, {2, 3, 0, 1}}
	var first *report.Input
	for _, p := range perms {
		data := "unit,a,b\n"
		for _, i := range p {
			data += rows[i]
		}
		in := build(t, small, data, report.Settings{Replications: 200, Seed: 3})
		if first == nil {
			first = in
			var ids []string
			for _, u := range in.Units {
				ids = append(ids, u.ID)
			}
			if got := strings.Join(ids, " "); got != "U1 U2 U3 U4" {
				t.Errorf("units in the order %s, want U1 U2 U3 U4 (U1 and U2 tie at 75)", got)
			}
			continue
		}
		// The fingerprint hashes the data as given, rows in their order
		// (ranking.Fingerprint), and the embedded data keeps that order,
		// so both are left out.
		if diff := cmp.Diff(first, in, cmpopts.IgnoreFields(report.Input{}, "Fingerprint", "Data")); diff != "" {
			t.Errorf("rows in the order %v change the report (-first +got):\n%s", p, diff)
		}
	}
}

// TestMarkdownEscapesEdgeCases checks the escapes that a plain replacement
// of | misses: a backslash before a bar, link brackets, entities, and bars
// and backticks in an indicator's path (a code span).
func TestMarkdownEscapesEdgeCases(t *testing.T) {
	t.Parallel()
	in := &report.Input{
		Title:       `a\|b [x](http://e) &lt;`,
		Description: "# not a heading",
		Indicators:  []report.Indicator{{ID: "x", Name: "n", Path: "g|h/`x`"}},
		Units:       []report.Unit{{ID: `u\`, Rank: 1, Score: 1}},
	}
	var m bytes.Buffer
	if err := report.Write(&m, report.Markdown, in); err != nil {
		t.Fatal(err)
	}
	md := m.String()
	for _, want := range []string{`# a\\\|b \[x\](http://e) &amp;lt;`, "> \\# not a heading", `| u\\ |`} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

// TestWriteNote checks that a unit's note marks its row of the league
// table after the veto and bottom flags, shows under its heading in the
// comments, is escaped in both formats, and that a unit without a note
// gets none.
func TestWriteNote(t *testing.T) {
	t.Parallel()
	in := &report.Input{
		Title: "t",
		Units: []report.Unit{
			{ID: "甲", Rank: 1, Score: 90},
			{ID: "乙", Rank: 2, Score: 10, BottomK: true, Note: `synthetic <b>x</b> | a_b`},
		},
	}
	var h, m bytes.Buffer
	if err := report.Write(&h, report.HTML, in); err != nil {
		t.Fatal(err)
	}
	if err := report.Write(&m, report.Markdown, in); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, out, row, card, bad string
	}{
		{"html", h.String(),
			`<td class="text">末位；synthetic &lt;b&gt;x&lt;/b&gt; | a_b</td></tr>`,
			`<p class="note">备注：synthetic &lt;b&gt;x&lt;/b&gt; | a_b</p>`, "<b>"},
		{"markdown", m.String(),
			`| 末位；synthetic &lt;b&gt;x&lt;/b&gt; \| a\_b |`,
			"备注：synthetic &lt;b&gt;x&lt;/b&gt; \\| a\\_b\n", "<b>"},
	} {
		if !strings.Contains(c.out, c.row) {
			t.Errorf("%s: league table row lacks %q:\n%s", c.name, c.row, c.out)
		}
		if !strings.Contains(c.out, c.card) {
			t.Errorf("%s: comments lack %q", c.name, c.card)
		}
		if strings.Contains(c.out, c.bad) {
			t.Errorf("%s: note not escaped", c.name)
		}
		if n := strings.Count(c.out, "备注："); n != 1 {
			t.Errorf("%s: %d notes in the comments, want 1 (the unit without a note has none)", c.name, n)
		}
	}
}

// TestBuildProgress: the explanations report n (K + 1) evaluations (3
// units of 2 indicators: 9), n K = 6 once every unit's what-if figures
// are done (by ranking.ExplainSettings.Progress, one unit at a time: 2,
// 4, 6 in some order), then one per unit's improvement (7, 8, 9), all
// before the Monte Carlo analysis reports its first block.
func TestBuildProgress(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var explain []int
	mcFirst := -1
	s := report.Settings{Replications: 100, Seed: 1,
		ExplainProgress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if total != 9 {
				t.Errorf("explanations: total %d, want 9", total)
			}
			explain = append(explain, done)
		},
		Progress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if mcFirst < 0 {
				mcFirst = len(explain)
			}
		}}
	build(t, small, smallData, s)
	slices.Sort(explain[:min(3, len(explain))])
	if !slices.Equal(explain, []int{2, 4, 6, 7, 8, 9}) || mcFirst != 6 {
		t.Errorf("explanations reported %v, the Monte Carlo analysis first after %d of them; want [2 4 6 7 8 9], 6", explain, mcFirst)
	}
}

// TestBuildImprovementVeto checks an improvement that lifts a veto on an
// indicator's score, derived by hand: a and b used as they are, weights
// 1 and 1, a veto when a is below 40, vetoed units last and graded 差.
// U1 (a = 30, b = 90) scores 60 but is vetoed: 4th after U2 (55), U3 (50)
// and U4 (45), graded 差. Its weakness is a (30 against the peers' median
// 70); at a = 70 it scores 80 and is no longer vetoed: 1st, 优 (a score
// of at least 70), three places gained.
func TestBuildImprovementVeto(t *testing.T) {
	t.Parallel()
	const model = `{"ppgpa": 1, "name": "否决", "root": {"id": "total", "normalization": {"method": "none"}, "children": [
  {"id": "a", "column": "a", "weight": 1, "veto": [{"op": "<", "threshold": 40}]},
  {"id": "b", "column": "b", "weight": 1}]},
  "ranking": {"ties": "min", "veto_placement": "last", "veto_grade": "差",
    "grades": [{"name": "优", "min_score": 70}, {"name": "良", "min_score": 50}, {"name": "差"}]}}`
	in := build(t, model, "unit,a,b\nU1,30,90\nU2,50,60\nU3,70,30\nU4,80,10\n", report.Settings{Replications: -1})
	for _, u := range in.Units {
		if u.ID != "U1" {
			continue
		}
		want := &report.Improvement{Indicators: []int{0}, Score: 80, Rank: 1, Grade: "优", Places: 3}
		if u.Rank != 4 || !cmp.Equal(u.Improvement, want) {
			t.Errorf("U1: rank %v, improvement %+v, want rank 4, %+v", u.Rank, u.Improvement, want)
		}
		return
	}
	t.Fatal("no unit U1")
}

// TestBuildUnevaluable checks a report whose what-ifs the model cannot
// all evaluate, derived by hand: categories a (codes 1, 2, 3 score 0,
// 50, 100) and min-max b = 5, 9, 7 (0, 100, 50) give U1 0, U2 75, U3 75.
// U1 is weak on both; its peers' median of a, 2.5, is no code, so its
// improvement sets b alone to the peers' median 8: b' = 50, 100, 0 and U1
// scores 25, still 3rd (U2 75, U3 50).
func TestBuildUnevaluable(t *testing.T) {
	t.Parallel()
	const model = `{"ppgpa": 1, "name": "类别", "root": {"id": "r", "children": [
  {"id": "a", "column": "a", "weight": 1, "normalization": {"method": "categories",
    "categories": [{"value": 1, "points": 0}, {"value": 2, "points": 50}, {"value": 3, "points": 100}]}},
  {"id": "b", "column": "b", "weight": 1}]}}`
	in := build(t, model, "unit,a,b\nU1,1,5\nU2,2,9\nU3,3,7\n", report.Settings{Replications: -1})
	for _, u := range in.Units {
		if u.ID != "U1" {
			continue
		}
		want := &report.Improvement{Indicators: []int{1}, Score: 25, Rank: 3}
		if !cmp.Equal(u.Improvement, want) {
			t.Errorf("U1: improvement %+v, want %+v", u.Improvement, want)
		}
		return
	}
	t.Fatal("no unit U1")
}

// TestBuildImprovementJointUnevaluable checks an improvement that the
// model cannot evaluate although each of its what-ifs can: a and b
// (min-max, 50 for a column without spread) weighted by their standard
// deviations ("sd"), U1 = 0, 0 and U2 = U3 = 1, 1. Setting a or b alone
// to the peers' median 1 leaves the other's spread (U1 scores 0, 3rd);
// setting both leaves no spread at all, so no weights: U1 has no
// improvement, and the report is still made.
func TestBuildImprovementJointUnevaluable(t *testing.T) {
	t.Parallel()
	const model = `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "sd"},
  "normalization": {"method": "minmax", "constant": 50}, "children": [
  {"id": "a", "column": "a", "weight": 1},
  {"id": "b", "column": "b", "weight": 1}]}}`
	in := build(t, model, "unit,a,b\nU1,0,0\nU2,1,1\nU3,1,1\n", report.Settings{Replications: -1, AllIndicators: true})
	for _, u := range in.Units {
		if u.ID != "U1" {
			continue
		}
		if len(u.Weaknesses) != 2 || u.Weaknesses[0].WhatIfScore != 0 || u.Weaknesses[0].WhatIfRank != 3 || u.Improvement != nil {
			t.Errorf("U1: weaknesses %+v, improvement %+v, want two (what-if 0, 3rd) and none", u.Weaknesses, u.Improvement)
		}
		return
	}
	t.Fatal("no unit U1")
}
