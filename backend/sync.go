package backend

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strconv"
	"sync"
	"time"

	"switchboard/db"
	"switchboard/db/gen"
)

// Sync interval limits, in minutes.
const (
	DefaultSyncIntervalMin = 5
	MinSyncIntervalMin     = 1
	MaxSyncIntervalMin     = 24 * 60
	syncIntervalKey        = "sync.interval_minutes"
	// maxParallelSyncs bounds how many sub-accounts sync at once.
	maxParallelSyncs = 3
)

// Audit actions of call-log sync.
var (
	ActionSyncAuto     = defineAction("sync.auto", "Automatic sync")
	ActionSyncInterval = defineAction("sync.interval", "Sync interval")
)

// syncSettingsSubject names the agency-wide sync settings in the audit log.
var syncSettingsSubject = Subject{Kind: "sync_settings", ID: "agency", Name: "Call log sync"}

// SyncSettings are the agency-wide call-log sync settings.
type SyncSettings struct {
	IntervalMinutes int `json:"intervalMinutes"`
}

// SyncService runs call-log syncs: "Sync now" for one sub-account, and a
// background scheduler that polls every active sub-account with auto-sync on,
// a bounded number at a time. Progress goes out as EventSyncProgress and
// EventSyncDone events.
type SyncService struct {
	ctx      context.Context
	store    *db.Store
	run      *syncer
	events   Events
	runs     *runs
	adapters Adapters
	audit    auditor
	// health is whether the keychain answers: automatic sync waits while it
	// does not.
	health *keychainHealth
	sem    chan struct{}
	// wg counts the scheduler and the sync goroutines (until their last
	// event); runs counts the syncs.
	wg sync.WaitGroup

	// wake tells the scheduler a slot came free.
	wake chan struct{}

	mu      sync.Mutex
	started int64 // syncs started so far (numbers SyncProgress.Run)
}

// NewSyncService returns the service. runs is the registry of running syncs
// that the sub-account and provider areas share; health says whether the
// keychain answers; pause is the rest between pages (see
// Config.SyncPagePause).
func NewSyncService(ctx context.Context, store *db.Store, runs *runs, connector Connector, adapters Adapters, audit auditor,
	health *keychainHealth, events Events, now func() time.Time, pause time.Duration) *SyncService {
	s := &SyncService{
		ctx: ctx, store: store, events: events, runs: runs, adapters: adapters, audit: audit, health: health,
		run:  &syncer{store: store, connector: connector, health: health, events: events, now: now, pause: pause},
		sem:  make(chan struct{}, maxParallelSyncs),
		wake: make(chan struct{}, 1),
	}
	health.back = s.poke
	return s
}

// poke wakes the scheduler for a pass now.
func (s *SyncService) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// subAccountHooks stops a sub-account's sync before it is disabled or
// deleted, and keeps a new one from starting until the change is made.
func (s *SyncService) subAccountHooks() SubAccountHooks {
	return SubAccountHooks{Quiesce: s.runs.stop}
}

// SyncNow starts a sync of one sub-account at once and returns; progress and
// the result arrive as events. Errors: not_found, invalid (the connection's
// SyncStatus says why it cannot run: disabled, no provider, refused or
// missing credentials...), keychain (the keychain does not answer: nothing
// is recorded), conflict (already syncing).
func (s *SyncService) SyncNow(subAccountID int64) error {
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return err
	}
	conn, err := findConnection(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return err
	}
	facts, err := loadSyncFacts(s.ctx, s.store.Queries, s.adapters, sub, conn)
	if err != nil {
		return err
	}
	if st := deriveSync(facts); !st.CanSyncNow { // a running sync is the conflict below
		return Errorf(CodeInvalid, "%s", st.SyncNowReason)
	}
	if !s.health.answers() {
		return s.health.errDown()
	}
	if !s.start(subAccountID) {
		if s.runs.isHeld(subAccountID) {
			return Errorf(CodeConflict, "“%s” is being disabled or deleted; it cannot sync now.", sub.Name)
		}
		return Errorf(CodeConflict, "A sync of “%s” is already running.", sub.Name)
	}
	return nil
}

// start runs a sync in the background unless one is already running for
// that sub-account.
func (s *SyncService) start(id int64) bool {
	ctx, end, ok := s.runs.begin(id)
	if !ok {
		return false
	}
	s.mu.Lock()
	s.started++
	run := s.started
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		progress := s.runOne(ctx, id, run)
		// Deregistered before the window hears of the end: whatever it then
		// asks (Syncing, another sync) sees the run over.
		end()
		s.poke()
		s.events.Emit(EventSyncDone, progress)
	}()
	return true
}

// runOne waits for a slot and runs one sync; the progress carries the run's
// number and, when it failed, its coded error.
func (s *SyncService) runOne(ctx context.Context, id, run int64) SyncProgress {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done(): // stopped while waiting for a slot
		return SyncProgress{SubAccountID: id, Run: run,
			Error: Format(Errorf(CodeUnavailable, "%s", syncErrorMessage(context.Canceled)), nil)}
	}
	defer func() { <-s.sem }()
	progress, err := s.run.run(ctx, id, run)
	progress.Run = run
	if err != nil {
		progress.Error = Format(err, log.Printf)
	}
	return progress
}

// SetAutoSync turns automatic sync on or off for a sub-account, audited; a
// switch to what is already set changes nothing. Errors: not_found, invalid
// (no provider).
func (s *SyncService) SetAutoSync(subAccountID int64, on bool) error {
	v, word := int64(0), "off"
	if on {
		v, word = 1, "on"
	}
	return s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		conn, err := findConnection(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		if conn == nil {
			return errNoProvider()
		}
		if err := tx.EnsureSyncState(s.ctx, subAccountID); err != nil {
			return Internal("change automatic sync", err)
		}
		st, err := tx.GetSyncState(s.ctx, subAccountID)
		if err != nil {
			return Internal("change automatic sync", err)
		}
		if st.AutoSync == v {
			return nil
		}
		if err := tx.SetAutoSync(s.ctx, gen.SetAutoSyncParams{AutoSync: v, SubAccountID: subAccountID}); err != nil {
			return Internal("change automatic sync", err)
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionSyncAuto, SubAccount: refOf(sub),
			Summary: fmt.Sprintf("Turned automatic sync %s for %s", word, providerName(conn.Provider))}); err != nil {
			return Internal("change automatic sync", err)
		}
		return nil
	})
}

// Settings returns the agency-wide sync settings.
func (s *SyncService) Settings() (SyncSettings, error) {
	n, err := syncInterval(s.ctx, s.store.Queries)
	if err != nil {
		return SyncSettings{}, err
	}
	return SyncSettings{IntervalMinutes: n}, nil
}

// syncInterval reads the agency-wide interval, in minutes, through q.
func syncInterval(ctx context.Context, q db.Queries) (int, error) {
	v, err := q.GetAppSetting(ctx, syncIntervalKey)
	if errors.Is(err, db.ErrNoRows) {
		return DefaultSyncIntervalMin, nil
	}
	if err != nil {
		return 0, Internal("load the sync settings", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < MinSyncIntervalMin || n > MaxSyncIntervalMin {
		n = DefaultSyncIntervalMin
	}
	return n, nil
}

// SaveSettings changes how often automatic sync polls, audited as an
// agency-wide change; saving the interval already set changes nothing.
// Errors: invalid on field "intervalMinutes" (nothing is changed).
func (s *SyncService) SaveSettings(in SyncSettings) (SyncSettings, error) {
	if in.IntervalMinutes < MinSyncIntervalMin || in.IntervalMinutes > MaxSyncIntervalMin {
		return SyncSettings{}, FieldError("intervalMinutes",
			fmt.Sprintf("Sync interval must be a whole number of minutes between %d and %d.", MinSyncIntervalMin, MaxSyncIntervalMin))
	}
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		cur, err := syncInterval(s.ctx, tx.Queries)
		if err != nil {
			return err
		}
		if cur == in.IntervalMinutes {
			return nil
		}
		if err := tx.SetAppSetting(s.ctx, gen.SetAppSettingParams{Key: syncIntervalKey, Value: strconv.Itoa(in.IntervalMinutes)}); err != nil {
			return Internal("save the sync settings", err)
		}
		return s.audit.record(s.ctx, tx, Entry{Action: ActionSyncInterval, Subject: syncSettingsSubject,
			Summary: fmt.Sprintf("Sync interval: every %s, was every %s", pluralMinutes(in.IntervalMinutes), pluralMinutes(cur))})
	})
	if err != nil {
		return SyncSettings{}, asError(err, "save the sync settings")
	}
	return in, nil
}

// startScheduler polls for due sub-accounts every tick until Close.
func (s *SyncService) startScheduler(tick time.Duration, now func() time.Time) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			s.schedule(now())
			select {
			case <-s.ctx.Done():
				return
			case <-t.C:
			case <-s.wake:
			}
		}
	}()
}

// schedule starts syncs of the sub-accounts whose last attempt is older than
// the interval, least recently tried first, as many as there are free slots:
// a thousand due sub-accounts never become a thousand waiting goroutines.
// Each finished sync wakes the scheduler to fill its slot. While the
// keychain does not answer (probed again on each pass), it starts none: no
// credentials could be read. It returns how many syncs it started.
func (s *SyncService) schedule(now time.Time) (started int) {
	if !s.health.answers() {
		return 0
	}
	running := s.runs.count()
	free := maxParallelSyncs - running
	if free <= 0 {
		return 0
	}
	settings, err := s.Settings()
	if err != nil {
		log.Printf("sync scheduler: %v", err)
		return 0
	}
	due, err := s.store.ListAutoSyncDue(s.ctx, gen.ListAutoSyncDueParams{
		SyncedBefore: now.Add(-time.Duration(settings.IntervalMinutes) * time.Minute).UnixMilli(),
		MaxRows:      int64(free + running), // the running ones are still due until they finish
	})
	if err != nil {
		if s.ctx.Err() == nil {
			log.Printf("sync scheduler: %v", err)
		}
		return 0
	}
	// One sync reads a shared provider account for every sub-account on it:
	// a pass starts at most one per account, and none while one runs.
	busy := s.runningAccounts()
	for _, d := range due {
		if started == free {
			break
		}
		account := d.Provider + "\x00" + d.AccountKey
		if d.AccountKey != "" && busy[account] {
			continue
		}
		if s.start(d.SubAccountID) {
			started++
			busy[account] = true
		}
	}
	return started
}

// runningAccounts are the provider accounts of the syncs running now.
func (s *SyncService) runningAccounts() map[string]bool {
	out := map[string]bool{}
	for _, id := range s.runs.ids() {
		if conn, err := s.store.GetProviderConnection(s.ctx, id); err == nil && conn.AccountKey != "" {
			out[conn.Provider+"\x00"+conn.AccountKey] = true
		}
	}
	return out
}

// wait blocks until the scheduler and every sync started have returned (the
// context must be cancelled first for a prompt return).
func (s *SyncService) wait() {
	s.wg.Wait()
	s.runs.wait()
}
