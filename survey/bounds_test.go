package survey_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/survey"
)

// zeros is an n × p matrix of zeros that holds no storage, so that a
// test can pass a model matrix too large to allocate.
type zeros struct{ n, p int }

func (z zeros) Dims() (int, int)    { return z.n, z.p }
func (z zeros) At(int, int) float64 { return 0 }
func (z zeros) T() mat.Matrix       { return zeros{z.p, z.n} }

// TestBounds checks every bound of the package documentation's table: a
// size one over its bound is an error wrapping ErrTooLarge that names the
// array, returned before the allocation (before the change, each case
// allocated from 1 to 80 GB or ran to the end). The jackknife case is the
// one that a real survey meets: 11,586 respondents without clusters have
// one replicate each, 11,586 × 11,586 weights.
func TestBounds(t *testing.T) {
	ctx := context.Background()
	design := func(n int, psu bool) *survey.Design {
		rs := make([]survey.Respondent, n)
		for i := range rs {
			rs[i] = survey.Respondent{ID: strconv.Itoa(i), Weight: 1}
			if psu {
				rs[i].PSU = rs[i].ID
			}
		}
		d, err := survey.NewDesign(rs, survey.DesignOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	small := design(2, false)
	big := design(11586, false)
	wide := design(70000, false)
	// Within the bounds: MaxReplicates bootstrap replicates are made.
	rep, err := small.Replicates(ctx, survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: survey.MaxReplicates})
	if err != nil {
		t.Fatal(err)
	}
	shared := func(k, n int) [][]float64 {
		y := make([]float64, n)
		ys := make([][]float64, k)
		for i := range ys {
			ys[i] = y
		}
		return ys
	}
	for name, c := range map[string]struct {
		run  func() error
		want string
	}{
		"bootstrap replicates": {func() error {
			_, err := small.Replicates(ctx, survey.ReplicateSettings{Method: survey.Bootstrap, Replicates: survey.MaxReplicates + 1})
			return err
		}, "100001 bootstrap replicates, more than 100000"},
		"jackknife of 11,586 respondents": {func() error {
			_, err := big.Replicates(ctx, survey.ReplicateSettings{Method: survey.JK1})
			return err
		}, "the replicate weights (respondents × replicates) would hold 11586 × 11586 numbers"},
		"covariance of 11,586 variables": {func() error {
			_, err := small.MeanCov(ctx, shared(11586, 2), survey.EstimateSettings{})
			return err
		}, "the covariance (units × units) would hold 11586 × 11586"},
		"PSU totals": {func() error {
			_, err := wide.MeanCov(ctx, shared(2000, 70000), survey.EstimateSettings{})
			return err
		}, "the PSU totals (units × PSUs) would hold 2000 × 70000"},
		"replicate values": {func() error {
			_, err := rep.MeanCov(ctx, shared(1400, 2), survey.EstimateSettings{})
			return err
		}, "the replicate values (units × replicates) would hold 1400 × 100000"},
		"calibration matrix": {func() error {
			_, err := survey.Calibrate(ctx, make([]float64, 1<<20), zeros{1 << 20, 256}, make([]float64, 256), survey.CalibrateSettings{})
			return err
		}, "the model matrix (respondents × columns) would hold 1048576 × 256"},
		"sample size": {func() error {
			_, err := survey.SampleSize(survey.SampleSizeSettings{Margin: 1e-10})
			return err
		}, "a sample of 9.604e+19, more than 9007199254740992"},
		"allocation": {func() error {
			_, err := survey.Allocate(1<<54, []float64{1, 2}, nil, survey.AllocateSettings{})
			return err
		}, "n=1.8014398509481984e+16, more than 9007199254740992"},
		"calibration system": {func() error {
			_, err := survey.Calibrate(ctx, make([]float64, 2), zeros{2, 20000}, make([]float64, 20000), survey.CalibrateSettings{})
			return err
		}, "the calibration system (columns × columns) would hold 20000 × 20000"},
	} {
		err := c.run()
		if !errors.Is(err, survey.ErrTooLarge) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want ErrTooLarge with %q", name, err, c.want)
		}
	}
}
