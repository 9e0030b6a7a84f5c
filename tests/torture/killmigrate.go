package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/pressly/goose/v3"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/db"
)

// fromVersion is the older schema the migration trials start from: version
// 3, before the calls rebuild (4) and the sub-accounts rebuild (5).
const fromVersion = 3

// migrationCounts are the figures a migration must keep.
var migrationCounts = []struct{ name, query string }{
	{"sub-accounts", "SELECT count(*) FROM sub_accounts"},
	{"sub-account name characters", "SELECT coalesce(sum(length(name)), 0) FROM sub_accounts"},
	{"calls", "SELECT count(*) FROM calls"},
	{"call seconds", "SELECT coalesce(sum(duration_s), 0) FROM calls"},
	{"audit entries", "SELECT count(*) FROM audit_log"},
	{"provider connections", "SELECT count(*) FROM provider_connections"},
}

// killDuringMigration copies a populated version-3 database, starts a child
// that opens it (backup, then migrations), and kills it at a random moment
// of the time an uninterrupted start takes. After each kill: a backup named
// like a good one must be whole; the next start must finish the migration
// with every row kept, a sound database, one backup and no leftovers.
func killDuringMigration(h *harness) (int, []string) {
	template := filepath.Join(h.work, "v3.db")
	want, err := buildOldDatabase(template)
	if err != nil {
		return 0, []string{"set-up: " + err.Error()}
	}
	trialDir := filepath.Join(h.work, "migration")
	fresh := func() error {
		os.RemoveAll(trialDir)
		if err := os.MkdirAll(trialDir, 0o700); err != nil {
			return err
		}
		return copyFile(template, filepath.Join(trialDir, db.FileName))
	}
	// How long an uninterrupted start takes: the kills spread over it.
	if err := fresh(); err != nil {
		return 0, []string{"set-up: " + err.Error()}
	}
	start := time.Now()
	p, err := spawn("migrate", map[string]string{"TORTURE_DIR": trialDir})
	if err == nil {
		err = p.wait(5 * time.Minute)
	}
	if err != nil {
		return 0, []string{"an uninterrupted migration: " + err.Error()}
	}
	whole := time.Since(start)
	h.logf("an uninterrupted start with migration takes %s", whole)

	var failures []string
	killed := 0
	for trial := 1; trial <= h.trials; trial++ {
		if err := fresh(); err != nil {
			return trial, append(failures, err.Error())
		}
		p, err := spawn("migrate", map[string]string{"TORTURE_DIR": trialDir})
		if err != nil {
			return trial, append(failures, err.Error())
		}
		wasKilled, err := p.kill(time.Duration(h.rng.Int64N(int64(whole))))
		if wasKilled {
			killed++
		} else if err != nil {
			failures = append(failures, fmt.Sprintf("trial %d: the child failed: %v: %s", trial, err, p.stderr.String()))
		}
		for _, pr := range checkMigrated(trialDir, want) {
			failures = append(failures, fmt.Sprintf("trial %d: %s", trial, pr))
		}
	}
	if killed < h.trials*3/4 {
		failures = append(failures, fmt.Sprintf("only %d of %d children were killed before they had migrated", killed, h.trials))
	}
	return h.trials, failures
}

// checkMigrated checks the data directory after a kill, then starts the app
// on it in this process and checks again.
func checkMigrated(dir string, want []int64) []string {
	var problems []string
	backup := filepath.Join(dir, db.MigrationBackupName(fromVersion, latestVersion()))
	if _, err := os.Stat(backup); err == nil {
		problems = append(problems, checkBackup(backup, want, "after the kill")...)
	}
	b, err := backend.New(backend.Config{DataDir: dir, Actor: "torture", Now: time.Now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		return append(problems, "the start after the kill: "+err.Error())
	}
	d := b.Store.SQL()
	problems = append(problems, soundness(d)...)
	if cur, latest, err := schemaVersion(b.Store); err != nil || cur != latest {
		problems = append(problems, fmt.Sprintf("schema version %d of %d after the start (%v)", cur, latest, err))
	}
	problems = append(problems, compareCounts(d, want, "the migrated database")...)
	b.Close()
	entries, _ := os.ReadDir(dir)
	allowed := []string{db.FileName, db.FileName + "-wal", db.FileName + "-shm", filepath.Base(backup)}
	for _, e := range entries {
		if !slices.Contains(allowed, e.Name()) {
			problems = append(problems, "left beside the database after the start: "+e.Name())
		}
	}
	if _, err := os.Stat(backup); err != nil {
		problems = append(problems, "no backup of the old database after the migration: "+filepath.Base(backup))
	} else {
		problems = append(problems, checkBackup(backup, want, "after the start")...)
	}
	return problems
}

// checkBackup checks that the backup at path is a sound copy of the old
// database.
func checkBackup(path string, want []int64, when string) []string {
	d, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return []string{fmt.Sprintf("backup %s: %v", when, err)}
	}
	defer d.Close()
	var problems []string
	for _, p := range soundness(d) {
		problems = append(problems, fmt.Sprintf("backup %s: %s", when, p))
	}
	return append(problems, compareCounts(d, want, "the backup "+when)...)
}

// latestVersion is the newest schema version this build knows.
func latestVersion() int64 {
	entries, _ := fs.ReadDir(db.Migrations(), ".")
	var latest int64
	for _, e := range entries {
		var v int64
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil {
			latest = max(latest, v)
		}
	}
	return latest
}

func compareCounts(d *sql.DB, want []int64, what string) []string {
	var problems []string
	for i, c := range migrationCounts {
		if got := count(d, c.query); got != want[i] {
			problems = append(problems, fmt.Sprintf("%s has %d %s, the old database %d", what, got, c.name, want[i]))
		}
	}
	return problems
}

// buildOldDatabase writes a populated version-3 database at path and
// returns its migrationCounts.
func buildOldDatabase(path string) ([]int64, error) {
	ctx := context.Background()
	s, err := db.Open(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	p, err := goose.NewProvider(goose.DialectSQLite3, s.SQL(), db.Migrations())
	if err != nil {
		return nil, err
	}
	if _, err := p.UpTo(ctx, fromVersion); err != nil {
		return nil, err
	}
	const fill = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO sub_accounts (id, name, name_key, status, provider, last_call_at, created_at, updated_at)
SELECT i, 'Clinic ' || i || ' Zürich', 'clinic ' || i || ' zürich', CASE i % 7 WHEN 0 THEN 'inactive' ELSE 'active' END,
       CASE i % 3 WHEN 0 THEN 'retell' WHEN 1 THEN 'vapi' ELSE '' END, 1718000000000 + i, 1717000000000 + i, 1717000000000 + i FROM n;
DELETE FROM sub_accounts WHERE id > 1990;
INSERT INTO provider_connections (sub_account_id, provider, state, created_at, updated_at)
SELECT id, provider, 'connected', 1717000100000, 1717000100000 FROM sub_accounts WHERE provider <> '';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, status, from_number, to_number, started_at, ended_at, duration_s, cost_minor, currency)
SELECT 1 + (i % 600) * 3, 'retell', 'call_' || i, CASE i % 2 WHEN 0 THEN 'in' ELSE 'out' END, 'ended',
       '+1415555' || (1000 + i % 9000), '+14155550100', 1718000000000 + i * 1000, 1718000000000 + i * 1000 + 60000, 60 + i % 300, i % 97, 'USD' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO audit_log (at, actor, action, sub_account_id, sub_account_name, summary)
SELECT 1717000000000 + i, 'admin', 'sub_account.create', 1 + i % 2000, 'Clinic ' || (1 + i % 2000) || ' Zürich', 'Created' FROM n;`
	if _, err := s.SQL().ExecContext(ctx, fill); err != nil {
		return nil, err
	}
	if _, err := s.SQL().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return nil, err
	}
	want := make([]int64, len(migrationCounts))
	for i, c := range migrationCounts {
		want[i] = count(s.SQL(), c.query)
	}
	return want, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// childMigrate starts the app's back end on the directory (which backs up
// and migrates), then stops.
func childMigrate() error {
	b, err := backend.New(backend.Config{DataDir: os.Getenv("TORTURE_DIR"), Actor: "torture-child", Now: time.Now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		return err
	}
	report("migrated")
	return b.Close()
}
