package backend_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
)

// syncHeldOnSecondPage starts a sync of env.sub and returns once its first
// page is stored and its second list request is waiting at the fake.
func syncHeldOnSecondPage(t *testing.T, env *providerEnv) (release func()) {
	t.Helper()
	release = env.holdListsFrom(2)
	t.Cleanup(release)
	env.rec.progress = make(chan backend.SyncProgress, 1)
	if err := env.b.Sync.SyncNow(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	// The first page is stored while the second downloads: wait for both
	// (deadlines, not timing assertions).
	select {
	case <-env.rec.progress:
	case <-time.After(30 * time.Second):
		t.Fatal("the sync never stored its first page")
	}
	select {
	case <-*env.held.Load():
	case <-time.After(30 * time.Second):
		t.Fatal("the sync never asked for its second page")
	}
	if n := env.callCount(t); n == 0 || n >= 2500 {
		t.Fatalf("%d calls stored before the second page, want the first page", n)
	}
	return release
}

// rowsOf counts the sub-account's rows in every table that holds any.
func rowsOf(t *testing.T, env *providerEnv, id int64) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"sub_accounts", "provider_connections", "sync_states", "calls", "concurrency_settings", "audit_log"} {
		col := "sub_account_id"
		if table == "sub_accounts" {
			col = "id"
		}
		var n int64
		if err := env.b.Store.SQL().QueryRow(fmt.Sprintf("SELECT count(*) FROM %s WHERE %s = ?", table, col), id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestDisablingStopsTheRunningSyncWhichResumesWhenEnabled(t *testing.T) {
	env := newProviderEnv(t, 2500)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	syncHeldOnSecondPage(t, env)
	stored := env.callCount(t)
	sub, err := env.b.SubAccounts.Disable(env.sub.ID) // returns once the sync has stopped
	if err != nil || sub.Status != backend.StatusInactive {
		t.Fatalf("disable: %+v %v", sub, err)
	}
	if n := env.b.Sync.Running(); n != 0 {
		t.Errorf("%d syncs still registered after disabling", n)
	}
	p := env.rec.waitDone(t)
	if !strings.Contains(errMsg(p.Error), "stopped before it finished") || p.Done {
		t.Errorf("the stopped sync reported %+v", p)
	}
	if n := env.b.Sync.Running(); n != 0 {
		t.Errorf("%d syncs still registered after disabling", n)
	}
	if n := env.callCount(t); n != stored {
		t.Errorf("%d calls after disabling, %d before: a page was half-written or written late", n, stored)
	}
	if err := env.b.Sync.SyncNow(env.sub.ID); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Errorf("sync of a disabled sub-account: %v", err)
	}
	if problems, err := env.b.Store.IntegrityCheck(t.Context()); err != nil || len(problems) > 0 {
		t.Errorf("integrity: %v %v", problems, err)
	}
	// Enabled again, the interrupted run resumes and completes the set.
	if _, err := env.b.SubAccounts.Enable(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	env.hold.Store(nil)
	if p := env.syncNow(t); p.Error != nil || !p.Done {
		t.Fatalf("resumed sync %+v", p)
	}
	if n := env.callCount(t); n != 2500 {
		t.Errorf("%d calls after resuming, want 2500", n)
	}
}

func TestDeletingDuringASyncLeavesNoRowsAndNoKeychainItem(t *testing.T) {
	env := newProviderEnv(t, 2500)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	if _, err := env.b.Concurrency.Save(env.sub.ID, backend.ConcurrencyInput{Limit: intPtr(10), Outbound: intPtr(4)}); err != nil {
		t.Fatal(err)
	}
	other := mustCreate(t, env.b, "Other Clinic")
	syncHeldOnSecondPage(t, env)
	if err := env.b.SubAccounts.Delete(env.sub.ID, env.sub.Name); err != nil { // returns once the sync has stopped
		t.Fatalf("delete during a sync: %v", err)
	}
	if n := env.b.Sync.Running(); n != 0 {
		t.Errorf("%d syncs still registered after deleting", n)
	}
	p := env.rec.waitDone(t)
	if !strings.Contains(errMsg(p.Error), "stopped before it finished") || p.Done {
		t.Errorf("the stopped sync reported %+v", p)
	}
	got := rowsOf(t, env, env.sub.ID)
	want := map[string]int64{"sub_accounts": 0, "provider_connections": 0, "sync_states": 0, "calls": 0,
		"concurrency_settings": 0, "audit_log": 4} // created, saved credentials, concurrency, deleted
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows of the deleted sub-account %v, want %v", got, want)
	}
	if items := env.secrets.Items(); len(items) != 1 { // only the per-install key is left
		t.Errorf("keychain after delete: %v", keys(items))
	} else if _, ok := items[keychain.SubAccountItem(env.sub.ID)]; ok {
		t.Error("the deleted sub-account's keychain item is left")
	}
	if _, err := env.b.SubAccounts.Get(other.ID); err != nil {
		t.Errorf("the other sub-account: %v", err)
	}
	if problems, err := env.b.Store.IntegrityCheck(t.Context()); err != nil || len(problems) > 0 {
		t.Errorf("integrity: %v %v", problems, err)
	}
	var orphans int64
	env.b.Store.SQL().QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d rows point at no sub-account", orphans)
	}
}

func TestDeleteKeepsEverythingWhenTheKeychainRefuses(t *testing.T) {
	env := newProviderEnv(t, 30)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	before := rowsOf(t, env, env.sub.ID)
	env.secrets.Fail = fmt.Errorf("%w: locked", keychain.ErrLocked)
	err := env.b.SubAccounts.Delete(env.sub.ID, env.sub.Name)
	env.secrets.Fail = nil
	if backend.ErrorCode(err) != backend.CodeKeychain || !strings.Contains(errMsg(asBackendError(err)), "was not deleted") {
		t.Fatalf("delete with a locked keychain: %v", err)
	}
	if after := rowsOf(t, env, env.sub.ID); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("rows changed: %v, before %v", after, before)
	}
	if _, ok := env.secrets.Items()[keychain.SubAccountItem(env.sub.ID)]; !ok {
		t.Error("the keychain item went although the delete failed")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func intPtr(v int) *int { return &v }

func asBackendError(err error) *backend.Error {
	e, _ := err.(*backend.Error)
	return e
}

func TestSyncNowSaysWhyWhileTheSubAccountIsBeingChanged(t *testing.T) {
	env := newProviderEnv(t, 30)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	release := env.b.Sync.Hold(env.sub.ID)
	err := env.b.Sync.SyncNow(env.sub.ID)
	if backend.ErrorCode(err) != backend.CodeConflict || !strings.Contains(errMsg(asBackendError(err)), "being disabled or deleted") {
		t.Errorf("sync while held: %v", err)
	}
	release()
	if p := env.syncNow(t); p.Error != nil || p.Calls != 30 {
		t.Errorf("after the hold: %+v", p)
	}
}
