// Package bland is the provider.Adapter for Bland AI
// (https://api.bland.ai): raw API-key auth, index-paged call listing with
// each call's details, and the inbound numbers as agents.
package bland

import (
	"context"

	"switchboard/backend/provider"
)

// DefaultBaseURL is Bland's production API.
const DefaultBaseURL = "https://api.bland.ai"

// Reads is Info.Reads: which sources of calls a connection reads.
const Reads = "Reads the call list and each call's details (direction, cost, status). " +
	"Bland does not say which agent handled a call: calls are matched to agents by their number."

// KeyHelp is Info.KeyHelp: where the right credentials are found.
const KeyHelp = "Copy the API key from the API key section of the Bland dashboard's settings (app.bland.ai)."

type adapter struct {
	api provider.KeyAPI
}

// New returns the Bland adapter. Zero Options give production settings.
// The key goes in the Authorization header raw, without "Bearer", as
// Bland's docs say (a third-party spec's Bearer is not followed).
func New(opts provider.Options) provider.Adapter {
	return &adapter{api: provider.NewKeyAPI(opts, DefaultBaseURL, "")}
}

// Info describes Bland; its concurrency limit is entered by the admin.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:          "bland",
		Name:        "Bland",
		PortalURL:   "https://app.bland.ai",
		PortalHosts: []string{"app.bland.ai"},
		Reads:       Reads,
		KeyHelp:     KeyHelp,
	}
}

// Fields is the one secret API key.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{provider.APIKeyField("", "Your API key from the Bland dashboard.")}
}

// Validate checks the API key's format (see provider.APIKeyProblem).
// Bland's key format is UNCONFIRMED (one sample shows "sk-…").
func (a *adapter) Validate(c provider.Credentials) error {
	return provider.ValidateAPIKey(c)
}

// CheckKey calls GET /v1/me.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	_, err := a.api.Get(ctx, c, "/v1/me")
	return err
}

// Concurrency returns provider.ErrNotSupported: Bland has no API that reads
// the plan's concurrency limit (GET /v1/calls/active [3P] could only count
// the calls in progress).
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
