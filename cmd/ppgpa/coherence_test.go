package main

import (
	"os"
	"strings"
	"testing"
)

// coherenceModel scores two indicators of data.csv that run against each
// other (wait_days taken as lower-is-better, complaints_per_10k as given)
// with available-case aggregation (江滨区 has no complaints figure), and a
// group of one indicator, whose alpha cannot be computed.
const coherenceModel = `{"ppgpa": 1, "root": {"id": "t", "imputation": {"method": "available"}, "normalization": {"method": "minmax"}, "children": [
  {"id": "g", "weight": 1, "children": [{"id": "wait", "weight": 1, "column": "wait_days", "polarity": "lower"}, {"id": "complaints", "weight": 1, "column": "complaints_per_10k"}]},
  {"id": "s", "weight": 1, "children": [{"id": "sat", "weight": 1, "column": "satisfaction"}]}]}}`

// criticModel weights its three indicators by CRITIC.
const criticModel = `{"ppgpa": 1, "root": {"id": "t", "weighting": {"method": "critic"}, "imputation": {"method": "mean"}, "normalization": {"method": "minmax"}, "children": [
  {"id": "wait", "column": "wait_days", "polarity": "lower"}, {"id": "online", "column": "online_pct"}, {"id": "sat", "column": "satisfaction"}]}}`

// coherenceGoldenCases are the end-to-end cases of coherence and of the
// weighting diagnostics of weights (run by TestCoherenceGolden).
func coherenceGoldenCases() []golden {
	return []golden{
		{"coherence", []string{"coherence", "model.json", "data.csv"}, "", 0},
		{"coherence_en", []string{"coherence", "-lang", "en", "model.json", "data.csv"}, "", 0},
		{"coherence_spearman_csv", []string{"coherence", "-method", "spearman", "-format", "csv", "model.json", "data.csv"}, "", 0},
		{"coherence_kendall_json", []string{"coherence", "-method", "kendall", "-redundant", "0.95", "-format", "json", "model.json", "data.csv"}, "", 0},
		{"coherence_markdown", []string{"coherence", "-format", "markdown", "model.json", "data.csv"}, "", 0},
		{"coherence_available_case", []string{"coherence", "-", "data.csv"}, coherenceModel, 0},
		{"coherence_bad_method", []string{"coherence", "-method", "cosine", "model.json", "data.csv"}, "", 2},
		{"coherence_bad_threshold", []string{"coherence", "-redundant", "1.5", "model.json", "data.csv"}, "", 2},
		{"coherence_help", []string{"coherence", "-h"}, "", 0},
		// The diagnostics of data-driven weights in ppgpa weights.
		{"weights_diagnostics_json", []string{"weights", "-format", "json", "-schemes", "entropy,pca", "model.json", "data.csv"}, "", 0},
		{"weights_model_critic_markdown", []string{"weights", "-format", "markdown", "-schemes", "equal", "-", "data.csv"}, criticModel, 0},
	}
}

// TestCoherenceRowOrder: the output does not depend on the order of the
// rows of DATA.
func TestCoherenceRowOrder(t *testing.T) {
	t.Chdir("testdata")
	b, err := os.ReadFile("data.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	rev := []string{lines[0]}
	for i := len(lines) - 1; i > 0; i-- {
		rev = append(rev, lines[i])
	}
	for _, format := range []string{"table", "json"} {
		a := runPPGPA(t, "", "coherence", "-method", "kendall", "-format", format, "model.json", "data.csv")
		r := runPPGPA(t, strings.Join(rev, "\n")+"\n", "coherence", "-method", "kendall", "-format", format, "model.json", "-")
		if a.code != 0 || r.code != 0 || a.stdout != r.stdout {
			t.Errorf("%s: outputs differ with the rows reversed (exit %d, %d):\n%s", format, a.code, r.code, diffLines(a.stdout, r.stdout))
		}
	}
}
