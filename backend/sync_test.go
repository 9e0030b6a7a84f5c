package backend_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
)

func TestSyncStoresEveryCallOnceAndResumes(t *testing.T) {
	env := newProviderEnv(t, 2500)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	p := env.syncNow(t)
	if p.Error != nil || p.Calls != 2500 || p.Pages < 3 {
		t.Fatalf("first sync %+v", p)
	}
	if n := env.callCount(t); n != 2500 {
		t.Fatalf("stored %d calls", n)
	}
	conn, _ := env.b.Providers.Get(env.sub.ID)
	sub, _ := env.b.SubAccounts.Get(env.sub.ID)
	if conn.LastSyncAt == "" || conn.LastError != "" || sub.LastCallAt == "" {
		t.Errorf("after sync: %+v / %+v", conn, sub)
	}
	// Again: the overlap re-reads the last day; nothing is duplicated.
	if p = env.syncNow(t); p.Error != nil || p.Calls == 0 || p.Calls >= 2500 {
		t.Errorf("second sync %+v", p)
	}
	if n := env.callCount(t); n != 2500 {
		t.Errorf("after the second sync %d calls", n)
	}
}

func TestSyncErrors(t *testing.T) {
	t.Run("malformed page: error recorded, earlier calls kept, next run resumes", func(t *testing.T) {
		env := newProviderEnv(t, 2500)
		env.save(t, retellKey)
		first := env.syncNowBreakingPage(t, 2)
		if first.Error == nil || !strings.Contains(errMsg(first.Error), "could not read") {
			t.Fatalf("sync %+v", first)
		}
		kept := env.callCount(t)
		if kept == 0 || kept >= 2500 {
			t.Fatalf("kept %d calls", kept)
		}
		conn, _ := env.b.Providers.Get(env.sub.ID)
		if !strings.Contains(conn.LastError, "could not read") || conn.LastSyncAt != "" {
			t.Errorf("after a failed run: last error %q, Last Sync Time %q", conn.LastError, conn.LastSyncAt)
		}
		if p := env.syncNow(t); p.Error != nil {
			t.Fatalf("resume %+v", p)
		}
		if n := env.callCount(t); n != 2500 {
			t.Errorf("after resuming %d calls", n)
		}
	})
	t.Run("refused credentials mark the connection invalid and pause auto-sync", func(t *testing.T) {
		env := newProviderEnv(t, 10)
		env.save(t, retellKey)
		env.retell.Key = "key_rotated_rotated_rotated"
		p := env.syncNow(t)
		conn, _ := env.b.Providers.Get(env.sub.ID)
		if p.Error == nil || conn.State != backend.StateInvalid || !conn.SyncPaused {
			t.Fatalf("%+v %+v", p, conn)
		}
		if _, err := env.save(t, "key_rotated_rotated_rotated"); err != nil {
			t.Fatal(err)
		}
		if conn, _ = env.b.Providers.Get(env.sub.ID); conn.SyncPaused || conn.State != backend.StateConnected {
			t.Errorf("after saving again %+v", conn)
		}
	})
	t.Run("a disabled sub-account does not sync", func(t *testing.T) {
		env := newProviderEnv(t, 10)
		env.save(t, retellKey)
		env.b.SubAccounts.Disable(env.sub.ID)
		if err := env.b.Sync.SyncNow(env.sub.ID); backend.ErrorCode(err) != backend.CodeInvalid {
			t.Errorf("sync of a disabled sub-account: %v", err)
		}
	})
}

// syncNowBreakingPage answers page k of the next sync with malformed JSON.
func (e *providerEnv) syncNowBreakingPage(t *testing.T, k int) backend.SyncProgress {
	t.Helper()
	e.lists.Store(0)
	e.breakList.Store(int32(k))
	defer e.breakList.Store(0)
	return e.syncNow(t)
}

func TestSyncSettings(t *testing.T) {
	env := newProviderEnv(t, 20)
	if _, err := env.b.Sync.SaveSettings(backend.SyncSettings{IntervalMinutes: 0}); err == nil {
		t.Error("interval 0 accepted")
	}
	if s, err := env.b.Sync.SaveSettings(backend.SyncSettings{IntervalMinutes: 15}); err != nil || s.IntervalMinutes != 15 {
		t.Fatalf("%+v %v", s, err)
	}
	if s, _ := env.b.Sync.Settings(); s.IntervalMinutes != 15 {
		t.Errorf("settings %+v", s)
	}
	if err := env.b.Sync.SetAutoSync(env.sub.ID, true); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Errorf("auto-sync without a provider: %v", err)
	}
}

func TestSchedulerSyncsActiveSubAccountsWithAutoSyncOn(t *testing.T) {
	env := newProviderEnv(t, 30) // no ticker: the test runs each scheduler pass itself
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	if err := env.b.Sync.SetAutoSync(env.sub.ID, false); err != nil {
		t.Fatal(err)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
		t.Fatalf("auto-sync off: the scheduler started %d syncs", n)
	}
	if err := env.b.Sync.SetAutoSync(env.sub.ID, true); err != nil {
		t.Fatal(err)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 1 {
		t.Fatalf("auto-sync on: the scheduler started %d syncs, want 1", n)
	}
	if p := env.rec.waitDone(t); p.SubAccountID != env.sub.ID || p.Calls != 30 || p.Error != nil {
		t.Fatalf("scheduled sync %+v", p)
	}
	conn, _ := env.b.Providers.Get(env.sub.ID)
	if !conn.AutoSync || conn.LastSyncAt == "" {
		t.Errorf("connection %+v", conn)
	}
	// Not due again until the interval (5 minutes) passes on the backend's clock.
	env.clock.advance(4 * time.Minute)
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
		t.Errorf("synced again before the interval: %d", n)
	}
	env.clock.advance(2 * time.Minute)
	if _, err := env.b.SubAccounts.Disable(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 || env.b.Sync.Running() != 0 {
		t.Errorf("a disabled sub-account was scheduled: %d started", n)
	}
	if _, err := env.b.SubAccounts.Enable(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 1 {
		t.Errorf("enabled and due: %d started, want 1", n)
	}
	env.rec.waitDone(t)
}

// newFiveSubAccounts connects five sub-accounts to Retell: each to its own
// account, or all to one shared account.
func newFiveSubAccounts(t *testing.T, shared bool) *providerEnv {
	t.Helper()
	env := newProviderEnv(t, 30)
	ids := []int64{env.sub.ID}
	for _, name := range []string{"Bravo Dental", "Charlie Dental", "Delta Dental", "Echo Dental"} {
		ids = append(ids, mustCreate(t, env.b, name).ID)
	}
	for i, id := range ids {
		key := retellKey
		if !shared {
			key = fmt.Sprintf("%s%08d", otherAccountPrefix, i)
		}
		if _, err := env.b.Providers.SaveCredentials(id, backend.SaveCredentialsInput{Provider: "retell",
			Fields: map[string]string{"apiKey": key}}); err != nil {
			t.Fatal(err)
		}
	}
	return env
}

func TestSchedulerReadsASharedAccountOnceForAllItsSubAccounts(t *testing.T) {
	env := newFiveSubAccounts(t, true)
	release := env.holdLists()
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 1 {
		t.Fatalf("five due sub-accounts on one account: %d started, want 1", n)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
		t.Errorf("while the account is read: %d more started", n)
	}
	release()
	env.rec.waitDone(t)
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
		t.Errorf("after the account was read for all five: %d started, want none due", n)
	}
}

func TestSchedulerStartsNoMoreSyncsThanItHasSlots(t *testing.T) {
	env := newFiveSubAccounts(t, false)
	release := env.holdLists() // the first syncs hold their slots while the test looks
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 3 {
		t.Fatalf("five due sub-accounts: %d started, want the 3 slots", n)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
		t.Errorf("no free slot: %d more started", n)
	}
	release()
	for range 3 {
		env.rec.waitDone(t)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 2 {
		t.Errorf("after the first three finished: %d started, want the 2 still due", n)
	}
	for range 2 {
		env.rec.waitDone(t)
	}
}

func TestClosingTheAppStopsASyncThatResumesLater(t *testing.T) {
	env := newProviderEnv(t, 3000)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(env.b.Store.Path())
	// Each page answers after 300 ms: Close comes long before the last one.
	env.retell.SlowNext(-1, 300*time.Millisecond)
	if err := env.b.Sync.SyncNow(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !env.rec.saw(backend.EventSyncProgress) {
		if time.Now().After(deadline) {
			t.Fatal("no page was stored")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := env.b.Close(); err != nil { // waits for the sync to stop
		t.Fatal(err)
	}
	if p := env.rec.waitDone(t); !strings.Contains(errMsg(p.Error), "stopped before it finished") {
		t.Errorf("stopped sync reported %+v", p)
	}
	env.retell.SlowNext(0, 0)
	b, err := backend.New(backend.Config{
		DataDir: dir, Actor: "dana", Now: env.clock.now, Secrets: env.secrets, Events: env.rec,
		ProviderBaseURLs: map[string]string{"retell": env.retellURL},
	})
	if err != nil {
		t.Fatal(err)
	}
	env.b = b
	t.Cleanup(func() { b.Close() })
	if n := env.callCount(t); n == 0 || n == 3000 {
		t.Fatalf("%d calls stored before closing, want part of them", n)
	}
	if p := env.syncNow(t); p.Error != nil {
		t.Fatalf("resumed sync %+v", p)
	}
	if n := env.callCount(t); n != 3000 {
		t.Errorf("after resuming %d calls, want 3000", n)
	}
}

func TestSchedulerPausesASubAccountWhoseCredentialsAreGone(t *testing.T) {
	env := newProviderEnv(t, 5)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	env.secrets.Delete(keychain.SubAccountItem(env.sub.ID))
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 1 {
		t.Fatalf("due: %d started", n)
	}
	p := env.rec.waitDone(t)
	if !strings.Contains(errMsg(p.Error), "missing from the keychain") {
		t.Fatalf("scheduled sync %+v", p)
	}
	conn, _ := env.b.Providers.Get(env.sub.ID)
	if !conn.SyncPaused || !strings.Contains(conn.LastError, "missing from the keychain") {
		t.Errorf("connection after the failure %+v", conn)
	}
	env.clock.advance(time.Hour) // long past the interval: still not retried
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
		t.Fatalf("retried a sub-account with no credentials: %d started", n)
	}
	if _, err := env.save(t, retellKey); err != nil { // saving again resumes it
		t.Fatal(err)
	}
	if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 1 {
		t.Fatalf("after saving again: %d started", n)
	}
	if p := env.rec.waitDone(t); p.Error != nil || p.Calls != 5 {
		t.Errorf("after saving again %+v", p)
	}
}
