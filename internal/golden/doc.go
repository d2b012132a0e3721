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
// Every file must match bit for bit. While a deliberate change of method in
// a scoring package is under way, -golden.strict=false only logs the
// differences in the files of the scoring packages (those of detmath,
// special and rng must always match); .ci/cross always runs strictly.
//
// The package has no API. It also checks that the parallel analyses give
// the same bits with GOMAXPROCS 1 and 5 (procs_test.go), that the scoring
// packages call no math function whose result depends on the architecture
// and import neither gonum's distuv nor mathext (scan_test.go), and it lists
// the products that the compiler may fuse (fusion_test.go: an error in the
// portable packages, a log line in the others).
package golden
