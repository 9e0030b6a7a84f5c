package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"switchboard/backend"
	"switchboard/db"
)

// clockAt is a fixed clock: the harness never depends on the wall clock's
// date.
func clockAt(t time.Time) func() time.Time { return func() time.Time { return t } }

// recorder is the backend's Events: it keeps every event as JSON (the
// canary sweep reads them) and hands each finished sync to done.
type recorder struct {
	mu     sync.Mutex
	events []string
	done   chan backend.SyncProgress
	// progress, when set, is called after every stored page.
	progress func(backend.SyncProgress)
}

func newRecorder() *recorder { return &recorder{done: make(chan backend.SyncProgress, 64)} }

func (r *recorder) Emit(name backend.EventName, data any) {
	b, _ := json.Marshal(data)
	r.mu.Lock()
	r.events = append(r.events, string(name)+" "+string(b))
	r.mu.Unlock()
	p, ok := data.(backend.SyncProgress)
	if !ok {
		return
	}
	switch {
	case name == backend.EventSyncDone:
		r.done <- p
	case r.progress != nil:
		r.progress(p)
	}
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

// waitDone waits for the next finished sync.
func (r *recorder) waitDone(within time.Duration) (backend.SyncProgress, error) {
	select {
	case p := <-r.done:
		return p, nil
	case <-time.After(within):
		return backend.SyncProgress{}, fmt.Errorf("the sync did not end within %s", within)
	}
}

// soundness returns what PRAGMA integrity_check and foreign_key_check find
// wrong with the database behind d.
func soundness(d *sql.DB) []string {
	var out []string
	rows, err := d.Query("PRAGMA integrity_check")
	if err != nil {
		return []string{"integrity_check: " + err.Error()}
	}
	for rows.Next() {
		var line string
		rows.Scan(&line)
		if line != "ok" {
			out = append(out, "integrity: "+line)
		}
	}
	rows.Close()
	rows, err = d.Query("PRAGMA foreign_key_check")
	if err != nil {
		return append(out, "foreign_key_check: "+err.Error())
	}
	for rows.Next() {
		var table, parent string
		var rowid, fk sql.NullInt64
		rows.Scan(&table, &rowid, &parent, &fk)
		out = append(out, fmt.Sprintf("foreign key: %s row %d names a missing %s", table, rowid.Int64, parent))
	}
	rows.Close()
	return out
}

// count runs a counting query.
func count(d *sql.DB, query string, args ...any) int64 {
	var n int64
	if err := d.QueryRow(query, args...).Scan(&n); err != nil {
		return -1
	}
	return n
}

// duplicateCalls counts calls stored more than once.
func duplicateCalls(d *sql.DB) int64 {
	return count(d, "SELECT count(*) FROM (SELECT 1 FROM calls GROUP BY provider, provider_call_id HAVING count(*) > 1)")
}

// schemaVersion is the database's current schema version and the latest.
func schemaVersion(s *db.Store) (int64, int64, error) {
	return s.SchemaVersion(context.Background())
}
