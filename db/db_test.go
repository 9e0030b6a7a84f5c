package db_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"

	"switchboard/db"
	"switchboard/db/gen"
)

func openTest(t *testing.T) *db.Store {
	t.Helper()
	s, err := db.OpenMigrated(context.Background(), filepath.Join(t.TempDir(), db.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func insert(t *testing.T, s *db.Store, name string) gen.SubAccount {
	t.Helper()
	row, err := s.CreateSubAccount(context.Background(), gen.CreateSubAccountParams{
		Name: name, NameKey: strings.ToLower(name), CreatedAt: 1, UpdatedAt: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	probe := openTest(t)
	_, latest, err := probe.SchemaVersion(ctx)
	if err != nil || latest < 1 {
		t.Fatalf("latest version %d, %v", latest, err)
	}
	for from := int64(0); from < latest; from++ {
		path := filepath.Join(t.TempDir(), db.FileName)
		s, err := db.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		p, err := goose.NewProvider(goose.DialectSQLite3, s.DB, db.Migrations())
		if err != nil {
			t.Fatal(err)
		}
		if from > 0 {
			if _, err := p.UpTo(ctx, from); err != nil {
				t.Fatalf("up to %d: %v", from, err)
			}
		}
		backup, err := s.Migrate(ctx)
		if err != nil {
			t.Fatalf("from %d: %v", from, err)
		}
		if cur, _, _ := s.SchemaVersion(ctx); cur != latest {
			t.Errorf("from %d: at version %d, want %d", from, cur, latest)
		}
		if from == 0 && backup != "" {
			t.Errorf("from an empty database: wrote a backup %s", backup)
		}
		if from > 0 {
			if _, err := os.Stat(backup); err != nil {
				t.Errorf("from %d: no backup beside the database: %v", from, err)
			}
		}
		if problems, err := s.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
			t.Errorf("integrity after migrating from %d: %v %v", from, problems, err)
		}
		s.Close()
	}
}

func TestMigrateIsIdempotentAndWritesNoBackupWhenCurrent(t *testing.T) {
	s := openTest(t)
	backup, err := s.Migrate(context.Background())
	if err != nil || backup != "" {
		t.Fatalf("second migrate: backup %q, err %v", backup, err)
	}
}

func TestNameCannotBeUpdated(t *testing.T) {
	s := openTest(t)
	row := insert(t, s, "Acme Dental")
	for _, stmt := range []string{
		"UPDATE sub_accounts SET name = 'Other' WHERE id = ?",
		"UPDATE sub_accounts SET name_key = 'other' WHERE id = ?",
		"UPDATE sub_accounts SET name = 'Other', name_key = 'other', status = 'inactive' WHERE id = ?",
	} {
		_, err := s.DB.Exec(stmt, row.ID)
		if err == nil || !strings.Contains(err.Error(), "sub-account names cannot be edited") {
			t.Errorf("%s: err = %v, want the trigger's refusal", stmt, err)
		}
	}
	got, _ := s.GetSubAccountByID(context.Background(), row.ID)
	if got.Name != "Acme Dental" || got.Status != "active" {
		t.Errorf("row changed: %+v", got)
	}
	// Other columns still update, and writing the same name is no change.
	if _, err := s.DB.Exec("UPDATE sub_accounts SET status = 'inactive', name = name WHERE id = ?", row.ID); err != nil {
		t.Errorf("status update refused: %v", err)
	}
}

func TestSchemaRejectsBadRows(t *testing.T) {
	s := openTest(t)
	insert(t, s, "Acme")
	for name, stmt := range map[string]string{
		"duplicate key":    "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('ACME', 'acme', 1, 1)",
		"short name":       "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('A', 'a', 1, 1)",
		"untrimmed name":   "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES (' Bee', ' bee', 1, 1)",
		"unknown status":   "INSERT INTO sub_accounts (name, name_key, status, created_at, updated_at) VALUES ('Bee', 'bee', 'gone', 1, 1)",
		"unknown provider": "INSERT INTO sub_accounts (name, name_key, provider, created_at, updated_at) VALUES ('Bee', 'bee', 'acme', 1, 1)",
		"empty actor":      "INSERT INTO audit_log (at, actor, action, summary) VALUES (1, '', 'x', 'y')",
	} {
		if _, err := s.DB.Exec(stmt); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	row := insert(t, s, "Acme Dental")
	if err := s.CreateAuditEntry(ctx, gen.CreateAuditEntryParams{
		At: 1, Actor: "admin", Action: "sub_account.create", SubAccountID: &row.ID, SubAccountName: row.Name, Summary: "created",
	}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"UPDATE audit_log SET summary = 'x'", "DELETE FROM audit_log"} {
		if _, err := s.DB.Exec(stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v", stmt, err)
		}
	}
	// Deleting the sub-account leaves its audit rows.
	if n, err := s.DeleteSubAccount(ctx, row.ID); err != nil || n != 1 {
		t.Fatalf("delete: %d %v", n, err)
	}
	n, err := s.CountAuditEntries(ctx, gen.CountAuditEntriesParams{SubAccountID: &row.ID})
	if err != nil || n != 1 {
		t.Errorf("audit rows after delete = %d, %v; want 1", n, err)
	}
}

func TestBackupNeverOverwrites(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	insert(t, s, "Acme Dental")
	target := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, target); err != nil {
		t.Fatal(err)
	}
	copyStore, err := db.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer copyStore.Close()
	if n, err := copyStore.CountSubAccounts(ctx); err != nil || n != 1 {
		t.Errorf("backup holds %d sub-accounts, %v", n, err)
	}
	if err := s.Backup(ctx, target); err != db.ErrBackupExists {
		t.Errorf("second backup to the same file: %v, want ErrBackupExists", err)
	}
}
