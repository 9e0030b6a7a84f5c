package backend

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// Sync windows.
const (
	// firstSyncLookback is how far back the first sync of a sub-account reads.
	firstSyncLookback = 90 * 24 * time.Hour
	// syncOverlap re-reads calls this far before the newest one stored: calls
	// that were still in progress, or that the provider indexed late, are
	// picked up, and de-duplication makes the overlap harmless. A day also
	// covers Twilio's day-granular filters.
	syncOverlap = 24 * time.Hour
)

// SyncProgress is the payload of EventSyncProgress and EventSyncDone. Run
// numbers the syncs of this process in the order they started: events can
// arrive out of order, and a progress event of a run already done is stale.
//
// Calls counts the calls stored for this sub-account. On a provider account
// shared with other sub-accounts the account is read once for all of them:
// Shared counts the calls routed to the others, Unassigned those of agents
// and numbers nobody owns. Requests counts the provider requests that read
// calls so far (lists and per-call details).
type SyncProgress struct {
	SubAccountID int64 `json:"subAccountId"`
	Run          int64 `json:"run"`
	Pages        int   `json:"pages"`
	Requests     int   `json:"requests"`
	Calls        int   `json:"calls"`
	Shared       int   `json:"shared"`
	Unassigned   int   `json:"unassigned"`
	Done         bool  `json:"done"`
	// Error is why a finished sync failed; null on success and in progress events.
	Error *Error `json:"error" ts_type:"Error | null"`
}

// syncer runs one sub-account's call-log sync. Each page of calls is stored
// in one transaction together with the cursor of the next page, so a run
// killed at any point resumes where it stopped, without gaps or duplicates
// (calls are upserted on (provider, provider call id)).
type syncer struct {
	store     *db.Store
	connector Connector
	health    *keychainHealth
	events    Events
	now       func() time.Time
	// pause is a rest between pages while the window is in use (see
	// SyncPagePause and windowActivity).
	pause    time.Duration
	activity *windowActivity
	// books charges the licenses the calls each page stores.
	books *licenseBooks
}

// run syncs one sub-account to the end of its window.
func (s *syncer) run(ctx context.Context, id, run int64) (SyncProgress, error) {
	progress := SyncProgress{SubAccountID: id, Run: run}
	// A first look spares the keychain; begin reads again and decides.
	sub, err := getSubAccount(ctx, s.store.Queries, id)
	if err != nil {
		return progress, err
	}
	if err := syncable(ctx, s.store.Queries, sub); err != nil {
		return progress, err
	}
	adapter, creds, err := s.connector.Connect(ctx, id)
	var unusable *Error
	if errors.As(err, &unusable) && unusable.Code == CodeKeychain {
		// The keychain, not the provider: nothing is recorded against the
		// sub-account, and automatic sync waits until the keychain answers.
		s.health.failed(unusable.cause)
		return progress, s.health.errDown()
	}
	if err != nil {
		// Recorded like a provider failure, so the scheduler waits an interval
		// (or, with no credentials to use, until they are saved) before trying again.
		return progress, s.fail(id, err)
	}
	providerID := adapter.Info().ID
	// The agents route the calls: read them first, unless read lately. A
	// failed read keeps the agents stored before and the calls still sync
	// (the Agents section's Refresh says why); refused credentials or a
	// stopped app end the run as any provider failure does.
	if !agentsFresh(ctx, s.store.Queries, id, s.now()) {
		if err := refreshAgents(ctx, s.store, adapter, creds, id, s.now()); err != nil {
			if provider.KindOf(err) == provider.KindUnauthorized || ctx.Err() != nil {
				return progress, s.fail(id, err)
			}
			log.Printf("sync %d: agents not read (%s); routing with the agents stored", id, provider.KindOf(err))
		}
	}
	window, cursor, err := s.begin(ctx, id)
	if err != nil {
		return progress, err
	}
	pages, stop := fetchPages(ctx, adapter, creds, window, cursor)
	defer stop()
	guard := newLoopGuard(adapter.Info().Name, window, cursor)
	finished := false
	for f := range pages {
		if errors.Is(f.err, provider.ErrPageRepeated) { // the adapter's own cursor saw the loop
			return progress, s.fail(id, guard.repeated())
		}
		if f.err != nil {
			return progress, s.fail(id, f.err)
		}
		if err := guard.check(f.page); err != nil {
			return progress, s.fail(id, err)
		}
		n, err := s.storePage(ctx, id, providerID, f.page)
		if err != nil {
			if ctx.Err() != nil {
				return progress, s.fail(id, ctx.Err())
			}
			return progress, Internal("store the synced calls", err)
		}
		progress.Pages++
		progress.Requests += f.page.Requests
		progress.Calls += n.own
		progress.Shared += n.others
		progress.Unassigned += n.unassigned
		s.events.Emit(EventSyncProgress, progress)
		finished = f.page.Next == ""
		if !finished && s.pause > 0 && s.activity.recent() {
			// Leave the database and a core to the window between pages: a
			// long sync must not make the list feel slow.
			select {
			case <-time.After(s.pause):
			case <-ctx.Done():
			}
		}
	}
	if !finished { // stopped (the app is closing): the run resumes next time
		return progress, s.fail(id, context.Canceled)
	}
	if err := s.finish(ctx, id); err != nil {
		return progress, err
	}
	progress.Done = true
	return progress, nil
}

type fetched struct {
	page provider.Page
	err  error
}

// fetchPages reads pages from the provider one ahead of the caller, so that
// the next page downloads while this one is stored. stop cancels the reader
// and waits for it.
func fetchPages(ctx context.Context, a provider.Adapter, c provider.Credentials, w provider.Window, cursor string) (<-chan fetched, func()) {
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan fetched, 1)
	go func() {
		defer close(out)
		for {
			page, err := a.ListCalls(ctx, c, w, cursor)
			select {
			case out <- fetched{page, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || page.Next == "" {
				return
			}
			cursor = page.Next
		}
	}()
	return out, func() {
		cancel()
		for range out {
		}
	}
}

// begin reads, in one transaction, whether the sub-account may sync and
// where the run starts: the interrupted run's window and cursor when there
// is one, else a new run from the watermark less the overlap, recorded.
func (s *syncer) begin(ctx context.Context, id int64) (w provider.Window, cursor string, err error) {
	err = s.store.InTx(ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if err := syncable(ctx, tx.Queries, sub); err != nil {
			return err
		}
		if err := tx.EnsureSyncState(ctx, id); err != nil {
			return Internal("start the sync", err)
		}
		st, err := tx.GetSyncState(ctx, id)
		if err != nil {
			return Internal("start the sync", err)
		}
		if st.RunSince != nil && st.RunUntil != nil {
			w = provider.Window{Since: time.UnixMilli(*st.RunSince).UTC(), Until: time.UnixMilli(*st.RunUntil).UTC()}
			cursor = st.RunCursor
			return nil
		}
		now := s.now().UTC()
		since, err := poolSince(ctx, tx, id, now)
		if err != nil {
			return Internal("start the sync", err)
		}
		w = provider.Window{Since: since, Until: now}
		if err := tx.BeginSyncRun(ctx, gen.BeginSyncRunParams{
			RunSince: ptr(w.Since.UnixMilli()), RunUntil: ptr(w.Until.UnixMilli()), SubAccountID: id,
		}); err != nil {
			return Internal("start the sync", err)
		}
		return nil
	})
	return w, cursor, err
}

// poolSince is where a new run of id starts: a little before the newest
// call stored (the overlap), or the first sync's look-back. On a shared
// provider account the run reads for every sub-account on it, so it starts
// where the one furthest behind needs it to.
func poolSince(ctx context.Context, tx *db.Tx, id int64, now time.Time) (time.Time, error) {
	ids := []int64{id}
	if conn, err := tx.GetProviderConnection(ctx, id); err == nil && conn.AccountKey != "" {
		members, err := tx.ListPoolConnections(ctx, gen.ListPoolConnectionsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
		if err != nil {
			return time.Time{}, err
		}
		for _, m := range members {
			ids = append(ids, m.SubAccountID)
		}
	}
	since := now
	for _, m := range ids {
		start := now.Add(-firstSyncLookback)
		st, err := tx.GetSyncState(ctx, m)
		if err != nil && !errors.Is(err, db.ErrNoRows) {
			return time.Time{}, err
		}
		if err == nil && st.Watermark != nil && *st.Watermark > 0 {
			start = time.UnixMilli(*st.Watermark).UTC().Add(-syncOverlap)
		}
		if start.Before(since) {
			since = start
		}
	}
	return since, nil
}

// storePage routes a page's calls to their sub-accounts, upserts them,
// charges their licenses and records the next cursor, atomically: the
// routing and the licenses are read in the same transaction.
func (s *syncer) storePage(ctx context.Context, id int64, providerID string, page provider.Page) (routed, error) {
	var n routed
	err := s.store.InTx(ctx, func(tx *db.Tx) error {
		router, err := loadRouter(ctx, tx.Queries, id, providerID)
		if err != nil {
			return err
		}
		rows, count, newest := router.rows(id, page.Calls)
		if err := s.books.storeCalls(ctx, tx, providerID, rows); err != nil {
			return err
		}
		n = count
		return tx.AdvanceSyncRun(ctx, gen.AdvanceSyncRunParams{RunCursor: page.Next, NewestStart: newest, SubAccountID: id})
	})
	return n, err
}

// finish closes the run: Last Sync Time, no error, the list's last call, and
// a connection saved offline becomes Connected now that the provider answered.
func (s *syncer) finish(ctx context.Context, id int64) error {
	now := s.now().UnixMilli()
	err := s.store.InTx(ctx, func(tx *db.Tx) error {
		if err := tx.FinishSyncRun(ctx, gen.FinishSyncRunParams{At: &now, SubAccountID: id}); err != nil {
			return err
		}
		if err := tx.RefreshLastCall(ctx, id); err != nil {
			return err
		}
		conn, err := tx.GetProviderConnection(ctx, id)
		if errors.Is(err, db.ErrNoRows) {
			return nil // the provider was changed while this run was on its last page
		}
		if err != nil {
			return err
		}
		if err := s.finishPool(ctx, tx, id, conn, now); err != nil {
			return err
		}
		if conn.State != StateConnected {
			return tx.SetProviderConnectionState(ctx, gen.SetProviderConnectionStateParams{
				State: StateConnected, StateReason: "", CheckedAt: &now, UpdatedAt: now, Accepted: 1, SubAccountID: id,
			})
		}
		return nil
	})
	if err != nil {
		return Internal("finish the sync", err)
	}
	return nil
}

// finishPool counts this run as a sync of every other sub-account on the
// same provider account: their calls were routed to them, so the scheduler
// does not read the account again for each of them.
func (s *syncer) finishPool(ctx context.Context, tx *db.Tx, id int64, conn gen.ProviderConnection, now int64) error {
	if conn.AccountKey == "" {
		return nil
	}
	members, err := tx.ListPoolConnections(ctx, gen.ListPoolConnectionsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
	if err != nil {
		return err
	}
	if len(members) == 1 { // alone on the account now: its unassigned calls are its own
		if err := tx.ClaimUnassignedCalls(ctx, gen.ClaimUnassignedCallsParams{SubAccountID: &id, Provider: conn.Provider, AccountKey: conn.AccountKey}); err != nil {
			return err
		}
	}
	st, err := tx.GetSyncState(ctx, id)
	if err != nil {
		return err
	}
	newest := int64(0)
	if st.Watermark != nil {
		newest = *st.Watermark
	}
	for _, m := range members {
		if m.SubAccountID == id {
			continue
		}
		if err := tx.EnsureSyncState(ctx, m.SubAccountID); err != nil {
			return err
		}
		if err := tx.MarkSyncedWithPool(ctx, gen.MarkSyncedWithPoolParams{At: &now, NewestStart: newest, SubAccountID: m.SubAccountID}); err != nil {
			return err
		}
		if err := tx.RefreshLastCall(ctx, m.SubAccountID); err != nil {
			return err
		}
	}
	return nil
}

// fail records a provider failure. Refused credentials mark the connection
// invalid and pause auto-sync until they are saved again. The run's window
// and cursor stay, so the next attempt resumes; after a pagination loop
// the cursor is dropped, so the next attempt reads the window again from
// its first page (see RestartSyncRun).
func (s *syncer) fail(id int64, cause error) error {
	ctx := context.WithoutCancel(context.Background())
	now := s.now().UnixMilli()
	msg := syncErrorMessage(cause)
	unauthorized := provider.KindOf(cause) == provider.KindUnauthorized
	paused := int64(0)
	var own *Error
	if errors.As(cause, &own) { // the credentials could not be read: say why
		msg = own.Message
		if own.Code == CodeInvalid { // missing or unsupported: only saving them again helps
			paused = 1
		}
	}
	err := s.store.InTx(ctx, func(tx *db.Tx) error {
		if unauthorized {
			paused = 1
			err := tx.SetProviderConnectionState(ctx, gen.SetProviderConnectionStateParams{
				State: StateInvalid, StateReason: providerReason(cause, "The provider refused these credentials."),
				CheckedAt: &now, UpdatedAt: now, SubAccountID: id,
			})
			if err != nil && !errors.Is(err, db.ErrNoRows) {
				return err
			}
		}
		if errors.As(cause, new(*paginationLoop)) { // resuming the stuck cursor would loop again
			if err := tx.RestartSyncRun(ctx, id); err != nil {
				return err
			}
		}
		return tx.FailSyncRun(ctx, gen.FailSyncRunParams{LastAttemptAt: &now, LastError: msg, Paused: paused, SubAccountID: id})
	})
	if err != nil {
		return Internal("record the sync error", err)
	}
	if own != nil {
		return own
	}
	return &Error{Code: CodeUnavailable, Message: msg, cause: cause}
}

// syncErrorMessage explains a failed sync in words, with the provider's own
// reason when it gave one.
func syncErrorMessage(err error) string {
	if errors.Is(err, context.Canceled) { // the app is closing: not the provider's fault
		return "The sync was stopped before it finished; it resumes at the next sync."
	}
	var loop *paginationLoop
	if errors.As(err, &loop) {
		return loop.message()
	}
	var pe *provider.Error
	if !errors.As(err, &pe) {
		return "The sync failed; it will be retried."
	}
	with := func(s string) string {
		if pe.Reason != "" {
			return s + " The provider said: " + pe.Reason
		}
		return s
	}
	switch pe.Kind {
	case provider.KindUnauthorized:
		return with("The provider refused the credentials; auto-sync is paused until they are saved again.")
	case provider.KindRateLimited:
		return with(fmt.Sprintf("The provider is limiting requests; try again in %s.", pe.RetryAfter.Round(time.Second)))
	case provider.KindUnavailable:
		return with(fmt.Sprintf("The provider's service failed (HTTP %d) after several tries.", pe.Status))
	case provider.KindUnreachable:
		return "Could not reach the provider (offline, or it did not answer in time)."
	case provider.KindMalformed:
		return "The provider sent a response Switchboard could not read; calls stored before are kept."
	}
	return with(fmt.Sprintf("The provider rejected the request (HTTP %d).", pe.Status))
}

func ptr[T any](v T) *T { return &v }

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
