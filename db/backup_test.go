package db

// These tests sit inside the package to reach backupHook, the seam that
// stops a backup at one of its stages. They simulate kill -9 by copying the
// data directory while the backup is stopped: the copy is what the disk
// holds when the process dies at that moment.

import (
	"context"
	"database/sql"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"
)

// TestMigrationBackupSurvivesAKillHalfWay stops the pre-migration backup
// with its copy half written, as a kill would, and starts again from what
// the disk then holds, twice in a row.
func TestMigrationBackupSurvivesAKillHalfWay(t *testing.T) {
	dir, from := olderDatabase(t)

	first := killDuringBackup(t, dir, stageCopied, true)
	t.Run("no file under a backup's name is damaged", func(t *testing.T) {
		for _, b := range backupsIn(t, first) {
			if err := soundFile(b); err != nil {
				t.Errorf("%s is named like a backup but is damaged: %v", filepath.Base(b), err)
			}
		}
	})

	second := killDuringBackup(t, first, stageCopied, true)
	t.Run("the next start removes the first attempt's leftover", func(t *testing.T) {
		if got := partialsIn(t, second); len(got) > 1 {
			t.Errorf("after two interrupted backups the directory holds %d partial copies, want at most the last one: %v", len(got), got)
		}
		for _, b := range backupsIn(t, second) {
			if err := soundFile(b); err != nil {
				t.Errorf("%s is named like a backup but is damaged: %v", filepath.Base(b), err)
			}
		}
	})

	t.Run("a start after two kills leaves one sound backup and no leftovers", func(t *testing.T) {
		backup := migrate(t, second)
		if got := partialsIn(t, second); len(got) != 0 {
			t.Errorf("leftovers of interrupted backups remain: %v", got)
		}
		got := backupsIn(t, second)
		if len(got) != 1 || got[0] != backup {
			t.Fatalf("backups %v, want only %s", got, backup)
		}
		if err := soundFile(backup); err != nil {
			t.Errorf("backup %s: %v", backup, err)
		}
		if v := fileSchemaVersion(t, backup); v != from {
			t.Errorf("backup at version %d, want %d", v, from)
		}
	})
}

// TestMigrationBackupRetryReplacesTheLastOne kills the start after its
// backup is complete but before the migration ran, twice: each retry
// replaces the backup rather than adding one.
func TestMigrationBackupRetryReplacesTheLastOne(t *testing.T) {
	dir, from := olderDatabase(t)
	first := killDuringBackup(t, dir, stageRenamed, false)
	second := killDuringBackup(t, first, stageRenamed, false)
	if got := backupsIn(t, second); len(got) != 1 {
		t.Errorf("after two retries the directory holds %d backups, want 1: %v", len(got), got)
	}
	backup := migrate(t, second)
	got := backupsIn(t, second)
	if len(got) != 1 || got[0] != backup {
		t.Fatalf("backups %v, want only %s", got, backup)
	}
	if err := soundFile(backup); err != nil {
		t.Errorf("backup %s: %v", backup, err)
	}
	if v := fileSchemaVersion(t, backup); v != from {
		t.Errorf("backup at version %d, want %d", v, from)
	}
	if got := partialsIn(t, second); len(got) != 0 {
		t.Errorf("leftovers remain: %v", got)
	}
}

// TestAKillBetweenMigrationsKeepsTheFirstBackup migrates a database two
// versions behind as far as the version between, as a start killed after
// its backup and first migration leaves it: the next start must keep that
// backup (the database from before the upgrade) and write no backup of the
// half-migrated one.
func TestAKillBetweenMigrationsKeepsTheFirstBackup(t *testing.T) {
	dir, between := olderDatabase(t)
	from := between - 1
	ctx := context.Background()
	d, err := sql.Open("sqlite", DSN(filepath.Join(dir, FileName)))
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, d, Migrations())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, from); err != nil {
		t.Fatal(err)
	}
	d.Close()
	s, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	_, latest, _ := s.SchemaVersion(ctx)
	first, err := s.backupBeforeMigrate(ctx, from, latest)
	if err != nil {
		t.Fatal(err)
	}
	p, _ = goose.NewProvider(goose.DialectSQLite3, s.SQL(), Migrations())
	if _, err := p.UpTo(ctx, between); err != nil {
		t.Fatal(err)
	}
	s.Close()

	backup := migrate(t, dir)
	if backup != first {
		t.Errorf("the start after the kill returned backup %s, want the first one, %s", filepath.Base(backup), filepath.Base(first))
	}
	if got := backupsIn(t, dir); len(got) != 1 || got[0] != first {
		t.Errorf("backups %v, want only %s", got, first)
	}
	if v := fileSchemaVersion(t, first); v != from {
		t.Errorf("backup at version %d, want %d", v, from)
	}
}

// TestFailedBackupCheckLeavesNothingAndStopsTheMigration damages the copy
// before it is checked: Migrate must refuse to migrate, leave no backup and
// no partial copy, and leave the database at its version.
func TestFailedBackupCheckLeavesNothingAndStopsTheMigration(t *testing.T) {
	dir, from := olderDatabase(t)
	backupHook = func(stage, path string) {
		if stage == stageCopied {
			truncateHalf(t, path)
		}
	}
	t.Cleanup(func() { backupHook = nil })
	s, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(context.Background()); err == nil {
		t.Fatal("Migrate went on after a damaged backup")
	}
	if got := backupsIn(t, dir); len(got) != 0 {
		t.Errorf("a damaged backup was kept: %v", got)
	}
	if got := partialsIn(t, dir); len(got) != 0 {
		t.Errorf("a partial copy was left: %v", got)
	}
	if v, _, err := s.SchemaVersion(context.Background()); err != nil || v != from {
		t.Errorf("database at version %d (%v), want %d", v, err, from)
	}
}

// TestDatabaseFilesAre0600 stats the database, its -wal and -shm, and the
// migration backup, both when they are new and when an older build left
// them readable by others.
func TestDatabaseFilesAre0600(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	t.Run("new database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), FileName)
		s, err := OpenMigrated(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			checkMode(t, p, 0o600)
		}
	})
	t.Run("files an older build left 0644", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), FileName)
		old, err := sql.Open("sqlite", DSN(path))
		if err != nil {
			t.Fatal(err)
		}
		defer old.Close()
		if _, err := old.Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			if err := os.Chmod(p, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			checkMode(t, p, 0o600)
		}
	})
	t.Run("migration backup", func(t *testing.T) {
		dir, _ := olderDatabase(t)
		checkMode(t, migrate(t, dir), 0o600)
	})
	t.Run("Backup", func(t *testing.T) {
		s, err := OpenMigrated(context.Background(), filepath.Join(t.TempDir(), FileName))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		target := filepath.Join(t.TempDir(), "copy.db")
		if err := s.Backup(context.Background(), target); err != nil {
			t.Fatal(err)
		}
		checkMode(t, target, 0o600)
	})
}

// killDuringBackup starts the app on dir's database with the backup stopped
// at stage (its copy cut to half its size first when truncate), copies the
// directory as a kill at that moment leaves it, lets the stopped start go
// on, and returns the copy.
func killDuringBackup(t *testing.T, dir, stage string, truncate bool) string {
	t.Helper()
	stopped := make(chan struct{})
	release := make(chan struct{})
	backupHook = func(s, path string) {
		if s != stage {
			return
		}
		if truncate {
			truncateHalf(t, path)
		}
		close(stopped)
		<-release
	}
	defer func() { backupHook = nil }()
	s, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	done := make(chan error, 1)
	go func() {
		_, err := s.Migrate(context.Background())
		done <- err
	}()
	select {
	case <-stopped:
	case err := <-done:
		t.Fatalf("the backup never reached stage %q (Migrate: %v)", stage, err)
	}
	crash := t.TempDir()
	copyDir(t, dir, crash)
	close(release)
	<-done // the stopped start may fail or succeed: the copy is what counts
	return crash
}

// olderDatabase makes a data directory whose database is one version behind
// the newest, and returns it and that version.
func olderDatabase(t *testing.T) (string, int64) {
	t.Helper()
	dir := t.TempDir()
	d, err := sql.Open("sqlite", DSN(filepath.Join(dir, FileName)))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	p, err := goose.NewProvider(goose.DialectSQLite3, d, Migrations())
	if err != nil {
		t.Fatal(err)
	}
	sources := p.ListSources()
	if len(sources) < 2 {
		t.Skip("needs two migrations")
	}
	from := sources[len(sources)-2].Version
	if _, err := p.UpTo(context.Background(), from); err != nil {
		t.Fatal(err)
	}
	return dir, from
}

// migrate starts the app on dir's database and returns the backup it wrote.
func migrate(t *testing.T, dir string) string {
	t.Helper()
	s, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	backup, err := s.Migrate(context.Background())
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if backup == "" {
		t.Fatal("no backup written")
	}
	return backup
}

// backupsIn lists the files in dir that are not the database, its SQLite
// companions, the lock or a partial copy: the files named like backups.
func backupsIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, name := range names(t, dir) {
		switch {
		case name == FileName, name == FileName+"-wal", name == FileName+"-shm",
			name == "switchboard.lock", strings.Contains(name, ".partial"):
		default:
			out = append(out, filepath.Join(dir, name))
		}
	}
	return out
}

// partialsIn lists the partial copies in dir.
func partialsIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, name := range names(t, dir) {
		if strings.Contains(name, ".partial") {
			out = append(out, name)
		}
	}
	return out
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// soundFile opens the file at path read-only, without creating anything
// beside it, and reports whether it is a sound database with tables.
func soundFile(path string) error {
	d, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return err
	}
	defer d.Close()
	var result string
	if err := d.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return errString(result)
	}
	var tables int
	if err := d.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&tables); err != nil {
		return err
	}
	if tables == 0 {
		return errString("no tables")
	}
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

func readOnlyURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String() + "?mode=ro&immutable=1"
}

func fileSchemaVersion(t *testing.T, path string) int64 {
	t.Helper()
	d, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var v int64
	if err := d.QueryRow("SELECT max(version_id) FROM goose_db_version WHERE is_applied").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func truncateHalf(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Error(err)
		return
	}
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Error(err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	for _, name := range names(t, from) {
		src, err := os.Open(filepath.Join(from, name))
		if err != nil {
			t.Fatal(err)
		}
		dst, err := os.Create(filepath.Join(to, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		src.Close()
		if err := dst.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Errorf("%s: %v", filepath.Base(path), err)
		return
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s is %04o, want %04o", filepath.Base(path), got, want)
	}
}
