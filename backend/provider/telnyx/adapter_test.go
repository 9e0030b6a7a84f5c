package telnyx

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

const (
	testKey = "KEY0123456789ABCDEF0123456789ABCDEF_abcdefghijklmnopqrstuv"
	testSID = "61bf923e-5e4d-4595-a110-56190ea18a1b"
)

var goodCreds = provider.Credentials{FieldAPIKey: testKey, FieldAccountSID: testSID}

// sleepRecorder stands in for Client.Sleep: it records the wait and
// returns at once.
type sleepRecorder struct {
	mu     sync.Mutex
	sleeps []time.Duration
}

func (r *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sleeps = append(r.sleeps, d)
	return ctx.Err()
}

func (r *sleepRecorder) get() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.sleeps...)
}

type harness struct {
	fake   *fake.TelnyxServer
	a      provider.Adapter
	client *provider.Client
	sleeps *sleepRecorder
}

func newHarness(t *testing.T, calls []fake.TelnyxCall) *harness {
	t.Helper()
	f := fake.NewTelnyx(testKey, testSID, calls)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	rec := &sleepRecorder{}
	c := provider.NewClient()
	c.Sleep = rec.sleep
	return &harness{fake: f, a: New(provider.Options{BaseURL: srv.URL, Client: c}), client: c, sleeps: rec}
}

// listAll walks every page of w.
func listAll(t *testing.T, a provider.Adapter, c provider.Credentials, w provider.Window) ([]provider.Call, int, error) {
	t.Helper()
	var all []provider.Call
	cursor := ""
	for pages := 1; pages <= 200; pages++ {
		p, err := a.ListCalls(context.Background(), c, w, cursor)
		if err != nil {
			return all, pages, err
		}
		all = append(all, p.Calls...)
		if p.Next == "" {
			return all, pages, nil
		}
		cursor = p.Next
	}
	t.Fatal("more than 200 pages")
	return nil, 0, nil
}

func TestInfo(t *testing.T) {
	a := New(provider.Options{})
	info := a.Info()
	if info.ID != "telnyx" || info.Name != "Telnyx" || info.ConcurrencyFromAPI {
		t.Fatalf("Info = %+v", info)
	}
	if !provider.PortalAllowed(info, info.PortalURL) || provider.PortalAllowed(info, "https://telnyx.example/") {
		t.Fatalf("portal allow-list wrong: %+v", info)
	}
	fields := a.Fields()
	if len(fields) != 2 || fields[0].Key != FieldAPIKey || !fields[0].Secret || fields[1].Key != FieldAccountSID || fields[1].Secret {
		t.Fatalf("Fields = %+v", fields)
	}
	if _, err := a.Concurrency(context.Background(), goodCreds); !errors.Is(err, provider.ErrNotSupported) {
		t.Fatalf("Concurrency error = %v, want ErrNotSupported", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		key, sid string
		bad      []string
	}{
		{"good", testKey, testSID, nil},
		{"key without prefix", "0123456789abcdef", testSID, nil},
		{"empty", "", "", []string{FieldAPIKey, FieldAccountSID}},
		{"key too short", "KEY0123", testSID, []string{FieldAPIKey}},
		{"key with space", "KEY0123456789 ABCDEF", testSID, []string{FieldAPIKey}},
		{"key too long", strings.Repeat("k", 257), testSID, []string{FieldAPIKey}},
		{"sid with slash", testKey, "abc/../balance", []string{FieldAccountSID}},
		{"sid with query", testKey, "abc?x=1", []string{FieldAccountSID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New(provider.Options{}).Validate(provider.Credentials{FieldAPIKey: tt.key, FieldAccountSID: tt.sid})
			if tt.bad == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var fe provider.FieldErrors
			if !errors.As(err, &fe) || len(fe) != len(tt.bad) {
				t.Fatalf("Validate = %v, want errors on %v", err, tt.bad)
			}
			for _, k := range tt.bad {
				if fe[k] == "" {
					t.Errorf("no error on %s: %v", k, fe)
				}
			}
		})
	}
}

func TestCheckKey(t *testing.T) {
	tests := []struct {
		name, key string
		kind      provider.Kind
		reason    string
	}{
		{"ok", testKey, "", ""},
		{"wrong key", "KEYffffffffffffffffffffffffffffffff_wrongwrongwrongwrongwr", provider.KindUnauthorized, "Could not understand the provided credentials."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			err := h.a.CheckKey(context.Background(), provider.Credentials{FieldAPIKey: tt.key, FieldAccountSID: testSID})
			if provider.KindOf(err) != tt.kind {
				t.Fatalf("CheckKey = %v, want kind %q", err, tt.kind)
			}
			if err != nil {
				var pe *provider.Error
				errors.As(err, &pe)
				if pe.Reason != tt.reason || pe.Status != 401 {
					t.Errorf("error = %+v, want reason %q", pe, tt.reason)
				}
			}
			reqs := h.fake.Requests()
			if len(reqs) != 1 || reqs[0].Method != "GET" || reqs[0].Path != "/v2/balance" || reqs[0].Authorization != "Bearer "+tt.key {
				t.Fatalf("requests = %+v", reqs)
			}
		})
	}
}

func TestListCallsPagination(t *testing.T) {
	since := fake.TelnyxEpoch.Add(36*time.Hour + 17*time.Minute + 3*time.Second)
	until := fake.TelnyxEpoch.Add(8*24*time.Hour + 5*time.Hour + 30*time.Minute)
	tests := []struct {
		name       string
		form       fake.TelnyxFilterForm
		layout     string
		alwaysNext bool
	}{
		{"SDK filter, RFC 2822", fake.TelnyxFilterSDK, time.RFC1123Z, false},
		{"docs filter, RFC 2822", fake.TelnyxFilterDocs, time.RFC1123Z, false},
		{"no server filter, RFC 3339", fake.TelnyxFilterNone, time.RFC3339, false},
		{"SDK filter, next on last page", fake.TelnyxFilterSDK, time.RFC3339, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := fake.TelnyxCalls(2500, 11)
			edge := func(sid string, at time.Time) fake.TelnyxCall {
				return fake.TelnyxCall{Sid: sid, Direction: "inbound", Status: "completed", StartTime: at, EndTime: at.Add(time.Minute), Duration: 60}
			}
			calls = append(calls,
				edge("v3:edge-since", since), edge("v3:edge-before-since", since.Add(-time.Second)),
				edge("v3:edge-until", until), edge("v3:edge-before-until", until.Add(-time.Second)))
			h := newHarness(t, calls)
			h.fake.SetFilterForm(tt.form)
			h.fake.SetTimeLayout(tt.layout)
			h.fake.SetAlwaysNext(tt.alwaysNext)

			want := map[string]bool{}
			for _, c := range calls {
				if !c.StartTime.Before(since) && c.StartTime.Before(until) {
					want[c.Sid] = true
				}
			}
			got, pages, err := listAll(t, h.a, goodCreds, provider.Window{Since: since, Until: until})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for _, c := range got {
				seen[c.ProviderCallID]++
				if !want[c.ProviderCallID] {
					t.Errorf("unexpected call %s at %v", c.ProviderCallID, c.StartedAt)
				}
			}
			for sid := range want {
				if seen[sid] != 1 {
					t.Errorf("call %s listed %d times", sid, seen[sid])
				}
			}
			reqs := h.fake.Requests()
			if len(reqs) != pages || pages < 10 {
				t.Fatalf("%d requests for %d pages", len(reqs), pages)
			}
			for i, r := range reqs {
				q := r.Query
				if r.Authorization != "Bearer "+testKey || r.Path != "/v2/texml/Accounts/"+testSID+"/Calls" ||
					q.Get("PageSize") != "100" ||
					q.Get("StartTime_gt") != "2025-03-01" || q.Get("StartTime>") != "2025-03-01" ||
					q.Get("StartTime_lt") != "2025-03-10" || q.Get("StartTime<") != "2025-03-10" {
					t.Fatalf("request %d: %+v", i, r)
				}
				if i > 0 && (q.Get("PageToken") == "" || q.Get("Page") == "") {
					t.Fatalf("request %d has no Page/PageToken: %v", i, q)
				}
			}
		})
	}
}

func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)
	calls := []fake.TelnyxCall{
		{Sid: "v3:1", Direction: "inbound", Status: "completed", From: "+1", To: "+2", StartTime: at, EndTime: at.Add(95 * time.Second), Duration: 95, Price: "-0.01750", PriceUnit: "USD"},
		{Sid: "v3:2", Direction: "outbound", Status: "completed", StartTime: at.Add(time.Minute), EndTime: at.Add(2 * time.Minute), Duration: 60, Price: "0.125", PriceUnit: "EUR"},
		{Sid: "v3:3", Direction: "outbound", Status: "in-progress", StartTime: at.Add(2 * time.Minute), PriceUnit: "USD"},
		{Sid: "v3:4", Direction: "", Status: "failed", StartTime: at.Add(3 * time.Minute), EndTime: at.Add(3 * time.Minute), Price: "0", PriceUnit: "USD"},
	}
	h := newHarness(t, calls)
	h.fake.SetTimeLayout(time.RFC3339)
	got, _, err := listAll(t, h.a, goodCreds, provider.Window{Since: at, Until: at.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]provider.Call{
		"v3:1": {ProviderCallID: "v3:1", Direction: provider.DirectionIn, Status: "completed", From: "+1", To: "+2", StartedAt: at, EndedAt: at.Add(95 * time.Second), DurationSec: 95, CostMinor: 2, Currency: "USD"},
		"v3:2": {ProviderCallID: "v3:2", Direction: provider.DirectionOut, Status: "completed", StartedAt: at.Add(time.Minute), EndedAt: at.Add(2 * time.Minute), DurationSec: 60, CostMinor: 13, Currency: "EUR"},
		"v3:3": {ProviderCallID: "v3:3", Direction: provider.DirectionOut, Status: "in-progress", StartedAt: at.Add(2 * time.Minute)},
		"v3:4": {ProviderCallID: "v3:4", Direction: provider.DirectionUnknown, Status: "failed", StartedAt: at.Add(3 * time.Minute), EndedAt: at.Add(3 * time.Minute), Currency: "USD"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d calls, want %d: %+v", len(got), len(want), got)
	}
	for _, c := range got {
		if !callEqual(c, want[c.ProviderCallID]) {
			t.Errorf("\n got %+v\nwant %+v", c, want[c.ProviderCallID])
		}
	}
}

func TestListCallsBadInput(t *testing.T) {
	tests := []struct {
		name   string
		creds  provider.Credentials
		cursor string
		kind   provider.Kind
		reqs   int
	}{
		{"unknown account", provider.Credentials{FieldAPIKey: testKey, FieldAccountSID: "nope"}, "", provider.KindRejected, 1},
		{"invalid credentials", provider.Credentials{FieldAPIKey: testKey}, "", provider.KindUnauthorized, 0},
		{"cursor with other parameters", goodCreds, "PageToken=x&StartTime_gt=1970-01-01", provider.KindMalformed, 0},
		{"cursor without token", goodCreds, "Page=3", provider.KindMalformed, 0},
		{"cursor not a query", goodCreds, "%zz", provider.KindMalformed, 0},
		{"unknown token", goodCreds, "Page=1&PageToken=bm9wZQ", provider.KindRejected, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, fake.TelnyxCalls(5, 1))
			_, err := h.a.ListCalls(context.Background(), tt.creds, provider.Window{}, tt.cursor)
			if provider.KindOf(err) != tt.kind || len(h.fake.Requests()) != tt.reqs {
				t.Fatalf("err = %v with %d requests; want kind %q with %d", err, len(h.fake.Requests()), tt.kind, tt.reqs)
			}
		})
	}
}

func TestListCallsFailures(t *testing.T) {
	tests := []struct {
		name   string
		arm    func(h *harness)
		kind   provider.Kind
		sleeps []time.Duration
		reqs   int
	}{
		{"429 then success", func(h *harness) { h.fake.RateLimitNext(1, "7") }, "", []time.Duration{7 * time.Second}, 2},
		{"503 then success", func(h *harness) { h.fake.FailNext(1, 503) }, "", []time.Duration{500 * time.Millisecond}, 2},
		{"5xx throughout", func(h *harness) { h.fake.FailNext(100, 502) }, provider.KindUnavailable,
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, 4},
		{"slow", func(h *harness) {
			h.client.HTTP.Timeout = 50 * time.Millisecond
			h.fake.SlowNext(-1, 0)
		}, provider.KindUnreachable, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, 4},
		{"malformed JSON", func(h *harness) { h.fake.MalformedNext(1) }, provider.KindMalformed, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, fake.TelnyxCalls(20, 3))
			tt.arm(h)
			p, err := h.a.ListCalls(context.Background(), goodCreds, provider.Window{Since: fake.TelnyxEpoch}, "")
			if provider.KindOf(err) != tt.kind {
				t.Fatalf("ListCalls = %v, want kind %q", err, tt.kind)
			}
			if tt.kind == "" && len(p.Calls) == 0 {
				t.Error("no calls after recovering")
			}
			if got := h.sleeps.get(); !equalDurations(got, tt.sleeps) {
				t.Errorf("sleeps = %v, want %v", got, tt.sleeps)
			}
			if n := len(h.fake.Requests()); n != tt.reqs {
				t.Errorf("%d requests, want %d", n, tt.reqs)
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
