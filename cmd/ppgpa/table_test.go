package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/ranking/report"
)

func TestWidth(t *testing.T) {
	t.Parallel()
	cases := []struct {
		s    string
		want int
		why  string
	}{
		{"abc", 3, "ASCII"},
		{"中文", 4, "CJK ideographs are wide (UAX #11 W)"},
		{"区县（示例）", 12, "fullwidth parentheses are F"},
		{"Ａ", 2, "fullwidth Latin is F"},
		{"ｱ", 1, "halfwidth katakana is H"},
		{"e\u0301", 1, "a combining mark takes no column"},
		{"😀", 2, "emoji presentation is W"},
		{"├─ ", 3, "box drawing is ambiguous, narrow outside CJK locales"},
		{"λmax ≤", 6, "Greek and math symbols are narrow"},
		{"한국", 4, "Hangul syllables are W"},
		{"\t", 0, "control characters take no column"},
	}
	for _, c := range cases {
		if got := width(c.s); got != c.want {
			t.Errorf("width(%q) = %d, want %d (%s)", c.s, got, c.want, c.why)
		}
	}
}

// TestTableAligns checks that every line of a table with Chinese text
// has its columns at the same display positions.
func TestTableAligns(t *testing.T) {
	t.Parallel()
	tb := newTable("rank", "unit", "score").right(0, 2)
	tb.add("1", "高新区", "93.50")
	tb.add("10", "Riverside", "7.25")
	tb.add("2", "临河县（试点）", "100.00")
	var b strings.Builder
	tb.write(&b)
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	for _, l := range lines {
		if width(l) != width(lines[0]) {
			t.Errorf("line %q is %d columns wide, the header %d:\n%s", l, width(l), width(lines[0]), b.String())
		}
	}
	var md strings.Builder
	tb.markdown(&md)
	if !strings.Contains(md.String(), "| 2 | 临河县（试点） | 100.00 |") || !strings.Contains(md.String(), "|---:|---|---:|") {
		t.Errorf("markdown:\n%s", md.String())
	}
}

// TestTableMissingMark checks the mark of a missing figure: a number
// column's "NA" is "—" in a Chinese table (and in both languages), with a
// note under it that says why; a text column's "NA" (a unit's id) is
// kept; English keeps "NA" without a note.
func TestTableMissingMark(t *testing.T) {
	t.Parallel()
	why := report.Text{ZH: "无法计算", EN: "cannot be computed"}
	build := func(l report.Lang) *textTable {
		tb := newTable("unit", "se", "deff").right(1, 2).in(l)
		tb.add("NA", "0.25", "NA")
		tb.add("高新区", "NA", "1.50")
		return tb
	}
	for _, tc := range []struct {
		lang       report.Lang
		text, note string
	}{
		{report.Chinese, "NA      0.25     —\n高新区     —  1.50\n", "注：“—”表示无法计算。\n"},
		{report.Bilingual, "NA      0.25     —\n高新区     —  1.50\n", "注：“—”表示无法计算。\n—: cannot be computed.\n"},
		{report.English, "NA      0.25    NA\n高新区    NA  1.50\n", ""},
	} {
		var b strings.Builder
		tb := build(tc.lang)
		tb.write(&b)
		missingNote(&b, tc.lang, tb, why)
		rows := b.String()[strings.Index(b.String(), "\nNA")+1:]
		if rows != tc.text+tc.note {
			t.Errorf("%v: rows\n%s\nwant\n%s%s", tc.lang, rows, tc.text, tc.note)
		}
		var md strings.Builder
		tb = build(tc.lang)
		tb.markdown(&md)
		missingNote(&md, tc.lang, tb, why)
		mark := missingMark(tc.lang)
		want := "| NA | 0.25 | " + mark + " |\n| 高新区 | " + mark + " | 1.50 |\n"
		if tc.note != "" {
			want += "\n" + tc.note // a blank line: else the note is a row
		}
		if !strings.HasSuffix(md.String(), want) {
			t.Errorf("%v: markdown\n%s\nwant it to end with\n%s", tc.lang, md.String(), want)
		}
	}
}

// TestChangeCellUnchanged checks that a league table's unchanged rank is
// 持平 in Chinese and in both languages, so that "—" keeps the one meaning
// of Chinese tables, no figure (here: no change can be given, with its
// note), and "0" in English; a rise and a fall keep their sign; no change
// is "NA", which the Chinese table shows as "—".
func TestChangeCellUnchanged(t *testing.T) {
	for _, tc := range []struct {
		l    report.Lang
		x    float64
		want string
	}{
		{report.Chinese, 0, "持平"}, {report.Bilingual, 0, "持平"}, {report.English, 0, "0"},
		{report.Chinese, 2, "+2"}, {report.Chinese, -1, "-1"}, {report.Chinese, math.NaN(), "NA"}, {report.English, math.NaN(), "NA"},
	} {
		if got := changeCell(tc.l, tc.x); got != tc.want {
			t.Errorf("changeCell(%v, %v) = %q, want %q", tc.l, tc.x, got, tc.want)
		}
	}
}

// TestLeagueChangeNote scores against a previous year in which 丁区 has
// no rank (its rank written NA in a copy of testdata/previous_2023.csv):
// the Chinese league table shows "—" in its 上年排名 and 变化 cells and
// says under the table what "—" means there, in words an official signs;
// English shows NA with the English note, both languages the Chinese
// cells with both notes; the table and the Markdown alike. With every
// unit ranked the year before (previous_2023.csv itself), no note.
func TestLeagueChangeNote(t *testing.T) {
	t.Chdir("testdata")
	prev, err := os.ReadFile("previous_2023.csv")
	if err != nil {
		t.Fatal(err)
	}
	const row = "丁区,4,良好,"
	if !strings.Contains(string(prev), "\n"+row) {
		t.Fatalf("previous_2023.csv has no line %q...", row)
	}
	noRank := filepath.Join(t.TempDir(), "previous.csv")
	if err := os.WriteFile(noRank, []byte(strings.Replace(string(prev), "\n"+row, "\n丁区,NA,良好,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	const zh = "注：“—”表示上年无该单位排名，无法比较。"
	const en = "NA: no rank last year, so no change can be given."
	for _, tc := range []struct {
		args      []string
		row, note []string // a fragment of 丁区's row; the note's lines
	}{
		{[]string{"-lang", "zh"}, []string{"10.83         —     —  良好"}, []string{zh}},
		{[]string{"-lang", "en"}, []string{"10.83         NA      NA  良好"}, []string{en}},
		{[]string{"-lang", "both"}, []string{"—              —  良好"}, []string{zh, en}},
		{[]string{"-format", "markdown"}, []string{"| 10.83 | — | — | 良好 |"}, []string{"", zh}},
	} {
		got := runPPGPA(t, "", append(append([]string{"score"}, tc.args...), "-previous", noRank, "model_years.json", "data_2024.csv")...)
		if got.code != 0 {
			t.Fatalf("%v: %s", tc.args, got.stderr)
		}
		for _, r := range tc.row {
			if !strings.Contains(got.stdout, r) {
				t.Errorf("%v: no %q in\n%s", tc.args, r, got.stdout)
			}
		}
		if note := strings.Join(tc.note, "\n") + "\n"; strings.Count(got.stdout, note) != 1 {
			t.Errorf("%v: want the note once, after the table:\n%s\nin\n%s", tc.args, note, got.stdout)
		}
		ranked := runPPGPA(t, "", append(append([]string{"score"}, tc.args...), "-previous", "previous_2023.csv", "model_years.json", "data_2024.csv")...)
		if strings.Contains(ranked.stdout, "注：") || strings.Contains(ranked.stdout, "NA:") {
			t.Errorf("%v: a note with every unit ranked last year:\n%s", tc.args, ranked.stdout)
		}
	}
}

// TestNotComparableNote checks the reason of the note for each way a
// change cannot be given: no rank last year, none this year, or both.
func TestNotComparableNote(t *testing.T) {
	for _, tc := range []struct {
		nc   notComparable
		want string
	}{
		{notComparable{}, ""},
		{notComparable{noLast: true}, "注：“—”表示上年无该单位排名，无法比较。\n"},
		{notComparable{noRank: true}, "注：“—”表示该单位本年不排名，无法比较。\n"},
		{notComparable{noLast: true, noRank: true}, "注：“—”表示上年无该单位排名或本年不排名，无法比较。\n"},
	} {
		var b strings.Builder
		tc.nc.note(&b, report.Chinese, false)
		if b.String() != tc.want {
			t.Errorf("%+v: %q, want %q", tc.nc, b.String(), tc.want)
		}
	}
}
