package provider

import (
	"context"
	"net/http"
	"strings"
)

// APIKeyFieldKey is the Field.Key of a provider's API key.
const APIKeyFieldKey = "apiKey"

// API key length bounds. Key formats are mostly undocumented; the bounds
// only catch obvious paste mistakes.
const (
	minKeyLen = 16
	maxKeyLen = 256
)

// APIKeyField is the one secret API-key field of a provider that takes a
// single key, with the provider's placeholder and help text.
func APIKeyField(placeholder, help string) Field {
	return Field{Key: APIKeyFieldKey, Label: "API key", Secret: true, Placeholder: placeholder, Help: help}
}

// APIKeyProblem says what is wrong with an API key, or "" when its format
// is fine: present once surrounding whitespace is trimmed, no whitespace
// inside, printable ASCII, 16–256 characters.
func APIKeyProblem(raw string) string {
	k := strings.TrimSpace(raw)
	switch {
	case k == "":
		return "API key is required."
	case strings.ContainsAny(k, " \t\r\n\v\f"):
		return "API key must not contain spaces or line breaks."
	case !Printable(k):
		return "API key may contain only letters, digits and punctuation."
	case len(k) < minKeyLen || len(k) > maxKeyLen:
		return "API key must be 16 to 256 characters long."
	}
	return ""
}

// ValidateAPIKey returns FieldErrors naming the API-key field when
// APIKeyProblem finds one, else nil.
func ValidateAPIKey(c Credentials) error {
	if msg := APIKeyProblem(c[APIKeyFieldKey]); msg != "" {
		return FieldErrors{APIKeyFieldKey: msg}
	}
	return nil
}

// Printable reports whether s is visible ASCII only (no spaces or control
// characters).
func Printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// KeyAPI is a provider API that takes one API key, trimmed, in the
// Authorization header after Scheme: "Bearer ", or "" for the raw key.
type KeyAPI struct {
	API
	Scheme string
}

// NewKeyAPI returns the KeyAPI at opts.BaseURL (a test's fake) or def,
// sending the key after scheme, through opts.Client or a production client.
func NewKeyAPI(opts Options, def, scheme string) KeyAPI {
	return KeyAPI{API: NewAPI(opts, def), Scheme: scheme}
}

// Header returns the Authorization header for c's API key. When the key's
// format is wrong it returns KindUnauthorized, with APIKeyProblem's words
// as Reason, and no request should be made.
func (k KeyAPI) Header(c Credentials) (http.Header, error) {
	if msg := APIKeyProblem(c[APIKeyFieldKey]); msg != "" {
		return nil, &Error{Kind: KindUnauthorized, Reason: msg}
	}
	return http.Header{"Authorization": {k.Scheme + strings.TrimSpace(c[APIKeyFieldKey])}}, nil
}

// Get performs GET Base+path (path may carry a query) with c's key and
// returns the body of the 2xx answer; errors are as Header's and
// Client.Do's.
func (k KeyAPI) Get(ctx context.Context, c Credentials, path string) ([]byte, error) {
	h, err := k.Header(c)
	if err != nil {
		return nil, err
	}
	return k.Client.Do(ctx, Request{Method: http.MethodGet, URL: k.Base + path, Header: h})
}
