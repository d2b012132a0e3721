package main

import "testing"

// TestOfficialFilesScoreAlike scores the same data as kept by officials
// (made from data.csv by testdata/official/make.sh: GBK, a title row, a
// 序号 column, percent signs, a summary row) and checks that the scores
// are those of the plain UTF-8 file, byte for byte.
func TestOfficialFilesScoreAlike(t *testing.T) {
	t.Chdir("testdata")
	want := runPPGPA(t, "", "score", "-format", "csv", "model.json", "data.csv")
	if want.code != 0 {
		t.Fatalf("data.csv: %s", want.stderr)
	}
	for _, args := range [][]string{
		{"score", "-format", "csv", "-skip-summary", "model.json", "official/data_gbk.csv"},
		{"score", "-format", "csv", "-skip-summary", "-encoding", "gbk", "-header-row", "2", "-unit", "district", "model.json", "official/data_gbk.csv"},
	} {
		got := runPPGPA(t, "", args...)
		if got.code != 0 {
			t.Fatalf("%v: %s", args, got.stderr)
		}
		if got.stdout != want.stdout {
			t.Errorf("%v: scores differ from data.csv's:\n%s\nwant\n%s", args, got.stdout, want.stdout)
		}
	}
}
