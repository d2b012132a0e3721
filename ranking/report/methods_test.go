package report_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/ranking/report"
	"github.com/ppgpa/ppgpa/weighting"
)

// TestBuildMethodsSurveyCoherence checks the survey and coherence parts
// of the methods section on the small model. Cronbach's alpha of the
// root's two children is derived by hand from the normalised scores
// a' = 100, 50, 0 and b' = 40, 100, 0 (see smallData): with sample
// variances var a' = 2500, var b' = 7600/3 and var(a'+b') = 21100/3,
//
//	alpha = 2 (1 - (var a' + var b') / var(a'+b')) = 12000/21100
//
// and r(a', b') = 1000 / sqrt(2500 * 7600/3) = 0.397, which neither
// default threshold flags.
func TestBuildMethodsSurveyCoherence(t *testing.T) {
	t.Parallel()
	in := build(t, small, smallData, report.Settings{Replications: -1, Survey: "按街道分层随机抽样，电话访问", Respondents: 3200,
		Coherence: &weighting.CoherenceSettings{}})
	me := in.Methods
	if me.Survey != "按街道分层随机抽样，电话访问" || me.Respondents != 3200 {
		t.Errorf("survey %q, respondents %d", me.Survey, me.Respondents)
	}
	co := me.Coherence
	if co == nil || len(co.Groups) != 1 {
		t.Fatalf("coherence %+v, want the root's group", co)
	}
	g := co.Groups[0]
	if g.Name != "总分" || g.Children != 2 || math.Abs(g.Alpha-12000.0/21100) > 1e-12 || g.WithIndex != 1 || len(g.Flags) != 0 {
		t.Errorf("group %+v, want 总分, 2 children, alpha %v, correlation with the index 1, no flags", g, 12000.0/21100)
	}
	var b bytes.Buffer
	if err := report.Write(&b, report.Markdown, in); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"群众满意度调查：按街道分层随机抽样，电话访问，有效样本3200份。", "### 统计一致性检验", "| 总分 | 2 | 0.57 | 1.00 |",
		"各组内没有高度相关或负相关的指标。", "相关系数为皮尔逊相关系数。"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the methods section lacks %q", want)
		}
	}
	if in := build(t, small, smallData, report.Settings{Replications: -1}); in.Methods.Coherence != nil || in.Methods.Survey != "" {
		t.Errorf("coherence or survey without being asked: %+v", in.Methods)
	}
}

// TestMeasure checks how raw values and medians are written, by hand:
// with the data's decimals (1: 93.1, 0: 12), a median of whole numbers
// with the half it needs (12.5), at most two decimals (80.23), and values
// below 1 with three significant digits.
func TestMeasure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		x    float64
		d    int
		want string
	}{{93.1, 1, "93.1"}, {99.3, 2, "99.30"}, {12, 0, "12"}, {12.5, 0, "12.5"}, {80.232, 2, "80.23"}, {1267.16, 2, "1267.16"},
		{0.0543, 2, "0.0543"}, {0.5, 1, "0.5"}, {0, 2, "0.00"}, {-3.25, 1, "-3.25"}, {math.NaN(), 2, "–"}} {
		if got := report.Measure(tc.x, tc.d); got != tc.want {
			t.Errorf("measure(%v, %d) = %q, want %q", tc.x, tc.d, got, tc.want)
		}
	}
}
