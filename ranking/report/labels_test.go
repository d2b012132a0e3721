package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// TestFindingLabels writes the findings of an indicator read from a text
// column of labels (甲: 高 100, 中 50, 低 0 points) for five units
// labelled 高, 高, 中, 中, 低. Counted by hand among the other four: U1
// (高) sees 高 1, 中 2, 低 1, so 中 is the most common; U3 (中) sees 高 2,
// 中 1, 低 1, so 高; U5 (低) sees 高 2 and 中 2, no one label: 不适用. Their
// peers' median scores (50, 75 and 75) make 甲 a strength of U1 and a
// weakness of U3 and U5. The report names the labels where it wrote
// "–（其他单位中位数–）", a raw number and a median these units have not.
func TestFindingLabels(t *testing.T) {
	t.Parallel()
	const model = `{"ppgpa": 1, "name": "类别", "root": {"id": "r", "children": [
  {"id": "a", "name": "甲", "column": "level", "weight": 1, "normalization": {"method": "categories",
    "categories": [{"value": 1, "points": 0, "label": "低"}, {"value": 2, "points": 50, "label": "中"}, {"value": 3, "points": 100, "label": "高"}]}},
  {"id": "b", "name": "乙", "column": "b", "weight": 1}]}}`
	const data = "unit,level,b\nU1,高,1\nU2,高,2\nU3,中,3\nU4,中,4\nU5,低,5\n"
	in := buildWith(t, model, data, indicator.CSVOptions{Attributes: []string{"level"}}, report.Settings{Replications: -1})
	for _, tc := range []struct {
		lang report.Lang
		want []string
	}{
		{report.Chinese, []string{"甲：高（其他单位最常见类别：中），在5个单位中", "甲：中（其他单位最常见类别：高），在5个单位中", "甲：低（其他单位最常见类别：不适用），在5个单位中"}},
		{report.English, []string{"甲: 高 (peers' most common label: 中)", "甲: 中 (peers' most common label: 高)", "甲: 低 (peers' most common label: not applicable)"}},
	} {
		in.Lang = tc.lang
		var b bytes.Buffer
		if err := report.Write(&b, report.Markdown, in); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%v: no %q in\n%s", tc.lang, w, b.String())
			}
		}
		if strings.Contains(b.String(), "甲：–") || strings.Contains(b.String(), "甲: –") {
			t.Errorf("%v: a finding of 甲 without its label in\n%s", tc.lang, b.String())
		}
	}
}
