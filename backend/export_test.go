package backend

import "time"

// ScheduleOnce runs one pass of the auto-sync scheduler at now, as its
// ticker would, and returns how many syncs it started (registered before it
// returns, so a test needs no waiting to see that none started).
func (s *SyncService) ScheduleOnce(now time.Time) int { return s.schedule(now) }

// Running reports how many syncs are registered (waiting or running).
func (s *SyncService) Running() int { return s.runs.count() }

// Hold holds the sub-account as disabling or deleting it does.
func (s *SyncService) Hold(id int64) (release func()) { return s.runs.stop(id) }

// SetBulkBatch makes a bulk run of action go by batches of n until restore.
func SetBulkBatch(action BulkAction, n int) (restore func()) {
	old := bulkBatch[action]
	bulkBatch[action] = n
	return func() { bulkBatch[action] = old }
}
