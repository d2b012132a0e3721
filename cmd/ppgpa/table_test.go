package main

import (
	"strings"
	"testing"
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
