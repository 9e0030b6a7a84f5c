// Package bland is the provider.Adapter for Bland AI
// (https://api.bland.ai): raw API-key auth and index-paged call listing.
package bland

import (
	"context"
	"net/http"
	"strings"

	"switchboard/backend/provider"
)

// DefaultBaseURL is Bland's production API.
const DefaultBaseURL = "https://api.bland.ai"

// Key length bounds. Bland's key format is UNCONFIRMED (one sample shows
// "sk-…"); the bounds only catch obvious paste mistakes.
const (
	minKeyLen = 16
	maxKeyLen = 256
)

type adapter struct {
	base   string
	client *provider.Client
}

// New returns the Bland adapter. Zero Options give production settings.
func New(opts provider.Options) provider.Adapter {
	return &adapter{
		base:   strings.TrimRight(provider.BaseURL(opts, DefaultBaseURL), "/"),
		client: provider.ClientOf(opts),
	}
}

// Info describes Bland; its concurrency limit is entered by the admin.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:          "bland",
		Name:        "Bland",
		PortalURL:   "https://app.bland.ai",
		PortalHosts: []string{"app.bland.ai"},
	}
}

// Fields is the one secret API key.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{{
		Key:    "apiKey",
		Label:  "API key",
		Secret: true,
		Help:   "Your API key from the Bland dashboard.",
	}}
}

// Validate checks the API key's format: present, no whitespace inside,
// printable ASCII, 16–256 characters.
func (a *adapter) Validate(c provider.Credentials) error {
	if msg := keyProblem(c["apiKey"]); msg != "" {
		return provider.FieldErrors{"apiKey": msg}
	}
	return nil
}

func keyProblem(raw string) string {
	k := strings.TrimSpace(raw)
	switch {
	case k == "":
		return "API key is required."
	case strings.ContainsAny(k, " \t\r\n\v\f"):
		return "API key must not contain spaces or line breaks."
	case strings.ContainsFunc(k, func(r rune) bool { return r < 0x21 || r > 0x7e }):
		return "API key may contain only letters, digits and punctuation."
	case len(k) < minKeyLen || len(k) > maxKeyLen:
		return "API key must be 16 to 256 characters long."
	}
	return ""
}

// header returns the auth header for c: the raw key, no "Bearer", as
// Bland's docs say (a third-party spec's Bearer is not followed). It is
// KindUnauthorized, without any network call, when the key's format is
// wrong.
func header(c provider.Credentials) (http.Header, error) {
	if msg := keyProblem(c["apiKey"]); msg != "" {
		return nil, &provider.Error{Kind: provider.KindUnauthorized, Reason: msg}
	}
	return http.Header{"Authorization": {strings.TrimSpace(c["apiKey"])}}, nil
}

// CheckKey calls GET /v1/me.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	h, err := header(c)
	if err != nil {
		return err
	}
	_, err = a.client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.base + "/v1/me", Header: h})
	return err
}

// Concurrency returns provider.ErrNotSupported: Bland has no API that reads
// the plan's concurrency limit (GET /v1/calls/active [3P] could only count
// the calls in progress).
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
