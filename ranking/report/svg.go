package report

import (
	"fmt"
	"html"
	"strings"
)

// Chart geometry, in SVG user units (CSS pixels at 100%).
const (
	chartWidth  = 720.0
	chartLabel  = 150.0 // left margin for the unit names
	chartRight  = 24.0
	chartTop    = 34.0
	chartRow    = 24.0
	chartBottom = 40.0
)

// Products are rounded before they are added (float64(a*b) + c), so that
// no fused multiply-add changes a coordinate on another architecture.
//
// rankChart draws the rank intervals of the units as an SVG element:
// one row per unit (rank order), a thin line from the lowest to the
// highest rank seen, a thick bar over the central interval, a tick at the
// median and a dot at the nominal rank. Rank 1 is on the left.
func rankChart(in *Input, ls []Lang) string {
	n := len(in.Units)
	if n == 0 || in.Uncertainty == nil {
		return ""
	}
	h := chartTop + float64(float64(n)*chartRow) + chartBottom
	plot := chartWidth - chartLabel - chartRight
	x := func(r float64) float64 {
		if n == 1 {
			return chartLabel + plot/2
		}
		return chartLabel + float64((r-1)/float64(n-1)*plot)
	}
	f := func(v float64) string { return fixed(v, 1) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="chart-title">`,
		f(chartWidth), f(h), f(chartWidth), f(h))
	both := func(m msg) string { return strings.Join(mapLangs(ls, func(l Lang) string { return m.in(l) }), " / ") }
	fmt.Fprintf(&b, "\n<title id=\"chart-title\">%s</title>", html.EscapeString(both(hIntervals)))
	// Axis: a tick and label at every rank (every k-th for many units).
	// A tick at rank 1 and at every multiple of a round step (1, 2, 5,
	// 10, 20, 50, ...) that leaves at most 20 ticks.
	step := 1
	for k := 0; n/step > 20; k++ {
		step = []int{2, 5, 10}[k%3] * pow10(k/3)
	}
	axisY := chartTop + float64(float64(n)*chartRow) + 6
	fmt.Fprintf(&b, "\n<g class=\"axis\">")
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`, f(chartLabel), f(axisY), f(chartLabel+plot), f(axisY))
	for r := 1; r <= n; r++ {
		if r != 1 && r%step != 0 {
			continue
		}
		fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/>`, f(x(float64(r))), f(chartTop-6), f(x(float64(r))), f(axisY))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle">%d</text>`, f(x(float64(r))), f(axisY+16), r)
	}
	fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, f(chartLabel+plot/2), f(axisY+32), both(aRank))
	fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="start">%s</text>`, f(chartLabel), f(chartTop-14), both(aBetter))
	fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end">%s</text>`, f(chartLabel+plot), f(chartTop-14), both(aWorse))
	b.WriteString("</g>")
	for i, u := range in.Units {
		iv := u.Interval
		if iv == nil {
			continue
		}
		y := chartTop + float64(float64(i)*chartRow) + chartRow/2
		cls := "unit"
		if u.Vetoed {
			cls += " vetoed"
		}
		fmt.Fprintf(&b, "\n<g class=\"%s\">", cls)
		fmt.Fprintf(&b, `<title>%s: %s, %s %s–%s</title>`, html.EscapeString(u.ID),
			html.EscapeString(strings.Join(mapLangs(ls, func(l Lang) string { return rankPhrase(l, u.Rank, u.Tied) }), " / ")),
			pct(in.Uncertainty.Level), rank(iv.Lo), rank(iv.Hi))
		fmt.Fprintf(&b, `<text class="label" x="%s" y="%s" text-anchor="end">%s</text>`, f(chartLabel-10), f(y+4), html.EscapeString(u.ID))
		fmt.Fprintf(&b, `<line class="range" x1="%s" y1="%s" x2="%s" y2="%s"/>`, f(x(iv.Min)), f(y), f(x(iv.Max)), f(y))
		lo, hi := x(iv.Lo), x(iv.Hi)
		if hi-lo < 4 {
			lo, hi = lo-2, hi+2
		}
		fmt.Fprintf(&b, `<rect class="interval" x="%s" y="%s" width="%s" height="8" rx="4"/>`, f(lo), f(y-4), f(hi-lo))
		fmt.Fprintf(&b, `<line class="median" x1="%s" y1="%s" x2="%s" y2="%s"/>`, f(x(iv.Median)), f(y-7), f(x(iv.Median)), f(y+7))
		fmt.Fprintf(&b, `<circle class="nominal" cx="%s" cy="%s" r="4.5"/>`, f(x(u.Rank)), f(y))
		b.WriteString("</g>")
	}
	b.WriteString("\n</svg>")
	return b.String()
}

// textChart draws the rank intervals as a line of characters per unit,
// for Markdown: "·" the range, "━" the central interval, "●" the nominal
// rank, one column per rank.
func textChart(in *Input) string {
	n := len(in.Units)
	if n == 0 || in.Uncertainty == nil || n > 60 {
		return ""
	}
	w := 0
	for _, u := range in.Units {
		if l := width(u.ID); l > w {
			w = l
		}
	}
	var b strings.Builder
	for _, u := range in.Units {
		iv := u.Interval
		if iv == nil {
			continue
		}
		id := strings.NewReplacer("`", "'", "\n", " ", "\r", " ").Replace(u.ID)
		b.WriteString(id + strings.Repeat(" ", w-width(id)) + " │")
		for r := 1; r <= n; r++ {
			fr := float64(r)
			switch {
			case fr == u.Rank || (fr-0.5 == u.Rank):
				b.WriteString("●")
			case fr >= iv.Lo && fr <= iv.Hi:
				b.WriteString("━")
			case fr >= iv.Min && fr <= iv.Max:
				b.WriteString("·")
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString("│\n")
	}
	return b.String()
}

// width is the display width of s in a monospaced font: 2 for CJK
// ideographs and fullwidth forms, 1 otherwise.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 ||
			r >= 0x20000 && r <= 0x3FFFD) {
			n++
		}
	}
	return n
}

// pow10 returns 10^k for small k >= 0.
func pow10(k int) int {
	p := 1
	for range k {
		p *= 10
	}
	return p
}
