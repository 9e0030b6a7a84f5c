package backend_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/license"
	"switchboard/db"
)

// TestLicensesFromBeforeTheLedgerGetTheirBooks: a license made by version 9
// (grants, and calls synced since) gets its ledger when the app first opens
// the database: the replay of its grants and calls, each call counted as
// learned when it started (when it was stored was not kept).
func TestLicensesFromBeforeTheLedgerGetTheirBooks(t *testing.T) {
	dir := t.TempDir()
	s, err := db.Open(filepath.Join(dir, db.FileName))
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, s.SQL(), db.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), 9); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 31, 15, 0, 0, 0, time.UTC) // cycles on the last day of shorter months
	ms := func(d time.Duration) int64 { return start.Add(d).UnixMilli() }
	day := 24 * time.Hour
	for _, st := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO sub_accounts (id, name, name_key, status, provider, created_at, updated_at) VALUES (1, 'Acme Dental', 'acme dental', 'active', 'retell', 1, 1)`, nil},
		{`INSERT INTO license_terms (sub_account_id, started_at, time_zone, valid_until) VALUES (1, ?, 'Europe/Berlin', ?)`, []any{ms(0), ms(0)}},
		{`INSERT INTO license_grants (sub_account_id, at, valid_until, free_minutes, addon_minutes, actor) VALUES
		    (1, ?, ?, 100, 20, 'dana'), (1, ?, NULL, 0, 50, 'dana')`, []any{ms(0), ms(365 * day), ms(40 * day)}},
		{`INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, status, started_at, duration_s) VALUES
		    (1, 'retell', 'before', 'in', 'completed', ?, 600), (1, 'retell', 'a', 'in', 'completed', ?, 3000),
		    (1, 'retell', 'b', 'out', 'completed', ?, 3601), (1, 'retell', 'c', 'in', 'completed', ?, 61)`,
			[]any{ms(-day), ms(2 * day), ms(20 * day), ms(45 * day)}},
	} {
		if _, err := s.SQL().Exec(st.sql, st.args...); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	now := start.Add(50 * day)
	b, err := backend.New(backend.Config{DataDir: dir, Actor: "dana", Now: func() time.Time { return now }, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	until := start.Add(365 * day)
	want := license.Replay(license.Terms{Start: start.In(berlin), ValidUntil: start},
		[]license.Grant{{At: start, ValidUntil: &until, FreePerCycle: 100, AddOn: 20}, {At: start.Add(40 * day), AddOn: 50}},
		[]license.Call{
			{ID: "a", StartedAt: start.Add(2 * day), DurationSec: 3000, SeenAt: start.Add(2 * day)},
			{ID: "b", StartedAt: start.Add(20 * day), DurationSec: 3601, SeenAt: start.Add(20 * day)},
			{ID: "c", StartedAt: start.Add(45 * day), DurationSec: 61, SeenAt: start.Add(45 * day)},
		}, now)
	// Cycle 1 (31 Jan-28 Feb): 100 free, a 50 + b 61 = 111: 11 from add-on. Cycle 2: 100 free, c 2.
	if want.Now.FreeLeft != 98 || want.Now.AddOnLeft != 59 {
		t.Fatalf("replay %+v", want.Now)
	}
	compareWithReplay(t, b, 1, want)
	// Opening again replays nothing twice.
	b.Close()
	b, err = backend.New(backend.Config{DataDir: dir, Actor: "dana", Now: func() time.Time { return now }, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	compareWithReplay(t, b, 1, want)
	page, err := b.Licenses.Ledger(backend.LedgerQuery{SubAccountID: 1, Limit: 100})
	if err != nil || page.Total != int64(len(want.Ledger)) {
		t.Fatalf("ledger of %d lines (%v), replay %d", page.Total, err, len(want.Ledger))
	}
}
