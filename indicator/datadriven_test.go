package indicator_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/weighting"
)

// TestDataDrivenErrors checks that errors of data-driven schemes name the
// unit and the child, and wrap both the package's and the weighting
// package's sentinels.
func TestDataDrivenErrors(t *testing.T) {
	t.Parallel()
	m := &indicator.Model{Version: 1, Name: "m", Root: &indicator.Node{ID: "r", Weighting: &weighting.Spec{Method: "entropy"},
		Children: []*indicator.Node{
			{ID: "a", Column: "a", Normalization: &indicator.Normalization{Method: indicator.NormZScore}},
			{ID: "b", Column: "b"},
		}}}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	// a = 1, 2, 3 has z-scores -1, 0, 1: unit "z" has the negative one.
	tab := mustTable(t, []string{"z", "y", "x"}, []string{"a", "b"}, [][]float64{{1, 5}, {2, 6}, {3, 9}})
	_, err = p.Evaluate(context.Background(), tab)
	const want = `indicator: node "r", unit "z": entropy weights: child "a" = -1: negative value`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if !errors.Is(err, weighting.ErrInvalidData) || !errors.Is(err, indicator.ErrDomain) {
		t.Errorf("err %v does not wrap weighting.ErrInvalidData and indicator.ErrDomain", err)
	}
	var ne *indicator.NodeError
	if !errors.As(err, &ne) || ne.Unit != "z" || ne.Path != "r" {
		t.Errorf("err = %#v, want a NodeError of node r, unit z", err)
	}

	// Available-case imputation leaves a value missing, which no
	// data-driven scheme accepts: the error says so.
	m.Root.Children[0].Normalization = nil
	m.Root.Imputation = &indicator.Imputation{Method: indicator.ImputeAvailable}
	p, err = indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab = mustTable(t, []string{"z", "y", "x"}, []string{"a", "b"}, [][]float64{{1, 5}, {math.NaN(), 6}, {3, 9}})
	_, err = p.Evaluate(context.Background(), tab)
	const want2 = `indicator: node "r", unit "y": missing value: child "a" is missing; data-driven weights need every child's score for every unit (available-case imputation cannot be combined with a data-driven scheme: impute the missing values instead)`
	if err == nil || err.Error() != want2 || !errors.Is(err, indicator.ErrMissingValue) {
		t.Errorf("err = %v, want %s", err, want2)
	}
}

// TestDataDrivenTooLarge: PCA weights of weighting.MaxCells' bound plus
// one children (m = 11586, the least m with m² > 2^27) are refused before
// the correlation matrix is allocated, in a sentence that names the node,
// the scheme and the number of children, and wraps both
// indicator.ErrDomain and weighting.ErrTooLarge.
func TestDataDrivenTooLarge(t *testing.T) {
	t.Parallel()
	const m = 11586
	if m*m <= weighting.MaxCells || (m-1)*(m-1) > weighting.MaxCells {
		t.Fatalf("%d is not the least m with m² > %d", m, weighting.MaxCells)
	}
	root := &indicator.Node{ID: "total", Weighting: &weighting.Spec{Method: "pca"}}
	cols := make([]string, m)
	rows := [][]float64{make([]float64, m), make([]float64, m), make([]float64, m)}
	for j := range m {
		cols[j] = fmt.Sprintf("c%d", j)
		root.Children = append(root.Children, &indicator.Node{ID: fmt.Sprintf("x%d", j), Column: cols[j]})
		for u := range rows {
			rows[u][j] = float64((u + 1) * (j%7 + 1))
		}
	}
	p, err := indicator.Compile(&indicator.Model{Version: 1, Name: "wide", Root: root})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Evaluate(context.Background(), mustTable(t, []string{"U0", "U1", "U2"}, cols, rows))
	const want = `indicator: node "total": pca weights of 11586 children: matrix too large: the correlation matrix of 11586 × 11586 would hold more than 134217728 numbers`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if !errors.Is(err, weighting.ErrTooLarge) || !errors.Is(err, indicator.ErrDomain) {
		t.Errorf("err %v does not wrap weighting.ErrTooLarge and indicator.ErrDomain", err)
	}
}
