package hugepages

import (
	"syscall"
	"unsafe"
)

// adviseHugePages asks (madvise MADV_HUGEPAGE) for the whole 2 MiB pages
// within the n bytes at p to be backed by transparent huge pages when
// they are first written. It is a hint that changes no byte: where the
// kernel offers no huge pages, or refuses, nothing happens.
func adviseHugePages(p unsafe.Pointer, n uintptr) {
	start := (uintptr(p) + hugePageSize - 1) &^ (hugePageSize - 1)
	end := (uintptr(p) + n) &^ (hugePageSize - 1)
	if end > start {
		syscall.Syscall(syscall.SYS_MADVISE, start, end-start, 14) // MADV_HUGEPAGE
	}
}
