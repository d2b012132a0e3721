package ppgpa_test

// surveyReferenceHandlers returns the handlers of the reference kinds that
// package survey implements.
func surveyReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{}
}
