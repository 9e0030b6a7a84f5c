package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"switchboard/db"
)

// idsVersion is the migration that makes sub-account ids never reused.
const idsVersion = 5

// deleteSub deletes the sub-account id in its own transaction.
func deleteSub(t *testing.T, s *db.Store, id int64) {
	t.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *db.Tx) error {
		n, err := tx.DeleteSubAccount(ctx, id)
		if err == nil && n != 1 {
			err = fmt.Errorf("deleted %d rows", n)
		}
		return err
	})
	if err != nil {
		t.Fatalf("delete sub-account %d: %v", id, err)
	}
}

// TestSubAccountIDsAreNeverReused: an id, once given, is never given
// again, so a stale id (an open view, a late event, a running sync, the
// audit history) can never reach another customer.
func TestSubAccountIDsAreNeverReused(t *testing.T) {
	t.Run("newest deleted", func(t *testing.T) {
		s := openTest(t)
		insert(t, s, "Acme Dental")
		insert(t, s, "Bee Solar")
		gone := insert(t, s, "Cee Roofing")
		deleteSub(t, s, gone.ID)
		if got := insert(t, s, "Dee Plumbing"); got.ID <= gone.ID {
			t.Errorf("new sub-account got id %d, the deleted one had %d", got.ID, gone.ID)
		}
	})
	t.Run("every one deleted", func(t *testing.T) {
		s := openTest(t)
		a, b := insert(t, s, "Acme Dental"), insert(t, s, "Bee Solar")
		deleteSub(t, s, b.ID)
		deleteSub(t, s, a.ID)
		if got := insert(t, s, "Cee Roofing"); got.ID <= b.ID {
			t.Errorf("new sub-account got id %d, a deleted one had %d", got.ID, b.ID)
		}
	})
}

// TestMigratingKeepsDeletedIDsUsed: a database migrated from a version that
// reused ids gives no id that was ever used, neither a live sub-account's
// nor a deleted one's still named in the audit log.
func TestMigratingKeepsDeletedIDsUsed(t *testing.T) {
	const newSub = "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Zed Zoo', 'zed zoo', 1, 1) RETURNING id"
	cases := []struct {
		name    string
		v       int64
		fixture string
		above   int64 // the highest id ever used
	}{
		// Every fixture deletes its newest sub-account (9, Closed Clinic),
		// whose id is then only in audit_log.
		{"v1 fixture", 1, migrationFixtures[1], 9},
		{"v2 fixture", 2, migrationFixtures[2], 9},
		{"v3 fixture", 3, migrationFixtures[3], 9},
		{"v4 fixture", 4, migrationFixtures[4], 9},
		{"v4, every sub-account deleted", 4, `
INSERT INTO sub_accounts (id, name, name_key, created_at, updated_at) VALUES (1, 'Acme Dental', 'acme dental', 1, 1), (41, 'Bee Solar', 'bee solar', 1, 1);
INSERT INTO audit_log (at, actor, action, sub_account_id, sub_account_name, summary) VALUES
    (1, 'admin', 'sub_account.create', 1, 'Acme Dental', 'Created'), (2, 'admin', 'sub_account.create', 41, 'Bee Solar', 'Created'),
    (3, 'admin', 'sub_account.delete', 41, 'Bee Solar', 'Deleted'), (4, 'admin', 'sub_account.delete', 1, 'Acme Dental', 'Deleted');
DELETE FROM sub_accounts;`, 41},
		{"v4, a live sub-account above the log", 4, `
INSERT INTO sub_accounts (id, name, name_key, created_at, updated_at) VALUES (7, 'Acme Dental', 'acme dental', 1, 1);
INSERT INTO audit_log (at, actor, action, sub_account_id, sub_account_name, summary) VALUES (1, 'admin', 'sub_account.delete', 3, 'Bee Solar', 'Deleted');`, 7},
		{"v4, empty", 4, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.v > 1 && tc.fixture == "" && tc.above > 0 {
				t.Fatalf("no fixture for version %d", tc.v)
			}
			path := filepath.Join(t.TempDir(), db.FileName)
			d := openSQL(t, path)
			if _, err := gooseProvider(t, d).UpTo(context.Background(), tc.v); err != nil {
				t.Fatal(err)
			}
			execSQL(t, d, "SELECT 1;"+tc.fixture)
			migrateWithApp(t, path)
			var id int64
			if err := d.QueryRow(newSub).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if id <= tc.above {
				t.Errorf("first sub-account after migrating got id %d; ids up to %d were used", id, tc.above)
			}
		})
	}
}

// schemaObject is one row of sqlite_schema (but its root page).
type schemaObject struct{ kind, table, sql string }

func schemaObjects(t *testing.T, d interface {
	Query(string, ...any) (*sql.Rows, error)
}) map[string]schemaObject {
	t.Helper()
	rows, err := d.Query("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var name string
		var o schemaObject
		if err := rows.Scan(&o.kind, &name, &o.table, &o.sql); err != nil {
			t.Fatal(err)
		}
		out[name] = o
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestIDsMigrationRebuildsOnlyTheID: the migration that rebuilds
// sub_accounts changes its id to AUTOINCREMENT and nothing else: every
// index, trigger, CHECK and the search index's and tallies' machinery is as
// before, and the tables that reference sub_accounts still do, with their
// actions (cascade, set null) and refusals, on a populated database.
func TestIDsMigrationRebuildsOnlyTheID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), db.FileName)
	loadFixture(t, path, idsVersion-1, migrationFixtures[idsVersion-1])
	d := openSQL(t, path)
	// One connection, so that the one the migration turned foreign keys off
	// on is the one checked below.
	d.SetMaxOpenConns(1)
	before := schemaObjects(t, d)
	children := []string{"provider_connections", "sync_states", "calls", "concurrency_settings", "provider_agents"}
	rows := map[string]tableRows{}
	for _, table := range children {
		rows[table] = readTable(t, d, table, nil)
	}
	if _, err := gooseProvider(t, d).UpTo(ctx, idsVersion); err != nil {
		t.Fatal(err)
	}
	for _, table := range children {
		if diff := diffTables(map[string]tableRows{table: rows[table]}, map[string]tableRows{table: readTable(t, d, table, nil)}); diff != "" {
			t.Errorf("rebuilding sub_accounts changed a table that references it:\n%s", diff)
		}
	}
	if v := schemaVersion(t, d); v != idsVersion {
		t.Fatalf("at version %d, want %d", v, idsVersion)
	}
	after := schemaObjects(t, d)
	for _, name := range slices.Sorted(maps.Keys(before)) {
		old, now := before[name], after[name]
		if name == "sub_accounts" {
			if !strings.Contains(now.sql, "id            INTEGER PRIMARY KEY AUTOINCREMENT,") {
				t.Errorf("sub_accounts.id is not AUTOINCREMENT:\n%s", now.sql)
			}
			now.sql = strings.Replace(strings.Replace(now.sql, " AUTOINCREMENT", "", 1), `"sub_accounts"`, "sub_accounts", 1)
		}
		if now != old {
			t.Errorf("%s %s changed:\n%+v\nwas\n%+v", old.kind, name, now, old)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok && name != "sqlite_sequence" {
			t.Errorf("new schema object %s %s", after[name].kind, name)
		}
	}
	checkSound(t, d)
	checkDerived(t, d)
	if v, want := count(t, d, "PRAGMA foreign_keys"), int64(1); v != want {
		t.Errorf("foreign_keys = %d after the migration, want %d", v, want)
	}

	t.Run("references still act", func(t *testing.T) {
		execSQL(t, d, "DELETE FROM sub_accounts WHERE id = 1")
		for _, table := range children[:4] {
			if n := count(t, d, "SELECT count(*) FROM "+table+" WHERE sub_account_id = 1"); n != 0 {
				t.Errorf("%d %s rows of the deleted sub-account remain", n, table)
			}
		}
		if n := count(t, d, "SELECT count(*) FROM provider_agents WHERE id = 1 AND sub_account_id IS NULL"); n != 1 {
			t.Error("the deleted owner's agent is not kept unassigned")
		}
		if n := count(t, d, "SELECT count(*) FROM calls WHERE sub_account_id IS NULL"); n != 1 {
			t.Errorf("%d unassigned calls, want the 1 of the fixture", n)
		}
		_, err := d.Exec("INSERT INTO sync_states (sub_account_id) VALUES (99)")
		checkRefusal(t, err, foreignKey, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY)
		checkSound(t, d)
		checkDerived(t, d)
	})
}

// TestIDsMigrationRunsAgainAfterAKill: the migration commits its own
// transaction and goose records the version after it, so a kill between the
// two runs it again at the next start; that second run changes no row and
// keeps every id used.
func TestIDsMigrationRunsAgainAfterAKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), db.FileName)
	before := loadFixture(t, path, idsVersion-1, migrationFixtures[idsVersion-1])
	d := openSQL(t, path)
	if _, err := gooseProvider(t, d).UpTo(context.Background(), idsVersion); err != nil {
		t.Fatal(err)
	}
	// Ids up to 60 were given since (the fixture's stop at 9): the next
	// run must not lower the sequence to what the tables remember.
	execSQL(t, d, "UPDATE sqlite_sequence SET seq = 60 WHERE name = 'sub_accounts'")
	// The kill: the rebuild committed, its version row never written.
	execSQL(t, d, "DELETE FROM goose_db_version WHERE version_id = ?", idsVersion)
	if v := schemaVersion(t, d); v != idsVersion-1 {
		t.Fatalf("at version %d, want %d", v, idsVersion-1)
	}
	migrateWithApp(t, path)
	if v := schemaVersion(t, d); v < idsVersion {
		t.Fatalf("at version %d after the second run", v)
	}
	after := map[string]tableRows{}
	for table := range before {
		after[table] = readTable(t, d, table, before[table].cols) // later versions add columns
	}
	if diff := diffTables(before, after); diff != "" {
		t.Errorf("the second run changed rows:\n%s", diff)
	}
	checkSound(t, d)
	checkDerived(t, d)
	var id int64
	if err := d.QueryRow("INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Zed Zoo', 'zed zoo', 1, 1) RETURNING id").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id != 61 {
		t.Errorf("next id %d after the second run, want 61", id)
	}
}

// TestMigratedStoreKeepsForeignKeysOn: the migration turns foreign keys off
// on its connection and back on; the Store's pool must not keep a
// connection without them.
func TestMigratedStoreKeepsForeignKeysOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), db.FileName)
	loadFixture(t, path, idsVersion-1, migrationFixtures[idsVersion-1])
	s, err := db.OpenMigrated(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := s.SQL().Stats().OpenConnections; n != 1 {
		t.Fatalf("%d connections open after migrating; the check below needs the migration's one alone", n)
	}
	if n := count(t, s.SQL(), "PRAGMA foreign_keys"); n != 1 {
		t.Errorf("foreign_keys = %d on the connection that migrated, want 1", n)
	}
}
