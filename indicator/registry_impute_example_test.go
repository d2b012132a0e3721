package indicator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

// shareFill is a researcher's imputation: a missing value gets Share times
// the smallest value present (a penalty for not reporting).
type shareFill struct{ Share float64 }

func (s shareFill) Impute(x, dst []float64) error {
	lo := 0.0
	first := true
	for _, v := range x {
		if v == v && (first || v < lo) {
			lo, first = v, false
		}
	}
	for u, v := range x {
		if v != v && !first {
			v = float64(s.Share * lo)
		}
		dst[u] = v
	}
	return nil
}

// A registered imputation named in a model file with its parameters: the
// district that did not report x gets 0.5 × 2 = 1, so min-max gives x' =
// 20, 0, 100 and y' = 100, 0, 50, and the scores are 60, 0, 75.
func ExampleRegistry_RegisterImputation() {
	var reg indicator.Registry
	err := reg.RegisterImputation("share_of_min", func(params json.RawMessage) (indicator.Imputer, error) {
		s := shareFill{Share: 1}
		return s, indicator.DecodeParams(params, &s)
	})
	if err != nil {
		panic(err)
	}
	m, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "m", "root": {"id": "r",
	  "imputation": {"method": "share_of_min", "params": {"Share": 0.5}},
	  "children": [{"id": "x", "column": "x", "weight": 1}, {"id": "y", "column": "y", "weight": 1}]}}`))
	if err != nil {
		panic(err)
	}
	p, err := indicator.CompileWith(m, &reg)
	if err != nil {
		panic(err)
	}
	tab, _ := indicator.ReadCSV(strings.NewReader("unit,x,y\nA,2,10\nB,,0\nC,6,5\n"), indicator.CSVOptions{})
	r, err := p.Evaluate(context.Background(), tab)
	if err != nil {
		panic(err)
	}
	for u, id := range r.Units {
		fmt.Printf("%s %.2f\n", id, r.Score[u])
	}
	// Output:
	// A 60.00
	// B 0.00
	// C 75.00
}
