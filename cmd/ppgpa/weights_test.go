package main

import (
	"errors"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// TestNotApplicableZH checks the Chinese reasons why a scheme does not
// apply, one per message of weighting.DataError that the data-driven
// schemes return, and the English kept for one it does not know.
func TestNotApplicableZH(t *testing.T) {
	t.Parallel()
	wc := &weightComparison{nodes: []indicator.NodeResult{
		{ID: "t", Path: "t", Parent: -1},
		{ID: "s", Path: "t/s", Name: "公共服务", Parent: 0},
		{ID: "a", Path: "t/s/a", Name: "等待天数", Parent: 1},
		{ID: "b", Path: "t/s/b", Parent: 1},
	}}
	at := func(path string, col int, v float64, msg string) error {
		return &indicator.NodeError{Path: path, Err: &weighting.DataError{Row: -1, Col: col, Value: v, Msg: msg, Err: weighting.ErrInvalidData}}
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{at("t/s", -1, 0, "too few units"), "指标组公共服务（s）：参评单位太少"},
		{at("t", -1, 0, "no indicator carries information (none varies, or all are perfectly correlated), so CRITIC weights are undefined"), "指标组t：各项下级指标都没有变化或完全相关，不提供区分单位的信息，无法确定权重"},
		{at("t/s", 1, 0, "constant indicator"), "指标组公共服务（s）：下级指标b没有变化"},
		{at("t/s", 0, -0.25, "pca loadings: negative first-component loading -0.25 (COINr would weight the indicator negatively)"), "指标组公共服务（s）：下级指标等待天数（a）在第一主成分上的载荷为负（-0.25），不能据此赋权"},
		{at("t/s", -1, 0, "PCA needs at least 2 indicators"), "指标组公共服务（s）：主成分分析法至少需要2项下级指标"},
		{at("t/s", -1, 0, "something else"), "不能用于本数据（en）"},
		{errors.New("plain"), "不能用于本数据（en）"},
	} {
		if got := wc.notApplicableZH(tc.err, "en"); got != tc.want {
			t.Errorf("notApplicableZH(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
