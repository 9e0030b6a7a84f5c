// Package vapi is the provider.Adapter for Vapi (https://api.vapi.ai):
// API-key auth and call listing paged by walking createdAt down, since
// Vapi's GET /call has no cursor.
package vapi

import (
	"context"

	"switchboard/backend/provider"
)

// DefaultBaseURL is Vapi's production API.
const DefaultBaseURL = "https://api.vapi.ai"

// Reads is Info.Reads: what a Vapi connection reads.
const Reads = "Reads phone, web and websocket calls from Vapi's call list (GET /call), with their cost, and the assistants with their system prompts and the phone numbers. " +
	"Vapi does not make its concurrency limit available to read."

// KeyHelp is Info.KeyHelp: where the right credentials are found.
const KeyHelp = "Copy the private API key (not the public one) from the API Keys page of the Vapi dashboard (dashboard.vapi.ai)."

type adapter struct {
	api     provider.KeyAPI
	numbers numberCache
}

// New returns the Vapi adapter. Zero Options give production settings.
func New(opts provider.Options) provider.Adapter {
	return &adapter{api: provider.NewKeyAPI(opts, DefaultBaseURL, "Bearer "), numbers: numberCache{m: map[string]string{}}}
}

// Info describes Vapi; its concurrency limit is entered by the admin.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:          "vapi",
		Name:        "Vapi",
		PortalURL:   "https://dashboard.vapi.ai",
		PortalHosts: []string{"dashboard.vapi.ai"},
		Reads:       Reads,
		KeyHelp:     KeyHelp,
	}
}

// Fields is the one secret API key (the private key, not the public one).
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{provider.APIKeyField("", "Your private API key from the Vapi dashboard (not the public key).")}
}

// Validate checks the API key's format (see provider.APIKeyProblem). Vapi
// private keys look UUID-like (UNCONFIRMED).
func (a *adapter) Validate(c provider.Credentials) error {
	return provider.ValidateAPIKey(c)
}

// CheckKey calls GET /assistant?limit=1. Vapi has no "whoami" endpoint;
// that this cheap read answers 200 for a good private key and 401 for a bad
// one is inferred, not documented.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	_, err := a.api.Get(ctx, c, "/assistant?limit=1")
	return err
}

// Concurrency returns provider.ErrNotSupported: Vapi shows its limit only
// in POST /call answers (subscriptionLimits), in POST /analytics history
// and on the Org object, none of which is a cheap read of the current limit.
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
