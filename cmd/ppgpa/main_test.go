package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the end-to-end tests")

// runResult is what one in-process run of the command produced.
type runResult struct {
	stdout, stderr string
	code           int
}

// runPPGPA runs the command line in process, in directory testdata.
func runPPGPA(t testing.TB, stdin string, args ...string) runResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return runResult{out.String(), errb.String(), code}
}

// golden is one end-to-end case: the command line (run in testdata), its
// standard input, and the expected exit status; standard output and
// standard error are compared with testdata/golden/<name>.golden.
type golden struct {
	name  string
	args  []string
	stdin string
	code  int
}

func goldenCases() []golden {
	return []golden{
		// validate
		{"validate", []string{"validate", "model.json"}, "", 0},
		{"validate_invalid", []string{"validate", "invalid_model.json"}, "", 1},
		{"validate_truncated", []string{"validate", "truncated_model.json"}, "", 1},
		{"validate_stdin", []string{"validate", "-"}, `{"ppgpa": 1, "root": {"id": "t", "children": [{"id": "a", "column": "a", "weight": 2}, {"id": "b", "column": "b", "weight": 0}]}}`, 0},
		{"validate_missing_weight", []string{"validate", "-"}, `{"ppgpa": 1, "root": {"id": "t", "children": [{"id": "a", "column": "a", "weight": 2}, {"id": "b", "column": "b"}]}}`, 1},
		{"validate_overlay", []string{"validate", "-overlay", "overlay.json", "model.json"}, "", 0},
		{"validate_en", []string{"validate", "-lang", "en", "model.json"}, "", 0},
		{"validate_ahp_both", []string{"validate", "-lang", "both", "-"}, validateAHPModel, 0},
		{"validate_ahp", []string{"validate", "-"}, validateAHPModel, 0},
		{"validate_emit", []string{"validate", "-overlay", "overlay.json", "-emit", "-", "model.json"}, "", 0},
		{"validate_overlay_bad", []string{"validate", "-overlay", "-", "model.json"}, `{"ppgpa": 1, "remove": ["nope"]}`, 1},
		// score
		{"score_se", []string{"score", "model_se.json", "data_se.csv"}, "", 0},
		{"score_overlay", []string{"score", "-overlay", "overlay.json", "model.json", "data.csv"}, "", 0},
		{"score_table", []string{"score", "model.json", "data.csv"}, "", 0},
		{"score_csv", []string{"score", "-format", "csv", "model.json", "data.csv"}, "", 0},
		{"score_json", []string{"score", "model.json", "data.csv", "-format", "json"}, "", 0},
		{"score_markdown", []string{"score", "-format=markdown", "model.json", "data.csv"}, "", 0},
		{"score_table_en", []string{"score", "-lang", "en", "model.json", "data.csv"}, "", 0},
		{"score_categories_en", []string{"score", "-lang", "en", "-attr", "类别", "model_categories.json", "data_categories.csv"}, "", 0},
		{"score_years_both", []string{"score", "-lang", "both", "-format", "markdown", "-year", "year", "model_years.json", "panel.csv"}, "", 0},
		{"score_bad_lang", []string{"score", "-lang", "fr", "model.json", "data.csv"}, "", 2},
		{"score_bad_data", []string{"score", "model.json", "bad_data.csv"}, "", 1},
		{"score_gbk_summary", []string{"score", "model.json", "official/data_gbk.csv"}, "", 1},
		{"score_gbk_skip_summary", []string{"score", "-skip-summary", "model.json", "official/data_gbk.csv"}, "", 0},
		{"score_missing_column", []string{"score", "model.json", "-"}, "district,wait_days\nA,1\nB,2\n", 1},
		{"score_missing_file", []string{"score", "model.json", "no_such_file.csv"}, "", 1},
		{"score_one_arg", []string{"score", "model.json"}, "", 2},
		{"score_bad_format", []string{"score", "-format", "xml", "model.json", "data.csv"}, "", 2},
		{"score_bad_flag", []string{"score", "-frobnicate", "model.json", "data.csv"}, "", 2},
		{"score_two_stdin", []string{"score", "-", "-"}, "", 2},
		// score: categories, designations, promotion, several years
		{"score_categories", []string{"score", "-attr", "类别", "model_categories.json", "data_categories.csv"}, "", 0},
		{"score_categories_csv", []string{"score", "-attr", "类别", "-format", "csv", "model_categories.json", "data_categories.csv"}, "", 0},
		{"score_categories_json", []string{"score", "-attr", "类别", "-format", "json", "model_categories.json", "data_categories.csv"}, "", 0},
		{"score_categories_markdown", []string{"score", "-attr", "类别", "-format", "markdown", "model_categories.json", "data_categories.csv"}, "", 0},
		{"score_category_empty", []string{"score", "-attr", "类别", "-format", "markdown", "model_categories.json", "-"}, dropLines(readTestdata("data_categories.csv"), "江滨区"), 0},
		{"score_category_unknown", []string{"score", "-attr", "类别", "model_categories.json", "-"}, strings.Replace(readTestdata("data_categories.csv"), ",县\n", ",乡\n", 1), 1},
		{"score_category_no_column", []string{"score", "model_categories.json", "data.csv"}, "", 1},
		{"score_years", []string{"score", "-year", "year", "model_years.json", "panel.csv"}, "", 0},
		{"score_years_csv", []string{"score", "-year", "year", "-at", "2023", "-format", "csv", "model_years.json", "panel.csv"}, "", 0},
		{"score_years_json", []string{"score", "-year", "year", "-format", "json", "model_years.json", "panel.csv"}, "", 0},
		{"score_years_recomputed", []string{"score", "-year", "year", "model_years_per_year.json", "panel.csv"}, "", 0},
		{"score_years_missing_unit", []string{"score", "-year", "year", "model_years.json", "-"}, strings.Replace(readTestdata("panel.csv"), "辛区,2023", "壬区,2023", 1), 1},
		{"score_years_bad_year", []string{"score", "-year", "year", "model_years.json", "-"}, strings.Replace(readTestdata("panel.csv"), ",2023,", ",二〇二三,", 1), 1},
		{"score_years_at_unknown", []string{"score", "-year", "year", "-at", "2019", "model_years.json", "panel.csv"}, "", 2},
		{"score_previous", []string{"score", "-previous", "previous_2023.csv", "model_years.json", "data_2024.csv"}, "", 0},
		{"score_previous_missing_unit", []string{"score", "-previous", "-", "model_years.json", "data_2024.csv"}, strings.Replace(readTestdata("previous_2023.csv"), "丙区", "丙县", 1), 1},
		// ahp
		{"ahp", []string{"ahp", "ahp.csv"}, "", 0},
		{"ahp_en", []string{"ahp", "-lang", "en", "ahp.csv"}, "", 0},
		{"ahp_labelled_cn", []string{"ahp", "-ri", "cn_textbook", "-method", "geometric_mean", "ahp_labelled.csv"}, "", 0},
		{"ahp_incomplete", []string{"ahp", "ahp_incomplete.csv"}, "", 0},
		{"ahp_incomplete_suggestions", []string{"ahp", "ahp_incomplete_inconsistent.csv"}, "", 0},
		{"ahp_incomplete_optimal", []string{"ahp", "-completion", "optimal", "-format", "json", "ahp_incomplete.csv"}, "", 0},
		{"ahp_bad_completion", []string{"ahp", "-completion", "best", "ahp_incomplete.csv"}, "", 2},
		{"ahp_group", []string{"ahp", "-judge-weights", "2,1", "-group", "aip_geometric", "ahp.csv", "ahp_judge2.csv"}, "", 0},
		// The same judgments with the criteria listed as C, B, A: matched
		// by name, the two judges agree, so the weights are those of ahp.
		{"ahp_group_reordered", []string{"ahp", "ahp.csv", "ahp_cba.csv"}, "", 0},
		{"ahp_group_names_mismatch", []string{"ahp", "ahp.csv", "ahp_labelled.csv"}, "", 1},
		{"ahp_group_unnamed", []string{"ahp", "ahp.csv", "-"}, "1,3,5\n,1,2\n,,1\n", 1},
		{"ahp_row_label_mismatch", []string{"ahp", "-"}, ",A,B,C\nA,1,3,5\nC,,1,2\nB,,,1\n", 1},
		{"ahp_numeric_row_label", []string{"ahp", "-"}, "1,1,3,5\n2,,1,2\n3,,,1\n", 1},
		{"ahp_short_rows", []string{"ahp", "-"}, "A,B,C\n1,2\n,1\n", 1},
		{"ahp_nan_cell", []string{"ahp", "-"}, "A,B,C\n1,NaN,5\n,1,2\n,,1\n", 1},
		{"ahp_json", []string{"ahp", "-format", "json", "ahp.csv"}, "", 0},
		{"ahp_max_cr", []string{"ahp", "-max-cr", "0.1", "ahp_inconsistent.csv"}, "", 1},
		// From standard input: the Chinese names it 标准输入.
		{"ahp_stdin", []string{"ahp", "-"}, "A,B,C\n1,5,1/3\n1/5,1,4\n3,1/4,1\n", 0},
		{"ahp_bad_cell", []string{"ahp", "ahp_bad.csv"}, "", 1},
		{"ahp_disconnected", []string{"ahp", "-"}, "1,2,,\n,1,,\n,,1,3\n,,,1\n", 1},
		{"ahp_bad_ri", []string{"ahp", "-ri", "saaty1999", "ahp.csv"}, "", 2},
		// comparisons of schemes
		{"weights_ranks", []string{"weights", "-ranks", "-schemes", "equal,entropy", "model.json", "data.csv"}, "", 0},
		// Two units: CRITIC and PCA do not apply; the Chinese says why.
		{"weights_not_applicable", []string{"weights", "-schemes", "critic,pca", "model.json", "-"}, twoUnits, 0},
		{"weights_ranks_en", []string{"weights", "-lang", "en", "-ranks", "-schemes", "equal,entropy", "model.json", "data.csv"}, "", 0},
		{"compare_all_csv", []string{"uncertainty", "-weightings", "model,equal", "-aggregations", "geometric", "-normalizations", "rank,zscore", "-format", "csv", "model.json", "data.csv"}, "", 0},
		{"compare_all_json", []string{"uncertainty", "-weightings", "model", "-aggregations", "geometric,min", "-format", "json", "model.json", "data.csv"}, "", 0},
		{"compare_twice", []string{"uncertainty", "-weightings", "model,equal", "-normalizations", "rank,rank", "model.json", "data.csv"}, "", 2},
		// weights
		{"weights", []string{"weights", "model.json", "data.csv"}, "", 0},
		{"weights_en", []string{"weights", "-lang", "en", "model.json", "data.csv"}, "", 0},
		{"weights_csv", []string{"weights", "-format", "csv", "-schemes", "equal,critic", "model.json", "data.csv"}, "", 0},
		// verify
		{"verify_ok", []string{"verify", "-tol", "0.005", "model.json", "data.csv", "published_ok.csv"}, "", 0},
		{"verify_diff", []string{"verify", "-tol", "0.005", "model.json", "data.csv", "published_bad.csv"}, "", 1},
		{"verify_diff_json", []string{"verify", "-format", "json", "model.json", "data.csv", "published_bad.csv"}, "", 1},
		{"verify_exact_fails", []string{"verify", "-tol", "1e-9", "model.json", "data.csv", "published_ok.csv"}, "", 1},
		// survey
		{"rake", []string{"rake", "respondents.csv", "margins.json"}, "", 0},
		{"rake_csv_margins", []string{"rake", "respondents.csv", "margins.csv"}, "", 0},
		{"rake_unknown_level", []string{"rake", "respondents.csv", "-"}, `{"sex": {"男": 52}}`, 1},
		{"rake_not_converged", []string{"rake", "-lower", "0.9", "-upper", "1.1", "respondents.csv", "margins.json"}, "", 1},
		{"calibrate_logit_no_bounds", []string{"calibrate", "-distance", "logit", "respondents.csv", "totals.csv"}, "", 2},
		{"calibrate", []string{"calibrate", "respondents.csv", "totals.csv"}, "", 0},
		{"calibrate_raking", []string{"calibrate", "-distance", "raking", "respondents.csv", "margins.json"}, "", 0},
		{"estimate", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-measure", "satisfaction_rate", "-percent", "respondents.csv"}, "", 0},
		{"estimate_table", []string{"estimate", "-unit", "district", "-answer", "income", "-format", "table", "respondents.csv"}, "", 0},
		{"estimate_table_en", []string{"estimate", "-lang", "en", "-unit", "district", "-answer", "income", "-format", "table", "respondents.csv"}, "", 0},
		{"estimate_long", []string{"estimate", "-scale", "shandong", "-format", "table", "resp_long.csv", "answers.csv"}, "", 0},
		{"estimate_long_groups", []string{"estimate", "-scale", "shandong", "-measure", "satisfaction_rate", "-percent", "-group-weights", "电话=0.6,问卷=0.4", "resp_long.csv", "answers.csv"}, "", 0},
		{"estimate_long_bad_label", []string{"estimate", "-scale", "hangzhou", "resp_long.csv", "answers.csv"}, "", 1},
		{"estimate_singleton_fail", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-measure", "satisfaction_rate", "-strata", "stratum", "-psu", "psu", "-fpc", "fpc", "resp_design.csv"}, "", 1},
		{"estimate_singleton_adjust", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-measure", "satisfaction_rate", "-percent", "-strata", "stratum", "-psu", "psu", "-fpc", "fpc", "-singleton", "adjust", "-format", "table", "resp_design.csv"}, "", 0},
		{"estimate_bootstrap", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-measure", "satisfaction_rate", "-percent", "-strata", "stratum", "-psu", "psu", "-fpc", "fpc", "-singleton", "remove", "-variance", "bootstrap", "-replicates", "50", "-seed", "3", "resp_design.csv"}, "", 0},
		{"estimate_jkn_mean", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-strata", "stratum", "-psu", "psu", "-singleton", "certainty", "-variance", "jkn", "-format", "table", "resp_design.csv"}, "", 0},
		{"estimate_empty_replicate_fail", []string{"estimate", "-unit", "district", "-psu", "psu", "-variance", "jk1", "-"}, emptyReplicateData, 1},
		{"estimate_empty_replicate_na", []string{"estimate", "-unit", "district", "-psu", "psu", "-variance", "jk1", "-empty-replicate", "na", "-"}, emptyReplicateData, 0},
		{"estimate_empty_replicate_long", []string{"estimate", "-scale", "shandong", "-variance", "jk1", "-empty-replicate", "na", "-format", "table", "resp_long.csv", "-"}, "respondent,unit,answer\nr1,东城区,满意\nr2,东城区,不满意\nr3,东城区,满意\nr4,西城区,基本满意\n", 0},
		{"estimate_bad_interval", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-interval", "logit", "respondents.csv"}, "", 2},
		{"estimate_bad_answer", []string{"estimate", "-unit", "district", "-scale", "shandong", "respondents.csv"}, "", 1},
		// uncertainty
		{"uncertainty", []string{"uncertainty", "-n", "200", "-sobol-n", "64", "-seed", "7", "model.json", "data.csv"}, "", 0},
		{"uncertainty_en", []string{"uncertainty", "-lang", "en", "-n", "200", "-sobol-n", "64", "-seed", "7", "model.json", "data.csv"}, "", 0},
		{"uncertainty_csv", []string{"uncertainty", "-n", "200", "-sobol-n", "0", "-format", "csv", "model.json", "data.csv"}, "", 0},
		{"uncertainty_json", []string{"uncertainty", "-n", "100", "-sobol-n", "32", "-format", "json", "model.json", "data.csv"}, "", 0},
		// report
		{"report_markdown", []string{"report", "-n", "200", "-format", "markdown", "model.json", "data.csv"}, "", 0},
		{"report_html", []string{"report", "-n", "200", "model.json", "data.csv"}, "", 0},
		// usage
		{"no_args", nil, "", 2},
		{"unknown_command", []string{"frobnicate"}, "", 2},
		{"help", []string{"-h"}, "", 0},
	}
}

// readTestdata returns the text of a file of testdata (for inputs on
// standard input derived from it); the golden cases run in testdata.
func readTestdata(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		panic(err)
	}
	return string(b)
}

// allGoldenCases returns the end-to-end cases of every command.
func allGoldenCases() []golden {
	return slices.Concat(goldenCases(), rankGoldenCases(), coherenceGoldenCases(), methodsGoldenCases())
}

func TestGolden(t *testing.T) {
	t.Chdir("testdata")
	for _, tc := range allGoldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			r := runPPGPA(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("ppgpa %s: exit status %d, want %d\nstderr:\n%s", strings.Join(tc.args, " "), r.code, tc.code, r.stderr)
			}
			got := fmt.Sprintf("$ ppgpa %s\n--- exit status %d\n--- stdout\n%s--- stderr\n%s", strings.Join(tc.args, " "), r.code, r.stdout, r.stderr)
			compareGolden(t, tc.name, got)
		})
	}
}

// diffLines shows the first lines where want and got differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n-%s\n+%s\n", i+1, a, c)
			if shown++; shown == 5 {
				break
			}
		}
	}
	return b.String()
}

// TestStderrLines checks that every failure writes one line per problem,
// prefixed with the command, and never a Go panic trace.
func TestStderrLines(t *testing.T) {
	t.Chdir("testdata")
	for _, tc := range allGoldenCases() {
		r := runPPGPA(t, tc.stdin, tc.args...)
		if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "internal error") {
			t.Errorf("%s: stderr has a panic:\n%s", tc.name, r.stderr)
		}
		if tc.code == 0 || len(tc.args) == 0 || tc.name == "unknown_command" {
			continue
		}
		for _, l := range strings.Split(strings.TrimRight(r.stderr, "\n"), "\n") {
			if !strings.HasPrefix(l, "ppgpa "+tc.args[0]+": ") && !strings.HasPrefix(l, "usage: ppgpa") {
				t.Errorf("%s: stderr line %q does not start with %q", tc.name, l, "ppgpa "+tc.args[0]+": ")
			}
		}
	}
}

// TestErrorLocations checks that errors name the file and the line,
// column, JSON location or node they are about.
func TestErrorLocations(t *testing.T) {
	t.Chdir("testdata")
	cases := []struct {
		name  string
		args  []string
		stdin string
		want  []string
	}{
		{"json syntax", []string{"validate", "truncated_model.json"}, "", []string{"truncated_model.json: ", "line 4"}},
		{"node path", []string{"validate", "invalid_model.json"}, "", []string{"invalid_model.json: a b/x: leaf has no column"}},
		{"json path", []string{"validate", "-"}, `{"ppgpa": 1, "root": {"id": "t", "column": 3}}`, []string{"<stdin>: $.root.column"}},
		{"csv cell", []string{"score", "model.json", "bad_data.csv"}, "", []string{"bad_data.csv: ", "line 3", `"九十一"`}},
		{"missing column", []string{"score", "model.json", "-"}, "district,wait_days\nA,1\nB,2\n", []string{`node "total/service/service.online"`}},
		{"matrix cell", []string{"ahp", "ahp_bad.csv"}, "", []string{"ahp_bad.csv: line 2, column 3 (A over C)"}},
		{"published cell", []string{"verify", "model.json", "data.csv", "-"}, "unit,score\n东城区,x\n", []string{"<stdin>: line 2, column 2 (score)"}},
		{"respondent cell", []string{"estimate", "-unit", "district", "-scale", "shandong", "respondents.csv"}, "", []string{"respondents.csv: line 3, column 6 (answer)", "比较满意"}},
		{"answer line", []string{"estimate", "-scale", "hangzhou", "resp_long.csv", "answers.csv"}, "", []string{"answers.csv: line 6: ", "不了解"}},
		{"margins level", []string{"rake", "respondents.csv", "-"}, `{"sex": {"男": 52}}`, []string{"respondents.csv: line 3, column 3 (sex)"}},
		{"margins json syntax", []string{"rake", "respondents.csv", "-"}, "{\"sex\": {\"男\": 52},\n \"age\" 3}", []string{"<stdin>: line 2"}},
	}
	for _, c := range cases {
		r := runPPGPA(t, c.stdin, c.args...)
		if r.code != 1 {
			t.Errorf("%s: exit status %d, want 1", c.name, r.code)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%s: stderr %q does not contain %q", c.name, r.stderr, w)
			}
		}
	}
}

// TestHelp checks that -h works on every command, exits 0 and shows an
// example invocation.
func TestHelp(t *testing.T) {
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "-h"}, {"help", c.name}} {
			r := runPPGPA(t, "", args...)
			if r.code != 0 || r.stderr != "" {
				t.Errorf("ppgpa %v: exit status %d, stderr %q", args, r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "Usage: ppgpa "+c.name) || !strings.Contains(r.stdout, "ppgpa "+c.name) || !strings.Contains(r.stdout, "Example") {
				t.Errorf("ppgpa %v: help lacks the usage line or an example:\n%s", args, r.stdout)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"-version"}} {
		r := runPPGPA(t, "", args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "ppgpa ") || !strings.Contains(r.stdout, "model format 1") {
			t.Errorf("ppgpa %v: %d %q %q", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := runPPGPA(t, "", "version", "extra"); r.code != 2 {
		t.Errorf("ppgpa version extra: exit status %d, want 2", r.code)
	}
}

// TestOutputFile checks -o: the file holds what standard output would,
// and a failed command leaves no file.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir("testdata")
	want := runPPGPA(t, "", "score", "-format", "csv", "model.json", "data.csv")
	out := filepath.Join(dir, "scores.csv")
	r := runPPGPA(t, "", "score", "-format", "csv", "-o", out, "model.json", "data.csv")
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("score -o: %d %q %q", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil || string(got) != want.stdout {
		t.Errorf("score -o wrote %q (%v), want %q", got, err, want.stdout)
	}
	bad := filepath.Join(dir, "bad.csv")
	if r := runPPGPA(t, "", "score", "-o", bad, "model.json", "bad_data.csv"); r.code != 1 {
		t.Errorf("score -o with bad data: exit status %d", r.code)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("a failed score left %s", bad)
	}
	diag := filepath.Join(dir, "diag.json")
	if r := runPPGPA(t, "", "rake", "-diag", diag, "respondents.csv", "margins.json"); r.code != 0 || r.stderr != "" {
		t.Errorf("rake -diag: %d %q", r.code, r.stderr)
	}
	if b, err := os.ReadFile(diag); err != nil || !bytes.Contains(b, []byte(`"kish_deff"`)) {
		t.Errorf("rake -diag wrote %q (%v)", b, err)
	}
}

// TestDeterministic runs the commands twice and compares the bytes; the
// data-driven and random parts are the ones at risk.
func TestDeterministic(t *testing.T) {
	t.Chdir("testdata")
	for _, args := range [][]string{
		{"score", "-format", "json", "model.json", "data.csv"},
		{"weights", "-format", "csv", "model.json", "data.csv"},
		{"uncertainty", "-n", "300", "-sobol-n", "32", "-format", "json", "model.json", "data.csv"},
		{"report", "-n", "300", "model.json", "data.csv"},
	} {
		a, b := runPPGPA(t, "", args...), runPPGPA(t, "", args...)
		if a != b {
			t.Errorf("ppgpa %v: two runs differ", args)
		}
	}
}

// TestStdinEqualsFile checks that "-" reads the same data as the file.
func TestStdinEqualsFile(t *testing.T) {
	t.Chdir("testdata")
	data, err := os.ReadFile("data.csv")
	if err != nil {
		t.Fatal(err)
	}
	a := runPPGPA(t, "", "score", "-format", "csv", "model.json", "data.csv")
	b := runPPGPA(t, string(data), "score", "-format", "csv", "model.json", "-")
	if a != b {
		t.Errorf("score with - differs from the file:\n%s\n%s", a.stdout, b.stdout)
	}
}

// TestCancelled checks that a cancelled context (Ctrl-C) stops a long
// analysis with exit status 1 and the word "interrupted", not Go's
// "context canceled".
func TestCancelled(t *testing.T) {
	t.Chdir("testdata")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"uncertainty", "-n", "100000", "model.json", "data.csv"}, strings.NewReader(""), &out, &errb)
	if code != 1 || errb.String() != "ppgpa uncertainty: interrupted\n" {
		t.Errorf("cancelled uncertainty: exit status %d, stderr %q", code, errb.String())
	}
}

// TestPanicIsInternalError checks the last resort: a panic inside a
// command (here a nil standard input, which no user can cause) is reported
// as one line naming an internal error, with exit status 1, not as a
// trace.
func TestPanicIsInternalError(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"validate", "-"}, nil, &out, &errb)
	if code != 1 || !strings.HasPrefix(errb.String(), "ppgpa: internal error: ") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("exit status %d, stderr %q", code, errb.String())
	}
}

// TestValidateEmitFile checks that validate -emit FILE writes the
// effective model that -emit - prints, still prints the tree, and that the
// file is a model that validates.
func TestValidateEmitFile(t *testing.T) {
	t.Chdir("testdata")
	out := filepath.Join(t.TempDir(), "effective.json")
	r := runPPGPA(t, "", "validate", "-overlay", "overlay.json", "-emit", out, "model.json")
	if r.code != 0 || !strings.Contains(r.stdout, "实际权重") {
		t.Fatalf("exit status %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := runPPGPA(t, "", "validate", "-overlay", "overlay.json", "-emit", "-", "model.json")
	if string(got) != want.stdout {
		t.Errorf("-emit %s wrote\n%s\nwant\n%s", out, got, want.stdout)
	}
	if r := runPPGPA(t, "", "validate", out); r.code != 0 || !strings.Contains(r.stdout, "江滨区") {
		t.Errorf("validate of the emitted model: exit status %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// emptyReplicateData: district B is answered only in PSU p3, so the JK1
// replicate that deletes p3 leaves it no weight.
const emptyReplicateData = "id,psu,district,answer\nr1,p1,A,8\nr2,p2,A,6\nr3,p3,B,7\nr4,p3,B,9\nr5,p4,A,5\n"

// dropLines returns s without its lines that contain sub.
func dropLines(s, sub string) string {
	var out []string
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

// twoUnits is the first two units of testdata/data.csv.
const twoUnits = "district,wait_days,online_pct,complaints_per_10k,budget_execution_pct,projects_on_time_pct,satisfaction,innovation_awards,incidents,major_accident\n东城区,3.2,96,4.1,97.5,92,86.4,1,0,0\n西城区,4.5,91,6.8,93.1,88,82.7,0,1,0\n"
