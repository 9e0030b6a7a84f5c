package cli_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBackupIsPrivateAndReplacesItsLeftovers runs switchboard backup into a
// folder where an interrupted backup to the same file left a partial copy.
func TestBackupIsPrivateAndReplacesItsLeftovers(t *testing.T) {
	data := t.TempDir()
	if code, _, errOut := run(t, "demo", "--count", "3", "--seed", "1", "--data-dir", data); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out := t.TempDir()
	target := filepath.Join(out, "copy.db")
	leftover := target + ".partial-123"
	if err := os.WriteFile(leftover, []byte("SQLite format 3\x00 cut short"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(out, "other.db.partial-1")
	if err := os.WriteFile(other, []byte("someone else's"), 0o600); err != nil {
		t.Fatal(err)
	}

	code, stdout, errOut := run(t, "backup", target, "--data-dir", data)
	if code != 0 || !strings.Contains(stdout, target) {
		t.Fatalf("backup: %d %q %q", code, stdout, errOut)
	}
	if n := strings.Count(listNames(t, target), "\n"); n != 3 {
		t.Errorf("backup holds %d sub-accounts, want 3", n)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("the interrupted backup's leftover is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a partial copy of another file was removed: %v", err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "copy.db other.db.partial-1" {
		t.Errorf("the folder holds %s, want copy.db and the other file's leftover", got)
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(target)
		if err != nil {
			t.Fatal(err)
		}
		if mode := fi.Mode().Perm(); mode != 0o600 {
			t.Errorf("backup is %04o, want 0600", mode)
		}
	}
}
