// Package fake holds local stand-ins for the voice providers' HTTP APIs:
// real http.Handlers, served with httptest in Go tests and by the
// end-to-end test harness, that reproduce each provider's documented
// requests and responses (auth, pagination, time filters) and can inject
// failures (429, 5xx, slow answers, malformed JSON). What every fake
// shares (the request log and the failure switches) is in faults.go; every
// other top-level name carries its provider's prefix, so each provider's
// fake stays in its own file.
package fake
