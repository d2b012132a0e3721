package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestPlanGolden runs plan end to end (testdata/golden/plan_*.golden; go
// test -update rewrites them). The sample sizes were checked by hand
// against Cochran (1977) 4.4-4.5: z = 1.959964, z^2/4/0.03^2 = 1067.07,
// times 1.5 = 1600.61, with N = 250000: 1600.61/(1 + 1599.61/250000) =
// 1590.43, over a response rate of 0.6: 2650.7 -> 2651.
func TestPlanGolden(t *testing.T) {
	t.Chdir("testdata")
	cases := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"plan_size", []string{"plan", "-margin", "0.03"}, "", 0},
		{"plan_size_full", []string{"plan", "-margin", "0.03", "-deff", "1.5", "-population", "250000", "-response-rate", "0.6"}, "", 0},
		{"plan_size_full_en", []string{"plan", "-lang", "en", "-margin", "0.03", "-deff", "1.5", "-population", "250000", "-response-rate", "0.6"}, "", 0},
		{"plan_size_csv", []string{"plan", "-margin", "0.05", "-level", "0.9", "-p", "0.8", "-format", "csv"}, "", 0},
		{"plan_neyman_min", []string{"plan", "-margin", "0.04", "-deff", "1.3", "-allocation", "neyman", "-min", "30", "-response-rate", "0.7", "strata.csv"}, "", 0},
		{"plan_n_proportional_json", []string{"plan", "-n", "300", "-format", "json", "strata.csv"}, "", 0},
		{"plan_equal_csv", []string{"plan", "-n", "100", "-allocation", "equal", "-format", "csv", "strata_nosd.csv"}, "", 0},
		// -min 200 lifts 远郊 and 山区, and 山区 (N 150) cannot give 200.
		{"plan_min_exceeds_size", []string{"plan", "-n", "1000", "-min", "200", "strata.csv"}, "", 0},
		{"plan_neyman_no_sd", []string{"plan", "-n", "100", "-allocation", "neyman", "strata_nosd.csv"}, "", 1},
		{"plan_bad_cell", []string{"plan", "-n", "100", "-"}, "stratum,N\nA,10\nB,x\n", 1},
		{"plan_huge_sizes", []string{"plan", "-n", "7", "-"}, "stratum,N\nA,1e308\nB,1e308\n", 1},
		{"plan_duplicate", []string{"plan", "-n", "100", "-"}, "stratum,N\nA,10\nA,20\n", 1},
		{"plan_min_too_large", []string{"plan", "-n", "100", "-min", "30", "strata.csv"}, "", 1},
		{"plan_no_size", []string{"plan", "strata.csv"}, "", 2},
		{"plan_margin_and_n", []string{"plan", "-margin", "0.03", "-n", "100"}, "", 2},
		{"plan_bad_margin", []string{"plan", "-margin", "3"}, "", 2},
		{"plan_bad_allocation", []string{"plan", "-n", "10", "-allocation", "optimal", "strata.csv"}, "", 2},
		{"plan_help", []string{"plan", "-h"}, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runPPGPA(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", r.code, tc.code, r.stderr)
			}
			compareGolden(t, tc.name, fmt.Sprintf("$ ppgpa %s\n--- exit status %d\n--- stdout\n%s--- stderr\n%s", strings.Join(tc.args, " "), r.code, r.stdout, r.stderr))
		})
	}
}

// TestPlanReference checks plan's allocations against the R-derived
// reference vectors s20 and s21 (testdata/reference/survey; base R 4.2.2,
// unrounded n N_h/N and n N_h S_h / sum N_k S_k), within their tolerances.
func TestPlanReference(t *testing.T) {
	for _, name := range []string{"s20_allocation_apipop_stype_api00", "s21_allocation_given_sds"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "reference", "survey", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var ref struct {
			Inputs struct {
				Sizes map[string]float64 `json:"stratum_sizes"`
				SDs   map[string]float64 `json:"stratum_sds"`
				N     int                `json:"n"`
			} `json:"inputs"`
			Expected map[string]map[string]float64 `json:"expected"`
			Tol      float64                       `json:"tolerance"`
			AbsTol   float64                       `json:"abs_tolerance"`
		}
		if err := json.Unmarshal(b, &ref); err != nil {
			t.Fatal(err)
		}
		var names []string
		for k := range ref.Inputs.Sizes {
			names = append(names, k)
		}
		sort.Strings(names)
		csv := "stratum,N,sd\n"
		for _, k := range names {
			csv += fmt.Sprintf("%s,%v,%v\n", k, ref.Inputs.Sizes[k], ref.Inputs.SDs[k])
		}
		for method, want := range ref.Expected {
			r := runPPGPA(t, csv, "plan", "-n", fmt.Sprint(ref.Inputs.N), "-allocation", method, "-format", "json", "-")
			if r.code != 0 {
				t.Fatalf("%s %s: exit status %d: %s", name, method, r.code, r.stderr)
			}
			var raw struct {
				Allocation struct {
					Strata []struct {
						Stratum string  `json:"stratum"`
						Exact   float64 `json:"exact"`
						N       int     `json:"n"`
					} `json:"strata"`
				} `json:"allocation"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
				t.Fatalf("%s %s: %v\n%s", name, method, err, r.stdout)
			}
			sum := 0
			for _, s := range raw.Allocation.Strata {
				w := want[s.Stratum]
				if d := math.Abs(s.Exact - w); d > ref.AbsTol && d > ref.Tol*math.Abs(w) {
					t.Errorf("%s %s: stratum %s: %v, R gives %v", name, method, s.Stratum, s.Exact, w)
				}
				if math.Abs(float64(s.N)-w) >= 1 {
					t.Errorf("%s %s: stratum %s rounded to %d, far from %v", name, method, s.Stratum, s.N, w)
				}
				sum += s.N
			}
			if len(raw.Allocation.Strata) != len(want) || sum != ref.Inputs.N {
				t.Errorf("%s %s: %d strata with %d interviews, want %d and %d", name, method, len(raw.Allocation.Strata), sum, len(want), ref.Inputs.N)
			}
		}
	}
}

// TestLargestRemainder checks the rounding: the integers sum to n and
// differ from the exact values by less than 1, and the units left over
// go to the largest fractions (worked by hand).
func TestLargestRemainder(t *testing.T) {
	for _, tc := range []struct {
		x    []float64
		n    int
		want []int
	}{
		{[]float64{62.068965517241381, 103.44827586206897, 72.41379310344827, 62.068965517241381}, 300, []int{62, 104, 72, 62}},
		{[]float64{1.5, 1.5, 1}, 4, []int{2, 1, 1}},
		{[]float64{33.3333, 33.3333, 33.3334}, 100, []int{33, 33, 34}},
		{[]float64{2.9999999999999996, 1.0000000000000004}, 4, []int{3, 1}},
	} {
		got := largestRemainder(tc.x, tc.n)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("largestRemainder(%v, %d) = %v, want %v", tc.x, tc.n, got, tc.want)
		}
	}
}

// TestPlanFormulaNote checks the note under plan's formulas in each
// language: Chinese alone, English alone (-lang en), and with -lang both
// the Chinese line then the English one, as plan's title. The figures
// are those of the case: z = 1.96 is the 0.975 quantile of the standard
// normal distribution (R: qnorm(0.975) = 1.959964), the margin 0.03 is 3
// percentage points.
func TestPlanFormulaNote(t *testing.T) {
	zh := "式中：z为置信水平95%对应的标准正态分位数（1.96），p为预计比例（0.5），e为误差限（0.03，即3个百分点），N为总体人数。"
	en := "where z is the standard normal quantile for 95% confidence (1.96), p the expected proportion (0.5), margin the margin of error (0.03, i.e. 3 percentage points), deff the design effect, N the population size."
	for lang, want := range map[string][]string{"zh": {zh}, "en": {en}, "both": {zh, en}} {
		got := runPPGPA(t, "", "plan", "-lang", lang, "-margin", "0.03", "-deff", "1.5", "-population", "250000")
		if got.code != 0 {
			t.Fatalf("-lang %s: %s", lang, got.stderr)
		}
		lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
		if len(lines) < len(want) || strings.Join(lines[len(lines)-len(want):], "\n") != strings.Join(want, "\n") {
			t.Errorf("-lang %s: the output ends\n%s\nwant\n%s", lang, strings.Join(lines[max(0, len(lines)-2):], "\n"), strings.Join(want, "\n"))
		}
	}
}
