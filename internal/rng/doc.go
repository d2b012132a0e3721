// Package rng derives independent, reproducible random streams from a seed,
// and draws normal, gamma and Dirichlet deviates from them bit for bit the
// same on every architecture.
//
// # Overview
//
// [Stream] returns the source for replication i of an analysis seeded with
// seed, and [New] wraps it in a *rand.Rand. [Normal], [Gamma] and
// [Dirichlet] draw deviates from such a *rand.Rand; [SplitMix64] is the
// mixer that derives the streams' seeds.
//
// # Streams
//
// The generator is math/rand/v2's PCG: a 128-bit linear congruential
// generator with the DXSM output function (O'Neill [1]), whose algorithm
// is specified, so that a seed gives the same sequence on every platform
// and Go release. Its two 64-bit seed words for replication i of seed s are
//
//	a = SplitMix64(s XOR SplitMix64(i))
//	b = SplitMix64(a XOR 0x6a09e667f3bcc909)
//
// (SplitMix64 is the finaliser of Steele, Lea and Flood [2], a bijection of
// 64-bit words with strong avalanche, so nearby seeds and indices give
// unrelated states; the constant, the leading bits of the fractional part
// of sqrt(2) (SHA-512's first initial hash word 0x6a09e667f3bcc908 plus
// one), only makes b differ from a).
//
// Results do not depend on scheduling because a replication draws only
// from its own stream: replication i sees the same numbers whichever
// goroutine runs it, in whichever order, however the replications are
// split among workers and whatever GOMAXPROCS is. A caller stores each
// replication's result at its index and combines the results in index
// order, so that sums over replications are the same too. A caller that needs several
// independent streams within one replication (one per unit, say) derives
// them the same way from a key of its own.
//
// # Deviates
//
// [Normal] uses Marsaglia's polar method [3]: draw u, v uniform on (-1, 1)
// until s = u^2 + v^2 lies in (0, 1), and return u sqrt(-2 log(s) / s).
// It calls only detmath.Log and math.Sqrt (correctly rounded by IEEE 754),
// never math.Log or math.Exp, whose results differ between architectures;
// rand.NormFloat64 is not used because its ziggurat tails call them.
//
// [Gamma] uses the method of Marsaglia and Tsang [4] for shape >= 1, with
// a normal deviate from Normal, and their boost for shape < 1:
// Gamma(shape) = Gamma(shape + 1) U^(1/shape), with U uniform on (0, 1)
// and the power from detmath.Pow. [Dirichlet] normalises independent
// gamma deviates, summed in index order.
//
// Every product that feeds a sum is rounded explicitly (float64(x*y) + z),
// so that no architecture fuses it into one FMA instruction.
//
// The functions panic on a nil *rand.Rand and on invalid parameters, as
// documented on each. They are safe for concurrent use on distinct
// *rand.Rand values; a *rand.Rand itself is not safe for concurrent use.
//
// # References
//
// [1] M. E. O'Neill (2014), PCG: A family of simple fast space-efficient
// statistically good algorithms for random number generation, Harvey Mudd
// College technical report HMC-CS-2014-0905 (the DXSM output function is
// from the PCG reference implementation, 2019).
//
// [2] G. L. Steele, D. Lea and C. H. Flood (2014), Fast splittable
// pseudorandom number generators, OOPSLA 2014, 453-472.
//
// [3] G. Marsaglia and T. A. Bray (1964), A convenient method for
// generating normal variables, SIAM Review 6(3), 260-264.
//
// [4] G. Marsaglia and W. W. Tsang (2000), A simple method for generating
// gamma variables, ACM Transactions on Mathematical Software 26(3),
// 363-372.
package rng
