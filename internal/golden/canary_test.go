package golden

import (
	"runtime"
	"testing"
)

// mulAdd is written the way the library must never write arithmetic: the
// compiler may fuse it into one FMA instruction.
//
//go:noinline
func mulAdd(x, y, z float64) float64 { return x*y + z }

// TestFusionCanary reports whether this build fuses x*y + z (0.1*10 - 1 is
// exactly 0 when the product is rounded first and 2**-54 when it is not),
// so that a passing run on an emulated target is known to have exercised
// fused arithmetic. It never fails; .ci/cross prints its log line.
func TestFusionCanary(t *testing.T) {
	fused := mulAdd(0.1, 10, -1) != 0
	t.Logf("fusion canary: GOARCH=%s fuses x*y+z: %v", runtime.GOARCH, fused)
}
