// Package golden holds ppgpa's determinism suite: tests that compute, from
// the library, the exact bits of scores, weights, raked weights, estimates,
// intervals, uncertainty outputs and ranks on fixed models and data, and
// compare them with the hexadecimal floats stored in testdata/*.golden.
//
// # Overview
//
// The suite is what proves that a published ranking is the same on every CPU
// architecture: .ci/cross cross-compiles it (go test -c) for arm64, loong64,
// ppc64le, s390x and riscv64, runs each binary under qemu user-mode
// emulation, and runs it natively on amd64 with FMA detection disabled
// (GODEBUG=cpu.fma=off). Any difference in any bit fails.
//
// Each record is one line
//
//	name = 0x1.8p+01 (3)
//
// the value in strconv.FormatFloat(x, 'x', -1, 64) form followed by its
// shortest decimal for the reader. After a deliberate change of method,
// regenerate the files with
//
//	go test ./internal/golden -update
//
// and review the diff: a changed line is a changed published number.
//
// The package has no API; it also checks (scan_test.go) that the scoring
// packages call neither math.Exp, math.Log, math.Pow and their relatives
// nor gonum's distuv and mathext, whose results depend on the architecture.
package golden
