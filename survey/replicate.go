package survey

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"

	"github.com/ppgpa/ppgpa/internal/rng"
)

// ReplicateMethod selects how replicate weights are formed.
type ReplicateMethod int

const (
	// ReplicateAuto is JK1 for an unstratified design and JKn otherwise
	// (R's as.svrepdesign default).
	ReplicateAuto ReplicateMethod = iota
	// JK1 is the delete-one-PSU jackknife of an unstratified design:
	// replicate r sets the weights of PSU r to 0 and multiplies all other
	// weights by n/(n-1); scale = (1 - f)(n-1)/n, rscales = 1.
	JK1
	// JKn is the stratified delete-one-PSU jackknife: replicate r deletes
	// one PSU of stratum h and multiplies the other PSUs of h by
	// n_h/(n_h-1); scale = 1, rscales = (1 - f_h)(n_h-1)/n_h.
	JKn
	// Bootstrap is Rao and Wu's (1988) [9] rescaling bootstrap: in each
	// stratum m_h = n_h - 1 PSUs are drawn with replacement and PSU i's
	// weights are multiplied by
	//
	//	1 - lambda_h + lambda_h (n_h/m_h) c_hi,  lambda_h = sqrt(m_h (1 - f_h)/(n_h - 1))
	//
	// (c_hi the number of times it was drawn); scale = 1/(R-1), rscales = 1.
	Bootstrap
)

var replicateNames = []string{"auto", "jk1", "jkn", "bootstrap"}

// String returns the lowercase name of m.
func (m ReplicateMethod) String() string {
	return enumString("ReplicateMethod", int(m), replicateNames)
}

// MarshalText returns the lowercase name of m.
func (m ReplicateMethod) MarshalText() ([]byte, error) {
	return enumMarshal("ReplicateMethod", int(m), replicateNames)
}

// UnmarshalText parses a lowercase name.
func (m *ReplicateMethod) UnmarshalText(b []byte) error {
	return enumUnmarshal("ReplicateMethod", b, replicateNames, (*int)(m))
}

// Centre is the centre of the replicate variance.
type Centre int

const (
	// CentreReplicateMean centres at the mean of the replicate estimates
	// (R's default, mse=FALSE).
	CentreReplicateMean Centre = iota
	// CentreFullSample centres at the full-sample estimate (mse=TRUE).
	CentreFullSample
)

var centreNames = []string{"replicate-mean", "full-sample"}

// String returns the lowercase name of c.
func (c Centre) String() string { return enumString("Centre", int(c), centreNames) }

// MarshalText returns the lowercase name of c.
func (c Centre) MarshalText() ([]byte, error) { return enumMarshal("Centre", int(c), centreNames) }

// UnmarshalText parses a lowercase name.
func (c *Centre) UnmarshalText(b []byte) error {
	return enumUnmarshal("Centre", b, centreNames, (*int)(c))
}

// ReplicateSettings configures [Design.Replicates].
type ReplicateSettings struct {
	Method ReplicateMethod
	// Replicates is the number of bootstrap replicates; 0 means 200.
	Replicates int
	// Seed seeds the bootstrap: replicate r draws from rng stream
	// (Seed, r), so results do not depend on scheduling.
	Seed   uint64
	Centre Centre
	// Progress, if not nil, is called as the replicates are made, with
	// the number done and R (calls may come out of order from concurrent
	// workers: the largest done counts), and again while
	// [ReplicateDesign.DFContext] (or DF) computes the numerical rank of a
	// bootstrap design, the long part of a bootstrap with many PSUs: then
	// with k(k+1)/2 of R(R+1)/2 after k columns, as column k costs k inner
	// products. It must be safe for concurrent use.
	Progress func(done, total int)
}

// ReplicateDesign is a design with replicate weights. It is immutable and
// safe for concurrent use.
type ReplicateDesign struct {
	d       *Design
	method  ReplicateMethod // JK1, JKn or Bootstrap
	rep     [][]float64
	scale   float64
	rscales []float64
	centre  Centre

	factors     *repFactors
	adjustments []string
	progress    func(done, total int)

	dfMu    sync.Mutex
	dfKnown bool
	df      int
}

// Replicates returns replicate weights for the design. Replicate r
// multiplies the design weights as they were before any adjustment by its
// replicate factors (below), and then redoes every post-stratification,
// raking, calibration and trimming of the design, in order and with the
// same settings, on those weights, as R does with as.svrepdesign on the
// unadjusted design followed by postStratify, rake, calibrate or
// trimWeights on the replicate design. The replicate variance thus
// includes the variability of the adjustment; without redoing it the
// standard errors of totals after raking can be several times too large.
// [ReplicateDesign.Adjustments] names what was redone. A design built
// from weights that were adjusted elsewhere (passed to [NewDesign] as
// design weights) has nothing to redo, and its replicates leave the
// adjustment out: say so where such results are reported.
//
// Replicates and PSUs are ordered by first appearance of their stratum
// and PSU. The finite-population corrections of the design enter scale
// and rscales (JK1, JKn) or lambda_h (Bootstrap). Strata with a single
// PSU get no replicate (JKn) or are left unperturbed (Bootstrap); a
// self-representing one (1 - f_h below 1e-7, a certainty stratum)
// contributes no variance and is accepted under every Singleton rule, as
// in R and as by linearisation. Redoing the adjustments runs on up to
// GOMAXPROCS goroutines; the result does not depend on their number.
//
// It returns an error wrapping ErrInvalidInput for JK1 on a stratified
// design or a design with a single PSU, [ErrSingletonPSU] naming a
// stratum with one PSU that is not self-representing (JKn, Bootstrap)
// under SingletonFail (other Singleton methods leave such strata
// unperturbed), a *CellError naming the replicate whose adjustment fails
// (for instance a post-stratum or raking level that the replicate leaves
// without weight, ErrEmptyCell), an error wrapping [ErrTooLarge] for
// more than [MaxReplicates] bootstrap replicates or more than [MaxCells]
// replicate weights (respondents × replicates), checked before
// allocating, and ctx's error if ctx is cancelled. It
// panics for an unknown method or centre.
func (d *Design) Replicates(ctx context.Context, s ReplicateSettings) (*ReplicateDesign, error) {
	checkEnum("ReplicateMethod", int(s.Method), len(replicateNames))
	checkEnum("Centre", int(s.Centre), len(centreNames))
	m := s.Method
	if m == ReplicateAuto {
		m = JKn
		if len(d.nh) == 1 {
			m = JK1
		}
	}
	rd := &ReplicateDesign{d: d, method: m, centre: s.Centre, scale: 1, progress: s.Progress}
	f := &repFactors{d: d, method: m, seed: s.Seed}
	P := len(d.psuStratum)
	f.psusOf = make([][]int, len(d.nh))
	for p, h := range d.psuStratum {
		f.psusOf[h] = append(f.psusOf[h], p)
	}
	if m != JK1 {
		if err := d.checkSingletons(); err != nil {
			return nil, err
		}
	}
	R := 0
	switch m {
	case JK1:
		if len(d.nh) != 1 {
			return nil, fmt.Errorf("%w: JK1 needs an unstratified design (%d strata); use JKn", ErrInvalidInput, len(d.nh))
		}
		if P < 2 {
			return nil, fmt.Errorf("%w: JK1 needs two or more PSUs", ErrInvalidInput)
		}
		fn := float64(P)
		rd.scale = (1 - f.fraction(0)) * (fn - 1) / fn
		R = P
		for p := 0; p < P; p++ {
			rd.rscales = append(rd.rscales, 1)
		}
	case JKn:
		for h, psus := range f.psusOf {
			nh := len(psus)
			if nh < 2 {
				continue
			}
			fn := float64(nh)
			rs := (1 - f.fraction(h)) * (fn - 1) / fn
			for _, p := range psus {
				f.jkn = append(f.jkn, [2]int{h, p})
				rd.rscales = append(rd.rscales, rs)
			}
		}
		R = len(f.jkn)
	case Bootstrap:
		R = s.Replicates
		if R == 0 {
			R = 200
		}
		if R < 2 {
			return nil, fmt.Errorf("%w: %d bootstrap replicates", ErrInvalidInput, R)
		}
		if R > MaxReplicates {
			return nil, fmt.Errorf("%w: %d bootstrap replicates, more than %d", ErrTooLarge, R, MaxReplicates)
		}
		rd.scale = 1 / float64(R-1)
		for r := 0; r < R; r++ {
			rd.rscales = append(rd.rscales, 1)
		}
	}
	if err := checkCells("the replicate weights (respondents × replicates)", d.n, R); err != nil {
		return nil, err
	}
	rd.factors = f
	for _, st := range d.steps {
		rd.adjustments = append(rd.adjustments, st.name())
	}
	rd.rep = make([][]float64, R)
	errs := make([]error, R)
	work := func(k int, num, den []float64) {
		if err := ctx.Err(); err != nil {
			errs[k] = err
			return
		}
		w := f.weights(k, num, den)
		for _, st := range d.steps {
			var err error
			if w, err = st.redo(ctx, w); err != nil {
				errs[k] = &CellError{Variable: "replicate", Cell: strconv.Itoa(k), Err: fmt.Errorf("%w (redoing %s)", err, st.name())}
				return
			}
		}
		rd.rep[k] = w
	}
	workers := 1
	if len(d.steps) > 0 {
		workers = min(runtime.GOMAXPROCS(0), R)
	}
	var next, made atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			num, den := make([]float64, P), make([]float64, P)
			for {
				k := int(next.Add(1) - 1)
				if k >= R {
					return
				}
				work(k, num, den)
				if s.Progress != nil {
					s.Progress(int(made.Add(1)), R)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return rd, nil
}

// repFactors gives the replicate factors of every PSU: replicate k's
// unadjusted weight of row i is w_i * num[p] / den[p], p = psu(i), with w
// the design weights before any adjustment (so that the jackknife's
// w_i * n/(n-1) is rounded once, as written).
type repFactors struct {
	d      *Design
	method ReplicateMethod
	seed   uint64
	psusOf [][]int
	jkn    [][2]int // JKn: stratum and deleted PSU of each replicate
}

func (f *repFactors) fraction(h int) float64 {
	if f.d.fpc1 {
		return f.d.fh[h]
	}
	return 0
}

// fill sets num and den (one entry per PSU) for replicate k.
func (f *repFactors) fill(k int, num, den []float64) {
	for p := range num {
		num[p], den[p] = 1, 1
	}
	switch f.method {
	case JK1:
		fn := float64(len(num))
		for p := range num {
			num[p], den[p] = fn, fn-1
		}
		num[k], den[k] = 0, 1
	case JKn:
		h, del := f.jkn[k][0], f.jkn[k][1]
		psus := f.psusOf[h]
		fn := float64(len(psus))
		for _, p := range psus {
			num[p], den[p] = fn, fn-1
		}
		num[del], den[del] = 0, 1
	case Bootstrap:
		src := rng.New(f.seed, uint64(k))
		for h, psus := range f.psusOf {
			nh := len(psus)
			if nh < 2 {
				continue
			}
			mh := nh - 1
			lambda := math.Sqrt(float64(mh) * (1 - f.fraction(h)) / float64(nh-1))
			for _, p := range psus {
				num[p] = 0
			}
			for j := 0; j < mh; j++ {
				num[psus[src.IntN(nh)]]++
			}
			for _, p := range psus {
				num[p] = 1 - lambda + float64(float64(lambda*float64(nh)/float64(mh))*num[p])
			}
		}
	}
}

// weights returns replicate k's unadjusted weights; num and den are work
// space of one entry per PSU.
func (f *repFactors) weights(k int, num, den []float64) []float64 {
	f.fill(k, num, den)
	d := f.d
	w := make([]float64, d.n)
	for i, wi := range d.base {
		p := d.psu[i]
		if den[p] == 1 {
			w[i] = wi * num[p]
		} else {
			w[i] = wi * num[p] / den[p]
		}
	}
	return w
}

// Adjustments names the weight adjustments of the design that were redone
// in every replicate, in order (e.g. "rake", "calibrate (raking)"); nil if
// the design has none. A design whose weights were adjusted before
// [NewDesign] saw them has none either, and its replicate standard errors
// leave the adjustment's variability out.
func (r *ReplicateDesign) Adjustments() []string { return append([]string(nil), r.adjustments...) }

// Len returns the number of replicates.
func (r *ReplicateDesign) Len() int { return len(r.rep) }

// Scale returns the overall variance multiplier.
func (r *ReplicateDesign) Scale() float64 { return r.scale }

// RScales returns a copy of the per-replicate variance multipliers.
func (r *ReplicateDesign) RScales() []float64 { return append([]float64(nil), r.rscales...) }

// Weights returns a copy of the weights of replicate k. It panics if k is
// out of range.
func (r *ReplicateDesign) Weights(k int) []float64 { return append([]float64(nil), r.rep[k]...) }

// DF returns the degrees of freedom of replicate-based intervals, as R's
// degf for a replicate design:
//
//	df = rank(W) - 1
//
// with W the n x R matrix of replicate weights (R:
// qr(weights(design, "analysis"), tol = 1e-5)$rank - 1). The rank is
// numerical, as R's LINPACK QR with limited column pivoting: a column
// counts when its residual after projection on the columns before it is
// at least 1e-5 times its norm. Rows of one PSU are proportional, so the
// rank is computed on one row per PSU with the same column norms and
// inner products.
//
// For the jackknives with every PSU of non-zero weight the rank is known
// in closed form and no QR is needed: JK1 on n PSUs has rank n (df = n -
// 1); JKn has rank P - H + 1 over the P PSUs of the H strata with two or
// more PSUs (the replicates of each stratum h sum to n_h times the full
// weights, H - 1 dependencies), so df = P - H, the linearisation df. The
// bootstrap has rank at most min(R, P - H + 1), so df is below the
// linearisation df when there are fewer replicates than PSUs.
//
// The value is computed on first use, O(P R min(P, R)) for the bootstrap
// (by blocks of matrix products: 20,000 PSUs and 2,000 replicates take
// about 14 s of CPU time), and cached. DF cannot be cancelled: call [ReplicateDesign.DFContext]
// first where that may take long.
func (r *ReplicateDesign) DF() int {
	df, _ := r.DFContext(context.Background())
	return df
}

// DFContext is [ReplicateDesign.DF] computed under ctx: it returns ctx's
// error if ctx is cancelled during the computation (then nothing is
// cached), and reports its progress to the settings' Progress.
func (r *ReplicateDesign) DFContext(ctx context.Context) (int, error) {
	r.dfMu.Lock()
	defer r.dfMu.Unlock()
	if !r.dfKnown {
		rank, err := r.rank(ctx)
		if err != nil {
			return 0, err
		}
		r.df, r.dfKnown = rank-1, true
	}
	return r.df, nil
}

// rankTol is R's tolerance in degf.svyrep.design.
const rankTol = 1e-5

// rank returns the numerical rank of the replicate weight matrix.
func (r *ReplicateDesign) rank(ctx context.Context) (int, error) {
	d := r.d
	P := len(d.psuStratum)
	positive := make([]bool, P)
	for i, w := range d.w {
		if w > 0 {
			positive[d.psu[i]] = true
		}
	}
	all := true
	for _, ok := range positive {
		all = all && ok
	}
	if all && r.method != Bootstrap {
		if r.method == JK1 {
			return P, nil
		}
		np, nh := 0, 0
		for _, n := range d.nh {
			if n >= 2 {
				np += n
				nh++
			}
		}
		if nh == 0 {
			return 0, nil // no replicates
		}
		return np - nh + 1, nil
	}
	return r.numericRank(ctx)
}

// numericRank is the rank of the P x R matrix B with
// B[p][k] = sqrt(sum_{i in p} W[i][k]^2), which has the Gram matrix of the
// replicate weight matrix W (replicate weights are non-negative and
// proportional within a PSU), with R's qr acceptance rule: column k is
// independent of the accepted columns before it when its residual norm
// after projection on them is at least rankTol times its own norm (a zero
// column never is).
//
// The residuals come from a Cholesky factorisation of the Gram matrix of
// the accepted columns, grown one column at a time: with G = B'B,
//
//	l_k = L^-1 G[acc][k],  d_k = G[k][k] - l_k'l_k
//
// (d_k the squared residual of column k), column k accepted when
// d_k >= rankTol^2 G[k][k]. The products G[acc][k] are computed for
// blocks of gramBlock columns at once, B[acc]' B[block], by matrix
// multiplication: O(P R r) for rank r, about a quarter of the operations
// of Gram-Schmidt with reorthogonalisation and in cache-sized blocks
// (20,000 PSUs and 500 replicates: 6.8 s -> 1.1 s of CPU time). It stops when r
// reaches min(P, R). Forming G squares the condition number, so a
// decision is taken from d_k only when it is clear: when d_k/G[k][k]
// falls between 1e-12 and 1e-6 (a column nearly dependent on the others:
// a residual between a tenth of R's threshold and 100 times it, or an
// accepted basis so ill-conditioned that d_k's rounding error could
// reach the threshold), the rank is recomputed by gramSchmidtRank, the
// method of the earlier versions.
func (r *ReplicateDesign) numericRank(ctx context.Context) (int, error) {
	d := r.d
	P, R := len(d.psuStratum), len(r.rep)
	limit := min(P, R)
	var num, den []float64
	if len(d.steps) > 0 {
		num, den = make([]float64, P), make([]float64, P)
	}
	total := R * (R + 1) / 2
	acc := make([]float64, 0, limit*P) // the accepted columns of B, one row of P each
	var lrows [][]float64              // row a of the Cholesky factor L of G[acc][acc]
	blk := make([]float64, gramBlock*P)
	prod := make([]float64, 0, (R+gramBlock)*gramBlock)
	g := make([]float64, 0, limit)
	for k0 := 0; k0 < R && len(lrows) < limit; k0 += gramBlock {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if r.progress != nil {
			r.progress(k0*(k0+1)/2, total)
		}
		k1 := min(k0+gramBlock, R)
		b := k1 - k0
		for j := 0; j < b; j++ {
			r.psuColumn(k0+j, blk[j*P:(j+1)*P], num, den)
		}
		// prod = [B[acc]; B[block]]' B[block]: r0 + b rows of b.
		r0 := len(lrows)
		prod = prod[:(r0+b)*b]
		bm := blas64.General{Rows: b, Cols: P, Stride: P, Data: blk[:b*P]}
		if r0 > 0 {
			am := blas64.General{Rows: r0, Cols: P, Stride: P, Data: acc}
			blas64.Gemm(blas.NoTrans, blas.Trans, 1, am, bm, 0, blas64.General{Rows: r0, Cols: b, Stride: b, Data: prod[:r0*b]})
		}
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, bm, bm, 0, blas64.General{Rows: b, Cols: b, Stride: b, Data: prod[r0*b:]})
		var inBlock []int // the accepted columns of this block, by index in it
		for j := 0; j < b && len(lrows) < limit; j++ {
			gkk := prod[(r0+j)*b+j]
			if gkk == 0 {
				continue
			}
			g = g[:0]
			for a := 0; a < r0; a++ {
				g = append(g, prod[a*b+j])
			}
			for _, jj := range inBlock {
				g = append(g, prod[(r0+jj)*b+j])
			}
			// Forward substitution: l = L^-1 g, in place.
			res := gkk
			for a, la := range lrows {
				v := (g[a] - floats.Dot(la[:a], g[:a])) / la[a]
				g[a] = v
				res -= float64(v * v)
			}
			ratio := res / gkk
			if ratio >= 1e-12 && ratio < 1e-6 {
				return r.gramSchmidtRank(ctx)
			}
			if ratio < rankTol*rankTol {
				continue
			}
			lrows = append(lrows, append(append([]float64(nil), g...), math.Sqrt(res)))
			acc = append(acc, blk[j*P:(j+1)*P]...)
			inBlock = append(inBlock, j)
		}
	}
	if r.progress != nil {
		r.progress(total, total)
	}
	return len(lrows), nil
}

// gramBlock is the number of columns whose products with the accepted
// ones numericRank computes at once.
const gramBlock = 64

// psuColumn sets c (one entry per PSU) to column k of the matrix B of
// numericRank: the root of the sum of squares of replicate k's
// unadjusted weights in each PSU. num and den are work space of one
// entry per PSU (nil when the design has no adjustment steps).
func (r *ReplicateDesign) psuColumn(k int, c, num, den []float64) {
	d := r.d
	w := r.rep[k]
	if len(d.steps) > 0 {
		// The rank of the unadjusted replicate weights, whose rows of
		// one PSU are proportional.
		w = r.factors.weights(k, num, den)
	}
	clear(c)
	for i, wi := range w {
		c[d.psu[i]] += float64(wi * wi)
	}
	for p := range c {
		c[p] = math.Sqrt(c[p])
	}
}

// gramSchmidtRank is the rank of numericRank by modified Gram-Schmidt
// with one reorthogonalisation, O(P R min(P, R)): the method of
// numericRank where the Cholesky residuals of the Gram matrix are not
// accurate enough to decide.
func (r *ReplicateDesign) gramSchmidtRank(ctx context.Context) (int, error) {
	d := r.d
	P, R := len(d.psuStratum), len(r.rep)
	cols := make([][]float64, R)
	var num, den []float64
	if len(d.steps) > 0 {
		num, den = make([]float64, P), make([]float64, P)
	}
	for k := range r.rep {
		cols[k] = make([]float64, P)
		r.psuColumn(k, cols[k], num, den)
	}
	norm := func(v []float64) float64 {
		var s float64
		for _, x := range v {
			s += float64(x * x)
		}
		return math.Sqrt(s)
	}
	var q [][]float64
	for k, c := range cols {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if r.progress != nil {
			r.progress(k*(k+1)/2, R*(R+1)/2)
		}
		if len(q) == min(P, R) {
			break
		}
		orig := norm(c)
		if orig == 0 {
			continue
		}
		for pass := 0; pass < 2; pass++ {
			for _, b := range q {
				var dot float64
				for p, x := range c {
					dot += float64(b[p] * x)
				}
				for p := range c {
					c[p] -= float64(dot * b[p])
				}
			}
		}
		res := norm(c)
		if res < float64(rankTol*orig) {
			continue
		}
		for p := range c {
			c[p] /= res
		}
		q = append(q, c)
	}
	if r.progress != nil {
		r.progress(R*(R+1)/2, R*(R+1)/2)
	}
	return len(q), nil
}

// ReplicateEstimate is a mean and total with replicate standard errors.
type ReplicateEstimate struct {
	Mean, SEMean, Total, SETotal float64
	// Replicates is the number of replicates.
	Replicates int
	// DF is the degrees of freedom for intervals, [ReplicateDesign.DF]
	// (R's degf of the replicate design; for a domain R's svyby keeps the
	// whole design's df, and so does this).
	DF int
}

// Estimate returns the weighted mean and total of y with the replicate
// variance
//
//	V = scale * sum_r rscales_r (theta_r - c)^2
//
// where theta_r is the estimate under replicate weights r (a ratio for the
// mean) and c the centre (mean of the theta_r, or the full-sample
// estimate). Errors and panics are those of [Design.Estimate]; a replicate
// with zero total weight in the domain gives an error wrapping
// ErrEmptyCell.
func (r *ReplicateDesign) Estimate(y []float64, s EstimateSettings) (ReplicateEstimate, error) {
	return r.EstimateDomain(y, nil, s)
}

// EstimateDomain is [ReplicateDesign.Estimate] restricted to the rows with
// domain[i] true (nil: all rows); every replicate estimate is the domain
// estimate under that replicate's weights. It panics if len(y) or a
// non-nil len(domain) differs from the number of respondents.
func (r *ReplicateDesign) EstimateDomain(y []float64, domain []bool, s EstimateSettings) (ReplicateEstimate, error) {
	rows, vals, err := r.d.domainRows(y, domain, s)
	if err != nil {
		return ReplicateEstimate{}, err
	}
	ratio := func(w []float64) (mean, total float64, err error) {
		var sw, swy float64
		for k, i := range rows {
			sw += w[i]
			swy += float64(w[i] * vals[k])
		}
		if !(sw > 0) {
			return 0, 0, fmt.Errorf("%w: weights sum to %v", ErrEmptyCell, sw)
		}
		return swy / sw, swy, nil
	}
	mean, total, err := ratio(r.d.w)
	if err != nil {
		return ReplicateEstimate{}, err
	}
	R := len(r.rep)
	means := make([]float64, R)
	totals := make([]float64, R)
	for k, w := range r.rep {
		if means[k], totals[k], err = ratio(w); err != nil {
			return ReplicateEstimate{}, &CellError{Variable: "replicate", Cell: strconv.Itoa(k), Err: err}
		}
	}
	est := ReplicateEstimate{
		Mean: mean, Total: total, Replicates: R, DF: r.DF(),
		SEMean:  math.Sqrt(r.variance(means, mean)),
		SETotal: math.Sqrt(r.variance(totals, total)),
	}
	if err := checkEstimate(len(rows), est.Mean, est.SEMean, est.Total, est.SETotal, 0, false); err != nil {
		return ReplicateEstimate{}, err
	}
	return est, nil
}

// centreOf returns the centre of the replicate estimates theta: their
// mean, or the full-sample estimate full.
func (r *ReplicateDesign) centreOf(theta []float64, full float64) float64 {
	c := full
	if r.centre == CentreReplicateMean {
		c = 0
		for _, t := range theta {
			c += t
		}
		c /= float64(len(theta))
	}
	return c
}

func (r *ReplicateDesign) variance(theta []float64, full float64) float64 {
	c := r.centreOf(theta, full)
	var v float64
	for k, t := range theta {
		e := t - c
		v += float64(r.rscales[k] * float64(e*e))
	}
	return float64(r.scale * v)
}
