package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadHalves checks readFile's reading of a regular file in two
// halves at once (readHalves) against os.ReadFile, the reference, on
// files of every size around the halves' threshold (set low), and that
// readHalves declines a file whose size is not the one given (grown or
// shrunk since the size was taken), which readFile then reads in order.
func TestReadHalves(t *testing.T) {
	defer func(m int64) { parallelReadMin = m }(parallelReadMin)
	parallelReadMin = 8
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	for size := 0; size < 40; size++ {
		want := make([]byte, size)
		for i := range want {
			want[i] = byte('a' + r.IntN(26))
		}
		name := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readFile(f, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %q (%v), want %q", size, got, err, want)
		}
		if size >= 9 {
			for _, wrong := range []int64{int64(size) - 1, int64(size) + 1} {
				if b, ok := readHalves(f, wrong); ok {
					t.Errorf("%d bytes read as %d: %q, want it declined", size, wrong, b)
				}
			}
		}
		f.Close()
	}
	zeros := filepath.Join(dir, "zeros")
	if err := os.WriteFile(zeros, make([]byte, 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(zeros)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := readFile(f, zeros); err == nil || !strings.Contains(err.Error(), "all zero") {
		t.Errorf("a file of zeros: %v, want the error on zeros", err)
	}
}
