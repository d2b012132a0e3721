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
