package backend_test

import (
	"bytes"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider/fake"
)

// fixedDialog answers every save dialog with one path.
type fixedDialog string

func (d fixedDialog) SaveFile(string, string) (string, error) { return string(d), nil }

// TestSecretsStayInTheRealKeychain saves a canary secret through the service
// into the real Secret Service (tests/keychain-session.sh starts one), syncs,
// exports and backs up, then reads every file of the data directory and the
// log: the canary must be nowhere but the keychain.
func TestSecretsStayInTheRealKeychain(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no D-Bus session: run through tests/keychain-session.sh (make test-go)")
	}
	const canary = "key_CANARY0f7e1d2c3b4a59687"
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)

	retell := fake.NewRetell(canary, fake.RetellCalls(300, 5))
	srv := httptest.NewServer(retell)
	defer srv.Close()
	dir := t.TempDir()
	c := &clock{t: fake.RetellEpoch.Add(10 * 24 * time.Hour)}
	rec := &recorder{done: make(chan backend.SyncProgress, 4)}
	b, err := backend.New(backend.Config{
		DataDir: dir, Actor: "dana", Now: c.now, Secrets: keychain.OS{}, Events: rec,
		Dialogs: fixedDialog(filepath.Join(dir, "calls.csv")), ProviderBaseURLs: map[string]string{"retell": srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	sub := mustCreate(t, b, "Canary Clinic")
	conn, err := b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "retell", Fields: map[string]string{"apiKey": canary}})
	if err != nil || conn.State != backend.StateConnected {
		t.Fatalf("save: %+v %v", conn, err)
	}
	t.Cleanup(func() { keychain.OS{}.Delete(keychain.SubAccountItem(sub.ID)) })
	if err := b.Sync.SyncNow(sub.ID); err != nil {
		t.Fatal(err)
	}
	if p := rec.waitDone(t); p.Error != nil || p.Calls != 300 {
		t.Fatalf("sync %+v", p)
	}
	if res, err := b.Calls.ExportCSV(backend.CallQuery{SubAccountID: sub.ID}); err != nil || res.Rows != 300 {
		t.Fatalf("export %+v %v", res, err)
	}
	if err := b.Store.Backup(t.Context(), filepath.Join(dir, "backup.db")); err != nil {
		t.Fatal(err)
	}
	// Wrong key on purpose: the provider's refusal must not echo it either.
	b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "retell", Fields: map[string]string{"apiKey": canary + "x"}})
	b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "retell", Fields: map[string]string{"apiKey": canary}})
	view, _ := b.Providers.Get(sub.ID)
	b.Close()

	stored, err := keychain.OS{}.Get(keychain.SubAccountItem(sub.ID))
	if err != nil || !strings.Contains(stored, canary) {
		t.Fatalf("the keychain does not hold the secret: %q %v", stored, err)
	}
	if !slices.Contains(keychaintest.SecretToolAccounts(t), keychain.SubAccountItem(sub.ID)) {
		t.Errorf("secret-tool does not see the sub-account's item: %v", keychaintest.SecretToolAccounts(t))
	}
	files := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(canary)) || bytes.Contains(data, []byte("CANARY0f7e")) {
			t.Errorf("the secret is in %s", path)
		}
		return nil
	})
	if files < 3 {
		t.Errorf("only %d files checked", files)
	}
	if strings.Contains(logged.String(), "CANARY") {
		t.Errorf("the secret reached the log")
	}
	if strings.Contains(view.SecretHint, "CANARY") || strings.Contains(strings.Join(mapValues(view.Fields), " "), "CANARY") {
		t.Errorf("the secret reached the frontend's view: %+v", view)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
