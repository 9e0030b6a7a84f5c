package telnyx

import (
	"context"
	"net/http"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// TestListCallsPagination walks the listing whatever time layout the
// server uses and however it ends the TeXML calls (RunConformance walks
// RFC 2822 with no next page on the last).
func TestListCallsPagination(t *testing.T) {
	tests := []struct {
		name       string
		layout     string
		alwaysNext bool
	}{
		{"RFC 3339", time.RFC3339, false},
		{"next on last page", time.RFC1123Z, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, w, want := paging(tt.layout, tt.alwaysNext)
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

// TestListCallsWithoutTeXMLAccount lists an account on Call Control or SIP
// trunking only: without a TeXML account SID the listing starts with the
// detail records and never asks for TeXML calls.
func TestListCallsWithoutTeXMLAccount(t *testing.T) {
	f, _ := serve(t, fake.TelnyxCalls(20, 1))
	f.Records = append(fake.TelnyxRecords(120, "call-control", 2), fake.TelnyxRecords(30, "sip-trunking", 3)...)
	h := providertest.Serve(t, f, New)
	got, pages := providertest.ListAll(t, h.Adapter, provider.Credentials{FieldAPIKey: testKey}, provider.Window{Since: fake.TelnyxEpoch})
	var want []string
	for _, r := range f.Records {
		want = append(want, r.ID)
	}
	providertest.ExactlyOnce(t, got, want)
	reqs := f.Requests()
	if pages != 4 || len(reqs) != 4 {
		t.Errorf("%d pages, %d requests; want 4 (3 of Call Control records, 1 of SIP trunking)", pages, len(reqs))
	}
	for _, r := range reqs {
		if r.Path != "/v2/detail_records" {
			t.Errorf("request to %s", r.Path)
		}
	}
}

// TestListCallsDedupe lists TeXML calls and detail records of which one is
// a TeXML call (its call control id is the call's sid): it is listed once,
// from the TeXML source; a record whose call control id is no TeXML call
// is kept under that id; records without one are not looked up.
func TestListCallsDedupe(t *testing.T) {
	at := time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)
	calls := []fake.TelnyxCall{
		{Sid: "v3:texml-a", Direction: "inbound", Status: "completed", StartTime: at, EndTime: at.Add(time.Minute), Duration: 60},
		{Sid: "v3:texml-b", Direction: "outbound", Status: "busy", StartTime: at.Add(time.Minute), EndTime: at.Add(time.Minute)},
	}
	rec := func(id, typ, ccid string, start time.Time) fake.TelnyxRecord {
		return fake.TelnyxRecord{ID: id, RecordType: typ, CallControlID: ccid, Direction: "outbound", StartedAt: start,
			FinishedAt: start.Add(time.Minute), CreatedAt: start.Add(time.Minute), CallSec: 55, Cost: "0.002", Currency: "USD"}
	}
	records := []fake.TelnyxRecord{
		rec("r-dup", "call-control", "v3:texml-a", at),
		rec("r-cc", "call-control", "v3:call-control-only", at.Add(2*time.Minute)),
		rec("r-plain", "call-control", "", at.Add(3*time.Minute)),
		rec("r-sip", "sip-trunking", "", at.Add(4*time.Minute)),
	}
	w := provider.Window{Since: at, Until: at.Add(time.Hour)}

	t.Run("with TeXML calls", func(t *testing.T) {
		f, h := serve(t, calls)
		f.Records = records
		got, requests := listCounting(t, h, goodCreds, w)
		providertest.ExactlyOnce(t, got, []string{"v3:texml-a", "v3:texml-b", "v3:call-control-only", "r-plain", "r-sip"})
		lookups := 0
		for _, r := range f.Requests() {
			if r.Path == "/v2/texml/Accounts/"+testSID+"/Calls/v3:texml-a" || r.Path == "/v2/texml/Accounts/"+testSID+"/Calls/v3:call-control-only" {
				lookups++
			}
		}
		if lookups != 2 || requests != len(f.Requests()) || requests != 5 {
			t.Errorf("%d look-ups, pages counted %d requests, the fake saw %d; want 2 look-ups of 5", lookups, requests, len(f.Requests()))
		}
	})
	t.Run("without TeXML calls, no look-ups", func(t *testing.T) {
		f, h := serve(t, nil)
		f.Records = records
		got, requests := listCounting(t, h, goodCreds, w)
		providertest.ExactlyOnce(t, got, []string{"v3:texml-a", "v3:call-control-only", "r-plain", "r-sip"})
		if requests != 3 || len(f.Requests()) != 3 {
			t.Errorf("%d requests (fake saw %d), want 3: one a page", requests, len(f.Requests()))
		}
	})
}

// listCounting lists w to its end and returns the calls and the requests
// the pages counted.
func listCounting(t *testing.T, h *providertest.Harness, c provider.Credentials, w provider.Window) ([]provider.Call, int) {
	t.Helper()
	var calls []provider.Call
	requests, cursor := 0, ""
	for range 100 {
		page, err := h.Adapter.ListCalls(context.Background(), c, w, cursor)
		if err != nil {
			t.Fatal(err)
		}
		calls, requests = append(calls, page.Calls...), requests+page.Requests
		if cursor = page.Next; cursor == "" {
			return calls, requests
		}
	}
	t.Fatal("listing does not end")
	return nil, 0
}

func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)
	calls := []fake.TelnyxCall{
		{Sid: "v3:1", Direction: "inbound", Status: "completed", From: "+1", To: "+2", StartTime: at, EndTime: at.Add(95 * time.Second), Duration: 95, Price: "-0.01750", PriceUnit: "USD"},
		{Sid: "v3:2", Direction: "outbound", Status: "completed", StartTime: at.Add(time.Minute), EndTime: at.Add(2 * time.Minute), Duration: 60, Price: "0.125", PriceUnit: "EUR"},
		{Sid: "v3:3", Direction: "outbound", Status: "in-progress", StartTime: at.Add(2 * time.Minute)},
		{Sid: "v3:4", Direction: "", Status: "no-answer", StartTime: at.Add(3 * time.Minute), EndTime: at.Add(3 * time.Minute), Price: "0", PriceUnit: "USD"},
		{Sid: "v3:5", Direction: "inbound", Status: "completed", StartTime: at.Add(4 * time.Minute), EndTime: at.Add(5 * time.Minute), Duration: 60},
	}
	f, h := serve(t, calls)
	f.SetTimeLayout(time.RFC3339)
	f.Records = []fake.TelnyxRecord{
		{ID: "r1", RecordType: "call-control", Direction: "inbound", Cli: "+15127376291", Cld: "+18008648331",
			StartedAt: at.Add(10 * time.Minute), FinishedAt: at.Add(11 * time.Minute), CreatedAt: at.Add(11 * time.Minute), CallSec: 50, Cost: "0.002", Currency: "USD"},
		{ID: "r2", RecordType: "sip-trunking", Direction: "outbound", Cli: "+18008648331", Cld: "+15127376291",
			StartedAt: at.Add(12 * time.Minute), FinishedAt: at.Add(12*time.Minute + 30*time.Second), CreatedAt: at.Add(13 * time.Minute)},
	}
	got, _ := providertest.ListAll(t, h.Adapter, goodCreds, provider.Window{Since: at, Until: at.Add(time.Hour)})
	want := []provider.Call{ // TeXML calls newest first, as Telnyx lists; then records oldest first
		{ProviderCallID: "v3:5", Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "completed",
			StartedAt: at.Add(4 * time.Minute), EndedAt: at.Add(5 * time.Minute), DurationSec: 60}, // no price: call cost not enabled, no cost (not 0 USD)
		{ProviderCallID: "v3:4", Direction: provider.DirectionUnknown, Status: provider.StatusNoAnswer, RawStatus: "no-answer",
			StartedAt: at.Add(3 * time.Minute), EndedAt: at.Add(3 * time.Minute), Currency: "USD"},
		{ProviderCallID: "v3:3", Direction: provider.DirectionOut, Status: provider.StatusInProgress, RawStatus: "in-progress", StartedAt: at.Add(2 * time.Minute)},
		{ProviderCallID: "v3:2", Direction: provider.DirectionOut, Status: provider.StatusCompleted, RawStatus: "completed",
			StartedAt: at.Add(time.Minute), EndedAt: at.Add(2 * time.Minute), DurationSec: 60, CostMicros: 125000, Currency: "EUR"},
		{ProviderCallID: "v3:1", Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "completed", From: "+1", To: "+2",
			StartedAt: at, EndedAt: at.Add(95 * time.Second), DurationSec: 95, CostMicros: 17500, Currency: "USD"},
		{ProviderCallID: "r1", Direction: provider.DirectionIn, Status: provider.StatusCompleted, From: "+15127376291", To: "+18008648331",
			StartedAt: at.Add(10 * time.Minute), EndedAt: at.Add(11 * time.Minute), DurationSec: 50, CostMicros: 2000, Currency: "USD"},
		{ProviderCallID: "r2", Direction: provider.DirectionOut, Status: provider.StatusUnknown, From: "+18008648331", To: "+15127376291",
			StartedAt: at.Add(12 * time.Minute), EndedAt: at.Add(12*time.Minute + 30*time.Second)},
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
		{"invalid credentials", provider.Credentials{FieldAPIKey: "short"}, "", provider.KindUnauthorized, 0},
		{"cursor with other parameters", goodCreds, "src=texml&PageToken=x&StartTime_gt=1970-01-01", provider.KindMalformed, 0},
		{"TeXML cursor without token", goodCreds, "src=texml&Page=3", provider.KindMalformed, 0},
		{"TeXML cursor without account", provider.Credentials{FieldAPIKey: testKey}, "src=texml&PageToken=x", provider.KindMalformed, 0},
		{"records cursor without page", goodCreds, "src=call-control", provider.KindMalformed, 0},
		{"records cursor at page 0", goodCreds, "src=sip-trunking&page=0", provider.KindMalformed, 0},
		{"cursor without source", goodCreds, "page=2", provider.KindMalformed, 0},
		{"repeated key", goodCreds, "src=call-control&page=2&page=3", provider.KindMalformed, 0},
		{"cursor not a query", goodCreds, "%zz", provider.KindMalformed, 0},
		{"unknown token", goodCreds, "src=texml&Page=1&PageToken=bm9wZQ", provider.KindRejected, 1},
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

// TestCursorRoundTrip checks that every cursor the adapter makes reads
// back as itself.
func TestCursorRoundTrip(t *testing.T) {
	for _, cur := range []cursor{
		{src: srcTeXML, page: "3", token: "MTY4AjgyNDkwNzIxMQ", texmlSeen: true},
		{src: srcTeXML, token: "a+b/c"},
		{src: srcCallControl, number: 1},
		{src: srcSIPTrunking, number: 40, texmlSeen: true},
	} {
		got, err := parseCursor(cur.String(), goodCreds)
		if err != nil || got != cur {
			t.Errorf("parseCursor(%q) = %+v, %v; want %+v", cur.String(), got, err, cur)
		}
	}
}

// TestFakeIsStrict checks that the fake refuses parameters the OpenAPI
// does not document: the docs' StartTime> form, an unknown detail record
// filter, a page[size] over 50, and a detail records search without a
// record type.
func TestFakeIsStrict(t *testing.T) {
	_, h := serve(t, fake.TelnyxCalls(3, 1))
	for _, path := range []string{
		"/v2/texml/Accounts/" + testSID + "/Calls?StartTime%3E=2025-03-01",
		"/v2/detail_records?filter[record_type]=call-control&filter[started_at][gte]=2025-03-01",
		"/v2/detail_records?filter[record_type]=call-control&page[size]=51",
		"/v2/detail_records?page[size]=10",
		"/v2/phone_numbers?page[size]=251",
	} {
		req, _ := http.NewRequest(http.MethodGet, h.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+testKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, resp.StatusCode)
		}
	}
}
