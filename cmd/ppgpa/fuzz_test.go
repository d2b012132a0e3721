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
	idx := func(name string) uint8 {
		for i, c := range cmds {
			if c.name == name {
				return uint8(i)
			}
		}
		f.Fatalf("no command %q", name)
		return 0
	}
	// Overlays: the fuzzed file is the overlay applied to the model.
	overlay, err := os.ReadFile("testdata/overlay.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(idx("validate"), "-overlay\n@\ntestdata/model.json", string(overlay))
	f.Add(idx("validate"), "-overlay\n@\ntestdata/model.json", `{"ppgpa": 1, "remove": ["service"], "add": [{"parent": "service", "node": {"id": "x", "name": "X", "column": "wait_days"}}]}`)
	f.Add(idx("validate"), "-overlay=@\ntestdata/model.json", `{"ppgpa": 1, "weights": [{"id": "satisfaction", "weight": -1}]}`)
	f.Add(idx("score"), "-overlay\n@\ntestdata/model.json\ntestdata/data.csv", string(overlay))
	f.Add(idx("score"), "-overlay\n@\n-format\njson\ntestdata/model.json\ntestdata/data.csv", `{"ppgpa": 1, "remove": ["service.complaints", "service"]}`)
	f.Add(idx("score"), "-overlay\ntestdata/overlay.json\ntestdata/model.json\n@", "district,wait_days\nA,1\n")
	f.Add(idx("rake"), "-trim-upper\n12\n@\ntestdata/margins.json", "id,sex,age\n1,男,18-39\n2,女,60+\n3,男,40-59\n")
	f.Add(idx("plan"), "-margin\n0.03\n-allocation\nneyman\n-min\n5\n@", "stratum,N,sd\nA,100,1\nB,0,2\n")
	f.Add(idx("plan"), "-n\n7\n-format\njson\n@", "stratum,N\nA,1e308\nB,1e308\n")
	f.Fuzz(func(t *testing.T, cmd uint8, args, file string) {
		argv := []string{cmds[int(cmd)%len(cmds)].name}
		if cmd >= 200 {
			argv = nil // the top level
		}
		dir := t.TempDir()
		path := dir + "/input"
		for _, a := range strings.Split(args, "\n") {
			if strings.HasPrefix(a, "/") || strings.Contains(a, "..") || strings.HasPrefix(a, "~") ||
				strings.HasPrefix(a, "-") && writesFile(a) {
				t.Skip("argument outside the test data or writing a file")
			}
			if a == "@" {
				a = path
			} else if strings.HasPrefix(a, "-") && strings.HasSuffix(a, "=@") {
				a = strings.TrimSuffix(a, "@") + path
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

// writesFile reports whether the flag argument a (such as "-o", "--o=x"
// or "-diag") names one of the flags that write a file: -o and -diag.
func writesFile(a string) bool {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return name == "o" || name == "diag"
}

// TestWritesFile checks that the fuzzer leaves out exactly the flags that
// write files, and not flags that merely start like them (-overlay).
func TestWritesFile(t *testing.T) {
	for a, want := range map[string]bool{
		"-o": true, "--o": true, "-o=x.html": true, "-diag": true, "--diag=d.json": true,
		"-overlay": false, "-overlay=@": false, "-diagnostics": false, "-format": false,
	} {
		if got := writesFile(a); got != want {
			t.Errorf("writesFile(%q) = %v, want %v", a, got, want)
		}
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
