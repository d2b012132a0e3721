package indicator_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestBaseGoalposts: leaf "a" (higher is better) inherits efficacy from
// the root, leaf "b" is lower-is-better min-max with a fixed Best of 0,
// leaf "c" is z-scored. Base-year values a: 2, 8, 5; b: 1, 4, 3. The
// goalposts become a: worst 2, best 8 (the minimum and maximum); b: worst
// 4 (the maximum, lower being better), best 0 kept; c untouched. Before,
// DataDependent names a, b and c; after, only c.
func TestBaseGoalposts(t *testing.T) {
	t.Parallel()
	zero := 0.0
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "root", Normalization: &indicator.Normalization{Method: indicator.NormEfficacy},
		Children: []*indicator.Node{
			{ID: "a", Column: "a", Weight: 1},
			{ID: "b", Column: "b", Weight: 1, Polarity: indicator.LowerIsBetter, Normalization: &indicator.Normalization{Method: indicator.NormMinMax, Best: &zero}},
			{ID: "c", Column: "c", Weight: 1, Normalization: &indicator.Normalization{Method: indicator.NormZScore}},
		}}}
	tb, err := indicator.NewTable([]string{"x", "y", "z"}, []string{"a", "b", "c"}, [][]float64{{2, 1, 1}, {8, 4, 2}, {5, 3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.DataDependent(); len(got) != 3 || !strings.HasPrefix(got[0], `leaf "a": efficacy normalisation`) || !strings.HasPrefix(got[2], `leaf "c": z-scores`) {
		t.Errorf("DataDependent before = %q", got)
	}
	fixed, err := indicator.BaseGoalposts(context.Background(), m, tb)
	if err != nil {
		t.Fatal(err)
	}
	a, b := fixed.Root.Children[0].Normalization, fixed.Root.Children[1].Normalization
	if a.Method != indicator.NormEfficacy || *a.Worst != 2 || *a.Best != 8 || !a.Unclipped || *b.Worst != 4 || *b.Best != 0 || m.Root.Children[0].Normalization != nil {
		t.Errorf("goalposts a %+v b %+v (model's a changed: %v)", a, b, m.Root.Children[0].Normalization != nil)
	}
	p2, err := indicator.Compile(fixed)
	if err != nil {
		t.Fatal(err)
	}
	if got := p2.DataDependent(); !slices.Equal(got, []string{`leaf "c": z-scores over each table's own data`}) {
		t.Errorf("DataDependent after = %q", got)
	}
	flat, _ := indicator.NewTable([]string{"x", "y"}, []string{"a", "b", "c"}, [][]float64{{2, 1, 1}, {2, 4, 2}})
	// A constant base year is an error of the evaluation naming the leaf.
	if _, err := indicator.BaseGoalposts(context.Background(), m, flat); err == nil || !strings.Contains(err.Error(), `root/a`) {
		t.Errorf("constant base year: %v", err)
	}
}
