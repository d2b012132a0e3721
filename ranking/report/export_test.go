package report

// Measure exports measure to the tests.
var Measure = measure
