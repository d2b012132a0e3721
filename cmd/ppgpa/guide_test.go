package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The user guides (docs/guide.zh.md and docs/guide.md) walk an
// assessment office through the command line. TestGuide runs every command
// they show, in order, in a copy of docs/guide (the files the guide uses),
// so that the guides stay true:
//
//   - a line "$ ppgpa ..." in a ```console block is a command; it must exit
//     with status 0, or with N when the line ends in "# exit N";
//   - a ```text block right after a console block holds lines that the
//     output (standard output and standard error) of the block's last
//     command must contain, each line as a whole.
func TestGuide(t *testing.T) {
	for _, guide := range []string{"guide.zh.md", "guide.md"} {
		t.Run(guide, func(t *testing.T) {
			steps := readGuide(t, filepath.Join("..", "..", "docs", guide))
			if len(steps) < 10 {
				t.Fatalf("%s shows only %d commands", guide, len(steps))
			}
			dir := t.TempDir()
			copyDir(t, filepath.Join("..", "..", "docs", "guide"), dir)
			t.Chdir(dir)
			for _, s := range steps {
				var out bytes.Buffer
				code := run(context.Background(), s.args, strings.NewReader(""), &out, &out)
				if code != s.exit {
					t.Fatalf("%s:%d: ppgpa %s: exit status %d, want %d\n%s", guide, s.line, strings.Join(s.args, " "), code, s.exit, out.String())
				}
				for _, w := range s.want {
					if !containsLine(out.String(), w) {
						t.Errorf("%s:%d: ppgpa %s: the output has no line %q\n%s", guide, s.line, strings.Join(s.args, " "), w, out.String())
					}
				}
			}
		})
	}
}

type guideStep struct {
	line int
	args []string
	exit int
	want []string
}

var exitComment = regexp.MustCompile(`\s+#\s*exit\s+(\d+)\s*$`)

// readGuide returns the commands of a guide with what their output must
// contain.
func readGuide(t *testing.T, path string) []guideStep {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []guideStep
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	block := ""       // the fence's language inside a block, "" outside
	lastConsole := -1 // index of the last step of the console block just closed
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if block == "" {
				block = strings.TrimSpace(strings.TrimPrefix(line, "```"))
				if block == "" {
					block = "plain"
				}
				if block != "text" && block != "console" {
					lastConsole = -1
				}
				continue
			}
			if block == "console" && len(steps) > 0 {
				lastConsole = len(steps) - 1
			} else {
				lastConsole = -1
			}
			block = ""
			continue
		}
		switch block {
		case "console":
			cmd, ok := strings.CutPrefix(line, "$ ppgpa ")
			if !ok {
				if strings.HasPrefix(line, "$ ") {
					t.Fatalf("%s:%d: a console line that does not run ppgpa: %q", path, n, line)
				}
				continue
			}
			s := guideStep{line: n}
			if m := exitComment.FindStringSubmatch(cmd); m != nil {
				s.exit, _ = strconv.Atoi(m[1])
				cmd = cmd[:len(cmd)-len(m[0])]
			}
			s.args = splitWords(t, cmd)
			steps = append(steps, s)
		case "text":
			if lastConsole >= 0 && strings.TrimSpace(line) != "" {
				steps[lastConsole].want = append(steps[lastConsole].want, strings.TrimRight(line, " "))
			}
		case "":
			if strings.TrimSpace(line) != "" {
				lastConsole = -1
			}
		}
	}
	if block != "" {
		t.Fatalf("%s: a code block is not closed", path)
	}
	return steps
}

// splitWords splits a command line as a shell would for the guide's
// commands: words separated by spaces, with single or double quotes.
func splitWords(t *testing.T, s string) []string {
	var out []string
	var w strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unclosed quote in %q", s)
	}
	if in {
		out = append(out, w.String())
	}
	return out
}

func containsLine(out, want string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimRight(l, " ") == want {
			return true
		}
	}
	return false
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		src, err := os.Open(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		dst, err := os.Create(filepath.Join(to, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		src.Close()
		if err := dst.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGlossary checks that the Chinese texts use the glossary's terms: no
// word of its column "不用 · not used" appears in the Chinese guide, the
// Chinese model-format reference, the help of any command, or the sources
// of the report (ranking/report) and of the command line, which hold the
// Chinese of their output.
func TestGlossary(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "glossary.md"))
	if err != nil {
		t.Fatal(err)
	}
	var avoid []string
	rows := 0
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 7 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "中文" {
			continue
		}
		rows++
		for _, w := range strings.Split(cells[3], "、") {
			if w = strings.TrimSpace(w); w != "" {
				avoid = append(avoid, w)
			}
		}
	}
	if rows < 40 || len(avoid) < 10 {
		t.Fatalf("glossary: %d terms, %d avoided words; the table was not read", rows, len(avoid))
	}
	texts := map[string]string{}
	for _, f := range []string{"guide.zh.md", "model-format.zh.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", f))
		if err != nil {
			t.Fatal(err)
		}
		texts["docs/"+f] = string(b)
	}
	for _, c := range commands() {
		var out bytes.Buffer
		run(context.Background(), []string{c.name, "-h"}, strings.NewReader(""), &out, &out)
		texts["ppgpa "+c.name+" -h"] = out.String()
	}
	srcs, _ := filepath.Glob(filepath.Join("..", "..", "ranking", "report", "*.go"))
	cmds, _ := filepath.Glob("*.go")
	for _, f := range append(srcs, cmds...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.ToSlash(f)] = string(b)
	}
	if len(srcs) == 0 || len(cmds) == 0 {
		t.Fatal("no sources in ranking/report or cmd/ppgpa")
	}
	for name, text := range texts {
		for _, w := range avoid {
			if strings.Contains(text, w) {
				t.Errorf("%s uses %q, which the glossary (docs/glossary.md) says not to use", name, w)
			}
		}
	}
}
