package indicator

import (
	"fmt"
	"math"
	"strings"
)

// impute fills the missing values of x in place as im says, setting
// flags[u] for each filled cell; attr holds the grouping attribute's
// values when the method needs one. buf is scratch of len(x). It reports
// whether it filled (and flagged) any cell, so that a caller need not
// count the flags of a complete column.
func impute(im *Imputation, x []float64, flags []bool, attr []string, buf []float64) (filled bool, err error) {
	missing := -1
	for u, v := range x {
		if math.IsNaN(v) {
			missing = u
			break
		}
	}
	if missing < 0 {
		return false, nil
	}
	var fill float64
	switch im.Method {
	case "", ImputeNone:
		return false, errAt(missing, ErrMissingValue, "no imputation is set for this indicator")
	case ImputeAvailable:
		return false, nil
	case ImputeValue:
		fill = im.Value
	case ImputeMean, ImputeMedian, ImputeGroupMean, ImputeGroupMedian:
		sorted := sortedValues(x, buf)
		if len(sorted) == 0 {
			return false, errAt(missing, ErrMissingValue, "no value to impute from")
		}
		fill = centre(im.Method, x, sorted)
		if im.Method == ImputeGroupMean || im.Method == ImputeGroupMedian {
			return true, imputeGroups(im.Method, x, flags, attr, buf, fill)
		}
	default:
		return false, fmt.Errorf("%w: unknown imputation %q", ErrInvalidModel, im.Method)
	}
	for u, v := range x {
		if math.IsNaN(v) {
			x[u], flags[u] = fill, true
		}
	}
	return true, nil
}

// centre returns the mean (of x, in index order) or the median (of
// sorted) of the non-missing values.
func centre(m ImputationMethod, x, sorted []float64) float64 {
	if m == ImputeMedian || m == ImputeGroupMedian {
		return median(sorted)
	}
	mean, _, _ := meanSD(x)
	return mean
}

// missingAttr reports whether an attribute value is missing: empty (after
// trimming spaces), "NA" or "-", the missing-value tokens of the table's
// text cells.
func missingAttr(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "NA", "-":
		return true
	}
	return false
}

// imputeGroups fills each missing value with the mean or median of the
// units that share its attribute value, or fallback if they have none. A
// unit whose attribute is missing (see missingAttr) belongs to no group:
// its own missing value gets fallback, and its value is in no group's
// mean or median.
func imputeGroups(m ImputationMethod, x []float64, flags []bool, attr []string, buf []float64, fallback float64) error {
	orig := append([]float64(nil), x...)
	group := make([]float64, 0, len(x))
	done := map[string]float64{}
	for u, v := range orig {
		if !math.IsNaN(v) {
			continue
		}
		if missingAttr(attr[u]) {
			x[u], flags[u] = fallback, true
			continue
		}
		fill, ok := done[attr[u]]
		if !ok {
			group = group[:0]
			for k, w := range orig {
				if attr[k] == attr[u] && !math.IsNaN(w) {
					group = append(group, w)
				}
			}
			if len(group) == 0 {
				fill = fallback
			} else {
				fill = centre(m, group, sortedValues(group, buf))
			}
			done[attr[u]] = fill
		}
		x[u], flags[u] = fill, true
	}
	return nil
}
