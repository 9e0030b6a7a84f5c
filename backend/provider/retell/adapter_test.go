package retell

import (
	"context"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const testKey = "key_0123456789abcdef0123"

var creds = provider.Credentials{"apiKey": testKey}

func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New:    New,
		Fake:   func(n int) providertest.Fake { return fake.NewRetell(testKey, fake.RetellCalls(n, 1)) },
		Window: provider.Window{Since: fake.RetellEpoch, Until: fake.RetellEpoch.Add(24 * time.Hour)},
		Info: provider.Info{
			ID: "retell", Name: "Retell AI", ConcurrencyFromAPI: true, KeyHelp: KeyHelp, Reads: Reads,
			PortalURL: "https://dashboard.retellai.com", PortalHosts: []string{"dashboard.retellai.com"},
		},
		Fields:      []provider.Field{{Key: "apiKey", Label: "API key", Secret: true}},
		Creds:       creds,
		Auth:        "Bearer " + testKey,
		CheckKey:    "GET /get-concurrency",
		WrongCreds:  provider.Credentials{"apiKey": "key_another0123456789"},
		WrongReason: "Invalid API Key.",
		BadCreds:    provider.Credentials{"apiKey": "key_0123"},
		BadFields:   []string{"apiKey"},
		Paging: func() (providertest.Fake, provider.Window, []string) {
			return paging(false)
		},
		CheckListing: checkListing,
	})
}

func TestConcurrency(t *testing.T) {
	f := fake.NewRetell(testKey, nil)
	f.Concurrency.ConcurrencyLimit = 10
	f.Concurrency.ReservedInboundConcurrency = 2
	f.Concurrency.CurrentConcurrency = 7
	h := providertest.Serve(t, f, New)
	got, err := h.Adapter.Concurrency(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if want := (provider.Concurrency{Limit: 10, InboundReserved: 2, Current: 7}); got != want {
		t.Errorf("Concurrency = %+v, want %+v", got, want)
	}
}

func TestConcurrencyMalformed(t *testing.T) {
	f := fake.NewRetell(testKey, nil)
	f.MalformedNext(1)
	h := providertest.Serve(t, f, New)
	if _, err := h.Adapter.Concurrency(context.Background(), creds); provider.KindOf(err) != provider.KindMalformed {
		t.Fatalf("err = %v", err)
	}
}
