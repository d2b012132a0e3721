// Command years scores a synthetic panel of eight districts over four
// years with one model and compares the years: last year's rank and the
// change, the flags of the multi-year rules (last place two years
// running, the largest rise), and why a district that improved in raw
// terms did or did not move in rank — once with min-max recomputed over
// each year's own data, once against the goalposts of the base year.
//
//	go run ./examples/years
//	go run ./examples/years -format json
//	go run ./examples/years -format html > report.html  # the last year's published report, in Chinese, with last year's ranks
//
// The model is model.json (with base_year 2021), the panel panel.csv (one
// row per district and year, a year column). The data are SYNTHETIC.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	publication "github.com/ppgpa/ppgpa/ranking/report"
)

var (
	//go:embed model.json
	modelJSON []byte
	//go:embed panel.csv
	panelCSV []byte
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, runs the comparison and writes it to stdout. It
// returns the exit code: 0 on success (and for -h), 2 for bad flags, 1
// otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("years", "Year-over-year comparison of eight districts on a synthetic four-year panel.", stderr)
	var format string
	fs.StringVar(&format, "format", "table", "output format: table, csv, json, or html for the last year's published report (in Chinese)")
	valid := func() bool { return excli.TableFormat(format) || format == "html" }
	if code, ok := excli.Parse(fs, args, stdout, valid, "want -format table, csv, json or html and no arguments"); !ok {
		return code
	}
	rep, err := compare(ctx)
	if err == nil {
		if format == "html" {
			err = rep.publish(ctx, stdout)
		} else {
			err = write(stdout, format, rep)
		}
	}
	return excli.Exit(fs, err)
}

// publish writes the published report of the last year: the model with
// the base year's goalposts (what ScorePanel scored every year with) on
// the last year's data, with the year before's ranks and scores.
func (rep *report) publish(ctx context.Context, w io.Writer) error {
	pr := rep.Fixed
	k := len(pr.Years) - 1
	plan, err := indicator.Compile(pr.Model)
	if err != nil {
		return err
	}
	in, err := publication.Build(ctx, plan, rep.tables[k], publication.Settings{Replications: 500})
	if err != nil {
		return err
	}
	in.Period = strconv.Itoa(pr.Years[k]) + "年度"
	in.Description = "多年度比较示例（模拟数据）：8个城区、4个年度，以" + strconv.Itoa(pr.BaseYear) + "年为基期固定标准化的上下限；本报告为最后一个年度，并列出上年排名。"
	prev := pr.Standings[k-1]
	var last []publication.LastYear
	for i, id := range prev.Units {
		last = append(last, publication.LastYear{Unit: id, Rank: prev.Rank[i], Score: prev.Score[i]})
	}
	if err := in.SetLastYear(last); err != nil {
		return err
	}
	return publication.Write(w, publication.HTML, in)
}

// watched are the districts whose raw values improved every year and
// whose rank moves are explained.
var watched = []string{"丙区", "丁区"}

// report holds both scorings of the panel.
type report struct {
	Model     string `json:"model"`
	Synthetic bool   `json:"synthetic_data"`
	// Fixed is the panel scored against the base year's goalposts;
	// PerYear with min-max recomputed over each year's data; tables are
	// the panel's tables, one per year.
	Fixed   *ranking.PanelResult `json:"-"`
	tables  []*indicator.Table
	PerYear *ranking.PanelResult `json:"-"`
	Rows    []row                `json:"rows"`
	Explain []explanation        `json:"explanations"`
	// Recomputed is what the per-year scoring recomputes every year.
	Recomputed []string `json:"recomputed_per_year"`
}

// row is one district in one year, scored against the base year.
type row struct {
	Year       int       `json:"year"`
	District   string    `json:"district"`
	Raw        []float64 `json:"raw"`
	Score      float64   `json:"score"`
	Rank       float64   `json:"rank"`
	Grade      string    `json:"grade"`
	LastRank   float64   `json:"last_rank"`
	RankChange float64   `json:"rank_change"`
	// PerYearScore and PerYearRank are the score and rank with min-max
	// recomputed over the year's own data.
	PerYearScore float64  `json:"per_year_score"`
	PerYearRank  float64  `json:"per_year_rank"`
	Designations []string `json:"designations,omitempty"`
	Flags        []string `json:"flags,omitempty"`
}

// explanation says, for a watched district between two years, how its
// raw values, scores and rank moved.
type explanation struct {
	District string `json:"district"`
	From     int    `json:"from"`
	To       int    `json:"to"`
	Text     string `json:"text"`
}

// columns are the indicator columns, in model order.
var columns = []string{"satisfaction", "days", "online"}

// readPanel splits panel.csv into one table per year.
func readPanel() (ranking.Panel, error) {
	recs, err := csv.NewReader(bytes.NewReader(panelCSV)).ReadAll()
	if err != nil {
		return ranking.Panel{}, err
	}
	byYear := map[int][][]string{}
	var years []int
	for _, r := range recs[1:] {
		y, err := strconv.Atoi(r[1])
		if err != nil {
			return ranking.Panel{}, fmt.Errorf("panel.csv: year %q: %v", r[1], err)
		}
		if byYear[y] == nil {
			years = append(years, y)
		}
		byYear[y] = append(byYear[y], r)
	}
	var p ranking.Panel
	for _, y := range years {
		var units []string
		var data [][]float64
		for _, r := range byYear[y] {
			units = append(units, r[0])
			var v []float64
			for _, s := range r[2:] {
				x, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return p, fmt.Errorf("panel.csv: %s %d: %v", r[0], y, err)
				}
				v = append(v, x)
			}
			data = append(data, v)
		}
		t, err := indicator.NewTable(units, columns, data)
		if err != nil {
			return p, err
		}
		p.Years, p.Tables = append(p.Years, y), append(p.Tables, t)
	}
	return p, nil
}

// compare scores the panel twice: as the model says (base year 2021) and
// with the base year removed (min-max over each year's data).
func compare(ctx context.Context) (*report, error) {
	m, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return nil, err
	}
	p, err := readPanel()
	if err != nil {
		return nil, err
	}
	fixed, err := ranking.ScorePanel(ctx, m, p)
	if err != nil {
		return nil, err
	}
	per := m.Clone()
	per.Ranking.Years.BaseYear = 0
	perYear, err := ranking.ScorePanel(ctx, per, p)
	if err != nil {
		return nil, err
	}
	rep := &report{Model: m.Name, Synthetic: true, Fixed: fixed, PerYear: perYear, Recomputed: perYear.Recomputed, tables: p.Tables}
	raw := func(k int, id string) []float64 {
		t := p.Tables[slices.Index(p.Years, fixed.Years[k])]
		u := slices.Index(t.Units(), id)
		var v []float64
		for _, c := range columns {
			col, _ := t.Column(c)
			v = append(v, col[u])
		}
		return v
	}
	for k, st := range fixed.Standings {
		ps := perYear.Standings[k]
		for _, lt := range st.Tables {
			for _, i := range lt.Units {
				id := st.Units[i]
				j := slices.Index(ps.Units, id)
				r := row{Year: st.Year, District: id, Raw: raw(k, id), Score: st.Score[i], Rank: st.Rank[i], Grade: st.Grade[i],
					LastRank: math.NaN(), RankChange: math.NaN(), PerYearScore: ps.Score[j], PerYearRank: ps.Rank[j], Designations: st.Designations[i]}
				if st.Previous != nil {
					r.LastRank, r.RankChange = st.Previous.Rank[i], st.Previous.RankChange[i]
				}
				for _, f := range st.Flags[i] {
					r.Flags = append(r.Flags, f.Rule+" ("+f.Reason+")")
				}
				rep.Rows = append(rep.Rows, r)
			}
		}
	}
	// Explanations for the watched districts, first year to last.
	a, b := 0, len(fixed.Years)-1
	for _, id := range watched {
		ra, rb := raw(a, id), raw(b, id)
		get := func(pr *ranking.PanelResult, k int) (float64, float64) {
			s := pr.Standings[k]
			i := slices.Index(s.Units, id)
			return s.Score[i], s.Rank[i]
		}
		fa, fra := get(fixed, a)
		fb, frb := get(fixed, b)
		pa, pra := get(perYear, a)
		pb, prb := get(perYear, b)
		var text strings.Builder
		fmt.Fprintf(&text, "raw: satisfaction %g → %g, days %g → %g, online %g → %g (better on every indicator). ", ra[0], rb[0], ra[1], rb[1], ra[2], rb[2])
		fmt.Fprintf(&text, "Against the %d goalposts its score went %.2f → %.2f (%+.2f): the score follows its own values. ", fixed.BaseYear, fa, fb, fb-fa)
		fmt.Fprintf(&text, "With min-max recomputed every year it went %.2f → %.2f (%+.2f), because the best and worst values of each year moved too. ", pa, pb, pb-pa)
		switch {
		case frb < fra:
			fmt.Fprintf(&text, "Its rank rose %g → %g: it improved more than the districts it passed.", fra, frb)
		case frb == fra:
			fmt.Fprintf(&text, "Its rank stayed %g: the districts around it improved as much or more, so improving was not enough to move.", frb)
		default:
			fmt.Fprintf(&text, "Its rank fell %g → %g: others improved more.", fra, frb)
		}
		if prb != frb || pra != fra {
			fmt.Fprintf(&text, " (Per-year min-max ranks: %g → %g.)", pra, prb)
		}
		rep.Explain = append(rep.Explain, explanation{District: id, From: fixed.Years[a], To: fixed.Years[b], Text: text.String()})
	}
	return rep, nil
}

// write writes the report in the given format.
func write(w io.Writer, format string, rep *report) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(jsonSafe(rep))
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"year", "district", "satisfaction", "days", "online", "score", "rank", "grade", "last_rank", "rank_change",
			"per_year_score", "per_year_rank", "designations", "flags", "synthetic_data"})
		for _, r := range rep.Rows {
			cw.Write([]string{strconv.Itoa(r.Year), r.District, num(r.Raw[0]), num(r.Raw[1]), num(r.Raw[2]), excli.F(r.Score, 4), num(r.Rank), r.Grade,
				num(r.LastRank), num(r.RankChange), excli.F(r.PerYearScore, 4), num(r.PerYearRank), strings.Join(r.Designations, ";"), strings.Join(r.Flags, ";"), "true"})
		}
		cw.Flush()
		return cw.Error()
	}
	fmt.Fprintf(w, "%s\n", rep.Model)
	fmt.Fprintf(w, "SYNTHETIC DATA: 8 districts, %d years, one compiled model; goalposts of base year %d.\n", len(rep.Fixed.Years), rep.Fixed.BaseYear)
	fmt.Fprintf(w, "Without the base year, these parts are recomputed from each year's own data, and scores of different years are not comparable:\n")
	for _, r := range rep.Recomputed {
		fmt.Fprintf(w, "  - %s\n", r)
	}
	year := 0
	for _, r := range rep.Rows {
		if r.Year != year {
			year = r.Year
			fmt.Fprintf(w, "\n%d\n", year)
			fmt.Fprintf(w, "%4s  %s %6s %5s %6s %8s  %s %9s %6s  %s %s  %s\n", "rank", excli.Pad("district", 8), "satis.", "days", "online", "score",
				excli.Pad("grade", 6), "last rank", "change", excli.PadLeft("per-year", 8), excli.PadLeft("rank", 4), "designations and flags")
		}
		notes := append(slices.Clone(r.Designations), r.Flags...)
		fmt.Fprintf(w, "%4s  %s %6g %5g %6g %8.2f  %s %9s %6s  %8.2f %4s  %s\n", num(r.Rank), excli.Pad(r.District, 8), r.Raw[0], r.Raw[1], r.Raw[2], r.Score,
			excli.Pad(r.Grade, 6), dash(r.LastRank), change(r.RankChange), r.PerYearScore, num(r.PerYearRank), strings.Join(notes, "; "))
	}
	fmt.Fprintf(w, "\nscore: against the goalposts of %d (unclipped, so a value better than any of %d scores above 100 on that indicator);\n", rep.Fixed.BaseYear, rep.Fixed.BaseYear)
	fmt.Fprintf(w, "per-year: the score and rank with min-max recomputed over each year's own data. change: places risen since last year.\n")
	for _, e := range rep.Explain {
		fmt.Fprintf(w, "\n%s, %d → %d: %s\n", e.District, e.From, e.To, e.Text)
	}
	return nil
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "NA"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func dash(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return num(x)
}

func change(x float64) string {
	switch {
	case math.IsNaN(x):
		return "-"
	case x > 0:
		return "+" + num(x)
	}
	return num(x)
}

// jsonSafe replaces the NaN of the first year's last rank and change by
// a null-able form.
func jsonSafe(rep *report) any {
	type jrow struct {
		row
		LastRank   *float64 `json:"last_rank"`
		RankChange *float64 `json:"rank_change"`
	}
	rows := make([]jrow, len(rep.Rows))
	for k, r := range rep.Rows {
		rows[k] = jrow{row: r}
		if !math.IsNaN(r.LastRank) {
			rows[k].LastRank, rows[k].RankChange = &rep.Rows[k].LastRank, &rep.Rows[k].RankChange
		}
	}
	return struct {
		Model      string        `json:"model"`
		Synthetic  bool          `json:"synthetic_data"`
		BaseYear   int           `json:"base_year"`
		Rows       []jrow        `json:"rows"`
		Explain    []explanation `json:"explanations"`
		Recomputed []string      `json:"recomputed_per_year"`
	}{rep.Model, true, rep.Fixed.BaseYear, rows, rep.Explain, rep.Recomputed}
}
