package hugepages

import "testing"

// TestMake checks that Make gives what make gives (length,
// capacity, zeros) below, at and above the huge page size, whatever the
// kernel does with the advice.
func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, hugePageSize / 8, hugePageSize, 3*hugePageSize + 5} {
		s := Make[int64](n/2, n)
		if len(s) != n/2 || cap(s) != n {
			t.Fatalf("Make(%d, %d): len %d, cap %d", n/2, n, len(s), cap(s))
		}
		s = s[:n]
		for i, x := range s {
			if x != 0 {
				t.Fatalf("Make(%d, %d)[%d] = %d, want 0", n/2, n, i, x)
			}
			s[i] = int64(i)
		}
	}
}
