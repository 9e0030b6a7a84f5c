package twilio

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "fedcba9876543210fedcba9876543210"
)

var (
	goodCreds = provider.Credentials{FieldAccountSID: testSID, FieldAuthToken: testToken}
	basicAuth = "Basic " + base64.StdEncoding.EncodeToString([]byte(testSID+":"+testToken))
)

// serve returns a fake Twilio holding calls and the adapter pointed at it.
func serve(t *testing.T, calls []fake.TwilioCall) (*fake.TwilioServer, *providertest.Harness) {
	f := fake.NewTwilio(testSID, testToken, calls)
	return f, providertest.Serve(t, f, New)
}

func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New:    New,
		Fake:   func(n int) providertest.Fake { return fake.NewTwilio(testSID, testToken, fake.TwilioCalls(n, 3)) },
		Window: provider.Window{Since: fake.TwilioEpoch},
		Info: provider.Info{
			ID: "twilio", Name: "Twilio",
			PortalURL: "https://console.twilio.com", PortalHosts: []string{"console.twilio.com"},
			KeyHelp: keyHelp, Reads: reads,
		},
		Fields: []provider.Field{
			{Key: FieldAccountSID, Label: "Account SID"},
			{Key: FieldAuthToken, Label: "Auth token", Secret: true},
			{Key: FieldAPIKeySID, Label: "API key SID"},
			{Key: FieldAPIKeySecret, Label: "API key secret", Secret: true},
		},
		Creds:       goodCreds,
		Auth:        basicAuth,
		CheckKey:    "GET /2010-04-01/Accounts/" + testSID + ".json",
		WrongCreds:  provider.Credentials{FieldAccountSID: testSID, FieldAuthToken: "00000000000000000000000000000000"},
		WrongReason: "Authenticate",
		BadCreds:    provider.Credentials{FieldAccountSID: "AC../../x", FieldAuthToken: testToken},
		BadFields:   []string{FieldAccountSID},
		Paging:      paging,
		CheckListing: func(t *testing.T, _ provider.Window, _ []provider.Call, reqs []fake.Request) {
			first := reqs[0].Query
			if first.Get("PageSize") != "1000" || first.Get("StartTime>") != "2025-03-02" || first.Get("StartTime<") != "2025-03-10" || len(first) != 3 {
				t.Errorf("first query = %v", first)
			}
			for i, r := range reqs {
				if r.Path != "/2010-04-01/Accounts/"+testSID+"/Calls.json" {
					t.Errorf("request %d: %+v", i, r)
				}
				if i > 0 && (r.Query.Get("PageToken") == "" || r.Query.Get("StartTime>") != "2025-03-02") {
					t.Errorf("request %d does not follow next_page_uri: %v", i, r.Query)
				}
			}
		},
	})
}

// paging is the listing RunConformance walks: 2,500 calls over about nine
// days (250 of them child legs) plus four on the window's edges. The window
// keeps the calls that started within it, child legs included.
func paging() (providertest.Fake, provider.Window, []string) {
	calls := fake.TwilioCalls(2500, 7)
	since := fake.TwilioEpoch.Add(36*time.Hour + 17*time.Minute + 3*time.Second)
	until := fake.TwilioEpoch.Add(8*24*time.Hour + 5*time.Hour + 30*time.Minute)
	edge := func(sid string, at time.Time) fake.TwilioCall {
		return fake.TwilioCall{Sid: sid, Direction: "inbound", Status: "completed", StartTime: at, EndTime: at.Add(time.Minute), Duration: 60, Price: "-0.0085", PriceUnit: "USD"}
	}
	calls = append(calls,
		edge("CAedge0since", since),
		edge("CAedge1beforesince", since.Add(-time.Second)),
		edge("CAedge2until", until),
		edge("CAedge3beforeuntil", until.Add(-time.Second)),
	)
	var want []string
	for _, c := range calls {
		if !c.StartTime.IsZero() && !c.StartTime.Before(since) && c.StartTime.Before(until) {
			want = append(want, c.Sid)
		}
	}
	return fake.NewTwilio(testSID, testToken, calls), provider.Window{Since: since, Until: until}, want
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
			providertest.CheckFieldErrors(t, err, tt.bad...)
		})
	}
	fe := New(provider.Options{}).Validate(provider.Credentials{FieldAccountSID: "x", FieldAuthToken: testToken}).(provider.FieldErrors)
	if fe[FieldAccountSID] != "Account SID must be AC followed by 32 hexadecimal characters." {
		t.Errorf("message = %q", fe[FieldAccountSID])
	}
}

// TestCheckKeyInactiveAccount: a good token on an account that is not
// active is unauthorized, with Twilio's status as the reason.
func TestCheckKeyInactiveAccount(t *testing.T) {
	for _, status := range []string{"suspended", "closed"} {
		t.Run(status, func(t *testing.T) {
			f, h := serve(t, nil)
			f.SetStatus(status)
			err := h.Adapter.CheckKey(context.Background(), goodCreds)
			var pe *provider.Error
			if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Reason != "Twilio account is "+status {
				t.Fatalf("CheckKey = %v, want unauthorized: Twilio account is %s", err, status)
			}
			reqs := f.Requests()
			if len(reqs) != 1 || reqs[0].Method != "GET" || reqs[0].Path != "/2010-04-01/Accounts/"+testSID+".json" || reqs[0].Authorization != basicAuth {
				t.Fatalf("requests = %+v, want one GET of the account", reqs)
			}
		})
	}
}

// TestListCallsMapping lists calls of every direction through the fake:
// prices at full precision, raw and normalised statuses, and a child leg
// (CA06, a <Dial> leg of CA02) kept with its parent's sid, its own
// duration and its own price.
func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)
	calls := []fake.TwilioCall{
		{Sid: "CA01", Direction: "inbound", Status: "completed", From: "+1", To: "+2", StartTime: at, EndTime: at.Add(95 * time.Second), Duration: 95, Price: "-0.01750", PriceUnit: "USD"},
		{Sid: "CA02", Direction: "outbound-api", Status: "completed", StartTime: at.Add(time.Minute), EndTime: at.Add(2 * time.Minute), Duration: 60, Price: "-1.005", PriceUnit: "USD"},
		{Sid: "CA03", Direction: "trunking-originating", Status: "busy", StartTime: at.Add(2 * time.Minute), EndTime: at.Add(2 * time.Minute), Price: "0", PriceUnit: "USD"},
		{Sid: "CA04", Direction: "trunking-terminating", Status: "in-progress", StartTime: at.Add(3 * time.Minute)},
		{Sid: "CA05", Direction: "outbound-dial", Status: "completed", StartTime: at.Add(4 * time.Minute), EndTime: at.Add(5 * time.Minute), Duration: 60, Price: "-0.013", PriceUnit: "USD"},
		{Sid: "CA06", ParentCallSid: "CA02", Direction: "outbound-dial", Status: "completed", From: "+3", To: "+4", StartTime: at.Add(time.Minute + 5*time.Second), EndTime: at.Add(2 * time.Minute), Duration: 55, Price: "-0.00425", PriceUnit: "USD"},
		{Sid: "CA07", Direction: "carrier-pigeon", Status: "completed", StartTime: at.Add(6 * time.Minute)},
	}
	_, h := serve(t, calls)
	got, _ := providertest.ListAll(t, h.Adapter, goodCreds, provider.Window{Since: at.Add(-time.Hour), Until: at.Add(time.Hour)})
	done := provider.StatusCompleted
	want := []provider.Call{ // newest first, as Twilio lists
		{ProviderCallID: "CA07", Direction: provider.DirectionUnknown, Status: done, RawStatus: "completed", StartedAt: at.Add(6 * time.Minute)},
		{ProviderCallID: "CA05", Direction: provider.DirectionOut, Status: done, RawStatus: "completed", StartedAt: at.Add(4 * time.Minute), EndedAt: at.Add(5 * time.Minute), DurationSec: 60, CostMicros: 13000, Currency: "USD"},
		{ProviderCallID: "CA04", Direction: provider.DirectionOut, Status: provider.StatusInProgress, RawStatus: "in-progress", StartedAt: at.Add(3 * time.Minute)},
		{ProviderCallID: "CA03", Direction: provider.DirectionIn, Status: provider.StatusBusy, RawStatus: "busy", StartedAt: at.Add(2 * time.Minute), EndedAt: at.Add(2 * time.Minute), Currency: "USD"},
		{ProviderCallID: "CA06", ParentCallID: "CA02", Direction: provider.DirectionOut, Status: done, RawStatus: "completed", From: "+3", To: "+4", StartedAt: at.Add(time.Minute + 5*time.Second), EndedAt: at.Add(2 * time.Minute), DurationSec: 55, CostMicros: 4250, Currency: "USD"},
		{ProviderCallID: "CA02", Direction: provider.DirectionOut, Status: done, RawStatus: "completed", StartedAt: at.Add(time.Minute), EndedAt: at.Add(2 * time.Minute), DurationSec: 60, CostMicros: 1005000, Currency: "USD"},
		{ProviderCallID: "CA01", Direction: provider.DirectionIn, Status: done, RawStatus: "completed", From: "+1", To: "+2", StartedAt: at, EndedAt: at.Add(95 * time.Second), DurationSec: 95, CostMicros: 17500, Currency: "USD"},
	}
	providertest.SameCalls(t, got, want)
}

func TestListCallsEmptyWindow(t *testing.T) {
	f, h := serve(t, fake.TwilioCalls(10, 1))
	at := fake.TwilioEpoch
	p, err := h.Adapter.ListCalls(context.Background(), goodCreds, provider.Window{Since: at, Until: at}, "")
	if err != nil || len(p.Calls) != 0 || p.Next != "" || len(f.Requests()) != 0 {
		t.Fatalf("ListCalls = %+v, %v with %d requests", p, err, len(f.Requests()))
	}
}

func TestListCallsCursorStaysOnList(t *testing.T) {
	f, h := serve(t, fake.TwilioCalls(10, 1))
	path := "/2010-04-01/Accounts/" + testSID + "/Calls.json?Page=1&PageSize=5&PageToken=PA"
	tests := []struct {
		name, cursor string
		sent         bool // the cursor is this list's: it is followed, and the fake refuses its token
	}{
		{"relative", path + "x", true},
		{"same host absolute", h.URL + path + "x", true},
		{"other host", "https://evil.example" + path, false},
		{"scheme-relative other host", "//evil.example" + path, false},
		{"other account", "/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json?Page=1", false},
		{"other resource", "/2010-04-01/Accounts/" + testSID + ".json", false},
		{"dot segments", "/2010-04-01/Accounts/" + testSID + "/Calls/../Calls.json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.ResetRequests()
			_, err := h.Adapter.ListCalls(context.Background(), goodCreds, provider.Window{}, tt.cursor)
			sent := len(f.Requests())
			if tt.sent {
				if provider.KindOf(err) != provider.KindRejected || sent != 1 {
					t.Fatalf("err = %v, %d requests; want the fake's 400", err, sent)
				}
			} else if provider.KindOf(err) != provider.KindMalformed || sent != 0 {
				t.Fatalf("err = %v, %d requests; want KindMalformed and none", err, sent)
			}
		})
	}
}

// TestListCallsFiltersWithTheSpecsParameters: a three-day window over an
// account with two months of calls asks Twilio, with the parameters its
// OpenAPI description defines (StartTime> and StartTime<), for those days
// alone, and the fake, strict like Twilio's list, refuses any other key.
func TestListCallsFiltersWithTheSpecsParameters(t *testing.T) {
	calls := fake.TwilioCalls(16_000, 5) // one every ~5.5 minutes: about two months
	f, h := serve(t, calls)
	since := fake.TwilioEpoch.AddDate(0, 0, 20).Add(7 * time.Hour)
	w := provider.Window{Since: since, Until: since.Add(72 * time.Hour)}
	got, _ := providertest.ListAll(t, h.Adapter, goodCreds, w)
	var want []string
	days := 0 // calls on the UTC days the window touches: what Twilio may serve
	for _, c := range calls {
		if w.Contains(c.StartTime) {
			want = append(want, c.Sid)
		}
		if d := c.StartTime.UTC().Format(time.DateOnly); d >= w.Since.UTC().Format(time.DateOnly) && d <= w.Until.UTC().Format(time.DateOnly) {
			days++
		}
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("%d calls listed, want %d", len(got), len(want))
	}
	reqs := f.Requests()
	if served := len(reqs); served > days/1000+1 || served > 2 {
		t.Errorf("%d list requests for a three-day window (about %d calls on its days, of %d)", served, days, len(calls))
	}
	q := reqs[0].Query
	if q.Get("StartTime>") != "2025-03-21" || q.Get("StartTime<") != "2025-03-25" {
		t.Errorf("first query %v", q)
	}
	// The keys of Twilio's prose ("StartTime>=2009-07-06") are not parameters.
	for _, key := range []string{"StartTime>=", "StartTime<=", "StartDate"} {
		_, err := h.Adapter.ListCalls(context.Background(), goodCreds, provider.Window{}, "/2010-04-01/Accounts/"+testSID+"/Calls.json?"+url.Values{key: {"2025-03-21"}}.Encode())
		if provider.KindOf(err) != provider.KindRejected {
			t.Errorf("the fake accepted %q: %v", key, err)
		}
	}
}

const (
	testKeySID    = "SK0123456789abcdef0123456789abcdef"
	testKeySecret = "secretsecretsecretsecretsecret42"
)

func TestAPIKeyCredentials(t *testing.T) {
	f, h := serve(t, fake.TwilioCalls(30, 2))
	f.APIKeys = map[string]string{testKeySID: testKeySecret}
	key := provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySID: testKeySID, FieldAPIKeySecret: testKeySecret}
	if err := h.Adapter.CheckKey(context.Background(), key); err != nil {
		t.Fatalf("check with an API key: %v", err)
	}
	// The API key is what is sent: a saved auth token that is no longer valid does not matter.
	key[FieldAuthToken] = "00000000000000000000000000000000"
	got, _ := providertest.ListAll(t, h.Adapter, key, provider.Window{Since: fake.TwilioEpoch})
	if len(got) == 0 {
		t.Fatal("no calls listed with an API key")
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKeySID+":"+testKeySecret))
	for _, r := range f.Requests() {
		if r.Authorization != want || !strings.Contains(r.Path, testSID) {
			t.Fatalf("request %s %s authorised as %q", r.Method, r.Path, r.Authorization)
		}
	}
	wrong := provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySID: testKeySID, FieldAPIKeySecret: strings.Repeat("x", 32)}
	if err := h.Adapter.CheckKey(context.Background(), wrong); provider.KindOf(err) != provider.KindUnauthorized {
		t.Errorf("a wrong API key secret: %v", err)
	}
}

func TestValidateAPIKey(t *testing.T) {
	tests := []struct {
		name string
		c    provider.Credentials
		bad  []string
	}{
		{"key instead of token", provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySID: testKeySID, FieldAPIKeySecret: testKeySecret}, nil},
		{"key without secret", provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySID: testKeySID}, []string{FieldAPIKeySecret}},
		{"key SID of another kind", provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySID: testSID, FieldAPIKeySecret: testKeySecret}, []string{FieldAPIKeySID}},
		{"short secret", provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySID: testKeySID, FieldAPIKeySecret: "short"}, []string{FieldAPIKeySecret}},
		{"secret alone is no key", provider.Credentials{FieldAccountSID: testSID, FieldAPIKeySecret: testKeySecret}, []string{FieldAuthToken}},
		{"neither", provider.Credentials{FieldAccountSID: testSID}, []string{FieldAuthToken}},
	}
	a := New(provider.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := a.Validate(tt.c)
			var fe provider.FieldErrors
			if tt.bad == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v", err)
			}
			var got []string
			for k := range fe {
				got = append(got, k)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.bad) {
				t.Errorf("fields %v, want %v", got, tt.bad)
			}
		})
	}
}
