package indicator_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
)

// FuzzDecodeModel checks that no document makes the decoder, validation,
// compilation or encoding panic, that every rejection names a location
// (a line and column or a JSON path), and that every accepted model
// round-trips.
func FuzzDecodeModel(f *testing.F) {
	if b, err := os.ReadFile("testdata/model.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": [{"id": "a", "column": "a", "weight": 1}, null]}}`))
	f.Add([]byte(`{"ppgpa": 1, "name": "m", "root": {"id": "r", "children": []}, "ranking": {"grades": [{"name": "A"}]}}`))
	f.Add([]byte(`{"ppgpa": 1, "root": {"id": "r", "polarity": "lower", "normalization": {"method": "minmax", "worst": 1e309}}}`))
	// Models whose weights cannot be computed: Validate must reject what
	// Compile rejects (a non-reciprocal AHP matrix, a resident share whose
	// other children all weigh 0, a budget expert with no points).
	f.Add([]byte(`{"ppgpa":1,"name":"m","root":{"id":"r","weighting":{"method":"ahp","matrix":[[1,2],[3,1]]},"children":[{"id":"a","column":"a"},{"id":"b","column":"b"}]}}`))
	f.Add([]byte(`{"ppgpa":1,"name":"m","root":{"id":"r","weighting":{"method":"resident_share","resident":"a","share":0.5},"children":[{"id":"a","column":"a"},{"id":"b","column":"b","weight":0}]}}`))
	f.Add([]byte(`{"ppgpa":1,"name":"m","root":{"id":"r","weighting":{"method":"budget","allocations":[[60,40],[0,0]]},"children":[{"id":"a","column":"a"},{"id":"b","column":"b"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := indicator.DecodeModel(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, indicator.ErrInvalidModel) || !(strings.Contains(err.Error(), "line ") || strings.Contains(err.Error(), "$")) {
				t.Fatalf("rejection without a location: %v", err)
			}
			return
		}
		var ve *indicator.ValidationError
		if err := m.Validate(); err != nil {
			if !errors.As(err, &ve) {
				t.Fatalf("Validate returned %T: %v", err, err)
			}
			for _, p := range ve.Problems {
				if p.Path == "" {
					t.Fatalf("problem without a path: %v", p)
				}
			}
		} else {
			p, err := indicator.Compile(m)
			if err != nil {
				t.Fatalf("valid model does not compile: %v", err)
			}
			tab, _ := indicator.NewTable([]string{"A", "B"}, []string{"a", "b"}, [][]float64{{1, 2}, {3, 4}})
			_, _ = p.Evaluate(context.Background(), tab)
		}
		var out bytes.Buffer
		if err := m.Encode(&out); err != nil {
			return // e.g. a number JSON cannot hold; never from decoded input
		}
		m2, err := indicator.DecodeModel(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("re-decoding the encoded model: %v", err)
		}
		// The encoding is canonical: decode(encode(m)) == m (empty lists
		// being left out) and encoding
		// again gives the same bytes.
		if !cmp.Equal(m, m2, cmpopts.EquateEmpty()) {
			t.Fatalf("decode(encode(m)) != m:\n%s", out.String())
		}
		var again bytes.Buffer
		if err := m2.Encode(&again); err != nil || !bytes.Equal(again.Bytes(), out.Bytes()) {
			t.Fatalf("encode(decode(encode(m))) != encode(m): %v\n%s\n%s", err, out.String(), again.String())
		}
	})
}

// FuzzReadCSV checks that no input makes the CSV reader panic, that every
// rejection names a line, and that every accepted table writes back to
// CSV that reads to the same table.
func FuzzReadCSV(f *testing.F) {
	if b, err := os.ReadFile("testdata/data.csv"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("\uFEFFid,x,province\nA,1,p\nB,NA,q\nC,-,p\n"))
	f.Add([]byte("id,x\nA,\"1\n"))
	f.Add([]byte("id,x,x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		opt := indicator.CSVOptions{}
		if bytes.Contains(b, []byte("province")) {
			opt.Attributes = []string{"province"}
		}
		tab, err := indicator.ReadCSV(bytes.NewReader(b), opt)
		if err != nil {
			if !errors.Is(err, indicator.ErrInvalidTable) || !strings.Contains(err.Error(), "line ") {
				t.Fatalf("rejection without a line: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := tab.WriteCSV(&out); err != nil {
			t.Fatal(err)
		}
		back, err := indicator.ReadCSV(&out, opt)
		if err != nil {
			t.Fatalf("reading back the written table: %v\n%s", err, out.String())
		}
		if tab.NumUnits() != back.NumUnits() || len(tab.Columns()) != len(back.Columns()) {
			t.Fatalf("round trip changed the table's shape")
		}
	})
}
