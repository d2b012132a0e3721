package report

import "testing"

// TestTableCell checks the mark of a cell with no figure: "—" in a
// Chinese or bilingual report (GB/T 15834's 一字线, as the command line's
// Chinese tables write it), "–" kept in English, other cells unchanged.
func TestTableCell(t *testing.T) {
	for _, tc := range []struct {
		ls   []Lang
		s    string
		want string
	}{
		{Chinese.langs(), "–", "—"},
		{Bilingual.langs(), "–", "—"},
		{English.langs(), "–", "–"},
		{Chinese.langs(), "1–2", "1–2"},
		{Chinese.langs(), "↑2", "↑2"},
	} {
		if got := tableCell(tc.ls, tc.s); got != tc.want {
			t.Errorf("tableCell(%v, %q) = %q, want %q", tc.ls, tc.s, got, tc.want)
		}
	}
}
