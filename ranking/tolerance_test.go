package ranking

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestDefaultTolerance: the zero Options tie scores 1e-15 apart (relative
// 1e-15 < DefaultRelTol = 1e-12) but not 2e-10 apart; Exact ties only
// equal scores. Expected ranks by hand: 1+2e-10 is first, the other two
// share positions 2 and 3 (average 2.5).
func TestDefaultTolerance(t *testing.T) {
	t.Parallel()
	x := []float64{1, 1 + 1e-15, 1 + 2e-10}
	if r, _ := Rank(x, nil, Options{}); !slices.Equal(r, []float64{2.5, 2.5, 1}) {
		t.Errorf("default: %v", r)
	}
	if r, _ := Rank(x, nil, Options{Exact: true}); !slices.Equal(r, []float64{3, 2, 1}) {
		t.Errorf("exact: %v", r)
	}
	// Exact overrides explicit tolerances too.
	if r, _ := Rank(x, nil, Options{Exact: true, AbsTol: 1}); !slices.Equal(r, []float64{3, 2, 1}) {
		t.Errorf("exact with abs_tol: %v", r)
	}
	// An explicit tolerance replaces the default: AbsTol 1e-20 alone is
	// tighter than 1e-12 relative.
	if r, _ := Rank(x, nil, Options{AbsTol: 1e-20}); !slices.Equal(r, []float64{3, 2, 1}) {
		t.Errorf("abs_tol 1e-20: %v", r)
	}
	// Large scores: 1e6 and 1e6 + 1e-7 differ by 1e-13 relative.
	if r, _ := Rank([]float64{1e6, 1e6 + 1e-7}, nil, Options{Ties: TieMin}); !slices.Equal(r, []float64{1, 1}) {
		t.Errorf("large: %v", r)
	}
	// Score cutoffs use the same tolerance: 90 - 1e-14 meets a cutoff of 90
	// by default, not under Exact.
	g := Grading{Grades: []GradeRule{{Name: "A", MinScore: ptr(90)}, {Name: "B"}}}
	res, err := Grade([]float64{90 - 1e-14, 80}, nil, nil, g)
	if err != nil || !slices.Equal(res.Name, []string{"A", "B"}) {
		t.Errorf("cutoff default: %+v %v", res, err)
	}
	g.Ranking.Exact = true
	if res, _ = Grade([]float64{90 - 1e-14, 80}, nil, nil, g); !slices.Equal(res.Name, []string{"B", "B"}) {
		t.Errorf("cutoff exact: %+v", res)
	}
}

// TestGradeNaNLast: with quota-only grades a NaN score would reach the top
// grade when every other unit is vetoed or quotas leave room; it gets the
// last grade and does not use quota.
func TestGradeNaNLast(t *testing.T) {
	t.Parallel()
	g := Grading{Ranking: Options{NaN: NaNLast}, Grades: []GradeRule{{Name: "A", MaxShare: ptr(0.5)}, {Name: "B", MaxShare: ptr(0.5)}, {Name: "C"}}}
	res, err := Grade([]float64{math.NaN(), 3, 2, 1}, []bool{false, false, true, false}, nil, g)
	if err != nil {
		t.Fatal(err)
	}
	// Unit 1 (3) is A, unit 3 (1) A too (2 of 4 allowed), unit 2 vetoed C,
	// the NaN unit C.
	if !slices.Equal(res.Name, []string{"C", "A", "C", "A"}) || res.Rank[0] != 4 {
		t.Errorf("got %+v", res)
	}
}

func TestFromSpecRankingFields(t *testing.T) {
	t.Parallel()
	g, err := FromSpec(&indicator.RankingSpec{Direction: "lower_first", NaN: "last", Exact: true, Ties: "min"})
	if err != nil {
		t.Fatal(err)
	}
	if g.Ranking != (Options{Direction: LowerFirst, NaN: NaNLast, Exact: true, Ties: TieMin}) {
		t.Errorf("got %+v", g.Ranking)
	}
	for _, bad := range []*indicator.RankingSpec{{Direction: "up"}, {NaN: "skip"}, {Exact: true, RelTol: 1e-9}} {
		if _, err := FromSpec(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestVerifySameScore: a published score within the ranking's tie
// tolerance of the recomputed one agrees even with a zero-width score
// tolerance, and two NaN scores agree.
func TestVerifySameScore(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		p, r float64
		tol  float64
		o    Options
		want bool
	}{
		{80, 80 + 1e-13, 0, Options{}, true},
		{80, 80 + 1e-13, 0, Options{Exact: true}, false},
		{80, 80.004, 0.005, Options{}, true},
		{80, 80.006, 0.005, Options{}, false},
		{80, 80.5, 0.005, Options{AbsTol: 1}, true},
		{math.NaN(), math.NaN(), 0, Options{}, true},
		{math.NaN(), 80, 1e9, Options{}, false},
	} {
		if got := sameScore(c.p, c.r, c.tol, c.o); got != c.want {
			t.Errorf("sameScore(%v, %v, %v, %+v) = %v", c.p, c.r, c.tol, c.o, got)
		}
	}
}

// TestDuplicateIDs: a unit id given twice is an error naming the id, from
// Rank, Grade and the bootstrap and parametric analyses alike.
func TestDuplicateIDs(t *testing.T) {
	t.Parallel()
	ids := []string{"a", "b", "a"}
	check := func(name string, err error) {
		var ue *UnitError
		if !errors.Is(err, ErrDuplicateID) || !errors.As(err, &ue) || ue.Unit != "a" || ue.Index != 2 || !strings.Contains(err.Error(), `"a"`) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	_, err := Rank([]float64{1, 2, 3}, ids, Options{})
	check("Rank", err)
	_, err = Grade([]float64{1, 2, 3}, nil, ids, Grading{})
	check("Grade", err)
	ctx := context.Background()
	_, err = BootstrapCounts(ctx, [][]int{{1, 2}, {2, 1}, {1, 1}}, []float64{0, 1}, ids, Settings{Replications: 10})
	check("BootstrapCounts", err)
	_, err = Parametric(ctx, []float64{1, 2, 3}, []float64{1, 1, 1}, ids, Settings{Replications: 10})
	check("Parametric", err)
	_, err = ParametricCov(ctx, []float64{1, 2, 3}, diag(1, 1, 1), ids, Settings{Replications: 10})
	check("ParametricCov", err)
}
