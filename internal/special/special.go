// Package special provides the distribution functions that ppgpa's
// intervals and tests need (normal, Student t, beta, chi-square), behind one
// small API so that every package computes them the same way.
package special

import (
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// NormalCDF returns P(Z <= x) for a standard normal Z.
func NormalCDF(x float64) float64 { return distuv.UnitNormal.CDF(x) }

// NormalQuantile returns the p-quantile of the standard normal distribution.
func NormalQuantile(p float64) float64 { return distuv.UnitNormal.Quantile(p) }

// TCDF returns P(T <= x) for Student's t with df degrees of freedom (df > 0).
func TCDF(x, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.CDF(x)
}

// TQuantile returns the p-quantile of Student's t with df degrees of freedom
// (df > 0).
func TQuantile(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// BetaQuantile returns the p-quantile of the Beta(a, b) distribution.
func BetaQuantile(p, a, b float64) float64 {
	return distuv.Beta{Alpha: a, Beta: b}.Quantile(p)
}

// RegIncBeta returns the regularized incomplete beta function I_x(a, b).
func RegIncBeta(a, b, x float64) float64 { return mathext.RegIncBeta(a, b, x) }

// ChiSquareCDF returns P(X <= x) for a chi-square X with k degrees of freedom.
func ChiSquareCDF(x, k float64) float64 { return distuv.ChiSquared{K: k}.CDF(x) }

// ChiSquareQuantile returns the p-quantile of the chi-square distribution with
// k degrees of freedom.
func ChiSquareQuantile(p, k float64) float64 { return distuv.ChiSquared{K: k}.Quantile(p) }

// LogGamma returns log|Gamma(x)|.
func LogGamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}
