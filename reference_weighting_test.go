package ppgpa_test

// weightingReferenceHandlers returns the handlers of the reference kinds that
// package weighting implements.
func weightingReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{}
}
