package report

import (
	"html/template"
	"io"
	"strings"
)

// fontStack lists fonts that cover Chinese on every common system, then
// the generic family.
const fontStack = `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Heiti SC", "SimHei", system-ui, sans-serif`

const css = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #2457a6; --bad: #b42318; --good: #1d7a46; }
* { box-sizing: border-box; }
body { font-family: ` + fontStack + `; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 24px; line-height: 1.55; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 2em; }
h3 { font-size: 1.1em; margin: 1.4em 0 0.3em; }
.meta, .note { color: var(--muted); font-size: 0.9em; }
.description { font-size: 1.05em; border-left: 4px solid var(--accent); background: #f5f7fa; padding: 8px 12px; margin: 0.6em 0; }
code { font-size: 0.85em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f5f7fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.grade { font-weight: 600; }
.vetoed { color: var(--bad); }
.chart { max-width: 100%; height: auto; font-size: 12px; }
.chart text { fill: var(--ink); font-family: ` + fontStack + `; }
.chart .axis line { stroke: #9aa5b1; stroke-width: 1; }
.chart .axis line.grid { stroke: var(--line); }
.chart .range { stroke: #9aa5b1; stroke-width: 1.5; }
.chart .interval { fill: #9fb3d9; }
.chart .median { stroke: var(--accent); stroke-width: 2; }
.chart .nominal { fill: var(--accent); }
.chart .vetoed .nominal { fill: var(--bad); }
.unit-card { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; margin: 12px 0; }
.unit-card ul { margin: 0.2em 0 0.6em; padding-left: 1.4em; }
.label { font-weight: 600; }
.up { color: var(--good); }
`

const htmlTemplate = `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ppgpa">
<title>{{.In.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>{{.In.Title}}</h1>
{{- if .In.Description}}
<p class="description">{{.In.Description}}</p>
{{- end}}
<p class="meta">{{len .In.Units}} 个单位 units · {{len .In.Indicators}} 项指标 indicators · 指纹 fingerprint <code id="ppgpa-fingerprint">{{.In.Fingerprint}}</code></p>
</header>

<section id="league">
<h2>排名与等级 · League table</h2>
<table>
<thead><tr><th class="num">排名<br>Rank</th><th>单位<br>Unit</th><th class="num">得分<br>Score</th><th>等级<br>Grade</th>
{{- if .In.Uncertainty}}<th class="num">排名区间<br>{{pct .In.Uncertainty.Level}} interval</th>{{end}}
{{- range .In.Parts}}<th class="num">{{.}}</th>{{end}}<th>备注<br>Note</th></tr></thead>
<tbody>
{{- range .In.Units}}
<tr{{if .Vetoed}} class="vetoed"{{end}}><td class="num">{{rank .Rank}}</td><td>{{.ID}}</td><td class="num">{{fixed .Score 2}}</td><td class="grade">{{.Grade}}</td>
{{- if .Interval}}<td class="num">{{rank .Interval.Lo}}–{{rank .Interval.Hi}}</td>{{end}}
{{- range .Parts}}<td class="num">{{fixed . 2}}</td>{{end}}<td>{{note .}}</td></tr>
{{- end}}
</tbody>
</table>
<p class="note">The columns after the grade are the points each part contributes to the score.</p>
</section>
{{- if .Chart}}

<section id="intervals">
<h2>排名区间 · Rank intervals</h2>
<figure>
{{.Chart}}
<figcaption class="note">Dot: the published (nominal) rank; bar: the central {{pct .In.Uncertainty.Level}} of the ranks over {{.In.Uncertainty.Replications}} Monte Carlo replications (seed {{.In.Uncertainty.Seed}}) varying {{join .In.Uncertainty.Factors "; "}}; tick: the median rank; thin line: every rank seen. Mean absolute rank shift {{fixed .In.Uncertainty.MeanAbsShift 2}}.</figcaption>
</figure>
</section>
{{- end}}

<section id="units">
<h2>各单位评析 · Comments and recommendations</h2>
{{- range .In.Units}}
<article class="unit-card" id="unit-{{.ID}}">
<h3>{{rank .Rank}}. {{.ID}} — {{fixed .Score 2}}{{if .Grade}}, {{.Grade}}{{end}}{{if .Vetoed}} <span class="vetoed">(一票否决 veto{{if .Veto}}: {{.Veto}}{{end}})</span>{{end}}</h3>
{{- if .Note}}
<p class="note">备注 Note: {{.Note}}</p>
{{- end}}
{{- if .Strengths}}
<div class="label">优势 Strengths</div>
<ul>{{range .Strengths}}<li>{{finding .}}</li>{{end}}</ul>
{{- end}}
{{- if .Weaknesses}}
<div class="label">短板 Weaknesses</div>
<ul>{{range .Weaknesses}}<li>{{finding .}}</li>{{end}}</ul>
{{- end}}
{{- if .Costs}}
<div class="label">失位最多的指标 Indicators that cost the most places</div>
<ul>{{range .Costs}}<li>{{cost .}}</li>{{end}}</ul>
{{- end}}
{{- with .Improvement}}
<div class="label">改进潜力 What a realistic improvement would gain</div>
<p>{{improvement . $.In}}</p>
{{- else}}
<p class="note">No indicator below the peers' median.</p>
{{- end}}
</article>
{{- end}}
</section>

<section id="indicators">
<h2>指标与权重 · Indicators and weights</h2>
<table>
<thead><tr><th>指标 Indicator</th><th>Path</th><th class="num">权重 Weight</th><th>Polarity</th></tr></thead>
<tbody>
{{- range .In.Indicators}}
<tr><td>{{.Label}}</td><td><code>{{.Path}}</code></td><td class="num">{{fixed .Weight 4}}</td><td>{{if .LowerIsBetter}}lower is better{{else}}higher is better{{end}}</td></tr>
{{- end}}
</tbody>
</table>
<p class="note">Strengths and weaknesses compare the unit's normalised score with the median of the other units' (its peers'); the place is among all units. Places and points gained are recomputed with the whole model after setting the unit's raw value to the median of its peers' raw values.</p>
</section>
{{- if or .In.Model .In.Data}}

<section id="downloads">
<h2>模型与数据 · Model and data</h2>
<p>{{if .In.Model}}<a download="model.json" href="{{.ModelURL}}">model.json</a>{{end}}{{if and .In.Model .In.Data}} · {{end}}{{if .In.Data}}<a download="data.csv" href="{{.DataURL}}">data.csv</a>{{end}}</p>
</section>
{{.Embedded}}
{{- end}}
</body>
</html>
`

func funcs(in *Input) template.FuncMap {
	ind := func(k int) Indicator {
		if k >= 0 && k < len(in.Indicators) {
			return in.Indicators[k]
		}
		return Indicator{}
	}
	return template.FuncMap{
		"fixed": fixed,
		"rank":  rank,
		"pct":   pct,
		"join":  strings.Join,
		"note": func(u Unit) string {
			var p []string
			if u.Vetoed {
				s := "一票否决 veto"
				if u.Veto != "" {
					s += ": " + u.Veto
				}
				p = append(p, s)
			}
			if u.BottomK {
				p = append(p, "末位 bottom")
			}
			if u.Note != "" {
				p = append(p, u.Note)
			}
			return strings.Join(p, "; ")
		},
		"finding": func(f Finding) string { return findingText(f, ind(f.Indicator)) },
		"cost":    func(c Cost) string { return costText(c, ind(c.Indicator)) },
		"improvement": func(m *Improvement, in *Input) string {
			return improvementText(m, in)
		},
	}
}

func findingText(f Finding, in Indicator) string {
	return in.Label() + ": " + fixed(f.Score, 1) + " (peers' median " + fixed(f.PeerMedian, 1) + "), place " + itoa(f.Place) + " of " + itoa(f.Of)
}

func costText(c Cost, in Indicator) string {
	return in.Label() + ": " + places(c.Places) + ", " + signed(c.Points, 2) + " points if raised from " + num(c.Raw) + " to the peers' median " + num(c.Target)
}

func improvementText(m *Improvement, in *Input) string {
	var names []string
	for _, k := range m.Indicators {
		if k >= 0 && k < len(in.Indicators) {
			names = append(names, in.Indicators[k].Label())
		}
	}
	if len(names) > 6 {
		names = append(names[:5], itoa(len(names)-5)+" more indicators")
	}
	s := "Raising " + strings.Join(names, ", ") + " to the peers' median gives a score of " + fixed(m.Score, 2) + " and rank " + rank(m.Rank) + " (" + places(m.Places) + ")"
	if m.Grade != "" {
		s += ", grade " + m.Grade
	}
	return s + "."
}

func itoa(i int) string { return rank(float64(i)) }

func writeHTML(w io.Writer, in *Input) error {
	t, err := template.New("report").Funcs(funcs(in)).Parse(htmlTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, struct {
		In                *Input
		CSS               template.CSS
		Chart, Embedded   template.HTML
		ModelURL, DataURL template.URL
	}{in, template.CSS(css), template.HTML(rankChart(in)), embedded(in),
		dataURL("application/json", in.Model), dataURL("text/csv;charset=utf-8", in.Data)})
}
