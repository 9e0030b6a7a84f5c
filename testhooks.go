//go:build !dev

package main

import (
	"time"

	"switchboard/backend"
)

// testProviderURLs is empty in production builds: the adapters always talk to
// the providers' real addresses.
func testProviderURLs() map[string]string { return nil }

// testDialogs is the window's dialogs in production builds.
func testDialogs(d backend.Dialogs) backend.Dialogs { return d }

// testNow is the clock of the first screen's relative times in production
// builds: the real one.
func testNow() func() time.Time { return time.Now }

// testFolders is the file manager in production builds.
func testFolders(f backend.Folders) backend.Folders { return f }

// testPicker is the window's open dialog in production builds.
func testPicker(p backend.FilePicker) backend.FilePicker { return p }
