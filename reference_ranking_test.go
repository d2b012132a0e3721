package ppgpa_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"sort"
	"testing"

	"github.com/ppgpa/ppgpa/ranking"
)

// rankingReferenceHandlers returns the handlers of the reference kinds that
// package ranking implements.
func rankingReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{
		"ranking.rankdata":    refRankdata,
		"ranking.correlation": refCorrelation,
	}
}

// checkNested compares got with expected[field][key] (an object of arrays)
// by the case's pass rule.
func checkNested(t *testing.T, c *refCase, field, key string, got []float64) {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(c.Expected[field], &obj); err != nil {
		t.Fatalf("expected %q: %v", field, err)
	}
	dec := json.NewDecoder(bytes.NewReader(obj[key]))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("expected %s.%s: %v", field, key, err)
	}
	for _, e := range compareRef(field+"."+key, want, got, c.tol(field), c.AbsTolerance) {
		t.Error(e)
	}
}

// refRankdata checks ranking.Rank (and the allocation-free ranking.Ranker,
// which must agree exactly) in both directions with every tie method the
// vector lists. scipy's ordinal breaks ties by order of appearance, which
// is Rank's rule when no ids are given.
func refRankdata(t *testing.T, c *refCase) {
	var in struct {
		X     []refNum `json:"x"`
		Label string   `json:"label"`
	}
	c.inputs(t, &in)
	x := refFloats(in.X)
	rank := func(dir ranking.Direction, ties ranking.TieMethod) []float64 {
		// scipy compares scores exactly; the library's default ties
		// scores within a relative 1e-12, so the reference asks for Exact.
		opt := ranking.Options{Direction: dir, Ties: ties, Exact: true}
		got, err := ranking.Rank(x, nil, opt)
		if errors.Is(err, ranking.ErrNaN) {
			// scipy's rankdata (nan_policy "propagate") answers all NaN
			// where the library refuses a NaN score.
			got = make([]float64, len(x))
			for i := range got {
				got[i] = math.NaN()
			}
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		fast := make([]float64, len(x))
		if err := ranking.NewRanker(len(x), nil, opt).Rank(fast, x); err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if got[i] != fast[i] {
				t.Fatalf("%v/%v: Rank and Ranker differ at %d: %v vs %v", dir, ties, i, got[i], fast[i])
			}
		}
		return got
	}
	for field, dir := range map[string]ranking.Direction{"ascending": ranking.LowerFirst, "descending": ranking.HigherFirst} {
		var methods map[string]json.RawMessage
		c.expected(t, field, &methods)
		keys := make([]string, 0, len(methods))
		for k := range methods {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, m := range keys {
			var ties ranking.TieMethod
			if err := ties.UnmarshalText([]byte(m)); err != nil {
				t.Fatalf("%s: %v", field, err)
			}
			checkNested(t, c, field, m, rank(dir, ties))
		}
	}
	const rev = "descending_ordinal_via_reversal_NOT_scipy"
	if c.has(rev) {
		asc := rank(ranking.LowerFirst, ranking.TieOrdinal)
		got := make([]float64, len(asc))
		for i, r := range asc {
			got[i] = float64(len(asc)+1) - r
		}
		c.check(t, rev, got)
	}
}

// refCorrelation checks Kendall tau-b and tau-c (p-values by the automatic,
// exact and asymptotic methods), Spearman's rho and the weighted tau
// variants.
func refCorrelation(t *testing.T, c *refCase) {
	var in struct {
		X     []refNum `json:"x"`
		Y     []refNum `json:"y"`
		Label string   `json:"label"`
		N     int      `json:"n"`
	}
	c.inputs(t, &in)
	x, y := refFloats(in.X), refFloats(in.Y)
	if in.N != 0 && in.N != len(x) {
		t.Fatalf("inputs: n=%d but len(x)=%d", in.N, len(x))
	}
	// scipy reports NaN where the library returns ErrConstant (a constant
	// x or y) or ErrNaN (kendalltau and spearmanr propagate NaN); compare
	// NaN with the vector's null then.
	nanIfUndefined := func(err error) bool {
		t.Helper()
		if err != nil && !errors.Is(err, ranking.ErrConstant) && !errors.Is(err, ranking.ErrNaN) {
			t.Fatal(err)
		}
		return err != nil
	}
	kendall := func(opt ranking.KendallOptions) ranking.KendallResult {
		t.Helper()
		r, err := ranking.Kendall(x, y, opt)
		if nanIfUndefined(err) {
			r.Tau, r.P = math.NaN(), math.NaN()
		}
		return r
	}
	kb := kendall(ranking.KendallOptions{})
	c.check(t, "kendall_tau_b", kb.Tau)
	c.check(t, "kendall_tau_b_pvalue", kb.P)
	if kb.Method == ranking.PAuto {
		c.skip("kendall_pvalue_method_used_by_auto", "tau is undefined (constant or NaN input): no p-value method was applied")
	} else {
		c.check(t, "kendall_pvalue_method_used_by_auto", kb.Method.String())
	}
	if c.has("kendall_tau_b_pvalue_asymptotic") {
		c.check(t, "kendall_tau_b_pvalue_asymptotic", kendall(ranking.KendallOptions{PValue: ranking.PAsymptotic}).P)
	}
	if c.has("kendall_tau_b_pvalue_exact") {
		c.check(t, "kendall_tau_b_pvalue_exact", kendall(ranking.KendallOptions{PValue: ranking.PExact}).P)
	}
	kc := kendall(ranking.KendallOptions{Variant: ranking.TauC})
	c.check(t, "kendall_tau_c", kc.Tau)
	c.check(t, "kendall_tau_c_pvalue", kc.P)
	sp, err := ranking.Spearman(x, y)
	if nanIfUndefined(err) {
		sp.Rho, sp.P = math.NaN(), math.NaN()
	}
	c.check(t, "spearman_rho", sp.Rho)
	c.check(t, "spearman_pvalue", sp.P)
	for field, opt := range map[string]ranking.WeightedTauOptions{
		"weightedtau":                {},
		"weightedtau_multiplicative": {Multiplicative: true},
		"weightedtau_rank_none":      {Order: ranking.OrderXY},
	} {
		if !c.has(field) {
			continue
		}
		w, err := ranking.WeightedTau(x, y, opt)
		if errors.Is(err, ranking.ErrNaN) {
			c.skip(field, "scipy's weightedtau ranks NaN below every number; the library refuses NaN scores")
			continue
		}
		if nanIfUndefined(err) {
			w = math.NaN()
		}
		c.check(t, field, w)
	}
}
