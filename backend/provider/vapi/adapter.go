// Package vapi is the provider.Adapter for Vapi (https://api.vapi.ai):
// API-key auth and call listing paged by walking createdAt down, since
// Vapi's GET /call has no cursor.
package vapi

import (
	"context"
	"net/http"
	"strings"

	"switchboard/backend/provider"
)

// DefaultBaseURL is Vapi's production API.
const DefaultBaseURL = "https://api.vapi.ai"

// Key length bounds. Vapi private keys look UUID-like (UNCONFIRMED); the
// bounds only catch obvious paste mistakes.
const (
	minKeyLen = 16
	maxKeyLen = 256
)

type adapter struct {
	base   string
	client *provider.Client
}

// New returns the Vapi adapter. Zero Options give production settings.
func New(opts provider.Options) provider.Adapter {
	return &adapter{
		base:   strings.TrimRight(provider.BaseURL(opts, DefaultBaseURL), "/"),
		client: provider.ClientOf(opts),
	}
}

// Info describes Vapi; its concurrency limit is entered by the admin.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:          "vapi",
		Name:        "Vapi",
		PortalURL:   "https://dashboard.vapi.ai",
		PortalHosts: []string{"dashboard.vapi.ai"},
	}
}

// Fields is the one secret API key (the private key, not the public one).
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{{
		Key:    "apiKey",
		Label:  "API key",
		Secret: true,
		Help:   "Your private API key from the Vapi dashboard (not the public key).",
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

// header returns the auth header for c, or KindUnauthorized without any
// network call when the key's format is wrong.
func header(c provider.Credentials) (http.Header, error) {
	if msg := keyProblem(c["apiKey"]); msg != "" {
		return nil, &provider.Error{Kind: provider.KindUnauthorized, Reason: msg}
	}
	return http.Header{"Authorization": {"Bearer " + strings.TrimSpace(c["apiKey"])}}, nil
}

// CheckKey calls GET /assistant?limit=1. Vapi has no "whoami" endpoint;
// that this cheap read answers 200 for a good private key and 401 for a bad
// one is inferred, not documented.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	h, err := header(c)
	if err != nil {
		return err
	}
	_, err = a.client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.base + "/assistant?limit=1", Header: h})
	return err
}

// Concurrency returns provider.ErrNotSupported: Vapi shows its limit only
// in POST /call answers (subscriptionLimits), in POST /analytics history
// and on the Org object, none of which is a cheap read of the current limit.
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
