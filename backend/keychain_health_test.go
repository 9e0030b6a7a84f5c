package backend_test

import (
	"bytes"
	"errors"
	"log"
	"os"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
)

// noSecretService is how the OS keychain fails without a Secret Service on
// the session bus (go-keyring's dbus dial, classified).
var noSecretService = keychain.Classify(errors.New("dial unix /run/user/0/nothing: connect: no such file or directory"))

func lastError(t *testing.T, b *backend.Backend, id int64) string {
	t.Helper()
	var msg string
	if err := b.Store.SQL().QueryRow("SELECT last_error FROM sync_states WHERE sub_account_id = ?", id).Scan(&msg); err != nil {
		t.Fatal(err)
	}
	return msg
}

func TestAutomaticSyncWaitsWhileTheKeychainDoesNotAnswer(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)

	env := newProviderEnv(t, 10)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	if st := env.b.Health.CheckKeychain(); !st.Checked || !st.Available {
		t.Fatalf("status with a working keychain: %+v", st)
	}

	// The keychain goes away while the app runs: a sync started then finds
	// out, and records nothing against the sub-account.
	env.secrets.SetFail(noSecretService)
	if err := env.b.Sync.SyncNow(env.sub.ID); err != nil {
		t.Fatalf("sync now, the keychain not yet known to fail: %v", err)
	}
	if done := env.rec.waitDone(t); done.Error == nil || done.Error.Code != backend.CodeKeychain {
		t.Fatalf("the sync's error: %+v", done.Error)
	}
	want := keychain.Diagnose(noSecretService) // what switchboard doctor prints
	st := env.b.Health.Keychain()
	if !st.Checked || st.Available || st.Problem != want.Detail || st.Fix != want.Fix || st.Fix == "" {
		t.Errorf("status %+v, want unavailable with the doctor's %+v", st, want)
	}
	if !env.rec.saw(backend.EventKeychain) {
		t.Error("the window was not told")
	}

	// A scheduler pass starts nothing; Sync now says why at once.
	env.clock.advance(time.Hour)
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 || env.b.Sync.Running() != 0 {
		t.Errorf("the scheduler started %d syncs", n)
	}
	err := env.b.Sync.SyncNow(env.sub.ID)
	var e *backend.Error
	if !errors.As(err, &e) || e.Code != backend.CodeKeychain || !strings.Contains(e.Message, "keychain") || !strings.Contains(e.Message, want.Fix) {
		t.Errorf("sync now while it fails: %v", err)
	}
	if msg := lastError(t, env.b, env.sub.ID); msg != "" {
		t.Errorf("last error written: %q", msg)
	}

	// It answers again: the next pass sees it and syncs.
	env.secrets.SetFail(nil)
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 1 {
		t.Fatalf("the scheduler started %d syncs once the keychain answered, want 1", n)
	}
	if done := env.rec.waitDone(t); done.Error != nil || done.Calls != 10 {
		t.Errorf("the sync after the keychain came back: %+v", done)
	}
	if st := env.b.Health.Keychain(); !st.Available || st.Problem != "" {
		t.Errorf("status after it came back: %+v", st)
	}
	if msg := lastError(t, env.b, env.sub.ID); msg != "" {
		t.Errorf("last error: %q", msg)
	}
	var lines []string
	for _, l := range strings.Split(logged.String(), "\n") {
		if strings.Contains(l, "keychain") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 || !strings.Contains(lines[0], "automatic sync waits") || !strings.Contains(lines[1], "answers again") {
		t.Errorf("log lines about the keychain: %q, want one when it went and one when it came back", lines)
	}
}

// keychainEvents passes on the keychain statuses the backend emits.
type keychainEvents chan backend.KeychainStatus

func (c keychainEvents) Emit(name backend.EventName, data any) {
	if st, ok := data.(backend.KeychainStatus); ok && name == backend.EventKeychain {
		c <- st
	}
}

func TestTheKeychainIsProbedInTheBackgroundAfterStart(t *testing.T) {
	secrets := &keychaintest.Memory{Fail: noSecretService}
	events := make(keychainEvents, 4)
	b, err := backend.New(backend.Config{DataDir: t.TempDir(), Actor: "dana", Secrets: secrets, Events: events})
	if err != nil {
		t.Fatalf("start without a keychain: %v", err)
	}
	defer b.Close()
	var st backend.KeychainStatus
	select {
	case st = <-events: // the first check's status, sent as it changes
	case <-time.After(10 * time.Second): // a deadline, not a timing assertion
		t.Fatal("no keychain status was sent after start")
	}
	if !st.Checked || st.Available || st.Problem != keychain.Diagnose(noSecretService).Detail {
		t.Errorf("status sent %+v", st)
	}
	if got := b.Health.Keychain(); got != st {
		t.Errorf("Keychain() = %+v, want what was sent: %+v", got, st)
	}
}
