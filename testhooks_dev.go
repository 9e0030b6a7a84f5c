//go:build dev

package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"switchboard/backend"
)

// testProviderURLs lets the browser end-to-end tests point the development
// build at local fakes of the providers' APIs:
// SWITCHBOARD_TEST_PROVIDER_URLS="retell=http://127.0.0.1:1234,twilio=…".
// Production builds do not contain this file.
func testProviderURLs() map[string]string {
	m := map[string]string{}
	for _, pair := range strings.Split(os.Getenv("SWITCHBOARD_TEST_PROVIDER_URLS"), ",") {
		if id, url, ok := strings.Cut(strings.TrimSpace(pair), "="); ok {
			m[id] = url
		}
	}
	return m
}

// testDialogs lets the browser end-to-end tests answer the save dialog
// without a window: with SWITCHBOARD_TEST_SAVE_DIR set, every save goes to
// the name the app proposes, in that directory.
func testDialogs(d backend.Dialogs) backend.Dialogs {
	if dir := os.Getenv("SWITCHBOARD_TEST_SAVE_DIR"); dir != "" {
		return saveInto(dir)
	}
	return d
}

// saveInto is a directory the save dialog always answers with.
type saveInto string

// SaveFile returns defaultName in the directory.
func (s saveInto) SaveFile(_, defaultName string) (string, error) {
	return filepath.Join(string(s), defaultName), nil
}

// testNow lets the browser tests fix the moment the first screen's relative
// times are written at (SWITCHBOARD_TEST_NOW, RFC 3339), as they fix the
// page's clock, so that both say the same.
func testNow() func() time.Time {
	if at, err := time.Parse(time.RFC3339, os.Getenv("SWITCHBOARD_TEST_NOW")); err == nil {
		return func() time.Time { return at }
	}
	return time.Now
}

// testFolders lets the browser end-to-end tests see what the app asked the
// file manager to open: with SWITCHBOARD_TEST_OPENED_FILE set, the folder's
// path is written to that file instead.
func testFolders(f backend.Folders) backend.Folders {
	if file := os.Getenv("SWITCHBOARD_TEST_OPENED_FILE"); file != "" {
		return recordFolders(file)
	}
	return f
}

// recordFolders writes each folder it is asked to show to a file.
type recordFolders string

// Show records path.
func (r recordFolders) Show(path string) error {
	return os.WriteFile(string(r), []byte(path), 0o600)
}

// testPicker lets the browser end-to-end tests answer the open dialog:
// with SWITCHBOARD_TEST_OPEN_FILE set, every open dialog chooses that file.
func testPicker(p backend.FilePicker) backend.FilePicker {
	if path := os.Getenv("SWITCHBOARD_TEST_OPEN_FILE"); path != "" {
		return openThis(path)
	}
	return p
}

// openThis is a file the open dialog always answers with.
type openThis string

// OpenFile returns the file.
func (o openThis) OpenFile(string) (string, error) { return string(o), nil }
