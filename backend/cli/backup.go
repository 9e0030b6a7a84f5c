package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"switchboard/db"
)

func runBackup(args []string, out, errOut io.Writer) int {
	dir, rest, ok := flags("backup", args, errOut, nil)
	if !ok {
		return 2
	}
	if len(rest) != 1 {
		fmt.Fprintln(errOut, "usage: switchboard backup FILE [--data-dir D]")
		return 2
	}
	target, err := filepath.Abs(rest[0])
	if err != nil {
		fmt.Fprintln(errOut, "switchboard backup:", err)
		return 1
	}
	// A backup only reads, so it may run while the app has the data open.
	store, ok := openExisting(dir, errOut)
	if !ok {
		return 1
	}
	defer store.Close()
	if err := store.Backup(context.Background(), target); err != nil {
		if errors.Is(err, db.ErrBackupExists) {
			fmt.Fprintf(errOut, "switchboard backup: %s already exists; choose a new file name (backups never overwrite)\n", target)
		} else {
			fmt.Fprintln(errOut, "switchboard backup:", err)
		}
		return 1
	}
	fmt.Fprintln(out, "backup written to", target)
	return 0
}

// openExisting opens the data directory's database without creating or
// migrating it.
func openExisting(dir string, errOut io.Writer) (*db.Store, bool) {
	path := filepath.Join(dir, db.FileName)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(errOut, "switchboard: no database at %s (start the app once, or pass --data-dir)\n", path)
		return nil, false
	}
	store, err := db.Open(path)
	if err != nil {
		fmt.Fprintln(errOut, "switchboard:", err)
		return nil, false
	}
	return store, true
}
