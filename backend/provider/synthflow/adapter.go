// Package synthflow is the provider.Adapter for Synthflow
// (https://api.synthflow.ai/v2 and its regional clusters): API-key auth and
// call listing walked agent by agent, since Synthflow lists calls per agent
// (GET /v2/calls requires model_id) and pages them by offset.
//
// Sources: the official OpenAPI description served at
// https://docs.synthflow.ai/openapi.yml (read through a copy,
// api-evangelist/synthflow openapi/_original/synthflow-openapi.json), the
// reference pages under https://docs.synthflow.ai/api-reference/platform-api/
// and Synthflow's own skills repository (SynthFlowAI/synthflow-skills).
package synthflow

import (
	"context"
	"net/http"

	"switchboard/backend/provider"
)

// adapter is the Synthflow adapter. base is a test's fake, or "" for the
// host of the credentials' region.
// KeyHelp is Info.KeyHelp: where the right credentials are found.
const KeyHelp = "Copy the API key from Admin → Workspace Settings → API Keys in Synthflow (app.synthflow.ai), in the workspace's region."

type adapter struct {
	base   string
	client *provider.Client
}

// New returns the Synthflow adapter. Zero Options give production settings;
// a BaseURL (a test's fake) replaces the regional host whatever the region.
func New(opts provider.Options) provider.Adapter {
	base := ""
	if opts.BaseURL != "" {
		base = provider.BaseURL(opts, "")
	}
	return &adapter{base: base, client: provider.ClientOf(opts)}
}

// PortalURL is the Synthflow dashboard, as Synthflow's own skills name it
// ("Dashboard: https://app.synthflow.ai", SynthFlowAI/synthflow-skills
// SKILL.md). The API reference itself only says "Sign in to your Synthflow
// workspace"; whether regional workspaces have their own dashboard host is
// UNCONFIRMED.
const PortalURL = "https://app.synthflow.ai"

// Info describes Synthflow: no cost and no readable concurrency limit.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:          "synthflow",
		Name:        "Synthflow",
		PortalURL:   PortalURL,
		PortalHosts: []string{"app.synthflow.ai"},
		KeyHelp:     KeyHelp,
		Reads: "Reads the calls of every agent of the workspace (the agent list, then each agent's call list). " +
			"Cost is not available from Synthflow's API.",
	}
}

// CheckKey calls GET /v2/assistants/?limit=1. The reference says of List
// agents that it "takes no required parameters, so a successful response
// means your key is valid"; its path is /assistants/ in the OpenAPI
// description.
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	api, h, err := a.keyAPI(c)
	if err != nil {
		return err
	}
	_, err = api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: api.Base + assistantsPath + "?limit=1", Header: h})
	return err
}

// Concurrency returns provider.ErrNotSupported: Synthflow documents the
// workspace's limit only in prose (https://docs.synthflow.ai/concurrency)
// and no endpoint reads it. Subaccounts carry a concurrency cap set by their
// parent (POST/PUT /v2/subaccounts), which is not the limit of the key's own
// workspace.
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}

// keyAPI returns the API the credentials reach (the region's host, or the
// test's fake) and their Authorization header. Credentials that fail
// Validate are KindUnauthorized, and no request should be made.
func (a *adapter) keyAPI(c provider.Credentials) (provider.KeyAPI, http.Header, error) {
	if err := a.Validate(c); err != nil {
		return provider.KeyAPI{}, nil, provider.InvalidCredentials(err)
	}
	base := a.base
	if base == "" {
		base = regionHost(c[RegionFieldKey])
	}
	api := provider.KeyAPI{API: provider.API{Base: base, Client: a.client}, Scheme: "Bearer "}
	h, err := api.Header(c)
	return api, h, err
}
