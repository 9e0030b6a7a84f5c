package bland

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// TestListCallsMapping lists calls from the fake, whose list carries only
// the list fields, and checks that direction, cost, start and status come
// from each call's details.
func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	yes, no := true, false
	price := func(v float64) *float64 { return &v }
	calls := []fake.BlandCall{
		{CallID: "in", CreatedAt: at, StartedAt: at.Add(time.Second), EndAt: at.Add(30 * time.Minute), CallLength: 2.345,
			From: "+14155550101", To: "+14155550000", Inbound: &yes, Price: price(0.285), Status: "completed",
			QueueStatus: "complete", Completed: true, AnsweredBy: "human"},
		{CallID: "out", CreatedAt: at.Add(time.Minute), StartedAt: at.Add(time.Minute + 3*time.Second), From: "+14155550000", To: "+12125550199",
			Inbound: &no, Price: price(0), Status: "no-answer", QueueStatus: "complete", Completed: true, AnsweredBy: "no-answer"},
		{CallID: "unknown-direction", CreatedAt: at.Add(2 * time.Minute), CallLength: 1.5, QueueStatus: "complete", Completed: true},
		{CallID: "unfinished", CreatedAt: at.Add(3 * time.Minute), StartedAt: at.Add(3*time.Minute + time.Second), Inbound: &no, QueueStatus: "started"},
		{CallID: "before-window", CreatedAt: at.Add(-time.Second), Status: "completed", Completed: true},
	}
	f := fake.NewBland(testKey, calls)
	h := providertest.Serve(t, f, New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: at, Until: at.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{ProviderCallID: "in", Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "completed",
			From: "+14155550101", To: "+14155550000", StartedAt: at.Add(time.Second), EndedAt: at.Add(142 * time.Second),
			DurationSec: 141, CostMicros: 285000, Currency: "USD"},
		{ProviderCallID: "out", Direction: provider.DirectionOut, Status: provider.StatusNoAnswer, RawStatus: "no-answer",
			From: "+14155550000", To: "+12125550199", StartedAt: at.Add(time.Minute + 3*time.Second), Currency: "USD"},
		{ProviderCallID: "unknown-direction", Direction: provider.DirectionUnknown, Status: provider.StatusCompleted, RawStatus: "complete",
			StartedAt: at.Add(2 * time.Minute), DurationSec: 90},
		{ProviderCallID: "unfinished", Direction: provider.DirectionOut, Status: provider.StatusInProgress, RawStatus: "started",
			StartedAt: at.Add(3*time.Minute + time.Second)},
	}
	if page.Next != "" {
		t.Errorf("Next = %q", page.Next)
	}
	providertest.SameCalls(t, page.Calls, want)
	if n := len(f.Requests()); page.Requests != n || n != 5 {
		t.Errorf("Requests = %d, the fake saw %d; want 5 (the list and 4 details, none for the call outside the window)", page.Requests, n)
	}
}

// TestListCallsPagesWithoutTotal walks a listing whose answers have no
// total_count, as in the reference's example: a full page means another.
func TestListCallsPagesWithoutTotal(t *testing.T) {
	calls := fake.BlandCalls(2100, 5)
	f := fake.NewBland(testKey, calls)
	f.SetNoTotal(true)
	h := providertest.Serve(t, f, New)
	w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Second)}
	got, pages := providertest.ListAll(t, h.Adapter, creds, w)
	var want []string
	for _, c := range calls {
		want = append(want, c.CallID)
	}
	providertest.ExactlyOnce(t, got, want)
	if pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
}

// detailAnswer answers every detail request with status, the rest as the
// Bland fake does.
type detailAnswer struct {
	*fake.BlandServer
	status int
}

func (d detailAnswer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/v1/calls/") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(d.status)
		_, _ = w.Write([]byte(`{"status":"error","message":"Call not found"}`))
		return
	}
	d.BlandServer.ServeHTTP(w, r)
}

// TestListCallsDetailFailure checks that a call Bland no longer has (its
// details are a 404) keeps what the list said, and that any other failure
// of a detail fails the page.
func TestListCallsDetailFailure(t *testing.T) {
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	calls := []fake.BlandCall{{CallID: "a", CreatedAt: at, CallLength: 1, Completed: true, QueueStatus: "complete"}}
	w := provider.Window{Since: at, Until: at.Add(time.Hour)}

	h := providertest.Serve(t, detailAnswer{fake.NewBland(testKey, calls), http.StatusNotFound}, New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
	want := []provider.Call{{ProviderCallID: "a", Direction: provider.DirectionUnknown, Status: provider.StatusCompleted,
		RawStatus: "complete", StartedAt: at, DurationSec: 60}}
	if err != nil || page.Requests != 2 {
		t.Fatalf("page = %+v, %v; want the listed call after 2 requests", page, err)
	}
	providertest.SameCalls(t, page.Calls, want)

	h = providertest.Serve(t, detailAnswer{fake.NewBland(testKey, calls), http.StatusBadRequest}, New)
	if _, err := h.Adapter.ListCalls(context.Background(), creds, w, ""); provider.KindOf(err) != provider.KindRejected {
		t.Fatalf("err = %v, want KindRejected", err)
	}
}

func TestParseCalls(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr bool
		check   func(t *testing.T, l callList)
	}{
		{"total_count", `{"total_count":9,"count":1,"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z"}]}`, false,
			func(t *testing.T, l callList) {
				if l.served != 1 || !l.hasTotal || l.total != 9 {
					t.Errorf("served %d total %d (%v)", l.served, l.total, l.hasTotal)
				}
			}},
		{"no total_count", `{"count":784,"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z"}]}`, false,
			func(t *testing.T, l callList) {
				if l.served != 1 || l.hasTotal {
					t.Errorf("served %d total %d (%v)", l.served, l.total, l.hasTotal)
				}
			}},
		{"postgres time with short offset", `{"calls":[{"call_id":"a","created_at":"2025-03-01 05:30:00.123+05:30"}]}`, false,
			func(t *testing.T, l callList) {
				if got := l.items[0].created; !got.Equal(time.Date(2025, 3, 1, 0, 0, 0, 123e6, time.UTC)) || got.Location() != time.UTC {
					t.Errorf("created = %v", got)
				}
			}},
		{"no zone is UTC", `{"calls":[{"call_id":"a","created_at":"2025-03-01T10:00:00"}]}`, false,
			func(t *testing.T, l callList) {
				if got := l.items[0].call.StartedAt; !got.Equal(time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("started = %v", got)
				}
			}},
		{"call_length as a string", `{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":"0.5"}]}`, false,
			func(t *testing.T, l callList) {
				if c := l.items[0].call; c.DurationSec != 30 || c.Currency != "" || c.Direction != provider.DirectionUnknown {
					t.Errorf("call = %+v", c)
				}
			}},
		{"nulls tolerated", `{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":null,"to":null,"answered_by":null,"error_message":null,"batch_id":null}]}`, false,
			func(t *testing.T, l callList) {
				if c := l.items[0].call; c.Status != provider.StatusUnknown || c.DurationSec != 0 {
					t.Errorf("call = %+v", c)
				}
			}},
		{"no calls key", `{"total_count":0}`, true, nil},
		{"unparseable created_at", `{"calls":[{"call_id":"a","created_at":"March 1st"}]}`, true, nil},
		{"missing created_at", `{"calls":[{"call_id":"a"}]}`, true, nil},
		{"missing call_id", `{"calls":[{"created_at":"2025-03-01T00:00:00Z"}]}`, true, nil},
		{"call_length not a number", `{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":"long"}]}`, true, nil},
		{"not JSON", `Bad Gateway`, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseCalls([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind = %q", provider.KindOf(err))
				}
				return
			}
			tt.check(t, l)
		})
	}
}

func TestApplyDetail(t *testing.T) {
	created := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		body    string
		wantErr bool
		check   func(t *testing.T, c provider.Call)
	}{
		{"corrected_duration wins over call_length", `{"call_length":0.75,"corrected_duration":"71","status":"completed"}`, false,
			func(t *testing.T, c provider.Call) {
				if c.DurationSec != 71 || !c.EndedAt.IsZero() {
					t.Errorf("call = %+v", c)
				}
			}},
		{"price as a string", `{"price":"0.07","inbound":true}`, false,
			func(t *testing.T, c provider.Call) {
				if c.CostMicros != 70000 || c.Currency != "USD" || c.Direction != provider.DirectionIn {
					t.Errorf("call = %+v", c)
				}
			}},
		{"nulls tolerated", `{"price":null,"inbound":null,"started_at":null,"end_at":null,"status":null}`, false,
			func(t *testing.T, c provider.Call) {
				if c.Currency != "" || c.Direction != provider.DirectionUnknown || !c.StartedAt.Equal(created) {
					t.Errorf("call = %+v", c)
				}
			}},
		{"end_at is not the end", `{"started_at":"2025-03-01T00:00:05Z","end_at":"2025-03-01T00:30:05Z","call_length":1,"status":"completed"}`, false,
			func(t *testing.T, c provider.Call) {
				if !c.EndedAt.Equal(created.Add(65 * time.Second)) {
					t.Errorf("ended = %v", c.EndedAt)
				}
			}},
		{"negative price", `{"price":-1}`, true, nil},
		{"bad started_at", `{"started_at":"soon"}`, true, nil},
		{"negative corrected_duration", `{"corrected_duration":"-3"}`, true, nil},
		{"inbound not a bool", `{"inbound":"yes"}`, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := item{call: provider.Call{ProviderCallID: "a", Direction: provider.DirectionUnknown, StartedAt: created}, created: created}
			d, err := parseDetail("a", []byte(tt.body))
			if err == nil {
				err = it.apply(d)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind = %q", provider.KindOf(err))
				}
				return
			}
			tt.check(t, it.call)
		})
	}
}

// wantInFlight is how many details a page should have in flight at once.
const wantInFlight = 8

// inFlight answers detail requests as the Bland fake does, but holds each
// of the first wantInFlight until that many have arrived (or a
// fallback of a few seconds passes, should fewer ever be in flight), and
// records the most details in flight at once.
type inFlight struct {
	*fake.BlandServer
	mu       sync.Mutex
	now, max int
	arrived  int
	full     chan struct{}
}

func (f *inFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/v1/calls/") {
		f.BlandServer.ServeHTTP(w, r)
		return
	}
	f.mu.Lock()
	f.now++
	f.max = max(f.max, f.now)
	f.arrived++
	if f.arrived == wantInFlight {
		close(f.full)
	}
	wait := f.arrived <= wantInFlight
	f.mu.Unlock()
	if wait {
		select {
		case <-f.full:
		case <-time.After(3 * time.Second):
		}
	}
	f.BlandServer.ServeHTTP(w, r)
	f.mu.Lock()
	f.now--
	f.mu.Unlock()
}

// TestListCallsDetailsInFlight checks that a page reads details
// concurrently, 8 at a time and never more.
func TestListCallsDetailsInFlight(t *testing.T) {
	calls := fake.BlandCalls(40, 4)
	f := &inFlight{BlandServer: fake.NewBland(testKey, calls), full: make(chan struct{})}
	h := providertest.Serve(t, f, New)
	w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Second)}
	page, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
	if err != nil || len(page.Calls) != 40 || page.Requests != 41 {
		t.Fatalf("%d calls, %d requests, %v", len(page.Calls), page.Requests, err)
	}
	if f.max != wantInFlight {
		t.Errorf("at most %d details in flight, want %d", f.max, wantInFlight)
	}
}

// TestFakeIsStrict checks that the fake refuses what the reference does
// not document: a list parameter it does not name, any parameter on the
// details, and that the list carries no detail field.
func TestFakeIsStrict(t *testing.T) {
	f := fake.NewBland(testKey, fake.BlandCalls(3, 1))
	h := providertest.Serve(t, f, New)
	get := func(path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, h.URL+path, nil)
		req.Header.Set("Authorization", testKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, _ = io.Copy(&b, resp.Body)
		return resp.StatusCode, b.String()
	}
	if code, _ := get("/v1/calls?page=2"); code != http.StatusBadRequest {
		t.Errorf("unknown list parameter: %d", code)
	}
	if code, _ := get("/v1/calls/bland-000000?fields=all"); code != http.StatusBadRequest {
		t.Errorf("parameter on details: %d", code)
	}
	code, body := get("/v1/calls")
	for _, k := range []string{`"inbound"`, `"price"`, `"started_at"`, `"end_at"`, `"status"`} {
		if code != http.StatusOK || strings.Contains(body, k) {
			t.Errorf("list (%d) has %s: %s", code, k, body)
		}
	}
	if code, body := get("/v1/calls/bland-000000"); code != http.StatusOK || !strings.Contains(body, `"inbound"`) || !strings.Contains(body, `"started_at"`) {
		t.Errorf("details (%d): %s", code, body)
	}
}
