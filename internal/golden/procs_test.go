package golden

import (
	"runtime"
	"slices"
	"testing"
)

// TestGOMAXPROCS checks that the parallel parts of the library (per-leaf
// preparation, Monte Carlo, bootstrap and Sobol replications) give the same
// bits with one thread and with several. It is not parallel: it changes
// GOMAXPROCS for the process while no other test runs.
func TestGOMAXPROCS(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one := [][]string{rankingRecord(t).lines, indicatorGeneratedRecord(t).lines}
	runtime.GOMAXPROCS(5)
	five := [][]string{rankingRecord(t).lines, indicatorGeneratedRecord(t).lines}
	for k := range one {
		if slices.Equal(one[k], five[k]) {
			continue
		}
		bad := 0
		for i := range min(len(one[k]), len(five[k])) {
			if one[k][i] != five[k][i] {
				if bad < 10 {
					t.Errorf("GOMAXPROCS 1 vs 5:\n  %s\n  %s", one[k][i], five[k][i])
				}
				bad++
			}
		}
		t.Errorf("record %d: %d lines differ between GOMAXPROCS 1 and 5 (lengths %d, %d)", k, bad, len(one[k]), len(five[k]))
	}
}
