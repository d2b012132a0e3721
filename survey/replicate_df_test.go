package survey

import (
	"context"
	"strconv"
	"testing"
)

// TestReplicateRankClosedForm: the closed-form ranks of the jackknives
// (JK1: n; JKn: P - H + 1 over strata with two or more PSUs) equal the
// numerical rank of the replicate weight matrix, on designs with
// unequal weights, PSU sizes and a singleton stratum left unperturbed.
func TestReplicateRankClosedForm(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, strata := range []int{1, 2, 3} {
		var rs []Respondent
		for i := 0; i < 23; i++ {
			h := i % strata
			psu := strconv.Itoa(h) + "-" + strconv.Itoa(i%7)
			if strata == 3 && h == 2 {
				psu = "single"
			}
			rs = append(rs, Respondent{ID: strconv.Itoa(i), Stratum: strconv.Itoa(h), PSU: psu, Weight: float64(1 + i%4)})
		}
		d, err := NewDesign(rs, DesignOptions{Singleton: SingletonCertainty})
		if err != nil {
			t.Fatal(err)
		}
		m := JKn
		if strata == 1 {
			m = JK1
		}
		rd, err := d.Replicates(ctx, ReplicateSettings{Method: m})
		if err != nil {
			t.Fatal(err)
		}
		a, err := rd.rank(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n, err := rd.numericRank(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if a != n {
			t.Errorf("%d strata, %v: closed form %d, numerical %d", strata, m, a, n)
		}
	}
}
