package bland

import (
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const testKey = "sk-0123456789abcdefghijABCDEFGHIJ"

var creds = provider.Credentials{"apiKey": testKey}

func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New:    New,
		Fake:   func(n int) providertest.Fake { return fake.NewBland(testKey, fake.BlandCalls(n, 1)) },
		Window: provider.Window{Since: fake.BlandEpoch, Until: fake.BlandEpoch.Add(24 * time.Hour)},
		Info: provider.Info{
			ID: "bland", Name: "Bland",
			PortalURL: "https://app.bland.ai", PortalHosts: []string{"app.bland.ai"},
			KeyHelp: KeyHelp, Reads: Reads,
		},
		Fields:        []provider.Field{{Key: "apiKey", Label: "API key", Secret: true}},
		Creds:         creds,
		Auth:          testKey, // the raw key, without "Bearer"
		CheckKey:      "GET /v1/me",
		WrongCreds:    provider.Credentials{"apiKey": "sk-someoneelse0123456789"},
		WrongReason:   "Invalid or missing API key.",
		BadCreds:      provider.Credentials{"apiKey": "sk-0123456789\tabcdef"},
		BadFields:     []string{"apiKey"},
		BadCursor:     "-5",
		BadCursorKind: provider.KindRejected,
		Paging:        paging,
		ListPath:      "/v1/calls",
		CheckListing: func(t *testing.T, w provider.Window, _ []provider.Call, reqs []fake.Request) {
			wantStart := w.Since.UTC().AddDate(0, 0, -1).Format("2006-01-02")
			wantEnd := w.Until.UTC().AddDate(0, 0, 1).Format("2006-01-02")
			for i, r := range reqs {
				q := r.Query
				if r.Path != "/v1/calls" || q.Get("limit") != "1000" || q.Get("ascending") != "true" ||
					q.Get("sort_by") != "created_at" || q.Get("start_date") != wantStart || q.Get("end_date") != wantEnd {
					t.Errorf("request %d: %s %v", i, r.Path, q)
				}
				if i == 0 && (q.Get("from") != "0" || q.Get("to") != "1000") {
					t.Errorf("first range from=%s to=%s", q.Get("from"), q.Get("to"))
				}
			}
		},
	})
}

// paging is the listing RunConformance walks: 3,000 calls over about nine
// days, of which the window holds calls[200:2700]; each of those is also
// read in detail, so the suite's request count covers the details.
func paging() (providertest.Fake, provider.Window, []string) {
	calls := fake.BlandCalls(3000, 3)
	var want []string
	for _, c := range calls[200:2700] {
		want = append(want, c.CallID)
	}
	return fake.NewBland(testKey, calls), provider.Window{Since: calls[200].CreatedAt, Until: calls[2700].CreatedAt}, want
}
