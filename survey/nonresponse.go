package survey

import "fmt"

// AdjustNonresponse returns weighting-class non-response adjusted weights:
// within each class c, respondents' weights are scaled so that they carry
// the weight of the whole class, and non-respondents get weight 0:
//
//	w_i' = w_i * sum_{j in c} w_j / sum_{j in c, responded} w_j   (responded)
//	w_i' = 0                                                      (otherwise)
//
// It returns a *CellError wrapping [ErrEmptyCell] naming a class with
// positive weight and no responding weight, and a *RowError wrapping
// ErrInvalidInput for a negative, NaN or infinite weight. It panics if the
// slices differ in length. The inputs are not modified.
func AdjustNonresponse(w []float64, class []string, responded []bool) ([]float64, error) {
	if len(class) != len(w) || len(responded) != len(w) {
		panic(fmt.Sprintf("survey: len(w)=%d, len(class)=%d, len(responded)=%d", len(w), len(class), len(responded)))
	}
	if err := checkWeights(w); err != nil {
		return nil, err
	}
	all := map[string]float64{}
	resp := map[string]float64{}
	var order []string
	for i, c := range class {
		if _, ok := all[c]; !ok {
			order = append(order, c)
		}
		all[c] += w[i]
		if responded[i] {
			resp[c] += w[i]
		}
	}
	for _, c := range order {
		if all[c] > 0 && resp[c] == 0 {
			return nil, &CellError{Variable: "weighting class", Cell: c, Err: fmt.Errorf("%w: no respondents", ErrEmptyCell)}
		}
	}
	out := make([]float64, len(w))
	for i, c := range class {
		if responded[i] {
			out[i] = w[i] * (all[c] / resp[c])
		}
	}
	return out, nil
}
