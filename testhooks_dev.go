//go:build dev

package main

import (
	"os"
	"strings"
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
