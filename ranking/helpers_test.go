package ranking

import "testing"

// expectPanics runs every function as a subtest and fails the ones that
// return without panicking.
func expectPanics(t *testing.T, cases map[string]func()) {
	t.Helper()
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}
