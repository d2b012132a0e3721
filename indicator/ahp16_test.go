package indicator_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestAHPSixteenChildren checks that an AHP group of 16 children, more
// than Saaty's random-index table covers, compiles with its priorities
// (equal, for a matrix of ones) and the CR reported as not available.
func TestAHPSixteenChildren(t *testing.T) {
	t.Parallel()
	var kids, upper []string
	for i := range 16 {
		kids = append(kids, fmt.Sprintf(`{"id": "c%d", "column": "c%d"}`, i, i))
		if i < 15 {
			upper = append(upper, "["+strings.TrimSuffix(strings.Repeat("1, ", 15-i), ", ")+"]")
		}
	}
	doc := `{"ppgpa": 1, "name": "m", "root": {"id": "r", "weighting": {"method": "ahp", "upper": [` + strings.Join(upper, ", ") + `]},
	  "children": [` + strings.Join(kids, ", ") + `]}}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	g := p.Groups()[0]
	if math.Abs(g.Weights[0]-1.0/16) > 1e-12 || g.AHP == nil || !math.IsNaN(g.AHP.CR) {
		t.Errorf("weights %v, AHP %+v; want 1/16 each and CR not available", g.Weights, g.AHP)
	}
}
