// Package hugepages makes large slices whose memory the kernel is asked
// to back with transparent huge pages (Linux), so that filling them
// faults a few times instead of thousands.
package hugepages

import "unsafe"

// hugePageSize is the size of a transparent huge page on x86-64 and on
// arm64 with 4 KiB pages.
const hugePageSize = 2 << 20

// Make returns make([]T, n, c), first asking the kernel to back the
// slice's memory with transparent huge pages where it offers them (see
// adviseHugePages): a buffer of tens of megabytes (a million respondents'
// codes, weights or weights CSV) is then faulted in a few dozen times
// instead of thousands, the main cost of filling fresh memory on a
// virtual machine. The contents are those of make.
func Make[T any](n, c int) []T {
	s := make([]T, n, c)
	var z T
	adviseHugePages(unsafe.Pointer(unsafe.SliceData(s)), uintptr(c)*unsafe.Sizeof(z))
	return s
}
