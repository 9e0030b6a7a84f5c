// Package backend holds Switchboard's domain: the services bound to the
// frontend, their data types, validation and errors. It never imports the
// Wails runtime; main.go and app.go wire it to the window.
package backend

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code is a stable, machine-readable error class. The frontend may branch on
// it; the message is for people.
type Code string

// The error codes.
const (
	CodeInvalid     Code = "invalid"
	CodeNotFound    Code = "not_found"
	CodeConflict    Code = "conflict"
	CodeForbidden   Code = "forbidden"
	CodeUnavailable Code = "unavailable"
	CodeInternal    Code = "internal"
	// CodeRefused: the provider refused the credentials online and nothing
	// was saved; the form offers to save them anyway.
	CodeRefused Code = "refused"
	// CodeKeychain: the OS keychain is unavailable or locked; the message says how to fix it.
	CodeKeychain Code = "keychain"
)

// Error is the one error type the backend returns across the boundary. Its
// message is safe to show; the wrapped cause is for logs only.
type Error struct {
	Code    Code              `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	cause   error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.cause)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the internal cause.
func (e *Error) Unwrap() error { return e.cause }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an invalid-input error for one field. The message names
// the rule that was broken, in words a person uses.
func FieldError(field, message string) *Error {
	return &Error{Code: CodeInvalid, Message: message, Fields: map[string]string{field: message}}
}

// Internal wraps an unexpected failure: the user sees a generic message, the
// log sees the cause.
func Internal(action string, cause error) *Error {
	var coded *Error
	if errors.As(cause, &coded) && coded.Code != CodeInternal {
		return coded // already says what went wrong (a read-only session, a field)
	}
	return &Error{Code: CodeInternal, Message: "Could not " + action + ". Please try again; if it keeps failing, run \"switchboard doctor\".", cause: cause}
}

// ErrorCode returns err's code, or CodeInternal when err is not an *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// Validation collects field errors; Err returns them as one *Error.
type Validation map[string]string

// Add records a broken rule for field; the first one per field wins.
func (v Validation) Add(field, message string) {
	if _, ok := v[field]; !ok {
		v[field] = message
	}
}

// Err returns nil when no rule was broken, else an invalid-input error whose
// message lists every field error.
func (v Validation) Err() error {
	if len(v) == 0 {
		return nil
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	msgs := make([]string, len(keys))
	for i, k := range keys {
		msgs[i] = v[k]
	}
	return &Error{Code: CodeInvalid, Message: strings.Join(msgs, " "), Fields: map[string]string(v)}
}

// Format turns any error into what the frontend receives: an *Error as it is,
// anything else as a generic internal error (its cause goes to log).
func Format(err error, log func(string, ...any)) *Error {
	var e *Error
	if errors.As(err, &e) {
		if e.cause != nil && log != nil {
			log("backend error: %v", e)
		}
		return e
	}
	if log != nil {
		log("unexpected backend error: %v", err)
	}
	return Internal("complete the request", err)
}
