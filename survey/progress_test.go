package survey_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/survey"
)

// TestReplicateProgress: the Progress of ReplicateSettings reaches R of R
// while the replicates are made (with a raking step redone in each, on
// several workers) and again while DFContext computes a bootstrap
// design's rank (k(k+1)/2 of R(R+1)/2 after k columns: 11,325 for 150
// replicates); a cancelled DFContext returns the context's error and
// caches nothing, so that a later DF is right.
func TestReplicateProgress(t *testing.T) {
	rs := make([]survey.Respondent, 60)
	sex := make([]string, len(rs))
	for i := range rs {
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(i % 3), PSU: strconv.Itoa(i), Weight: 1 + float64(i%4)}
		sex[i] = []string{"f", "m"}[i%2]
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := survey.NewMargin("sex", sex, map[string]float64{"f": 55, "m": 45})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err = d.Rake(context.Background(), []survey.Margin{m}, survey.RakeSettings{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var calls, last, maxDone int
	progress := func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		last = total
		maxDone = max(maxDone, done)
		if done > total || total != 150 && total != 11325 {
			t.Errorf("progress %d of %d", done, total)
		}
	}
	rd, err := d.Replicates(context.Background(), survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 150, Seed: 3, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 150 || maxDone != 150 || last != 150 {
		t.Errorf("making the replicates: %d calls, at most %d of %d", calls, maxDone, last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rd.DFContext(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled DFContext: %v", err)
	}
	calls, maxDone = 0, 0
	df, err := rd.DFContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// 150 replicates of 60 PSUs in 3 strata: rank min(R, P - H + 1) = 58.
	if df != 57 || rd.DF() != 57 {
		t.Errorf("df %d, DF() %d, want 57", df, rd.DF())
	}
	if maxDone != 11325 || last != 11325 || calls == 0 {
		t.Errorf("the rank: %d calls, at most %d of %d", calls, maxDone, last)
	}
}

// TestFitProgress: Rake and Calibrate report their convergence after
// every sweep (and Calibrate at its start and after every Newton step) in
// thousandths, ending at 1000 of 1000 when they converge; the replicates
// that redo the raking do not call it.
func TestFitProgress(t *testing.T) {
	ctx := context.Background()
	rs := make([]survey.Respondent, 40)
	sex, age := make([]string, len(rs)), make([]string, len(rs))
	for i := range rs {
		rs[i] = survey.Respondent{ID: strconv.Itoa(i), PSU: strconv.Itoa(i), Weight: 1}
		sex[i], age[i] = []string{"f", "m"}[i%2], []string{"a", "b", "c"}[i%3]
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m1, _ := survey.NewMargin("sex", sex, map[string]float64{"f": 520, "m": 480})
	m2, _ := survey.NewMargin("age", age, map[string]float64{"a": 300, "b": 450, "c": 250})
	var calls []int
	record := func(done, total int) {
		if total != 1000 || done < 0 || done > 1000 {
			t.Errorf("progress %d of %d", done, total)
		}
		calls = append(calls, done)
	}
	rd, res, err := d.Rake(ctx, []survey.Margin{m1, m2}, survey.RakeSettings{Progress: record})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != res.Iterations || calls[len(calls)-1] != 1000 {
		t.Errorf("rake: %d sweeps, progress %v", res.Iterations, calls)
	}
	calls = nil
	if _, err := rd.Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 0 {
		t.Errorf("the replicates' raking called the progress %d times", len(calls))
	}
	x := mat.NewDense(len(rs), 2, nil)
	for i := range rs {
		x.Set(i, 0, 1)
		if sex[i] == "f" {
			x.Set(i, 1, 1)
		}
	}
	cr, err := survey.Calibrate(ctx, make40(), x, []float64{1000, 520}, survey.CalibrateSettings{Distance: survey.Raking, Progress: record})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != cr.Iterations+1 || calls[len(calls)-1] != 1000 {
		t.Errorf("calibrate: %d steps, progress %v", cr.Iterations, calls)
	}
}

func make40() []float64 {
	w := make([]float64, 40)
	for i := range w {
		w[i] = 1
	}
	return w
}
