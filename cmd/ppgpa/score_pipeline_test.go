package main

import (
	"strings"
	"testing"
)

// TestScoreNotesAfterModel checks the order of score's messages now that
// the model is compiled while the data are read: a bad model is reported
// alone, without the notes on reading the data (as when the model was
// read first), and a good model lets the notes through, before the data's
// own error when there is one.
func TestScoreNotesAfterModel(t *testing.T) {
	t.Chdir("testdata")
	plain := runPPGPA(t, "", "score", "invalid_model.json", "data.csv")
	gbk := runPPGPA(t, "", "score", "invalid_model.json", "official/data_gbk.csv")
	if plain.code != 1 || gbk.code != 1 || gbk.stderr != plain.stderr {
		t.Errorf("bad model with GBK data: exit %d\n%s\nwant exit 1 and the bad model's errors alone:\n%s", gbk.code, gbk.stderr, plain.stderr)
	}
	missing := runPPGPA(t, "", "score", "invalid_model.json", "no_such_file.csv")
	if missing.stderr != plain.stderr {
		t.Errorf("bad model with a missing data file:\n%s\nwant the bad model's errors:\n%s", missing.stderr, plain.stderr)
	}
	const note = "ppgpa score: note: official/data_gbk.csv: read as GB18030/GBK text"
	good := runPPGPA(t, "", "score", "-skip-summary", "model.json", "official/data_gbk.csv")
	if good.code != 0 || !strings.HasPrefix(good.stderr, note) {
		t.Errorf("good model with GBK data: exit %d, standard error\n%s\nwant it to start with %q", good.code, good.stderr, note)
	}
	bad := runPPGPA(t, "", "score", "model.json", "official/data_gbk.csv")
	lines := strings.Split(strings.TrimSpace(bad.stderr), "\n")
	if bad.code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], note) || !strings.Contains(lines[1], `"合计" is a summary row`) {
		t.Errorf("good model, data with a summary row: exit %d, standard error\n%s\nwant the note, then the error", bad.code, bad.stderr)
	}
}
