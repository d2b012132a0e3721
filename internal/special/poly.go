package special

// polyHi evaluates c[0]*z**(n-1) + c[1]*z**(n-2) + ... + c[n-1] by Horner's
// rule with every product rounded, so that it cannot be fused.
func polyHi(z float64, c ...float64) float64 {
	p := c[0]
	for _, ci := range c[1:] {
		p = float64(p*z) + ci
	}
	return p
}

// polyLo evaluates c[0] + c[1]*z + ... + c[n-1]*z**(n-1) by Horner's rule
// with every product rounded.
func polyLo(z float64, c ...float64) float64 {
	n := len(c)
	p := c[n-1]
	for i := n - 2; i >= 0; i-- {
		p = float64(p*z) + c[i]
	}
	return p
}
