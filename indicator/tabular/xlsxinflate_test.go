package tabular

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// TestInflaterReadAfterClose: reading a part whose inflater was closed
// (and returned to the pool) is an error with the package's prefix that
// names the part, for each deflated part of a committed workbook, and
// the part read before it is closed is the bytes compress/flate gives.
func TestInflaterReadAfterClose(t *testing.T) {
	b, err := os.ReadFile("testdata/quickstart.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	useFastInflate(zr)
	deflated := 0
	for k, f := range zr.File {
		if f.Method != zip.Deflate {
			continue
		}
		deflated++
		want := readPartAll(t, plain.File[k])
		if got := readPartAll(t, f); !bytes.Equal(got, want) {
			t.Fatalf("%s: %d bytes inflated, compress/flate gives %d", f.Name, len(got), len(want))
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		rc.Close()
		_, err = rc.Read(make([]byte, 16))
		if err == nil || !strings.HasPrefix(err.Error(), "tabular: ") || !strings.Contains(err.Error(), f.Name) {
			t.Errorf("%s: read after close: error %v, want one with the prefix %q naming the part", f.Name, err, "tabular: ")
		}
	}
	if deflated == 0 {
		t.Fatal("no deflated part: the test would test nothing")
	}
}

func readPartAll(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b
}
