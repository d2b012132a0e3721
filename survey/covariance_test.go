package survey_test

import (
	"context"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// covCheck compares a covariance matrix with R's, element by element.
func covCheck(t *testing.T, name string, got *mat.SymDense, want [][]float64, tol float64) {
	t.Helper()
	for i := range want {
		for j := range want[i] {
			if g := got.At(i, j); !near(g, want[i][j], tol) {
				t.Errorf("%s[%d][%d] = %.17g, R %.17g", name, i, j, g, want[i][j])
			}
		}
	}
}

// TestMeanCovR: covariance matrices of means against R (survey 4.1-1):
//
//	vcov(svymean(~api00+api99+enroll, dclus1))
//	vcov(svymean(~api00+api99+enroll, dstrat))
//	vcov(svymean(~api00+api99+enroll, as.svrepdesign(dclus1, type="JK1")))
//	vcov(svymean(~api00+api99+enroll, postStratify(dclus1, ~stype,
//	     data.frame(stype=c("E","H","M"), Freq=c(4421,755,1018)))))
//	svycontrast(svymean(~api00+api99, dclus1), c(api00=1, api99=-1))
func TestMeanCovR(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d1, c1 := dclus1(t)
	ds, cs := dstrat(t)
	vars := func(cols map[string][]string) [][]float64 {
		return [][]float64{numbers(t, cols["api00"]), numbers(t, cols["api99"]), numbers(t, cols["enroll"])}
	}
	m, err := d1.MeanCov(ctx, vars(c1), survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	covCheck(t, "dclus1", m.Cov, [][]float64{
		{554.23709688391989, 565.78563173159500, -622.90249343028495},
		{565.78563173159500, 586.85260690383575, -685.52151045694745},
		{-622.90249343028495, -685.52151045694745, 2042.26013429432032}}, 1e-10)
	m, err = ds.MeanCov(ctx, vars(cs), survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	covCheck(t, "dstrat", m.Cov, [][]float64{
		{88.528167030304544, 91.800675345925626, -42.074472865437102},
		{91.800675345925626, 99.280245770611103, -43.172697922338649},
		{-42.074472865437102, -43.172697922338649, 342.564977903779152}}, 1e-10)
	rd, err := d1.Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1})
	if err != nil {
		t.Fatal(err)
	}
	m, err = rd.MeanCov(ctx, vars(c1), survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	covCheck(t, "dclus1 JK1", m.Cov, [][]float64{
		{693.23522905336972, 706.19518090551651, -860.22710170066603},
		{706.19518090551651, 728.92121517675469, -931.31050052640830},
		{-860.22710170066603, -931.31050052640830, 2546.32574733274078}}, 1e-10)
	for k, e := range m.Estimates {
		if math.Sqrt(m.Cov.At(k, k)) != e.SEMean {
			t.Errorf("JK1 variable %d: sqrt(diag) %v != SE %v", k, math.Sqrt(m.Cov.At(k, k)), e.SEMean)
		}
	}
	ps, err := d1.PostStratify(c1["stype"], map[string]float64{"E": 4421, "H": 755, "M": 1018})
	if err != nil {
		t.Fatal(err)
	}
	m, err = ps.MeanCov(ctx, vars(c1), survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	covCheck(t, "post-stratified", m.Cov, [][]float64{
		{572.18967176975309, 585.77572023957816, -851.17457120488768},
		{585.77572023957816, 610.04823373719228, -909.94027365702618},
		{-851.17457120488768, -909.94027365702618, 4302.64485404022707}}, 1e-10)
	for k, e := range m.Estimates {
		if math.Sqrt(m.Cov.At(k, k)) != e.SEMean {
			t.Errorf("variable %d: sqrt(diag) %v != SE %v", k, math.Sqrt(m.Cov.At(k, k)), e.SEMean)
		}
	}
	// The contrast api00 - api99 of dclus1: 37.191256830601105 (SE
	// 3.0851969668994608).
	m, err = d1.MeanCov(ctx, vars(c1)[:2], survey.EstimateSettings{})
	if err != nil {
		t.Fatal(err)
	}
	diff := m.Estimates[0].Mean - m.Estimates[1].Mean
	se := math.Sqrt(m.Cov.At(0, 0) + m.Cov.At(1, 1) - 2*m.Cov.At(0, 1))
	if !near(diff, 37.191256830601105, 1e-12) || !near(se, 3.0851969668994608, 1e-9) {
		t.Errorf("contrast %v (SE %v)", diff, se)
	}
}

// TestUnitCovarianceDomainsR: per-unit (domain) means with their
// covariance, R's svyby(~api00, ~stype, dclus1, svymean, covmat=TRUE):
// schools are the units' "respondents" here, each in one domain, so the
// AnswerSet route is checked against the same numbers through
// Design.MeanCov on domain variables (NaN outside the domain).
func TestUnitCovarianceDomainsR(t *testing.T) {
	t.Parallel()
	d, cols := dclus1(t)
	api := numbers(t, cols["api00"])
	var ys [][]float64
	for _, s := range []string{"E", "H", "M"} {
		y := make([]float64, len(api))
		for i := range y {
			y[i] = math.NaN()
			if cols["stype"][i] == s {
				y[i] = api[i]
			}
		}
		ys = append(ys, y)
	}
	m, err := d.MeanCov(context.Background(), ys, survey.EstimateSettings{Missing: survey.MissingDomain})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{648.86805555555554, 618.57142857142856, 631.44000000000005} {
		if !near(m.Estimates[k].Mean, want, 1e-13) {
			t.Errorf("mean %d = %v, R %v", k, m.Estimates[k].Mean, want)
		}
	}
	covCheck(t, "svyby", m.Cov, [][]float64{
		{500.07733153493160, 521.97977963695280, 646.83743237958072},
		{521.97977963695280, 1445.53936135152867, 658.33093338365734},
		{646.83743237958072, 658.33093338365734, 999.15829195244407}}, 1e-10)
}

// TestPropertyUnitCovariance: for any design and answers of every
// respondent about several units, the covariance matrix of the per-unit
// estimates is symmetric and positive semi-definite (eigenvalues >= -1e-9
// times the largest), its diagonal's square roots are the per-unit
// standard errors bit for bit, linearised and with replicates, and a
// difference's SE is sqrt(C_uu + C_vv - 2 C_uv).
func TestPropertyUnitCovariance(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		rs, _, _, _ := drawRespondents(t)
		d, err := survey.NewDesign(rs, survey.DesignOptions{Singleton: survey.SingletonRemove})
		if err != nil {
			t.Fatal(err)
		}
		U := rapid.IntRange(2, 5).Draw(t, "units")
		sc := survey.ShandongScale()
		var answers []survey.Answer
		for _, r := range rs {
			for u := 0; u < U; u++ {
				k := rapid.IntRange(0, len(sc.Categories)-1).Draw(t, "answer")
				answers = append(answers, survey.Answer{Respondent: r.ID, Unit: string(rune('A' + u)), Value: sc.Categories[k].Label})
			}
		}
		set, err := d.Answers(answers, sc)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		settings := []survey.UnitSettings{{}}
		if rd, err := d.Replicates(ctx, survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: 20, Seed: 3}); err == nil {
			settings = append(settings, survey.UnitSettings{Replicates: rd})
		}
		for _, s := range settings {
			c, err := set.Covariance(ctx, s)
			if err != nil {
				t.Skip(err) // e.g. a unit without valid answers
			}
			n := c.Cov.SymmetricDim()
			var maxDiag float64
			for u := 0; u < n; u++ {
				if math.Sqrt(c.Cov.At(u, u)) != c.Estimates[u].SE {
					t.Fatalf("unit %d: sqrt(C_uu) = %v, SE %v", u, math.Sqrt(c.Cov.At(u, u)), c.Estimates[u].SE)
				}
				maxDiag = math.Max(maxDiag, c.Cov.At(u, u))
				for v := 0; v < n; v++ {
					if c.Cov.At(u, v) != c.Cov.At(v, u) {
						t.Fatal("not symmetric")
					}
				}
			}
			var eig mat.EigenSym
			if !eig.Factorize(c.Cov, false) {
				t.Fatal("eigen decomposition failed")
			}
			for _, l := range eig.Values(nil) {
				if l < -1e-9*maxDiag {
					t.Fatalf("eigenvalue %v < 0 (max variance %v)", l, maxDiag)
				}
			}
			df, err := c.Difference(0, 1)
			if err == nil {
				want := math.Sqrt(math.Max(c.Cov.At(0, 0)+c.Cov.At(1, 1)-2*c.Cov.At(0, 1), 0))
				if math.Abs(df.SE-want) > 1e-9*math.Sqrt(maxDiag) {
					t.Fatalf("difference SE %v, want %v", df.SE, want)
				}
			}
		}
	})
}
