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
		if code != 1 || !strings.Contains(e, f+": comments: line 3:") || !strings.Contains(e, `"评语"`) {
			t.Errorf("%s: exit %d, stderr %q; want an error naming the file, line 3 and the kind 评语", f, code, e)
		}
	}
}

// TestReportEmptyCategory: a category of the model with no unit in the
// data (no 开发区 this year) is no error; the report's methods say that
// it has no units, in Chinese and in English, and no league table or
// card names it otherwise.
func TestReportEmptyCategory(t *testing.T) {
	data := dropLines(readTestdata("data_categories.csv"), "江滨区")
	for lang, want := range map[string]string{"zh": "本次没有开发区的参评单位。", "en": "There are no units of 开发区 this time."} {
		var o, e bytes.Buffer
		code := run(context.Background(), []string{"report", "-q", "-lang", lang, "-format", "markdown", "-n", "20", "-attr", "类别", "testdata/model_categories.json", "-"},
			strings.NewReader(data), &o, &e)
		if code != 0 {
			t.Fatalf("-lang %s: exit %d: %s", lang, code, e.String())
		}
		if !strings.Contains(o.String(), want) || strings.Contains(o.String(), "江滨区") {
			t.Errorf("-lang %s: the report lacks %q or names 江滨区", lang, want)
		}
	}
}
