package ranking

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestCompareSchemesProgress: CompareSchemesWith reports each of three
// schemes scored and ranked (1, 2, 3 of 4) and then the pairwise
// comparisons (4 of 4), and gives the result of CompareSchemes.
func TestCompareSchemesProgress(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "c", Root: &indicator.Node{ID: "r",
		Children: []*indicator.Node{{ID: "x", Column: "x", Weight: 9}, {ID: "y", Column: "y", Weight: 1}}}}
	tab, err := indicator.NewTable([]string{"A", "B", "C", "D"}, []string{"x", "y"}, [][]float64{{90, 0}, {50, 100}, {10, 20}, {30, 35}})
	if err != nil {
		t.Fatal(err)
	}
	var schemes []Scheme
	for _, name := range []string{"model", "equal", "entropy"} {
		schemes = append(schemes, Scheme{Name: name, Plan: compile(t, WithWeighting(m, name))})
	}
	var done []int
	with, err := CompareSchemesWith(context.Background(), tab, schemes, CompareSettings{Progress: func(d, total int) {
		if total != 4 {
			t.Errorf("total %d, want 4", total)
		}
		done = append(done, d)
	}})
	if err != nil {
		t.Fatal(err)
	}
	without, err := CompareSchemes(context.Background(), tab, schemes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done, []int{1, 2, 3, 4}) {
		t.Errorf("progress %v, want [1 2 3 4]", done)
	}
	if !reflect.DeepEqual(with, without) {
		t.Errorf("CompareSchemesWith gives %+v, CompareSchemes %+v", with, without)
	}
}
