//go:build dev

package main

import (
	"os"
	"path/filepath"
	"strings"

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
