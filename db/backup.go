package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// A backup is never written under its final name: VACUUM INTO writes a
// partial copy beside it (the final name, ".partial-" and a random suffix),
// the copy is checked and synced to disk, and only then renamed. A kill at
// any moment leaves either no file or a sound one under the final name, plus
// at most a partial copy that the next attempt removes.

// ErrBackupExists is returned by Backup when the target file already exists.
var ErrBackupExists = errors.New("backup target already exists")

// fileMode is the mode of the database, its -wal and -shm, and backups: on
// Unix only their owner may read them. SQLite gives the -wal and -shm it
// creates the database file's mode.
const fileMode fs.FileMode = 0o600

const partialMark = ".partial-"

// MigrationBackupName is the name of the backup that Migrate writes, beside
// the database, of a database at schema version from that it then migrates
// to version to. A retry at the same version replaces it; a retry after some
// of the migrations ran (a kill between two of them) keeps it, as the copy
// of the database from before the upgrade.
func MigrationBackupName(from, to int64) string {
	return fmt.Sprintf("switchboard-v%d-to-v%d-backup.db", from, to)
}

var (
	// migrationBackup matches MigrationBackupName files.
	migrationBackup = regexp.MustCompile(`^switchboard-v([0-9]+)-to-v([0-9]+)-backup\.db$`)
	// migrationPartial matches their partial copies, and those of an older
	// build's backups (switchboard-vN-backup.db).
	migrationPartial = regexp.MustCompile(`^switchboard-v[0-9]+(-to-v[0-9]+)?-backup\.db` + regexp.QuoteMeta(partialMark))
)

// backupHook, when a test sets it, runs at each stage of a backup with the
// file that stage wrote, so the test can stop or damage it there.
var backupHook func(stage, path string)

const (
	stageCopied  = "copied"  // the partial copy is written, not yet checked
	stageRenamed = "renamed" // the checked copy has its final name
)

func hook(stage, path string) {
	if backupHook != nil {
		backupHook(stage, path)
	}
}

// Backup writes a consistent, checked copy of the database to target (mode
// 0600 on Unix). It never overwrites: an existing target gives
// ErrBackupExists. It removes the partial copies that an interrupted backup
// to the same target left; on any error no new file remains.
func (s *Store) Backup(ctx context.Context, target string) error {
	dir, base := filepath.Split(target)
	if err := removePartials(dir, func(name string) bool { return strings.HasPrefix(name, base+partialMark) }); err != nil {
		return err
	}
	if _, err := os.Lstat(target); err == nil {
		return ErrBackupExists
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("check backup target: %w", err)
	}
	tmp, err := s.writeChecked(ctx, target)
	if err != nil {
		return err
	}
	if err := placeNew(tmp, target); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// backupBeforeMigrate writes the checked backup of a database at schema
// version current about to be migrated to latest, replacing an earlier
// attempt's at the same version, and returns its path. When an attempt to
// reach latest from an earlier version was stopped between two migrations,
// its sound backup is the copy from before the upgrade: it is kept and
// returned, and none of the half-migrated database is written.
func (s *Store) backupBeforeMigrate(ctx context.Context, current, latest int64) (string, error) {
	dir := filepath.Dir(s.path)
	if earlier := interruptedUpgradeBackup(ctx, dir, current, latest); earlier != "" {
		return earlier, nil
	}
	target := filepath.Join(dir, MigrationBackupName(current, latest))
	tmp, err := s.writeChecked(ctx, target)
	if err != nil {
		return "", err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("name the backup %s: %w", target, err)
	}
	if err := syncDir(dir); err != nil {
		return "", err
	}
	hook(stageRenamed, target)
	return target, nil
}

// interruptedUpgradeBackup is the sound backup in dir that an attempt to
// migrate from a version before current to latest wrote, or "". One that is
// not sound (it cannot be: backups are checked before they are named) is
// removed.
func interruptedUpgradeBackup(ctx context.Context, dir string, current, latest int64) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		m := migrationBackup.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		var from, to int64
		fmt.Sscan(m[1], &from)
		fmt.Sscan(m[2], &to)
		if to != latest || from >= current {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if err := checkCopy(ctx, path, -1); err != nil {
			os.Remove(path)
			continue
		}
		return path
	}
	return ""
}

// removeMigrationLeftovers removes the partial copies of migration backups
// in dir, which only an interrupted backup leaves.
func removeMigrationLeftovers(dir string) error {
	return removePartials(dir, migrationPartial.MatchString)
}

func removePartials(dir string, partial func(name string) bool) error {
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("look for interrupted backups: %w", err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() && partial(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove an interrupted backup: %w", err)
			}
		}
	}
	return nil
}

// writeChecked writes a copy of the database to a partial name beside target,
// checks it (integrity_check says ok, and it has the database's tables),
// syncs it to disk and returns its path. On error it leaves no file.
func (s *Store) writeChecked(ctx context.Context, target string) (_ string, err error) {
	tables, err := countTables(ctx, s.sqlDB)
	if err != nil {
		return "", fmt.Errorf("read the database's tables: %w", err)
	}
	// Creating the file first gives it its mode whatever the umask; VACUUM
	// INTO accepts an empty file.
	f, err := os.CreateTemp(filepath.Dir(target), filepath.Base(target)+partialMark+"*")
	if err != nil {
		return "", fmt.Errorf("create backup: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("create backup: %w", err)
	}
	if err := os.Chmod(tmp, fileMode); err != nil {
		return "", fmt.Errorf("create backup: %w", err)
	}
	if _, err := s.sqlDB.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return "", fmt.Errorf("write backup: %w", err)
	}
	hook(stageCopied, tmp)
	if err := checkCopy(ctx, tmp, tables); err != nil {
		return "", fmt.Errorf("the backup copy failed its check, so it was not kept: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return "", fmt.Errorf("write backup to disk: %w", err)
	}
	return tmp, nil
}

// checkCopy opens the copy at path read-only and immutable (nothing is
// created beside it) and checks it is sound and has want tables (any number
// when want < 0).
func checkCopy(ctx context.Context, path string, want int) error {
	d, err := sql.Open("sqlite", fileURI(path)+"?mode=ro&immutable=1")
	if err != nil {
		return err
	}
	defer d.Close()
	var result string
	if err := d.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("integrity_check: %s", result)
	}
	got, err := countTables(ctx, d)
	if err != nil {
		return err
	}
	if want >= 0 && got != want {
		return fmt.Errorf("the copy has %d tables, the database %d", got, want)
	}
	return nil
}

func countTables(ctx context.Context, d *sql.DB) (int, error) {
	var n int
	err := d.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&n)
	return n, err
}

// placeNew gives tmp the name target unless target exists. A hard link
// refuses an existing target atomically; where the file system has no hard
// links, a check before the rename does.
func placeNew(tmp, target string) error {
	if err := os.Link(tmp, target); err == nil {
		return os.Remove(tmp)
	}
	if _, err := os.Lstat(target); err == nil {
		return ErrBackupExists
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("name the backup %s: %w", target, err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Windows cannot sync a directory
// (and its renames need not be).
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	if dir == "" {
		dir = "."
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("write backup to disk: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("write backup to disk: %w", err)
	}
	return nil
}

// secureDatabaseFiles creates the database file at path if it is missing,
// and gives it, and the -wal and -shm an earlier run left, fileMode.
func secureDatabaseFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, fileMode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("make %s readable by its owner only (mode 0600): %w", p, err)
		}
	}
	return nil
}
