package bland

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
)

const testKey = "sk-0123456789abcdefghijABCDEFGHIJ"

var creds = provider.Credentials{"apiKey": testKey}

// sleeps records the client's waits instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// harness serves h locally and returns an adapter pointed at it, its
// client (to tune) and the recorded sleeps.
func harness(t *testing.T, h http.Handler) (provider.Adapter, *provider.Client, *sleeps) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s := &sleeps{}
	c := provider.NewClient()
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.d = append(s.d, d)
		return ctx.Err()
	}
	return New(provider.Options{BaseURL: srv.URL, Client: c}), c, s
}
