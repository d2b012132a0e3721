package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// methodsGoldenCases are the end-to-end cases of the comparative
// aggregations on the model files of docs/methods (run by TestGolden
// from testdata).
func methodsGoldenCases() []golden {
	const dir = "../../../docs/methods/"
	return []golden{
		{"methods_topsis", []string{"score", dir + "topsis.json", dir + "districts.csv"}, "", 0},
		{"methods_grey_markdown", []string{"score", "-format", "markdown", dir + "grey.json", dir + "districts.csv"}, "", 0},
		{"methods_mpi_csv", []string{"score", "-format", "csv", dir + "mpi.json", dir + "districts.csv"}, "", 0},
		{"methods_fuzzy", []string{"score", dir + "fuzzy.json", dir + "shares.csv"}, "", 0},
		{"methods_fuzzy_json", []string{"score", "-format", "json", dir + "fuzzy.json", dir + "shares.csv"}, "", 0},
		{"methods_validate_fuzzy", []string{"validate", dir + "fuzzy.json"}, "", 0},
		{"methods_uncertainty", []string{"uncertainty", "-n", "200", "-sobol-n", "0", "-aggregations", "arithmetic,grey_relational:rho=0.3,mpi", dir + "topsis.json", dir + "districts.csv"}, "", 0},
		{"methods_uncertainty_bad_rho", []string{"uncertainty", "-aggregations", "grey_relational:rho=2", dir + "topsis.json", dir + "districts.csv"}, "", 2},
		{"methods_estimate_shares", []string{"estimate", "-scale", "shandong", "-shares", "resp_long.csv", "answers.csv"}, "", 0},
		{"methods_estimate_shares_table", []string{"estimate", "-scale", "shandong", "-shares", "-format", "table", "resp_long.csv", "answers.csv"}, "", 2},
		{"methods_fuzzy_no_answers", []string{"score", dir + "fuzzy.json", "-"}, "unit,traffic_vs,traffic_s,traffic_n,traffic_d,traffic_vd,health_vs,health_s,health_n,health_d,health_vd,safety_vs,safety_s,safety_n,safety_d,safety_vd\nA,20,40,20,10,10,0,0,0,0,0,30,30,20,10,10\nB,20,40,20,10,10,30,30,20,10,10,30,30,20,10,10\n", 1},
	}
}

// TestScoreMethodsReference checks that score -format json on the model
// files of docs/methods gives the numbers that the base-R derivation in
// indicator/testdata/comparative/reference.R printed (reference.out):
// entropy-weight TOPSIS and the MPI with equal weights.
func TestScoreMethodsReference(t *testing.T) {
	t.Chdir("testdata")
	b, err := os.ReadFile("../../../indicator/testdata/comparative/reference.out")
	if err != nil {
		t.Fatal(err)
	}
	ref := map[string][]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		fs := strings.Fields(line)
		if len(fs) < 2 {
			continue
		}
		for _, s := range fs[1:] {
			if x, err := strconv.ParseFloat(s, 64); err == nil {
				ref[fs[0]] = append(ref[fs[0]], x)
			}
		}
	}
	units := []string{"东城", "西城", "南湖", "北山", "中和", "新港", "高新", "临江"}
	for _, tc := range []struct{ model, ref string }{
		{"topsis.json", "topsis_entropy_vector"},
		{"mpi.json", "mpi_negative"},
	} {
		r := runPPGPA(t, "", "score", "-format", "json", "../../../docs/methods/"+tc.model, "../../../docs/methods/districts.csv")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.model, r.code, r.stderr)
		}
		var out struct {
			Units []struct {
				Unit  string  `json:"unit"`
				Score float64 `json:"score"`
			} `json:"units"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatal(err)
		}
		want := ref[tc.ref]
		for _, u := range out.Units {
			i := -1
			for k, name := range units {
				if name == u.Unit {
					i = k
				}
			}
			if i < 0 || math.Abs(u.Score-want[i]) > 1e-12*math.Abs(want[i]) {
				t.Errorf("%s: unit %s score %.17g, want %v", tc.model, u.Unit, u.Score, want)
			}
		}
	}
}

// TestSharesToFuzzy follows the grade shares from the survey side to a
// fuzzy evaluation: estimate -shares on the long-form answers of
// testdata (weights 1, 2, 1, 1, 1, 3) gives the weighted percentages
// computed by hand below, and a fuzzy group of one item's shares with the
// Shandong points as grade values (M(·,+), one factor) scores each unit
// with the item's mean score, as estimate computes it.
func TestSharesToFuzzy(t *testing.T) {
	t.Chdir("testdata")
	r := runPPGPA(t, "", "estimate", "-scale", "shandong", "-shares", "-item", "q1", "resp_long.csv", "answers.csv")
	if r.code != 0 {
		t.Fatalf("estimate -shares: exit %d: %s", r.code, r.stderr)
	}
	// 东城区 q1: r1 满意 (1), r2 不满意 (2), r3 满意 (1): 50, 0, 50.
	// 西城区 q1: r3 不了解 (excluded), r4 基本满意 (1), r5 满意 (1): 50, 50, 0.
	const want = "unit,q1_满意,q1_基本满意,q1_不满意\n东城区,50,0,50\n西城区,50,50,0\n"
	if r.stdout != want {
		t.Fatalf("estimate -shares:\n%s\nwant\n%s", r.stdout, want)
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "shares.csv")
	if err := os.WriteFile(data, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	model := `{"ppgpa": 1, "name": "q1", "root": {"id": "q1", "normalization": {"method": "none"},
	  "aggregation": {"method": "fuzzy", "grades": [{"label": "满意", "value": 100}, {"label": "基本满意", "value": 75}, {"label": "不满意", "value": 55}]},
	  "children": [{"id": "s1", "column": "q1_满意"}, {"id": "s2", "column": "q1_基本满意"}, {"id": "s3", "column": "q1_不满意"}]}}`
	mf := filepath.Join(dir, "model.json")
	if err := os.WriteFile(mf, []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	sc := runPPGPA(t, "", "score", "-format", "json", mf, data)
	est := runPPGPA(t, "", "estimate", "-scale", "shandong", "-item", "q1", "-format", "json", "resp_long.csv", "answers.csv")
	if sc.code != 0 || est.code != 0 {
		t.Fatalf("score: %s; estimate: %s", sc.stderr, est.stderr)
	}
	var so struct {
		Units []struct {
			Unit  string  `json:"unit"`
			Score float64 `json:"score"`
		} `json:"units"`
	}
	var eo struct {
		Units []struct {
			Unit     string  `json:"unit"`
			Estimate float64 `json:"estimate"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(sc.stdout), &so); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(est.stdout), &eo); err != nil {
		t.Fatal(err)
	}
	mean := map[string]float64{}
	for _, u := range eo.Units {
		mean[u.Unit] = u.Estimate
	}
	if len(so.Units) != 2 || len(mean) != 2 {
		t.Fatalf("units: score %v, estimate %v", so.Units, mean)
	}
	for _, u := range so.Units {
		// 东城区 (100·2 + 55·2)/4 = 77.5; 西城区 (75 + 100)/2 = 87.5.
		if math.Abs(u.Score-mean[u.Unit]) > 1e-12 {
			t.Errorf("%s: fuzzy score %v, mean score %v", u.Unit, u.Score, mean[u.Unit])
		}
	}
}
