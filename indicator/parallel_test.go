package indicator

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyParallelItems checks parallelItems against the serial loop
// it stands for: with any set of failing items and any number of workers,
// every item below the lowest failing one runs exactly once, no item runs
// twice, and the error is the lowest failing item's.
func TestPropertyParallelItems(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		count := rapid.IntRange(0, 60).Draw(t, "count")
		workers := rapid.IntRange(1, 8).Draw(t, "workers")
		fail := rapid.SliceOfN(rapid.Bool(), count, count).Draw(t, "fail")
		yield := rapid.SliceOfN(rapid.Bool(), count, count).Draw(t, "yield")
		runs := make([]atomic.Int32, count)
		err := parallelItems(count, workers, func(w, k int) error {
			if w < 0 || w >= workers {
				return fmt.Errorf("worker %d of %d", w, workers)
			}
			runs[k].Add(1)
			if yield[k] {
				runtime.Gosched()
			}
			if fail[k] {
				return fmt.Errorf("item %d", k)
			}
			return nil
		})
		first := -1
		for k, f := range fail {
			if f {
				first = k
				break
			}
		}
		want := "<nil>"
		if first >= 0 {
			want = fmt.Sprintf("item %d", first)
		}
		if fmt.Sprint(err) != want {
			t.Fatalf("error %v, want %s", err, want)
		}
		for k := range runs {
			r := runs[k].Load()
			if r > 1 || (r == 0 && (first < 0 || k <= first)) {
				t.Fatalf("item %d ran %d times (first failure %d)", k, r, first)
			}
		}
	})
}
