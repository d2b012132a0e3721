package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

var writePublished = flag.Bool("write-published", false, "rewrite published/2011_data.csv from its formula")

// order2011 is the order of the 21 cities in the synthetic data of the
// 2011 check. Six places are published (中山 1, 广州 2, 深圳 3, 江门 12,
// 梅州 17, 汕尾 21); the others are filled in so that the published
// statements hold (eight of the nine Pearl River Delta cities and 云浮 in
// the first ten), in an order that is not a statement about any city.
var order2011 = []string{"中山", "广州", "深圳", "佛山", "珠海", "东莞", "惠州", "肇庆", "云浮", "汕头",
	"阳江", "江门", "清远", "潮州", "河源", "湛江", "梅州", "揭阳", "茂名", "韶关", "汕尾"}

// data2011 builds the synthetic data of the 2011 check: the city at
// place k (0 first) has the quality q = 1 - k/20, and every indicator
// moves with q between its goalposts (worst w, best b of model.json):
//
//	x = w + (b - w) (0.25 + 0.5 q),  satisfaction = 4.8 + 1.2 q (of 10)
//
// so that every domain, and the index, falls with k whatever the domain
// weights. The satisfaction's standard error is 0.05. Rows are in the
// byte order of the city names.
func data2011() []byte {
	type col struct {
		name        string
		worst, best float64
	}
	cols := []col{{"gdp_pc", 0, 12}, {"gdp_growth", 0, 12}, {"income", 0, 5}, {"urban_rural_ratio", 4.5, 1.5},
		{"insurance_pct", 60, 100}, {"unemployment_pct", 6, 1}, {"air_good_pct", 50, 100}, {"energy_per_gdp", 1.5, 0.3},
		{"sewage_pct", 40, 100}, {"admin_share_pct", 25, 5}, {"staff_per_1000", 60, 10}, {"admin_cost_pc", 3000, 300}}
	names := slices.Clone(order2011)
	slices.SortFunc(names, strings.Compare)
	var b bytes.Buffer
	b.WriteString("unit")
	for _, c := range cols {
		b.WriteString("," + c.name)
	}
	b.WriteString(",satisfaction,se_satisfaction\n")
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	for _, n := range names {
		q := 1 - float64(slices.Index(order2011, n))/20
		b.WriteString(n)
		for _, c := range cols {
			b.WriteString("," + f(c.worst+(c.best-c.worst)*(0.25+0.5*q)))
		}
		b.WriteString("," + f(4.8+1.2*q) + ",0.050\n")
	}
	return b.Bytes()
}

// TestPublished2011 checks the partial ranks of the 2011 red book as the
// press published them (published/2011.json) with
// ranking.VerifyPublication, as `ppgpa verify` does, on the synthetic data
// of published/2011_data.csv, generated so that the published places
// hold: the check agrees, the 15 cities without a published rank are "not
// published", and a wrong published rank is found.
func TestPublished2011(t *testing.T) {
	pb, err := os.ReadFile("published/2011.json")
	if err != nil {
		t.Fatal(err)
	}
	var pub ranking.Publication
	if err := json.Unmarshal(pb, &pub); err != nil {
		t.Fatal(err)
	}
	want := data2011()
	if *writePublished {
		if err := os.WriteFile("published/2011_data.csv", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("published/2011_data.csv")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("published/2011_data.csv is not what its formula gives (%v): run go test ./examples/guangdong -run TestPublished2011 -write-published", err)
	}
	m, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(bytes.NewReader(got), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.OK() || len(c.NotPublished) != 15 || len(c.Lines) != 7 {
		t.Fatalf("%d differences, %d lines, %d not published", c.Differences, len(c.Lines), len(c.NotPublished))
	}
	pub.Ranks[3].Rank = "第11名"
	if c, err = ranking.VerifyPublication(context.Background(), plan, tab, pub, ranking.VerifySettings{}); err != nil || c.Differences != 1 {
		t.Fatalf("a wrong rank of 江门 is not found (%v)", err)
	}
}
