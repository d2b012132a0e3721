package main

import (
	"bytes"
	"io"
	"strings"
	"unicode"

	"github.com/ppgpa/ppgpa/ranking/report"
)

// wideRanges are the East Asian Wide (W) and Fullwidth (F) code points of
// Unicode's EastAsianWidth.txt (UAX #11), merged into ranges: terminals
// draw them two columns wide.
var wideRanges = [...][2]rune{
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
	{0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19},
	{0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
	{0x17000, 0x18CFF}, {0x1AFF0, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
	{0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
	{0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
}

// runeWidth returns the number of terminal columns r takes: 2 for East
// Asian wide and fullwidth characters, 0 for combining marks, zero-width
// and control characters, 1 otherwise (ambiguous-width characters such as
// box-drawing lines count as narrow, as in every non-CJK locale).
func runeWidth(r rune) int {
	switch {
	case r < 0x20 || r == 0x7F:
		return 0
	case r < 0x300:
		return 1
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
		return 0
	case unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	}
	lo, hi := 0, len(wideRanges)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case r < wideRanges[m][0]:
			hi = m
		case r > wideRanges[m][1]:
			lo = m + 1
		default:
			return 2
		}
	}
	return 1
}

// width returns the terminal width of s.
func width(s string) int {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] < 0x7f
	}
	if ascii {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// align says how a column is aligned.
type align int

const (
	left align = iota
	right
)

// textTable is a terminal table whose columns are aligned by display
// width.
type textTable struct {
	header []string
	align  []align
	rows   [][]string
	// missing replaces a number column's cell "NA" (a figure that is
	// missing or cannot be computed, as fixed and num write it); empty:
	// kept as it is. missed says whether write or markdown replaced one.
	missing string
	missed  bool
	// numeric marks the left-aligned columns that hold numbers (as
	// intervals "[lo, hi]"), whose "NA" is marked too.
	numeric map[int]bool
	// md says whether the table was written as Markdown.
	md bool
}

func newTable(header ...string) *textTable {
	t := &textTable{header: header, align: make([]align, len(header))}
	return t
}

// right right-aligns the given columns (numbers).
func (t *textTable) right(cols ...int) *textTable {
	for _, c := range cols {
		t.align[c] = right
	}
	return t
}

func (t *textTable) add(cells ...string) { t.rows = append(t.rows, cells) }

// numbers marks left-aligned columns that hold numbers, as right marks
// right-aligned ones: their "NA" is a missing figure (see in).
func (t *textTable) numbers(cols ...int) *textTable {
	if t.numeric == nil {
		t.numeric = map[int]bool{}
	}
	for _, c := range cols {
		t.numeric[c] = true
	}
	return t
}

// in sets the language of the table's marks: in Chinese (and in both
// languages) a number column's "NA" (right-aligned, or marked by
// numbers) is shown as missingMark's "—".
func (t *textTable) in(l report.Lang) *textTable {
	t.missing = missingMark(l)
	if t.missing == "NA" {
		t.missing = ""
	}
	return t
}

// shown returns the row r and its cells' widths cw as they are shown:
// copies with the missing mark, or r and cw themselves.
func (t *textTable) shown(r []string, cw []int) ([]string, []int) {
	copied := false
	for j, c := range r {
		if c != "NA" || j >= len(t.align) || t.align[j] != right && !t.numeric[j] {
			continue
		}
		if !copied {
			r, cw = append([]string(nil), r...), append([]int(nil), cw...)
			copied = true
		}
		r[j] = t.missing
		if cw != nil {
			cw[j] = width(t.missing)
		}
		t.missed = true
	}
	return r, cw
}

// write writes the table with two spaces between columns and a rule under
// the header; trailing spaces are trimmed. The table is formatted into one
// buffer, written at once: the free space of w when it is a
// *bytes.Buffer (grown to the table's size), else a buffer of its own.
func (t *textTable) write(w io.Writer) {
	ncol := len(t.header)
	wd := make([]int, ncol)
	cw := make([]int, (len(t.rows)+1)*ncol) // every cell's width
	size := 0
	for i, r := range append([][]string{t.header}, t.rows...) {
		for j, c := range r {
			if j >= ncol {
				break
			}
			cw[i*ncol+j] = width(c)
			wd[j] = max(wd[j], cw[i*ncol+j])
			size += len(c)
		}
	}
	line := 1
	for _, x := range wd {
		line += x + 2
	}
	var b []byte
	if wb, ok := w.(*bytes.Buffer); ok {
		wb.Grow(size + (len(t.rows)+2)*line)
		b = wb.AvailableBuffer()
	} else {
		b = make([]byte, 0, size+(len(t.rows)+2)*line)
	}
	row := func(r []string, cw []int) {
		for j := range wd {
			c, n := "", 0
			if j < len(r) {
				c, n = r[j], cw[j]
			}
			if j > 0 {
				b = append(b, "  "...)
			}
			if t.align[j] != right {
				b = append(b, c...)
			}
			for pad := wd[j] - n; pad > 0; pad-- {
				b = append(b, ' ')
			}
			if t.align[j] == right {
				b = append(b, c...)
			}
		}
		for len(b) > 0 && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
		b = append(b, '\n')
	}
	row(t.header, cw[:ncol])
	rule := make([]string, ncol)
	for j := range wd {
		rule[j] = strings.Repeat("-", wd[j])
	}
	row(rule, wd)
	for i, r := range t.rows {
		c := cw[(i+1)*ncol : (i+2)*ncol]
		if t.missing != "" {
			r, c = t.shown(r, c)
		}
		row(r, c)
	}
	w.Write(b)
}

// markdownCell escapes a table cell for GitHub-flavoured Markdown: pipes,
// line breaks, and the characters of HTML (&, <, >, as the report's
// Markdown escapes them), so that an id or a name from the input cannot
// inject markup into a page that renders the table.
var markdownCell = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "&", "&amp;", "<", "&lt;", ">", "&gt;")

// markdown writes the table in GitHub-flavoured Markdown, escaping its
// cells (markdownCell).
func (t *textTable) markdown(w io.Writer) {
	t.md = true
	esc := markdownCell.Replace
	row := func(r []string) {
		var b strings.Builder
		b.WriteString("|")
		for j := range t.header {
			c := ""
			if j < len(r) {
				c = r[j]
			}
			b.WriteString(" " + esc(c) + " |")
		}
		io.WriteString(w, b.String()+"\n")
	}
	row(t.header)
	var b strings.Builder
	b.WriteString("|")
	for j := range t.header {
		if t.align[j] == right {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	io.WriteString(w, b.String()+"\n")
	for _, r := range t.rows {
		if t.missing != "" {
			r, _ = t.shown(r, nil)
		}
		row(r)
	}
}
