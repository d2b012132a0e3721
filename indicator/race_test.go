//go:build race

package indicator_test

const raceEnabled = true
