package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/backend/about"
	"switchboard/backend/cli"
	"switchboard/backend/datadir"
	"switchboard/backend/keychain"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	handled, code := cli.Run(args, &out, &errOut)
	if !handled {
		t.Fatalf("%v: not handled", args)
	}
	return code, out.String(), errOut.String()
}

func TestWindowWhenNoSubcommand(t *testing.T) {
	for _, args := range [][]string{nil, {"--data-dir", "x"}} {
		if handled, _ := cli.Run(args, &bytes.Buffer{}, &bytes.Buffer{}); handled {
			t.Errorf("%v was taken as a subcommand", args)
		}
	}
}

func TestVersion(t *testing.T) {
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "switchboard ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestDemoIsDeterministicAndBackupRefusesOverwrite(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, errOut := run(t, "demo", "--count", "30", "--seed", "9", "--data-dir", dir); code != 0 {
			t.Fatalf("demo: %d %s", code, errOut)
		}
	}
	dump := func(dir string) string {
		target := filepath.Join(t.TempDir(), "b.db")
		if code, _, errOut := run(t, "backup", target, "--data-dir", dir); code != 0 {
			t.Fatalf("backup: %s", errOut)
		}
		code, _, errOut := run(t, "backup", target, "--data-dir", dir)
		if code == 0 || !strings.Contains(errOut, "already exists") {
			t.Errorf("backup over an existing file: %d %q", code, errOut)
		}
		return listNames(t, target)
	}
	if na, nb := dump(a), dump(b); na != nb || strings.Count(na, "\n") != 30 {
		t.Errorf("same seed, different data:\n%s\n---\n%s", na, nb)
	}
	if code, _, _ := run(t, "demo", "--count", "0", "--data-dir", a); code != 2 {
		t.Error("demo --count 0 accepted")
	}
}

func TestDemoRefusesALockedDataDir(t *testing.T) {
	dir := t.TempDir()
	lock, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, errOut := run(t, "demo", "--count", "1", "--data-dir", dir)
	if code == 0 || !strings.Contains(errOut, "already using this data directory") {
		t.Errorf("demo on a locked dir: %d %q", code, errOut)
	}
}

func TestDoctor(t *testing.T) {
	dir := t.TempDir()
	if code, _, _ := run(t, "demo", "--count", "3", "--data-dir", dir); code != 0 {
		t.Fatal("demo failed")
	}
	code, out, _ := run(t, "doctor", "--data-dir", dir)
	// The About dialog's facts come first.
	facts := []string{"Switchboard " + about.Version + " (", "licence: " + about.Licence + "\n", "keychain in use: " + keychain.Describe() + "\n"}
	for _, want := range append(facts, "[ok  ] data directory", "(current)", "[ok  ] database integrity: ok") {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" && code != 0 {
		t.Errorf("doctor with a working keychain exited %d:\n%s", code, out)
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" && !strings.Contains(out, "keychain in use: Secret Service, provided by gnome-keyring-daemon\n") {
		t.Errorf("doctor does not name the Secret Service's provider:\n%s", out)
	}

	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "switchboard.db"), bytes.Repeat([]byte("not a database "), 500), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "doctor", "--data-dir", broken)
	if code != 1 || !strings.Contains(out, "FAIL") || !strings.Contains(out, "fix:") {
		t.Errorf("doctor on a corrupt database: %d\n%s", code, out)
	}
}
