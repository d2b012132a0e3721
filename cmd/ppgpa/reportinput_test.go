package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestReportCommentsFormats: the assessors' comments read from UTF-8
// CSV, GBK CSV (iconv of the same file) and an xlsx workbook (written by
// openpyxl from the same rows, testdata/report/make_comments.py) give
// the same report, with every comment in it; a bad kind is an error
// naming the file and the line (the sheet's row).
func TestReportCommentsFormats(t *testing.T) {
	exec := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &o, &e)
		return code, o.String(), e.String()
	}
	var want string
	for _, f := range []string{"comments.csv", "comments_gbk.csv", "comments.xlsx"} {
		code, out, e := exec("report", "-q", "-format", "markdown", "-n", "20", "-comments", "testdata/report/"+f, "testdata/model.json", "testdata/data.csv")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, e)
		}
		for _, c := range []string{"窗口办件平均等候时间较上年缩短，群众反映较好。", "继续推进“一网通办”，减少群众跑动次数。", "加快重点项目进度，按期完成率应提高到90%以上。"} {
			if !strings.Contains(out, c) {
				t.Errorf("%s: the report lacks the comment %q", f, c)
			}
		}
		if want == "" {
			want = out
		} else if out != want {
			t.Errorf("%s: another report than from comments.csv", f)
		}
	}
	for _, f := range []string{"comments_badkind_gbk.csv", "comments_badkind.xlsx"} {
		code, _, e := exec("report", "-q", "-format", "markdown", "-n", "20", "-comments", "testdata/report/"+f, "testdata/model.json", "testdata/data.csv")
		if code != 1 || !strings.Contains(e, f+": report: invalid input: comments: line 3:") || !strings.Contains(e, `"评语"`) {
			t.Errorf("%s: exit %d, stderr %q; want an error naming the file, line 3 and the kind 评语", f, code, e)
		}
	}
}
