// Package retell is the provider.Adapter for Retell AI
// (https://api.retellai.com): API-key auth, cursor-paged call listing and
// the concurrency limit read from the API.
package retell

import (
	"context"
	"net/http"
	"time"

	"switchboard/backend/provider"
)

// DefaultBaseURL is Retell's production API.
const DefaultBaseURL = "https://api.retellai.com"

// Reads is Info.Reads: what a Retell connection reads.
const Reads = "Reads phone and web calls from Retell's call list (POST /v3/list-calls), with their cost, and the voice agents with their Retell LLM prompts. " +
	"A call appears once it has started; agents on a custom LLM or a conversation flow have no prompt to read."

// KeyHelp is Info.KeyHelp: where the right credentials are found.
const KeyHelp = "Copy the API key from the API Keys tab of the Retell dashboard (dashboard.retellai.com)."

type adapter struct {
	api provider.KeyAPI
	now func() time.Time
}

// New returns the Retell adapter. Zero Options give production settings.
func New(opts provider.Options) provider.Adapter {
	return &adapter{api: provider.NewKeyAPI(opts, DefaultBaseURL, "Bearer "), now: time.Now}
}

// Info describes Retell AI; its concurrency limit is read from the API.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:                 "retell",
		Name:               "Retell AI",
		PortalURL:          "https://dashboard.retellai.com",
		PortalHosts:        []string{"dashboard.retellai.com"},
		ConcurrencyFromAPI: true,
		Reads:              Reads,
		KeyHelp:            KeyHelp,
	}
}

// Fields is the one secret API key.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{provider.APIKeyField("key_…", "From the API Keys tab of the Retell dashboard.")}
}

// Validate checks the API key's format (see provider.APIKeyProblem).
// Retell keys seen in public samples are "key_" plus hex ([3P]); the
// prefix is usual but not required.
func (a *adapter) Validate(c provider.Credentials) error {
	return provider.ValidateAPIKey(c)
}

// CheckKey calls GET /get-concurrency, Retell's cheapest authenticated read.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	_, err := a.api.Get(ctx, c, "/get-concurrency")
	return err
}

// Concurrency reads GET /get-concurrency: the limit (base + purchased), the
// slots reserved for inbound calls and the calls in progress.
func (a *adapter) Concurrency(ctx context.Context, c provider.Credentials) (provider.Concurrency, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return provider.Concurrency{}, err
	}
	var out struct {
		Limit    *int `json:"concurrency_limit"`
		Reserved int  `json:"reserved_inbound_concurrency"`
		Current  int  `json:"current_concurrency"`
	}
	req := provider.Request{Method: http.MethodGet, URL: a.api.Base + "/get-concurrency", Header: h}
	if err := a.api.Client.JSON(ctx, req, &out); err != nil {
		return provider.Concurrency{}, err
	}
	if out.Limit == nil {
		return provider.Concurrency{}, provider.Malformed("get-concurrency: no concurrency_limit")
	}
	return provider.Concurrency{Limit: *out.Limit, InboundReserved: out.Reserved, Current: out.Current}, nil
}
