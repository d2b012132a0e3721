package ranking_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
)

// TestResultsJSON checks that an Explanation (with NaN: the what-if
// figures are NaN under NoWhatIf), a Distribution and a GradeResult
// encode with json.Marshal and decode back to equal values.
func TestResultsJSON(t *testing.T) {
	t.Parallel()
	p := explainPlan(t, explainModel)
	tab, err := indicator.ReadCSV(strings.NewReader("unit,a,b\nU1,10,6\nU2,5,2\nU3,0,4\n"), indicator.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ranking.Explain(context.Background(), p, tab, ranking.ExplainSettings{NoWhatIf: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ranking.MonteCarlo(context.Background(), p, tab, []ranking.Factor{{Name: "w", Kind: ranking.FactorWeights, Groups: []int{0}, Amount: 0.2}},
		ranking.Settings{Replications: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	g, err := ranking.Grade(e.Score, nil, e.Units, ranking.Grading{})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ v, back any }{
		"explanation":  {e, new(ranking.Explanation)},
		"distribution": {d, new(ranking.Distribution)},
		"grades":       {g, new(ranking.GradeResult)},
	} {
		b, err := json.Marshal(c.v)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := json.Unmarshal(b, c.back); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(c.v, c.back, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", name, diff)
		}
		if name == "explanation" && !strings.Contains(string(b), `"what_if_score":null`) {
			t.Errorf("explanation: NaN not written as null: %.300s", b)
		}
	}
}
