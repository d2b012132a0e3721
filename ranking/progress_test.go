package ranking

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestConfidenceProgress: RankConfidence reports each unit's marginal set
// and then the simultaneous sets, ending at done == total = n + ceil(n/2)
// (7 units: 11), and the progress changes no result.
func TestConfidenceProgress(t *testing.T) {
	est := []float64{3, 1, 4, 1.5, 5, 9, 2.6}
	v := []float64{1, 2, 1, 0.5, 2, 1, 1}
	var mu sync.Mutex
	calls, maxDone, total := 0, 0, 0
	s := ConfidenceSettings{Draws: 500, Seed: 2, Progress: func(done, tot int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		maxDone, total = max(maxDone, done), tot
	}}
	with, err := RankConfidence(context.Background(), est, mat.NewDiagDense(7, v), s)
	if err != nil {
		t.Fatal(err)
	}
	s.Progress = nil
	without, err := RankConfidence(context.Background(), est, mat.NewDiagDense(7, v), s)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 8 || maxDone != 11 || total != 11 {
		t.Errorf("progress: %d calls, max %d of %d; want 8, 11, 11", calls, maxDone, total)
	}
	if !reflect.DeepEqual(with, without) {
		t.Errorf("progress changed the result:\n%+v\n%+v", with, without)
	}
}

// TestTopSetProgress: TopSet and BottomSet report each block of draws and
// each block of the stepdown's first step, ending at done == total = 3 ×
// blocks (1,000 draws in blocks of blockSize), with calls for every block
// of both and a last one; the progress changes no result.
func TestTopSetProgress(t *testing.T) {
	est := []float64{3, 1, 4, 1.5, 5, 9, 2.6}
	v := mat.NewDiagDense(7, []float64{1, 2, 1, 0.5, 2, 1, 1})
	nb := (1000 + blockSize - 1) / blockSize
	for _, set := range []func(context.Context, []float64, mat.Symmetric, int, ConfidenceSettings) ([]bool, error){TopSet, BottomSet} {
		var mu sync.Mutex
		calls, maxDone, total := 0, 0, 0
		s := ConfidenceSettings{Draws: 1000, Seed: 2, Progress: func(done, tot int) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			maxDone, total = max(maxDone, done), tot
			if done > tot {
				t.Errorf("progress %d of %d", done, tot)
			}
		}}
		with, err := set(context.Background(), est, v, 2, s)
		if err != nil {
			t.Fatal(err)
		}
		s.Progress = nil
		without, err := set(context.Background(), est, v, 2, s)
		if err != nil {
			t.Fatal(err)
		}
		if calls != 2*nb+1 || maxDone != 3*nb || total != 3*nb {
			t.Errorf("progress: %d calls, max %d of %d; want %d, %d, %d", calls, maxDone, total, 2*nb+1, 3*nb, 3*nb)
		}
		if !reflect.DeepEqual(with, without) {
			t.Errorf("progress changed the result: %v, %v", with, without)
		}
	}
}
