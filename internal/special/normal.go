package special

import (
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// NormalCDF returns P(Z <= x) for a standard normal Z:
//
//	Phi(x) = erfc(-x/sqrt(2)) / 2
//
// with erfc from [erfc]. NormalCDF(-Inf) = 0, NormalCDF(+Inf) = 1,
// NormalCDF(NaN) = NaN.
func NormalCDF(x float64) float64 {
	return 0.5 * erfc(-x/math.Sqrt2)
}

// NormalQuantile returns the p-quantile of the standard normal distribution
// by Wichura's algorithm AS 241 (PPND16, relative accuracy about 1e-16) [1].
// NormalQuantile(0) = -Inf, NormalQuantile(1) = +Inf; p outside [0, 1] or
// NaN gives NaN.
func NormalQuantile(p float64) float64 {
	switch {
	case !(p >= 0 && p <= 1):
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	}
	dp := p - 0.5
	if math.Abs(dp) <= 0.425 {
		z := 0.180625 - float64(dp*dp)
		num := polyHi(z, 2509.0809287301226727, 33430.575583588128105, 67265.770927008700853,
			45921.953931549871457, 13731.693765509461125, 1971.5909503065514427,
			133.14166789178437745, 3.387132872796366608)
		den := polyHi(z, 5226.495278852854561, 28729.085735721942674, 39307.89580009271061,
			21213.794301586595867, 5394.1960214247511077, 687.1870074920579083,
			42.313330701600911252, 1.0)
		return float64(dp*num) / den
	}
	q := p
	if p > 0.5 {
		q = 1 - p
	}
	r := math.Sqrt(-detmath.Log(q))
	var num, den float64
	if r <= 5 {
		z := r - 1.6
		num = polyHi(z, 7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177,
			1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055,
			4.6303378461565452959, 1.42343711074968357734)
		den = polyHi(z, 1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966,
			0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494,
			2.05319162663775882187, 1.0)
	} else {
		z := r - 5
		num = polyHi(z, 2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386,
			0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358,
			5.4637849111641143699, 6.6579046435011037772)
		den = polyHi(z, 2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5,
			7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531,
			0.59983220655588793769, 1.0)
	}
	if p < 0.5 {
		return -num / den
	}
	return num / den
}

// erfc returns the complementary error function 1 - erf(x), by the rational
// approximations of FreeBSD's s_erf.c [2] (error below 1 ulp), with every
// product rounded and detmath.Exp in place of math.Exp.
func erfc(x float64) float64 {
	const (
		tiny = 1.0 / (1 << 56)
		erx  = 8.45062911510467529297e-01
	)
	switch {
	case math.IsNaN(x):
		return math.NaN()
	case math.IsInf(x, 1):
		return 0
	case math.IsInf(x, -1):
		return 2
	}
	sign := x < 0
	x = math.Abs(x)
	if x < 0.84375 {
		var temp float64
		if x < tiny {
			temp = x
		} else {
			z := float64(x * x)
			r := polyLo(z, 1.28379167095512558561e-01, -3.25042107247001499370e-01,
				-2.84817495755985104766e-02, -5.77027029648944159157e-03, -2.37630166566501626084e-05)
			s := polyLo(z, 1, 3.97917223959155352819e-01, 6.50222499887672944485e-02,
				5.08130628187576562776e-03, 1.32494738004321644526e-04, -3.96022827877536812320e-06)
			y := r / s
			if x < 0.25 {
				temp = x + float64(x*y)
			} else {
				temp = 0.5 + (float64(x*y) + (x - 0.5))
			}
		}
		if sign {
			return 1 + temp
		}
		return 1 - temp
	}
	if x < 1.25 {
		s := x - 1
		p := polyLo(s, -2.36211856075265944077e-03, 4.14856118683748331666e-01,
			-3.72207876035701323847e-01, 3.18346619901161753674e-01, -1.10894694282396677476e-01,
			3.54783043256182359371e-02, -2.16637559486879084300e-03)
		q := polyLo(s, 1, 1.06420880400844228286e-01, 5.40397917702171048937e-01,
			7.18286544141962662868e-02, 1.26171219808761642112e-01, 1.36370839120290507362e-02,
			1.19844998467991074170e-02)
		if sign {
			return 1 + erx + p/q
		}
		return 1 - erx - p/q
	}
	if x >= 28 {
		if sign {
			return 2
		}
		return 0
	}
	s := 1 / float64(x*x)
	var r, q float64
	if x < 1/0.35 {
		r = polyLo(s, -9.86494403484714822705e-03, -6.93858572707181764372e-01,
			-1.05586262253232909814e+01, -6.23753324503260060396e+01, -1.62396669462573470355e+02,
			-1.84605092906711035994e+02, -8.12874355063065934246e+01, -9.81432934416914548592e+00)
		q = polyLo(s, 1, 1.96512716674392571292e+01, 1.37657754143519042600e+02,
			4.34565877475229228821e+02, 6.45387271733267880336e+02, 4.29008140027567833386e+02,
			1.08635005541779435134e+02, 6.57024977031928170135e+00, -6.04244152148580987438e-02)
	} else {
		if sign && x > 6 {
			return 2
		}
		r = polyLo(s, -9.86494292470009928597e-03, -7.99283237680523006574e-01,
			-1.77579549177547519889e+01, -1.60636384855821916062e+02, -6.37566443368389627722e+02,
			-1.02509513161107724954e+03, -4.83519191608651397019e+02)
		q = polyLo(s, 1, 3.03380607434824582924e+01, 3.25792512996573918826e+02,
			1.53672958608443695994e+03, 3.19985821950859553908e+03, 2.55305040643316442583e+03,
			4.74528541206955367215e+02, -2.24409524465858183362e+01)
	}
	// z: x with 20 significant bits, so that z*z is exact.
	z := math.Float64frombits(math.Float64bits(x) & 0xffffffff00000000)
	e := float64(detmath.Exp(float64(-z*z)-0.5625) * detmath.Exp(float64((z-x)*(z+x))+r/q))
	if sign {
		return 2 - e/x
	}
	return e / x
}
