package backend

import (
	"context"
	"database/sql"
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
	sem    chan struct{}
	wg     sync.WaitGroup

	// wake tells the scheduler a slot came free.
	wake chan struct{}

	mu       sync.Mutex
	inFlight map[int64]bool
	runs     int64 // syncs started so far (numbers SyncProgress.Run)
}

func newSyncService(ctx context.Context, store *db.Store, connector Connector, events Events, now func() time.Time, pause time.Duration) *SyncService {
	return &SyncService{
		ctx: ctx, store: store, events: events,
		run:      &syncer{store: store, connector: connector, events: events, now: now, pause: pause},
		sem:      make(chan struct{}, maxParallelSyncs),
		wake:     make(chan struct{}, 1),
		inFlight: map[int64]bool{},
	}
}

// syncing reports whether a sync of the sub-account is running.
func (s *SyncService) syncing(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inFlight[id]
}

// SyncNow starts a sync of one sub-account at once and returns; progress and
// the result arrive as events. Errors: not_found, invalid (disabled, or no
// provider), conflict (already syncing).
func (s *SyncService) SyncNow(subAccountID int64) error {
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return err
	}
	if sub.Status != StatusActive {
		return Errorf(CodeInvalid, "“%s” is disabled; enable it to sync its calls.", sub.Name)
	}
	if _, err := s.store.GetProviderConnection(s.ctx, subAccountID); errors.Is(err, sql.ErrNoRows) {
		return Errorf(CodeInvalid, "Connect a voice provider first.")
	}
	if !s.start(subAccountID) {
		return Errorf(CodeConflict, "A sync of “%s” is already running.", sub.Name)
	}
	return nil
}

// start runs a sync in the background unless one is already running for
// that sub-account.
func (s *SyncService) start(id int64) bool {
	s.mu.Lock()
	if s.inFlight[id] || s.ctx.Err() != nil {
		s.mu.Unlock()
		return false
	}
	s.inFlight[id] = true
	s.runs++
	run := s.runs
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		defer func() {
			s.mu.Lock()
			delete(s.inFlight, id)
			s.mu.Unlock()
			select {
			case s.wake <- struct{}{}:
			default:
			}
		}()
		select {
		case s.sem <- struct{}{}:
		case <-s.ctx.Done():
			return
		}
		defer func() { <-s.sem }()
		progress, err := s.run.run(s.ctx, id, run)
		progress.Run = run
		if err != nil {
			progress.Error = Format(err, log.Printf).Message
		}
		s.events.Emit(EventSyncDone, progress)
	}()
	return true
}

// SetAutoSync turns automatic sync on or off for a sub-account.
// Errors: not_found, invalid (no provider).
func (s *SyncService) SetAutoSync(subAccountID int64, on bool) error {
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return err
	}
	if _, err := s.store.GetProviderConnection(s.ctx, subAccountID); errors.Is(err, sql.ErrNoRows) {
		return Errorf(CodeInvalid, "Connect a voice provider first.")
	}
	v := int64(0)
	if on {
		v = 1
	}
	if err := s.store.EnsureSyncState(s.ctx, subAccountID); err != nil {
		return Internal("change automatic sync", err)
	}
	if err := s.store.SetAutoSync(s.ctx, gen.SetAutoSyncParams{AutoSync: v, SubAccountID: subAccountID}); err != nil {
		return Internal("change automatic sync", err)
	}
	return nil
}

// Settings returns the agency-wide sync settings.
func (s *SyncService) Settings() (SyncSettings, error) {
	v, err := s.store.GetAppSetting(s.ctx, syncIntervalKey)
	if errors.Is(err, sql.ErrNoRows) {
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
	if err := s.store.SetAppSetting(s.ctx, gen.SetAppSettingParams{Key: syncIntervalKey, Value: strconv.Itoa(in.IntervalMinutes)}); err != nil {
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
// Each finished sync wakes the scheduler to fill its slot.
func (s *SyncService) schedule(now time.Time) {
	s.mu.Lock()
	running := len(s.inFlight)
	s.mu.Unlock()
	free := maxParallelSyncs - running
	if free <= 0 {
		return
	}
	settings, err := s.Settings()
	if err != nil {
		log.Printf("sync scheduler: %v", err)
		return
	}
	due, err := s.store.ListAutoSyncDue(s.ctx, gen.ListAutoSyncDueParams{
		SyncedBefore: now.Add(-time.Duration(settings.IntervalMinutes) * time.Minute).UnixMilli(),
		MaxRows:      int64(free + running), // the running ones are still due until they finish
	})
	if err != nil {
		if s.ctx.Err() == nil {
			log.Printf("sync scheduler: %v", err)
		}
		return
	}
	for _, id := range due {
		if free == 0 {
			return
		}
		if s.start(id) {
			free--
		}
	}
}

// wait blocks until every sync started has returned (the context must be
// cancelled first for a prompt return).
func (s *SyncService) wait() { s.wg.Wait() }
