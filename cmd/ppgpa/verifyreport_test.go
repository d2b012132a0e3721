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
// from the page alone (model, data, league table and fingerprint); a page
// whose embedded data were altered does not, and verify names the data as
// the part of the fingerprint that differs; a page without embedded model
// is a clear error.
func TestVerifyReportPage(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	exec := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &o, &e)
		return code, o.String(), e.String()
	}
	if code, _, e := exec("report", "-o", page, "testdata/model.json", "testdata/data.csv"); code != 0 {
		t.Fatalf("report: exit %d: %s", code, e)
	}
	code, out, e := exec("verify", page)
	if code != 0 || !strings.Contains(out, "公布的指纹 published fingerprint: 一致 agrees") || !strings.Contains(out, "全部一致") {
		t.Fatalf("the report does not verify itself: exit %d\n%s\n%s", code, out, e)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// 南湖区's satisfaction 88.9 becomes 58.9 in the embedded data only.
	bad := bytes.Replace(b, []byte(`南湖区,2.8,98,3.2,98.9,95,88.9,`), []byte(`南湖区,2.8,98,3.2,98.9,95,58.9,`), 1)
	if bytes.Equal(bad, b) {
		t.Fatal("the embedded data row of 南湖区 was not found")
	}
	altered := filepath.Join(dir, "altered.html")
	if err := os.WriteFile(altered, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, e = exec("verify", altered)
	if code != 1 || !strings.Contains(out, "不同的部分：数据 (DIFFERENT: the data)") || !strings.Contains(e, "the published fingerprint differs: the data") {
		t.Fatalf("an altered page: exit %d\n%s\n%s", code, out, e)
	}
	plain := filepath.Join(dir, "plain.html")
	if err := os.WriteFile(plain, []byte("<html><body>排名</body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, e = exec("verify", plain); code != 1 || !strings.Contains(e, "no embedded model") {
		t.Fatalf("a page without a model: exit %d: %s", code, e)
	}
}
