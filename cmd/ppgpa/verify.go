package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

func verifyCommand() *command {
	return &command{
		name:    "verify",
		long:    true,
		args:    "MODEL DATA PUBLISHED | REPORT.html",
		summary: "check a published (often partial) ranking against its recomputation; prints a table to sign and the fingerprint",
		example: `PUBLISHED is what was published, complete or partial, in one of two forms.

A table (CSV, an xlsx sheet or JSON records; title rows above the header
are skipped, a summary row such as 合计 is an error unless -skip-summary)
with a header row and one row per published unit. Its columns
are found by their header (case is ignored): "unit" (also "id", "单位",
"地区"; otherwise the first column) holds the unit ids as in DATA; any of
"score" ("得分"), "rank" ("排名", "名次") and "grade" ("等级") hold what was
published, and a column named after a node of the model (its id or name)
holds that node's published score ("NODE:points" or "NODE（分值）": its points
in the final score). An empty cell is "not published". Ranks may be
written 3, 第3名, 并列3, 并列第3名 or 3= (并列 and = mark a tie).

A JSON object (a file starting with "{") for published lists, as
ranking.Publication: {"title", "source", "lists": [{"name", "grade",
"complete", "order": "unordered|in_order|from_top|from_bottom", "first",
"units": [...]}], "ranks": [{"unit", "rank"}], "grades": [{"unit",
"grade"}], "scores": [{"unit", "node", "points", "score"}]}. A list "in
order" checks that each unit ranks after the one listed before it;
"from_top" that the k-th unit holds position first+k-1; "from_bottom"
that the first listed is last; a list with a grade checks each unit's
grade (named as the model names it), and a "complete" one also that no
other unit has that grade.

A self-verifying report: with one argument, an HTML report written by
ppgpa report, verify reads everything from the page alone: the embedded
model and data, the league table the page publishes (its published.csv
link) and the fingerprint it shows, recomputes, and says whether the
page agrees with itself (every published line, and the fingerprint part
by part).

Units that the publication does not name are "not published": they are
counted, never differences. Every published fact is one line of the
table: published value, recomputed value (a score rounded to the
decimals of the published one), difference, tolerance and verdict; then
the verdict in one line in Chinese and in English, and a place to sign.
Without -tol, each published score is taken as rounded to the decimals
it is written with: its tolerance is half a unit in its last place
(92.30: ±0.005). A published rank also agrees when it is the rank the
model's tie rule gives after replacing each recomputed score by the
published one it agrees with. Agreement statistics (Kendall's tau-b,
Spearman's rho, mean absolute rank shift) are given only when the
publication ranks every unit.

The fingerprint, in plain words: a checksum (SHA-256) of everything that
decides the result, in four parts: the library version, the model, the
data and the settings. Anyone who recomputes from the same four gets the
same fingerprint on any machine, whatever the order of the rows and
columns. With -expect (the fingerprint as published, with or without its
parts), verify also checks it and names the part that differs.
指纹：对决定结果的全部内容（程序版本、模型、数据、设置四部分）计算的校验值；用同样的
四部分重新计算，在任何机器上都得到同一指纹，与数据行列顺序无关；用 -expect 给出公布的
指纹时，verify 会指出哪一部分不同。

-format table (default) is the table to sign, in Chinese (-lang en for
English, -lang both for each heading and line in both); markdown is the
same as the verification appendix of a report; csv one row per line of
the table (the fingerprint on standard error); json the whole check. The
column names of csv and the keys of json stay as they are whatever -lang
says, and so do their cells: a node by its id, its points in the final
score "NODE:points". The exit status is 0 when everything
published agrees and 1 otherwise.

Examples:
  ppgpa verify model.json data.csv published.csv
  ppgpa verify report.html                                    # the report verifies itself
  ppgpa verify -format markdown -o appendix.md model.json data.csv published.json
  ppgpa verify -tol 0.005 model.json data.csv published.csv   # one tolerance for every score
  ppgpa verify -expect "$(cat fingerprint.txt)" model.json data.csv published.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var d dataFlags
			var o output
			var f format
			var tol float64
			var expect string
			d.register(fs)
			o.register(fs)
			f.register(fs, "table", "table", "csv", "json", "markdown")
			lang := langFlag(fs, "the table and Markdown")
			fs.StringVar(&expect, "expect", "", "the published fingerprint, as printed (the 64 hex digits, with or without its parts \"(library V, model M, data D, settings S)\" or \"（程序版本 V，模型 M，数据 D，设置 S）\"): verify also checks it and names the part that differs")
			fs.Float64Var(&tol, "tol", 0, "largest absolute score difference that counts as equal, for every score (0: half a unit in the last decimal of each published score)")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if len(args) != 1 {
					if err := nargs(args, "MODEL", "DATA", "PUBLISHED"); err != nil {
						return usagef("want 3 arguments, MODEL DATA PUBLISHED, or 1, a REPORT.html written by ppgpa report; got %d", len(args))
					}
				}
				if tol < 0 || math.IsNaN(tol) || math.IsInf(tol, 0) {
					return usagef("-tol must be a non-negative number")
				}
				var want ranking.FingerprintParts
				if expect != "" {
					var err error
					if want, err = ranking.ParseFingerprint(expect); err != nil {
						return usagef("-expect: %v", err)
					}
				}
				e.prog.steps("verify", verifySteps...)
				var p *indicator.Plan
				var t *indicator.Table
				var pub ranking.Publication
				var pubFile string
				if len(args) == 1 {
					// A self-verifying report: everything from the page.
					page, err := e.readInput(args[0])
					if err != nil {
						return err
					}
					pubFile = displayName(args[0])
					sv, err := readReportPage(pubFile, page)
					if err != nil {
						return err
					}
					p, t = sv.plan, sv.table
					if sv.published == nil {
						return fmt.Errorf("%s: the report publishes no league table (no published.csv link) to verify", pubFile)
					}
					if pub, err = readPublishedCSV(pubFile+" (published.csv)", sv.published, p.Model(), nil); err != nil {
						return err
					}
					pub.Title, pub.Source = p.Model().Name, inEach(*lang, " / ", func(l report.Lang) string { return tr(l, vPageItself, pubFile) })
					if expect == "" && sv.fingerprint != "" {
						expect = sv.fingerprint
						if want, err = ranking.ParseFingerprint(expect); err != nil {
							return fmt.Errorf("%s: the fingerprint shown on the page: %v", pubFile, err)
						}
					}
				} else {
					var err error
					if _, p, t, err = e.loadModelData(args[0], args[1], &d); err != nil {
						return err
					}
					b, err := e.readTabular(args[2])
					if err != nil {
						return err
					}
					pubFile = displayName(args[2])
					if pub, err = readPublication(pubFile, b, p.Model(), &d.in.skipSummary); err != nil {
						return err
					}
				}
				e.prog.stepDone(stepRead)
				chk, err := ranking.VerifyPublication(ctx, p, t, pub, ranking.VerifySettings{ScoreTol: tol})
				var ne *indicator.NodeError
				switch {
				case err != nil && len(args) == 3 && errors.As(err, &ne):
					// The recomputation failed: the model with the data.
					return evalErr(args[0], args[1], err)
				case err != nil:
					return fmt.Errorf("%s: %v", pubFile, strings.TrimPrefix(err.Error(), "ranking: "))
				}
				e.prog.stepDone(stepVerify)
				vr := &verifyResult{Check: chk}
				vr.Verdict.ZH, vr.Verdict.EN = verdict(report.Chinese, chk), verdict(report.English, chk)
				if chk.Complete {
					a := completeAgreement(chk, pub, p.Model().Ranking)
					vr.Agreement = a
				}
				if expect != "" {
					_, diff := chk.Fingerprint.Matches(want)
					vr.Expected, vr.FingerprintDiffers = &want, diff
					if diff == nil {
						vr.FingerprintDiffers = []string{}
					}
				}
				switch f.name {
				case "json":
					err = writeJSON(&o.buf, vr)
				case "csv":
					words := report.English // the machine interface: the library's words
					if f.xlsx {
						words = *lang
					}
					err = writeCheckCSV(&o.buf, chk, words)
					fmt.Fprintf(e.stderr, "ppgpa verify: fingerprint: %s\n", chk.Fingerprint)
					if a := vr.Agreement; a != nil {
						fmt.Fprintf(e.stderr, "ppgpa verify: agreement: %s\n", agreementPairs(a))
					}
				case "markdown":
					writeCheckMarkdown(&o.buf, vr, *lang)
				default:
					writeCheckTable(&o.buf, vr, *lang)
				}
				if err != nil {
					return err
				}
				if err := o.flush(e); err != nil {
					return err
				}
				var msgs []string
				if !chk.OK() {
					msgs = append(msgs, fmt.Sprintf("%s: %d of %d published item(s) differ from the recomputation", pubFile, chk.Differences, len(chk.Lines)))
				}
				if len(vr.FingerprintDiffers) > 0 {
					msgs = append(msgs, "the published fingerprint differs: "+fingerprintDiff(report.English, vr.FingerprintDiffers))
				}
				if msgs != nil {
					// The report of the differences is complete: it is
					// written, and the exit status says they differ.
					if err := e.commit(); err != nil {
						return err
					}
					return &failure{msgs}
				}
				return nil
			}
		},
	}
}

// readPublication reads PUBLISHED: JSON (a ranking.Publication) when it
// starts with '{', otherwise the CSV form of the verify help.
func readPublication(file string, b []byte, m *indicator.Model, skipSummary *bool) (ranking.Publication, error) {
	// An array is JSON records, a table read as CSV is.
	if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' || strings.HasSuffix(strings.ToLower(file), ".json") && (len(t) == 0 || t[0] != '[') {
		var pub ranking.Publication
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&pub); err != nil {
			var ute *json.UnmarshalTypeError
			if errors.As(err, &ute) {
				at := "the top level"
				if ute.Field != "" {
					at = "$." + ute.Field
				}
				return pub, fmt.Errorf("%s: %s: a JSON %s where the publication wants %s (see ppgpa verify -h)", file, at, ute.Value, jsonKind(ute.Type.Kind()))
			}
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return pub, jsonErr(file, b, dec, err)
			}
			return pub, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "json: "))
		}
		if len(pub.Lists)+len(pub.Ranks)+len(pub.Grades)+len(pub.Scores) == 0 {
			return pub, fmt.Errorf("%s: publishes nothing (no lists, ranks, grades or scores)", file)
		}
		return pub, nil
	}
	return readPublishedCSV(file, b, m, skipSummary)
}

// jsonKind names the JSON value that decodes into a Go value of kind k.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a number"
}

// readPublishedCSV reads the CSV form of a publication (see the verify
// help): an empty cell is not published.
//
// Title rows above the header are skipped. A summary row (合计, 平均) is
// an error naming its line, or left out with skipSummary; skipSummary
// nil is a command without -skip-summary.
func readPublishedCSV(file string, b []byte, m *indicator.Model, skipSummary *bool) (ranking.Publication, error) {
	var pub ranking.Publication
	recs, lines, err := readCSVLines(file, b)
	if err != nil {
		return pub, err
	}
	t := tabular.HeaderIndex(recs)
	recs, lines = recs[t:], lines[t:]
	if len(recs) == 0 {
		return pub, fmt.Errorf("%s: empty file (want a header row)", file)
	}
	col := map[string]int{"unit": -1, "score": -1, "rank": -1, "grade": -1}
	names := map[string]string{"unit": "unit", "id": "unit", "单位": "unit", "地区": "unit",
		"score": "score", "得分": "score", "rank": "rank", "排名": "rank", "名次": "rank", "grade": "grade", "等级": "grade"}
	nodes := map[string]bool{}
	if m != nil && m.Root != nil {
		var walk func(n *indicator.Node)
		walk = func(n *indicator.Node) {
			nodes[n.ID] = true
			if n.Name != "" {
				nodes[n.Name] = true
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(m.Root)
	}
	type nodeCol struct {
		j      int
		node   string
		points bool
	}
	var nodeCols []nodeCol
	for j, h := range recs[0] {
		h = strings.TrimSpace(h)
		k, ok := names[strings.ToLower(h)]
		if !ok {
			nd, points := h, false
			for _, suf := range []string{ranking.PointsSuffix, "（分值）", "(分值)"} {
				if strings.HasSuffix(nd, suf) {
					nd, points = strings.TrimSuffix(nd, suf), true
				}
			}
			if nodes[nd] && (j != 0 || points) {
				nodeCols = append(nodeCols, nodeCol{j, nd, points})
			}
			continue
		}
		if col[k] >= 0 {
			return pub, fmt.Errorf("%s: line %d, column %d: a second %s column (%q)", file, lines[0], j+1, k, h)
		}
		col[k] = j
	}
	if col["unit"] < 0 {
		col["unit"] = 0
	}
	if col["score"] < 0 && col["rank"] < 0 && col["grade"] < 0 && nodeCols == nil {
		return pub, fmt.Errorf("%s: line %d: no score, rank, grade or node column", file, lines[0])
	}
	seen := map[string]int{}
	for i, rec := range recs[1:] {
		line := lines[i+1]
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		cell := func(j int) string {
			if j < 0 || j >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[j])
		}
		u := cell(col["unit"])
		if u == "" {
			return pub, fmt.Errorf("%s: line %d, column %d: empty unit id", file, line, col["unit"]+1)
		}
		if tabular.IsSummary(u) {
			if skipSummary != nil && *skipSummary {
				continue
			}
			hint := "remove it"
			if skipSummary != nil {
				hint += " or skip summary rows (-skip-summary)"
			}
			return pub, fmt.Errorf("%s: line %d, column %d (%s): %q is a summary row, not a unit; %s", file, line, col["unit"]+1, strings.TrimSpace(recs[0][col["unit"]]), u, hint)
		}
		if l, dup := seen[u]; dup {
			return pub, fmt.Errorf("%s: line %d: unit %q already on line %d", file, line, u, l)
		}
		seen[u] = line
		number := func(j int, what string) (string, error) {
			c := cell(j)
			if c == "" {
				return "", nil
			}
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return "", fmt.Errorf("%s: line %d, column %d (%s): %q is not a number", file, line, j+1, what, c)
			}
			return c, nil
		}
		if c, err := number(col["score"], "score"); err != nil {
			return pub, err
		} else if c != "" {
			pub.Scores = append(pub.Scores, ranking.PublishedScore{Unit: u, Score: c})
		}
		if c := cell(col["rank"]); c != "" {
			if _, _, err := ranking.ParseRank(c); err != nil {
				return pub, fmt.Errorf("%s: line %d, column %d (rank): %v", file, line, col["rank"]+1, strings.TrimPrefix(err.Error(), "ranking: "))
			}
			pub.Ranks = append(pub.Ranks, ranking.PublishedRank{Unit: u, Rank: c})
		}
		if c := cell(col["grade"]); c != "" {
			pub.Grades = append(pub.Grades, ranking.PublishedGrade{Unit: u, Grade: c})
		}
		for _, nc := range nodeCols {
			c, err := number(nc.j, nc.node)
			if err != nil {
				return pub, err
			}
			if c != "" {
				pub.Scores = append(pub.Scores, ranking.PublishedScore{Unit: u, Node: nc.node, Points: nc.points, Score: c})
			}
		}
	}
	if len(seen) == 0 {
		return pub, fmt.Errorf("%s: no units after the header", file)
	}
	return pub, nil
}

// verifyResult is the check with its verdict, the agreement of the two
// rankings (complete publications only) and the published fingerprint.
type verifyResult struct {
	*ranking.Check
	Verdict struct {
		ZH string `json:"zh"`
		EN string `json:"en"`
	} `json:"verdict"`
	// Agreement compares the published and the recomputed ranks; only
	// when the publication ranks every unit.
	Agreement *verifyAgreement `json:"agreement,omitempty"`
	// Expected is the published fingerprint (-expect), and
	// FingerprintDiffers the parts in which it differs (empty: agrees).
	Expected           *ranking.FingerprintParts `json:"expected_fingerprint,omitempty"`
	FingerprintDiffers []string                  `json:"fingerprint_differs,omitempty"`
}

// verifyAgreement is the agreement of two complete rankings that should
// be the same: no p-values (a test of independence means nothing here).
type verifyAgreement struct {
	N            int  `json:"n"`
	TauB         jnum `json:"kendall_tau_b"`
	Rho          jnum `json:"spearman_rho"`
	MeanAbsShift jnum `json:"mean_abs_shift"`
}

// completeAgreement compares the published ranks (or the ranks of the
// published final scores under spec) with the recomputed ones, counting
// a rank that the published rounding explains as agreeing.
func completeAgreement(c *ranking.Check, pub ranking.Publication, spec *indicator.RankingSpec) *verifyAgreement {
	index := map[string]int{}
	for i, u := range c.Eval.Units {
		index[u] = i
	}
	var a, b []float64
	if len(pub.Ranks) > 0 {
		excused := map[string]bool{}
		for _, l := range c.Lines {
			if l.Kind == "rank" && l.Agrees {
				excused[l.Unit] = true
			}
		}
		for _, p := range pub.Ranks {
			r, _, _ := ranking.ParseRank(p.Rank)
			i := index[p.Unit]
			rr := c.Result.Rank[i]
			if excused[p.Unit] {
				rr = float64(r)
			}
			a, b = append(a, float64(r)), append(b, rr)
		}
	} else {
		// The ranks of the published final scores, under the same
		// ranking section (categories, veto placement) as the
		// recomputation; a complete publication scores every unit.
		st := c.Standing
		alt := ranking.Units{IDs: st.Units, Scores: slices.Clone(st.Score), Vetoed: st.Vetoed}
		if spec != nil && spec.Category != "" {
			alt.Categories = st.Category
		}
		var units []string
		for _, p := range pub.Scores {
			if p.Node == "" && !p.Points {
				v, _ := strconv.ParseFloat(p.Score, 64)
				alt.Scores[index[p.Unit]] = v
				units = append(units, p.Unit)
			}
		}
		pr, err := ranking.Classify(alt, spec)
		if err != nil {
			return nil
		}
		for _, u := range units {
			a, b = append(a, pr.Rank[index[u]]), append(b, c.Result.Rank[index[u]])
		}
	}
	ag := compareRanks(a, b, 0)
	return &verifyAgreement{N: ag.N, TauB: ag.TauB, Rho: ag.Rho, MeanAbsShift: ag.MeanAbsShift}
}

// fingerprintDiff says in l which parts of a fingerprint differ.
func fingerprintDiff(l report.Lang, parts []string) string {
	var w []string
	for _, p := range parts {
		w = append(w, vParts[p].In(l))
	}
	if l == report.English {
		return strings.Join(w, ", ")
	}
	return joinList(l, w)
}

// vlab is a label of verify's table in l: Chinese, English, or both
// (the Chinese and the English separated by a space).
func vlab(l report.Lang, t report.Text, args ...any) string {
	if l == report.Bilingual {
		return t.In(report.Chinese, args...) + " " + t.In(report.English, args...)
	}
	return t.In(l, args...)
}

// vcell is a cell of verify's table in l: in English for English, in
// Chinese otherwise (both languages would not fit a cell).
func vcell(l report.Lang, t report.Text, args ...any) string {
	if l == report.English {
		return t.In(l, args...)
	}
	return t.In(report.Chinese, args...)
}

// The texts of verify's table and appendix. The English of a line's
// kind, tolerance and note is the library's (ranking.CheckLine).
var (
	vTitle       = report.Text{ZH: "核验表", EN: "Verification of a published ranking"}
	vAppendix    = report.Text{ZH: "附录：公布结果核验", EN: "Appendix: verification of the published results"}
	vPublication = report.Text{ZH: "公布", EN: "publication"}
	vSource      = report.Text{ZH: "来源", EN: "source"}
	vPageItself  = report.Text{ZH: "%s（报告页面本身）", EN: "%s (the report page itself)"}
	vFingerprint = report.Text{ZH: "指纹", EN: "fingerprint"}
	vPublished   = report.Text{ZH: "公布的指纹", EN: "published fingerprint"}
	vAgrees      = report.Text{ZH: "一致", EN: "agrees"}
	vDiffers     = report.Text{ZH: "不一致", EN: "differs"}
	vFPDiffers   = report.Text{ZH: "不一致，不同的部分：%s", EN: "DIFFERENT: %s"}
	vUnits       = report.Text{ZH: "单位", EN: "units"}
	vUnitCount   = report.Text{ZH: "数据中%[1]d个，公布结果中点名%[2]d个", EN: "%[1]d in the data, %[2]d named in the publication"}
	vNotCompared = report.Text{ZH: "；另有%d个未公布，不作比较", EN: "; %d not published, not compared"}
	vAgreement   = report.Text{ZH: "完整排名的一致性", EN: "agreement of the complete rankings"}
	vAgreeFigs   = report.Text{ZH: "Kendall τ-b = %[1]s，Spearman ρ = %[2]s，平均名次差%[3]s位", EN: "Kendall tau-b %[1]s, Spearman rho %[2]s, mean absolute rank shift %[3]s"}
	vSign        = report.Text{ZH: "核验人（签字）：______________    日期：______________", EN: "Verified by (signature): ______________    Date: ______________"}
	vHead        = []report.Text{{ZH: "序号", EN: "no."}, {ZH: "项目", EN: "item"}, {ZH: "名单或指标", EN: "list/node"}, {ZH: "单位", EN: "unit"},
		{ZH: "公布", EN: "published"}, {ZH: "重算", EN: "recomputed"}, {ZH: "差值", EN: "difference"}, {ZH: "容差", EN: "tolerance"},
		{ZH: "结论", EN: "verdict"}, {ZH: "说明", EN: "note"}}
	// vVerdict is the verdict when every item agrees, vVerdictDiffer when
	// some differ, vVerdictNotPub the clause on the units not published.
	vVerdict       = report.Text{ZH: "核验结论：公布的%[1]d项结果与按同一模型和数据重新计算的结果全部一致%[2]s。", EN: "Verdict: all %[1]d published item(s) agree with the recomputation from the same model and data%[2]s."}
	vVerdictDiffer = report.Text{ZH: "核验结论：公布的%[1]d项结果中有%[2]d项与重新计算的结果不一致%[3]s。", EN: "Verdict: %[2]d of the %[1]d published item(s) differ from the recomputation from the same model and data%[3]s."}
	vVerdictNotPub = report.Text{ZH: "；另有%d个单位未公布，不作比较", EN: "; %d unit(s) not published, not compared"}
	// vParts name the parts of a fingerprint.
	vParts = map[string]report.Text{"version": {ZH: "程序版本", EN: "the library version"}, "model": {ZH: "模型", EN: "the model"},
		"data": {ZH: "数据", EN: "the data"}, "settings": {ZH: "设置", EN: "the settings"},
		"fingerprint": {ZH: "总指纹（公布时未给出各部分，无法指出哪一部分不同）", EN: "the combined fingerprint (the publication gives no parts, so the part that differs cannot be named)"}}
	// vKinds name the kinds of a line.
	vKinds = map[string]report.Text{"score": {ZH: "得分", EN: "score"}, "rank": {ZH: "名次", EN: "rank"}, "grade": {ZH: "等级", EN: "grade"}, "order": {ZH: "次序", EN: "order"}}
	// vTolerances are the tolerances that are words.
	vTolerances = map[string]report.Text{"exact": {ZH: "须相同", EN: "exact"},
		"exact; tied units in any order": {ZH: "须相同（并列者次序不限）", EN: "exact; tied units in any order"}}
	// vNotes are the notes of the lines.
	vNotes = map[string]report.Text{
		"not in the data":                                       {ZH: "数据中无此单位", EN: "not in the data"},
		"tied by the published rounding":                        {ZH: "按公布的取整分数并列", EN: "tied by the published rounding"},
		"published as tied, not tied in the recomputation":      {ZH: "公布为并列，重算未并列", EN: "published as tied, not tied in the recomputation"},
		"recomputed in the grade, missing from a complete list": {ZH: "重算属此等级，完整名单未列", EN: "recomputed in the grade, missing from a complete list"},
	}
	vRanksAbove = report.Text{ZH: "名次高于先列出的%s", EN: "ranks above %s, listed before it"}
	// vPoints and vPointsNamed name a node's points in the final score,
	// the published column NODE（分值）: by its id, or by its name and id.
	vPoints      = report.Text{ZH: "%s（分值）", EN: "points of %s"}
	vPointsNamed = report.Text{ZH: "%[1]s分值（%[2]s）", EN: "points of %[1]s (%[2]s)"}
)

// verdict is the check's one-line verdict in l (Chinese or English).
func verdict(l report.Lang, c *ranking.Check) string {
	np := ""
	if k := len(c.NotPublished); k > 0 {
		np = vVerdictNotPub.In(l, k)
	}
	if c.OK() {
		return vVerdict.In(l, len(c.Lines), np)
	}
	return vVerdictDiffer.In(l, len(c.Lines), c.Differences, np)
}

// wordIn gives a word of the library's (a kind, tolerance or note) in l
// when words knows it, else the word as it is.
func wordIn(l report.Lang, words map[string]report.Text, w string) string {
	if t, ok := words[w]; ok {
		return vcell(l, t)
	}
	return w
}

// noteIn gives a line's note in l (the library's notes are English).
func noteIn(l report.Lang, n string) string {
	if l == report.English {
		return n
	}
	if u, ok := strings.CutPrefix(n, "ranks above "); ok {
		if u, ok := strings.CutSuffix(u, ", listed before it"); ok {
			return vcell(l, vRanksAbove, u)
		}
	}
	return wordIn(l, vNotes, n)
}

// checkRows returns the table's header and rows in lang: the items,
// tolerances, verdicts and notes in Chinese, or in English (the
// library's words) for -lang en.
func checkRows(c *ranking.Check, lang report.Lang) ([]string, [][]string) {
	head := make([]string, len(vHead))
	for k, h := range vHead {
		head[k] = vlab(lang, h)
	}
	var rows [][]string
	for k, l := range c.Lines {
		v := vAgrees
		if !l.Agrees {
			v = vDiffers
		}
		what := l.What
		if l.Kind == "score" && what != "" {
			what = scoreNodeLabel(lang, c.Eval, what)
		}
		rows = append(rows, []string{strconv.Itoa(k + 1), wordIn(lang, vKinds, l.Kind), what, l.Unit, l.Published, dash(l.Recomputed), dash(l.Difference),
			wordIn(lang, vTolerances, l.Tolerance), vcell(lang, v), noteIn(lang, l.Note)})
	}
	return head, rows
}

// scoreNodeLabel names the node of a sub-score line in l (both: in
// Chinese, as vcell): the library's line names it by its id, with
// ":points" for its points in the final score (see
// ranking.CheckLine.What); the table names it by the model's name with
// the id in brackets, the key of the model, the data and the published
// column: 公共服务（service）, 行政效能分值（efficiency）; "points of
// 行政效能 (efficiency)" in English. A node without a name, or one res
// does not know, keeps its id.
func scoreNodeLabel(l report.Lang, res *indicator.Result, what string) string {
	id, points := strings.CutSuffix(what, ranking.PointsSuffix)
	name := ""
	if res != nil {
		for _, n := range res.Nodes {
			if n.ID == id {
				name = n.Name
				break
			}
		}
	}
	label := id
	if name != "" && name != id {
		label = name + paren(vcellLang(l), id)
	}
	switch {
	case !points:
		return label
	case name != "" && name != id:
		return vcell(l, vPointsNamed, name, id)
	default:
		return vcell(l, vPoints, id)
	}
}

// vcellLang is the language of a cell of verify's table in l (see vcell).
func vcellLang(l report.Lang) report.Lang {
	if l == report.English {
		return l
	}
	return report.Chinese
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// checkHeading writes the lines above the table, in lang (both: each
// label in Chinese and English, as verify always wrote them).
func checkHeading(w io.Writer, vr *verifyResult, md bool, lang report.Lang) {
	c := vr.Check
	item := func(label report.Text, s string) {
		line := vlab(lang, label) + colon(lang) + s
		if lang == report.Bilingual {
			line = vlab(lang, label) + ": " + s
		}
		if md {
			fmt.Fprintf(w, "- %s\n", line)
		} else {
			fmt.Fprintln(w, line)
		}
	}
	if c.Title != "" {
		item(vPublication, c.Title)
	}
	if c.Source != "" {
		item(vSource, c.Source)
	}
	if lang != report.English {
		item(vFingerprint, c.Fingerprint.Chinese())
	} else {
		item(vFingerprint, c.Fingerprint.String())
	}
	// both: the Chinese, then the English in brackets.
	both := func(f func(l report.Lang) string) string {
		if lang == report.Bilingual {
			return f(report.Chinese) + " (" + f(report.English) + ")"
		}
		return f(lang)
	}
	if vr.Expected != nil {
		if len(vr.FingerprintDiffers) == 0 {
			item(vPublished, vlab(lang, vAgrees))
		} else {
			item(vPublished, both(func(l report.Lang) string { return vFPDiffers.In(l, fingerprintDiff(l, vr.FingerprintDiffers)) }))
		}
	}
	item(vUnits, both(func(l report.Lang) string {
		s := vUnitCount.In(l, c.Units, c.Named)
		if k := len(c.NotPublished); k > 0 {
			s += vNotCompared.In(l, k)
		}
		return s
	}))
	if a := vr.Agreement; a != nil {
		tau, rho, shift := fixed(float64(a.TauB), 3), fixed(float64(a.Rho), 3), fixed(float64(a.MeanAbsShift), 2)
		item(vAgreement, both(func(l report.Lang) string { return vAgreeFigs.In(l, tau, rho, shift) }))
	}
}

// verdictLines are the verdict and the signature lines in lang.
func verdictLines(vr *verifyResult, lang report.Lang, md bool) string {
	var v []string
	sign := vSign.ZH
	switch lang {
	case report.English:
		v, sign = []string{vr.Verdict.EN}, vSign.EN
	case report.Chinese:
		v = []string{vr.Verdict.ZH}
	default:
		v = []string{vr.Verdict.ZH, vr.Verdict.EN}
	}
	if md {
		v[0] = "**" + v[0] + "**"
		return strings.Join(v, "\n\n") + "\n\n" + sign
	}
	return strings.Join(v, "\n") + "\n\n" + sign
}

// writeCheckTable writes the table to sign.
func writeCheckTable(w io.Writer, vr *verifyResult, lang report.Lang) {
	fmt.Fprintf(w, "%s\n", vlab(lang, vTitle))
	checkHeading(w, vr, false, lang)
	fmt.Fprintln(w)
	head, rows := checkRows(vr.Check, lang)
	t := newTable(head...).right(0, 6).in(lang)
	for _, r := range rows {
		t.add(r...)
	}
	t.write(w)
	fmt.Fprintf(w, "\n%s\n", verdictLines(vr, lang, false))
}

// writeCheckMarkdown writes the check as a report's verification
// appendix.
func writeCheckMarkdown(w io.Writer, vr *verifyResult, lang report.Lang) {
	title := tr(lang, vAppendix)
	if lang == report.Bilingual {
		title = vAppendix.ZH + " (Verification of the published results)"
	}
	fmt.Fprintf(w, "## %s\n\n", title)
	checkHeading(w, vr, true, lang)
	fmt.Fprintln(w)
	head, rows := checkRows(vr.Check, lang)
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	fmt.Fprintf(w, "| %s |\n|", strings.Join(head, " | "))
	for range head {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		for k := range r {
			r[k] = esc(r[k])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintf(w, "\n%s\n", verdictLines(vr, lang, true))
}

// agreementPairs formats a as name=value pairs separated by spaces, the
// names those of the JSON members, the numbers as num writes them.
func agreementPairs(a *verifyAgreement) string {
	return fmt.Sprintf("n=%d kendall_tau_b=%s spearman_rho=%s mean_abs_shift=%s",
		a.N, num(float64(a.TauB)), num(float64(a.Rho)), num(float64(a.MeanAbsShift)))
}

// writeCheckCSV writes one row per line of the check, the fingerprint in
// the last column of each. With words English, the CSV of -format csv,
// its cells are the library's (ranking.CheckLine); in Chinese or both,
// the rows of a Chinese workbook (-format xlsx), the item, node,
// tolerance, verdict (一致, 不一致) and note are in the words of the table
// to sign (checkRows).
func writeCheckCSV(w io.Writer, c *ranking.Check, words report.Lang) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"kind", "what", "unit", "published", "recomputed", "difference", "tolerance", "agrees", "note", "fingerprint"})
	for _, l := range c.Lines {
		kind, what, tol, agrees, note := l.Kind, l.What, l.Tolerance, strconv.FormatBool(l.Agrees), l.Note
		if words != report.English {
			kind, tol, note = wordIn(words, vKinds, kind), wordIn(words, vTolerances, tol), noteIn(words, note)
			if l.Kind == "score" && what != "" {
				what = scoreNodeLabel(words, c.Eval, what)
			}
			agrees = vcell(words, vDiffers)
			if l.Agrees {
				agrees = vcell(words, vAgrees)
			}
		}
		cw.Write([]string{kind, what, l.Unit, l.Published, l.Recomputed, l.Difference, tol, agrees, note, c.Fingerprint.Fingerprint})
	}
	cw.Flush()
	return cw.Error()
}
