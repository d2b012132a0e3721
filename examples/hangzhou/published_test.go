package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

var writePublished = flag.Bool("write-published", false, "rewrite published/2020_data.csv from its formula")

// groupOffsets shift the nine voting groups' scores around the social
// score; weighted by the groups' weights in model.json (30, 15, 5, 5, 5,
// 10, 10, 10, 10) they sum to zero.
var groupOffsets = []float64{0.6, -0.4, 1.0, 0.8, -1.2, -0.6, 0.2, -0.5, -0.6}

// data2020 builds the synthetic data of the 2020 check (see
// published/README.md): the 18 优秀 and 16 良好 units in their published
// order, then 44 placeholders for the 达标 units whose names were not
// published. The unit at place k (0 first) gets the total score T_k:
//
//	优秀 (k = 0..17):  93.00 - 0.20 k
//	良好 (k = 18..33): 87.90 - 0.15 (k - 18)
//	达标 (k = 34..77): 84.90 - 0.06 (k - 34)
//
// split as social T+0.9 (each voting group T+0.9 plus its offset), target
// T-1 and leadership T (standard errors of the groups' scores 0.50), so that 0.5 social + 0.45 target + 0.05 leadership
// = T; no innovation bonus, no veto. The rows are written in the byte
// order of the unit names, not in the published order.
func data2020(pub ranking.Publication) []byte {
	var names []string
	for _, l := range pub.Lists {
		names = append(names, l.Units...)
	}
	for k := range 44 {
		names = append(names, fmt.Sprintf("达标单位（名称未公布）%02d", k+1))
	}
	total := func(k int) float64 {
		switch {
		case k < 18:
			return 93 - 0.2*float64(k)
		case k < 34:
			return 87.9 - 0.15*float64(k-18)
		}
		return 84.9 - 0.06*float64(k-34)
	}
	return syntheticData(names, 2, func(k int) float64 { return total(k) + 0.9 }, func(k int, f func(float64) string) string {
		return f(total(k)-1) + "," + f(total(k))
	})
}

// TestPublished2020 checks Hangzhou's published 2020 lists of 优秀 and 良好
// municipal units (published/2020.json, transcribed from the notice) with
// ranking.VerifyPublication, as `ppgpa verify` does, on the synthetic
// data of published/2020_data.csv, which are generated so that the
// published order holds: the check must agree, and the 44 达标 units must
// be "not published". It also checks that a swap of two listed units is
// found, so that the agreement is not vacuous.
func TestPublished2020(t *testing.T) {
	mb, err := os.ReadFile("published/model2020.json")
	if err != nil {
		t.Fatal(err)
	}
	pub, plan, tab := loadPublished(t, "2020", data2020, mb)
	c, err := ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() || len(c.NotPublished) != 44 || len(c.Lines) != 2*34 {
		t.Fatalf("%d differences, %d lines, %d not published", c.Differences, len(c.Lines), len(c.NotPublished))
	}
	pub.Lists[0].Units[3], pub.Lists[0].Units[4] = pub.Lists[0].Units[4], pub.Lists[0].Units[3]
	if c, err = ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{}); err != nil || c.OK() {
		t.Fatalf("a swap in the 优秀 list is not found (%v)", err)
	}
}

// data2005 builds the synthetic data of the 2005 check: the ten 优胜
// units in their published order, 55 placeholders for the units whose
// places were not published, and 市卫生局 last (66 units). The unit at
// place k (0 first) has the social score
//
//	s_k = 85.224 - (85.224 - 74.2386) k / 65
//
// (so that its social points, half of it, are the published 42.6120 for
// the first and 37.1193 for the last), each voting group s_k plus its
// offset, the target score 95 - 0.05 k and the leadership score 90; no
// bonus, no veto. Rows are in the byte order of the unit names.
func data2005(pub ranking.Publication) []byte {
	names := slices.Clone(pub.Lists[0].Units)
	for k := range 55 {
		names = append(names, fmt.Sprintf("其他单位（名次未公布）%02d", k+1))
	}
	names = append(names, pub.Lists[1].Units...)
	return syntheticData(names, 4, func(k int) float64 { return 85.224 - (85.224-74.2386)*float64(k)/65 }, func(k int, f func(float64) string) string {
		return f(95-0.05*float64(k)) + ",90"
	})
}

// TestPublished2005 checks what Hangzhou published for 2005
// (published/2005.json): the ten 优胜 units in order from the top, the
// last unit, and the social-evaluation points of the first and the last
// (sub-scores of the node social, as points of the final score), on the
// synthetic data of published/2005_data.csv generated so that they hold,
// with model.json itself. A wrong sub-score is found.
func TestPublished2005(t *testing.T) {
	pub, plan, tab := loadPublished(t, "2005", data2005, modelJSON)
	c, err := ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() || len(c.NotPublished) != 55 || len(c.Lines) != 13 {
		t.Fatalf("%d differences, %d lines, %d not published: %+v", c.Differences, len(c.Lines), len(c.NotPublished), c.Lines)
	}
	pub.Scores[0].Score = "42.6130"
	if c, err = ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{}); err != nil || c.Differences != 1 {
		t.Fatalf("a wrong social-evaluation score is not found (%v)", err)
	}
}

// data2010 builds the synthetic data of the 2010 check (73 units): the
// first 优胜 unit, 11 placeholders, the first 先进 unit (13th), 57
// placeholders, and the bottom three from the third-to-last to the last.
// The unit at place k (0 first) scores, in every voting group (plus its
// offset), 88 - 0.15 k, target 96 - 0.05 k and leadership 90; no bonus, no
// veto. Rows are in the byte order of the unit names.
func data2010(pub ranking.Publication) []byte {
	names := slices.Clone(pub.Lists[0].Units)
	for k := range 11 {
		names = append(names, fmt.Sprintf("优胜单位（名次未公布）%02d", k+1))
	}
	names = append(names, pub.Lists[1].Units...)
	for k := range 57 {
		names = append(names, fmt.Sprintf("其他单位（名次未公布）%02d", k+1))
	}
	last := slices.Clone(pub.Lists[2].Units)
	slices.Reverse(last)
	names = append(names, last...)
	return syntheticData(names, 2, func(k int) float64 { return 88 - 0.15*float64(k) }, func(k int, f func(float64) string) string {
		return f(96-0.05*float64(k)) + ",90"
	})
}

// syntheticData writes the data of a published-list check: one row per
// name, in the byte order of the names; the unit at place k (0 first, its
// index in names) scores social(k) plus the group's offset in every
// voting group, with standard errors 0.50, then target and leadership as
// rest writes them, no bonus and no veto. Numbers have the given
// decimals.
func syntheticData(names []string, decimals int, social func(k int) float64, rest func(k int, f func(float64) string) string) []byte {
	order := make([]int, len(names))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(names[a], names[b]) })
	var b bytes.Buffer
	b.WriteString("unit")
	for _, g := range groups {
		b.WriteString("," + g.column)
	}
	for _, g := range groups {
		b.WriteString(",se_" + g.column)
	}
	b.WriteString(",target,leadership,innovation,veto\n")
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', decimals, 64) }
	for _, k := range order {
		b.WriteString(names[k])
		for _, off := range groupOffsets {
			b.WriteString("," + f(social(k)+off))
		}
		b.WriteString(strings.Repeat(",0.50", len(groups)))
		b.WriteString("," + rest(k, f) + ",0,0\n")
	}
	return b.Bytes()
}

// TestPublished2010 checks what Hangzhou published for 2010
// (published/2010.json): the first 优胜 unit, the first 先进 unit (13th,
// after the 12 优胜 units) and the bottom three from last, on the
// synthetic data of published/2010_data.csv generated so that they hold.
// The bottom three in a wrong order are found.
func TestPublished2010(t *testing.T) {
	pub, plan, tab := loadPublished(t, "2010", data2010, modelJSON)
	c, err := ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() || len(c.NotPublished) != 68 || len(c.Lines) != 5 {
		t.Fatalf("%d differences, %d lines, %d not published: %+v", c.Differences, len(c.Lines), len(c.NotPublished), c.Lines)
	}
	slices.Reverse(pub.Lists[2].Units)
	if c, err = ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{}); err != nil || c.Differences != 2 {
		t.Fatalf("the bottom three in a wrong order are not found (%v)", err)
	}
}

// loadPublished reads published/YEAR.json, checks that
// published/YEAR_data.csv is what gen makes of it (rewriting it under
// -write-published), and compiles the model: what each TestPublishedYEAR
// verifies.
func loadPublished(t *testing.T, year string, gen func(ranking.Publication) []byte, model []byte) (ranking.Publication, *indicator.Plan, *indicator.Table) {
	t.Helper()
	var pub ranking.Publication
	pb, err := os.ReadFile("published/" + year + ".json")
	if err == nil {
		err = json.Unmarshal(pb, &pub)
	}
	if err != nil {
		t.Fatal(err)
	}
	name := "published/" + year + "_data.csv"
	want := gen(pub)
	if *writePublished {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(name)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is not what its formula gives (%v): run go test ./examples/hangzhou -run TestPublished%s -write-published", name, err, year)
	}
	m, err := indicator.DecodeModel(bytes.NewReader(model))
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Ranking; r != nil && r.Category != "" && !bytes.Contains(bytes.SplitN(got, []byte("\n"), 2)[0], []byte(r.Category)) {
		// The lists of 2005 and 2010 are of the municipal units alone,
		// and their data have no category column: one table, ranked
		// and graded as the model's ranking section says otherwise.
		r.Category, r.Categories = "", nil
		for k := range r.Designations {
			r.Designations[k].Category = ""
		}
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(bytes.NewReader(got), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return pub, plan, tab
}
