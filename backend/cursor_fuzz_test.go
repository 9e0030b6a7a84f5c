package backend_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/provider"
)

// hostRecorder is an http.RoundTripper that remembers the host of every
// request and sends none: a cursor must never send a sync elsewhere.
type hostRecorder struct {
	mu    sync.Mutex
	hosts map[string]bool
}

func (h *hostRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.hosts[r.URL.Host] = true
	h.mu.Unlock()
	return &http.Response{StatusCode: http.StatusNotFound, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
}

// FuzzCursors hands every adapter an arbitrary cursor: parsing it never
// panics, and whatever it holds, the adapter asks only its own API (a
// next-page URI on another host is refused, not followed).
func FuzzCursors(f *testing.F) {
	for _, s := range []string{"", "x", "eyJ9", "sf1.e30", "/2010-04-01/Accounts/AC0/Calls.json?Page=1&PageToken=PA1",
		"https://evil.example/2010-04-01/Accounts/AC0/Calls.json", "//evil.example/x", "v3:abc", "\x00", "%zz", "-1", "999999999999"} {
		f.Add(s)
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	f.Cleanup(srv.Close)
	own, _ := url.Parse(srv.URL)
	rec := &hostRecorder{hosts: map[string]bool{}}
	client := provider.NewClient()
	client.HTTP = &http.Client{Transport: rec, Timeout: time.Second}
	client.Sleep = func(context.Context, time.Duration) error { return nil }
	client.MaxAttempts = 1
	urls := map[string]string{}
	for _, p := range backend.Providers {
		urls[p.ID] = srv.URL
	}
	adapters := backend.NewAdapters(urls, client)
	creds := map[string]provider.Credentials{}
	for id, a := range adapters {
		c := provider.Credentials{}
		for _, fl := range a.Fields() {
			c[fl.Key] = "AC0123456789abcdef0123456789abcdef"
		}
		creds[id] = c
	}
	w := provider.Window{Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, cursor string) {
		for id, a := range adapters {
			a.ListCalls(context.Background(), creds[id], w, cursor) // refusing is fine; panicking is not
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		for h := range rec.hosts {
			if h != own.Host {
				t.Fatalf("cursor %q sent a request to %s", cursor, h)
			}
		}
	})
}
