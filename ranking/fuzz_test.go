package ranking

import (
	"math"
	"testing"
)

// FuzzRank checks that ranking arbitrary bytes read as scores never panics
// and that Rank and Ranker agree.
func FuzzRank(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8}, uint8(0), 0.0)
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f}, uint8(7), 1e-9)
	f.Fuzz(func(t *testing.T, b []byte, mode uint8, tol float64) {
		x := make([]float64, len(b)/8)
		for i := range x {
			var u uint64
			for k := range 8 {
				u |= uint64(b[8*i+k]) << (8 * k)
			}
			x[i] = math.Float64frombits(u)
		}
		if !(tol >= 0) || math.IsInf(tol, 0) {
			tol = 0
		}
		opt := Options{Direction: Direction(mode & 1), Ties: TieMethod(int(mode>>1) % 5), NaN: NaNPolicy(mode >> 7), AbsTol: tol}
		r1, err1 := Rank(x, nil, opt)
		r2 := make([]float64, len(x))
		err2 := NewRanker(len(x), nil, opt).Rank(r2, x)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v vs %v", err1, err2)
		}
		for i := range r1 {
			if r1[i] != r2[i] {
				t.Fatalf("unit %d: Rank %v, Ranker %v", i, r1[i], r2[i])
			}
		}
	})
}

// FuzzTieMethodText checks that decoding any text never panics and that
// accepted names round-trip.
func FuzzTieMethodText(f *testing.F) {
	for _, s := range []string{"average", "MIN", "", "dense", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m TieMethod
		if err := m.UnmarshalText([]byte(s)); err != nil {
			return
		}
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back TieMethod
		if err := back.UnmarshalText(b); err != nil || back != m {
			t.Fatalf("%q: round trip %v -> %q -> %v", s, m, b, back)
		}
	})
}
