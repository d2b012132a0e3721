package ppgpa_test

// rankingReferenceHandlers returns the handlers of the reference kinds that
// package ranking implements.
func rankingReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{}
}
