package backend_test

import (
	"strings"
	"testing"
	"time"

	"switchboard/backend"
)

// auditOf lists the audit entries of one action, newest first.
func auditOf(t *testing.T, b *backend.Backend, action string) []backend.AuditEntry {
	t.Helper()
	page, err := b.Audit.List(backend.AuditQuery{Action: action, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func TestSyncIntervalChangesAreAuditedAgencyWide(t *testing.T) {
	env := newProviderEnv(t, 1)
	if _, err := env.b.Sync.SaveSettings(backend.SyncSettings{IntervalMinutes: 15}); err != nil {
		t.Fatal(err)
	}
	got := auditOf(t, env.b, "sync.interval")
	if len(got) != 1 {
		t.Fatalf("%d entries for a change of the interval", len(got))
	}
	if e := got[0]; e.SubAccountID != 0 || e.SubAccountName != "" || e.SubjectName != "Call log sync" ||
		e.Summary != "Sync interval: every 15 minutes, was every 5 minutes" || e.ActionLabel != "Sync interval" {
		t.Errorf("entry %+v", e)
	}
	// Saving what is set changes nothing.
	if _, err := env.b.Sync.SaveSettings(backend.SyncSettings{IntervalMinutes: 15}); err != nil {
		t.Fatal(err)
	}
	if n := len(auditOf(t, env.b, "sync.interval")); n != 1 {
		t.Errorf("saving the same interval wrote an entry: %d", n)
	}
	for _, bad := range []int{0, -3, 1441} {
		_, err := env.b.Sync.SaveSettings(backend.SyncSettings{IntervalMinutes: bad})
		msg := fieldErr(t, err, backend.CodeInvalid, "intervalMinutes")
		if !strings.Contains(msg, "Sync interval") || !strings.Contains(msg, "between 1 and 1440") {
			t.Errorf("interval %d refused with %q", bad, msg)
		}
	}
	if s, _ := env.b.Sync.Settings(); s.IntervalMinutes != 15 {
		t.Errorf("a refused interval changed the settings: %+v", s)
	}
	if n := len(auditOf(t, env.b, "sync.interval")); n != 1 {
		t.Errorf("a refused interval was audited: %d entries", n)
	}
	conn, _ := env.b.Providers.Get(env.sub.ID)
	if conn.Sync.IntervalMinutes != 15 {
		t.Errorf("the connection's sync says every %d minutes", conn.Sync.IntervalMinutes)
	}
}

func TestAutomaticSyncSwitchIsAudited(t *testing.T) {
	env := newProviderEnv(t, 1)
	if _, err := env.save(t, retellKey); err != nil { // a new connection syncs automatically
		t.Fatal(err)
	}
	if err := env.b.Sync.SetAutoSync(env.sub.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := env.b.Sync.SetAutoSync(env.sub.ID, false); err != nil { // already off: nothing changes
		t.Fatal(err)
	}
	if err := env.b.Sync.SetAutoSync(env.sub.ID, true); err != nil {
		t.Fatal(err)
	}
	got := auditOf(t, env.b, "sync.auto")
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2: %+v", len(got), got)
	}
	for i, want := range []string{"Turned automatic sync on for Retell AI", "Turned automatic sync off for Retell AI"} {
		if e := got[i]; e.Summary != want || e.SubAccountID != env.sub.ID || e.SubAccountName != env.sub.Name {
			t.Errorf("entry %d %+v, want %q on the sub-account", i, e, want)
		}
	}
}

func TestConnectionSyncStatus(t *testing.T) {
	env := newProviderEnv(t, 3)
	if conn, _ := env.b.Providers.Get(env.sub.ID); conn.Sync.State != backend.SyncOff || conn.Sync.CanSyncNow || conn.Sync.CanToggle {
		t.Fatalf("no provider: %+v", conn.Sync)
	}
	conn, err := env.save(t, retellKey)
	if err != nil {
		t.Fatal(err)
	}
	if conn.Sync.State != backend.SyncOn || !conn.Sync.CanSyncNow || !strings.Contains(conn.Sync.Summary, "every 5 minutes") {
		t.Fatalf("connected: %+v", conn.Sync)
	}
	env.b.Sync.SetAutoSync(env.sub.ID, false)
	if conn, _ = env.b.Providers.Get(env.sub.ID); conn.Sync.State != backend.SyncOff || strings.Contains(conn.Sync.Summary, "every") {
		t.Errorf("turned off: %+v", conn.Sync)
	}
	env.b.Sync.SetAutoSync(env.sub.ID, true)

	t.Run("refused credentials pause it, and Sync now is refused with the reason", func(t *testing.T) {
		env.retell.Key = "key_rotated_rotated_rotated"
		env.syncNow(t)
		conn, _ := env.b.Providers.Get(env.sub.ID)
		if conn.Sync.State != backend.SyncPaused || conn.Sync.CanSyncNow || conn.Sync.ResumeTab != backend.TabProvider {
			t.Fatalf("after a refusal: %+v", conn.Sync)
		}
		err := env.b.Sync.SyncNow(env.sub.ID)
		if backend.ErrorCode(err) != backend.CodeInvalid || !strings.Contains(err.Error(), "refused the saved credentials") {
			t.Errorf("sync now of refused credentials: %v", err)
		}
		if conn, _ = env.save(t, "key_rotated_rotated_rotated"); conn.Sync.State != backend.SyncOn {
			t.Errorf("after saving working credentials: %+v", conn.Sync)
		}
	})
	t.Run("refused credentials are not polled", func(t *testing.T) {
		if _, err := env.b.Store.SQL().Exec("UPDATE provider_connections SET state = 'invalid' WHERE sub_account_id = ?", env.sub.ID); err != nil {
			t.Fatal(err)
		}
		env.clock.advance(24 * time.Hour)
		if n := env.b.Sync.ScheduleOnce(env.clock.now()); n != 0 {
			t.Errorf("the scheduler polled refused credentials: %d started", n)
		}
		if conn, _ := env.b.Providers.Get(env.sub.ID); conn.Sync.State != backend.SyncPaused {
			t.Errorf("refused credentials: %+v", conn.Sync)
		}
		env.save(t, "key_rotated_rotated_rotated")
	})
	t.Run("an inactive sub-account is paused until enabled", func(t *testing.T) {
		if _, err := env.b.SubAccounts.Disable(env.sub.ID); err != nil {
			t.Fatal(err)
		}
		conn, _ := env.b.Providers.Get(env.sub.ID)
		if conn.Sync.State != backend.SyncPaused || conn.Sync.ResumeTab != backend.TabGeneral || conn.Sync.CanSyncNow {
			t.Errorf("inactive: %+v", conn.Sync)
		}
		env.b.SubAccounts.Enable(env.sub.ID)
		if conn, _ = env.b.Providers.Get(env.sub.ID); conn.Sync.State != backend.SyncOn {
			t.Errorf("enabled again: %+v", conn.Sync)
		}
	})
}
