package vapi

import (
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const testKey = "3f1c2a9e-8b7d-4c6e-9a10-5d2f7e8b9c01"

var creds = provider.Credentials{"apiKey": testKey}

func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New:    New,
		Fake:   func(n int) providertest.Fake { return fake.NewVapi(testKey, fake.VapiCalls(n, 1)) },
		Window: provider.Window{Since: fake.VapiEpoch, Until: fake.VapiEpoch.Add(24 * time.Hour)},
		Info: provider.Info{
			ID: "vapi", Name: "Vapi", KeyHelp: KeyHelp, Reads: Reads,
			PortalURL: "https://dashboard.vapi.ai", PortalHosts: []string{"dashboard.vapi.ai"},
		},
		Fields:        []provider.Field{{Key: "apiKey", Label: "API key", Secret: true}},
		Creds:         creds,
		Auth:          "Bearer " + testKey,
		CheckKey:      "GET /assistant?limit=1",
		WrongCreds:    provider.Credentials{"apiKey": "0000000000000000000000"},
		WrongReason:   "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.",
		BadCreds:      provider.Credentials{"apiKey": "3f1c2a9e 8b7d-4c6e-9a10"},
		BadFields:     []string{"apiKey"},
		BadCursor:     "yesterday",
		BadCursorKind: provider.KindRejected,
		Paging:        paging,
		ListPath:      "/call",
		CheckListing: func(t *testing.T, w provider.Window, _ []provider.Call, reqs []fake.Request) {
			q := reqs[0].Query
			if reqs[0].Path != "/call" || q.Get("limit") != "1000" ||
				q.Get("createdAtGe") != w.Since.UTC().Format(time.RFC3339Nano) ||
				q.Get("createdAtLt") != w.Until.UTC().Format(time.RFC3339Nano) {
				t.Errorf("first query = %v", q)
			}
			for _, r := range reqs[1:] {
				if r.Query.Get("createdAtLe") == "" || r.Query.Get("createdAtGe") == "" {
					t.Errorf("later query = %v", r.Query)
				}
			}
		},
	})
}
