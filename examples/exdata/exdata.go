// Package exdata gives the example programs what they need to generate
// their synthetic data the same way on every CPU: seeded random streams,
// standard normal draws and quantiles, and an exponential and logarithm
// that round the same everywhere. It exposes, for programs outside this
// module (an example copied into a project of its own), the portable
// functions that ppgpa uses internally.
//
// # Overview
//
// [New] returns the random stream i of a seed; [Normal] draws a standard
// normal variate from it; [NormalQuantile] is the inverse of the standard
// normal distribution function; [Exp] and [Log] are math.Exp and math.Log
// with results that do not depend on the CPU.
//
// All functions are safe for concurrent use (a *rand.Rand is not: use one
// per goroutine).
package exdata

import (
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/internal/special"
)

// New returns a *rand.Rand drawing from stream i of seed (a PCG seeded
// from the seed and the stream number through SplitMix64). The same seed
// and i give the same numbers on every CPU.
func New(seed, i uint64) *rand.Rand { return rng.New(seed, i) }

// Normal returns a standard normal variate drawn from r, the same bits on
// every CPU.
func Normal(r *rand.Rand) float64 { return rng.Normal(r) }

// NormalQuantile returns the p-quantile of the standard normal
// distribution (Wichura's AS 241, relative accuracy about 1e-16);
// NormalQuantile(0) = -Inf, NormalQuantile(1) = +Inf, NaN outside [0, 1].
func NormalQuantile(p float64) float64 { return special.NormalQuantile(p) }

// Exp returns e**x, correctly rounded to within 1 ulp and the same bits on
// every CPU; special cases as math.Exp.
func Exp(x float64) float64 { return detmath.Exp(x) }

// Log returns the natural logarithm of x, within 1 ulp and the same bits
// on every CPU; special cases as math.Log.
func Log(x float64) float64 { return detmath.Log(x) }
