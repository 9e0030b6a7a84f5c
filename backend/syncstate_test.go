package backend

import (
	"strings"
	"testing"
)

func TestSyncStatusDerivation(t *testing.T) {
	ok := syncFacts{hasProvider: true, supported: true, active: true, autoSync: true, providerName: "Retell AI", interval: 5}
	with := func(change func(*syncFacts)) syncFacts {
		f := ok
		change(&f)
		return f
	}
	cases := []struct {
		name    string
		facts   syncFacts
		state   string
		toggle  bool
		syncNow bool
		tab     string
		summary string // a part of the summary
		why     string // a part of the reason Sync now cannot run
	}{
		{"on", ok, SyncOn, true, true, "", "polls Retell AI for new calls every 5 minutes", ""},
		{"on, every minute", with(func(f *syncFacts) { f.interval = 1 }), SyncOn, true, true, "", "every minute.", ""},
		{"off by choice", with(func(f *syncFacts) { f.autoSync = false }), SyncOff, true, true, "", "only with Sync now", ""},
		{"on while a sync runs", with(func(f *syncFacts) { f.syncing = true }), SyncOn, true, false, "", "is on", "A sync is running."},
		{"no provider", syncFacts{active: true, interval: 5}, SyncOff, false, false, TabProvider, "once a voice provider is connected", "Connect a voice provider"},
		{"no provider, inactive", syncFacts{interval: 5}, SyncOff, false, false, TabProvider, "once a voice provider is connected", "Connect a voice provider"},
		{"inactive", with(func(f *syncFacts) { f.active = false }), SyncPaused, false, false, TabGeneral, "paused", "inactive"},
		{"inactive, off", with(func(f *syncFacts) { f.active, f.autoSync = false, false }), SyncOff, true, false, TabGeneral, "is off", "inactive"},
		{"refused credentials", with(func(f *syncFacts) { f.invalid = true }), SyncPaused, false, false, TabProvider, "paused", "Retell AI refused the saved credentials"},
		{"refused credentials, off", with(func(f *syncFacts) { f.invalid, f.autoSync = true, false }), SyncOff, true, false, TabProvider, "is off", "refused"},
		{"paused by the last sync", with(func(f *syncFacts) {
			f.paused, f.lastError = true, "The saved credentials are missing from the keychain; save them again."
		}),
			SyncPaused, false, false, TabProvider, "paused", "missing from the keychain"},
		{"paused without a message", with(func(f *syncFacts) { f.paused = true }), SyncPaused, false, false, TabProvider, "paused", "cannot fix"},
		{"paused and refused", with(func(f *syncFacts) { f.paused, f.invalid = true, true }), SyncPaused, false, false, TabProvider, "paused", "refused"},
		{"unsupported provider", with(func(f *syncFacts) { f.supported = false }), SyncPaused, false, false, TabProvider, "paused", "not supported"},
		{"inactive comes first", with(func(f *syncFacts) { f.active, f.invalid, f.paused = false, true, true }), SyncPaused, false, false, TabGeneral, "paused", "inactive"},
		{"paused while a sync runs", with(func(f *syncFacts) { f.paused, f.syncing = true, true }), SyncPaused, false, false, TabProvider, "paused", "Save the credentials again"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := deriveSync(c.facts)
			if got.State != c.state || got.CanToggle != c.toggle || got.CanSyncNow != c.syncNow || got.ResumeTab != c.tab {
				t.Fatalf("got state %q toggle %v sync now %v tab %q, want %q %v %v %q (%+v)",
					got.State, got.CanToggle, got.CanSyncNow, got.ResumeTab, c.state, c.toggle, c.syncNow, c.tab, got)
			}
			if !strings.Contains(got.Summary, c.summary) {
				t.Errorf("summary %q, want it to say %q", got.Summary, c.summary)
			}
			if got.CanSyncNow != (got.SyncNowReason == "") || !strings.Contains(got.SyncNowReason, c.why) {
				t.Errorf("sync now reason %q, want it to say %q", got.SyncNowReason, c.why)
			}
			// Whatever stops sync is said with the step that lifts it.
			if (got.Reason == "") != (got.Resume == "") || (got.Reason == "") != (got.ResumeTab == "") {
				t.Errorf("reason %q, resume %q, tab %q", got.Reason, got.Resume, got.ResumeTab)
			}
			if got.State == SyncPaused && (got.Reason == "" || got.CanSyncNow) {
				t.Errorf("paused without its reason, or Sync now possible: %+v", got)
			}
			if got.State != SyncOn && strings.Contains(got.Summary, "every") {
				t.Errorf("not on, yet it says it polls: %q", got.Summary)
			}
			if got.IntervalMinutes != c.facts.interval {
				t.Errorf("interval %d", got.IntervalMinutes)
			}
		})
	}
}
