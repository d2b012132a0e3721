package indicator

import (
	"fmt"
	"math"
)

// Penalties of mpi (see [Aggregation].Penalty).
const (
	PenaltyNegative = "negative"
	PenaltyPositive = "positive"
)

// MPIResult is the result of [MPIScores] and [AMPIScores]: per unit
// (row), the index, the mean and standard deviation of its standardised
// scores and the penalty (S_i cv_i, never negative); per column, what was
// used to standardise: for the MPI the mean and standard deviation, for
// the AMPI the reference (in ColMean) and the goalposts ColMin and ColMax
// (ColSD nil). A unit left out (a missing value in a weighted column) has
// NaN.
type MPIResult struct {
	Scores, Mean, SD, Penalty []float64
	ColMean, ColSD            []float64
	ColMin, ColMax            []float64
}

// MPIScores scores the units (rows of y, one column per indicator,
// higher is better) by the Mazziotta–Pareto index (Mazziotta and Pareto
// 2016 [10]), a non-compensatory composite: the mean of standardised
// scores penalised by their spread, so that a unit balanced across the
// indicators scores higher than one with the same mean but uneven
// scores. With local weights w (one per column, non-negative; divided by
// their sum):
//
//	M_j  = sum_i y_ij / n,  S_j = sqrt(sum_i (y_ij - M_j)^2 / n)
//	z_ij = 100 + 10 (y_ij - M_j) / S_j              (100 when S_j = 0)
//	M_i  = sum_j w_j z_ij
//	S_i  = sqrt(sum_j w_j (z_ij - M_i)^2)
//	cv_i = S_i / M_i
//	MPI_i = M_i - S_i cv_i   (penalty "negative", the default)
//	MPI_i = M_i + S_i cv_i   (penalty "positive")
//
// n is the number of units scored, i over them, j over the columns with
// w_j > 0; both standard deviations have denominator n (or weights
// summing to 1), as in Mazziotta and Pareto. With equal weights this is
// their MPI; the weights are an extension (a weighted mean and variance
// across indicators). The penalty S_i cv_i = S_i^2 / M_i is never
// negative, and 0 (MPI = M_i) when a unit's standardised scores are all
// equal. "negative" suits an index where higher is better (every score
// here is, polarity being applied by each indicator's normalisation):
// imbalance lowers the index. "positive" is the form for an index of a
// phenomenon where higher is worse (e.g. poverty). Standardising the
// normalised scores gives the same z as standardising the raw values
// when the normalisation is linear (minmax, zscore, none), with the sign
// of the indicator's polarity, as the MPI's own standardisation.
//
// Units with a missing value (NaN) in a column of positive weight get
// NaN and are left out of M_j and S_j. Column sums are exactly rounded,
// so the result does not depend on the order of the units.
//
// It returns an error for an unknown penalty, a unit whose mean M_i is
// not positive (scores more than 10 standard deviations below the mean),
// a negative or non-finite weight, weights summing to 0 and an infinite
// score. It panics if a row of y does not have len(w) values.
func MPIScores(y [][]float64, w []float64, penalty string) (*MPIResult, error) {
	return mpiScores(y, w, penalty, false, nil)
}

// AMPIScores scores the units (rows of y, one column per indicator,
// higher is better) by the adjusted Mazziotta–Pareto index (AMPI,
// Mazziotta and Pareto 2016 [10]), which standardises by goalposts
// instead of the standard deviation, so that it compares units over time
// when the goalposts are kept: with local weights w (one per column,
// non-negative; divided by their sum) and reference values Ref_j (ref,
// one per column; nil means the mean over the units, M_j):
//
//	Min_j, Max_j = the goalposts: min_i y_ij and max_i y_ij
//	r_ij = 100 + 60 (y_ij - Ref_j) / (Max_j - Min_j)   (100 when Max_j = Min_j)
//
// which is Mazziotta and Pareto's (y_ij - Inf_j)/(Sup_j - Inf_j) 60 + 70
// with Inf_j = Ref_j - D_j, Sup_j = Ref_j + D_j, D_j = (Max_j - Min_j)/2:
// a unit at the reference gets 100 and the range spans 60 points. Then,
// as for [MPIScores], M_i = sum_j w_j r_ij, S_i = sqrt(sum_j w_j (r_ij -
// M_i)^2), cv_i = S_i / M_i and AMPI_i = M_i -/+ S_i cv_i by penalty.
// When the children are min-max normalised with fixed goalposts, their
// scores keep the goalposts from one year to the next.
//
// Errors and panics are those of [MPIScores], and a non-finite reference
// value is an error; it panics if a non-nil ref does not have len(w)
// values.
func AMPIScores(y [][]float64, w []float64, penalty string, ref []float64) (*MPIResult, error) {
	if ref != nil && len(ref) != len(w) {
		panic(fmt.Sprintf("indicator: len(ref)=%d != len(w)=%d", len(ref), len(w)))
	}
	for j, x := range ref {
		if !finite(x) {
			return nil, fmt.Errorf("%w: ampi reference[%d] = %v must be finite", ErrInvalidModel, j, x)
		}
	}
	return mpiScores(y, w, penalty, true, ref)
}

// mpiScores is MPIScores (adjusted false) or AMPIScores (adjusted true,
// with the reference values ref, nil for the means).
func mpiScores(y [][]float64, w []float64, penalty string, adjusted bool, ref []float64) (*MPIResult, error) {
	if penalty != "" && penalty != PenaltyNegative && penalty != PenaltyPositive {
		return nil, fmt.Errorf("%w: unknown penalty %q (want %q or %q)", ErrInvalidModel, penalty, PenaltyNegative, PenaltyPositive)
	}
	ok, cnt, err := completeRows(y, w)
	if err != nil {
		return nil, err
	}
	n, k := len(y), len(w)
	wn := unitWeights(w)
	res := &MPIResult{Scores: nanSlice(n), Mean: nanSlice(n), SD: nanSlice(n), Penalty: nanSlice(n),
		ColMean: nanSlice(k), ColSD: nanSlice(k)}
	if adjusted {
		res.ColSD, res.ColMin, res.ColMax = nil, nanSlice(k), nanSlice(k)
	}
	if cnt == 0 {
		return res, nil
	}
	var s exactSum
	for j := range k {
		if wn[j] == 0 {
			continue
		}
		s.partials = s.partials[:0]
		for u, row := range y {
			if ok[u] {
				s.add(row[j])
			}
		}
		m := s.sum() / float64(cnt)
		if adjusted {
			lo, hi := math.Inf(1), math.Inf(-1)
			for u, row := range y {
				if ok[u] {
					lo, hi = min(lo, row[j]), max(hi, row[j])
				}
			}
			if ref != nil {
				m = ref[j]
			}
			res.ColMean[j], res.ColMin[j], res.ColMax[j] = m, lo, hi
			continue
		}
		// A column of one value has S_j = 0 exactly, even when its mean
		// rounds to a neighbour of that value (3x/3 need not be x).
		s.partials = s.partials[:0]
		first, seen, constant := 0.0, false, true
		for u, row := range y {
			if ok[u] {
				if !seen {
					first, seen = row[j], true
				}
				constant = constant && row[j] == first
				d := row[j] - m
				s.add(float64(d * d))
			}
		}
		sd := math.Sqrt(s.sum() / float64(cnt))
		if constant {
			sd = 0
		}
		res.ColMean[j], res.ColSD[j] = m, sd
	}
	z := make([]float64, k)
	for u, row := range y {
		if !ok[u] {
			continue
		}
		equal := true
		for j := range k {
			if wn[j] == 0 {
				continue
			}
			z[j] = 100
			if adjusted {
				if span := res.ColMax[j] - res.ColMin[j]; span > 0 {
					z[j] = 100 + float64(60*((row[j]-res.ColMean[j])/span))
				}
			} else if sd := res.ColSD[j]; sd > 0 {
				z[j] = 100 + float64(10*((row[j]-res.ColMean[j])/sd))
			}
			equal = equal && z[j] == z[firstWeighted(wn)]
		}
		var m, v float64
		if equal {
			m = z[firstWeighted(wn)]
		} else {
			for j := range k {
				if wn[j] != 0 {
					m = float64(wn[j]*z[j]) + m
				}
			}
			for j := range k {
				if wn[j] != 0 {
					d := z[j] - m
					v = float64(wn[j]*float64(d*d)) + v
				}
			}
		}
		if !(m > 0) {
			return nil, &unitErr{u, fmt.Errorf("%w: %s: mean standardised score %v is not positive", ErrDomain, map[bool]string{false: "mpi", true: "ampi"}[adjusted], m)}
		}
		sd := math.Sqrt(v)
		pen := float64(sd * (sd / m)) // rounded: m - pen must not fuse
		res.Mean[u], res.SD[u], res.Penalty[u] = m, sd, pen
		if penalty == PenaltyPositive {
			res.Scores[u] = m + pen
		} else {
			res.Scores[u] = m - pen
		}
	}
	return res, nil
}

// firstWeighted returns the first j with w_j != 0 (w has one).
func firstWeighted(w []float64) int {
	for j, x := range w {
		if x != 0 {
			return j
		}
	}
	return 0
}
