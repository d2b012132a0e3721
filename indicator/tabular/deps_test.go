package tabular

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreStaysLight checks that the core packages compile neither the
// spreadsheet nor the encoding dependencies of this package: a program
// that scores JSON must not pay for them.
func TestCoreStaysLight(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	out, err := exec.Command("go", "list", "-deps",
		"github.com/ppgpa/ppgpa/indicator", "github.com/ppgpa/ppgpa/survey",
		"github.com/ppgpa/ppgpa/weighting", "github.com/ppgpa/ppgpa/ranking").CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.Contains(p, "excelize") || strings.Contains(p, "klauspost") || strings.HasPrefix(p, "golang.org/x/text") || strings.Contains(p, "indicator/tabular") {
			t.Errorf("a core package depends on %s", p)
		}
	}
	if !strings.Contains(string(out), "github.com/ppgpa/ppgpa/indicator\n") {
		t.Errorf("go list output lacks the indicator package:\n%s", out)
	}
}
