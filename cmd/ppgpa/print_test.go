package main

import (
	"context"
	"encoding/base64"
	"fmt"
	htmlpkg "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pdfTool finds a poppler tool (pdfinfo, pdftotext); like chromium it is
// required under CI (.ci/run installs poppler-utils) and skips otherwise.
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found, and CI is set: .ci/run must install poppler-utils", name)
	}
	t.Skipf("%s not found (install poppler-utils to run this test)", name)
	return ""
}

func runTool(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return string(out)
}

// participationReport writes the Chinese report of the participation
// example (its model and its data as written by -format data, kept in
// testdata/participation.csv) with assessors' comments that try to
// inject markup, and returns the file.
func participationReport(t *testing.T, dir string, extra ...string) string {
	t.Helper()
	page := filepath.Join(dir, "participation.html")
	args := append([]string{"report", "-lang", "zh", "-n", "100", "-issuer", "示例考评办公室", "-period", "2025年度", "-date", "2026-01-15",
		"-comments", "comments_xss.csv", "-last", "last_year.csv", "-o", page}, extra...)
	args = append(args, "../../../../examples/participation/model.json", "participation.csv")
	r := runPPGPA(t, "", args...)
	if r.code != 0 {
		t.Fatalf("ppgpa report: exit status %d: %s", r.code, r.stderr)
	}
	return page
}

// TestReportPrintA4 prints the participation example's Chinese report to
// PDF with headless Chromium and checks with poppler that every page is
// A4 (595 x 842 pt) and that no unit card spans two pages: a marker is
// put at the start and at the end of every card, and on every page the
// markers must pair up (a start always closed by an end on the same
// page). It also checks the running header (the title) and the page
// numbers ("第 1 页，共 N 页") on every page.
func TestReportPrintA4(t *testing.T) {
	bin := chromiumPath(t)
	pdfinfo, pdftotext := pdfTool(t, "pdfinfo"), pdfTool(t, "pdftotext")
	dir := t.TempDir()
	t.Chdir("testdata/report")
	page := participationReport(t, dir)
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	printA4(t, bin, pdfinfo, pdftotext, dir, html, "政府绩效管理公众参与水平综合评估", 15)
}

// TestReportPrintA4Categories prints the Hangzhou example's pinned
// Chinese report (three league tables, one per category, 48 unit cards)
// as TestReportPrintA4 does: A4 pages, a running header and page numbers
// on every page, no card split.
func TestReportPrintA4Categories(t *testing.T) {
	bin := chromiumPath(t)
	pdfinfo, pdftotext := pdfTool(t, "pdfinfo"), pdfTool(t, "pdftotext")
	html, err := os.ReadFile("../../examples/hangzhou/testdata/report.golden")
	if err != nil {
		t.Fatal(err)
	}
	printA4(t, bin, pdfinfo, pdftotext, t.TempDir(), html, "杭州市综合考评", 48)
}

// printA4 prints html to PDF and checks its pages (see TestReportPrintA4).
func printA4(t *testing.T, bin, pdfinfo, pdftotext, dir string, html []byte, title string, want int) {
	t.Helper()
	cards := strings.Count(string(html), `<article class="unit-card"`)
	if cards != want {
		t.Fatalf("%d unit cards, want %d", cards, want)
	}
	marked := regexp.MustCompile(`(<article class="unit-card"[^>]*>)`).ReplaceAllString(string(html), `$1<span style="font-size:4px">CARDSTART</span>`)
	marked = strings.ReplaceAll(marked, "</article>", `<span style="font-size:4px">CARDEND</span></article>`)
	probed := filepath.Join(dir, "marked.html")
	if err := os.WriteFile(probed, []byte(marked), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	chromium(t, bin, probed, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	info := runTool(t, pdfinfo, pdf)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	n, _ := strconv.Atoi(m[1])
	if n < 3 {
		t.Fatalf("%d pages, want at least 3", n)
	}
	sizes := runTool(t, pdfinfo, "-f", "1", "-l", m[1], pdf)
	for i := 1; i <= n; i++ {
		sm := regexp.MustCompile(fmt.Sprintf(`Page\s+%d size:\s+([\d.]+) x ([\d.]+) pts`, i)).FindStringSubmatch(sizes)
		if sm == nil {
			t.Fatalf("no size of page %d:\n%s", i, sizes)
		}
		w, _ := strconv.ParseFloat(sm[1], 64)
		h, _ := strconv.ParseFloat(sm[2], 64)
		if w < 594 || w > 596 || h < 841 || h > 843 {
			t.Errorf("page %d is %v x %v pt, want A4 (595 x 842)", i, w, h)
		}
	}
	seen := 0
	for i := 1; i <= n; i++ {
		text := runTool(t, pdftotext, "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-layout", pdf, "-")
		if !strings.Contains(text, title) {
			t.Errorf("page %d lacks the running header (the title)", i)
		}
		if want := fmt.Sprintf("第 %d 页，共 %d 页", i, n); !strings.Contains(text, want) {
			t.Errorf("page %d lacks the page number %q", i, want)
		}
		open := false
		for _, mk := range regexp.MustCompile(`CARD(START|END)`).FindAllStringSubmatch(text, -1) {
			switch {
			case mk[1] == "START" && !open:
				open = true
			case mk[1] == "END" && open:
				open = false
				seen++
			default:
				t.Errorf("page %d: a unit card starts or ends on another page", i)
			}
		}
		if open {
			t.Errorf("page %d: a unit card continues on the next page", i)
		}
	}
	if seen != cards {
		t.Errorf("%d whole cards in the PDF, want %d", seen, cards)
	}
}

// phoneFrame shows the report in a frame 390 px wide (headless Chromium
// keeps its window at least 500 px wide) and records the layout inside
// it once it has loaded.
const phoneFrame = `<!DOCTYPE html>
<html><body>
<iframe id="f" src="phone.html" style="width:390px;height:844px;border:0"></iframe>
<script>
document.getElementById("f").onload = function () {
  var w = this.contentWindow, d = w.document.documentElement, doc = w.document, b = document.body;
  b.setAttribute("data-scroll", d.scrollWidth + "x" + d.clientWidth);
  var wrapped = [];
  doc.querySelectorAll("td.name").forEach(function (td) {
    var r = doc.createRange();
    r.selectNodeContents(td);
    var tops = {};
    Array.prototype.forEach.call(r.getClientRects(), function (x) { tops[Math.round(x.top)] = 1; });
    if (Object.keys(tops).length > 1) wrapped.push(td.textContent);
  });
  b.setAttribute("data-wrapped", wrapped.join("|"));
  var svg = doc.querySelector("svg.chart"), r = svg.getBoundingClientRect();
  b.setAttribute("data-chart", Math.round(r.right) + "x" + d.clientWidth);
  var t = doc.querySelector(".table-wrap");
  b.setAttribute("data-table", t.scrollWidth + "x" + t.clientWidth);
};
</script>
</body></html>`

// TestReportPhone lays the report out at 390 px, a phone's width: the
// page does not scroll sideways (the league table scrolls inside its
// box, which is wider than the screen), unit names are on one line, and
// the chart fits the column.
func TestReportPhone(t *testing.T) {
	bin := chromiumPath(t)
	dir := t.TempDir()
	t.Chdir("testdata/report")
	page := participationReport(t, dir)
	if err := os.Rename(page, filepath.Join(dir, "phone.html")); err != nil {
		t.Fatal(err)
	}
	outer := filepath.Join(dir, "frame.html")
	if err := os.WriteFile(outer, []byte(phoneFrame), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := string(chromium(t, bin, outer, "--dump-dom", "--allow-file-access-from-files"))
	attr := func(name string) string {
		m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("rendered DOM has no %s:\n%.1000s", name, dom)
		}
		return m[1]
	}
	var sw, cw int
	if _, err := fmt.Sscanf(attr("data-scroll"), "%dx%d", &sw, &cw); err != nil || cw > 390 || cw < 300 || sw > cw {
		t.Errorf("page scroll width x client width = %s: the page overflows sideways at 390 px", attr("data-scroll"))
	}
	if w := attr("data-wrapped"); w != "" {
		t.Errorf("unit names wrap at 390 px: %s", w)
	}
	var right, width int
	if _, err := fmt.Sscanf(attr("data-chart"), "%dx%d", &right, &width); err != nil || right > width {
		t.Errorf("chart right edge x width = %s: the chart does not fit", attr("data-chart"))
	}
	var tsw, tcw int
	if _, err := fmt.Sscanf(attr("data-table"), "%dx%d", &tsw, &tcw); err != nil || tsw <= tcw {
		t.Errorf("league table scroll width x box width = %s: want a table that scrolls inside its box", attr("data-table"))
	}
}

// TestReportEscapesComments checks that assessors' comments that try to
// inject markup are shown as text in the rendered page.
func TestReportEscapesComments(t *testing.T) {
	dir := t.TempDir()
	t.Chdir("testdata/report")
	page := participationReport(t, dir)
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	h := string(html)
	for _, bad := range []string{"<img", "<script>alert", "onerror=\"", "<b>"} {
		if strings.Contains(h, bad) {
			t.Errorf("report contains %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;", "评估组意见", "上年第", "↑"} {
		if !strings.Contains(h, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestReportVerifyRoundTrip downloads the model, the data and the
// results from the report (their data: URLs) and runs the command the
// report gives for checking them: ppgpa verify with the fingerprint to
// expect must agree (exit status 0).
func TestReportVerifyRoundTrip(t *testing.T) {
	dir := t.TempDir()
	t.Chdir("testdata/report")
	page := participationReport(t, dir)
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, media string }{{"model.json", "application/json"}, {"data.csv", "text/csv;charset=utf-8"}, {"published.csv", "text/csv;charset=utf-8"}} {
		m := regexp.MustCompile(`download="` + regexp.QuoteMeta(f.name) + `" href="data:` + regexp.QuoteMeta(f.media) + `;base64,([^"]*)"`).FindSubmatch(html)
		if m == nil {
			t.Fatalf("no download of %s", f.name)
		}
		b, err := base64.StdEncoding.DecodeString(string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := regexp.MustCompile(`<pre><code>ppgpa ([^<]*)</code></pre>`).FindSubmatch(html)
	if cmd == nil {
		t.Fatal("no verification command in the report")
	}
	t.Chdir(dir)
	// The command as a shell reads it: a quoted fingerprint (with its
	// parts) is one argument.
	line := htmlpkg.UnescapeString(string(cmd[1]))
	var args []string
	for len(line) > 0 {
		line = strings.TrimLeft(line, " ")
		if strings.HasPrefix(line, `"`) {
			end := strings.Index(line[1:], `"`) + 1
			args, line = append(args, line[1:end]), line[end+1:]
			continue
		}
		f, rest, _ := strings.Cut(line, " ")
		args, line = append(args, f), rest
	}
	r := runPPGPA(t, "", args...)
	if r.code != 0 || !strings.Contains(r.stdout, "公布的指纹：一致") {
		t.Errorf("ppgpa %s: exit status %d\n%s%s", cmd[1], r.code, r.stdout, r.stderr)
	}
}
