package backend

import (
	"switchboard/backend/provider"
	"switchboard/backend/provider/bland"
	"switchboard/backend/provider/elevenlabs"
	"switchboard/backend/provider/retell"
	"switchboard/backend/provider/synthflow"
	"switchboard/backend/provider/telnyx"
	"switchboard/backend/provider/twilio"
	"switchboard/backend/provider/vapi"
)

// Adapters are the providers Switchboard can connect to, by ID.
type Adapters map[string]provider.Adapter

// NewAdapters builds every adapter. baseURLs overrides a provider's API
// address by ID, and client the HTTP client; only tests set them (they point
// the adapters at local fakes). A nil client means a production one.
func NewAdapters(baseURLs map[string]string, client *provider.Client) Adapters {
	opts := func(id string) provider.Options { return provider.Options{BaseURL: baseURLs[id], Client: client} }
	all := []provider.Adapter{
		retell.New(opts("retell")), vapi.New(opts("vapi")), bland.New(opts("bland")),
		twilio.New(opts("twilio")), telnyx.New(opts("telnyx")), synthflow.New(opts("synthflow")),
		elevenlabs.New(opts("elevenlabs")),
	}
	m := Adapters{}
	for _, a := range all {
		m[a.Info().ID] = a
	}
	return m
}

// ordered returns the adapters in the catalogue's display order.
func (a Adapters) ordered() []provider.Adapter {
	var out []provider.Adapter
	for _, p := range Providers {
		if ad, ok := a[p.ID]; ok {
			out = append(out, ad)
		}
	}
	return out
}
