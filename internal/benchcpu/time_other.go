//go:build !unix

package benchcpu

// processTime is 0 where getrusage is missing: no metric is reported.
func processTime() int64 { return 0 }
