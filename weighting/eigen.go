package weighting

import (
	"fmt"
	"math"
	"sort"
)

// symEigen returns the eigenvalues of the symmetric m×m matrix a
// (row-major; not modified) in descending order (ties by index) and the
// matching unit eigenvectors as the columns of the row-major m×m vecs.
//
// It uses the cyclic Jacobi method (Golub & Van Loan, Matrix Computations,
// 4th ed., algorithm 8.5.3): sweeps of plane rotations over every pair
// (p, q), p < q, each annihilating a_pq with the stable symmetric Schur
// rotation
//
//	tau = (a_qq - a_pp) / (2 a_pq),  t = sign(tau) / (|tau| + sqrt(1 + tau^2)),
//	c = 1 / sqrt(1 + t^2),  s = t c
//
// until every off-diagonal element is negligible, either next to its
// diagonal elements (|a_pq| * 1e-2 adds nothing to either, in floating
// point) or next to the matrix (|a_pq| <= 1e-18 ||A||_F), and is set to 0;
// at most 100 sweeps. Jacobi is accurate to a few ulps for
// symmetric matrices, needs only +, -, *, / and sqrt, and every product
// is rounded before it is added, so the result is bit-identical on every
// architecture (unlike LAPACK-style routines, whose multiply-adds may be
// fused). It costs O(m^3) per sweep, fine for the tens of indicators of a
// group.
func symEigen(a []float64, m int) (vals, vecs []float64, err error) {
	w := append([]float64(nil), a...)
	v := make([]float64, m*m)
	for i := 0; i < m; i++ {
		v[i*m+i] = 1
	}
	// Off-diagonal elements below floor are zero for all practical
	// purposes (the Frobenius norm is invariant under the rotations); the
	// floor stops rotations among near-zero eigenvalues of rank-deficient
	// matrices, where the relative test below never fires.
	var frob float64
	for _, x := range a {
		frob = float64(x*x) + frob
	}
	floor := 1e-18 * math.Sqrt(frob)
	for sweep := 0; ; sweep++ {
		if sweep == 100 {
			return nil, nil, fmt.Errorf("%w: Jacobi eigenvalue iteration after 100 sweeps", ErrNotConverged)
		}
		rotated := false
		for p := 0; p < m; p++ {
			for q := p + 1; q < m; q++ {
				apq := w[p*m+q]
				if apq == 0 {
					continue
				}
				app, aqq := w[p*m+p], w[q*m+q]
				g := float64(100 * math.Abs(apq))
				if math.Abs(apq) <= floor || (math.Abs(app)+g == math.Abs(app) && math.Abs(aqq)+g == math.Abs(aqq)) {
					w[p*m+q], w[q*m+p] = 0, 0
					continue
				}
				tau := (aqq - app) / (2 * apq)
				t := 1 / (math.Abs(tau) + math.Sqrt(1+float64(tau*tau)))
				if math.Abs(tau) > 1e150 {
					t = 1 / (2 * math.Abs(tau)) // sqrt(1 + tau^2) would overflow
				}
				if tau < 0 {
					t = -t
				}
				if t == 0 {
					w[p*m+q], w[q*m+p] = 0, 0
					continue
				}
				rotated = true
				c := 1 / math.Sqrt(1+float64(t*t))
				s := float64(t * c)
				rotate(w, m, p, q, c, s, t)
				rotateCols(v, m, p, q, c, s)
			}
		}
		if !rotated {
			break
		}

	}
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return w[order[x]*m+order[x]] > w[order[y]*m+order[y]] })
	vals = make([]float64, m)
	vecs = make([]float64, m*m)
	for k, src := range order {
		vals[k] = w[src*m+src]
		for i := 0; i < m; i++ {
			vecs[i*m+k] = v[i*m+src]
		}
	}
	return vals, vecs, nil
}

// rotate applies A <- J^T A J for the rotation J in the plane (p, q)
// (J_pp = J_qq = c, J_pq = s, J_qp = -s, t = s/c) that annihilates a_pq,
// with the updates of Golub & Van Loan / Numerical Recipes (11.1.14),
// keeping A exactly symmetric:
//
//	a_pp' = a_pp - t a_pq,  a_qq' = a_qq + t a_pq,  a_pq' = a_qp' = 0
//	a_kp' = c a_kp - s a_kq,  a_kq' = s a_kp + c a_kq   (k != p, q)
func rotate(a []float64, m, p, q int, c, s, t float64) {
	apq := a[p*m+q]
	a[p*m+p] -= float64(t * apq)
	a[q*m+q] += float64(t * apq)
	a[p*m+q], a[q*m+p] = 0, 0
	for k := 0; k < m; k++ {
		if k == p || k == q {
			continue
		}
		x, y := a[k*m+p], a[k*m+q]
		xp := float64(c*x) - float64(s*y)
		yq := float64(s*x) + float64(c*y)
		a[k*m+p], a[p*m+k] = xp, xp
		a[k*m+q], a[q*m+k] = yq, yq
	}
}

// rotateCols applies A <- A J (columns p and q).
func rotateCols(a []float64, m, p, q int, c, s float64) {
	for k := 0; k < m; k++ {
		x, y := a[k*m+p], a[k*m+q]
		a[k*m+p] = float64(c*x) - float64(s*y)
		a[k*m+q] = float64(s*x) + float64(c*y)
	}
}
