package weighting

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// PriorityMethod selects how priorities (weights) are derived from a
// pairwise comparison matrix. The zero value is [Eigenvector].
type PriorityMethod int

const (
	// Eigenvector takes the principal right eigenvector of A, normalised to
	// sum 1 (Saaty 1977, 1980).
	Eigenvector PriorityMethod = iota
	// GeometricMean takes the row geometric means, normalised to sum 1
	// (logarithmic least squares; Crawford & Williams 1985):
	//
	//	w_i = (prod_j a_ij)^(1/n) / sum_k (prod_j a_kj)^(1/n)
	GeometricMean
)

var priorityNames = [...]string{"eigenvector", "geometric_mean"}

// String returns "eigenvector" or "geometric_mean".
func (m PriorityMethod) String() string {
	return enumString("PriorityMethod", int(m), priorityNames[:])
}

// MarshalText returns the method's name; it fails for an unknown method.
func (m PriorityMethod) MarshalText() ([]byte, error) {
	return enumText("priority method", int(m), priorityNames[:])
}

// UnmarshalText parses "eigenvector" or "geometric_mean".
func (m *PriorityMethod) UnmarshalText(b []byte) error {
	i, err := parseEnum("priority method", string(b), priorityNames[:])
	*m = PriorityMethod(i)
	return err
}

// Scale selects which judgments are accepted. The zero value is
// [AnyScale].
type Scale int

const (
	// AnyScale accepts any positive finite judgment.
	AnyScale Scale = iota
	// SaatyScale accepts only Saaty's 1–9 scale: 1, 2, ..., 9 and their
	// reciprocals 1/2, ..., 1/9 (within the reciprocity tolerance).
	SaatyScale
)

var scaleNames = [...]string{"any", "saaty"}

// String returns "any" or "saaty".
func (s Scale) String() string { return enumString("Scale", int(s), scaleNames[:]) }

// MarshalText returns the scale's name; it fails for an unknown scale.
func (s Scale) MarshalText() ([]byte, error) { return enumText("scale", int(s), scaleNames[:]) }

// UnmarshalText parses "any" or "saaty".
func (s *Scale) UnmarshalText(b []byte) error {
	i, err := parseEnum("scale", string(b), scaleNames[:])
	*s = Scale(i)
	return err
}

// AHPSettings configures the analysis of one pairwise comparison matrix.
// The zero value means: eigenvector priorities, Saaty's 1980 random index,
// any positive judgments, reciprocity tolerance 1e-9, no CR limit,
// Harker's method for missing judgments.
type AHPSettings struct {
	// Priority selects the priority vector returned as Weights.
	Priority PriorityMethod `json:"priority,omitempty"`
	// RI selects the random-index table for CR.
	RI RITable `json:"ri_table,omitempty"`
	// Scale restricts the accepted judgments.
	Scale Scale `json:"scale,omitempty"`
	// Tol is the reciprocity tolerance: |a_ij * a_ji - 1| <= Tol. 0 means
	// 1e-9; it must not be negative.
	Tol float64 `json:"tol,omitempty"`
	// MaxCR, when positive, makes a consistency ratio above it an error
	// wrapping [ErrInconsistent] (the result is still returned).
	MaxCR float64 `json:"max_cr,omitempty"`
	// Completion selects the analysis of a matrix with missing judgments
	// ([Incomplete]): Harker's method (the zero value) or the
	// λmax-optimal completion. It does not apply to complete matrices.
	Completion Completion `json:"completion,omitempty"`
	// Progress, if not nil, is called by [Suggestions] after each pair of
	// criteria with the pairs done and their total, n(n−1)/2 (the search
	// takes 16 eigenvalue computations per pair: minutes beyond about 80
	// criteria), so that a caller can draw a progress bar. It is called
	// from the calling goroutine and has no effect on the results; the
	// other functions do not use it.
	Progress func(done, total int) `json:"-"`
}

func (s AHPSettings) tol() float64 {
	if s.Tol < 0 {
		panic(fmt.Sprintf("weighting: negative tolerance %v", s.Tol))
	}
	if s.Tol == 0 {
		return 1e-9
	}
	return s.Tol
}

// AHPResult is the analysis of one pairwise comparison matrix.
type AHPResult struct {
	// Weights are the priorities by the chosen method (sum 1).
	Weights []float64
	// Priority is the method that produced Weights.
	Priority PriorityMethod
	// Eigenvector and GeometricMean are both priority vectors (sum 1).
	Eigenvector   []float64
	GeometricMean []float64
	// LambdaMax is the principal (Perron) eigenvalue of the matrix.
	LambdaMax float64
	// CI = (LambdaMax - n)/(n - 1), 0 for n <= 2 (clipped at 0: a
	// reciprocal matrix has LambdaMax >= n, so a negative value is a
	// rounding error).
	CI float64
	// RI is the random index used, from table RITable.
	RI      float64
	RITable RITable
	// CR = CI/RI, 0 for n <= 2; NaN when the random-index table does not
	// cover n (RI is then NaN too and CRUnavailable says why).
	CR float64
	// CRUnavailable is empty, or says why CR is not available: the chosen
	// random-index table stops below n. The priorities are computed all
	// the same; choose AlonsoLamata2006 (a formula for every n) for a CR.
	CRUnavailable string
	// Iterations is the number of power iterations performed.
	Iterations int
}

// Validate checks that a is a pairwise comparison matrix: every judgment
// positive and finite, a_ii = 1, and a_ji = 1/a_ij within the tolerance
// of s (|a_ij * a_ji - 1| <= Tol), and, with [SaatyScale], every judgment
// on Saaty's 1–9 scale. The first problem found (row by row) is returned
// as a [*JudgmentError] naming the cell and wrapping [ErrInvalidMatrix].
// Validate panics if a is not square.
func Validate(a mat.Matrix, s AHPSettings) error {
	n := square(a)
	d := make([]float64, n*n)
	copyMatrix(d, a, n)
	return validate(d, n, s)
}

// copyMatrix copies the n×n matrix a into the row-major d.
func copyMatrix(d []float64, a mat.Matrix, n int) {
	if m, ok := a.(*mat.Dense); ok {
		raw := m.RawMatrix()
		for i := 0; i < n; i++ {
			copy(d[i*n:i*n+n], raw.Data[i*raw.Stride:i*raw.Stride+n])
		}
		return
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			d[i*n+j] = a.At(i, j)
		}
	}
}

// validate checks the row-major n×n matrix d as Validate describes; NaN
// (missing) judgments are an error.
func validate(d []float64, n int, s AHPSettings) error {
	tol := s.tol()
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := d[i*n+j]
			if v > 0 && v <= math.MaxFloat64 && (j <= i || math.Abs(float64(v*d[j*n+i])-1) <= tol) &&
				(i != j || v == 1) && (s.Scale == AnyScale || onSaatyScale(v, tol)) {
				continue
			}
			// A copy, so that d (often on the caller's stack) does not
			// escape into the interface.
			return checkJudgment(rowMajor{slices.Clone(d), n}, i, j, tol, s.Scale, false)
		}
	}
	return nil
}

// rowMajor is a read-only mat.Matrix view of a row-major square slice.
type rowMajor struct {
	d []float64
	n int
}

// Dims, At and T implement mat.Matrix.
func (r rowMajor) Dims() (int, int)    { return r.n, r.n }
func (r rowMajor) At(i, j int) float64 { return r.d[i*r.n+j] }
func (r rowMajor) T() mat.Matrix       { return mat.Transpose{Matrix: r} }

func checkJudgment(a mat.Matrix, i, j int, tol float64, sc Scale, allowMissing bool) error {
	v := a.At(i, j)
	bad := func(msg string) error {
		return &JudgmentError{Row: i, Col: j, Value: v, Msg: msg, Err: ErrInvalidMatrix}
	}
	if allowMissing && math.IsNaN(v) && i != j {
		if !math.IsNaN(a.At(j, i)) {
			return bad("missing but its reciprocal is given")
		}
		return nil
	}
	switch {
	case !(v > 0) || math.IsInf(v, 1):
		return bad("not a positive finite number")
	case i == j && v != 1:
		return bad("diagonal must be 1")
	case i < j && math.Abs(float64(v*a.At(j, i))-1) > tol:
		return bad(fmt.Sprintf("not reciprocal to a[%d][%d] = %v", j, i, a.At(j, i)))
	case sc == SaatyScale && !onSaatyScale(v, tol):
		return bad("not on Saaty's 1-9 scale")
	}
	return nil
}

func onSaatyScale(v, tol float64) bool {
	if v < 1 {
		v = 1 / v
	}
	r := math.Round(v)
	return r >= 1 && r <= 9 && math.Abs(v-r) <= tol*r
}

// square returns the order of a, panicking if a is not square.
func square(a mat.Matrix) int {
	r, c := a.Dims()
	if r != c {
		panic(fmt.Sprintf("weighting: pairwise matrix is %d×%d, not square", r, c))
	}
	return r
}

// FromUpper builds a reciprocal pairwise comparison matrix from its upper
// triangle: upper[i] holds a_i,i+1 ... a_i,n-1, so len(upper[i]) = n-1-i
// (the last row may be omitted or empty). The diagonal is 1 and
// a_ji = 1/a_ij. It returns a [*JudgmentError] for a judgment that is not
// positive and finite, and an error wrapping [ErrInvalidMatrix] if the
// rows do not have the triangular lengths.
func FromUpper(upper [][]float64) (*mat.Dense, error) {
	n := len(upper) + 1
	if len(upper) > 0 && len(upper[len(upper)-1]) == 0 {
		n = len(upper)
	}
	if len(upper) == 0 {
		return nil, fmt.Errorf("%w: empty upper triangle", ErrInvalidMatrix)
	}
	a := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		a.Set(i, i, 1)
		if i == n-1 {
			break
		}
		if len(upper[i]) != n-1-i {
			return nil, fmt.Errorf("%w: upper-triangle row %d has %d judgments, want %d", ErrInvalidMatrix, i, len(upper[i]), n-1-i)
		}
		for k, v := range upper[i] {
			j := i + 1 + k
			if !(v > 0) || math.IsInf(v, 1) {
				return nil, &JudgmentError{Row: i, Col: j, Value: v, Msg: "not a positive finite number", Err: ErrInvalidMatrix}
			}
			a.Set(i, j, v)
			a.Set(j, i, 1/v)
		}
	}
	return a, nil
}

// Priorities analyses a pairwise comparison matrix a (a_ij = importance of
// criterion i over criterion j): it validates a (see [Validate]), computes
// the eigenvector and geometric-mean priorities, λmax, CI, RI and CR:
//
//	CI = (λmax - n)/(n - 1)     CR = CI / RI(n)
//
// with RI from the table of s (see [RITable]); CI = CR = 0 for n <= 2.
//
// The principal eigenvector is found by power iteration (see
// [PowerIteration] for the algorithm and stopping rule); it is
// deterministic and identical on every architecture. The geometric means
// use the portable detmath.Pow.
//
// It returns an error from Validate or [RandomIndex], an error wrapping
// [ErrNotConverged] if the iteration stops at its limit, a
// [*JudgmentError] wrapping [ErrInvalidMatrix] if the judgments are so
// extreme that the iteration overflows (see [PowerIteration]), and, when
// s.MaxCR > 0 and CR > s.MaxCR, the complete result together with an
// error wrapping [ErrInconsistent]. Priorities panics if a is not square
// or empty. a is not modified.
func Priorities(a mat.Matrix, s AHPSettings) (AHPResult, error) {
	n := square(a)
	if n == 0 {
		panic("weighting: empty pairwise matrix")
	}
	// The result keeps the priorities (2n values); the matrix and the
	// iteration's work (2n² + n) stay on the stack up to n = 16, the
	// allocation and the collector's work being a tenth of the time of a
	// 9 × 9 analysis.
	pri := make([]float64, 2*n)
	var small [2*16*16 + 16]float64
	var buf []float64
	if n <= 16 {
		buf = small[:2*n*n+n]
	} else {
		buf = make([]float64, 2*n*n+n)
	}
	d := buf[:n*n]
	copyMatrix(d, a, n)
	if err := validate(d, n, s); err != nil {
		return AHPResult{}, err
	}
	ri, riErr := riOrNaN(s.RI, n)
	ev, gm := pri[:n:n], pri[n:]
	lambda, it, err := PowerIteration(ev, d, n, buf[n*n:])
	if err != nil {
		return AHPResult{}, err
	}
	geometricMean(gm, d, n)
	r, err := consistency(ev, gm, lambda, it, n, ri, s)
	r.CRUnavailable = riErr
	return r, err
}

// riOrNaN returns RI(n) from table t, or NaN and the reason when the
// table does not cover n.
func riOrNaN(t RITable, n int) (float64, string) {
	ri, err := RandomIndex(t, n)
	if err != nil {
		return math.NaN(), fmt.Sprintf("CR not available: random-index table %s stops at n = %d, the matrix has n = %d (choose alonso_lamata2006 for a CR)", t, t.maxN(), n)
	}
	return ri, ""
}

// consistency fills in an AHPResult from priority vectors and λmax.
func consistency(ev, gm []float64, lambda float64, it, n int, ri float64, s AHPSettings) (AHPResult, error) {
	r := AHPResult{Priority: s.Priority, Eigenvector: ev, GeometricMean: gm, LambdaMax: lambda, RI: ri, RITable: s.RI, Iterations: it}
	if n > 2 {
		r.CI = max((lambda-float64(n))/float64(n-1), 0)
		r.CR = r.CI / ri
	}
	switch s.Priority {
	case Eigenvector:
		r.Weights = ev
	case GeometricMean:
		r.Weights = gm
	default:
		panic(fmt.Sprintf("weighting: unknown PriorityMethod %d", int(s.Priority)))
	}
	if s.MaxCR > 0 && r.CR > s.MaxCR {
		return r, fmt.Errorf("%w: CR = %.4g > %.4g (RI table %s)", ErrInconsistent, r.CR, s.MaxCR, s.RI)
	}
	return r, nil
}

// geometricMean writes the normalised row geometric means of the n×n
// row-major matrix d into dst:
//
//	g_i = exp( ln(prod_j d_ij) / n ),   w = g / sum(g)
//
// with the portable detmath.Log and Exp. The product of a row is formed
// first (one logarithm per row); rows whose product leaves [1e-300, 1e300]
// (not possible with Saaty's scale for n < 300) sum logarithms instead.
func geometricMean(dst, d []float64, n int) {
	var sum float64
	for i := 0; i < n; i++ {
		row := d[i*n : i*n+n]
		p := 1.0
		for _, v := range row {
			p *= v
		}
		var l float64
		if p > 1e-300 && p < 1e300 {
			l = detmath.Log(p)
		} else {
			for _, v := range row {
				l += detmath.Log(v)
			}
		}
		g := detmath.Exp(l / float64(n))
		dst[i] = g
		sum += g
	}
	scale(dst, sum)
}

// Power-iteration limits. The iteration stops when no component of the
// normalised vector changes by more than powerTol between two steps.
const (
	powerTol     = 1e-15
	powerMaxIter = 100000
)

// PowerIteration computes the principal (Perron) eigenvector of the n×n
// non-negative irreducible matrix d (row-major, d[i*n+j] = a_ij) with a
// positive diagonal, as AHP matrices and Harker's matrices have. It writes
// the eigenvector, normalised to sum 1, into w (len n), using work (len
// n*n + n) as scratch, and returns the eigenvalue λmax and the number of
// iterations (multiplications by A²).
//
// Algorithm (von Mises power iteration on B = A², 1-norm scaling):
//
//	B       = A A                       (b_ij summed over k ascending)
//	x_0     = A 1 / sum(A 1)            (normalised row sums)
//	y_k     = B x_k                     (row by row, j ascending)
//	x_{k+1} = y_k * (1 / sum_i y_k,i)
//
// B has the same Perron vector as A and the ratio |λ2/λ1|², so each step
// gains as much as two steps on A for the cost of one (B costs n³
// multiply-adds once). Stopping rule: stop after the first k with
// max_i |x_{k+1,i} - x_{k,i}| <= 1e-15 (weights sum to 1, so this is an
// absolute change of a few ulps of the largest weight) or, since the last
// bits can cycle, when that change stops decreasing once below 1e-13.
// Then one step on A gives λmax and w:
//
//	y = A x,   λmax = sum_i y_i,   w = y * (1 / λmax)
//
// A positive (or primitive) matrix converges geometrically
// (Perron–Frobenius); for a consistent matrix x_0 is already the answer.
// Every product is rounded before it is added (float64(a*x) + s), so no
// FMA is formed and the result is bit-identical on every architecture. It
// returns an error wrapping [ErrNotConverged] after 100,000 iterations,
// and a [*JudgmentError] wrapping [ErrInvalidMatrix] naming the largest
// entry if the entries are so large that A², a row sum or λmax overflows
// (for n² max(a_ij)² of about 1.8e308 or more; no judgment on any
// published scale comes near). PowerIteration panics if len(d) != n*n, len(w) != n or
// len(work) != n*n+n.
func PowerIteration(w, d []float64, n int, work []float64) (lambda float64, iterations int, err error) {
	if len(d) != n*n || len(w) != n || len(work) != n*n+n {
		panic(fmt.Sprintf("weighting: PowerIteration with len(d)=%d, len(w)=%d, len(work)=%d for n=%d", len(d), len(w), len(work), n))
	}
	b := work[:n*n]
	square2(b, d, n)
	x, y := w, work[n*n:]
	var s float64
	for i := 0; i < n; i++ {
		var r float64
		for _, v := range d[i*n : i*n+n] {
			r += v
		}
		x[i] = r
		s += r
	}
	if !finitePositive(s) {
		return 0, 0, overflow(d, n)
	}
	scale(x, s)
	prev := math.Inf(1)
	for it := 1; it <= powerMaxIter; it++ {
		s = matVec(y, b, x, n)
		if !finitePositive(s) {
			return 0, it, overflow(d, n)
		}
		diff := scaleDiff(y, x, s)
		x, y = y, x
		if diff <= powerTol || (diff <= 1e-13 && diff >= prev) {
			lambda = matVec(y, d, x, n)
			if !finitePositive(lambda) {
				return 0, it, overflow(d, n)
			}
			scale(y, lambda)
			for _, v := range y {
				if !(v >= 0 && v <= math.MaxFloat64) {
					return 0, it, overflow(d, n)
				}
			}
			copy(w, y)
			return lambda, it, nil
		}
		prev = diff
	}
	return 0, powerMaxIter, fmt.Errorf("%w: power iteration after %d steps", ErrNotConverged, powerMaxIter)
}

// finitePositive reports whether 0 < v < +Inf (false for NaN).
func finitePositive(v float64) bool { return v > 0 && v <= math.MaxFloat64 }

// overflow returns the error of a matrix whose entries are too large for
// the power iteration (A², a row sum or λmax is not finite): a
// [*JudgmentError] naming the largest entry of d, wrapping
// [ErrInvalidMatrix].
func overflow(d []float64, n int) error {
	bi, bj := 0, 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if !(d[i*n+j] <= d[bi*n+bj]) {
				bi, bj = i, j
			}
		}
	}
	return &JudgmentError{Row: bi, Col: bj, Value: d[bi*n+bj], Err: ErrInvalidMatrix,
		Msg: fmt.Sprintf("too large: the power iteration overflows (A² needs n² max(a_ij)² < %.3g, so judgments up to about %.3g for n = %d)",
			math.MaxFloat64, math.Sqrt(math.MaxFloat64)/float64(n), n)}
}

// scale divides x by s (as a multiplication by 1/s).
func scale(x []float64, s float64) {
	inv := 1 / s
	for i := range x {
		x[i] *= inv
	}
}

// scaleDiff divides y by s (as a multiplication by 1/s) and returns
// max_i |y_i - x_i|. PowerIteration calls it only with a finite positive
// s, the sum of the non-negative y_i, so every y_i is finite and so is
// the difference.
func scaleDiff(y, x []float64, s float64) float64 {
	var diff float64
	inv := 1 / s
	x = x[:len(y)]
	for i := range y {
		v := float64(y[i] * inv)
		y[i] = v
		if d := math.Abs(v - x[i]); d > diff {
			diff = d
		}
	}
	return diff
}

// square2 writes b = d d for the n×n row-major d; each b_ij is summed over
// k in ascending order with rounded products.
func square2(b, d []float64, n int) {
	clear(b)
	for i := 0; i < n; i++ {
		bi := b[i*n : i*n+n]
		for k, aik := range d[i*n : i*n+n] {
			dk := d[k*n : k*n+n]
			for j := range bi {
				bi[j] = float64(aik*dk[j]) + bi[j]
			}
		}
	}
}

// matVec writes y = d x for the n×n row-major d and returns sum(y). Four
// rows are accumulated at a time (independent dependency chains), each
// row's sum still running over j in ascending order with rounded
// products, so the result is the same as a plain row-by-row loop.
func matVec(y, d, x []float64, n int) float64 {
	var s float64
	i := 0
	for ; i+4 <= n; i += 4 {
		r0 := d[i*n : i*n+n]
		r1 := d[(i+1)*n : (i+1)*n+n]
		r2 := d[(i+2)*n : (i+2)*n+n]
		r3 := d[(i+3)*n : (i+3)*n+n]
		var a0, a1, a2, a3 float64
		for j, v := range x[:n] {
			a0 = float64(r0[j]*v) + a0
			a1 = float64(r1[j]*v) + a1
			a2 = float64(r2[j]*v) + a2
			a3 = float64(r3[j]*v) + a3
		}
		y[i], y[i+1], y[i+2], y[i+3] = a0, a1, a2, a3
		s += a0
		s += a1
		s += a2
		s += a3
	}
	for ; i < n; i++ {
		row := d[i*n : i*n+n]
		var a float64
		for j, v := range x[:n] {
			a = float64(row[j]*v) + a
		}
		y[i] = a
		s += a
	}
	return s
}

// Inconsistency describes one judgment's contribution to the
// inconsistency of a matrix with priorities w.
type Inconsistency struct {
	// Row and Col locate the judgment a_ij (Row < Col).
	Row, Col int
	// Judgment is a_ij.
	Judgment float64
	// Ratio = a_ij * w_j / w_i; 1 for a judgment consistent with w.
	Ratio float64
	// Consistent = w_i / w_j, the value a_ij would need to agree with w.
	Consistent float64
}

// Inconsistencies returns the judgments of the upper triangle of a ordered
// from the most to the least inconsistent with the priorities w, by
// max(Ratio, 1/Ratio) descending (ties by row, then column). The first
// entries are the judgments to revisit first (Saaty 2003, "Decision-making
// with the AHP: why is the principal eigenvector necessary"). Missing
// (NaN) judgments are left out. Inconsistencies panics if a is not square
// or len(w) differs from its order.
func Inconsistencies(a mat.Matrix, w []float64) []Inconsistency {
	n := square(a)
	if len(w) != n {
		panic(fmt.Sprintf("weighting: len(w)=%d != matrix order %d", len(w), n))
	}
	var out []Inconsistency
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) {
				continue
			}
			out = append(out, Inconsistency{Row: i, Col: j, Judgment: v, Ratio: float64(v*w[j]) / w[i], Consistent: w[i] / w[j]})
		}
	}
	dev := func(r float64) float64 { return max(r, 1/r) }
	sort.SliceStable(out, func(p, q int) bool { return dev(out[p].Ratio) > dev(out[q].Ratio) })
	return out
}

func enumString(kind string, i int, names []string) string {
	if i < 0 || i >= len(names) {
		return fmt.Sprintf("%s(%d)", kind, i)
	}
	return names[i]
}

func enumText(kind string, i int, names []string) ([]byte, error) {
	if i < 0 || i >= len(names) {
		return nil, fmt.Errorf("%w: unknown %s %d", ErrInvalidSpec, kind, i)
	}
	return []byte(names[i]), nil
}
