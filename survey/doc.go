// Package survey turns residents' questionnaire answers into per-unit
// satisfaction values with design-based standard errors, following the
// conventions of R's survey package (Lumley).
package survey
