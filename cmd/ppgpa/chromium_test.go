package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromiumPath finds Debian's chromium. When it is absent the test is
// skipped, except under CI (CI set), where .ci/run installs it and its
// absence is a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found, and CI is set: .ci/run must install Debian's chromium")
	}
	t.Skip("chromium not found (install Debian's chromium to run this test; it is required when CI is set)")
	return ""
}

// chromium runs headless Chromium with the given extra flags on the file
// and returns its standard output.
func chromium(t *testing.T, bin, file string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir(), "--window-size=1000,1600"}
	args = append(append(args, extra...), "file://"+file)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", extra, err, errb.String())
	}
	return out.Bytes()
}

// probe is appended to a copy of the report: it records what the browser
// laid out, so that --dump-dom shows it.
const probe = `<script>
(function () {
  var b = document.body, svg = document.querySelector("svg.chart");
  var r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  b.setAttribute("data-svg", Math.round(r.width) + "x" + Math.round(r.height));
  b.setAttribute("data-dots", String(document.querySelectorAll("svg.chart circle.nominal").length));
  b.setAttribute("data-charset", document.characterSet);
  b.setAttribute("data-lang", document.documentElement.lang);
  b.setAttribute("data-font", getComputedStyle(b).fontFamily.indexOf("Noto Sans CJK SC") >= 0 ? "cjk" : "none");
  b.setAttribute("data-title", document.querySelector("h1").textContent);
  // Glyph check. The CSS font list names a CJK font whether or not one is
  // installed, so draw Chinese characters on a canvas in the body's font
  // stack and compare them with U+E000 (private use, no glyph in any font
  // here, so drawn as the missing-glyph box). Without a CJK font every
  // Chinese character is that same box: same width, same pixels.
  var font = "32px " + getComputedStyle(b).fontFamily;
  var c = document.createElement("canvas");
  c.width = 48; c.height = 48;
  var g = c.getContext("2d");
  g.font = font;
  function pixels(ch) {
    g.clearRect(0, 0, 48, 48);
    g.fillStyle = "#000";
    g.textBaseline = "top";
    g.fillText(ch, 4, 4);
    return Array.prototype.join.call(g.getImageData(0, 0, 48, 48).data, ",");
  }
  // Widths are reported but not compared: Noto Sans CJK's own box for
  // U+E000 is as wide (1em) as its ideographs.
  var tofu = pixels("\uE000"), tofuW = g.measureText("\uE000").width;
  var seen = {}, glyphs = [];
  ["高", "新", "区", "县", "临", "河"].forEach(function (ch) {
    var p = pixels(ch), w = g.measureText(ch).width;
    var ok = p !== tofu && !seen[p];
    seen[p] = true;
    glyphs.push(ch + ":" + (ok ? "glyph" : "tofu") + ":" + w.toFixed(1));
  });
  b.setAttribute("data-glyphs", glyphs.join(" "));
  b.setAttribute("data-tofu", tofuW.toFixed(1));
})();
</script>
</body>`

// TestReportChromium renders the HTML report in headless Chromium and
// checks that it renders: the page is decoded as UTF-8 with the Chinese
// labels intact, the SVG chart is laid out with one dot per unit, the CJK
// font stack applies and Chinese characters are drawn with real glyphs (not
// missing-glyph boxes), and a screenshot is a real image.
//
// With fontconfig limited to DejaVu (FONTCONFIG_FILE naming a config whose
// only <dir> is /usr/share/fonts/truetype/dejavu) the glyph check fails.
func TestReportChromium(t *testing.T) {
	// Read FONTCONFIG_FILE so that go test's cache keys on it: Chromium's
	// fonts depend on it.
	_ = os.Getenv("FONTCONFIG_FILE")
	bin := chromiumPath(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	t.Chdir("testdata")
	r := runPPGPA(t, "", "report", "-n", "200", "-o", page, "model.json", "data.csv")
	if r.code != 0 {
		t.Fatalf("ppgpa report: exit status %d: %s", r.code, r.stderr)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	probed := filepath.Join(dir, "probed.html")
	if err := os.WriteFile(probed, bytes.Replace(html, []byte("</body>"), []byte(probe), 1), 0o644); err != nil {
		t.Fatal(err)
	}

	dom := string(chromium(t, bin, probed, "--dump-dom"))
	attr := func(name string) string {
		m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("rendered DOM has no %s:\n%.2000s", name, dom)
		}
		return m[1]
	}
	if got := attr("data-charset"); got != "UTF-8" {
		t.Errorf("document.characterSet = %q, want UTF-8", got)
	}
	if got := attr("data-lang"); got != "zh" {
		t.Errorf("lang = %q, want zh", got)
	}
	if got := attr("data-title"); got != "区县公共服务绩效评估（示例）" {
		t.Errorf("h1 renders as %q", got)
	}
	if got := attr("data-font"); got != "cjk" {
		t.Errorf("computed font-family lacks the CJK fonts")
	}
	// Every probed character must be drawn with a real glyph: distinct
	// pixels from each other and from the missing-glyph box.
	if got := attr("data-glyphs"); strings.Contains(got, "tofu") || strings.Count(got, "glyph") != 6 {
		t.Errorf("Chinese text renders as missing-glyph boxes (no CJK font found by fontconfig; install fonts-noto-cjk): %s (box width %s)", got, attr("data-tofu"))
	}
	if got := attr("data-dots"); got != "8" {
		t.Errorf("chart has %s unit dots, want 8", got)
	}
	wh := strings.Split(attr("data-svg"), "x")
	if w, _ := strconv.Atoi(wh[0]); w < 300 || len(wh) != 2 {
		t.Errorf("chart is laid out as %v, want a visible chart", wh)
	} else if h, _ := strconv.Atoi(wh[1]); h < 100 {
		t.Errorf("chart height %d, want at least 100", h)
	}
	for _, s := range []string{"<svg", "高新区", "临河县", "一票否决", "\uFFFD"} {
		if has := strings.Contains(dom, s); has != (s != "\uFFFD") {
			t.Errorf("rendered DOM contains %q: %v", s, has)
		}
	}

	shot := filepath.Join(dir, "report.png")
	chromium(t, bin, page, "--screenshot="+shot, "--hide-scrollbars")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != 1000 || b.Dy() != 1600 {
		t.Errorf("screenshot is %v, want 1000x1600", b)
	}
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("screenshot has %d dark sample pixels: the page looks blank", dark)
	}
}
