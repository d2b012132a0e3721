// Package benchcpu reports the processor time of benchmarks, which a
// shared machine disturbs far less than the elapsed time: a benchmark
// that waits for a core does not count the wait.
package benchcpu

import "testing"

// Report runs the benchmark's loop body through b.Loop and adds the
// metric cpu-ns/op: the process's user and system time per iteration.
// Run with -cpu 1 (GOMAXPROCS 1) to compare single-threaded work; the
// time includes the garbage collector's.
func Report(b *testing.B, body func()) {
	b.Helper()
	start := processTime()
	n := 0
	for b.Loop() {
		body()
		n++
	}
	if t := processTime(); t > 0 && n > 0 {
		b.ReportMetric(float64(t-start)/float64(n), "cpu-ns/op")
	}
}
