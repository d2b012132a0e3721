package csvtext

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"pgregory.net/rapid"
)

// TestAppendFieldMatchesEncodingCSV checks AppendField against
// encoding/csv's Writer, the reference, on fields of any text and of the
// characters that decide quoting.
func TestAppendFieldMatchesEncodingCSV(t *testing.T) {
	field := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", `\.`, " a", "\u3000b", "\u0085c", "a,b", `q"q`, "l\nf", "c\rr", "单位", "-1.5", "=1+1"}))
	rapid.Check(t, func(t *rapid.T) {
		rec := rapid.SliceOfN(field, 1, 5).Draw(t, "record")
		var want bytes.Buffer
		w := csv.NewWriter(&want)
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		var got []byte
		for j, f := range rec {
			if j > 0 {
				got = append(got, ',')
			}
			got = AppendField(got, f)
		}
		got = append(got, '\n')
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("record %q: %q, encoding/csv %q", rec, got, want.Bytes())
		}
	})
}

// TestChunksInOrder checks that the chunks are written in their order,
// whatever the number of cores and chunks, and that a write error stops
// the writing and is returned.
func TestChunksInOrder(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 3, 50} {
			var got bytes.Buffer
			err := Chunks(n, func(buf []byte, k int) []byte { return fmt.Appendf(buf, "%d;", k) }, func(b []byte) error {
				_, err := got.Write(b)
				return err
			})
			var want bytes.Buffer
			for k := 0; k < n; k++ {
				fmt.Fprintf(&want, "%d;", k)
			}
			if err != nil || got.String() != want.String() {
				t.Errorf("GOMAXPROCS %d, %d chunks: %q, %v; want %q", procs, n, got.String(), err, want.String())
			}
		}
		stop := errors.New("full")
		writes := 0
		err := Chunks(20, func(buf []byte, k int) []byte { return append(buf, 'x') }, func([]byte) error {
			writes++
			if writes == 3 {
				return stop
			}
			return nil
		})
		if err != stop || writes != 3 {
			t.Errorf("GOMAXPROCS %d: error %v after %d writes, want %v after 3", procs, err, writes, stop)
		}
		runtime.GOMAXPROCS(old)
	}
}
