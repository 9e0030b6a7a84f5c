//go:build !dev

package main

// testProviderURLs is empty in production builds: the adapters always talk to
// the providers' real addresses.
func testProviderURLs() map[string]string { return nil }
