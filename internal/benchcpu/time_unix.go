//go:build unix

package benchcpu

import "syscall"

// processTime returns the user and system time of the process in
// nanoseconds.
func processTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
