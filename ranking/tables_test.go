package ranking

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestMonteCarloTables: with Settings.Tables and Settings.Last from a
// standing (two categories ranked apart, a vetoed unit placed last), the
// nominal ranks of MonteCarlo are the standing's ranks (Classify's, an
// independent computation), and every replicated rank stays within its
// table; without them the analysis is unchanged (ranks over all units).
func TestMonteCarloTables(t *testing.T) {
	t.Parallel()
	m, err := indicator.DecodeModel(strings.NewReader(`{"ppgpa": 1, "name": "t", "root": {"id": "r", "children": [
  {"id": "a", "column": "a", "weight": 1}, {"id": "b", "column": "b", "weight": 1}],
  "veto": [{"column": "v"}]},
  "ranking": {"ties": "min", "veto_placement": "last", "category": "cat", "categories": [{"name": "X"}, {"name": "Y"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(strings.NewReader("unit,cat,a,b,v\nu1,X,10,3,0\nu2,X,7,9,0\nu3,X,9,1,1\nu4,Y,4,6,0\nu5,Y,2,8,0\nu6,Y,6,5,0\nu7,Y,8,2,0\n"),
		indicator.CSVOptions{Attributes: []string{"cat"}})
	if err != nil {
		t.Fatal(err)
	}
	res, st := classified(t, p, tab, m.Ranking)
	tables := make([]int, len(st.Units))
	for k, lt := range st.Tables {
		for _, i := range lt.Units {
			tables[i] = k
		}
	}
	fs := []Factor{{Name: "w", Kind: FactorWeights, Groups: []int{0}, Amount: 0.5}}
	opt, _ := FromSpec(m.Ranking)
	d, err := MonteCarlo(context.Background(), p, tab, fs, Settings{Replications: 200, Seed: 1, Ranking: opt.Ranking, Tables: tables, Last: res.Vetoed})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Nominal, st.Rank) {
		t.Errorf("nominal ranks %v, the standing's %v", d.Nominal, st.Rank)
	}
	for i := range st.Units {
		if d.Min[i] < 1 || d.Max[i] > float64(st.TableSize(i)) {
			t.Errorf("unit %s: ranks %v..%v outside its table of %d", st.Units[i], d.Min[i], d.Max[i], st.TableSize(i))
		}
	}
	if !res.Vetoed[2] || d.Min[2] != 3 || d.Max[2] != 3 {
		t.Errorf("the vetoed unit u3 ranks %v..%v, want always 3 (last of X)", d.Min[2], d.Max[2])
	}
	all, err := MonteCarlo(context.Background(), p, tab, fs, Settings{Replications: 200, Seed: 1, Ranking: opt.Ranking})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Rank(res.Score, res.Units, opt.Ranking)
	if !slices.Equal(all.Nominal, want) {
		t.Errorf("without tables, nominal ranks %v, want %v", all.Nominal, want)
	}
}

// classified evaluates p on tab and classifies its units under spec
// (UnitsOf, then Classify), failing the test on an error.
func classified(t *testing.T, p *indicator.Plan, tab *indicator.Table, spec *indicator.RankingSpec) (*indicator.Result, *Standing) {
	t.Helper()
	res, err := p.Evaluate(context.Background(), tab)
	if err != nil {
		t.Fatal(err)
	}
	u, err := UnitsOf(res, tab, spec)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Classify(u, spec)
	if err != nil {
		t.Fatal(err)
	}
	return res, st
}
