package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyReportPage: a report written by ppgpa report verifies itself
// from the page alone (model, data, league table and fingerprint), in
// Chinese (the fingerprint's parts labelled 程序版本, 模型, 数据, 设置), in
// English, in both, and in the form of earlier reports (Chinese text, the
// parts labelled library, model, data, settings); a page whose embedded
// data were altered does not, and verify names the data as the part of
// the fingerprint that differs, which it can only do by reading the
// parts; a page without embedded model is a clear error.
func TestVerifyReportPage(t *testing.T) {
	dir := t.TempDir()
	exec := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &o, &e)
		return code, o.String(), e.String()
	}
	const zhParts = "（程序版本 0.1.0，模型 cd47304dda502260，数据 4e6449615b354a5d，设置 11fa3852dce5ec06）"
	const enParts = " (library 0.1.0, model cd47304dda502260, data 4e6449615b354a5d, settings 11fa3852dce5ec06)"
	for _, lang := range []string{"zh", "en", "both", "old"} {
		page := filepath.Join(dir, lang+".html")
		l := lang
		if lang == "old" {
			l = "zh"
		}
		if code, _, e := exec("report", "-lang", l, "-o", page, "testdata/model.json", "testdata/data.csv"); code != 0 {
			t.Fatalf("report -lang %s: exit %d: %s", l, code, e)
		}
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		parts := zhParts
		if lang == "en" {
			parts = enParts
		}
		if lang == "old" {
			b = bytes.ReplaceAll(b, []byte(zhParts), []byte(enParts))
			parts = enParts
			if err := os.WriteFile(page, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Contains(b, []byte(`id="ppgpa-fingerprint">fed9e25d2e40db12eb89e31cd112ef066ff8f618172ffd0ee5dc79fc1d9372f9`+parts+"<")) {
			t.Fatalf("%s: the page does not show the fingerprint with the parts %q", lang, parts)
		}
		if code, out, e := exec("verify", page); code != 0 || !strings.Contains(out, "全部一致") {
			t.Fatalf("%s: the report does not verify itself: exit %d\n%s\n%s", lang, code, out, e)
		}
		// 南湖区's satisfaction 88.9 becomes 58.9 in the embedded data only.
		bad := bytes.Replace(b, []byte(`南湖区,2.8,98,3.2,98.9,95,88.9,`), []byte(`南湖区,2.8,98,3.2,98.9,95,58.9,`), 1)
		if bytes.Equal(bad, b) {
			t.Fatal("the embedded data row of 南湖区 was not found")
		}
		altered := filepath.Join(dir, lang+"-altered.html")
		if err := os.WriteFile(altered, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if code, out, e := exec("verify", altered); code != 1 || !strings.Contains(e, "the published fingerprint differs: the data") {
			t.Fatalf("%s: an altered page: exit %d\n%s\n%s", lang, code, out, e)
		}
	}
	plain := filepath.Join(dir, "plain.html")
	if err := os.WriteFile(plain, []byte("<html><body>排名</body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, e := exec("verify", plain); code != 1 || !strings.Contains(e, "no embedded model") {
		t.Fatalf("a page without a model: exit %d: %s", code, e)
	}
}
