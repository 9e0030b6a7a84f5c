package provider

import (
	"net/url"
	"slices"
)

// PortalAllowed reports whether link may be opened as info's portal: https
// and a host on the adapter's allow-list.
func PortalAllowed(info Info, link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.User != nil {
		return false
	}
	return slices.Contains(info.PortalHosts, u.Hostname())
}

// BaseURL returns opts.BaseURL when a test set one, else def.
func BaseURL(opts Options, def string) string {
	if opts.BaseURL != "" {
		return opts.BaseURL
	}
	return def
}

// ClientOf returns opts.Client, or a production client.
func ClientOf(opts Options) *Client {
	if opts.Client != nil {
		return opts.Client
	}
	return NewClient()
}
