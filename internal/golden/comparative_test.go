package golden

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// TestComparative pins the bits of the comparative aggregations (topsis,
// grey_relational, mpi, ampi, fuzzy): the model files of docs/methods on their
// data, and each method with entropy and equal weights on generated
// tables of nine indicators (with and without missing values), whose
// column sums, square roots and divisions must give the same bits on
// every architecture.
func TestComparative(t *testing.T) {
	t.Parallel()
	var r record
	ctx := context.Background()
	root := repoRoot(t)
	for _, c := range []struct{ model, data string }{
		{"topsis.json", "districts.csv"}, {"grey.json", "districts.csv"}, {"mpi.json", "districts.csv"}, {"fuzzy.json", "shares.csv"},
	} {
		name := "docs/methods/" + c.model
		mb, err := os.ReadFile(filepath.Join(root, "docs", "methods", c.model))
		if err != nil {
			t.Fatal(err)
		}
		db, err := os.ReadFile(filepath.Join(root, "docs", "methods", c.data))
		if err != nil {
			t.Fatal(err)
		}
		m, err := indicator.DecodeModel(bytes.NewReader(mb))
		if err != nil {
			t.Fatal(err)
		}
		tab, err := indicator.ReadCSV(bytes.NewReader(db), indicator.CSVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range []string{"", indicator.OperatorZadeh} {
			if op != "" {
				if m.Root.Aggregation.Method != indicator.Fuzzy {
					continue
				}
				m.Root.Aggregation.Operator = op
				name += "/" + op
			}
			p, err := indicator.Compile(m)
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Evaluate(ctx, tab)
			r.err(name+".Evaluate", err)
			if err != nil {
				continue
			}
			r.fs(name+".Score", res.Score)
			if m.Root.Aggregation.Method == indicator.Fuzzy {
				pr, err := p.Prepare(ctx, tab)
				if err != nil {
					t.Fatal(err)
				}
				fr, err := pr.Fuzzy(m.Root.ID)
				if err != nil {
					t.Fatal(err)
				}
				r.fss(name+".Membership", fr.Membership)
				r.is(name+".Grade", fr.Grade)
			}
		}
	}
	rho := 0.3
	aggs := []indicator.Aggregation{
		{Method: indicator.TOPSIS}, {Method: indicator.TOPSIS, Scaling: indicator.ScalingNone},
		{Method: indicator.Grey}, {Method: indicator.Grey, Rho: &rho},
		{Method: indicator.MPI}, {Method: indicator.MPI, Penalty: indicator.PenaltyPositive},
		{Method: indicator.AMPI}, {Method: indicator.AMPI, Penalty: indicator.PenaltyPositive, Reference: []float64{50, 50, 50, 50, 50, 50, 50, 50, 50}},
	}
	for k := range 4 {
		tab := genTable(t, uint64(300+k), 25+k, k%2 == 1)
		for a := range aggs {
			for _, scheme := range []string{"entropy", "equal"} {
				agg := aggs[a]
				n := &indicator.Node{ID: "root", Aggregation: &agg, Weighting: &weighting.Spec{Method: scheme},
					Normalization: &indicator.Normalization{Method: indicator.NormMinMax},
					Imputation:    &indicator.Imputation{Method: indicator.ImputeMean}}
				for j := range 9 {
					leaf := &indicator.Node{ID: fmt.Sprintf("c%d", j), Column: fmt.Sprintf("c%d", j)}
					if j%3 == 2 {
						leaf.Polarity = indicator.LowerIsBetter
					}
					n.Children = append(n.Children, leaf)
				}
				name := fmt.Sprintf("gen%d.%s.%d.%s", k, agg.Method, a, scheme)
				p, err := indicator.Compile(&indicator.Model{Version: indicator.Version, Name: name, Root: n})
				if err != nil {
					t.Fatal(err)
				}
				res, err := p.Evaluate(ctx, tab)
				r.err(name+".Evaluate", err)
				if err == nil {
					r.fs(name+".Score", res.Score)
				}
			}
		}
	}
	r.check(t, "comparative")
}
