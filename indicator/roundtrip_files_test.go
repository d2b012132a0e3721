package indicator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ppgpa/ppgpa/indicator"
)

// modelFiles lists the model and overlay files of the examples and of the
// command's tests (not the deliberately broken ones).
func modelFiles(t *testing.T) []string {
	var files []string
	for _, pat := range []string{"../examples/*/*.json", "../cmd/ppgpa/testdata/*.json"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Base(f)
			if !bytes.Contains(b, []byte(`"ppgpa"`)) || strings.HasPrefix(base, "invalid") || strings.HasPrefix(base, "truncated") {
				continue
			}
			files = append(files, f)
		}
	}
	if len(files) < 10 {
		t.Fatalf("only %d model files found", len(files))
	}
	return files
}

// TestModelFilesRoundTrip checks that every model and overlay file of the
// examples and the command's tests is in the canonical form of
// [indicator.Model.Encode]: decoding and encoding it gives the file byte
// for byte (the DESIGN's round-trip rule), and decoding that gives the
// same model again.
func TestModelFilesRoundTrip(t *testing.T) {
	t.Parallel()
	for _, f := range modelFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if strings.HasPrefix(filepath.Base(f), "overlay") {
			o, err := indicator.DecodeOverlay(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			if err := o.Encode(&out); err != nil {
				t.Fatal(err)
			}
			o2, err := indicator.DecodeOverlay(bytes.NewReader(out.Bytes()))
			if err != nil || !cmp.Equal(o, o2) {
				t.Errorf("%s: decode(encode(overlay)) differs: %v %s", f, err, cmp.Diff(o, o2))
			}
		} else {
			m, err := indicator.DecodeModel(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			if err := m.Encode(&out); err != nil {
				t.Fatal(err)
			}
			m2, err := indicator.DecodeModel(bytes.NewReader(out.Bytes()))
			if err != nil || !cmp.Equal(m, m2) {
				t.Errorf("%s: decode(encode(model)) differs: %v %s", f, err, cmp.Diff(m, m2))
			}
		}
		if !bytes.Equal(b, out.Bytes()) {
			t.Errorf("%s is not in canonical form; encode(decode(file)) differs:\n%s", f, lineDiff(string(b), out.String()))
		}
	}
}

// lineDiff shows the first differing line of a and b.
func lineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  file:    " + la[i] + "\n  encoded: " + lb[i]
		}
	}
	return "lengths differ"
}
