package fake

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Request is one request a fake saw.
type Request struct {
	Method        string
	Path          string
	Query         url.Values
	Body          string
	Authorization string // the raw Authorization header, "" when absent
	APIKey        string // the raw xi-api-key header (ElevenLabs), "" when absent
}

// faults records requests and injects failures. Every fake server embeds
// it, so its exported methods are theirs. Faults apply in this order: slow,
// 429, 5xx, then (after the auth check) malformed JSON.
type faults struct {
	mu         sync.Mutex
	requests   []Request
	rateLimitN int
	retryAfter string
	failN      int
	failStatus int
	slowN      int
	slowFor    time.Duration
	malformedN int
}

// RateLimitNext answers the next k requests with 429 and the given
// Retry-After header value ("" for none).
func (f *faults) RateLimitNext(k int, retryAfter string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rateLimitN, f.retryAfter = k, retryAfter
}

// FailNext answers the next k requests with status (a 5xx).
func (f *faults) FailNext(k, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failN, f.failStatus = k, status
}

// SlowNext makes the next k requests (k < 0: all) hang until the client
// gives up (its context is cancelled) or d passes (d <= 0: no limit), then
// answer normally.
func (f *faults) SlowNext(k int, d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slowN, f.slowFor = k, d
}

// MalformedNext answers the next k authorised requests with 200 and a body
// that is not valid JSON.
func (f *faults) MalformedNext(k int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.malformedN = k
}

// Requests returns a copy of the requests seen so far, in order.
func (f *faults) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// ResetRequests forgets the requests seen so far.
func (f *faults) ResetRequests() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = nil
}

// dialect is how a provider's API words what intercept serves.
type dialect struct {
	// writeError writes the provider's error body for status: 401, 429 or
	// a 5xx.
	writeError func(w http.ResponseWriter, status int)
	// truncated is a malformed answer: the start of a page, cut short.
	truncated string
}

// intercept records r and serves any injected fault, or the 401 when r is
// not authorised, in d's words. It returns r's body and whether r was
// answered already.
func (f *faults) intercept(w http.ResponseWriter, r *http.Request, authorized bool, d dialect) ([]byte, bool) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	f.mu.Lock()
	f.requests = append(f.requests, Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: string(body),
		Authorization: r.Header.Get("Authorization"),
		APIKey:        r.Header.Get("xi-api-key"),
	})
	slow, slowFor := f.slowN != 0, f.slowFor
	if f.slowN > 0 {
		f.slowN--
	}
	f.mu.Unlock()

	if slow {
		var timeout <-chan time.Time
		if slowFor > 0 {
			t := time.NewTimer(slowFor)
			defer t.Stop()
			timeout = t.C
		}
		select {
		case <-r.Context().Done():
			return nil, true
		case <-timeout:
		}
	}

	f.mu.Lock()
	var status int
	var retryAfter string
	switch {
	case f.rateLimitN > 0:
		f.rateLimitN--
		status, retryAfter = http.StatusTooManyRequests, f.retryAfter
	case f.failN > 0:
		f.failN--
		status = f.failStatus
	}
	malformed := false
	if status == 0 && authorized && f.malformedN > 0 {
		f.malformedN--
		malformed = true
	}
	f.mu.Unlock()

	switch {
	case status == http.StatusTooManyRequests:
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		d.writeError(w, status)
	case status != 0:
		d.writeError(w, status)
	case !authorized:
		d.writeError(w, http.StatusUnauthorized)
	case malformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, d.truncated)
	default:
		return body, false
	}
	return nil, true
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// messageDialect is the dialect of the Retell, Vapi and Bland fakes: the
// 401 answers unauthorized, other failures {"message": …}; a malformed
// answer is the start of a Retell page.
func messageDialect(unauthorized any) dialect {
	return dialect{
		writeError: func(w http.ResponseWriter, status int) {
			switch status {
			case http.StatusUnauthorized:
				writeJSON(w, status, unauthorized)
			case http.StatusTooManyRequests:
				writeJSON(w, status, map[string]any{"message": "Too many requests"})
			default:
				writeJSON(w, status, map[string]any{"message": http.StatusText(status)})
			}
		},
		truncated: `{"items": [{"call_id": "x", `,
	}
}
