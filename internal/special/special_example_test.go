package special_test

import (
	"fmt"

	"github.com/ppgpa/ppgpa/internal/special"
)

// A 95% confidence interval for a mean of 82.4 with standard error 1.3 on
// 24 degrees of freedom.
func ExampleTQuantile() {
	t := special.TQuantile(0.975, 24)
	fmt.Printf("t = %.4f, interval %.2f to %.2f\n", t, 82.4-t*1.3, 82.4+t*1.3)
	// Output: t = 2.0639, interval 79.72 to 85.08
}
