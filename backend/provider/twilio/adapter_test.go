package twilio

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "fedcba9876543210fedcba9876543210"
)

var goodCreds = provider.Credentials{FieldAccountSID: testSID, FieldAuthToken: testToken}

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
	fake   *fake.TwilioServer
	a      provider.Adapter
	client *provider.Client
	sleeps *sleepRecorder
	url    string
}

func newHarness(t *testing.T, calls []fake.TwilioCall) *harness {
	t.Helper()
	f := fake.NewTwilio(testSID, testToken, calls)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	rec := &sleepRecorder{}
	c := provider.NewClient()
	c.Sleep = rec.sleep
	return &harness{fake: f, a: New(provider.Options{BaseURL: srv.URL, Client: c}), client: c, sleeps: rec, url: srv.URL}
}

// listAll walks every page of w.
func listAll(t *testing.T, a provider.Adapter, c provider.Credentials, w provider.Window) ([]provider.Call, int, error) {
	t.Helper()
	var all []provider.Call
	cursor := ""
	for pages := 1; pages <= 100; pages++ {
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
	t.Fatal("more than 100 pages")
	return nil, 0, nil
}

func TestInfo(t *testing.T) {
	a := New(provider.Options{})
	info := a.Info()
	if info.ID != "twilio" || info.Name != "Twilio" || info.ConcurrencyFromAPI {
		t.Fatalf("Info = %+v", info)
	}
	if !provider.PortalAllowed(info, info.PortalURL) || provider.PortalAllowed(info, "https://evil.example/") {
		t.Fatalf("portal allow-list wrong: %+v", info)
	}
	fields := a.Fields()
	if len(fields) != 2 || fields[0].Key != FieldAccountSID || fields[0].Secret || fields[1].Key != FieldAuthToken || !fields[1].Secret {
		t.Fatalf("Fields = %+v", fields)
	}
	if _, err := a.Concurrency(context.Background(), goodCreds); !errors.Is(err, provider.ErrNotSupported) {
		t.Fatalf("Concurrency error = %v, want ErrNotSupported", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		sid, tok string
		bad      []string
	}{
		{"good", testSID, testToken, nil},
		{"upper-case hex", "AC0123456789ABCDEF0123456789ABCDEF", testToken, nil},
		{"long API-key-like secret", testSID, "abcdefghijklmnopqrstuvwxyz0123456789ABCD", nil},
		{"empty", "", "", []string{FieldAccountSID, FieldAuthToken}},
		{"SID too short", "AC0123", testToken, []string{FieldAccountSID}},
		{"SID wrong prefix", "SK0123456789abcdef0123456789abcdef", testToken, []string{FieldAccountSID}},
		{"SID not hex", "AC0123456789abcdef0123456789abcdeg", testToken, []string{FieldAccountSID}},
		{"SID trailing newline", testSID + "\n", testToken, []string{FieldAccountSID}},
		{"token short", testSID, "abc", []string{FieldAuthToken}},
		{"token with space", testSID, "fedcba9876543210 edcba9876543210x", []string{FieldAuthToken}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New(provider.Options{}).Validate(provider.Credentials{FieldAccountSID: tt.sid, FieldAuthToken: tt.tok})
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
	fe := New(provider.Options{}).Validate(provider.Credentials{FieldAccountSID: "x", FieldAuthToken: testToken}).(provider.FieldErrors)
	if fe[FieldAccountSID] != "Account SID must be AC followed by 32 hexadecimal characters." {
		t.Errorf("message = %q", fe[FieldAccountSID])
	}
}

func TestCheckKey(t *testing.T) {
	tests := []struct {
		name   string
		token  string
		status string
		kind   provider.Kind
		reason string
	}{
		{"ok", testToken, "active", "", ""},
		{"wrong token", "00000000000000000000000000000000", "active", provider.KindUnauthorized, "Authenticate"},
		{"suspended", testToken, "suspended", provider.KindUnauthorized, "Twilio account is suspended"},
		{"closed", testToken, "closed", provider.KindUnauthorized, "Twilio account is closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.fake.SetStatus(tt.status)
			creds := provider.Credentials{FieldAccountSID: testSID, FieldAuthToken: tt.token}
			err := h.a.CheckKey(context.Background(), creds)
			if provider.KindOf(err) != tt.kind {
				t.Fatalf("CheckKey = %v, want kind %q", err, tt.kind)
			}
			if err != nil {
				var pe *provider.Error
				errors.As(err, &pe)
				if pe.Reason != tt.reason {
					t.Errorf("Reason = %q, want %q", pe.Reason, tt.reason)
				}
			}
			reqs := h.fake.Requests()
			want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testSID+":"+tt.token))
			if len(reqs) != 1 || reqs[0].Method != "GET" || reqs[0].Path != "/2010-04-01/Accounts/"+testSID+".json" || reqs[0].Authorization != want {
				t.Fatalf("requests = %+v, want one GET with %q", reqs, want)
			}
		})
	}
}

func TestCheckKeyInvalidCredentialsSendNothing(t *testing.T) {
	h := newHarness(t, nil)
	err := h.a.CheckKey(context.Background(), provider.Credentials{FieldAccountSID: "AC../../x", FieldAuthToken: testToken})
	if provider.KindOf(err) != provider.KindUnauthorized || len(h.fake.Requests()) != 0 {
		t.Fatalf("CheckKey = %v with %d requests", err, len(h.fake.Requests()))
	}
}

func TestListCallsPagination(t *testing.T) {
	calls := fake.TwilioCalls(2500, 7)
	since := fake.TwilioEpoch.Add(36*time.Hour + 17*time.Minute + 3*time.Second)
	until := fake.TwilioEpoch.Add(8*24*time.Hour + 5*time.Hour + 30*time.Minute)
	// Calls on the window's edges.
	edge := func(sid string, at time.Time) fake.TwilioCall {
		return fake.TwilioCall{Sid: sid, Direction: "inbound", Status: "completed", StartTime: at, EndTime: at.Add(time.Minute), Duration: 60, Price: "-0.0085", PriceUnit: "USD"}
	}
	calls = append(calls,
		edge("CAedge0since", since),
		edge("CAedge1beforesince", since.Add(-time.Second)),
		edge("CAedge2until", until),
		edge("CAedge3beforeuntil", until.Add(-time.Second)),
	)
	h := newHarness(t, calls)
	w := provider.Window{Since: since, Until: until}

	want := map[string]bool{}
	for _, c := range calls {
		if c.ParentCallSid == "" && !c.StartTime.IsZero() && !c.StartTime.Before(since) && c.StartTime.Before(until) {
			want[c.Sid] = true
		}
	}
	if len(want) < 1500 {
		t.Fatalf("test data: only %d calls in the window", len(want))
	}

	got, pages, err := listAll(t, h.a, goodCreds, w)
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
	if pages < 3 {
		t.Errorf("pages = %d, want at least 3", pages)
	}

	reqs := h.fake.Requests()
	if len(reqs) != pages {
		t.Fatalf("%d requests for %d pages", len(reqs), pages)
	}
	first := reqs[0].Query
	if first.Get("PageSize") != "1000" || first.Get("StartTime>=") != "2025-03-02" || first.Get("StartTime<=") != "2025-03-10" {
		t.Errorf("first query = %v", first)
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testSID+":"+testToken))
	for i, r := range reqs {
		if r.Authorization != auth || r.Path != "/2010-04-01/Accounts/"+testSID+"/Calls.json" {
			t.Errorf("request %d: %+v", i, r)
		}
		if i > 0 && (r.Query.Get("PageToken") == "" || r.Query.Get("StartTime>=") != "2025-03-02") {
			t.Errorf("request %d does not follow next_page_uri: %v", i, r.Query)
		}
	}
}

func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)
	calls := []fake.TwilioCall{
		{Sid: "CA01", Direction: "inbound", Status: "completed", From: "+1", To: "+2", StartTime: at, EndTime: at.Add(95 * time.Second), Duration: 95, Price: "-0.01750", PriceUnit: "USD"},
		{Sid: "CA02", Direction: "outbound-api", Status: "completed", StartTime: at.Add(time.Minute), EndTime: at.Add(2 * time.Minute), Duration: 60, Price: "-1.005", PriceUnit: "USD"},
		{Sid: "CA03", Direction: "trunking-originating", Status: "busy", StartTime: at.Add(2 * time.Minute), EndTime: at.Add(2 * time.Minute), Price: "0", PriceUnit: "USD"},
		{Sid: "CA04", Direction: "trunking-terminating", Status: "in-progress", StartTime: at.Add(3 * time.Minute)},
		{Sid: "CA05", Direction: "outbound-dial", Status: "completed", StartTime: at.Add(4 * time.Minute), EndTime: at.Add(5 * time.Minute), Duration: 60, Price: "-0.013", PriceUnit: "USD"},
		{Sid: "CA06", ParentCallSid: "CA02", Direction: "outbound-dial", Status: "completed", StartTime: at.Add(time.Minute), EndTime: at.Add(2 * time.Minute), Duration: 60, Price: "-0.013", PriceUnit: "USD"},
		{Sid: "CA07", Direction: "carrier-pigeon", Status: "completed", StartTime: at.Add(6 * time.Minute)},
	}
	h := newHarness(t, calls)
	got, _, err := listAll(t, h.a, goodCreds, provider.Window{Since: at.Add(-time.Hour), Until: at.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]provider.Call{
		"CA01": {ProviderCallID: "CA01", Direction: provider.DirectionIn, Status: "completed", From: "+1", To: "+2", StartedAt: at, EndedAt: at.Add(95 * time.Second), DurationSec: 95, CostMinor: 2, Currency: "USD"},
		"CA02": {ProviderCallID: "CA02", Direction: provider.DirectionOut, Status: "completed", StartedAt: at.Add(time.Minute), EndedAt: at.Add(2 * time.Minute), DurationSec: 60, CostMinor: 101, Currency: "USD"},
		"CA03": {ProviderCallID: "CA03", Direction: provider.DirectionIn, Status: "busy", StartedAt: at.Add(2 * time.Minute), EndedAt: at.Add(2 * time.Minute), Currency: "USD"},
		"CA04": {ProviderCallID: "CA04", Direction: provider.DirectionOut, Status: "in-progress", StartedAt: at.Add(3 * time.Minute)},
		"CA05": {ProviderCallID: "CA05", Direction: provider.DirectionOut, Status: "completed", StartedAt: at.Add(4 * time.Minute), EndedAt: at.Add(5 * time.Minute), DurationSec: 60, CostMinor: 1, Currency: "USD"},
		"CA07": {ProviderCallID: "CA07", Direction: provider.DirectionUnknown, Status: "completed", StartedAt: at.Add(6 * time.Minute)},
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

func TestListCallsEmptyWindow(t *testing.T) {
	h := newHarness(t, fake.TwilioCalls(10, 1))
	at := fake.TwilioEpoch
	p, err := h.a.ListCalls(context.Background(), goodCreds, provider.Window{Since: at, Until: at}, "")
	if err != nil || len(p.Calls) != 0 || p.Next != "" || len(h.fake.Requests()) != 0 {
		t.Fatalf("ListCalls = %+v, %v with %d requests", p, err, len(h.fake.Requests()))
	}
}

func TestListCallsCursorStaysOnList(t *testing.T) {
	h := newHarness(t, fake.TwilioCalls(10, 1))
	path := "/2010-04-01/Accounts/" + testSID + "/Calls.json?Page=1&PageSize=5&PageToken=PA"
	tests := []struct {
		name, cursor string
		ok           bool
	}{
		{"relative", path + "x", false}, // the fake rejects the token: KindRejected
		{"same host absolute", h.url + path + "x", false},
		{"other host", "https://evil.example" + path, false},
		{"scheme-relative other host", "//evil.example" + path, false},
		{"other account", "/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json?Page=1", false},
		{"other resource", "/2010-04-01/Accounts/" + testSID + ".json", false},
		{"dot segments", "/2010-04-01/Accounts/" + testSID + "/Calls/../Calls.json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.fake.ResetRequests()
			_, err := h.a.ListCalls(context.Background(), goodCreds, provider.Window{}, tt.cursor)
			sent := len(h.fake.Requests())
			switch tt.name {
			case "relative", "same host absolute":
				if provider.KindOf(err) != provider.KindRejected || sent != 1 {
					t.Fatalf("err = %v, %d requests; want the fake's 400", err, sent)
				}
			default:
				if provider.KindOf(err) != provider.KindMalformed || sent != 0 {
					t.Fatalf("err = %v, %d requests; want KindMalformed and none", err, sent)
				}
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
		{"429 twice then success", func(h *harness) { h.fake.RateLimitNext(2, "3") }, "", []time.Duration{3 * time.Second, 3 * time.Second}, 3},
		{"503 then success", func(h *harness) { h.fake.FailNext(1, 503) }, "", []time.Duration{500 * time.Millisecond}, 2},
		{"5xx throughout", func(h *harness) { h.fake.FailNext(100, 503) }, provider.KindUnavailable,
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, 4},
		{"slow", func(h *harness) {
			h.client.HTTP.Timeout = 50 * time.Millisecond
			h.fake.SlowNext(-1, 0)
		}, provider.KindUnreachable, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, 4},
		{"malformed JSON", func(h *harness) { h.fake.MalformedNext(1) }, provider.KindMalformed, nil, 1},
		{"wrong token", func(h *harness) {}, provider.KindUnauthorized, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, fake.TwilioCalls(20, 3))
			tt.arm(h)
			creds := goodCreds
			if tt.name == "wrong token" {
				creds = provider.Credentials{FieldAccountSID: testSID, FieldAuthToken: "00000000000000000000000000000000"}
			}
			p, err := h.a.ListCalls(context.Background(), creds, provider.Window{Since: fake.TwilioEpoch}, "")
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
