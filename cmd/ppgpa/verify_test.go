package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifySubScoreNames verifies sub-scores published under a node's
// name (公共服务), its id (service.wait) and as points in the final score
// (行政效能（分值）). The table to sign and the Markdown appendix name each
// node as testdata/model.json names it, with its id in brackets
// (service is 公共服务, service.wait 办事平均等待天数, efficiency 行政效能),
// in English too; the CSV and JSON keep the library's ids, their
// machine interface, in no language: efficiency:points, the header
// verify reads points by, where they had efficiency（分值）. The published figures are those of score's CSV rounded to
// two decimals, so every line agrees.
func TestVerifySubScoreNames(t *testing.T) {
	t.Chdir("testdata")
	pub := filepath.Join(t.TempDir(), "published.csv")
	const published = "单位,公共服务,service.wait,行政效能（分值）\n高新区,99.17,100.00,20.00\n南湖区,88.45,86.79,19.31\n"
	if err := os.WriteFile(pub, []byte(published), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"-lang", "zh"}, []string{"得分  公共服务（service）               高新区", "得分  办事平均等待天数（service.wait）  高新区", "得分  行政效能分值（efficiency）        高新区"}},
		{[]string{"-lang", "both"}, []string{"得分       公共服务（service）", "得分       行政效能分值（efficiency）"}},
		{[]string{"-lang", "en"}, []string{"score  公共服务 (service)               高新区", "score  points of 行政效能 (efficiency)  高新区"}},
		{[]string{"-format", "markdown"}, []string{"| 得分 | 公共服务（service） | 高新区 |", "| 得分 | 行政效能分值（efficiency） | 南湖区 |"}},
		{[]string{"-format", "csv"}, []string{"score,service,高新区,99.17", "score,service.wait,南湖区,86.79", "score,efficiency:points,南湖区,19.31"}},
		{[]string{"-format", "json"}, []string{`"what": "efficiency:points"`, `"what": "service.wait"`}},
	} {
		got := runPPGPA(t, "", append(append([]string{"verify"}, tc.args...), "model.json", "data.csv", pub)...)
		if got.code != 0 {
			t.Fatalf("%v: exit %d: %s\n%s", tc.args, got.code, got.stderr, got.stdout)
		}
		for _, w := range tc.want {
			if !strings.Contains(got.stdout, w) {
				t.Errorf("%v: no %q in\n%s", tc.args, w, got.stdout)
			}
		}
	}
}
