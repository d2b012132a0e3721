package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// TestComparisonSection checks the comparison section against a hand
// derivation on the small model (equal weights: U2 75, U1 70, U3 0, ranks
// U2 1, U1 2, U3 3) and the same model weighted 9:1 (U1 (900 + 40)/10 =
// 94, U2 (450 + 100)/10 = 55, U3 0: ranks U1 1, U2 2, U3 3): shifts 1, 1,
// 0; of the three pairs only (U1, U2) is discordant, so tau-b = 1/3 and
// Spearman's rho = 1 - 6 (1 + 1)/(3 (9 - 1)) = 0.5.
func TestComparisonSection(t *testing.T) {
	t.Parallel()
	m, err := indicator.DecodeModel(strings.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	alt := m.Clone()
	alt.Root.Children[0].Weight = 9
	ap, err := indicator.Compile(alt)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang report.Lang
		want []string
	}{
		{report.Chinese, []string{"不同方法下的排名比较", "本方案（模型规定的方法）", "名次变动", "| U2 | 1 | 2 | 1 |", "| U1 | 2 | 1 | 1 |", "| U3 | 3 | 3 | 0 |", "| 9:1 | 0.333 | 0.500 |"}},
		{report.English, []string{"Ranks under other methods", "the model as published", "Shift", "| U2 | 1 | 2 | 1 |", "| 9:1 | 0.333 | 0.500 |"}},
	} {
		in := build(t, small, smallData, report.Settings{Replications: -1, Lang: tc.lang, Compare: []ranking.Scheme{{Name: "9:1", Plan: ap}}})
		var md bytes.Buffer
		if err := report.Write(&md, report.Markdown, in); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(md.String(), w) {
				t.Errorf("%v: the report lacks %q:\n%s", tc.lang, w, md.String())
			}
		}
		// One league table: no note that the ranks are of all units
		// together; several: the note, since the comparison ranks all
		// units together while the league tables rank within categories.
		const note = "不分类别"
		if strings.Contains(md.String(), note) {
			t.Errorf("%v: a report of one league table says %q", tc.lang, note)
		}
		if tc.lang == report.Chinese {
			in.Categories = []string{"甲类", "乙类"}
			md.Reset()
			if err := report.Write(&md, report.Markdown, in); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(md.String(), note) {
				t.Errorf("a report of two league tables lacks the note %q:\n%s", note, md.String())
			}
		}
	}
	in := build(t, small, smallData, report.Settings{Replications: -1})
	if in.Comparison != nil {
		t.Errorf("comparison without Settings.Compare: %+v", in.Comparison)
	}
}
