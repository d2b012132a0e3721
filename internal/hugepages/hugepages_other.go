//go:build !linux

package hugepages

import "unsafe"

// adviseHugePages is a no-op outside Linux (see hugepages_linux.go).
func adviseHugePages(p unsafe.Pointer, n uintptr) {}
