package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEResearcherCommands runs the commands of the README's section
// for researchers (the code block that follows "One command ranks the same
// data") on the model and data of testdata, and checks that each succeeds
// and that the comparisons show the shift of every unit.
func TestREADMEResearcherCommands(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	at := strings.Index(text, "One command ranks the same data")
	if at < 0 {
		t.Fatal("README: no section that compares schemes")
	}
	block := text[at:]
	start := strings.Index(block, "```\n")
	end := strings.Index(block[start+4:], "```")
	if start < 0 || end < 0 {
		t.Fatal("README: no code block after the comparison paragraph")
	}
	var cmds [][]string
	for _, line := range strings.Split(block[start+4:start+4+end], "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "ppgpa" {
			cmds = append(cmds, f[1:])
		}
	}
	if len(cmds) < 3 {
		t.Fatalf("README shows %d comparison commands, want 3", len(cmds))
	}
	dir := t.TempDir()
	for _, f := range []string{"model.json", "data.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, args := range cmds {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("ppgpa %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
		if !strings.Contains(out.String(), "名次变动") && !strings.Contains(strings.Join(args, " "), "-o ") {
			t.Errorf("ppgpa %s: no shift column\n%s", strings.Join(args, " "), out.String())
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "ranks.xlsx")); err != nil || fi.Size() == 0 {
		t.Errorf("the xlsx command wrote no workbook: %v", err)
	}
}

// TestREADMEQuickStartExcel runs the README's quick start command that
// scores an Excel workbook (the first "ppgpa score" of a .xlsx file in
// the code block of "Set up and run") and checks that it ranks the units
// as the CSV of the same data does.
func TestREADMEQuickStartExcel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	at := strings.Index(text, "## Set up and run")
	end := strings.Index(text[at+1:], "\n## ")
	if at < 0 || end < 0 {
		t.Fatal("README: no section Set up and run")
	}
	var args []string
	for _, line := range strings.Split(text[at:at+1+end], "\n") {
		line, _, _ = strings.Cut(line, "#")
		if f := strings.Fields(line); len(f) > 4 && f[0] == "go" && f[1] == "run" && f[2] == "./cmd/ppgpa" && f[3] == "score" && strings.HasSuffix(f[len(f)-1], ".xlsx") {
			args = f[3:]
			break
		}
	}
	if args == nil {
		t.Fatal("README: the quick start scores no Excel workbook (go run ./cmd/ppgpa score MODEL DATA.xlsx)")
	}
	t.Chdir(filepath.Join("..", ".."))
	var out, errb bytes.Buffer
	if code := run(context.Background(), append([]string{"score", "-format", "csv"}, args[1:]...), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("ppgpa %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	csvArgs := append([]string{"score", "-format", "csv"}, args[1:]...)
	csvArgs[len(csvArgs)-1] = strings.TrimSuffix(csvArgs[len(csvArgs)-1], ".xlsx") + ".csv"
	var want bytes.Buffer
	if code := run(context.Background(), csvArgs, strings.NewReader(""), &want, &errb); code != 0 {
		t.Fatalf("ppgpa %s: exit %d\n%s", strings.Join(csvArgs, " "), code, errb.String())
	}
	if out.String() != want.String() {
		t.Errorf("the workbook of the quick start scores\n%s\nthe CSV\n%s", out.String(), want.String())
	}
}
