package main

import (
	"bytes"
	"os"
	"testing"
)

// TestProgressOnlyOnTerminal checks that the progress indicator writes
// nothing when standard error is not a terminal (a buffer, a pipe, a
// file), so that logs and golden outputs stay clean.
func TestProgressOnlyOnTerminal(t *testing.T) {
	var buf bytes.Buffer
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(t.TempDir() + "/log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, out := range []any{&buf, w, f} {
		wr := out.(interface{ Write([]byte) (int, error) })
		if isTerminal(wr) {
			t.Errorf("%T counts as a terminal", out)
		}
		p := newProgress(wr)
		p.phase("test", 10)
		p.stop()
		p.stop()
	}
	if buf.Len() != 0 {
		t.Errorf("progress wrote %q to a buffer", buf.String())
	}
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("progress wrote %d bytes to a file", st.Size())
	}
}
