// Package datadir finds Switchboard's data directory and guards it with a
// lock file, so that two processes never write one database at once.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

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

// Acquire creates dir if needed and takes its lock without waiting. It
// returns an error wrapping ErrInUse when another process holds it.
func Acquire(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory %s: %w", dir, err)
	}
	f := flock.New(filepath.Join(dir, "switchboard.lock"))
	ok, err := f.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock data directory %s: %w", dir, err)
	}
	if !ok {
		return nil, fmt.Errorf("%w (%s): close the other window, or use another --data-dir", ErrInUse, dir)
	}
	return &Lock{f: f}, nil
}

// Release gives the lock back.
func (l *Lock) Release() error { return l.f.Unlock() }
