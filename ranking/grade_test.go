package ranking

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ppgpa/ppgpa/indicator"
	"pgregory.net/rapid"
)

func ptr(v float64) *float64 { return &v }

// hangzhou is a four-grade scheme with cutoffs and a 20% quota on the top
// grade, as in Hangzhou's assessment (examples/hangzhou/SOURCES.md).
func hangzhou() Grading {
	return Grading{
		Grades: []GradeRule{
			{Name: "优秀", MinScore: ptr(90), MaxShare: ptr(0.2)},
			{Name: "良好", MinScore: ptr(80)},
			{Name: "达标", MinScore: ptr(60)},
			{Name: "不达标"},
		},
		BottomK: 2,
	}
}

func TestGrade(t *testing.T) {
	t.Parallel()
	// Ten units, so the 20% quota is 2 excellent places. Hand derivation:
	// u0 95 and u1 93 fill the quota; u2 91 meets 90 but the quota is full,
	// so 良好; u3 vetoed -> 不达标 whatever its 92, outside the quota count;
	// u4 85, u5 80 (cutoff inclusive) 良好; u6 79.9, u7 60 达标; u8 59, u9 30
	// 不达标. Ranks: 95 93 92 91 85 80 79.9 60 59 30 -> 1..10 in that order.
	// Bottom-2: units at positions 9 and 10 (u8, u9).
	scores := []float64{95, 93, 91, 92, 85, 80, 79.9, 60, 59, 30}
	vetoed := []bool{false, false, false, true, false, false, false, false, false, false}
	res, err := Grade(scores, vetoed, nil, hangzhou())
	if err != nil {
		t.Fatal(err)
	}
	want := &GradeResult{
		Rank:    []float64{1, 2, 4, 3, 5, 6, 7, 8, 9, 10},
		Grade:   []int{0, 0, 1, 3, 1, 1, 2, 2, 3, 3},
		Name:    []string{"优秀", "优秀", "良好", "不达标", "良好", "良好", "达标", "达标", "不达标", "不达标"},
		BottomK: []bool{false, false, false, false, false, false, false, false, true, true},
	}
	if diff := cmp.Diff(want, res, cmpopts.IgnoreFields(GradeResult{}, "Fingerprint")); diff != "" {
		t.Errorf("Grade mismatch (-want +got):\n%s", diff)
	}
	// The fingerprint is that of the inputs: it changes with a score, a
	// veto flag or the grading, and not between calls.
	again, _ := Grade(scores, vetoed, nil, hangzhou())
	if len(res.Fingerprint) != 64 || again.Fingerprint != res.Fingerprint {
		t.Errorf("fingerprint %q, again %q", res.Fingerprint, again.Fingerprint)
	}
	other := slices.Clone(scores)
	other[9] = 31
	g2 := hangzhou()
	g2.BottomK = 3
	for name, r := range map[string]func() (*GradeResult, error){
		"score":   func() (*GradeResult, error) { return Grade(other, vetoed, nil, hangzhou()) },
		"veto":    func() (*GradeResult, error) { return Grade(scores, nil, nil, hangzhou()) },
		"grading": func() (*GradeResult, error) { return Grade(scores, vetoed, nil, g2) },
	} {
		if got, err := r(); err != nil || got.Fingerprint == res.Fingerprint {
			t.Errorf("%s changed: same fingerprint (err %v)", name, err)
		}
	}
}

func TestGradePanics(t *testing.T) {
	t.Parallel()
	expectPanics(t, map[string]func(){
		"vetoed length": func() { Grade([]float64{1, 2}, []bool{true}, nil, hangzhou()) },
		"ids length":    func() { Grade([]float64{1, 2}, nil, []string{"a"}, hangzhou()) },
	})
}

func TestGradeTiesAtQuota(t *testing.T) {
	t.Parallel()
	// Five units, quota floor(0.4*5)=2: u0 alone fits, then the tie group
	// {u1, u2} would make 3 and moves down as a whole. Bottom-1 with a tie
	// for last place flags nobody (the group spans positions 4 and 5).
	g := Grading{Grades: []GradeRule{{Name: "A", MaxShare: ptr(0.4)}, {Name: "B"}}, BottomK: 1}
	res, err := Grade([]float64{10, 9, 9, 5, 5}, nil, nil, g)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Grade, []int{0, 1, 1, 1, 1}) || slices.Contains(res.BottomK, true) {
		t.Errorf("got grades %v, bottom-k %v", res.Grade, res.BottomK)
	}
}

func TestGradeLowerFirstAndTolerance(t *testing.T) {
	t.Parallel()
	// Lower is better, cutoff 10 (at most): 10 + 1e-12 is within AbsTol.
	g := Grading{Ranking: Options{Direction: LowerFirst, AbsTol: 1e-9}, Grades: []GradeRule{{Name: "good", MinScore: ptr(10)}, {Name: "bad"}}}
	res, err := Grade([]float64{10 + 1e-12, 11, 3}, nil, nil, g)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Name, []string{"good", "bad", "good"}) {
		t.Errorf("got %v", res.Name)
	}
}

func TestFromSpec(t *testing.T) {
	t.Parallel()
	spec := &indicator.RankingSpec{Ties: "min", AbsTol: 1e-9, Grades: []indicator.GradeSpec{{Name: "A", MinScore: ptr(90)}, {Name: "B"}}, VetoGrade: "B", BottomK: 3}
	g, err := FromSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	if g.Ranking.Ties != TieMin || g.Ranking.AbsTol != 1e-9 || len(g.Grades) != 2 || *g.Grades[0].MinScore != 90 || g.VetoGrade != "B" || g.BottomK != 3 {
		t.Errorf("got %+v", g)
	}
	*spec.Grades[0].MinScore = 50
	if *g.Grades[0].MinScore != 90 {
		t.Error("FromSpec shares memory with the spec")
	}
	for name, bad := range map[string]*indicator.RankingSpec{
		"ties":       {Ties: "sometimes"},
		"veto":       {Grades: []indicator.GradeSpec{{Name: "A"}}, VetoGrade: "Z"},
		"share":      {Grades: []indicator.GradeSpec{{Name: "A", MaxShare: ptr(1.5)}}},
		"dup":        {Grades: []indicator.GradeSpec{{Name: "A"}, {Name: "A"}}},
		"empty name": {Grades: []indicator.GradeSpec{{}}},
		"bottom":     {BottomK: -1},
	} {
		if _, err := FromSpec(bad); !errors.Is(err, ErrGrading) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if g, err := FromSpec(nil); err != nil || len(g.Grades) != 0 {
		t.Error("nil spec")
	}
}

func TestFingerprint(t *testing.T) {
	t.Parallel()
	tab, err := indicator.NewTable([]string{"a", "b"}, []string{"x"}, [][]float64{{1}, {2}})
	if err != nil {
		t.Fatal(err)
	}
	tab2, _ := indicator.NewTable([]string{"a", "b"}, []string{"x"}, [][]float64{{1}, {2.5}})
	m := &indicator.Model{Version: 1, Name: "m"}
	f1, err := Fingerprint(m, tab, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f2, _ := Fingerprint(m.Clone(), tab, Options{})
	f3, _ := Fingerprint(m, tab2, Options{})
	f4, _ := Fingerprint(m, tab, Options{Ties: TieMin})
	f5, _ := Fingerprint(nil, nil, nil)
	if len(f1) != 64 || f1 != f2 || f1 == f3 || f1 == f4 || f5 == f1 {
		t.Errorf("fingerprints %s %s %s %s %s", f1, f2, f3, f4, f5)
	}
}

func TestGradeProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := scoresGen().Draw(t, "scores")
		n := len(x)
		vetoed := make([]bool, n)
		for i := range vetoed {
			vetoed[i] = rapid.IntRange(0, 9).Draw(t, "veto") == 0
		}
		share := float64(rapid.IntRange(0, 10).Draw(t, "share")) / 10
		g := Grading{
			Ranking: optionsGen().Draw(t, "ranking"),
			Grades: []GradeRule{
				{Name: "A", MinScore: ptr(float64(rapid.IntRange(-3, 3).Draw(t, "cut"))), MaxShare: ptr(share)},
				{Name: "B", MaxShare: ptr(0.5)},
				{Name: "C"},
			},
			BottomK: rapid.IntRange(0, 5).Draw(t, "bottom_k"),
		}
		if g.Ranking.NaN == NaNLast {
			for i := range x {
				if rapid.IntRange(0, 5).Draw(t, "is_nan") == 0 {
					x[i] = math.NaN()
				}
			}
		}
		ox, ov := slices.Clone(x), slices.Clone(vetoed)
		res, err := Grade(x, vetoed, nil, g)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(x, ox, func(a, b float64) bool { return a == b || a != a && b != b }) || !slices.Equal(vetoed, ov) {
			t.Fatal("inputs modified")
		}
		count := make([]int, 3)
		flagged := 0
		for i := range n {
			if vetoed[i] {
				if res.Grade[i] != 2 {
					t.Fatalf("vetoed unit %d has grade %d", i, res.Grade[i])
				}
				continue
			}
			count[res.Grade[i]]++
			if x[i] != x[i] && res.Grade[i] != 2 {
				t.Fatalf("unit %d with a NaN score has grade %d", i, res.Grade[i])
			}
			abs, rel := g.Ranking.tolerances()
			cut := *g.Grades[0].MinScore
			if res.Grade[i] == 0 && !(x[i] >= cut-(abs+rel*math.Abs(cut))) && g.Ranking.Direction == HigherFirst {
				t.Fatalf("unit %d with score %v is A below the cutoff", i, x[i])
			}
			for k := range n {
				if !vetoed[k] && res.Rank[k] == res.Rank[i] && g.Ranking.Ties != TieOrdinal && res.Grade[k] != res.Grade[i] {
					t.Fatalf("tied units %d and %d have grades %d and %d", i, k, res.Grade[i], res.Grade[k])
				}
			}
		}
		for i := range n {
			if res.BottomK[i] {
				flagged++
			}
		}
		if count[0] > int(share*float64(n)+1e-9) || count[1] > n/2 || flagged > g.BottomK {
			t.Fatalf("quotas exceeded: counts %v of %d (share %v), %d flagged for bottom %d", count, n, share, flagged, g.BottomK)
		}
	})
}

// TestGradeParallelSame checks that Grade gives the same result on 3,000
// units whether its minimum ranks and fingerprint are computed on other
// cores or after the ranks, with ties, NaN scores and vetoes, and the
// same error for a grading whose fingerprint cannot be computed.
func TestGradeParallelSame(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 3000
	scores, vetoed, ids := make([]float64, n), make([]bool, n), make([]string, n)
	for i := range scores {
		scores[i] = float64(r.IntN(500)) / 4
		if r.IntN(100) == 0 {
			scores[i] = math.NaN()
		}
		vetoed[i] = r.IntN(50) == 0
		ids[i] = fmt.Sprintf("u%04d", (i*7919)%n)
	}
	min60 := 60.0
	g := Grading{Ranking: Options{Ties: TieAverage, NaN: NaNLast}, Grades: []GradeRule{{Name: "A", MinScore: &min60}, {Name: "B"}}, BottomK: 10}
	bad := g
	bad.Ranking.AbsTol = math.Inf(1)
	for _, gr := range []Grading{g, bad} {
		old := parallelGradeMin
		parallelGradeMin = 1 << 30
		want, werr := Grade(scores, vetoed, ids, gr)
		parallelGradeMin = old
		got, err := Grade(scores, vetoed, ids, gr)
		if fmt.Sprint(err) != fmt.Sprint(werr) || (err != nil) != math.IsInf(gr.Ranking.AbsTol, 0) {
			t.Fatalf("error %v, want %v", err, werr)
		}
		if d := cmp.Diff(want, got, cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("parallel Grade differs (-serial +parallel):\n%s", d)
		}
	}
}
