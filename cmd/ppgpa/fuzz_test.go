package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// FuzzRun runs the command line with arbitrary arguments and an arbitrary
// input file (also given on standard input): whatever the input, run must
// return 0, 1 or 2 and never panic (run turns a panic into "internal
// error", which fails the test). Arguments that name absolute paths or
// parent directories, and flags that write files, are left out so that
// the fuzzer stays inside the test data.
func FuzzRun(f *testing.F) {
	f.Add(uint8(0), "@", `{"ppgpa": 1, "root": {"id": "t", "children": [{"id": "a", "column": "a"}]}}`)
	f.Add(uint8(1), "testdata/model.json\n@", "district,wait_days\nA,1\nB,x\n")
	f.Add(uint8(1), "-format\njson\ntestdata/model.json\ntestdata/data.csv", "")
	f.Add(uint8(2), "@", "A,B\n1,3\n,1\n")
	f.Add(uint8(2), "-ri\nalonso_lamata2006\n@\ntestdata/ahp.csv", "1,2,3\n,1,1/2\n,,1\n")
	f.Add(uint8(3), "testdata/model.json\n@", "district,wait_days,online_pct\nA,1,2\n")
	f.Add(uint8(4), "testdata/respondents.csv\n@", `{"sex": {"男": 1, "女": 2}, "age": 3}`)
	f.Add(uint8(5), "@\ntestdata/totals.csv", "id,sex,income\n1,男,3\n2,女,\n")
	f.Add(uint8(6), "-unit\ndistrict\n-scale\nhangzhou\n@", "id,district,answer\n1,a,满意\n2,a,不满意\n")
	f.Add(uint8(7), "-n\n20\n-sobol-n\n8\ntestdata/model.json\n@", "district,wait_days\nA,1\n")
	f.Add(uint8(8), "testdata/model.json\ntestdata/data.csv\n@", "unit,rank\n东城区,1\n")
	f.Add(uint8(9), "-n\n10\n-format\nmarkdown\ntestdata/model.json\ntestdata/data.csv", "")
	f.Add(uint8(10), "-h", "")
	cmds := commands()
	f.Fuzz(func(t *testing.T, cmd uint8, args, file string) {
		argv := []string{cmds[int(cmd)%len(cmds)].name}
		if cmd >= 200 {
			argv = nil // the top level
		}
		dir := t.TempDir()
		path := dir + "/input"
		for _, a := range strings.Split(args, "\n") {
			name := strings.TrimLeft(a, "-")
			if strings.HasPrefix(a, "/") || strings.Contains(a, "..") || strings.HasPrefix(a, "~") ||
				strings.HasPrefix(a, "-") && (strings.HasPrefix(name, "o") || strings.HasPrefix(name, "diag")) {
				t.Skip("argument outside the test data or writing a file")
			}
			if a == "@" {
				a = path
			}
			argv = append(argv, a)
		}
		if err := writeFile(path, file); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		var out, errb bytes.Buffer
		code := run(ctx, argv, strings.NewReader(file), &out, &errb)
		if strings.Contains(errb.String(), "internal error") {
			t.Fatalf("ppgpa %q: %s", argv, errb.String())
		}
		if code < 0 || code > 2 {
			t.Fatalf("ppgpa %q: exit status %d", argv, code)
		}
		if code != 0 && errb.Len() == 0 {
			t.Fatalf("ppgpa %q: exit status %d without a message", argv, code)
		}
	})
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
