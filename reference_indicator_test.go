package ppgpa_test

// indicatorReferenceHandlers returns the handlers of the reference kinds that
// package indicator implements.
func indicatorReferenceHandlers() map[string]refHandler {
	return map[string]refHandler{}
}
