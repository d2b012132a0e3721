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
// report keeps "–", an empty change and no such note.
func TestLeagueChange(t *testing.T) {
	t.Parallel()
	const note = "“—”表示上年无该单位排名，无法比较。"
	for _, tc := range []struct {
		lang report.Lang
		rows []string
		note bool
	}{
		{report.Chinese, []string{"| 1 | U2 | 75.00 | 1 | 持平 |", "| 2 | U1 | 70.00 | 3 | ↑1 |", "| 3 | U3 | 0.00 | — | — |"}, true},
		{report.Bilingual, []string{"| 1 | U2 | 75.00 | 1 | 持平 |", "| 3 | U3 | 0.00 | — | — |"}, true},
		{report.English, []string{"| 1 | U2 | 75.00 | 1 | – |", "| 3 | U3 | 0.00 | – |  |"}, false},
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
		if got := strings.Contains(m.String(), note); got != tc.note {
			t.Errorf("%v: note %q written %v, want %v", tc.lang, note, got, tc.note)
		}
	}
}
