package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking/report"
	"github.com/ppgpa/ppgpa/weighting"
)

func reportCommand() *command {
	return &command{
		name:    "report",
		long:    true,
		args:    "MODEL DATA",
		summary: "write the assessment report (HTML or Markdown, Chinese by default): league table, rank-interval chart, comments and recommendations per unit, methods, downloadable model and data",
		example: `The HTML report is one self-contained file (no code, no external
resources) that any browser opens and prints on A4, in Chinese by default
(-lang en for English, -lang both for each sentence in both). It shows the
title, issuer, period and date of publication; the league table with
grades (and last year's rank and the change when -last is given); an SVG
chart of the rank intervals from a Monte Carlo analysis of the model
choices (the flags of "ppgpa uncertainty"); for every unit its strengths
and weaknesses against its peers, with the score and rank it would have
at the peers' median (recomputed with the whole model), and the
assessors' comments (-comments); the methods, generated from the model;
and the model and data for download, with their fingerprint and how to
verify it. -format markdown writes the same report as Markdown.

-compare adds a section with each unit's rank under other methods, one
choice of the model changed at a time, the shifts and the agreement with
the model (Kendall's tau-b, Spearman's rho): weighting schemes (equal,
entropy, critic, sd, pca), agg:METHOD for an aggregation of every group
(as -aggregations) and norm:METHOD for a normalisation of every leaf (as
-normalizations), e.g. -compare equal,entropy,agg:geometric,norm:rank.

-comments reads a table with the columns unit, kind and text (also 单位,
类型, 内容; kind is comment/意见 or recommendation/建议) or JSON (an array
of {"unit", "kind", "text"}); -residents reads a table with unit, category
and count (单位, 类别, 条数); -last one with unit, rank and optionally
score (单位, 排名, 得分). A table is CSV in UTF-8, GBK/GB18030 or UTF-16,
or the first sheet of an xlsx workbook (Excel); title rows above the
header are skipped, a summary row (合计, 平均) is an error unless
-skip-summary; errors name the line or row.

The methods section describes the model; -survey and -respondents add
the residents' survey's design and its number of valid responses, and
-coherence the statistical coherence of the model (as ppgpa coherence).
The chart's caption says which uncertainty the intervals show: the model
choices varied (the flags of "ppgpa uncertainty").

Examples:
  ppgpa report -o report.html examples/quickstart/model.json examples/quickstart/data.csv
  ppgpa report -lang zh -title "2025年度区县绩效评估结果" -issuer "市考评办" -period 2025年度 -date 2026-01-15 -comments comments.csv -last 2024.csv -o report.html model.json data.csv
  ppgpa report -format markdown -lang en -n 2000 -seed 7 model.json data.csv > report.md
  ppgpa report -survey "按街道分层随机抽样，电话访问" -respondents 3200 -coherence -o report.html model.json data.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var u uncertaintyFlags
			var o output
			var f format
			var top int
			var all bool
			var title, issuer, period, date, comments, residents, last, compare, survey string
			var respondents int
			var coherence bool
			d.register(fs)
			u.register(fs)
			o.register(fs)
			f.register(fs, "html", "html", "markdown")
			fs.IntVar(&top, "top", 3, "strengths and weaknesses listed per unit")
			fs.BoolVar(&all, "all-indicators", false, "also name indicators with no spread or only two values as strengths and weaknesses")
			lang := langFlag(fs, "the report")
			fs.StringVar(&title, "title", "", "title (default the model's name)")
			fs.StringVar(&issuer, "issuer", "", "the body that publishes the report")
			fs.StringVar(&period, "period", "", "the period assessed, e.g. 2025年度")
			fs.StringVar(&date, "date", "", "date of publication, YYYY-MM-DD")
			fs.StringVar(&comments, "comments", "", "assessors' comments and recommendations per unit (`FILE`: CSV in UTF-8, GBK/GB18030 or UTF-16, an xlsx workbook, or JSON)")
			fs.StringVar(&residents, "residents", "", "residents' comment counts per unit and category (`FILE`: CSV in UTF-8, GBK/GB18030 or UTF-16, or an xlsx workbook)")
			fs.StringVar(&survey, "survey", "", "the residents' survey's design in words, for the methods section (e.g. \"按街道分层随机抽样，电话访问\")")
			fs.IntVar(&respondents, "respondents", 0, "the survey's number of valid responses, for the methods section (0: not given)")
			fs.BoolVar(&coherence, "coherence", false, "add the model's statistical coherence to the methods section (Cronbach's alpha of every group, correlations with the score, redundant or negatively correlated indicators, as ppgpa coherence with its defaults)")
			fs.StringVar(&last, "last", "", "last year's rank (and score) per unit (`FILE`: CSV in UTF-8, GBK/GB18030 or UTF-16, or an xlsx workbook)")
			fs.StringVar(&compare, "compare", "", "comma-separated `methods` whose ranks a section compares with the model's: weighting schemes, agg:METHOD, norm:METHOD")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if err := nargs(args, "MODEL", "DATA"); err != nil {
					return err
				}
				if err := u.check(); err != nil {
					return err
				}
				if top < 1 {
					return usagef("-top must be at least 1")
				}
				if respondents < 0 {
					return usagef("-respondents must not be negative")
				}
				var rf report.Format
				if err := rf.UnmarshalText([]byte(f.name)); err != nil {
					return usagef("%v", err)
				}
				rl := *lang
				cl, err := compareList(compare)
				if err != nil {
					return err
				}
				m, p, t, err := e.loadModelData(args[0], args[1], &d)
				if err != nil {
					return err
				}
				cmp, err := cl.plans(p, m)
				if err != nil {
					return fmt.Errorf("-compare %w", err)
				}
				var cs []report.Comment
				var counts []report.Count
				var lasts []report.LastYear
				if comments != "" {
					b, err := e.readTabular(comments)
					if err != nil {
						return err
					}
					if cs, err = readReportRows(comments, b, d.in.skipSummary, report.ReadComments, report.CommentsFromRows); err != nil {
						return err
					}
				}
				if residents != "" {
					b, err := e.readTabular(residents)
					if err != nil {
						return err
					}
					if counts, err = readReportRows(residents, b, d.in.skipSummary, report.ReadCounts, report.CountsFromRows); err != nil {
						return err
					}
				}
				if last != "" {
					b, err := e.readTabular(last)
					if err != nil {
						return err
					}
					if lasts, err = readReportRows(last, b, d.in.skipSummary, report.ReadLastYear, report.LastYearFromRows); err != nil {
						return err
					}
				}
				factors, err := u.factors(p)
				if err != nil {
					return err
				}
				pr := e.prog
				reps := u.n
				if len(factors) == 0 {
					reps = -1 // nothing varies: no rank intervals
				}
				rs := report.Settings{Factors: factors, Replications: reps, Seed: u.seed, Level: u.level, Top: top, AllIndicators: all, Lang: rl, Progress: pr.then("Monte Carlo", u.n), ExplainProgress: pr.then("what-if figures", 0),
					Compare: cmp, Survey: survey, Respondents: respondents}
				if coherence {
					rs.Coherence = &weighting.CoherenceSettings{}
				}
				in, err := report.Build(ctx, p, t, rs)
				pr.stop()
				if err != nil {
					return evalErr(args[0], args[1], err)
				}
				if title != "" {
					in.Title = title
				}
				in.Issuer, in.Period, in.Published = issuer, period, date
				if err := in.AddComments(cs); err != nil {
					return fmt.Errorf("%s: %v", comments, err)
				}
				if err := in.AddCounts(counts); err != nil {
					return fmt.Errorf("%s: %v", residents, err)
				}
				if err := in.SetLastYear(lasts); err != nil {
					return fmt.Errorf("%s: %v", last, err)
				}
				if err := report.Write(&o.buf, rf, in); err != nil {
					return err
				}
				return o.flush(e)
			}
		},
	}
}

// readReportRows reads a comments, counts or last-year file of the
// report: JSON (the first non-space byte is '[') with readJSON, anything
// else (CSV in UTF-8, GB18030 or UTF-16, an xlsx workbook's first sheet)
// through package indicator/tabular into rows, with fromRows. Title rows
// above the header are skipped; a summary row (合计, 平均) is an error,
// or left out with skipSummary. Errors name the file and the line (a
// sheet's row).
func readReportRows[T any](file string, b []byte, skipSummary bool, readJSON func(io.Reader) ([]T, error), fromRows func([][]string, []int) ([]T, error)) ([]T, error) {
	file = displayName(file)
	msg := func(err error) error {
		return fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), report.ErrInput.Error()+": "))
	}
	if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '[' {
		v, err := readJSON(bytes.NewReader(b))
		if err != nil {
			return nil, msg(err)
		}
		return v, nil
	}
	g, err := tabular.GridFromBytes(b, tabular.Options{})
	if err != nil {
		return nil, inputErr(file, err)
	}
	k := tabular.HeaderIndex(g.Rows)
	rows, lines := g.Rows[k:], g.Lines[k:]
	if len(rows) > 0 {
		u := slices.IndexFunc(rows[0], func(h string) bool {
			h = strings.ToLower(strings.TrimSpace(h))
			return h == "unit" || h == "单位"
		})
		kept, keptLines := rows[:1:1], lines[:1:1]
		for i := 1; u >= 0 && i < len(rows); i++ {
			if u < len(rows[i]) && tabular.IsSummary(rows[i][u]) {
				if skipSummary {
					continue
				}
				return nil, fmt.Errorf("%s: line %d, column %d (%s): %q is a summary row, not a unit; remove it or skip summary rows (-skip-summary)", file, lines[i], u+1, strings.TrimSpace(rows[0][u]), strings.TrimSpace(rows[i][u]))
			}
			kept, keptLines = append(kept, rows[i]), append(keptLines, lines[i])
		}
		if u >= 0 {
			rows, lines = kept, keptLines
		}
	}
	v, err := fromRows(rows, lines)
	if err != nil {
		return nil, msg(err)
	}
	return v, nil
}
