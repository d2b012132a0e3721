//go:build race

package detmath

// raceEnabled reduces the number of high-precision reference evaluations
// under the race detector, which slows math/big by an order of magnitude.
const raceEnabled = true
