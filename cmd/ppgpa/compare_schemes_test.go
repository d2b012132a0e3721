package main

import (
	"strings"
	"testing"
)

// TestReportCompare checks that report -compare adds the comparison
// section (in Chinese by default) with one column per method and the
// model's own first, and that a bad entry is a usage error. The section's
// numbers are checked in ranking/report (TestComparisonSection).
func TestReportCompare(t *testing.T) {
	t.Chdir("testdata")
	r := runPPGPA(t, "", "report", "-n", "200", "-format", "markdown", "-compare", "equal,entropy,agg:geometric,norm:rank", "model.json", "data.csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	out := r.stdout
	for _, w := range []string{"## 不同方法下的排名比较", "| 单位 | 本方案（模型规定的方法） | 等权重 | 熵权法 | 加权几何平均（偏移量 1） | 位次标准化 | 名次变动 |", "Kendall τ-b"} {
		if !strings.Contains(out, w) {
			t.Errorf("the report lacks %q", w)
		}
	}
	if r := runPPGPA(t, "", "report", "-compare", "norm:efficacy", "model.json", "data.csv"); r.code != 2 || !strings.Contains(r.stderr, "-normalizations: unknown or unsuitable method") {
		t.Errorf("bad -compare: exit %d, %s", r.code, r.stderr)
	}
}
