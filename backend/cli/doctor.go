package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"switchboard/backend/about"
	"switchboard/backend/datadir"
	"switchboard/backend/keychain"
	"switchboard/db"
)

// check is one line of the doctor's report: a problem comes with its fix.
type check struct {
	name    string
	ok      bool
	detail  string
	fix     string
	warning bool // reported, but does not fail the run
}

func runDoctor(args []string, out, errOut io.Writer) int {
	dir, _, ok := flags("doctor", args, errOut, nil)
	if !ok {
		return 2
	}
	// The same facts as the window's About dialog.
	fmt.Fprintf(out, "Switchboard %s (%s/%s)\n", about.Version, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(out, "licence: %s\n", about.Licence)
	fmt.Fprintf(out, "keychain in use: %s\n", keychain.Describe())
	checks := []check{checkDataDir(dir)}
	checks = append(checks, checkDatabase(dir)...)
	checks = append(checks, checkKeychain(), checkWebview())
	failed := 0
	for _, c := range checks {
		mark := "ok  "
		if !c.ok && c.warning {
			mark = "warn"
		} else if !c.ok {
			mark = "FAIL"
			failed++
		}
		fmt.Fprintf(out, "[%s] %s: %s\n", mark, c.name, c.detail)
		if !c.ok && c.fix != "" {
			fmt.Fprintf(out, "       fix: %s\n", c.fix)
		}
	}
	if failed > 0 {
		fmt.Fprintf(out, "%d problem(s) found.\n", failed)
		return 1
	}
	fmt.Fprintln(out, "Everything looks right.")
	return 0
}

func checkDataDir(dir string) check {
	c := check{name: "data directory", detail: dir}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		c.detail, c.fix = err.Error(), "choose a writable folder with --data-dir or $"+datadir.EnvVar
		return c
	}
	f, err := os.CreateTemp(dir, ".doctor-*")
	if err != nil {
		c.detail, c.fix = "not writable: "+err.Error(), "fix the folder's permissions, or choose another with --data-dir"
		return c
	}
	f.Close()
	os.Remove(f.Name())
	c.ok = true
	return c
}

func checkDatabase(dir string) []check {
	ctx := context.Background()
	path := filepath.Join(dir, db.FileName)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return []check{{name: "database", ok: true, detail: "not created yet; the app creates it at first start"}}
	}
	store, err := db.Open(path)
	if err != nil {
		return []check{{name: "database", detail: err.Error(), fix: "restore a backup (switchboard backup writes them) or move the file aside"}}
	}
	defer store.Close()
	schema := check{name: "schema version"}
	current, latest, err := store.SchemaVersion(ctx)
	switch {
	case err != nil:
		schema.detail, schema.fix = err.Error(), "restore a backup or move the database aside"
	case current < latest:
		schema.ok, schema.detail = true, fmt.Sprintf("%d; the app upgrades it to %d at next start (after writing a backup)", current, latest)
	case current > latest:
		schema.detail, schema.fix = fmt.Sprintf("%d, newer than this build knows (%d)", current, latest), "install the newer Switchboard that wrote this database"
	default:
		schema.ok, schema.detail = true, fmt.Sprintf("%d (current)", current)
	}
	integrity := check{name: "database integrity", detail: path}
	problems, err := store.IntegrityCheck(ctx)
	switch {
	case err != nil:
		integrity.detail, integrity.fix = err.Error(), "restore a backup"
	case len(problems) > 0:
		integrity.detail = fmt.Sprintf("%d problem(s), first: %s", len(problems), problems[0])
		integrity.fix = "restore a backup, or recover with: sqlite3 switchboard.db .recover"
	default:
		integrity.ok, integrity.detail = true, "ok"
	}
	return []check{schema, integrity}
}

func checkKeychain() check {
	c := check{name: "keychain"}
	if err := keychain.Probe(); err != nil {
		d := keychain.Diagnose(err) // the app's banner says the same
		c.detail, c.fix = d.Detail, d.Fix
		return c
	}
	c.ok, c.detail = true, "stores and reads secrets (service \""+keychain.Service+"\")"
	return c
}

// webkitLibs are the libraries the Linux window needs (WebKitGTK 4.1).
var webkitLibs = []string{"libwebkit2gtk-4.1.so.0", "libgtk-3.so.0"}

func checkWebview() check {
	c := check{name: "webview"}
	if runtime.GOOS != "linux" {
		c.ok, c.detail = true, "provided by the operating system"
		return c
	}
	var missing []string
	for _, lib := range webkitLibs {
		if !libraryPresent(lib) {
			missing = append(missing, lib)
		}
	}
	if len(missing) > 0 {
		c.detail = fmt.Sprintf("missing %v", missing)
		c.fix = "sudo apt install libwebkit2gtk-4.1-0 libgtk-3-0"
		return c
	}
	c.ok, c.detail = true, "WebKitGTK 4.1 and GTK 3 found"
	return c
}

var libDirs = []string{"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64"}

func libraryPresent(name string) bool {
	for _, d := range libDirs {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			return true
		}
	}
	return false
}
