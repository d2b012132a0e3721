package detmath

// expPairs writes Exp(x[i]) into dst[i] for the pairs x[0:2], x[2:4], ...
// while both of a pair take Exp's common path (see expCommon), and
// returns the number of values written (even): the steps of expToGo, two
// arguments per packed SSE2 instruction (exp_amd64.s). dst must hold
// len(x) values.
//
//go:noescape
func expPairs(dst, x []float64) int

// expTo is ExpTo on amd64: expPairs, a pair outside the common path by
// Exp one at a time, and the last odd value by Exp.
func expTo(dst, x []float64) {
	for len(x) >= 2 {
		k := expPairs(dst, x)
		dst, x = dst[k:], x[k:]
		if len(x) >= 2 {
			dst[0], dst[1] = Exp(x[0]), Exp(x[1])
			dst, x = dst[2:], x[2:]
		}
	}
	if len(x) == 1 {
		dst[0] = Exp(x[0])
	}
}

// logPairs is expPairs for Log: the steps of logToGo for the pairs whose
// arguments are both positive, normal and finite (log_amd64.s).
//
//go:noescape
func logPairs(dst, x []float64) int

// logTo is LogTo on amd64, as expTo is ExpTo.
func logTo(dst, x []float64) {
	for len(x) >= 2 {
		k := logPairs(dst, x)
		dst, x = dst[k:], x[k:]
		if len(x) >= 2 {
			dst[0], dst[1] = Log(x[0]), Log(x[1])
			dst, x = dst[2:], x[2:]
		}
	}
	if len(x) == 1 {
		dst[0] = Log(x[0])
	}
}
