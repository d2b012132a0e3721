package rng

import "math/rand/v2"

// SplitMix64 returns the output of the SplitMix64 generator (Steele, Lea and
// Flood 2014) for the state x: a bijective 64-bit mixer.
func SplitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Stream returns a PCG source for replication i of an analysis seeded with
// seed. Distinct (seed, i) pairs give statistically independent streams.
func Stream(seed, i uint64) *rand.PCG {
	a := SplitMix64(seed ^ SplitMix64(i))
	b := SplitMix64(a ^ 0x6a09e667f3bcc909)
	return rand.NewPCG(a, b)
}

// New returns a *rand.Rand drawing from Stream(seed, i).
func New(seed, i uint64) *rand.Rand {
	return rand.New(Stream(seed, i))
}
