package report

import (
	"fmt"
	"html"
	"io"
	"strings"
)

// fontStack lists fonts that cover Chinese on every common system, then
// the generic family.
const fontStack = `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Heiti SC", "SimHei", system-ui, sans-serif`

const css = `
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2457a6; --bad: #b42318; --good: #1d7a46; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: ` + fontStack + `; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 24px; line-height: 1.6; }
h1 { font-size: 1.7em; margin-bottom: 0.3em; line-height: 1.3; }
h2 { font-size: 1.3em; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 1.8em; break-after: avoid; }
h3 { font-size: 1.1em; margin: 0.8em 0 0.3em; break-after: avoid; }
p { margin: 0.4em 0; }
.en { color: var(--muted); }
.meta, .note { color: var(--muted); font-size: 0.9em; }
.description { font-size: 1.02em; border-left: 4px solid var(--accent); background: #f5f7fa; padding: 8px 12px; margin: 0.6em 0; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; }
code { word-break: break-all; }
pre { background: #f5f7fa; padding: 8px 12px; overflow-x: auto; }
.table-wrap { width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.4em 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name, th.name, th { white-space: nowrap; word-break: keep-all; }
td.text { min-width: 10em; }
tr.vetoed td { color: var(--bad); }
figure { margin: 0.6em 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-width: 760px; }
.chart { font-size: 12px; }
.chart text { fill: var(--ink); font-family: ` + fontStack + `; }
.chart .axis line { stroke: #9aa5b1; stroke-width: 1; }
.chart .axis line.grid { stroke: var(--line); }
.chart .range { stroke: #9aa5b1; stroke-width: 1.5; }
.chart .interval { fill: #9fb3d9; }
.chart .median { stroke: var(--accent); stroke-width: 2; }
.chart .nominal { fill: var(--accent); }
.chart .vetoed .nominal { fill: var(--bad); }
.unit-card { border: 1px solid var(--line); border-radius: 6px; padding: 2px 16px 10px; margin: 12px 0; break-inside: avoid; }
.unit-card ul { margin: 0.2em 0 0.5em; padding-left: 1.4em; }
.unit-card li { margin: 0.15em 0; }
.label { font-weight: 600; margin-top: 0.5em; }
.assessor { border-left: 3px solid var(--accent); padding-left: 1.6em; }
.downloads a { color: var(--accent); }
@media (max-width: 600px) {
  body { padding: 12px; font-size: 15px; }
  h1 { font-size: 1.4em; }
  .unit-card { padding: 2px 10px 8px; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`

// pageCSS is the @page rule: A4 with the title at the top and the page
// number at the bottom of every printed page.
func pageCSS(title string, l Lang) string {
	pages := `"第 " counter(page) " 页，共 " counter(pages) " 页"`
	if l == English {
		pages = `"Page " counter(page) " of " counter(pages)`
	}
	return `
@page { size: A4; margin: 20mm 16mm 18mm;
  @top-center { content: ` + cssString(title) + `; font-family: ` + fontStack + `; font-size: 9pt; color: #52606d; }
  @bottom-center { content: ` + pages + `; font-family: ` + fontStack + `; font-size: 9pt; color: #52606d; } }
`
}

// cssString quotes s as a CSS string, escaping every character that is
// not a letter, digit, space or CJK character as \hex (so that neither a
// quote nor "</style>" can end it).
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ', r >= 0x3000 && r < 0xFE00:
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "\\%06x", r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

type htmlWriter struct {
	b  strings.Builder
	in *Input
	ls []Lang
}

func esc(s string) string { return html.EscapeString(s) }

// texts writes the languages of t inline, the second in a span.
func (w *htmlWriter) inline(t texts) {
	for i, s := range t {
		if i > 0 {
			w.b.WriteString(` <span class="en" lang="en">` + esc(s) + `</span>`)
			continue
		}
		w.b.WriteString(esc(s))
	}
}

func (w *htmlWriter) blocks(bs []block) {
	for _, b := range bs {
		w.block(b)
	}
}

func attr(name, v string) string {
	if v == "" {
		return ""
	}
	return " " + name + `="` + esc(v) + `"`
}

func (w *htmlWriter) block(b block) {
	switch b.kind {
	case bSection:
		w.b.WriteString("\n<section" + attr("id", b.id) + ">")
		w.blocks(b.sub)
		w.b.WriteString("\n</section>")
	case bCard:
		w.b.WriteString("\n<article class=\"unit-card\"" + attr("id", b.id) + ">")
		w.blocks(b.sub)
		w.b.WriteString("\n</article>")
	case bHeading:
		fmt.Fprintf(&w.b, "\n<h%d>", b.level)
		if b.level == 1 || len(b.text) == 1 {
			w.b.WriteString(esc(b.text[0]))
		} else {
			w.inline(b.text)
		}
		fmt.Fprintf(&w.b, "</h%d>", b.level)
	case bPara:
		for i, s := range b.text {
			cls := b.class
			lang := ""
			if i > 0 {
				cls = strings.TrimSpace(cls + " en")
				lang = "en"
			}
			w.b.WriteString("\n<p" + attr("class", cls) + attr("lang", lang) + ">" + esc(s) + "</p>")
		}
	case bList:
		w.b.WriteString("\n<ul" + attr("class", b.class) + ">")
		for _, it := range b.items {
			w.b.WriteString("\n<li>")
			for i, s := range it {
				if i > 0 {
					w.b.WriteString(`<br><span class="en" lang="en">` + esc(s) + `</span>`)
				} else {
					w.b.WriteString(esc(s))
				}
			}
			w.b.WriteString("</li>")
		}
		w.b.WriteString("\n</ul>")
	case bTable:
		w.table(b.table)
	case bChart:
		w.b.WriteString("\n<figure>\n" + b.svg + "\n<figcaption>")
		w.blocks(b.sub)
		w.b.WriteString("\n</figcaption>\n</figure>")
	case bCode:
		w.b.WriteString("\n<pre><code>" + esc(b.plain) + "</code></pre>")
	case bDownloads:
		w.downloads()
	}
}

func (w *htmlWriter) table(t *table) {
	w.b.WriteString("\n<div class=\"table-wrap\"><table>\n<thead><tr>")
	cls := func(j int) string {
		var c []string
		if t.num[j] {
			c = append(c, "num")
		}
		if t.name[j] {
			c = append(c, "name")
		}
		if t.wide == j+1 {
			c = append(c, "text")
		}
		return attr("class", strings.Join(c, " "))
	}
	for j, h := range t.head {
		w.b.WriteString("<th" + cls(j) + ">")
		for i, s := range h {
			if i > 0 {
				w.b.WriteString(`<br><span class="en" lang="en">` + esc(s) + `</span>`)
			} else {
				w.b.WriteString(esc(s))
			}
		}
		w.b.WriteString("</th>")
	}
	w.b.WriteString("</tr></thead>\n<tbody>")
	for r, row := range t.rows {
		rc := ""
		if t.cls != nil {
			rc = t.cls[r]
		}
		w.b.WriteString("\n<tr" + attr("class", rc) + ">")
		for j, s := range row {
			w.b.WriteString("<td" + cls(j) + ">" + esc(tableCell(w.ls, s)) + "</td>")
		}
		w.b.WriteString("</tr>")
	}
	w.b.WriteString("\n</tbody>\n</table></div>")
}

func (w *htmlWriter) downloads() {
	in := w.in
	for i, l := range w.ls {
		var p []string
		if len(in.Model) > 0 {
			p = append(p, `<a download="model.json" href="`+string(dataURL("application/json", in.Model))+`">`+esc(pDownloadModel.in(l))+`</a>`)
		}
		if len(in.Data) > 0 {
			p = append(p, `<a download="data.csv" href="`+string(dataURL("text/csv;charset=utf-8", in.Data))+`">`+esc(pDownloadData.in(l))+`</a>`)
		}
		if len(in.Units) > 0 && len(in.Data) > 0 {
			p = append(p, `<a download="published.csv" href="`+string(dataURL("text/csv;charset=utf-8", publishedCSV(in)))+`">`+esc(pDownloadLeague.in(l))+`</a>`)
		}
		if len(p) == 0 {
			break
		}
		cls := "downloads"
		if i > 0 {
			cls += " en"
		}
		w.b.WriteString("\n<p class=\"" + cls + "\">" + strings.Join(p, " · ") + "</p>")
	}
	if in.Fingerprint != "" {
		w.b.WriteString("\n<p>")
		w.inline(mapLangs(w.ls, func(l Lang) string { return mFingerprint.in(l) + sep(l) }))
		w.b.WriteString(`<code id="` + FingerprintElementID + `">` + esc(in.Fingerprint) + "</code></p>")
	}
}

func mapLangs(ls []Lang, f func(Lang) string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = f(l)
	}
	return out
}

func writeHTML(w io.Writer, in *Input) error {
	hw := &htmlWriter{in: in, ls: in.Lang.langs()}
	lang := "zh"
	if in.Lang == English {
		lang = "en"
	}
	b := &hw.b
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"ppgpa\">\n")
	b.WriteString("<title>" + esc(in.Title) + "</title>\n<style>" + css + pageCSS(in.Title, in.Lang) + "</style>\n</head>\n<body>")
	hw.blocks(compose(in))
	b.WriteString("\n")
	b.WriteString(string(embedded(in)))
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
