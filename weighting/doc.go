// Package weighting assigns weights to the children of a group of an
// indicator tree.
//
// # Overview
//
// A [Scheme] turns what is known about a group ([Input]: its children's ids,
// their declared weights and, for data-driven schemes, their normalised
// scores) into weights that are non-negative and sum to 1. [Equal] and
// [Fixed] need nothing else. A [Spec] is the serialisable form of a scheme
// used by the JSON model format.
//
// # Conventions
//
// Data matrices have one row per unit (department, city, district) and one
// column per indicator, as in gonum. A nil weights slice means equal
// weights. Errors from data (negative or NaN weights, inconsistent
// judgments, a constant column) are returned, never panicked; panics are
// reserved for programmer errors such as mismatched lengths and are
// documented on each function. Inputs are never modified.
//
// All functions are safe for concurrent use.
package weighting
