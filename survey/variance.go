package survey

import "fmt"

// adjustment transforms the linearised variable of an estimate (one value
// per design row, in place) to account for post-stratification, raking or
// calibration of the weights before the design-based variance is taken.
type adjustment interface {
	apply(z []float64)
}

// varWork holds the scratch space of the linearisation variance of one
// design. It is not safe for concurrent use; each call that needs one makes
// its own.
type varWork struct {
	d          *Design
	psuTot     []float64
	psuMark    []bool
	psuTouched []int32
	stSum      []float64
	stCnt      []int
	stSS       []float64
	stMark     []bool
	stTouched  []int32
	ssuTot     []float64
	ssuMark    []bool
	ssuTouched []int32
	p2Sum      []float64
	p2Cnt      []int
	p2SS       []float64
	dense      []float64
	z          []float64 // linearised variable of estimateRows
	vm         float64   // variance of the mean of the last estimateRows
}

func newVarWork(d *Design) *varWork {
	np, ns := len(d.psuStratum), len(d.nh)
	v := &varWork{
		d: d, psuTot: make([]float64, np), psuMark: make([]bool, np),
		stSum: make([]float64, ns), stCnt: make([]int, ns), stSS: make([]float64, ns), stMark: make([]bool, ns),
	}
	if d.stage2 {
		nq := len(d.ssuPSU)
		v.ssuTot, v.ssuMark = make([]float64, nq), make([]bool, nq)
		v.p2Sum, v.p2Cnt, v.p2SS = make([]float64, np), make([]int, np), make([]float64, np)
	}
	return v
}

// certaintyTol is R survey's threshold below which a finite-population
// correction 1 - f counts as zero (a self-representing stratum or PSU).
const certaintyTol = 1e-7

// totalVariance returns the Taylor-linearisation variance of the total of
// z, in R survey's svyrecvar convention (see the package documentation):
//
//	V = sum_h (1 - f_h) n_h/(n_h - 1) sum_i (Z_hi - Zbar_h)^2
//	  + sum_h f_h sum_i (1 - f_hi) m_hi/(m_hi - 1) sum_j (Z_hij - Zbar_hi)^2
//
// where Z_hi are PSU totals of z and Z_hij SSU totals; the second line
// only for two-stage designs with both fpcs. rows lists the design rows of
// z (nil: z has one value per design row); rows not listed have z = 0 but
// still count in n_h and m_hi. Adjustments of the design are applied first.
func (v *varWork) totalVariance(rows []int32, z []float64) (float64, error) {
	d := v.d
	if len(d.adjust) > 0 {
		if cap(v.dense) < d.n {
			v.dense = make([]float64, d.n)
		}
		dz := v.dense[:d.n]
		clear(dz)
		if rows == nil {
			copy(dz, z)
		} else {
			for k, r := range rows {
				dz[r] = z[k]
			}
		}
		for _, a := range d.adjust {
			a.apply(dz)
		}
		rows, z = nil, dz
	}
	if err := d.checkSingletons(); err != nil {
		return 0, err
	}
	// PSU totals over the touched PSUs (first-touch order).
	v.psuTouched = accumulate(v.psuTouched[:0], rows, z, d.psu, v.psuTot, v.psuMark)
	// Stratum sums of the PSU totals.
	v.stTouched = v.stTouched[:0]
	for _, p := range v.psuTouched {
		s := d.psuStratum[p]
		if !v.stMark[s] {
			v.stMark[s] = true
			v.stTouched = append(v.stTouched, s)
		}
		v.stSum[s] += v.psuTot[p]
		v.stCnt[s]++
	}
	for _, p := range v.psuTouched {
		s := d.psuStratum[p]
		dz := v.psuTot[p] - v.stSum[s]/float64(d.nh[s])
		v.stSS[s] += float64(dz * dz)
	}
	var total float64
	for _, s := range v.stTouched {
		nh := d.nh[s]
		q := 1.0
		if d.fpc1 {
			q = 1 - d.fh[s]
		}
		if q >= certaintyTol {
			switch {
			case nh > 1:
				mean := v.stSum[s] / float64(nh)
				ss := v.stSS[s] + float64(float64(nh-v.stCnt[s])*float64(mean*mean))
				total += float64(q * float64(nh) / float64(nh-1) * ss)
			case d.singleton == SingletonAdjust:
				// R's onestrat: a lonely PSU is not centred (its
				// deviation is taken from 0), scaled by 1 - f_h.
				total += float64(q * float64(v.stSum[s]*v.stSum[s]))
			}
		}
		v.stSum[s], v.stCnt[s], v.stSS[s], v.stMark[s] = 0, 0, 0, false
	}
	if d.singleton == SingletonAverage && d.lonely > 0 {
		// R's onestage: the strata with a variance (self-representing
		// singletons included, as they contribute a genuine 0) are scaled
		// up to all strata.
		ok := len(d.nh) - d.lonely
		if ok == 0 {
			return 0, fmt.Errorf("%w at stage 1: every stratum has a single PSU, so SingletonAverage has no stratum to average over", ErrSingletonPSU)
		}
		total = total * float64(len(d.nh)) / float64(ok)
	}
	var err error
	if d.stage2 {
		var s2 float64
		s2, err = v.secondStage(rows, z)
		total += s2
	}
	for _, p := range v.psuTouched {
		v.psuTot[p], v.psuMark[p] = 0, false
	}
	if err != nil {
		return 0, err
	}
	return total, nil
}

// secondStage returns the second-stage term of totalVariance.
func (v *varWork) secondStage(rows []int32, z []float64) (float64, error) {
	d := v.d
	v.ssuTouched = accumulate(v.ssuTouched[:0], rows, z, d.ssu, v.ssuTot, v.ssuMark)
	for _, q := range v.ssuTouched {
		p := d.ssuPSU[q]
		v.p2Sum[p] += v.ssuTot[q]
		v.p2Cnt[p]++
	}
	for _, q := range v.ssuTouched {
		p := d.ssuPSU[q]
		dz := v.ssuTot[q] - v.p2Sum[p]/float64(d.mi[p])
		v.p2SS[p] += float64(dz * dz)
	}
	var total float64
	var err error
	for _, p := range v.psuTouched {
		m := d.mi[p]
		q := 1 - d.fi[p]
		if q >= certaintyTol {
			// R's multistage recursion treats each PSU as a stratum of
			// SSUs with the same lonely.psu rule as at stage 1.
			switch {
			case m > 1:
				mean := v.p2Sum[p] / float64(m)
				ss := v.p2SS[p] + float64(float64(m-v.p2Cnt[p])*float64(mean*mean))
				total += float64(d.fh[d.psuStratum[p]] * float64(q*float64(m)/float64(m-1)*ss))
			case d.singleton == SingletonAdjust:
				// The lonely SSU's total, uncentred, scaled by 1 - f_hi.
				total += float64(d.fh[d.psuStratum[p]] * float64(q*float64(v.p2Sum[p]*v.p2Sum[p])))
			case err != nil:
			case d.singleton == SingletonFail:
				err = fmt.Errorf("%w: psu %q has a single SSU at stage 2", ErrSingletonPSU, d.psuNames[p])
			case d.singleton == SingletonAverage:
				// Within the PSU there is no other second-stage stratum
				// to average over (R's onestage gives NaN here).
				err = fmt.Errorf("%w: psu %q has a single SSU at stage 2, and SingletonAverage has no other SSU stratum in it to average over", ErrSingletonPSU, d.psuNames[p])
			}
		}
		v.p2Sum[p], v.p2Cnt[p], v.p2SS[p] = 0, 0, 0
	}
	for _, q := range v.ssuTouched {
		v.ssuTot[q], v.ssuMark[q] = 0, false
	}
	return total, err
}

// accumulate adds z (over rows, or all rows if rows is nil) into the
// totals tot of the groups unit[row], marking and appending to touched
// each group seen for the first time; it returns touched.
func accumulate(touched, rows []int32, z []float64, unit []int32, tot []float64, mark []bool) []int32 {
	add := func(r int32, x float64) {
		g := unit[r]
		if !mark[g] {
			mark[g] = true
			touched = append(touched, g)
		}
		tot[g] += x
	}
	if rows == nil {
		for i, x := range z {
			add(int32(i), x)
		}
	} else {
		for k, r := range rows {
			add(r, z[k])
		}
	}
	return touched
}

// checkSingletons returns the error for a single-PSU stratum under
// SingletonFail (strata sampled completely excepted, as in R).
func (d *Design) checkSingletons() error {
	if d.singleton != SingletonFail {
		return nil
	}
	for _, s := range d.singles {
		if d.fpc1 && 1-d.fh[s] < certaintyTol {
			continue
		}
		return &CellError{Variable: "stratum", Cell: d.strataNames[s], Err: fmt.Errorf("%w at stage 1 (choose a Singleton method)", ErrSingletonPSU)}
	}
	return nil
}
