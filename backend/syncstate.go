package backend

import (
	"context"
	"errors"
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// Sync states of a connection.
const (
	SyncOn     = "on"
	SyncOff    = "off"
	SyncPaused = "paused"
)

// Tabs of the sub-account where the step that resumes sync is taken.
const (
	TabGeneral  = "general"
	TabProvider = "provider"
)

// SyncStatus is a connection's call-log sync, decided once here and shown
// the same on every screen: on, off (the admin's choice, or no provider),
// or paused (automatic sync is chosen but something stops it), with the
// reason, the step that resumes it, and whether "Sync now" can run.
type SyncStatus struct {
	State string "json:\"state\" ts_type:\"'on' | 'off' | 'paused'\""
	// Summary is one sentence that says the state.
	Summary string `json:"summary"`
	// Reason is what stops sync; "" when nothing does.
	Reason string `json:"reason"`
	// Resume is the step that removes Reason, and ResumeTab the sub-account
	// tab where it is taken ("general", "provider"); both "" without a Reason.
	Resume    string `json:"resume"`
	ResumeTab string "json:\"resumeTab\" ts_type:\"'' | 'general' | 'provider'\""
	// CanToggle says whether the automatic sync switch can be used.
	CanToggle bool `json:"canToggle"`
	// CanSyncNow says whether "Sync now" can run; SyncNowReason says why not.
	CanSyncNow    bool   `json:"canSyncNow"`
	SyncNowReason string `json:"syncNowReason"`
	// IntervalMinutes is the agency-wide interval automatic sync polls at.
	IntervalMinutes int `json:"intervalMinutes"`
}

// syncFacts are what decides a connection's SyncStatus.
type syncFacts struct {
	hasProvider  bool
	supported    bool // this version has an adapter for the provider
	active       bool // the sub-account is enabled
	autoSync     bool // the admin's choice
	paused       bool // the last sync failed in a way only the admin can fix
	invalid      bool // the provider refused the saved credentials
	syncing      bool
	providerName string
	lastError    string
	interval     int
}

// blocker is what stops a connection's sync, and the step that lifts it.
type blocker struct{ reason, resume, tab string }

// stop returns what stops sync of a connection, nil when nothing does. The
// first that applies wins: the step it names is the one to take first.
func (f syncFacts) stop() *blocker {
	switch {
	case !f.active:
		return &blocker{"This sub-account is inactive; inactive sub-accounts do not sync.", "Enable it in General.", TabGeneral}
	case !f.supported:
		return &blocker{fmt.Sprintf("%s is not supported by this version.", f.providerName),
			"Connect a supported provider in Provider Credentials.", TabProvider}
	case f.invalid:
		return &blocker{fmt.Sprintf("%s refused the saved credentials.", f.providerName),
			"Save working credentials in Provider Credentials.", TabProvider}
	case f.paused:
		reason := f.lastError
		if reason == "" {
			reason = "The last sync failed in a way that trying again cannot fix."
		}
		return &blocker{reason, "Save the credentials again in Provider Credentials.", TabProvider}
	}
	return nil
}

// deriveSync decides the SyncStatus of a connection.
func deriveSync(f syncFacts) SyncStatus {
	out := SyncStatus{IntervalMinutes: f.interval}
	if !f.hasProvider {
		out.State = SyncOff
		out.Summary = "Automatic sync starts once a voice provider is connected."
		out.Reason, out.Resume, out.ResumeTab = "No voice provider is connected.", "Connect one in Provider Credentials.", TabProvider
		out.SyncNowReason = "Connect a voice provider in Provider Credentials first."
		return out
	}
	b := f.stop()
	if b != nil {
		out.Reason, out.Resume, out.ResumeTab = b.reason, b.resume, b.tab
		out.SyncNowReason = b.reason + " " + b.resume
	}
	switch {
	case f.autoSync && b != nil:
		out.State = SyncPaused
		out.Summary = "Automatic sync is paused."
	case f.autoSync:
		out.State = SyncOn
		out.Summary = fmt.Sprintf("Automatic sync is on: polls %s for new calls every %s. No webhook URL is needed.",
			f.providerName, pluralMinutes(f.interval))
		out.CanToggle = true
	default:
		out.State = SyncOff
		out.Summary = "Automatic sync is off: new calls arrive only with Sync now."
		out.CanToggle = true
	}
	switch {
	case b != nil:
	case f.syncing:
		out.SyncNowReason = "A sync is running."
	default:
		out.CanSyncNow = true
	}
	return out
}

func pluralMinutes(n int) string {
	if n == 1 {
		return "minute"
	}
	return fmt.Sprintf("%d minutes", n)
}

// loadSyncFacts reads, through q, what decides the sync of the sub-account
// whose connection is conn (nil: none).
func loadSyncFacts(ctx context.Context, q db.Queries, adapters Adapters, sub gen.SubAccount, conn *gen.ProviderConnection) (syncFacts, error) {
	interval, err := syncInterval(ctx, q)
	if err != nil {
		return syncFacts{}, err
	}
	f := syncFacts{active: sub.Status == StatusActive, interval: interval}
	if conn == nil {
		return f, nil
	}
	_, f.supported = adapters[conn.Provider]
	f.hasProvider, f.providerName, f.invalid = true, providerName(conn.Provider), conn.State == StateInvalid
	st, err := q.GetSyncState(ctx, sub.ID)
	if err == nil {
		f.autoSync, f.paused, f.lastError = st.AutoSync == 1, st.Paused == 1, st.LastError
	} else if !errors.Is(err, db.ErrNoRows) {
		return syncFacts{}, Internal("load the sync state", err)
	}
	return f, nil
}
