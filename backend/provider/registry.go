package provider

import (
	"net/url"
	"slices"
	"strings"
)

// PortalAllowed reports whether link may be opened as info's portal: https
// on its default port, no user part, and a host on the adapter's allow-list.
func PortalAllowed(info Info, link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.User != nil || u.Opaque != "" {
		return false
	}
	if p := u.Port(); p != "" && p != "443" {
		return false
	}
	return slices.Contains(info.PortalHosts, u.Hostname())
}

// BaseURL returns opts.BaseURL when a test set one, else def, without a
// trailing slash, so that adapters can append paths.
func BaseURL(opts Options, def string) string {
	if opts.BaseURL != "" {
		def = opts.BaseURL
	}
	return strings.TrimRight(def, "/")
}

// API is a provider's API as an adapter reaches it.
type API struct {
	Base   string // scheme and host, without a trailing slash
	Client *Client
}

// NewAPI returns the API at opts.BaseURL (a test's fake) or def, reached
// through opts.Client or a production client.
func NewAPI(opts Options, def string) API {
	return API{Base: BaseURL(opts, def), Client: ClientOf(opts)}
}

// ClientOf returns opts.Client, or a production client.
func ClientOf(opts Options) *Client {
	if opts.Client != nil {
		return opts.Client
	}
	return NewClient()
}
