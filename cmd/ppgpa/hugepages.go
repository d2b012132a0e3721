package main

import "github.com/ppgpa/ppgpa/internal/hugepages"

// makeLarge is hugepages.Make: make([]T, n, c) backed by transparent huge
// pages where the kernel offers them.
func makeLarge[T any](n, c int) []T { return hugepages.Make[T](n, c) }
