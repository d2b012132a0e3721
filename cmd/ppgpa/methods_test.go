package main

import (
	"encoding/json"
	"math"
	"os"
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
