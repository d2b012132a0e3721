package survey_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
)

// apiTable reads one of the California API files of the survey reference
// vectors (testdata/reference/survey, from R's data(api)) by column.
func apiTable(t testing.TB, name string) map[string][]string {
	f, err := os.Open(filepath.Join("..", "testdata", "reference", "survey", name))
	if err != nil {
		fail(t, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		fail(t, err)
	}
	cols := map[string][]string{}
	for j, h := range recs[0] {
		for _, r := range recs[1:] {
			cols[h] = append(cols[h], r[j])
		}
	}
	return cols
}

func numbers(t testing.TB, col []string) []float64 {
	out := make([]float64, len(col))
	for i, s := range col {
		if s == "" || s == "NA" {
			out[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			fail(t, err)
		}
		out[i] = v
	}
	return out
}

// dclus1 returns R's dclus1 <- svydesign(id=~dnum, weights=~pw,
// data=apiclus1, fpc=~fpc) and its columns.
func dclus1(t testing.TB) (*survey.Design, map[string][]string) {
	cols := apiTable(t, "apiclus1.csv")
	pw, fpc := numbers(t, cols["pw"]), numbers(t, cols["fpc"])
	rs := make([]survey.Respondent, len(pw))
	for i := range rs {
		rs[i] = survey.Respondent{ID: cols["snum"][i], PSU: cols["dnum"][i], Weight: pw[i], FPC: fpc[i],
			Attr: map[string]string{"stype": cols["stype"][i], "api00": cols["api00"][i], "ell": cols["ell"][i], "sch.wide": cols["sch.wide"][i]}}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		fail(t, err)
	}
	return d, cols
}

// dstrat returns R's dstrat <- svydesign(id=~1, strata=~stype,
// weights=~pw, data=apistrat, fpc=~fpc) and its columns.
func dstrat(t testing.TB) (*survey.Design, map[string][]string) {
	cols := apiTable(t, "apistrat.csv")
	pw, fpc := numbers(t, cols["pw"]), numbers(t, cols["fpc"])
	rs := make([]survey.Respondent, len(pw))
	for i := range rs {
		rs[i] = survey.Respondent{ID: cols["snum"][i], Stratum: cols["stype"][i], Weight: pw[i], FPC: fpc[i]}
	}
	d, err := survey.NewDesign(rs, survey.DesignOptions{})
	if err != nil {
		fail(t, err)
	}
	return d, cols
}

// fail stops the test, or panics when t is nil (in Examples).
func fail(t testing.TB, err error) {
	if t == nil {
		panic(err)
	}
	t.Helper()
	t.Fatal(err)
}

// near reports whether |got - want| <= tol |want|.
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol*math.Abs(want) }

// nearSE compares two standard errors of an estimate of size value within
// propTol, relative to the larger of the standard error and the value: a
// standard error that is 0 in exact arithmetic (constant y) comes out as a
// few ulps of the value after rounding.
func nearSE(got, want, value float64) bool {
	return math.Abs(got-want) <= propTol*math.Max(math.Abs(want), math.Abs(value))
}

// onesMatrix returns an n x 1 matrix of ones (an intercept).
func onesMatrix(n int) *mat.Dense {
	x := mat.NewDense(n, 1, nil)
	for i := 0; i < n; i++ {
		x.Set(i, 0, 1)
	}
	return x
}
