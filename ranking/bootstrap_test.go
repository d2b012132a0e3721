package ranking

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ppgpa/ppgpa/internal/rng"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

func TestBootstrapCountsSeparated(t *testing.T) {
	t.Parallel()
	// Unit a: everyone answers 4; unit b: everyone 1; unit c: half 2,
	// half 3. a and b cannot move (degenerate multinomials), c lies
	// strictly between, so every replication ranks a, c, b.
	counts := [][]int{{0, 0, 0, 50}, {40, 0, 0, 0}, {0, 30, 30, 0}}
	d, err := BootstrapCounts(context.Background(), counts, []float64{1, 2, 3, 4}, []string{"a", "b", "c"}, Settings{Replications: 200, TopK: 1, BottomK: 1, Bands: []int{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 3, 2}
	for name, got := range map[string][]float64{"nominal": d.Nominal, "median": d.Median, "lo": d.Lo, "hi": d.Hi, "min": d.Min, "max": d.Max, "mean": d.Mean} {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	if !slices.Equal(d.PTop, []float64{1, 0, 0}) || !slices.Equal(d.PBottom, []float64{0, 1, 0}) {
		t.Errorf("PTop %v PBottom %v", d.PTop, d.PBottom)
	}
	if diff := cmp.Diff([][]float64{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}}, d.Bands); diff != "" {
		t.Errorf("bands (-want +got):\n%s", diff)
	}
	if d.MeanAbsShift != 0 || d.Replications != 200 {
		t.Errorf("shift %v, replications %d", d.MeanAbsShift, d.Replications)
	}
}

func TestBootstrapErrors(t *testing.T) {
	t.Parallel()
	v := []float64{0, 1}
	if _, err := BootstrapCounts(context.Background(), [][]int{{1, 1}, {0, 0}}, v, []string{"a", "b"}, Settings{}); !errors.Is(err, ErrNoRespondents) {
		t.Errorf("empty unit: %v", err)
	}
	if _, err := BootstrapCounts(context.Background(), [][]int{{1, -1}}, v, nil, Settings{}); !errors.Is(err, ErrNegative) {
		t.Errorf("negative count: %v", err)
	}
	if _, err := Parametric(context.Background(), []float64{1, 2}, []float64{1, -1}, nil, Settings{}); !errors.Is(err, ErrNegative) {
		t.Errorf("negative se: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parametric(ctx, []float64{1, 2}, []float64{1, 1}, nil, Settings{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	expectPanics(t, map[string]func(){
		"categories": func() { _, _ = BootstrapCounts(context.Background(), [][]int{{1}}, v, nil, Settings{}) },
		"ids": func() {
			_, _ = Parametric(context.Background(), []float64{1}, []float64{1}, []string{"a", "b"}, Settings{})
		},
		"level": func() { _, _ = Parametric(context.Background(), []float64{1}, []float64{1}, nil, Settings{Level: 1.5}) },
		"bands": func() {
			_, _ = Parametric(context.Background(), []float64{1}, []float64{1}, nil, Settings{Bands: []int{3, 2}})
		},
	})
}

// withProcs runs f with GOMAXPROCS set to p. Tests that call it must not
// run in parallel with others that depend on GOMAXPROCS.
func withProcs(p int, f func()) {
	old := runtime.GOMAXPROCS(p)
	defer runtime.GOMAXPROCS(old)
	f()
}

func TestSurveyUncertaintyProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "units")
		counts := make([][]int, n)
		est := make([]float64, n)
		se := make([]float64, n)
		zero := rapid.Bool().Draw(t, "zero_se")
		for i := range counts {
			counts[i] = make([]int, 4)
			for k := range counts[i] {
				counts[i][k] = rapid.IntRange(0, 30).Draw(t, "count")
			}
			counts[i][rapid.IntRange(0, 3).Draw(t, "nonempty")]++
			est[i] = float64(rapid.IntRange(0, 20).Draw(t, "est"))
			if !zero {
				se[i] = float64(rapid.IntRange(0, 5).Draw(t, "se"))
			}
		}
		orig := slices.Clone(counts[0])
		s := Settings{Replications: rapid.IntRange(1, 150).Draw(t, "reps"), Seed: rapid.Uint64().Draw(t, "seed"), TopK: 1, BottomK: 1}
		var b1, b2, p1, p2, st1, st2, pc1, pc2 *Distribution
		var c1, c2 *Confidence
		var top1, top2 []bool
		cs := ConfidenceSettings{Draws: 100, Seed: s.Seed}
		cov := mat.NewDiagDense(n, slices.Clone(se)) // variances = the drawn se values
		// Two strata per unit: the counts split at a drawn point, with
		// population shares 0.3 and 0.7; a correlated covariance: common
		// part 1 plus the drawn variances.
		strata := make([][][]int, n)
		weights := make([][]float64, n)
		for i, c := range counts {
			h0 := slices.Clone(c)
			h1 := make([]int, len(c))
			k := rapid.IntRange(0, 3).Draw(t, "split")
			h1[k], h0[k] = h0[k], 0
			if slices.Max(h0) == 0 || slices.Max(h1) == 0 {
				h0, h1 = slices.Clone(c), slices.Clone(c)
			}
			strata[i] = [][]int{h0, h1}
			weights[i] = []float64{0.3, 0.7}
		}
		corr := mat.NewSymDense(n, nil)
		for i := range n {
			for j := range n {
				corr.SetSym(i, j, 1)
			}
			corr.SetSym(i, i, 1+se[i])
		}
		run := func(b, p, st, pc **Distribution, c **Confidence, top *[]bool) {
			ctx := context.Background()
			*b, _ = BootstrapCounts(ctx, counts, []float64{1, 2, 3, 4}, nil, s)
			*p, _ = Parametric(ctx, est, se, nil, s)
			*st, _ = BootstrapStrata(ctx, strata, weights, []float64{1, 2, 3, 4}, nil, s)
			*pc, _ = ParametricCov(ctx, est, corr, nil, s)
			*c, _ = RankConfidence(ctx, est, cov, cs)
			*top, _ = TopSet(ctx, est, cov, 1, cs)
		}
		withProcs(1, func() { run(&b1, &p1, &st1, &pc1, &c1, &top1) })
		withProcs(2, func() { run(&b2, &p2, &st2, &pc2, &c2, &top2) })
		if st1 == nil || pc1 == nil {
			t.Fatal("BootstrapStrata or ParametricCov failed")
		}
		if diff := cmp.Diff(st1, st2); diff != "" {
			t.Fatalf("stratified bootstrap differs between GOMAXPROCS 1 and 2:\n%s", diff)
		}
		if diff := cmp.Diff(pc1, pc2); diff != "" {
			t.Fatalf("correlated parametric differs between GOMAXPROCS 1 and 2:\n%s", diff)
		}
		if diff := cmp.Diff(c1, c2); diff != "" || !slices.Equal(top1, top2) {
			t.Fatalf("confidence sets differ between GOMAXPROCS 1 and 2:\n%s %v %v", diff, top1, top2)
		}
		if diff := cmp.Diff(b1, b2); diff != "" {
			t.Fatalf("bootstrap differs between GOMAXPROCS 1 and 2:\n%s", diff)
		}
		if diff := cmp.Diff(p1, p2); diff != "" {
			t.Fatalf("parametric differs between GOMAXPROCS 1 and 2:\n%s", diff)
		}
		if !slices.Equal(counts[0], orig) {
			t.Fatal("counts modified")
		}
		for _, d := range []*Distribution{b1, p1, st1, pc1} {
			for i := range n {
				if !(d.Min[i] <= d.Nominal[i] && d.Nominal[i] <= d.Max[i] && d.Min[i] <= d.Lo[i] && d.Lo[i] <= d.Median[i] && d.Median[i] <= d.Hi[i] && d.Hi[i] <= d.Max[i]) {
					t.Fatalf("unit %d: min %v lo %v median %v hi %v max %v nominal %v", i, d.Min[i], d.Lo[i], d.Median[i], d.Hi[i], d.Max[i], d.Nominal[i])
				}
			}
		}
		if zero {
			// Zero perturbation: every interval collapses to the nominal rank.
			for i := range n {
				if p1.Lo[i] != p1.Nominal[i] || p1.Hi[i] != p1.Nominal[i] || p1.Min[i] != p1.Max[i] {
					t.Fatalf("se = 0: unit %d interval %v..%v, nominal %v", i, p1.Lo[i], p1.Hi[i], p1.Nominal[i])
				}
			}
			if p1.MeanAbsShift != 0 {
				t.Fatalf("se = 0: mean shift %v", p1.MeanAbsShift)
			}
		}
		if math.IsNaN(b1.MeanAbsShift) {
			t.Fatal("NaN shift")
		}
	})
}

func TestBootstrapStrata(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	v := []float64{1, 2, 3, 4}
	// Unit a: stratum 0 all answer 4, stratum 1 all answer 2; with shares
	// 0.25/0.75 its score is 0.25*4 + 0.75*2 = 2.5 in every replication.
	// Unit b answers 3 throughout: 3. Unit c mixes 1 and 4 (mean 2.5 but
	// variable), so only its rank moves. With nil weights, a's strata count
	// by sample size (10 and 30): the same 2.5.
	counts := [][][]int{
		{{0, 0, 0, 10}, {0, 30, 0, 0}},
		{{0, 0, 20, 0}},
		{{10, 0, 0, 10}},
	}
	for _, w := range [][][]float64{{{0.25, 0.75}, {1}, {1}}, nil} {
		d, err := BootstrapStrata(ctx, counts, w, v, nil, Settings{Replications: 300, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		if d.Nominal[1] != 1 || d.Min[1] != 1 || d.Max[1] != 2 || d.Nominal[0] != 2.5 {
			t.Errorf("weights %v: nominal %v, b in %v..%v", w, d.Nominal, d.Min[1], d.Max[1])
		}
	}
	if _, err := BootstrapStrata(ctx, [][][]int{{{1, 0, 0, 0}, {0, 0, 0, 0}}}, nil, v, nil, Settings{}); !errors.Is(err, ErrNoRespondents) {
		t.Errorf("empty stratum: %v", err)
	}
	if _, err := BootstrapStrata(ctx, [][][]int{{{1, 0, 0, 0}}}, [][]float64{{-1}}, v, nil, Settings{}); !errors.Is(err, ErrNegative) {
		t.Errorf("negative weight: %v", err)
	}
	expectPanics(t, map[string]func(){
		"weights per stratum": func() {
			_, _ = BootstrapStrata(ctx, [][][]int{{{1, 0, 0, 0}}}, [][]float64{{1, 2}}, v, nil, Settings{})
		},
		"weights per unit": func() { _, _ = BootstrapStrata(ctx, [][][]int{{{1, 0, 0, 0}}}, [][]float64{}, v, nil, Settings{}) },
	})
}

func TestResultFingerprints(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	est, se := []float64{1, 2, math.NaN()}, []float64{1, 1, 1}
	a, err := Parametric(ctx, est, se, nil, Settings{Replications: 5, Ranking: Options{NaN: NaNLast}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Parametric(ctx, est, se, nil, Settings{Replications: 5, Seed: 1, Ranking: Options{NaN: NaNLast}})
	c, _ := BootstrapCounts(ctx, [][]int{{1, 2}}, []float64{0, 1}, nil, Settings{Replications: 5})
	if len(a.Fingerprint) != 64 || a.Fingerprint == b.Fingerprint || c.Fingerprint == a.Fingerprint {
		t.Errorf("fingerprints %q %q %q", a.Fingerprint, b.Fingerprint, c.Fingerprint)
	}
	m, tab := testModel(t, 4, 2, 2, 1)
	p := compile(t, m)
	d, err := MonteCarlo(ctx, p, tab, []Factor{{Amount: 0.1}}, Settings{Replications: 5})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Sobol(ctx, p, tab, []Factor{{Amount: 0.1}}, SobolSettings{N: 4, Bootstrap: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Fingerprint) != 64 || len(s.Fingerprint) != 64 || d.Fingerprint == s.Fingerprint {
		t.Errorf("model fingerprints %q %q", d.Fingerprint, s.Fingerprint)
	}
}

func TestEmptyAnalyses(t *testing.T) {
	t.Parallel()
	d, err := Parametric(context.Background(), nil, nil, nil, Settings{Replications: 3})
	if err != nil || len(d.Nominal) != 0 || d.MeanAbsShift != 0 || len(d.Shift) != 3 {
		t.Errorf("empty parametric: %+v, %v", d, err)
	}
	c, err := RankConfidence(context.Background(), nil, &mat.SymDense{}, ConfidenceSettings{Draws: 5})
	if err != nil || len(c.Marginal) != 0 {
		t.Errorf("empty confidence: %+v, %v", c, err)
	}
}

func TestParametricCov(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := Settings{Replications: 200, Seed: 9, TopK: 1}
	// A zero covariance: nothing moves.
	z, err := ParametricCov(ctx, []float64{3, 1, 2}, mat.NewDiagDense(3, []float64{0, 0, 0}), nil, s)
	if err != nil {
		t.Fatal(err)
	}
	if z.MeanAbsShift != 0 || !slices.Equal(z.Lo, z.Hi) {
		t.Errorf("zero covariance: shift %v, %v..%v", z.MeanAbsShift, z.Lo, z.Hi)
	}
	// Perfectly correlated equal variances: the differences never change,
	// so the ranks never move.
	one := mat.NewSymDense(3, []float64{1, 1, 1, 1, 1, 1, 1, 1, 1})
	c, err := ParametricCov(ctx, []float64{1, 2, 3}, one, nil, s)
	if err != nil {
		t.Fatal(err)
	}
	if c.MeanAbsShift != 0 {
		t.Errorf("correlated: mean shift %v", c.MeanAbsShift)
	}
	if _, err := ParametricCov(ctx, []float64{1, 2}, mat.NewSymDense(2, []float64{1, 2, 2, 1}), nil, s); !errors.Is(err, ErrNotPSD) {
		t.Errorf("not PSD: %v", err)
	}
	expectPanics(t, map[string]func(){"dimension": func() { _, _ = ParametricCov(ctx, []float64{1}, one, nil, s) }})
}

// TestUnitOrderInvariance: with unit ids, permuting the units permutes the
// survey analyses' results exactly (each unit has its own streams).
func TestUnitOrderInvariance(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "units")
		ids := make([]string, n)
		counts := make([][]int, n)
		est, se := make([]float64, n), make([]float64, n)
		for i := range n {
			ids[i] = fmt.Sprintf("u%d", i)
			counts[i] = []int{rapid.IntRange(0, 9).Draw(t, "c0"), rapid.IntRange(1, 9).Draw(t, "c1"), rapid.IntRange(0, 9).Draw(t, "c2")}
			est[i] = float64(rapid.IntRange(0, 5).Draw(t, "est"))
			se[i] = float64(rapid.IntRange(0, 3).Draw(t, "se"))
		}
		perm := rapid.Permutation(identity(n)).Draw(t, "perm")
		pids, pcounts, pest, pse := make([]string, n), make([][]int, n), make([]float64, n), make([]float64, n)
		for k, i := range perm {
			pids[k], pcounts[k], pest[k], pse[k] = ids[i], counts[i], est[i], se[i]
		}
		s := Settings{Replications: 50, Seed: rapid.Uint64().Draw(t, "seed"), TopK: 1, Ranking: Options{Ties: TieMin}}
		ctx := context.Background()
		for name, run := range map[string]func(ids []string, c [][]int, e, sd []float64) *Distribution{
			"bootstrap": func(ids []string, c [][]int, _, _ []float64) *Distribution {
				d, _ := BootstrapCounts(ctx, c, []float64{0, 50, 100}, ids, s)
				return d
			},
			"parametric": func(ids []string, _ [][]int, e, sd []float64) *Distribution {
				d, _ := Parametric(ctx, e, sd, ids, s)
				return d
			},
		} {
			a, b := run(ids, counts, est, se), run(pids, pcounts, pest, pse)
			for k, i := range perm {
				if a.Median[i] != b.Median[k] || a.Lo[i] != b.Lo[k] || a.Hi[i] != b.Hi[k] || a.PTop[i] != b.PTop[k] || a.Mean[i] != b.Mean[k] {
					t.Fatalf("%s: unit %s differs after permutation", name, ids[i])
				}
			}
			if a.MeanAbsShift != b.MeanAbsShift {
				t.Fatalf("%s: mean shift %v vs %v", name, a.MeanAbsShift, b.MeanAbsShift)
			}
		}
	})
}

// TestBootstrapCountsMatchesRespondentBootstrap compares the multinomial
// resampling of counts with resampling the respondents themselves (the
// definition it replaces): three units of 30 respondents with close
// means, P(rank 1) from 20,000 replications of each; the two estimates
// must agree within 0.02 (about 5 standard errors of their difference).
func TestBootstrapCountsMatchesRespondentBootstrap(t *testing.T) {
	t.Parallel()
	counts := [][]int{{5, 10, 10, 5}, {4, 12, 9, 5}, {6, 8, 10, 6}}
	values := []float64{1, 2, 3, 4}
	const reps = 20000
	d, err := BootstrapCounts(context.Background(), counts, values, nil, Settings{Replications: reps, TopK: 1, Ranking: Options{Ties: TieMin}})
	if err != nil {
		t.Fatal(err)
	}
	// Respondent-level bootstrap, by direct resampling of the answers.
	answers := make([][]float64, len(counts))
	for i, c := range counts {
		for k, m := range c {
			for range m {
				answers[i] = append(answers[i], values[k])
			}
		}
	}
	r := rng.New(99, 0)
	top := make([]float64, len(counts))
	scores := make([]float64, len(counts))
	for range reps {
		for i, a := range answers {
			var s float64
			for range a {
				s += a[r.IntN(len(a))]
			}
			scores[i] = s / float64(len(a))
		}
		rk, _ := Rank(scores, nil, Options{Ties: TieMin})
		for i, v := range rk {
			if v <= 1 {
				top[i]++
			}
		}
	}
	for i := range top {
		if p := top[i] / reps; math.Abs(p-d.PTop[i]) > 0.02 { // ties share first place under TieMin in both
			t.Errorf("unit %d: P(first) %v by counts, %v by respondents", i, d.PTop[i], p)
		}
	}
}
