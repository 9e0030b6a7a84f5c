// Package datadir finds Switchboard's data directory and guards it with a
// lock file, so that two processes never write one database at once.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/gofrs/flock"
)

// EnvVar overrides the data directory (the --data-dir flag wins over it).
const EnvVar = "SWITCHBOARD_DATA_DIR"

// Resolve returns the data directory: flag, else $SWITCHBOARD_DATA_DIR, else
// <user config dir>/Switchboard. The result is absolute.
func Resolve(flag string) (string, error) {
	dir := flag
	if dir == "" {
		dir = os.Getenv(EnvVar)
	}
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the user configuration directory (set %s or pass --data-dir): %w", EnvVar, err)
		}
		dir = filepath.Join(base, "Switchboard")
	}
	return filepath.Abs(dir)
}

// ErrInUse means another Switchboard process holds the data directory.
var ErrInUse = errors.New("another Switchboard is already using this data directory")

// Lock is an exclusive hold on a data directory.
type Lock struct{ f *flock.Flock }

// lockFileName is the lock file inside the data directory.
const lockFileName = "switchboard.lock"

// Acquire creates dir if needed, makes it and its lock file private to their
// owner (0700 and 0600 on Unix, also when an older build left them open to
// others), and takes the lock without waiting. It returns an error wrapping
// ErrInUse when another process holds it.
func Acquire(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory %s: %w", dir, err)
	}
	if err := private(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, lockFileName)
	f := flock.New(path, flock.SetPermissions(0o600))
	ok, err := f.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock data directory %s: %w", dir, err)
	}
	if !ok {
		return nil, fmt.Errorf("%w (%s): close the other window, or use another --data-dir", ErrInUse, dir)
	}
	if err := private(path, 0o600); err != nil {
		f.Unlock()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// private gives path mode, whatever the umask or an older build left. On
// Windows, where modes mean little, the user's profile directory guards the
// data instead.
func private(path string, mode os.FileMode) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	if err := os.Chmod(path, mode); err != nil {
		return fmt.Errorf("make %s private to its owner (mode %04o): %w", path, mode, err)
	}
	return nil
}

// Release gives the lock back.
func (l *Lock) Release() error { return l.f.Unlock() }
