package datadir_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"switchboard/backend/datadir"
)

func TestSecondHolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	first, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Acquire(dir); !errors.Is(err, datadir.ErrInUse) {
		t.Fatalf("second acquire: %v, want ErrInUse", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

func TestResolveOrder(t *testing.T) {
	env := t.TempDir()
	t.Setenv(datadir.EnvVar, env)
	if got, _ := datadir.Resolve(""); got != env {
		t.Errorf("env: %s", got)
	}
	flag := filepath.Join(t.TempDir(), "x")
	if got, _ := datadir.Resolve(flag); got != flag {
		t.Errorf("flag: %s", got)
	}
	t.Setenv(datadir.EnvVar, "")
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	if got, _ := datadir.Resolve(""); got != "/tmp/cfg/Switchboard" {
		t.Errorf("default: %s", got)
	}
}

func TestDataDirectoryIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	check := func(t *testing.T, path string, want os.FileMode) {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s is %04o, want %04o", path, got, want)
		}
	}
	t.Run("new directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "Switchboard")
		lock, err := datadir.Acquire(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		check(t, dir, 0o700)
		check(t, filepath.Join(dir, "switchboard.lock"), 0o600)
	})
	t.Run("directory and lock an older build left open to others", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "Switchboard")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		lockFile := filepath.Join(dir, "switchboard.lock")
		if err := os.WriteFile(lockFile, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		// Chmod, not the modes above, so that the umask plays no part.
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(lockFile, 0o644); err != nil {
			t.Fatal(err)
		}
		lock, err := datadir.Acquire(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		check(t, dir, 0o700)
		check(t, lockFile, 0o600)
	})
}
