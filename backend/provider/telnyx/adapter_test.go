package telnyx

import (
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
			KeyHelp: KeyHelp, Reads: Reads,
		},
		Fields: []provider.Field{
			{Key: FieldAPIKey, Label: "API key", Secret: true},
			{Key: FieldAccountSID, Label: "TeXML account SID"},
		},
		Creds:         goodCreds,
		Auth:          "Bearer " + testKey,
		CheckKey:      "GET /v2/balance",
		WrongCreds:    provider.Credentials{FieldAPIKey: "KEYffffffffffffffffffffffffffffffff_wrongwrongwrongwrongwr", FieldAccountSID: testSID},
		WrongReason:   "Could not understand the provided credentials.",
		BadCreds:      provider.Credentials{FieldAPIKey: "KEY0123", FieldAccountSID: testSID},
		BadFields:     []string{FieldAPIKey},
		BadCursor:     "src=voicemail&page=1",
		BadCursorKind: provider.KindMalformed,
		Paging: func() (providertest.Fake, provider.Window, []string) {
			return paging(time.RFC1123Z, false)
		},
		CheckListing: checkListing,
	})
}

// paging is a listing of 2,500 TeXML calls over about nine days plus four
// on the window's edges, then 1,500 Call Control and 1,500 SIP trunking
// detail records over about a week (without call control ids, so that no
// page looks one up), from a fake that writes TeXML times in layout and,
// with alwaysNext, ends the TeXML calls with an empty page.
func paging(layout string, alwaysNext bool) (*fake.TelnyxServer, provider.Window, []string) {
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
	f.Records = append(fake.TelnyxRecords(1500, "call-control", 12), fake.TelnyxRecords(1500, "sip-trunking", 13)...)
	for _, r := range f.Records {
		if !r.StartedAt.Before(since) && r.StartedAt.Before(until) {
			want = append(want, r.ID)
		}
	}
	f.SetTimeLayout(layout)
	f.SetAlwaysNext(alwaysNext)
	return f, provider.Window{Since: since, Until: until}, want
}

// checkListing checks the sources' order (TeXML calls, then Call Control,
// then SIP trunking records) and that every page sends its source's
// filters a day wider than the window: StartTime_gt/_lt and, after the
// first, a Page and a PageToken for TeXML; the record type, created_at
// range, ascending sort and page number and size for detail records.
func checkListing(t *testing.T, _ provider.Window, _ []provider.Call, reqs []fake.Request) {
	var order []string
	for i, r := range reqs {
		q := r.Query
		if r.Authorization != "Bearer "+testKey {
			t.Fatalf("request %d: %+v", i, r)
		}
		switch r.Path {
		case "/v2/texml/Accounts/" + testSID + "/Calls":
			if q.Get("PageSize") != "100" || q.Get("StartTime_gt") != "2025-03-01" || q.Get("StartTime_lt") != "2025-03-10" || len(q) > 5 {
				t.Fatalf("request %d: %v", i, q)
			}
			if i > 0 && (q.Get("PageToken") == "" || q.Get("Page") == "") {
				t.Fatalf("request %d has no Page/PageToken: %v", i, q)
			}
		case "/v2/detail_records":
			if q.Get("filter[created_at][gte]") != "2025-03-01" || q.Get("filter[created_at][lt]") != "2025-03-11" ||
				q.Get("sort") != "created_at" || q.Get("page[size]") != "50" || len(q) != 6 {
				t.Fatalf("request %d: %v", i, q)
			}
		default:
			t.Fatalf("request %d: %s", i, r.Path)
		}
		src := r.Path
		if rt := q.Get("filter[record_type]"); rt != "" {
			src = rt
		}
		if len(order) == 0 || order[len(order)-1] != src {
			order = append(order, src)
		}
	}
	if want := []string{"/v2/texml/Accounts/" + testSID + "/Calls", "call-control", "sip-trunking"}; strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("sources in order %v, want %v", order, want)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		key, sid string
		bad      []string
	}{
		{"good", testKey, testSID, nil},
		{"no TeXML account", testKey, "", nil},
		{"key without prefix", "0123456789abcdef", testSID, nil},
		{"empty", "", "", []string{FieldAPIKey}},
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
