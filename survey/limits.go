package survey

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// ErrTooLarge is wrapped by the errors of computations whose sizes would
// make them allocate more than [MaxCells] numbers in one array, or ask
// for more than [MaxReplicates] bootstrap replicates. The bounds are
// checked before anything of that size is allocated (see the package
// documentation's table of bounds).
var ErrTooLarge = errors.New("survey: computation too large")

// MaxReplicates bounds the number of bootstrap replicates of
// [Design.Replicates] (100,000): more is an error wrapping [ErrTooLarge],
// returned before allocating.
const MaxReplicates = 100_000

// MaxCells bounds the numbers held in one array: 2^27 (134,217,728, 1 GiB
// of float64). With n respondents, R replicates, U units (or variables), P
// PSUs and p calibration columns, the arrays are the n × R replicate
// weights of [Design.Replicates] (a jackknife has one replicate per PSU,
// so an unclustered design of n respondents has n × n), the U × P PSU
// totals and U × U covariance of [AnswerSet.Covariance] and
// [Design.MeanCov], their U × R replicate values, and the n × p model
// matrix and p × p system of [Calibrate].
const MaxCells = 1 << 27

// checkCells returns an error wrapping ErrTooLarge when the product of
// dims (the sizes of the array what) exceeds MaxCells.
func checkCells(what string, dims ...int) error {
	p := uint64(1)
	for _, d := range dims {
		hi, lo := bits.Mul64(p, uint64(max(d, 0)))
		if hi != 0 || lo > MaxCells {
			s := make([]string, len(dims))
			for i, d := range dims {
				s[i] = strconv.Itoa(d)
			}
			return fmt.Errorf("%w: %s would hold %s numbers, more than %d", ErrTooLarge, what, strings.Join(s, " × "), MaxCells)
		}
		p = lo
	}
	return nil
}
