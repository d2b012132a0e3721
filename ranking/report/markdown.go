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
		"[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "&", "&amp;")
	return r.Replace(s)
}

// mdCode writes s as an inline code span inside a table cell: bars are
// escaped (GFM splits cells before it reads code spans) and a fence longer
// than any run of backticks in s is used.
func mdCode(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || fence != "`" {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func writeMarkdown(w io.Writer, in *Input) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(in.Title))
	if in.Description != "" {
		// A quote block, so that it stands out and a description that
		// starts like a heading or a list stays a paragraph.
		fmt.Fprintf(&b, "> %s\n\n", mdEscape(in.Description))
	}
	fmt.Fprintf(&b, "%d units · %d indicators · fingerprint `%s`\n\n", len(in.Units), len(in.Indicators), in.Fingerprint)

	b.WriteString("## 排名与等级 · League table\n\n")
	head := []string{"排名 Rank", "单位 Unit", "得分 Score", "等级 Grade"}
	al := []string{"---:", "---", "---:", "---"}
	if in.Uncertainty != nil {
		head, al = append(head, pct(in.Uncertainty.Level)+" interval"), append(al, "---:")
	}
	for _, p := range in.Parts {
		head, al = append(head, mdEscape(p)), append(al, "---:")
	}
	head, al = append(head, "备注 Note"), append(al, "---")
	fmt.Fprintf(&b, "| %s |\n|%s|\n", strings.Join(head, " | "), strings.Join(al, "|"))
	for _, u := range in.Units {
		row := []string{rank(u.Rank), mdEscape(u.ID), fixed(u.Score, 2), mdEscape(u.Grade)}
		if in.Uncertainty != nil {
			iv := "–"
			if u.Interval != nil {
				iv = rank(u.Interval.Lo) + "–" + rank(u.Interval.Hi)
			}
			row = append(row, iv)
		}
		for _, p := range u.Parts {
			row = append(row, fixed(p, 2))
		}
		note := ""
		if u.Vetoed {
			note = "一票否决 veto"
			if u.Veto != "" {
				note += ": " + mdEscape(u.Veto)
			}
		}
		if u.BottomK {
			if note != "" {
				note += "; "
			}
			note += "末位 bottom"
		}
		if u.Note != "" {
			if note != "" {
				note += "; "
			}
			note += mdEscape(u.Note)
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(append(row, note), " | "))
	}
	b.WriteString("\nThe columns after the grade are the points each part contributes to the score.\n")

	if c := textChart(in); c != "" {
		u := in.Uncertainty
		fmt.Fprintf(&b, "\n## 排名区间 · Rank intervals\n\n```text\n%s```\n\n", c)
		fmt.Fprintf(&b, "● the nominal rank, ━ the central %s of the ranks over %d Monte Carlo replications (seed %d) varying %s, · every rank seen; one column per rank, rank 1 on the left. Mean absolute rank shift %s.\n",
			pct(u.Level), u.Replications, u.Seed, mdEscape(strings.Join(u.Factors, "; ")), fixed(u.MeanAbsShift, 2))
	}

	b.WriteString("\n## 各单位评析 · Comments and recommendations\n")
	ind := func(k int) Indicator {
		if k >= 0 && k < len(in.Indicators) {
			return in.Indicators[k]
		}
		return Indicator{}
	}
	for _, u := range in.Units {
		fmt.Fprintf(&b, "\n### %s. %s — %s", rank(u.Rank), mdEscape(u.ID), fixed(u.Score, 2))
		if u.Grade != "" {
			fmt.Fprintf(&b, ", %s", mdEscape(u.Grade))
		}
		if u.Vetoed {
			b.WriteString(" (一票否决 veto")
			if u.Veto != "" {
				b.WriteString(": " + mdEscape(u.Veto))
			}
			b.WriteString(")")
		}
		b.WriteString("\n\n")
		if u.Note != "" {
			fmt.Fprintf(&b, "备注 Note: %s\n\n", mdEscape(u.Note))
		}
		list := func(title string, items []string) {
			if len(items) == 0 {
				return
			}
			fmt.Fprintf(&b, "**%s**\n\n", title)
			for _, it := range items {
				fmt.Fprintf(&b, "- %s\n", mdEscape(it))
			}
			b.WriteString("\n")
		}
		var s, wk, c []string
		for _, f := range u.Strengths {
			s = append(s, findingText(f, ind(f.Indicator)))
		}
		for _, f := range u.Weaknesses {
			wk = append(wk, findingText(f, ind(f.Indicator)))
		}
		for _, x := range u.Costs {
			c = append(c, costText(x, ind(x.Indicator)))
		}
		list("优势 Strengths", s)
		list("短板 Weaknesses", wk)
		list("失位最多的指标 Indicators that cost the most places", c)
		if u.Improvement != nil {
			fmt.Fprintf(&b, "**改进潜力 What a realistic improvement would gain**: %s\n", mdEscape(improvementText(u.Improvement, in)))
		} else {
			b.WriteString("No indicator below the peers' median.\n")
		}
	}

	b.WriteString("\n## 指标与权重 · Indicators and weights\n\n| 指标 Indicator | Path | 权重 Weight | Polarity |\n|---|---|---:|---|\n")
	for _, x := range in.Indicators {
		pol := "higher is better"
		if x.LowerIsBetter {
			pol = "lower is better"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdEscape(x.Label()), mdCode(x.Path), fixed(x.Weight, 4), pol)
	}
	b.WriteString("\nStrengths and weaknesses compare the unit's normalised score with the median of the other units' (its peers'); the place is among all units. Places and points gained are recomputed with the whole model after setting the unit's raw value to the median of its peers' raw values.\n")
	_, err := io.WriteString(w, b.String())
	return err
}
