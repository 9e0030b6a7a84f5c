package cli_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportWritesTheListAsFilteredAndNeverOverwrites runs switchboard
// export on demo data, sorted by name descending, then again onto the file.
func TestExportWritesTheListAsFilteredAndNeverOverwrites(t *testing.T) {
	data := t.TempDir()
	if code, _, errOut := run(t, "demo", "--count", "12", "--seed", "1", "--data-dir", data); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	target := filepath.Join(t.TempDir(), "list.csv")
	code, stdout, errOut := run(t, "export", target, "--sort", "name", "--desc", "--status", "active", "--data-dir", data)
	if code != 0 || !strings.Contains(stdout, target) {
		t.Fatalf("export: %d %q %q", code, stdout, errOut)
	}
	f, err := os.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || recs[0][0] != "Name" {
		t.Fatalf("export: %v", recs)
	}
	for i, r := range recs[1:] {
		if r[1] != "Active" {
			t.Errorf("row %d is %s, want only active ones", i, r[1])
		}
		if i > 0 && strings.ToLower(recs[i][0]) < strings.ToLower(r[0]) {
			t.Errorf("%q before %q: not sorted by name descending", recs[i][0], r[0])
		}
	}
	before, _ := os.ReadFile(target)
	if code, _, errOut := run(t, "export", target, "--data-dir", data); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("export onto the file: %d %q", code, errOut)
	}
	if after, _ := os.ReadFile(target); string(after) != string(before) {
		t.Fatal("the file was overwritten")
	}
	if code, _, errOut := run(t, "export", target+"2", "--status", "paused", "--data-dir", data); code != 1 || !strings.Contains(errOut, "Status must be Active or Inactive.") {
		t.Fatalf("bad status: %d %q", code, errOut)
	}
}
