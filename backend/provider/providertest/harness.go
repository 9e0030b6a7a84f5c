// Package providertest is what the adapters' tests share: a harness that
// points an adapter at a local fake and records its client's waits,
// helpers to walk and compare call listings, and RunConformance, the
// behaviours every adapter must show against its fake. Only tests import
// it.
package providertest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

// Fake is a provider's fake API from package fake: an http.Handler with
// the failure switches and the request log every fake has.
type Fake interface {
	http.Handler
	RateLimitNext(k int, retryAfter string)
	FailNext(k, status int)
	SlowNext(k int, d time.Duration)
	MalformedNext(k int)
	Requests() []fake.Request
	ResetRequests()
}

// Harness is an adapter pointed at a local fake.
type Harness struct {
	Adapter provider.Adapter
	Client  *provider.Client // the adapter's client, to tune (HTTP.Timeout, MaxAttempts)
	URL     string           // the fake's base URL
	mu      sync.Mutex
	sleeps  []time.Duration
}

// Serve serves h locally until t ends and returns the adapter newAdapter
// builds for it. The client records its waits (see Sleeps) instead of
// sleeping.
func Serve(t testing.TB, h http.Handler, newAdapter func(provider.Options) provider.Adapter) *Harness {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	hs := &Harness{Client: provider.NewClient(), URL: srv.URL}
	hs.Client.Sleep = func(ctx context.Context, d time.Duration) error {
		hs.mu.Lock()
		defer hs.mu.Unlock()
		hs.sleeps = append(hs.sleeps, d)
		return ctx.Err()
	}
	hs.Adapter = newAdapter(provider.Options{BaseURL: srv.URL, Client: hs.Client})
	return hs
}

// Sleeps returns the waits the client asked for so far.
func (h *Harness) Sleeps() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Duration(nil), h.sleeps...)
}

// maxPages is more pages than any test lists: a walk that goes on is a
// cursor loop.
const maxPages = 200

// ListAll lists w with a and c from the first page to the last and returns
// the calls and the number of pages. It fails t on an error or a walk that
// does not end.
func ListAll(t testing.TB, a provider.Adapter, c provider.Credentials, w provider.Window) ([]provider.Call, int) {
	t.Helper()
	var all []provider.Call
	cursor := ""
	for pages := 1; pages <= maxPages; pages++ {
		page, err := a.ListCalls(context.Background(), c, w, cursor)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		all = append(all, page.Calls...)
		if page.Next == "" {
			return all, pages
		}
		cursor = page.Next
	}
	t.Fatalf("pagination does not end after %d pages", maxPages)
	return nil, 0
}

// ExactlyOnce fails t unless got lists each call of want (ids) exactly
// once, and no other call.
func ExactlyOnce(t testing.TB, got []provider.Call, want []string) {
	t.Helper()
	wanted := make(map[string]bool, len(want))
	for _, id := range want {
		wanted[id] = true
	}
	seen := map[string]int{}
	for _, c := range got {
		seen[c.ProviderCallID]++
		if !wanted[c.ProviderCallID] {
			t.Errorf("unexpected call %s at %v", c.ProviderCallID, c.StartedAt)
		}
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Errorf("call %s listed %d times", id, seen[id])
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d calls, want %d", len(got), len(want))
	}
}

// SameCalls fails t unless got holds want's calls in want's order. Times
// are compared as instants and must be UTC.
func SameCalls(t testing.TB, got, want []provider.Call) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d calls, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !sameCall(got[i], want[i]) {
			t.Errorf("call %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func sameCall(a, b provider.Call) bool {
	return a.ProviderCallID == b.ProviderCallID && a.Direction == b.Direction && a.Status == b.Status && a.RawStatus == b.RawStatus && a.ParentCallID == b.ParentCallID && a.AgentID == b.AgentID &&
		a.From == b.From && a.To == b.To && a.StartedAt.Equal(b.StartedAt) && a.EndedAt.Equal(b.EndedAt) &&
		a.StartedAt.Location() == time.UTC && a.EndedAt.Location() == time.UTC &&
		a.DurationSec == b.DurationSec && a.CostMicros == b.CostMicros && a.Currency == b.Currency
}

// CheckCall fails t unless c is what every adapter's parser promises of a
// call it returns: an id, a start time, UTC times and a duration that is
// not negative. Fuzz tests call it on whatever parsed.
func CheckCall(t testing.TB, c provider.Call) {
	t.Helper()
	if c.ProviderCallID == "" {
		t.Fatal("call without ProviderCallID")
	}
	if c.StartedAt.IsZero() || c.StartedAt.Location() != time.UTC || c.EndedAt.Location() != time.UTC {
		t.Fatalf("bad times %v, %v", c.StartedAt, c.EndedAt)
	}
	if c.DurationSec < 0 {
		t.Fatalf("negative duration %d", c.DurationSec)
	}
}

// CheckFieldErrors fails t unless err is nil when bad is empty, else
// provider.FieldErrors naming exactly the fields in bad.
func CheckFieldErrors(t testing.TB, err error, bad ...string) {
	t.Helper()
	if len(bad) == 0 {
		if err != nil {
			t.Fatalf("Validate = %v, want nil", err)
		}
		return
	}
	var fe provider.FieldErrors
	if !errors.As(err, &fe) || len(fe) != len(bad) {
		t.Fatalf("Validate = %#v, want errors on %v", err, bad)
	}
	for _, k := range bad {
		if fe[k] == "" {
			t.Errorf("no error on %s: %v", k, fe)
		}
	}
}
