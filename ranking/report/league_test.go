package report_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/ranking/report"
)

// TestLeagueChange checks the 上年排名 and 变化 cells of the league table
// on the small model (ranks U2 1, U1 2, U3 3; see smallData) with last
// year's ranks U2 1 (unchanged), U1 3 (up one) and none for U3. A
// Chinese or bilingual report writes the unchanged rank 持平 and U3's
// cells "—", and says under the table what "—" means there; an English
// report writes the unchanged rank 0 and U3's cells NA, with the note of
// score's English league table (cmd/ppgpa tNoLastRank: "NA: no rank last
// year, so no change can be given.").
func TestLeagueChange(t *testing.T) {
	t.Parallel()
	const (
		zh = "“—”表示上年无该单位排名，无法比较。"
		en = "NA: no rank last year, so no change can be given."
	)
	for _, tc := range []struct {
		lang      report.Lang
		rows      []string
		note, not string
	}{
		{report.Chinese, []string{"| 1 | U2 | 75.00 | 1 | 持平 |", "| 2 | U1 | 70.00 | 3 | ↑1 |", "| 3 | U3 | 0.00 | — | — |"}, zh, "NA"},
		{report.Bilingual, []string{"| 1 | U2 | 75.00 | 1 | 持平 |", "| 3 | U3 | 0.00 | — | — |"}, zh + "\n\n—: no rank last year", "NA"},
		{report.English, []string{"| 1 | U2 | 75.00 | 1 | 0 |", "| 2 | U1 | 70.00 | 3 | ↑1 |", "| 3 | U3 | 0.00 | NA | NA |"}, en, "–"},
	} {
		in := build(t, small, smallData, report.Settings{Replications: -1})
		in.Lang = tc.lang
		for i := range in.Units {
			switch in.Units[i].ID {
			case "U2":
				in.Units[i].LastRank = 1
			case "U1":
				in.Units[i].LastRank = 3
			}
		}
		var m bytes.Buffer
		if err := report.Write(&m, report.Markdown, in); err != nil {
			t.Fatal(err)
		}
		for _, r := range tc.rows {
			if !strings.Contains(m.String(), r) {
				t.Errorf("%v: no row %q in\n%s", tc.lang, r, m.String())
			}
		}
		if !strings.Contains(m.String(), tc.note) {
			t.Errorf("%v: no note %q in\n%s", tc.lang, tc.note, m.String())
		}
		if strings.Contains(m.String(), "| "+tc.not+" |") {
			t.Errorf("%v: a cell %q in\n%s", tc.lang, tc.not, m.String())
		}
	}
}

// TestLeagueNoRankNow checks the 上年排名 and 变化 cells of a unit ranked
// last year but not this year (its rank NaN, as Build leaves the units
// of a category graded but not ranked) on the small model: U3 was 2nd
// last year and has no rank now; U1 was 3rd (now 2nd, up one); U2 has
// no rank last year. As score's league table (cmd/ppgpa notComparable,
// tNoRankNow and tNoRankEither), U3's 上年排名 is 2 and its 变化 the mark
// of a missing comparison ("—" in Chinese and both languages, NA in
// English), never an empty cell, and the note under the table says why
// in score's words: 该单位本年不排名 alone, and with U2 "上年无该单位排名
// 或本年不排名". U3's card says it is not ranked this year, not that its
// rank is unchanged.
func TestLeagueNoRankNow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang report.Lang
		u2   bool // U2 has last year's rank 1
		rows []string
		note string
		card string
		not  []string
	}{
		{report.Chinese, true, []string{"| — | U3 | 0.00 | 2 | — |", "| 1 | U2 | 75.00 | 1 | 持平 |"},
			"“—”表示该单位本年不排名，无法比较。", "（上年第2名，本年不排名）", []string{"| 2 |  |", "上年第2名，名次不变"}},
		{report.Chinese, false, []string{"| — | U3 | 0.00 | 2 | — |", "| 1 | U2 | 75.00 | — | — |"},
			"“—”表示上年无该单位排名或本年不排名，无法比较。", "（上年第2名，本年不排名）", []string{"| 2 |  |", "上年第2名，名次不变"}},
		{report.English, true, []string{"| – | U3 | 0.00 | 2 | NA |"},
			"NA: not ranked this year, so no change can be given.", "(last year 2nd, not ranked this year)", []string{"| 2 |  |", "last year 2nd, no change"}},
		{report.English, false, []string{"| – | U3 | 0.00 | 2 | NA |", "| 1 | U2 | 75.00 | NA | NA |"},
			"NA: no rank last year or none this year, so no change can be given.", "(last year 2nd, not ranked this year)", []string{"| 2 |  |", "last year 2nd, no change"}},
		{report.Bilingual, true, []string{"| — | U3 | 0.00 | 2 | — |"},
			"“—”表示该单位本年不排名，无法比较。\n\n—: not ranked this year, so no change can be given.", "（上年第2名，本年不排名）", []string{"| 2 |  |", "上年第2名，名次不变"}},
	} {
		in := build(t, small, smallData, report.Settings{Replications: -1})
		in.Lang = tc.lang
		for i := range in.Units {
			switch in.Units[i].ID {
			case "U1":
				in.Units[i].LastRank = 3
			case "U2":
				if tc.u2 {
					in.Units[i].LastRank = 1
				}
			case "U3":
				in.Units[i].Rank = math.NaN()
				in.Units[i].LastRank = 2
			}
		}
		var m bytes.Buffer
		if err := report.Write(&m, report.Markdown, in); err != nil {
			t.Fatal(err)
		}
		out := m.String()
		for _, r := range append(tc.rows, tc.note, tc.card) {
			if !strings.Contains(out, r) {
				t.Errorf("%v (U2 ranked last year: %v): no %q in\n%s", tc.lang, tc.u2, r, out)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(out, s) {
				t.Errorf("%v (U2 ranked last year: %v): %q in\n%s", tc.lang, tc.u2, s, out)
			}
		}
	}
}

// TestCardNotRanked checks the heading of the card of a unit with no
// rank (its rank NaN, as Build leaves the units of a category graded but
// not ranked) on the small model: it says 不排名 ("not ranked") where a
// ranked unit's says 第2名 ("2nd"), after its category when it has one,
// and never shows the mark "–" as a rank.
func TestCardNotRanked(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang     report.Lang
		category string
		heading  string
	}{
		{report.Chinese, "", "### 不排名 U3，得分0.00分"},
		{report.Chinese, "开发区", "### 开发区（不排名） U3，得分0.00分"},
		{report.English, "", "### not ranked U3 — 0.00"},
		{report.English, "开发区", "### 开发区 (not ranked) U3 — 0.00"},
	} {
		in := build(t, small, smallData, report.Settings{Replications: -1})
		in.Lang = tc.lang
		for i := range in.Units {
			if in.Units[i].ID == "U3" {
				in.Units[i].Rank = math.NaN()
				in.Units[i].Category = tc.category
			}
		}
		var m bytes.Buffer
		if err := report.Write(&m, report.Markdown, in); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.String(), tc.heading) || strings.Contains(m.String(), "– U3") || strings.Contains(m.String(), "– of") {
			t.Errorf("%v %q: no heading %q in\n%s", tc.lang, tc.category, tc.heading, m.String())
		}
	}
}
