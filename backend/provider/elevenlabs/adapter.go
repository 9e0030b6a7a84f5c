// Package elevenlabs is the provider.Adapter for ElevenLabs' ElevenAgents
// (https://api.elevenlabs.io): an API key sent as the xi-api-key header,
// conversations listed by cursor and completed from each one's details, and
// the agents with their system prompts.
package elevenlabs

import (
	"context"
	"net/http"
	"strings"

	"switchboard/backend/provider"
)

// DefaultBaseURL is ElevenLabs' production API. (The SDKs also name
// data-residency hosts, such as api.eu.residency.elevenlabs.io, which this
// adapter does not reach.)
const DefaultBaseURL = "https://api.elevenlabs.io"

// keyHeader is the header ElevenLabs reads the API key from.
const keyHeader = "xi-api-key"

// KeyHelp is Info.KeyHelp: where the right credentials are found.
const KeyHelp = "Copy an API key from Developers → API keys in ElevenLabs (elevenlabs.io/app/settings/api-keys); a restricted key needs read access to ElevenAgents."

type adapter struct {
	api provider.API
}

// New returns the ElevenLabs adapter. Zero Options give production settings.
func New(opts provider.Options) provider.Adapter {
	return &adapter{api: provider.NewAPI(opts, DefaultBaseURL)}
}

// Info describes ElevenLabs; the concurrency limit is entered by the admin.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:          "elevenlabs",
		Name:        "ElevenLabs",
		PortalURL:   "https://elevenlabs.io/app/agents",
		PortalHosts: []string{"elevenlabs.io"},
		KeyHelp:     KeyHelp,
		Reads: "Reads ElevenAgents conversations, and each one's details for its phone numbers and cost. " +
			"Cost is in USD where ElevenLabs reports it in money; a cost in credits only is not shown.",
	}
}

// Fields is the one secret API key.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{provider.APIKeyField("sk_…",
		"From Developers → API keys in ElevenLabs (elevenlabs.io/app/settings/api-keys). A restricted key needs read access to ElevenAgents.")}
}

// Validate checks the API key's format (see provider.APIKeyProblem).
// Keys seen in public code are "sk_" and 48 hex digits ([3P]); the format
// is not documented, so neither is required.
func (a *adapter) Validate(c provider.Credentials) error {
	return provider.ValidateAPIKey(c)
}

// header is the xi-api-key header for c. When the key's format is wrong it
// returns KindUnauthorized, with APIKeyProblem's words as Reason, and no
// request should be made.
func header(c provider.Credentials) (http.Header, error) {
	if msg := provider.APIKeyProblem(c[provider.APIKeyFieldKey]); msg != "" {
		return nil, &provider.Error{Kind: provider.KindUnauthorized, Reason: msg}
	}
	h := http.Header{}
	h.Set(keyHeader, strings.TrimSpace(c[provider.APIKeyFieldKey]))
	return h, nil
}

// get performs GET Base+path (path may carry a query) with c's key and
// returns the body of the 2xx answer.
func (a *adapter) get(ctx context.Context, c provider.Credentials, path string) ([]byte, error) {
	h, err := header(c)
	if err != nil {
		return nil, err
	}
	return a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + path, Header: h})
}

// CheckKey lists one agent: GET /v1/convai/agents?page_size=1. ElevenLabs
// keys can be restricted to some endpoints, so GET /v1/user (which needs
// the user-read permission) could refuse a key that reads agents and
// conversations well; the agent list asks for what the sync needs.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	_, err := a.get(ctx, c, "/v1/convai/agents?page_size=1")
	return err
}

// Concurrency returns provider.ErrNotSupported: the API documents no
// readable workspace limit, only each agent's own cap
// (platform_settings.call_limits.agent_concurrency_limit) and a live count
// of conversations.
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
