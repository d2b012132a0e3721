//go:build !race

package detmath

const raceEnabled = false
