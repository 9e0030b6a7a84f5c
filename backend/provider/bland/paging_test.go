package bland

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// pagesFrom serves the fake's list with from ignored when pin is set, and
// otherwise each answer with its first repeat calls listed again at its
// end: more calls than were asked.
type pagesFrom struct {
	*fake.BlandServer
	pin    bool
	repeat int
}

func (p pagesFrom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/calls" {
		p.BlandServer.ServeHTTP(w, r)
		return
	}
	q := r.URL.Query()
	if p.pin {
		q.Set("from", "0")
		r.URL.RawQuery = q.Encode()
	}
	page := p.list(r)
	if calls := page["calls"].([]any); !p.pin && len(calls) > p.repeat {
		page["calls"] = append(calls, calls[:p.repeat]...)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(page)
}

// list is the fake's answer to r, decoded.
func (p pagesFrom) list(r *http.Request) map[string]any {
	rec := httptest.NewRecorder()
	p.BlandServer.ServeHTTP(rec, r)
	var m map[string]any
	json.Unmarshal(rec.Body.Bytes(), &m)
	return m
}

// TestListCallsSeesARepeatedPage has Bland answer every page with the first
// one, total_count and all: the walk must say so, not end as though the
// calls served so far reached the total (which left 200 of 1,200 unread).
func TestListCallsSeesARepeatedPage(t *testing.T) {
	calls := fake.BlandCalls(1200, 9)
	w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Second)}
	h := providertest.Serve(t, pagesFrom{BlandServer: fake.NewBland(testKey, calls), pin: true}, New)
	first, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
	if err != nil || first.Next == "" {
		t.Fatalf("first page: next %q, %v", first.Next, err)
	}
	_, err = h.Adapter.ListCalls(context.Background(), creds, w, first.Next)
	if !errors.Is(err, provider.ErrPageRepeated) {
		t.Fatalf("the same page again: %v, want ErrPageRepeated", err)
	}
	// An older build's cursor (a bare index) still reads its page.
	if _, err := h.Adapter.ListCalls(context.Background(), creds, w, "1000"); err != nil {
		t.Fatalf("cursor 1000: %v", err)
	}
}

// TestListCallsMovesByTheCallsAsked has each answer list its first five
// calls again at its end (1,005 calls for the 1,000 asked): moving on by the
// calls served would skip five calls a page; every call must be listed.
func TestListCallsMovesByTheCallsAsked(t *testing.T) {
	calls := fake.BlandCalls(2600, 10)
	w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Second)}
	h := providertest.Serve(t, pagesFrom{BlandServer: fake.NewBland(testKey, calls), repeat: 5}, New)
	got, _ := providertest.ListAll(t, h.Adapter, creds, w)
	seen := map[string]bool{}
	for _, c := range got {
		seen[c.ProviderCallID] = true
	}
	for _, c := range calls {
		if !seen[c.CallID] {
			t.Fatalf("call %s was never listed (%d of %d seen)", c.CallID, len(seen), len(calls))
		}
	}
}
