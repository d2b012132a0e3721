package ranking

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/indicator"
)

// pubModel is a one-leaf model whose score is the leaf's value (no
// normalisation), so that the expected ranks and grades of these tests
// are read off the data by hand: 优秀 for scores >= 90, 良好 >= 80, 达标
// for the rest; min ties.
func pubModel(t interface{ Fatal(...any) }, units []string, x []float64) (*indicator.Plan, *indicator.Table) {
	ninety, eighty := 90.0, 80.0
	m := &indicator.Model{Version: 1, Name: "pub", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "a", Name: "甲", Column: "a", Weight: 1, Normalization: &indicator.Normalization{Method: "none"}},
		{ID: "b", Name: "乙", Column: "b", Weight: 1, Normalization: &indicator.Normalization{Method: "none"}},
	}},
		Ranking: &indicator.RankingSpec{Ties: "min", Grades: []indicator.GradeSpec{{Name: "优秀", MinScore: &ninety}, {Name: "良好", MinScore: &eighty}, {Name: "达标"}}}}
	rows := make([][]float64, len(x))
	for i, v := range x {
		rows[i] = []float64{v, v}
	}
	tab, err := indicator.NewTable(units, []string{"a", "b"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	return p, tab
}

// The hand-made ranking: A 95, B 92, C 92 (tied 2nd), D 85, E 81, F 70,
// G 60. Grades: A B C 优秀, D E 良好, F G 达标.
var pubUnits, pubScores = []string{"A", "B", "C", "D", "E", "F", "G"}, []float64{95, 92, 92, 85, 81, 70, 60}

func checkPub(t *testing.T, pub Publication) *Check {
	t.Helper()
	p, tab := pubModel(t, pubUnits, pubScores)
	c, err := VerifyPublication(context.Background(), p, tab, pub, VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// bad lists the units of the lines that disagree, as "kind:unit".
func bad(c *Check) []string {
	var b []string
	for _, l := range c.Lines {
		if !l.Agrees {
			b = append(b, l.Kind+":"+l.Unit)
		}
	}
	return b
}

func TestVerifyPublicationForms(t *testing.T) {
	for _, tc := range []struct {
		name         string
		pub          Publication
		bad          []string
		notPublished int
	}{
		{"top three in order, the tie in either order", Publication{Lists: []PublishedList{{Name: "前三名", Order: FromTop, Units: []string{"A", "C", "B"}}}}, nil, 4},
		{"top list with a wrong order", Publication{Lists: []PublishedList{{Name: "前三名", Order: FromTop, Units: []string{"B", "A", "C"}}}}, []string{"order:B", "order:A"}, 4},
		{"bottom two from last", Publication{Lists: []PublishedList{{Name: "后两名", Order: FromBottom, Units: []string{"G", "F"}}}}, nil, 5},
		{"bottom two swapped", Publication{Lists: []PublishedList{{Name: "后两名", Order: FromBottom, Units: []string{"F", "G"}}}}, []string{"order:F", "order:G"}, 5},
		{"grade list in order, complete", Publication{Lists: []PublishedList{{Name: "良好单位", Grade: "良好", Complete: true, Order: InOrder, Units: []string{"D", "E"}}}}, nil, 5},
		{"grade list in a wrong order", Publication{Lists: []PublishedList{{Name: "良好单位", Grade: "良好", Order: InOrder, Units: []string{"E", "D"}}}}, []string{"order:D"}, 5},
		{"complete grade list missing a unit", Publication{Lists: []PublishedList{{Name: "优秀单位", Grade: "优秀", Complete: true, Units: []string{"A", "B"}}}}, []string{"grade:C"}, 5},
		{"incomplete grade list missing a unit", Publication{Lists: []PublishedList{{Name: "优秀单位", Grade: "优秀", Units: []string{"A", "B"}}}}, nil, 5},
		{"grade lists that omit a grade (达标 略)", Publication{Lists: []PublishedList{
			{Name: "优秀单位", Grade: "优秀", Complete: true, Order: InOrder, Units: []string{"A", "B", "C"}},
			{Name: "良好单位", Grade: "良好", Complete: true, Order: InOrder, Units: []string{"D", "E"}}}}, nil, 2},
		{"a unit in the wrong grade list", Publication{Lists: []PublishedList{{Name: "良好单位", Grade: "良好", Units: []string{"D", "F"}}}}, []string{"grade:F"}, 5},
		{"a published unit missing from the data", Publication{Lists: []PublishedList{{Name: "前两名", Order: FromTop, Units: []string{"A", "X"}}}}, []string{"order:X"}, 6},
		{"partial ranks in every notation", Publication{Ranks: []PublishedRank{{"A", "第1名"}, {"B", "并列2"}, {"C", "2="}, {"D", "第 4 名"}, {"G", "7"}}}, nil, 2},
		{"a tie written 并列 that is not one", Publication{Ranks: []PublishedRank{{"D", "并列第4名"}}}, []string{"rank:D"}, 6},
		{"a wrong partial rank", Publication{Ranks: []PublishedRank{{"E", "第4名"}}}, []string{"rank:E"}, 6},
		{"grades of named units", Publication{Grades: []PublishedGrade{{"A", "优秀"}, {"F", "良好"}}}, []string{"grade:F"}, 5},
		{"sub-scores by node id and name", Publication{Scores: []PublishedScore{{Unit: "A", Node: "a", Score: "95.0"}, {Unit: "D", Node: "乙", Score: "85"}, {Unit: "E", Score: "81.00"}}}, nil, 4},
		{"a sub-score off by more than its rounding", Publication{Scores: []PublishedScore{{Unit: "A", Node: "a", Score: "95.1"}}}, []string{"score:A"}, 6},
		{"points of a node in the final score", Publication{Scores: []PublishedScore{{Unit: "A", Node: "a", Points: true, Score: "47.5"}}}, nil, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := checkPub(t, tc.pub)
			if got := bad(c); !slices.Equal(got, tc.bad) {
				t.Errorf("differences %v, want %v", got, tc.bad)
			}
			if len(c.NotPublished) != tc.notPublished {
				t.Errorf("not published %v, want %d units", c.NotPublished, tc.notPublished)
			}
			if c.OK() != (tc.bad == nil) || c.Differences != len(tc.bad) {
				t.Errorf("OK %v, %d differences", c.OK(), c.Differences)
			}
			if c.Complete {
				t.Errorf("a partial publication is complete")
			}
		})
	}
}

// TestVerifyPublicationLine: one line as an official reads it: the
// published score, the recomputed one rounded to its decimals, the
// difference and the tolerance.
func TestVerifyPublicationLine(t *testing.T) {
	c := checkPub(t, Publication{Scores: []PublishedScore{{Unit: "B", Score: "91.96"}}})
	want := CheckLine{Kind: "score", Unit: "B", Published: "91.96", Recomputed: "92.00", Difference: "-0.04", Tolerance: "±0.005", Agrees: false}
	if len(c.Lines) != 1 || c.Lines[0] != want {
		t.Fatalf("lines %+v, want %+v", c.Lines, want)
	}
	zh, en := c.Verdict()
	if zh != "核验结论：公布的1项结果中有1项与重新计算的结果不一致；另有6个单位未公布，不作比较。" || !strings.HasPrefix(en, "Verdict: 1 of the 1 published item(s) differ") {
		t.Errorf("verdict %q / %q", zh, en)
	}
}

func TestVerifyPublicationErrors(t *testing.T) {
	for _, tc := range []struct {
		pub  Publication
		want string
	}{
		{Publication{Lists: []PublishedList{{Name: "优良", Grade: "优良", Units: []string{"A"}}}}, `grade "优良" is not one of the model's grades (优秀, 良好, 达标)`},
		{Publication{Ranks: []PublishedRank{{"A", "first"}}}, `"first" is not a rank`},
		{Publication{Scores: []PublishedScore{{Unit: "A", Node: "c", Score: "1"}}}, `node "c" is not in the model`},
		{Publication{Lists: []PublishedList{{Name: "x", Units: []string{"A", "A"}}}}, `unit "A" listed twice`},
		{Publication{Lists: []PublishedList{{Name: "x", Order: "sideways", Units: []string{"A"}}}}, `order "sideways"`},
	} {
		p, tab := pubModel(t, pubUnits, pubScores)
		_, err := VerifyPublication(context.Background(), p, tab, tc.pub, VerifySettings{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.pub, err, tc.want)
		}
	}
}

func TestParseRank(t *testing.T) {
	for _, c := range []struct {
		in   string
		r    int
		tied bool
	}{{"3", 3, false}, {"第3名", 3, false}, {" 第 12 名 ", 12, false}, {"并列3", 3, true}, {"并列第3名", 3, true}, {"3=", 3, true}, {"=3", 3, true}, {"T3", 3, true}, {"第３名", 3, false}} {
		r, tied, err := ParseRank(c.in)
		if err != nil || r != c.r || tied != c.tied {
			t.Errorf("ParseRank(%q) = %d, %v, %v; want %d, %v", c.in, r, tied, err, c.r, c.tied)
		}
	}
	for _, s := range []string{"", "0", "-1", "3.5", "第名", "三"} {
		if _, _, err := ParseRank(s); err == nil {
			t.Errorf("ParseRank(%q): no error", s)
		}
	}
}

// TestVerifyOwnOutput: the complete output of a scheme (every unit's
// rank, grade and final score rounded to two decimals) always verifies,
// and any single swap of two units with different ranks in the published
// top list is found.
func TestVerifyOwnOutput(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 12).Draw(t, "units")
		units := make([]string, n)
		x := make([]float64, n)
		for i := range n {
			units[i] = "单位" + strconv.Itoa(i)
			x[i] = float64(rapid.IntRange(5000, 10000).Draw(t, "x")) / 100
		}
		p, tab := pubModel(t, units, x)
		c0, err := VerifyPublication(context.Background(), p, tab, Publication{}, VerifySettings{})
		if err != nil {
			t.Fatal(err)
		}
		gr, res := c0.Result, c0.Eval
		var pub Publication
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return int(gr.Rank[a] - gr.Rank[b]) })
		list := PublishedList{Name: "全部", Order: FromTop}
		for _, i := range order {
			u := res.Units[i]
			list.Units = append(list.Units, u)
			pub.Ranks = append(pub.Ranks, PublishedRank{u, fmt.Sprintf("第%s名", num(gr.Rank[i]))})
			pub.Grades = append(pub.Grades, PublishedGrade{u, gr.Name[i]})
			pub.Scores = append(pub.Scores, PublishedScore{Unit: u, Score: strconv.FormatFloat(res.Score[i], 'f', 2, 64)})
		}
		pub.Lists = []PublishedList{list}
		c, err := VerifyPublication(context.Background(), p, tab, pub, VerifySettings{})
		if err != nil {
			t.Fatal(err)
		}
		if !c.OK() || !c.Complete || len(c.NotPublished) != 0 {
			t.Fatalf("own output: differences %v, complete %v", bad(c), c.Complete)
		}
		a, b := rapid.IntRange(0, n-1).Draw(t, "a"), rapid.IntRange(0, n-1).Draw(t, "b")
		ua, ub := list.Units[a], list.Units[b]
		if gr.Rank[slices.Index(res.Units, ua)] == gr.Rank[slices.Index(res.Units, ub)] {
			return // a tie: either order is right
		}
		sw := slices.Clone(list.Units)
		sw[a], sw[b] = sw[b], sw[a]
		c, err = VerifyPublication(context.Background(), p, tab, Publication{Lists: []PublishedList{{Name: "全部", Order: FromTop, Units: sw}}}, VerifySettings{})
		if err != nil {
			t.Fatal(err)
		}
		if c.OK() {
			t.Fatalf("swap of %s and %s not found", ua, ub)
		}
		c, err = VerifyPublication(context.Background(), p, tab, Publication{Lists: []PublishedList{{Name: "全部", Order: InOrder, Units: sw}}}, VerifySettings{})
		if err != nil {
			t.Fatal(err)
		}
		if c.OK() {
			t.Fatalf("swap of %s and %s not found in an unanchored list", ua, ub)
		}
	})
}
