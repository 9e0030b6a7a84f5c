package telnyx

import (
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const (
	testKey = "KEY0123456789ABCDEF0123456789ABCDEF_abcdefghijklmnopqrstuv"
	testSID = "61bf923e-5e4d-4595-a110-56190ea18a1b"
)

var goodCreds = provider.Credentials{FieldAPIKey: testKey, FieldAccountSID: testSID}

// serve returns a fake Telnyx holding calls and the adapter pointed at it.
func serve(t *testing.T, calls []fake.TelnyxCall) (*fake.TelnyxServer, *providertest.Harness) {
	f := fake.NewTelnyx(testKey, testSID, calls)
	return f, providertest.Serve(t, f, New)
}

func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New:    New,
		Fake:   func(n int) providertest.Fake { return fake.NewTelnyx(testKey, testSID, fake.TelnyxCalls(n, 3)) },
		Window: provider.Window{Since: fake.TelnyxEpoch},
		Info: provider.Info{
			ID: "telnyx", Name: "Telnyx",
			PortalURL: "https://portal.telnyx.com", PortalHosts: []string{"portal.telnyx.com"},
		},
		Fields: []provider.Field{
			{Key: FieldAPIKey, Label: "API key", Secret: true},
			{Key: FieldAccountSID, Label: "TeXML account SID"},
		},
		Creds:       goodCreds,
		Auth:        "Bearer " + testKey,
		CheckKey:    "GET /v2/balance",
		WrongCreds:  provider.Credentials{FieldAPIKey: "KEYffffffffffffffffffffffffffffffff_wrongwrongwrongwrongwr", FieldAccountSID: testSID},
		WrongReason: "Could not understand the provided credentials.",
		BadCreds:    provider.Credentials{FieldAPIKey: testKey},
		BadFields:   []string{FieldAccountSID},
		Paging: func() (providertest.Fake, provider.Window, []string) {
			return paging(fake.TelnyxFilterSDK, time.RFC1123Z, false)
		},
		CheckListing: checkListing,
	})
}

// paging is a listing of 2,500 calls over about nine days plus four on the
// window's edges, from a fake that honours the filter form, writes times
// in layout and, with alwaysNext, ends with an empty page.
func paging(form fake.TelnyxFilterForm, layout string, alwaysNext bool) (providertest.Fake, provider.Window, []string) {
	since := fake.TelnyxEpoch.Add(36*time.Hour + 17*time.Minute + 3*time.Second)
	until := fake.TelnyxEpoch.Add(8*24*time.Hour + 5*time.Hour + 30*time.Minute)
	calls := fake.TelnyxCalls(2500, 11)
	edge := func(sid string, at time.Time) fake.TelnyxCall {
		return fake.TelnyxCall{Sid: sid, Direction: "inbound", Status: "completed", StartTime: at, EndTime: at.Add(time.Minute), Duration: 60}
	}
	calls = append(calls,
		edge("v3:edge-since", since), edge("v3:edge-before-since", since.Add(-time.Second)),
		edge("v3:edge-until", until), edge("v3:edge-before-until", until.Add(-time.Second)))
	var want []string
	for _, c := range calls {
		if !c.StartTime.Before(since) && c.StartTime.Before(until) {
			want = append(want, c.Sid)
		}
	}
	f := fake.NewTelnyx(testKey, testSID, calls)
	f.SetFilterForm(form)
	f.SetTimeLayout(layout)
	f.SetAlwaysNext(alwaysNext)
	return f, provider.Window{Since: since, Until: until}, want
}

// checkListing checks that every page sends both forms of the range
// filter, a day wider than the window, and the later ones a Page and a
// PageToken.
func checkListing(t *testing.T, _ provider.Window, _ []provider.Call, reqs []fake.Request) {
	if len(reqs) < 10 {
		t.Fatalf("%d requests, want 100 calls a page", len(reqs))
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
}

// TestListCallsPagination walks the listing whatever filter form and time
// layout the server uses (RunConformance walks the SDK form with RFC 2822).
func TestListCallsPagination(t *testing.T) {
	tests := []struct {
		name       string
		form       fake.TelnyxFilterForm
		layout     string
		alwaysNext bool
	}{
		{"docs filter, RFC 2822", fake.TelnyxFilterDocs, time.RFC1123Z, false},
		{"no server filter, RFC 3339", fake.TelnyxFilterNone, time.RFC3339, false},
		{"SDK filter, next on last page", fake.TelnyxFilterSDK, time.RFC3339, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, w, want := paging(tt.form, tt.layout, tt.alwaysNext)
			h := providertest.Serve(t, f, New)
			got, pages := providertest.ListAll(t, h.Adapter, goodCreds, w)
			providertest.ExactlyOnce(t, got, want)
			reqs := f.Requests()
			if len(reqs) != pages {
				t.Fatalf("%d requests for %d pages", len(reqs), pages)
			}
			checkListing(t, w, got, reqs)
		})
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
			providertest.CheckFieldErrors(t, err, tt.bad...)
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
	f, h := serve(t, calls)
	f.SetTimeLayout(time.RFC3339)
	got, _ := providertest.ListAll(t, h.Adapter, goodCreds, provider.Window{Since: at, Until: at.Add(time.Hour)})
	want := []provider.Call{ // newest first, as Telnyx lists
		{ProviderCallID: "v3:4", Direction: provider.DirectionUnknown, Status: "failed", StartedAt: at.Add(3 * time.Minute), EndedAt: at.Add(3 * time.Minute), Currency: "USD"},
		{ProviderCallID: "v3:3", Direction: provider.DirectionOut, Status: "in-progress", StartedAt: at.Add(2 * time.Minute)},
		{ProviderCallID: "v3:2", Direction: provider.DirectionOut, Status: "completed", StartedAt: at.Add(time.Minute), EndedAt: at.Add(2 * time.Minute), DurationSec: 60, CostMicros: 130000, Currency: "EUR"},
		{ProviderCallID: "v3:1", Direction: provider.DirectionIn, Status: "completed", From: "+1", To: "+2", StartedAt: at, EndedAt: at.Add(95 * time.Second), DurationSec: 95, CostMicros: 20000, Currency: "USD"},
	}
	providertest.SameCalls(t, got, want)
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
			f, h := serve(t, fake.TelnyxCalls(5, 1))
			_, err := h.Adapter.ListCalls(context.Background(), tt.creds, provider.Window{}, tt.cursor)
			if provider.KindOf(err) != tt.kind || len(f.Requests()) != tt.reqs {
				t.Fatalf("err = %v with %d requests; want kind %q with %d", err, len(f.Requests()), tt.kind, tt.reqs)
			}
		})
	}
}
