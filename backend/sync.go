package backend

import (
	"context"
	"errors"
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

// SyncSettings are the agency-wide call-log sync settings.
type SyncSettings struct {
	IntervalMinutes int `json:"intervalMinutes"`
}

// SyncService runs call-log syncs: "Sync now" for one sub-account, and a
// background scheduler that polls every active sub-account with auto-sync on,
// a bounded number at a time. Progress goes out as EventSyncProgress and
// EventSyncDone events.
type SyncService struct {
	ctx    context.Context
	store  *db.Store
	run    *syncer
	events Events
	// health is whether the keychain answers: automatic sync waits while it
	// does not.
	health *keychainHealth
	runs   *runs
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
func NewSyncService(ctx context.Context, store *db.Store, runs *runs, connector Connector, health *keychainHealth, events Events, now func() time.Time, pause time.Duration) *SyncService {
	s := &SyncService{
		ctx: ctx, store: store, events: events, runs: runs, health: health,
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
// the result arrive as events. Errors: not_found, invalid (disabled, or no
// provider), keychain (the keychain does not answer: nothing is recorded),
// conflict (already syncing).
func (s *SyncService) SyncNow(subAccountID int64) error {
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return err
	}
	if err := syncable(s.ctx, s.store.Queries, sub); err != nil {
		return err
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

// syncable refuses a sync of a disabled sub-account or of one without a
// provider. Errors: invalid.
func syncable(ctx context.Context, q db.Queries, sub gen.SubAccount) error {
	if sub.Status != StatusActive {
		return Errorf(CodeInvalid, "“%s” is disabled; enable it to sync its calls.", sub.Name)
	}
	conn, err := findConnection(ctx, q, sub.ID)
	if err != nil {
		return err
	}
	if conn == nil {
		return errNoProvider()
	}
	return nil
}

// SetAutoSync turns automatic sync on or off for a sub-account.
// Errors: not_found, invalid (no provider).
func (s *SyncService) SetAutoSync(subAccountID int64, on bool) error {
	v := int64(0)
	if on {
		v = 1
	}
	return s.store.InTx(s.ctx, func(tx *db.Tx) error {
		if _, err := getSubAccount(s.ctx, tx.Queries, subAccountID); err != nil {
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
		if err := tx.SetAutoSync(s.ctx, gen.SetAutoSyncParams{AutoSync: v, SubAccountID: subAccountID}); err != nil {
			return Internal("change automatic sync", err)
		}
		return nil
	})
}

// Settings returns the agency-wide sync settings.
func (s *SyncService) Settings() (SyncSettings, error) {
	v, err := s.store.GetAppSetting(s.ctx, syncIntervalKey)
	if errors.Is(err, db.ErrNoRows) {
		return SyncSettings{IntervalMinutes: DefaultSyncIntervalMin}, nil
	}
	if err != nil {
		return SyncSettings{}, Internal("load the sync settings", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < MinSyncIntervalMin || n > MaxSyncIntervalMin {
		n = DefaultSyncIntervalMin
	}
	return SyncSettings{IntervalMinutes: n}, nil
}

// SaveSettings changes how often automatic sync polls.
// Errors: invalid on field "intervalMinutes".
func (s *SyncService) SaveSettings(in SyncSettings) (SyncSettings, error) {
	if in.IntervalMinutes < MinSyncIntervalMin || in.IntervalMinutes > MaxSyncIntervalMin {
		return SyncSettings{}, FieldError("intervalMinutes", "Sync interval must be between 1 and 1440 minutes.")
	}
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		return tx.SetAppSetting(s.ctx, gen.SetAppSettingParams{Key: syncIntervalKey, Value: strconv.Itoa(in.IntervalMinutes)})
	})
	if err != nil {
		return SyncSettings{}, Internal("save the sync settings", err)
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
