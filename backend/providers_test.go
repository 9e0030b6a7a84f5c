package backend_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
)

func TestSaveCredentialsKeepsTheSecretInTheKeychainOnly(t *testing.T) {
	env := newProviderEnv(t, 10)
	conn, err := env.save(t, retellKey)
	if err != nil {
		t.Fatal(err)
	}
	if conn.State != backend.StateConnected || conn.Provider != "retell" || conn.SecretHint != "••••0123" || !conn.AutoSync {
		t.Errorf("connection %+v", conn)
	}
	if got := env.secrets.Items()[keychain.SubAccountItem(env.sub.ID)]; !strings.Contains(got, retellKey) {
		t.Errorf("keychain item %q", got)
	}
	var dump string
	if err := env.b.Store.SQL().QueryRow("SELECT group_concat(settings || secret_hint || state_reason || account_key) FROM provider_connections").Scan(&dump); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(dump, retellKey) || strings.Contains(dump, "0123456789abcdef") {
		t.Errorf("the secret reached SQLite: %q", dump)
	}
	sub, _ := env.b.SubAccounts.Get(env.sub.ID)
	if sub.ProviderName != "Retell AI" {
		t.Errorf("list provider %q", sub.ProviderName)
	}
	page, _ := env.b.Audit.List(backend.AuditQuery{SubAccountID: env.sub.ID, Search: "credentials"})
	if page.Total != 1 || !strings.Contains(page.Items[0].Summary, "Connected") {
		t.Errorf("audit %+v", page.Items)
	}
	// Re-saving with the secret left empty keeps it.
	if conn, err = env.save(t, ""); err != nil || conn.State != backend.StateConnected {
		t.Errorf("re-save: %+v %v", conn, err)
	}
}

func TestSaveCredentialsStates(t *testing.T) {
	t.Run("refused key is refused, or saved anyway as invalid with the refusal in words", func(t *testing.T) {
		env := newProviderEnv(t, 1)
		if _, err := env.save(t, "key_wrongwrongwrongwrong"); backend.ErrorCode(err) != backend.CodeRefused {
			t.Fatalf("err %v, want refused", err)
		}
		conn, err := env.b.Providers.SaveCredentials(env.sub.ID, backend.SaveCredentialsInput{
			Provider: "retell", Fields: map[string]string{"apiKey": "key_wrongwrongwrongwrong"}, SaveAnyway: true,
		})
		if err != nil || conn.State != backend.StateInvalid || !strings.Contains(conn.StateReason, "HTTP 401") {
			t.Errorf("%+v %v", conn, err)
		}
	})
	t.Run("unreachable provider: saved, not verified, connected after a sync", func(t *testing.T) {
		env := newProviderEnv(t, 5)
		env.retell.FailNext(1000, 503)
		conn, err := env.save(t, retellKey)
		if err != nil || conn.State != backend.StateNotVerified || !strings.Contains(conn.StateReason, "next sync") {
			t.Fatalf("%+v %v", conn, err)
		}
		env.retell.FailNext(0, 0)
		if p := env.syncNow(t); p.Error != nil {
			t.Fatalf("sync: %+v", p)
		}
		if conn, _ = env.b.Providers.Get(env.sub.ID); conn.State != backend.StateConnected {
			t.Errorf("after sync: %+v", conn)
		}
	})
	t.Run("bad format: field error, nothing saved", func(t *testing.T) {
		env := newProviderEnv(t, 1)
		_, err := env.save(t, "short")
		fieldErr(t, err, backend.CodeInvalid, "apiKey")
		if len(env.secrets.Items()) != 0 {
			t.Errorf("keychain written: %v", env.secrets.Items())
		}
		if conn, _ := env.b.Providers.Get(env.sub.ID); conn.Provider != "" {
			t.Errorf("connection saved: %+v", conn)
		}
	})
	t.Run("keychain locked: clear error, nothing written anywhere", func(t *testing.T) {
		env := newProviderEnv(t, 1)
		env.secrets.Fail = keychain.Classify(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"))
		_, err := env.save(t, retellKey)
		var e *backend.Error
		if !errors.As(err, &e) || e.Code != backend.CodeKeychain || !strings.Contains(e.Message, "unlock") {
			t.Fatalf("err %v", err)
		}
		if conn, _ := env.b.Providers.Get(env.sub.ID); conn.Provider != "" {
			t.Errorf("connection saved: %+v", conn)
		}
	})
}

func TestChangingProviderDeletesTheConfigurationButKeepsCalls(t *testing.T) {
	env := newProviderEnv(t, 50)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	if p := env.syncNow(t); p.Calls != 50 {
		t.Fatalf("sync %+v", p)
	}
	_, err := env.b.Providers.SaveCredentials(env.sub.ID, backend.SaveCredentialsInput{Provider: "vapi", Fields: map[string]string{"apiKey": "0123456789abcdef0123"}})
	if backend.ErrorCode(err) != backend.CodeConflict {
		t.Fatalf("saving another provider over Retell: %v", err)
	}
	if err := env.b.Providers.Disconnect(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	if len(env.secrets.Items()) != 1 { // only the install key remains
		t.Errorf("keychain after disconnect: %v", env.secrets.Items())
	}
	conn, _ := env.b.Providers.Get(env.sub.ID)
	if conn.Provider != "" || conn.CallCount != 50 {
		t.Errorf("after disconnect: %+v", conn)
	}
	for _, table := range []string{"provider_connections", "sync_states", "concurrency_settings"} {
		var n int
		env.b.Store.SQL().QueryRow("SELECT count(*) FROM " + table).Scan(&n)
		if n != 0 {
			t.Errorf("%s has %d rows", table, n)
		}
	}
	var provider string
	env.b.Store.SQL().QueryRow("SELECT DISTINCT provider FROM calls").Scan(&provider)
	if provider != "retell" {
		t.Errorf("calls tagged %q", provider)
	}
	page, _ := env.b.Audit.List(backend.AuditQuery{SubAccountID: env.sub.ID, Search: "removed"})
	if page.Total != 1 || !strings.Contains(page.Items[0].Summary, "50 past calls kept") {
		t.Errorf("audit %+v", page.Items)
	}
}

func TestDeletingASubAccountDeletesItsKeychainItem(t *testing.T) {
	env := newProviderEnv(t, 1)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	if err := env.b.SubAccounts.Delete(env.sub.ID, "Acme Dental"); err != nil {
		t.Fatal(err)
	}
	if _, ok := env.secrets.Items()[keychain.SubAccountItem(env.sub.ID)]; ok {
		t.Error("keychain item left behind")
	}
}

func TestOpenPortalOpensTheProvidersDashboard(t *testing.T) {
	env := newProviderEnv(t, 1)
	if err := env.b.Providers.OpenPortal(env.sub.ID); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Errorf("portal without a provider: %v", err)
	}
	env.save(t, retellKey)
	if err := env.b.Providers.OpenPortal(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	if len(env.rec.opened) != 1 || env.rec.opened[0] != "https://dashboard.retellai.com" {
		t.Errorf("opened %v", env.rec.opened)
	}
}

func TestChangingProviderWaitsForARunningSync(t *testing.T) {
	env := newProviderEnv(t, 10)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	env.retell.SlowNext(1, 100*time.Millisecond)
	if err := env.b.Sync.SyncNow(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.b.Providers.Disconnect(env.sub.ID); backend.ErrorCode(err) != backend.CodeConflict {
		t.Errorf("disconnect during a sync: %v", err)
	}
	if p := env.rec.waitDone(t); p.Error != nil {
		t.Fatalf("sync %+v", p)
	}
	if err := env.b.Providers.Disconnect(env.sub.ID); err != nil {
		t.Errorf("disconnect after the sync: %v", err)
	}
}
