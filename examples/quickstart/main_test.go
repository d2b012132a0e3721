package main

import (
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var b strings.Builder
	if err := run(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// 高新区 has the best score but a major accident: vetoed, ranked last.
	for _, want := range []string{"   1  南湖区", "   7  临河县", "   8  高新区", "vetoed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
