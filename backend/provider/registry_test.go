package provider_test

import (
	"net/url"
	"slices"
	"testing"

	"switchboard/backend/provider"
)

var portalInfo = provider.Info{PortalHosts: []string{"dashboard.retellai.com"}}

func TestPortalAllowedRefusesOtherPorts(t *testing.T) {
	for link, want := range map[string]bool{
		"https://dashboard.retellai.com:443/":       true,
		"https://dashboard.retellai.com:8443/":      false,
		"https://dashboard.retellai.com:80":         false,
		"https://dashboard.retellai.com:/":          true, // an empty port is the default
		"https:dashboard.retellai.com":              false,
		"https://DASHBOARD.retellai.com":            false, // hosts are compared as listed
		"https://dashboard.retellai.com\\@evil.com": false,
	} {
		if got := provider.PortalAllowed(portalInfo, link); got != want {
			t.Errorf("%s: %v, want %v", link, got, want)
		}
	}
}

// FuzzPortalAllowed: whatever the link, an allowed one is https, has no
// user part, is on the default port and on an allow-listed host.
func FuzzPortalAllowed(f *testing.F) {
	for _, s := range []string{"https://dashboard.retellai.com", "https://dashboard.retellai.com:8443/x",
		"http://dashboard.retellai.com", "https://a@dashboard.retellai.com", "javascript:alert(1)",
		"https://dashboard.retellai.com.evil.example", "https://[::1]/", "https://dashboard.retellai.com%2f@evil"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		if !provider.PortalAllowed(portalInfo, link) {
			return
		}
		u, err := url.Parse(link)
		if err != nil || u.Scheme != "https" || u.User != nil || (u.Port() != "" && u.Port() != "443") ||
			!slices.Contains(portalInfo.PortalHosts, u.Hostname()) {
			t.Fatalf("allowed %q (%+v, %v)", link, u, err)
		}
	})
}
