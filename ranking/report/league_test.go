package report_test

import (
	"bytes"
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
