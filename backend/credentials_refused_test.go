package backend_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

const vapiKey = "0123456789abcdef0123"

// twoProviders boots a backend whose Retell and Vapi adapters talk to local
// fakes that accept retellKey and vapiKey.
func twoProviders(t *testing.T) (*backend.Backend, *keychaintest.Memory, backend.SubAccount) {
	t.Helper()
	retell := httptest.NewServer(fake.NewRetell(retellKey, fake.RetellCalls(3, 1)))
	t.Cleanup(retell.Close)
	vapi := httptest.NewServer(fake.NewVapi(vapiKey, fake.VapiCalls(3, 1)))
	t.Cleanup(vapi.Close)
	client := provider.NewClient()
	client.Sleep = func(context.Context, time.Duration) error { return nil }
	secrets := &keychaintest.Memory{}
	b, err := backend.New(backend.Config{
		DataDir: t.TempDir(), Actor: "dana", Secrets: secrets, ProviderClient: client,
		ProviderBaseURLs: map[string]string{"retell": retell.URL, "vapi": vapi.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, secrets, mustCreate(t, b, "Acme Dental")
}

func saveKey(b *backend.Backend, id int64, providerID, key string, anyway bool) (backend.Connection, error) {
	return b.Providers.SaveCredentials(id, backend.SaveCredentialsInput{
		Provider: providerID, Fields: map[string]string{"apiKey": key}, SaveAnyway: anyway,
	})
}

// auditSummaries are the summaries of the sub-account's audit entries.
func auditSummaries(t *testing.T, b *backend.Backend, id int64) []string {
	t.Helper()
	page, err := b.Audit.List(backend.AuditQuery{SubAccountID: id})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range page.Items {
		out = append(out, e.Summary)
	}
	return out
}

func TestARefusedKeyKeepsNothing(t *testing.T) {
	b, secrets, sub := twoProviders(t)
	before := auditSummaries(t, b, sub.ID)
	_, err := saveKey(b, sub.ID, "retell", "key_wrongwrongwrongwrong", false)
	var e *backend.Error
	if !errors.As(err, &e) || e.Code != backend.CodeRefused {
		t.Fatalf("err %v, want a refused error", err)
	}
	for _, want := range []string{"Retell AI did not accept this API key (HTTP 401)", "API Keys tab of the Retell dashboard", "Save anyway"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q lacks %q", e.Message, want)
		}
	}
	if e.Fields["apiKey"] != e.Message {
		t.Errorf("fields %v: the message belongs to the API key", e.Fields)
	}
	if len(secrets.Items()) != 0 {
		t.Errorf("keychain written: %v", secrets.Items())
	}
	var rows int
	if err := b.Store.SQL().QueryRow("SELECT (SELECT count(*) FROM provider_connections) + (SELECT count(*) FROM sync_states)").Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d rows of a connection (%v)", rows, err)
	}
	if got, _ := b.SubAccounts.Get(sub.ID); got.ProviderName != "" {
		t.Errorf("the sub-account shows provider %q", got.ProviderName)
	}
	if after := auditSummaries(t, b, sub.ID); len(after) != len(before) {
		t.Errorf("audit %v, want %v", after, before)
	}
	// Nothing locks the provider in: another provider's key is saved as usual.
	if conn, err := saveKey(b, sub.ID, "vapi", vapiKey, false); err != nil || conn.State != backend.StateConnected || !conn.Accepted {
		t.Errorf("vapi after a refusal: %+v %v", conn, err)
	}
}

func TestARefusedKeySavedAnywayIsInvalidAndNotAccepted(t *testing.T) {
	b, secrets, sub := twoProviders(t)
	conn, err := saveKey(b, sub.ID, "retell", "key_wrongwrongwrongwrong", true)
	if err != nil {
		t.Fatal(err)
	}
	if conn.State != backend.StateInvalid || conn.Accepted || !strings.Contains(conn.StateReason, "HTTP 401") {
		t.Errorf("connection %+v", conn)
	}
	if got := secrets.Items()[keychain.SubAccountItem(sub.ID)]; !strings.Contains(got, "key_wrongwrongwrongwrong") {
		t.Errorf("keychain item %q", got)
	}
	if a := auditSummaries(t, b, sub.ID); len(a) == 0 || !strings.Contains(a[0], "Saved Retell AI credentials: Invalid credentials") {
		t.Errorf("audit %v", a)
	}
}

func TestANeverAcceptedConnectionSwitchesProviderInOneChange(t *testing.T) {
	b, secrets, sub := twoProviders(t)
	if _, err := saveKey(b, sub.ID, "retell", "key_wrongwrongwrongwrong", true); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Concurrency.Save(sub.ID, backend.ConcurrencyInput{Limit: new(10), Outbound: new(4)}); err != nil {
		t.Fatal(err)
	}
	before := len(auditSummaries(t, b, sub.ID))
	conn, err := saveKey(b, sub.ID, "vapi", vapiKey, false)
	if err != nil {
		t.Fatalf("switching a never accepted Retell AI to Vapi: %v", err)
	}
	if conn.Provider != "vapi" || conn.State != backend.StateConnected || !conn.Accepted || !conn.AutoSync {
		t.Errorf("connection %+v", conn)
	}
	if got := secrets.Items()[keychain.SubAccountItem(sub.ID)]; strings.Contains(got, "key_wrong") || !strings.Contains(got, vapiKey) {
		t.Errorf("keychain item %q: want Vapi's key alone", got)
	}
	var limits int
	b.Store.SQL().QueryRow("SELECT count(*) FROM concurrency_settings").Scan(&limits)
	if limits != 0 {
		t.Errorf("Retell AI's concurrency settings stayed")
	}
	a := auditSummaries(t, b, sub.ID)
	if len(a) != before+1 || !strings.Contains(a[0], "Replaced Retell AI") || !strings.Contains(a[0], "with Vapi credentials: Connected") {
		t.Errorf("audit %v: want one entry for the replacement", a)
	}
	// Once accepted, another provider needs "Change provider".
	if _, err := saveKey(b, sub.ID, "retell", retellKey, false); backend.ErrorCode(err) != backend.CodeConflict {
		t.Errorf("saving Retell AI over an accepted Vapi: %v, want a conflict", err)
	}
}

// Every provider says where in its dashboard the right credentials are,
// on the dashboard the Login button opens.
func TestEveryProviderSaysWhereToGetTheRightKey(t *testing.T) {
	for id, a := range backend.NewAdapters(nil, nil) {
		info := a.Info()
		if info.KeyHelp == "" || !strings.Contains(info.KeyHelp, info.PortalHosts[0]) {
			t.Errorf("%s: KeyHelp %q does not name its dashboard %s", id, info.KeyHelp, info.PortalHosts[0])
		}
	}
}
