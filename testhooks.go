//go:build !dev

package main

import "switchboard/backend"

// testProviderURLs is empty in production builds: the adapters always talk to
// the providers' real addresses.
func testProviderURLs() map[string]string { return nil }

// testDialogs is the window's dialogs in production builds.
func testDialogs(d backend.Dialogs) backend.Dialogs { return d }

// testPicker is the window's open dialog in production builds.
func testPicker(p backend.FilePicker) backend.FilePicker { return p }
