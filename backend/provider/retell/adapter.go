// Package retell is the provider.Adapter for Retell AI
// (https://api.retellai.com): API-key auth, cursor-paged call listing and
// the concurrency limit read from the API.
package retell

import (
	"context"
	"net/http"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// DefaultBaseURL is Retell's production API.
const DefaultBaseURL = "https://api.retellai.com"

// Key length bounds. Retell keys seen in public samples are "key_" plus
// hex ([3P]); the bounds only catch obvious paste mistakes.
const (
	minKeyLen = 16
	maxKeyLen = 256
)

type adapter struct {
	base   string
	client *provider.Client
	now    func() time.Time
}

// New returns the Retell adapter. Zero Options give production settings.
func New(opts provider.Options) provider.Adapter {
	return &adapter{
		base:   strings.TrimRight(provider.BaseURL(opts, DefaultBaseURL), "/"),
		client: provider.ClientOf(opts),
		now:    time.Now,
	}
}

// Info describes Retell AI; its concurrency limit is read from the API.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:                 "retell",
		Name:               "Retell AI",
		PortalURL:          "https://dashboard.retellai.com",
		PortalHosts:        []string{"dashboard.retellai.com"},
		ConcurrencyFromAPI: true,
	}
}

// Fields is the one secret API key.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{{
		Key:         "apiKey",
		Label:       "API key",
		Secret:      true,
		Placeholder: "key_…",
		Help:        "From the API Keys tab of the Retell dashboard.",
	}}
}

// Validate checks the API key's format: present, no whitespace inside,
// printable ASCII, 16–256 characters. A "key_" prefix is usual but not
// required.
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

// CheckKey calls GET /get-concurrency, Retell's cheapest authenticated read.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	h, err := header(c)
	if err != nil {
		return err
	}
	_, err = a.client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.base + "/get-concurrency", Header: h})
	return err
}

// Concurrency reads GET /get-concurrency: the limit (base + purchased), the
// slots reserved for inbound calls and the calls in progress.
func (a *adapter) Concurrency(ctx context.Context, c provider.Credentials) (provider.Concurrency, error) {
	h, err := header(c)
	if err != nil {
		return provider.Concurrency{}, err
	}
	var out struct {
		Limit    *int `json:"concurrency_limit"`
		Reserved int  `json:"reserved_inbound_concurrency"`
		Current  int  `json:"current_concurrency"`
	}
	req := provider.Request{Method: http.MethodGet, URL: a.base + "/get-concurrency", Header: h}
	if err := a.client.JSON(ctx, req, &out); err != nil {
		return provider.Concurrency{}, err
	}
	if out.Limit == nil {
		return provider.Concurrency{}, provider.Malformed("get-concurrency: no concurrency_limit")
	}
	return provider.Concurrency{Limit: *out.Limit, InboundReserved: out.Reserved, Current: out.Current}, nil
}
