package provider

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Kind classifies a provider failure by what the caller should do about it.
type Kind string

// The kinds.
const (
	// KindUnauthorized: 401/403; the credentials are wrong or revoked.
	KindUnauthorized Kind = "unauthorized"
	// KindRateLimited: 429 after retries; RetryAfter says when to come back.
	KindRateLimited Kind = "rate_limited"
	// KindUnavailable: 5xx after retries.
	KindUnavailable Kind = "unavailable"
	// KindUnreachable: no answer (offline, DNS, time-out) after retries.
	KindUnreachable Kind = "unreachable"
	// KindMalformed: an answer that does not parse as the documented shape.
	KindMalformed Kind = "malformed"
	// KindRejected: another 4xx: the request itself was refused.
	KindRejected Kind = "rejected"
)

// ErrPageRepeated is wrapped by the error of an adapter whose own cursor
// shows that the provider answered a next page with the page before it
// again: the sync stops as a pagination loop.
var ErrPageRepeated = errors.New("the provider answered a next page with the page before it again")

// Error is a failed call to a provider. Reason is the provider's own words
// when it gave any, short, with the request's secrets and anything
// key-shaped redacted (see Redact); an HTML error page is named, not quoted.
type Error struct {
	Kind       Kind
	Status     int
	RetryAfter time.Duration
	Reason     string
	Err        error
}

// Error is for logs: the kind, the status, Reason and the wrapped error,
// with anything key-shaped redacted (the secrets themselves were removed
// when the error was made).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Kind))
	if e.Status != 0 {
		fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	}
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return Redact(b.String())
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// redact removes secrets from what e keeps of the provider's words: Reason
// (then clipped), and the message of Err, which stays unwrappable.
func (e *Error) redact(secrets []string) {
	e.Reason = clip(Redact(e.Reason, secrets...))
	if e.Err != nil {
		if msg := e.Err.Error(); Redact(msg, secrets...) != msg {
			e.Err = &redactedError{msg: Redact(msg, secrets...), err: e.Err}
		}
	}
}

// redactedError is an error whose message had a secret removed.
type redactedError struct {
	msg string
	err error
}

func (r *redactedError) Error() string { return r.msg }
func (r *redactedError) Unwrap() error { return r.err }

// KindOf returns err's Kind, or "" when err is not a provider *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// Malformed returns a KindMalformed error.
func Malformed(format string, args ...any) *Error {
	return &Error{Kind: KindMalformed, Err: fmt.Errorf(format, args...)}
}

// InvalidCredentials is the error of an adapter method called with
// credentials that fail Validate: KindUnauthorized wrapping err (the
// FieldErrors), returned without any request, since they cannot be right.
func InvalidCredentials(err error) *Error {
	return &Error{Kind: KindUnauthorized, Err: err}
}

// ErrNotSupported is returned by Concurrency when the provider's API does
// not expose a limit.
var ErrNotSupported = errors.New("not supported by this provider's API")

// FieldErrors are credential format problems by Field.Key.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	msgs := make([]string, len(keys))
	for i, k := range keys {
		msgs[i] = f[k]
	}
	return strings.Join(msgs, " ")
}

// Err returns nil when f is empty.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return f
}
