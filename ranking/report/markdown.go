package report

import (
	"fmt"
	"io"
	"strings"
)

// mdEscape escapes the characters that would break a Markdown table cell
// or start markup: backslashes (else a name "a\|" would become "a\\|", an
// escaped backslash and a bare bar), link brackets, and & (so that an
// entity in a name shows as written).
func mdEscape(s string) string {
	r := strings.NewReplacer("\\", `\\`, "|", `\|`, "\n", " ", "\r", " ", "*", `\*`, "_", `\_`, "`", "\\`",
		"[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`)
	return r.Replace(s)
}

type mdWriter struct {
	b  strings.Builder
	in *Input
	ls []Lang
}

func (w *mdWriter) blocks(bs []block) {
	for _, b := range bs {
		w.block(b)
	}
}

func (w *mdWriter) block(b block) {
	switch b.kind {
	case bSection, bCard:
		w.blocks(b.sub)
	case bHeading:
		var p []string
		for _, s := range b.text {
			p = append(p, mdEscape(s))
		}
		fmt.Fprintf(&w.b, "%s %s\n\n", strings.Repeat("#", b.level), strings.Join(p, " · "))
	case bPara:
		for _, s := range b.text {
			if b.class == "description" {
				w.b.WriteString("> ")
			}
			if b.class == "label" {
				fmt.Fprintf(&w.b, "**%s**\n\n", mdEscape(s))
				continue
			}
			w.b.WriteString(mdEscape(s) + "\n\n")
		}
	case bList:
		for _, it := range b.items {
			for i, s := range it {
				if i == 0 {
					w.b.WriteString("- " + mdEscape(s) + "\n")
				} else {
					w.b.WriteString("  " + mdEscape(s) + "\n")
				}
			}
		}
		w.b.WriteString("\n")
	case bTable:
		t := b.table
		var head, al []string
		for j, h := range t.head {
			var p []string
			for _, s := range h {
				p = append(p, mdEscape(s))
			}
			head = append(head, strings.Join(p, " "))
			if t.num[j] {
				al = append(al, "---:")
			} else {
				al = append(al, "---")
			}
		}
		fmt.Fprintf(&w.b, "| %s |\n|%s|\n", strings.Join(head, " | "), strings.Join(al, "|"))
		for _, row := range t.rows {
			var r []string
			for _, s := range row {
				r = append(r, mdEscape(tableCell(w.ls, s)))
			}
			fmt.Fprintf(&w.b, "| %s |\n", strings.Join(r, " | "))
		}
		w.b.WriteString("\n")
	case bChart:
		if b.plain != "" {
			fmt.Fprintf(&w.b, "```text\n%s```\n\n", b.plain)
		}
		w.blocks(b.sub)
	case bCode:
		fmt.Fprintf(&w.b, "```\n%s\n```\n\n", b.plain)
	case bDownloads:
		if w.in.Fingerprint != "" {
			for _, l := range w.ls {
				fmt.Fprintf(&w.b, "%s%s`%s`\n\n", mFingerprint.in(l), sep(l), w.in.Fingerprint)
			}
		}
	}
}

func writeMarkdown(w io.Writer, in *Input) error {
	mw := &mdWriter{in: in, ls: in.Lang.langs()}
	mw.blocks(compose(in))
	_, err := io.WriteString(w, strings.TrimRight(mw.b.String(), "\n")+"\n")
	return err
}
